"""Crashes and concurrency: `quotes ingest` killed at random moments and run again ends with
the database an uninterrupted run makes; Ctrl-C stops cleanly; Datasette reads while an
ingest writes.

Each `quotes ingest` here is a real process (it loads the model: about two seconds).
"""

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from quotes.ingest import ingest
from quotes.store import open_db

N_DOCUMENTS = 30
DEADLINE = 120  # seconds any one process may take before the test gives up on it
QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]

NAMES = ["Ann Lee", "Tom Park", "Mary Jones", "Bob Smith", "Li Wei", "Sara Cohen", "Omar Haddad"]
ROLES = ["the mayor", "the opposition leader", "a resident", "the council treasurer"]
TOPICS = ["the bridge", "the budget", "the schools", "the harbour", "the new law", "the election"]


def write_corpus(folder, n=N_DOCUMENTS, seed=7):
    """Short articles with quotes, speakers shared across articles, and a role now and then."""
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(n):
        a, b = rng.sample(NAMES, 2)
        topic = rng.choice(TOPICS)
        text = (f"Council debates {topic}, day {i + 1}\n\n"
                f"{a}, {rng.choice(ROLES)}, spoke on Tuesday about {topic}.\n\n"
                f"\u201cWe will not delay {topic} any longer,\u201d {a} said. "
                f"\u201cThe residents deserve an answer.\u201d\n\n"
                f"{b} said the plan for {topic} was rushed. "
                f"\u201cNobody asked us about {topic},\u201d {b.split()[-1]} told reporters.\n")
        (folder / f"doc{i:02}.txt").write_text(text, encoding="utf-8")
    return folder


def snapshot(path):
    """The content of a database, with speakers named rather than numbered and without the
    times of ingestion: what two runs over the same files must agree on."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        conn.execute("insert into quotes_fts(quotes_fts) values ('integrity-check')")
        documents = conn.execute(
            "select id, key, title, url, published, source, author, path, text, engine_version "
            "from documents order by id").fetchall()
        speakers = sorted(conn.execute("select name, kind, role, affiliation from speakers").fetchall(),
                          key=repr)
        aliases = sorted(conn.execute(
            "select alias, speakers.name, origin from aliases join speakers on speakers.id = speaker_id"
        ).fetchall())
        quote_columns = [row[1] for row in conn.execute("pragma table_info(quotes)")
                         if row[1] not in ("speaker_id", "addressee_id")]
        quotes = conn.execute(
            "select " + ", ".join(f'quotes."{c}"' for c in quote_columns) + ", s.name, a.name "
            "from quotes left join speakers s on s.id = quotes.speaker_id "
            "left join speakers a on a.id = quotes.addressee_id order by quotes.id").fetchall()
        fts = sorted(row[0] for row in conn.execute("select text from quotes_fts"))
    finally:
        conn.close()
    assert fts == sorted(q[quote_columns.index("text")] for q in quotes)
    return {"documents": documents, "speakers": speakers, "aliases": aliases, "quotes": quotes,
            "quote_columns": quote_columns}


def quotes_by_document(snap):
    column = snap["quote_columns"].index("document_id")
    grouped = {}
    for row in snap["quotes"]:
        grouped.setdefault(row[column], []).append(row)
    return grouped


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus, nlp, tmp_path_factory):
    """The database of one uninterrupted run."""
    path = str(tmp_path_factory.mktemp("reference") / "reference.db")
    db = open_db(path)
    summary = ingest(db, [str(corpus)], nlp=nlp)
    db.close()
    assert summary.errors == [] and summary.written == N_DOCUMENTS
    return snapshot(path)


def start_ingest(db, corpus, *options):
    return subprocess.Popen(QUOTES + ["ingest", str(db), str(corpus), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group, workers included


def stored_documents(db):
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("select count(*) from documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def wait_for_documents(process, db, at_least):
    """Poll until `at_least` documents are committed, or the process ends."""
    deadline = time.monotonic() + DEADLINE
    while process.poll() is None and stored_documents(db) < at_least:
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.005)


def finish(process):
    try:
        return process.communicate(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise


def group_is_gone(pgid):
    for _ in range(200):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.01)
    return False


def test_sigkill_at_random_moments_then_a_rerun_equals_an_uninterrupted_run(corpus, reference, tmp_path):
    seed = int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    db = tmp_path / "killed.db"
    expected = quotes_by_document(reference)
    kills = sorted(rng.sample(range(1, N_DOCUMENTS - 3), 3))
    for target in kills:
        process = start_ingest(db, corpus, "--silent")
        wait_for_documents(process, db, target)
        time.sleep(rng.uniform(0, 0.05))
        os.killpg(process.pid, signal.SIGKILL)
        finish(process)
        assert group_is_gone(process.pid), f"worker processes outlived their parent (seed {seed})"
        partial = snapshot(db)
        # every stored document has all its quotes, attributed as in a whole run
        assert quotes_by_document(partial) == {doc_id: rows for doc_id, rows in expected.items()
                                               if doc_id in {d[0] for d in partial["documents"]}}, seed
        assert set(partial["documents"]) <= set(reference["documents"]), seed
    process = start_ingest(db, corpus, "--silent")
    out, err = finish(process)
    assert process.returncode == 0, err
    assert snapshot(db) == reference, f"seed {seed}, kills after {kills} documents"


def test_ctrl_c_stops_cleanly_keeping_what_was_committed(corpus, reference, tmp_path, nlp):
    db = tmp_path / "interrupted.db"
    process = start_ingest(db, corpus)  # default --processes: spaCy workers get Ctrl-C too
    wait_for_documents(process, db, 5)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    out, err = finish(process)
    assert process.returncode == 130, err
    assert group_is_gone(process.pid)
    stored = stored_documents(db)
    assert err.strip().splitlines() == [
        f"interrupted after {stored} of {N_DOCUMENTS} documents ({stored} written, kept); "
        f"run the same command again to go on"]
    assert 5 <= stored < N_DOCUMENTS
    resumed = open_db(str(db))  # going on, in this process: the model is loaded already
    summary = ingest(resumed, [str(corpus)], nlp=nlp)
    resumed.close()
    assert (summary.written, summary.unchanged) == (N_DOCUMENTS - stored, stored)
    assert snapshot(db) == reference


@pytest.mark.asyncio
async def test_datasette_reads_while_ingest_writes(tmp_path):
    from datasette.app import Datasette

    corpus = write_corpus(tmp_path / "corpus", n=60, seed=11)
    db = tmp_path / "quotes.db"
    open_db(str(db)).close()  # the shape exists before Datasette opens it
    # (what is checked is what readers see, not how fast: a loaded machine may take longer
    # than Datasette's default one second for a page of 1,000 statements)
    ds = Datasette([str(db)], settings={"sql_time_limit_ms": 20_000})
    pages = [
        "/quotes/statements.json?_shape=array&_size=max",
        "/quotes/quotes.json?_facet=type&_size=5",
        "/quotes/speakers.json?_size=max",
        "/quotes.json?_shape=array&sql=" + "select (select count(*) from documents) as documents, "
        "(select count(*) from quotes where document_id not in (select id from documents)) as orphans, "
        "(select count(*) from documents where id not in (select document_id from quotes)) as bare",
    ]
    process = start_ingest(db, corpus, "--silent", "--processes", "1")
    seen, reads = [], 0
    deadline = time.monotonic() + DEADLINE
    try:
        while process.poll() is None:
            assert time.monotonic() < deadline
            for page in pages:
                response = await ds.client.get(page)
                assert response.status_code == 200, (page, response.text[:500])
                reads += 1
            (counts,) = response.json()
            assert counts["orphans"] == 0 and counts["bare"] == 0  # no half-written document
            seen.append(counts["documents"])
            await asyncio.sleep(0)
    finally:
        out, err = finish(process)
    assert process.returncode == 0, err
    assert seen == sorted(seen)  # readers only ever see more committed documents
    assert any(0 < n < 60 for n in seen), f"no read overlapped the writes: {seen}"
    final = (await ds.client.get(pages[-1])).json()[0]
    assert final["documents"] == 60 and reads > 0
