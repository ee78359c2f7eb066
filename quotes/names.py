"""Comparing names as written: pure string functions that storage and the engine share
(no spaCy here). Whether a name is a proper name at all, how two names of one person may
differ (a middle name or initial, a short form of the given name, a near-spelling), and
whether two roles agree."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .datafiles import census, lines, tagged_words, titles, words

# Words that open a description or a count, not a name ("The company", "Two officials").
DETERMINERS = frozenset(lines("determiners.txt"))
# Lower-case words that may open a surname ("de Blasio", "van der Berg").
PARTICLES = frozenset(lines("name_particles.txt"))
# Words that describe unnamed speakers when they stand alone ("Officials said"), beyond the
# person nouns, titles and speech nouns of quotes/data.
UNNAMED = frozenset(lines("unnamed_nouns.txt"))


@lru_cache(maxsize=None)
def _pronouns() -> frozenset[str]:
    """Every pronoun: those that may stand for a speaker (pronouns.txt) and the others
    (other_pronouns.txt)."""
    return frozenset({line.split()[0] for line in lines("pronouns.txt")} | words("other_pronouns.txt"))


@lru_cache(maxsize=None)
def _common_nouns() -> frozenset[str]:
    """Words that describe a speaker rather than name one: person nouns, titles, speech and
    work nouns (quotes/data), and the unnamed words."""
    found = set(UNNAMED)
    for name in ("person_nouns.txt", "speech_nouns.txt", "work_nouns.txt"):
        found.update(line for line in lines(name) if not line.startswith(("suffix ", "except ")))
    found.update(titles())
    return frozenset(found)


def _describes(word: str) -> bool:
    """A word alone that describes speakers: an unnamed word ("Spokesman", "Witness"), or
    the plural of a common noun ("Officials", "Experts"). A singular noun alone may be a
    surname ("Baker", "King"), and stays a name."""
    word = word.lower()
    nouns = _common_nouns()  # (the unnamed words included)
    return word in UNNAMED or word.endswith("s") and (word[:-1] in nouns or (
        word.endswith("es") and word[:-2] in nouns))


def given_name_alone(word: str) -> bool:
    """A single word more common as a given name than as a surname ("Hannah", "Catherine"):
    alone it names someone by first name, and says nothing of who across articles."""
    word = word.lower()
    given = max(census("dist.male.first").get(word, 0.0), census("dist.female.first").get(word, 0.0))
    return given > census("dist.all.last").get(word, 0.0)


@lru_cache(maxsize=None)
def nicknames() -> dict[str, frozenset[str]]:
    """Short form -> the full given names it stands for, and each full name -> its short
    forms (quotes/data/nicknames.txt)."""
    pairs: dict[str, set[str]] = {}
    for line in lines("nicknames.txt"):
        full, *shorts = line.split()
        for short in shorts:
            pairs.setdefault(short, set()).add(full)
            pairs.setdefault(full, set()).add(short)
    return {word: frozenset(forms) for word, forms in pairs.items()}


@lru_cache(maxsize=None)
def _titles() -> dict[tuple[str, ...], frozenset[str]]:
    """Titles (quotes/data/titles.txt) that may stand before a name, as tuples of words ->
    their flags."""
    return {tuple(title.split()): flags for title, flags in titles().items()}


def _strip_titles(words: list[str], keep: str = "styled") -> tuple[list[str], list[str]]:
    """A name without the titles and describing nouns before it ("Prime Minister Ortiz",
    "Organizer Lena Ortiz" -> "Ortiz", "Lena Ortiz"), and the title it keeps: a styled one
    ("Pope Lucian", "Prince Aurel": part of how the person is named) with keep="styled",
    any with keep="all", none with keep="none". Returns (name words, kept title words)."""
    stripped = True
    while stripped:
        stripped = False
        for size in (3, 2, 1):
            head = tuple(words[:size])
            if len(words) > size and head in _titles() and (
                    keep == "all" or keep == "styled" and "styled" in _titles()[head]):
                return words[size:], list(head)
            if len(words) > size and (head in _titles() or size == 1 and len(words) > 2 and words[0] in _common_nouns()):
                words, stripped = words[size:], True
                break
    return words, []


@lru_cache(maxsize=None)
def _suffixes() -> frozenset[str]:
    return frozenset(w for w, kind in tagged_words("name_suffixes.txt").items() if kind == "suffix")


@lru_cache(maxsize=None)
def _letters() -> frozenset[str]:
    return frozenset(w for w, kind in tagged_words("name_suffixes.txt").items() if kind == "letters")


def postnominal(word: str) -> bool:
    """Letters written after a name for an office or an honour ("MP" of "Ana Ruiz MP", "QC"):
    no part of the name (name_suffixes.txt, "letters")."""
    return word.isupper() and _word(word).replace(".", "").lower() in _letters()

# Characters no one sees: a name never holds them ("Ortiz\u200b" is "Ortiz").
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def visible(text: str) -> str:
    """`text` without zero-width, soft-hyphen and bidirectional control characters."""
    return text.translate(_INVISIBLE)


def edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


def near_spelling(a: str, b: str) -> bool:
    """One edit apart, long enough that one edit is a misspelling, same first letter."""
    a, b = a.lower(), b.lower()
    return len(a) >= 5 and len(b) >= 5 and a[0] == b[0] and edit_distance_at_most_one(a, b)


def _word(word: str) -> str:
    return word.strip(".,;:'\"()\u2019\u201c\u201d")


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "\u2019s", "\u2018s", "s'", "s\u2019"))


def not_a_name(name: str) -> str | None:
    """What a name is when it names no one who speaks: "platform" ("Twitter"), "party" or
    "people" (a word for one member: "Republican", "Briton"), "weekday or month"
    ("Monday"), "suffix" ("Jr." alone); None otherwise (quotes/data: platforms.txt, member_words.txt,
    calendar_words.txt)."""
    key = " ".join(fold(_word(w)).lower().replace(".", "") for w in name.split())
    if key in _suffixes():
        return "suffix"
    if key in words("platforms.txt"):
        return "platform"
    if key in words("calendar_words.txt"):
        return "weekday or month"
    return tagged_words("member_words.txt").get(key)


def is_proper_name(name: str | None) -> bool:
    """A name as a speaker row may hold: it starts with a capitalised word (or a surname
    particle before one: "de Vries", "al-Noor") and ends with one, is no pronoun, no
    description ("the company", "a spokesman", "The ministry", "Two officials",
    "Officials", "Board members", "Norland's lawyers", "Norland Hydro's") and nothing
    `not_a_name` names ("Twitter", "Republican", "Monday")."""
    if not name or "/" in name:
        return False
    words = [_word(w) for w in name.split()]
    words = [w for w in words if w]
    if not words or not any(c.isalpha() for c in words[0]):
        return False
    if len(words) > 1 and (not words[-1][:1].isupper() and not words[-1][:1].isdigit()
                           or _possessive(words[-1])):
        return False  # "Surrey staff", "Norland's lawyers", "Norland Hydro's"
    low = [w.lower() for w in words]
    if low[0] in _pronouns() or low[0] in DETERMINERS and len(words) == 1:
        return False
    if low[0] in DETERMINERS:  # "The Washington Post" is a name, "The company" is not
        rest = words[1:]
        return bool(rest) and all(w[:1].isupper() or w.lower() in ("of", "and", "for", "&") for w in rest)
    if not words[0][:1].isupper():
        head, _, tail = words[0].partition("-")
        return (head in PARTICLES and tail[:1].isupper()) or (
            low[0] in PARTICLES and len(words) > 1 and words[1][:1].isupper())
    if len(words) == 1 and _describes(words[0]):
        return False
    return not_a_name(" ".join(words)) is None


@dataclass(frozen=True)
class PersonName:
    """A person's name cut into given names, surname and suffix ("Jr."), and a title that
    is part of how they are named ("Pope" of "Pope Lucian"). Lower case, without accents
    or dots."""

    given: tuple[str, ...]  # ("donald", "j")
    surname: str  # "ortiz", "de vries"
    suffix: str = ""  # "jr"
    title: str = ""  # "pope", "prince"

    @property
    def bare(self) -> bool:
        """Only a surname ("Ortiz"), no given name and no title."""
        return not self.given and not self.title

    @property
    def words(self) -> tuple[str, ...]:
        """The name's words, title and suffix aside: ("lena", "j", "ortiz")."""
        return self.given + tuple(self.surname.split())

    def fuller_than(self, other: PersonName) -> bool:
        """A fuller form of the same name: more given names written in full ("Eddie Vance"
        over "E. J. Vance"), else as many and more words ("Lena J. Ortiz" over "Lena
        Ortiz")."""
        full, others = (sum(len(w) > 1 for w in n.given) for n in (self, other))
        return full > others or full == others and len(self.words) > len(other.words)

    def __str__(self) -> str:
        """As a reason may show it: "Lena J Ortiz", "Pope Lucian"."""
        parts = self.title.split() + list(self.given) + self.surname.split() + ([self.suffix] if self.suffix else [])
        return " ".join(w if w in PARTICLES else w[:1].upper() + w[1:] for w in parts)


def fold(text: str) -> str:
    """Without accents: "Calderón" -> "Calderon"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def parse_name(words: tuple[str, ...], keep: str = "styled") -> PersonName | None:
    """The parts of a name given as words (no check that it is a proper name): accents
    folded, lower case, dots dropped; a suffix ("Jr.") and the titles before it set apart
    (kept in `title` as `_strip_titles` says), lower-case particles joined to the surname
    ("de Vries")."""
    parts = [_word(w).replace(".", " ").strip() for w in fold(" ".join(words)).split()]
    parts = [w.lower() for part in parts for w in part.split() if w]
    while len(parts) > 1 and parts[-1] in _letters():
        parts.pop()  # ("Ana Ruiz MP")
    suffix = ""
    if len(parts) > 1 and parts[-1] in _suffixes():
        suffix = parts.pop()
    if not parts:
        return None
    parts, title = _strip_titles(parts, keep)  # "President Ortiz", "Dr Ortiz"
    cut = len(parts) - 1
    while cut > 0 and parts[cut - 1] in PARTICLES:
        cut -= 1
    return PersonName(tuple(parts[:cut]), " ".join(parts[cut:]), suffix, " ".join(title))


# Words that join or relate names: a name holding one is of several people or of a thing
# ("the Harbour Times and NTV", "Friends of the Harbour"), not a person's name.
_LINKING = frozenset({"and", "&", "of", "for", "at", "on", "in", "with", "or", "to", "by"})
PERSON_NAME_WORDS = 6  # a person's name has at most this many words, titles aside


def person_name(name: str) -> PersonName | None:
    """The parts of a person's name as a speaker row holds it (see `parse_name`: titles
    dropped but a styled one); None when it is not a proper name, or not shaped like a
    person's name: a determiner first ("The Harbour Times"), a word that joins names
    ("and", "of"), a given name in capitals of three letters or more ("NTV Radio"), a
    digit, or more than PERSON_NAME_WORDS words. Such a row joins nothing by its parts."""
    if not is_proper_name(name):
        return None
    written = [w for w in (_word(w) for w in name.split()) if w]
    low = [w.lower() for w in written]
    kept, _ = _strip_titles([w.replace(".", "") for w in low], keep="none")  # ("CEO Lena Ortiz")
    given = written[len(written) - len(kept):-1]
    if (low[0] in DETERMINERS or any(w in _LINKING for w in low) or any(c.isdigit() for c in name)
            or any(len(w) >= 3 and w.isupper() for w in given)):
        return None
    parsed = parse_name(tuple(name.split()))
    if parsed is None or len(parsed.words) > PERSON_NAME_WORDS:
        return None
    return parsed


def title_of(name: str) -> str | None:
    """The titles a name is written with ("President Ortiz" -> "President", "Mrs. Renner"
    -> "Mrs.", "Pope Lucian" -> "Pope"), or None."""
    words = name.split()
    kept, _ = _strip_titles([_word(w).replace(".", "").lower() for w in words], keep="none")
    return " ".join(words[:len(words) - len(kept)]) or None


def given_name_compatible(a: str, b: str) -> bool:
    """Two given names of one person: equal, one the initial of the other, or a short form
    of the other (Bill ~ William; quotes/data/nicknames.txt)."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in nicknames().get(a, ())


def same_person_name(a: PersonName, b: PersonName) -> bool:
    """Nothing in the two names contradicts one person: one surname, one suffix and one
    title (or none on both sides), first given names compatible, and every middle name or
    initial that both give compatible ("Lena J. Ortiz" ~ "Lena Ortiz" ~ "Lena Jane Ortiz";
    "Paul W." and "Paul H. W." differ). A bare surname never matches here (see the
    surname rules of `name_matcher`)."""
    if a.surname != b.surname or a.bare or b.bare or a.suffix != b.suffix or a.title != b.title:
        return False  # ("Paul Renner Jr." is not "Paul Renner")
    if not a.given or not b.given:
        return a.given == b.given  # ("Pope Lucian")
    if not given_name_compatible(a.given[0], b.given[0]):
        return False
    return all(given_name_compatible(x, y) for x, y in zip(a.given[1:], b.given[1:]))


def name_near_spelling(a: PersonName, b: PersonName) -> bool:
    """The same given names (and title and suffix) and a surname one edit away ("Lena
    Ortis" / "Lena Ortiz")."""
    return (a.given == b.given and a.title == b.title and a.suffix == b.suffix and not a.bare
            and a.surname != b.surname and near_spelling(a.surname, b.surname))


def _phrase(text: str | None) -> list[str]:
    return [w.lower() for w in (_word(w) for w in (text or "").replace(".", " ").split()) if w]


@lru_cache(maxsize=None)
def _honorific_genders() -> dict[str, str | None]:
    """Honorific (titles.txt "honorific") -> the gender it tells (gendered.txt), or None
    ("dr")."""
    genders = dict(line.split() for line in lines("gendered.txt"))
    return {title: genders.get(title) for title, flags in titles().items() if "honorific" in flags}


def roles_agree(a: str | None, b: str | None) -> bool:
    """Two roles of one person: their honorifics tell no two genders ("Mr." and "Mrs."
    disagree; "Mr." and "Dr." agree), and the rest agree as phrases (`phrases_agree`): an
    honorific alone agrees with any role ("Mr." and "President")."""
    honorifics = _honorific_genders()
    x, y = _phrase(a), _phrase(b)
    genders = [{honorifics[w] for w in words if honorifics.get(w)} for words in (x, y)]
    if genders[0] and genders[1] and genders[0] != genders[1]:
        return False
    rest = [" ".join(w for w in words if w not in honorifics) for words in (x, y)]
    return phrases_agree(*rest)


def phrases_agree(a: str | None, b: str | None) -> bool:
    """Two roles (or affiliations) agree when either is absent, or one is a run of words
    of the other: "Ambassador" agrees with "US Ambassador" and "Ambassador to Japan";
    "Defense Minister" and "Foreign Minister" do not."""
    x, y = _phrase(a), _phrase(b)
    if not x or not y:
        return True
    if len(x) > len(y):
        x, y = y, x
    return any(y[i:i + len(x)] == x for i in range(len(y) - len(x) + 1))


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(line.split()[0] for line in lines("speech_verbs.txt"))


def looks_like_headline(name: str) -> bool:
    """A headline taken for a name ("Norvell Slams Okafor"): a word inside it is an inflected
    speech verb (slams, warns, urged). A verb at the end may be a surname ("William Tell")."""
    words = [w.lower() for w in name.split()]
    verbs = _speech_verbs()
    for word in words[1:-1]:
        for ending in ("es", "s", "ed", "d"):
            if word.endswith(ending) and word[:-len(ending)] in verbs:
                return True
    return False
