"""Quoted spans from quote marks: every mark style, apostrophes told apart, nesting,
paragraphs that reopen a quote, and unbalanced marks that never run past a paragraph.

Works on the raw text only (no parse), so offsets index the original exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..paragraphs import line_number, paragraph_spans

# Mark character -> (family, direction). Direction: "open", "close", or "either".
# Families pair with themselves; "single" only counts inside a double quote or where a
# paragraph uses single marks as its outer quotes.
MARKS = {
    "\u201c": ("double", "open"),    # “  (also the closer of „…“; handled below)
    "\u201d": ("double", "close"),   # ”
    "\u201e": ("double", "open"),    # „
    "\u201f": ("double", "open"),    # ‟
    '"': ("double", "either"),
    "\u00ab": ("guillemet", "open"),   # «
    "\u00bb": ("guillemet", "close"),  # »
    "\u2018": ("single", "open"),    # ‘
    "\u2019": ("single", "close"),   # ’ (mostly an apostrophe)
    "\u201a": ("single", "open"),    # ‚
    "'": ("single", "either"),
    "\u2039": ("single", "open"),    # ‹
    "\u203a": ("single", "close"),   # ›
}
OPENING_CONTEXT = set("([{\u2014\u2013-/:") | {"\u201c", "\u201e", "\u00ab", "\u2018", '"', "'"}
CLOSING_CONTEXT = set(".,;:!?)]}\u2014\u2013-\u2026") | {"\u201d", "\u00bb", "\u2019", '"', "'"}


@dataclass(frozen=True)
class QuotedSpan:
    """Content between a pair of quote marks (marks excluded); several parts when a
    quote runs over paragraphs that each reopen it."""

    start: int
    end: int
    open_at: int  # offset of the opening mark (start - 1 for one-character marks)
    close_at: int | None  # offset of the closing mark; None when the paragraph ended first
    parts: tuple[tuple[int, int], ...]
    family: str

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def _direction(text: str, i: int, family: str, declared: str) -> str | None:
    """Decide what a mark at i does from its neighbours; None means not a quote mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if family == "single" and text[i] in "\u2019'":
        if before.isalnum() and after.isalnum():
            return None  # don't, Iran’s, rock'n'roll
        if text[i] == "'" and before.isspace() and after.isdigit():
            return None  # '90s
    if declared != "either":
        return declared
    if before == "=" or (after == ">" and family == "double"):
        return None  # markup attributes (pic="…" author="…"), not speech
    opens = before.isspace() or before in OPENING_CONTEXT
    closes = after.isspace() or after in CLOSING_CONTEXT
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if before.isalnum() and after.isalnum():
        return None  # 5"3, inches, or a word-internal apostrophe
    return "either"


DOUBLED = {"\u2019\u2019": "close", "\u2018\u2018": "open", "``": "open", "''": "either"}


def _doubled_direction(text: str, i: int, width: int, end: int) -> str:
    """Open or close for a run of straight apostrophes standing for a double mark: by its
    neighbours, and "either" (closes an open quote) when spaces stand on both sides
    ("… daylight.' ''")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < end else " "
    opens = before.isspace() or before in OPENING_CONTEXT
    closes = after.isspace() or after in CLOSING_CONTEXT
    if opens and closes:
        return "either"
    return "open" if opens else "close"


MARK_CHARACTERS = re.compile("[" + re.escape("".join(MARKS) + "`") + "]")


def _marks_in(text: str, start: int, end: int):
    """(offset, family, direction, width) of each quote mark in [start, end)."""
    i = start
    while i < end:
        found = MARK_CHARACTERS.search(text, i, end)
        if found is None:
            return
        i = found.start()
        pair = text[i:i + 2]
        if pair in DOUBLED and i + 2 < end and text[i + 2] == text[i]:
            # three in a row: a nested single quote and its double one, closed inner first
            # ("it,'''") or opened outer first
            direction = DOUBLED[pair]
            if direction == "either":
                direction = _doubled_direction(text, i, 3, end)
            if direction == "close":
                yield i, "single", "close", 1
                yield i + 1, "double", "close", 2
            else:
                yield i, "double", "open", 2
                yield i + 2, "single", "open", 1
            i += 3
            continue
        if pair in DOUBLED and i + 1 < end:
            # two single marks written for one double mark: ‘‘…’’ or ``…''
            direction = DOUBLED[pair]
            if direction == "either":
                direction = _doubled_direction(text, i, 2, end)
            yield i, "double", direction, 2
            i += 2
            continue
        spec = MARKS.get(text[i])
        if spec is not None and i > 0 and text[i - 1] == "=":
            # a markup attribute's value (pic="" author="…"): neither of its marks quotes
            line_end = min((at for at in (text.find("\n", i, end), text.find("\r", i, end)) if at != -1),
                           default=-1)
            close = text.find(text[i], i + 1, end if line_end == -1 else line_end)
            i = close + 1 if close != -1 else i + 1
            continue
        if spec is not None:
            family, declared = spec
            direction = _direction(text, i, family, declared)
            if direction is not None:
                yield i, family, direction, 1
        i += 1


# A transcript line's label: "PENCE: …" opens someone else's turn, not more of the quote before.
TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z.'\u2019 -]{1,30}:\s")


def _reopens(text: str, start: int, family: str) -> int | None:
    """Offset just after an opening mark of `family` at the start of a paragraph."""
    if family == "double" and text[start:start + 2] in ("\u2018\u2018", "``"):
        return start + 2
    spec = MARKS.get(text[start]) if start < len(text) else None
    if spec and spec[0] == family and spec[1] in ("open", "either"):
        return start + 1
    return None


def find_quoted_spans(text: str, skip: list[tuple[int, int]] | None = None,
                      paragraphs: tuple[tuple[int, int], ...] | None = None) -> list[QuotedSpan]:
    """Top-level quoted spans of `text`, in order, ignoring paragraphs inside `skip`
    (`paragraphs`: the text's, when they are known)."""
    spans: list[QuotedSpan] = []
    paragraphs = paragraphs if paragraphs is not None else paragraph_spans(text)
    skip = skip or []
    carry = None  # an open quote continued from the previous paragraph: (open_at, family, parts)
    for index, (p_start, p_end) in enumerate(paragraphs):
        if any(s <= p_start and p_end <= e for s, e in skip):
            carry = None
            continue
        open_at = family = None
        content_start = None
        parts: list[tuple[int, int]] = []
        if carry is not None:
            reopened = _reopens(text, p_start, carry[1])
            if reopened is not None:
                open_at, family, parts = carry[0], carry[1], list(carry[2])
                content_start = reopened
        carry = None
        skip_to = content_start or p_start
        for i, mark_family, direction, width in _marks_in(text, skip_to, p_end):
            if open_at is None:
                if direction in ("open", "either") and mark_family in ("double", "guillemet", "single"):
                    if mark_family == "single" and not _single_is_outer(text, i, p_end):
                        continue
                    open_at, family, content_start, parts = i, mark_family, i + width, []
                continue
            if mark_family != family:
                continue  # a nested quote of another family never closes ours
            if direction in ("close", "either"):
                parts.append((content_start, i))
                spans.append(_make_span(text, open_at, i, parts, family))
                open_at = None
            elif direction == "open" and family == "double" and text[i] == "\u201c" and text[open_at] == "\u201e":
                parts.append((content_start, i))  # „…“ German style closes with “
                spans.append(_make_span(text, open_at, i, parts, family))
                open_at = None
        if open_at is not None:
            parts.append((content_start, p_end))
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            reopened = _reopens(text, next_start, family) if next_start is not None else None
            if (reopened is not None and not TRANSCRIPT_LABEL.match(text, reopened)
                    and _straight(text[open_at]) == _straight(text[next_start])
                    and (len(parts) > 1 or _opens_quotation(text, open_at))):
                carry = (open_at, family, parts)
            else:
                spans.append(_make_span(text, open_at, None, parts, family))
    return [span for span in spans if span.end > span.start]


def _straight(mark: str) -> bool:
    """Typewriter marks (" ' `) and typographic ones (“ ‘ „ «) are two styles: a paragraph
    only continues a quote opened in its own style."""
    return mark in "\"'`"


def _opens_quotation(text: str, open_at: int) -> bool:
    """A quote that may run on into the next paragraph opens a quotation: at the start of
    its paragraph or of a sentence ('“…,” she said. “Not the parents …'), or after a colon
    or comma ("he said: “…"), not inside running text."""
    i = open_at - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in "\n\r:,\u2014.!?"


def _single_is_outer(text: str, i: int, p_end: int) -> bool:
    """A single mark opens an outer quote only if a plausible closer follows in the paragraph."""
    j = i + 1
    while j < p_end:
        ch = text[j]
        if ch in "\u2019'":
            after = text[j + 1] if j + 1 < len(text) else " "
            before = text[j - 1]
            if not (before.isalnum() and after.isalnum()) and (after.isspace() or after in CLOSING_CONTEXT or j + 1 >= p_end):
                return j - i > 1
        if ch in "\u201c\u201d\u201e\"":
            return False  # double marks inside: the single mark is an apostrophe or nested
        j += 1
    return False


def _make_span(text: str, open_at: int, close_at: int | None, parts: list[tuple[int, int]], family: str) -> QuotedSpan:
    """The span, each part without the spaces at its edges ("' ''" closing a nested quote)."""
    trimmed = []
    for start, end in parts:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        trimmed.append((start, end))
    start = trimmed[0][0]
    end = trimmed[-1][1]
    return QuotedSpan(start, end, open_at, close_at, tuple(trimmed), family)


LONG_QUOTE_WORDS = 1_000  # a note names a quote longer than this: often a mark that never closed


def quote_mark_notes(text: str, spans: list[QuotedSpan]) -> list[str]:
    """What is odd about the quote marks of a text: marks that never close (the quote then
    ends with its paragraph) and very long quotes."""
    notes = []
    unclosed = [span for span in spans if not span.closed]
    if unclosed:
        line = line_number(text, unclosed[0].open_at)
        notes.append(f"unbalanced quote marks: {len(unclosed)} quote(s) never close, the first "
                     f"at line {line}; each is taken to end with its paragraph")
    for span in spans:
        words = len(text[span.start:span.end].split())
        if words > LONG_QUOTE_WORDS:
            line = line_number(text, span.start)
            notes.append(f"a quote of {words:,} words at line {line}; check its quote marks")
            break
    return notes
