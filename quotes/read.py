"""Documents from files, folders, stdin and JSONL corpora.

Each input yields Documents or a ReadError naming the file (and line) and the problem; one
bad input never stops the others. Text is kept exactly as decoded: offsets index it.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import Iterable, Iterator

from .model import Document

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
CORPUS_SUFFIXES = (".jsonl", ".ndjson")
SUPPORTED = TEXT_SUFFIXES + CORPUS_SUFFIXES
METADATA_FIELDS = ("title", "url", "published", "source", "author")
LEGACY_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True)
class ReadError:
    """One input that could not be read, and why, in one line."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def decode(data: bytes, where: str) -> tuple[str | None, str | None, ReadError | None]:
    """(text, encoding used when not UTF-8, error)."""
    if not data.strip():
        return None, None, ReadError(where, "empty file")
    if b"\x00" in data[:8192]:
        return None, None, ReadError(where, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None, None
    except UnicodeDecodeError:
        pass
    for encoding in LEGACY_ENCODINGS:
        try:
            return data.decode(encoding), encoding, None
        except UnicodeDecodeError:
            continue
    return None, None, ReadError(where, "not UTF-8 and no legacy encoding fits")


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and the supported files below folders named, in a stable order."""
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs.sort()
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in sorted(files):
                if name.lower().endswith(SUPPORTED) and not name.startswith("."):
                    yield os.path.join(root, name)


def read_documents(paths: Iterable[str], notes: list[str] | None = None) -> Iterator[Document | ReadError]:
    """Every document of every input, or a ReadError in its place."""
    for path in iter_paths(paths):
        yield from read_path(path, notes)


def read_path(path: str, notes: list[str] | None = None) -> Iterator[Document | ReadError]:
    if path == "-":
        data = sys.stdin.buffer.read()
        where = "<stdin>"
    else:
        where = path
        if not os.path.exists(path):
            yield ReadError(where, "no such file or folder")
            return
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            yield ReadError(where, f"cannot read ({error.strerror})")
            return
    text, encoding, error = decode(data, where)
    if error is not None:
        yield error
        return
    if encoding and notes is not None:
        notes.append(f"{where}: not UTF-8, read as {encoding}")
    if where.lower().endswith(CORPUS_SUFFIXES) or (where == "<stdin>" and _looks_like_jsonl(text)):
        yield from read_jsonl(text, where)
        return
    yield Document(id=where if where != "<stdin>" else "stdin", text=text, title=_first_line(text),
                   path=None if where == "<stdin>" else path, source=None)


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip()[:1]
    return first == "{"


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def read_jsonl(text: str, where: str) -> Iterator[Document | ReadError]:
    """One document a line: `id` and `text`, optionally title, url, published, source."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadError(f"{where}:{number}", f"not JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            yield ReadError(f"{where}:{number}", "a line must be a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield ReadError(f"{where}:{number}", "no 'text' (a non-empty string) in this record")
            continue
        doc_id = record.get("id")
        doc_id = str(doc_id) if doc_id not in (None, "") else f"{where}:{number}"
        meta = {key: (str(record[key]) if record.get(key) not in (None, "") else None) for key in METADATA_FIELDS}
        yield Document(id=doc_id, text=body, path=where if where != "<stdin>" else None, **meta)
