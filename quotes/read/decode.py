"""Bytes to text: the encoding of a file or of a corpus line, what is binary, and the
characters blanked one for one (so offsets still index the text)."""

from __future__ import annotations

import codecs
import io
import re
from typing import IO

from .error import ReadError

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
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Characters blanked to a space, one for one so offsets hold: C0/C1 controls other than
# tab and line breaks, and the bidirectional embeddings, overrides and isolates, which
# can make a quote display in an order other than the one it was written in.
BLANKED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def decode(data: bytes, where: str):
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


def looks_utf16(head: bytes) -> bool:
    """Mostly Latin text in UTF-16 without a byte-order mark: every other byte is NUL."""
    pairs = len(head) // 2
    if pairs < 2:
        return False
    for zero in (0, 1):
        if head[zero::2][:pairs].count(0) >= 0.9 * pairs and head[1 - zero::2][:pairs].count(0) == 0:
            return True
    return False


def binary_problem(data: bytes) -> str | None:
    """Why these bytes are not text, or None."""
    for signature, name in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return f"binary file ({name}), not text"
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        if looks_utf16(head):
            return "UTF-16 text without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)"
        return "binary file (NUL bytes), not text"
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    if controls > 0.1 * len(head):
        return "binary file (mostly control bytes), not text"
    return None


def decode_line(raw: bytes, state: dict) -> str:
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


class _Recoded(io.RawIOBase):
    """A UTF-16 byte stream as UTF-8 bytes, so a corpus reader reads it a line at a time."""

    def __init__(self, stream: IO[bytes]):
        self._text = io.TextIOWrapper(stream, encoding="utf-16", newline="")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = self._text.read(16384)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8", "surrogatepass")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def utf8_stream(stream: IO[bytes]) -> IO[bytes]:
    """The stream itself, or its UTF-8 recoding when it starts with a UTF-16 byte-order mark
    (Excel's "Unicode text" and some exports)."""
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if head in UTF16_BOMS:
        return io.BufferedReader(_Recoded(stream))
    return stream
