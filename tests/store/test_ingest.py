"""Ingestion at scale: nothing parsed twice, changed and outdated documents replaced,
the same rows whatever the number of processes, and a progress bar only on a terminal.

Parsing is counted on the real pipeline: `Counting` passes every text on to the real
`nlp.pipe` and counts them. Speed is measured in benchmarks/, never here.
"""

import multiprocessing
import os
import pty
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.ingest import count_documents, ingest
from quotes.model import ENGINE_VERSION
from quotes.store import open_db

from ..conftest import ROOT, SEED

MAYOR = ('City approves bridge\n\n"We will build the bridge before the winter," the mayor, '
         'Anna Keller, said on Monday.\n\nCouncillor Tom Brandt said the plan was too expensive.\n')
MAYOR_CHANGED = ('City approves bridge\n\n"The bridge will open in spring," the mayor, '
                 'Anna Keller, said on Tuesday.\n')
MINISTER = ('Talks resume\n\n"We are ready to talk," Foreign Minister Maria Lopez told reporters '
            'in Madrid.\n\n"Nothing is agreed until everything is agreed," she added.\n')


class Counting:
    """The real pipeline, counting the texts handed to `nlp.pipe`, in this process or in the
    worker processes it forks (the count is in shared memory)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self._count = multiprocessing.Value("i", 0)

    @property
    def texts(self):
        return self._count.value

    @texts.setter
    def texts(self, value):
        self._count.value = value

    def pipe(self, texts, **kwargs):
        def counted():
            for text in texts:
                with self._count.get_lock():
                    self._count.value += 1
                yield text

        return self.nlp.pipe(counted(), **kwargs)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / "accord.txt")
    (folder / "mayor.txt").write_text(MAYOR, encoding="utf-8")
    (folder / "minister.txt").write_text(MINISTER, encoding="utf-8")
    return folder


def rows(path, table, without=("ingested_at",)):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    found = [{k: row[k] for k in row.keys() if k not in without}
             for row in conn.execute(f"select * from {table}")]
    conn.close()
    return sorted(found, key=repr)


def snapshot(path):
    return {table: rows(path, table, without=()) for table in ("documents", "speakers", "aliases", "quotes")}


def test_unchanged_documents_are_not_parsed_again(tmp_path, corpus, nlp):
    path = str(tmp_path / "q.db")
    counting = Counting(nlp)
    first = ingest(open_db(path), [str(corpus)], nlp=counting)
    assert (counting.texts, first.written, first.unchanged) == (3, 3, 0)
    assert first.quotes == len(rows(path, "quotes")) > 14
    before = snapshot(path)

    counting.texts = 0
    second = ingest(open_db(path), [str(corpus)], nlp=counting, processes=2)
    assert counting.texts == 0
    assert (second.read, second.written, second.unchanged, second.quotes) == (3, 0, 3, 0)
    assert second.line() == "0 documents written, 3 unchanged, 0 quotes, 0 errors"
    assert snapshot(path) == before


def test_a_changed_document_replaces_its_own_quotes(tmp_path, corpus, nlp):
    path = str(tmp_path / "q.db")
    ingest(open_db(path), [str(corpus)], nlp=nlp)
    mayor = str(corpus / "mayor.txt")
    others = [q for q in rows(path, "quotes") if not q["id"].startswith(_doc_id(path, mayor))]
    old = {q["text"] for q in rows(path, "quotes") if q["id"].startswith(_doc_id(path, mayor))}
    assert any("before the winter" in text for text in old)

    (corpus / "mayor.txt").write_text(MAYOR_CHANGED, encoding="utf-8")
    counting = Counting(nlp)
    summary = ingest(open_db(path), [str(corpus)], nlp=counting)
    assert (counting.texts, summary.written, summary.unchanged) == (1, 1, 2)

    documents = rows(path, "documents")
    assert len(documents) == 3 and [d["text"] for d in documents if d["key"] == mayor] == [MAYOR_CHANGED]
    new_id = _doc_id(path, mayor)
    new = [q for q in rows(path, "quotes") if q["document_id"] == new_id]
    assert [(q["text"].rstrip(","), q["speaker_mention"]) for q in new] == [
        ("The bridge will open in spring", "Anna Keller")]
    assert [q for q in rows(path, "quotes") if q["document_id"] != new_id] == others


def _doc_id(path, key):
    conn = sqlite3.connect(path)
    (doc_id,) = conn.execute("select id from documents where key = ?", [key]).fetchone()
    conn.close()
    return doc_id


def test_reprocess_outdated_extracts_exactly_the_outdated_documents(tmp_path, corpus, nlp):
    path = str(tmp_path / "q.db")
    ingest(open_db(path), [str(corpus)], nlp=nlp)
    before = rows(path, "quotes")
    conn = sqlite3.connect(path)
    conn.execute("update documents set engine_version = '0' where key like '%accord.txt' or key like '%mayor.txt'")
    conn.execute("update documents set engine_version = '999' where key like '%minister.txt'")  # newer: left alone
    conn.commit()
    conn.close()
    shutil.rmtree(corpus)  # from the database alone

    counting = Counting(nlp)
    summary = ingest(open_db(path), [], nlp=counting, reprocess_outdated=True)
    assert (counting.texts, summary.written, summary.reprocessed, summary.read) == (2, 2, 2, 0)
    assert summary.line().startswith("2 documents written (2 re-processed), 0 unchanged")
    versions = {d["key"].rsplit("/", 1)[-1]: d["engine_version"] for d in rows(path, "documents")}
    assert versions == {"accord.txt": ENGINE_VERSION, "mayor.txt": ENGINE_VERSION, "minister.txt": "999"}
    assert rows(path, "quotes") == before

    counting.texts = 0
    again = ingest(open_db(path), [], nlp=counting, reprocess_outdated=True)
    assert (counting.texts, again.written) == (0, 0)


def test_an_outdated_document_also_named_on_the_command_line_is_parsed_once(tmp_path, corpus, nlp):
    path = str(tmp_path / "q.db")
    ingest(open_db(path), [str(corpus)], nlp=nlp)
    conn = sqlite3.connect(path)
    conn.execute("update documents set engine_version = '0' where key like '%mayor.txt'")
    conn.commit()
    conn.close()
    counting = Counting(nlp)
    summary = ingest(open_db(path), [str(corpus)], nlp=counting, reprocess_outdated=True, processes=2)
    assert (counting.texts, summary.written, summary.unchanged, summary.reprocessed) == (1, 1, 2, 0)


def test_two_processes_write_the_same_rows_as_one(tmp_path, corpus, nlp):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    ingest(open_db(one), [str(corpus)], nlp=nlp, processes=1, batch_size=1)
    ingest(open_db(two), [str(corpus)], nlp=nlp, processes=2, batch_size=1)
    for table in ("documents", "speakers", "aliases", "quotes"):
        assert rows(one, table) == rows(two, table), table
    assert len(rows(two, "quotes")) > 14


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_reprocess_outdated_needs_no_paths(tmp_path, corpus):
    path = str(tmp_path / "q.db")
    assert run("ingest", path, str(corpus), "--processes", "1").exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute("update documents set engine_version = '0'")
    conn.commit()
    conn.close()
    result = run("ingest", path, "--reprocess-outdated")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("3 documents written (3 re-processed), 0 unchanged")
    nothing = run("ingest", path)
    assert nothing.exit_code == 2 and "--reprocess-outdated" in nothing.output


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, corpus):
    result = run("ingest", str(tmp_path / "q.db"), str(corpus))
    assert result.exit_code == 0
    assert result.stderr == "3 documents written, 0 unchanged, " + result.stderr.split(", ", 2)[2]
    assert result.stderr.count("\n") == 1 and "\r" not in result.stderr and "doc/s" not in result.stderr
    silent = run("ingest", str(tmp_path / "q.db"), str(corpus), "--silent")
    assert silent.exit_code == 0 and silent.stderr == ""


def _on_a_terminal(*args):
    """Run `quotes ARGS` with standard error on a pseudo-terminal; what it drew there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", "from quotes.cli import cli; cli()", *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower, cwd=ROOT)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        drawn += chunk
    process.wait(timeout=300)
    os.close(leader)
    assert process.returncode == 0, drawn
    return drawn.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_and_none_with_silent(tmp_path, corpus):
    drawn = _on_a_terminal("ingest", str(tmp_path / "q.db"), str(corpus), "--processes", "1")
    assert "doc/s" in drawn and "quotes" in drawn and "/3 " in drawn
    assert "3 documents written" in drawn
    silent = _on_a_terminal("ingest", str(tmp_path / "q.db"), str(corpus), "--force", "--silent")
    assert silent == ""


def test_count_documents_knows_files_and_corpus_lines(tmp_path, corpus):
    (corpus / "more.jsonl").write_text('{"id": "a", "text": "x"}\n\n{"id": "b", "text": "y"}\n')
    assert count_documents([str(corpus)]) == 5
    assert count_documents(["-"]) is None
