"""What kind of mention some words are (`mention_kind`): a name, a pronoun, a description, a
group, a document or an unnamed source. One function decides it; the resolvers each serve
some kinds (resolvers.py)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...names import not_a_name
from ..lexicon import (Pronoun, group_words, is_org_noun, is_person_noun, is_title_word, pronouns, source_nouns,
                       speech_nouns, titles)
from ..tokens import ORG_LABELS, PERSON_LABELS, written_as_proper_noun
from .graph import Kind


def mention_kind(span: Span) -> Kind:
    """The kind of the words `span` (a mention as `mentions.mention_span` grows it): a
    pronoun, a group, a document; a description ("the minister", "the MEP", "the company",
    "his lawyer"), whatever the model tagged it, when a role, person or organisation noun
    heads it and no name of its own is in it; a proper name; else an unnamed source."""
    if len(span) == 1 and span.text.lower() in pronouns():
        return Kind.PRONOUN
    if is_group(span):
        return Kind.GROUP
    root = span.root
    if root.pos_ == "NOUN" and is_document_noun(root):
        return Kind.DOCUMENT
    if describes(span):
        return Kind.NOMINAL if determined(span) or root.lemma_.lower().startswith("spokes") else Kind.ANONYMOUS
    if (root.pos_ == "PROPN" and not root.is_lower) or root.ent_type_ in PERSON_LABELS | ORG_LABELS \
            or (root.pos_ == "NOUN" and root.text[:1].isupper() and not root.is_sent_start) or named_elsewhere(root):
        return Kind.NAME
    if root.pos_ == "NOUN" and determined(span):
        return Kind.NOMINAL
    return Kind.ANONYMOUS


PLACE_LABELS = {"GPE", "NORP", "LOC", "FAC"}  # "the Cambridge resident" is still anyone


def describes(span: Span) -> bool:
    """Words that describe someone rather than name them: their head is a role, a person
    noun or an organisation noun ("minister", "MEP", "teacher", "company"), and nothing
    else in them is a name (a place may be: "the Cambridge resident")."""
    root = span.root
    if root.i > span.start and titles().get(root.doc[root.i - 1].lower_.rstrip("."), False) and root.text.istitle():
        return False  # ("Mr Dean", "Ms King": a surname after an honorific, even one that is a title word)
    if root.pos_ == "NOUN" or root.is_lower:  # (a lower-case word the tagger took for a name is none)
        words = head_words(root)  # ("the Amnesty secretary-general")
        if not (is_title_word(root.text) or any(is_person_noun(w) or is_org_noun(w) for w in words)
                or is_member_word(root)):
            return False
    elif not ((is_title_word(root.text) or is_member_word(root)) and determined(span)):
        return False  # (a proper noun is a name, "Poll", "Scheer", unless a role: "the MEP", "the Dutchman")
    return not any(t.ent_type_ in PERSON_LABELS or (t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS | ORG_LABELS)
                   for t in span if t.i != root.i and not t.is_punct) and not is_acronym_name(span)


def is_acronym_name(span: Span) -> bool:
    """An organisation written as its capitals ("the NDA"), not a role ("the MEP")."""
    root = span.root
    return root.text.isupper() and len(root.text) > 1 and not is_title_word(root.text)


def determined(span: Span) -> bool:
    """A description pointing back to someone: "the", "this", "that", a possessive."""
    root = span.root
    return definite(span) or article(root) in ("the", "this", "that") or any(c.dep_ == "poss" for c in root.children)


def is_document_noun(token: Token) -> bool:
    """A document or message that can speak for its author ("the report", "a statement")."""
    lemma = token.lemma_.lower()
    return lemma in source_nouns() or lemma in speech_nouns() or token.lower_ in source_nouns()


def coordinated(span: Span) -> list[Token]:
    """The heads of a coordination: "Ortiz and Renner" -> Ortiz, Renner."""
    root = span.root
    return [root] + [c for c in root.rights if c.dep_ == "conj" and c.i < span.end]


def is_group(span: Span) -> bool:
    """Several people: a coordination of names, a plural noun ("residents"), a quantifier
    ("some of the workers")."""
    root = span.root
    if len(coordinated(span)) > 1 and any(t.lower_ in ("and", "&") for t in span):
        return True  # (not the words listed inside one name: "the Fisheries and Oceans Agency")
    if root.tag_ in ("NNS", "NNPS") and len(head_words(root)) == 1 and root.ent_type_ not in ORG_LABELS | PERSON_LABELS \
            and not (root.pos_ == "PROPN" and root.text[:1].isupper() and not root.text.isupper()) \
            and not named_elsewhere(root):
        # (a name ending in s, "Sanders", is no group; nor are "the numbers", "the findings")
        return not (is_org_noun(root.lemma_.lower()) or is_org_noun(root.lower_))
    return any(t.lower_ in group_words() and not (t.dep_ == "advmod" and (t.head.pos_ == "ADJ" or t.head.dep_ == "amod"))
               for t in span if t.i <= root.i)  # ("the most popular": no quantifier)


def is_member_word(token: Token) -> bool:
    """A singular word for one member of a party or a people ("the Kentucky Republican",
    "the Dutchman", "a Briton"): a description of someone, never a name
    (`names.not_a_name`, member_words.txt)."""
    return token.tag_ in ("NN", "NNP") and not_a_name(token.text) in ("party", "people")


def named_elsewhere(token: Token) -> bool:
    """A capitalised common noun that the text writes elsewhere as part of a name: "Cates
    added …" (tagged a plural noun at the start of a sentence) after "producer Gil Cates"."""
    if token.pos_ != "NOUN" or not token.text[:1].isupper() or token.text.isupper():
        return False
    return written_as_proper_noun(token)


def head_words(root: Token) -> list[str]:
    """The head noun's lemma, and the parts of the hyphenated word it ends ("arms" of
    "sergeant-at-arms" gives "sergeant-at-arms" and "sergeant")."""
    words = [root.lemma_.lower()]
    doc, start = root.doc, root.i
    while start > 0 and not doc[start - 1].whitespace_ and (doc[start - 1].text == "-" or doc[start - 1].is_alpha):
        start -= 1
    if start < root.i:
        word = doc[start:root.i + 1].text.lower()
        words += [word, word.split("-")[0]]
    return words


def definite(span: Span) -> bool:
    """Words that point back to someone known: "the", "this", "that", "his", "her", "their"."""
    first = span[0]
    return first.lower_ in ("the", "this", "that") or (first.dep_ == "poss" and first.lower_ in ("his", "her", "their"))


def article(noun: Token) -> str | None:
    """The noun's one determiner in lower case ("a", "the", "this"), else None."""
    determiners = [c.lower_ for c in noun.children if c.dep_ == "det"]
    return determiners[0] if len(determiners) == 1 else None


def gendered_pronoun(token: Token) -> Pronoun | None:
    """The lexicon entry when `token` is "he" or "she": a pronoun of known gender, in the
    subject case."""
    pron = pronouns().get(token.lower_)
    if pron is None or pron.gender not in ("male", "female") or "Nom" not in token.morph.get("Case"):
        return None
    return pron


def with_article(span: Span) -> Span:
    """The words with the article right before them that the tagger left out of a
    capitalised role ("the Cardinal", whose "Cardinal" it read as a name)."""
    if span.start > 0 and span.doc[span.start - 1].dep_ == "det" and span.doc[span.start - 1].head.i == span.root.i:
        return span.doc[span.start - 1:span.end]
    return span
