"""A statement's wording as words, to know one quotation across articles: the normalised
words (case, accents, quote marks, dashes, ellipses and whitespace do not count), the key
of a wording, the fingerprints that index it, and how much of one wording another holds.

Pure functions over text; quotes/quotations.py keeps the links in the database.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zlib
from collections import Counter

import numpy as np

from .datafiles import lines

CUT = "…"  # where a wording has an ellipsis: words were left out there
# A word: letters and digits, with apostrophes inside ("don't"); an ellipsis (NFKD has
# already made "…" three dots; ". . ." and "[...]" too)
TOKEN = re.compile(r"(?P<word>[^\W_]+(?:'[^\W_]+)*)|(?P<cut>\.\s?\.\s?\.)")
APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u2032`\u00b4"})
FUNCTION_WORDS = frozenset(lines("function_words.txt"))
NEGATIONS = frozenset(lines("negations.txt"))

SHINGLE = 3  # words a shingle
WINDOW = 3  # shingles a winnowing window: a shared run of SHINGLE + WINDOW - 1 = 5 words
# always shares a fingerprint


def words(text: str) -> tuple[str, ...]:
    """The words of a text in lower case, accents and quote marks dropped, apostrophes
    alike; an ellipsis inside the text is kept as CUT (one, however written), at its ends it
    is dropped. Dashes, other punctuation and whitespace only separate words."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().translate(APOSTROPHES)
    out: list[str] = []
    for match in TOKEN.finditer(text):
        if match.lastgroup == "word":
            out.append(match.group())
        elif out and out[-1] != CUT:
            out.append(CUT)
    if out and out[-1] == CUT:
        out.pop()
    return tuple(out)


def length(tokens: tuple[str, ...]) -> int:
    """The number of words (an ellipsis is none)."""
    return sum(1 for t in tokens if t != CUT)


def key(speaker: int | None, tokens: tuple[str, ...]) -> str:
    """The id of a wording: one speaker's (or nobody's) words, in 16 hex digits."""
    text = f"{'' if speaker is None else speaker}\x1f{' '.join(tokens)}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _hash(salt: bytes, shingle: tuple[str, ...]) -> int:
    """32 bits, centred on 0 so that SQLite stores each in 4 bytes: two shingles that
    collide only make one more candidate to compare, never a link."""
    return zlib.crc32(" ".join(shingle).encode("utf-8", "surrogatepass"), zlib.crc32(salt)) - 2**31


def fingerprints(speaker: int | None, tokens: tuple[str, ...]) -> set[int]:
    """The hashes that index a wording: of its three-word shingles (each salted with the
    speaker, so only one speaker's wordings share them), the smallest in every window of
    three (winnowing: two wordings that share a run of five words share a fingerprint).
    A shingle of function words only ("one of the") is never one; nor are shingles across
    an ellipsis."""
    found: set[int] = set()
    segment: list[str] = []
    salt = f"{'' if speaker is None else speaker}\x1f".encode()
    for token in tokens + (CUT,):
        if token != CUT:
            segment.append(token)
            continue
        hashes = [None if all(w in FUNCTION_WORDS for w in shingle) else _hash(salt, shingle)
                  for shingle in zip(*(segment[i:] for i in range(SHINGLE)))]
        for start in range(max(1, len(hashes) - WINDOW + 1)):
            window = [h for h in hashes[start:start + WINDOW] if h is not None]
            if window:
                found.add(min(window))
        segment = []
    return found


def decisive(word: str) -> bool:
    """A word no copy may drop, add or change and still be the same statement: a negation
    ("not", "won't") or a number ("10", "1990s")."""
    return word in NEGATIONS or word.endswith("n't") or any(c.isdigit() for c in word)


def containment(short: tuple[str, ...], long: tuple[str, ...], least: float = 0.0) -> float:
    """How much of `short` `long` holds, in order, from 0 to 1: one less the share of edits
    in the best alignment of `short` to a part of `long`.

    Each word of `short` that is not in its place in `long` costs one, and so does each
    word `long` has between two of `short`'s (a word left out without saying so: "will be
    cut" in "will not be cut"), unless `short` marks the place with an ellipsis; a word
    changed for another costs one, not two. Whatever `long` has before or after the part
    `short` quotes costs nothing: that is a cut. A decisive word (a negation, a number)
    dropped, added or changed costs all, even at an ellipsis, and so does one just outside
    the part quoted when `short` had to drop words there to leave it out. Below `least`, the answer is 0 (found
    faster).
    """
    said = [t for t in short if t != CUT]
    n = len(said)
    if not n:
        return 0.0
    other = [t for t in long if t != CUT]
    allowed = (1.0 - least) * n
    present = Counter(other)
    missing = 0
    for word in said:  # a word `long` lacks costs one (or all) wherever it is aligned
        if present[word] > 0:
            present[word] -= 1
        else:
            missing += n + 1 if decisive(word) else 1
    if missing > allowed:
        return 0.0
    if not other:
        return max(0.0, 1.0 - missing / n)
    breaks, position = [], 0
    for token in short:
        if token == CUT:
            breaks.append(position)
        else:
            position += 1
    cost, end = _align(said, other, set(breaks), allowed)
    if cost > allowed:
        return 0.0
    if any(decisive(w) for w in other):
        _, back = _align(said[::-1], other[::-1], {n - b for b in breaks}, allowed)
        start = len(other) - back
        edits = math.ceil(cost)
        near = Counter(w for w in other[max(0, start - edits):end + edits] if decisive(w))
        if near - Counter(w for w in said if decisive(w)):
            return 0.0
    return max(0.0, 1.0 - cost / n)


def _align(said: list[str], other: list[str], breaks: set[int], allowed: float) -> tuple[float, int]:
    """The cost of the best alignment of `said` to a part of `other` (see `containment`)
    and where in `other` that part ends; (inf, 0) once the cost passes `allowed`."""
    n = len(said)
    big = float(n + 1)
    ids: dict[str, int] = {}
    a = np.array([ids.setdefault(w, len(ids)) for w in said])
    b = np.array([ids.setdefault(w, len(ids)) for w in other])
    drop_a = np.array([big if decisive(w) else 1.0 for w in said])
    drop_b = np.array([big if decisive(w) else 1.0 for w in other])
    # a word of `other` left out between two of `said`'s, summed along `other`: at an
    # ellipsis only the decisive ones cost
    skipped = np.concatenate(([0.0], np.cumsum(drop_b)))
    cut = np.concatenate(([0.0], np.cumsum(np.where(drop_b > 1.0, big, 0.0))))
    row = np.zeros(len(b) + 1)  # before any word of `said`: anywhere in `other`, free
    for i in range(n):
        changed = np.where(a[i] == b, 0.0, np.maximum(drop_a[i], drop_b))
        here = np.empty_like(row)
        here[0] = row[0] + drop_a[i]  # this word is not in `other`
        here[1:] = np.minimum(row[:-1] + changed, row[1:] + drop_a[i])
        gaps = cut if i + 1 in breaks else skipped  # words of `other` left out after this one
        row = np.minimum.accumulate(here - gaps) + gaps
        if row.min() > allowed:
            return math.inf, 0
    end = int(row.argmin())
    return float(row[end]), end
