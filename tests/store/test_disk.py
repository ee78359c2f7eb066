"""A small disk, for real: a tmpfs mounted in a mount namespace of its own. The write-ahead
log is checkpointed and cut back as a run goes, so a database that fits the disk is
written whole; a disk too small says how much space going on needs, and the same command
run again once there is room finishes."""

import os
import sqlite3
import subprocess
import sys

import pytest

from quotes import parquet
from quotes.model import Document, Quote, Result, Speaker

from ..conftest import ROOT

QUOTES = f"{sys.executable} -c 'from quotes.cli import cli; cli()'"
N = 150  # documents of about 8,000 characters: a database of about 1.6 MB


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """An output folder (`quotes extract --output`) of N invented documents, two quotes each:
    loading it writes exactly what ingesting them would, without parsing."""
    folder = str(tmp_path_factory.mktemp("disk") / "parts")
    out = parquet.Output.start(folder, None, N)
    documents, results = [], []
    for i in range(N):
        said = f"\u201cThe harbour plan number {i} will be ready,\u201d Lena Ortiz said."
        body = " ".join(f"The council of Elmbrook met for the {k}th time on item {i}." for k in range(130))
        text = f"Harbour report {i}\n\n{said}\n\n{body}\n"
        document = Document(id=f"report{i}.txt", text=text, path=f"report{i}.txt")
        start = text.index("The harbour")
        quote = Quote(document_id=document.id, start=start, end=start + 37, text=text[start:start + 37],
                      type="direct", cue="said", speaker="Lena Ortiz", speaker_mention="Lena Ortiz",
                      method="syntax", confidence=0.9)
        documents.append(document)
        results.append(Result(document, [quote], [Speaker("Lena Ortiz", aliases=("Lena Ortiz",))]))
    out.record(0, documents, parquet.write_partition(folder, 0, results))
    out.finish()
    return folder


def on_small_disk(tmp_path, size, script):
    """Run the shell `script` with $DISK a tmpfs of `size` (e.g. 3m) that only it sees;
    returns its output. Root mounts in a mount namespace of its own, anyone else in a user
    namespace as well."""
    disk = tmp_path / "disk"
    disk.mkdir(exist_ok=True)
    body = f"mount -t tmpfs -o size={size} tmpfs {disk}\nDISK={disk}\nQ=\"{QUOTES}\"\n{script}"
    for unshare in (["unshare", "--mount", "--propagation", "private"],
                    ["unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"]):
        done = subprocess.run(unshare + ["sh", "-c", body], capture_output=True, text=True,
                              timeout=240, env={**os.environ, "PYTHONPATH": ROOT})
        if "mount" not in done.stderr.split(":", 1)[0] and "unshare failed" not in done.stderr:
            return done
    pytest.fail(f"cannot mount a small tmpfs here (unshare: {done.stderr.strip()})")


def documents_in(path):
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        return conn.execute("select count(*) from documents").fetchone()[0]
    finally:
        conn.close()


def test_a_database_that_fits_the_disk_is_written_whole(output, tmp_path):
    """F29: SQLite copied its log into the database only every 1,000 pages (4 MB), so on a
    3 MB disk the log alone filled it after 37 documents, and every run after wrote none."""
    done = on_small_disk(tmp_path, "3m", f"""
        eval $Q ingest $DISK/q.db {output} --silent; echo "rc=$?"
        ls -l $DISK; cp $DISK/q.db {tmp_path}/q.db
    """)
    assert "rc=0" in done.stdout, done.stdout + done.stderr
    assert documents_in(tmp_path / "q.db") == N


def test_a_disk_too_small_says_what_it_needs_and_a_rerun_with_room_finishes(output, tmp_path):
    done = on_small_disk(tmp_path, "1m", f"""
        eval $Q ingest $DISK/q.db {output}; echo "rc=$?"
        eval $Q ingest $DISK/q.db {output}; echo "again rc=$?"
        mount -o remount,size=4m $DISK
        eval $Q ingest $DISK/q.db {output}; echo "with room rc=$?"
        cp $DISK/q.db {tmp_path}/q.db
    """)
    out = done.stdout + done.stderr
    assert "rc=1" in done.stdout and "again rc=1" in done.stdout and "with room rc=0" in done.stdout, out
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, out
    for error in errors:
        assert "the disk is full" in error and " free there, at least " in error, error
        assert error.endswith(" needed to go on"), error
    stopped = [line for line in done.stderr.splitlines() if line.startswith("stopped after ")]
    first = int(stopped[0].split()[2])
    assert 0 < first < N
    last = done.stderr.splitlines()[-1]
    assert last.startswith(f"{N - first - int(stopped[1].split()[2])} documents written, "), out
    assert documents_in(tmp_path / "q.db") == N


def test_a_full_disk_under_extract_output_is_one_line_and_the_same_command_goes_on(tmp_path):
    """A partition the disk refused was an OSError traceback."""
    seeds = os.path.join(ROOT, "seeds")
    done = on_small_disk(tmp_path, "8k", f"""
        eval $Q extract {seeds} --output $DISK/out; echo "rc=$?"
        mount -o remount,size=1m $DISK
        eval $Q extract {seeds} --output $DISK/out; echo "with room rc=$?"
    """)
    assert "rc=1" in done.stdout and "with room rc=0" in done.stdout, done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        f"error: {tmp_path / 'disk' / 'out'}: partition 0: the disk is full; the partitions before it stay",
        f"1 documents, 14 quotes written to {tmp_path / 'disk' / 'out'}"]
