"""Run the engine on a Dask cluster: the same results as a local run, from workers on other
machines (or in local processes, `local:N`).

`extract_documents(documents, address)` is a drop-in for the engine's own: the client
sends batches of documents, each worker parses and analyses them with a model it loads
once, and only the records come back. `write_partitions` has the workers write Parquet
instead (quotes/parquet.py), for corpora too big for one SQLite writer.

Nothing here imports Dask or spaCy until it is used: `pip install 'quotes-tracker[dask]'`
adds what it needs.
"""

from __future__ import annotations

import itertools
from typing import Iterable, Iterator

from ..model import Document, Result

BATCH_SIZE = 32  # documents a task parses (the engine's own batch size)
PARTITION_SIZE = 500  # documents a Parquet partition holds
BATCHES_PER_WORKER = 2  # tasks in flight per worker thread: one running, one waiting
EXTRA = "pip install 'quotes-tracker[dask]'"


class ClusterError(RuntimeError):
    """The cluster cannot do the work: Dask is missing, the scheduler is unreachable, or a
    batch failed on every worker that tried it. The message is one line for the user."""


def extract_documents(documents: Iterable[Document], address: str,
                      batch_size: int = BATCH_SIZE, model: str | None = None) -> Iterator[Result]:
    """The Result of each document, analysed on the Dask cluster at `address` (or a
    LocalCluster of N worker processes started for the run, `local:N`), in the order the
    documents came, so that the database a run writes is the same as a local run's.

    Args:
        address: a scheduler address (tcp://host:8786) or local:N.
        model: the spaCy pipeline the workers load (default: each worker's default).
    Raises:
        ClusterError: see the class.
    """
    from .tasks import analyse_batch

    documents = iter(documents)
    first = next(documents, None)
    if first is None:  # nothing to parse: no cluster
        return
    with _connect(address, model) as cluster:
        batches = _batches(itertools.chain([first], documents), batch_size)
        for batch, found in cluster.map_ordered(analyse_batch, batches, model):
            for document, (replaced, quotes, speakers, notes) in zip(batch, found):
                yield Result(replaced or document, quotes, speakers, notes)


def write_partitions(documents: Iterable[Document], output: str, address: str | None = None,
                     partition_size: int = PARTITION_SIZE, model: str | None = None,
                     batch_size: int = BATCH_SIZE) -> Iterator[tuple[int, int, list[str]]]:
    """Extract `documents` into the folder `output` as Parquet partitions (quotes/parquet.py),
    written by the workers themselves (`output` must then be a path every worker shares),
    or in this process when `address` is None.

    Yields:
        (documents, quotes, notes) of each partition, in order, as it is written.
    """
    from .. import parquet
    from .tasks import extract_partition

    parquet.start_output(output, model)
    numbered = ((index, batch) for index, batch in enumerate(_batches(documents, partition_size)))
    if address is None:
        for index, batch in numbered:
            yield extract_partition((index, batch), model, output, batch_size)
        return
    with _connect(address, model) as cluster:
        for _, written in cluster.map_ordered(extract_partition, numbered, model, output,
                                              batch_size):
            yield written


def _connect(address: str, model: str | None):
    try:
        from .cluster import connect
    except ImportError as error:
        raise ClusterError(f"--dask needs Dask ({error.name} is not installed): {EXTRA}") from None
    return connect(address, model)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
