"""Documents from what the user named: each file through the reader of its format, and
standard input through the reader its first bytes call for, streamed."""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from dataclasses import replace
from typing import IO, Iterable, Iterator

from ..model import Document
from .base import GZIP_SUFFIX, MAX_FILE_BYTES, SNIFF_BYTES, STDIN, Fields, Notes, stream_problem, too_big
from .error import ReadError
from .paths import iter_paths, not_a_file
from . import registry

GZIP_MAGIC = b"\x1f\x8b"


def read_documents(paths: Iterable[str], notes: Notes | None = None, fields: Fields | None = None,
                   *, keys: bool = False) -> Iterator[Document | ReadError]:
    """Every document of every input, or a ReadError in its place.

    Args:
        notes: where notes go (a list, or anything with `append`).
        fields: which JSONL key or CSV column holds what (default: `Fields()`).
        keys: give each document its database key as id: a corpus record's is
            `FILE#ID` (its file and its id), unless `fields.key` names a key column.
    """
    for path in iter_paths(paths):
        yield from read_path(path, notes, fields, keys=keys)


def read_path(path: str, notes: Notes | None = None, fields: Fields | None = None,
              *, keys: bool = False) -> Iterator[Document | ReadError]:
    """The documents of one file (or `-`, standard input)."""
    notes = notes if notes is not None else []
    fields = fields or Fields()
    items = _read_stdin(notes, fields) if path == "-" else _read_file(path, notes, fields)
    if not keys or fields.key is not None:
        yield from items
        return
    where = STDIN if path == "-" else path
    for item in items:
        yield _keyed(item, where) if isinstance(item, Document) else item


def _keyed(document: Document, where: str) -> Document:
    """A corpus record keyed by its file and its id (a file's own document is keyed by
    its path already, and a record without an id by FILE:LINE)."""
    if document.id in (where, "stdin") or document.id.startswith(where + ":"):
        return document
    return replace(document, id=f"{where}#{document.id}")


def _read_file(path: str, notes: Notes, fields: Fields) -> Iterator[Document | ReadError]:
    problem = not_a_file(path)
    if problem:
        yield ReadError(path, problem)
        return
    reader = registry.reader_for(path)
    gzipped = path.lower().endswith(GZIP_SUFFIX)
    if reader.whole and not gzipped and os.path.getsize(path) > MAX_FILE_BYTES:
        yield ReadError(path, too_big(os.path.getsize(path)))
        return
    try:
        with (gzip.open(path, "rb") if gzipped else open(path, "rb")) as stream:
            yield from _guarded(reader.read(stream, path, fields, notes), path, gzipped)
    except OSError as error:  # opening it
        yield ReadError(path, stream_problem(error, False))


def _guarded(items: Iterator, where: str, gzipped: bool) -> Iterator[Document | ReadError]:
    """The reader's documents; a stream that breaks while read whole is one error."""
    try:
        yield from items
    except (OSError, EOFError, zlib.error) as error:
        yield ReadError(where, stream_problem(error, gzipped))


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff them): those, then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _head(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first bytes of a stream that cannot seek, and a stream that still starts with them."""
    head = b""
    while len(head) < SNIFF_BYTES:
        chunk = stream.read(SNIFF_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)


def _read_stdin(notes: Notes, fields: Fields) -> Iterator[Document | ReadError]:
    """Standard input, sniffed from its first bytes (gzip, then the format) and streamed:
    a corpus has no size limit, only its records do."""
    where = STDIN
    head, stream = _head(sys.stdin.buffer)
    gzipped = head.startswith(GZIP_MAGIC)
    try:
        if gzipped:
            head, stream = _head(gzip.GzipFile(fileobj=stream, mode="rb"))
    except (OSError, EOFError, zlib.error) as error:
        yield ReadError(where, stream_problem(error, True))
        return
    reader = registry.sniff(_utf8_head(head), fields)
    yield from _guarded(reader.read(stream, where, fields, notes), where, gzipped)


def _utf8_head(head: bytes) -> bytes:
    """The head as UTF-8, for sniffing, when it is UTF-16 with a byte-order mark."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head[: len(head) // 2 * 2].decode("utf-16", "ignore").encode("utf-8")
    return head
