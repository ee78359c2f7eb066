"""Counts in statements on the listing pages of quote rows (the statements and in-context
views, the quotes table), where Datasette counts rows: a statement its attribution splits
("…," she said, "…") is one statement in several rows.

- `listing_count`: how many statements a listing holds, for its heading. Read from the
  precomputed counts (`statement_counts`, `month_counts`) when the listing is filtered only
  by what they are kept by (speaker, outlet, type, months); else the statements among the
  filtered rows are counted, within the time a facet may take.
- `StatementFacet`: Datasette's column facet counting statements, not rows: the same from
  the precomputed counts when they can, else over one row a statement.

The filters are Datasette's own (its `Filters` and the `filters_from_request` hooks), so
the count is of the rows the page lists.
"""

from __future__ import annotations

import re

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.filters import Filters
from datasette.utils import await_me_maybe, escape_sqlite, path_with_added_args, path_with_removed_args

# The tables and views whose rows are quote rows, and each one's statement key.
STATEMENT_KEYS = {
    "statements": "statement",
    "quotes_in_context": "statement",
    "quotes": "coalesce(document_id || ':' || statement, id)",
}
# The columns each key reads: a database of an older quotes served read-only may lack
# them (its listing then counts rows, as Datasette does).
KEY_COLUMNS = {"statements": {"statement"}, "quotes_in_context": {"statement"}, "quotes": {"document_id", "statement"}}
# Request arguments that change what a page shows, not which rows it lists.
NOT_FILTERS = {"_col", "_nocol", "_sort", "_sort_desc", "_next", "_size", "_nofacet", "_nocount",
               "_nosuggest", "_facet", "_facet_size", "_labels", "_nolabels", "_stream", "_dl",
               "_trace", "_timelimit", "_shape", "_json", "_nl"}
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
# What the precomputed counts are kept by, as the views' columns: (request argument,
# condition on statement_counts / month_counts). A speaker's absence is speaker 0 there.
SUMMARY_COLUMNS = ("speaker_id", "source", "type")
# The listings whose statements the counts can give, and the columns beside the speaker
# each filters by exactly (the quotes table has no outlet or date of its own).
SUMMARY_TABLES = {"statements": ("source", "type"), "quotes_in_context": ("source", "type"), "quotes": ("type",)}


def summary_filters(table: str, args: list[tuple[str, str]]) -> tuple[list[str], dict, bool] | None:
    """The listing's filters as conditions on the precomputed counts (and whether a speaker
    is among them), or None when they filter by anything those counts are not kept by.
    Months: published__gte=YYYY-MM, and published__lt=YYYY-MM with it (as the dashboard
    links them), are whole months."""
    if table not in SUMMARY_TABLES:
        return None
    where, params, by_speaker, since = [], {}, False, False
    for i, (key, value) in enumerate(args):
        if key in NOT_FILTERS or key.startswith("_facet"):
            continue
        name = f"c{i}"
        column, _, lookup = key.partition("__")
        if column == "speaker_id" and lookup in ("", "exact") and value.lstrip("-").isdigit() and value != "0":
            where.append(f"speaker_id = :{name}")
            params[name] = int(value)
            by_speaker = True
        elif column == "speaker_id" and lookup == "isnull" and value == "1":
            where.append("speaker_id = 0")
            by_speaker = True
        elif column in SUMMARY_TABLES[table] and lookup in ("", "exact") and value:
            where.append(f"{column} = :{name}")
            params[name] = value
        elif column == "published" and table != "quotes" and lookup == "gte" and _MONTH.fullmatch(value):
            where.append(f"month >= :{name} and month != ''")
            params[name] = value
            since = True
        elif column == "published" and table != "quotes" and lookup == "lt" and _MONTH.fullmatch(value):
            where.append(f"month < :{name}")
            params[name] = value
        else:
            return None
    if any(k.startswith("published__lt") for k, _ in args) and not since:
        return None  # an undated article's '' is before every month: not a whole-month range
    return where, params, by_speaker


def _summary_sql(what: str, where: list[str], by_speaker: bool, group: str | None = None) -> str:
    table = "statement_counts" if by_speaker else "month_counts"
    condition = " and ".join(where) or "1"
    if group:
        return (f"select {group} as value, sum(statements) as count from {table} where {condition} "
                f"and {group} != '' group by {group} order by count desc, value")
    return f"select coalesce(sum(statements), 0) from {table} where {condition}"


async def filtered_rows(datasette, request, database: str, table: str) -> tuple[str, dict]:
    """The WHERE clause (or "") and parameters Datasette lists this table's rows with."""
    # imported here: importing it loads every plugin, this one too, which must not happen
    # while this module is still being imported (its hooks would be lost)
    from datasette.plugins import pm

    pairs = [(key, value) for key in request.args if not (key.startswith("_") and "__" not in key)
             for value in request.args.getlist(key)]
    where, params = Filters(sorted(pairs)).build_where_clauses(table)
    for hook in pm.hook.filters_from_request(request=request, table=table, database=database,
                                             datasette=datasette):
        found = await await_me_maybe(hook)
        if found:
            where.extend(found.where_clauses)
            params.update(found.params)
    return (f"where {' and '.join(where)}" if where else ""), params


async def listing_count(datasette, request, database: str, table: str) -> dict | None:
    """{"statements": N} for a listing of quote rows (None when counting them took longer
    than a facet may), or None for any other table."""
    if table not in STATEMENT_KEYS or request is None:
        return None
    db = datasette.get_database(database)
    if not await keyed(db, table):
        return None
    args = [(k, v) for k in request.args for v in request.args.getlist(k)]
    summary = summary_filters(table, args)
    try:
        if summary is not None and await _has_summaries(db):
            where, params, by_speaker = summary
            rows = await db.execute(_summary_sql("count", where, by_speaker), params)
        else:
            where, params = await filtered_rows(datasette, request, database, table)
            rows = await db.execute(
                f"select count(distinct {STATEMENT_KEYS[table]}) from {escape_sqlite(table)} {where}", params,
                custom_time_limit=datasette.setting("facet_time_limit_ms") * 5)
        return {"statements": rows.first()[0]}
    except QueryInterrupted:
        return {"statements": None}


async def keyed(db, table: str) -> bool:
    """Whether this table's rows carry their statement's key (schema 8 on for quotes_in_context)."""
    return KEY_COLUMNS[table] <= set(await db.table_columns(table))


async def _has_summaries(db) -> bool:
    return {"statement_counts", "month_counts"} <= set(await db.table_names())


class StatementFacet(ColumnFacet):
    """Datasette's column facet; on the listings of quote rows it counts statements: from
    the precomputed counts for a column they are kept by (when the filters allow), else
    over the filtered rows taken one a statement (a split statement's parts share their
    statement's speaker, outlet, date and type)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.summary, self.only, self.keyed = None, None, False
        if self.table in STATEMENT_KEYS:
            pairs = [(k, v) for k in self.request.args for v in self.request.args.getlist(k)]
            self.summary = summary_filters(self.table, pairs)

    def get_configs(self):
        configs = super().get_configs()
        if self.only is not None:
            configs = [c for c in configs if _column(c) in self.only]
        return configs

    async def facet_results(self):
        db = self.ds.get_database(self.database)
        if self.table in STATEMENT_KEYS and not self.keyed and await keyed(db, self.table):
            self.keyed = True
        if not self.keyed:
            return await super().facet_results()
        kept = [] if self.summary is None or not await _has_summaries(db) \
            else [c for c in self.get_configs() if _column(c) in SUMMARY_GROUPS]
        results, timed_out = [], []
        for config in kept:
            column = _column(config)
            where, params, by_speaker = self.summary
            try:
                rows = (await self.ds.execute(self.database, _summary_sql("facet", where, by_speaker, column),
                                              params, custom_time_limit=self.ds.setting("facet_time_limit_ms"))).rows
            except QueryInterrupted:
                timed_out.append(column)
                continue
            results.append(self._result(column, config["source"], rows))
        # the others over the filtered rows taken one a statement, each reading its own column
        # only: `select *` would work out every column of the view (its names, its
        # quotations) for every row, three to four times the time on a search's rows
        rows_sql, key = self.sql, STATEMENT_KEYS[self.table]
        for column in [_column(c) for c in self.get_configs() if _column(c) not in {_column(k) for k in kept}]:
            self.only = {column}
            self.sql = f"select {escape_sqlite(column)} from ({rows_sql}) group by {key}"
            try:
                more, more_timed_out = await super().facet_results()
            finally:
                self.sql, self.only = rows_sql, None
            results += more
            timed_out += more_timed_out
        return results, timed_out

    def _result(self, column: str, source: str, rows) -> dict:
        """A facet's entry as Datasette's template and JSON give it."""
        size = self.get_facet_size()
        chosen = set(self.get_querystring_pairs())
        values = []
        for value, count in rows[:size]:
            selected = (column, str(value)) in chosen
            path = (path_with_removed_args(self.request, {column: str(value)}) if selected
                    else path_with_added_args(self.request, {column: value}))
            values.append({"value": value, "label": value, "count": count, "selected": selected,
                           "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path))})
        return {"name": column, "type": self.type, "hideable": source != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                "results": values, "truncated": len(rows) > size}


SUMMARY_GROUPS = ("source", "type")  # the facets the precomputed counts can give


def _column(config: dict) -> str:
    return config["config"].get("column") or config["config"]["simple"]
