"""Paragraph boundaries of a text, as character ranges into the original.

A blank line separates paragraphs when the text has any; otherwise every line is one
(feeds that put one paragraph on a line).
"""

from __future__ import annotations

import re

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, whitespace trimmed, in order."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
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
    return trimmed
