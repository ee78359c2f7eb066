"""Load documents into the database: read, skip what is stored unchanged, parse in
parallel, write one transaction per document as each result arrives. Errors are collected,
never fatal to the other documents.

Memory stays flat however many documents there are: documents are read one at a time,
spaCy holds a few batches in flight, and nothing keeps the parsed documents.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
import threading
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from sqlite_utils import Database

from .model import Document
from .parquet import load_outputs
from .engine.pipeline import BATCH_SIZE, extract_documents
from .read import CORPUS_SUFFIXES, TEXT_SUFFIXES, ReadError, iter_paths, read_documents
from .store import current_documents, outdated_documents, save_result, stored_document


@dataclass
class Summary:
    read: int = 0
    unchanged: int = 0
    written: int = 0
    reprocessed: int = 0  # of `written`: stored documents extracted again (--reprocess-outdated)
    quotes: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        again = f" ({self.reprocessed} re-processed)" if self.reprocessed else ""
        return (f"{self.written} documents written{again}, {self.unchanged} unchanged, "
                f"{self.quotes} quotes, {len(self.errors)} errors")


def default_processes() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ingest(db: Database, paths: Iterable[str] = (), nlp=None, force: bool = False,
           reprocess_outdated: bool = False, processes: int = 1, batch_size: int = BATCH_SIZE,
           progress: bool = False, summary: Summary | None = None, dask: str | None = None,
           model: str | None = None) -> Summary:
    """Extract the documents of `paths` into `db`, and with `reprocess_outdated` the stored
    documents an older engine extracted, again from their stored text.

    Args:
        nlp: a loaded pipeline (default: `quotes.nlp.load()`, loaded only if something
            needs parsing).
        force: parse documents even when stored unchanged by the current engine.
        processes: worker processes for spaCy (`nlp.pipe(n_process=...)`).
        progress: draw a progress bar on standard error (the caller decides it is a terminal).
        summary: the Summary to fill in; pass one to know how far a run got when it is
            interrupted.
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

    with _progress_bar(progress, lambda: _expected(paths, len(outdated))) as tick:
        def wanted() -> Iterator[Document]:
            for item in read_documents(paths, summary.notes):
                if isinstance(item, ReadError):
                    summary.errors.append(str(item))
                    tick(summary)
                    continue
                summary.read += 1
                doc_hash = item.hash
                if (item.id, doc_hash) in stored:
                    summary.unchanged += 1
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
            results = extract_documents(itertools.chain([first], documents), nlp=nlp,
                                        batch_size=batch_size, n_process=processes)
        for result in results:
            with _interrupts_held():  # Ctrl-C: the summary counts exactly what was committed
                summary.quotes += save_result(db, result)
                summary.written += 1
                summary.notes.extend(f"{_where(result.document)}: {note}" for note in result.notes)
                if from_db and result.document.hash in from_db:
                    summary.reprocessed += 1
            tick(summary)
    return summary


def _where(document: Document) -> str:
    return document.path or document.id


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents `paths` hold, or None when that is not cheap to know (standard
    input, a format whose documents are not one file or one line)."""
    total = 0
    for path in iter_paths(paths):
        if path == "-":
            return None
        name = path.lower()
        if name.endswith(CORPUS_SUFFIXES) and os.path.isfile(path):
            try:
                with open(path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1  # one error
        elif name.endswith(TEXT_SUFFIXES) or not os.path.isfile(path):
            total += 1  # one document, or one error
        else:
            return None
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
        monitor_interval = 0  # no monitor thread: spaCy forks its worker processes

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


# Ctrl-C ------------------------------------------------------------------------------------
# `quotes ingest` stops cleanly on Ctrl-C: what was committed stays, and the summary says how
# far it got. The terminal sends SIGINT to spaCy's worker processes (--processes) too.


@contextlib.contextmanager
def interrupts_in_this_process_only() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt in this process; worker processes forked meanwhile
    inherit a handler that makes them exit quietly (the parent stops them), instead of each
    printing a traceback. Does nothing outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    parent = os.getpid()

    def handler(signum, frame):
        if os.getpid() != parent:
            raise SystemExit(0)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """A Ctrl-C that arrives while a document is written takes effect once it is written
    and counted."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:  # now do what the handler we stood in for would have done
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt
