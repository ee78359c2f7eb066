"""How a long command stops: Ctrl-C (SIGINT), SIGTERM (`kill`, `timeout`, `docker stop`,
`systemctl stop`) and SIGHUP (a closed terminal) all stop it the same clean way, by an
exception in the main thread, and never in the middle of writing a document.

Worker processes are the parent's to stop: they ignore Ctrl-C and SIGHUP (which a terminal
sends to them too), and end with their parent whatever ends it (`end_with_parent`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
from typing import Iterator

STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop as Ctrl-C does. A KeyboardInterrupt, so every clean-up that
    Ctrl-C runs runs for these too."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def signal_of(stop: BaseException) -> int:
    """The signal that raised `stop` (a KeyboardInterrupt): SIGINT unless it is a Stopped."""
    return getattr(stop, "signum", signal.SIGINT)


def how_stopped(signum: int) -> str:
    """'interrupted' (Ctrl-C) or 'stopped by SIGTERM', for the line that says how far it got."""
    return "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"


_received: list[int] = []  # the stopping signals `stop_on_signals` turned into exceptions


def received() -> int:
    """How many stopping signals were received so far (see `raise_if_received_since`)."""
    return len(_received)


def raise_if_received_since(count: int) -> None:
    """Raise again the stop of a signal received since `received()` was `count`: for code
    that catches every exception (spaCy's model lookup does) and so swallowed it."""
    if len(_received) > count:
        signum = _received[-1]
        raise KeyboardInterrupt if signum == signal.SIGINT else Stopped(signum)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt in this process, SIGTERM and SIGHUP a Stopped; a
    worker process forked meanwhile that gets one of them before it sets its own handlers
    exits quietly (the parent stops it), instead of printing a traceback. Does nothing
    outside the main thread."""
    if not _main_thread():
        yield
        return
    parent = os.getpid()

    def handler(signum, frame):
        if os.getpid() != parent:
            raise SystemExit(0)
        _received.append(signum)
        raise KeyboardInterrupt if signum == signal.SIGINT else Stopped(signum)

    previous = {signum: signal.signal(signum, handler) for signum in STOPPING}
    try:
        yield
    finally:
        for signum, handler_before in previous.items():
            signal.signal(signum, handler_before)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """A stopping signal that arrives meanwhile (a document being written) takes effect at
    the end, once the document is written and counted."""
    if not _main_thread():
        yield
        return
    caught: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, frame: caught.append(signum))
                for signum in STOPPING}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if caught:  # now do what the handler we stood in for would have done
        signum = caught[0]
        handler = previous[signum]
        if callable(handler):
            handler(signum, None)
        elif handler != signal.SIG_IGN:  # the default: end, as the signal would have
            if signum == signal.SIGINT:
                raise KeyboardInterrupt
            os.kill(os.getpid(), signum)


@contextlib.contextmanager
def ignored_by_new_processes() -> Iterator[None]:
    """Processes started meanwhile ignore Ctrl-C and SIGHUP (an ignored signal stays ignored
    in a new process, even a spawned one): the terminal sends those to them too, but they
    are their parent's to handle. Does nothing outside the main thread."""
    if not _main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in (signal.SIGINT, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def as_worker(parent: int) -> None:
    """In a worker process forked by `parent`: leave Ctrl-C and SIGHUP to the parent, end at
    once on SIGTERM (how the parent stops it), and end with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    end_with_parent(parent)


def end_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent ends, by whatever signal
    (SIGKILL included, which no handler sees). Linux's parent-death signal: it comes when
    the thread that forked this process ends, so fork workers from the thread that waits
    for them. Elsewhere this does nothing."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux
        return
    if prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    if os.getppid() != parent:  # the parent ended before the call: no signal will come
        os._exit(1)
