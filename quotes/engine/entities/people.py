"""The names pass: the people an article names, each name's variants joined into one person.

"Norland's Trade Minister Ilse Marwick", "Marwick" and a near-spelling of the surname become
one person with a canonical name, a role and an affiliation taken from the text (roles.py).
`find` says which person a name written belongs to.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...datafiles import lines
from ...gender import given_name_genders
from ...name_matcher import Match, Rule, rule, why
from ... import names
from ...names import PersonName, parse_name, postnominal, visible
from ..cues import speech_verb
from ..lexicon import (gendered_words, given_name_honorifics, given_names, is_person_noun, is_styled_title, is_title_word,
                       organisation_aliases, organisation_nouns, surnames, titles as title_table)
from ..tokens import ORG_LABELS, PERSON_LABELS, proper_nouns, sentence_bounds, subjects, written_count
from .graph import Entity, Graph, Kind, Link, is_subject
from .roles import learn_from_noun, learn_role


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
    # nor does it run on over a dash set off by spaces ("Rob Ortner - Lena's former aide -")
    dash = next((t.i for t in ent if t.i > start and t.text in DASHES and t.whitespace_
                 and doc[t.i - 1].whitespace_), None)
    if dash is not None and dash < end:
        end = dash
    start = _after_common_noun(doc, start, end)
    # words the model took into the name: "Certainly Lena Ortiz", "Billionaire X"; in a
    # heading, where every word is capitalised, anything before a given name and a surname
    # ("Lawmakers Rip Lena Ortiz")
    while end - start > 1 and (doc[start].pos_ not in ("PROPN", "X") or _plural_of_members(doc[start]) or (
            end - start > 2 and doc[start].lower_ not in given_names() and (
                (doc[start + 1].lower_ in given_names() and (_title_case_line(ent[0]) or _described_by(doc[start])))
                or (is_person_noun(doc[start].lower_) and not is_title_word(doc[start].text))))):
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


def _described_by(token: Token) -> bool:
    """A capitalised word before a given name that says what the person is, not who
    ("Keeper Tony Ward", "Broadcaster Chris Ellis", "Californian Tom Hale"): a person noun, a
    word for a member of a people or party, or an agent noun (-er, -or) that is no surname."""
    word = token.lower_
    if is_styled_title(word) or title_table().get(word.rstrip("."), False):
        return False  # ("Lord", "Sir": part of how the person is named)
    return is_person_noun(word) or not_a_name(token.text) in ("party", "people") or (
        word.endswith(("er", "or")) and word not in surnames())


DASHES = ("-", "\u2013", "\u2014")
POSSESSIVE = re.compile(r"['\u2019\u2018]s\b")  # (a left quotation mark typed for the apostrophe too)
HEADING_SMALL_WORDS = frozenset(lines("heading_small_words.txt"))


def _party(ent: Span) -> bool:
    """"Labour is acting too late" tagged PERSON: a party's name or nickname is no person
    (organisation_aliases.txt)."""
    return re.sub(r"^the ", "", ent.text.lower()) in organisation_aliases()


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


def _read_as_verb(ent: Span) -> bool:
    """One word the model tagged a person that the parser reads as a verb with an object
    ("Struck employee with a baseball bat in 1998", a subheading): no name."""
    token = ent.root
    return len(ent) == 1 and token.pos_ == "VERB" and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children)


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


def _spoken_of_as_person(ent: Span) -> bool:
    """A full name the model took for an organisation with the letters of an office or an
    honour after it ("Guy Ortner QC"): a person, when the name opens with a given name that
    tells a gender and ends with a surname of the Census lists."""
    words = [t for t in ent if t.is_alpha]
    if not words or not postnominal(words[-1].text):
        return False
    words = words[:-1]
    return (2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
            and bool(given_names().get(words[0].lower_)) and words[-1].lower_ in surnames()
            and not any(organisation_nouns().get(t.lower_) for t in words))


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
    """Where the name whose last word is `token` begins: its compounds (the proper nouns
    right before it, after a possessor: "Norvale's Bo Horvat"), without a participle that
    opens the sentence ("Knowing Renner was a fan" names Renner)."""
    doc = token.doc
    start = token.left_edge.i if token.left_edge.dep_ == "compound" else token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
            and token.i >= doc[start - 1].head.i >= start and doc[start - 1].ent_type_ not in ORG_LABELS \
            and not is_title_word(doc[start - 1].text):
        start -= 1  # (not into an organisation or a title before it: "Media Institute President Lena Ortiz")
    start = _after_common_noun(token.doc, start, token.i + 1)
    while start < token.i - 1 and _described_by(doc[start]) and not given_names().get(doc[start].lower_):
        start += 1  # ("Boss Graeme Souness felt": what he is, then his name)
    first = token.doc[start]
    if start < token.i and first.is_sent_start and first.lower_.endswith(("ing", "ed")) \
            and first.lower_ not in given_names():
        start += 1
    return start


def _after_common_noun(doc: Doc, start: int, end: int) -> int:
    """Where a name in tokens [start, end) begins: after the last common noun before its
    last word ("Norvale Grid spokeswoman Ana Ruiz"), or a plural name of a people or a
    party ("Republicans Ortiz of Elm Shores and …"), when a proper noun follows it."""
    nouns = [t.i for t in doc[start:end - 1] if (t.pos_ == "NOUN" and t.is_lower) or _plural_of_members(t)]
    if nouns and any(t.pos_ == "PROPN" for t in doc[nouns[-1] + 1:end]):
        return nouns[-1] + 1
    return start


def _plural_of_members(token: Token) -> bool:
    """A plural name of a people or a party ("Republicans", "Tories", "Britons"), not a
    given name the tagger took for a plural after a heading ("Rhys" of "Rhys Ortiz")."""
    if token.tag_ != "NNPS":
        return False
    word = token.lower_
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word
    return not_a_name(singular) in ("party", "people")


def _in_name(token: Token) -> bool:
    """A word of a longer proper name ("Ortiz Press"), not a name standing alone."""
    doc = token.doc
    return any(0 <= i < len(doc) and doc[i].pos_ == "PROPN" for i in (token.i - 1, token.i + 1))


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


def _full_name_that_speaks(ent: Span) -> bool:
    """A given name and a surname the model took for a place or an organisation, as the
    subject of a speech verb ("…," says Deutsche Bank's Simon Champion): a person."""
    words = [t for t in ent if t.is_alpha]
    root = ent.root
    return (2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper for t in words)
            and bool(given_names().get(words[0].lower_)) and root.dep_ == "nsubj" and speech_verb(root.head) is not None
            and not any(organisation_nouns().get(t.lower_) for t in words))


def _after_honorific(ent: Span) -> bool:
    """A name the model took for an organisation or a place right after an honorific ("none
    of this is Mr Toshi's concern"): a person."""
    if ent.start == 0 or not title_table().get(ent.doc[ent.start - 1].lower_.rstrip("."), False):
        return False
    words = [t for t in ent if t.is_alpha]
    return 1 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)


THING_LABELS = {"ORG", "GPE", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"}  # what the model takes a person for
SUBJECT_PRONOUNS = {"he": "male", "she": "female", "it": None, "they": None}


def _pronoun_reads_on(graph: Graph, ent: Span) -> bool:
    """A name the model took for an organisation, a place or a thing that the text goes on
    to call "he" or "she" in its sentence ("Later, Brantley told the crowd about the night
    he first sang"; "For Ilsa Varnekova, Friday is a day she has awaited"): a person.

    The name is one to three capitalised words (no title, no organisation noun, no plural),
    outside quote marks, with no "the" and no verb right before it (not "told Norvale News
    there was …"); one word alone is a given name or a surname of the Census lists, and a
    place's name (one word or more) opens with a given name. It is a subject, or a full
    name with no one named before it in its sentence. The pronoun is the first subject
    pronoun after it, in its sentence and outside quote marks, with no person or person
    noun between; it tells the gender the given name tells, if any; and its clause is
    neither what the name is said to say ("Norvale FC said he will miss the game"), nor
    one that holds the name ("X had caused problems, he said"), nor one about it ("Norland,
    which he said …")."""
    doc = ent.doc
    words = [t for t in ent if t.is_alpha]
    if not 1 <= len(words) <= 3 or len(words) != len(ent) or not all(
            t.pos_ == "PROPN" and t.tag_ != "NNPS" and t.text[:1].isupper() and not t.is_upper
            and not is_title_word(t.text) and not organisation_nouns().get(t.lower_) for t in words):
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    if _party(ent) or ent.start in graph.in_quote \
            or (before is not None and (before.lower_ == "the" or before.pos_ in ("VERB", "AUX"))):
        return False
    given = given_name_genders().get(words[0].lower_)
    if given is None and (ent.label_ in PLACE_LABELS or (len(words) == 1 and words[0].lower_ not in surnames())):
        return False
    sentence = ent.sent
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass") and (len(words) == 1 or any(
            _someone(t) or t.lower_ in SUBJECT_PRONOUNS for t in doc[sentence.start:ent.start])):
        return False
    for token in doc[ent.end:sentence.end]:
        if token.i in graph.in_quote:
            continue
        if _someone(token):
            return False  # (someone else the pronoun could mean)
        if token.lower_ in SUBJECT_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            gender = SUBJECT_PRONOUNS[token.lower_]
            clause = token.head
            said = clause.dep_ == "ccomp" and clause.head.i == root.head.i and root.dep_ == "nsubj"
            holds = clause.is_ancestor(root) or (speech_verb(clause) is not None and clause.head.is_ancestor(root))
            about = root.is_ancestor(token)
            return gender is not None and given in (None, gender) and not (said or holds or about)
    return False


def _owned_person_noun_before(ent: Span) -> bool:
    """A name the model took for an organisation, a place or a thing, set beside a person
    noun that says whose they are ("says Ortiz's dad, Darien"; "his wife, ex-model Ana";
    "Renner's lawyer, Tom Ortner"): a person. The noun is singular, owned by a person
    ("his", "her", a name's possessive; not "its" or "their"), no organisation noun; the
    name is one to three capitalised words and opens with a given name of the lists."""
    root = ent.root
    noun = root.head
    words = [t for t in ent if t.is_alpha]
    if root.dep_ != "appos" or noun.i >= ent.start or noun.tag_ != "NN" or not is_person_noun(noun.lemma_) \
            or organisation_nouns().get(noun.lemma_.lower()):
        return False
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners or owners[0].lower_ in ("its", "their"):
        return False
    return 1 <= len(words) <= 3 and len(words) == len(ent) and all(
        t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper for t in words) \
        and given_name_genders().get(words[0].lower_) is not None


PLACE_LABELS = {"GPE", "FAC", "LOC"}


def _someone(token: Token) -> bool:
    """A person's name or a person noun in the singular: someone a pronoun could mean."""
    return token.ent_type_ in PERSON_LABELS or (token.tag_ == "NN" and is_person_noun(token.lemma_))


def _kin_by_first_name(ent: Span) -> bool:
    """A name of one word given to someone's relative or partner ("Renner's father, Joseph";
    "his wife, Ana"): someone new, not an earlier person who bears that first name."""
    root = ent.root
    head = root.head
    return (len(ent) == 1 and root.dep_ == "appos" and head.pos_ == "NOUN" and is_person_noun(head.lemma_.lower())
            and any(c.dep_ == "poss" for c in head.children))


def _named_in_full_from(graph: Graph, words: list[str], gender: str | None, at: int | None) -> Entity | None:
    """"His wife, Ana, called the police. … Ana Ortiz said": a relative's given name is the
    person the text names in full with it from there on (not one named before it, who is
    someone else: `_kin_by_first_name`)."""
    found = match(graph, words, gender, first_name=True)
    if found is None or found.rule != "given name" or at is None or found.entry.first < at:
        return None
    return found.entry


def described_as_person(ent: Span) -> bool:
    """A name the model took for an organisation that the text calls a person: "Lena
    Ortiz, CEO of Norvale Grid", "Paul Renner, the co-founder of …"."""
    root = ent.root
    if not all(t.pos_ == "PROPN" for t in ent if t.is_alpha):
        return False
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and c.i > root.i]
    return any(is_person_noun(n.lemma_.split("-")[-1]) and not organisation_nouns().get(n.lemma_.lower())
               for n in nouns)


def _given_name_first(span: Span) -> bool:
    """Two or three capitalised words, the first a given name that tells a gender (the
    Census lists, else the births statistics): "Graeme Souness felt …" untagged."""
    words = [t for t in span if t.is_alpha]
    return 2 <= len(words) <= 3 and all(t.text[:1].isupper() and not t.is_upper for t in words) \
        and given_name_genders().get(words[0].lower_) is not None


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
    written = visible(text).split()
    owner = max((j for j, word in enumerate(written[:-1]) if POSSESSIVE.search(word)), default=None)
    if owner is not None:  # "the Media Center's Ortner": the name after its owner's
        written = written[owner + 1:]
    after_honorific = False
    for word in POSSESSIVE.sub("", " ".join(written)).split():
        word = word.strip(",.;:\u201c\u201d\"'()")
        if word and not (is_title_word(word) and word[:1].isupper() and not words and len(text.split()) > 1
                         and not after_honorific):  # ("Mr Dean", "Ms King": a surname that is a title word)
            words.append(word)
        after_honorific = title_table().get(word.lower().rstrip("."), False)
    while len(words) > 1 and postnominal(words[-1]):
        words.pop()  # "Tom Ortner QC"
    titles = [j for j, word in enumerate(words[:-1]) if word[:1].isupper() and is_title_word(word)]
    if titles and all(word[:1].isupper() for word in words[titles[-1] + 1:]):
        words = words[titles[-1] + 1:]
    if len(words) > 2 and words[0].islower():  # "(Secretary) of State Ana Ruiz": from the given name
        given = [j for j, word in enumerate(words[:-1]) if word.lower() in given_names()]
        words = words[given[0]:] if given else words[-2:]
    return tuple(words)


def engine_name(words: list[str] | tuple[str, ...]) -> PersonName | None:
    """A name's words as the article's name model holds them (`name_matcher`): every title
    it is written with kept ("Lady Bertram" is not "Bertram" alone)."""
    return parse_name(tuple(words), keep="all") if words else None


def _styled_title(text: str, words: list[str]) -> str | None:
    """The styled title a name of one word is written with ("Pope" of "Pope Lucian",
    "Norland's Prince Aurel"): part of the name, not a role to cut off."""
    written = [w.strip(",.;:\u201c\u201d\"'()") for w in text.split()]
    if len(words) != 1 or words[0] not in written:
        return None
    i = written.index(words[0])
    return written[i - 1] if i > 0 and written[i - 1][:1].isupper() and is_styled_title(written[i - 1]) else None


def _styled_before(ent: Span) -> str | None:
    """A styled title right before a name the model tagged without it ("Pope" of "Pope
    Lucian")."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before.text if before is not None and before.text[:1].isupper() and is_styled_title(before.text) else None


NAMED_LABELS = PERSON_LABELS | ORG_LABELS | {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
SHARED_SURNAME_WINDOW = 1000  # characters back in which a shared surname means the one last named in full as a subject


# (the same words asked again and again: the names pass asks it of every name it meets)
not_a_name = lru_cache(maxsize=16384)(names.not_a_name)


def add_people(graph: Graph) -> None:
    """The names pass: every person the article names, and a link for each of their names."""
    doc = graph.doc
    people = [person_span(part) for ent in graph.ents
              if ent.label_ in PERSON_LABELS and not graph.skipped(ent) and not _credit(ent)
              and not _heading(ent) and not _read_as_verb(ent) and not _party(ent) for part in _each_name(ent)]
    # A full name the model took for an organisation or did not tag at all ("Morgan
    # McNeely" ORG, "Nino Ortner scored" untagged): a given name first and a surname
    # the text gives a person ("McNeely" PERSON) or writes alone as a subject ("Ortner
    # said").
    surnames_seen = {name_tokens(ent.text)[-1].lower() for ent in people if name_tokens(ent.text)}
    surnames_seen |= {t.lower_ for t in proper_nouns(doc) if t.dep_ in ("nsubj", "nsubjpass")
                      and t.is_alpha and t.text[:1].isupper() and not t.is_upper and not _in_name(t)}
    people += [ent for ent in graph.ents if ent.label_ in ORG_LABELS and not graph.skipped(ent)
               and (_full_name_of(ent, surnames_seen) or described_as_person(ent) or _spoken_of_as_person(ent)
                    or _after_honorific(ent) or _full_name_that_speaks(ent))]
    chosen = {ent.start for ent in people}
    people += [ent for ent in graph.ents if ent.label_ in THING_LABELS and ent.start not in chosen
               and not graph.skipped(ent) and (_pronoun_reads_on(graph, ent) or _owned_person_noun_before(ent))]
    people += [span for span in _untagged_full_names(doc, surnames_seen) if not graph.skipped(span)]
    # Full names first, so surnames join them whatever the order in the text; then the
    # names an honorific gives a gender ("Mr. Ortiz" before "President Ortiz").
    # (A surname two people share waits for the text's order: which of them it means
    # depends on who was last named as a subject.)
    for ent in sorted(people, key=lambda e: (-len(name_tokens(e.text)), _honorific_before(e) is None)):
        entity_for_name(graph, ent, create=not _shared_surname(graph, name_tokens(ent.text)))
    for ent in people:
        entity = entity_for_name(graph, ent)
        if entity is None:
            continue
        learn_role(ent, entity)
        graph.link(ent, Kind.NAME, entity, "names", _joined(ent, entity))
    # The small model sometimes labels a known person's surname as ORG or GPE ("Mr
    # Kettleby-Voss", hyphen and all), or no entity at all for a name it has never seen
    # ("Yuni, a resident of …, said").
    taken = {ent.start_char for ent in people}
    answers: dict[tuple[str, ...], Entity | None] = {}  # (a name no two people share: one answer wherever it stands)
    for ent in graph.ents:
        if ent.label_ in ORG_LABELS and len(POSSESSIVE.sub("", ent.text).split()) == 1 and not graph.skipped(ent) \
                and ent.start_char not in taken:
            # (one word as written: "Stella's Cafe" is an organisation's name, not "Cafe")
            words = name_tokens(ent.text)
            if tuple(words) in answers:
                entity = answers[tuple(words)]
            else:
                entity = find(graph, words, before=ent.start_char)
                if not _shared_surname(graph, words):
                    answers[tuple(words)] = entity
            if entity is not None:
                graph.link(ent, Kind.NAME, entity, "names", f"'{ent.text}' tagged {ent.label_}: {entity.name}")
    # ("Ortiz, a nurse, …"; "Ortiz said …" with no entity at all, or one that makes it a
    # thing: "Norvale's Bo Horvat said" tagged a work of art)
    waiting = []
    for token in subjects(doc):
        if (token.dep_ == "nsubj" and token.pos_ == "PROPN" and token.ent_type_ not in NAMED_LABELS
                and token.text[:1].isupper() and not is_title_word(token.text)):
            span = doc[_name_start(token):token.i + 1]
            if _party(span):
                continue  # ("The Tories say …")
            if any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in token.children) \
                    or speech_verb(token.head) is not None or _known_name(token) or _given_name_first(span):
                _untagged_subject(graph, span)
            else:
                waiting.append(span)
        elif token.pos_ == "NOUN" and is_person_noun(token.lemma_):
            _apposed_name(graph, token)
        elif _place_that_speaks_next(graph, token):
            span = doc[token.i:token.i + 1]
            entity = entity_for_name(graph, span)
            if entity is not None:
                graph.link(span, Kind.NAME, entity, "names",
                           f"'{token.text}' tagged {token.ent_type_}: a surname, and 'he' or 'she' speaks next")
    # (a name the text gives a person elsewhere, before or after: "Al Mnajer passed …";
    # "Dana Ortner believes …" where "Ortner said" comes later)
    for span in waiting:
        if find(graph, name_tokens(span.text)) is not None:
            _untagged_subject(graph, span)
    # The surname of a person named in full, with no entity tag at all ("For Renner, who
    # …"), or a subject that is a known person's one name: a mention of them too, so that
    # a pronoun or a description after it finds them.
    # (A subject the model took for a common noun counts too: "Stam says …" at the start of
    # a sentence, NOUN, once the article has named Jaap Stam.)
    covered = {m.start for m in graph.links}
    nouns = [t for t in subjects(doc) if t.pos_ == "NOUN" and t.i == sentence_bounds(t)[0]]
    for token in sorted(proper_nouns(doc) + nouns, key=lambda t: t.i):
        if token.ent_type_ or token.idx in covered or not token.is_alpha or not token.text[:1].isupper() \
                or is_title_word(token.text) or _in_name(token):
            continue
        subject = token.dep_ in ("nsubj", "nsubjpass")
        matches = [m.entry for m in graph.names.matches(engine_name([token.text]), rule("surname", True))
                   if subject or not graph.names.canonical(m.entry).bare]
        span = doc[token.i:token.i + 1]
        if len(matches) == 1 and not graph.skipped(span):
            graph.link(span, Kind.NAME, matches[0], "names", f"untagged surname of {matches[0].name}")
    graph.sort_links()


def _untagged_subject(graph: Graph, span: Span) -> None:
    if not graph.skipped(span):
        entity = entity_for_name(graph, span)
        if entity is not None:
            learn_role(span, entity)
            graph.link(span, Kind.NAME, entity, "names", f"untagged subject: {_joined(span, entity)}")


def _place_that_speaks_next(graph: Graph, token: Token) -> bool:
    """'When asked …, Mulder didn't hesitate. “…,” he said.': a one-word subject the model
    took for a place, that the article writes once, that is a surname of the Census lists,
    with no person named in its sentence or the one before, and whose next sentence has "he"
    or "she" speak: the person the pronoun is (a place is never "he")."""
    doc = token.doc
    if token.dep_ != "nsubj" or token.pos_ != "PROPN" or token.ent_type_ not in ("GPE", "LOC") \
            or token.ent_iob_ != "B" or (token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I"):
        return False
    if token.lower_ not in surnames() or written_count(token) != 1 or token.i in graph.in_quote:
        return False
    sentence = token.sent
    before = doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char
    if any(before <= m.start < sentence.end_char for m in graph.links):
        return False
    following = sentence
    while following.end < len(doc):
        following = doc[following.end].sent
        if following.text.strip():
            break
    else:
        return False
    return any(t.dep_ == "nsubj" and t.lower_ in ("he", "she") and speech_verb(t.head) is not None
               and t.i not in graph.in_quote for t in following)


def _joined(span: Span, entity: Entity) -> str:
    """How a name written is the person's: "as written", or "'Bill Renner' is William
    Renner: nickname Bill ~ William" (the name rule's reason)."""
    written = " ".join(name_tokens(span.text))
    return "as written" if written == entity.name else f"'{written}' is {entity.name}" + name_reason(written, entity.name)


def name_reason(written: str, name: str) -> str:
    """": nickname Bill ~ William": why the name rules take a name written for a person's
    name; empty when they say no more than "same name"."""
    new, known = engine_name(name_tokens(written)), engine_name(name.split())
    reason = why(new, known) if new is not None and known is not None else None
    if not reason or reason == "same name":
        return ""
    return ": " + reason.split(":")[0].split(" of ")[0]  # ("surname alone": the person is named already)


def _apposed_name(graph: Graph, noun: Token) -> None:
    """"The spokeswoman, Ana Ruiz, said": a name the model did not tag, apposed to a
    person noun that is a subject, with what the noun says of them."""
    name = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and not c.ent_type_
                 and c.text[:1].isupper() and not is_title_word(c.text)), None)
    if name is None:
        return
    span = graph.doc[_name_start(name):name.i + 1]
    if len(span) < 2 or graph.skipped(span):
        return  # (a full name only: one word could be anything)
    entity = entity_for_name(graph, span)
    if entity is not None:
        learn_from_noun(noun, entity)
        graph.link(span, Kind.NAME, entity, "names", f"apposition: {noun.text}, {entity.name}")


def entity_for_name(graph: Graph, ent: Span | str, create: bool = True) -> Entity | None:
    """The person a name written in the text is (a Span: the one named before it, when
    several share a surname); with `create`, a new one when no one is (building only)."""
    text = ent if isinstance(ent, str) else ent.text
    words = name_tokens(text)
    if not words or not any(w[:1].isupper() for w in words) or not_a_name(" ".join(words)) == "suffix":
        return None  # (nor is "Jr." of "Paul Ortner, Jr." anyone)
    # "Mrs. Norris" and "Mr. Norris" are two people: an honorific's gender must agree
    written = text.split()
    first = written[0].lower().rstrip(".") if written else ""
    gender = gendered_words().get(first) if len(written) > len(words) else None
    honorific = written[0] if gender else None
    if gender is None and not isinstance(ent, str):
        gender = _honorific_before(ent)  # "Mr." left out of the entity
        honorific = ent.doc[ent.start - 1].text if gender else None
    styled = _styled_title(text, words) or (None if isinstance(ent, str) else _styled_before(ent))
    if styled and len(words) == 1:  # "Pope Lucian" (the model may tag "Lucian" alone)
        words = [styled, *words]
    alias = " ".join(words)
    at = None if isinstance(ent, str) else ent.start_char
    # (a name after an honorific is a surname: "Mr. Ortiz" is not "Ortiz Speech"; but
    # "Sir John" is Sir John Bourn's given name)
    kin = not isinstance(ent, str) and _kin_by_first_name(ent)
    first_name = (gender is None or (honorific or "").lower().rstrip(".") in given_name_honorifics()) and not kin
    entity = find(graph, words, gender, before=at, first_name=first_name)
    if entity is None and kin:
        entity = _named_in_full_from(graph, words, gender, at)
    if not create:
        return entity  # (a look-up changes nothing)
    if entity is None:
        if gender and len(words) == 1:
            alias = " ".join(text.split()[:2])  # keep the honorific: "Lady Bertram"
        # a given name that tells a gender ("Denise Ortiz": a woman) until the text says otherwise
        told = given_names().get(words[0].lower()) if len(words) > 1 else None
        entity = graph.add_person(Entity(alias))
        if gender:
            entity.told(gender, f"honorific '{honorific}'")
        elif told:
            entity.told(told, f"given name {words[0]}")
    else:
        new, known = engine_name(words), graph.names.canonical(entity)
        if new and known and new.words[-1] == known.words[-1] and new.fuller_than(known):
            entity.name = alias  # a fuller form of the same name ("Eddie Vance" for "E J Vance")
    if gender:
        entity.told(gender, f"honorific '{honorific}'")
    if at is not None:
        entity.first = min(entity.first, at)
    if alias not in entity.names:
        entity.names.append(alias)
    for name, canonical in ((entity.name, True), (alias, False)):  # what `find` looks up
        parsed = engine_name(name.split())
        if parsed is not None:
            graph.index_name(parsed, entity, canonical)
    return entity


def find(graph: Graph, words: list[str], gender: str | None = None, before: int | None = None,
         first_name: bool = True) -> Entity | None:
    """The person a name belongs to (see `match`), or None."""
    found = match(graph, words, gender, before, first_name)
    return found.entry if found is not None else None


def match(graph: Graph, words: list[str], gender: str | None = None, before: int | None = None,
          first_name: bool = True) -> Match[Entity] | None:
    """The person a name belongs to, with the rule and the reason: the first of the name
    rules (`name_matcher.RULES`, shared with the speaker rows) that finds exactly one person
    whose gender (when both are known) agrees. A surname several share goes to the one the
    text had named before `before`; and, unless the text already calls one of them by it
    alone, to the one it last named in full as a subject, a few sentences before at most. A
    given name alone counts only with `first_name`."""
    name = engine_name(words)
    if name is None:
        return None

    def agrees(entity: Entity) -> bool:
        return not (gender and entity.gender and entity.gender != gender)

    same: list[Entity] = []
    shared: list[Entity] = []
    if name.bare:
        same = [m.entry for m in graph.names.matches(name, rule("surname", True)) if agrees(m.entry)]
        shared = [e for e in same if before is None or e.first < before]  # ("Renner" before his son is named)
        called = [m.entry for m in graph.names.matches(name, rule("same name", True))]
        full = [e for e in same if not graph.names.canonical(e).bare]
        if len(full) > 1 and before is not None and not any(e.first < before for e in full) and not called:
            # a surname several people share, written before any of them is named (a
            # headline: "Murray returns …", then "Euan Murray …" and, in a list, "Scott
            # Murray"): the one the text names first after it
            first = min(full, key=lambda e: e.first)
            return Match(first, "surname", "surname alone, which several share, before any is named: the one "
                         "named first after it")
        if len(shared) > 1 and before is not None and gender is None \
                and all(graph.names.canonical(e).bare for e in called):
            # a surname several people share: the one named in full that the text already
            # called by it alone (it goes on meaning that one)
            full = [e for e in shared if not graph.names.canonical(e).bare]
            earlier = max((m for m in graph.links if m.start < before and m.mention.kind is Kind.NAME
                           and any(m.entity is e for e in full) and engine_name(name_tokens(m.text)) == name),
                          key=lambda m: m.start, default=None)
            if earlier is not None:
                return Match(earlier.entity, "surname", "surname alone, which several share: the one the text "
                             "already calls by it")
            # else the one last named in full as a subject, if recent
            latest = max((m for m in graph.links if m.start < before and m.mention.kind is Kind.NAME
                          and any(m.entity is e for e in shared) and len(name_tokens(m.text)) > 1
                          and is_subject(m.mention.span)),
                         key=lambda m: m.start, default=None)
            if latest is not None and before - latest.start <= SHARED_SURNAME_WINDOW:
                return Match(latest.entity, "surname", "surname alone, which several share: the one last "
                             "named in full as a subject")

    def accept(found: Rule, entity: Entity) -> bool:
        if not agrees(entity):
            return False
        if found.name == "same name" and len(shared) > 1 and gender:
            return entity.gender == gender  # ("Mrs. Renner" is not whichever Renner the surname found first)
        if found.name == "surname" and len(same) > 1:
            return any(entity is e for e in shared)
        return first_name or found.name != "given name"

    return graph.names.find(name, accept)


def unknown_person(span: Span) -> Entity | None:
    """A person the graph does not know, named where a speaker stands (a name NER missed
    in a place the names pass does not look): theirs alone, never added to the graph."""
    words = name_tokens(span.text)
    if not words or not any(w[:1].isupper() for w in words):
        return None
    return Entity(" ".join(words), names=[" ".join(words)])


def _shared_surname(graph: Graph, words: list[str]) -> bool:
    name = engine_name(words)
    return name is not None and name.bare and len(graph.names.matches(name, rule("surname", True))) > 1
