"""An ingest ended by SIGTERM (kill, timeout, docker stop), SIGHUP (a closed terminal) or
SIGKILL: its worker processes end with it, nothing is left holding its output, and SIGTERM
and SIGHUP stop it as cleanly as Ctrl-C, saying how far it got."""

import signal
import sqlite3
import time

import pytest

from ..store.test_crash import start_ingest, stored_documents, wait_for_documents, write_corpus

N = 120  # documents: a few batches, so the workers are busy when the signal comes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("signals") / "corpus", n=N, seed=3)


def descendants(pid):
    """Every process below `pid`, children first."""
    found = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            children = [int(p) for p in handle.read().split()]
    except OSError:
        return found
    for child in children:
        found += [child] + descendants(child)
    return found


def alive(pid):
    """Running (a zombie waiting for init to reap it has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for_workers(process, count):
    deadline = time.monotonic() + 120
    while len(descendants(process.pid)) < count:
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
        time.sleep(0.05)
    return descendants(process.pid)


def signal_mid_run(corpus, db, signum, *options, workers=2):
    """Start an ingest, signal its main process (only) once it writes; returns (the process,
    its worker pids, its stderr, seconds until no worker was alive)."""
    process = start_ingest(db, corpus, *options)
    try:
        pids = wait_for_workers(process, workers)
        wait_for_documents(process, db, 2)
        process.send_signal(signum)
        sent = time.monotonic()
        while any(alive(pid) for pid in pids) and time.monotonic() - sent < 30:
            time.sleep(0.05)
        ended_after = time.monotonic() - sent
        # end of file on its output: nothing is left holding the pipe
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None or any(alive(pid) for pid in descendants(process.pid)):
            import os
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process, pids, stderr, ended_after


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
                         ids=["SIGTERM", "SIGHUP", "SIGKILL"])
def test_the_workers_end_with_an_ingest_ended_by(signum, corpus, tmp_path):
    db = tmp_path / "q.db"
    process, workers, stderr, ended_after = signal_mid_run(corpus, db, signum, "--processes", "2")
    assert len(workers) == 2
    assert ended_after < 5, f"workers alive {ended_after:.1f} s after {signum.name}"
    stored = stored_documents(db)
    assert sqlite3.connect(db).execute("pragma integrity_check").fetchone() == ("ok",)
    if signum == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
        return
    assert process.returncode == 128 + signum, stderr  # 143, 129: as a shell reports it
    assert stderr.splitlines()[-1] == (
        f"stopped by {signum.name} after {stored} of {N} documents ({stored} written, kept); "
        f"run the same command again to go on")
    assert 2 <= stored < N


def test_sigterm_stops_a_single_process_ingest_cleanly(corpus, tmp_path):
    db = tmp_path / "q.db"
    process = start_ingest(db, corpus, "--processes", "1")
    wait_for_documents(process, db, 2)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    stored = stored_documents(db)
    assert process.returncode == 143
    assert stderr.splitlines() == [
        f"stopped by SIGTERM after {stored} of {N} documents ({stored} written, kept); "
        f"run the same command again to go on"]


def test_sigterm_while_waiting_for_another_writer_stops_at_once(corpus, tmp_path):
    """SQLite waited for the write lock in C for up to 60 s, where no signal handler runs,
    and SIGTERM before the run began killed it without a word."""
    from ..cli.test_commands import _wait_until_open

    db = tmp_path / "q.db"
    start_ingest(db, corpus / "doc00.txt").communicate(timeout=120)  # the database exists
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("begin immediate")  # another writer, holding the lock
    try:
        process = start_ingest(db, corpus, "--processes", "1")
        _wait_until_open(process.pid, str(db))
        time.sleep(1)  # waiting for the lock
        process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        _, stderr = process.communicate(timeout=60)
        assert time.monotonic() - sent < 5
    finally:
        holder.execute("rollback")
        holder.close()
    assert process.returncode == 143
    assert stderr.splitlines() == ["stopped by SIGTERM"]
