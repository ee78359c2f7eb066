"""The pronoun chains: each "he" or "she" subject of the narration, in reading order, is
linked to the person it points to, so the next one reads on from it: in "She said … letter
to X. “…,” she said", the second "she" is the first one's person, not X."""

from __future__ import annotations

from spacy.tokens import Token

from ..cues import speech_verb
from ..lexicon import prepositions
from ..tokens import sentences_apart, subjects
from .graph import Graph, Kind, Link, Mention
from .kinds import gendered_pronoun


def chain_pronouns(graph: Graph) -> None:
    for token in subjects(graph.doc):
        pron = gendered_pronoun(token)
        if pron is None:
            continue
        span = graph.doc[token.i:token.i + 1]
        if graph.in_quotes(span) or graph.skipped(span):
            continue
        found = graph.recent_person(_said_before(graph, token), exclude=_contrasted(graph, token), gender=pron.gender,
                                    unnamed=True)
        if found is not None and found.entity.gender in (None, pron.gender):
            found.entity.told(pron.gender, f"pronoun '{token.text}' at {token.idx}")
            back = sentences_apart(graph.doc, found.start, token.idx)
            what = "subject" if found.subject else "person named"
            if found.entity.kind == "unnamed":
                what = "subject, someone unnamed" if found.subject else "person described, unnamed"
            evidence = f"nearest {pron.gender} {what}, {back} sentence{'s' if back != 1 else ''} back"
            graph.insert_link(Link(Mention(span, Kind.PRONOUN), found.entity, found.entity.name, found.entity.kind,
                                   "pronoun chain", evidence, coreference=True,
                                   subject=True, sentence=span.root.sent.start_char, quoted=False))


def _said_before(graph: Graph, pronoun: Token) -> int:
    """Where a pronoun's antecedent must come before: the pronoun itself, or, for the
    subject of a speech verb that follows what was reported ("… in the northern villages,
    he said"; "Mr X's first task was to “…” within the US, he said"), the start of the
    report, which names no speaker, when the report starts in the pronoun's sentence. (Quoted
    words are passed over anyway.)"""
    verb = pronoun.head
    if speech_verb(verb) is not None:
        said = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < pronoun.i
                and not (speech_verb(c) is not None and any(s.dep_ == "nsubj" for s in c.children))]
        # (not another speaker's statement: "“…,” said X. Y, he said, …")
        doc = pronoun.doc
        if said and said[0].left_edge.i >= pronoun.sent.start \
                and all(t.is_punct or t.is_space for t in doc[said[0].right_edge.i + 1:pronoun.i]):
            return min(pronoun.idx, said[0].left_edge.idx)  # (the report ends right before it)
    return pronoun.idx


def _contrasted(graph: Graph, pronoun: Token) -> set[int]:
    """People named in a phrase that the pronoun's own clause opens with ("Unlike X, he
    …", "In Ashby, she …"): set against the subject, not the subject. "For X, he …" is
    often X himself."""
    found = set()
    for head in (pronoun.head, pronoun.head.head):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.i < pronoun.i and prep.i == prep.sent.start \
                    and prep.lower_ not in prepositions("about"):
                for t in prep.subtree:
                    entity = graph.person_at(t.idx, t.idx + len(t)) if t.pos_ == "PROPN" else None
                    if entity is not None:
                        found.add(id(entity))
    return found
