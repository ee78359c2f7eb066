"""Who a name or a word written in the text is, in the graph: a person, an organisation
under its fullest name, an organisation a description points back to."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import is_org_noun, is_title_word, organisation_aliases
from ..mentions import _display, mention_span
from ..tokens import ORG_LABELS, PERSON_LABELS
from .graph import Entity, Graph, Link
from .kinds import is_document_noun
from .organisations import clean_name, described, expand, find_organisation, is_acronym
from .people import entity_for_name, name_reason


def person_named(graph: Graph, name: Span | str) -> Entity | None:
    """The person a name written in the text belongs to (a Span: the one named before it,
    when several share a surname), or None."""
    return entity_for_name(graph, name, create=False)


def name_evidence(span: Span, name: str) -> str:
    written = " ".join(span.text.split())
    return f"name: {name}" if written == name else f"name: '{written}' is {name}" + name_reason(written, name)


def person_of(graph: Graph, token: Token) -> Link | None:
    """The person a token names, as a link."""
    if token.ent_type_ in PERSON_LABELS or (token.pos_ == "PROPN" and not is_title_word(token.text)):
        span = mention_span(token)
        entity = graph.person_at(span.start_char, span.end_char) or person_named(graph, span)
        if entity is not None:
            return Link(None, entity, entity.name, "person", evidence=name_evidence(span, entity.name))
    return None


def organisation_of(graph: Graph, token: Token) -> Link | None:
    """The organisation a token names (an ORG/GPE entity, an acronym, or a described one)."""
    if token.ent_type_ in ORG_LABELS or (token.pos_ == "PROPN" and is_acronym(token.text)):
        return organisation_named(graph, mention_span(token))
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and is_org_noun(lemma) and not is_document_noun(token):
        organisation = described(graph, lemma, token.idx, modifiers(token))
        if organisation is not None:
            return Link(None, None, organisation.name, "organisation", evidence=f"'{lemma}': {organisation.name}",
                        coreference=True)
    return None


def modifiers(noun: Token) -> tuple[str, ...]:
    """The common nouns written before a head noun ("railway" of "the railway company")."""
    return tuple(c.lower_ for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN")


def organisation_named(graph: Graph, span: Span) -> Link:
    """An organisation under its fullest name in the article: "EDC" -> "Export Development
    Canada", "Samsung" -> "Samsung Electronics Co."."""
    name = clean_name(span.text)
    alias = organisation_aliases().get(name.lower())
    if alias is not None:  # "the Tories" -> the Conservatives, or the fuller name the article gives them
        fuller = find_organisation(graph, clean_name(alias))
        named = fuller.name if fuller is not None and len(fuller.name) > len(alias) else alias
        return Link(None, None, named, "organisation", evidence=f"name: '{name}' is {named}")
    organisation = find_organisation(graph, name)
    if organisation is not None:
        return Link(None, None, organisation.name, "organisation", evidence=name_evidence(span, organisation.name))
    if is_acronym(name):
        expanded = expand(graph, name)
        if expanded is not None:
            return Link(None, None, expanded, "organisation", evidence=f"acronym: {name} spelled out as {expanded}")
    return Link(None, None, _display(span), "organisation", evidence="name: an organisation")
