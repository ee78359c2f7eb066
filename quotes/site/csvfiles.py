"""Every CSV the site serves, made safe for spreadsheets and named for what it holds.

Datasette writes its CSV (tables, views, canned queries, streamed or not) itself; the site
rewrites the response as it passes: a text cell a spreadsheet would run as a formula (one
that starts with = + - @, a tab or a carriage return) gets a leading apostrophe, as in
`quotes export`, and a downloaded file of statements is named after the speaker or the
search (`statements-maria-lindqvist-harbour.csv`) instead of `statements.csv`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

from ..cells import FORMULA_STARTS, neutralise

_FORMULA_BYTES = tuple(s.encode() for s in FORMULA_STARTS)


class SafeCells:
    """Rewrites a CSV byte stream a record at a time: `feed` returns the complete records
    received so far, each formula cell neutralised; `close` returns the rest. A record that
    needs no change passes through byte for byte."""

    def __init__(self):
        self.buffer = b""
        self.scanned = 0
        self.quoted = False

    def feed(self, data: bytes) -> bytes:
        self.buffer += data
        # `quoted` is the state at `scanned`: inside a quoted cell or not ("" inside a cell
        # toggles it twice). A line break outside quotes ends a record.
        end, position = None, self.scanned
        while True:
            line_end = self.buffer.find(b"\n", position)
            if line_end < 0:
                break
            if self.buffer.count(b'"', position, line_end) % 2:
                self.quoted = not self.quoted
            if not self.quoted:
                end = line_end + 1
            position = line_end + 1
        self.scanned = position
        if end is None:
            return b""
        done, self.buffer = self.buffer[:end], self.buffer[end:]
        self.scanned -= end
        return self._safe(done)

    def close(self) -> bytes:
        rest, self.buffer, self.scanned = self.buffer, b"", 0
        return self._safe(rest) if rest.endswith(b"\n") else rest

    @staticmethod
    def _safe(records: bytes) -> bytes:
        if not _may_hold_formula(records):
            return records
        text = records.decode("utf-8", errors="surrogateescape")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in csv.reader(io.StringIO(text, newline="")):
            writer.writerow([neutralise(cell) for cell in row])
        return out.getvalue().encode("utf-8", errors="surrogateescape")


def _may_hold_formula(records: bytes) -> bool:
    """Cheap test: a formula start at the start of the data, after a comma, a quote or a
    line break (only such records are parsed and written again)."""
    for start in _FORMULA_BYTES:
        if records.startswith(start) or records.startswith(b'"' + start):
            return True
        for before in (b",", b'"', b"\n"):
            if before + start in records:
                return True
    return False


def is_csv_path(path: str) -> bool:
    return path.partition("?")[0].endswith(".csv")


def slug(text: str, limit: int = 50) -> str:
    """A file-name part: ASCII letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")


def file_name(table: str, parts: list[str]) -> str:
    """`table-part-part.csv` from the speaker's name and the search words given."""
    named = [p for p in (slug(part) for part in parts if part) if p]
    return "-".join([slug(table) or "statements"] + named) + ".csv"
