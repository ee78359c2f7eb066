"""Turn-taking: in a run of consecutive paragraphs that each hold a quote, two people who
answer each other speak in alternate paragraphs (A, B, A, B). A paragraph whose quote has
no cue of its own takes the speaker of its side of the exchange.

The two sides are learned from the run itself, in reading order: a quote attributed by its
own cue sets the speaker of its side; the person it is said to, or a name it addresses
("Well, Ilse, …"), sets the other side. A turn is only assigned while both sides are known
and differ, so a monologue split over paragraphs (one speaker, each paragraph closing its
quote, as news writes it) keeps its speaker. A cue-less turn that addresses the speaker of
its own side by name breaks the alternation: it goes to the other side, and the sides swap
from there. A turn assigned this way is said to the other side: that is its addressee.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Method
from .confidence import confidence
from .entities.lookup import person_named
from .lexicon import is_title_word, vocative_openers
from .state import Attribution, Context, Statement

FREE = (None, Method.CONTINUATION)  # what turn-taking may decide instead
MIN_RUN = 3  # paragraphs: an exchange needs a reply to a reply


@dataclass
class Party:
    speaker: object | None
    name: str
    kind: str


def assign_turns(ctx: Context, statements: list[Statement]) -> None:
    """Re-attribute the cue-less quotes of every dialogue run in place."""
    for run in _runs(ctx, statements):
        if len(run) >= MIN_RUN:
            _alternate(ctx, run)


def _runs(ctx: Context, statements: list[Statement]) -> list[list[list[Statement]]]:
    """Runs of turns: a turn is the direct quotes of one paragraph; a run is turns in
    paragraphs that follow one another with no quote-less paragraph between."""
    runs: list[list[list[Statement]]] = []
    last_paragraph = None
    for s in statements:
        if s.type != "direct" or s.token_end <= s.token_start:
            continue
        paragraph = ctx.paragraph_index(s.token_start)
        if paragraph == last_paragraph:
            runs[-1][-1].append(s)
            continue
        if last_paragraph is None or paragraph != last_paragraph + 1:
            runs.append([])
        runs[-1].append([s])
        last_paragraph = paragraph
    return runs


def _alternate(ctx: Context, run: list[list[Statement]]) -> None:
    sides: list[Party | None] = [None, None]
    for k, turn in enumerate(run):
        side, other = k % 2, (k + 1) % 2
        first = turn[0].attribution
        called = _addressed(ctx, turn)
        if first.method is not None and not first.method.carried and first.speaker_name:
            sides[side] = Party(first.speaker, first.speaker_name, first.speaker_kind or "person")
            listener = _addressee_party(ctx, first) or _other(called, sides[side])
            if listener is not None:
                sides[other] = listener
            continue
        if first.method not in FREE:
            continue
        if sides[side] is not None and any(_same(p, sides[side]) for p in called):
            sides[side], sides[other] = sides[other], sides[side]  # the same side spoke twice
        here, there = sides[side], sides[other]
        if there is None or here is None:
            named = _other(called, here)
            if here is None or named is None:
                continue
            sides[other] = there = named
        if _same(here, there) or here.kind == there.kind == "organisation":
            continue  # (organisations issue statements; they do not answer each other)
        for s in turn:
            if s.attribution.method in FREE:
                s.attribution = Attribution(speaker=here.speaker, speaker_name=here.name,
                                            speaker_kind=here.kind, method=Method.TURN_TAKING,
                                            addressee=there.name if there.kind == "person" else None,
                                            confidence=confidence(Method.TURN_TAKING, closed=s.closed),
                                            sieve="turn_taking")


def _same(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return False
    if a.speaker is not None and a.speaker is b.speaker:
        return True
    return a.name == b.name


def _other(parties: list[Party], speaker: Party | None) -> Party | None:
    for party in parties:
        if not _same(party, speaker):
            return party
    return None


def _addressee_party(ctx: Context, attribution: Attribution) -> Party | None:
    if not attribution.addressee:
        return None
    entity = person_named(ctx.graph, attribution.addressee)
    if entity is None:
        return None
    return Party(entity, entity.name, "person")


def _addressed(ctx: Context, turn: list[Statement]) -> list[Party]:
    """People a turn calls by name: a name set off by commas at the start or end of a
    sentence of the quote ("Well, Ilse, …", "…, Jon?")."""
    doc = ctx.doc
    found = []
    for s in turn:
        i = s.token_start
        while i < s.token_end:
            token = doc[i]
            if token.pos_ != "PROPN":
                i += 1
                continue
            j = i
            while j < s.token_end and doc[j].pos_ == "PROPN":
                j += 1
            before = doc[i - 1].text if i > s.token_start else ","
            after = doc[j].text if j < s.token_end else "."
            words = [t.text for t in doc[i:j] if not is_title_word(t.text.rstrip("."))]
            if before in vocative_openers() and after in (",", ".", "!", "?", ";") and words:
                entity = person_named(ctx.graph, " ".join(words)) or person_named(ctx.graph, words[-1])
                if entity is not None and entity.kind == "person":
                    found.append(Party(entity, entity.name, "person"))
            i = j
    return found
