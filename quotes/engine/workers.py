"""Parse and analyse in worker processes, so that the calling process only reads and writes.

spaCy's own `nlp.pipe(n_process=N)` parses in workers but sends every parsed Doc back to
the parent, where the engine's analysis would then run beside the database writes and
compete with the workers for the cores. Here each worker parses a batch of documents and
analyses it, and sends back only what it found: quote and speaker records, a few hundred
bytes a document instead of a serialised Doc.

Workers are forked, so they share the loaded model with the parent and nothing is loaded
again. Results come back in the order the documents went in, and only a few batches are
in flight at a time, so memory stays flat whatever the corpus size. A batch holds at most
`batch_size` documents and BATCH_CHARS characters (a long document goes alone), which
bounds what a worker parses at once.

A worker that dies (killed, or out of memory) is an error, not a wait: the pool breaks,
the batches it held are tried again one at a time in a fresh worker, and the documents of
a batch that kills its worker again come back as `Failed`, by name. A worker ends with its
parent, whatever ends the parent (SIGKILL included): none is left behind holding the
output.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..model import Document, Result
from ..signals import as_worker
from .analyse import analyse
from .batches import BATCH_CHARS
from .nlp import parse_text

# The pipeline the forked workers inherit (set while a pool runs: it may fork a new worker).
_NLP = None
# Batches queued or being worked on, per worker: one to work on, one waiting.
BATCHES_PER_WORKER = 2


@dataclass(frozen=True)
class Failed:
    """A document whose worker died on it, twice: it was not analysed."""

    document: Document
    problem: str


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def analyse_in_workers(documents: Iterable[Document], nlp, batch_size: int,
                       n_process: int) -> Iterator[Result | Failed]:
    """The Result of each document, in order, analysed by `n_process` forked workers that
    each take a batch at a time; a Failed for each document of a batch that killed its
    worker twice."""
    global _NLP
    _NLP = nlp
    pools = [_pool(n_process)]  # the current pool: a broken one is replaced
    in_flight: collections.deque = collections.deque()

    def take() -> Iterator[Result | Failed]:
        batch, future = in_flight.popleft()
        try:
            found = future.result()
        except BrokenProcessPool:
            _stop(pools.pop())
            retry = [batch] + [waiting for waiting, _ in in_flight]
            in_flight.clear()
            yield from _retry_alone(retry)
            pools.append(_pool(n_process))
            return
        yield from _results(batch, found)

    def submit(batch: list[Document]) -> Future:
        try:
            return pools[-1].submit(_analyse_batch, batch)
        except BrokenProcessPool as error:  # a worker died since: `take` retries it with the rest
            broken: Future = Future()
            broken.set_exception(error)
            return broken

    try:
        for batch in batches(documents, batch_size, BATCH_CHARS):
            in_flight.append((batch, submit(batch)))
            while len(in_flight) >= BATCHES_PER_WORKER * n_process or in_flight[0][1].done():
                yield from take()
                if not in_flight:
                    break
        while in_flight:
            yield from take()
    finally:
        for pool in pools:
            _stop(pool)
        _NLP = None


def _pool(n_process: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"),
                               initializer=as_worker, initargs=(os.getpid(),))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now (on Ctrl-C or an error they are not waited for)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _retry_alone(pending: list[list[Document]]) -> Iterator[Result | Failed]:
    """Batches whose pool broke, each tried once more in a worker of its own, in order."""
    for batch in pending:
        pool = _pool(1)
        try:
            found = pool.submit(_analyse_batch, batch).result()
        except BrokenProcessPool:
            for document in batch:
                yield Failed(document, "its worker process died while parsing it, twice "
                                       "(killed, or out of memory); not analysed")
            continue
        finally:
            _stop(pool)
        yield from _results(batch, found)


def batches(documents: Iterable[Document], size: int, chars: int) -> Iterator[list[Document]]:
    """Documents in batches of at most `size` documents and `chars` characters (a longer
    document makes a batch of its own)."""
    batch: list[Document] = []
    held = 0
    for document in documents:
        if batch and (len(batch) >= size or held + len(document.text) > chars):
            yield batch
            batch, held = [], 0
        batch.append(document)
        held += len(document.text)
    if batch:
        yield batch


def _results(batch: list[Document], found) -> Iterator[Result]:
    for document, (quotes, speakers, notes) in zip(batch, found):
        yield Result(document, quotes, speakers, notes)


def _analyse_batch(batch: list[Document]) -> list[tuple[list, list, list]]:
    """In a worker: parse and analyse one batch; the records only, not the texts."""
    docs = _NLP.pipe([parse_text(document.text) for document in batch], batch_size=len(batch))
    found = []
    for document, doc in zip(batch, docs):
        result = analyse(document, doc)
        found.append((result.quotes, result.speakers, result.notes))
    return found
