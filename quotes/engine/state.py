"""What the stages share for one document: the context the sieves read, what the detectors
found (`Found`), a statement waiting for its speaker (`Candidate`), what a sieve decides
(`Attribution`) and a statement found (`Statement`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ..model import Method
from ..paragraphs import paragraph_spans
from .entities.graph import Entity, Graph


@dataclass
class Attribution:
    """What the sieves decided for one statement: its cue, the words naming the speaker,
    the speaker, the one spoken to, and which sieve decided how (`sieve`, `method`)."""

    cue: Token | None = None
    cue_label: str | None = None
    mention: Span | None = None
    speaker: Entity | None = None
    speaker_name: str | None = None
    speaker_kind: str | None = None
    addressee: str | None = None
    method: Method | None = None
    confidence: float = 0.0
    weak: bool = False  # the cue is a verb that is often no speech ("suggest", "hope")
    sieve: str | None = None  # the name of the sieve that decided (sieves.py)
    resolver: str | None = None  # the resolver that said who the mention is (entities/resolvers.py)
    evidence: str | None = None  # what it read, in a few words

    def decided(self) -> bool:
        return self.speaker_name is not None

    def carried(self, method: Method, **changes) -> "Attribution":
        """The same speaker (and the mention that named it) for another statement that has no
        cue of its own."""
        fields = {"resolver": self.resolver, "evidence": self.evidence, **changes}
        return Attribution(mention=self.mention, speaker=self.speaker, speaker_name=self.speaker_name,
                           speaker_kind=self.speaker_kind, method=method, **fields)

    @classmethod
    def resolved(cls, link, **fields) -> "Attribution":
        """The attribution a resolver's link gives (entities/graph.py `Link`): its speaker,
        the resolver and its evidence; `fields` add the cue, the mention, the method."""
        return cls(speaker=link.entity, speaker_name=link.name, speaker_kind=link.kind, resolver=link.rule,
                   evidence=link.evidence, **fields)


@dataclass
class Context:
    """Everything the sieves may look at for one document."""

    doc: Doc
    text: str
    graph: Graph  # who the people, organisations and documents of the article are (entities/)
    in_quote: set[int]  # token indices inside any quoted span (its marks included)
    without: frozenset[str] = frozenset()  # sieves and resolvers switched off (`quotes evaluate --without`)
    paragraphs: tuple[tuple[int, int], ...] | None = None  # (start, end) of each paragraph, computed once
    skip: list[tuple[int, int]] = field(default_factory=list)  # boilerplate and captions: no statements there
    memo: dict = field(default_factory=dict)  # what a rule reads once a document (dialogue.converses)

    def __post_init__(self) -> None:
        if self.paragraphs is None:
            self.paragraphs = paragraph_spans(self.text)
        # token range of every paragraph, and the paragraph of every token
        starts = numpy.array([start for start, _ in self.paragraphs] or [0], dtype=numpy.int64)
        offsets = self.doc.to_array(IDX).astype(numpy.int64) if len(self.doc) else numpy.zeros(0, dtype=numpy.int64)
        paragraph_of = numpy.maximum(numpy.searchsorted(starts, offsets, side="right") - 1, 0)
        self._paragraph_of: list[int] = paragraph_of.tolist()
        self._bounds: list[list[int]] = [[-1, -1] for _ in range(len(starts))]
        firsts = numpy.searchsorted(paragraph_of, numpy.arange(len(starts)), side="left")
        lasts = numpy.searchsorted(paragraph_of, numpy.arange(len(starts)), side="right")
        for p, (first, last) in enumerate(zip(firsts.tolist(), lasts.tolist())):
            if last > first:
                self._bounds[p] = [first, last]

    def paragraph_index(self, i: int) -> int:
        """Which paragraph (0, 1, …) holds token i."""
        return self._paragraph_of[i]

    def paragraph_bounds(self, i: int) -> tuple[int, int]:
        """Token range of the paragraph holding token i."""
        start, end = self._bounds[self._paragraph_of[i]]
        return start, end


@dataclass
class Found:
    """What detection found in one document so far: the quoted spans (`marks.QuotedSpan`),
    split into those that stand as quotations and the fragments inside the writer's
    sentences, and the candidates of each detector run, by its name."""

    quotations: list = field(default_factory=list)
    fragments: list = field(default_factory=list)
    candidates: dict[str, list["Candidate"]] = field(default_factory=dict)

    def __getitem__(self, detector: str) -> list["Candidate"]:
        """The candidates of one detector (none if it was switched off)."""
        return self.candidates.get(detector, [])


@dataclass
class Candidate:
    """A statement a detector found, waiting for its speaker: where it is, what the sieves
    need to know of its place (its detector's sieves then try it: `sieves.DETECTORS`)."""

    kind: str  # direct, indirect, mixed
    content: tuple[int, int]  # token range of the words said (a direct quote's with its marks)
    words: tuple[int, int] = (0, 0)  # token range of the quoted words alone (no marks)
    previous: Attribution | None = None  # the statement before it (a pronoun may point to its speaker)
    verb: Token | None = None  # the speech verb chosen as its cue
    stop: int | None = None  # a speaker written after the verb ends before this token
    inverted: bool = False  # the verb opens an inverted attribution ("…," notes X)
    phrase_ranges: tuple[tuple[int, int], ...] = ()  # token ranges where a cue phrase may stand
    paragraph: tuple[int, int] = (0, 0)  # token range of its paragraph
    closed: bool = True  # a direct quote whose closing mark was found
    before: list["Statement"] = field(default_factory=list)  # the statements of its kind so far
    partial: Attribution | None = None  # what a sieve learned without deciding (addressee, mention)
    start: int = 0  # character range of the statement, and of its parts
    end: int = 0
    spans: tuple[tuple[int, int], ...] = ()
    tokens: tuple[int, int] = (0, 0)  # token range of the statement
    quoted: object = None  # the quoted span (marks.QuotedSpan) it is, for a direct quote or a fragment
    holds: tuple = ()  # the quoted fragments inside reported content (a mixed statement)
    credit: tuple[int, int] = (0, 0)  # token range of the words that name its source (a headline's, a pull quote's)

    def statement(self, attribution: "Attribution", statement: int | None = None) -> "Statement":
        """The statement this candidate is, once attributed."""
        return Statement(self.start, self.end, self.kind, attribution, self.spans, self.closed, statement,
                         self.tokens[0], self.tokens[1])


@dataclass
class Statement:
    """One statement found: its content's character and token range, its parts, its attribution."""

    start: int
    end: int
    type: str
    attribution: Attribution
    spans: tuple[tuple[int, int], ...]
    closed: bool = True
    statement: int | None = None
    token_start: int = 0
    token_end: int = 0
