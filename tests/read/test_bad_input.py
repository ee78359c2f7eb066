"""Bad input through the command line: each bad file gets one line naming it (and the line,
for corpora) and the problem; the good documents are still processed; the exit code is 1
when a document could not be read, 0 when there were only notes."""

import json
import os
import sqlite3

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.read import MAX_DOCUMENT_CHARS

from ..conftest import HERE

BAD = os.path.join(HERE, "data", "bad")
GOOD_TEXT = "\u201cThe bridge opens in May,\u201d said Mayor Ann Lee on Tuesday.\n"
GOOD_QUOTE = "The bridge opens in May,"

# fixture -> (kind of line, what the line says, lines naming the file)
CASES = {
    "empty.txt": ("error", "empty file", 1),
    "image.txt": ("error", "binary file (a PNG image), not text", 1),
    "cp1252.txt": ("note", "not UTF-8; read as cp1252", 1),
    "only-quote-marks.txt": ("error", "no words, only punctuation, quote marks or symbols", 1),
    "unbalanced.txt": ("note", "unbalanced quote marks: 3 quote(s) never close, the first at line 1", 1),
    "controls-rtl.txt": ("note", "4 control or bidirectional-override character(s) replaced by spaces", 1),
    "broken.jsonl": ("error", None, 2),  # line 2 lacks text, line 3 is not JSON
    "missing-column.csv": ("error", "no 'text' column (the header has: id, body)", 1),
    "noarticle.html": ("error", "no article text found in this HTML page", 1),
}


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def stderr_lines(result):
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def check_one_line(result, name, kind, says, count):
    naming = [line for line in stderr_lines(result) if name in line]
    assert len(naming) == count, result.stderr
    assert all(line.startswith(f"{kind}: ") for line in naming), result.stderr
    if says:
        assert says in naming[0], result.stderr
    assert "Traceback" not in result.stderr
    assert result.exit_code == (1 if kind == "error" else 3), result.stderr


@pytest.mark.parametrize("name", sorted(CASES))
def test_extract_reports_each_bad_file_in_one_line_and_goes_on(good, name):
    kind, says, count = CASES[name]
    result = run("extract", os.path.join(BAD, name), good, "--format", "jsonl")
    check_one_line(result, name, kind, says, count)
    quotes = [json.loads(line) for line in result.stdout.splitlines()]
    assert GOOD_QUOTE in [q["text"] for q in quotes]
    assert len(stderr_lines(result)) == count  # nothing else on standard error


@pytest.mark.parametrize("name", sorted(CASES))
def test_ingest_reports_each_bad_file_in_one_line_and_goes_on(tmp_path, good, name):
    kind, says, count = CASES[name]
    db = tmp_path / "q.db"
    result = run("ingest", db, os.path.join(BAD, name), good, "--processes", "1")
    check_one_line(result, name, kind, says, count)
    conn = sqlite3.connect(db)
    texts = [row[0] for row in conn.execute("select text from quotes")]
    conn.close()
    assert GOOD_QUOTE in texts
    assert stderr_lines(result)[-1].endswith("errors")  # the summary comes last


def test_corpus_lines_are_named(good):
    result = run("extract", os.path.join(BAD, "broken.jsonl"), good, "--format", "jsonl")
    path = os.path.join(BAD, "broken.jsonl")
    assert stderr_lines(result) == [f"error: {path}:2: no 'text' in this record",
                                    f"error: {path}:3: not JSON (Expecting value, column 1)"]
    ids = {json.loads(line)["document_id"] for line in result.stdout.splitlines()}
    assert {"good-1", "good-2"} <= ids


def test_cp1252_is_decoded_right(tmp_path):
    result = run("extract", os.path.join(BAD, "cp1252.txt"), "--format", "jsonl")
    (quote,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert quote["text"] == "We are ready \u2013 today."


def test_a_path_that_does_not_exist(good, tmp_path):
    missing = tmp_path / "nope" / "article.txt"
    for command in (["extract"], ["ingest", tmp_path / "q.db", "--processes", "1"]):
        result = run(*command, missing, good)
        assert f"error: {missing}: no such file or folder" in stderr_lines(result)
        assert result.exit_code == 1


def test_a_fifty_megabyte_single_line_text_and_corpus(tmp_path, good):
    big_text = tmp_path / "big.txt"
    with open(big_text, "wb") as handle:
        handle.write(b"word " * 10_000_000)  # 50 MB, one line
    big_corpus = tmp_path / "big.jsonl"
    with open(big_corpus, "wb") as handle:
        handle.write(b'{"id": "huge", "text": "' + b"word " * 10_000_000 + b'"}\n')
        handle.write(json.dumps({"id": "small", "text": GOOD_TEXT}).encode() + b"\n")
    result = run("extract", big_text, big_corpus, good, "--format", "jsonl")
    assert result.exit_code == 1
    assert stderr_lines(result) == [
        f"error: {big_text}: too large (50.0 MB): a document may hold at most "
        f"{MAX_DOCUMENT_CHARS:,} characters and a file 20 MB; split it",
        f"error: {big_corpus}:1: line too long: a document may hold at most {MAX_DOCUMENT_CHARS:,} characters",
    ]
    ids = [json.loads(line)["document_id"] for line in result.stdout.splitlines()]
    assert ids == ["small", str(good)]


def test_a_quote_of_twenty_thousand_words(tmp_path, good):
    sentence = "We will build the bridge and the road and the school for everyone in town. "
    body = sentence * (20_000 // len(sentence.split()) + 1)
    path = tmp_path / "long-quote.txt"
    path.write_text(f"Mayor Ann Lee said: \u201c{body.strip()}\u201d\n\nThen she left.\n", encoding="utf-8")
    result = run("extract", path, good, "--format", "jsonl")
    assert result.exit_code == 3  # read and extracted, with a note worth a look
    (line,) = stderr_lines(result)
    assert line.startswith(f"note: {path}: a quote of 20,") and "words at line 1" in line
    quotes = [json.loads(q) for q in result.stdout.splitlines()]
    longest = max(quotes, key=lambda q: q["end"] - q["start"])
    assert len(longest["text"].split()) >= 20_000 and longest["speaker"] == "Ann Lee"


def test_corpus_records_with_odd_values(tmp_path, good):
    corpus = tmp_path / "odd.jsonl"
    records = [
        {"id": "surrogate", "text": "\u201cFine,\u201d said Tom Park. \ud800"},  # a lone surrogate
        {"id": "nul", "text": "\u0000 \u201cAlso fine,\u201d said Tom Park."},
        {"id": "number", "text": 42},
        ["not", "an", "object"],
        {"id": "blank", "text": "   "},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = run("extract", corpus, good, "--format", "jsonl")
    assert result.exit_code == 1
    assert stderr_lines(result) == [  # as they happen
        f"note: {corpus}:1: 1 control or bidirectional-override character(s) replaced by spaces",
        f"note: {corpus}:2: 1 control or bidirectional-override character(s) replaced by spaces",
        f"error: {corpus}:3: 'text' is not a string",
        f"error: {corpus}:4: a line must be a JSON object, not list",
        f"error: {corpus}:5: 'text' is empty",
    ]
    ids = [json.loads(line)["document_id"] for line in result.stdout.splitlines()]
    assert ids == ["surrogate", "nul", str(good)]


def test_csv_options_through_the_cli(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text('guid,body,headline\ng1,"\u201cYes,\u201d said Ann Lee.",Yes\n', encoding="utf-8")
    db = tmp_path / "q.db"
    result = run("ingest", db, feed, "--text-field", "body", "--id-field", "guid",
                 "--field", "title=headline", "--processes", "1")
    assert result.exit_code == 0, result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("select key, title from documents").fetchall() == [(f"{feed}#g1", "Yes")]
    conn.close()
    result = run("extract", feed, "--field", "headline")
    assert result.exit_code == 2 and "NAME=COLUMN" in result.stderr


def test_a_database_path_that_is_not_sqlite_is_never_touched(tmp_path, good):
    db = tmp_path / "notes.db"
    db.write_text("Meeting notes, not a database.\n", encoding="utf-8")
    before = db.read_bytes()
    for command in (["ingest", db, good], ["export", db], ["serve", db]):
        result = run(*command)
        assert result.exit_code == 1
        assert stderr_lines(result) == [f"error: {db}: not a SQLite database; refusing to touch it"]
    assert db.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["good.txt", "notes.db"]  # no -wal, no -shm
    folder = tmp_path / "folder.db"
    folder.mkdir()
    result = run("ingest", folder, good)
    assert result.exit_code == 1
    assert stderr_lines(result) == [f"error: {folder}: cannot open as a database (Is a directory)"]
