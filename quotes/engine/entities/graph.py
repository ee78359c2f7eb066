"""One article's entity graph: its entities (people and organisations), the mentions that
name or point to them, and a link from each mention to its entity with the rule that made
it and the evidence, in a few words.

`build.build_graph` fills it by ordered passes, then freezes it: while statements are
attributed nothing is added, so one quote's answer never depends on which quotes were
resolved before it. `dump()` prints it, one line an entity and one a link.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property

from spacy.tokens import Doc, Span

from ...model import Speaker
from ...name_matcher import NameMatcher
from ...names import PersonName
from ..lexicon import office_qualifiers
from ..tokens import sentence_of, sentences_apart


class Kind(str, Enum):
    """What kind of words a mention is; `kinds.mention_kind` decides it, once."""

    NAME = "name"  # "Lena Ortiz", "Ortiz", "Norvale Grid", "NDA"
    PRONOUN = "pronoun"  # "she", "they", "it"
    NOMINAL = "nominal"  # "the company", "the minister", "a spokeswoman for X"
    GROUP = "group"  # "Ortiz and Renner", "residents", "some of the workers"
    DOCUMENT = "document"  # "the report", "a statement from X"
    ANONYMOUS = "anonymous"  # "a source", "officials", "one veteran of the industry"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Mention:
    """Words of the text that name or point to someone."""

    span: Span
    kind: Kind

    @cached_property  # (read for every bisect and every overlap test: kept once read)
    def start(self) -> int:
        return self.span.start_char

    @cached_property
    def end(self) -> int:
        return self.span.end_char

    @property
    def text(self) -> str:
        return self.span.text


@dataclass(eq=False)
class Entity:
    """One person, organisation or place of the article, with what the text says of it."""

    name: str  # the fullest name the article gives
    kind: str = "person"  # person, organisation, place
    role: str | None = None  # "Trade Minister"
    affiliation: str | None = None  # "Norland"
    names: list[str] = field(default_factory=list)  # every way the article writes the name
    gender: str | None = None  # male, female
    gender_evidence: str | None = None  # "honorific 'Mrs.'", "given name Denise", "pronoun 'she' at 1,204"
    first: int = 1 << 62  # where the text first names them (a character offset)
    forms: set[str] = field(default_factory=set)  # an organisation's names, lower case, without "the"
    nouns: set[str] = field(default_factory=set)  # what the article calls an organisation ("firm", "utility")

    @property
    def words(self) -> list[str]:
        return self.name.split()

    def told(self, gender: str, evidence: str) -> None:
        """Learn the gender the text gives, with its evidence, unless one is known."""
        if self.gender is None:
            self.gender, self.gender_evidence = gender, evidence

    def speaker(self) -> Speaker:
        return Speaker(self.name, self.kind, self.role, self.affiliation, tuple(self.names))


@dataclass(frozen=True)
class Link:
    """Mention -> who it names: an entity of the article, or a name with its kind (an
    organisation the article only names, a group, an unnamed source as written); `name`
    None when the rule found that it names no one the text gives. `rule` is the pass or
    resolver that decided, `evidence` what it read, in a few words."""

    mention: Mention | None
    entity: Entity | None
    name: str | None
    kind: str | None  # person, organisation, place, group, anonymous
    rule: str = ""
    evidence: str = ""
    coreference: bool = False  # a pronoun or a description pointed back to a name given elsewhere
    subject: bool = False  # the mention is its clause's subject
    sentence: int = 0  # where the mention's sentence starts (a character offset)
    quoted: bool = False  # inside quote marks: someone talking about them

    @property
    def decided(self) -> bool:
        return self.name is not None

    @cached_property  # (read for every bisect and every overlap test: kept once read)
    def start(self) -> int:
        return self.mention.span.start_char

    @cached_property
    def end(self) -> int:
        return self.mention.span.end_char

    @property
    def text(self) -> str:
        return self.mention.span.text

    @property
    def pronoun(self) -> bool:
        return self.mention.kind is Kind.PRONOUN


class FrozenGraph(RuntimeError):
    """Something tried to change the graph after it was built."""


class Graph:
    """The people, organisations and documents of one article, and the links of their
    mentions, in reading order. Built by `build.build_graph`; read-only once frozen."""

    def __init__(self, doc: Doc, skip=(), quoted=(), in_quote: set[int] | None = None):
        self.doc = doc
        self.skip = list(skip)  # character ranges whose names are nobody (boilerplate)
        self.quoted = sorted(quoted)  # character ranges inside quote marks (and captions)
        self.in_quote = in_quote if in_quote is not None else set()  # tokens inside quote marks
        self.people: list[Entity] = []
        self.links: list[Link] = []  # mentions of people, names and chained pronouns, by start
        self.names: NameMatcher[Entity] = NameMatcher()  # people's names as the name model holds them
        self.unnamed: list[Entity] = []  # people the narration describes and never names ("the Cardinal")
        self.organisations: list[Entity] = []
        self.organisation_links: list[Link] = []  # mentions of organisations and places, by start
        self.documents: list[tuple[int, str, Link | None]] = []  # (token, lemma, author link)
        self.frozen = False
        self._starts: list[int] | None = None
        self._organisation_starts: list[int] = []
        self.memo: dict[str, object] = {}  # what a pass or a look-up reads once a document

    # -- building --------------------------------------------------------------------
    def _check(self) -> None:
        if self.frozen:
            raise FrozenGraph("the entity graph is frozen once built")

    def freeze(self) -> None:
        # (a person's name may have grown since a link was made: "Ortiz", then "Lena Ortiz")
        self.links = sorted((m if m.name == m.entity.name else replace(m, name=m.entity.name) for m in self.links),
                            key=lambda m: m.start)
        self._starts = None
        self.sort_organisation_links()
        self.frozen = True

    def link(self, span: Span, kind: Kind, entity: Entity, rule: str, evidence: str = "") -> Link:
        """A link of a mention of a person, with where it stands, added at the end: a pass
        that adds links calls `sort_links` before it reads them."""
        self._check()
        found = Link(Mention(span, kind), entity, entity.name, entity.kind, rule, evidence,
                     coreference=kind is not Kind.NAME, subject=is_subject(span),
                     sentence=sentence_of(span.root).start_char, quoted=self.in_quotes(span))
        self.links.append(found)
        return found

    def insert_link(self, found: Link) -> None:
        """A link put in its place among links already sorted."""
        self._check()
        starts = self.starts()
        i = bisect_left(starts, found.start)
        self.links.insert(i, found)
        starts.insert(i, found.start)

    def sort_links(self) -> None:
        self.links.sort(key=lambda m: m.start)
        self._starts = None

    def add_person(self, entity: Entity) -> Entity:
        self._check()
        self.people.append(entity)
        return entity

    def add_unnamed(self, entity: Entity) -> Entity:
        self._check()
        self.unnamed.append(entity)
        return entity

    def add_organisation(self, entity: Entity) -> Entity:
        self._check()
        self.organisations.append(entity)
        return entity

    def add_organisation_link(self, found: Link) -> None:
        self._check()
        self.organisation_links.append(found)

    def sort_organisation_links(self) -> None:
        self.organisation_links.sort(key=lambda m: m.start)
        self._organisation_starts = [m.start for m in self.organisation_links]

    def index_name(self, name: PersonName, entity: Entity, canonical: bool = True) -> None:
        """Know a person by a name: their canonical one (replacing it), or another way the
        article writes it."""
        self._check()
        self.names.add(name, entity, canonical)

    # -- reading ---------------------------------------------------------------------
    @cached_property
    def text(self) -> str:
        """The document's text, joined once (spaCy joins `doc.text` anew on every read)."""
        return self.doc.text

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """The document's named entities, read once (spaCy makes `doc.ents` anew on every
        read)."""
        return self.doc.ents

    @property
    def entities(self) -> list[Entity]:
        return self.people + self.unnamed + self.organisations

    def starts(self) -> list[int]:
        if self._starts is None or len(self._starts) != len(self.links):
            self._starts = [m.start for m in self.links]
        return self._starts

    def skipped(self, span: Span) -> bool:
        return any(s <= span.start_char and span.end_char <= e for s, e in self.skip)

    def in_quotes(self, span: Span) -> bool:
        k = bisect_left(self.quoted, (span.start_char + 1,)) - 1
        return k >= 0 and self.quoted[k][0] <= span.start_char and span.end_char <= self.quoted[k][1]

    def person_at(self, start: int, end: int) -> Entity | None:
        """The person a mention within characters [start, end) names."""
        i = bisect_left(self.starts(), end)  # mentions starting before `end`
        for found in reversed(self.links[max(0, i - 8):i]):
            if found.start < end and start < found.end:
                return found.entity
        return None

    def chained(self, start: int) -> Link | None:
        """The link of the pronoun at `start`, where the pronoun chain made one."""
        i = bisect_left(self.starts(), start)
        if i < len(self.links) and self.links[i].start == start and self.links[i].pronoun:
            return self.links[i]
        return None

    def described(self, start: int, rule: str) -> Link | None:
        """The link a description starting at `start` was given by the pass rule `rule`."""
        i = bisect_left(self.starts(), start)
        while i < len(self.links) and self.links[i].start == start:
            if self.links[i].rule == rule:
                return self.links[i]
            i += 1
        return None

    def titled(self, title: str, before: int | None = None) -> Entity | None:
        """The most recent person before `before` whose role holds the title word; with no
        `before`, the first such person of the article (a headline's "Minister: …")."""
        title = title.lower()
        links = self.links if before is None else reversed(self.links[:bisect_left(self.starts(), before)])
        for found in links:
            role = (found.entity.role or "").lower()
            if (title in role.split() or title in role) and not holds_another_office(role, title):
                return found.entity
        return None

    def recent_person(self, before: int, exclude: set[int] = frozenset(), gender: str | None = None,
                      window: int = 2500, unnamed: bool = False) -> Link | None:
        """The person a pronoun or description before `before` points to: in the nearest
        sentence that names someone (or, with `unnamed`, describes someone: "the Cardinal"),
        its subject, else the first person it names. Mentions inside quote marks, excluded
        entities (the addressee) and a gender that disagrees are passed over."""
        kinds = ("person", "unnamed") if unnamed else ("person",)
        candidates = []
        for found in reversed(self.links[:bisect_left(self.starts(), before)]):
            if before - found.start > window:
                break
            entity = found.entity
            if id(entity) in exclude or entity.kind not in kinds or found.quoted:
                continue
            if gender and entity.gender and entity.gender != gender:
                continue
            if candidates and found.sentence != candidates[0].sentence:
                break
            candidates.append(found)
        if not candidates:
            return None
        candidates.reverse()
        subjects = sorted((m for m in candidates if m.subject), key=lambda m: not _of_the_main_verb(m.mention.span))
        found = subjects[0] if subjects else candidates[0]
        if found.entity.kind == "unnamed" and not (found.subject and self._sentences_between(found.start, before) <= 1):
            # someone unnamed is an antecedent only as the subject of this sentence or the one before
            return self.recent_person(before, exclude | {id(m.entity) for m in candidates if m.entity.kind == "unnamed"},
                                      gender, window, unnamed)
        return found

    def _sentences_between(self, earlier: int, later: int) -> int:
        return sentences_apart(self.doc, earlier, later)

    def organisations_before(self, before: int) -> list[Entity]:
        """The organisations and places named before character `before`, in reading order
        (one entry a mention)."""
        return [m.entity for m in self.organisation_links[:bisect_left(self._organisation_starts, before)]]

    def links_to(self, entity: Entity) -> list[Link]:
        """Every link to `entity`: its names, the pronouns chained to it."""
        links = self.organisation_links if entity.kind != "person" else self.links
        return [m for m in links if m.entity is entity]

    # -- printing --------------------------------------------------------------------
    def dump(self) -> str:
        """The graph as text, the way BookNLP writes its entity file: one line an entity
        (kind, name, role, gender and its evidence, the names written), then one line a
        link (where, the words, the kind of mention, the entity, the rule, the evidence)."""
        lines = []
        number = {id(e): k for k, e in enumerate(self.entities)}
        for k, e in enumerate(self.entities):
            facts = [f"role={e.role}" if e.role else "", f"of={e.affiliation}" if e.affiliation else "",
                     f"gender={e.gender} ({e.gender_evidence})" if e.gender else "",
                     f"called={','.join(sorted(e.nouns))}" if e.nouns else "",
                     f"names={'|'.join(e.names or sorted(e.forms))}"]
            lines.append(f"E{k}\t{e.kind}\t{e.name}\t" + "\t".join(f for f in facts if f))
        for found in sorted(self.links + self.organisation_links, key=lambda m: m.start):
            lines.append(f"{found.start}-{found.end}\t{found.text!r}\t{found.mention.kind}\t"
                         f"E{number.get(id(found.entity), '?')}\t{found.rule}\t{found.evidence}")
        for i, lemma, author in self.documents:
            token = self.doc[i]
            who = author.name if author is not None else "no author"
            lines.append(f"{token.idx}-{token.idx + len(token)}\t{token.text!r}\tdocument\t{who}\t"
                         f"documents\t{author.evidence if author is not None else ''}")
        return "\n".join(lines)


def is_subject(span: Span) -> bool:
    """Whether a mention is its clause's subject, or the name set beside the subject's noun
    ("Argentina's President, Nestor Kirchner, said"; "X's counterpart Felix Magath was"),
    not someone the clause names in passing (the "X" of those)."""
    if not len(span):
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))


def _of_the_main_verb(span: Span) -> bool:
    """Whether a subject is the subject of its sentence's main verb (or of a verb joined to
    it): in "X did not want to fight back, said Y", Y, not X, whose clause is what Y said."""
    verb = span.root.head
    if span.root.dep_ == "appos":
        verb = verb.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def holds_another_office(role: str, title: str) -> bool:
    """Whether a role names the title with a word that makes it another office: a "Tory
    shadow chancellor" is not "the chancellor"."""
    words = role.lower().replace("-", " ").split()
    return any(word.startswith(title) and i > 0 and words[i - 1] in office_qualifiers() for i, word in enumerate(words))
