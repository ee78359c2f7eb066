"""The documents pass: the documents and messages the narration names ("X released a
report", "a study by Y", "a memo has been circulating"), each with the author the text
gives, or none."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..cues import speech_verb
from ..lexicon import obtaining_verbs
from ..tokens import ORG_LABELS, tokens_with
from .graph import Graph, Link
from .kinds import article, is_document_noun
from .lookup import organisation_of, person_of


def add_documents(graph: Graph) -> None:
    """(token, lemma, author) of the documents and messages the narration names with an
    author (the subject of a clause it is the object of, "X released a report", or an
    owner written next to it) or introduces without one ("a memo has been circulating":
    author None)."""
    for token in tokens_with(graph.doc, "pos", ("NOUN",)):
        if not is_document_noun(token) or token.i in graph.in_quote:
            continue
        author = writer(graph, token) or published_by(graph, token)
        if author is not None and author.name:
            graph.documents.append((token.i, token.lemma_.lower(), author))
        elif article(token) in ("a", "an"):
            graph.documents.append((token.i, token.lemma_.lower(), None))  # a new one, no author given
    _authors_given_later(graph)


LEDE_PARAGRAPHS = 2  # paragraphs of an article's opening ("…, a report says." under the headline)


def _authors_given_later(graph: Graph) -> None:
    """An indefinite document the text gives no author where it stands: the lede's "…, a
    survey suggests" is the survey the article later says "X commissioned" (the same noun,
    before another indefinite one); one in the opening with no such later author, whose
    next sentence has an organisation or person speak ("The Norvale Audit Office
    praised …"), is theirs."""
    documents = graph.documents
    for k, (i, lemma, author) in enumerate(documents):
        if author is not None:
            continue
        for j, later, found in documents[k + 1:]:
            if later != lemma:
                continue
            if found is not None:
                documents[k] = (i, lemma, replace(found, evidence=f"{found.evidence}, the {lemma} named later"))
            break  # (an indefinite one of the same noun: another document)
        if documents[k][2] is None:
            speaker = _next_speaker(graph, graph.doc[i])
            if speaker is not None:
                documents[k] = (i, lemma, speaker)


def _next_speaker(graph: Graph, noun: Token) -> Link | None:
    """In an article's opening, a document that speaks ("…, a report says.") with the next
    sentence's subject an organisation or person that speaks too: that one."""
    doc = noun.doc
    if not (noun.dep_ == "nsubj" and speech_verb(noun.head) is not None) or noun.sent.end >= len(doc):
        return None
    if paragraph_number(doc, noun.i) >= LEDE_PARAGRAPHS:
        return None
    following = doc[noun.sent.end].sent
    while not following.text.strip() and following.end < len(doc):
        following = doc[following.end].sent
    root = following.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or speech_verb(root) is None or subject.pos_ == "PRON":
        return None
    found = organisation_of(graph, subject) if subject.ent_type_ in ORG_LABELS else person_of(graph, subject)
    if found is None or not found.name:
        return None
    return replace(found, evidence=f"the opening's {noun.lemma_.lower()}: {found.name}, who speaks next")


def paragraph_number(doc, i: int) -> int:
    """How many paragraph breaks stand before token i."""
    return sum(1 for t in doc[:i] if t.is_space and "\n\n" in t.text)


RELATIVES = ("which", "who", "that")


def owners(noun: Token) -> list[Token]:
    """Who a noun belongs to, as written around it: a possessor ("X's statement"), a noun
    or name before it ("a Facebook spokesman"), "by"/"from"/"for"/"of"/"at" after it ("a
    report by X"), the agent of a participle after it ("a report released by X")."""
    found = [c for c in noun.children if c.dep_ == "poss"]
    found += [c for c in noun.lefts if c.dep_ in ("compound", "nmod", "amod") and (c.pos_ == "PROPN" or c.ent_type_)]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "for", "of", "at"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if child.lower_ == "of":  # "a survey of local clubs by X": "by X" hung on the clubs
                    found += [c for by in pobj.children if by.dep_ == "prep" and by.lower_ == "by"
                              for c in by.children if c.dep_ == "pobj"]
                found.append(pobj)
        elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() not in obtaining_verbs():
            # "a report released by X", "a study which is released by X" (not "a memo obtained by X")
            for agent in child.children:
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ in ("by", "from")):
                    found += [c for c in agent.children if c.dep_ == "pobj"]
    return found


def writer(graph: Graph, noun: Token) -> Link | None:
    """Who the narration says wrote or issued a document: the subject of the clause that
    has it as object or says what is in it ("X released a report", "X wrote in a report
    for Y": X), else an owner written next to it ("Y's report", "a report by Y")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "in":  # "X said in a statement"
        verb = verb.head
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and verb.pos_ == "VERB" and verb.lemma_.lower() not in obtaining_verbs():
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in RELATIVES and verb.dep_ == "relcl":
            subject = verb.head  # "X, which commissioned the survey": X
        if subject is not None and subject.pos_ != "PRON" and not _document_word(subject):
            found = organisation_of(graph, subject) or person_of(graph, subject)
            if found is not None and found.name:
                return replace(found, evidence=f"'{verb.text}' by {found.name}")
    for owner in owners(noun):
        if owner.pos_ != "PRON" and not _document_word(owner):
            found = organisation_of(graph, owner) or person_of(graph, owner)
            if found is not None:
                return replace(found, evidence=f"of {found.name}")
    return None


def _document_word(token: Token) -> bool:
    """A document's common noun, not a name that holds one ("Norvale Data", "the Post")."""
    return token.pos_ != "PROPN" and is_document_noun(token)


def published_by(graph: Graph, noun: Token) -> Link | None:
    """"a document titled … on X's website": whose the place the sentence says it was
    published is."""
    for place in noun.doc[noun.i + 1:noun.sent.end]:
        if place.dep_ == "pobj" and place.head.lower_ in ("on", "in", "at") and is_document_noun(place):
            # "on X's website", "in a 1998 Department of Transport document"
            for owner in (c for c in owners(place) if c.pos_ != "PRON"):
                found = organisation_of(graph, owner) or person_of(graph, owner)
                if found is not None and found.name:
                    return replace(found, evidence=f"published on {found.name}'s {place.text}")
    return None
