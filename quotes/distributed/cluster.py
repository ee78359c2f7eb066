"""The client side: connect to a Dask scheduler or start a LocalCluster, have every worker
load the model once, and keep a few tasks in flight per worker thread, collected in order.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import signal
import threading
from typing import Callable, Iterable, Iterator

from distributed import Client, LocalCluster, WorkerPlugin
from distributed.scheduler import KilledWorker

from . import BATCHES_PER_WORKER, ClusterError

CONNECT_TIMEOUT = "10s"  # how long to wait for an unreachable scheduler


class LoadModel(WorkerPlugin):
    """Load the spaCy model when a worker starts (and when one is restarted after a
    crash), once per worker process: quotes.engine.nlp.load caches it there."""

    def __init__(self, model: str | None):
        self.model = model
        self.name = f"quotes-model-{model or 'default'}"

    def setup(self, worker) -> None:
        from ..engine.nlp import ModelError, load

        try:
            load(self.model)
        except ModelError:
            pass  # each task then raises it, and the client says it in one line


class Cluster:
    def __init__(self, client: Client):
        self.client = client

    def map_ordered(self, function: Callable, items: Iterable, *args) -> Iterator[tuple]:
        """(item, function(item, *args)) for each item, computed on the workers, in the
        order of `items`; a few tasks a worker thread in flight, so memory stays flat."""
        in_flight: collections.deque = collections.deque()
        for item in items:
            in_flight.append((item, self.client.submit(function, item, *args, pure=False)))
            if len(in_flight) >= BATCHES_PER_WORKER * self._threads():
                yield self._collect(*in_flight.popleft())
        while in_flight:
            yield self._collect(*in_flight.popleft())

    def _threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    @staticmethod
    def _collect(item, future) -> tuple:
        from ..engine.nlp import ModelError

        try:
            return item, future.result()
        except KilledWorker as error:
            raise ClusterError(f"a task killed every worker that ran it ({error}); are the "
                               "workers out of memory?") from None
        except ModelError as error:
            raise ClusterError(f"on a worker: {error}") from None
        finally:
            future.release()


@contextlib.contextmanager
def connect(address: str, model: str | None) -> Iterator[Cluster]:
    """A Cluster for `address` (tcp://host:port, host:port) or `local:N`, closed on leaving
    (with local:N the worker processes stop)."""
    local = None
    try:
        if address == "local" or address.startswith("local:"):
            with _interrupts_ignored():
                local = LocalCluster(n_workers=_local_workers(address), processes=True,
                                     threads_per_worker=1, dashboard_address=":0",
                                     silence_logs=logging.ERROR)
            client = Client(local)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        if local is not None:
            local.close()
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {problem}") from None
    try:
        client.register_plugin(LoadModel(model))
        yield Cluster(client)
    finally:
        client.close()
        if local is not None:
            local.close()


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Worker processes started meanwhile ignore Ctrl-C (an ignored signal stays ignored in
    a new process): the terminal sends it to them too, but it is the client's to handle,
    and the client stops them as it leaves, instead of each printing a traceback."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _local_workers(address: str) -> int:
    if address == "local":
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    count = address.partition(":")[2]
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"--dask {address}: write local:N with N a number of worker processes")
    return int(count)
