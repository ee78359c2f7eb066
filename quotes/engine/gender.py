"""Each person's gender evidence in one article, read from the mentions the article links to
them: the names as written (an honorific before them included), nouns set beside a name
("spokeswoman Ana Ruiz", "his wife, Ana"), the pronouns resolved to them where nothing
else could have been meant, and possessives ("her office") that can mean no one else.
Counting and deciding are in `quotes/gender.py` (`evidence_of` takes the mentions as
(text, kind) pairs, whatever found them); this module only finds the words, and changes
nothing the sieves decided.

A pronoun the chain linked, or a sieve resolved, to someone is still only a guess where
another person could be meant: such guesses decide who speaks (and are right most of the
time), but a gender read from them would repeat their mistakes across a person's row.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Iterable, NamedTuple

from spacy.tokens import Span, Token

from ..gender import NOUN, PRONOUN, evidence_of, given_name_genders, pronoun_genders, word_genders
from ..model import Quote
from .entities.graph import Entity, Graph, Kind
from .lexicon import is_person_noun, surnames
from .tokens import tokens_with

SHARED_SUBJECT = ("xcomp", "conj", "advcl")  # clauses that may take the subject of the one they hang on
LINK_WINDOW = 600  # characters back in which a possessive looks for the sentence naming its person
OPENERS = ('"', "\u201c", "\u2018", "'", "(", ":")  # after these a capital letter starts a sentence


class Anchor(NamedTuple):
    """A place a pronoun may read on from: a person's name, or a pronoun that counted."""

    start: int
    end: int
    entity: Entity


def evidence_by_entity(graph: Graph, quotes: Iterable[Quote], in_quote: set[int],
                       people: Iterable[Entity] | None = None) -> dict[int, Counter]:
    """id(entity) -> the gender evidence of each person of the article (see
    `quotes.gender.evidence_of`), or of those of `people` only; `in_quote` holds the token
    indices inside quote marks."""
    people = [e for e in (graph.people if people is None else people) if e.kind == "person"]
    mentions = mentions_of(graph, quotes, in_quote, {id(e) for e in people})
    return {id(e): evidence_of(mentions.get(id(e), ()), e.role, e.name) for e in people}


def mentions_of(graph: Graph, quotes: Iterable[Quote], in_quote: set[int],
                named_only: set[int] | None = None) -> dict[int, list[tuple[str, str]]]:
    """id(entity) -> its mentions in the article as (text, kind): "name" (with the
    honorific before it), "noun" (a gendered noun set beside a name) and "pronoun" (the
    subjects the pronoun chain linked to the person, the pronouns the sieves resolved to them as
    speakers, and possessives that can mean no one else). With `named_only`, the names and
    nouns of those ids only (the pronouns of everyone: whether one counts depends on the others)."""
    doc = graph.doc
    found: dict[int, list[tuple[str, str]]] = {}
    candidates = []  # (offset, text, entity): pronouns the chain linked or the sieves resolved
    for mention in graph.links:
        entity = mention.entity
        if entity.kind != "person" or mention.mention.kind not in (Kind.NAME, Kind.PRONOUN):
            continue  # (a description is no name: "the spokeswoman")
        if mention.pronoun:
            candidates.append((mention.start, mention.text, entity))
            continue
        if named_only is not None and id(entity) not in named_only:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            found.setdefault(id(entity), []).append((_with_honorific(span), "name"))
            found[id(entity)].extend((t.lower_, NOUN) for t in _nouns_beside(span))
    named = {entity.name: entity for entity in graph.people if entity.kind == "person"}
    for q in quotes:
        entity = named.get(q.speaker or "")
        if entity is not None and q.speaker_start is not None and (q.speaker_mention or "").lower() in pronoun_genders():
            candidates.append((q.speaker_start, q.speaker_mention, entity))
    # a pronoun counts when it reads on from the person's name or from a pronoun that counted
    counted: set[int] = set()
    anchors = [Anchor(m.start, m.end, m.entity) for m in graph.links
               if not m.quoted and m.entity is not None and m.entity.kind == "person"
               and m.mention.kind == Kind.NAME]
    passed: list[tuple[int, str]] = []  # pronouns that told nothing: one that reads on from them tells nothing
    for at, text, entity in sorted(candidates, key=lambda c: c[0]):
        if at in counted:
            continue
        if _reads_on(doc, anchors, entity, at, in_quote, passed):
            counted.add(at)
            found.setdefault(id(entity), []).append((text, PRONOUN))
            anchors.insert(bisect_left([m.start for m in anchors], at), Anchor(at, at + len(text), entity))
        else:
            passed.append((at, text.lower()))
    doubtful = [m.start for m in graph.links if m.pronoun and not m.quoted and m.start not in counted]
    for entity, token in _possessives(graph, in_quote, anchors, doubtful):
        if token.idx not in counted:
            counted.add(token.idx)
            found.setdefault(id(entity), []).append((token.text, PRONOUN))
    return found


def _reads_on(doc, people: list[Anchor], entity: Entity, at: int, in_quote: set[int],
              passed: Iterable[tuple[int, str]] = ()) -> bool:
    """A pronoun at `at` that the chain linked or a sieve resolved to `entity` tells its gender
    only when nothing the article does not link stands between the person's last mention
    in `people` (names, and pronouns that counted) and the pronoun: no person noun, no
    unlinked name of a person and no other name as a subject ("Attallah, the daughter of X,
    recalled …, she said" tells nothing of the person named before her), no pronoun of
    the same gender that told nothing (the pronoun reads on from it), the pronoun is no
    word of a title ("The She Hate Me director") nor the subject of a relative clause
    about the person ("Katie (with whom he bonded")."""
    starts = [m.start for m in people]
    here = doc.char_span(at, at + 1, alignment_mode="expand")
    if here is None or _in_title(doc[here.start]):
        return False
    i = bisect_left(starts, at) - 1
    while i >= 0 and (people[i].end > at or people[i].entity is not entity):
        i -= 1
    if i < 0:
        return False  # (no name of theirs before it outside quote marks)
    last = doc.char_span(people[i].start, people[i].end, alignment_mode="expand")
    if last is None or _in_object_relative(doc[here.start], last):
        return False
    between = people[i:bisect_left(starts, at)]
    gender = pronoun_genders().get(doc[here.start].lower_)
    if any(people[i].end <= other < at and pronoun_genders().get(word) == gender for other, word in passed):
        return False  # (it reads on from a pronoun of the same gender that told nothing)
    if any(_rival(doc, m, entity, gender, doc[here.start]) for m in between[1:]):
        return False
    return not any(_someone_else(t, between, gender) or _unlinked_subject(t, between)
                   for t in doc[last.end:here.start] if t.i not in in_quote)


def _rival(doc, anchor: Anchor, entity: Entity, gender: str | None, pronoun: Token) -> bool:
    """Another person, whose gender the pronoun may tell, named between a person's mention
    and the pronoun as the subject of a clause that holds the pronoun's ("Ortiz says Mr
    Renner should quit if he is found to have misled the board"): the pronoun may be theirs."""
    if anchor.entity is entity or anchor.entity.gender not in (None, gender):
        return False
    span = doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if span is None or not len(span) or span.root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return span.root.head.is_ancestor(pronoun)


def _in_title(token: Token) -> bool:
    """A capitalised pronoun inside a sentence: a word of a title ("She's Gotta Have It")."""
    if not token.text[:1].isupper() or token.is_sent_start or token.i == 0:
        return False
    before = token.nbor(-1).text
    return "\n" not in before and before not in OPENERS


def _in_object_relative(token: Token, name: Span) -> bool:
    """The subject of a relative clause that follows the name and whose relative pronoun
    is its object ("Katie (with whom he bonded", "Ortiz, whose mother she met"): not the
    person the clause is about. ("Coventry, whom he led" follows another name.)"""
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "relcl":
        return False
    relative = [t for t in verb.subtree if t.i < token.i and t.tag_ in ("WP", "WP$")
                and t.dep_ not in ("nsubj", "nsubjpass")]
    first = min(t.i for t in verb.subtree)
    doc = token.doc
    return bool(relative) and first >= name.end and all(t.is_punct for t in doc[name.end:first])


def _unlinked_subject(token: Token, mentions: list[Anchor]) -> bool:
    """A name that is a clause's subject but no mention of a person the article links
    ("Rowling revealed she …" where the model took Rowling for a common noun), or a given
    name the model took for an organisation ("after Colton admired her … more than he did")."""
    if token.dep_ not in ("nsubj", "nsubjpass") or not token.is_title:
        return False
    if token.ent_type_ not in ("", "PERSON") and not (token.ent_type_ == "ORG" and token.lower_ in given_name_genders()):
        return False
    name = token.pos_ == "PROPN" or (token.tag_ == "NN" and token.lower_ in surnames())  # ("Rowling" tagged a noun)
    return name and not any(m.start <= token.idx < m.end for m in mentions)


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


def _possessives(graph: Graph, in_quote: set[int], people: list[Anchor],
                 doubtful: list[int]) -> list[tuple[Entity, Token]]:
    """Possessives of the narration ("her office said") that can mean one person only: the
    nearest sentence up to them that names anyone (`people`: names, and pronouns that
    counted) names that one person, no other person (a person noun, an unlinked name, a
    pronoun of `doubtful` ones) stands between, and the possessive's own clause has no
    named subject. (On the GGT dev sets such links are right 98 times in 99; object
    pronouns, and possessives in a clause whose subject is a name ("Ortiz killed her
    parents"), were wrong too often to count.)"""
    doc = graph.doc
    starts = [m.start for m in people]
    links = []
    for token in tokens_with(doc, "dep", ("poss",)):
        if token.lower_ not in pronoun_genders() or token.i in in_quote:
            continue
        if _clause_subject_named(graph, token):
            continue
        entity = _only_person(doc, people, starts, token)
        if entity is not None and not any(token.sent.start_char <= at < token.idx for at in doubtful):
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


def _only_person(doc, people: list[Anchor], starts: list[int], token: Token) -> Entity | None:
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
    gender = pronoun_genders().get(token.lower_)
    if entity.kind != "person" or first is None or any(_someone_else(t, before, gender) for t in doc[first.start:token.i]):
        return None
    return entity


def _someone_else(token: Token, mentions: list[Anchor], gender: str | None = None) -> bool:
    """A word a pronoun (of `gender`) may point to instead: a person noun in the singular
    ("her lawyer", "a spokesman"; "she" is no "refugees", "he" no "sister") that is not set
    beside a name ("Ortiz, a lawyer,"), or a person's name nobody linked."""
    if token.tag_ != "NN" and not (token.pos_ == "PROPN" and token.ent_type_ == "PERSON"):
        return False  # (neither a noun nor a person's name: no mention to look through)
    if any(m.start <= token.idx < m.end for m in mentions):
        return False
    if token.dep_ == "appos" and any(m.start <= token.head.idx < m.end for m in mentions):
        return False
    if token.tag_ == "NN" and is_person_noun(token.lemma_):
        return word_genders().get(token.lower_) in (None, gender)  # ("he" is not "his sister")
    return token.pos_ == "PROPN" and token.ent_type_ == "PERSON"
