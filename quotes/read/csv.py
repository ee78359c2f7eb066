"""CSV corpora: one document a row, under a header row naming the columns. A record over
the size limit is refused alone: the rows after it are read as usual."""

from __future__ import annotations

import csv
import sys
from typing import IO, Iterator

from ..model import Document
from .base import MAX_LINE_BYTES, Fields, Notes, Reader
from .corpus import TOO_LONG_LINE, Record, TooLong, read_corpus, record_document
from .error import ReadError


def sniff_csv(head: bytes, fields: Fields) -> bool:
    """A header row that names the text column."""
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    try:
        header = next(csv.reader([first]), [])
    except csv.Error:
        header = []
    return len(header) > 1 and fields.text in (name.strip() for name in header)


def read_csv(stream: IO[bytes], where: str, fields: Fields, notes: Notes) -> Iterator[Document | ReadError]:
    return read_corpus(stream, where, fields, notes, _records)


def _bounded(lines, state: dict, oversized: list[int]) -> Iterator[str]:
    """The lines for the csv module, a record at a time. A record that grows over
    MAX_LINE_BYTES is not fed on: its lines are skipped up to its end (where its double
    quote marks balance), a stand-in closes it, and its first line goes to `oversized`."""
    size = quotes = 0  # of the record so far
    fed_quotes = 0  # of the part given to the csv module
    skipping = False
    for line in lines:
        if size == 0 and quotes == 0:
            start = state["line"]
        long = isinstance(line, TooLong)
        count = line.quotes if long else line.count('"')
        size += MAX_LINE_BYTES + 1 if long else len(line)
        quotes += count
        if not skipping and size > MAX_LINE_BYTES:
            skipping = True
            oversized.append(start)
        if not skipping:
            fed_quotes += count
            yield line
        if quotes % 2 == 0:  # the record ends with this line
            if skipping:
                yield '"\n' if fed_quotes % 2 else "x\n"
            size = quotes = fed_quotes = 0
            skipping = False
    if skipping:
        yield '"\n' if fed_quotes % 2 else "x\n"


def _records(lines, fields: Fields, state: dict) -> Iterator[Record]:
    oversized: list[int] = []
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2 * MAX_LINE_BYTES)))
    reader = csv.reader(_bounded(lines, state, oversized), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        yield 1, f"not a CSV header ({error})"
        return
    header = [name.strip() for name in header]
    if fields.text not in header:
        shown = ", ".join(header[:12]) + (", …" if len(header) > 12 else "")
        yield 0, (f"no {fields.text!r} column (the header has: {shown}); "
                  f"name the text column with --text-field")
        return
    while True:
        start = state["line"] + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, f"not valid CSV ({error})"
            continue
        if oversized and oversized[-1] >= start:
            yield oversized[-1], TOO_LONG_LINE
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header) and header.index(fields.text) >= len(row):
            yield start, f"no {fields.text!r}: the row has {len(row)} fields, the header {len(header)}"
            continue
        yield start, record_document(dict(zip(header, row)), fields)


def no_count(path: str) -> None:
    return None  # a row may span lines: counting means parsing


CSV = Reader(name="csv", suffixes=(".csv",), sniff=sniff_csv, read=read_csv, count=no_count, whole=False,
             documents="one a row, under a header row with the same column names as JSONL",
             example='id,title,text\n1,Bridge,"“We will build it,” said Lena Ortiz."\n'
                     '2,,Tom Renner said the bridge would open in May.\n')
