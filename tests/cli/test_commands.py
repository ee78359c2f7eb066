"""`speakers`, `export`, `merge` and the alias file, run as a user runs them, on real SQLite
files: exact matching, safe CSV, bounded alias files, merges that ask when a name is shared,
and commands that only read leave the file as it was."""

import csv
import hashlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

from quotes.cli import cli
from quotes.store import SCHEMA_VERSION, open_db

QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]

SPEAKERS = [(1, "Benny Gantz"), (2, "reporters"), (3, "reporters"), (4, "Yasukazu Hamada"),
            (5, "Ann_Lee"), (6, "Ann Lee")]
QUOTES_ROWS = [  # id, speaker, text
    ("q1", 1, '=HYPERLINK("http://evil.example","Click")'),
    ("q2", 1, "-5 percent is nothing"),
    ("q3", 2, "@all of you"),
    ("q4", 3, "+1 to that"),
    ("q5", 4, "We agree on defence"),
    ("q6", 5, "Underscore speaks"),
    ("q7", 6, "Plain words"),
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def make_db(path):
    open_db(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("insert into documents (id, key, title, text) values ('d1', 'k1', 'T', 'text')")
    conn.executemany("insert into speakers (id, name, kind) values (?, ?, 'person')", SPEAKERS)
    conn.executemany("insert into aliases (alias, speaker_id, origin) values (?, ?, 'seen')",
                     [(name, sid) for sid, name in SPEAKERS] + [("Gantz", 1)])
    conn.executemany("insert into quotes (id, document_id, start, end, text, speaker_id) "
                     "values (?, 'd1', ?, ?, ?, ?)",
                     [(qid, i, i + 1, text, sid) for i, (qid, sid, text) in enumerate(QUOTES_ROWS)])
    conn.commit()
    conn.close()
    return str(path)


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def exported(result):
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_export_speaker_is_literal_and_never_empty(tmp_path):
    """F17: '' exported everyone, and '%' every speaker through LIKE."""
    db = make_db(tmp_path / "q.db")
    for empty in ("", "  "):
        result = run("export", db, "--speaker", empty)
        assert result.exit_code == 2 and "--speaker" in result.stderr and result.stdout == ""
    for pattern in ("%", "_", "Ann%", "%Lee"):
        result = run("export", db, "--speaker", pattern)
        assert result.exit_code == 0 and exported(result) == [], pattern
    assert {r["speaker"] for r in exported(run("export", db, "--speaker", "Ann_Lee"))} == {"Ann_Lee"}
    assert {r["speaker"] for r in exported(run("export", db, "--speaker", "lee"))} == {"Ann Lee"}


def test_export_csv_cells_never_run_as_formulas(tmp_path):
    """F18: =HYPERLINK(...) went out verbatim."""
    db = make_db(tmp_path / "q.db")
    rows = exported(run("export", db))
    texts = {row["text"] for row in rows}
    assert texts == {"'" + t if t[0] in "=+-@" else t for _, _, t in QUOTES_ROWS}
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
    json_rows = __import__("json").loads(run("export", db, "--format", "json").stdout)
    assert {row["text"] for row in json_rows} == {t for _, _, t in QUOTES_ROWS}  # JSON is data


def test_reading_commands_leave_the_file_alone(tmp_path):
    """F6: speakers and export switched the file to WAL and added their schema."""
    db = make_db(tmp_path / "q.db")
    conn = sqlite3.connect(db)
    conn.execute("pragma journal_mode = delete")
    conn.close()
    before = digest(db)
    assert run("speakers", db).exit_code == 0
    assert run("export", db).exit_code == 0
    assert digest(db) == before
    other = str(tmp_path / "other.db")
    conn = sqlite3.connect(other)
    conn.execute("create table contacts (name text)")
    conn.commit()
    conn.close()
    before = digest(other)
    for command in ("speakers", "export"):
        result = run(command, other)
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"error: {other}: not a quotes database (tables: contacts); refusing to touch it"]
    assert digest(other) == before and sorted(os.listdir(tmp_path)) == ["other.db", "q.db"]


def test_a_newer_database_is_refused_in_one_line(tmp_path):
    db = make_db(tmp_path / "q.db")
    conn = sqlite3.connect(db)
    conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(db)
    for args in (["speakers", db], ["export", db], ["merge", db, "Gantz", "B. Gantz"],
                 ["ingest", db, "--reprocess-outdated"]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"error: {db}: written by a newer version of quotes (schema {SCHEMA_VERSION + 1}; this "
            f"one knows {SCHEMA_VERSION}); upgrade quotes to use it, nothing was changed"], args
    assert digest(db) == before


def speaker_rows(db):
    conn = sqlite3.connect(db)
    rows = conn.execute("select id, name from speakers order by id").fetchall()
    moved = dict(conn.execute("select id, speaker_id from quotes").fetchall())
    conn.close()
    return rows, moved


def test_merge_into_an_alias_joins_its_speaker(tmp_path):
    """F15: merging into 'Gantz' (Benny Gantz's alias) made a second 'Gantz'."""
    db = make_db(tmp_path / "q.db")
    result = run("merge", db, "Yasukazu Hamada", "Gantz")
    assert result.exit_code == 0, result.stderr
    rows, moved = speaker_rows(db)
    assert (4, "Yasukazu Hamada") not in rows and [r for r in rows if "Gantz" in r[1]] == [(1, "Benny Gantz")]
    assert moved["q5"] == 1
    speakers = run("speakers", db, "--format", "json").stdout
    assert "Yasukazu Hamada" in speakers  # now an alias of Benny Gantz


def test_merge_a_shared_name_asks_which(tmp_path):
    """F15: a name several speakers share merged only the first one."""
    db = make_db(tmp_path / "q.db")
    before = digest(db)
    result = run("merge", db, "reporters", "The Press")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: 'reporters' names 2 speakers (#2, #3): give one as #ID, or --all to merge them all"]
    assert speaker_rows(db)[0] == SPEAKERS and digest(db) == before
    assert run("merge", db, "#3", "The Press").exit_code == 0
    rows, moved = speaker_rows(db)
    assert (3, "The Press") in rows and (2, "reporters") in rows
    assert run("merge", db, "reporters", "The Press", "--all").exit_code == 0
    rows, moved = speaker_rows(db)
    assert [r for r in rows if r[1] in ("reporters", "The Press")] == [(3, "The Press")]
    assert moved["q3"] == moved["q4"] == 3


def test_alias_files_are_bounded(tmp_path):
    """F19: a 400-byte YAML 'billion laughs' grew a database to 117 MB."""
    db = make_db(tmp_path / "q.db")
    laughs = tmp_path / "laughs.yml"
    laughs.write_text("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", encoding="utf-8")
    nested = tmp_path / "nested.yml"
    nested.write_text("Benny Gantz: [[Gantz, B. Gantz]]\n", encoding="utf-8")
    huge = tmp_path / "huge.yml"
    huge.write_text("Benny Gantz: [" + ", ".join(f"n{i}" for i in range(200_000)) + "]\n")
    before = digest(db)
    expected = {
        laughs: f"error: {laughs}: line 1: YAML anchors and aliases (& and *) are not allowed in an alias file",
        nested: f"error: {nested}: the aliases of 'Benny Gantz' must be names, not lists or mappings",
        huge: f"error: {huge}: too large ({os.path.getsize(huge):,} bytes); an alias file may hold at most 1,000,000 bytes",
    }
    for path, line in expected.items():
        result = run("ingest", db, "--reprocess-outdated", "--aliases", path)
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [line]
    assert digest(db) == before


def _wait_until_open(pid: int, path: str, timeout: float = 60.0) -> None:
    """Wait until process `pid` holds `path` open (or has ended)."""
    target = os.path.realpath(path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            return  # ended
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                    return
            except OSError:
                continue  # closed meanwhile (imports open and close files)
        time.sleep(0.02)


def test_ctrl_c_at_any_moment_exits_130(tmp_path):
    """F24: Ctrl-C while a command starts said 'Aborted!' with exit code 1."""
    db = make_db(tmp_path / "q.db")
    texts = tmp_path / "texts"
    texts.mkdir()
    # Enough documents that the run outlasts the short delays on a fast machine too (one
    # document was done within 0.5 s of opening the database on CI, so only one Ctrl-C of
    # four came while it ran).
    for i in range(400):
        (texts / f"a{i}.txt").write_text(
            f"Title {i}\n\n\u201cWe will win game {i},\u201d said Ann Lee. "
            "She told reporters the team was ready.\n", encoding="utf-8")
    interrupted = 0
    # Counted from the moment the command has the database open: before that, Python itself
    # may still be starting (on a loaded machine for seconds), and a Ctrl-C there ends the
    # interpreter before any code of quotes runs.
    for delay in (0.0, 0.2, 0.6, 1.5):
        process = subprocess.Popen(QUOTES + ["ingest", db, str(texts), "--force"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _wait_until_open(process.pid, db)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
        stderr = process.stderr.read()
        if code == 0 or "documents written" in stderr:  # it finished before the signal came
            continue
        assert code == 130, (delay, code, stderr)
        assert "Aborted!" not in stderr and "Traceback" not in stderr, (delay, stderr)
        assert "interrupted" in stderr.splitlines()[-1], (delay, stderr)
        interrupted += 1
    assert interrupted >= 3


def test_merge_and_split_refuse_empty_names_and_ids_beyond_sqlite(tmp_path):
    """F32: `merge X ""` renamed a speaker to '' (exit 0), `split … --into ""` made an
    empty-named speaker, and a 20-digit #ID was an OverflowError traceback."""
    db = make_db(tmp_path / "q.db")
    before = digest(db)
    for args, line in [
        (("merge", db, "Benny Gantz", ""), "error: an empty new name (''); give a speaker's name, or #ID"),
        (("merge", db, "", "Benny Gantz"), "error: an empty name (''); give a speaker's name, or #ID"),
        (("merge", db, "Benny Gantz", " \u200b\u202e "),
         "error: an empty new name (' \\u200b\\u202e '); give a speaker's name, or #ID"),
        (("split", db, "Benny Gantz", "Gantz", "--into", ""),
         "error: an empty --into name (''); give a speaker's name, or #ID"),
        (("split", db, "Benny Gantz", ""), "error: an empty alias (''); give a speaker's name, or #ID"),
        (("merge", db, "#99999999999999999999", "Benny Gantz"), "error: no speaker named '#99999999999999999999'"),
        (("split", db, "#99999999999999999999", "Gantz"), "error: no speaker with id #99999999999999999999"),
    ]:
        result = run(*args)
        assert (result.exit_code, result.stderr.splitlines()) == (1, [line]), args
    assert digest(db) == before


def test_alias_file_names_are_cleaned_as_texts_are_and_empty_rows_noted(tmp_path):
    """F34: U+202E, U+200B and U+200D were stored in names: 'Ja\u200bne Doe' looked like
    Jane Doe and took her alias; a row with an empty name or alias was skipped silently."""
    db = make_db(tmp_path / "q.db")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,alias\n"
                       "\u202eBenny Gantz\u202c,B. Gan\u200btz\n"
                       "Ja\u200bne D\u200doe,Jane\n"
                       ",Nobody\n"
                       "Ann Lee,\u200b\n", encoding="utf-8")
    result = run("ingest", db, "--reprocess-outdated", "--aliases", aliases)
    assert result.exit_code == 3, result.stderr
    assert result.stderr.splitlines()[:2] == [f"note: {aliases}:4: an empty name; row skipped",
                                              f"note: {aliases}:5: an empty alias; row skipped"]
    conn = sqlite3.connect(db)
    names = {row[0] for row in conn.execute("select name from speakers")}
    held = dict(conn.execute("select alias, speaker_id from aliases where origin = 'user'").fetchall())
    conn.close()
    assert "Jane Doe" in names and not any("\u200b" in n or "\u202e" in n or "\u200d" in n for n in names)
    assert held["B. Gantz"] == 1 and held["Benny Gantz"] == 1  # the existing speaker, not a look-alike
