"""Documents from files, folders, glob patterns, stdin, HTML pages and JSONL/CSV corpora,
plain or gzipped.

Each input yields Documents or a ReadError naming the file (and line) and the problem; one
bad input never stops the others. Notes (an encoding guessed, control characters blanked,
unbalanced quote marks) go to the `notes` list and never stop a document. A text is kept as
decoded, character for character: offsets index it.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import csv
import glob
import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import zlib
from dataclasses import dataclass, fields as dataclass_fields, replace
from typing import IO, Iterable, Iterator

from .model import Document

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")  # one plain-text document a file
HTML_SUFFIXES = (".html", ".htm")  # one web page a file: its article text
CORPUS_SUFFIXES = (".jsonl", ".ndjson")  # one JSON document a line
CSV_SUFFIXES = (".csv",)  # one document a row, under a header row
GZIP_SUFFIX = ".gz"
_PLAIN = TEXT_SUFFIXES + HTML_SUFFIXES + CORPUS_SUFFIXES + CSV_SUFFIXES
SUPPORTED = _PLAIN + tuple(suffix + GZIP_SUFFIX for suffix in _PLAIN)

# Limits. A document over MAX_DOCUMENT_CHARS (about 80,000 words, ten long features) is
# refused: parse time and memory grow faster than the text. Single-document files over
# MAX_FILE_BYTES are refused before they are read; corpora are streamed a line at a time.
MAX_DOCUMENT_CHARS = 500_000
MAX_FILE_BYTES = 20_000_000
MAX_LINE_BYTES = 4 * MAX_DOCUMENT_CHARS + 1_000_000
MIN_ARTICLE_WORDS = 10  # an HTML page whose article text is shorter has no article

LEGACY_ENCODINGS = ("cp1252", "latin-1")
SNIFF_BYTES = 8192
BINARY_SIGNATURES = {
    b"%PDF-": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.odt/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x7fELF": "a program",
    b"SQLite format 3\x00": "a SQLite database",
}
GZIP_MAGIC = b"\x1f\x8b"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Characters blanked to a space, one for one so offsets hold: C0/C1 controls other than
# tab and line breaks, and the bidirectional embeddings, overrides and isolates, which
# can make a quote display in an order other than the one it was written in.
BLANKED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())  # no "discarding data" on stderr


@dataclass(frozen=True)
class ReadError:
    """One input that could not be read, and why, in one line."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass(frozen=True)
class Fields:
    """Which JSONL key or CSV column holds each part of a document."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    source: str = "source"
    author: str = "author"

    @classmethod
    def from_options(cls, text: str | None = None, id: str | None = None,
                     pairs: Iterable[str] = ()) -> "Fields":
        """Fields from `--text-field`, `--id-field` and `--field NAME=COLUMN` options.

        Raises:
            ValueError: a pair that is not NAME=COLUMN, or an unknown NAME.
        """
        chosen = {}
        names = [f.name for f in dataclass_fields(cls)]
        for pair in pairs:
            name, sep, column = pair.partition("=")
            name, column = name.strip(), column.strip()
            if not sep or not column or name not in names:
                raise ValueError(f"{pair!r}: expected NAME=COLUMN with NAME one of {', '.join(names)}")
            chosen[name] = column
        if text:
            chosen["text"] = text
        if id:
            chosen["id"] = id
        return replace(cls(), **chosen)

    def metadata(self) -> dict[str, str]:
        """Document attribute -> key or column, for the optional parts."""
        return {"title": self.title, "url": self.url, "published": self.published,
                "source": self.source, "author": self.author}


_FIELDS: contextvars.ContextVar[Fields] = contextvars.ContextVar("quotes_read_fields", default=Fields())


@contextlib.contextmanager
def use_fields(fields: Fields | None) -> Iterator[None]:
    """Read corpora with these fields inside the block, for callers that reach
    `read_documents` through another function (`quotes.ingest.ingest`)."""
    token = _FIELDS.set(fields or Fields())
    try:
        yield
    finally:
        _FIELDS.reset(token)


# ---------------------------------------------------------------------------- paths


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, the supported files below folders named, and the files a glob pattern
    matches (when the shell left it unexpanded), each once, in a stable order. A name that
    matches nothing is passed on for `read_path` to report."""
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            yield path
            continue
        for found in _expand(path):
            if not os.path.isdir(found):
                yield from _once(found, seen)
                continue
            empty = True
            for root, dirs, files in os.walk(found):
                dirs.sort()
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in sorted(files):
                    if name.lower().endswith(SUPPORTED) and not name.startswith("."):
                        empty = False
                        yield from _once(os.path.join(root, name), seen)
            if empty:
                yield found  # for read_path to report


def _expand(path: str) -> list[str]:
    if os.path.exists(path) or not _is_pattern(path):
        return [path]
    return sorted(glob.glob(path, recursive=True)) or [path]


def _is_pattern(path: str) -> bool:
    return any(char in path for char in "*?[")


def _once(path: str, seen: set[str]) -> Iterator[str]:
    key = os.path.realpath(path) if os.path.exists(path) else path
    if key not in seen:
        seen.add(key)
        yield path


def read_documents(paths: Iterable[str], notes: list[str] | None = None,
                   fields: Fields | None = None) -> Iterator[Document | ReadError]:
    """Every document of every input, or a ReadError in its place."""
    fields = fields or _FIELDS.get()
    for path in iter_paths(paths):
        yield from read_path(path, notes, fields)


def _kind(name: str) -> str:
    """text, html, jsonl or csv, from a file name (a trailing .gz set aside)."""
    name = name.lower()
    if name.endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(CORPUS_SUFFIXES):
        return "jsonl"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    return "text"


def read_path(path: str, notes: list[str] | None = None,
              fields: Fields | None = None) -> Iterator[Document | ReadError]:
    """The documents of one file (or `-`, standard input)."""
    notes = notes if notes is not None else []
    fields = fields or _FIELDS.get()
    if path == "-":
        yield from _read_stdin(notes, fields)
        return
    problem = _not_a_file(path)
    if problem:
        yield ReadError(path, problem)
        return
    kind = _kind(path)
    gzipped = path.lower().endswith(GZIP_SUFFIX)
    try:
        if kind in ("jsonl", "csv"):
            with _open_stream(path, gzipped) as stream:
                yield from _read_corpus(stream, path, kind, notes, fields)
            return
        if not gzipped and os.path.getsize(path) > MAX_FILE_BYTES:
            yield ReadError(path, _too_big(os.path.getsize(path)))
            return
        with _open_stream(path, gzipped) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        yield ReadError(path, _stream_problem(error, gzipped))
        return
    if len(data) > MAX_FILE_BYTES:
        yield ReadError(path, _too_big(None))
        return
    yield from _read_single(data, path, kind, notes)


def _not_a_file(path: str) -> str | None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or folder" + (" (and no file matches this pattern)" if _is_pattern(path) else "")
    except OSError as error:
        return f"cannot read ({error.strerror})"
    if stat.S_ISDIR(mode):
        return "no file to read in this folder (.txt, .md, .html, .htm, .jsonl, .ndjson, .csv, or .gz of them)"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None


def _open_stream(path: str, gzipped: bool) -> IO[bytes]:
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def _stream_problem(error: BaseException, gzipped: bool) -> str:
    if gzipped and not isinstance(error, (FileNotFoundError, PermissionError, IsADirectoryError)):
        return f"not a valid gzip file ({error or 'truncated'})"
    reason = getattr(error, "strerror", None) or str(error)
    return f"cannot read ({reason})"


def _too_big(size: int | None) -> str:
    shown = f" ({size / 1_000_000:.1f} MB)" if size else ""
    return (f"too large{shown}: a document may hold at most {MAX_DOCUMENT_CHARS:,} characters "
            f"and a file {MAX_FILE_BYTES // 1_000_000} MB; split it")


def _read_stdin(notes: list[str], fields: Fields) -> Iterator[Document | ReadError]:
    where = "<stdin>"
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield ReadError(where, _too_big(None))
        return
    if data.startswith(GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                data = unzipped.read(MAX_FILE_BYTES + 1)
        except (OSError, EOFError, zlib.error) as error:
            yield ReadError(where, _stream_problem(error, True))
            return
        if len(data) > MAX_FILE_BYTES:
            yield ReadError(where, _too_big(None))
            return
    kind = _sniff(data, fields)
    if kind in ("jsonl", "csv"):
        yield from _read_corpus(io.BytesIO(data), where, kind, notes, fields)
    else:
        yield from _read_single(data, where, kind, notes)


def _sniff(data: bytes, fields: Fields) -> str:
    """The format of standard input: JSONL (an object first), HTML (a doctype or html tag
    first), CSV (a header row naming the text column), else text."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "jsonl"
    if head.lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    try:
        header = next(csv.reader([first]), [])
    except csv.Error:
        header = []
    if len(header) > 1 and fields.text in (name.strip() for name in header):
        return "csv"
    return "text"


# ---------------------------------------------------------------------------- decoding


def decode(data: bytes, where: str) -> tuple[str | None, str | None, ReadError | None]:
    """(text, encoding used when not UTF-8, error) of a whole file.

    UTF-8 (with or without a byte-order mark) first, UTF-16 when a byte-order mark says so,
    then cp1252 for mostly-Latin text, then charset-normalizer's guess, then latin-1.
    """
    if not data.strip():
        return None, None, ReadError(where, "empty file")
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError:
            pass
    problem = binary_problem(data)
    if problem:
        return None, None, ReadError(where, problem)
    try:
        return data.decode("utf-8-sig"), None, None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if sum(ord(c) > 127 for c in text) <= 0.3 * len(text):
            return text, "cp1252", None
    except UnicodeDecodeError:
        pass
    guess = _charset_guess(data)
    if guess is not None:
        return guess[0], guess[1], None
    return data.decode("latin-1"), "latin-1", None


def _charset_guess(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def binary_problem(data: bytes) -> str | None:
    """Why these bytes are not text, or None."""
    for signature, name in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return f"binary file ({name}), not text"
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "binary file (NUL bytes), not text"
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    if controls > 0.1 * len(head):
        return "binary file (mostly control bytes), not text"
    return None


def _decode_line(raw: bytes, state: dict) -> str:
    """One line of a corpus: UTF-8, else the first legacy encoding that fits (noted once)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in LEGACY_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        state.setdefault("encoding", (encoding, state["line"]))
        return text
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def clean_text(text: str) -> tuple[str, int]:
    """The text with control characters, bidirectional overrides and lone surrogates
    replaced one for one (offsets hold), and how many were replaced."""
    cleaned, replaced = BLANKED.subn(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " ", text)
    return cleaned, replaced


# ---------------------------------------------------------------------------- one document


def _read_single(data: bytes, where: str, kind: str, notes: list[str]) -> Iterator[Document | ReadError]:
    path = None if where == "<stdin>" else where
    doc_id = "stdin" if where == "<stdin>" else where
    if kind == "html":
        yield _read_html(data, where, doc_id, path, notes)
        return
    text, encoding, error = decode(data, where)
    if error is not None:
        yield error
        return
    if encoding:
        notes.append(f"{where}: not UTF-8; read as {encoding}")
    yield _checked(Document(id=doc_id, text=text, title=_first_line(text), path=path), where, notes)


def _read_html(data: bytes, where: str, doc_id: str, path: str | None, notes: list[str]) -> Document | ReadError:
    """The article of a web page (trafilatura), with its title, date, author, canonical URL
    and site name. The document text is the extracted article text."""
    if not data.strip():
        return ReadError(where, "empty file")
    problem = binary_problem(data)
    if problem:
        return ReadError(where, problem)
    import trafilatura

    try:
        page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                           favor_precision=True)
    except Exception as error:  # a parser failure is this file's problem, not the run's
        return ReadError(where, f"cannot parse this HTML ({type(error).__name__}: {error})")
    text = (getattr(page, "text", None) or "").strip() if page is not None else ""
    if sum(1 for word in text.split() if any(c.isalnum() for c in word)) < MIN_ARTICLE_WORDS:
        return ReadError(where, "no article text found in this HTML page")
    document = Document(
        id=doc_id, text=text, title=_meta(page, "title"), url=_meta(page, "url"),
        published=_meta(page, "date"), source=_meta(page, "sitename") or _meta(page, "hostname"),
        author=_meta(page, "author"), path=path,
    )
    return _checked(document, where, notes)


def _meta(page, name: str) -> str | None:
    value = getattr(page, name, None)
    if not value:
        return None
    return " ".join(str(value).split())[:1000] or None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return None


def _checked(document: Document, where: str, notes: list[str]) -> Document | ReadError:
    """The document, or a ReadError when its text cannot be used; notes what is odd in it."""
    text = document.text
    if not text.strip():
        return ReadError(where, "empty text")
    if len(text) > MAX_DOCUMENT_CHARS:
        return ReadError(where, f"too long ({len(text):,} characters): a document may hold at "
                                f"most {MAX_DOCUMENT_CHARS:,}; split it")
    if not any(c.isalnum() for c in text):
        return ReadError(where, "no words, only punctuation, quote marks or symbols")
    text, replaced = clean_text(text)
    if replaced:
        notes.append(f"{where}: {replaced} control or bidirectional-override character(s) "
                     f"replaced by spaces")
        title = clean_text(document.title)[0] if document.title else None
        document = replace(document, text=text, title=title)
    return document


# ---------------------------------------------------------------------------- corpora


def _read_corpus(stream: IO[bytes], where: str, kind: str, notes: list[str],
                 fields: Fields) -> Iterator[Document | ReadError]:
    """Documents of a JSONL or CSV corpus read from a byte stream, a line at a time."""
    state = {"line": 0, "blank": 0}
    try:
        head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(stream, "peek") else b""
    except (OSError, EOFError, zlib.error) as error:
        yield ReadError(where, _stream_problem(error, True))
        return
    problem = binary_problem(head) if head else None
    if problem:
        yield ReadError(where, problem)
        return
    lines = _lines(stream, state)
    records = _jsonl_records(lines, fields) if kind == "jsonl" else _csv_records(lines, fields, state)
    seen_ids: dict[str, int] = {}
    produced = 0
    try:
        for number, item in records:
            produced += 1
            at = f"{where}:{number}" if number else where
            if isinstance(item, str):
                yield ReadError(at, item)
                continue
            if item.path is None and where != "<stdin>":
                item = replace(item, path=where)
            if item.id is None:
                item = replace(item, id=f"{where}:{number}")
            first = seen_ids.setdefault(item.id, number)
            if first != number:
                notes.append(f"{at}: id {item.id!r} already used at line {first}; "
                             f"in a database the later one replaces it")
            yield _checked(item, at, notes)
    except _StreamError as error:
        produced += 1
        yield ReadError(where, str(error))
    if not produced:
        empty = state["line"] == state["blank"]
        yield ReadError(where, "empty file" if empty else "no documents in this file")
    if "encoding" in state:
        encoding, line = state["encoding"]
        notes.append(f"{where}: not UTF-8 from line {line}; such lines read as {encoding}")


class _StreamError(Exception):
    """The stream broke (a truncated gzip file, a read error): the rest of the file is lost."""


def _lines(stream: IO[bytes], state: dict) -> Iterator[str | None]:
    """Decoded lines with their line endings; None for a line too long to read."""
    try:
        while True:
            raw = stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            state["line"] += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of this line
                    raw = stream.readline(MAX_LINE_BYTES + 1)
                yield None
                continue
            if state["line"] == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                state["blank"] += 1
            yield _decode_line(raw, state)
    except (OSError, EOFError, zlib.error) as error:
        raise _StreamError(f"stopped reading at line {state['line'] + 1}: "
                           f"{_stream_problem(error, True)}") from None


Record = tuple[int, "Document | str"]  # (line number, the document or what is wrong with it)


def _jsonl_records(lines: Iterator[str | None], fields: Fields) -> Iterator[Record]:
    """One document a line: a JSON object with at least the text field."""
    for number, line in enumerate(lines, 1):
        if line is None:
            yield number, _TOO_LONG_LINE
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
        yield number, _record_document(record, fields)


def _csv_records(lines: Iterator[str | None], fields: Fields, state: dict) -> Iterator[Record]:
    """One document a row under a header row naming the columns."""
    too_long: list[int] = []

    def usable():
        for line in lines:
            if line is None:
                too_long.append(state["line"])
                yield "\n"
            else:
                yield line

    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_BYTES))
    reader = csv.reader(usable(), strict=True)
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
        if too_long and too_long[-1] >= start:
            yield too_long[-1], _TOO_LONG_LINE
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header) and header.index(fields.text) >= len(row):
            yield start, f"no {fields.text!r}: the row has {len(row)} fields, the header {len(header)}"
            continue
        yield start, _record_document(dict(zip(header, row)), fields)


_TOO_LONG_LINE = f"line too long: a document may hold at most {MAX_DOCUMENT_CHARS:,} characters"


def _record_document(record: dict, fields: Fields) -> Document | str:
    """A document from a JSONL object or CSV row (id None when it has none), or the problem."""
    body = record.get(fields.text)
    if body is None:
        return f"no {fields.text!r} in this record"
    if not isinstance(body, str):
        return f"{fields.text!r} is not a string"
    if not body.strip():
        return f"{fields.text!r} is empty"
    meta = {name: _scalar(record.get(key)) for name, key in fields.metadata().items()}
    return Document(id=_scalar(record.get(fields.id)), text=body, **meta)


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
