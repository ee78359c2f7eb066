"""The cue-phrase sieve: a phrase of `cue_phrases.txt` names the source of the words it
stands by, after it ("according to X") or as the subject of its clause ("X said in a
statement", "In an interview, X said").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..model import Method
from .lexicon import CuePhrase, cue_phrases
from .mentions import mention_span
from .entities.resolvers import names_a_source, resolve
from .state import Attribution, Context
from .verb import attribute_verb, subject_of

SOURCE_REACH = 8  # tokens after an "after" phrase in which its source must start


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[int, CuePhrase]]:
    """One PhraseMatcher over the lexicon's phrases, on lower-case words, per vocabulary."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    by_key = {}
    for phrase in cue_phrases():
        name = " ".join(phrase.words)
        matcher.add(name, [Doc(vocab, words=list(phrase.words))])
        by_key[vocab.strings[name]] = phrase
    return matcher, by_key


def phrases_in(doc: Doc, start: int, end: int) -> list[tuple[int, CuePhrase]]:
    """(first token, phrase) of each cue phrase inside tokens [start, end), in order."""
    if end <= start:
        return []
    matcher, by_key = _matcher(doc.vocab)
    # (on a span the matcher gives positions in the whole document)
    return sorted((s, by_key[key]) for key, s, e in matcher(doc[start:end]) if start <= s and e <= end)


def attribute_phrase(ctx: Context, start: int, end: int, previous: Attribution | None) -> Attribution | None:
    """The source a cue phrase in tokens [start, end) names."""
    doc = ctx.doc
    for i, phrase in phrases_in(doc, start, end):
        n = len(phrase.words)
        head = _source_after(doc, i + n, end) if phrase.source == "after" else _clause_subject(ctx, doc[i])
        if head is None:
            continue
        span = mention_span(head)
        link = resolve(ctx, span, set(), previous)
        if link.name is None:
            if names_a_source(span):  # "according to a new poll": kept as the mention, no speaker
                return Attribution(cue=doc[i], cue_label=phrase.label, mention=span)
            continue
        if phrase.source == "after":
            # "according to a statement by the ministry": the author is the source
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "by":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            span = mention_span(pobj)
                            link = resolve(ctx, span, set(), previous)
        return Attribution.resolved(link, cue=doc[i], cue_label=phrase.label, mention=span,
                                    method=Method.COREFERENCE if link.coreference else Method.CUE_PHRASE)
    return None


def _source_after(doc: Doc, j: int, end: int) -> Token | None:
    """The head of the first noun phrase right after the phrase ("according to police")."""
    limit = min(end, j + SOURCE_REACH)
    while j < limit and doc[j].pos_ not in ("PROPN", "NOUN", "PRON"):
        j += 1
    if j >= limit:
        return None
    head = doc[j]
    while head.head.i != head.i and head.dep_ in ("compound", "amod", "flat", "nmod", "poss") and head.head.i < end:
        head = head.head
    return head


def _clause_subject(ctx: Context, first: Token) -> Token | None:
    """The subject of the verb a phrase hangs on ("X said [in a statement]", "X was
    [quoted as saying]"), never a word inside quote marks."""
    verb = first if first.pos_ in ("VERB", "AUX") else first.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = subject_of(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.i in ctx.in_quote:
        return None
    return subject


def attribute_noun_cue(ctx: Context, cue: Token, noun: Token, content: tuple[int, int],
                       previous: Attribution | None) -> Attribution | None:
    """The speaker of a statement a noun of what was said holds: the owner of the noun when
    it is the subject of "be" ("Ortiz's criticism was that …"), else the subject of the verb
    that expresses it ("Ortiz expressed doubts that …")."""
    if cue.lemma_ == "be":
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        span = mention_span(owner)
        link = resolve(ctx, span, set(), previous)
        if link.name is None:
            return None
        return Attribution.resolved(link, cue=noun, cue_label=noun.text, mention=span,
                                    method=Method.COREFERENCE if link.coreference else Method.CUE_PHRASE)
    found = attribute_verb(ctx, cue, content, previous)
    if found.decided():
        found.cue_label = f"{found.cue_label} {noun.text}"
    return found if found.decided() else None
