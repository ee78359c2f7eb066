"""What JSONL and CSV corpora share: a byte stream read a line at a time (so memory stays
flat however large the corpus), records turned into documents, ids checked."""

from __future__ import annotations

import codecs
import io
import json
import zlib
from dataclasses import dataclass, replace
from typing import IO, Callable, Iterator

from ..model import Document
from .base import (MAX_DOCUMENT_CHARS, MAX_LINE_BYTES, SNIFF_BYTES, STDIN, Fields, FromId, Notes,
                   checked, stream_problem)
from .decode import binary_problem, clean_text, decode_line, utf8_stream
from .error import ReadError

Record = tuple[int, "Document | str"]  # (line number, the document or what is wrong with it)
# A field given with --field that is empty in this many first records is probably misnamed.
FIELD_CHECK_RECORDS = 100
TOO_LONG_LINE = f"line too long: a document may hold at most {MAX_DOCUMENT_CHARS:,} characters"


@dataclass(frozen=True)
class TooLong:
    """A line too long to read, skipped; how many double quote marks it held (CSV needs
    them to find where its record ends)."""

    quotes: int


class StreamError(Exception):
    """The stream broke (a truncated gzip file, a read error): the rest of the file is lost."""


def read_corpus(stream: IO[bytes], where: str, fields: Fields, notes: Notes,
                records: Callable[[Iterator, Fields, dict], Iterator[Record]]) -> Iterator[Document | ReadError]:
    """Documents of a corpus read from a byte stream, a line at a time; `records` turns
    lines into (line number, document or problem)."""
    state = {"line": 0, "blank": 0}
    try:
        stream = utf8_stream(stream)
        head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(stream, "peek") else b""
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:
        yield ReadError(where, stream_problem(error, True))
        return
    problem = binary_problem(head) if head else None
    if problem:
        yield ReadError(where, problem)
        return
    seen_ids: dict[str, int] = {}
    produced = 0
    unmatched = FieldCheck(fields, where, notes)
    try:
        for number, item in records(lines(stream, state), fields, state):
            produced += 1
            at = f"{where}:{number}" if number else where
            if isinstance(item, str):
                yield ReadError(at, item)
                continue
            unmatched.see(item)
            if item.path is None and where != STDIN:
                item = replace(item, path=where)
            if item.id is None:
                item = replace(item, id=f"{where}:{number}")
            first = seen_ids.setdefault(item.id, number)
            if first != number:
                notes.append(f"{at}: id {item.id!r} already used at line {first}; "
                             f"in a database the later one replaces it")
            yield checked(item, at, notes)
    except StreamError as error:
        produced += 1
        yield ReadError(where, str(error))
    unmatched.done()
    if not produced:
        empty = state["line"] == state["blank"]
        yield ReadError(where, "empty file" if empty else "no documents in this file")
    if "encoding" in state:
        encoding, line = state["encoding"]
        notes.append(f"{where}: not UTF-8 from line {line}; such lines read as {encoding}")


def lines(stream: IO[bytes], state: dict) -> Iterator["str | TooLong"]:
    """Decoded lines with their line endings (`\n`, `\r\n` or a lone `\r`); TooLong for a
    line too long to read."""
    # latin-1 maps each byte to one character and back: the split is on bytes, exactly
    raw_lines = io.TextIOWrapper(stream, encoding="latin-1", newline="")
    try:
        while True:
            raw = raw_lines.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            state["line"] += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(_ENDS):
                quotes = raw.count('"')
                while raw and not raw.endswith(_ENDS):  # skip the rest of this line
                    raw = raw_lines.readline(MAX_LINE_BYTES + 1)
                    quotes += raw.count('"')
                yield TooLong(quotes)
                continue
            data = raw.encode("latin-1")
            if state["line"] == 1 and data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8):]
            if not data.strip():
                state["blank"] += 1
            yield decode_line(data, state)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:
        raise StreamError(f"stopped reading at line {state['line'] + 1}: "
                          f"{stream_problem(error, True)}") from None
    finally:
        if not stream.closed:  # (a run stopped midway may have closed it already)
            raw_lines.detach()


_ENDS = ("\n", "\r")


class FieldCheck:
    """Notes a field the user named (--field NAME=COLUMN) that is empty in every one of the
    first FIELD_CHECK_RECORDS documents: a misspelt key, or a nested one written without its
    path (`meta.outlet`), would otherwise store nothing and say nothing."""

    def __init__(self, fields: Fields, where: str, notes: Notes):
        self.where, self.notes, self.seen = where, notes, 0
        self.waiting = dict(fields.given())

    def see(self, document: Document) -> None:
        if not self.waiting or self.seen >= FIELD_CHECK_RECORDS:
            return
        self.seen += 1
        for name in [n for n in self.waiting if getattr(document, n) is not None]:
            del self.waiting[name]
        if self.seen == FIELD_CHECK_RECORDS:
            self.done()

    def done(self) -> None:
        if not self.seen:
            return
        for name, source in self.waiting.items():
            shown = f"id:{source.pattern.pattern}" if isinstance(source, FromId) else source
            hint = ("" if isinstance(source, FromId) or "." in source
                    else "; a key inside an object is written with dots (meta.outlet)")
            self.notes.append(f"{self.where}: --field {name}={shown} matched nothing in the first "
                              f"{self.seen:,} record(s){hint}")
        self.waiting = {}


def field_value(record: dict, name: str):
    """The value of a JSONL key or CSV column; a dotted name (`meta.outlet`) is a path into
    nested objects when no key is written so."""
    if name in record:
        return record[name]
    if "." not in name:
        return None
    value = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def record_document(record: dict, fields: Fields) -> Document | str:
    """A document from a JSONL object or CSV row (id None when it has none), or the problem."""
    body = field_value(record, fields.text)
    if body is None:
        return f"no {fields.text!r} in this record"
    if not isinstance(body, str):
        return f"{fields.text!r} is not a string"
    if not body.strip():
        return f"{fields.text!r} is empty"
    record_id = _scalar(field_value(record, fields.id))
    if fields.key is not None:
        record_id = _scalar(field_value(record, fields.key))
        if record_id is None:
            return f"no {fields.key!r} (the key field) in this record"
    meta = {name: (source.value(record_id) if isinstance(source, FromId) else _scalar(field_value(record, source)))
            for name, source in fields.metadata().items()}
    return Document(id=record_id, text=body, **meta)


def _scalar(value) -> str | None:
    """A metadata value as one line of text (lists joined, objects as JSON), or None."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list) and all(not isinstance(v, (list, dict)) for v in value):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    text, _ = clean_text(" ".join(str(value).split()))
    return text or None
