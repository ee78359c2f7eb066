"""The narration sieve: a quote with no cue of its own, after narration, goes to the person
that narration is about."""

from __future__ import annotations

from ..model import Method
from .cues import speech_verb
from .layout import credited_speaker
from .lexicon import speech_nouns
from .mentions import mention_span
from .entities.resolvers import resolve
from .state import Attribution, Context
from .tokens import PERSON_LABELS
from .entities.kinds import gendered_pronoun

NARRATION_SENTENCES = 2  # sentences of the paragraph before that a cue-less quote may look at


def narration_subject(ctx: Context, q_start: int, p_start: int, previous: Attribution | None) -> Attribution | None:
    """'Mrs. Ortiz almost started. “Live with me?”': a quote with no cue, after narration in
    its own paragraph, goes to the person that narration is about (the subject of the
    sentence right before it). A quote that opens its paragraph looks at the last sentences
    of the paragraph before, when that one is all narration ('Howell says she wants a
    change.' then '“When my kids come home …”')."""
    doc = ctx.doc
    j = q_start - 1
    while j >= p_start and (doc[j].is_punct or doc[j].is_space) and j not in ctx.in_quote:
        j -= 1
    if j >= p_start:
        if j in ctx.in_quote:
            return None
        sentences = [doc[j].sent]
        lowest = p_start
    else:
        if p_start == 0:
            return None
        before_start, before_end = ctx.paragraph_bounds(p_start - 1)
        if any(k in ctx.in_quote for k in range(before_start, before_end)):
            return None
        pulled = credited_speaker(ctx, before_start, before_end)
        if pulled is not None:  # a pull quote: its speaker's words, not narration
            pulled.method = Method.NARRATION
            return pulled
        last = before_end - 1
        while last > before_start and doc[last].is_space:
            last -= 1
        sentences = []
        for _ in range(NARRATION_SENTENCES):
            if last < before_start:
                break
            sentence = doc[last].sent
            sentences.append(sentence)
            last = sentence.start - 1
        lowest = before_start
    for sent in sentences:
        found = _person_subject(ctx, sent, lowest, previous, same_paragraph=j >= p_start)
        if found is not None:
            return found
    return None


def _person_subject(ctx: Context, sent, lowest: int, previous: Attribution | None,
                    same_paragraph: bool) -> Attribution | None:
    root = sent.root
    if root.i in ctx.in_quote or (same_paragraph and speech_verb(root) is not None and not _has_said(ctx, root)):
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i >= lowest]
    owner = _owner_of_words(sent, lowest)
    if owner is not None:  # "Her message is simple: …" then "“Don't share …”"
        subjects = [owner]
    if not subjects or subjects[0].i in ctx.in_quote:
        return None
    subject = next((t for t in subjects if _a_person(ctx, t)), subjects[0])  # ("Chief constable Mr X": two subjects)
    # "The party issued a statement apologizing …" then "“On behalf of …”": its words
    issued = any(c.dep_ == "dobj" and c.lemma_.lower() in speech_nouns() for c in root.children)
    if owner is None and subject.ent_type_ not in PERSON_LABELS and gendered_pronoun(subject) is None and not (
            subject.pos_ == "PROPN" and not subject.ent_type_) and not issued and not _a_person(ctx, subject):
        return None
    span = mention_span(subject)
    link = resolve(ctx, span, set(), previous)
    if link.name is None or not (link.kind == "person" and link.entity is not None) \
            and not (issued and link.kind == "organisation"):
        return None
    return Attribution.resolved(link, mention=span, method=Method.NARRATION)


def _has_said(ctx: Context, verb) -> bool:
    """Whether a speech verb has its own object ("X criticised the plans. “…”"): the quote
    after it is not its content, and X goes on. (One with its own clause is the continuation
    pass's: "X said that S. “…”".)"""
    return any(c.dep_ == "dobj" and c.i not in ctx.in_quote for c in verb.children)


def _a_person(ctx: Context, token) -> bool:
    """A name the names pass made a person, whatever the model tagged it."""
    person = ctx.graph.person_at(token.idx, token.idx + len(token))
    return person is not None and person.kind == "person"


def _owner_of_words(sent, lowest: int):
    """'Her message is simple: …', 'His answer:': the possessor of something said that
    a colon opens, else None."""
    for token in sent:
        if token.i < lowest or token.text == ":":
            break
        if token.dep_ in ("nsubj", "ROOT") and token.lemma_.lower() in speech_nouns() and any(
                t.text == ":" for t in token.doc[token.i + 1:sent.end]):
            return next((c for c in token.children if c.dep_ == "poss"), None)
    return None
