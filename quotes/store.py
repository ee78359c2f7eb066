"""The SQLite database: its shape in one place, and writers that put one document's
results in one transaction, so the file is never half-written.

Tables: documents, speakers, aliases, not_same (names the user split off a speaker),
quotes (full-text search on text), quotations and appearances (one statement across
articles, kept by quotes/quotations.py), and the view statements that users facet, search
and export. Which row a document's speaker joins is decided in speaker_rows.py.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import pathlib
import sqlite3
import time
from typing import Iterator

from sqlite_utils import Database

from .model import ENGINE_VERSION, Document, Quote, Result
from .names import is_proper_name, looks_like_headline
from .paragraphs import paragraph_spans
from .gender_rows import given_name_evidence, refresh as refresh_genders, save_evidence
from .quotations import settle as settle_quotations
from .speaker_rows import speaker_id, speaker_ids  # noqa: F401 (speaker_id: this module's interface)

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
        "columns": {
            "id": int, "name": str, "kind": str, "role": str, "affiliation": str,
            # a person's gender (female, male, unknown; null for anyone else) from the evidence
            # of their articles (gender_rows.py), how it was decided (text, given name, user),
            # the evidence for a reader, and the user's correction (`quotes gender`)
            "gender": str, "gender_basis": str, "gender_evidence": str, "corrected_gender": str,
        },
        "pk": "id",
        "not_null": {"name"},
    },
    # origin: 'seen' in an article, else the user's ('merge', 'split', 'user': an alias
    # file); reason: why a seen name joined its row ("nickname Bill ~ William, roles agree")
    "aliases": {
        "columns": {"alias": str, "speaker_id": int, "origin": str, "reason": str},
        "pk": ("alias", "speaker_id"),
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    # A name the user split off a speaker (`quotes split`, an alias file): it never joins
    # that speaker again, whatever later articles say.
    "not_same": {
        "columns": {"speaker_id": int, "name": str},
        "pk": ("speaker_id", "name"),
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    # Each article's gender evidence for each person it names as a speaker or addressee
    # (`name` as the article gives it, the quotes' article_speaker or article_addressee).
    "article_gender_evidence": {
        "columns": {"document_id": str, "name": str, "kind": str, "word": str, "count": int},
        "pk": ("document_id", "name", "kind", "word"),
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "quotes": {
        "columns": {
            "id": str, "document_id": str, "start": int, "end": int, "text": str, "type": str,
            "cue": str, "speaker_id": int, "speaker_mention": str, "speaker_start": int,
            "speaker_end": int, "addressee_id": int, "method": str, "confidence": float,
            "statement": int, "context_start": int, "context_end": int,
            # person, organisation, group or anonymous: as the engine judged the speaker,
            # also where no speaker row was made (a description, a pronoun, a source)
            "speaker_kind": str,
            # the speaker's and addressee's names as the article gives them, before joining
            # across articles: what `quotes split` moves
            "article_speaker": str, "article_addressee": str,
            # why this speaker: the resolver that said who the mention is, and what it read
            "resolver": str, "evidence": str,
            # 1 for a statement's first part (or its only one), 2, 3… for the parts its
            # attribution splits off ("…," she said, "…"): counting part 1 counts statements
            "part": int,
        },
        "pk": "id",
        "foreign_keys": [
            ("document_id", "documents", "id"),
            ("speaker_id", "speakers", "id"),
            ("addressee_id", "speakers", "id"),
        ],
    },
    # Statements counted by speaker (0: none), outlet ('' unknown), month (YYYY-MM, ''
    # undated) and type: what the dashboard and the profiles sum instead of counting a
    # million quotes. Kept right by the triggers in COUNT_TRIGGERS, whoever writes quotes.
    "statement_counts": {
        "columns": {"speaker_id": int, "source": str, "month": str, "type": str, "statements": int},
        "pk": ("speaker_id", "source", "month", "type"),
    },
    # The same without the speaker: a few thousand rows however large the archive, for
    # the totals by outlet, month and type.
    "month_counts": {
        "columns": {"source": str, "month": str, "type": str, "statements": int},
        "pk": ("source", "month", "type"),
    },
    # Each speaker's statements, direct statements and articles, kept with statement_counts: the
    # ranking of speakers reads it in order of its index instead of counting every quote.
    "speaker_totals": {
        "columns": {"speaker_id": int, "statements": int, "direct": int, "articles": int},
        "pk": "speaker_id",
    },
    # Each speaker's statements by outlet, and by month (the same counts summed over the
    # other columns): the dashboard's shares of women and men, of everyone or within an outlet
    # or a range of months, sum a few tens of thousands of these rather than every row of
    # statement_counts. Kept by the same triggers.
    "speaker_outlets": {
        "columns": {"speaker_id": int, "source": str, "statements": int},
        "pk": ("speaker_id", "source"),
        "without_rowid": True,  # the rows in speaker order: a speaker's sums read no other page
    },
    "speaker_months": {
        "columns": {"speaker_id": int, "month": str, "statements": int},
        "pk": ("speaker_id", "month"),
        "without_rowid": True,  # the rows in speaker order: a speaker's sums read no other page
    },
    # Quotations across articles (quotes/quotations.py): one row a distinct quotation, its
    # longest wording and its speaker, with where it was first seen.
    "quotations": {
        "columns": {
            "id": str, "speaker_id": int, "text": str, "words": int, "statements": int,
            "articles": int, "first_seen": str, "first_source": str, "first_document_id": str,
            "first_quote_id": str,
        },
        "pk": "id",
        "foreign_keys": [("speaker_id", "speakers", "id"), ("first_document_id", "documents", "id")],
    },
    # Each distinct wording (a speaker's normalised words) and the longer one it is part of.
    "wordings": {
        "columns": {
            "id": int, "key": str, "speaker_id": int, "words": str, "length": int,
            "parent_id": int, "containment": float, "quotation_id": str, "root_containment": float,
        },
        "pk": "id",
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    # Each quote row and the quotation its statement repeats: 'same' (its longest wording)
    # or 'part of' it, with the share of the statement's words found in it.
    "appearances": {
        "columns": {
            "quote_id": str, "quotation_id": str, "relation": str, "containment": float,
            "document_id": str, "statement": int, "wording_id": int,
        },
        "pk": "quote_id",
        "foreign_keys": [("quote_id", "quotes", "id"), ("quotation_id", "quotations", "id"),
                         ("document_id", "documents", "id"), ("wording_id", "wordings", "id")],
    },
    # The index that finds the wordings a new one may repeat (quotes/wording.py).
    "wording_fingerprints": {
        "columns": {"fingerprint": int, "wording_id": int},
        "pk": ("fingerprint", "wording_id"),
        "without_rowid": True,
    },
    # Quotes changed since their quotations were last brought up to date: filled by the
    # triggers below, emptied before every commit (see `writing`).
    "quotation_queue": {
        "columns": {"quote_id": str},
        "pk": "quote_id",
    },
}
NOCASE_INDEXES = (("aliases", "alias"), ("speakers", "name"))
# Whom a speaker spoke to: the few quotes with an addressee, found without reading the rest,
# each pair's statements and articles counted from the index alone (who_spoke_to_whom).
PARTIAL_INDEXES = ("create index if not exists idx_quotes_addressed_statements on quotes "
                   "(speaker_id, addressee_id, document_id, statement, id) where addressee_id is not null",)
# The articles of one day: the date facet of the articles' listing filters by
# date(published), which only an index on that expression serves (100,000 rows read).
EXPRESSION_INDEXES = ("create index if not exists idx_documents_published_date on documents (date(published))",)
INDEXES = {
    # (speaker_id, document_id): a speaker's quotes and articles; (speaker_id, part, cue): a
    # profile's cue verbs, counted from the index alone
    "quotes": [["document_id"], ["speaker_id", "document_id"], ["speaker_id", "part", "cue"],
               ["addressee_id"], ["type"], ["cue"]],
    # (title): the statements sorted by title read articles in this order, not a million rows
    "documents": [["key"], ["published"], ["source", "published"], ["title"]],
    "speakers": [["name"]],
    "aliases": [["speaker_id"]],
    # covering: the dashboard's sums within a month range or an outlet read no table row
    "statement_counts": [["month", "source", "speaker_id", "statements"],
                         ["source", "month", "speaker_id", "statements"],
                         # covering, in speaker order: the dashboard's shares of women and men
                         # sum each speaker's statements by outlet, or by month, reading no row
                         ["speaker_id", "source", "statements"], ["speaker_id", "month", "statements"]],
    "speaker_totals": [["statements"]],
    # covering: an outlet's or a range of months' people read in order, no row
    "speaker_outlets": [["source", "speaker_id", "statements"]],
    "speaker_months": [["month", "speaker_id", "statements"]],
    # (articles, statements): repeated_quotations, the most repeated first, read in index order;
    # (speaker_id, articles): one speaker's repeated ones, without reading all of theirs
    "quotations": [["speaker_id", "articles"], ["articles", "statements"]],
    "appearances": [["quotation_id"], ["document_id", "statement"], ["wording_id"]],
    "wordings": [["parent_id"]],
}
INDEXES_UNIQUE = {"wordings": [["key"]]}
# Every change to a quote queues it, whoever makes it (ingest, a merge, a split, a
# migration): its quotation is brought up to date before the transaction commits.
_CHANGED = ("old.id is not new.id or old.document_id is not new.document_id or old.text is not new.text "
            "or old.speaker_id is not new.speaker_id or old.statement is not new.statement")
TRIGGERS = {
    "quotes_queue_insert": "after insert on quotes begin "
                           "insert or ignore into quotation_queue (quote_id) values (new.id); end",
    "quotes_queue_delete": "after delete on quotes begin "
                           "insert or ignore into quotation_queue (quote_id) values (old.id); end",
    "quotes_queue_update": f"after update on quotes when {_CHANGED} begin "
                           "insert or ignore into quotation_queue (quote_id) values (old.id); "
                           "insert or ignore into quotation_queue (quote_id) values (new.id); end",
}
FTS = {"quotes": ["text"]}
# Words are stemmed ("protesters" finds "protest") and accents folded.
FTS_TOKENIZE = "porter"
_COUNT_KEY = {
    "speaker_id": "coalesce({q}.speaker_id, 0)",
    "source": "coalesce((select source from documents where id = {q}.document_id), '')",
    "month": "coalesce((select substr(published, 1, 7) from documents where id = {q}.document_id), '')",
    "type": "coalesce({q}.type, '')",
}


def _count_add(q: str, when: str = "true") -> str:
    """SQL that counts the statement whose first part is row `q` (`new` or `old`)."""
    keys = ", ".join(_COUNT_KEY[k].format(q=q) for k in ("speaker_id", "source", "month", "type"))
    anyone = ", ".join(_COUNT_KEY[k].format(q=q) for k in ("source", "month", "type"))
    direct = f"coalesce({q}.type = 'direct', 0)"
    speaker = _COUNT_KEY["speaker_id"].format(q=q)
    by_speaker = "".join(
        f"\n  INSERT INTO speaker_{table} (speaker_id, {column}, statements) "
        f"SELECT {speaker}, {_COUNT_KEY[column].format(q=q)}, 1 WHERE {when} "
        f"ON CONFLICT (speaker_id, {column}) DO UPDATE SET statements = statements + 1;"
        for table, column in (("outlets", "source"), ("months", "month")))
    return (f"INSERT INTO statement_counts (speaker_id, source, month, type, statements) "
            f"SELECT {keys}, 1 WHERE {when} "
            f"ON CONFLICT (speaker_id, source, month, type) DO UPDATE SET statements = statements + 1;\n"
            f"  INSERT INTO month_counts (source, month, type, statements) "
            f"SELECT {anyone}, 1 WHERE {when} "
            f"ON CONFLICT (source, month, type) DO UPDATE SET statements = statements + 1;\n"
            f"  INSERT INTO speaker_totals (speaker_id, statements, direct, articles) "
            f"SELECT coalesce({q}.speaker_id, 0), 1, {direct}, 0 WHERE {when} "
            f"ON CONFLICT (speaker_id) DO UPDATE SET statements = statements + 1, direct = direct + {direct};"
            + by_speaker)


def _count_remove(q: str, when: str = "true") -> str:
    """SQL that takes the statement whose first part is row `q` out of the counts."""
    match = " AND ".join(f"{k} = {v.format(q=q)}" for k, v in _COUNT_KEY.items())
    anyone = " AND ".join(f"{k} = {v.format(q=q)}" for k, v in _COUNT_KEY.items() if k != "speaker_id")
    speaker = f"speaker_id = coalesce({q}.speaker_id, 0)"
    by_speaker = "".join(
        f"\n  UPDATE speaker_{table} SET statements = statements - 1 WHERE {when} AND {speaker} "
        f"AND {column} = {_COUNT_KEY[column].format(q=q)};"
        f"\n  DELETE FROM speaker_{table} WHERE {when} AND {speaker} AND {column} = {_COUNT_KEY[column].format(q=q)} "
        f"AND statements <= 0;"
        for table, column in (("outlets", "source"), ("months", "month")))
    return (f"UPDATE statement_counts SET statements = statements - 1 WHERE {when} AND {match};\n"
            f"  DELETE FROM statement_counts WHERE {when} AND {match} AND statements <= 0;\n"
            f"  UPDATE month_counts SET statements = statements - 1 WHERE {when} AND {anyone};\n"
            f"  DELETE FROM month_counts WHERE {when} AND {anyone} AND statements <= 0;\n"
            f"  UPDATE speaker_totals SET statements = statements - 1, direct = direct - coalesce({q}.type = 'direct', 0) "
            f"WHERE {when} AND {speaker};\n"
            f"  DELETE FROM speaker_totals WHERE {when} AND {speaker} AND statements <= 0 "
            f"AND coalesce(articles, 0) <= 0;" + by_speaker)


def _article_add(q: str) -> str:
    """SQL that counts the article of row `q` for its speaker, when no other row of the
    speaker is in that article."""
    return (f"INSERT INTO speaker_totals (speaker_id, statements, direct, articles) "
            f"SELECT {q}.speaker_id, 0, 0, 1 WHERE {q}.speaker_id IS NOT NULL AND NOT EXISTS ("
            f"SELECT 1 FROM quotes WHERE speaker_id = {q}.speaker_id AND document_id = {q}.document_id "
            f"AND rowid != {q}.rowid) "
            f"ON CONFLICT (speaker_id) DO UPDATE SET articles = coalesce(articles, 0) + 1;")


def _article_remove(q: str) -> str:
    """SQL that uncounts the article of (former) row `q` when no row of the speaker is left
    in it."""
    gone = (f"{q}.speaker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = "
            f"{q}.speaker_id AND document_id = {q}.document_id)")
    return (f"UPDATE speaker_totals SET articles = articles - 1 WHERE speaker_id = {q}.speaker_id AND {gone};\n"
            f"  DELETE FROM speaker_totals WHERE speaker_id = {q}.speaker_id AND statements <= 0 "
            f"AND coalesce(articles, 0) <= 0;")


# A statement is counted by its first part (part = 1), whoever writes the quotes: ingest,
# curation (a speaker changed), a replaced document; an article by any row of its speaker.
COUNT_TRIGGERS = {
    "statement_counts_ai": f"AFTER INSERT ON quotes WHEN new.part = 1 BEGIN\n  {_count_add('new')}\nEND",
    "statement_counts_ad": f"AFTER DELETE ON quotes WHEN old.part = 1 BEGIN\n  {_count_remove('old')}\nEND",
    "statement_counts_au": (f"AFTER UPDATE OF speaker_id, type, part, document_id ON quotes BEGIN\n"
                            f"  {_count_remove('old', 'old.part = 1')}\n  {_count_add('new', 'new.part = 1')}\nEND"),
    "speaker_articles_ai": f"AFTER INSERT ON quotes BEGIN\n  {_article_add('new')}\nEND",
    "speaker_articles_ad": f"AFTER DELETE ON quotes BEGIN\n  {_article_remove('old')}\nEND",
    "speaker_articles_au": (f"AFTER UPDATE OF speaker_id, document_id ON quotes BEGIN\n"
                            f"  {_article_remove('old')}\n  {_article_add('new')}\nEND"),
}
# The views join documents (their index orders by date) and read names with a subquery:
# counting a view's rows then reads no quote row and no speaker row.
VIEWS = {
    "statements": """
SELECT
  quotes.id,
  coalesce(quotes.document_id || ':' || quotes.statement, quotes.id) AS statement,
  quotes.part,
  (SELECT name FROM speakers WHERE speakers.id = quotes.speaker_id) AS speaker,
  quotes.text,
  quotes.type,
  quotes.cue,
  (SELECT name FROM speakers WHERE speakers.id = quotes.addressee_id) AS addressee,
  documents.title,
  documents.published,
  documents.source,
  documents.url,
  quotes.document_id,
  quotes.start,
  quotes."end",
  quotes.speaker_mention,
  quotes.speaker_kind,
  (SELECT gender FROM speakers WHERE speakers.id = quotes.speaker_id) AS speaker_gender,
  quotes.method,
  quotes.resolver,
  quotes.evidence,
  quotes.confidence,
  quotes.speaker_id,
  (SELECT quotation_id FROM appearances WHERE appearances.quote_id = quotes.id) AS quotation_id,
  (SELECT relation FROM appearances WHERE appearances.quote_id = quotes.id) AS relation,
  (SELECT quotations.first_seen FROM appearances JOIN quotations ON quotations.id = appearances.quotation_id
     WHERE appearances.quote_id = quotes.id) AS first_seen,
  (SELECT quotations.articles FROM appearances JOIN quotations ON quotations.id = appearances.quotation_id
     WHERE appearances.quote_id = quotes.id) AS appearances,
  quotes.rowid AS quote_rowid
FROM quotes
JOIN documents ON documents.id = quotes.document_id
""",
    # The paragraph around each quote as HTML: the article's text escaped here, in SQL, and
    # only the <mark> around the quote added (quotes/site/plugin.py renders it). One join, as
    # in the statements view: counting the rows reads two indexes.
    "quotes_in_context": """
SELECT
  quotes.id,
  coalesce(quotes.document_id || ':' || quotes.statement, quotes.id) AS statement,
  quotes.part,
  (SELECT name FROM speakers WHERE speakers.id = quotes.speaker_id) AS speaker,
  replace(replace(replace(
    substr(documents.text, min(coalesce(quotes.context_start, quotes.start), quotes.start) + 1,
           quotes.start - min(coalesce(quotes.context_start, quotes.start), quotes.start)),
    '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
  || '<mark>' || replace(replace(replace(
    substr(documents.text, quotes.start + 1, quotes."end" - quotes.start),
    '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
  || '</mark>' || replace(replace(replace(
    substr(documents.text, quotes."end" + 1,
           max(coalesce(quotes.context_end, quotes."end"), quotes."end") - quotes."end"),
    '&', '&amp;'), '<', '&lt;'), '>', '&gt;') AS context,
  quotes.type,
  quotes.cue,
  (SELECT name FROM speakers WHERE speakers.id = quotes.addressee_id) AS addressee,
  documents.title,
  documents.published,
  documents.source,
  quotes.document_id,
  quotes.start,
  quotes."end",
  quotes.speaker_id,
  (SELECT quotation_id FROM appearances WHERE appearances.quote_id = quotes.id) AS quotation_id,
  quotes.rowid AS quote_rowid
FROM quotes
JOIN documents ON documents.id = quotes.document_id
""",
    # Speakers ranked by statements: a view, so it pages and its CSV streams every row (a
    # canned query's CSV stops at 1,000). A quote split by its attribution is one statement.
    # Read from the precomputed totals; ranked by the site's metadata (sort_desc:
    # statements), which reads them in the order of their index: the first page of a million
    # statements costs what a page of a hundred does. No view here has an ORDER BY of its
    # own: one would make SQLite build every row before counting them.
    "speaker_stats": """
SELECT
  speakers.id AS speaker_id,
  speakers.name,
  speakers.kind,
  speakers.role,
  speakers.affiliation,
  speakers.gender,
  speakers.gender_evidence,
  speaker_totals.statements,
  speaker_totals.direct,
  speaker_totals.articles,
  (SELECT min(month) FROM statement_counts WHERE statement_counts.speaker_id = speakers.id
     AND month != '') AS first_month,
  (SELECT max(month) FROM statement_counts WHERE statement_counts.speaker_id = speakers.id
     AND month != '') AS last_month
FROM speaker_totals
JOIN speakers ON speakers.id = speaker_totals.speaker_id
""",
    # The quotations carried by two articles or more; the site lists the most repeated first
    # (metadata: sort_desc articles, read from the index on articles and statements).
    "repeated_quotations": """
SELECT
  quotations.id,
  speakers.name AS speaker,
  quotations.text,
  quotations.articles,
  quotations.statements,
  quotations.first_seen,
  quotations.first_source,
  quotations.first_document_id,
  quotations.words,
  quotations.speaker_id
FROM quotations
LEFT JOIN speakers ON speakers.id = quotations.speaker_id
WHERE quotations.articles >= 2
""",
}


SCHEMA_VERSION = 13  # PRAGMA user_version; bump it (and add a step to MIGRATIONS) when TABLES,
# INDEXES, FTS or VIEWS change, so that an older `quotes` refuses the newer database
APPLICATION_ID = int.from_bytes(b"QUOT", "big")  # PRAGMA application_id of a quotes database
BUSY_TIMEOUT = 60.0  # seconds a writer waits for another one to finish its transaction
BUSY_STEP = 0.2  # seconds SQLite waits at a time (signals are handled in between)
# The write-ahead log is copied into the database every WAL_PAGES pages (SQLite's default is
# 1,000, about 4 MB) and cut back to WAL_BYTES after: a run never needs much more disk than
# the database itself (a document's transaction adds 50-100 KB of pages to the log).
WAL_PAGES = 256
WAL_BYTES = 1_048_576
FTS_TRIGGERS = ("_ai", "_ad", "_au")
FIRST_TABLES = {"documents", "speakers", "aliases", "quotes"}  # what every quotes database has had


class StoreError(Exception):
    """The database cannot be opened, read or written; the message names the file and why."""


class NotADatabase(StoreError, ValueError):
    """The path exists but is not a (quotes) SQLite database: it is never changed."""


def describe(path: str, error: Exception) -> str:
    """One line naming the file and the cause of an SQLite error, in the user's words."""
    message = str(error)
    low = message.lower()
    if "full" in low:
        return f"{path}: the disk is full ({message}); what was written before stays{_space(path)}"
    if "readonly" in low or "read-only" in low:
        return f"{path}: cannot write: the file or its folder is read-only ({message})"
    if "locked" in low or "busy" in low:
        return (f"{path}: another program kept the database locked for more than "
                f"{BUSY_TIMEOUT:.0f} s ({message}); try again when it has finished")
    if "i/o error" in low:
        return f"{path}: the disk failed to read or write ({message}); what was written before stays"
    if "unable to open" in low:
        return f"{path}: cannot open or create the database here ({message})"
    if "not a database" in low or "malformed" in low or "encrypted" in low:
        return f"{path}: not a usable SQLite database ({message})"
    return f"{path}: database error ({message})"


def _space(path: str) -> str:
    """How much disk space there is beside the database, and how much going on needs at
    least: room to copy the write-ahead log into the database, and for the log itself."""
    try:
        stat = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except OSError:
        return ""
    free = stat.f_bavail * stat.f_frsize
    wal = os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else 0
    return f"; {_size(free)} free there, at least {_size(wal + 2 * WAL_BYTES)} needed to go on"


def _size(count: int) -> str:
    if count < 1_000_000:
        return f"{count / 1000:.0f} KB"
    return f"{count / 1_000_000:.1f} MB"


def _release_log(db: Database) -> None:
    """After a full disk: copy the write-ahead log into the database and empty it, which
    gives its space back, if the disk has room for that."""
    try:
        db.conn.execute("pragma wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass


def _path_of(db: Database) -> str:
    row = db.conn.execute("pragma database_list").fetchone()
    return row[2] if row and row[2] else "database"


@contextlib.contextmanager
def writing(db: Database, path: str | None = None) -> Iterator[Database]:
    """One write transaction that takes the write lock at once (BEGIN IMMEDIATE), so a
    second writer waits for the first (up to BUSY_TIMEOUT) instead of failing. Inside
    another transaction it is a savepoint. Before it commits, the quotations of every quote
    it changed are brought up to date (quotes/quotations.py), whoever changed them. Any
    SQLite error becomes one StoreError."""
    try:
        if db.conn.in_transaction:
            with db.atomic():
                yield db
            return
        _begin(db)
        try:
            yield db
            settle_quotations(db)  # the quotations of the statements this transaction changed
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
        db.conn.commit()
    except sqlite3.Error as error:
        if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == sqlite3.SQLITE_FULL:
            if db.conn.in_transaction:
                db.conn.rollback()
            _release_log(db)
        raise StoreError(describe(path or _path_of(db), error)) from None


def _begin(db: Database) -> None:
    """BEGIN IMMEDIATE, waiting up to BUSY_TIMEOUT for another writer, in steps of
    BUSY_STEP: SQLite waits in C, where Ctrl-C and SIGTERM are not seen until it returns."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    db.conn.execute(f"pragma busy_timeout = {int(BUSY_STEP * 1000)}")
    try:
        while True:
            try:
                db.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                busy = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF in (sqlite3.SQLITE_BUSY,
                                                                                 sqlite3.SQLITE_LOCKED)
                if not busy or time.monotonic() >= deadline:
                    raise
    finally:
        db.conn.execute(f"pragma busy_timeout = {int(BUSY_TIMEOUT * 1000)}")


def _check_header(path: str) -> None:
    if os.path.isdir(path):
        raise NotADatabase(f"{path}: cannot open as a database (Is a directory)")
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise NotADatabase(f"{path}: not a SQLite database; refusing to touch it")


def open_db(path: str, create: bool = True) -> Database:
    """Open a database to write to: create it, or migrate it to the current schema, in one
    transaction. Refuses a file that is not SQLite, another program's database and one a
    newer `quotes` wrote; every error is one StoreError naming the file and the cause."""
    _check_header(path)
    if not create and not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such database")
    try:
        db = Database(sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False))
    except sqlite3.Error as error:
        raise StoreError(describe(path, error)) from None
    try:
        _refuse_foreign(db, path)  # before anything changes, even the journal mode
        if db.conn.execute("pragma journal_mode").fetchone()[0] != "wal":
            db.enable_wal()
        db.conn.execute(f"pragma wal_autocheckpoint = {WAL_PAGES}")
        db.conn.execute(f"pragma journal_size_limit = {WAL_BYTES}")
        with writing(db, path):
            _refuse_foreign(db, path)  # again, now that no other writer can change it
            ensure_db_shape(db)
    except sqlite3.Error as error:
        db.close()
        raise StoreError(describe(path, error)) from None
    except StoreError:
        db.close()
        raise
    return db


def open_db_readonly(path: str) -> Database:
    """Open a quotes database only to read it: nothing in the file changes (not its schema,
    not its journal mode). A database in a read-only folder opens as immutable (see
    `read_only_mode`)."""
    _check_header(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such database")
    last = None
    for immutable in (False, True):
        try:
            db = Database(_connect_readonly(path, immutable))
            _refuse_foreign(db, path, reading=True)
            db.immutable = immutable
            return db
        except sqlite3.OperationalError as error:
            # WAL mode keeps a shared-memory file beside the database: in a read-only folder
            # SQLite cannot create it, and the file can only be read as immutable
            last = error
        except sqlite3.Error as error:
            raise StoreError(describe(path, error)) from None
    raise StoreError(describe(path, last)) from None


def read_only_mode(path: str) -> str:
    """How `open_db_readonly` can read this database: "ro" (read-only, seeing what a
    writer commits meanwhile) or "immutable" (a read-only folder or medium, that nothing
    can be writing to). Raises StoreError when it is not a readable quotes database."""
    db = open_db_readonly(path)
    try:
        return "immutable" if db.immutable else "ro"
    finally:
        db.close()


def _connect_readonly(path: str, immutable: bool) -> sqlite3.Connection:
    uri = pathlib.Path(path).absolute().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, check_same_thread=False)


def _refuse_foreign(db: Database, path: str, reading: bool = False) -> None:
    """Refuse another program's database, and one a newer `quotes` wrote."""
    version = db.conn.execute("pragma user_version").fetchone()[0]
    app_id = db.conn.execute("pragma application_id").fetchone()[0]
    names = {row[0] for row in db.conn.execute(
        "select name from sqlite_master where type in ('table', 'view')")}
    ours = app_id == APPLICATION_ID or (app_id == 0 and FIRST_TABLES <= names)
    if not ours and (reading or app_id != 0 or names):
        shown = ", ".join(sorted(n for n in names if not n.startswith("sqlite_"))[:5]) or "none"
        raise NotADatabase(f"{path}: not a quotes database (tables: {shown}); refusing to touch it")
    if version > SCHEMA_VERSION:
        raise NotADatabase(
            f"{path}: written by a newer version of quotes (schema {version}; this one knows "
            f"{SCHEMA_VERSION}); upgrade quotes to use it, nothing was changed")


def ensure_db_shape(db: Database) -> None:
    """Create every table, index, full-text index and view that is missing, add missing
    columns, rebuild the full-text index when its triggers are missing, and record the
    schema version: all in one transaction. Safe to repeat; changes nothing when the shape
    is right."""
    with writing(db):
        version = db.execute("pragma user_version").fetchone()[0]
        existed = "quotes" in db.table_names()
        for name, spec in TABLES.items():
            if spec.get("without_rowid"):  # sqlite-utils cannot say so: an index table, half the size
                _create_without_rowid(db, name, spec)
                continue
            db[name].create(
                spec["columns"], pk=spec["pk"], not_null=spec.get("not_null"),
                foreign_keys=spec.get("foreign_keys"), if_not_exists=True,
            )
            have = set(db[name].columns_dict)
            for column, kind in spec["columns"].items():
                if column not in have:  # a database of an older quotes
                    db[name].add_column(column, kind)
        for table, indexes in INDEXES.items():
            for columns in indexes:
                db[table].create_index(columns, if_not_exists=True)
        for table, indexes in INDEXES_UNIQUE.items():
            for columns in indexes:
                db[table].create_index(columns, unique=True, if_not_exists=True)
        for name, sql in TRIGGERS.items():
            db.execute(f"create trigger if not exists [{name}] {sql}")
        for table, column in NOCASE_INDEXES:
            # name look-ups are case-insensitive: an index in that collation serves them
            db.execute(f"create index if not exists idx_{table}_{column}_nocase "
                       f"on [{table}] ([{column}] collate nocase)")
        for sql in PARTIAL_INDEXES + EXPRESSION_INDEXES:
            db.execute(sql)
        stored = dict(db.execute("select name, sql from sqlite_master where type = 'view'").fetchall())
        for name, sql in VIEWS.items():
            if not (stored.get(name) or "").rstrip().endswith(sql.strip()):
                db.execute(f"drop view if exists [{name}]")
                db.create_view(name, sql.strip())
        for table, columns in FTS.items():
            # replace=True: an index whose triggers are missing (a run killed between its
            # steps by an older quotes), or made with another tokenizer, is dropped, created
            # again and filled
            db[table].enable_fts(columns, create_triggers=True, replace=True, tokenize=FTS_TOKENIZE)
        if existed:
            for step in MIGRATIONS[version:]:
                step(db)
        stored = dict(db.execute("select name, sql from sqlite_master where type = 'trigger'").fetchall())
        for name, body in COUNT_TRIGGERS.items():
            if body not in (stored.get(name) or ""):
                db.execute(f"drop trigger if exists [{name}]")
                db.execute(f"create trigger [{name}] {body}")
        if db.execute("pragma user_version").fetchone()[0] != SCHEMA_VERSION:
            db.execute(f"pragma user_version = {SCHEMA_VERSION}")
        if db.execute("pragma application_id").fetchone()[0] != APPLICATION_ID:
            db.execute(f"pragma application_id = {APPLICATION_ID}")


def _create_without_rowid(db: Database, name: str, spec: dict) -> None:
    types = {int: "INTEGER", str: "TEXT", float: "FLOAT"}
    columns = ", ".join(f"[{c}] {types[t]}" for c, t in spec["columns"].items())
    pk = ", ".join(f"[{c}]" for c in spec["pk"])
    db.execute(f"create table if not exists [{name}] ({columns}, primary key ({pk})) without rowid")


def _to_version_2(db: Database) -> None:
    """Schema 2: statements keep their speaker's kind; descriptions and pronouns that an
    older quotes made speaker rows of ("the company", "he") lose their rows, their
    statements keep the mention, the kind and the name as the article gave it."""
    db.execute("update quotes set speaker_kind = (select kind from speakers where id = quotes.speaker_id), "
               "article_speaker = (select name from speakers where id = quotes.speaker_id) "
               "where speaker_id is not null and speaker_kind is null")
    db.execute("update quotes set article_addressee = (select name from speakers where id = quotes.addressee_id) "
               "where addressee_id is not null and article_addressee is null")
    unnamed = [sid for sid, name in db.execute("select id, name from speakers").fetchall()
               if not is_proper_name(name)]
    for sid in unnamed:
        db.execute("update quotes set speaker_id = null where speaker_id = ?", [sid])
        db.execute("update quotes set addressee_id = null where addressee_id = ?", [sid])
        db.execute("delete from aliases where speaker_id = ?", [sid])
        db.execute("delete from speakers where id = ?", [sid])


def _to_version_3(db: Database) -> None:
    """Schema 3: people have a gender with its evidence. A database stored before has no
    evidence from the text yet (`ingest --reprocess-outdated` reads it): each article's
    given-name evidence is read from the names the articles gave their people."""
    given_name_evidence(db)


def _to_version_4(db: Database) -> None:
    """Schema 4: statements say why they have their speaker (`resolver`, `evidence`; the
    columns are added by `ensure_db_shape`, empty for statements an older engine found:
    `quotes ingest --reprocess-outdated` fills them)."""


def _to_version_5(db: Database) -> None:
    """Schema 5: each quote knows which part of its statement it is (`part`), statements
    are counted in `statement_counts`, `month_counts` and `speaker_totals`, the full-text index stems words
    (rebuilt by ensure_db_shape), and headlines stored as aliases ("X Slams Y") are gone."""
    db.execute("""
        update quotes set part = numbered.n from (
          select id, row_number() over (
            partition by document_id, coalesce(statement, id) order by start, "end") as n
          from quotes) as numbered
        where numbered.id = quotes.id""")
    rebuild_statement_counts(db)
    headlines = [alias for alias, in db.execute("select alias from aliases where origin = 'seen'").fetchall()
                 if looks_like_headline(alias)]
    for alias in headlines:
        db.execute("delete from aliases where alias = ? and origin = 'seen'", [alias])


def rebuild_statement_counts(db: Database) -> None:
    """`statement_counts`, `month_counts`, `speaker_outlets`, `speaker_months` and
    `speaker_totals` counted again from the quotes (what the triggers keep up to date)."""
    db.execute("delete from statement_counts")
    db.execute("""
        insert into statement_counts (speaker_id, source, month, type, statements)
        select coalesce(quotes.speaker_id, 0), coalesce(documents.source, ''),
               coalesce(substr(documents.published, 1, 7), ''), coalesce(quotes.type, ''), count(*)
        from quotes left join documents on documents.id = quotes.document_id
        where quotes.part = 1 group by 1, 2, 3, 4""")
    db.execute("delete from month_counts")
    db.execute("""
        insert into month_counts (source, month, type, statements)
        select source, month, type, sum(statements) from statement_counts group by 1, 2, 3""")
    for table, column in (("speaker_outlets", "source"), ("speaker_months", "month")):
        db.execute(f"delete from {table}")
        db.execute(f"insert into {table} (speaker_id, {column}, statements) "
                   f"select speaker_id, {column}, sum(statements) from statement_counts group by 1, 2")
    db.execute("delete from speaker_totals")
    db.execute("""
        insert into speaker_totals (speaker_id, statements, direct, articles)
        select speaker_id, sum(statements), sum(case when type = 'direct' then statements else 0 end), 0
        from statement_counts group by speaker_id""")
    db.execute("""
        insert into speaker_totals (speaker_id, statements, direct, articles)
        select speaker_id, 0, 0, count(distinct document_id) from quotes
        where speaker_id is not null group by speaker_id
        on conflict (speaker_id) do update set articles = excluded.articles""")


def _to_version_6(db: Database) -> None:
    """Schema 6: quotations across articles. Every stored statement is queued, and linked to
    its quotation before the migration commits (see `writing`)."""
    db.execute("insert or ignore into quotation_queue (quote_id) select id from quotes")


def _to_version_7(db: Database) -> None:
    """Schema 7: a name seen in an article keeps the reason it joined its row (the column
    is added by `ensure_db_shape`); names seen before say they were joined before reasons
    were kept."""
    db.execute("update aliases set reason = 'joined before reasons were kept' "
               "where origin = 'seen' and reason is null")


def _to_version_8(db: Database) -> None:
    """Schema 8: the in-context view says each row's statement and part, as the statements
    view does (the view is made again by `ensure_db_shape`; nothing stored changes)."""


def _to_version_9(db: Database) -> None:
    """Schema 9: two covering indexes of the statement counts by speaker, outlet and month
    (made by `ensure_db_shape`; nothing stored changes)."""


def _to_version_10(db: Database) -> None:
    """Schema 10: indexes that serve the site's sort orders on an archive (articles by
    title; quotations by articles and statements, replacing the one by articles alone;
    each speaker and addressee pair's statements and articles, replacing the pairs alone),
    the in-context view with one join, the repeated quotations without an ORDER BY of
    their own (made by `ensure_db_shape`)."""
    db.execute("drop index if exists idx_quotations_articles")
    db.execute("drop index if exists idx_quotes_addressed")


def _to_version_11(db: Database) -> None:
    """Schema 11: each speaker's statements by outlet and by month (`speaker_outlets`,
    `speaker_months`, made by `ensure_db_shape`, kept by the count triggers from now on),
    summed here from `statement_counts`."""
    for table, column in (("speaker_outlets", "source"), ("speaker_months", "month")):
        db.execute(f"delete from {table}")
        db.execute(f"insert into {table} (speaker_id, {column}, statements) "
                   f"select speaker_id, {column}, sum(statements) from statement_counts group by 1, 2")


def _to_version_12(db: Database) -> None:
    """Schema 12: quotations indexed by speaker and articles, replacing the index by speaker
    alone (made by `ensure_db_shape`): a speaker's repeated quotations are found without
    reading every quotation of theirs."""
    db.execute("drop index if exists idx_quotations_speaker_id")


def _to_version_13(db: Database) -> None:
    """Schema 13: articles indexed by the day they were published (`date(published)`, made
    by `ensure_db_shape`; nothing stored changes)."""


# MIGRATIONS[v] brings a database of schema v + 1 (0: before versions) to v + 2.
MIGRATIONS = [lambda db: None, _to_version_2, _to_version_3, _to_version_4, _to_version_5, _to_version_6,
              _to_version_7, _to_version_8, _to_version_9, _to_version_10, _to_version_11,
              _to_version_12, _to_version_13]


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def current_documents(db: Database) -> set[tuple[str, str]]:
    """(key, content hash) of every document stored by the current engine or a newer one
    (never re-parsed by an older one), in one query: whether a document is stored unchanged
    is then checked in memory (about 100 bytes a document)."""
    current = _version(ENGINE_VERSION)
    rows = db.execute("select key, id, engine_version from documents").fetchall()
    return {(key, doc_id) for key, doc_id, version in rows
            if version == ENGINE_VERSION or _version(version) > current}


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
    with writing(db):
        stale = [row[0] for row in db.execute(
            "select id from documents where key = ? or id = ?", [document.id, doc_id]).fetchall()]
        touched = set()  # rows whose gender the replaced version's evidence counted in
        for old in stale:
            touched.update(sid for (sid,) in db.execute(
                "select speaker_id from quotes where document_id = ? union "
                "select addressee_id from quotes where document_id = ?", [old, old]).fetchall())
            db.execute("delete from article_gender_evidence where document_id = ?", [old])
            db.execute("delete from quotes where document_id = ?", [old])
            db.execute("delete from documents where id = ?", [old])
        db["documents"].insert({
            "id": doc_id, "key": document.id, "title": document.title, "url": document.url,
            "published": document.published, "source": document.source, "author": document.author,
            "path": document.path, "text": document.text, "engine_version": ENGINE_VERSION,
            "ingested_at": now(),
        })
        ids = speaker_ids(db, result.speakers)  # None: no row
        paragraphs = paragraph_spans(document.text)
        parts = statement_parts(result.quotes)
        rows = [_quote_row(doc_id, q, ids, paragraphs, parts[i]) for i, q in enumerate(result.quotes)]
        if rows:
            db["quotes"].insert_all(rows)
        save_evidence(db, doc_id, result.speakers)
        if stale:  # only a replaced document can leave speakers nobody quotes
            _drop_orphan_speakers(db)
        refresh_genders(db, touched | set(ids.values()))
    return len(rows)


def statement_parts(quotes: list[Quote]) -> list[int]:
    """Each quote's part of its statement: 1 for the first (or only) one in the text, 2, 3…
    for the parts of the same statement after it."""
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, quotes[i].end))
    seen: dict[int, int] = {}
    parts = [1] * len(quotes)
    for i in order:
        if quotes[i].statement is not None:
            seen[quotes[i].statement] = seen.get(quotes[i].statement, 0) + 1
            parts[i] = seen[quotes[i].statement]
    return parts


def _quote_row(doc_id: str, q: Quote, speaker_ids: dict[str, int], paragraphs, part: int = 1) -> dict:
    context = next(((s, e) for s, e in paragraphs if s <= q.start < e), (q.start, q.end))
    return {
        "id": f"{doc_id}:{q.start}:{q.end}", "document_id": doc_id, "start": q.start, "end": q.end,
        "text": q.text, "type": q.type, "cue": q.cue,
        "speaker_id": speaker_ids.get(q.speaker) if q.speaker else None,
        "speaker_kind": q.speaker_kind, "article_speaker": q.speaker,
        "article_addressee": q.addressee,
        "speaker_mention": q.speaker_mention, "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end,
        "addressee_id": speaker_ids.get(q.addressee) if q.addressee else None,
        "method": q.method, "resolver": q.resolver, "evidence": q.evidence,
        "confidence": q.confidence, "statement": q.statement, "part": part,
        "context_start": context[0], "context_end": max(context[1], q.end),
    }


def _drop_orphan_speakers(db: Database) -> None:
    """Speakers no quote points to any more (after a document was replaced). A row the user
    corrected keeps its names, so that later articles find it again."""
    db.execute(
        "delete from aliases where origin = 'seen' and speaker_id not in "
        "(select speaker_id from quotes where speaker_id is not null union "
        " select addressee_id from quotes where addressee_id is not null) "
        "and speaker_id not in (select speaker_id from aliases where origin != 'seen') "
        "and speaker_id not in (select id from speakers where corrected_gender is not null)")
    db.execute(
        "delete from speakers where id not in (select speaker_id from aliases) "
        "and id not in (select speaker_id from quotes where speaker_id is not null) "
        "and id not in (select addressee_id from quotes where addressee_id is not null)")
    db.execute("delete from not_same where speaker_id not in (select id from speakers)")


def counts(db: Database) -> dict[str, int]:
    return {name: db[name].count for name in TABLES}
