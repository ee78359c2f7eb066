"""Pull quotes: a paragraph that sets a speaker's words apart from the article and ends with
the speaker's name, with no verb and no quote marks ("It was never about the money. Mayor
Lena Ortiz"). Web pages lay them out as a block beside the text; read as text, the credit
is the last words of the paragraph. The words are that person's statement, and a quote
with no cue right after the block goes on with them.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..model import Method
from ..paragraphs import paragraph_spans
from .boilerplate import inside
from .confidence import confidence
from .lexicon import is_title_word
from .resolution import resolve
from .speakers import PERSON_LABELS
from .state import Attribution, Context, Statement
from .tokens import CLOSING_MARKS, SENTENCE_END, token_range

PULL_MIN_WORDS = 6  # words a pull quote has at least before its credit
CREDIT_MAX_WORDS = 8  # words of a credit at most: titles and the name


def credit(ctx: Context, t_start: int, t_end: int) -> tuple[int, Span] | None:
    """(the token that ends the words, the credited name) when tokens [t_start, t_end) are
    a pull quote, else None."""
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
    known = ctx.index.entity_for_text(name)
    if name[-1].ent_type_ not in PERSON_LABELS and (known is None or known.kind != "person"):
        return None  # (a name the model took for an organisation counts when the text makes it a person)
    while len(name) > 1 and name[0].ent_type_ not in PERSON_LABELS and known is None:
        name = name[1:]
    return end, name


def credited_speaker(ctx: Context, t_start: int, t_end: int) -> Attribution | None:
    """The attribution a pull quote in tokens [t_start, t_end) gives its words, else None."""
    found = _credited(ctx, t_start, t_end)
    return found[1] if found is not None else None


def _credited(ctx: Context, t_start: int, t_end: int) -> tuple[int, Attribution] | None:
    """(the token that ends the words, their attribution) for a pull quote, else None."""
    found = credit(ctx, t_start, t_end)
    if found is None:
        return None
    end, name = found
    entity, speaker, kind, via = resolve(ctx, name, set(), None)
    if speaker is None or kind != "person":
        return None
    return end, Attribution(mention=name, speaker=entity, speaker_name=speaker, speaker_kind=kind,
                            method=Method.CUE_PHRASE)


def find_pull_quotes(ctx: Context, known: list[Statement], skip) -> list[Statement]:
    """The pull quotes of a document that no statement found so far overlaps."""
    found = []
    for p_start, p_end in paragraph_spans(ctx.text):
        if inside(skip, p_start, p_end):
            continue
        t_start, t_end = token_range(ctx.doc, p_start, p_end)
        if t_end <= t_start or not (ctx.doc[t_end - 1].pos_ == "PROPN" or ctx.doc[t_end - 1].is_space):
            continue  # (a cheap test first: a paragraph that ends with a name)
        credited = _credited(ctx, t_start, t_end)
        if credited is None:
            continue
        end_token, attribution = credited
        start, end = ctx.doc[t_start].idx, ctx.doc[end_token].idx + len(ctx.doc[end_token])
        if any(k.start < end and start < k.end for k in known):
            continue
        attribution.sieve = "pull_quote"
        attribution.confidence = confidence(Method.CUE_PHRASE)
        found.append(Statement(start, end, "indirect", attribution, ((start, end),), True, None, t_start, end_token + 1))
    return found
