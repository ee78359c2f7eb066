"""Pull quotes: a paragraph that sets a speaker's words apart from the article and ends with
the speaker's name, with no verb and no quote marks ("It was never about the money. Mayor
Lena Ortiz"). Web pages lay them out as a block beside the text; read as text, the credit
is the last words of the paragraph. `credit` reads that layout; `standalone.py` makes the
words a candidate statement, and whether the credit names a person is for its sieve
(`layout.credited_speaker`).
"""

from __future__ import annotations

from spacy.tokens import Span

from .lexicon import is_title_word
from .state import Context
from .tokens import CLOSING_MARKS, PERSON_LABELS, SENTENCE_END

PULL_MIN_WORDS = 6  # words a pull quote has at least before its credit
CREDIT_MAX_WORDS = 8  # words of a credit at most: titles and the name


def credit(ctx: Context, t_start: int, t_end: int) -> tuple[int, Span] | None:
    """(the token that ends the words, the name that credits them, titles left out) when
    tokens [t_start, t_end) are laid out as a pull quote, else None."""
    doc = ctx.doc
    last = t_end - 1
    while last >= t_start and (doc[last].is_space or doc[last].is_punct):
        last -= 1
    if last < t_start or not (doc[last].ent_type_ in PERSON_LABELS or doc[last].pos_ == "PROPN") or not all(
            t.is_space for t in doc[last + 1:t_end]):
        return None
    first = last
    while first > t_start and last - first < CREDIT_MAX_WORDS and (
            doc[first - 1].ent_type_ in PERSON_LABELS or doc[first - 1].pos_ == "PROPN" or is_title_word(doc[first - 1].text)):
        first -= 1
    end = first - 1
    if end < t_start or not (doc[end].text in SENTENCE_END or doc[end].text in CLOSING_MARKS):
        return None
    if any(t.i in ctx.in_quote for t in doc[t_start:t_end]):
        return None
    if sum(1 for t in doc[t_start:end] if t.is_alpha) < PULL_MIN_WORDS:
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[t_start:end]):
        return None
    name = doc[first:last + 1]
    while len(name) > 1 and is_title_word(name[0].text):
        name = name[1:]
    return end, name
