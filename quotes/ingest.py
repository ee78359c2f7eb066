"""Load documents into the database: read, skip what is stored unchanged, parse in
parallel, write one transaction per document as each result arrives. Errors and notes are
passed on as they happen (and counted), never fatal to the other documents.

Memory stays flat however many documents there are: documents are read one at a time,
the workers hold a few batches in flight, and nothing keeps the parsed documents, nor more
than the first KEPT errors and notes.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from sqlite_utils import Database

from .model import Document
from .parquet import load_outputs
from .engine.batches import BATCH_SIZE
from .engine.pipeline import extract_documents
from .engine.workers import Failed
from .read import Fields, ReadError, iter_paths, read_documents, registry
from .read.base import first_line
from .read.report import Sink
from .signals import held
from .store import current_documents, outdated_documents, save_result, stored_document


@dataclass
class Summary:
    read: int = 0
    unchanged: int = 0
    written: int = 0
    reprocessed: int = 0  # of `written`: stored documents extracted again (--reprocess-outdated)
    quotes: int = 0
    duplicates: int = 0  # documents whose text is stored under another key: not stored again
    errors: list[str] = field(default_factory=list)  # the first KEPT
    notes: list[str] = field(default_factory=list)  # the first KEPT
    error_count: int = 0
    note_count: int = 0
    on_error: Callable[[str], None] | None = field(default=None, repr=False)  # as it happens
    on_note: Callable[[str], None] | None = field(default=None, repr=False)

    KEPT = 1_000

    def error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < self.KEPT:
            self.errors.append(message)
        if self.on_error:
            self.on_error(message)

    def note(self, message: str) -> None:
        self.note_count += 1
        if len(self.notes) < self.KEPT:
            self.notes.append(message)
        if self.on_note:
            self.on_note(message)

    def line(self) -> str:
        again = f" ({self.reprocessed} re-processed)" if self.reprocessed else ""
        duplicates = f", {self.duplicates} duplicates" if self.duplicates else ""
        return (f"{self.written} documents written{again}, {self.unchanged} unchanged{duplicates}, "
                f"{self.quotes} quotes, {self.error_count} errors")


def default_processes() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ingest(db: Database, paths: Iterable[str] = (), nlp=None, force: bool = False,
           reprocess_outdated: bool = False, processes: int = 1, batch_size: int = BATCH_SIZE,
           progress: bool = False, summary: Summary | None = None,
           fields: Fields | None = None, dask: str | None = None, model: str | None = None) -> Summary:
    """Extract the documents of `paths` into `db`, and with `reprocess_outdated` the stored
    documents an older engine extracted, again from their stored text.

    Args:
        nlp: a loaded pipeline (default: the pipeline `model`, loaded only if something
            needs parsing; ModelError when it cannot be).
        force: parse documents even when stored unchanged by the current engine.
        processes: worker processes that parse and analyse (engine/workers.py: forked, each
            sends back only the records).
        progress: draw a progress bar on standard error (the caller decides it is a terminal).
        summary: the Summary to fill in; pass one to know how far a run got when it is
            interrupted, or to hear of errors and notes as they happen.
        fields: which JSONL key or CSV column holds what (default: `Fields()`).
        dask: a Dask scheduler address, or local:N: parse there (quotes/distributed),
            with the spaCy pipeline `model`, instead of in `processes` local processes.
    Returns:
        The summary: documents read, unchanged, written, quotes, errors and notes.
    """
    summary = summary if summary is not None else Summary()
    paths = load_outputs(db, paths, summary, force)  # Parquet folders: loaded; the rest below
    stored = set() if force else current_documents(db)
    outdated = outdated_documents(db) if reprocess_outdated else []
    redo_ids = {doc_id for doc_id, _ in outdated}
    redo_keys = {key for _, key in outdated}
    from_db: set[str] = set()
    # Which key holds each stored text: a text stored under another key is a duplicate.
    key_of = {doc_id: key for key, doc_id in stored} | {doc_id: key for doc_id, key in outdated}
    text_of = {key: doc_id for doc_id, key in key_of.items()}

    with _progress_bar(progress, lambda: _expected(paths, len(outdated))) as tick, \
            _messages_above_bar(progress, summary):
        def wanted() -> Iterator[Document]:
            for item in read_documents(paths, Sink(summary.note), fields, keys=True):
                if isinstance(item, ReadError):
                    summary.error(str(item))
                    tick(summary)
                    continue
                summary.read += 1
                doc_hash = item.hash
                if (item.id, doc_hash) in stored:
                    summary.unchanged += 1
                    tick(summary)
                    continue
                if _duplicate(item, doc_hash, key_of, text_of, summary):
                    tick(summary)
                    continue
                # Read again from its file: not to be re-processed from the database too.
                redo_ids.discard(doc_hash)
                redo_keys.discard(item.id)
                yield item
            for doc_id, key in outdated:
                if doc_id not in redo_ids or key not in redo_keys:
                    continue
                document = stored_document(db, doc_id)
                if document is not None:
                    from_db.add(doc_id)
                    yield document

        documents = wanted()
        first = next(documents, None)
        if first is None:  # nothing to parse: no model, no worker processes
            return summary
        if dask:
            from .distributed import extract_documents as on_cluster
            results = on_cluster(itertools.chain([first], documents), dask, batch_size, model)
        else:
            if nlp is None:  # loaded only now that something needs parsing
                from .engine.nlp import load
                nlp = load(model)
            results = extract_documents(itertools.chain([first], documents), nlp=nlp,
                                        batch_size=batch_size, n_process=processes)
        with contextlib.closing(results):  # workers stopped at once, whatever ends the loop
            for result in results:
                if isinstance(result, Failed):  # its worker died, twice
                    summary.error(f"{_where(result.document)}: {result.problem}")
                    tick(summary)
                    continue
                if result.document.title is None:  # stored with its first line as title, as a text file
                    result.document = replace(result.document, title=first_line(result.document.text))
                with held():  # Ctrl-C, SIGTERM: the summary counts exactly what was committed
                    summary.quotes += save_result(db, result)
                    summary.written += 1
                    for note in result.notes:
                        summary.note(f"{_where(result.document)}: {note}")
                    if from_db and result.document.hash in from_db:
                        summary.reprocessed += 1
                tick(summary)
    return summary


def _where(document: Document) -> str:
    return document.path or document.id


def _duplicate(document: Document, doc_hash: str, key_of: dict[str, str], text_of: dict[str, str],
               summary: Summary) -> bool:
    """True (and a note) when this text is stored, or about to be, under another key: it is
    kept once, under the first key, so a re-run changes nothing whatever the order.
    Records this document's key and text otherwise."""
    other = key_of.get(doc_hash)
    if other is not None and other != document.id and not document.id.endswith("#" + other):
        summary.duplicates += 1
        summary.note(f"{_where(document)}: same text as {other}; stored once, under that key")
        return True
    old = text_of.get(document.id)
    if old is not None and key_of.get(old) == document.id:
        del key_of[old]  # this key's old text goes when the new one is written
    key_of[doc_hash] = document.id
    text_of[document.id] = doc_hash
    return False


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents `paths` hold, or None when that is not cheap to know (standard
    input, a format whose documents may span lines)."""
    total = 0
    for path in iter_paths(paths):
        if path == "-":
            return None
        if not os.path.isfile(path):
            total += 1  # one error
            continue
        counted = registry.reader_for(path).count(path)
        if counted is None:
            return None
        total += counted
    return total


def _expected(paths: Iterable[str], outdated: int) -> int | None:
    counted = count_documents(paths)
    return None if counted is None else counted + outdated


@contextlib.contextmanager
def _progress_bar(enabled: bool, total):
    """A callback that advances a bar (documents/s, quotes so far, ETA when the total is
    known), or does nothing when not enabled."""
    if not enabled:
        yield lambda summary: None
        return
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0  # no monitor thread: the worker processes are forked (engine/workers.py)

    try:
        known_width = os.get_terminal_size(sys.stderr.fileno()).columns > 0
    except (OSError, ValueError):
        known_width = False
    # A terminal of unknown size (0×0) would draw nothing: assume 80×24 there.
    size = {"dynamic_ncols": True} if known_width else {"ncols": 80, "nrows": 24}
    with Bar(total=total(), desc="ingest", unit="doc", file=sys.stderr, leave=False, **size) as bar:
        def tick(summary: Summary) -> None:
            bar.set_postfix_str(f"{summary.quotes} quotes", refresh=False)
            bar.update(1)

        yield tick


@contextlib.contextmanager
def _messages_above_bar(enabled: bool, summary: Summary):
    """While a progress bar is drawn, errors and notes are printed above it, not through it."""
    if not enabled:
        yield
        return
    from tqdm import tqdm

    callbacks = summary.on_error, summary.on_note

    def above(callback):
        if callback is None:
            return None

        def call(message: str) -> None:
            with tqdm.external_write_mode(file=sys.stderr):
                callback(message)
        return call

    summary.on_error, summary.on_note = above(callbacks[0]), above(callbacks[1])
    try:
        yield
    finally:
        summary.on_error, summary.on_note = callbacks
