"""Small helpers over spaCy tokens and character offsets that every stage uses, and the
punctuation they agree on."""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy
from spacy.attrs import DEP, ORTH, POS, SENT_START
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

SENTENCE_END = {".", "!", "?"}
DASHES = ("-", "\u2014", "\u2013", "--")
PROPER_NOUNS_KEY = "quotes.proper_nouns"
SENTENCE_STARTS_KEY = "quotes.sentence_starts"
CLOSING_MARKS = ("\u201d", '"', "\u2019")  # content may end with a quoted fragment's closing mark
PERSON_LABELS = {"PERSON"}  # the entity labels of people
ORG_LABELS = {"ORG", "NORP", "GPE"}  # of organisations, peoples and places that speak


def entity_span(token: Token) -> Span | None:
    """The named entity holding a token, found from the token's own IOB tags (no walk
    over every entity of the document)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_ == token.ent_type_:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0, 0
    return span.start, span.end


_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit: what str.isalnum takes


def word_count(text: str) -> int:
    """The words of `text` that hold a letter or a digit."""
    return sum(1 for w in text.split() if _ALNUM.search(w))


PART_OF_WORDS = ("%",)  # punctuation that belongs to the word before it


def trim_end(tokens: list[Token]) -> list[Token]:
    """Without the punctuation it ends with, a closing quote mark and a per cent sign
    excepted ("prices rose by 3%")."""
    end = len(tokens)
    while end and tokens[end - 1].is_punct and tokens[end - 1].text not in CLOSING_MARKS + PART_OF_WORDS:
        end -= 1
    return tokens[:end]


def mark_token(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def _proper_noun_positions(doc: Doc) -> list[int]:
    hits = doc.user_data.get(PROPER_NOUNS_KEY)
    if hits is None:  # (positions, not tokens: user_data stays serialisable)
        hits = doc.user_data[PROPER_NOUNS_KEY] = [int(i) for i in numpy.flatnonzero(doc.to_array(POS) == PROPN)]
    return hits


def proper_nouns(doc: Doc) -> list[Token]:
    """The PROPN tokens of `doc`, found without visiting every token (once a document: kept
    in its `user_data`)."""
    if not len(doc):
        return []
    return [doc[i] for i in _proper_noun_positions(doc)]


def written_as_proper_noun(token: Token) -> bool:
    """Whether a proper noun of the document is written as `token` is (the same text), read
    from the array of forms, not from a Token made for each proper noun."""
    doc = token.doc
    hits = _proper_noun_positions(doc)
    return bool(hits) and bool(numpy.any(doc.to_array(ORTH)[hits] == token.orth))


def tokens_with(doc: Doc, attr: str, labels: tuple[str, ...]) -> list[Token]:
    """The tokens of `doc` whose `attr` ("pos", "dep") is one of `labels`, in reading order,
    found without visiting every token (their positions kept in `user_data`, once a
    document: a pass that reads only nouns or only possessives need not make a Token of
    every word)."""
    if not len(doc):
        return []
    key = f"quotes.{attr}.{'|'.join(labels)}"
    hits = doc.user_data.get(key)
    if hits is None:
        values = doc.to_array(POS if attr == "pos" else DEP)
        wanted = numpy.zeros(len(values), dtype=bool)
        for label in labels:  # (a comparison a label: `numpy.isin` costs more for so few)
            wanted |= values == doc.vocab.strings[label]
        hits = doc.user_data[key] = [int(i) for i in numpy.flatnonzero(wanted)]
    return [doc[i] for i in hits]


def written_count(token: Token) -> int:
    """How many tokens of its document are written as `token` is (the same text, case
    and all), counted over the document's array of forms, not its tokens."""
    return int(numpy.count_nonzero(token.doc.to_array(ORTH) == token.orth))


def subjects(doc: Doc) -> list[Token]:
    """The nominal subjects of `doc` (active and passive), in reading order."""
    return tokens_with(doc, "dep", ("nsubj", "nsubjpass"))


def ends_sentence(doc: Doc, i: int) -> bool:
    """Whether token `i` is past the end, a full stop or exclamation mark, or a break."""
    return i >= len(doc) or doc[i].text in (".", "!") or doc[i].is_space


def _sentence_starts(doc: Doc) -> list[int]:
    """Where each sentence of `doc` starts (token indices), read once a document from the
    sentence starts the parse set, as `Token.sent` reads them (kept in `user_data`)."""
    starts = doc.user_data.get(SENTENCE_STARTS_KEY)
    if starts is None:
        if not doc.has_annotation("SENT_START"):
            return [sentence.start for sentence in doc.sents]  # (spaCy's own error)
        starts = [0] + [int(i) for i in numpy.flatnonzero(doc.to_array(SENT_START) == 1) if i > 0]
        doc.user_data[SENTENCE_STARTS_KEY] = starts
    return starts


def sentence_bounds(token: Token) -> tuple[int, int]:
    """The tokens [start, end) of the sentence holding `token`: those of `token.sent`,
    without spaCy's walk to the sentence's edges on every read."""
    doc = token.doc
    starts = _sentence_starts(doc)
    k = bisect_right(starts, token.i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


def sentence_of(token: Token) -> Span:
    """The sentence holding `token` (`token.sent`, found from the sentence starts)."""
    start, end = sentence_bounds(token)
    return Span(token.doc, start, end)


def sentences_back(token: Token, count: int) -> int:
    """The first token of the sentence `count` sentences before `token`'s (its own for 0, the
    document's first when there are fewer)."""
    starts = _sentence_starts(token.doc)
    k = bisect_right(starts, token.i) - 1
    return starts[max(k - count, 0)]


def sentences_apart(doc: Doc, earlier: int, later: int) -> int:
    """How many sentence breaks stand between the characters `earlier` and `later`."""
    a = doc.char_span(earlier, earlier + 1, alignment_mode="expand")
    b = doc.char_span(later, later + 1, alignment_mode="expand")
    if a is None or b is None or not len(a) or not len(b):
        return 0
    starts = _sentence_starts(doc)
    first, last = bisect_right(starts, a[0].i), bisect_right(starts, b[0].i)
    return max(last - first, 0)
