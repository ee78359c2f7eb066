"""Load documents into the database: read, skip what is stored unchanged, extract, write
one transaction per document. Errors are collected, never fatal to the other documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from sqlite_utils import Database

from .pipeline import extract_documents
from .read import ReadError, read_documents
from .store import has_document, save_result


@dataclass
class Summary:
    read: int = 0
    unchanged: int = 0
    written: int = 0
    quotes: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.written} documents written, {self.unchanged} unchanged, "
                f"{self.quotes} quotes, {len(self.errors)} errors")


def ingest(db: Database, paths: Iterable[str], nlp=None, force: bool = False,
           progress: Callable[[int], None] | None = None) -> Summary:
    summary = Summary()

    def wanted():
        for item in read_documents(paths, summary.notes):
            if isinstance(item, ReadError):
                summary.errors.append(str(item))
                continue
            summary.read += 1
            if not force and has_document(db, item):
                summary.unchanged += 1
                if progress:
                    progress(1)
                continue
            yield item

    for result in extract_documents(wanted(), nlp=nlp):
        summary.quotes += save_result(db, result)
        summary.written += 1
        if progress:
            progress(1)
    return summary
