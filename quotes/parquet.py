"""Extraction results as a folder of Parquet files, for corpora too big for one SQLite
writer: `quotes extract --output DIR` writes it (each partition by the worker that made
it), `quotes ingest DB DIR` loads it, exactly as if the documents had been ingested.

    DIR/quotes-output.json            what wrote it (engine version, model)
    DIR/documents/part-000000.parquet one row a document: metadata, text, notes
    DIR/quotes/part-000000.parquet    one row a quote record, `position` its document's row
    DIR/speakers/part-000000.parquet  one row a speaker, `position` its document's row

A partition's documents file is written last, and each file is written whole under a
temporary name first: a partition whose documents file is there is complete, so a partition
a killed worker left half-done is simply written again by the worker that takes it over.
"""

from __future__ import annotations

from dataclasses import replace

import glob
import json
import os
from typing import Iterable, Iterator

from .model import ENGINE_VERSION, Document, Quote, Result, Speaker

MANIFEST = "quotes-output.json"
FORMAT = "quotes-parquet/1"
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
            ("addressee", text), ("method", text), ("confidence", pa.float64()),
            ("spans", pa.list_(pa.list_(number))), ("statement", number)]),
        "speakers": pa.schema([
            ("position", number), ("name", text), ("kind", text), ("role", text),
            ("affiliation", text), ("aliases", pa.list_(text)), ("gender", text),
            ("gender_evidence", pa.list_(pa.struct([("kind", text), ("word", text), ("count", number)])))]),
    }


def start_output(folder: str, model: str | None) -> None:
    """Make `folder` an output folder: new, or empty (never mixed with other files)."""
    _schemas()  # pyarrow is there, before anything is parsed
    if os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
        raise ParquetError(f"{folder}: already exists and is not an empty folder; give a new one")
    for table in TABLES:
        os.makedirs(os.path.join(folder, table), exist_ok=True)
    with open(os.path.join(folder, MANIFEST), "w", encoding="utf-8") as handle:
        json.dump({"format": FORMAT, "engine_version": ENGINE_VERSION, "model": model}, handle)


def write_partition(folder: str, index: int, results: list[Result]) -> None:
    """Write the results of partition `index` (three files, the documents file last)."""
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
        pq.write_table(pa.Table.from_pylist(rows[table], schema=schemas[table]), temporary)
        os.replace(temporary, path)


def _part(folder: str, table: str, index: int) -> str:
    return os.path.join(folder, table, f"part-{index:06d}.parquet")


def is_output(path: str) -> bool:
    """Whether `path` is a folder `quotes extract --output` wrote."""
    return os.path.isfile(os.path.join(path, MANIFEST))


def read_results(folder: str) -> Iterator[Result]:
    """The Results of an output folder, partition by partition, in the order extracted."""
    import pyarrow.parquet as pq

    _schemas()
    for path in sorted(glob.glob(os.path.join(folder, "documents", "part-*.parquet"))):
        name = os.path.basename(path)
        tables = {table: pq.read_table(os.path.join(folder, table, name)).to_pylist()
                  for table in TABLES}
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
        yield from results


def load_outputs(db, paths: Iterable[str], summary, force: bool = False) -> list[str]:
    """Load every output folder among `paths` into `db`, as an ingest of the same documents
    would (unchanged documents skipped unless `force`); return the other paths.

    Args:
        summary: the ingest's Summary, counted in as documents are read and written.
    """
    from .read.base import first_line
    from .store import current_documents, save_result

    rest = []
    for path in paths:
        if not is_output(path):
            rest.append(path)
            continue
        version = _manifest(path).get("engine_version")
        if version != ENGINE_VERSION:
            summary.error(f"{path}: extracted by engine version {version}, this is "
                          f"{ENGINE_VERSION}; extract it again")
            continue
        stored = set() if force else current_documents(db)
        try:
            for result in read_results(path):
                summary.read += 1
                if (result.document.id, result.document.hash) in stored:
                    summary.unchanged += 1
                    continue
                if result.document.title is None:  # as ingest stores it: its first line as title
                    result.document = replace(result.document, title=first_line(result.document.text))
                quotes = save_result(db, result)  # one transaction: all of it or nothing
                summary.quotes += quotes
                summary.written += 1
                where = result.document.path or result.document.id
                for note in result.notes:
                    summary.note(f"{where}: {note}")
        except (OSError, ValueError, KeyError, IndexError) as error:
            summary.error(f"{path}: not a readable output folder ({error})")
    return rest


def _manifest(folder: str) -> dict:
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}
