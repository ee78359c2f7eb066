"""A format is one Reader in one list: folders, standard input, messages, counting and the
help all follow the registry."""

import io

import pytest

from click.testing import CliRunner

from quotes.cli import cli
from quotes.ingest import count_documents
from quotes.model import Document
from quotes.read import READERS, Fields, Reader, read_documents, read_path, registry
from quotes.read.base import read_whole


def _read_tabbed(stream, where, fields, notes):
    """A toy format: one document a line, `id<TAB>text`."""
    data = read_whole(stream, where)
    for line in data.decode().splitlines():
        doc_id, text = line.split("\t", 1)
        yield Document(id=doc_id, text=text, path=where)


TABBED = Reader(name="tabbed", suffixes=(".tab",), sniff=lambda head, fields: head.startswith(b"TAB\t"),
                read=_read_tabbed, count=lambda path: 2, whole=True, documents="one a line",
                example="TAB\tfirst\nb\tsecond\n")


def test_every_format_is_one_entry_of_the_registry():
    assert [r.name for r in READERS] == ["text", "html", "jsonl", "csv"]
    assert registry.reader_for("a.JSONL.gz").name == "jsonl" and registry.reader_for("notes").name == "text"


def test_a_new_reader_is_one_line_in_the_registry(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "READERS", READERS + (TABBED,))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.tab").write_text("TAB\tfirst\nb\tsecond\n")
    (tmp_path / "in" / "skipped.xyz").write_text("not read")
    docs = list(read_documents([str(tmp_path / "in")]))
    assert [(d.id, d.text) for d in docs] == [("TAB", "first"), ("b", "second")]
    assert count_documents([str(tmp_path / "in")]) == 2
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"TAB\tfrom stdin\n")))
    assert [d.text for d in read_path("-", [])] == ["from stdin"]
    (tmp_path / "empty").mkdir()
    (error,) = read_documents([str(tmp_path / "empty")])
    assert error.problem.endswith(".csv, .tab, or .gz of them)")


def test_the_extract_help_names_every_format():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    for reader in READERS:
        assert reader.name in result.output and reader.suffixes[0] in result.output


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_every_reader_reads_its_own_example_from_a_file_and_from_stdin(tmp_path, monkeypatch, reader):
    assert reader.suffixes and all(s.startswith(".") for s in reader.suffixes) and reader.documents
    path = tmp_path / ("example" + reader.suffixes[0])
    path.write_text(reader.example, encoding="utf-8")
    notes = []
    docs = list(read_documents([str(tmp_path)], notes=notes))
    assert docs and all(isinstance(d, Document) and ("Ortiz" in d.text or "Renner" in d.text) for d in docs), docs
    assert notes == []
    assert registry.reader_for(path.name) is reader
    head = reader.example.encode("utf-8")
    assert registry.sniff(head, Fields()) is reader
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(head)))
    assert [d.text for d in read_path("-", [])] == [d.text for d in docs]
