"""The attribution sieves: which rules decide a statement's speaker, and in which order.

A sieve is one entry: a name, the function that tries it and the methods it may record.
Each kind of statement has one ordered list, most precise first; the first sieve that
decides wins. Document passes run afterwards over all the statements of a document and
give a speaker to quotes that still have none. `attribute` records which sieve decided
and composes the confidence (`confidence.py`). Switching a sieve off (`quotes evaluate
--without NAME`) is leaving its name out; adding one is one function and one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Method
from .confidence import confidence
from .continuation import continuation, continue_reported
from .dialogue import assign_turns
from .layout import colon_speaker, dash_speaker, equated_speaker, label_speaker
from .narration import narration_subject
from .phrase import attribute_phrase
from .state import Attribution, Candidate, Context, Statement
from .verb import attribute_verb


@dataclass(frozen=True)
class Sieve:
    """One attribution rule: tries a statement, returns a decided Attribution or None."""

    name: str
    run: Callable[[Context, Candidate], Attribution | None]
    methods: tuple[Method, ...]  # what its records may say in `method`
    reads: str  # what it looks at, in a few words


@dataclass(frozen=True)
class Pass:
    """A rule over all the statements of a document, run after the sieves."""

    name: str
    run: Callable[[Context, list[Statement]], None]
    methods: tuple[Method, ...]
    reads: str


def _verb(ctx: Context, candidate: Candidate) -> Attribution | None:
    if candidate.verb is None:
        return None
    found = attribute_verb(ctx, candidate.verb, candidate.content, candidate.previous,
                           stop=candidate.stop, inverted=candidate.inverted)
    if found.decided():
        return found
    candidate.partial = found  # the one spoken to, and a mention no one could be found for
    return None


def _cue_phrase(ctx: Context, candidate: Candidate) -> Attribution | None:
    for start, end in candidate.phrase_ranges:
        found = attribute_phrase(ctx, start, end, candidate.previous)
        if found is not None and found.decided():
            return found
        if found is not None and candidate.partial is None:
            candidate.partial = found  # a source named, its author not: the mention stays
    return None


def _colon(ctx: Context, candidate: Candidate) -> Attribution | None:
    return colon_speaker(ctx, candidate.content[0], candidate.paragraph[0], candidate.previous)


def _dash(ctx: Context, candidate: Candidate) -> Attribution | None:
    return dash_speaker(ctx, candidate.content[1], candidate.paragraph[1], candidate.previous)


def _label(ctx: Context, candidate: Candidate) -> Attribution | None:
    return label_speaker(ctx, candidate.content)


def _equated(ctx: Context, candidate: Candidate) -> Attribution | None:
    return equated_speaker(ctx, candidate.content, candidate.previous)


def _narration(ctx: Context, candidate: Candidate) -> Attribution | None:
    if candidate.verb is not None:
        return None  # a quote with a cue of its own is not narrated
    return narration_subject(ctx, candidate.content[0], candidate.paragraph[0], candidate.previous)


VERB = Sieve("verb", _verb, (Method.SYNTAX, Method.INVERSION, Method.COREFERENCE),
             "the subject of the cue verb, or a speaker written after it")
CUE_PHRASE = Sieve("cue_phrase", _cue_phrase, (Method.CUE_PHRASE, Method.COREFERENCE),
                     "a cue phrase of cue_phrases.txt next to the words ('according to X', 'in a statement')")
COLON = Sieve("colon", _colon, (Method.CUE_PHRASE, Method.SYNTAX, Method.INVERSION, Method.COREFERENCE),
              "a name or a clause ending in a colon before the quote")
DASH = Sieve("dash", _dash, (Method.CUE_PHRASE, Method.COREFERENCE), "a name after a dash that follows the quote")
LABEL = Sieve("label", _label, (Method.CUE_PHRASE,),
              "a transcript line's own label in capitals ('“WALLACE: …”')")
EQUATED = Sieve("equated", _equated, (Method.CUE_PHRASE, Method.COREFERENCE),
                "a sentence that says whose words the quote were ('“…” was the reply of X')")
NARRATION = Sieve("narration", _narration, (Method.NARRATION,),
                  "the subject of the narration right before a quote with no cue")
CONTINUATION = Sieve("continuation", continuation, (Method.CONTINUATION,),
                     "the speaker of the quote right before a quote with no cue")

# One ordered list per kind of statement, most precise first.
DIRECT = (VERB, CUE_PHRASE, LABEL, COLON, DASH, EQUATED, NARRATION, CONTINUATION)
REPORTED = (VERB, CUE_PHRASE)
FRAGMENT = (VERB,)
# After the sieves, in this order, over every statement of the document.
PASSES = (
    Pass("turn_taking", assign_turns, (Method.TURN_TAKING,),
         "runs of paragraphs that answer each other: a cue-less quote takes its side's speaker"),
    Pass("continuation", continue_reported, (Method.CONTINUATION,),
         "a cue-less quote right after a reported statement goes on with its speaker"),
)
NAMES = tuple(dict.fromkeys(entry.name for entry in DIRECT + REPORTED + FRAGMENT + PASSES))


def attribute(ctx: Context, candidate: Candidate, order: tuple[Sieve, ...]) -> Attribution:
    """The first decision of the sieves of `order` that are switched on, with its sieve and
    confidence; else what they learned without deciding (the cue, the one spoken to)."""
    for sieve in order:
        if sieve.name in ctx.without:
            continue
        found = sieve.run(ctx, candidate)
        if found is not None:
            found.sieve = sieve.name
            found.confidence = confidence(found.method, weak=found.weak, closed=candidate.closed)
            return found
    partial = candidate.partial or Attribution()
    verb = candidate.verb
    return Attribution(cue=verb or partial.cue, cue_label=verb.text if verb is not None else partial.cue_label,
                       addressee=partial.addressee, mention=partial.mention)


def run_passes(ctx: Context, statements: list[Statement]) -> None:
    """Every document pass that is switched on, in order."""
    for entry in PASSES:
        if entry.name not in ctx.without:
            entry.run(ctx, statements)
