"""The input formats, in one list. Path expansion, standard input, the messages and the
CLI help all go through it: a new format is one module and one line here."""

from __future__ import annotations

from .base import GZIP_SUFFIX, Fields, Reader
from .csv import CSV
from .html import HTML
from .jsonl import JSONL
from .text import TEXT

READERS: tuple[Reader, ...] = (TEXT, HTML, JSONL, CSV)
# A file named on the command line is read as text whatever its name, and standard input
# is text when no other reader claims its first bytes.
DEFAULT = TEXT



def supported() -> tuple[str, ...]:
    """The file names read inside a folder: each reader's suffixes, plain or gzipped."""
    plain = tuple(suffix for reader in READERS for suffix in reader.suffixes)
    return plain + tuple(suffix + GZIP_SUFFIX for suffix in plain)


SUPPORTED = supported()  # as the registry stands at import


def reader_for(name: str) -> Reader:
    """The reader of a file, by its name (a trailing .gz set aside)."""
    name = name.lower()
    if name.endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return next((reader for reader in READERS if name.endswith(reader.suffixes)), DEFAULT)


def sniff(head: bytes, fields: Fields) -> Reader:
    """The reader for standard input, from its first bytes."""
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return next((reader for reader in READERS if reader is not DEFAULT and reader.sniff(head, fields)),
                DEFAULT)


def describe_supported() -> str:
    """The file names a folder is searched for, for messages and help."""
    return ", ".join(suffix for reader in READERS for suffix in reader.suffixes) + ", or .gz of them"
