"""Spreadsheet-safe cells, for every CSV that quotes writes (`quotes export`, the site)."""

from __future__ import annotations

# A cell that starts with one of these is a formula to a spreadsheet (=HYPERLINK(…)).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
