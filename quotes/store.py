"""The SQLite database: its shape in one place, and writers that put one document's
results in one transaction, so the file is never half-written.

Tables: documents, speakers, aliases, quotes (full-text search on text), and the view
statements that users facet, search and export.
"""

from __future__ import annotations

import datetime
import os
import sqlite3

from sqlite_utils import Database

from .model import ENGINE_VERSION, Document, Quote, Result, Speaker
from .names import near_spelling
from .paragraphs import paragraph_spans

TABLES = {
    "documents": {
        "columns": {
            "id": str, "key": str, "title": str, "url": str, "published": str, "source": str,
            "author": str, "path": str, "text": str, "engine_version": str, "ingested_at": str,
        },
        "pk": "id",
        "not_null": {"text"},
    },
    "speakers": {
        "columns": {"id": int, "name": str, "kind": str, "role": str, "affiliation": str},
        "pk": "id",
        "not_null": {"name"},
    },
    "aliases": {
        "columns": {"alias": str, "speaker_id": int, "origin": str},
        "pk": ("alias", "speaker_id"),
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    "quotes": {
        "columns": {
            "id": str, "document_id": str, "start": int, "end": int, "text": str, "type": str,
            "cue": str, "speaker_id": int, "speaker_mention": str, "speaker_start": int,
            "speaker_end": int, "addressee_id": int, "method": str, "confidence": float,
            "statement": int, "context_start": int, "context_end": int,
        },
        "pk": "id",
        "foreign_keys": [
            ("document_id", "documents", "id"),
            ("speaker_id", "speakers", "id"),
            ("addressee_id", "speakers", "id"),
        ],
    },
}
NOCASE_INDEXES = (("aliases", "alias"), ("speakers", "name"))
INDEXES = {
    "quotes": [["document_id"], ["speaker_id"], ["addressee_id"], ["type"], ["cue"]],
    "documents": [["key"], ["published"]],
    "speakers": [["name"]],
    "aliases": [["speaker_id"]],
}
FTS = {"quotes": ["text"]}
VIEWS = {
    "statements": """
SELECT
  quotes.id,
  speakers.name AS speaker,
  quotes.text,
  quotes.type,
  quotes.cue,
  addressees.name AS addressee,
  documents.title,
  documents.published,
  documents.source,
  documents.url,
  quotes.document_id,
  quotes.start,
  quotes."end",
  quotes.speaker_mention,
  quotes.method,
  quotes.confidence,
  quotes.speaker_id,
  quotes.rowid AS quote_rowid
FROM quotes
JOIN documents ON documents.id = quotes.document_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
LEFT JOIN speakers AS addressees ON addressees.id = quotes.addressee_id
ORDER BY documents.published, quotes.document_id, quotes.start
""",
    # The paragraph around each quote as HTML: the article's text escaped here, in SQL, and
    # only the <mark> around the quote added (quotes/datasette_plugin.py renders it).
    "quotes_in_context": """
WITH spans AS (
  SELECT
    quotes.*,
    quotes.rowid AS quote_rowid,
    min(coalesce(quotes.context_start, quotes.start), quotes.start) AS paragraph_start,
    max(coalesce(quotes.context_end, quotes."end"), quotes."end") AS paragraph_end,
    documents.text AS document_text
  FROM quotes
  JOIN documents ON documents.id = quotes.document_id
)
SELECT
  spans.id,
  speakers.name AS speaker,
  replace(replace(replace(
    substr(document_text, paragraph_start + 1, spans.start - paragraph_start),
    '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
  || '<mark>' || replace(replace(replace(
    substr(document_text, spans.start + 1, spans."end" - spans.start),
    '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
  || '</mark>' || replace(replace(replace(
    substr(document_text, spans."end" + 1, paragraph_end - spans."end"),
    '&', '&amp;'), '<', '&lt;'), '>', '&gt;') AS context,
  spans.type,
  spans.cue,
  addressees.name AS addressee,
  documents.title,
  documents.published,
  documents.source,
  spans.document_id,
  spans.start,
  spans."end",
  spans.speaker_id,
  spans.quote_rowid
FROM spans
JOIN documents ON documents.id = spans.document_id
LEFT JOIN speakers ON speakers.id = spans.speaker_id
LEFT JOIN speakers AS addressees ON addressees.id = spans.addressee_id
ORDER BY documents.published, spans.document_id, spans.start
""",
    # Speakers ranked by statements: a view, so it pages and its CSV streams every row (a
    # canned query's CSV stops at 1,000). A quote split by its attribution is one statement.
    "speaker_stats": """
SELECT
  speakers.id AS speaker_id,
  speakers.name,
  speakers.kind,
  speakers.role,
  speakers.affiliation,
  count(DISTINCT quotes.document_id || ':' || coalesce(quotes.statement, quotes.id)) AS statements,
  count(*) AS quotes,
  sum(quotes.type = 'direct') AS direct,
  count(DISTINCT quotes.document_id) AS articles,
  min(documents.published) AS first_published,
  max(documents.published) AS last_published
FROM quotes
JOIN speakers ON speakers.id = quotes.speaker_id
JOIN documents ON documents.id = quotes.document_id
GROUP BY speakers.id
ORDER BY statements DESC, quotes DESC, speakers.name
""",
}


class NotADatabase(ValueError):
    """The path exists but is not a SQLite database: it is never overwritten."""


def open_db(path: str, create: bool = True) -> Database:
    """Open (and shape) a database file; refuse a file that is not SQLite."""
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise NotADatabase(f"{path}: not a SQLite database; refusing to touch it")
    elif not create:
        raise FileNotFoundError(f"{path}: no such database")
    try:
        db = Database(path)
        db.enable_wal()
        ensure_db_shape(db)
    except sqlite3.DatabaseError as error:
        raise NotADatabase(f"{path}: not a usable SQLite database ({error})") from None
    return db


def ensure_db_shape(db: Database) -> None:
    """Create every table, index, full-text index and view that is missing. Safe to repeat."""
    with db.atomic():
        for name, spec in TABLES.items():
            db[name].create(
                spec["columns"], pk=spec["pk"], not_null=spec.get("not_null"),
                foreign_keys=spec.get("foreign_keys"), if_not_exists=True,
            )
        for table, indexes in INDEXES.items():
            for columns in indexes:
                db[table].create_index(columns, if_not_exists=True)
        for table, column in NOCASE_INDEXES:
            # name look-ups are case-insensitive: an index in that collation serves them
            db.execute(f"create index if not exists idx_{table}_{column}_nocase "
                       f"on [{table}] ([{column}] collate nocase)")
        for name, sql in VIEWS.items():
            db.create_view(name, sql.strip(), replace=True)
    for table, columns in FTS.items():
        if not db[table].detect_fts():
            db[table].enable_fts(columns, create_triggers=True)


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def current_documents(db: Database) -> set[tuple[str, str]]:
    """(key, content hash) of every document stored by the current engine, in one query:
    whether a document is stored unchanged is then checked in memory (about 100 bytes a document)."""
    return set(db.execute(
        "select key, id from documents where engine_version = ?", [ENGINE_VERSION]).fetchall())


def _version(value: str | None) -> tuple:
    """An engine version to compare: dotted numbers as numbers ("1.10" after "1.9"); a
    missing or other value sorts before every number."""
    try:
        return tuple(int(part) for part in (value or "").split("."))
    except ValueError:
        return ()


def outdated_documents(db: Database) -> list[tuple[str, str]]:
    """(id, key) of the stored documents an older engine extracted (not a newer one's)."""
    current = _version(ENGINE_VERSION)
    rows = db.execute("select id, key, engine_version from documents order by rowid").fetchall()
    return [(doc_id, key) for doc_id, key, version in rows
            if version != ENGINE_VERSION and _version(version) < current]


def stored_document(db: Database, doc_id: str) -> Document | None:
    """A stored document as it was read (key, text and metadata), to extract it again."""
    row = db.execute(
        "select key, text, title, url, published, source, path, author from documents where id = ?",
        [doc_id]).fetchone()
    if row is None:
        return None
    key, text, title, url, published, source, path, author = row
    return Document(id=key if key is not None else doc_id, text=text, title=title, url=url,
                    published=published, source=source, path=path, author=author)


def save_result(db: Database, result: Result) -> int:
    """Write one document and its quotes in one transaction; returns the quotes written.

    The document replaces any earlier version stored under the same key (path or id).
    """
    document = result.document
    doc_id = document.hash
    with db.atomic():
        stale = [row[0] for row in db.execute(
            "select id from documents where key = ? or id = ?", [document.id, doc_id]).fetchall()]
        for old in stale:
            db.execute("delete from quotes where document_id = ?", [old])
            db.execute("delete from documents where id = ?", [old])
        db["documents"].insert({
            "id": doc_id, "key": document.id, "title": document.title, "url": document.url,
            "published": document.published, "source": document.source, "author": document.author,
            "path": document.path, "text": document.text, "engine_version": ENGINE_VERSION,
            "ingested_at": now(),
        })
        speaker_ids = {s.name: speaker_id(db, s) for s in result.speakers}
        paragraphs = paragraph_spans(document.text)
        rows = [_quote_row(doc_id, q, speaker_ids, paragraphs) for q in result.quotes]
        if rows:
            db["quotes"].insert_all(rows)
        if stale:  # only a replaced document can leave speakers nobody quotes
            _drop_orphan_speakers(db)
    return len(rows)


def _quote_row(doc_id: str, q: Quote, speaker_ids: dict[str, int], paragraphs) -> dict:
    context = next(((s, e) for s, e in paragraphs if s <= q.start < e), (q.start, q.end))
    return {
        "id": f"{doc_id}:{q.start}:{q.end}", "document_id": doc_id, "start": q.start, "end": q.end,
        "text": q.text, "type": q.type, "cue": q.cue,
        "speaker_id": speaker_ids.get(q.speaker) if q.speaker else None,
        "speaker_mention": q.speaker_mention, "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end,
        "addressee_id": speaker_ids.get(q.addressee) if q.addressee else None,
        "method": q.method, "confidence": q.confidence, "statement": q.statement,
        "context_start": context[0], "context_end": max(context[1], q.end),
    }


def _full_name(name: str) -> bool:
    return len(name.split()) >= 2


def speaker_id(db: Database, speaker: Speaker) -> int:
    """The row of this speaker across documents: by alias (full names and the user's own),
    then by a near-spelling with the same first name and role; else a new row."""
    for name in [speaker.name] + [a for a in speaker.aliases if _full_name(a)]:
        row = db.execute(
            "select speaker_id from aliases where alias = ? collate nocase "
            "and (origin != 'seen' or alias like '% %') order by origin = 'seen'", [name]).fetchone()
        if row:
            _record_aliases(db, row[0], speaker)
            _fill_role(db, row[0], speaker)
            return row[0]
    if _full_name(speaker.name) and speaker.kind == "person":
        first, last = speaker.name.split()[0], speaker.name.split()[-1]
        for row in db.execute(
            "select id, name, role from speakers where name like ? and kind = 'person'", [f"{first} %"]
        ).fetchall():
            other_last = row[1].split()[-1]
            same_role = bool(row[2] and speaker.role and row[2].lower() == speaker.role.lower())
            if len(row[1].split()) == len(speaker.name.split()) and near_spelling(other_last, last) and same_role:
                _record_aliases(db, row[0], speaker)
                return row[0]
    new_id = db["speakers"].insert({
        "name": speaker.name, "kind": speaker.kind, "role": speaker.role,
        "affiliation": speaker.affiliation,
    }).last_pk
    _record_aliases(db, new_id, speaker)
    return new_id


def _record_aliases(db: Database, sid: int, speaker: Speaker) -> None:
    for alias in dict.fromkeys((speaker.name,) + tuple(speaker.aliases)):
        db.execute(
            "insert into aliases (alias, speaker_id, origin) values (?, ?, 'seen') on conflict do nothing",
            [alias, sid])


def _fill_role(db: Database, sid: int, speaker: Speaker) -> None:
    db.execute(
        "update speakers set role = coalesce(role, ?), affiliation = coalesce(affiliation, ?) where id = ?",
        [speaker.role, speaker.affiliation, sid])


def _drop_orphan_speakers(db: Database) -> None:
    """Speakers no quote points to any more (after a document was replaced)."""
    db.execute(
        "delete from aliases where origin = 'seen' and speaker_id not in "
        "(select speaker_id from quotes where speaker_id is not null union "
        " select addressee_id from quotes where addressee_id is not null) "
        "and speaker_id not in (select speaker_id from aliases where origin != 'seen')")
    db.execute(
        "delete from speakers where id not in (select speaker_id from aliases) "
        "and id not in (select speaker_id from quotes where speaker_id is not null) "
        "and id not in (select addressee_id from quotes where addressee_id is not null)")


def counts(db: Database) -> dict[str, int]:
    return {name: db[name].count for name in TABLES}
