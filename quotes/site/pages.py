"""The data behind the site's own pages (speaker profile, article reader, search,
dashboard): read-only SQL over a Datasette database, returned as plain dicts and lists.

Every query takes its values as parameters. A statement is counted once however its quote
was split by the attribution ("…," she said, "…"), as in the `speaker_stats` view. Named
people are speakers of kind `person` whose name is written as a name (not a pronoun, not a
description such as "the spokesman").
"""

from __future__ import annotations

from datasette.utils import escape_fts

from ..datafiles import lines

STATEMENT = "(quotes.document_id || ':' || coalesce(quotes.statement, quotes.id))"
MONTH = "substr(documents.published, 1, 7)"
PRONOUNS = tuple(line.split()[0] for line in lines("pronouns.txt"))
# A named person: kind person, a name that starts with a capital letter, is no pronoun and
# does not start with an article ("The spokesman").
NAMED_PERSON = (
    "speakers.kind = 'person' and speakers.name glob '[A-Z]*' "
    "and lower(speakers.name) not in ({}) "
    "and lower(speakers.name) not like 'the %' and lower(speakers.name) not like 'a %' "
    "and lower(speakers.name) not like 'an %'"
).format(", ".join(f"'{p}'" for p in PRONOUNS))


async def _rows(db, sql: str, params=None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(row) for row in result.rows]


async def _one(db, sql: str, params=None) -> dict | None:
    rows = await _rows(db, sql, params)
    return rows[0] if rows else None


async def is_quotes_database(db) -> bool:
    return {"quotes", "speakers", "documents"} <= set(await db.table_names())


# ---- speaker ---------------------------------------------------------------------------


async def speaker_profile(db, speaker_id: int) -> dict | None:
    """One speaker with counts, charts' data, cues, addressees, latest statements and the
    rows that may be the same person."""
    speaker = await _one(db, "select id, name, kind, role, affiliation from speakers where id = :id",
                         {"id": speaker_id})
    if speaker is None:
        return None
    p = {"id": speaker_id}
    speaker["aliases"] = [r["alias"] for r in await _rows(
        db, "select alias from aliases where speaker_id = :id and alias != "
            "(select name from speakers where id = :id) collate nocase order by alias", p)]
    speaker["counts"] = await _one(db, f"""
        select count(distinct {STATEMENT}) as statements, count(*) as quotes,
               count(distinct quotes.document_id) as articles,
               coalesce(sum(quotes.type = 'direct'), 0) as direct
        from quotes where quotes.speaker_id = :id""", p)
    speaker["by_month"] = await _rows(db, f"""
        select coalesce({MONTH}, '') as label, count(distinct {STATEMENT}) as count
        from quotes join documents on documents.id = quotes.document_id
        where quotes.speaker_id = :id group by label order by label = '', label""", p)
    speaker["by_outlet"] = await _rows(db, f"""
        select coalesce(nullif(documents.source, ''), '') as label,
               count(distinct {STATEMENT}) as count
        from quotes join documents on documents.id = quotes.document_id
        where quotes.speaker_id = :id group by label order by count desc, label""", p)
    speaker["cues"] = await _rows(db, f"""
        select lower(quotes.cue) as label, count(distinct {STATEMENT}) as count from quotes
        where quotes.speaker_id = :id and quotes.cue is not null
        group by label order by count desc, label limit 15""", p)
    speaker["spoke_to"] = await _rows(db, f"""
        select addressees.id, addressees.name, count(distinct {STATEMENT}) as count
        from quotes join speakers as addressees on addressees.id = quotes.addressee_id
        where quotes.speaker_id = :id group by addressees.id order by count desc, name limit 20""", p)
    speaker["spoken_to_by"] = await _rows(db, f"""
        select speakers.id, speakers.name, count(distinct {STATEMENT}) as count
        from quotes join speakers on speakers.id = quotes.speaker_id
        where quotes.addressee_id = :id group by speakers.id order by count desc, name limit 20""", p)
    speaker["latest"] = await _rows(db, """
        select quotes.id, quotes.document_id, quotes.start, quotes."end", quotes.type, quotes.cue,
               documents.title, documents.published, documents.source,
               min(coalesce(quotes.context_start, quotes.start), quotes.start) as context_start,
               substr(documents.text,
                      min(coalesce(quotes.context_start, quotes.start), quotes.start) + 1,
                      max(coalesce(quotes.context_end, quotes."end"), quotes."end")
                        - min(coalesce(quotes.context_start, quotes.start), quotes.start)) as paragraph
        from quotes join documents on documents.id = quotes.document_id
        where quotes.speaker_id = :id
        order by documents.published desc, quotes.document_id, quotes.start desc limit 10""", p)
    speaker["same_surname"] = await same_surname(db, speaker)
    return speaker


async def same_surname(db, speaker: dict) -> list[dict]:
    """Other speakers whose name ends with this speaker's surname, or is that surname."""
    surname = speaker["name"].split()[-1] if speaker["name"].split() else ""
    if len(surname) < 2:
        return []
    like = "% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return await _rows(db, f"""
        select speakers.id, speakers.name, speakers.kind, speakers.role,
               count(distinct {STATEMENT}) as statements
        from speakers left join quotes on quotes.speaker_id = speakers.id
        where speakers.id != :id
          and (speakers.name = :surname collate nocase or speakers.name like :like escape '\\')
        group by speakers.id order by statements desc, speakers.name limit 25""",
        {"id": speaker["id"], "surname": surname, "like": like})


async def speakers_named(db, name: str) -> list[dict]:
    """Speakers with this canonical name, else those with this alias (any case)."""
    rows = await _rows(db, "select id, name, kind, role from speakers where name = :n collate nocase",
                       {"n": name.strip()})
    if rows:
        return rows
    return await _rows(db, "select id, name, kind, role from speakers where id in "
                           "(select speaker_id from aliases where alias = :n collate nocase)",
                       {"n": name.strip()})


# ---- article ---------------------------------------------------------------------------


async def article(db, document_id: str) -> dict | None:
    document = await _one(db, "select id, key, title, url, published, source, author, text "
                              "from documents where id = :id", {"id": document_id})
    if document is None:
        return None
    document["quotes"] = await _rows(db, """
        select quotes.id, quotes.start, quotes."end", quotes.type, quotes.cue, quotes.speaker_id,
               speakers.name as speaker, quotes.addressee_id, addressees.name as addressee,
               quotes.speaker_mention, quotes.resolver, quotes.evidence
        from quotes left join speakers on speakers.id = quotes.speaker_id
        left join speakers as addressees on addressees.id = quotes.addressee_id
        where quotes.document_id = :id order by quotes.start, quotes."end" desc""", {"id": document_id})
    return document


# ---- search ----------------------------------------------------------------------------

HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # FTS highlight marks, turned into <mark> after escaping


async def search(db, words: str, limit: int = 50) -> dict:
    """Statements whose text matches the words (best first, matches marked), who said them,
    and speakers whose name or alias contains the words."""
    query = escape_fts(words.strip()) if words.strip() else ""
    found = {"statements": [], "who": [], "speakers": [], "total": 0}
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
    found["total"] = (await _one(db, """select count(*) as n from quotes_fts
        where quotes_fts match :q""", p))["n"]
    like = "%" + words.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    found["speakers"] = await _rows(db, f"""
        select speakers.id, speakers.name, speakers.kind, speakers.role,
               (select group_concat(alias, ', ') from aliases where aliases.speaker_id = speakers.id
                  and aliases.alias != speakers.name collate nocase) as aliases,
               (select count(distinct {STATEMENT}) from quotes
                  where quotes.speaker_id = speakers.id) as statements
        from speakers
        where speakers.name like :like escape '\\'
           or speakers.id in (select speaker_id from aliases where alias like :like escape '\\')
        order by statements desc, speakers.name limit 30""", {"like": like})
    return found


# ---- dashboard -------------------------------------------------------------------------


async def top_people(db, month: str = "", limit: int = 15) -> list[dict]:
    """The most quoted named people, overall or in one month (YYYY-MM)."""
    return await _rows(db, f"""
        select speakers.id, speakers.name, speakers.role, count(distinct {STATEMENT}) as count
        from quotes join speakers on speakers.id = quotes.speaker_id
        join documents on documents.id = quotes.document_id
        where {NAMED_PERSON} and (:month = '' or {MONTH} = :month)
        group by speakers.id order by count desc, speakers.name limit :limit""",
        {"month": month, "limit": limit})


async def dashboard(db, chosen: list[int], month: str = "") -> dict:
    months = [r["month"] for r in await _rows(db, f"""
        select distinct {MONTH} as month from documents where published is not null
          and published != '' order by month""")]
    top = await top_people(db, month)
    if not chosen:
        chosen = [r["id"] for r in (await top_people(db, "", 5))]
    marks = ", ".join(f":s{i}" for i in range(len(chosen))) or "null"
    ids = {f"s{i}": sid for i, sid in enumerate(chosen)}
    speakers = await _rows(db, f"select id, name from speakers where id in ({marks})", ids)
    order = {sid: i for i, sid in enumerate(chosen)}
    speakers.sort(key=lambda s: order[s["id"]])
    per_month = await _rows(db, f"""
        select quotes.speaker_id as id, {MONTH} as month, count(distinct {STATEMENT}) as count
        from quotes join documents on documents.id = quotes.document_id
        where quotes.speaker_id in ({marks}) and documents.published is not null
        group by quotes.speaker_id, month""", ids)
    undated = await _one(db, f"""
        select count(distinct {STATEMENT}) as count from quotes
        join documents on documents.id = quotes.document_id
        where quotes.speaker_id in ({marks}) and (documents.published is null or documents.published = '')""", ids)
    outlets = await _rows(db, f"""
        select coalesce(nullif(documents.source, ''), '') as outlet,
               case when quotes.speaker_id in ({marks}) then quotes.speaker_id end as sid,
               count(distinct {STATEMENT}) as count
        from quotes join documents on documents.id = quotes.document_id
        group by outlet, sid""", ids)
    types = await _rows(db, f"""
        select coalesce(quotes.type, '') as type, count(distinct {STATEMENT}) as count from quotes
        group by quotes.type order by count desc""")
    return {"months": months, "month": month, "top": top, "speakers": speakers,
            "per_month": per_month, "undated": undated["count"] if undated else 0,
            "outlets": outlets, "types": types, "chosen": chosen}


async def people_to_choose(db, limit: int = 30) -> list[dict]:
    return await top_people(db, "", limit)
