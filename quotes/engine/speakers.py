"""Mentions of people and organisations in one document, joined into speakers.

"Norland's Trade Minister Ilse Marwick", "Marwick" and a near-spelling of the surname become
one speaker with a canonical name, a role and an affiliation taken from the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
from spacy.attrs import DEP
from spacy.tokens import Doc, Span, Token

from .cues import speech_verb
from .lexicon import (Pronoun, gendered_words, given_names, is_person_noun, is_title_word, organisation_nouns,
                      prepositions, pronouns,
                      source_nouns, surnames)
from ..model import Speaker
from ..names import near_spelling, visible
from .tokens import ORG_LABELS, PERSON_LABELS, entity_span, proper_nouns  # (the labels: imported from here too)


def is_org_noun(lemma: str) -> bool:
    """A noun that names an organisation, a place or a document when it heads a subject
    ("the ministry said", "the report said")."""
    return lemma in organisation_nouns() or lemma in source_nouns()


def person_span(ent: Span) -> Span:
    """A PERSON entity grown over capitalised name words the model left out ("Ilse" of
    "Ilse Marwick"): proper nouns next to it that are no title and no other entity."""
    doc = ent.doc
    start, end = ent.start, ent.end
    # a name ends at its possessive ("Lena s invitation", an apostrophe lost) and starts
    # after a common noun the model took in ("Norvale Grid spokeswoman Lena Ortiz")
    possessive = next((t.i for t in ent if t.i > start
                       and (t.tag_ == "POS" or t.dep_ == "case" or t.text in ("s", "s."))), None)
    if possessive is not None:
        end = possessive
    start = _after_common_noun(doc, start, end)
    # words the model took into the name: "Certainly Lena Ortiz", "Billionaire X"; in a
    # heading, where every word is capitalised, anything before a given name and a surname
    # ("Lawmakers Rip Lena Ortiz")
    while end - start > 1 and (doc[start].pos_ not in ("PROPN", "X") or doc[start].tag_ == "NNPS" or (
            end - start > 2 and doc[start].lower_ not in given_names()
            and doc[start + 1].lower_ in given_names() and _title_case_line(ent[0]))):
        start += 1

    def name_word(token: Token) -> bool:
        # (a sentence's first word is capitalised anyway: there it must be a given name,
        # not "Till" or "Dearest")
        return (token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper()
                and not token.ent_type_ and not is_title_word(token.text)
                and (not token.is_sent_start or token.lower_ in given_names()))

    # (a name that opens with a given name is whole: "Rival Dana Whitcombe", "Billionaire X")
    complete = end - start > 1 and doc[start].lower_ in given_names()
    while start > 0 and not complete and name_word(doc[start - 1]) and doc[start - 1].head.i in range(start - 1, end) \
            and not _after_the(doc, start - 1) and not _title_case_line(ent[0]):
        start -= 1
    while end < len(doc) and name_word(doc[end]) and doc[end].head.i in range(start, end + 1):
        end += 1
    return doc[start:end] if (start, end) != (ent.start, ent.end) else ent


POSSESSIVE = re.compile(r"['\u2019\u2018]s\b")  # (a left quotation mark typed for the apostrophe too)
HEADING_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the",
                                  "to", "with", "vs", "via"})


def _title_case_line(token: Token) -> bool:
    """The sentence holding `token` is a heading in title case ("Black Lawmakers Rip X As A
    Fraud"): every word capitalised, the small words aside. (A paragraph always starts a
    sentence, so a heading line is a sentence of its own.)"""
    words = [t.text for t in token.sent if t.is_alpha]
    if len(words) < 4:
        return False
    return all(w[:1].isupper() for w in words if w.lower() not in HEADING_SMALL_WORDS)


def _after_the(doc: Doc, i: int) -> bool:
    """A capitalised word that ends a run opened by "The" ("The Harbour Press Lena
    Ortiz"): the end of an organisation's name, not a name's first word."""
    j = i
    while j > 0 and doc[j - 1].text[:1].isupper() and doc[j - 1].pos_ in ("PROPN", "DET"):
        j -= 1
        if doc[j].lower_ == "the":
            return True
    return False


def gendered_pronoun(token: Token) -> Pronoun | None:
    """The lexicon entry when `token` is "he" or "she": a pronoun of known gender, in the
    subject case."""
    pron = pronouns().get(token.lower_)
    if pron is None or pron.gender not in ("male", "female") or "Nom" not in token.morph.get("Case"):
        return None
    return pron


def _subjects(doc: Doc) -> list[Token]:
    """The nominal subjects of `doc` (active and passive), in reading order."""
    if not len(doc):
        return []
    deps = doc.to_array(DEP)
    wanted = numpy.array([doc.vocab.strings[d] for d in ("nsubj", "nsubjpass")], dtype=numpy.uint64)
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(deps, wanted))]


def _title_chain(doc: Doc, before: int) -> list[Token]:
    """The capitalised words (and title words) right before a name: "Defense Minister",
    "Chief Cabinet Secretary", "Minister of Foreign Affairs", "US Ambassador"."""
    chain: list[Token] = []
    i = before - 1
    while i >= 0:
        token = doc[i]
        if token.is_alpha and (token.text[:1].isupper() or is_title_word(token.text)) and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            chain.insert(0, token)
        elif token.lower_ in ("of", "for", "to") and chain and i > 0 and doc[i - 1].text[:1].isupper():
            chain.insert(0, token)
        else:
            break
        i -= 1
    while chain and not chain[0].text[:1].isupper():
        chain = chain[1:]
    return chain


def _heading(ent: Span) -> bool:
    """A line of its own in capitals ("CHAPTER V."): a heading, not a person. (Tokens, not
    `doc.text`, which spaCy joins anew on every read.)"""
    if not ent.text.strip().isupper():
        return False
    doc = ent.doc
    end = ent.end
    while end > ent.start and doc[end - 1].is_space:
        end -= 1
    while end < len(doc) and doc[end].text in (".", ":"):
        end += 1
    starts_line = ent.start == 0 or (doc[ent.start - 1].is_space and "\n" in doc[ent.start - 1].text)
    ends_line = end == len(doc) or (doc[end].is_space and "\n" in doc[end].text)
    return starts_line and ends_line


def _credit(ent: Span) -> bool:
    """A photo or byline credit ("Tijana Martin / The Canadian Press"): a name set off by a
    slash names whoever took the picture, not anyone in the story."""
    doc = ent.doc
    after = doc[ent.end].text if ent.end < len(doc) else ""
    before = doc[ent.start - 1].text if ent.start > 0 else ""
    return "/" in ent.text or after == "/" or before == "/"


def _full_name_of(ent: Span, surnames_seen: set[str]) -> bool:
    words = [t for t in ent if not t.is_space and t.tag_ != "POS"]  # ("Elena Nunez’s")
    return (2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
            and words[0].lower_ in given_names() and words[-1].lower_ in surnames_seen)


def _untagged_full_names(doc: Doc, surnames_seen: set[str]) -> list[Span]:
    """Full names NER left untagged or tagged in part ("Amanda" nothing, "Verhaegen"
    PRODUCT): two or three capitalised proper nouns, the first a known given name and the
    last a surname in `surnames_seen`. (One the model tagged whole is an entity already.)"""
    found = []
    for token in proper_nouns(doc):
        if token.lower_ not in surnames_seen or token.i == 0 or token.ent_type_ in PERSON_LABELS:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
            continue  # part of a longer name
        for start in (token.i - 1, token.i - 2):
            words = doc[max(start, 0):token.i + 1]
            if start >= 0 and not doc[start].ent_type_ and _full_name_of(words, surnames_seen) \
                    and not is_title_word(doc[start].text) and not any(t.is_upper or t.is_space for t in words) \
                    and not (start > 0 and doc[start - 1].pos_ == "PROPN"):  # (not "Miss Thorpe", a heading)
                found.append(words)
                break
    return found


def _name_start(token: Token) -> int:
    """Where the name whose last word is `token` begins: its compounds, without a
    participle that opens the sentence ("Knowing Renner was a fan" names Renner)."""
    start = token.left_edge.i if token.left_edge.dep_ == "compound" else token.i
    start = _after_common_noun(token.doc, start, token.i + 1)
    first = token.doc[start]
    if start < token.i and first.is_sent_start and first.lower_.endswith(("ing", "ed")) \
            and first.lower_ not in given_names():
        start += 1
    return start


def _after_common_noun(doc: Doc, start: int, end: int) -> int:
    """Where a name in tokens [start, end) begins: after the last common noun before its
    last word ("Norvale Grid spokeswoman Ana Ruiz"), or a plural name of a people or a
    party ("Republicans Ortiz of Elm Shores and …"), when a proper noun follows it."""
    nouns = [t.i for t in doc[start:end - 1] if (t.pos_ == "NOUN" and t.is_lower) or t.tag_ == "NNPS"]
    if nouns and any(t.pos_ == "PROPN" for t in doc[nouns[-1] + 1:end]):
        return nouns[-1] + 1
    return start


def _in_name(token: Token) -> bool:
    """A word of a longer proper name ("Ortiz Press"), not a name standing alone."""
    doc = token.doc
    return any(0 <= i < len(doc) and doc[i].pos_ == "PROPN" for i in (token.i - 1, token.i + 1))


ROLE_PREPOSITIONS = frozenset({"of", "for", "to", "at", "with", "in", "on"})
ROLE_WORDS = 8  # at most this many words of a role
SHARED_SURNAME_WINDOW = 1000  # characters back in which a shared surname means the one last named in full as a subject


def _role_words(noun: Token) -> list[Token]:
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


def _each_name(ent: Span) -> list[Span]:
    """The names of an entity the model drew over two people ("Ortiz and Renner"); none in
    the title of a case or a book ("Ortiz v. Ortiz")."""
    if any(t.text in ("v", "v.", "vs", "vs.", "versus") for t in ent):  # (not the initial "V.")
        return []
    cuts = [t.i for t in ent if t.lower_ in ("and", "&")]
    if not cuts:
        return [ent]
    bounds = [ent.start - 1] + cuts + [ent.end]
    return [Span(ent.doc, a + 1, b, label=ent.label_) for a, b in zip(bounds, bounds[1:]) if b > a + 1]


def _honorific_before(ent: Span) -> str | None:
    """The gender an honorific right before a name tells ("Mr. Ortiz" where the model tagged
    only "Ortiz")."""
    if ent.start == 0:
        return None
    return gendered_words().get(ent.doc[ent.start - 1].lower_.rstrip("."))


def _kin_by_first_name(ent: Span) -> bool:
    """A name of one word given to someone's relative or partner ("Renner's father, Joseph";
    "his wife, Ana"): someone new, not an earlier person who bears that first name."""
    root = ent.root
    head = root.head
    return (len(ent) == 1 and root.dep_ == "appos" and head.pos_ == "NOUN" and is_person_noun(head.lemma_.lower())
            and any(c.dep_ == "poss" for c in head.children))


def described_as_person(ent: Span) -> bool:
    """A name the model took for an organisation that the text calls a person: "Lena
    Ortiz, CEO of Norvale Grid", "Paul Renner, the co-founder of …"."""
    root = ent.root
    if not all(t.pos_ == "PROPN" for t in ent if t.is_alpha):
        return False
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and c.i > root.i]
    return any(is_person_noun(n.lemma_.split("-")[-1]) and not organisation_nouns().get(n.lemma_.lower())
               for n in nouns)


def _known_name(token: Token) -> bool:
    """A word the Census lists as a surname or a given name, written as a name: the subject
    "Mulder" of "Mulder didn't hesitate" is a person even where NER saw none."""
    word = token.lower_
    return token.is_alpha and not token.is_upper and (word in surnames() or word in given_names())


def name_tokens(text: str) -> list[str]:
    """The words of a name, without honorifics, titles (with the words that go with them:
    "House Speaker X") or a possessive ending."""
    return list(_name_tokens(text))


@lru_cache(maxsize=16384)
def _name_tokens(text: str) -> tuple[str, ...]:
    words = []
    for word in POSSESSIVE.sub("", visible(text)).split():
        word = word.strip(",.;:\u201c\u201d\"'()")
        if word and not (is_title_word(word) and word[:1].isupper() and not words and len(text.split()) > 1):
            words.append(word)
    titles = [j for j, word in enumerate(words[:-1]) if word[:1].isupper() and is_title_word(word)]
    if titles and all(word[:1].isupper() for word in words[titles[-1] + 1:]):
        words = words[titles[-1] + 1:]
    if len(words) > 2 and words[0].islower():  # "(Secretary) of State Ana Ruiz": from the given name
        given = [j for j, word in enumerate(words[:-1]) if word.lower() in given_names()]
        words = words[given[0]:] if given else words[-2:]
    return tuple(words)


@dataclass
class Entity:
    """One person or organisation of the document, with everything learned of it."""

    name: str
    kind: str = "person"
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    first: int = 1 << 62  # where the text first names them (a character offset)

    @property
    def words(self) -> list[str]:
        return self.name.split()

    def speaker(self) -> Speaker:
        return Speaker(self.name, self.kind, self.role, self.affiliation, tuple(self.aliases))


@dataclass(frozen=True)
class Mention:
    """A place in the text that names (or points to) an entity."""

    start: int  # char offsets
    end: int
    text: str
    entity: Entity
    is_subject: bool = False
    sentence: int = 0  # char offset where its sentence starts
    quoted: bool = False  # inside quote marks: someone talking about this person
    pronoun: bool = False  # a pronoun resolved to the entity


class SpeakerIndex:
    """The document's entities and their mentions, in reading order."""

    def __init__(self, doc: Doc, skip=(), quoted=()):
        self.doc = doc
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        self._skip = list(skip)
        self._quoted = sorted(quoted)
        self._mention_starts: list[int] | None = None
        self._by_name: dict[str, list[Entity]] = {}  # full names and aliases, lower case -> entities
        self._collect()

    def _mention(self, span: Span, entity: Entity, pronoun: bool = False) -> Mention:
        subject = span.root.dep_ in ("nsubj", "nsubjpass")
        return Mention(span.start_char, span.end_char, span.text, entity, subject,
                       span.root.sent.start_char, self._in_quote(span), pronoun)

    # -- building -------------------------------------------------------------------
    def _collect(self) -> None:
        people = [person_span(part) for ent in self.doc.ents
                  if ent.label_ in PERSON_LABELS and not self._skipped(ent) and not _credit(ent)
                  and not _heading(ent) for part in _each_name(ent)]
        # A full name the model took for an organisation or did not tag at all ("Morgan
        # McNeely" ORG, "Nino Ortner scored" untagged): a given name first and a surname
        # the text gives a person ("McNeely" PERSON) or writes alone as a subject ("Ortner
        # said").
        surnames_seen = {name_tokens(ent.text)[-1].lower() for ent in people if name_tokens(ent.text)}
        surnames_seen |= {t.lower_ for t in proper_nouns(self.doc) if t.dep_ in ("nsubj", "nsubjpass")
                          and t.is_alpha and t.text[:1].isupper() and not t.is_upper and not _in_name(t)}
        people += [ent for ent in self.doc.ents if ent.label_ in ORG_LABELS and not self._skipped(ent)
                   and (_full_name_of(ent, surnames_seen) or described_as_person(ent))]
        people += [span for span in _untagged_full_names(self.doc, surnames_seen) if not self._skipped(span)]
        # Full names first, so surnames join them whatever the order in the text; then the
        # names an honorific gives a gender ("Mr. Ortiz" before "President Ortiz").
        # (A surname two people share waits for the text's order: which of them it means
        # depends on who was last named as a subject.)
        for ent in sorted(people, key=lambda e: (-len(name_tokens(e.text)), _honorific_before(e) is None)):
            self._entity_for_name(ent, create=not self._shared_surname(name_tokens(ent.text)))
        for ent in people:
            entity = self._entity_for_name(ent)
            if entity is None:
                continue
            self._learn_role(ent, entity)
            self.mentions.append(self._mention(ent, entity))
        # The small model sometimes labels a known person's surname as ORG or GPE, or no
        # entity at all for a name it has never seen ("Yuni, a resident of …, said").
        for ent in self.doc.ents:
            if ent.label_ in ORG_LABELS and len(ent) == 1 and not self._skipped(ent):
                entity = self.find(name_tokens(ent.text), before=ent.start_char)
                if entity is not None:
                    self.mentions.append(self._mention(ent, entity))
        # ("Ortiz, a nurse, …"; "Ortiz said …" with no entity at all)
        subjects = _subjects(self.doc)
        for token in subjects:
            if (token.dep_ == "nsubj" and token.pos_ == "PROPN" and not token.ent_type_
                    and token.text[:1].isupper() and not is_title_word(token.text)):
                span = self.doc[_name_start(token):token.i + 1]
                # (the last: a name the text gives a person elsewhere, "Al Mnajer passed …")
                if not (any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in token.children)
                        or speech_verb(token.head) is not None or _known_name(token)
                        or self.find(name_tokens(span.text)) is not None):
                    continue
                if not self._skipped(span):
                    entity = self._entity_for_name(span)
                    if entity is not None:
                        self._learn_role(span, entity)
                        self.mentions.append(self._mention(span, entity))
            elif token.pos_ == "NOUN" and is_person_noun(token.lemma_):
                self._apposed_name(token)
        # The surname of a person named in full, with no entity tag at all ("For Renner, who
        # …"), or a subject that is a known person's one name: a mention of them too, so that
        # a pronoun or a description after it finds them.
        covered = {m.start for m in self.mentions}
        by_surname: dict[str, list[Entity]] = {}
        for entity in self.entities:
            by_surname.setdefault(entity.words[-1].lower(), []).append(entity)
        for token in proper_nouns(self.doc):
            if token.ent_type_ or token.idx in covered or not token.is_alpha or not token.text[:1].isupper() \
                    or is_title_word(token.text) or _in_name(token):
                continue
            subject = token.dep_ in ("nsubj", "nsubjpass")
            matches = [e for e in by_surname.get(token.lower_, ()) if subject or len(e.words) > 1]
            span = self.doc[token.i:token.i + 1]
            if len(matches) == 1 and not self._skipped(span):
                self.mentions.append(self._mention(span, matches[0]))
        self.mentions.sort(key=lambda m: m.start)
        self._chain_pronouns(subjects)

    def _apposed_name(self, noun: Token) -> None:
        """"The spokeswoman, Ana Ruiz, said": a name the model did not tag, apposed to a
        person noun that is a subject, with what the noun says of them."""
        name = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and not c.ent_type_
                     and c.text[:1].isupper() and not is_title_word(c.text)), None)
        if name is None:
            return
        span = self.doc[_name_start(name):name.i + 1]
        if len(span) < 2 or self._skipped(span):
            return  # (a full name only: one word could be anything)
        entity = self._entity_for_name(span)
        if entity is not None:
            self._learn_from_noun(noun, entity)
            self.mentions.append(self._mention(span, entity))

    def _chain_pronouns(self, subjects: list[Token]) -> None:
        """Each "he"/"she" subject of the narration, in reading order, becomes a mention of
        the person it points to, so the next one reads on from it: in "She said … letter to
        X. “…,” she said", the second "she" is the first one's person, not X."""
        for token in subjects:
            pron = gendered_pronoun(token)
            if pron is None:
                continue
            span = self.doc[token.i:token.i + 1]
            if self._in_quote(span) or self._skipped(span):
                continue
            mention = self.recent_person(self._said_before(token), exclude=self._contrasted(token), gender=pron.gender)
            if mention is not None and mention.entity.gender in (None, pron.gender):
                mention.entity.gender = pron.gender
                self.add_pronoun(span, mention.entity)

    def _said_before(self, pronoun: Token) -> int:
        """Where a pronoun's antecedent must come before: the pronoun itself, or, for the
        subject of a speech verb that follows what was reported ("… in the northern villages,
        he said"), the start of the report, which names no speaker. (Quoted words are
        passed over anyway.)"""
        verb = pronoun.head
        if speech_verb(verb) is not None:
            said = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < pronoun.i
                    and not (speech_verb(c) is not None and any(s.dep_ == "nsubj" for s in c.children))]
            # (not another speaker's statement: "“…,” said X. Y, he said, …")
            doc = pronoun.doc
            if said and not self._holds_quote(said[0].left_edge.idx, said[0].right_edge.idx + 1) \
                    and all(t.is_punct or t.is_space for t in doc[said[0].right_edge.i + 1:pronoun.i]):
                return min(pronoun.idx, said[0].left_edge.idx)  # (the report ends right before it)
        return pronoun.idx

    def _contrasted(self, pronoun: Token) -> set[int]:
        """People named in a phrase that the pronoun's own clause opens with ("Unlike X, he
        …", "In Ashby, she …"): set against the subject, not the subject. "For X, he …" is
        often X himself."""
        found = set()
        for head in (pronoun.head, pronoun.head.head):
            for prep in head.children:
                if prep.dep_ == "prep" and prep.i < pronoun.i and prep.i == prep.sent.start \
                        and prep.lower_ not in prepositions("about"):
                    for t in prep.subtree:
                        entity = self.entity_at(t.idx, t.idx + len(t)) if t.pos_ == "PROPN" else None
                        if entity is not None:
                            found.add(id(entity))
        return found

    def _holds_quote(self, start: int, end: int) -> bool:
        """Whether quoted words stand within characters [start, end)."""
        k = bisect_left(self._quoted, (start,))
        return k < len(self._quoted) and self._quoted[k][0] < end

    def _in_quote(self, span: Span) -> bool:
        k = bisect_left(self._quoted, (span.start_char + 1,)) - 1
        return k >= 0 and self._quoted[k][0] <= span.start_char and span.end_char <= self._quoted[k][1]

    def pronoun_at(self, start: int) -> Entity | None:
        """The person a chained pronoun at `start` was resolved to."""
        i = bisect_left(self._starts(), start)
        if i < len(self.mentions) and self.mentions[i].start == start and self.mentions[i].pronoun:
            return self.mentions[i].entity
        return None

    def _skipped(self, span: Span) -> bool:
        return any(s <= span.start_char and span.end_char <= e for s, e in self._skip)

    def _entity_for_name(self, ent: Span | str, create: bool = True) -> Entity | None:
        text = ent if isinstance(ent, str) else ent.text
        words = name_tokens(text)
        if not words or not any(w[:1].isupper() for w in words):
            return None
        # "Mrs. Norris" and "Mr. Norris" are two people: an honorific's gender must agree
        first = text.split()[0].lower().rstrip(".") if text.split() else ""
        gender = gendered_words().get(first) if len(text.split()) > len(words) else None
        if gender is None and not isinstance(ent, str):
            gender = _honorific_before(ent)  # "Mr." left out of the entity
        alias = " ".join(words)
        at = None if isinstance(ent, str) else ent.start_char
        # (a name after an honorific is a surname: "Mr. Ortiz" is not "Ortiz Speech")
        first_name = gender is None and (isinstance(ent, str) or not _kin_by_first_name(ent))
        entity = self.find(words, gender, before=at, first_name=first_name)
        if entity is None:
            if not create:
                return None
            if gender and len(words) == 1:
                alias = " ".join(text.split()[:2])  # keep the honorific: "Lady Bertram"
            # a given name that tells a gender ("Denise Ortiz": a woman) until the text says otherwise
            told = given_names().get(words[0].lower()) if len(words) > 1 else None
            entity = Entity(alias, gender=gender or told)
            self.entities.append(entity)
        elif len(words) > len(entity.words) and entity.words[-1] == words[-1]:
            entity.name = alias  # a fuller form of the same name
        if gender and entity.gender is None:
            entity.gender = gender
        if at is not None:
            entity.first = min(entity.first, at)
        if alias not in entity.aliases:
            entity.aliases.append(alias)
        for name in (entity.name, alias):  # what `find` looks up first
            known = self._by_name.setdefault(" ".join(name.split()).lower(), [])
            if entity not in known:
                known.append(entity)
        return entity

    def find(self, words: list[str], gender: str | None = None, before: int | None = None,
             first_name: bool = True) -> Entity | None:
        """The entity a name belongs to: same full name, a surname of one full name (of
        the one the text had named before `before`, when several share it, the one it
        already calls by it, else the one it last named in full as a subject, a few
        sentences before at most), or a
        near-spelling that agrees on everything else (gender included, when known)."""
        key = [w.lower() for w in words]
        if not key:
            return None
        joined = " ".join(key)
        entities = [e for e in self.entities if not (gender and e.gender and e.gender != gender)]
        same = [e for e in entities if e.words[-1].lower() == key[0]] if len(key) == 1 else []
        shared = [e for e in same if before is None or e.first < before]  # ("Renner" before his son is named)
        if len(shared) > 1 and before is not None and gender is None \
                and not any(len(e.words) > 1 for e in self._by_name.get(joined, ())):
            # a surname several people share, that the text has not yet used alone for one of
            # them (it goes on meaning that one): the one last named in full as a subject, if recent
            latest = max((m for m in self.mentions if m.start < before and not m.pronoun
                          and any(m.entity is e for e in shared) and len(name_tokens(m.text)) > 1
                          and self._names_subject(m)),
                         key=lambda m: m.start, default=None)
            if latest is not None and before - latest.start <= SHARED_SURNAME_WINDOW:
                return latest.entity
        for entity in self._by_name.get(joined, ()):
            if len(shared) > 1 and gender and entity.gender != gender:
                continue  # ("Mrs. Renner" is not whichever Renner the surname found first)
            if not (gender and entity.gender and entity.gender != gender):
                return entity
        if len(key) == 1:
            matches = shared if len(same) > 1 else same
            if len(matches) == 1:
                return matches[0]
            matches = [e for e in entities if near_spelling(e.words[-1], key[0])]
            if len(matches) == 1:
                return matches[0]
            # a first name alone ("Jordan" after "Jordan Stewart"): the one person of that name
            matches = [e for e in entities if first_name and len(e.words) > 1 and e.words[0].lower() == key[0]]
            if len(matches) == 1:
                return matches[0]
            return None
        # Several words: same first name, surname identical or a near-spelling.
        for entity in entities:
            ew = [w.lower() for w in entity.words]
            if len(ew) == len(key) and ew[:-1] == key[:-1] and near_spelling(ew[-1], key[-1]):
                return entity
        # A middle name or initial more or less ("Lena J. Ortiz", "Lena Ortiz"), or a
        # surname-only entity the full name completes.
        matches = [e for e in entities if len(e.words) > 1 and [e.words[0].lower(), e.words[-1].lower()] == [key[0], key[-1]]]
        if len(matches) == 1:
            return matches[0]
        for entity in entities:
            ew = [w.lower() for w in entity.words]
            if len(ew) == 1 and ew[0] == key[-1]:
                return entity
        # A surname of two words alone ("Al Tarek" after "Rana Al Tarek")
        matches = [e for e in entities if len(e.words) > len(key) and [w.lower() for w in e.words[-len(key):]] == key]
        if len(matches) == 1:
            return matches[0]
        return None

    def _learn_role(self, ent: Span, entity: Entity) -> None:
        """Titles and affiliation written around a name: a title chain before it
        ("Norland's Trade Minister X", "Canadian Ambassador to Norland X"), an apposition
        ("X, the minister of Y"), or a noun the name is in apposition to."""
        doc = self.doc
        chain = _title_chain(doc, ent.start)
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
                affiliation = self._ent_text(owner)
        if affiliation:
            entity.affiliation = entity.affiliation or affiliation
        root = ent.root
        nearby = [doc[i] for i in range(max(0, ent.start - 2), ent.start)] + [
            t for t in root.children if t.dep_ in ("appos", "compound")] + ([root.head] if root.dep_ == "appos" else [])
        for token in nearby:
            gender = gendered_words().get(token.lower_.rstrip("."))
            if gender and entity.gender is None:
                entity.gender = gender
        if root.dep_ == "appos":
            self._learn_from_noun(root.head, entity, stop=ent.start)
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                self._learn_from_noun(child, entity)

    def _learn_from_noun(self, noun: Token, entity: Entity, stop: int | None = None) -> None:
        """Role and affiliation from a noun phrase in apposition with a name."""
        words = [t for t in _role_words(noun) if (stop is None or t.i < stop) and t.dep_ not in ("det", "punct", "poss", "case")]
        nationality = [t for t in words if t.ent_type_ in ("GPE", "NORP") and t.i < noun.i]
        if nationality and entity.affiliation is None:
            entity.affiliation = " ".join(t.text for t in nationality)
        if is_title_word(noun.text) and not entity.role:
            entity.role = " ".join(t.text for t in words if t not in nationality) or noun.text

    def _ent_text(self, token: Token) -> str:
        ent = entity_span(token)
        return ent.text if ent is not None else token.text

    # -- resolving ------------------------------------------------------------------
    def entity_at(self, start: int, end: int) -> Entity | None:
        i = bisect_left(self._starts(), end)  # mentions starting before `end`
        for mention in reversed(self.mentions[max(0, i - 8):i]):
            if mention.start < end and start < mention.end:
                return mention.entity
        return None

    def _starts(self) -> list[int]:
        if self._mention_starts is None or len(self._mention_starts) != len(self.mentions):
            self._mention_starts = [m.start for m in self.mentions]
        return self._mention_starts

    def entity_for_text(self, name: Span | str) -> Entity | None:
        """The person a name written in the text belongs to (a Span: the one named
        before it, when several share a surname), or None."""
        return self._entity_for_name(name, create=False)

    def add_name(self, span: Span) -> Entity | None:
        """A name the parser saw as a speaker but NER missed: add it as a person."""
        entity = self._entity_for_name(span)
        if entity is not None:
            self.mentions.append(Mention(span.start_char, span.end_char, span.text, entity, True))
            self.mentions.sort(key=lambda m: m.start)
        return entity

    def add_pronoun(self, span: Span, entity: Entity) -> None:
        """A pronoun resolved to `entity` mentions it too: the next pronoun that reads on
        from the same sentence ("She said … she added") finds her there, not a person the
        sentence names only in passing."""
        mention = self._mention(span, entity, pronoun=True)
        starts = self._starts()
        i = bisect_left(starts, mention.start)
        self.mentions.insert(i, mention)
        starts.insert(i, mention.start)

    def _shared_surname(self, words: list[str]) -> bool:
        return len(words) == 1 and sum(e.words[-1].lower() == words[0].lower() for e in self.entities) > 1

    def _names_subject(self, mention: Mention) -> bool:
        """Whether a mention is its clause's subject or the name set beside it ("His
        father, Ernie Ortiz, says"), not someone the clause names in passing."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        return root is not None and (root.dep_ in ("nsubj", "nsubjpass")
                                     or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")))

    def by_title(self, title: str, before: int | None = None) -> Entity | None:
        """The most recent person before `before` whose role holds the title word; with no
        `before`, the first such person of the document (a headline's "Minister: …")."""
        title = title.lower()
        mentions = self.mentions if before is None else reversed(self.mentions[:bisect_left(self._starts(), before)])
        for mention in mentions:
            role = (mention.entity.role or "").lower()
            if title in role.split() or title in role:
                return mention.entity
        return None

    def recent_person(self, before: int, exclude: set[int] = frozenset(), gender: str | None = None,
                      window: int = 2500) -> Mention | None:
        """The person a pronoun or description before `before` points to: in the nearest
        sentence that names someone, its subject, else the first person it names. Mentions
        inside quote marks, excluded entities (the addressee) and a gender that disagrees
        are passed over."""
        candidates = []
        for mention in reversed(self.mentions[:bisect_left(self._starts(), before)]):
            if before - mention.start > window:
                break
            entity = mention.entity
            if id(entity) in exclude or entity.kind != "person" or mention.quoted:
                continue
            if gender and entity.gender and entity.gender != gender:
                continue
            if candidates and mention.sentence != candidates[0].sentence:
                break
            candidates.append(mention)
        if not candidates:
            return None
        candidates.reverse()
        subjects = [m for m in candidates if m.is_subject]
        return subjects[0] if subjects else candidates[0]
