"""Errors and notes of a run, passed on as they happen, with at most a few of a kind
shown: a million bad lines cost a counter, not a million lines of output or memory."""

from __future__ import annotations

import re
from typing import Callable

SHOWN_PER_KIND = 20  # lines shown of one kind of problem; the rest are counted
MAX_KINDS = 1_000  # kinds told apart; past that, new kinds are counted together

_NUMBER = re.compile(r"\d+")
_QUOTED = re.compile(r"'[^']*'")


def kind_of(message: str) -> str:
    """A message without its place and numbers: 'FILE:3: not JSON (… column 5)' and
    'FILE:9: not JSON (… column 1)' are one kind."""
    problem = message.split(": ", 1)[-1]
    return _NUMBER.sub("N", _QUOTED.sub("'…'", problem))


class Sink:
    """A `notes` list for the readers that hands each note on instead of keeping it."""

    def __init__(self, receive: Callable[[str], None]):
        self.append = receive


class Capped:
    """Prints each message with `prefix` as it comes, the first SHOWN_PER_KIND of a kind;
    `close()` then says how many more of each kind there were."""

    def __init__(self, prefix: str, echo: Callable[[str], None], shown: int = SHOWN_PER_KIND):
        self.prefix, self.echo, self.shown = prefix, echo, shown
        self.counts: dict[str, int] = {}
        self.total = 0

    def __call__(self, message: str) -> None:
        self.total += 1
        kind = kind_of(message)
        if kind not in self.counts and len(self.counts) >= MAX_KINDS:
            kind = "other problems"
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= self.shown:
            self.echo(f"{self.prefix}: {message}")

    def close(self) -> None:
        for kind, count in self.counts.items():
            if count > self.shown:
                self.echo(f"{self.prefix}: … and {count - self.shown:,} more like this ({kind})")

    append = __call__
