"""Comparing names as written: pure string functions that storage and the engine share
(no spaCy here)."""

from __future__ import annotations

# Characters no one sees: a name never holds them ("Ortiz\u200b" is "Ortiz").
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def visible(text: str) -> str:
    """`text` without zero-width, soft-hyphen and bidirectional control characters."""
    return text.translate(_INVISIBLE)


def edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


def near_spelling(a: str, b: str) -> bool:
    """One edit apart, long enough that one edit is a misspelling, same first letter."""
    a, b = a.lower(), b.lower()
    return len(a) >= 5 and len(b) >= 5 and a[0] == b[0] and edit_distance_at_most_one(a, b)
