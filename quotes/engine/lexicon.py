"""The general word lists the engine reads: speech verbs, cue phrases, pronouns, titles,
boilerplate patterns. Each lives in a text file under `quotes/data/`; this module parses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..datafiles import census, lines, titles as title_flags


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    flags: frozenset[str]

    @property
    def weak(self) -> bool:
        return "weak" in self.flags

    @property
    def direct_only(self) -> bool:
        return "direct" in self.flags or "quoted" in self.flags

    @property
    def quoted_only(self) -> bool:
        """A cue for words in quote marks and nothing else, not even a that-clause ("she
        wondered that …" is a thought)."""
        return "quoted" in self.flags

    def prepositions(self, kind: str) -> frozenset[str]:
        """The prepositions of its `pp:P` (kind "pp") or `obj+pp:P` (kind "obj+pp") flags."""
        return frozenset(f[len(kind) + 1:] for f in self.flags if f.startswith(kind + ":"))

    @cached_property  # (asked for every speech verb of every document)
    def particle(self) -> str | None:
        """The particle the verb needs to be speech ("back" of "shot back"), if any."""
        return next((f[4:] for f in self.flags if f.startswith("prt:")), None)

    @cached_property
    def not_with(self) -> frozenset[str]:
        """Particles that make the verb no speech ("out" of "ruled out an election")."""
        return frozenset(f[4:] for f in self.flags if f.startswith("not:"))


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, SpeechVerb]:
    verbs = {}
    for line in lines("speech_verbs.txt"):
        lemma, *flags = line.split()
        verbs[lemma] = SpeechVerb(lemma, frozenset(flags))
    return verbs


@dataclass(frozen=True)
class CuePhrase:
    words: tuple[str, ...]
    label: str
    source: str  # "after": the source follows the phrase; "clause": the subject of its clause


@lru_cache(maxsize=1)
def cue_phrases() -> tuple[CuePhrase, ...]:
    """The cue phrases of `cue_phrases.txt`."""
    phrases = []
    for line in lines("cue_phrases.txt"):
        phrase, label, source = (part.strip() for part in line.split("|"))
        if source not in ("after", "clause"):
            raise ValueError(f"cue_phrases.txt: {phrase!r}: the source is 'after' or 'clause', not {source!r}")
        phrases.append(CuePhrase(tuple(phrase.split()), label, source))
    return tuple(phrases)


@lru_cache(maxsize=1)
def vocative_openers() -> frozenset[str]:
    """What stands before a name someone is called by ("Well, Ilse, …", "my dear Jon, …")."""
    return frozenset(lines("vocative_openers.txt"))


@dataclass(frozen=True)
class Pronoun:
    word: str
    number: str
    gender: str
    person: str  # first, third


@lru_cache(maxsize=1)
def pronouns() -> dict[str, Pronoun]:
    table = {}
    for line in lines("pronouns.txt"):
        word, number, gender, person = line.split()
        table[word] = Pronoun(word, number, gender, person)
    return table


@lru_cache(maxsize=1)
def titles() -> dict[str, bool]:
    """Title (lower case, may be several words) -> True when it is only an honorific."""
    return {title: "honorific" in flags for title, flags in title_flags().items()}


@lru_cache(maxsize=1)
def given_name_honorifics() -> frozenset[str]:
    """Honorifics written with the given name ("Sir John", "Dame Ilse")."""
    return frozenset(lines("given_name_honorifics.txt"))


@lru_cache(maxsize=1)
def gendered_words() -> dict[str, str]:
    """Honorifics and nouns that tell a person's gender: word -> male/female."""
    return dict(line.split() for line in lines("gendered.txt"))


@lru_cache(maxsize=1)
def _person_nouns() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """(words, suffixes, words the suffixes must not take, endings they must not take)."""
    words, suffixes, not_words, not_endings = set(), (), set(), ()
    for line in lines("person_nouns.txt"):
        if line.startswith("suffix "):
            suffixes = tuple(part.lstrip("-") for part in line.split()[1:])
        elif line.startswith("except "):
            parts = line.split()[1:]
            not_endings = tuple(p.lstrip("-") for p in parts if p.startswith("-"))
            not_words = {p for p in parts if not p.startswith("-")}
        else:
            words.add(line)
    return frozenset(words), suffixes, frozenset(not_words), not_endings


@lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    return frozenset(lines("speech_nouns.txt"))


@lru_cache(maxsize=1)
def content_nouns() -> frozenset[str]:
    """Nouns whose clause is what someone said ("doubts that …", "her criticism was that …")."""
    return frozenset(lines("content_nouns.txt"))


@lru_cache(maxsize=1)
def expressing_verbs() -> frozenset[str]:
    """Verbs that, with a content noun as object, report speech ("expressed doubts that …")."""
    return frozenset(lines("expressing_verbs.txt"))


@lru_cache(maxsize=1)
def obtaining_verbs() -> frozenset[str]:
    return frozenset(lines("obtaining_verbs.txt"))


@lru_cache(maxsize=1)
def carrier_nouns() -> frozenset[str]:
    """Things that carry written words ("a sign saying …")."""
    return frozenset(lines("carrier_nouns.txt"))


@lru_cache(maxsize=1)
def relational_nouns() -> frozenset[str]:
    """Nouns that name someone by their tie to another person ("the Renner supporter")."""
    return frozenset(lines("relational_nouns.txt"))


@lru_cache(maxsize=1)
def work_nouns() -> frozenset[str]:
    return frozenset(lines("work_nouns.txt"))


@lru_cache(maxsize=65536)  # (the same words, asked again and again)
def is_person_noun(lemma: str) -> bool:
    """True for a noun that names a person ("resident", "proprietor", "analyst")."""
    words, suffixes, not_words, not_endings = _person_nouns()
    lemma = lemma.lower()
    if lemma in words or is_title_word(lemma):
        return True
    return len(lemma) > 5 and lemma.endswith(suffixes) and lemma not in not_words and not lemma.endswith(not_endings)


GENDER_EVIDENCE = 10.0  # a given name tells a gender when one is this many times as frequent


@lru_cache(maxsize=1)
def given_names() -> dict[str, str | None]:
    """Given name (lower case) -> the gender it tells, "male" or "female", or None where
    both are common ("jordan", "taylor"): from the Census lists' frequencies."""
    male, female = census("dist.male.first"), census("dist.female.first")
    table: dict[str, str | None] = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        table[name] = "male" if m >= GENDER_EVIDENCE * f else "female" if f >= GENDER_EVIDENCE * m else None
    return table


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Surnames (lower case) of the Census list."""
    return frozenset(census("dist.all.last"))


@lru_cache(maxsize=1)
def organisation_nouns() -> dict[str, str]:
    """Noun -> the kind of named entity a description headed by it points to: "org",
    "place" or "town" ("the company", "the province", "the city")."""
    return {line.split()[0]: line.split()[1] for line in lines("organisation_nouns.txt")}


@lru_cache(maxsize=1)
def organisation_name_words() -> dict[str, frozenset[str]]:
    """Noun -> words that, in an organisation's name, make it one ("the agency": a name
    with "Department", "Ministry" or "Bureau" in it), from the third column."""
    return {parts[0]: frozenset(parts[2].split(",")) for parts in (line.split() for line in lines("organisation_nouns.txt"))
            if len(parts) > 2}


@lru_cache(maxsize=1)
def interviewer_nouns() -> frozenset[str]:
    """Those who ask the questions ("host", "anchor"): someone told something is not the
    next to speak."""
    return frozenset(lines("interviewer_nouns.txt"))


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    """Documents and figures that speak for their author ("the report says")."""
    return frozenset(lines("source_nouns.txt"))


@lru_cache(maxsize=1)
def group_words() -> frozenset[str]:
    """Words that make a mention a group of people ("both", "some of the workers")."""
    return frozenset(lines("group_words.txt"))


@lru_cache(maxsize=1)
def unnamed_subjects() -> frozenset[str]:
    """Subjects that make a speech verb's content a statement though no one is named for
    them: the personal pronouns, the group words and `unnamed_subjects.txt` ("those")."""
    return frozenset(pronouns()) | group_words() | frozenset(lines("unnamed_subjects.txt"))


@lru_cache(maxsize=1)
def withheld_verbs() -> frozenset[str]:
    """Verbs that, with "to say", mean it was not said ("declined to say")."""
    return frozenset(lines("withheld_verbs.txt"))


@lru_cache(maxsize=None)
def prepositions(role: str) -> frozenset[str]:
    """The prepositions of `prepositions.txt` with a role: "content", "about" or "role"."""
    return frozenset(word for word, r in (line.split() for line in lines("prepositions.txt")) if r == role)


def is_org_noun(lemma: str) -> bool:
    """A noun that names an organisation, a place or a document when it heads a subject
    ("the ministry said", "the report said")."""
    return lemma in organisation_nouns() or lemma in source_nouns()


@lru_cache(maxsize=65536)
def is_title_word(word: str) -> bool:
    return word.lower().rstrip(".") in titles()


def is_styled_title(word: str) -> bool:
    """A title that is part of how a person is named ("Pope" of "Pope Lucian"; titles.txt
    "styled")."""
    return "styled" in title_flags().get(word.lower().rstrip("."), ())


@lru_cache(maxsize=1)
def boilerplate_pattern() -> re.Pattern:
    patterns = list(lines("boilerplate.txt"))
    return re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)


@lru_cache(maxsize=1)
def caption_pattern() -> re.Pattern:
    """A person placed in a photo: ", left," or "(centre)" after a name, "from left"."""
    words = "|".join(re.escape(w) for w in sorted(lines("caption_positions.txt"), key=len, reverse=True))
    return re.compile(rf"[A-Za-z],\s*(?:{words})\s*[,.]|\((?:{words})\)|\bfrom left\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def furniture_labels() -> frozenset[str]:
    """Labels of page furniture before a colon ("editor's note", "graphic")."""
    return frozenset(lines("furniture_labels.txt"))


@lru_cache(maxsize=1)
def organisation_aliases() -> dict[str, str]:
    """A party's nickname or short form (lower case, no "the") -> the name it is filed under:
    "tories" -> "the Conservatives" (organisation_aliases.txt)."""
    return {form.strip(): name.strip() for form, name in (line.split("|") for line in lines("organisation_aliases.txt"))}


@lru_cache(maxsize=1)
def office_qualifiers() -> frozenset[str]:
    """Words that make a title another office ("shadow", "former", "deputy")."""
    return frozenset(lines("office_qualifiers.txt"))
