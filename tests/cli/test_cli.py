"""The command line, run as a user runs it (click's runner, a real model, real files)."""

import csv
import io
import json
import os
import sqlite3

from click.testing import CliRunner

from quotes.cli import cli
from quotes.model import Quote

from ..conftest import ROOT, SEED, SEED_GOLD


def run(*args, input=None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def test_extract_jsonl_keys_from_a_corpus():
    result = run("extract", SEED_GOLD, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) >= 14
    assert all(list(line) == list(Quote.PUBLIC_KEYS) for line in lines)
    assert {line["document_id"] for line in lines} == {"israel-japan-defense-accord"}
    text = json.loads(open(SEED_GOLD, encoding="utf-8").readline())["text"]
    assert all(text[line["start"]:line["end"]] == line["text"] for line in lines)


def test_extract_file_and_stdin_agree():
    from_file = run("extract", SEED, "--format", "json")
    from_stdin = run("extract", "-", "--format", "json", input=open(SEED, encoding="utf-8").read())
    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert a[0]["document_id"] == SEED and b[0]["document_id"] == "stdin"
    assert [(q["start"], q["speaker"]) for q in a] == [(q["start"], q["speaker"]) for q in b]


def test_extract_csv_and_table():
    result = run("extract", SEED, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["speaker"] == "Benny Gantz"
    table = run("extract", SEED)
    assert "Benny Gantz" in table.stdout and "told" in table.stdout


def test_extract_explain_prints_the_entity_graph_and_why_each_speaker(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Trade Minister Ilse Marwick met the press on Monday.\n\n"
                    "The minister said talks would resume.\n", encoding="utf-8")
    result = run("extract", str(path), "--explain")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("E0\tperson\tIlse Marwick\trole=Trade Minister") for line in lines), lines
    assert any("'Ilse Marwick'\tname\tE0\tnames" in line for line in lines), lines
    assert any("'talks would resume'\tIlse Marwick\tverb -> title (title 'minister'" in line for line in lines), lines


def test_evaluate_switches_a_resolver_off_and_names_both_lists_when_asked_for_an_unknown_rule():
    result = run("evaluate", SEED_GOLD, "--without", "pronoun", "--misses", "0")
    assert result.exit_code == 0, result.output
    assert "resolvers (not counting carried speakers)" in result.stdout
    assert not any(line.split()[:1] == ["pronoun"] for line in result.stdout.splitlines())
    unknown = CliRunner().invoke(cli, ["evaluate", SEED_GOLD, "--without", "pronouns"])
    assert unknown.exit_code == 2 and "the resolvers: pronoun," in unknown.output


def test_ingest_twice_changes_nothing(tmp_path):
    db = str(tmp_path / "q.db")
    assert run("ingest", db, os.path.join(ROOT, "seeds")).exit_code == 0

    def snapshot():
        conn = sqlite3.connect(db)
        tables = ["documents", "speakers", "aliases", "quotes"]
        data = {t: sorted(conn.execute(f"select * from {t}").fetchall(), key=repr) for t in tables}
        conn.close()
        return data

    first = snapshot()
    assert len(first["quotes"]) >= 14 and len(first["documents"]) == 1
    second_run = run("ingest", db, os.path.join(ROOT, "seeds"))
    assert second_run.exit_code == 0
    assert "0 documents written, 1 unchanged" in second_run.stderr
    assert snapshot() == first


def test_export_by_speaker_holds_only_that_speaker(seed_db_path, tmp_path):
    out = tmp_path / "gantz.csv"
    result = run("export", seed_db_path, "--speaker", "Gantz", "-o", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert len(rows) >= 10
    assert {row["speaker"] for row in rows} == {"Benny Gantz"}
    everyone = list(csv.DictReader(io.StringIO(run("export", seed_db_path).stdout)))
    assert len(everyone) > len(rows)


def test_export_json_by_full_name_case_insensitive(seed_db_path):
    result = run("export", seed_db_path, "--speaker", "benny gantz", "--format", "json")
    rows = json.loads(result.stdout)
    assert rows and all(row["speaker"] == "Benny Gantz" for row in rows)


def test_refuses_a_file_that_is_not_sqlite(tmp_path):
    notdb = tmp_path / "notes.db"
    notdb.write_text("my precious notes\n")
    result = run("ingest", str(notdb), SEED)
    assert result.exit_code != 0
    assert "not a SQLite database" in result.output
    assert notdb.read_text() == "my precious notes\n"


def test_version():
    from quotes import __version__

    assert __version__ in run("--version").stdout
