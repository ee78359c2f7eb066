"""Gender on speaker rows: each article's evidence for each person it quotes or speaks to,
kept per article (table `article_gender_evidence`), summed into the row's gender, evidence
and basis (`speakers.gender`, `.gender_evidence`, `.gender_basis`), and the user's
correction (`speakers.corrected_gender`), which wins and survives re-ingestion.

A row's articles are found through its statements (their `article_speaker` and
`article_addressee` names), so a merge or a split moves the evidence with the statements.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from sqlite_utils import Database

from .gender import BY_USER, GENDERS, decide, describe, evidence_of
from .model import Speaker

EVIDENCE_TABLE = "article_gender_evidence"


def save_evidence(db: Database, document_id: str, speakers: Iterable[Speaker]) -> None:
    """One article's evidence for each of its people (the caller deletes an earlier version
    of the article's rows)."""
    rows = [{"document_id": document_id, "name": s.name, "kind": kind, "word": word, "count": count}
            for s in speakers if s.kind == "person" for kind, word, count in s.gender_evidence]
    if rows:
        db[EVIDENCE_TABLE].insert_all(rows, ignore=True)


def row_evidence(db: Database, speaker_id: int) -> list[tuple[str, str, int, int]]:
    """The evidence of every article of a speaker row: (kind, word, count, articles)."""
    return [tuple(row) for row in db.execute(f"""
        with mine as (
          select document_id, article_speaker as name from quotes where speaker_id = :id
          union select document_id, article_addressee from quotes where addressee_id = :id)
        select e.kind, e.word, sum(e.count), count(distinct e.document_id)
        from {EVIDENCE_TABLE} as e join mine on mine.document_id = e.document_id and mine.name = e.name
        group by e.kind, e.word""", {"id": speaker_id}).fetchall()]


def refresh(db: Database, speaker_ids: Iterable[int | None]) -> None:
    """Decide again the gender of these rows from their articles' evidence: a person's
    female, male or unknown (the user's correction first); nothing for anyone else."""
    for sid in {s for s in speaker_ids if s is not None}:
        row = db.execute("select kind, corrected_gender from speakers where id = ?", [sid]).fetchone()
        if row is None:
            continue
        kind, corrected = row
        if kind != "person":
            db.execute("update speakers set gender = null, gender_basis = null, gender_evidence = null "
                       "where id = ?", [sid])
            continue
        items = row_evidence(db, sid)
        gender, basis = decide(Counter({(kind, word): count for kind, word, count, _ in items}))
        if corrected:
            gender, basis = corrected, BY_USER
        db.execute("update speakers set gender = ?, gender_basis = ?, gender_evidence = ? where id = ?",
                   [gender, basis, describe(items) or None, sid])


def correct(db: Database, speaker_id: int, gender: str | None) -> None:
    """The user's word on a row's gender (None: back to what the articles say)."""
    if gender is not None and gender not in GENDERS:
        raise ValueError(f"a gender is one of {', '.join(GENDERS)}, not {gender!r}")
    kind = db.execute("select kind from speakers where id = ?", [speaker_id]).fetchone()
    if kind is None:
        raise LookupError(f"no speaker with id #{speaker_id}")
    if gender is not None and kind[0] != "person":
        raise LookupError(f"speaker #{speaker_id} is not a person (kind {kind[0]}): only people have a gender")
    db.execute("update speakers set corrected_gender = ? where id = ?", [gender, speaker_id])
    refresh(db, [speaker_id])


def given_name_evidence(db: Database) -> int:
    """For a database stored before genders were kept: each article's given-name evidence
    of its people, read from the names the articles gave them (the text's own evidence
    comes with `ingest --reprocess-outdated`). Returns the rows written."""
    rows = []
    for document_id, name in db.execute("""
            select distinct document_id, article_speaker from quotes
            join speakers on speakers.id = quotes.speaker_id where speakers.kind = 'person'
            union select distinct document_id, article_addressee from quotes
            join speakers on speakers.id = quotes.addressee_id where speakers.kind = 'person'""").fetchall():
        for (kind, word), count in evidence_of((), None, name).items():
            rows.append({"document_id": document_id, "name": name, "kind": kind, "word": word, "count": count})
    if rows:
        db[EVIDENCE_TABLE].insert_all(rows, ignore=True)
    refresh(db, [sid for (sid,) in db.execute("select id from speakers").fetchall()])
    return len(rows)

