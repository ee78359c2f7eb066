"""What goes wrong on a Dask cluster ends as one `error:` line and how far the run got, with
every document written before it kept: a scheduler lost mid-run, an address that cannot be
one, a task that fails; SIGTERM stops a `local:N` run and its workers at once."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from distributed import Client

from quotes.cli import cli
from quotes.distributed import ClusterError
from quotes.distributed.cluster import Cluster

from ..ingest.test_signals import alive, descendants
from ..store.test_crash import stored_documents, wait_for_documents
from . import corpus as make_corpus
from .test_cluster import cluster  # noqa: F401 (a fixture)

BIN = os.path.dirname(sys.executable)
QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]
STOPPED = "documents written (kept); run the same command again to go on"


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """200 texts: a few batches still to parse when the run is cut."""
    return make_corpus.make(tmp_path_factory.mktemp("dask-big") / "corpus", count=200)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process):
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)


def test_a_scheduler_lost_mid_run_is_one_error_line_and_what_was_written_stays(big_corpus, tmp_path):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    started = []
    try:
        scheduler = subprocess.Popen([f"{BIN}/dask", "scheduler", "--host", "127.0.0.1", "--port",
                                      str(port), "--no-dashboard"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        started.append(scheduler)
        wait_for_port(port, scheduler)
        started.append(subprocess.Popen([f"{BIN}/dask", "worker", address, "--nworkers", "1",
                                         "--nthreads", "1", "--no-dashboard"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True))
        db = tmp_path / "q.db"
        ingest = subprocess.Popen(QUOTES + ["ingest", str(db), big_corpus, "--dask", address],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  start_new_session=True)
        started.append(ingest)
        wait_for_documents(ingest, db, 2)
        scheduler.kill()
        _, stderr = ingest.communicate(timeout=60)
    finally:
        for process in started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    stored = stored_documents(db)
    assert ingest.returncode == 1
    assert stderr.splitlines() == [
        stderr.splitlines()[0], f"stopped after {stored} {STOPPED}"], stderr
    assert stderr.startswith(f"error: lost the Dask scheduler at {address} ("), stderr
    assert 2 <= stored < 201


@pytest.mark.parametrize("address", ["bogus", "local:0", "tcp://somewhere", "host:port", "a b:1"])
def test_an_address_that_cannot_be_one_is_refused_before_anything_is_made(address, tmp_path):
    db = tmp_path / "q.db"
    result = CliRunner().invoke(cli, ["ingest", str(db), str(tmp_path), "--dask", address])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: --dask {address}: ") and result.stderr.count("\n") == 1
    assert not db.exists()
    extract = CliRunner().invoke(cli, ["extract", str(tmp_path), "--dask", address])
    assert extract.exit_code == 1 and extract.stderr.startswith(f"error: --dask {address}: ")


def fails(item):
    raise ValueError(f"no good: {item}")


def test_a_task_that_fails_is_one_cluster_error(cluster):  # noqa: F811
    with Client(cluster) as client:
        with pytest.raises(ClusterError, match=r"^a task failed on a worker: ValueError: no good: 1$"):
            list(Cluster(client, cluster.scheduler_address).map_ordered(fails, [1, 2]))


def test_sigterm_stops_a_local_cluster_run_and_its_workers_at_once(big_corpus, tmp_path):
    db = tmp_path / "q.db"
    process = subprocess.Popen(QUOTES + ["ingest", str(db), big_corpus, "--dask", "local:1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        wait_for_documents(process, db, 2)
        below = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        while any(alive(pid) for pid in below) and time.monotonic() - sent < 30:
            time.sleep(0.05)
        assert time.monotonic() - sent < 5, "local workers alive 5 s after SIGTERM"
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    stored = stored_documents(db)
    assert process.returncode == 143
    assert stderr.splitlines()[-1] == (f"stopped by SIGTERM after {stored} of 201 documents "
                                       f"({stored} written, kept); run the same command again to go on")


def test_a_document_that_runs_its_worker_out_of_memory_is_an_error_by_name(tmp_path):
    """A real memory limit: a worker with the model loaded fits (about 170 MB for the model,
    under 300 MB with the worker around it), a 300,000-character document does not (about
    3 KB a character). The limit leaves the short documents 350 MB of room, so a loaded
    machine or a bigger batch cannot push them over it too. One more try a task (the
    scheduler's allowed-failures 1, Dask's default is 3): on a machine loaded with ten
    processes a short document retried alone once died too (all five were errors), most
    likely sent to the killed worker before the scheduler had noticed it was gone. Its worker is killed by its nanny, with the next batch
    waiting on it; each is tried again alone: the long document is an error by name, every
    other document is written."""
    import dask
    from distributed import LocalCluster

    from quotes.ingest import ingest
    from quotes.store import open_db

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(4):
        (corpus / f"{n + 1}-short.txt").write_text(make_corpus.text(n), encoding="utf-8")
    paragraph = make_corpus.text(9).split("\n\n")[1] + "\n\n"
    (corpus / "0-long.txt").write_text(paragraph * (300_000 // len(paragraph)), encoding="utf-8")
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            LocalCluster(n_workers=1, processes=True, threads_per_worker=1, memory_limit="700MB",
                         dashboard_address=":0") as local:
        summary = ingest(open_db(str(tmp_path / "q.db")), [str(corpus)], dask=local.scheduler_address)
    assert summary.written == 4
    assert summary.errors == [f"{corpus / '0-long.txt'}: its Dask worker died while parsing it, "
                              f"also when tried alone (killed, or out of memory); not analysed"]


def test_a_cluster_left_without_workers_is_an_error_not_a_wait_for_ever():
    """All the workers of a tcp cluster killed mid-run (and no nanny to restart them): the
    run waited for ever, without a word."""
    import logging
    import threading

    from distributed import LocalCluster

    raised = []

    def run(address):
        with Client(address) as client:
            try:
                list(Cluster(client, address, alone=3).map_ordered(sum, [[1, 2]]))
            except ClusterError as error:
                raised.append(str(error))

    with LocalCluster(n_workers=0, dashboard_address=":0", silence_logs=logging.ERROR) as empty:
        waiting = threading.Thread(target=run, args=(empty.scheduler_address,), daemon=True)
        waiting.start()
        waiting.join(timeout=60)
    assert raised == [f"no Dask worker at {empty.scheduler_address} for 3 s (all died or left); "
                      f"start workers and run the same command again"]
