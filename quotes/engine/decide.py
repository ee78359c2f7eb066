"""The attribution stage: the detectors' candidates become statements. Each candidate is
tried by the sieves of the detector that found it (`sieves.ORDERS`), in reading order,
detector by detector from the most certain (a direct quote) to the least (a pull quote);
a candidate that a statement already kept covers is dropped, and so is one that must name
its source and does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Method
from .continuation import split_by_attribution
from .cues import speech_verb
from .entities.resolvers import names_a_source
from .sieves import attribute
from .state import Attribution, Candidate, Context, Statement


@dataclass
class Found:
    """What the detectors found in one document, by detector."""

    direct: list[Candidate] = field(default_factory=list)
    reported: list[Candidate] = field(default_factory=list)
    according_to: list[Candidate] = field(default_factory=list)
    noun_cue: list[Candidate] = field(default_factory=list)
    fragment: list[Candidate] = field(default_factory=list)
    headline: list[Candidate] = field(default_factory=list)
    pull_quote: list[Candidate] = field(default_factory=list)


def decide_statements(ctx: Context, found: Found) -> list[Statement]:
    """The statements of a document, in reading order."""
    direct = _direct(ctx, found.direct)
    reported, previous, held = _reported(ctx, found.reported)
    according = _according_to(ctx, found.according_to + found.noun_cue, direct + reported, previous)
    fragments = _fragments(ctx, found.fragment, reported + according, held)
    kept = direct + reported + according + fragments
    headlines = _standalone(ctx, found.headline, kept)
    kept += headlines
    kept += _standalone(ctx, found.pull_quote, kept)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _direct(ctx: Context, candidates: list[Candidate]) -> list[Statement]:
    """Every direct quote is a statement, with or without a speaker; one that an attribution
    interrupts ('"…," replied X, "…"') shares the statement number of the part before."""
    statements: list[Statement] = []
    next_id = 0
    for candidate in candidates:
        candidate.before = statements
        candidate.previous = statements[-1].attribution if statements else None
        attribution = attribute(ctx, candidate)
        before = statements[-1] if statements else None
        if before is not None and _same_statement(ctx, before, attribution, candidate.tokens[0]):
            statement_id = before.statement
        else:
            statement_id, next_id = next_id, next_id + 1
        statements.append(candidate.statement(attribution, statement_id))
    return statements


def _same_statement(ctx: Context, before: Statement, attribution: Attribution, t_start: int) -> bool:
    """The quote goes on with the statement before it in the same paragraph: both hang on
    one cue ('"…," replied X, "…"'), or it continues that speaker, or neither has a speaker
    and only the attribution of the first stands between them."""
    if ctx.paragraph_bounds(t_start) != ctx.paragraph_bounds(before.token_start):
        return False
    previous = before.attribution
    if previous.cue is not None and attribution.cue is not None and attribution.cue.i == previous.cue.i:
        return True
    if attribution.decided():
        return attribution.method is Method.CONTINUATION
    return not previous.decided() and split_by_attribution(ctx, before, t_start)


def _sourced(attribution: Attribution) -> bool:
    """A speaker, or at least a document or message named as the source ("the report says
    …", kept where the text names no author)."""
    return attribution.decided() or (attribution.mention is not None and names_a_source(attribution.mention))


def _reported(ctx: Context, candidates: list[Candidate]) -> tuple[list[Statement], Attribution | None, set[int]]:
    """Reported content is a statement when its source is named; a speech verb inside
    content kept before is part of that content. Returns the statements, the last
    attribution and the quoted fragments (their ids) the statements hold."""
    statements: list[Statement] = []
    previous = None
    held: set[int] = set()
    reported: set[int] = set()  # tokens of the content kept so far
    for candidate in candidates:
        if candidate.verb.i in reported:
            continue  # "X said that the city expects …": part of what X said
        candidate.previous = previous
        held.update(id(f) for f in candidate.holds)  # (kept or not: its verb's, not a fragment of its own)
        attribution = attribute(ctx, candidate)
        if not _sourced(attribution):
            continue
        if speech_verb(candidate.verb).weak and attribution.speaker_kind not in ("person", "anonymous"):
            continue  # ("the poll suggests …")
        statements.append(candidate.statement(attribution))
        reported.update(range(*candidate.tokens))
        previous = attribution
    return statements, previous, held


def _according_to(ctx: Context, candidates: list[Candidate], known: list[Statement],
                  previous: Attribution | None) -> list[Statement]:
    statements = []
    for candidate in candidates:
        if any(s.start < candidate.end and candidate.start < s.end for s in known):
            continue
        candidate.previous = previous
        attribution = attribute(ctx, candidate)
        if _sourced(attribution):
            statements.append(candidate.statement(attribution))
    return statements


def _fragments(ctx: Context, candidates: list[Candidate], known: list[Statement], held: set[int]) -> list[Statement]:
    """A quoted fragment is a statement of its own when no statement kept holds it and its
    speaker is found."""
    statements: list[Statement] = []
    for candidate in candidates:
        f = candidate.quoted
        if id(f) in held or any(s.start <= f.start and f.end <= s.end for s in known + statements):
            continue
        attribution = attribute(ctx, candidate)
        if attribution.decided():
            statements.append(candidate.statement(attribution))
    return statements


def _standalone(ctx: Context, candidates: list[Candidate], known: list[Statement]) -> list[Statement]:
    """A headline's or a pull quote's words, where no statement kept overlaps them and their
    sieve finds the speaker."""
    statements = []
    for candidate in candidates:
        if any(s.start < candidate.end and candidate.start < s.end for s in known):
            continue
        attribution = attribute(ctx, candidate)
        if attribution.decided():
            statements.append(candidate.statement(attribution))
    return statements
