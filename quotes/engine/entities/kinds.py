"""What kind of mention some words are (`mention_kind`): a name, a pronoun, a description, a
group, a document or an unnamed source. One function decides it; the resolvers each serve
some kinds (resolvers.py)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import Pronoun, group_words, is_org_noun, pronouns, source_nouns, speech_nouns
from ..tokens import ORG_LABELS, PERSON_LABELS
from .graph import Kind


def mention_kind(span: Span) -> Kind:
    """The kind of the words `span` (a mention as `mentions.mention_span` grows it)."""
    if len(span) == 1 and span.text.lower() in pronouns():
        return Kind.PRONOUN
    if is_group(span):
        return Kind.GROUP
    root = span.root
    if root.pos_ == "NOUN" and is_document_noun(root):
        return Kind.DOCUMENT
    if root.pos_ == "PROPN" or root.ent_type_ in PERSON_LABELS | ORG_LABELS \
            or (root.pos_ == "NOUN" and root.text[:1].isupper() and not root.is_sent_start):
        return Kind.NAME
    if root.pos_ == "NOUN" and (definite(span) or any(c.dep_ == "poss" for c in root.children)
                                or root.lemma_.lower().startswith("spokes")):
        return Kind.NOMINAL
    return Kind.ANONYMOUS


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
            and not (root.pos_ == "PROPN" and root.text[:1].isupper() and not root.text.isupper()):
        # (a name ending in s, "Sanders", is no group; nor are "the numbers", "the findings")
        return not (is_org_noun(root.lemma_.lower()) or is_org_noun(root.lower_))
    return any(t.lower_ in group_words() and not (t.dep_ == "advmod" and (t.head.pos_ == "ADJ" or t.head.dep_ == "amod"))
               for t in span if t.i <= root.i)  # ("the most popular": no quantifier)


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
