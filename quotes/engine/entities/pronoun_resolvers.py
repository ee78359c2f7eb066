"""The pronoun resolver: who "he", "she", "it" or "they" is, where a sieve found one as the
words naming a speaker: the pronoun chain of the entity graph, the unnamed person or the
spokesperson who has just spoken, the subject just before, the organisation or group that
spoke before. Registered in `resolvers.RESOLVERS` as "pronoun"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..cues import speech_verb
from ..lexicon import gendered_words, is_org_noun, is_person_noun, pronouns
from ..mentions import mention_span
from ..state import Attribution, Context
from ..tokens import ORG_LABELS, PERSON_LABELS, sentences_apart, sentences_back
from .answers import found as _found, nobody as _nobody
from .graph import Link, Mention
from .kinds import is_document_noun, is_group
from .pronouns import gendered_antecedent, spoke


def resolve(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Link:
    """`resolvers.resolve` (imported when called: the registry there imports this module)."""
    from .resolvers import resolve as registry_resolve
    return registry_resolve(ctx, span, exclude, previous)


UNNAMED_SENTENCES = 3  # sentences back in which an unnamed speaker's cue may stand for "he said"


def pronoun(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    span = mention.span
    pron = pronouns().get(span.text.lower()) if len(span) == 1 else None
    if pron is None:
        return None
    if pron.number != "plural" and pron.gender == "neuter":
        subject = organisation_subject(ctx, span)
        if subject is not None:
            back = sentences_apart(ctx.doc, subject.start, span.start_char)
            return _found(None, subject.entity.name, "organisation",
                          f"pronoun '{span.text}': {subject.entity.name}, the subject {back} sentence{'s' if back != 1 else ''} back",
                          True)
    if pron.number == "plural" or pron.gender == "neuter":
        antecedent = _subject_before(ctx, span, plural=pron.number == "plural")
        if antecedent is not None:
            found = resolve(ctx, mention_span(antecedent), exclude, previous)
            if found.name:
                back = sentences_apart(ctx.doc, antecedent.idx, span.start_char)
                return _found(found.entity, found.name, found.kind,
                              f"pronoun '{span.text}': {found.name}, the subject {back} sentence{'s' if back != 1 else ''} back",
                              True)
        if previous and previous.speaker_kind in ("group", "organisation") and previous.speaker_name:
            return _found(previous.speaker, previous.speaker_name, previous.speaker_kind,
                          f"pronoun '{span.text}': the {previous.speaker_kind} that spoke before", True)
        return _nobody(f"pronoun '{span.text}': no group or organisation spoke before", True)
    if pron.person == "first":
        return _nobody(f"pronoun '{span.text}': the first person", True)
    gender = pron.gender if pron.gender in ("male", "female") else None
    unnamed = _unnamed_speaker(ctx, span, gender, previous) or _spokesperson_before(ctx, span, gender)
    if unnamed is not None:
        return unnamed
    chained = ctx.graph.chained(span.start_char)
    entity = chained.entity if chained is not None else None
    if entity is not None and id(entity) not in exclude:
        evidence = f"pronoun: {chained.evidence}"
    else:
        found = gendered_antecedent(ctx.graph, span.start_char, exclude, gender)
        if found is None:
            return _nobody(f"pronoun '{span.text}': no {gender or 'person'} named before", True)
        entity = found.entity
        back = sentences_apart(ctx.doc, found.start, span.start_char)
        place = "subject" if found.subject else "speaker" if spoke(found) else "person named"
        evidence = f"pronoun: nearest {gender + ' ' if gender else ''}{place}, {back} sentence{'s' if back != 1 else ''} back"
    if entity.kind == "unnamed":  # "the Cardinal will ask …. “…,” he will say": someone the article never names
        return _found(None, entity.name, "anonymous", evidence, True)
    return _found(entity, entity.name, "person", evidence, True)


def _subject_before(ctx: Context, span: Span, plural: bool) -> Token | None:
    """'The tobacco companies deny …. They also say …', 'The opposition made capital of the
    figures. It said …': the subject just before the pronoun (in its sentence or the one
    before) that "they" or "it" can be: a plural noun phrase or a group for "they", an
    organisation or a document for "it"; none when a person or a pronoun is nearer."""
    doc = ctx.doc
    for token in reversed(doc[sentences_back(span.root, 1):span.start]):
        if token.dep_ not in ("nsubj", "nsubjpass") or token.i in ctx.in_quote:
            continue
        verb = token.head
        if not (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")):
            continue  # (the subject of what is said, not of the sentence: "… saying that Canada has …")
        if token.lower_ in pronouns() or token.ent_type_ in PERSON_LABELS:
            return None  # (someone nearer: "… he said. It …" is no organisation of before)
        if plural:
            if token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children):
                return token
        elif token.tag_ in ("NN", "NNP") and (token.ent_type_ in ORG_LABELS or is_org_noun(token.lemma_.lower())
                                              or (token.pos_ == "NOUN" and is_document_noun(token))):
            return token
        if token.tag_ == "NN" and is_person_noun(token.lemma_.lower()):
            return None
    return None


def organisation_subject(ctx: Context, span: Span) -> Link | None:
    """'EDC declined to answer. “…,” it said': the organisation that is the subject of the
    pronoun's sentence or the one before, when no document or person stands as a subject
    between ("The report found … It said" is the report's)."""
    doc = ctx.doc
    first = sentences_back(span.root, 1)
    for found in reversed(ctx.graph.organisation_links):
        root = found.mention.span.root
        if found.start >= span.start_char or root.i in ctx.in_quote:
            continue
        if root.i < first:
            return None
        if root.dep_ not in ("nsubj", "nsubjpass") or found.entity is None or found.entity.kind != "organisation":
            continue
        between = doc[root.i + 1:span.start]
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.i not in ctx.in_quote and t.i != span.root.i and (
                t.ent_type_ in PERSON_LABELS or t.lower_ in pronouns() or (t.pos_ == "NOUN" and is_document_noun(t)))
               for t in between):
            return None
        return found
    return None


def _unnamed_speaker(ctx: Context, span: Span, gender: str | None, previous: Attribution | None) -> Link | None:
    """'…, a security guard told reporters. … , he said': the unnamed person who has just
    spoken, when the text names no person of that gender after them."""
    if previous is None or previous.mention is None or previous.cue is None:
        return None
    spokesperson = _for_an_organisation(previous, gender)
    if previous.speaker_kind != "anonymous" and not spokesperson:
        return None  # ("A party spokesman told … . He said …": the spokesman, for the party)
    nouns = [t for t in previous.mention if t.tag_ == "NN" and (is_person_noun(t.lemma_) or t.lemma_.startswith("spokes"))]
    if spokesperson and not nouns:
        nouns = [previous.mention.root]  # ("… ," he said. He said …": the same spokesman goes on)
    if not nouns or is_group(previous.mention) or any(gendered_words().get(t.lower_) not in (None, gender) for t in nouns):
        return None
    if not (sentences_back(span.root, UNNAMED_SENTENCES) <= previous.cue.i or spokesperson) or previous.cue.i >= span.start:
        return None  # (a spokesperson's quotes may run on for paragraphs before "He said …")
    if any(_someone(ctx, t) for t in ctx.doc[previous.cue.i + 1:span.start]):
        return None  # ('… a spokesperson said. Later the mayor spoke. “…,” he said')
    named = ctx.graph.recent_person(span.start_char, gender=gender)
    if named is not None and named.start >= previous.mention.start_char:
        return None
    if spokesperson:
        return _found(previous.speaker, previous.speaker_name, "organisation",
                      f"pronoun: the spokesperson for {previous.speaker_name} who has just spoken", True)
    return _found(None, previous.speaker_name, "anonymous", "pronoun: the unnamed person who has just spoken", True)


def _for_an_organisation(previous: Attribution, gender: str | None) -> bool:
    """Whether the statement before was a spokesperson's, for an organisation: the mention a
    spokesperson, or a pronoun of this gender that one of those answered."""
    if previous.speaker_kind != "organisation":
        return False
    root = previous.mention.root
    if root.lemma_.lower().startswith("spokes"):
        return True
    pron = pronouns().get(root.lower_)
    return pron is not None and gender is not None and pron.gender == gender and "spokesperson" in (previous.evidence or "")


def _spokesperson_before(ctx: Context, span: Span, gender: str | None) -> Link | None:
    """'But a UKIP spokesman said …. “…,” he added.': the spokesperson who spoke in the
    sentences just before (UNNAMED_SENTENCES), for the organisation, when no one else spoke
    or was named as a subject between (the statement before may be of another detector, so
    this reads the text, not the statement before)."""
    for token in reversed(ctx.doc[sentences_back(span.root, UNNAMED_SENTENCES):span.start]):
        if token.i in ctx.in_quote or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if token.lemma_.lower().startswith("spokes") and speech_verb(token.head) is not None:
            if gendered_words().get(token.lower_) not in (None, gender):
                return None
            found = resolve(ctx, mention_span(token), set(), None)
            if found.kind == "organisation" and found.name:
                return _found(found.entity, found.name, "organisation",
                              f"pronoun: the spokesperson for {found.name} who has just spoken", True)
            if found.kind == "anonymous" and found.name:  # ("The prime minister's spokesman said …. But he added")
                return _found(None, found.name, "anonymous", "pronoun: the unnamed spokesperson who has just spoken", True)
            return None
        if _someone(ctx, token):
            return None
    return None


def _someone(ctx: Context, token: Token) -> bool:
    """A subject of the narration that is one person: a name (tagged, or one the names pass
    found: "as Cardinal X backed …"), or a description."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.i in ctx.in_quote:
        return False
    if token.ent_type_ in PERSON_LABELS or (token.tag_ == "NN" and is_person_noun(token.lemma_)):
        return True
    entity = ctx.graph.person_at(token.idx, token.idx + len(token)) if token.pos_ == "PROPN" else None
    return entity is not None and entity.kind == "person"
