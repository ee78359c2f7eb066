"""Which tokens signal speech: speech verbs by lemma, and cue phrases ("according to").

Thin questions over the lexicon in `quotes/data/`, asked of spaCy tokens.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from .lexicon import SpeechVerb, speech_verbs, withheld_verbs


def speech_verb(token: Token) -> SpeechVerb | None:
    """The lexicon entry when `token` is a speech verb used as a verb."""
    pos = token.pos_
    verbal = pos in ("VERB", "AUX") or token.tag_.startswith("VB")
    if not verbal and not (pos == "NOUN" and token.dep_ == "ROOT"):
        return None  # a noun is a cue only where the parser made it the clause's head ("…," tweeted X)
    verbs = speech_verbs()
    entry = verbs.get(token.lemma_.lower())
    if entry is None:
        word = token.text.lower()
        if word.endswith("ed"):
            entry = verbs.get(word[:-1]) or verbs.get(word[:-2])
    if entry is not None and entry.particle and not any(
            c.dep_ in ("prt", "advmod", "dobj") and c.lower_ == entry.particle for c in token.children):
        return None  # "shot the ball" is no speech; "shot back" is, and "as she put it"
    if entry is not None and entry.not_with and any(c.dep_ == "prt" and c.lower_ in entry.not_with for c in token.children):
        return None  # ("ruled out an election", "did not rule them out")
    return entry


@lru_cache(maxsize=1)
def _lexicon_hashes() -> tuple[numpy.ndarray, numpy.ndarray]:
    """Hashes of the speech verbs' lemmas, and of the "-d"/"-ed" forms `speech_verb` also
    accepts when the lemmatizer missed them."""
    lemmas = list(speech_verbs())
    forms = [lemma + "d" for lemma in lemmas] + [lemma + "ed" for lemma in lemmas]
    return (numpy.unique(numpy.array([hash_string(w) for w in lemmas], dtype=numpy.uint64)),
            numpy.unique(numpy.array([hash_string(w) for w in forms], dtype=numpy.uint64)))


def _among(values: numpy.ndarray, known: numpy.ndarray) -> numpy.ndarray:
    """Which of `values` are in `known` (sorted, not empty): one binary search each, where
    `numpy.isin` would sort both arrays again for every document."""
    at = numpy.searchsorted(known, values)
    return known[numpy.minimum(at, len(known) - 1)] == values


def speech_verbs_in(doc: Doc) -> list[Token]:
    """The tokens of `doc` that are speech verbs, found without visiting every token."""
    if not len(doc):
        return []
    lemmas, forms = _lexicon_hashes()
    array = doc.to_array([LEMMA, LOWER])
    hits = numpy.flatnonzero(_among(array[:, 0], lemmas) | _among(array[:, 1], forms))
    return [doc[int(i)] for i in hits if speech_verb(doc[int(i)]) is not None]


def tokens_with_lemma(doc: Doc, lemmas: frozenset[str]) -> list[Token]:
    """The tokens of `doc` whose lemma is one of `lemmas` (lower case)."""
    if not len(doc) or not lemmas:
        return []
    hits = numpy.flatnonzero(_among(doc.to_array(LEMMA), _hashes(lemmas)))
    return [doc[int(i)] for i in hits]


@lru_cache(maxsize=16)
def _hashes(words: frozenset[str]) -> numpy.ndarray:
    """The hashes of `words`, sorted for `_among` (once a lexicon, not once a document)."""
    return numpy.unique(numpy.array([hash_string(w) for w in words], dtype=numpy.uint64))


def tokens_with_lower(doc: Doc, word: str) -> list[Token]:
    """The tokens of `doc` that are `word`, in any case."""
    if not len(doc):
        return []
    hits = numpy.flatnonzero(doc.to_array(LOWER) == numpy.uint64(hash_string(word)))
    return [doc[int(i)] for i in hits]


def cue_text(verb: Token) -> str:
    """The cue as written: the verb with a particle or "for" that belongs to it."""
    entry = speech_verbs().get(verb.lemma_.lower())
    takes_for = entry is not None and "for" in entry.flags
    words = [verb]
    for child in verb.children:
        if (child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "for" and takes_for)
                or (entry is not None and child.lower_ == entry.particle)):
            words.append(child)
    words.sort(key=lambda t: t.i)
    return " ".join(t.text for t in words)


MAX_CUE_DISTANCE = 8  # tokens between a quote's mark and the verb that introduces it


def nearest_speech_verb(doc: Doc, start: int, end: int, in_quote: set[int], reverse: bool = False) -> Token | None:
    """The first speech verb (not a weak one) in tokens [start, end), or the last with
    `reverse`; never one inside someone's quoted words (`in_quote`)."""
    order = range(end - 1, start - 1, -1) if reverse else range(start, end)
    for i in order:
        entry = speech_verb(doc[i]) if i not in in_quote else None
        if entry is not None and not entry.weak:
            return doc[i]
    return None


def asserted(verb: Token) -> bool:
    """Whether a speech verb reports what its subject said: not negated ("won't say what"),
    not passive ("when asked whether …", "was told that …": the subject is the one spoken
    to), and not an imperative addressed to the reader ("Tell him why …")."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "than" and c.i < verb.i for c in children):
        return False  # "lower than the agency says they are"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in withheld_verbs():
        return False  # "She declined to say when …"
    if any(c.dep_ == "auxpass" for c in children):
        return False
    subject = any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in children)
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not subject:
        return False  # "When asked whether …"
    if verb.tag_ == "VB" and not subject and not any(c.dep_ == "aux" for c in children) and (
            verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.head.tag_ == "VB")):
        return False  # "Ask him if …"
    return True
