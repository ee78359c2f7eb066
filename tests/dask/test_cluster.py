"""The same ingest on a real Dask LocalCluster of 2 worker processes: the database equals a
single-process run's row for row, also when a worker is killed mid-run and when the records
go through Parquet files first. Speed is measured in benchmarks/dask_run.py, never here.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from quotes.cli import cli
from quotes.distributed import ClusterError, extract_documents, write_partitions
from quotes.ingest import Summary, ingest
from quotes.model import Document
from quotes.read import read_documents
from quotes.store import open_db

from ..conftest import ROOT, SEED
from . import corpus as make_corpus

TABLES = ("documents", "speakers", "aliases", "quotes")
DOCUMENTS = 53  # the seed and 52 texts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus.make(tmp_path_factory.mktemp("dask") / "corpus")


@pytest.fixture(scope="module")
def local_db(corpus, tmp_path_factory, nlp):
    """The reference: the corpus ingested in this one process."""
    path = str(tmp_path_factory.mktemp("local") / "local.db")
    summary = ingest(open_db(path), [corpus], nlp=nlp, processes=1)
    assert (summary.written, summary.errors) == (DOCUMENTS, [])
    return path


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=":0") as local:
        yield local


def table_rows(path):
    """Every row of every table in rowid order, without the time of ingestion."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    found = {table: [{k: row[k] for k in row.keys() if k != "ingested_at"}
                     for row in conn.execute(f"select * from {table} order by rowid")]
             for table in TABLES}
    conn.close()
    return found


def assert_same_database(path, reference):
    got, want = table_rows(path), table_rows(reference)
    assert [len(got[t]) for t in TABLES] == [len(want[t]) for t in TABLES]
    assert len(want["documents"]) == DOCUMENTS and len(want["quotes"]) > 150
    for table in TABLES:
        assert got[table] == want[table], table


def test_ingest_on_the_cluster_writes_the_local_database(corpus, local_db, cluster, tmp_path):
    path = str(tmp_path / "cluster.db")
    result = CliRunner().invoke(cli, ["ingest", path, corpus, "--dask", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert f"{DOCUMENTS} documents written, 0 unchanged" in result.stderr
    assert_same_database(path, local_db)

    # Unchanged: nothing is sent to the cluster (a dead address is never contacted).
    again = CliRunner().invoke(cli, ["ingest", path, corpus, "--dask", "tcp://127.0.0.1:1"])
    assert again.exit_code == 0, again.output
    assert f"0 documents written, {DOCUMENTS} unchanged" in again.stderr


def test_a_worker_killed_mid_run_changes_nothing(corpus, local_db, cluster, tmp_path):
    with Client(cluster) as client:
        victim = next(iter(client.run(os.getpid).values()))
    path = str(tmp_path / "killed.db")
    summary = Summary()
    killed_at = []

    def kill_when_started():
        while summary.written < 4:
            time.sleep(0.01)
        killed_at.append(summary.written)
        os.kill(victim, signal.SIGKILL)

    killer = threading.Thread(target=kill_when_started, daemon=True)
    killer.start()
    ingest(open_db(path), [corpus], dask=cluster.scheduler_address, batch_size=2, summary=summary)
    killer.join(timeout=5)
    assert killed_at and killed_at[0] < DOCUMENTS - 10  # it died with work in flight
    with Client(cluster) as client:
        assert victim not in client.run(os.getpid).values()  # a new worker took its place
    assert (summary.written, summary.errors) == (DOCUMENTS, [])
    assert_same_database(path, local_db)


def test_parquet_partitions_load_into_the_local_database(corpus, local_db, cluster, tmp_path):
    output = str(tmp_path / "parts")
    parts = list(write_partitions(read_documents([corpus], keys=True), output, cluster.scheduler_address,
                                  partition_size=10))
    assert [part.documents for part in parts] == [10, 10, 10, 10, 10, 3]
    assert len(os.listdir(os.path.join(output, "quotes"))) == 6

    path = str(tmp_path / "parquet.db")
    result = CliRunner().invoke(cli, ["ingest", path, output])
    assert result.exit_code == 0, result.output
    assert f"{DOCUMENTS} documents written" in result.stderr
    assert_same_database(path, local_db)
    again = CliRunner().invoke(cli, ["ingest", path, output])  # idempotent
    assert f"0 documents written, {DOCUMENTS} unchanged" in again.stderr
    assert_same_database(path, local_db)

    refused = CliRunner().invoke(cli, ["extract", corpus, "--output", output])
    assert refused.exit_code == 1
    assert refused.stderr == f"error: {output}: holds a finished extract already; give a new folder\n"


def test_extract_on_a_local_cluster_prints_what_a_local_run_prints(tmp_path):
    local = CliRunner().invoke(cli, ["extract", SEED, "--format", "jsonl"])
    assert local.exit_code == 0, local.output
    on_cluster = CliRunner().invoke(cli, ["extract", SEED, "--format", "jsonl", "--dask", "local:2"])
    assert on_cluster.exit_code == 0, on_cluster.output
    assert on_cluster.stdout == local.stdout and local.stdout.count("\n") == 14

    output = str(tmp_path / "seed-parts")
    written = CliRunner().invoke(cli, ["extract", SEED, "--output", output])  # no cluster
    assert written.exit_code == 0, written.output
    assert "1 documents, 14 quotes written to" in written.stderr


def test_an_unreachable_scheduler_is_one_error_line(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    path = str(tmp_path / "q.db")
    result = CliRunner().invoke(cli, ["ingest", path, SEED, "--dask", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"), lines
    assert not os.path.exists(path)  # no database made for a cluster that is not there


def test_without_dask_the_option_names_the_extra(tmp_path):
    script = ("import sys; sys.modules['distributed'] = None\n"
              "from quotes.cli import cli\n"
              f"cli(['ingest', {str(tmp_path / 'q.db')!r}, {SEED!r}, '--dask', 'local:2'])\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip() == ("error: --dask needs Dask (distributed is not installed): "
                                   "pip install 'quotes-tracker[dask]'")


def test_a_bad_local_address_is_refused():
    with pytest.raises(ClusterError, match="local:N"):
        list(extract_documents([Document(id="a", text="A text.")], "local:two"))
