"""Each person's gender evidence in one article, read from the mentions the article links to
them: the names as written (an honorific before them included), nouns set beside a name
("spokeswoman Ana Ruiz", "his wife, Ana"), the pronouns resolved to them, and possessives
("her office") that can mean no one else. Counting and deciding are in `quotes/gender.py`
(`evidence_of` takes the mentions as (text, kind) pairs, whatever found them); this module
only finds the words, and changes nothing the sieves decided.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Iterable

from spacy.tokens import Span, Token

from ..gender import NOUN, PRONOUN, evidence_of, pronoun_genders, word_genders
from ..model import Quote
from .lexicon import is_person_noun
from .entities.graph import Entity, Graph, Link

SHARED_SUBJECT = ("xcomp", "conj", "advcl")  # clauses that may take the subject of the one they hang on
LINK_WINDOW = 600  # characters back in which a possessive looks for the sentence naming its person


def evidence_by_entity(graph: Graph, quotes: Iterable[Quote], in_quote: set[int]) -> dict[int, Counter]:
    """id(entity) -> the gender evidence of each person of the article (see
    `quotes.gender.evidence_of`); `in_quote` holds the token indices inside quote marks."""
    mentions = mentions_of(graph, quotes, in_quote)
    return {id(e): evidence_of(mentions.get(id(e), ()), e.role, e.name)
            for e in graph.people if e.kind == "person"}


def mentions_of(graph: Graph, quotes: Iterable[Quote], in_quote: set[int]) -> dict[int, list[tuple[str, str]]]:
    """id(entity) -> its mentions in the article as (text, kind): "name" (with the
    honorific before it), "noun" (a gendered noun set beside a name) and "pronoun" (the
    subjects the pronoun chain linked to the person, the pronouns the sieves resolved to them as
    speakers, and possessives that can mean no one else)."""
    doc = graph.doc
    found: dict[int, list[tuple[str, str]]] = {}
    pronouns: dict[int, set[int]] = {}  # id(entity) -> offsets of its pronouns, counted once

    def pronoun(entity: Entity, text: str, at: int) -> None:
        if at not in pronouns.setdefault(id(entity), set()):
            pronouns[id(entity)].add(at)
            found.setdefault(id(entity), []).append((text, PRONOUN))

    for mention in graph.links:
        entity = mention.entity
        if entity.kind != "person":
            continue
        if mention.pronoun:
            pronoun(entity, mention.text, mention.start)
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            found.setdefault(id(entity), []).append((_with_honorific(span), "name"))
            found[id(entity)].extend((t.lower_, NOUN) for t in _nouns_beside(span))
    people = {entity.name: entity for entity in graph.people if entity.kind == "person"}
    for q in quotes:
        entity = people.get(q.speaker or "")
        if entity is not None and q.speaker_start is not None and (q.speaker_mention or "").lower() in pronoun_genders():
            pronoun(entity, q.speaker_mention, q.speaker_start)
    for entity, token in _possessives(graph, in_quote):
        pronoun(entity, token.text, token.idx)
    return found


def _with_honorific(span: Span) -> str:
    """A name as written, with the honorific or gendered noun right before it ("Mr. Ortiz"
    where the model tagged "Ortiz")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in word_genders():
        return doc[span.start - 1].text + " " + span.text
    return span.text


def _nouns_beside(span: Span) -> list[Token]:
    """Gendered common nouns set beside a name: in apposition ("Ana Ruiz, a spokeswoman";
    "his wife, Ana") or compounded with it. Not a noun the name only depends on ("the son
    of Lena Ortiz"), nor a word of another name ("Queen Mary University")."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ in ("appos", "compound") and not span.start <= c.i < span.end]
    if root.dep_ == "appos":
        nouns.append(root.head)
    return [t for t in nouns if t.pos_ == "NOUN" and t.is_lower and t.lower_ in word_genders()]


def _possessives(graph: Graph, in_quote: set[int]) -> list[tuple[Entity, Token]]:
    """Possessives of the narration ("her office said") that can mean one person only: the
    nearest sentence up to them that names anyone names that one person, no other person
    (a person noun, an unlinked name) stands between, and the possessive's own clause has
    no named subject. (On the GGT dev sets such links were right 125 times in 128; object
    pronouns and possessives in a clause whose subject is a name ("Ortiz killed her
    parents") are wrong too often to count.)"""
    doc = graph.doc
    people = [m for m in graph.links if not m.quoted]
    starts = [m.start for m in people]
    links = []
    for token in doc:
        if token.dep_ != "poss" or token.lower_ not in pronoun_genders() or token.i in in_quote:
            continue
        if _clause_subject_named(graph, token):
            continue
        entity = _only_person(doc, people, starts, token)
        if entity is not None:
            links.append((entity, token))
    return links


def _clause_subject_named(graph: Graph, token: Token) -> bool:
    """The clause holding the possessive has a subject that names someone (a name or a
    pronoun the graph linked), its own or the one it shares ("Ortiz offered to monitor
    his breathing", "She came in and put her hand on his chest")."""
    for verb in token.ancestors:
        if verb.pos_ in ("VERB", "AUX"):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return graph.person_at(subjects[0].idx, subjects[0].idx + len(subjects[0])) is not None
            if verb.dep_ not in SHARED_SUBJECT:
                return False
    return False


def _only_person(doc, people: list[Link], starts: list[int], token: Token) -> Entity | None:
    """The one person named in the possessive's sentence before it, else in the nearest
    sentence before that names anyone; None when it names several or a person noun or an
    unlinked name stands between the person's first mention there and the possessive."""
    sentence = token.sent
    before = people[bisect_left(starts, sentence.start_char):bisect_left(starts, token.idx)]
    if not before:
        i = bisect_left(starts, sentence.start_char)
        if i == 0 or token.idx - starts[i - 1] > LINK_WINDOW:
            return None
        previous = doc.char_span(people[i - 1].start, people[i - 1].end, alignment_mode="expand")
        if previous is None:
            return None
        sent = previous.sent
        before = people[bisect_left(starts, sent.start_char):bisect_right(starts, sent.end_char)]
    entities = {id(m.entity): m.entity for m in before}
    if len(entities) != 1:
        return None
    entity = next(iter(entities.values()))
    first = doc.char_span(before[0].start, before[0].end, alignment_mode="expand")
    if entity.kind != "person" or first is None or any(_someone_else(t, before) for t in doc[first.start:token.i]):
        return None
    return entity


def _someone_else(token: Token, mentions: list[Link]) -> bool:
    """A word the possessive may point to instead: a person noun ("her lawyer", "a
    spokesman") that is not set beside a name ("Ortiz, a lawyer,"), or a person's name
    nobody linked."""
    if any(m.start <= token.idx < m.end for m in mentions):
        return False
    if token.dep_ == "appos" and any(m.start <= token.head.idx < m.end for m in mentions):
        return False
    return (token.pos_ == "NOUN" and is_person_noun(token.lemma_)) or (
        token.pos_ == "PROPN" and token.ent_type_ == "PERSON")
