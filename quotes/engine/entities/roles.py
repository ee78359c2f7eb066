"""What the text says a person is, around their name: a title chain before it ("Norland's
Trade Minister X"), an apposition ("X, the minister of Y"), a noun the name is set beside
("the spokeswoman, X"); and the gender an honorific or a gendered noun next to it tells."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import gendered_words, is_title_word, office_qualifiers, prepositions, titles
from ..tokens import PERSON_LABELS, entity_span
from .graph import Entity, holds_another_office

ROLE_PREPOSITIONS = prepositions("role")
ROLE_WORDS = 8  # at most this many words of a role


def learn_role(ent: Span, entity: Entity) -> None:
    """Titles and affiliation written around a name: a title chain before it
    ("Norland's Trade Minister X", "Canadian Ambassador to Norland X"), an apposition
    ("X, the minister of Y"), or a noun the name is in apposition to."""
    doc = ent.doc
    chain = title_chain(doc, ent.start)
    while chain and titles().get(chain[-1].lower_.rstrip("."), False):
        chain = chain[:-1]  # ("Mr Brown": an honorific is no role)
    affiliation = None
    while chain and chain[0].ent_type_ in ("GPE", "NORP") and not is_title_word(chain[0].text):
        affiliation = (affiliation + " " if affiliation else "") + chain[0].text
        chain = chain[1:]
    if chain and any(is_title_word(t.text) for t in chain):
        entity.role = entity.role or " ".join(t.text for t in chain)
    first = chain[0].i if chain else ent.start
    if affiliation is None and first >= 2 and doc[first - 1].tag_ == "POS":
        owner = doc[first - 2]
        if owner.ent_type_ in ("GPE", "ORG", "NORP") or (owner.pos_ == "PROPN" and owner.ent_type_ not in PERSON_LABELS):
            ent_of_owner = entity_span(owner)
            affiliation = ent_of_owner.text if ent_of_owner is not None else owner.text
    if affiliation:
        entity.affiliation = entity.affiliation or affiliation
    root = ent.root
    nearby = _right_before(doc, ent.start) + [
        t for t in root.children if t.dep_ in ("appos", "compound")] + ([root.head] if root.dep_ == "appos" else [])
    for token in nearby:
        gender = gendered_words().get(token.lower_.rstrip("."))
        if gender:
            entity.told(gender, f"'{token.text}' by the name")
    if root.dep_ == "appos":
        learn_from_noun(root.head, entity, stop=ent.start)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            learn_from_noun(child, entity)


def _right_before(doc: Doc, start: int) -> list[Token]:
    """The two words right before a name, up to a preposition, a determiner or punctuation:
    "spokeswoman Lena Ortiz", "Mr. Ortiz", not "a spokesman for Ortiz' lawyers"."""
    words = []
    for i in range(start - 1, max(-1, start - 3), -1):
        if not doc[i].is_alpha or doc[i].pos_ in ("ADP", "DET", "CCONJ", "PART"):
            break
        words.insert(0, doc[i])
    return words


def learn_from_noun(noun: Token, entity: Entity, stop: int | None = None) -> None:
    """Role and affiliation from a noun phrase in apposition with a name."""
    words = [t for t in role_words(noun) if (stop is None or t.i < stop) and t.dep_ not in ("det", "punct", "poss", "case")]
    nationality = [t for t in words if t.ent_type_ in ("GPE", "NORP") and t.i < noun.i]
    if nationality and entity.affiliation is None:
        entity.affiliation = " ".join(t.text for t in nationality)
    if is_title_word(noun.text) and not entity.role:
        entity.role = " ".join(t.text for t in words if t not in nationality) or noun.text


def title_chain(doc: Doc, before: int) -> list[Token]:
    """The capitalised words (and title words) right before a name: "Defense Minister",
    "Chief Cabinet Secretary", "Minister of Foreign Affairs", "US Ambassador"."""
    chain: list[Token] = []
    i = before - 1
    while i >= 0:
        token = doc[i]
        if token.is_alpha and (token.text[:1].isupper() or is_title_word(token.text)) and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            chain.insert(0, token)
        elif token.lower_ in office_qualifiers() and chain and is_title_word(chain[0].text):
            chain.insert(0, token)  # ("shadow chancellor X": another office than "the chancellor")
        elif token.lower_ in ("of", "for", "to") and chain and i > 0 and doc[i - 1].text[:1].isupper():
            chain.insert(0, token)
        else:
            break
        i -= 1
    while chain and not (chain[0].text[:1].isupper() or chain[0].lower_ in office_qualifiers()):
        chain = chain[1:]
    return chain


def role_words(noun: Token) -> list[Token]:
    """The words of a role noun phrase: its modifiers, the noun and one short phrase after
    it ("former managing director at Bear Creek"), never a clause, a second noun joined by
    "and" or what a parser hung on it ("… by the time her husband …")."""
    words = [t for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod", "nummod", "advmod")
             for t in c.subtree]  # (not a possessor: "Renner's fired campaign manager")
    words.append(noun)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ROLE_PREPOSITIONS and child.i == noun.i + 1:
            phrase = list(child.subtree)
            if len(phrase) <= ROLE_WORDS - 2 and not any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in phrase):
                words += phrase
            break
    words.sort(key=lambda t: t.i)
    return words if len(words) <= ROLE_WORDS else [noun]


def role_agrees(noun: Token, entity: Entity) -> bool:
    """Whether a description's head can be the person: any noun for someone whose role the
    text never gave, a title only for one whose role holds it ("the minister" is not the
    person the text made an archbishop)."""
    if not is_title_word(noun.text) or not entity.role:
        return True
    if holds_another_office(entity.role, noun.lemma_.lower()) and not any(
            c.lower_ in office_qualifiers() for c in noun.lefts):
        return False  # ("the chancellor" is not the shadow chancellor)
    return noun.lemma_.lower() in entity.role.lower() or noun.lower_ in entity.role.lower()


def office(noun: Token) -> bool:
    """A title written as the name of an office ("the Cardinal", "the Chancellor" in the
    middle of a sentence): the one holding it, whom recency does not tell (an acronym,
    "the MEP", is an ordinary role)."""
    return (noun.pos_ == "PROPN" and is_title_word(noun.text) and noun.text.istitle() and len(noun.text) > 1
            and not noun.is_sent_start and not (noun.i > 0 and noun.doc[noun.i - 1].is_sent_start))
