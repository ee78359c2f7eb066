"""The verb sieve: a statement whose cue is a speech verb goes to the verb's subject, or to
a speaker written after it ("…," said the minister); the one it was said to is the addressee.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Method
from .cues import cue_text, speech_verb
from .lexicon import pronouns, speech_nouns
from .mentions import _display, mention_span
from .entities.resolvers import resolve
from .state import Attribution, Context
from .entities.lookup import person_named
from .entities.people import unknown_person
from .syntax import closing_inversion, subject_of
from .tokens import PERSON_LABELS, entity_span

POSTPOSED_DEPS = ("nsubj", "dobj", "attr", "npadvmod", "appos", "dative", "oprd", "pobj", "conj", "nsubjpass", "dep")


def _postposed_speaker(verb: Token, stop: int, inverted: bool = False) -> Token | None:
    """A speaker written after the verb: '…,' tweeted X / said the minister."""
    entry = speech_verb(verb)
    for child in verb.rights:
        if child.i >= stop:
            break
        if child.dep_ == "dobj" and entry is not None and "addressee" in entry.flags:
            continue  # "tells Breitbart News": the one told
        if child.dep_ in POSTPOSED_DEPS and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
    # The parser lost the structure ("notes X" read as a noun): the words right after it.
    doc = verb.doc
    j = verb.i + 1
    while j < min(stop, len(doc)) and doc[j].pos_ in ("DET", "ADJ", "NUM", "PUNCT") and doc[j].text not in (",", "."):
        j += 1
    if j >= min(stop, len(doc)):
        return None
    token = doc[j]
    if token.pos_ == "PROPN" or token.ent_type_ in PERSON_LABELS or (inverted and token.pos_ == "NOUN"):
        head = token
        while head.head.i != head.i and head.dep_ in ("compound", "flat", "amod") and head.head.i < stop:
            head = head.head
        return head
    return None


def _addressee(ctx: Context, verb: Token, speaker_token: Token | None, skip: tuple[int, int]) -> Span | None:
    entry = speech_verb(verb)
    if entry is None:
        return None
    candidates = []
    for child in verb.children:
        if child is speaker_token or skip[0] <= child.i < skip[1]:
            continue
        if child.dep_ in ("dative",) or (child.dep_ == "dobj" and "addressee" in entry.flags):
            candidates.append(child)
        elif child.dep_ == "prep" and child.lower_ == "to" and "to-person" in entry.flags:
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
    for token in candidates:
        for t in token.subtree:
            ent = entity_span(t)
            if ent is not None and ent.label_ in PERSON_LABELS:
                return ent
        return mention_span(token)
    return None


def attribute_verb(ctx: Context, verb: Token, content: tuple[int, int], previous: Attribution | None,
                   stop: int | None = None, inverted: bool = False) -> Attribution:
    """Speaker, addressee and method for a statement whose cue is `verb`."""
    result = Attribution(cue=verb, cue_label=cue_text(verb))
    entry = speech_verb(verb)  # (None for a cue the parser read as a noun: "…," notes X)
    subject = subject_of(verb)
    if subject is not None and (content[0] <= subject.i < content[1] or subject.i in ctx.in_quote):
        subject = None  # (never someone inside quoted words: the parser climbed too far)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.head.i == verb.i:
        # "X was asked, “…”": X is the one spoken to
        result.addressee = _name_of(ctx, mention_span(subject))
        return result
    method = Method.SYNTAX
    named = None  # the name itself, where the parser hung a phrase on it
    relative = None  # "X, who said …": the mention as written is "who"; the speaker, X
    if subject is None or subject.lower_ in ("that", "which", "who") and subject.dep_ == "nsubj" and verb.dep_ == "relcl":
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            relative = subject  # (None, or the relative pronoun the condition above found)
            subject, method = verb.head, Method.SYNTAX
            if subject.dep_ == "appos" and subject.pos_ == "NOUN" and subject.head.pos_ == "PROPN":
                subject = subject.head  # "X, the brawler who calls herself …": X
        elif (verb.dep_ == "acl" and verb.head.ent_type_ in PERSON_LABELS and verb.head.i < verb.i
              and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and not (entry and "addressee" in entry.flags)))):
            subject, method = verb.head, Method.SYNTAX  # "X, the nominee, tweeted:" read as a reduced relative
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "xcomp") and verb.i > 0 and (
            subject is None or subject.head.i != verb.i):
        # "footage of X asking, “…”", "has X saying, “…”": the person right before it
        before = ctx.doc[verb.i - 1]
        if before.ent_type_ in PERSON_LABELS:
            subject, method = before, Method.SYNTAX
    if subject is None and verb.i >= content[1]:
        # "“…,” X, founder of Y, tells Z": the parser hung X on the quote
        first = next((t for t in ctx.doc[content[1]:verb.i] if not t.is_punct and not t.is_space), None)
        if first is not None and (first.ent_type_ not in PERSON_LABELS or _owner(first)):
            titled = _titled_name(ctx.doc[first.i:verb.i])  # "“…,” director of rugby X told Y"
            if titled is None:
                # ('…, her lawyer, Perry Wander, said': the name itself, not the phrase the parser hung on it)
                titled = _named_in_closing_phrase(ctx.doc[content[1]:verb.i])
                named = entity_span(titled) if titled is not None else None
            first = titled
        if first is not None and first.ent_type_ in PERSON_LABELS and first.ent_iob_ == "B":
            subject, method = first, Method.SYNTAX
            while subject.dep_ in ("compound", "flat") and subject.head.i < verb.i:
                subject = subject.head
    if subject is None:
        subject = _postposed_speaker(verb, stop if stop is not None else len(ctx.doc), inverted)
        if subject is not None and (content[0] <= subject.i < content[1] or subject.i in ctx.in_quote):
            subject = None
        method = Method.INVERSION
    if subject is None:
        return result
    subject = _author_of(subject)
    span = named if named is not None and named.root.i == subject.i else mention_span(subject)
    addressee = _addressee(ctx, verb, subject, content)
    exclude = set()
    if addressee is not None:
        result.addressee = _name_of(ctx, addressee)
        entity = ctx.graph.person_at(addressee.start_char, addressee.end_char)
        if entity is not None:
            exclude.add(id(entity))
    link = resolve(ctx, span, exclude, previous)
    if link.name is None:
        result.mention = span
        return result
    if relative is not None:
        span = ctx.doc[relative.i:relative.i + 1]
    result.mention, result.speaker, result.speaker_name, result.speaker_kind = span, link.entity, link.name, link.kind
    result.resolver, result.evidence = link.rule, link.evidence
    if method is Method.SYNTAX and subject.i > verb.i and not (content[0] <= verb.i < content[1]):
        method = Method.INVERSION  # "…," said the minister: the subject stands after its verb
    result.method = Method.COREFERENCE if link.coreference else method
    result.weak = entry is not None and entry.weak
    return result


def _titled_name(phrase: Span) -> Token | None:
    """The first token of the one person named at the end of a phrase that only describes
    them ("director of rugby X"): no verb, no other name. None when the phrase is more."""
    people = [t for t in phrase if t.ent_type_ in PERSON_LABELS and t.ent_iob_ == "B"]
    if len(people) != 1 or any(t.pos_ in ("VERB", "AUX") or t.text in (".", "!", "?", ";") for t in phrase):
        return None
    name = people[0]
    last = name
    while last.i + 1 < phrase.end and phrase.doc[last.i + 1].ent_iob_ == "I":
        last = phrase.doc[last.i + 1]
    return name if last.i + 1 == phrase.end else None


def _named_in_closing_phrase(phrase: Span) -> Token | None:
    """The first word of the person named in a noun phrase between the content and its verb
    ('…, her lawyer, Perry Wander, said'), not an owner ("X's chief Y"): a phrase of nouns
    and commas only, no verb."""
    if any(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ") or t.is_quote for t in phrase):
        return None
    return next((t for t in phrase if t.ent_type_ in PERSON_LABELS and t.ent_iob_ == "B" and not _owner(t)), None)


def _owner(token: Token) -> bool:
    """The name `token` opens ends in a possessive: it owns the speaker's role ("Lib Dem's
    elections chief Lord Rennard"), it is not the speaker."""
    name = entity_span(token)
    return name is not None and (name[-1].tag_ == "POS" or (name.end < len(token.doc) and token.doc[name.end].tag_ == "POS"))


def _author_of(subject: Token) -> Token:
    """'her statement said', 'the minister's letter read': the possessor speaks."""
    if subject.lemma_.lower() in speech_nouns() or subject.lower_ in speech_nouns():
        for child in subject.children:
            if child.dep_ == "poss":
                return child
    return subject


def _name_of(ctx: Context, span: Span) -> str | None:
    """The name of the one spoken to; a pronoun ("told her") is the person it points back to,
    or no one."""
    entity = ctx.graph.person_at(span.start_char, span.end_char)
    if entity is None and len(span) == 1 and span[0].lower_ in pronouns():
        return resolve(ctx, span, set(), None).name
    if entity is None and span.root.ent_type_ in PERSON_LABELS:
        entity = person_named(ctx.graph, span) or unknown_person(span)
    return entity.name if entity is not None else _display(span)
