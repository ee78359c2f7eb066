"""Numbers read from an address: a row id is ASCII digits that fit SQLite's 64-bit integer,
anything else is no id (the page answers 404 or ignores it, never 500)."""

from __future__ import annotations

import re

MAX_ROW_ID = 2 ** 63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def row_id(value) -> int | None:
    """The id written in `value`, or None: not ASCII digits ('²', '١', '-1', '1.0'), or
    past SQLite's largest integer."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if number <= MAX_ROW_ID else None
