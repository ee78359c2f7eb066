"""The record of an input that could not be read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadError:
    """One input that could not be read, and why, in one line."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"
