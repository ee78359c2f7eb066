"""Parse and analyse in worker processes, so that the calling process only reads and writes.

spaCy's own `nlp.pipe(n_process=N)` parses in workers but sends every parsed Doc back to
the parent, where the engine's analysis would then run beside the database writes and
compete with the workers for the cores. Here each worker parses a batch of documents and
analyses it, and sends back only what it found: quote and speaker records, a few hundred
bytes a document instead of a serialised Doc.

Workers are forked, so they share the loaded model with the parent and nothing is loaded
again. Results come back in the order the documents went in, and only a few batches are
in flight at a time, so memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import signal
from typing import Iterable, Iterator

from ..model import Document, Result
from .analyse import analyse
from .nlp import parse_text

# The pipeline the forked workers inherit (set while a pool runs: it may fork a new worker).
_NLP = None
# Batches queued or being worked on, per worker: one to work on, one waiting.
BATCHES_PER_WORKER = 2


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def analyse_in_workers(documents: Iterable[Document], nlp, batch_size: int,
                       n_process: int) -> Iterator[Result]:
    """The Result of each document, in order, analysed by `n_process`
    forked workers that each take `batch_size` documents at a time."""
    global _NLP
    _NLP = nlp
    try:
        # leaving the pool, even on an error or Ctrl-C, stops the workers
        with multiprocessing.get_context("fork").Pool(n_process, initializer=_worker_start) as pool:
            in_flight: collections.deque = collections.deque()
            for batch in _batches(documents, batch_size):
                in_flight.append((batch, pool.apply_async(_analyse_batch, (batch,))))
                if len(in_flight) >= BATCHES_PER_WORKER * n_process:
                    yield from _collect(*in_flight.popleft())
            while in_flight:
                yield from _collect(*in_flight.popleft())
    finally:
        _NLP = None


def _worker_start() -> None:
    """Ctrl-C is the parent's to handle: it stops the workers when it leaves the pool. A
    worker that exited on the signal itself could leave the pool's task queue locked."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _collect(batch: list[Document], pending) -> Iterator[Result]:
    for document, (quotes, speakers, notes) in zip(batch, pending.get()):
        yield Result(document, quotes, speakers, notes)


def _analyse_batch(batch: list[Document]) -> list[tuple[list, list]]:
    """In a worker: parse and analyse one batch; the records only, not the texts."""
    docs = _NLP.pipe([parse_text(document.text) for document in batch], batch_size=len(batch))
    found = []
    for document, doc in zip(batch, docs):
        result = analyse(document, doc)
        found.append((result.quotes, result.speakers, result.notes))
    return found
