"""Whose voices are heard: the dashboard's shares of women, men and people of unknown gender
among the named people quoted, by statements and by distinct people, overall, per outlet
and per month, within the dashboard's filters. Counts come from each speaker's kept counts
(`speaker_outlets`, `speaker_months`, `statement_counts`; the same as subqueries in a
database of an older quotes); genders from `speakers.gender`.
"""

from __future__ import annotations

from .filters import Filters
from .pages import BY_SPEAKER_TABLES, NAMED_PERSON, _rows, by_speaker_table, filtered_columns, summaries

GENDERS = ("female", "male", "unknown")
LABELS = {"female": "women", "male": "men", "unknown": "unknown"}
COLOURS = {"female": "#7b3294", "male": "#1b7837", "unknown": "#b8b8b8"}
SORTS = ("share", "women", "statements")  # how the outlets are ordered (`gender_sort`)


async def has_genders(db) -> bool:
    """A database stored before genders were kept has no `speakers.gender`."""
    return "gender" in await db.table_columns("speakers")


async def gender_counts(db, filters: Filters) -> dict[str, list[dict]] | None:
    """Rows of (key, gender, statements, people) for "all", "outlet" and "month": the
    statements of named people of each gender within the filters, and how many distinct
    people said them. Each speaker's statements are read from the smallest table of them
    kept by what the key and the filters need (speaker_outlets, speaker_months, else
    statement_counts; speaker_totals for everyone's), summed by speaker, then joined to the
    named people once. None when that still takes longer than the site allows a query (the
    page then says so rather than failing)."""
    from datasette.database import QueryInterrupted

    tables = await summaries(db)
    filtered = filtered_columns(filters)
    people = f"""people as materialized (select speakers.id, coalesce(speakers.gender, 'unknown') as gender
        from speakers where {NAMED_PERSON})"""
    found = {}
    try:
        for by, column in (("all", None), ("outlet", "source"), ("month", "month")):
            if by == "all" and not filters.active:  # everyone's totals are kept by speaker
                found["all"] = await _rows(db, f"""
                    with {people} select '' as key, people.gender, sum(speaker_totals.statements) as statements,
                      count(*) as people
                    from {tables["speaker_totals"]} join people on people.id = speaker_totals.speaker_id
                    group by 2""")
                continue
            name = by_speaker_table(filtered | ({column} if column else set()))
            where, params = filters.summary_where(name)
            key = f"{name}.{column}" if column else "''"
            found[by] = await _rows(db, f"""
                with {people}, per as ({per_speaker(key, tables[name], name, where)})
                select per.key, people.gender, sum(per.statements) as statements, count(*) as people
                from per join people on people.id = per.speaker_id group by 1, 2""", params)
    except QueryInterrupted:
        return None
    return found


def per_speaker(key: str, table: str, name: str, where: str) -> str:
    """Each speaker's statements by `key` (an outlet, a month) within the filters, from a
    counts table (`name`, selected from `table`), read from a covering index; a table kept
    by that key alone has them as its rows (summed again, they cost a sort)."""
    if key == f"{name}.{BY_SPEAKER_TABLES.get(name)}":
        return f"select {key} as key, {name}.speaker_id, {name}.statements from {table} where {where}"
    return (f"select {key} as key, {name}.speaker_id, sum({name}.statements) as statements "
            f"from {table} where {where} group by {name}.speaker_id, 1")


def share_rows(rows: list[dict]) -> list[dict]:
    """One entry a key: its statements and people by gender, with each share in percent
    (of the key's statements, of its people) and the bar's segments."""
    keys: dict[str, dict] = {}
    for r in rows:
        entry = keys.setdefault(r["key"], {"key": r["key"], "statements": {g: 0 for g in GENDERS},
                                           "people": {g: 0 for g in GENDERS}})
        gender = r["gender"] if r["gender"] in GENDERS else "unknown"
        entry["statements"][gender] += r["statements"] or 0
        entry["people"][gender] += r["people"] or 0
    out = []
    for entry in keys.values():
        for what in ("statements", "people"):
            total = sum(entry[what].values())
            entry[what + "_total"] = total
            entry[what + "_pct"] = {g: round(100.0 * n / total, 1) if total else 0.0 for g, n in entry[what].items()}
        entry["segments"] = [{"gender": g, "label": LABELS[g], "colour": COLOURS[g], "count": entry["statements"][g],
                              "pct": entry["statements_pct"][g]} for g in GENDERS]
        out.append(entry)
    return out


def sort_outlets(rows: list[dict], by: str) -> list[dict]:
    """Outlets with the largest share of women's statements first (or the most women's
    statements, or the most statements); ties by the number of statements, then name."""
    if by == "women":
        key = lambda r: (-r["statements"]["female"], -r["statements_total"], r["key"])  # noqa: E731
    elif by == "statements":
        key = lambda r: (-r["statements_total"], r["key"])  # noqa: E731
    else:
        key = lambda r: (-r["statements_pct"]["female"], -r["statements_total"], r["key"])  # noqa: E731
    return sorted(rows, key=key)
