"""What every reader shares: the limits, the error record, the corpus field names, and the
checks a document's text must pass."""

from __future__ import annotations

import re
import signal
import threading
from dataclasses import dataclass, fields as dataclass_fields, replace
from typing import Callable, IO, Iterable, Iterator, Protocol

from ..model import Document
from .decode import clean_text
from .error import ReadError

# Limits. A document over MAX_DOCUMENT_CHARS (about 80,000 words, ten long features) is
# refused: parse time and memory grow faster than the text. Single-document files over
# MAX_FILE_BYTES are refused before they are read; corpora are streamed a line at a time.
MAX_DOCUMENT_CHARS = 500_000
MAX_FILE_BYTES = 20_000_000
MAX_LINE_BYTES = 4 * MAX_DOCUMENT_CHARS + 1_000_000
SNIFF_BYTES = 8192
GZIP_SUFFIX = ".gz"
STDIN = "<stdin>"


class Notes(Protocol):
    """Where readers put their notes: a list, or anything with `append` (a stream)."""

    def append(self, note: str) -> None: ...


PATTERN_SECONDS = 1.0  # the longest a --field id:PATTERN may take on one id


class SlowPattern(ValueError):
    """A --field id:PATTERN that took longer than PATTERN_SECONDS on an id: one that
    backtracks without end (a repeat inside a repeat, `(a+)+$`). It stops the run: every
    record would take as long. The message is one line for the user."""


class _Expired(Exception):
    pass


@dataclass(frozen=True)
class FromId:
    """A metadata value taken from a part of the record's id: the first group of `pattern`
    (or the whole match when it has no group). `option` is the option that gave it, for
    messages."""

    pattern: re.Pattern
    option: str = ""

    def value(self, record_id: str | None) -> str | None:
        found = self._search(record_id or "")
        if found is None:
            return None
        return (found.group(1) if self.pattern.groups else found.group(0)) or None

    def _search(self, text: str) -> re.Match | None:
        """`pattern.search(text)`, given at most PATTERN_SECONDS (in the main thread, where a
        timer signal can stop it: Python's matcher checks for signals as it goes)."""
        if threading.current_thread() is not threading.main_thread():
            return self.pattern.search(text)

        def expired(signum, frame):
            raise _Expired

        previous = signal.signal(signal.SIGALRM, expired)
        try:
            try:
                signal.setitimer(signal.ITIMER_REAL, PATTERN_SECONDS)
                return self.pattern.search(text)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Expired:
            shown = text if len(text) <= 60 else text[:57] + "..."
            raise SlowPattern(f"--field {self.option or self.pattern.pattern}: matching the id {shown!r} "
                              f"took more than {PATTERN_SECONDS:g} s; the pattern backtracks without "
                              f"end (as a repeat inside a repeat, like (a+)+, does): simplify it") from None
        finally:
            signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Fields:
    """Which JSONL key or CSV column holds each part of a document.

    `key` names a column whose value is unique across every corpus (a URL, a GUID): the
    database then keys the record by it alone. Without it a record is keyed by its file and
    its id, so two feeds that both number their records 1, 2, … never meet.
    A metadata field may be a `FromId`: a part of the id, cut out with a pattern. A dotted
    name (`meta.outlet`) reads a key inside a JSON object when no key is written so.
    """

    id: str = "id"
    text: str = "text"
    title: str | FromId = "title"
    url: str | FromId = "url"
    published: str | FromId = "published"
    source: str | FromId = "source"
    author: str | FromId = "author"
    key: str | None = None

    @classmethod
    def from_options(cls, text: str | None = None, id: str | None = None,
                     pairs: Iterable[str] = ()) -> "Fields":
        """Fields from `--text-field`, `--id-field` and `--field NAME=COLUMN` options.
        `--field NAME=id:PATTERN` takes NAME from the part of the id that PATTERN's first
        group matches (e.g. `published=id:_(\\d{4}-\\d{2}-\\d{2})_`).

        Raises:
            ValueError: a pair that is not NAME=COLUMN, an unknown NAME, a bad PATTERN.
        """
        chosen: dict = {}
        names = [f.name for f in dataclass_fields(cls) if f.name not in ("id", "text")]
        for pair in pairs:
            name, sep, column = pair.partition("=")
            name, column = name.strip(), column.strip()
            if not sep or not column or name not in names:
                raise ValueError(f"{pair!r}: expected NAME=COLUMN or NAME=id:PATTERN with NAME "
                                 f"one of {', '.join(names)}")
            if column.startswith("id:") and name != "key":
                try:
                    chosen[name] = FromId(re.compile(column[3:]), f"{name}={column}")
                except re.error as error:
                    raise ValueError(f"{pair!r}: not a usable pattern ({error})") from None
                continue
            chosen[name] = column
        if text:
            chosen["text"] = text
        if id:
            chosen["id"] = id
        return replace(cls(), **chosen)

    def given(self) -> dict[str, "str | FromId"]:
        """The metadata fields chosen with --field (those that differ from the defaults)."""
        default = Fields().metadata()
        return {name: source for name, source in self.metadata().items() if source != default[name]}

    def metadata(self) -> dict[str, "str | FromId"]:
        """Document attribute -> key or column (or a part of the id), for the optional parts."""
        return {"title": self.title, "url": self.url, "published": self.published,
                "source": self.source, "author": self.author}


@dataclass(frozen=True)
class Reader:
    """One input format. Adding a format is one module that defines a Reader, and one line
    in `registry.READERS`.

    Attributes:
        name: what the format is called in messages and help ("jsonl").
        suffixes: file names it reads (".jsonl", ".ndjson"); ".gz" of each comes for free.
        sniff: (first bytes, fields) -> True when standard input looks like this format.
        read: (byte stream, where, fields, notes) -> Documents or ReadErrors, in order.
        count: path -> how many documents the file holds, or None when that is not cheap.
        whole: reads its input whole (at most MAX_FILE_BYTES), rather than streaming it.
        documents: what one document of the format is, in a few words (the README's
            table of formats shows it).
        example: a small input of the format, read in a test (and recognised on stdin).
    """

    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes, Fields], bool]
    read: Callable[[IO[bytes], str, Fields, Notes], Iterator["Document | ReadError"]]
    count: Callable[[str], "int | None"]
    whole: bool
    documents: str
    example: str


def too_big(size: int | None) -> str:
    shown = f" ({size / 1_000_000:.1f} MB)" if size else ""
    return (f"too large{shown}: a document may hold at most {MAX_DOCUMENT_CHARS:,} characters "
            f"and a file {MAX_FILE_BYTES // 1_000_000} MB; split it")


def stream_problem(error: BaseException, gzipped: bool) -> str:
    if gzipped and not isinstance(error, (FileNotFoundError, PermissionError, IsADirectoryError)):
        return f"not a valid gzip file ({error or 'truncated'})"
    reason = getattr(error, "strerror", None) or str(error)
    return f"cannot read ({reason})"


def read_whole(stream: IO[bytes], where: str) -> bytes | ReadError:
    """All of a single-document input, or the error when it is over the limit."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return ReadError(where, too_big(None))
    return data


def one_document(path: str) -> int:
    return 1


def first_line(text: str) -> str | None:
    """The first line with words, for a title (Markdown's # set aside)."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return None


def checked(document: Document, where: str, notes: Notes) -> Document | ReadError:
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
