"""Hostile and unusual input: standard input streamed, errors capped, an oversized CSV
field, unreadable folders, lone-CR line breaks, UTF-16 corpora, symlink loops, deep HTML."""

import codecs
import gzip
import io
import json
import os
import subprocess
import sys

from click.testing import CliRunner

from quotes.cli import cli
from quotes.model import Document
from quotes.paragraphs import paragraph_spans
from quotes.read import MAX_FILE_BYTES, ReadError, read_documents, read_path
from quotes.read.report import SHOWN_PER_KIND

QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]


def read(*paths):
    notes = []
    items = list(read_documents([str(p) for p in paths], notes))
    return ([i for i in items if isinstance(i, Document)],
            [str(i) for i in items if isinstance(i, ReadError)], notes)


def test_a_corpus_on_standard_input_streams_past_the_file_limit(monkeypatch):
    record = json.dumps({"id": "d", "text": "Filler words about the budget. " * 30}) + "\n"
    count = MAX_FILE_BYTES // len(record) + 500  # more than 20 MB
    zipped = gzip.compress(record.encode() * count, compresslevel=1)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(zipped)))
    read_count = errors = 0
    for item in read_path("-", []):
        read_count += isinstance(item, Document)
        errors += isinstance(item, ReadError)
    assert (read_count, errors) == (count, 0)


def test_single_documents_on_standard_input_keep_their_limit(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"word " * (MAX_FILE_BYTES // 5 + 1))))
    (item,) = read_path("-", [])
    assert str(item).startswith("<stdin>: too large")


def test_repeated_errors_are_capped_and_counted(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"x\n" * 200_000, 9))
    result = CliRunner().invoke(cli, ["extract", str(bomb)])
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert len(lines) == SHOWN_PER_KIND + 1
    assert lines[0] == f"error: {bomb}:1: not JSON (Expecting value, column 1)"
    assert lines[-1] == (f"error: … and {200_000 - SHOWN_PER_KIND:,} more like this "
                         f"(not JSON (Expecting value, column N))")


def test_an_oversized_csv_field_loses_only_its_own_record(tmp_path):
    line = 'The mayor spoke again. ""We will win,"" said Jane Doe.\n'
    path = tmp_path / "big.csv"
    path.write_text('id,text\ng1,"Budget news. ""We will win,"" said Jane Doe."\n'
                    'huge,"' + line * (3_500_000 // len(line)) + '"\n'
                    'g2,"Later. ""Fine,"" said Li Wei."\ng3,"Even later. ""Sure,"" said Maria Garcia."\n')
    docs, errors, _ = read(path)
    assert [d.id for d in docs] == ["g1", "g2", "g3"]
    assert errors == [f"{path}:3: line too long: a document may hold at most 500,000 characters"]


def test_an_unreadable_folder_is_an_error(tmp_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text('"Fine," said Li Wei.\n')
    (folder / "locked" / "inner.txt").write_text('"Hidden," said Li Wei.\n')
    os.chmod(folder / "locked", 0)
    try:
        script = ("from quotes.read import read_documents\n"
                  f"for item in read_documents([{str(folder)!r}, {str(folder / 'locked')!r}]): print(item)")
        # root reads any folder: drop that power, as an ordinary user has none
        result = subprocess.run(["setpriv", "--bounding-set", "-dac_override,-dac_read_search",
                                 "--inh-caps", "-dac_override,-dac_read_search", sys.executable,
                                 "-c", script], capture_output=True, text=True, timeout=60)
    finally:
        os.chmod(folder / "locked", 0o755)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert f"{folder / 'locked'}: cannot list this folder (Permission denied)" in lines
    assert len(lines) == 2  # ok.txt, and the locked folder once


def test_a_glob_pattern_reports_what_the_folder_walk_reports(tmp_path):
    """F33: 'dir/*.txt' dropped looping and dangling links, and 'dir/**/*.txt' skipped an
    unlistable subfolder, with no line and exit code 0."""
    loops = tmp_path / "loops"
    (loops / "sub").mkdir(parents=True)
    (loops / "a.txt").symlink_to("b.txt")
    (loops / "b.txt").symlink_to("a.txt")
    (loops / "dangling.txt").symlink_to("nowhere.txt")
    (loops / "sub" / "up").symlink_to("..")
    (loops / "ok.txt").write_text('"Fine," said Li Wei.\n')
    expected = [f"{loops / 'a.txt'}: cannot read (Too many levels of symbolic links)",
                f"{loops / 'b.txt'}: cannot read (Too many levels of symbolic links)",
                f"{loops / 'dangling.txt'}: no such file or folder"]
    for named in (loops, loops / "*.txt", loops / "**" / "*.txt"):
        docs, errors, _ = read(named)
        assert (errors, [d.path for d in docs]) == (expected, [str(loops / "ok.txt")]), named

    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "open").mkdir()
    (folder / "open" / "ok.txt").write_text('"Fine," said Li Wei.\n')
    (folder / "locked" / "inner.txt").write_text('"Hidden," said Li Wei.\n')
    os.chmod(folder / "locked", 0)
    try:
        script = ("import sys\nfrom quotes.read import read_documents\n"
                  "for item in read_documents(sys.argv[1:]): print(item)")
        found = {}
        for pattern in (folder / "**" / "*.txt", folder / "*" / "*.txt", folder / "locked" / "*.txt"):
            # root reads any folder: drop that power, as an ordinary user has none
            result = subprocess.run(["setpriv", "--bounding-set", "-dac_override,-dac_read_search",
                                     "--inh-caps", "-dac_override,-dac_read_search", sys.executable,
                                     "-c", script, str(pattern)], capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, result.stderr
            found[pattern] = result.stdout.splitlines()
    finally:
        os.chmod(folder / "locked", 0o755)
    locked = f"{folder / 'locked'}: cannot list this folder (Permission denied)"
    assert found[folder / "**" / "*.txt"].count(locked) == 1
    assert found[folder / "*" / "*.txt"].count(locked) == 1
    assert found[folder / "locked" / "*.txt"] == [locked]


def test_lone_cr_and_crlf_are_line_and_paragraph_breaks():
    for newline in ("\r", "\r\n"):
        text = newline.join(["Title", "", "First paragraph.", "", "Second one."])
        lf = text.replace(newline, "\n")
        assert [text[s:e] for s, e in paragraph_spans(text)] == [lf[s:e] for s, e in paragraph_spans(lf)]


def test_an_unclosed_quote_ends_with_its_paragraph_in_cr_text(tmp_path):
    cr = tmp_path / "unbal_cr.txt"
    cr.write_bytes(b'Title here\r\r"We will win, said Jane Doe.\r\rThe mayor Omar Haddad spoke. '
                   b'"Prices will rise," he said.\r\r"Done," said Li Wei.\r')
    lf = tmp_path / "unbal_lf.txt"
    lf.write_bytes(cr.read_bytes().replace(b"\r", b"\n"))
    runs = [CliRunner().invoke(cli, ["extract", str(p), "--format", "jsonl"]) for p in (cr, lf)]
    found = [[(q["text"], q["speaker"]) for q in map(json.loads, r.stdout.splitlines())] for r in runs]
    assert found[0] == found[1] and ("Prices will rise,", "Omar Haddad") in found[0]
    assert [r.exit_code for r in runs] == [3, 3]
    assert "unbalanced quote marks: 1 quote(s) never close, the first at line 3" in runs[0].stderr


def test_utf16_corpora_with_a_byte_order_mark(tmp_path):
    records = [{"id": "1", "text": "\u201cYes,\u201d said Ann Lee."}, {"id": "2", "text": "Caf\u00e9 news."}]
    jsonl = tmp_path / "u.jsonl"
    jsonl.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-16"))
    table = tmp_path / "u.csv"
    table.write_bytes("id,text\r\n1,\u201cYes\u201d said Ann Lee.\r\n2,Caf\u00e9 news.\r\n".encode("utf-16-le")
                      .join([codecs.BOM_UTF16_LE, b""]))
    docs, errors, _ = read(jsonl, table)
    assert errors == [] and [d.text for d in docs] == [
        "\u201cYes,\u201d said Ann Lee.", "Caf\u00e9 news.", "\u201cYes\u201d said Ann Lee.", "Caf\u00e9 news."]
    bare = tmp_path / "bare.jsonl"
    bare.write_bytes(json.dumps(records[1]).encode("utf-16-le"))
    _, errors, _ = read(bare)
    assert errors == [f"{bare}: UTF-16 text without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)"]


def test_a_symlink_loop_reports_each_file_once(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "loop").symlink_to(tmp_path)
    (tmp_path / "d" / "empty.txt").write_text("")
    (tmp_path / "d" / "good.txt").write_text("Some words.")
    docs, errors, _ = read(str(tmp_path / "**"))
    assert errors == [f"{tmp_path / 'd' / 'empty.txt'}: empty file"] and len(docs) == 1


def test_deep_html_nesting_is_reported_as_such(tmp_path):
    page = tmp_path / "deep.html"
    body = "<p>" + "The mayor said the bridge would open in the spring of next year. " * 5 + "</p>"
    page.write_text("<!DOCTYPE html><html><head><title>T</title></head><body>"
                    + "<div>" * 400 + "<article>" + body * 3 + "</article>" + "</div>" * 400 + "</body></html>")
    _, errors, _ = read(page)
    assert errors == [f"{page}: HTML nested too deeply to parse (403 levels; the parser stops at 255)"]


def test_corpora_with_lone_cr_line_ends(tmp_path):
    jsonl = tmp_path / "mac.jsonl"
    jsonl.write_bytes(b'{"id": "1", "text": "One."}\r{"id": "2", "text": "Two."}\r')
    table = tmp_path / "mac.csv"
    table.write_bytes(b'id,text\r1,"A field\r\nover two lines."\r2,Plain.\r')
    docs, errors, _ = read(jsonl, table)
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [("1", "One."), ("2", "Two."), ("1", "A field\r\nover two lines."),
                                              ("2", "Plain.")]


def test_a_field_pattern_that_backtracks_without_end_stops_the_run_in_one_line(tmp_path):
    """`--field source=id:(a+)+$` on a 40-character id takes years to fail to match: the run
    hung. Each id now gets a second at most; then one `error:` line, what was written stays."""
    corpus = tmp_path / "c.jsonl"
    records = [{"id": f"wire_{i}", "text": f"\u201cWe will win {i},\u201d Jane Doe said."} for i in range(3)]
    records.insert(2, {"id": "a" * 40 + "!", "text": "\u201cWe will lose,\u201d Jane Doe said."})
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "q.db"
    done = subprocess.run(QUOTES + ["ingest", str(db), str(corpus), "--field", "source=id:(a+)+$",
                                    "--processes", "1"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "error: --field source=id:(a+)+$: matching the id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' "
        "took more than 1 s; the pattern backtracks without end (as a repeat inside a repeat, like "
        "(a+)+, does): simplify it",
        "stopped after 0 documents written (kept); run the command again with a simpler pattern to go on"]
    fixed = subprocess.run(QUOTES + ["ingest", str(db), str(corpus), "--field", "source=id:^([a-z]+)_",
                                     "--processes", "1"], capture_output=True, text=True, timeout=120)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stderr.splitlines()[-1].startswith("4 documents written")
