"""Regions of a text that are not the article (share prompts, "READ ALSO" teasers, comment
forms, repeated headlines), and photo captions. They are marked, never removed: offsets keep
indexing the original.
"""

from __future__ import annotations

from .lexicon import boilerplate_pattern, caption_pattern
from ..paragraphs import paragraph_spans


def boilerplate_regions(text: str, title: str | None = None,
                        paragraphs: tuple[tuple[int, int], ...] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each paragraph that is boilerplate, in order (`paragraphs`: the
    text's, when they are known)."""
    pattern = boilerplate_pattern()
    seen: set[str] = set()
    title_key = _key(title) if title else None
    regions = []
    for start, end in paragraphs if paragraphs is not None else paragraph_spans(text):
        paragraph = text[start:end]
        key = _key(paragraph)
        repeated_heading = key in seen and len(paragraph) < 300 and "\n" not in paragraph
        if pattern.match(paragraph) or repeated_heading or (title_key and key == title_key and start > 0):
            regions.append((start, end))
        seen.add(key)
    return regions


def caption_regions(text: str, paragraphs: tuple[tuple[int, int], ...] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each paragraph that is a photo caption ("Lena Ortiz, left, and …"):
    no statements, and the people it names point no pronoun back to them; but the names
    it gives in full still join the article's shorter ones."""
    pattern = caption_pattern()
    return [(start, end) for start, end in (paragraphs if paragraphs is not None else paragraph_spans(text))
            if pattern.search(text, start, end) is not None and not _quoted(text[start:end])]


def _quoted(paragraph: str) -> bool:
    return any(mark in paragraph for mark in "\"\u201c\u201d")


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(r_start <= start and end <= r_end for r_start, r_end in regions)
