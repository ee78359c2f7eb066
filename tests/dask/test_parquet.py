"""Parquet output folders that are not whole: the manifest lists every partition and says
when the extract finished, so a load names what is missing or damaged (and loads the
rest), an interrupted `extract --output` goes on in its own folder, and a manifest that
cannot be read, or comes from another format, gets a message that says so."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from quotes import parquet
from quotes.cli import cli
from quotes.distributed import write_partitions
from quotes.read import read_documents

from .test_cluster import DOCUMENTS, assert_same_database, corpus, local_db  # noqa: F401 (fixtures)

QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]


@pytest.fixture(scope="module")
def folder(corpus, tmp_path_factory, nlp):  # noqa: F811
    """The corpus extracted in this process, 10 documents a partition (6 partitions)."""
    output = str(tmp_path_factory.mktemp("parquet") / "parts")
    parts = list(write_partitions(read_documents([corpus], keys=True), output, partition_size=10))
    assert [part.documents for part in parts] == [10, 10, 10, 10, 10, 3]
    return output


def copy(folder, tmp_path, name="copy"):
    target = str(tmp_path / name)
    shutil.copytree(folder, target)
    return target


def ingest(tmp_path, *paths):
    db = str(tmp_path / "q.db")
    return db, CliRunner().invoke(cli, ["ingest", db, *paths])


def errors(result):
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_the_manifest_lists_every_partition_and_marks_the_end(folder):
    manifest = parquet.read_manifest(folder)
    assert manifest["complete"] is True and manifest["format"] == "quotes-parquet/2"
    assert [p["index"] for p in manifest["partitions"]] == list(range(6))
    assert sum(p["rows"]["documents"] for p in manifest["partitions"]) == DOCUMENTS
    assert all(p["rows"]["quotes"] > 0 and len(p["fingerprint"]) == 64 for p in manifest["partitions"])


def test_a_whole_folder_loads_as_the_documents_would_ingest(folder, local_db, tmp_path):  # noqa: F811
    db, result = ingest(tmp_path, folder)
    assert result.exit_code == 0, result.output
    assert_same_database(db, local_db)


def test_a_missing_partition_is_named_and_the_rest_loaded(folder, tmp_path):
    """F30: with a partition's files deleted, 700 of 1,200 documents loaded with exit code 0."""
    damaged = copy(folder, tmp_path)
    for table in parquet.TABLES:
        os.remove(os.path.join(damaged, table, "part-000001.parquet"))
    os.remove(os.path.join(damaged, "documents", "part-000003.parquet"))  # only its documents
    db, result = ingest(tmp_path, damaged)
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: {damaged}: partition 1 is missing (quotes/part-000001.parquet); its 10 documents "
        f"are not loaded",
        f"error: {damaged}: partition 3 is missing (documents/part-000003.parquet); its 10 "
        f"documents are not loaded"]
    assert f"{DOCUMENTS - 20} documents written" in result.stderr


def test_rows_removed_from_a_partition_are_named(folder, tmp_path):
    import pyarrow.parquet as pq

    damaged = copy(folder, tmp_path)
    path = os.path.join(damaged, "quotes", "part-000002.parquet")
    table = pq.read_table(path)
    pq.write_table(table.slice(0, table.num_rows - 3), path)
    db, result = ingest(tmp_path, damaged)
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: {damaged}: partition 2 is damaged (quotes/part-000002.parquet holds "
        f"{table.num_rows - 3} rows, not {table.num_rows}); its 10 documents are not loaded"]


def test_an_interrupted_extract_loads_what_it_wrote_says_so_and_goes_on(corpus, folder, local_db,  # noqa: F811
                                                                      tmp_path):
    output = str(tmp_path / "parts")
    parts = write_partitions(read_documents([corpus], keys=True), output, partition_size=10)
    assert [next(parts).documents, next(parts).documents] == [10, 10]
    parts.close()  # stopped: two partitions written

    db, result = ingest(tmp_path, output)
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: {output}: an unfinished extract (2 partitions, 20 documents so far); run the "
        f"quotes extract that wrote it again to finish it, then load it again"]
    assert "20 documents written" in result.stderr

    again = list(write_partitions(read_documents([corpus], keys=True), output, partition_size=10))
    assert [(part.documents, part.kept) for part in again] == [(10, True)] * 2 + [(10, False)] * 3 + [(3, False)]
    assert parquet.read_manifest(output) == parquet.read_manifest(folder) | {"complete": True}
    done = CliRunner().invoke(cli, ["ingest", db, output])
    assert done.exit_code == 0, done.output
    assert f"{DOCUMENTS - 20} documents written, 20 unchanged" in done.stderr
    assert_same_database(db, local_db)


def test_an_unfinished_folder_is_not_gone_on_with_other_documents(corpus, tmp_path):  # noqa: F811
    output = str(tmp_path / "parts")
    parts = write_partitions(read_documents([corpus], keys=True), output, partition_size=10)
    next(parts)
    parts.close()
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text('"We will build it," Lena Ortiz said on Monday.\n', encoding="utf-8")
    with pytest.raises(parquet.ParquetError, match="partition 0 was extracted from other documents"):
        list(write_partitions(read_documents([str(other)], keys=True), output, partition_size=10))


def test_ctrl_c_then_the_same_extract_command_goes_on_in_its_folder(corpus, local_db, tmp_path):  # noqa: F811
    """F30: the same command refused the folder it had left ('already exists and is not an
    empty folder'), so an interrupted extract could only start again elsewhere."""
    output = str(tmp_path / "parts")
    command = QUOTES + ["extract", corpus, "--output", output]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while not os.path.exists(os.path.join(output, parquet.MANIFEST)):
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)  # before its one partition is written
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and stderr.splitlines()[-1] == "interrupted", stderr
    assert parquet.read_manifest(output)["complete"] is False

    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines()[-1].startswith(f"{DOCUMENTS} documents, ")
    db, result = ingest(tmp_path, output)
    assert result.exit_code == 0, result.output
    assert_same_database(db, local_db)


@pytest.mark.parametrize("change, message", [
    (lambda m: m | {"format": "quotes-parquet/9"},
     "written by a newer quotes (format quotes-parquet/9; this one reads quotes-parquet/2); "
     "upgrade quotes to load it"),
    (lambda m: m | {"format": "something-else"},
     "not a format this quotes reads (format 'something-else', not quotes-parquet/2); extract it again"),
    (lambda m: m | {"engine_version": "7"}, "extracted by engine version 7, this is"),
    (lambda m: m | {"partitions": m["partitions"][1:]},
     "quotes-output.json: its list of partitions is damaged; extract the folder again"),
    ("{not json", "quotes-output.json: not valid JSON (Expecting property name enclosed in double "
                  "quotes: line 1 column 2 (char 1)); extract the folder again"),
    (None, "an output folder without its manifest quotes-output.json; extract it again"),
], ids=["newer format", "other format", "other engine", "partitions", "not JSON", "deleted"])
def test_a_manifest_that_cannot_be_trusted_gets_a_true_message(change, message, folder, tmp_path):
    """F36: a format 9 manifest loaded with exit code 0; invalid JSON said 'extracted by
    engine version None'; a deleted manifest said 'no file to read in this folder'."""
    damaged = copy(folder, tmp_path)
    path = os.path.join(damaged, parquet.MANIFEST)
    if change is None:
        os.remove(path)
    elif isinstance(change, str):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(change)
    else:
        manifest = json.load(open(path, encoding="utf-8"))
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(change(manifest), handle)
    db, result = ingest(tmp_path, damaged)
    assert result.exit_code == 1
    assert len(errors(result)) == 1 and message in errors(result)[0], result.stderr
    assert "0 documents written" in result.stderr


def test_an_output_folder_that_cannot_be_made_is_one_error_line(tmp_path):
    """F35: `--output /proc/nope` gave a FileNotFoundError traceback."""
    text = tmp_path / "a.txt"
    text.write_text('"We will build it," Lena Ortiz said.\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(text), "--output", "/proc/nope"])
    assert result.exit_code == 1
    assert result.stderr == "error: /proc/nope: cannot make this folder (No such file or directory)\n"
