"""One statement across every article that carries it: each statement is linked to the
quotation it repeats, and each quotation knows where it was first seen.

Two statements of one speaker (or both of no speaker) are the same quotation when their
words are the same once normalised (quotes/wording.py); one is part of another when the
longer holds at least THRESHOLD of it (`wording.containment`). A statement split by its
attribution ("…," she said, "…") is one statement here.

The tables (shapes in store.py):
- `wordings`: each distinct wording. Its parent is the best longer wording it is part of;
  the wording at the top of that chain is the quotation (`quotation_id` is its key).
- `wording_fingerprints`: how a new wording finds the ones it may repeat or contain, by
  fingerprints shared (blocking: never all pairs, and only one speaker's wordings).
- `quotations`: one row a quotation (a wording with no parent): its longest wording, its
  speaker, its counts and where it was first seen.
- `appearances`: each quote row, its quotation and the relation ('same' or 'part of').
- `quotation_queue`: the quotes changed since the last `settle` (filled by triggers).

Every wording's parent is a function of the wordings stored, never of the order they
came in: an incremental ingest, `--force`, `--reprocess-outdated`, a merge or a split
leave the same quotations as building the database anew.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from . import wording
from .wording import CUT

THRESHOLD = 0.9  # containment for 'part of' (benchmarks/README.md: how it was chosen)
MIN_WORDS = 4  # a statement of fewer words is a quotation of its own, never linked
MIN_PART_WORDS = 5  # nor is one part of another below this (the fingerprints' guarantee)
SAME, PART_OF = "same", "part of"
# A statement's key in `appearances`, as the site counts statements in `quotes`
STATEMENT = "(document_id || ':' || coalesce(statement, quote_id))"
_CHUNK = 500  # values an IN (…) list takes at a time


@dataclass
class Wording:
    id: int
    key: str
    speaker_id: int | None
    tokens: tuple[str, ...]
    length: int
    parent_id: int | None = None
    containment: float | None = None  # of this wording in its parent
    quotation_id: str | None = None
    root_containment: float = 1.0  # of this wording in its quotation's longest wording
    fresh: bool = False  # its quotation's row was just written whole (see `_first_row`)

    def above(self, other: "Wording") -> bool:
        """The longer, or of two as long the one with the smaller key: only a wording above
        another can be its parent, so no chain comes back on itself."""
        return (self.length, other.key) > (other.length, self.key)


def _prefer(containment: float, parent: Wording) -> tuple:
    """How good a parent is, larger is better: the more of the child it holds, then the
    longer, then the smaller key (`_key_rank` turns smaller into larger)."""
    return (round(containment, 9), parent.length, _key_rank(parent.key))


def _key_rank(key: str) -> str:
    return "".join(chr(0x7e - ord(c)) for c in key)


@dataclass
class _Changes:
    moved: set[int] = field(default_factory=set)  # wordings whose parent changed, or new
    quotations: set[str] = field(default_factory=set)  # quotations whose rows to refresh
    emptied: set[int] = field(default_factory=set)  # wordings that may have lost every statement
    adopted: bool = False  # the wording just added became the parent of others


def _chunks(values: list, size: int = _CHUNK):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _marks(values) -> str:
    return ", ".join("?" for _ in values)


def settle(db) -> int:
    """Bring the quotations of every queued quote up to date; returns the statements linked.
    Called in the transaction that changed them (store.writing), so the database is never
    committed with quotations that disagree with its quotes."""
    try:
        queued = [row[0] for row in db.execute("select quote_id from quotation_queue")]
    except sqlite3.OperationalError:  # no such table: a database being created or migrated
        return 0
    if not queued:
        return 0
    changes = _Changes()
    old: set[Statement] = set()
    current: set[Statement] = set()
    for chunk in _chunks(queued):
        old.update(db.execute(
            "select document_id, statement, case when statement is null then quote_id end from appearances "
            f"where quote_id in ({_marks(chunk)})", chunk).fetchall())
        current.update(db.execute(
            "select document_id, statement, case when statement is null then id end from quotes "
            f"where id in ({_marks(chunk)})", chunk).fetchall())
    for statement in sorted(old, key=_order):
        where, params = _where(statement)
        for wording_id, quotation_id in db.execute(
                f"select wording_id, quotation_id from appearances where {where}", params).fetchall():
            changes.emptied.add(wording_id)
            changes.quotations.add(quotation_id)
        db.execute(f"delete from appearances where {where}", params)
    linked = 0
    for statement in sorted(old | current, key=_order):
        linked += _link(db, statement, changes)
    for wording_id in sorted(changes.emptied):
        if not db.execute("select 1 from appearances where wording_id = ? limit 1", [wording_id]).fetchone():
            _remove(db, wording_id, changes)
    _propagate(db, changes)
    for quotation_id in sorted(q for q in changes.quotations if q):
        _refresh(db, quotation_id)
    db.execute("delete from quotation_queue")
    return linked


# A statement: (document id, its number when its quote was split by the attribution, else
# None, and then the id of its one quote row).
Statement = tuple


def _order(statement: Statement) -> tuple:
    document_id, number, quote_id = statement
    return document_id, -1 if number is None else number, quote_id or ""


def _where(statement: Statement, table: str = "appearances") -> tuple[str, list]:
    document_id, number, quote_id = statement
    if number is None:
        return ("quote_id = ?" if table == "appearances" else "id = ?"), [quote_id]
    return "document_id = ? and statement = ?", [document_id, number]


def rebuild(db) -> int:
    """Link every stored statement again from nothing (what a migration does); returns the
    statements linked. The result is the same as the incremental one."""
    for table in ("appearances", "quotations", "wording_fingerprints", "wordings"):
        db.execute(f"delete from [{table}]")
    db.execute("insert or ignore into quotation_queue (quote_id) select id from quotes")
    return settle(db)


# ---- statements ------------------------------------------------------------------------


def _link(db, statement: Statement, changes: _Changes) -> int:
    """Link the quote rows of one statement (all its parts) to their quotation."""
    where, params = _where(statement, "quotes")
    parts = db.execute(f"select id, text, speaker_id from quotes where {where} order by start, \"end\"",
                       params).fetchall()
    if not parts:
        return 0
    document_id, number, quote_id = statement
    statement_key = f"{document_id}:{quote_id if number is None else number}"
    speaker = parts[0][2]
    tokens = wording.words(" ".join(text or "" for _, text, _ in parts))
    alone = wording.length(tokens) < MIN_WORDS  # its own quotation: a key no other statement has
    key = wording.key(speaker, tokens + (CUT, statement_key) if alone else tokens)
    found = _wording_by_key(db, key)
    if found is None:
        found = _add(db, key, speaker, tokens, changes, alone)
        if found.id not in changes.moved and not changes.adopted:  # a quotation of its own, for now
            _first_row(db, found, parts, statement)
    relation = SAME if found.parent_id is None else PART_OF
    db.execute("insert or replace into appearances (quote_id, quotation_id, relation, containment, document_id, "
               "statement, wording_id) values " + ", ".join("(?, ?, ?, ?, ?, ?, ?)" for _ in parts),
               [value for part, _, _ in parts for value in (
                   part, found.quotation_id, relation, found.root_containment, document_id, number, found.id)])
    if not found.fresh:
        changes.quotations.add(found.quotation_id)
    changes.adopted = False
    return 1


def _first_row(db, new: Wording, parts: list, statement: Statement) -> None:
    """The row of a quotation that one statement, just linked, is all of: written at once
    (the common case by far), rather than counted from its appearances."""
    document_id = statement[0]
    published, source = db.execute("select published, source from documents where id = ?",
                                   [document_id]).fetchone()
    db.execute(
        "insert or replace into quotations (id, speaker_id, text, words, statements, articles, first_seen, "
        "first_source, first_document_id, first_quote_id) values (?, ?, ?, ?, 1, 1, ?, ?, ?, ?)",
        [new.key, new.speaker_id, " ".join(text or "" for _, text, _ in parts), new.length, published or None,
         source, document_id, parts[0][0]])
    new.fresh = True


# ---- wordings --------------------------------------------------------------------------

_COLUMNS = "id, key, speaker_id, words, length, parent_id, containment, quotation_id, root_containment"


def _row(row) -> Wording:
    wid, key, speaker, words, length, parent, containment, quotation, root_containment = row
    return Wording(wid, key, speaker, tuple(words.split(" ")) if words else (), length, parent,
                   containment, quotation, root_containment)


def _wording_by_key(db, key: str) -> Wording | None:
    row = db.execute(f"select {_COLUMNS} from wordings where key = ?", [key]).fetchone()
    return _row(row) if row else None


def _wording(db, wording_id: int) -> Wording | None:
    row = db.execute(f"select {_COLUMNS} from wordings where id = ?", [wording_id]).fetchone()
    return _row(row) if row else None


def _add(db, key: str, speaker: int | None, tokens: tuple[str, ...], changes: _Changes,
         alone: bool = False) -> Wording:
    """A new wording: indexed, placed under its best parent, and the parent of the stored
    wordings it is now the best parent of."""
    length = wording.length(tokens)
    cursor = db.execute(
        "insert into wordings (key, speaker_id, words, length, quotation_id, root_containment) "
        "values (?, ?, ?, ?, ?, 1.0)", [key, speaker, " ".join(tokens), length, key])
    new = Wording(cursor.lastrowid, key, speaker, tokens, length, quotation_id=key)
    if alone:
        return new
    prints = sorted(wording.fingerprints(speaker, tokens))
    if prints:
        db.execute("insert or ignore into wording_fingerprints (fingerprint, wording_id) values "
                   + ", ".join("(?, ?)" for _ in prints), [v for p in prints for v in (p, new.id)])
    best = None
    for other in _candidates(db, new, prints):
        if other.above(new):
            share = _part(new, other)
            if share is not None and (best is None or _prefer(share, other) > _prefer(best[0], best[1])):
                best = (share, other)
        else:
            share = _part(other, new)
            if share is None:
                continue
            current = _wording(db, other.parent_id) if other.parent_id is not None else None
            if current is None or _prefer(share, new) > _prefer(other.containment, current):
                db.execute("update wordings set parent_id = ?, containment = ? where id = ?",
                           [new.id, share, other.id])
                changes.moved.add(other.id)
                changes.adopted = True
    if best is not None:  # its quotation and its share of it are settled in `_propagate`
        new.parent_id, new.containment = best[1].id, best[0]
        new.quotation_id = _root_key(db, new)
        db.execute("update wordings set parent_id = ?, containment = ?, quotation_id = ? where id = ?",
                   [new.parent_id, new.containment, new.quotation_id, new.id])
        changes.moved.add(new.id)
    return new


def _part(short: Wording, long: Wording) -> float | None:
    """The containment of `short` in `long` when `short` is part of it, else None."""
    if short.length < MIN_PART_WORDS:
        return None
    share = wording.containment(short.tokens, long.tokens, THRESHOLD)
    return share if share >= THRESHOLD else None


def _candidates(db, new: Wording, prints: list[int]) -> list[Wording]:
    """The stored wordings of the same speaker that share a fingerprint with `new`."""
    if not prints:
        return []
    ids: set[int] = set()
    for chunk in _chunks(prints):
        ids.update(row[0] for row in db.execute(
            f"select wording_id from wording_fingerprints where fingerprint in ({_marks(chunk)})", chunk))
    ids.discard(new.id)
    found = []
    for chunk in _chunks(sorted(ids)):
        found += [_row(row) for row in db.execute(
            f"select {_COLUMNS} from wordings where id in ({_marks(chunk)})", chunk)]
    return [w for w in found if w.speaker_id == new.speaker_id]


def _root_key(db, item: Wording) -> str:
    """The key of the wording at the top of `item`'s chain of parents."""
    if item.parent_id is None:
        return item.key
    return db.execute("select quotation_id from wordings where id = ?", [item.parent_id]).fetchone()[0]


def _remove(db, wording_id: int, changes: _Changes) -> None:
    """A wording no statement has any more goes; its children find their next best parent."""
    gone = _wording(db, wording_id)
    if gone is None:
        return
    prints = sorted(wording.fingerprints(gone.speaker_id, gone.tokens))
    for chunk in _chunks(prints):
        db.execute(f"delete from wording_fingerprints where wording_id = ? and fingerprint in ({_marks(chunk)})",
                   [wording_id] + chunk)
    children = [row[0] for row in db.execute("select id from wordings where parent_id = ?", [wording_id])]
    db.execute("delete from wordings where id = ?", [wording_id])
    changes.quotations.add(gone.quotation_id)
    changes.moved.discard(wording_id)
    for child_id in children:
        _place(db, _wording(db, child_id), changes)


def _place(db, item: Wording, changes: _Changes) -> None:
    """Give `item` its best parent among the stored wordings (none: it is a quotation)."""
    best = None
    if item.length >= MIN_PART_WORDS:
        prints = sorted(wording.fingerprints(item.speaker_id, item.tokens))
        for other in _candidates(db, item, prints):
            if other.above(item):
                share = _part(item, other)
                if share is not None and (best is None or _prefer(share, other) > _prefer(best[0], best[1])):
                    best = (share, other)
    db.execute("update wordings set parent_id = ?, containment = ? where id = ?",
               [best[1].id if best else None, best[0] if best else None, item.id])
    changes.moved.add(item.id)


def _propagate(db, changes: _Changes) -> None:
    """Each moved wording and everything under it takes its new quotation: top down, so a
    parent is settled before its children; their statements follow."""
    moved = [w for w in (_wording(db, i) for i in changes.moved) if w is not None]
    moved.sort(key=lambda w: (-w.length, w.key))
    done: set[int] = set()
    roots: dict[str, Wording] = {}
    for start in moved:
        if start.id in done:
            continue
        stack = [start]
        while stack:
            item = stack.pop()
            if item.id in done:
                continue
            done.add(item.id)
            quotation_id = _root_key(db, item)
            if quotation_id not in roots:
                roots[quotation_id] = _wording_by_key(db, quotation_id)
            root = roots[quotation_id]
            share = 1.0 if item.parent_id is None else wording.containment(item.tokens, root.tokens)
            changes.quotations.update((item.quotation_id, quotation_id))
            db.execute("update wordings set quotation_id = ?, root_containment = ? where id = ?",
                       [quotation_id, share, item.id])
            db.execute("update appearances set quotation_id = ?, relation = ?, containment = ? where wording_id = ?",
                       [quotation_id, SAME if item.parent_id is None else PART_OF, share, item.id])
            stack += [_row(row) for row in db.execute(
                f"select {_COLUMNS} from wordings where parent_id = ?", [item.id])]


# ---- quotations ------------------------------------------------------------------------

_FIRST = ("order by nullif(documents.published, '') is null, documents.published, "
          "appearances.document_id, quotes.start")


def _refresh(db, quotation_id: str) -> None:
    """The row of one quotation from its appearances (gone when it is no quotation any
    more): its longest wording as first written, its counts, where it was first seen."""
    root = db.execute("select id, speaker_id, length from wordings where key = ? and parent_id is null",
                      [quotation_id]).fetchone()
    counted = db.execute(f"select count(distinct {STATEMENT}), count(distinct document_id) from appearances "
                         "where quotation_id = ?", [quotation_id]).fetchone()
    if root is None or not counted[0]:
        db.execute("delete from quotations where id = ?", [quotation_id])
        return
    root_id, speaker, length = root
    first = db.execute(
        "select appearances.quote_id, appearances.document_id, documents.published, documents.source "
        "from appearances join documents on documents.id = appearances.document_id "
        f"join quotes on quotes.id = appearances.quote_id where appearances.quotation_id = ? {_FIRST} limit 1",
        [quotation_id]).fetchone()
    longest = db.execute(
        "select appearances.document_id, appearances.statement, appearances.quote_id from appearances "
        "join documents on documents.id = appearances.document_id "
        f"join quotes on quotes.id = appearances.quote_id where appearances.wording_id = ? {_FIRST} limit 1",
        [root_id]).fetchone()
    where, params = _where(tuple(longest), "quotes")
    text = " ".join(row[0] or "" for row in db.execute(
        f"select text from quotes where {where} order by start", params))
    db.execute(
        "insert or replace into quotations (id, speaker_id, text, words, statements, articles, first_seen, "
        "first_source, first_document_id, first_quote_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [quotation_id, speaker, text, length, counted[0], counted[1], first[2] or None, first[3],
         first[1], first[0]])
