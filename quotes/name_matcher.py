"""One name model for the engine and the speaker rows: whether a name as written names a
person already known, by which rule, and why.

The rules, strongest first (each says in a few words why it matched):

  same name      "Lena J. Ortiz" ~ "Lena J Ortiz", "José Pérez" ~ "Jose Perez"
  surname        a surname alone: "Ortiz" ~ "Lena Ortiz", "Vries" ~ "Ana de Vries"
  near-spelling  one edit in the surname, all else equal: "Marwik" ~ "Marwick"
  given name     a given name alone: "Jordan" ~ "Jordan Stewart"
  variant        a short form, an initial or a middle name more or less, nothing
                 contradicting: "Bill Renner" ~ "William Renner", "L. Ortiz" ~ "Lena Ortiz"
  completes      a full name of a surname known alone: "Lena Ortiz" ~ "Ortiz"
  last words     the last words of a longer name: "Kay Henry" ~ "Lena Kay Henry"

A `NameMatcher` holds known names (each with the thing it names: an engine entity, a
speaker row) and lists, rule by rule, the known names a new one may be. Which of several
candidates wins is the caller's to decide: the engine by the document (who was named
last), the speaker rows by roles. Pure Python, no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Iterator, TypeVar

from .names import PersonName, name_near_spelling, near_spelling, nicknames, same_person_name

T = TypeVar("T")


def _shown(word: str) -> str:
    return word[:1].upper() + word[1:]


def _last(name: PersonName) -> str:
    """The last word of the surname ("vries" of "de vries")."""
    return name.surname.split()[-1] if name.surname else ""


def same_name(new: PersonName, known: PersonName) -> str | None:
    return "same name" if new == known else None


def surname(new: PersonName, known: PersonName) -> str | None:
    if new.bare and new.surname in (known.surname, _last(known)):
        return "surname alone" if known.bare else f"surname alone: {_shown(new.surname)} of {known}"
    return None


def near_spelled(new: PersonName, known: PersonName) -> str | None:
    if new.bare:
        other = _last(known)
        if not near_spelling(new.surname, other):
            return None
        if new.surname == other:  # (a surname several share: no decision here, see RULES)
            return surname(new, known)
        return f"near-spelling {_shown(new.surname)} ~ {_shown(other)}"
    if name_near_spelling(new, known):
        return f"near-spelling {_shown(new.surname)} ~ {_shown(known.surname)}"
    return None


def given_name(new: PersonName, known: PersonName) -> str | None:
    if new.bare and known.given and known.given[0] == new.surname:
        return f"given name alone: {_shown(new.surname)} of {known}"
    return None


def _difference(a: str, b: str) -> str:
    if a == b:
        return ""
    if len(a) == 1 or len(b) == 1:
        return f"initial {_shown(a)} ~ {_shown(b)}"
    return f"nickname {_shown(a)} ~ {_shown(b)}" if b in nicknames().get(a, ()) else ""


def variant(new: PersonName, known: PersonName) -> str | None:
    if new == known or not same_person_name(new, known):
        return None
    found = [d for d in (_difference(x, y) for x, y in zip(new.given, known.given)) if d]
    if len(new.given) != len(known.given):
        found.append("a middle name more or less")
    return ", ".join(found) or "same name"


def completes(new: PersonName, known: PersonName) -> str | None:
    if known.bare and not new.bare and new.surname == known.surname:
        return f"full name of {known}"
    return None


def last_words(new: PersonName, known: PersonName) -> str | None:
    if not new.bare and len(known.words) > len(new.words) and known.words[-len(new.words):] == new.words:
        return f"last words of {known}"
    return None


@dataclass(frozen=True)
class Rule:
    """One way a new name may be a known one."""

    name: str
    test: Callable[[PersonName, PersonName], str | None]  # (new, known) -> reason, or None
    bare: bool  # for a bare surname (True) or a fuller name (False)
    first: bool = False  # several candidates: the first known wins (the same name, a spelling)
    aliases: bool = False  # also every other name the known ones were written with


RULES = (
    Rule("same name", same_name, bare=True, first=True, aliases=True),
    Rule("surname", surname, bare=True),
    Rule("near-spelling", near_spelled, bare=True),
    Rule("given name", given_name, bare=True, aliases=True),
    Rule("same name", same_name, bare=False, first=True, aliases=True),
    Rule("near-spelling", near_spelled, bare=False, first=True),
    Rule("variant", variant, bare=False),
    Rule("completes", completes, bare=False, first=True),
    Rule("last words", last_words, bare=False),
)
BY_NAME = {(rule.name, rule.bare): rule for rule in RULES}


def rule(name: str, bare: bool) -> Rule:
    return BY_NAME[(name, bare)]


def why(new: PersonName, known: PersonName) -> str | None:
    """The reason the first rule that takes `new` for `known` gives, or None."""
    for found in RULES:
        if found.bare == new.bare:
            reason = found.test(new, known)
            if reason is not None:
                return reason
    return None


@dataclass(frozen=True)
class Match(Generic[T]):
    """A known thing a name may name, the rule and the reason ("nickname Bill ~ William")."""

    entry: T
    rule: str
    reason: str


class NameMatcher(Generic[T]):
    """Known names, each with what it names; several names may name one thing (its
    canonical name and the other ways it was written). What a rule finds for a name is
    kept, and when names are added only they are tried (an article asks the same names
    again and again, and adds a name at a time); a canonical name that changes starts the
    rules over."""

    def __init__(self) -> None:
        self._canonical: dict[int, tuple[PersonName, T]] = {}  # id(entry) -> (name, entry), in order
        self._order: list[int] = []  # the ids of `_canonical`, in order
        self._renamed = 0  # how many times a canonical name changed
        self._aliases: list[tuple[PersonName, T]] = []
        self._seen: set[tuple[PersonName, int]] = set()
        self._written: dict[PersonName, list[T]] = {}  # name -> the entries known by it, in order
        # (new name, id(rule)) -> (rule, renames seen, known names tried, what `matches` found by id)
        self._found: dict[tuple[PersonName, int], tuple[Rule, int, int, dict[int, Match[T]]]] = {}

    def add(self, name: PersonName, entry: T, canonical: bool = True) -> None:
        """Know `entry` by `name`: its canonical name (replacing an earlier one), or one more
        way it is written."""
        if canonical:
            known = self._canonical.get(id(entry))
            if known is None:
                self._order.append(id(entry))
            elif known[0] != name:
                self._renamed += 1
            self._canonical[id(entry)] = (name, entry)
        if (name, id(entry)) not in self._seen:
            self._seen.add((name, id(entry)))
            self._aliases.append((name, entry))
            self._written.setdefault(name, []).append(entry)

    def canonical(self, entry: T) -> PersonName | None:
        found = self._canonical.get(id(entry))
        return found[0] if found else None

    def matches(self, new: PersonName, rule: Rule) -> list[Match[T]]:
        """The known entries that `rule` finds for `new`, each once, in the order known."""
        key = (new, id(rule))
        known_names = len(self._aliases) if rule.aliases else len(self._order)
        cached = self._found.get(key)
        if cached is not None and cached[0] is rule and (rule.aliases or cached[1] == self._renamed):
            _, _, tried, found = cached
            if tried == known_names:
                return list(found.values())
        else:
            tried, found = 0, {}
        if rule.test is same_name and rule.aliases:  # (every name written, looked up)
            found = {id(entry): Match(entry, rule.name, "same name") for entry in self._written.get(new, ())}
        else:  # (the names added since the last time, in order, after those tried before)
            pool = self._aliases[tried:] if rule.aliases else [self._canonical[i] for i in self._order[tried:]]
            for known, entry in pool:
                if id(entry) not in found:
                    reason = rule.test(new, known)
                    if reason is not None:
                        found[id(entry)] = Match(entry, rule.name, reason)
        self._found[key] = (rule, self._renamed, known_names, found)
        return list(found.values())

    def candidates(self, new: PersonName) -> Iterator[tuple[Rule, list[Match[T]]]]:
        """Rule by rule, strongest first, the entries each finds for `new` (never empty)."""
        for rule in RULES:
            if rule.bare == new.bare:
                found = self.matches(new, rule)
                if found:
                    yield rule, found

    def find(self, new: PersonName, accept: Callable[[Rule, T], bool] | None = None) -> Match[T] | None:
        """The one entry `new` names: the first rule that finds exactly one (or, for a
        rule that takes the first, any) among the entries `accept` allows."""
        for rule, found in self.candidates(new):
            if accept is not None:
                found = [m for m in found if accept(rule, m.entry)]
            if found and (rule.first or len(found) == 1):
                return found[0]
        return None
