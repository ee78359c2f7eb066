"""Sieves that read the layout around a statement: a colon that introduces a quote ("X:
“…”", "X was blunt: “…”"), a trailing dash that signs it ("“…” - X"), a sentence that says
what the quote was ("“…” was the reply of X", "Her answer was, “…”"), a headline's words
before its colon ("Minister: talks will resume") and a pull quote's credit.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..model import Method
from .cues import nearest_speech_verb
from .entities.kinds import gendered_pronoun
from .entities.people import find
from .lexicon import is_org_noun, is_person_noun, is_title_word, speech_nouns
from .mentions import _display, mention_span
from .entities.graph import Kind, Link, Mention
from .entities.lookup import person_named
from .entities.resolvers import resolve
from .pullquotes import credit
from .state import Attribution, Context
from .tokens import DASHES, ORG_LABELS, PERSON_LABELS, SENTENCE_END
from .verb import attribute_verb


COLON_VERB_REACH = 12  # tokens before a colon's clause that its speech verb may stand


def colon_speaker(ctx: Context, q_start: int, p_start: int, previous: Attribution | None) -> Attribution | None:
    doc = ctx.doc
    j = q_start - 1
    if j < 0:
        return None
    if j < p_start:  # the quote opens its paragraph: look at the end of the previous one
        while j >= 0 and doc[j].is_space:
            j -= 1
    if j < 0 or doc[j].text != ":":
        return None
    k = j - 1
    while k >= 0 and doc[k].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PUNCT") and doc[k].text not in SENTENCE_END | {":", "\n"} and not doc[k].is_space:
        k -= 1
    verb = nearest_speech_verb(doc, max(0, k - COLON_VERB_REACH), j, ctx.in_quote, reverse=True)
    if verb is not None and j - verb.i <= COLON_VERB_REACH + 2:
        result = attribute_verb(ctx, verb, (q_start, q_start + 1), previous, stop=j)
        if result.decided():
            return result
    candidates, depth = [], 0
    for t in doc[k + 1:j]:  # "Rep. X (R-S.C.):": not what the parentheses hold
        depth += t.text.count("(")
        if depth == 0 and t.pos_ in ("PROPN", "NOUN"):
            candidates.append(t)
        depth = max(0, depth - t.text.count(")"))
    head = candidates[-1] if candidates else None
    if head is None or _said_thing(head):
        # "X was blunt: “…”" — the subject of the clause the colon ends; and "X is rolling
        # out a new message: “…”", "he returned to his lines: “…”": X's, his
        clause = doc[j - 1] if j > 0 else doc[j]
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and clause.head.i < j:
            clause = clause.head
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < j), None)
        if subject is not None and (subject.ent_type_ in PERSON_LABELS | ORG_LABELS or subject.pos_ == "PROPN"
                                    or gendered_pronoun(subject) is not None
                                    or is_org_noun(subject.lemma_.lower()) or subject.lemma_.lower() in speech_nouns()):
            head = subject
        elif head is None:
            return None  # "The campaign worded it carefully: “…”", "A footnote makes it clear: “…”"
    span = mention_span(head)
    if len(span) == 1 and span.text.isupper() and is_person_noun(span.text.lower()):
        return None  # a heading's word for someone ("ANALYST'S VIEWPOINT:"), not a name ("WALLACE:")
    link = resolve(ctx, span, set(), previous)
    if link.name is None or (link.kind == "person" and link.entity is None and head.ent_type_ not in PERSON_LABELS):
        return None
    return Attribution.resolved(link, cue=doc[j], cue_label=":", mention=span, method=Method.CUE_PHRASE)


def _said_thing(noun: Token) -> bool:
    """A thing said or written, as the object of the clause before a colon ("issued a
    statement: “…”", "returned to his lines: “…”"): its author is that clause's subject."""
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "pobj") and noun.ent_type_ not in ORG_LABELS \
        and not is_person_noun(lemma) and (not is_org_noun(lemma) or lemma in speech_nouns())


def dash_speaker(ctx: Context, q_end: int, p_end: int, previous: Attribution | None) -> Attribution | None:
    doc = ctx.doc
    j = q_end
    while j < p_end and doc[j].is_punct and doc[j].text not in DASHES:
        j += 1
    if j >= p_end or doc[j].text not in DASHES:
        return None
    names = [t for t in doc[j + 1:p_end] if t.ent_type_ in PERSON_LABELS]
    if not names:
        return None
    span = mention_span(names[0])
    link = resolve(ctx, span, set(), previous)
    if link.name is None:
        return None
    return Attribution.resolved(link, cue=doc[j], cue_label="-", mention=span, method=Method.CUE_PHRASE)


def equated_speaker(ctx: Context, content: tuple[int, int], previous: Attribution | None) -> Attribution | None:
    """'“The best sleigh this Christmas!” was the response of one viewer', 'Her answer was,
    “Not today.”': a quote that a sentence with "be" makes someone's words."""
    doc = ctx.doc
    root = doc[content[0]].sent.root
    if root.lemma_ != "be" or content[0] <= root.i < content[1] or root.i in ctx.in_quote:
        return None
    said = next((c for c in root.children if c.dep_ in ("attr", "nsubj") and c.i not in ctx.in_quote
                 and not content[0] <= c.i < content[1] and c.lemma_.lower() in speech_nouns()), None)
    if said is None:
        return None
    owner = next((c for c in said.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((g for c in said.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                      for g in c.children if g.dep_ == "pobj"), None)
    if owner is None:
        return None
    span = mention_span(owner)
    link = resolve(ctx, span, set(), previous)
    if link.name is None and owner.pos_ == "NUM":  # "of one jolly viewer": someone unnamed
        span = doc[owner.left_edge.i:owner.right_edge.i + 1]
        link = Link(Mention(span, Kind.ANONYMOUS), None, _display(span), "anonymous", "anonymous", "unnamed: as written")
    if link.name is None:
        return None
    return Attribution.resolved(link, mention=span, method=Method.COREFERENCE if link.coreference else Method.CUE_PHRASE)


LABEL_WORDS = 3  # words of a speaker's label at most ("WALLACE:", "SEN. LENA ORTIZ:")


def label_speaker(ctx: Context, content: tuple[int, int]) -> Attribution | None:
    """'"WALLACE: Governor, I don't want to interrupt …"': a transcript line in quote marks
    opens with its speaker's name in capitals and a colon."""
    doc = ctx.doc
    i = content[0]
    while i < content[1] and (doc[i].is_punct and doc[i].text != ":" or doc[i].is_space):
        i += 1
    j = i
    while j < content[1] and j - i < LABEL_WORDS and doc[j].text != ":" and (
            doc[j].is_upper and len(doc[j].text.rstrip(".")) > 1 or doc[j].text == "."):
        j += 1
    if j == i or j >= content[1] or doc[j].text != ":" or j + 1 >= content[1]:
        return None
    span = doc[i:j]
    words = [t.text.rstrip(".").title() for t in span if t.text.rstrip(".").isalpha()]
    if not words or is_title_word(words[-1]):
        return None
    entity = find(ctx.graph, words[-1:]) or find(ctx.graph, words)
    name = entity.name if entity is not None else " ".join(words)
    evidence = f"label: {span.text} is {name}" if entity is not None else f"label: {span.text}, no one named so"
    return Attribution(mention=span, speaker=entity, speaker_name=name, speaker_kind="person",
                       cue=doc[j], cue_label=":", method=Method.CUE_PHRASE, resolver="name", evidence=evidence)


def headline_speaker(ctx: Context, h_start: int, h_end: int) -> Attribution | None:
    """The speaker a headline names before its colon (tokens [h_start, h_end)): the last
    name there, or a title the article gives someone later ("Minister: …")."""
    doc = ctx.doc
    names = [t for t in doc[h_start:h_end] if t.pos_ == "PROPN" or t.ent_type_ in PERSON_LABELS]
    if not names:
        return None
    span = mention_span(names[-1])
    link = resolve(ctx, span, set(), None)
    if link.entity is None and all(is_title_word(t.text) for t in span):
        entity = ctx.graph.titled(span.root.lemma_)  # the article names the minister later
        if entity is not None:
            link = replace(link, entity=entity, name=entity.name, kind="person", rule="title",
                           evidence=f"title '{span.root.lemma_.lower()}': {entity.name}, {entity.role}")
    if link.name is None or link.kind == "group":
        return None
    colon = doc[h_end] if h_end < len(doc) else None
    return Attribution.resolved(link, cue=colon, cue_label=":", mention=span, method=Method.CUE_PHRASE)


def credited_speaker(ctx: Context, t_start: int, t_end: int) -> Attribution | None:
    """The person a pull quote in tokens [t_start, t_end) credits, else None."""
    found = credit(ctx, t_start, t_end)
    return credited_person(ctx, found[1]) if found is not None else None


def credited_person(ctx: Context, name: Span) -> Attribution | None:
    """The attribution a pull quote's credit gives its words, when it names a person (a name
    the model took for an organisation counts when the text makes it a person)."""
    known = person_named(ctx.graph, name)
    if name[-1].ent_type_ not in PERSON_LABELS and (known is None or known.kind != "person"):
        return None
    while len(name) > 1 and name[0].ent_type_ not in PERSON_LABELS and known is None:
        name = name[1:]
    link = resolve(ctx, name, set(), None)
    if link.name is None or link.kind != "person":
        return None
    return Attribution.resolved(link, mention=name, method=Method.CUE_PHRASE)
