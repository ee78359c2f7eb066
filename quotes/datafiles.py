"""Reading the project's data files (`quotes/data/`) and the US Census name lists the `names`
package ships: pure Python, shared by the engine's lexicon and by storage."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def lines(name: str):
    """The lines of a data file, without comments (from "#") and blank lines."""
    text = resources.files("quotes").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


@lru_cache(maxsize=None)
def census(filename: str) -> dict[str, float]:
    """Name (lower case) -> share of the population (percent) in a US Census 1990 list that
    the `names` package ships (public domain data): dist.male.first, dist.female.first,
    dist.all.last."""
    text = resources.files("names").joinpath(filename).read_text(encoding="ascii")
    return {parts[0].lower(): float(parts[1]) for parts in map(str.split, text.splitlines()) if len(parts) >= 2}


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of a word list, lower case (an entry may hold several words: "truth
    social")."""
    return frozenset(" ".join(line.lower().split()) for line in lines(name))


@lru_cache(maxsize=None)
def tagged_words(name: str) -> dict[str, str]:
    """Entry -> tag, from a list whose last column tags the words before it ("lib dem
    party")."""
    table = {}
    for line in lines(name):
        *entry, tag = line.lower().split()
        table[" ".join(entry)] = tag
    return table


TITLE_FLAGS = frozenset({"honorific", "styled"})


@lru_cache(maxsize=None)
def titles() -> dict[str, frozenset[str]]:
    """Title (lower case, may be several words) -> its flags in titles.txt: "honorific"
    (Mr, Dr: no role), "styled" (part of how the person is named: "Pope Lucian")."""
    table = {}
    for line in lines("titles.txt"):
        parts = line.split()
        table[" ".join(p for p in parts if p not in TITLE_FLAGS)] = frozenset(p for p in parts if p in TITLE_FLAGS)
    return table
