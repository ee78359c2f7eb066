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

import importlib.util
import itertools
import re
import socket
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..engine.batches import BATCH_CHARS, BATCH_SIZE  # a task parses one batch, as a local worker does
from ..model import Document, Result

PARTITION_SIZE = 500  # documents a Parquet partition holds
BATCHES_PER_WORKER = 2  # tasks in flight per worker thread: one running, one waiting
EXTRA = "pip install 'quotes-tracker[dask]'"
CONNECT_SECONDS = 10  # how long to wait for an unreachable scheduler
# tcp://host:8786, host:8786, tls://[::1]:8786, or another protocol's address (ucx://host)
_ADDRESS = re.compile(r"(?:(?P<protocol>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[0-9a-fA-F:.]+\]|[^\s:/\[\]]+)"
                      r"(?::(?P<port>\d{1,5}))?/?")


class ClusterError(RuntimeError):
    """The cluster cannot do the work: Dask is missing, the address is not one, the
    scheduler is unreachable or was lost, the workers cannot load the model, or a task
    failed. The message is one line for the user."""


def extract_documents(documents: Iterable[Document], address: str,
                      batch_size: int = BATCH_SIZE, model: str | None = None) -> Iterator[Result]:
    """The Result of each document, analysed on the Dask cluster at `address` (or a
    LocalCluster of N worker processes started for the run, `local:N`), in the order the
    documents came, so that the database a run writes is the same as a local run's. The
    documents of a batch that killed every worker that tried it (out of memory, most likely)
    come back as `Failed`, by name, as in a local run.

    Args:
        address: a scheduler address (tcp://host:8786) or local:N.
        model: the spaCy pipeline the workers load (default: each worker's default).
    Raises:
        ClusterError: see the class.
    """
    from ..engine.workers import Failed, batches as engine_batches
    from .tasks import analyse_batch

    check_address(address)
    documents = iter(documents)
    first = next(documents, None)
    if first is None:  # nothing to parse: no cluster
        return
    with _connect(address, model) as cluster:
        # as the local workers batch: a long document alone, so that one that kills its
        # worker (out of memory) takes no other document with it
        batches = engine_batches(itertools.chain([first], documents), batch_size, BATCH_CHARS)
        for batch, found in cluster.map_ordered(analyse_batch, batches, model):
            if not isinstance(found, list):  # it killed every worker that tried it
                yield from (Failed(document, found.message) for document in batch)
                continue
            for document, (replaced, quotes, speakers, notes) in zip(batch, found):
                yield Result(replaced or document, quotes, speakers, notes)


def check_address(address: str, reach: bool = False) -> None:
    """Refuse what cannot be a scheduler address (ClusterError), before anything starts:
    local, local:N, HOST:PORT or PROTOCOL://HOST:PORT. With `reach`, also a TCP scheduler
    that does not answer within CONNECT_SECONDS (before a run creates anything for it).
    Dask itself must be installed."""
    for package in ("dask", "distributed"):
        if importlib.util.find_spec(package) is None:
            raise ClusterError(f"--dask needs Dask ({package} is not installed): {EXTRA}")
    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2]
        if address != "local" and (not count.isdigit() or int(count) < 1):
            raise ClusterError(f"--dask {address}: write local:N with N a number of worker processes")
        return
    found = _ADDRESS.fullmatch(address)
    if not found or (found["port"] is None and found["protocol"] in (None, "tcp", "tls")):
        raise ClusterError(f"--dask {address}: not a scheduler address; write tcp://HOST:PORT "
                           f"(or HOST:PORT), or local:N for N local worker processes")
    if reach and found["protocol"] in (None, "tcp") and found["port"] is not None:
        host = found["host"].strip("[]")
        try:
            socket.create_connection((host, int(found["port"])), timeout=CONNECT_SECONDS).close()
        except OSError as error:
            problem = error.strerror or str(error) or type(error).__name__
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {problem}") from None


@dataclass(frozen=True)
class Partition:
    """A partition of an output folder: its documents, quotes and notes; `kept` when an
    earlier run of the same extract wrote it (its notes were printed then)."""

    index: int
    documents: int
    quotes: int
    notes: list[str]
    kept: bool = False


def write_partitions(documents: Iterable[Document], output: str, address: str | None = None,
                     partition_size: int = PARTITION_SIZE, model: str | None = None,
                     batch_size: int = BATCH_SIZE) -> Iterator[Partition]:
    """Extract `documents` into the folder `output` as Parquet partitions (quotes/parquet.py),
    written by the workers themselves (`output` must then be a path every worker shares),
    or in this process when `address` is None. Goes on with the unfinished folder an
    earlier run of the same extract left: the partitions it wrote from the same documents
    are kept, not parsed again.

    Yields:
        each Partition, in order, as it is written (or found written).
    Raises:
        ParquetError: the folder is not new, empty or an unfinished extract of these documents.
        ClusterError: see the class.
    """
    from .. import parquet
    from .tasks import extract_partition

    if address is not None:
        check_address(address)
    folder = parquet.Output.start(output, model, partition_size)
    numbered = enumerate(_batches(documents, partition_size))
    again = []  # of the partitions an earlier run wrote, those whose files went missing
    if folder.partitions:
        for index, batch in numbered:
            record = folder.written(index, batch)
            if record is None:
                again.append((index, batch))
            else:
                yield Partition(index, record["rows"]["documents"], record["rows"]["quotes"], [], kept=True)
            if index + 1 >= len(folder.partitions):
                break
    to_write = itertools.chain(again, numbered)

    def recorded(index: int, batch: list[Document], written: tuple) -> Partition:
        count, quotes, notes, rows = written
        folder.record(index, batch, rows)
        return Partition(index, count, quotes, notes)

    if address is None:
        for index, batch in to_write:
            yield recorded(index, batch, extract_partition((index, batch), model, output, batch_size))
    else:
        with _connect(address, model) as cluster:
            for (index, batch), written in cluster.map_ordered(extract_partition, to_write, model,
                                                               output, batch_size):
                if not isinstance(written, tuple):  # it killed every worker that tried it
                    raise ClusterError(f"partition {index} killed every Dask worker that tried it, "
                                       f"also alone (killed, or out of memory)")
                yield recorded(index, batch, written)
    folder.finish()


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
