"""The descriptions pass: a person the narration describes as the subject of a clause ("the
Cardinal will ask …", "one leading broker said …", "the 38-year-old scored") is a mention
too, so a pronoun after it can point back to it. A definite description the title or the
person just named answers is linked to that person; any other is someone unnamed, an
entity of its own, kept as written."""

from __future__ import annotations

from ..cues import speech_verb
from ..lexicon import gendered_words, is_org_noun, is_title_word
from ..mentions import AGED, NOMINAL_WINDOW, _display, describes_person, mention_span
from ..tokens import ORG_LABELS, subjects
from .graph import Entity, Graph, Kind
from .kinds import definite, is_document_noun, is_group, mention_kind, with_article
from .pronouns import opening_people
from .roles import office, role_agrees


def add_descriptions(graph: Graph) -> None:
    doc = graph.doc
    described = {link.start for link in graph.links}
    unnamed: dict[str, Entity] = {}  # the noun of someone unnamed -> them
    named: dict[str, Entity] = {}  # the noun of a description -> the named person it stood for
    found = []
    for token in subjects(doc):
        role = token.pos_ == "PROPN" and is_title_word(token.text)  # ("the Cardinal")
        if not (token.pos_ == "NOUN" and token.tag_ in ("NN", "NNP") or role or _aged(token)) or token.i in graph.in_quote:
            continue
        span = with_article(mention_span(token))
        if graph.skipped(span) or span.start_char in described or graph.person_at(span.start_char, span.end_char):
            continue
        if mention_kind(span) not in (Kind.NOMINAL, Kind.ANONYMOUS) or is_group(span) or not _a_person(graph, span):
            continue
        lemma = token.lemma_.lower()
        rule = "descriptions"
        entity = _described_before(graph, span, named.get(lemma))
        answer = _described(graph, span) if entity is None else None
        if entity is not None:
            evidence, rule = f"the {lemma} described before: {entity.name}", SAME_DESCRIPTION
        elif answer is not None:
            entity, evidence = answer, f"'{token.text}': {answer.name}"
            if len(answer.words) > 1:  # (a full name: a one-word "person" may be a misread party or place)
                named[lemma] = entity
        elif definite(span) and lemma in unnamed:  # "one man … the man"
            entity, evidence = unnamed[lemma], f"the {lemma} described before"
        elif not describes_person(span) or not any(c.isalpha() for c in _display(span)):
            continue  # (someone unnamed is a person noun or a title: "the research says" is no one)
        else:
            entity = unnamed[lemma] = graph.add_unnamed(Entity(_display(span), kind="unnamed"))
            gender = gendered_words().get(token.lower_)
            if gender:
                entity.told(gender, f"'{token.text}'")
            evidence = "someone unnamed, as written"
        found.append((span, entity, evidence, rule))
    for span, entity, evidence, rule in found:  # (added once all are read: the links stay in order meanwhile)
        graph.link(span, Kind.NOMINAL, entity, rule, evidence)
    graph.sort_links()


SAME_DESCRIPTION = "same description"


def _described_before(graph: Graph, span, entity: Entity | None) -> Entity | None:
    """"The singer grabbed an intruder … the star gave chase … The heavy metal star said":
    a definite description whose noun stood for a named person earlier in the article
    stands for them again, while they are still being written about (named or described
    within NOMINAL_WINDOW characters before), whoever else was named in between."""
    if entity is None or not definite(span):
        return None
    if any(t.pos_ == "PROPN" or t.ent_type_ for t in span if t.i != span.root.i):
        return None  # ("the Labour leader … the Tory leader": a name in it says whose; recency decides)
    start = span.start_char
    return entity if any(link.entity is entity and 0 <= start - link.start <= NOMINAL_WINDOW
                         for link in graph.links) else None


def _aged(token) -> bool:
    """"The 31-year-old was third …": an age that the model parsed as an adjective subject."""
    doc = token.doc
    return token.lower_ == "old" and token.i >= 4 and AGED.search(doc[token.i - 4:token.i + 1].text) is not None


def _a_person(graph: Graph, span) -> bool:
    """A description of one person: a person noun or a title ("the Cardinal", "one leading
    broker", "the 38-year-old"), or a noun no lexicon lists that speaks ("the fly-half
    said"); not an organisation or a document, nor one owned by someone ("his lawyer")."""
    root = span.root
    lemma = root.lemma_.lower()
    if is_org_noun(lemma) or is_document_noun(root) or lemma.startswith("spokes"):
        return False  # (a spokesperson is the voice of an organisation: the spokesperson resolver's)
    if any(c.dep_ == "poss" and c.ent_type_ not in ORG_LABELS for c in root.children):
        return False
    speaks = root.dep_ == "nsubj" and speech_verb(root.head) is not None
    return describes_person(span, any_noun=speaks)


def _described(graph: Graph, span):
    """The named person a definite description stands for: the one the article gave its
    title, else the subject of the sentence before (NOMINAL_WINDOW back at most)."""
    if not definite(span):
        return None
    root = span.root
    entity = graph.titled(root.lemma_, span.start_char)
    if entity is not None or office(root):
        return entity  # ("the Cardinal": an office the article gave no one)
    found = graph.recent_person(span.start_char, exclude=opening_people(graph, root),
                                gender=gendered_words().get(root.lower_), window=NOMINAL_WINDOW)
    return found.entity if found is not None and found.subject and role_agrees(root, found.entity) else None
