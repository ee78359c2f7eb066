"""Paragraph boundaries of a text, as character ranges into the original.

Text wrapped at a fixed width (a book, an e-mail: most lines short) breaks paragraphs only
at blank lines; any other text breaks them at every line break (feeds that put one
paragraph on a line, with or without blank lines between). A line break is `\n`, `\r\n`
or a lone `\r` (old Mac files): the text itself is never rewritten.
"""

from __future__ import annotations

import re
from functools import lru_cache

LINE_BREAK = re.compile(r"\r\n?|\n")
_BLANK_LINE = re.compile(r"(?:\r\n?|\n)[ \t\r\f\v\u00a0]*(?:\r\n?|\n)\s*")
_LINE_BREAK = re.compile(r"(?:\r\n?|\n)\s*")
WRAP_WIDTH = 100  # nine lines in ten no longer than this: the text is wrapped
MIN_LINES = 5


def is_wrapped(text: str) -> bool:
    lengths = sorted(len(line) for line in LINE_BREAK.split(text) if line.strip())
    if len(lengths) < MIN_LINES:
        return False
    return lengths[int(len(lengths) * 0.9)] <= WRAP_WIDTH and bool(_BLANK_LINE.search(text))


def line_number(text: str, offset: int) -> int:
    """The line (from 1) that `offset` is on."""
    return len(LINE_BREAK.findall(text, 0, offset)) + 1


@lru_cache(maxsize=16)
def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each non-empty paragraph, whitespace trimmed, in order."""
    splitter = _BLANK_LINE if is_wrapped(text) else _LINE_BREAK
    spans = []
    position = 0
    for match in splitter.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return tuple(trimmed)
