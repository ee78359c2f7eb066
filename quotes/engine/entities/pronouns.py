"""The pronoun chains: each "he" or "she" subject of the narration, in reading order, is
linked to the person it points to, so the next one reads on from it: in "She said … letter
to X. “…,” she said", the second "she" is the first one's person, not X."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from ..cues import speech_verb
from ..lexicon import prepositions
from ..tokens import sentence_bounds, sentence_of, sentences_apart, sentences_back, subjects
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
        found = gendered_antecedent(graph, _said_before(graph, token), opening_people(graph, token), pron.gender,
                                    _topic(graph, token))
        if found is not None and found.entity.gender in (None, pron.gender):
            found.entity.told(pron.gender, f"pronoun '{token.text}' at {token.idx}")
            back = sentences_apart(graph.doc, found.start, token.idx)
            what = "subject" if found.subject else "speaker" if spoke(found) else "person named"
            if found.entity.kind == "unnamed":
                what = "subject, someone unnamed" if found.subject else "person described, unnamed"
            evidence = f"nearest {pron.gender} {what}, {back} sentence{'s' if back != 1 else ''} back"
            graph.insert_link(Link(Mention(span, Kind.PRONOUN), found.entity, found.entity.name, found.entity.kind,
                                   "pronoun chain", evidence, coreference=True,
                                   subject=True, sentence=sentence_of(span.root).start_char, quoted=False))


SPEAKER_SENTENCES = 3  # sentences back in which the last speaker may be the antecedent
SUBJECT_SENTENCES = 2  # and, where no one spoke, the last subject


def gendered_antecedent(graph: Graph, before: int, exclude: set[int], gender: str | None,
                        topic: set[int] = frozenset()) -> Link | None:
    """The person a "he" or "she" at `before` points to: the nearest sentence's subject
    (`Graph.recent_person`); where that sentence names people of the gender only in passing
    (an object, a phrase: "… the distance against X", "Speaking on Breakfast with X, he
    said"), the one who spoke last in the sentences before, when someone did ("X said …. He
    …"), before the first person named in passing; unless that person is the `topic` the
    pronoun's clause opens with ("As for X, he said")."""
    found = graph.recent_person(before, exclude=exclude, gender=gender, unnamed=True)
    if found is None or found.subject or spoke(found) or id(found.entity) in topic or not _in_passing(found):
        return found
    return _last_speaker(graph, before, exclude, gender) \
        or _last_speaker(graph, before, exclude, gender, subject, SUBJECT_SENTENCES) or found


PASSING = ("pobj", "dobj", "dative", "poss")  # a person named as the object of a verb or a preposition, or an owner


def _in_passing(found: Link) -> bool:
    """Whether a mention is an object or an owner in its clause ("against X", "X's side"),
    not a subject the parser missed (a name it made the root of a sentence of its own)."""
    root = found.mention.span.root
    if any(c.dep_ == "relcl" for c in root.children):
        return False  # ("the withdrawal of X, who got frustrated …. He also accused …": X is what the passage is about)
    while root.dep_ in ("conj", "appos") and root.head is not root:
        root = root.head
    return root.dep_ in PASSING or (root.dep_ == "compound" and root.head.pos_ == "NOUN")  # ("an X strike")


def _last_speaker(graph: Graph, before: int, exclude: set[int], gender: str | None, role=None,
                  sentences: int = SPEAKER_SENTENCES) -> Link | None:
    """The nearest person named as the one who speaks (`spoke`; or, with `role`, one it
    accepts: `subject`) in the `sentences` before `before`, of the gender."""
    role = role or spoke
    start = graph.doc.char_span(before, before + 1, alignment_mode="expand")
    if start is None or not len(start):
        return None
    first = graph.doc[sentences_back(start[0], sentences)].idx
    for found in reversed(graph.links[:bisect_left(graph.starts(), before)]):
        if found.start < first:
            return None
        entity = found.entity
        if entity is None or entity.kind != "person" or id(entity) in exclude or found.quoted or found.pronoun:
            continue
        if gender and entity.gender and entity.gender != gender:
            continue
        if role(found):
            return found
    return None


def subject(found: Link) -> bool:
    """Whether a mention is the subject of its clause ("X felt …"), not named in passing."""
    return found.subject and not _in_passing(found)


def spoke(found: Link) -> bool:
    """Whether a mention names the one who speaks in its clause: the subject of a speech
    verb ("X said", "…, said X"), its agent ("… were denied by X"), or "according to X"."""
    root = found.mention.span.root
    if root.dep_ == "appos":
        root = root.head
    if root.dep_ in ("nsubj", "nsubjpass"):
        return speech_verb(root.head) is not None
    if root.dep_ == "pobj" and root.head.dep_ == "agent":  # ("… were denied by X")
        return speech_verb(root.head.head) is not None
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"


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


def opening_people(graph: Graph, subject: Token) -> set[int]:
    """People named in a phrase that a subject's own clause opens with ("Unlike X, he …",
    "In Ashby, she …", "Reacting to a comment by X, the American said"): set against the
    subject, not the subject. "For X, he …" is often X himself (`_topic`)."""
    return _opening(graph, subject, about=False)


def _topic(graph: Graph, pronoun: Token) -> set[int]:
    """People named in a phrase opening the pronoun's clause that names its topic ("As for
    X, he said …", "For X, who knows the risks, he …"): the pronoun may be them, wherever
    else the sentences before name people."""
    return _opening(graph, pronoun, about=True)


def _opening(graph: Graph, pronoun: Token, about: bool) -> set[int]:
    found = set()
    for head in (pronoun.head, pronoun.head.head):
        for prep in head.children:
            opens = prep.i < pronoun.i and prep.i == sentence_bounds(prep)[0]
            participle = prep.dep_ == "advcl" and prep.tag_ in ("VBG", "VBN") and not about \
                and prep.left_edge.i == sentence_bounds(prep)[0] and prep.right_edge.i < pronoun.i
            if participle or (prep.dep_ == "prep" and opens and (prep.lower_ in prepositions("about")) == about):
                for t in prep.subtree:
                    entity = graph.person_at(t.idx, t.idx + len(t)) if t.pos_ == "PROPN" else None
                    if entity is not None:
                        found.add(id(entity))
    return found
