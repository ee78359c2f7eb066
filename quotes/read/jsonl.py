"""JSONL corpora: one document a line, a JSON object with at least the text field."""

from __future__ import annotations

import json
from typing import IO, Iterator

from ..model import Document
from .base import Fields, Notes, Reader
from .corpus import TOO_LONG_LINE, Record, TooLong, read_corpus, record_document
from .error import ReadError


def sniff_jsonl(head: bytes, fields: Fields) -> bool:
    return head.startswith(b"{")


def read_jsonl(stream: IO[bytes], where: str, fields: Fields, notes: Notes) -> Iterator[Document | ReadError]:
    return read_corpus(stream, where, fields, notes, _records)


def _records(lines, fields: Fields, state: dict) -> Iterator[Record]:
    for number, line in enumerate(lines, 1):
        if isinstance(line, TooLong):
            yield number, TOO_LONG_LINE
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"not JSON ({error.msg}, column {error.colno})"
            continue
        except RecursionError:
            yield number, "not usable JSON (nested too deeply)"
            continue
        if not isinstance(record, dict):
            yield number, f"a line must be a JSON object, not {type(record).__name__}"
            continue
        yield number, record_document(record, fields)


def count_lines(path: str) -> int | None:
    """Documents in a JSONL file: its lines that are not blank (a gzipped one: not counted)."""
    if path.lower().endswith(".gz"):
        return None
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1  # one error


JSONL = Reader(name="jsonl", suffixes=(".jsonl", ".ndjson"), sniff=sniff_jsonl, read=read_jsonl,
               documents="one a line: a JSON object with `text` and `id`, optionally `title`, `url`, "
                         "`published`, `source`, `author`",
               example='{"id": "1", "title": "Bridge", "text": "“We will build it,” said Lena Ortiz."}\n'
                       '{"id": "2", "text": "Tom Renner said the bridge would open in May."}\n',
               count=count_lines, whole=False)
