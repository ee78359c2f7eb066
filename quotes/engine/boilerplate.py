"""Regions of a text that are not the article (share prompts, "READ ALSO" teasers, comment
forms, repeated headlines). They are marked, never removed: offsets keep indexing the original.
"""

from __future__ import annotations

from .lexicon import boilerplate_pattern
from ..paragraphs import paragraph_spans


def boilerplate_regions(text: str, title: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each paragraph that is boilerplate, in order."""
    pattern = boilerplate_pattern()
    seen: set[str] = set()
    title_key = _key(title) if title else None
    regions = []
    for start, end in paragraph_spans(text):
        paragraph = text[start:end]
        key = _key(paragraph)
        repeated_heading = key in seen and len(paragraph) < 300 and "\n" not in paragraph
        if pattern.match(paragraph) or repeated_heading or (title_key and key == title_key and start > 0):
            regions.append((start, end))
        seen.add(key)
    return regions


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(r_start <= start and end <= r_end for r_start, r_end in regions)
