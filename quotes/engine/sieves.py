"""The engine's registry: the detectors that find statements and the attribution sieves that
decide their speakers, in the order they run, each entry with an example sentence it
decides (`tests/engine/test_registry.py` runs every example).

A detector (`Detector`) is a name, the function that finds its candidates in a parsed
document, the policy that keeps them as statements (`decide.py`) and its sieves, tried in
order, most precise first; the first sieve that decides wins. Detectors run in the order
of `DETECTORS` (a later one may read an earlier one's candidates and statements).
Document passes (`PASSES`) run afterwards over all the statements of a document and give a
speaker to quotes that still have none. Switching a detector, a sieve or a pass off
(`quotes evaluate --without NAME`) is leaving its name out.

Adding a sieve touches at most four files:
1. the module that holds its rule: a function `(Context, Candidate) -> Attribution | None`
   over the parse in `quotes/engine/` (for a new detector, also its function
   `(Context, Found) -> list[Candidate]`, which imports no sieve);
2. this file: its `Sieve` entry with the example it decides, in its detector's `sieves`
   (a new detector: a `Detector` entry in `DETECTORS`, with its example);
3. `tests/engine/test_registry.py`: the pinned order (the example is run by itself);
4. a lexicon in `quotes/data/` when the rule reads words (`lexicon.py` loads them).
Nothing else names a sieve or a detector: `make docs` writes the tables of README.md and
docs/design.md from these entries (generated, not edited; a test fails until it has run).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Method
from .continuation import continuation, continue_reported, sequel, sequel_candidates, unplaced_pronoun
from .decide import (Kept, decided_where_free, every_quote, fragment_not_held, sequel_where_free, sourced,
                     sourced_where_free)
from .dialogue import assign_turns
from .direct import direct_candidates
from .fragments import fragment_candidates
from .layout import colon_speaker, credited_person, dash_speaker, equated_speaker, headline_speaker, label_speaker
from .narration import narration_subject
from .phrase import attribute_noun_cue, attribute_phrase
from .reported import according_candidates, noun_cue_candidates, reported_candidates
from .standalone import headline_candidates, pull_quote_candidates
from .state import Attribution, Candidate, Context, Found, Statement
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

SEQUEL = Sieve("sequel", sequel, (Method.CONTINUATION,),
               "the speaker of the reported statement in the sentence right before",
               "Lena Ortiz said the bridge was late. The city would \u201cneed to be patient\u201d.")

UNPLACED_PRONOUN = Sieve("unplaced_pronoun", unplaced_pronoun, (Method.COREFERENCE,),
                         "'it' or 'they' no resolver places: the organisation or group that spoke right before",
                         "Workers met the mayor on Monday. Experts warned that prices would rise, and the mayor agreed. They say the plant will close.")


@dataclass(frozen=True)
class Detector:
    """One way statements are found: its candidates, which of them are kept, and the
    sieves that decide their speakers."""

    name: str
    find: Callable[[Context, Found], list[Candidate]]  # its candidates; none has a speaker yet
    keep: Callable[[Context, list[Candidate], Kept, Callable[[Candidate], Attribution]], list[Statement]]
    sieves: tuple[Sieve, ...]  # tried in this order on each candidate
    reads: str
    example: str  # a text where it finds a statement
    lowered: bool = False  # its statements' confidence is lowered (a headline's: confidence.HEADLINE)


DETECTORS = (
    Detector("direct", direct_candidates, every_quote,
             (VERB, CUE_PHRASE, LABEL, COLON, DASH, EQUATED, NARRATION, CONTINUATION),
             "words in quote marks that stand as a quotation; each is a statement",
             "“We will build it,” said Lena Ortiz."),
    Detector("reported", reported_candidates, sourced, (VERB, CUE_PHRASE, UNPLACED_PRONOUN),
             "the content a speech verb reports, kept where its source is named",
             "Lena Ortiz said the bridge would open in May."),
    Detector("according_to", according_candidates, sourced_where_free, (ACCORDING_TO,),
             "the clause 'according to X' modifies",
             "The bridge will open in May, according to Lena Ortiz."),
    Detector("noun_cue", noun_cue_candidates, sourced_where_free, (NOUN_CUE,),
             "the clause a noun of what was said holds ('doubts that …')",
             "Lena Ortiz expressed doubts that the bridge would open in May."),
    Detector("fragment", fragment_candidates, fragment_not_held, (VERB,),
             "a short quote in the writer's sentence that a speech verb governs, no reported content holding it",
             "Lena Ortiz warned of “a disaster for the valley”."),
    Detector("sequel", sequel_candidates, sequel_where_free, (SEQUEL,),
             "a sentence with a quoted fragment and a backshifted verb right after reported speech, which it goes on with",
             "Lena Ortiz said the bridge was late. The city would \u201cneed to be patient\u201d."),
    Detector("headline", headline_candidates, decided_where_free, (HEADLINE,),
             "a short paragraph with no quote marks, a name before its colon",
             "Ortiz: bridge will open in May\n\nLena Ortiz spoke at noon.", lowered=True),
    Detector("pull_quote", pull_quote_candidates, decided_where_free, (PULL_QUOTE,),
             "a paragraph set apart that ends with a person's name",
             "It was never about the money for any of us. Mayor Lena Ortiz\n\nThe mayor spoke at noon."),
)
ORDERS = {detector.name: detector.sieves for detector in DETECTORS}
# After the sieves, in this order, over every statement of the document.
PASSES = (
    Pass("turn_taking", assign_turns, (Method.TURN_TAKING,),
         "runs of paragraphs that answer each other: a cue-less quote takes its side's speaker",
         "Lena Ortiz met Tom Renner.\n\n“Will it open?” Renner asked.\n\n“In May,” Ortiz said.\n\n“Why so late?”"),
    Pass("continuation", continue_reported, (Method.CONTINUATION,),
         "a cue-less quote right after a reported statement goes on with its speaker",
         "Lena Ortiz said the bridge would cost less than the tunnel. “It will take two years.”"),
)
SIEVES = tuple(dict.fromkeys(s for detector in DETECTORS for s in detector.sieves))
NAMES = tuple(dict.fromkeys(entry.name for entry in DETECTORS + SIEVES + PASSES))


def run_passes(ctx: Context, statements: list[Statement]) -> None:
    """Every document pass that is switched on, in order."""
    for entry in PASSES:
        if entry.name not in ctx.without:
            entry.run(ctx, statements)
