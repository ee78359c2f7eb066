"""The attribution sieves: which rules decide a statement's speaker, and in which order.

A sieve is one entry: a name, the function that tries it, the methods it may record and an
example sentence it decides. Each detector's candidates have one ordered list (`ORDERS`),
most precise first; the first sieve that decides wins. Document passes run afterwards over
all the statements of a document and give a speaker to quotes that still have none.
`attribute` records which sieve decided and composes the confidence (`confidence.py`).
Switching a sieve off (`quotes evaluate --without NAME`) is leaving its name out; adding
one is one function and one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Method
from .confidence import confidence
from .continuation import continuation, continue_reported
from .dialogue import assign_turns
from .layout import colon_speaker, credited_person, dash_speaker, equated_speaker, headline_speaker, label_speaker
from .narration import narration_subject
from .phrase import attribute_noun_cue, attribute_phrase
from .state import Attribution, Candidate, Context, Statement
from .verb import attribute_verb


@dataclass(frozen=True)
class Sieve:
    """One attribution rule: tries a statement, returns a decided Attribution or None."""

    name: str
    run: Callable[[Context, Candidate], Attribution | None]
    methods: tuple[Method, ...]  # what its records may say in `method`
    reads: str  # what it looks at, in a few words
    example: str  # a text it decides (the README's table shows it; a test runs it)


@dataclass(frozen=True)
class Pass:
    """A rule over all the statements of a document, run after the sieves."""

    name: str
    run: Callable[[Context, list[Statement]], None]
    methods: tuple[Method, ...]
    reads: str
    example: str


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


def _noun_cue(ctx: Context, candidate: Candidate) -> Attribution | None:
    noun = ctx.doc[candidate.phrase_ranges[0][0]]
    return attribute_noun_cue(ctx, candidate.verb, noun, candidate.content, candidate.previous)


def _headline(ctx: Context, candidate: Candidate) -> Attribution | None:
    return headline_speaker(ctx, *candidate.credit)


def _pull_quote(ctx: Context, candidate: Candidate) -> Attribution | None:
    return credited_person(ctx, ctx.doc[candidate.credit[0]:candidate.credit[1]])


VERB = Sieve("verb", _verb, (Method.SYNTAX, Method.INVERSION, Method.COREFERENCE),
             "the subject of the cue verb, or a speaker written after it",
             "“We will build it,” said Lena Ortiz.")
CUE_PHRASE = Sieve("cue_phrase", _cue_phrase, (Method.CUE_PHRASE, Method.COREFERENCE),
                   "a cue phrase of cue_phrases.txt next to the words ('in a statement', 'in an interview')",
                   "Lena Ortiz, in a blog post: “We will build it.”")
ACCORDING_TO = Sieve("according_to", _cue_phrase, (Method.CUE_PHRASE, Method.COREFERENCE),
                     "the source named after 'according to' in the clause it modifies",
                     "The bridge will open in May, according to Lena Ortiz.")
COLON = Sieve("colon", _colon, (Method.CUE_PHRASE, Method.SYNTAX, Method.INVERSION, Method.COREFERENCE),
              "a name or a clause ending in a colon before the quote",
              "Lena Ortiz spoke at noon.\n\nLena Ortiz: “We will build it.”")
DASH = Sieve("dash", _dash, (Method.CUE_PHRASE, Method.COREFERENCE), "a name after a dash that follows the quote",
             "“We will build it.” - Lena Ortiz")
LABEL = Sieve("label", _label, (Method.CUE_PHRASE,),
              "a transcript line's own label in capitals ('“WALLACE: …”')",
              "“ORTIZ: We will build it.”")
EQUATED = Sieve("equated", _equated, (Method.CUE_PHRASE, Method.COREFERENCE),
                "a sentence that says whose words the quote were ('“…” was the reply of X')",
                "The club showed the bridge.\n\n“The best bridge this year!” was the response of one viewer.")
NARRATION = Sieve("narration", _narration, (Method.NARRATION,),
                  "the subject of the narration right before a quote with no cue",
                  "Lena Ortiz looked at the bridge. “We will build it.”")
CONTINUATION = Sieve("continuation", continuation, (Method.CONTINUATION,),
                     "the speaker of the quote right before a quote with no cue",
                     "“We will build it,” said Lena Ortiz.\n\n“It will take two years.”")
NOUN_CUE = Sieve("noun_cue", _noun_cue, (Method.SYNTAX, Method.INVERSION, Method.CUE_PHRASE, Method.COREFERENCE),
                 "the owner of a noun of what was said, or the subject of the verb that expresses it",
                 "Lena Ortiz expressed doubts that the bridge would open in May.")
HEADLINE = Sieve("headline", _headline, (Method.CUE_PHRASE,),
                 "a name before the colon of a short paragraph with no quote marks",
                 "Ortiz: bridge will open in May\n\nLena Ortiz spoke at noon.")
PULL_QUOTE = Sieve("pull_quote", _pull_quote, (Method.CUE_PHRASE,),
                   "a person's name ending a paragraph set apart, with no verb of its own",
                   "It was never about the money for any of us. Mayor Lena Ortiz\n\nThe mayor spoke at noon.")

# One ordered list per detector (what found the candidate), most precise first.
DIRECT = (VERB, CUE_PHRASE, LABEL, COLON, DASH, EQUATED, NARRATION, CONTINUATION)
REPORTED = (VERB, CUE_PHRASE)
FRAGMENT = (VERB,)
ORDERS = {
    "direct": DIRECT,
    "reported": REPORTED,
    "according_to": (ACCORDING_TO,),
    "noun_cue": (NOUN_CUE,),
    "fragment": FRAGMENT,
    "headline": (HEADLINE,),
    "pull_quote": (PULL_QUOTE,),
}
# After the sieves, in this order, over every statement of the document.
PASSES = (
    Pass("turn_taking", assign_turns, (Method.TURN_TAKING,),
         "runs of paragraphs that answer each other: a cue-less quote takes its side's speaker",
         "Lena Ortiz met Tom Renner.\n\n“Will it open?” Renner asked.\n\n“In May,” Ortiz said.\n\n“Why so late?”"),
    Pass("continuation", continue_reported, (Method.CONTINUATION,),
         "a cue-less quote right after a reported statement goes on with its speaker",
         "Lena Ortiz said the bridge would cost less than the tunnel. “It will take two years.”"),
)
SIEVES = tuple(dict.fromkeys(s for order in ORDERS.values() for s in order))
NAMES = tuple(dict.fromkeys(entry.name for entry in SIEVES + PASSES))


def attribute(ctx: Context, candidate: Candidate, order: tuple[Sieve, ...] | None = None) -> Attribution:
    """The first decision of the sieves of `order` (by default, those of the detector that
    found the candidate) that are switched on, with its sieve and confidence; else what
    they learned without deciding (the cue, the one spoken to)."""
    for sieve in order if order is not None else ORDERS[candidate.found_by]:
        if sieve.name in ctx.without:
            continue
        found = sieve.run(ctx, candidate)
        if found is not None:
            found.sieve = sieve.name
            found.confidence = confidence(found.method, weak=found.weak, closed=candidate.closed,
                                          headline=candidate.found_by == "headline")
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
