"""Database keys: corpus records are keyed by their file and their id, and a text stored
under one key is a visible duplicate under another; a re-run changes nothing either way."""

import json
import shutil
import sqlite3

from click.testing import CliRunner

from quotes.cli import cli
from quotes.ingest import ingest
from quotes.read import Fields
from quotes.store import open_db

from ..conftest import SEED


def keys(db):
    return sorted(row[0] for row in sqlite3.connect(db).execute("select key from documents"))


def snapshot(db):
    conn = sqlite3.connect(db)
    return [conn.execute(f"select * from {t} order by 1").fetchall() for t in ("documents", "quotes")]


def feed(path, *texts):
    path.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts, 1)))
    return str(path)


def test_two_feeds_numbering_their_records_alike_keep_every_record(tmp_path, nlp):
    a = feed(tmp_path / "feedA.jsonl", 'Feed A one. "We will win," said Jane Doe.', 'Feed A two. "Prices rise," said Omar Haddad.')
    b = feed(tmp_path / "feedB.jsonl", 'Feed B one. "Rain today," said Li Wei.', 'Feed B two. "Sun tomorrow," said Maria Garcia.')
    db = str(tmp_path / "feeds.db")
    first = ingest(open_db(db), [a, b], nlp=nlp)
    assert first.written == 4 and keys(db) == [f"{a}#1", f"{a}#2", f"{b}#1", f"{b}#2"]
    before = snapshot(db)
    again = ingest(open_db(db), [a, b], nlp=nlp)
    assert (again.written, again.unchanged) == (0, 4)
    assert [t[:1] for t in snapshot(db)] == [t[:1] for t in before] and snapshot(db)[1] == before[1]


def test_a_named_key_field_keys_records_by_it_alone(tmp_path, nlp):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"id": "1", "guid": "https://x.example/1", "text": "One text here."}) + "\n"
                    + json.dumps({"id": "2", "text": "Two text here."}) + "\n")
    db = str(tmp_path / "k.db")
    summary = ingest(open_db(db), [str(path)], nlp=nlp, fields=Fields.from_options(pairs=["key=guid"]))
    assert keys(db) == ["https://x.example/1"]
    assert summary.errors == [f"{path}:2: no 'guid' (the key field) in this record"]


def test_the_same_text_under_two_keys_is_kept_once_visibly_and_runs_agree(tmp_path, nlp):
    folder = tmp_path / "dup"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b.txt")
    (folder / "c.txt").write_text('Other news\n\n"We are ready," said Ann Lee.\n')
    db = str(tmp_path / "dup.db")
    runs = []
    for _ in range(3):
        result = CliRunner().invoke(cli, ["ingest", db, str(folder), "--processes", "1"])
        runs.append((keys(db), result.exit_code, result.stderr.splitlines()))
    assert runs[0][0] == runs[1][0] == runs[2][0] == [str(folder / "a.txt"), str(folder / "c.txt")]
    assert runs[0][2][0] == f"note: {folder / 'b.txt'}: same text as {folder / 'a.txt'}; stored once, under that key"
    assert runs[1][2][-1] == "0 documents written, 2 unchanged, 1 duplicates, 0 quotes, 0 errors"
    assert runs[1][1] == 3  # a note: worth a look


def test_a_record_without_a_title_is_stored_with_its_first_line(tmp_path, nlp):
    path = feed(tmp_path / "t.jsonl", 'Budget passes\n"We will win," said Jane Doe.')
    db = str(tmp_path / "t.db")
    ingest(open_db(db), [path], nlp=nlp)
    assert sqlite3.connect(db).execute("select title from documents").fetchall() == [("Budget passes",)]


def test_outlet_and_date_from_the_id(tmp_path, nlp):
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": "nyt_2016-06-08_0042", "text": '"Fine," said Li Wei.'}) + "\n"
                    + json.dumps({"id": "odd", "text": '"Fine too," said Li Wei.'}) + "\n")
    db = str(tmp_path / "ids.db")
    result = CliRunner().invoke(cli, ["ingest", db, str(path), "--processes", "1",
                                      "--field", r"source=id:^([a-z]+)_",
                                      "--field", r"published=id:_(\d{4}-\d{2}-\d{2})_"])
    assert result.exit_code == 0, result.stderr
    rows = sqlite3.connect(db).execute("select key, source, published from documents order by key").fetchall()
    assert rows == [(f"{path}#nyt_2016-06-08_0042", "nyt", "2016-06-08"), (f"{path}#odd", None, None)]
    bad = CliRunner().invoke(cli, ["ingest", db, str(path), "--field", "source=id:(["])
    assert bad.exit_code == 2 and "not a usable pattern" in bad.stderr


def test_nested_outlet_and_date_reach_the_database_directly_and_through_parquet(tmp_path, nlp):
    path = tmp_path / "nested.jsonl"
    path.write_text("".join(json.dumps({
        "id": f"n{i}", "text": f'"Fine {i}," said Li Wei.',
        "meta": {"outlet": "Norvale Post", "date": f"2016-0{i}-02", "title": f"Day {i}"}}) + "\n"
        for i in (1, 2)))
    nested = ["--field", "source=meta.outlet", "--field", "published=meta.date", "--field", "title=meta.title"]
    direct = str(tmp_path / "direct.db")
    result = CliRunner().invoke(cli, ["ingest", direct, str(path), "--processes", "1", *nested])
    assert result.exit_code == 0, result.stderr
    expected = [("Norvale Post", "2016-01-02", "Day 1"), ("Norvale Post", "2016-02-02", "Day 2")]
    query = "select source, published, title from documents order by published"
    assert sqlite3.connect(direct).execute(query).fetchall() == expected
    output = str(tmp_path / "parts")
    result = CliRunner().invoke(cli, ["extract", str(path), "--output", output, *nested])
    assert result.exit_code == 0, result.stderr
    loaded = str(tmp_path / "loaded.db")
    result = CliRunner().invoke(cli, ["ingest", loaded, output])
    assert result.exit_code == 0, result.stderr
    assert sqlite3.connect(loaded).execute(query).fetchall() == expected
    # a field that names nothing says so
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "none.db"), str(path), "--processes", "1",
                                      "--field", "source=outlet"])
    assert "--field source=outlet matched nothing in the first 2 record(s)" in result.stderr
