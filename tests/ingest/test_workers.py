"""Worker processes that die: the run ends, every document is written or named as an
error, and memory per worker is bounded by the batch's character budget."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from quotes.engine.workers import BATCH_CHARS, Failed, analyse_in_workers, batches
from quotes.ingest import ingest
from quotes.model import Document
from quotes.store import open_db

QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]
ARTICLE = ('Item {i}\n\n"We will win the vote number {i}," said Jane Doe on Monday.\n\n'
           'The council met again. "Prices will rise," Omar Haddad told reporters.\n')


class KillsItsWorker:
    """The real pipeline, except that a text holding KILL makes the worker parsing it die
    by SIGKILL, as the kernel's OOM killer would."""

    def __init__(self, nlp):
        self.nlp = nlp

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        if any("KILL" in text for text in texts):
            os.kill(os.getpid(), signal.SIGKILL)
        return self.nlp.pipe(texts, **kwargs)


def test_a_batch_that_kills_its_worker_twice_is_named_and_the_rest_are_analysed(nlp):
    documents = [Document(id=f"d{i}", text=ARTICLE.format(i=i)) for i in range(12)]
    documents[5] = Document(id="deadly", text="KILL. " + ARTICLE.format(i=5))
    started = time.monotonic()
    results = list(analyse_in_workers(documents, KillsItsWorker(nlp), batch_size=2, n_process=2))
    assert time.monotonic() - started < 60
    assert [r.document.id for r in results] == [d.id for d in documents]  # in order
    failed = [r.document.id for r in results if isinstance(r, Failed)]
    assert failed == ["d4", "deadly"]  # the batch of the deadly one, after one retry
    assert all(r.quotes for r in results if not isinstance(r, Failed))


def test_failed_documents_are_errors_by_name_in_the_summary(tmp_path, nlp):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"a{i}.txt").write_text(("KILL. " if i == 3 else "") + ARTICLE.format(i=i))
    summary = ingest(open_db(str(tmp_path / "q.db")), [str(corpus)], nlp=KillsItsWorker(nlp),
                     processes=2, batch_size=1)
    assert summary.written == 5 and summary.error_count == 1
    assert summary.errors == [f"{corpus / 'a3.txt'}: its worker process died while parsing it, "
                              f"twice (killed, or out of memory); not analysed"]


def _children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def test_a_worker_killed_mid_run_ends_the_run_within_a_minute(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = [f"art{i:03d}.txt" for i in range(60)]
    for i, name in enumerate(names):
        (corpus / name).write_text(ARTICLE.format(i=i) * 3)
    db = tmp_path / "w.db"
    process = subprocess.Popen(QUOTES + ["ingest", str(db), str(corpus), "--processes", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(_children(process.pid)) < 2:  # the model is loaded and the workers forked
            assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
            time.sleep(0.05)
        time.sleep(0.5)  # parsing
        victim = _children(process.pid)[-1]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        _, stderr = process.communicate(timeout=60)
        assert time.monotonic() - killed_at < 60
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode in (0, 1), stderr
    written = {os.path.basename(row[0]) for row in
               sqlite3.connect(db).execute("select key from documents").fetchall()}
    named = {name for name in names if f"error: {corpus / name}:" in stderr}
    assert written | named == set(names), stderr
    assert "documents written" in stderr.splitlines()[-1]  # the summary
    assert (process.returncode == 1) == bool(named)


def test_batches_hold_at_most_a_character_budget():
    short = [Document(id=str(i), text="x" * 1_000) for i in range(50)]
    long = Document(id="long", text="y" * (BATCH_CHARS + 1))
    sizes = [[d.id for d in batch] for batch in batches(short[:3] + [long] + short[3:], 32, BATCH_CHARS)]
    assert sizes[0] == ["0", "1", "2"] and sizes[1] == ["long"]
    assert all(sum(len(d.text) for d in b) <= BATCH_CHARS for b in batches(short, 32, 10_000))
    assert [len(b) for b in batches(short, 32, 10_000)] == [10] * 5


def test_one_batch_limit_for_local_workers_and_the_cluster():
    # the batch a local worker parses and a Dask task parses are one setting, defined once
    import ast

    root = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "quotes")
    defined = []
    for folder, _, files in os.walk(root):
        for name in (n for n in files if n.endswith(".py")):
            tree = ast.parse(open(os.path.join(folder, name), encoding="utf-8").read())
            defined += [os.path.relpath(os.path.join(folder, name), root) for node in tree.body
                        if isinstance(node, ast.Assign)
                        for target in node.targets if getattr(target, "id", None) in ("BATCH_SIZE", "BATCH_CHARS")]
    assert sorted(defined) == [os.path.join("engine", "batches.py")] * 2
