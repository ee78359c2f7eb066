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
        if len(run) >= MIN_RUN and exchange(ctx, run):
            _alternate(ctx, run)


def last_run(ctx: Context, statements: list[Statement]) -> list[list[Statement]]:
    """The run of turns the statements so far end with."""
    runs = _runs(ctx, statements)
    return runs[-1] if runs else []


def asks(ctx: Context, words: tuple[int, int]) -> bool:
    """The quoted words (a token range, its quote marks left out) end in a question mark."""
    last = next((t for t in reversed(ctx.doc[words[0]:words[1]]) if not (t.is_space or t.is_quote)), None)
    return last is not None and last.text.endswith("?")


MIN_QUESTIONS = 2  # quoted questions that make a document one where people talk to each other
QUESTION_SHARE = 0.05  # … and their least share of its quotes


def converses(ctx: Context) -> bool:
    """The document is one where people talk to each other (fiction, a transcript), not one
    where a writer quotes people in turn (news): at least two of its quotes, and one in
    twenty, are questions. Counted once a document."""
    found = ctx.memo.get("converses")
    if found is None:
        doc, quotes, questions = ctx.doc, 0, 0
        for t in doc:
            if t.i not in ctx.in_quote:
                continue
            if t.is_quote:
                quotes += 0.5  # (an opening and a closing mark a quote)
            if t.text.endswith("?") and t.i + 1 < len(doc) and t.i + 1 in ctx.in_quote and doc[t.i + 1].is_quote:
                questions += 1
        found = questions >= MIN_QUESTIONS and questions >= QUESTION_SHARE * quotes
        ctx.memo["converses"] = found
    return found


def exchange(ctx: Context, run: list[list[Statement]]) -> bool:
    """The run reads as people answering each other, not as a writer quoting them one after
    another: the document is a conversation (`converses`), or one of the run's quotes asks a
    question, calls someone by name, or is said to a person the article names ("…," she
    told Renner)."""
    if converses(ctx):
        return True
    for turn in run:
        if any(asks(ctx, (s.token_start, s.token_end)) for s in turn):
            return True
        if _addressed(ctx, turn) or any(_addressee_party(ctx, s.attribution) is not None for s in turn):
            return True
    return False


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
                                            sieve="turn_taking", resolver="turn-taking",
                                            evidence=f"turn-taking: {here.name}'s side of an exchange with {there.name}")


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
