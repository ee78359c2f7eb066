"""What a Dask worker runs: parse and analyse a batch with the model it loaded once, and
send back only the records, or write them as Parquet itself. Plain functions of plain data,
so any worker with `quotes` installed can run them; nothing here imports Dask.
"""

from __future__ import annotations

from ..model import Document


def analyse_batch(batch: list[Document], model: str | None) -> list[tuple]:
    """Parse and analyse one batch. For each document: (the document as the engine read
    it when that differs from the one sent, else None; quotes; speakers; notes)."""
    return [(result.document if result.document is not document else None,
             result.quotes, result.speakers, result.notes)
            for document, result in zip(batch, _analyse(batch, model))]


def extract_partition(numbered: tuple[int, list[Document]], model: str | None, output: str,
                      batch_size: int) -> tuple[int, int, list[str], dict[str, int]]:
    """Parse and analyse a partition and write it under `output` (quotes/parquet.py).
    Returns (documents, quotes, notes naming their document, rows written to each table)."""
    from .. import parquet

    index, documents = numbered
    results = []
    for start in range(0, len(documents), batch_size):
        results.extend(_analyse(documents[start:start + batch_size], model))
    rows = parquet.write_partition(output, index, results)
    notes = [f"{r.document.path or r.document.id}: {note}" for r in results for note in r.notes]
    return len(results), sum(len(r.quotes) for r in results), notes, rows


def _analyse(batch: list[Document], model: str | None):
    """The engine's Results, exactly as a local run makes them (engine/workers.py)."""
    from ..engine.analyse import analyse
    from ..engine.nlp import load, parse_text
    from ..engine.pipeline import _encodable

    nlp = load(model)  # cached: loaded once in each worker process
    documents = [_encodable(document) for document in batch]
    docs = nlp.pipe([parse_text(document.text) for document in documents],
                    batch_size=len(documents))
    return [analyse(document, doc) for document, doc in zip(documents, docs)]
