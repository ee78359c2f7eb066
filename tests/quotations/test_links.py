"""Quotations across articles, through the real ingest: which statements are one quotation
(the same words, cut versions) and which never are (another speaker, near-misses), where
each was first seen, and the same links however the database was built: incrementally,
with --force, with --reprocess-outdated, after a merge or a split, by a migration."""

import json
import sqlite3

import pytest

from quotes.curation import merge, split
from quotes.ingest import ingest
from quotes.quotations import rebuild
from quotes.store import SCHEMA_VERSION, open_db, writing

from .corpus import (ARTICLES, BRIDGE, BRIDGE_CUT, BRIDGE_NOT, COSTS, COSTS_NUMBER, EARLIER, NEVER,
                     SCHOOL, record)


def write(folder, name, articles) -> str:
    path = folder / name
    path.write_text("".join(json.dumps(record(a)) + "\n" for a in articles), encoding="utf-8")
    return str(path)


def linked(db, key: str, start: str, speaker: str | None = "any") -> dict:
    """The statement of article `key` whose text starts with `start`, with its quotation."""
    rows = db.execute(
        "select statements.quotation_id, statements.relation, statements.first_seen, statements.appearances, "
        "statements.speaker, quotations.first_source, quotations.first_document_id, quotations.statements, "
        "quotations.text from statements join documents on documents.id = statements.document_id "
        "left join quotations on quotations.id = statements.quotation_id "
        "where documents.key like '%#' || ? and statements.text like ? || '%'", [key, start]).fetchall()
    keys = ("quotation", "relation", "first_seen", "appearances", "speaker", "first_source",
            "first_document", "statements", "longest")
    found = [dict(zip(keys, row)) for row in rows]
    if speaker != "any":
        found = [f for f in found if f["speaker"] == speaker]
    assert len(found) == 1, (key, start, found)
    return found[0]


def snapshot(db) -> set:
    """Every quotation by its content (speaker, longest wording, first seen, counts) with
    its appearances: the same in two databases whatever the ids of their speakers."""
    rows = db.execute(
        "select quotations.id, speakers.name, quotations.text, quotations.words, quotations.first_seen, "
        "quotations.first_source, quotations.first_document_id, quotations.first_quote_id, "
        "quotations.articles, quotations.statements from quotations "
        "left join speakers on speakers.id = quotations.speaker_id").fetchall()
    members = {}
    for quote_id, quotation_id, relation, share in db.execute(
            "select quote_id, quotation_id, relation, containment from appearances"):
        members.setdefault(quotation_id, set()).add((quote_id, relation, round(share, 6)))
    assert db.execute("select count(*) from quotes where id not in (select quote_id from appearances)"
                      ).fetchone()[0] == 0, "a quote without its quotation"
    assert db.execute("select count(*) from quotation_queue").fetchone()[0] == 0
    for orphans in ("select quote_id from appearances where quote_id not in (select id from quotes)",
                    "select id from wordings where id not in (select wording_id from appearances)",
                    "select wording_id from wording_fingerprints where wording_id not in (select id from wordings)",
                    "select id from quotations where id not in (select quotation_id from appearances)"):
        assert db.execute(orphans).fetchall() == [], orphans
    return {row[1:] + (frozenset(members.pop(row[0])),) for row in rows} | (
        {("no quotation row", q) for q in members})


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    """The corpus ingested in one run, the earlier article last."""
    folder = tmp_path_factory.mktemp("quotations")
    db = open_db(str(folder / "quotes.db"))
    summary = ingest(db, [write(folder, "all.jsonl", ARTICLES + [EARLIER])], nlp=nlp)
    assert summary.error_count == 0 and summary.written == len(ARTICLES) + 1
    yield db
    db.close()


def test_the_same_words_are_one_quotation_whatever_the_quote_marks_and_case(built):
    first = linked(built, "gazette-bridge", BRIDGE[:30])
    shouted = linked(built, "valley-bridge", BRIDGE.upper()[:30])
    split_up = linked(built, "gazette-first", BRIDGE_CUT, "Anna Keller")
    assert first["quotation"] == shouted["quotation"] == split_up["quotation"]
    assert first["relation"] == shouted["relation"] == split_up["relation"] == "same"
    costs = linked(built, "gazette-bridge", COSTS)  # in single quote marks in the other
    assert costs["quotation"] == linked(built, "valley-bridge", COSTS)["quotation"]
    assert costs["appearances"] == 2


def test_cut_versions_are_part_of_it(built):
    whole = linked(built, "gazette-bridge", BRIDGE[:30])
    for start in (BRIDGE_CUT, "We will build the new bridge \u2026"):
        cut = linked(built, "northstar-bridge", start)
        assert (cut["quotation"], cut["relation"]) == (whole["quotation"], "part of"), start
    assert whole["appearances"] == 4 and whole["statements"] == 5


def test_another_speaker_is_never_merged_and_near_misses_stay_apart(built):
    keller = linked(built, "gazette-bridge", BRIDGE[:30])
    brandt = linked(built, "lakeside-bridge", BRIDGE[:30])
    assert brandt["speaker"] == "Tom Brandt" and keller["speaker"] == "Anna Keller"
    assert brandt["quotation"] != keller["quotation"] and brandt["appearances"] == 1
    for key, start in (("courier-school", SCHOOL[:30]), ("courier-school", BRIDGE_NOT[:30]),
                       ("lakeside-bridge", COSTS_NUMBER[:30])):
        near = linked(built, key, start)
        assert near["appearances"] == 1 and near["relation"] == "same", start
    assert linked(built, "lakeside-bridge", COSTS_NUMBER[:30])["quotation"] != linked(
        built, "gazette-bridge", COSTS)["quotation"]


def test_a_short_statement_is_a_quotation_of_its_own(built):
    assert linked(built, "gazette-bridge", NEVER)["quotation"] != linked(built, "valley-bridge", NEVER)["quotation"]


def test_first_seen_is_the_earliest_published_article(built):
    whole = linked(built, "valley-bridge", BRIDGE.upper()[:30])
    first_id = built.execute("select id from documents where key like '%#gazette-first'").fetchone()[0]
    assert (whole["first_seen"], whole["first_source"], whole["first_document"]) == (
        "2023-02-20", "Harbor Gazette", first_id)
    # the longest wording as first written: the split one, its parts joined
    assert whole["longest"].startswith(BRIDGE_CUT) and whole["longest"].rstrip(".") .endswith("to the works")
    assert linked(built, "gazette-bridge", COSTS)["first_seen"] == "2023-03-01"


def test_incremental_forced_reprocessed_and_rebuilt_are_the_same(tmp_path, nlp, built):
    changed = list(ARTICLES)
    key, date, outlet, title, text = changed[2]
    changed[2] = (key, date, outlet, title, text.replace(BRIDGE_CUT, "We shall see about that"))
    db = open_db(str(tmp_path / "incremental.db"))
    ingest(db, [write(tmp_path, "a.jsonl", ARTICLES[:3])], nlp=nlp)
    ingest(db, [write(tmp_path, "b.jsonl", ARTICLES[3:])], nlp=nlp)
    ingest(db, [write(tmp_path, "c.jsonl", [EARLIER])], nlp=nlp)
    assert snapshot(db) == snapshot(built)
    files = [write(tmp_path, "a.jsonl", changed[:3]), str(tmp_path / "b.jsonl"), str(tmp_path / "c.jsonl")]
    assert ingest(db, files, nlp=nlp).written == 1  # one document replaced
    fresh = open_db(str(tmp_path / "fresh.db"))
    ingest(fresh, files, nlp=nlp)
    want = snapshot(fresh)
    assert snapshot(db) == want
    assert snapshot(db) != snapshot(built)  # a cut version went
    ingest(db, files, nlp=nlp, force=True)
    assert snapshot(db) == want
    db.execute("update documents set engine_version = '1'")
    db.conn.commit()
    assert ingest(db, [], nlp=nlp, reprocess_outdated=True).reprocessed == len(changed) + 1
    assert snapshot(db) == want
    with writing(db):
        rebuild(db)
    assert snapshot(db) == want


def test_a_merge_and_a_split_relink_as_a_rebuild_would(tmp_path, nlp):
    db = open_db(str(tmp_path / "curated.db"))
    ingest(db, [write(tmp_path, "all.jsonl", ARTICLES + [EARLIER])], nlp=nlp)
    before = snapshot(db)
    merge(db, "Tom Brandt", "Anna Keller")  # now one speaker: the two bridge promises are one
    assert linked(db, "lakeside-bridge", BRIDGE[:30])["quotation"] == linked(
        db, "gazette-bridge", BRIDGE[:30])["quotation"]
    merged = snapshot(db)
    with writing(db):
        rebuild(db)
    assert snapshot(db) == merged
    split(db, "Anna Keller", "Tom Brandt")
    assert linked(db, "lakeside-bridge", BRIDGE[:30])["appearances"] == 1
    again = snapshot(db)
    assert {q[1:] for q in again} == {q[1:] for q in before}  # the same, but for the new row's name
    with writing(db):
        rebuild(db)
    assert snapshot(db) == again


def test_a_database_of_schema_5_gets_its_quotations(tmp_path, built):
    path = str(tmp_path / "old.db")
    source = sqlite3.connect(built.conn.execute("pragma database_list").fetchone()[2])
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    for name in ("statements", "repeated_quotations"):
        target.execute(f"drop view {name}")
    for name in ("quotes_queue_insert", "quotes_queue_delete", "quotes_queue_update"):
        target.execute(f"drop trigger {name}")
    for name in ("appearances", "quotations", "wording_fingerprints", "wordings", "quotation_queue"):
        target.execute(f"drop table {name}")
    target.execute("pragma user_version = 5")
    target.commit()
    target.close()
    db = open_db(path)
    assert db.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION == 13
    assert snapshot(db) == snapshot(built)
