"""A person's gender from how the articles refer to them: the evidence counted, the
decision taken from it, and the evidence written for a reader. Pure Python, shared by the
engine (one article) and the speaker rows (every article of a person).

Evidence is a count by (kind, word): pronouns the text resolves to the person ("she",
"his"), honorifics ("Ms", "Sir") and gendered nouns set beside the name ("spokeswoman",
"his wife, Ana"), and, weaker, the given name's statistics (the Census lists, else the
Social Security births, else other countries' name lists). The text decides when it says anything; the given name only when
the text says nothing. Evidence that disagrees gives "unknown": nothing is guessed.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable, Mapping

from .datafiles import census, lines

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
GENDERS = (FEMALE, MALE, UNKNOWN)

PRONOUN, HONORIFIC, NOUN, GIVEN_NAME = "pronoun", "honorific", "noun", "given name"
KINDS = (PRONOUN, HONORIFIC, NOUN, GIVEN_NAME)
TEXT_KINDS = (PRONOUN, HONORIFIC, NOUN)  # what the text itself says of the person

# How the gender was decided: by what the text says, by the given name alone (the weaker
# evidence), or by the user (`quotes gender`).
BY_TEXT, BY_GIVEN_NAME, BY_USER = "text", "given name", "user"

# The text's evidence decides when the other gender has at most this share of it: a rare
# pronoun the article linked to the wrong person does not undo fourteen right ones, but
# evidence that really disagrees ("Mr" and "Ms" of one row) gives "unknown".
DISAGREEMENT = 0.1
# A pronoun or two linked to the person do not overrule a given name that tells the other
# gender: the two disagree, and the gender is unknown (an honorific or a title does overrule it).
FEW_PRONOUNS = 3
GIVEN_NAME_RATIO = 4.0  # a given name tells a gender when that gender is this many times as frequent

Evidence = Mapping[tuple[str, str], int]  # (kind, word) -> count


@lru_cache(maxsize=1)
def pronoun_genders() -> dict[str, str]:
    """The third-person pronouns that tell a gender ("she", "his"), from pronouns.txt."""
    table = {}
    for line in lines("pronouns.txt"):
        word, _number, gender, person = line.split()
        if gender in (FEMALE, MALE) and person == "third":
            table[word] = gender
    return table


@lru_cache(maxsize=1)
def word_genders() -> dict[str, str]:
    """Honorifics and nouns that tell a gender ("mrs", "spokeswoman"), from gendered.txt."""
    return {parts[0]: parts[1] for parts in map(str.split, lines("gendered.txt"))}


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """The gendered words that are honorifics, not roles (titles.txt marks them)."""
    marked = {parts[0] for parts in map(str.split, lines("titles.txt")) if parts[-1] == "honorific"}
    return frozenset(w for w in word_genders() if w in marked)


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, str]:
    """Given name (lower case) -> the gender its statistics tell, where one gender is
    GIVEN_NAME_RATIO times as frequent as the other: the Census 1990 lists' frequencies,
    else, for a name they do not hold ("Hamish", "Kenza"), the Social Security births
    (given_names_ssa.txt), else the names of other countries (given_names_world.txt:
    "Basuki", "Azfar"). A name the other countries give the other gender tells none
    ("Stephane", female in the Census lists)."""
    male, female = census("dist.male.first"), census("dist.female.first")
    table = {}
    for name in male.keys() | female.keys():
        table[name] = _by_ratio(female.get(name, 0.0), male.get(name, 0.0))
    for line in lines("given_names_ssa.txt"):
        name, women, men = line.split()
        if name not in table:
            table[name] = _by_ratio(int(women), int(men))
    for line in lines("given_names_world.txt"):
        name, women, men = line.split()
        world = _by_ratio(int(women), int(men))
        if name not in table:
            table[name] = world
        elif table[name] and world and world != table[name]:
            table[name] = None  # (the sources disagree)
    return {name: gender for name, gender in table.items() if gender}


def _by_ratio(female: float, male: float) -> str | None:
    if male >= GIVEN_NAME_RATIO * female:
        return MALE
    if female >= GIVEN_NAME_RATIO * male:
        return FEMALE
    return None


def gender_of_word(kind: str, word: str) -> str | None:
    """The gender one piece of evidence tells."""
    if kind == PRONOUN:
        return pronoun_genders().get(word)
    if kind in (HONORIFIC, NOUN):
        return word_genders().get(word)
    if kind == GIVEN_NAME:
        return given_name_genders().get(word)
    return None


def _word(text: str) -> str:
    return text.strip().lower().rstrip(".")


def evidence_of(mentions: Iterable[tuple[str, str]], role: str | None = None,
                name: str | None = None) -> Counter:
    """The evidence of one person in one article, from narrow input that any mention model
    can give:

    - `mentions`: (text, kind) pairs, kind one of "name" (as written, an honorific
      included: "Mrs. Ortiz"), "pronoun" ("she", "his"), "honorific" ("Ms") or "noun" (a
      noun set beside the name: "spokeswoman", "wife");
    - `role`: the role the article gives ("spokeswoman for the council"): its gendered words;
    - `name`: the canonical name, whose first word is looked up as a given name.

    Returns counts by (kind, word) of what tells a gender; nothing else is kept."""
    found: Counter = Counter()
    for text, kind in mentions:
        if kind == "name":
            words = text.split()
            first = _word(words[0]) if len(words) > 1 else ""
            if first in word_genders():
                found[HONORIFIC if first in honorifics() else NOUN, first] += 1
        elif kind == PRONOUN:
            word = _word(text)
            if word in pronoun_genders():
                found[PRONOUN, word] += 1
        elif kind in (HONORIFIC, NOUN):
            word = _word(text)
            if word in word_genders():
                found[HONORIFIC if word in honorifics() else NOUN, word] += 1
    for i, word in enumerate((role or "").replace("-", " ").split()):
        # (a capitalised word inside a role names something else: "professor at Queen Mary")
        if i and not word.islower():
            continue
        word = _word(word)
        if word in word_genders() and word not in honorifics():
            found[NOUN, word] = max(found[NOUN, word], 1)
    given = given_name(name)
    if given:
        found[GIVEN_NAME, given] = 1
    return found


def given_name(name: str | None) -> str | None:
    """The given name of a person's name, when its statistics tell a gender: the first
    word of a full name ("lena" of "Lena Ortiz"), or a name of one word more common as a
    given name than as a surname ("Catherine"; not "Ortiz", nor "Mrs. Ortiz")."""
    from .names import given_name_alone

    words = (name or "").split()
    if not words or _word(words[0]) in word_genders():
        return None
    first = _word(words[0])
    if len(words) == 1 and not given_name_alone(first):
        return None
    return first if first in given_name_genders() else None


def tally(evidence: Evidence, kinds: Iterable[str]) -> Counter:
    """How much of the evidence of these kinds tells each gender."""
    kinds = set(kinds)
    counts: Counter = Counter()
    for (kind, word), n in evidence.items():
        gender = gender_of_word(kind, word) if kind in kinds else None
        if gender:
            counts[gender] += n
    return counts


def decide(evidence: Evidence) -> tuple[str, str | None]:
    """(gender, basis): what the text says when it says anything (basis "text"), unknown
    when it disagrees; else the given name's gender (basis "given name"); else unknown."""
    text = tally(evidence, TEXT_KINDS)
    names = tally(evidence, (GIVEN_NAME,))
    named = next(iter(names)) if len(names) == 1 else None
    if text:
        total = text[FEMALE] + text[MALE]
        for gender, other in ((FEMALE, MALE), (MALE, FEMALE)):
            if text[gender] > text[other] and text[other] <= DISAGREEMENT * total:
                if named == other and total < FEW_PRONOUNS and not tally(evidence, (HONORIFIC, NOUN)):
                    return UNKNOWN, None  # a pronoun or two against the given name
                return gender, BY_TEXT
        return UNKNOWN, None
    if named:
        return named, BY_GIVEN_NAME
    return UNKNOWN, None


def as_tuples(evidence: Evidence) -> tuple[tuple[str, str, int], ...]:
    """The evidence as (kind, word, count), in a stable order: the form `Speaker` keeps."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    return tuple(sorted(((kind, word, n) for (kind, word), n in evidence.items() if n > 0),
                        key=lambda e: (order.get(e[0], len(order)), -e[2], e[1])))


def from_tuples(items: Iterable[tuple[str, str, int]]) -> Counter:
    found: Counter = Counter()
    for kind, word, n in items:
        found[kind, word] += n
    return found


def describe(evidence: Iterable[tuple[str, str, int, int]]) -> str:
    """The evidence for a reader, strongest kinds first: "she: 14 times in 6 articles; Ms:
    2; given name Lena (weaker)". Items are (kind, word, count, articles)."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    parts = []
    for kind, word, count, articles in sorted(evidence, key=lambda e: (order.get(e[0], 9), -e[2], e[1])):
        if kind == GIVEN_NAME:
            parts.append(f"given name {word.title()} (weaker)")
            continue
        shown = word.title() if kind == HONORIFIC else word
        times = f"{count} time{'s' if count != 1 else ''}"
        parts.append(f"{shown}: {times}" + (f" in {articles} articles" if articles > 1 else ""))
    return "; ".join(parts)
