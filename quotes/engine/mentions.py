"""The words that name a speaker: `mention_span` grows a subject's head token into them
("the ministry's spokesman, John Doe", "Ortiz and Renner"); who they are is the resolvers'
question (entities/resolvers.py)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..datafiles import lines
from ..names import postnominal, visible
from .entities.kinds import head_words as _head_words, is_member_word
from .lexicon import group_words, is_person_noun, is_title_word, relational_nouns
from .state import Context
from .tokens import ORG_LABELS, PERSON_LABELS, entity_span

PLACE_LABELS = {"GPE", "NORP", "LOC", "FAC"}  # "the Cambridge resident" is still anyone
NOMINAL_WINDOW = 1200  # characters back that a description ("the retired teacher") may reach


def mention_span(token: Token) -> Span:
    """The words that name a speaker, from the head token of the subject; a coordination
    ("Ortiz and Renner") is one mention."""
    span = _single_mention(token)
    conj = [c for c in token.rights if c.dep_ == "conj"]
    if conj and any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in token.rights):
        named = _name_after_titles(token, conj)
        if named is not None:
            return named  # ("GM chairman and chief executive Rick Wagoner said": one man)
        last = _single_mention(conj[-1])
        return token.doc[span.start:max(span.end, last.end)]
    return span


def _name_after_titles(token: Token, conj: list[Token]) -> Span | None:
    """"Chairman and chief executive Rick Wagoner": two titles joined by "and" and the name
    that holds them both, which the parser set in apposition to the first."""
    if token.pos_ != "NOUN" or not all(c.pos_ == "NOUN" and is_title_word(c.lemma_) for c in conj + [token]):
        return None
    for child in token.rights:
        ent = entity_span(child) if child.dep_ == "appos" else None
        if ent is not None and ent.label_ in PERSON_LABELS and ent.start == conj[-1].right_edge.i + 1:
            return ent
    return None


def _single_mention(token: Token) -> Span:
    doc = token.doc
    named = _name_before_letters(token)
    if named is not None:
        return named
    ent = entity_span(token)
    if ent is not None and ent.label_ in PERSON_LABELS | ORG_LABELS:
        return _with_listed_words(ent) if ent.label_ in ORG_LABELS else ent
    named = _named_as(token) or _title_then_name(token) or _name_beside(token)
    if named is not None:
        return named
    # An apposed name: "the ministry's spokesman, John Doe" / "his counterpart, X" / "the
    # EU's Aid Commissioner, X".
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and is_title_word(token.text)):
        for child in token.children:
            if child.dep_ == "appos" and _right_after(token, child):
                ent = entity_span(child)
                if (ent is not None and ent.label_ in PERSON_LABELS) or (child.pos_ == "PROPN" and child.text[:1].isupper()):
                    return mention_span(child)  # (two names: "its owners, X and Y")
        apposed = _apposed_to_place(token)
        if apposed is not None:
            return mention_span(apposed)
    if token.pos_ == "PROPN" and not token.is_lower:  # (a lower-case word the tagger took for a name is a
        start = end = token.i                          # noun's head: "the Amnesty secretary-general")
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, token.i + 1):
            start -= 1
        while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].dep_ in ("flat", "compound", "appos") and doc[end + 1].head.i == token.i:
            end += 1
        return doc[start:end + 1]
    # "one of the Guildford Four, Gerry Conlon - who … - said": the one named right after
    if token.lower_ in ("one", "another") and token.pos_ in ("PRON", "NUM", "DET"):
        named = _name_set_off_after(token)
        if named is not None:
            return named
    # "some in the community", "many of the workers": a group by its quantifier
    if token.pos_ in ("PRON", "NUM", "ADJ") and token.lower_ in group_words():
        preps = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("of", "in", "among", "from")]
        if preps:
            # (to the noun of the phrase, not a clause hung on it: "many of the residents saying …")
            nouns = [c for c in preps[-1].children if c.dep_ == "pobj"]
            end = max((t.i for t in preps[-1].subtree if not nouns or t.i <= nouns[-1].i), default=preps[-1].i)
            return doc[token.i:end + 1]
    # A common noun phrase: determiners, numbers, adjectives and compounds before the head.
    start = token.i
    for left in token.lefts:
        if left.dep_ in ("det", "nummod", "amod", "compound", "poss", "quantmod", "nmod", "case") or left.tag_ == "POS":
            start = min(start, left.left_edge.i)
    return doc[start:token.i + 1]


def _name_before_letters(token: Token) -> Span | None:
    """"Tom Ortner MSP, said", "Judge Ana Ruiz, QC told": letters for an office or an honour
    that the parser made the head are the person named right before them."""
    if not postnominal(token.text):
        return None
    doc = token.doc
    before = token.i - 1
    if before >= 0 and doc[before].text == ",":
        before -= 1
    ent = entity_span(doc[before]) if before >= 0 else None
    if ent is None or ent.label_ not in PERSON_LABELS or ent.end != before + 1:
        return None
    return ent


def _with_listed_words(ent: Span) -> Span:
    """An organisation's name with the listed words the model left out before it ("the
    Meteorology, Climatology and Geophysics Agency": the model tags from "Climatology")."""
    doc, start = ent.doc, ent.start
    while start >= 2 and doc[start - 1].text == "," and doc[start - 2].pos_ == "PROPN" \
            and doc[start - 2].text[:1].isupper() and ent.start <= doc[start - 2].head.i < ent.end:
        start -= 2
    return doc[start:ent.end] if start < ent.start else ent


NAMING_VERBS = frozenset(lines("naming_verbs.txt"))
NAMED_REACH = 10  # tokens after a description in which "named X" may stand


def _named_as(token: Token) -> Span | None:
    """The name a description is given in its own noun phrase: "a woman named Sue Porter",
    "an official in the province named Ana Ruiz" (the parser may hang "named" on a noun of the
    phrase's modifier)."""
    if token.pos_ != "NOUN" or not is_person_noun(token.lemma_.lower()):
        return None
    for t in token.doc[token.i + 1:min(token.right_edge.i + 1, token.i + NAMED_REACH)]:
        if t.dep_ == "acl" and t.lemma_.lower() in NAMING_VERBS and t.tag_ == "VBN":
            for name in t.children:
                if name.dep_ in ("oprd", "dobj", "attr") and name.ent_type_ in PERSON_LABELS:
                    return entity_span(name)
    return None


def _title_then_name(token: Token) -> Span | None:
    """"The minister for civil aviation Praful Patel said", "the head of Norvale Grid Lena
    Ortiz said": an office with its domain, then the full name of who holds it, which the
    parser hung inside the domain's phrase. Only after a word of the domain (not "the
    wife of John Smith": a preposition, an article or an adjective before the name)."""
    if token.pos_ != "NOUN" or not is_title_word(token.lemma_.lower()):
        return None
    ent = entity_span(token.doc[token.right_edge.i])
    if ent is None or ent.label_ not in PERSON_LABELS or len(ent) < 2 or ent.end - 1 != token.right_edge.i:
        return None
    before = token.doc[ent.start - 1]
    if before.i <= token.i or before.pos_ not in ("NOUN", "PROPN") or before.ent_type_ in PERSON_LABELS:
        return None
    if not any(c.dep_ == "prep" and c.i == token.i + 1 for c in token.children):
        return None
    return ent


def _name_beside(token: Token) -> Span | None:
    """"The chairman of the Bar Council, Ana Ruiz QC has warned", "Veteran MP and former
    minister Tom Ortner has said": the parser gave the verb two subjects, a description and
    the name of who it describes right after it (only a comma or "and" between): the name."""
    if not (token.pos_ == "NOUN" or (token.pos_ == "PROPN" and is_title_word(token.text))) \
            or not is_person_noun(token.lemma_.lower()) or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    doc = token.doc
    for other in token.head.children:
        if other.dep_ != token.dep_ or other.i <= token.i:
            continue
        between = doc[token.right_edge.i + 1:other.left_edge.i]
        ent = entity_span(other)
        if ent is not None and ent.label_ in PERSON_LABELS and ent.end == other.i + 1 \
                and all(t.text == "," or t.lower_ == "and" for t in between):
            return ent
    return None


def _name_set_off_after(token: Token) -> Span | None:
    """A person's name set off by a comma right after the phrase a word heads ("one of the
    Guildford Four, Gerry Conlon, said"), however the parser attached it."""
    doc = token.doc
    end = token.right_edge.i
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    ent = entity_span(doc[end + 2])
    if ent is None or ent.label_ not in PERSON_LABELS or ent.start != end + 2:
        return None
    after = doc[ent.end] if ent.end < len(doc) else None
    return ent if after is None or after.text in (",", "-", "\u2013", "\u2014") or after.i == token.head.i else None


def _apposed_to_place(noun: Token) -> Token | None:
    """"The BBC's correspondent in Jakarta, Rachel Harvey, told …" parsed with the name in
    apposition to the place: a person's name set off by commas right after a person noun's
    phrase of place is the person the noun describes. So is one after a phrase that is a
    name itself ("The head of St Fintian's, Richard Fogarty, said": a name is not apposed to
    a name); one after a common noun may be either ("the lawyer for the victim, X")."""
    if not is_person_noun(noun.lemma_.lower()):
        return None
    for prep in noun.rights:
        if prep.dep_ != "prep" or prep.i != noun.i + 1:
            continue
        for place in prep.children:
            if place.dep_ != "pobj" or (place.ent_type_ not in ("GPE", "LOC", "ORG") and place.pos_ != "PROPN"):
                continue
            for child in place.children:
                ent = entity_span(child) if child.dep_ == "appos" else None
                if ent is None or ent.label_ not in PERSON_LABELS or place.doc[child.left_edge.i - 1].text != ",":
                    continue
                after = place.doc[ent.end] if ent.end < len(place.doc) else None
                if after is not None and after.text in (",", "\u2014", "\u2013"):
                    return child
    return None


def _right_after(head: Token, appos: Token) -> bool:
    """An apposition that follows its noun at once ("the spokesman, X"; a title and the
    name it is given, "former world number one X"), not one the parser hung on it across
    a clause ("the resident, who sold …: X")."""
    modifiers = set()  # "a spokesman for the ministry, X"
    for child in head.rights:
        if (child.dep_ == "prep" or child.dep_ in ("nummod", "amod", "compound")) and child.i < appos.i:
            modifiers.update(t.i for t in child.subtree)
    between = head.doc[head.i + 1:appos.left_edge.i]
    return all(t.i in modifiers or (t.is_punct and t.text in (",", "\u2014", "\u2013", "-", "(")) for t in between)


def _display(span: Span) -> str:
    """A speaker name for a noun phrase that names no one: "the two defense ministers"."""
    words = [t.text_with_ws for t in span]
    text = " ".join(visible("".join(words)).split())
    if span[0].pos_ == "DET":
        text = text[:1].lower() + text[1:]
    return text


def describes_person(span: Span, any_noun: bool = False) -> bool:
    """A person noun (with `any_noun`, any noun: the caller knows it speaks), not tied to a
    name of its own ("the Christie supporter"; a name before another role is where the
    role is held: "the Rovers assistant boss", "the Lib Dem leader")."""
    root = span.root
    tied = root.lemma_.lower() in relational_nouns() and any(
        t.ent_type_ in PERSON_LABELS or (t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS
                                         and t.head.i == root.i and t.dep_ != "poss")
        for t in span if t.i != root.i)  # (not "Norland's World Cup-winning fly-half")
    aged = AGED.search(span.text) is not None  # "the 38-year-old", "the 26-year-old right wing"
    return (any_noun or any(is_person_noun(word) for word in _head_words(root)) or aged or is_member_word(root)) \
        and not tied


def _describes_named_person(ctx: Context, span: Span, any_noun: bool = False) -> bool:
    """A person noun (with `any_noun`, any noun: the caller knows it speaks), not tied to a
    name of its own, and not the second mention of someone the text introduced without a
    name ("one man … the man")."""
    root = span.root
    if not describes_person(span, any_noun):
        return False
    lemma = root.lemma_.lower()
    start = max(0, root.i - 200)
    for token in ctx.doc[start:span.start]:
        if token.lemma_.lower() == lemma and token.pos_ == "NOUN" and token.i not in ctx.in_quote \
                and _one_person(token) and not _role_of_someone(token) and not _of_a_named_person(ctx, token):
            return False
    return True


def _one_person(noun: Token) -> bool:
    """An earlier use of the noun that may bring in someone of its own: singular, with a
    determiner or an owner ("one man", "the judge", "its owner"); not a plural ("student
    directors") nor a bare noun as headlines write them ("Bollywood actress", "Wales coach")."""
    return noun.tag_ == "NN" and any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


def _of_a_named_person(ctx: Context, noun: Token) -> bool:
    """An earlier description the entity graph linked to a named person ("The Labour leader
    said …" after "Tony Blair said …"): it brought in no one new."""
    entity = ctx.graph.person_at(noun.idx, noun.idx + len(noun))
    return entity is not None and entity.kind == "person"


AGED = re.compile(r"\b\d+-year-old\b", re.IGNORECASE)


def _role_of_someone(noun: Token) -> bool:
    """An earlier use of the noun that says what a named person is ("X, the minister";
    "as Canada's prime minister"; "Minister X"), not one that brings in someone new ("one
    man … the man")."""
    return (noun.dep_ in ("attr", "appos") or (noun.dep_ == "pobj" and noun.head.lower_ == "as")
            or any(c.dep_ in ("appos", "compound") and c.ent_type_ in PERSON_LABELS for c in noun.children)
            or noun.head.ent_type_ in PERSON_LABELS)


