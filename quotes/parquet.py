"""Extraction results as a folder of Parquet files, for corpora too big for one SQLite
writer: `quotes extract --output DIR` writes it (each partition by the worker that made
it), `quotes ingest DB DIR` loads it, exactly as if the documents had been ingested.

    DIR/quotes-output.json            the manifest: what wrote it, each partition, complete or not
    DIR/documents/part-000000.parquet one row a document: metadata, text, notes
    DIR/quotes/part-000000.parquet    one row a quote record, `position` its document's row
    DIR/speakers/part-000000.parquet  one row a speaker, `position` its document's row

Each file is written whole under a temporary name first, so a partition a killed worker
left half-done is simply written again by the worker that takes it over. The manifest lists
each partition once it is written (its rows in each table, and a fingerprint of the
documents it holds), and says when the whole extract is done: a load checks every
partition against it and names what is missing or damaged, and an extract that was stopped
goes on in its own folder, from the first partition it had not written.
"""

from __future__ import annotations

from dataclasses import replace

import contextlib
import errno
import glob
import hashlib
import json
import os
from typing import Iterable, Iterator

from .model import ENGINE_VERSION, Document, Quote, Result, Speaker

MANIFEST = "quotes-output.json"
FORMAT_NAME = "quotes-parquet"
FORMAT_VERSION = 2
FORMAT = f"{FORMAT_NAME}/{FORMAT_VERSION}"
TABLES = ("quotes", "speakers", "documents")  # in the order a partition is written
EXTRA = "pip install 'quotes-tracker[dask]'"

DOCUMENT_FIELDS = ("id", "text", "title", "url", "published", "source", "path", "author")


class ParquetError(ValueError):
    """An output folder that cannot be written or read; the message is one line."""


def _schemas() -> dict:
    try:
        import pyarrow as pa
    except ImportError:
        raise ParquetError(f"Parquet needs pyarrow: {EXTRA}") from None
    text, number = pa.string(), pa.int64()
    return {
        "documents": pa.schema([("position", number)] + [(name, text) for name in DOCUMENT_FIELDS]
                               + [("notes", pa.list_(text))]),
        "quotes": pa.schema([
            ("position", number), ("document_id", text), ("start", number), ("end", number),
            ("text", text), ("type", text), ("cue", text), ("cue_start", number),
            ("cue_end", number), ("speaker", text), ("speaker_mention", text),
            ("speaker_start", number), ("speaker_end", number), ("speaker_kind", text),
            ("addressee", text), ("method", text), ("sieve", text), ("resolver", text), ("evidence", text),
            ("confidence", pa.float64()),
            ("spans", pa.list_(pa.list_(number))), ("statement", number)]),
        "speakers": pa.schema([
            ("position", number), ("name", text), ("kind", text), ("role", text),
            ("affiliation", text), ("aliases", pa.list_(text)), ("gender", text),
            ("gender_evidence", pa.list_(pa.struct([("kind", text), ("word", text), ("count", number)])))]),
    }


class Output:
    """An output folder being written, and its manifest."""

    def __init__(self, folder: str, manifest: dict):
        self.folder = folder
        self.manifest = manifest

    @classmethod
    def start(cls, folder: str, model: str | None, partition_size: int) -> "Output":
        """A new output folder (`folder` new or empty), or the unfinished one an earlier
        extract of the same engine, model and partition size left there, to go on with."""
        _schemas()  # pyarrow is there, before anything is parsed
        wanted = {"format": FORMAT, "engine_version": ENGINE_VERSION, "model": model,
                  "partition_size": partition_size}
        if os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
            if not is_output(folder):
                raise ParquetError(f"{folder}: already exists and is not an empty folder; give a new one")
            manifest = read_manifest(folder)
            if manifest.get("complete"):
                raise ParquetError(f"{folder}: holds a finished extract already; give a new folder")
            for key, value in wanted.items():
                if manifest.get(key) != value:
                    raise ParquetError(f"{folder}: an unfinished extract with another "
                                       f"{key.replace('_', ' ')} ({manifest.get(key)!r}, now "
                                       f"{value!r}); give a new folder")
            return cls(folder, manifest)
        try:
            for table in TABLES:
                os.makedirs(os.path.join(folder, table), exist_ok=True)
        except OSError as error:
            raise ParquetError(f"{folder}: cannot make this folder ({error.strerror})") from None
        output = cls(folder, {**wanted, "complete": False, "partitions": []})
        output._save()
        return output

    @property
    def partitions(self) -> list[dict]:
        return self.manifest["partitions"]

    def written(self, index: int, documents: list[Document]) -> dict | None:
        """The record of partition `index` when an earlier run wrote it whole from these
        same documents, or None when it is to be written.

        Raises:
            ParquetError: an earlier run wrote it from other documents.
        """
        if index >= len(self.partitions):
            return None
        record = self.partitions[index]
        if record.get("fingerprint") != fingerprint(documents):
            raise ParquetError(f"{self.folder}: partition {index} was extracted from other documents "
                               f"than these (other files, or files changed since); give a new folder")
        if not all(os.path.isfile(_part(self.folder, table, index)) for table in TABLES):
            return None  # a file went missing since: written again
        return record

    def record(self, index: int, documents: list[Document], rows: dict[str, int]) -> None:
        """Partition `index`, written from `documents` with `rows` rows in each table."""
        entry = {"index": index, "fingerprint": fingerprint(documents), "rows": rows}
        if index < len(self.partitions):
            self.partitions[index] = entry
        elif index == len(self.partitions):
            self.partitions.append(entry)
        else:
            raise ValueError(f"partition {index} recorded before partition {len(self.partitions)}")
        self._save()

    def finish(self) -> None:
        self.manifest["complete"] = True
        self._save()

    def _save(self) -> None:
        """The manifest, replaced whole (never half-written)."""
        path = os.path.join(self.folder, MANIFEST)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump(self.manifest, handle, indent=1)
            os.replace(temporary, path)
        except OSError as error:
            raise ParquetError(f"{path}: cannot write ({error.strerror})") from None


def fingerprint(documents: list[Document]) -> str:
    """What a partition was made from: every field of every document, in order."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(json.dumps([getattr(document, name) for name in DOCUMENT_FIELDS],
                                 ensure_ascii=False).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()


def write_partition(folder: str, index: int, results: list[Result]) -> dict[str, int]:
    """Write the results of partition `index` (three files, the documents file last);
    returns the rows written to each table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[dict]] = {"documents": [], "quotes": [], "speakers": []}
    for position, result in enumerate(results):
        document = result.document
        rows["documents"].append({"position": position, "notes": list(result.notes),
                                  **{name: getattr(document, name) for name in DOCUMENT_FIELDS}})
        for quote in result.quotes:
            row = {"position": position, **quote.as_dict()}
            row["spans"] = [list(span) for span in quote.spans]
            rows["quotes"].append(row)
        for speaker in result.speakers:
            rows["speakers"].append({"position": position, "name": speaker.name,
                                     "kind": speaker.kind, "role": speaker.role,
                                     "affiliation": speaker.affiliation,
                                     "aliases": list(speaker.aliases), "gender": speaker.gender,
                                     "gender_evidence": [{"kind": k, "word": w, "count": n}
                                                         for k, w, n in speaker.gender_evidence]})
    schemas = _schemas()
    for table in TABLES:
        path = _part(folder, table, index)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            pq.write_table(pa.Table.from_pylist(rows[table], schema=schemas[table]), temporary)
            os.replace(temporary, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.remove(temporary)
            full = getattr(error, "errno", None) == errno.ENOSPC or "No space left" in str(error)
            problem = "the disk is full" if full else f"cannot write ({str(error).splitlines()[0]})"
            raise ParquetError(f"{folder}: partition {index}: {problem}; the partitions before it "
                               f"stay") from None
    return {table: len(rows[table]) for table in TABLES}


def _part(folder: str, table: str, index: int) -> str:
    return os.path.join(folder, table, f"part-{index:06d}.parquet")


def is_output(path: str) -> bool:
    """Whether `path` is a folder `quotes extract --output` wrote (its manifest, or at least
    its partitions, are there)."""
    return os.path.isfile(os.path.join(path, MANIFEST)) or bool(
        os.path.isdir(path) and glob.glob(os.path.join(path, "documents", "part-*.parquet")))


def read_manifest(folder: str) -> dict:
    """The manifest of an output folder, checked: a format this version reads, and every
    partition listed with its rows.

    Raises:
        ParquetError: no manifest, not JSON, another format, a list that does not add up.
    """
    path = os.path.join(folder, MANIFEST)
    try:
        with open(path, encoding="utf-8") as handle:
            manifest = json.load(handle)
    except FileNotFoundError:
        raise ParquetError(f"{folder}: an output folder without its manifest {MANIFEST}; "
                           f"extract it again") from None
    except OSError as error:
        raise ParquetError(f"{path}: cannot read ({error.strerror})") from None
    except ValueError as error:
        raise ParquetError(f"{path}: not valid JSON ({error}); extract the folder again") from None
    if not isinstance(manifest, dict):
        raise ParquetError(f"{path}: not a manifest (a JSON object); extract the folder again")
    written = manifest.get("format")
    name, _, number = str(written).partition("/")
    if written != FORMAT:
        if name == FORMAT_NAME and number.isdigit() and int(number) > FORMAT_VERSION:
            raise ParquetError(f"{folder}: written by a newer quotes (format {written}; this one "
                               f"reads {FORMAT}); upgrade quotes to load it")
        raise ParquetError(f"{folder}: not a format this quotes reads (format {written!r}, not "
                           f"{FORMAT}); extract it again")
    partitions = manifest.get("partitions")
    if not isinstance(partitions, list) or not all(
            isinstance(entry, dict) and entry.get("index") == index
            and isinstance(entry.get("rows"), dict)
            and all(isinstance(entry["rows"].get(table), int) for table in TABLES)
            for index, entry in enumerate(partitions)):
        raise ParquetError(f"{path}: its list of partitions is damaged; extract the folder again")
    return manifest


def read_partition(folder: str, record: dict) -> list[Result]:
    """The Results of one partition the manifest lists, in the order extracted.

    Raises:
        ParquetError: a file of the partition is missing, unreadable, or holds other rows
            than the manifest says.
    """
    import pyarrow.parquet as pq

    _schemas()
    index = record["index"]
    tables: dict[str, list[dict]] = {}
    try:
        for table in TABLES:
            if not os.path.isfile(_part(folder, table, index)):
                raise ParquetError(f"{folder}: partition {index} is missing "
                                   f"({os.path.join(table, os.path.basename(_part(folder, table, index)))}); "
                                   f"its {record['rows']['documents']} documents are not loaded")
            tables[table] = pq.read_table(_part(folder, table, index)).to_pylist()
            if len(tables[table]) != record["rows"][table]:
                raise ValueError(f"{table}/part-{index:06d}.parquet holds {len(tables[table])} "
                                 f"rows, not {record['rows'][table]}")
        results = [Result(Document(**{key: row[key] for key in DOCUMENT_FIELDS}), [], [],
                          list(row["notes"] or [])) for row in tables["documents"]]
        for row in tables["quotes"]:
            position = row.pop("position")
            row["spans"] = tuple(tuple(span) for span in row["spans"] or ())
            results[position].quotes.append(Quote(**row))
        for row in tables["speakers"]:
            position = row.pop("position")
            row["aliases"] = tuple(row["aliases"] or ())
            row["gender_evidence"] = tuple((e["kind"], e["word"], e["count"]) for e in row.get("gender_evidence") or ())
            results[position].speakers.append(Speaker(**row))
    except ParquetError:
        raise
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        raise ParquetError(f"{folder}: partition {index} is damaged ({error}); its "
                           f"{record['rows']['documents']} documents are not loaded") from None
    return results


def read_results(folder: str) -> Iterator[Result]:
    """The Results of a complete output folder, partition by partition, in the order
    extracted (ParquetError for what is missing or damaged)."""
    manifest = read_manifest(folder)
    for record in manifest["partitions"]:
        yield from read_partition(folder, record)
    if not manifest.get("complete"):
        raise ParquetError(_unfinished(folder, manifest))


def _unfinished(folder: str, manifest: dict) -> str:
    partitions = manifest["partitions"]
    documents = sum(record["rows"]["documents"] for record in partitions)
    return (f"{folder}: an unfinished extract ({len(partitions)} partitions, {documents} documents "
            f"so far); run the quotes extract that wrote it again to finish it, then load it again")


def load_outputs(db, paths: Iterable[str], summary, force: bool = False) -> list[str]:
    """Load every output folder among `paths` into `db`, as an ingest of the same documents
    would (unchanged documents skipped unless `force`); return the other paths. A partition
    that is missing or damaged, and an unfinished folder, is an error naming what was not
    loaded; the rest is loaded.

    Args:
        summary: the ingest's Summary, counted in as documents are read and written.
    """
    from .read.base import first_line
    from .signals import held
    from .store import current_documents, save_result

    rest = []
    for path in paths:
        if not is_output(path):
            rest.append(path)
            continue
        try:
            manifest = read_manifest(path)
        except ParquetError as error:
            summary.error(str(error))
            continue
        version = manifest.get("engine_version")
        if version != ENGINE_VERSION:
            summary.error(f"{path}: extracted by engine version {version}, this is "
                          f"{ENGINE_VERSION}; extract it again")
            continue
        stored = set() if force else current_documents(db)
        for record in manifest["partitions"]:
            try:
                results = read_partition(path, record)
            except ParquetError as error:
                summary.error(str(error))
                continue
            for result in results:
                summary.read += 1
                if (result.document.id, result.document.hash) in stored:
                    summary.unchanged += 1
                    continue
                if result.document.title is None:  # as ingest stores it: its first line as title
                    result.document = replace(result.document, title=first_line(result.document.text))
                with held():  # Ctrl-C, SIGTERM: counted exactly as committed
                    summary.quotes += save_result(db, result)  # one transaction: all of it or nothing
                    summary.written += 1
                    where = result.document.path or result.document.id
                    for note in result.notes:
                        summary.note(f"{where}: {note}")
        if not manifest.get("complete"):
            summary.error(_unfinished(path, manifest))
    return rest
