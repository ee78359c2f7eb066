"""The dashboard's filters: one outlet and a range of months, read from the address and
turned into SQL in one place, so that every panel (and any panel added later) counts the
same statements.

    filters = Filters.from_args(request.args)
    sql, params = filters.where()          # "documents.source = :f_outlet and …", {…}

`where` filters rows joined to `documents`; `summary_where` filters the precomputed
`statement_counts` table (its `source` and `month` columns). A value that is not a month
(YYYY-MM) is ignored, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from .words import printable

_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
MAX_OUTLET = 500


def month(value: str | None, last: bool = False) -> str:
    """YYYY-MM, or "" when the value is not a month (YYYY-MM-DD keeps its month; a year
    YYYY is its first month, or its last one with `last`)."""
    value = (value or "").strip()
    if re.fullmatch(r"[0-9]{4}", value):
        return value + ("-12" if last else "-01")
    value = value[:7]
    return value if _MONTH.fullmatch(value) else ""


@dataclass(frozen=True)
class Filters:
    outlet: str = ""   # documents.source, exactly; "" for every outlet
    since: str = ""    # first month included, YYYY-MM; "" from the start
    until: str = ""    # last month included, YYYY-MM; "" to the end

    @classmethod
    def from_args(cls, args) -> "Filters":
        """From the address: `outlet`, `since`, `until` (months, or years: since=2016
        until=2016 is all of 2016), or `month` for one month."""
        one = month(args.get("month"))
        since, until = (one, one) if one else (month(args.get("since")), month(args.get("until"), last=True))
        if since and until and since > until:
            since, until = until, since
        outlet = printable(args.get("outlet") or "").strip()[:MAX_OUTLET]
        return cls(outlet=outlet, since=since, until=until)

    @property
    def active(self) -> bool:
        return bool(self.outlet or self.since or self.until)

    def where(self, documents: str = "documents") -> tuple[str, dict]:
        """SQL over rows joined to the documents table, and its parameters."""
        return self._where(f"{documents}.source", f"substr({documents}.published, 1, 7)")

    def summary_where(self, table: str = "statement_counts") -> tuple[str, dict]:
        """The same over the precomputed counts (source '' when unknown, month YYYY-MM): the
        columns bare, so that their indexes serve (an outlet chosen is never '')."""
        return self._where(f"{table}.source", f"{table}.month")

    def _where(self, source: str, month_sql: str) -> tuple[str, dict]:
        parts, params = [], {}
        if self.outlet:
            parts.append(f"{source} = :f_outlet")
            params["f_outlet"] = self.outlet
        if self.since:
            parts.append(f"{month_sql} >= :f_since")
            params["f_since"] = self.since
        if self.until:
            parts.append(f"{month_sql} <= :f_until")
            params["f_until"] = self.until
        if self.since or self.until:
            parts.append(f"{month_sql} != ''")
        return (" and ".join(parts) or "1"), params

    def query(self) -> list[tuple[str, str]]:
        """The filters as address parameters (to keep them in links and forms)."""
        return [(k, v) for k, v in (("outlet", self.outlet), ("since", self.since),
                                    ("until", self.until)) if v]

    def statements_filters(self) -> list[tuple[str, str]]:
        """The same statements in the statements view (Datasette's column filters)."""
        out = [("source", self.outlet)] if self.outlet else []
        if self.since:
            out.append(("published__gte", self.since))
        if self.until:
            out.append(("published__lt", next_month(self.until)))
        return out

    def describe(self) -> str:
        parts = [f"in {self.outlet}"] if self.outlet else []
        if self.since and self.since == self.until:
            parts.append(f"in {self.since}")
        elif self.since or self.until:
            parts.append(f"from {self.since or 'the start'} to {self.until or 'the end'}")
        return " ".join(parts)

    def url(self, base: str, extra: list[tuple[str, str]] = ()) -> str:
        return base + "?" + urlencode(list(extra) + self.query())


def next_month(value: str) -> str:
    year, mon = int(value[:4]), int(value[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from first to last (YYYY-MM), empty ones included."""
    if not (_MONTH.fullmatch(first or "") and _MONTH.fullmatch(last or "")) or first > last:
        return []
    out, current = [], first
    while current <= last:
        out.append(current)
        current = next_month(current)
    return out
