"""The client side: connect to a Dask scheduler or start a LocalCluster, have every worker
load the model once, and keep a few tasks in flight per worker thread, collected in order.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import time
from typing import Callable, Iterable, Iterator

from distributed import Client, LocalCluster, WorkerPlugin
from distributed.scheduler import KilledWorker

from ..signals import ignored_by_new_processes
from . import BATCHES_PER_WORKER, CONNECT_SECONDS, ClusterError

CONNECT_TIMEOUT = f"{CONNECT_SECONDS}s"  # how long to wait for an unreachable scheduler
CLOSE_TIMEOUT = 5  # seconds to close the client (a lost scheduler does not answer)
STOP_TIMEOUT = 0.5  # seconds a local worker has to stop on Ctrl-C or SIGTERM before it is killed
NO_WORKER_SECONDS = 60.0  # how long a run waits for a cluster left without workers
WAIT_STEP = 2.0  # seconds between looks at the cluster while a task runs


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


class Killed:
    """What `map_ordered` gives for an item whose task killed every worker that ran it,
    also alone (its memory, most likely)."""

    message = ("its Dask worker died while parsing it, also when tried alone (killed, or out "
               "of memory); not analysed")


class Cluster:
    def __init__(self, client: Client, address: str, alone: float = NO_WORKER_SECONDS):
        self.client = client
        self.address = address
        self.alone = alone  # seconds without a single worker before the run gives up

    def map_ordered(self, function: Callable, items: Iterable, *args) -> Iterator[tuple]:
        """(item, function(item, *args)) for each item, computed on the workers, in the
        order of `items`, or (item, Killed) for an item that killed every worker that ran
        it; a few tasks a worker thread in flight, so memory stays flat.

        Raises:
            ClusterError: the scheduler was lost, a worker cannot load the model, or a task
                failed with an error of its own.
        """
        in_flight: collections.deque = collections.deque()

        def submit(item):
            with self._calling():
                return self.client.submit(function, item, *args, pure=False)

        for item in items:  # (an error of the caller's `items` is the caller's)
            in_flight.append((item, submit(item)))
            if len(in_flight) >= BATCHES_PER_WORKER * self._threads():
                yield from self._take(in_flight, submit)
        while in_flight:
            yield from self._take(in_flight, submit)

    def _threads(self) -> int:
        with self._calling():
            return max(1, sum(self.client.nthreads().values()))

    def _take(self, in_flight: collections.deque, submit: Callable) -> Iterator[tuple]:
        """The first item in flight with its result. When its task killed its workers, the
        tasks held with it may have died with it: once all in flight are done, each killed
        one is tried again alone (nothing else in flight), and only one that kills its
        worker alone too is given as Killed."""
        item, found = self._collect(*in_flight.popleft())
        if not isinstance(found, Killed):
            yield item, found
            return
        done = [(item, found)] + [self._collect(*entry) for entry in in_flight]
        in_flight.clear()
        for item, found in done:
            yield self._collect(item, submit(item)) if isinstance(found, Killed) else (item, found)

    def _collect(self, item, future) -> tuple:
        try:
            with self._calling():
                try:
                    return item, self._result(future)
                except KilledWorker:
                    return item, Killed()
        finally:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                future.release()

    def _result(self, future):
        """The future's result. A cluster left without a single worker (all of them died
        or left, and no nanny restarts them) would keep the task waiting for ever: after
        `alone` seconds of that, ClusterError."""
        since = None
        while True:
            try:
                return future.result(timeout=WAIT_STEP)
            except TimeoutError:
                pass
            if self.client.nthreads():
                since = None
                continue
            since = since if since is not None else time.monotonic()
            if time.monotonic() - since >= self.alone:
                raise ClusterError(f"no Dask worker at {self.address} for {self.alone:.0f} s (all "
                                   f"died or left); start workers and run the same command again")

    @contextlib.contextmanager
    def _calling(self) -> Iterator[None]:
        """Dask's own errors (a lost scheduler, a task failing) as one ClusterError."""
        try:
            yield
        except ClusterError:
            raise
        except (Exception, asyncio.CancelledError) as error:
            raise self._failure(error) from None

    def _failure(self, error: BaseException) -> ClusterError:
        from ..engine.nlp import ModelError

        if isinstance(error, ModelError):
            return ClusterError(f"on a worker: {error}")
        problem = _first_line(error)
        if self.client.status != "running" or isinstance(
                error, (OSError, TimeoutError, asyncio.CancelledError)):
            return ClusterError(f"lost the Dask scheduler at {self.address} ({problem})")
        return ClusterError(f"a task failed on a worker: {problem}")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0]}" if text else type(error).__name__


@contextlib.contextmanager
def connect(address: str, model: str | None) -> Iterator[Cluster]:
    """A Cluster for `address` (tcp://host:port, host:port) or `local:N`, closed on leaving
    (with local:N the worker processes stop: at once when leaving on an error, Ctrl-C or
    SIGTERM, without waiting for the tasks they run). Dask's own log lines are silenced
    meanwhile: what goes wrong is one ClusterError."""
    with _quiet("distributed"):
        local = None
        try:
            if address == "local" or address.startswith("local:"):
                with ignored_by_new_processes():  # the client stops them as it leaves
                    local = LocalCluster(n_workers=_local_workers(address), processes=True,
                                         threads_per_worker=1, dashboard_address=":0",
                                         silence_logs=logging.ERROR)
                client = Client(local)
            else:
                client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            if local is not None:
                local.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: "
                               f"{_first_line(error)}") from None
        try:
            client.register_plugin(LoadModel(model))
            yield Cluster(client, address)
        except BaseException:
            _close(client, local, at_once=True)
            raise
        _close(client, local, at_once=False)


def _close(client: Client, local: LocalCluster | None, at_once: bool) -> None:
    """Close the client, and stop the workers of a local cluster (at once: a task they run
    is not waited for). A scheduler already lost is no error here."""
    with contextlib.suppress(Exception, asyncio.CancelledError):
        client.close(timeout=CLOSE_TIMEOUT)
    if local is None:
        return
    if at_once:
        with contextlib.suppress(Exception, asyncio.CancelledError):
            local.sync(_stop_nannies, list(local.workers.values()))
    local.close()


async def _stop_nannies(nannies) -> None:
    await asyncio.gather(*(nanny.close(timeout=STOP_TIMEOUT, reason="quotes-stopped")
                           for nanny in nannies), return_exceptions=True)


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Only critical log lines from the logger `name` and those below it that have a level
    of their own (Dask configures several), while the client runs: its errors become one
    ClusterError line instead."""
    loggers = [logging.getLogger(name)] + [
        logger for key, logger in list(logging.root.manager.loggerDict.items())
        if key.startswith(name + ".") and isinstance(logger, logging.Logger) and logger.level]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _local_workers(address: str) -> int:
    if address == "local":
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    count = address.partition(":")[2]
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"--dask {address}: write local:N with N a number of worker processes")
    return int(count)
