"""How a reporter's typing becomes a search: the full-text query for statements, and the
words of a name to find a speaker by.

Statements: each word matches itself and longer words it begins ("Syria" finds "Syrian";
the index stems too, so "protest" finds "protesters"); words in double quote marks are an
exact phrase. Names: case, periods, honorifics (Mrs., Dr.) and initials ("J.") are left
out, so "Mrs. Ann Lee" and "Ann J. Lee" both find Ann Lee.
"""

from __future__ import annotations

import re
import unicodedata

from ..datafiles import lines

PREFIX_FROM = 4  # shorter words match only themselves ("war" is not "warning")
_PHRASE = re.compile(r'"([^"]*)"?')
_WORD = re.compile(r"\w+")
HONORIFICS = frozenset(line.split()[0] for line in lines("titles.txt") if line.endswith("honorific"))


def printable(text: str) -> str:
    """The text without control and format characters (a NUL in an address is no word)."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs") else c for c in text)


def fts_query(text: str) -> str:
    """An FTS5 query for the words typed: every word must match (a prefix for words of
    PREFIX_FROM letters or more), a "quoted phrase" exactly. "" when there are no words.
    Only words and quoted tokens are written, so the query never has a syntax error."""
    text = printable(text or "")
    terms = []
    position = 0
    for found in _PHRASE.finditer(text):
        terms += [_term(w) for w in _WORD.findall(text[position:found.start()])]
        phrase = _WORD.findall(found.group(1))
        if phrase:
            terms.append('"' + " ".join(phrase) + '"')
        position = found.end()
    terms += [_term(w) for w in _WORD.findall(text[position:])]
    return " ".join(terms)


def _term(word: str) -> str:
    return f'"{word}"*' if len(word) >= PREFIX_FROM else f'"{word}"'


def name_words(name: str) -> list[str]:
    """The words that identify a name: lower case, without periods, honorifics or initials."""
    words = _WORD.findall(printable(name or "").lower().replace(".", " "))
    return [w for w in words if w not in HONORIFICS and len(w) > 1]


def names_match(wanted: list[str], name: str) -> bool:
    """Every wanted word is a word of the name, in order ("lee" and "ann lee" are words of
    "Ann J. Lee"; "ann" alone is too)."""
    have = name_words(name)
    at = 0
    for word in wanted:
        try:
            at = have.index(word, at) + 1
        except ValueError:
            return False
    return bool(wanted)
