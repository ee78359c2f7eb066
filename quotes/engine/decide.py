"""The attribution stage: the detectors' candidates become statements. The detectors run in
the order of `sieves.DETECTORS`, from the most certain (a direct quote) to the least (a pull
quote); each candidate is tried by its detector's sieves in reading order, and its
detector's policy (one function here) says which candidates are kept: a candidate that a
statement already kept covers is dropped, and so is one that must name its source and does
not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Method
from .confidence import confidence
from .continuation import reported_right_before, split_by_attribution
from .cues import speech_verb
from .entities.resolvers import names_a_source
from .lexicon import unnamed_subjects
from .state import Attribution, Candidate, Context, Statement

Attribute = Callable[[Candidate], Attribution]  # a candidate tried by its detector's sieves


@dataclass
class Kept:
    """The statements kept so far in one document, detector by detector, and what the later
    detectors read of them."""

    statements: list[Statement] = field(default_factory=list)
    previous: Attribution | None = None  # the last reported statement's (a pronoun may point to its speaker)
    held: set[int] = field(default_factory=set)  # the quoted fragments reported content holds (their ids)


def attribute(ctx: Context, candidate: Candidate, order: tuple, lowered: bool = False) -> Attribution:
    """The first decision of the sieves of `order` that are switched on, with its sieve and
    confidence (`lowered` for a headline's); else what they learned without deciding (the
    cue, the one spoken to)."""
    for sieve in order:
        if sieve.name in ctx.without:
            continue
        found = sieve.run(ctx, candidate)
        if found is not None:
            found.sieve = sieve.name
            found.confidence = confidence(found.method, weak=found.weak, closed=candidate.closed, headline=lowered)
            return found
    partial = candidate.partial or Attribution()
    verb = candidate.verb
    return Attribution(cue=verb or partial.cue, cue_label=verb.text if verb is not None else partial.cue_label,
                       addressee=partial.addressee, mention=partial.mention)


def decide_statements(ctx: Context, found, detectors: tuple) -> list[Statement]:
    """The statements of a document, in reading order: the candidates of each detector of
    `detectors` (`sieves.Detector`, switched on) that its policy keeps."""
    kept = Kept()
    for detector in detectors:
        if detector.name in ctx.without:
            continue

        def attribute_one(candidate: Candidate, detector=detector) -> Attribution:
            return attribute(ctx, candidate, detector.sieves, detector.lowered)

        kept.statements += detector.keep(ctx, found[detector.name], kept, attribute_one)
    return sorted(kept.statements, key=lambda s: (s.start, s.end))


def every_quote(ctx: Context, candidates: list[Candidate], kept: Kept, attribute: Attribute) -> list[Statement]:
    """Every direct quote is a statement, with or without a speaker; one that an attribution
    interrupts ('"…," replied X, "…"') shares the statement number of the part before."""
    statements: list[Statement] = []
    next_id = 0
    for candidate in candidates:
        candidate.before = statements
        candidate.previous = statements[-1].attribution if statements else None
        attribution = attribute(candidate)
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


CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
SPEAKING_POS = ("NOUN", "PROPN", "ADJ")  # a described speaker no resolver named ("The 21-year-old said …")


def _unnamed_subject(ctx: Context, candidate: Candidate, attribution: Attribution) -> bool:
    """A subject that speaks though no one can be named for it ("It also said …", "They say
    …", "Those surveyed say …", "Six in 10 say …", "Two of the guards said …", "The
    21-year-old said …"): the cue verb's own subject (or its first conjunct's: "It made a
    loss and said …") is a pronoun, a group, a count or a description as written, and
    what it says is a clause the verb governs (not "what they call …", a term, nor "told
    stories about …")."""
    mention, cue = attribution.mention, attribution.cue
    if mention is None or cue is None:
        return False
    root = mention.root
    if root.dep_ != "nsubj" or root.i > cue.i:
        return False
    if root.head.i != cue.i and not (cue.dep_ == "conj" and root.head.i == cue.head.i):
        return False
    content = ctx.doc[candidate.content[0]:candidate.content[1]].root
    if content.head.i != cue.i or content.dep_ not in CLAUSE_DEPS:
        return False
    if any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in cue.children):
        return False  # ("They told stories about the time …": a narrated telling)
    return root.pos_ in SPEAKING_POS or root.lower_ in unnamed_subjects() or (
        root.pos_ == "NUM" and any(c.lower_ in ("in", "of") for c in root.children))


def sourced(ctx: Context, candidates: list[Candidate], kept: Kept, attribute: Attribute) -> list[Statement]:
    """Reported content is a statement when its source is named; a speech verb inside
    content kept before or after is part of that content. Records in `kept` the last attribution
    and the quoted fragments the candidates hold."""
    statements: list[Statement] = []
    verbs: list[int] = []  # the cue verb of each statement
    reported: set[int] = set()  # tokens of the content kept so far
    for candidate in candidates:
        if candidate.verb.i in reported:
            continue  # "X said that the city expects …": part of what X said
        candidate.previous = kept.previous
        candidate.before = kept.statements + statements
        kept.held.update(id(f) for f in candidate.holds)  # (kept or not: its verb's, not a fragment of its own)
        attribution = attribute(candidate)
        if not (_sourced(attribution) or _unnamed_subject(ctx, candidate, attribution)):
            continue
        if speech_verb(candidate.verb).weak and attribution.speaker_kind not in ("person", "anonymous"):
            continue  # ("the poll suggests …")
        statements.append(candidate.statement(attribution))
        verbs.append(candidate.verb.i)
        reported.update(range(*candidate.tokens))
        kept.previous = attribution
    return _not_nested(statements, verbs)


def _not_nested(statements: list[Statement], verbs: list[int]) -> list[Statement]:
    """Without a statement that lies, verb and all, inside what a later one reports ("[The
    city should encourage residents to walk], Ortiz writes": one statement, Ortiz's)."""
    return [s for s, verb in zip(statements, verbs)
            if not any(o is not s and o.token_start <= min(verb, s.token_start) and max(verb + 1, s.token_end) <= o.token_end
                       for o in statements)]


def sourced_where_free(ctx: Context, candidates: list[Candidate], kept: Kept, attribute: Attribute) -> list[Statement]:
    """Content no statement kept overlaps, where its source is named."""
    statements = []
    for candidate in candidates:
        if any(s.start < candidate.end and candidate.start < s.end for s in kept.statements):
            continue
        candidate.previous = kept.previous
        attribution = attribute(candidate)
        if _sourced(attribution):
            statements.append(candidate.statement(attribution))
    return statements


def fragment_not_held(ctx: Context, candidates: list[Candidate], kept: Kept, attribute: Attribute) -> list[Statement]:
    """A quoted fragment is a statement of its own when no statement kept holds it and its
    speaker is found."""
    statements: list[Statement] = []
    for candidate in candidates:
        f = candidate.quoted
        if id(f) in kept.held or any(s.start <= f.start and f.end <= s.end for s in kept.statements + statements):
            continue
        attribution = attribute(candidate)
        if attribution.decided():
            statements.append(candidate.statement(attribution))
    return statements


def decided_where_free(ctx: Context, candidates: list[Candidate], kept: Kept, attribute: Attribute) -> list[Statement]:
    """A headline's or a pull quote's words, where no statement kept overlaps them and their
    sieve finds the speaker."""
    statements = []
    for candidate in candidates:
        if any(s.start < candidate.end and candidate.start < s.end for s in kept.statements):
            continue
        attribution = attribute(candidate)
        if attribution.decided():
            statements.append(candidate.statement(attribution))
    return statements


def sequel_where_free(ctx: Context, candidates: list[Candidate], kept: Kept, attribute: Attribute) -> list[Statement]:
    """A sentence that goes on with reported speech is a statement when it stands right
    after a reported statement whose speaker is known, and no statement kept overlaps it."""
    statements: list[Statement] = []
    for candidate in candidates:
        if any(s.start < candidate.end and candidate.start < s.end for s in kept.statements):
            continue
        before = [s for s in kept.statements + statements if s.end <= candidate.start]
        if not before:
            continue
        last = max(before, key=lambda s: (s.end, s.start))
        if not reported_right_before(ctx, last, candidate.tokens[0]):
            continue
        candidate.before = [last]
        attribution = attribute(candidate)
        if attribution.decided():
            statements.append(candidate.statement(attribution))
    return statements
