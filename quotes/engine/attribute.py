"""Who said it: ordered sieves over a parsed document, most precise first.

For a quote, find its cue (a speech verb or phrase next to it) and the speaker mention the
cue governs, then resolve that mention to a speaker of the document. Each sieve records
its name in `method`:

    syntax        the speaker is the subject of the cue verb
    inversion     a postposed speaker ("…," tweeted X / said the minister)
    cue_phrase    "according to X", "X: …", a trailing dash "… - X"
    coreference   the mention was a pronoun or a title noun, resolved to a named person
    narration     no cue of its own, after narration in its paragraph: that narration's subject
    continuation  no cue of its own: the speaker of the quote right before it
    turn_taking   no cue of its own, in a two-person exchange: its side's speaker (dialogue.py)
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import cue_text, phrase_at, speech_verb
from .lexicon import is_person_noun, is_title_word, pronouns, speech_nouns
from .speakers import GROUP_WORDS, ORG_LABELS, ORG_NOUNS, PERSON_LABELS, Entity
from .state import Attribution, Context
from .tokens import entity_span

CONFIDENCE = {
    "syntax": 0.95,
    "inversion": 0.9,
    "cue_phrase": 0.85,
    "coreference": 0.8,
    "continuation": 0.75,
    "narration": 0.7,
    "turn_taking": 0.65,
}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
PLACE_LABELS = {"GPE", "NORP", "LOC", "FAC"}  # "the Cambridge resident" is still anyone
POSTPOSED_DEPS = ("nsubj", "dobj", "attr", "npadvmod", "appos", "dative", "oprd", "pobj", "conj", "nsubjpass", "dep")
MAX_CUE_DISTANCE = 8  # tokens between a quote's mark and the verb that introduces it
NOMINAL_WINDOW = 1200  # characters back that a description ("the retired teacher") may reach


# ---- mentions --------------------------------------------------------------------------

def mention_span(token: Token) -> Span:
    """The words that name a speaker, from the head token of the subject; a coordination
    ("Ortiz and Renner") is one mention."""
    span = _single_mention(token)
    conj = [c for c in token.rights if c.dep_ == "conj"]
    if conj and any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in token.rights):
        last = _single_mention(conj[-1])
        return token.doc[span.start:max(span.end, last.end)]
    return span


def _coordinated(span: Span) -> list[Token]:
    """The heads of a coordination: "Ortiz and Renner" -> Ortiz, Renner."""
    root = span.root
    return [root] + [c for c in root.rights if c.dep_ == "conj" and c.i < span.end]


def _single_mention(token: Token) -> Span:
    doc = token.doc
    ent = entity_span(token)
    if ent is not None and ent.label_ in PERSON_LABELS | ORG_LABELS:
        return ent
    # An apposed name: "the ministry's spokesman, John Doe" / "his counterpart, X".
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "appos" and _right_after(token, child):
                ent = entity_span(child)
                if ent is not None and ent.label_ in PERSON_LABELS:
                    return ent
                if child.pos_ == "PROPN" and child.text[:1].isupper():
                    return mention_span(child)
    if token.pos_ == "PROPN":
        start = end = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, token.i + 1):
            start -= 1
        while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].dep_ in ("flat", "compound", "appos") and doc[end + 1].head.i == token.i:
            end += 1
        return doc[start:end + 1]
    # "some in the community", "many of the workers": a group by its quantifier
    if token.pos_ in ("PRON", "NUM", "ADJ") and token.lower_ in GROUP_WORDS:
        preps = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("of", "in", "among", "from")]
        if preps:
            return doc[token.i:preps[-1].right_edge.i + 1]
    # A common noun phrase: determiners, numbers, adjectives and compounds before the head.
    start = token.i
    for left in token.lefts:
        if left.dep_ in ("det", "nummod", "amod", "compound", "poss", "quantmod", "nmod", "case") or left.tag_ == "POS":
            start = min(start, left.left_edge.i)
    return doc[start:token.i + 1]


def _right_after(head: Token, appos: Token) -> bool:
    """An apposition that follows its noun at once ("the spokesman, X"), not one the parser
    hung on it across a clause ("the resident, who sold …: X")."""
    modifiers = set()  # "a spokesman for the ministry, X"
    for child in head.rights:
        if child.dep_ == "prep" and child.i < appos.i:
            modifiers.update(t.i for t in child.subtree)
    between = head.doc[head.i + 1:appos.left_edge.i]
    return all(t.i in modifiers or (t.is_punct and t.text in (",", "\u2014", "\u2013", "-", "(")) for t in between)


def _is_group(span: Span) -> bool:
    root = span.root
    if any(t.dep_ == "conj" for t in span) and any(t.lower_ in ("and", "&") for t in span):
        return True
    if root.tag_ in ("NNS", "NNPS") and root.ent_type_ not in ORG_LABELS:
        return root.lemma_.lower() not in ORG_NOUNS
    return any(t.lower_ in GROUP_WORDS for t in span if t.i <= root.i)


def _display(span: Span) -> str:
    """A speaker name for a noun phrase that names no one: "the two defense ministers"."""
    words = [t.text_with_ws for t in span]
    text = "".join(words).strip()
    if span[0].pos_ == "DET":
        text = text[:1].lower() + text[1:]
    return text


# ---- resolving a mention to a speaker -----------------------------------------------

def resolve(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> tuple[Entity | None, str | None, str | None, bool]:
    """(entity, name, kind, via_coreference) for a speaker mention."""
    root = span.root
    pron = pronouns().get(span.text.lower()) if len(span) == 1 else None
    if pron is not None:
        if pron.number == "plural" or pron.gender == "neuter":
            if previous and previous.speaker_kind in ("group", "organisation") and previous.speaker_name:
                return previous.speaker, previous.speaker_name, previous.speaker_kind, True
            return None, None, None, True
        if pron.person == "first":
            return None, None, None, True
        gender = pron.gender if pron.gender in ("male", "female") else None
        entity = ctx.index.pronoun_at(span.start_char)
        if entity is None or id(entity) in exclude:
            mention = ctx.index.recent_person(span.start_char, exclude=exclude, gender=gender)
            if mention is None:
                return None, None, None, True
            entity = mention.entity
        if gender and entity.gender is None:
            entity.gender = gender
        return entity, entity.name, "person", True
    if _is_group(span):
        # "Ortiz and Renner agreed": the group named by its members' full names
        members = [ctx.index.entity_at(t.idx, t.idx + len(t)) or ctx.index.entity_for_text(t.text)
                   for t in _coordinated(span)]
        if len(members) >= 2 and all(members):
            return None, " and ".join(m.name for m in members), "group", False
        return None, _display(span), "group", False
    known = ctx.index.entity_for_text(span.text) if root.pos_ == "PROPN" else None
    if known is not None:
        return known, known.name, known.kind, False
    ent_label = root.ent_type_
    if ent_label in PERSON_LABELS or (root.pos_ == "PROPN" and ent_label not in ORG_LABELS and not is_title_word(root.text)):
        entity = ctx.index.entity_at(span.start_char, span.end_char) or ctx.index.add_name(span)
        if entity is not None:
            return entity, entity.name, "person", False
    if ent_label in ORG_LABELS or root.lemma_.lower() in ORG_NOUNS:
        return None, _display(span), "organisation", False
    if is_title_word(root.text):
        entity = ctx.index.by_title(root.lemma_, span.start_char)
        if entity is not None:
            return entity, entity.name, "person", True
    owned = any(c.dep_ == "poss" and c.pos_ != "PRON" for c in root.children)  # "the city's auditor": someone new
    if root.pos_ == "NOUN" and not owned and _definite(span) and _describes_named_person(ctx, span):
        # "the laid-back resident", "the minister", "his partner": a description of someone
        # the text has just named
        mention = ctx.index.recent_person(span.start_char, exclude=exclude, window=NOMINAL_WINDOW)
        if mention is not None:
            return mention.entity, mention.entity.name, "person", True
    if root.pos_ in ("NOUN", "PROPN"):
        return None, _display(span), "person", False
    return None, None, None, False


def _describes_named_person(ctx: Context, span: Span) -> bool:
    """A person noun, not tied to a name of its own ("the Christie supporter"), and not
    the second mention of someone the text introduced without a name ("one man … the man")."""
    root = span.root
    tied = any(t.ent_type_ in PERSON_LABELS or (t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS)
               for t in span if t.i != root.i)
    if not is_person_noun(root.lemma_) or tied:
        return False
    lemma = root.lemma_.lower()
    start = max(0, root.i - 200)
    for token in ctx.doc[start:span.start]:
        if token.lemma_.lower() == lemma and token.pos_ == "NOUN" and token.i not in ctx.in_quote:
            head = token
            if not any(c.dep_ in ("appos", "compound") and c.ent_type_ in PERSON_LABELS for c in head.children) \
                    and not any(t.ent_type_ in PERSON_LABELS for t in (head.head,)):
                return False
    return True


def _definite(span: Span) -> bool:
    first = span[0]
    return first.lower_ in ("the", "this", "that") or (first.dep_ == "poss" and first.lower_ in ("his", "her", "their"))


# ---- cue and speaker of a verb ------------------------------------------------------

def subject_of(verb: Token) -> Token | None:
    """The subject of a speech verb, or of the verb it hangs from: "X said and added …",
    "X went on to say …", "he was quoted as saying …"."""
    root = verb.sent.root
    if (verb.tag_ == "VBG" and root is not verb and speech_verb(root) is not None
            and any(a.dep_ == "ccomp" for a in verb.ancestors)):
        # "X told Y that Z “…,” adding, “…”": the parser hung "adding" inside what X
        # reported; it is X's
        subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and not _dateline(child) and not _after_to(child):
                return child
        if current.dep_ == "acl" and current.head.lemma_.lower() in speech_nouns() and current.head.head.i != current.head.i:
            current = current.head.head  # "she released a statement saying, “…”"
            continue
        if current.dep_ == "acl" and _spoken_to(current.head):
            current = current.head.head.head  # "sent a letter to voters saying, “…”": not the voters
            if current.dep_ in ("dobj", "pobj") and current.lemma_.lower() in speech_nouns():
                current = current.head
            continue
        if current.dep_ == "prep" and current.lower_ == "of" and current.head.pos_ == "NOUN" \
                and current.head.dep_ in ("dobj", "attr") and current.head.head.pos_ in ("VERB", "AUX"):
            current = current.head.head  # "she made a point of saying …": hers
            continue
        if current.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep") or current.head.i == current.i:
            return None
        if current.dep_ == "advcl" and current.tag_ in ("VBD", "VBZ", "VBP"):
            return None  # a finite clause of its own ("… as a heckler yelled"): not the main subject's
        current = current.head
    return None


def _after_to(subject: Token) -> bool:
    """'sent a letter to voters saying …' parsed with "voters" as the subject of "saying":
    a subject right after "to" is the one spoken to."""
    first = subject.left_edge
    return subject.head.tag_ == "VBG" and first.i > 0 and subject.doc[first.i - 1].lower_ == "to"


def _spoken_to(noun: Token) -> bool:
    """The object of "to" after a verb or a noun of communication ("a letter to voters")."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "to" and prep.head.i != prep.i and (
        prep.head.lemma_.lower() in speech_nouns() or prep.head.pos_ == "VERB")


DATELINE_WORDS = 12  # tokens from a dateline's place name to the dash that ends it


def _dateline(token: Token) -> bool:
    """The place name of a wire dateline opening a paragraph ("PHILADELPHIA, July 25 (UPI)
    — The committee said …"), which the parser may take for the subject."""
    doc = token.doc
    if not (token.is_upper and len(token) > 1) or (token.i > 0 and not doc[token.i - 1].is_space):
        return False
    window = doc[token.i + 1:token.i + 1 + DATELINE_WORDS]
    return len(window) > 0 and window[0].text in (",", "(") and any(
        t.text in ("\u2014", "\u2013", "-", "--") for t in window)


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
    subject = subject_of(verb)
    if subject is not None and (content[0] <= subject.i < content[1] or subject.i in ctx.in_quote):
        subject = None  # (never someone inside quoted words: the parser climbed too far)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.head.i == verb.i:
        # "X was asked, “…”": X is the one spoken to
        result.addressee = _name_of(ctx, mention_span(subject))
        return result
    method = "syntax"
    if subject is None or subject.lower_ in ("that", "which", "who") and subject.dep_ == "nsubj" and verb.dep_ == "relcl":
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            subject, method = verb.head, "syntax"
        elif (verb.dep_ == "acl" and verb.head.ent_type_ in PERSON_LABELS and verb.head.i < verb.i
              and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and "addressee" not in speech_verb(verb).flags))):
            subject, method = verb.head, "syntax"  # "X, the nominee, tweeted:" read as a reduced relative
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "xcomp") and verb.i > 0 and (
            subject is None or subject.head.i != verb.i):
        # "footage of X asking, “…”", "has X saying, “…”": the person right before it
        before = ctx.doc[verb.i - 1]
        if before.ent_type_ in PERSON_LABELS:
            subject, method = before, "syntax"
    if subject is None and verb.i >= content[1]:
        # "“…,” X, founder of Y, tells Z": the parser hung X on the quote
        first = next((t for t in ctx.doc[content[1]:verb.i] if not t.is_punct and not t.is_space), None)
        if first is not None and first.ent_type_ in PERSON_LABELS and first.ent_iob_ == "B":
            subject, method = first, "syntax"
            while subject.dep_ in ("compound", "flat") and subject.head.i < verb.i:
                subject = subject.head
    if subject is None:
        subject = _postposed_speaker(verb, stop if stop is not None else len(ctx.doc), inverted)
        if subject is not None and (content[0] <= subject.i < content[1] or subject.i in ctx.in_quote):
            subject = None
        method = "inversion"
    if subject is None:
        return result
    subject = _author_of(subject)
    span = mention_span(subject)
    addressee = _addressee(ctx, verb, subject, content)
    exclude = set()
    if addressee is not None:
        result.addressee = _name_of(ctx, addressee)
        entity = ctx.index.entity_at(addressee.start_char, addressee.end_char)
        if entity is not None:
            exclude.add(id(entity))
    entity, name, kind, via_coref = resolve(ctx, span, exclude, previous)
    if name is None:
        result.mention = span
        return result
    result.mention, result.speaker, result.speaker_name, result.speaker_kind = span, entity, name, kind
    if method == "syntax" and subject.i > verb.i and not (content[0] <= verb.i < content[1]):
        method = "inversion"  # "…," said the minister: the subject stands after its verb
    result.method = "coreference" if via_coref else method
    result.confidence = CONFIDENCE[result.method]
    if speech_verb(verb) and speech_verb(verb).weak:
        result.confidence *= 0.6
    return result


def _author_of(subject: Token) -> Token:
    """'her statement said', 'the minister's letter read': the possessor speaks."""
    if subject.lemma_.lower() in speech_nouns() or subject.lower_ in speech_nouns():
        for child in subject.children:
            if child.dep_ == "poss":
                return child
    return subject


def _name_of(ctx: Context, span: Span) -> str:
    entity = ctx.index.entity_at(span.start_char, span.end_char)
    if entity is None and span.root.ent_type_ in PERSON_LABELS:
        entity = ctx.index.add_name(span)
    return entity.name if entity is not None else _display(span)


def attribute_phrase(ctx: Context, start: int, end: int, content: tuple[int, int], previous: Attribution | None) -> Attribution | None:
    """'according to X' and friends, searched in tokens [start, end)."""
    doc = ctx.doc
    for i in range(start, end):
        found = phrase_at(doc, i)
        if found is None:
            continue
        label, n = found
        j = i + n
        # The source is the first noun after the phrase ("according to police", "in a statement, X said").
        while j < end and doc[j].pos_ not in ("PROPN", "NOUN", "PRON"):
            j += 1
        if label != "according to" or j >= min(end, i + n + 8):
            continue
        head = doc[j]
        while head.head.i != head.i and head.dep_ in ("compound", "amod", "flat") and head.head.i < end:
            head = head.head
        span = mention_span(head)
        entity, name, kind, via = resolve(ctx, span, set(), previous)
        if name is None:
            continue
        # "a statement by the ministry": the author is the source
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        span = mention_span(pobj)
                        entity, name, kind, via = resolve(ctx, span, set(), previous)
        return Attribution(cue=doc[i], cue_label=label, mention=span, speaker=entity, speaker_name=name,
                           speaker_kind=kind, method="coreference" if via else "cue_phrase",
                           confidence=CONFIDENCE["cue_phrase"])
    return None
