"""The data behind the site's own pages (speaker profile, article reader, search,
dashboard): read-only SQL over a Datasette database, returned as plain dicts and lists.

Every query takes its values as parameters. A statement is counted once however its quote
was split by the attribution ("…," she said, "…"), as in the `speaker_stats` view. Named
people are speakers of kind `person` whose name is a proper name (not a pronoun, not a
description such as "the spokesman"): `names.is_proper_name` itself, which the plugin
registers as an SQL function (`plugin.prepare_connection`).
"""

from __future__ import annotations

from .filters import Filters, months_between
from .words import fts_query, name_words, names_match

STATEMENT = "(quotes.document_id || ':' || coalesce(quotes.statement, quotes.id))"
MONTH = "substr(documents.published, 1, 7)"
# A named person: kind person, and a proper name by the rule storage and the engine use.
NAMED_PERSON = "speakers.kind = 'person' and is_proper_name(speakers.name)"


async def _rows(db, sql: str, params=None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(row) for row in result.rows]


async def _one(db, sql: str, params=None) -> dict | None:
    rows = await _rows(db, sql, params)
    return rows[0] if rows else None


async def is_quotes_database(db) -> bool:
    return {"quotes", "speakers", "documents"} <= set(await db.table_names())


async def has_quotations(db) -> bool:
    """Whether the database links statements across articles (schema 3 on; an older one
    served read-only does not)."""
    return {"quotations", "appearances"} <= set(await db.table_names())


# ---- speaker ---------------------------------------------------------------------------


async def speaker_profile(db, speaker_id: int) -> dict | None:
    """One speaker with counts, charts' data, cues, addressees, latest statements and the
    rows that may be the same person."""
    genders = ", gender, gender_basis, gender_evidence" if "gender" in await db.table_columns("speakers") else ""
    speaker = await _one(db, f"select id, name, kind, role, affiliation{genders} from speakers where id = :id",
                         {"id": speaker_id})
    if speaker is None:
        return None
    p = {"id": speaker_id}
    # each other name with why it joined: the user's act, else the reason stored with it
    # (a database of schema 6 or before, served as it is, keeps no reason)
    seen = "reason" if "reason" in await db.table_columns("aliases") else "'joined before reasons were kept'"
    speaker["aliases"] = await _rows(
        db, f"select alias, case origin when 'seen' then {seen} when 'user' then 'the user''s alias file' "
            "else 'the user''s ' || origin end as reason "
            "from aliases where speaker_id = :id and alias != "
            "(select name from speakers where id = :id) collate nocase order by alias", p)
    tables = await summaries(db)
    counted = await _one(db, f"""select * from {tables["speaker_totals"]}
        where speaker_id = :id""", p) or {"statements": 0, "direct": 0, "articles": 0}
    if "articles" not in counted:
        counted.update(await _one(db, """select count(distinct quotes.document_id) as articles
            from quotes where quotes.speaker_id = :id""", p))
    rows = await _one(db, "select count(*) as quotes from quotes where quotes.speaker_id = :id", p)
    speaker["counts"] = dict(counted, **rows)
    speaker["counts"]["quotations"] = (await _one(
        db, "select count(*) as n from quotations where speaker_id = :id", p))["n"] if await has_quotations(db) else None
    by_month = {r["label"]: r["count"] for r in await _rows(db, f"""
        select month as label, sum(statements) as count from {tables["statement_counts"]}
        where speaker_id = :id group by month""", p)}
    dated = sorted(m for m in by_month if m)
    months = (months_between(dated[0], dated[-1]) if dated else []) or dated
    speaker["by_month"] = ([{"label": m, "count": by_month.get(m, 0)} for m in months]
                           + ([{"label": "", "count": by_month[""]}] if "" in by_month else []))
    speaker["by_outlet"] = await _rows(db, f"""
        select source as label, sum(statements) as count from {tables["statement_counts"]}
        where speaker_id = :id group by source order by count desc, label""", p)
    first = await statement_filter(db)
    speaker["cues"] = await _rows(db, f"""
        select lower(quotes.cue) as label, {first["count"]} as count from quotes
        where quotes.speaker_id = :id and quotes.cue is not null {first["and"]}
        group by label order by count desc, label limit 15""", p)
    speaker["spoke_to"] = await _rows(db, f"""
        select addressees.id, addressees.name, {first["count"]} as count
        from quotes join speakers as addressees on addressees.id = quotes.addressee_id
        where quotes.speaker_id = :id and quotes.addressee_id is not null {first["and"]}
        group by addressees.id order by count desc, name limit 20""", p)
    speaker["spoken_to_by"] = await _rows(db, f"""
        select speakers.id, speakers.name, {first["count"]} as count
        from quotes join speakers on speakers.id = quotes.speaker_id
        where quotes.addressee_id = :id {first["and"]}
        group by speakers.id order by count desc, name limit 20""", p)
    # the latest: a speaker quoted often is found sooner by walking the articles from the
    # newest (an index), one quoted rarely by sorting their few quotes
    walk = "documents cross join quotes" if counted["statements"] > LATEST_BY_WALKING else \
        "quotes join documents"
    speaker["latest"] = await _rows(db, f"""
        select quotes.id, quotes.document_id, quotes.start, quotes."end", quotes.type, quotes.cue,
               documents.title, documents.published, documents.source,
               min(coalesce(quotes.context_start, quotes.start), quotes.start) as context_start,
               substr(documents.text,
                      min(coalesce(quotes.context_start, quotes.start), quotes.start) + 1,
                      max(coalesce(quotes.context_end, quotes."end"), quotes."end")
                        - min(coalesce(quotes.context_start, quotes.start), quotes.start)) as paragraph
        from {walk} on documents.id = quotes.document_id
        where quotes.speaker_id = :id
        order by documents.published desc, quotes.document_id, quotes.start desc limit 10""", p)
    speaker["same_surname"] = await same_surname(db, speaker)
    return speaker


LATEST_BY_WALKING = 2000  # statements from which a profile's latest are found newest article first


async def statement_filter(db) -> dict[str, str]:
    """How to count statements among quotes rows: their first parts (schema 3), or distinct
    statement keys in a database of an older quotes."""
    if "part" in await db.table_columns("quotes"):
        return {"count": "count(*)", "and": "and quotes.part = 1"}
    return {"count": f"count(distinct {STATEMENT})", "and": ""}


async def same_surname(db, speaker: dict) -> list[dict]:
    """Other speakers whose name ends with this speaker's surname, or is that surname."""
    surname = speaker["name"].split()[-1] if speaker["name"].split() else ""
    if len(surname) < 2:
        return []
    like = "% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    tables = await summaries(db)
    return await _rows(db, f"""
        select speakers.id, speakers.name, speakers.kind, speakers.role,
               coalesce(speaker_totals.statements, 0) as statements
        from speakers left join {tables["speaker_totals"]} on speaker_totals.speaker_id = speakers.id
        where speakers.id != :id
          and (speakers.name = :surname collate nocase or speakers.name like :like escape '\\')
        order by statements desc, speakers.name limit 25""",
        {"id": speaker["id"], "surname": surname, "like": like})


async def names_one_speaker(db, name: str) -> bool:
    """Whether `quotes merge` reads this name as exactly one speaker (its canonical name, or
    else an alias), as quotes/curation.py looks names up."""
    rows = await _rows(db, "select count(*) as n from speakers where name = :n collate nocase", {"n": name})
    if rows[0]["n"]:
        return rows[0]["n"] == 1
    rows = await _rows(db, "select count(distinct speaker_id) as n from aliases where alias = :n collate nocase",
                       {"n": name})
    return rows[0]["n"] == 1


async def speakers_named(db, name: str, limit: int = 30) -> list[dict]:
    """Speakers whose name or an alias holds these name words (case, periods, honorifics and
    initials aside: "Mrs. Lee", "Ann J. Lee"), most statements first."""
    wanted = name_words(name)
    if not wanted:
        return []
    longest = max(wanted, key=len)
    like = "%" + longest.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = await _rows(db, """
        select speakers.id, speakers.name, speakers.kind, speakers.role,
               (select group_concat(alias, char(31)) from aliases
                 where aliases.speaker_id = speakers.id) as aliases
        from speakers
        where speakers.name like :like escape '\\'
           or speakers.id in (select speaker_id from aliases where alias like :like escape '\\')""",
        {"like": like})
    found = []
    for row in rows:
        aliases = [a for a in (row.pop("aliases") or "").split("\x1f") if a]
        if names_match(wanted, row["name"]) or any(names_match(wanted, a) for a in aliases):
            row["exact"] = any(name_words(n) == wanted for n in [row["name"], *aliases])
            row["aliases"] = ", ".join(a for a in aliases if a.lower() != row["name"].lower())
            found.append(row)
    counts = await statement_counts(db, [row["id"] for row in found])
    for row in found:
        row["statements"] = counts.get(row["id"], 0)
    found.sort(key=lambda r: (-r["statements"], r["name"]))
    return found[:limit]


async def statement_counts(db, speaker_ids: list[int]) -> dict[int, int]:
    """Statements of each of these speakers."""
    tables = await summaries(db)
    counts = {}
    for start in range(0, len(speaker_ids), 500):
        chunk = speaker_ids[start:start + 500]
        marks = ", ".join(f":s{i}" for i in range(len(chunk)))
        for row in await _rows(db, f"""
                select speaker_id, statements from {tables["speaker_totals"]}
                where speaker_id in ({marks})""", {f"s{i}": sid for i, sid in enumerate(chunk)}):
            counts[row["speaker_id"]] = row["statements"]
    return counts


# ---- article ---------------------------------------------------------------------------


async def article(db, document_id: str) -> dict | None:
    document = await _one(db, "select id, key, title, url, published, source, author, text "
                              "from documents where id = :id", {"id": document_id})
    if document is None:
        return None
    travel = await has_quotations(db)
    document["quotes"] = await _rows(db, f"""
        select quotes.id, quotes.start, quotes."end", quotes.type, quotes.cue, quotes.speaker_id,
               speakers.name as speaker, quotes.addressee_id, addressees.name as addressee,
               quotes.speaker_mention, quotes.resolver, quotes.evidence,
               coalesce(quotes.document_id || ':' || quotes.statement, quotes.id) as statement
               {TRAVEL if travel else ""}
        from quotes left join speakers on speakers.id = quotes.speaker_id
        left join speakers as addressees on addressees.id = quotes.addressee_id
        {TRAVEL_JOIN if travel else ""}
        where quotes.document_id = :id order by quotes.start, quotes."end" desc""", {"id": document_id})
    return document


# ---- quotations across articles ------------------------------------------------------

# A statement's quotation: how many articles carry it, where it was first seen.
TRAVEL = (", appearances.quotation_id, appearances.relation, quotations.articles as quotation_articles, "
          "quotations.first_seen, quotations.first_source, quotations.first_document_id")
TRAVEL_JOIN = ("left join appearances on appearances.quote_id = quotes.id "
               "left join quotations on quotations.id = appearances.quotation_id")
FIRST = ("nullif(documents.published, '') is null, documents.published, appearances.document_id, "
         "quotes.start")


async def quotation(db, quotation_id: str) -> dict | None:
    """One quotation: its longest wording, speaker, counts, where it was first seen, and
    every statement that carries it in the order they were published (the parts of a split
    statement joined), each 'same' or 'part of' it."""
    if not await has_quotations(db):
        return None
    found = await _one(db, """
        select quotations.*, speakers.name as speaker, documents.title as first_title
        from quotations left join speakers on speakers.id = quotations.speaker_id
        left join documents on documents.id = quotations.first_document_id
        where quotations.id = :id""", {"id": quotation_id})
    if found is None:
        return None
    parts = await _rows(db, f"""
        select appearances.document_id || ':' || coalesce(appearances.statement, appearances.quote_id) as statement,
               appearances.relation, appearances.containment,
               appearances.document_id, quotes.id as quote_id, quotes.start, quotes."end", quotes.text,
               quotes.type, documents.title, documents.published, documents.source
        from appearances join quotes on quotes.id = appearances.quote_id
        join documents on documents.id = appearances.document_id
        where appearances.quotation_id = :id order by {FIRST}""", {"id": quotation_id})
    statements: dict[str, dict] = {}
    for part in parts:
        entry = statements.setdefault(part["statement"], dict(part, texts=[]))
        entry["texts"].append(part["text"] or "")
    for entry in statements.values():
        entry["text"] = " ".join(entry.pop("texts"))
    found["appearances"] = list(statements.values())
    return found


async def current_quotation(db, key: str) -> str | None:
    """The quotation a wording belongs to now: an address made when a wording was its own
    quotation still leads there after a longer version arrived."""
    if not await has_quotations(db):
        return None
    row = await _one(db, "select quotation_id from wordings where key = :key", {"key": key})
    return row["quotation_id"] if row else None


async def quotations_of(db, quote_ids: list[str]) -> dict[str, dict]:
    """The quotation of each of these quote rows (a page's statements), in one query."""
    if not quote_ids or not await has_quotations(db):
        return {}
    marks = ", ".join(f":q{i}" for i in range(len(quote_ids)))
    rows = await _rows(db, f"""
        select appearances.quote_id, quotations.id, quotations.articles, quotations.first_seen,
               quotations.first_source, quotations.first_document_id, appearances.document_id
        from appearances join quotations on quotations.id = appearances.quotation_id
        where appearances.quote_id in ({marks})""", {f"q{i}": q for i, q in enumerate(quote_ids)})
    return {row.pop("quote_id"): row for row in rows}


async def quotation_summary(db, quotation_id: str) -> dict | None:
    return await _one(db, """select id, articles, first_seen, first_source, first_document_id
        from quotations where id = :id""", {"id": quotation_id})


async def quotation_of(db, quote_id: str) -> dict | None:
    """The quotation of one quote row, for a listing's cell."""
    return await _one(db, """
        select quotations.id, quotations.articles, quotations.first_seen, quotations.first_source,
               quotations.first_document_id, appearances.document_id, appearances.relation
        from appearances join quotations on quotations.id = appearances.quotation_id
        where appearances.quote_id = :id""", {"id": quote_id})


# ---- search ----------------------------------------------------------------------------

HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # FTS highlight marks, turned into <mark> after escaping


async def search(db, words: str, limit: int = 50) -> dict:
    """Statements whose text matches the words (best first, matches marked), who said them,
    and speakers whose name or alias holds the words. `query` is the full-text query used
    (words.fts_query), for links to the same statements elsewhere."""
    query = fts_query(words)
    found = {"statements": [], "who": [], "speakers": [], "total": 0, "query": query}
    if not query:
        return found
    p = {"q": query, "limit": limit, "open": HIT_OPEN, "close": HIT_CLOSE}
    found["statements"] = await _rows(db, """
        select quotes.id, quotes.document_id, quotes.start, quotes."end", quotes.type, quotes.cue,
               quotes.speaker_id, speakers.name as speaker, documents.title,
               documents.published, documents.source,
               highlight(quotes_fts, 0, :open, :close) as marked
        from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid
        join documents on documents.id = quotes.document_id
        left join speakers on speakers.id = quotes.speaker_id
        where quotes_fts match :q order by quotes_fts.rank limit :limit""", p)
    found["who"] = await _rows(db, f"""
        select quotes.speaker_id as id, speakers.name, count(distinct {STATEMENT}) as count
        from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid
        left join speakers on speakers.id = quotes.speaker_id
        where quotes_fts match :q group by quotes.speaker_id
        order by count desc, speakers.name is null, speakers.name""", p)
    found["total"] = sum(w["count"] for w in found["who"])
    found["speakers"] = await speakers_named(db, words)
    return found


# ---- dashboard -------------------------------------------------------------------------


# The precomputed counts (store.py: statement_counts, month_counts, speaker_totals). A
# database of an older quotes, served as it is, gets the same numbers from the quotes
# themselves (slower).
_BY_SPEAKER = f"""(select coalesce(quotes.speaker_id, 0) as speaker_id,
    coalesce(documents.source, '') as source, coalesce({MONTH}, '') as month,
    coalesce(quotes.type, '') as type, count(distinct {STATEMENT}) as statements
  from quotes join documents on documents.id = quotes.document_id group by 1, 2, 3, 4)"""
FALLBACK = {
    "statement_counts": _BY_SPEAKER + " as statement_counts",
    "month_counts": f"""(select source, month, type, sum(statements) as statements
        from {_BY_SPEAKER} group by 1, 2, 3) as month_counts""",
    "speaker_totals": f"""(select speaker_id, sum(statements) as statements,
        sum(case when type = 'direct' then statements else 0 end) as direct
        from {_BY_SPEAKER} group by speaker_id) as speaker_totals""",
}


async def summaries(db) -> dict[str, str]:
    """What to select each summary from: the table, or the same as a subquery (each
    speaker's statements by outlet and by month summed from statement_counts, in a database
    of schema 10 or before)."""
    names = set(await db.table_names())
    found = {name: name if name in names else sql for name, sql in FALLBACK.items()}
    for name, column in BY_SPEAKER_TABLES.items():
        found[name] = name if name in names else (
            f"(select speaker_id, {column}, sum(statements) as statements from {found['statement_counts']} "
            f"group by speaker_id, {column}) as {name}")
    return found


# Each speaker's statements kept by outlet alone and by month alone: far fewer rows than
# statement_counts (by outlet, month and type) when only one of the two matters.
BY_SPEAKER_TABLES = {"speaker_outlets": "source", "speaker_months": "month"}


def by_speaker_table(columns: set[str]) -> str:
    """The smallest table of each speaker's statements kept by these columns (source, month)."""
    for name, column in BY_SPEAKER_TABLES.items():
        if columns <= {column}:
            return name
    return "statement_counts"


def filtered_columns(filters: Filters) -> set[str]:
    """The columns of the counts the filters read: source for an outlet, month for months."""
    return ({"source"} if filters.outlet else set()) | ({"month"} if filters.since or filters.until else set())


async def top_people(db, filters: Filters = Filters(), limit: int = 15) -> list[dict]:
    """The most quoted named people within the filters (outlet, months)."""
    tables = await summaries(db)
    if not filters.active:
        # everyone's totals, read in the order of their index
        return await _rows(db, f"""
            select speakers.id, speakers.name, speakers.role, speaker_totals.statements as count
            from {tables["speaker_totals"]} join speakers on speakers.id = speaker_totals.speaker_id
            where {NAMED_PERSON} order by speaker_totals.statements desc, speakers.name limit :limit""",
            {"limit": limit})
    # each speaker's statements summed first, then the named people among them: asked of
    # every summed row, the name rule cost seconds on an archive of a million statements
    name = by_speaker_table(filtered_columns(filters))
    where, params = filters.summary_where(name)
    return await _rows(db, f"""
        with per as (
          select {name}.speaker_id, sum({name}.statements) as count
          from {tables[name]} where {where} group by {name}.speaker_id)
        select speakers.id, speakers.name, speakers.role, per.count
        from per join speakers on speakers.id = per.speaker_id
        where {NAMED_PERSON} order by per.count desc, speakers.name limit :limit""",
        dict(params, limit=limit))


async def outlets(db) -> list[str]:
    tables = await summaries(db)
    return [r["source"] for r in await _rows(
        db, f"select distinct source from {tables['month_counts']} where source != '' order by source")]


async def dashboard(db, chosen: list[int], filters: Filters = Filters()) -> dict:
    """Everything the dashboard draws, within the filters: the months (empty ones too), the
    most quoted people, the chosen speakers' statements per month and per outlet, types.
    Everyone's totals come from month_counts, the chosen speakers' from statement_counts."""
    tables = await summaries(db)
    counts, everyone = tables["statement_counts"], tables["month_counts"]
    where, params = filters.summary_where()
    everyone_where, _ = filters.summary_where("month_counts")
    span = await _one(db, f"""select min(month) as first, max(month) as last from {everyone}
        where month != '' and (:f_all = 1 or source = :f_outlet)""",
        {"f_all": 0 if filters.outlet else 1, "f_outlet": filters.outlet})
    months = months_between(filters.since or (span or {}).get("first") or "",
                            filters.until or (span or {}).get("last") or "")
    top = await top_people(db, filters)
    if not chosen:
        chosen = [r["id"] for r in top[:5]]
    marks = ", ".join(f":s{i}" for i in range(len(chosen))) or "null"
    ids = dict(params, **{f"s{i}": sid for i, sid in enumerate(chosen)})
    speakers = await _rows(db, f"select id, name from speakers where id in ({marks})", ids)
    order = {sid: i for i, sid in enumerate(chosen)}
    speakers.sort(key=lambda s: order[s["id"]])
    per_month = await _rows(db, f"""
        select speaker_id as id, month, sum(statements) as count from {counts}
        where speaker_id in ({marks}) and month != '' and {where} group by speaker_id, month""", ids)
    undated = await _one(db, f"""
        select coalesce(sum(statements), 0) as count from {counts}
        where speaker_id in ({marks}) and month = '' and {where}""", ids)
    theirs = await _rows(db, f"""
        select source as outlet, speaker_id as sid, sum(statements) as count from {counts}
        where speaker_id in ({marks}) and {where} group by source, speaker_id""", ids)
    totals = await _rows(db, f"""
        select source as outlet, sum(statements) as count from {everyone}
        where {everyone_where} group by source""", params)
    by_outlet = theirs + [
        {"outlet": t["outlet"], "sid": None,
         "count": t["count"] - sum(r["count"] for r in theirs if r["outlet"] == t["outlet"])}
        for t in totals]
    types = await _rows(db, f"""
        select type, sum(statements) as count from {everyone} where {everyone_where}
        group by type order by count desc""", params)
    total = sum(t["count"] for t in types)
    return {"months": months, "top": top, "speakers": speakers, "per_month": per_month,
            "undated": undated["count"] if undated else 0, "outlets": by_outlet, "types": types,
            "chosen": chosen, "total": total}


async def people_to_choose(db, limit: int = 30) -> list[dict]:
    return await top_people(db, Filters(), limit)
