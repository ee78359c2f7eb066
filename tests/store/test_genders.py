"""Gender on speaker rows: each article's evidence kept, a row's gender summed from its
articles, the user's correction winning and surviving re-ingestion, merges and splits
moving the evidence with the statements, and older databases migrated."""

import csv
import io
import sqlite3

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.curation import AliasFileError, apply_aliases, merge, read_alias_file, set_gender, split
from quotes.model import Document, Quote, Result, Speaker
from quotes.store import SCHEMA_VERSION, open_db, save_result


def person(name, *evidence, kind="person", aliases=()):
    return Speaker(name, kind, aliases=tuple(dict.fromkeys((name,) + tuple(aliases))),
                   gender=None if kind != "person" else "unknown", gender_evidence=tuple(evidence))


def article(db, key, *speakers, text=None):
    """One document with one statement by each speaker."""
    text = text or f"{key}: " + " ".join(f"statement {i}." for i in range(len(speakers)))
    quotes = []
    for i, s in enumerate(speakers):
        start = text.index(f"statement {i}.")
        quotes.append(Quote(document_id=key, start=start, end=start + 12, text=text[start:start + 12],
                            type="direct", speaker=s.name, speaker_mention=s.name, speaker_kind=s.kind))
    save_result(db, Result(Document(key, text), quotes, list(speakers)))


def gender(db, name):
    return db.execute("select gender, gender_basis, gender_evidence from speakers where name = ?", [name]).fetchone()


@pytest.fixture
def db(tmp_path):
    database = open_db(str(tmp_path / "q.db"))
    yield database
    database.close()


SHE = ("pronoun", "she", 2)


def test_a_rows_gender_sums_its_articles_evidence(db):
    article(db, "a", person("Lena Ortiz", ("pronoun", "she", 2), ("honorific", "ms", 1), ("given name", "lena", 1)))
    article(db, "b", person("Lena Ortiz", ("pronoun", "she", 3), ("pronoun", "her", 1), ("given name", "lena", 1)))
    assert gender(db, "Lena Ortiz") == (
        "female", "text", "she: 5 times in 2 articles; her: 1 time; Ms: 1 time; given name Lena (weaker)")
    # each article's evidence is kept too
    rows = db.execute("select d.key, e.kind, e.word, e.count from article_gender_evidence e "
                      "join documents d on d.id = e.document_id order by d.key, e.kind, e.word").fetchall()
    assert rows == [("a", "given name", "lena", 1), ("a", "honorific", "ms", 1), ("a", "pronoun", "she", 2),
                    ("b", "given name", "lena", 1), ("b", "pronoun", "her", 1), ("b", "pronoun", "she", 3)]


def test_articles_that_disagree_give_unknown_and_the_given_name_only_decides_alone(db):
    article(db, "a", person("Sam Ortiz", ("pronoun", "he", 3)), person("Denise Ruiz", ("given name", "denise", 1)))
    article(db, "b", person("Sam Ortiz", ("pronoun", "she", 3)), person("Tasvir Okafor"))
    assert gender(db, "Sam Ortiz")[:2] == ("unknown", None)
    assert gender(db, "Denise Ruiz")[:2] == ("female", "given name")
    assert gender(db, "Tasvir Okafor") == ("unknown", None, None)


def test_an_organisation_has_no_gender(db):
    article(db, "a", person("Norvale Grid", kind="organisation"))
    assert gender(db, "Norvale Grid") == (None, None, None)


def test_a_replaced_article_takes_its_evidence_with_it(db):
    article(db, "a", person("Lena Ortiz", ("pronoun", "he", 1)), person("Ana Ruiz", SHE))
    article(db, "b", person("Lena Ortiz", ("pronoun", "she", 4)))
    assert gender(db, "Lena Ortiz")[0] == "unknown"
    article(db, "a", person("Ana Ruiz", SHE), text="a: statement 0. changed")  # Ortiz is no longer in it
    assert gender(db, "Lena Ortiz")[:2] == ("female", "text")
    assert db.execute("select count(*) from article_gender_evidence where name = 'Lena Ortiz'").fetchone()[0] == 1


def test_the_users_correction_wins_and_survives_reingestion(db):
    article(db, "a", person("Sam Ortiz", ("pronoun", "he", 3)))
    set_gender(db, "Sam Ortiz", "female")
    assert gender(db, "Sam Ortiz") == ("female", "user", "he: 3 times")
    # the article again (--force), then changed so that Sam Ortiz is no longer in it: the row
    # and its correction stay, and the next article that names Sam Ortiz joins it
    article(db, "a", person("Sam Ortiz", ("pronoun", "he", 3)))
    article(db, "a", person("Ana Ruiz", SHE), text="a: statement 0. changed")
    assert gender(db, "Sam Ortiz") == ("female", "user", None)
    article(db, "b", person("Sam Ortiz", ("pronoun", "he", 1)))
    assert db.execute("select count(*) from speakers where name = 'Sam Ortiz'").fetchone()[0] == 1
    assert gender(db, "Sam Ortiz")[:2] == ("female", "user")
    set_gender(db, "Sam Ortiz", None)
    assert gender(db, "Sam Ortiz")[:2] == ("male", "text")


def test_merge_and_split_move_the_evidence_with_the_statements(db):
    article(db, "a", person("Lena Ortiz", ("pronoun", "she", 2)))
    article(db, "b", person("L. Ortis", ("pronoun", "she", 1)))
    set_gender(db, "L. Ortis", "unknown")
    merge(db, "L. Ortis", "Lena Ortiz")
    # the evidence of both; the correction came along with the merged row
    assert gender(db, "Lena Ortiz") == ("unknown", "user", "she: 3 times in 2 articles")
    set_gender(db, "Lena Ortiz", None)
    split(db, "Lena Ortiz", "L. Ortis")
    assert gender(db, "Lena Ortiz") == ("female", "text", "she: 2 times")
    assert gender(db, "L. Ortis") == ("female", "text", "she: 1 time")


def test_a_correction_names_one_person(db):
    article(db, "a", person("Norvale Grid", kind="organisation"))
    with pytest.raises(LookupError, match="not a person"):
        set_gender(db, "Norvale Grid", "female")
    with pytest.raises(LookupError, match="no speaker named"):
        set_gender(db, "Nobody Here", "male")
    with pytest.raises(ValueError, match="female, male, unknown"):
        set_gender(db, "Norvale Grid", "woman")


def test_an_alias_file_entry_gives_a_gender(db, tmp_path):
    article(db, "a", person("Sam Ortiz", ("pronoun", "he", 3)), person("Ana Ruiz"))
    yaml_file = tmp_path / "people.yml"
    yaml_file.write_text("Sam Ortiz:\n  aliases: [Samantha Ortiz]\n  gender: female\nAna Ruiz: {gender: Female}\n")
    mapping = read_alias_file(str(yaml_file))
    assert mapping == {"Sam Ortiz": ["Samantha Ortiz"], "Ana Ruiz": []}
    assert mapping.genders == {"Sam Ortiz": "female", "Ana Ruiz": "female"}
    apply_aliases(db, mapping)
    assert gender(db, "Sam Ortiz")[:2] == gender(db, "Ana Ruiz")[:2] == ("female", "user")
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("name,alias,gender\nSam Ortiz,,male\n")
    apply_aliases(db, read_alias_file(str(csv_file)))
    assert gender(db, "Sam Ortiz")[:2] == ("male", "user")
    bad = tmp_path / "bad.yml"
    bad.write_text("Sam Ortiz: {gender: woman}\n")
    with pytest.raises(AliasFileError, match="one of female, male, unknown"):
        read_alias_file(str(bad))


def test_a_version_2_database_gets_given_name_evidence(tmp_path):
    path = str(tmp_path / "old.db")
    db = open_db(path)
    article(db, "a", person("Lena Ortiz", SHE), person("Tasvir Okafor"), person("Norvale Grid", kind="organisation"))
    db.close()
    conn = sqlite3.connect(path)
    conn.executescript("""
        drop view statements; drop view speaker_stats; drop table article_gender_evidence;
        alter table speakers drop column gender; alter table speakers drop column gender_basis;
        alter table speakers drop column gender_evidence; alter table speakers drop column corrected_gender;
        pragma user_version = 2;
    """)
    conn.commit()
    conn.close()
    db = open_db(path)
    assert db.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    assert gender(db, "Lena Ortiz") == ("female", "given name", "given name Lena (weaker)")
    assert gender(db, "Tasvir Okafor") == ("unknown", None, None)
    assert gender(db, "Norvale Grid") == (None, None, None)
    db.close()


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_the_gender_command_shows_and_corrects(tmp_path):
    path = str(tmp_path / "q.db")
    db = open_db(path)
    article(db, "a", person("Sam Ortiz", ("pronoun", "he", 3)), person("Norvale Grid", kind="organisation"))
    db.close()
    shown = run("gender", path, "Sam Ortiz")
    assert shown.exit_code == 0 and shown.output == "#1 Sam Ortiz: male (by the articles' words)\n  evidence: he: 3 times\n"
    assert run("gender", path, "#1", "female").exit_code == 0
    assert run("gender", path, "Sam Ortiz").output.startswith("#1 Sam Ortiz: female (by your correction)")
    failed = run("gender", path, "Norvale Grid", "male")
    assert failed.exit_code == 1 and "not a person" in failed.output
    assert run("gender", path, "Sam Ortiz", "female", "--clear").exit_code == 2
    assert run("gender", path, "Sam Ortiz", "--clear").exit_code == 0
    assert "male (by the articles' words)" in run("gender", path, "Sam Ortiz").output
    listed = run("speakers", path).output.splitlines()
    assert "gender" in listed[0] and any("Sam Ortiz" in line and " male " in line for line in listed)


def test_exports_and_speaker_stats_carry_the_gender(tmp_path):
    path = str(tmp_path / "q.db")
    db = open_db(path)
    article(db, "a", person("Lena Ortiz", SHE))
    stats = db.execute("select name, gender, gender_evidence from speaker_stats").fetchall()
    db.close()
    assert stats == [("Lena Ortiz", "female", "she: 2 times")]
    rows = list(csv.DictReader(io.StringIO(run("export", path).output)))
    assert [(r["speaker"], r["speaker_gender"]) for r in rows] == [("Lena Ortiz", "female")]


ARTICLE = """Brenwick opens its new clinic

Tasvir Oyelaran opened the clinic on Monday. She said the town had waited ten years for it.

\u201cWe will be open every day,\u201d she said.
"""


def test_a_correction_survives_force_and_reprocess_outdated_through_ingest(tmp_path, nlp):
    path, text = str(tmp_path / "q.db"), tmp_path / "clinic.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    assert run("ingest", path, str(text), "--silent", "--processes", "1").exit_code == 0
    assert run("gender", path, "Tasvir Oyelaran").output.startswith("#1 Tasvir Oyelaran: female (by the articles' words)")
    assert run("gender", path, "Tasvir Oyelaran", "unknown").exit_code == 0
    assert run("ingest", path, str(text), "--force", "--silent", "--processes", "1").exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute("update documents set engine_version = '1'")
    conn.commit()
    conn.close()
    assert run("ingest", path, "--reprocess-outdated", "--silent", "--processes", "1").exit_code == 0
    shown = run("gender", path, "Tasvir Oyelaran").output
    assert shown == "#1 Tasvir Oyelaran: unknown (by your correction)\n  evidence: she: 2 times\n"
