"""What the stages share for one document: the per-document context the sieves read, what
a sieve decides (`Attribution`) and a statement found (`Statement`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ..paragraphs import paragraph_spans
from .speakers import Entity, SpeakerIndex


@dataclass
class Attribution:
    """What the sieves decided for one statement."""

    cue: Token | None = None
    cue_label: str | None = None
    mention: Span | None = None
    speaker: Entity | None = None
    speaker_name: str | None = None
    speaker_kind: str | None = None
    addressee: str | None = None
    method: str | None = None
    confidence: float = 0.0

    def decided(self) -> bool:
        return self.speaker_name is not None


@dataclass
class Context:
    """Everything the sieves may look at for one document."""

    doc: Doc
    text: str
    index: SpeakerIndex
    quote_tokens: list[tuple[int, int]] = field(default_factory=list)  # token ranges of direct quotes
    in_quote: set[int] = field(default_factory=set)  # token indices inside any quoted span

    def __post_init__(self) -> None:
        # token range of every paragraph, and the paragraph of every token
        starts = numpy.array([start for start, _ in paragraph_spans(self.text)] or [0], dtype=numpy.int64)
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
class Statement:
    start: int
    end: int
    type: str
    attribution: Attribution
    spans: tuple[tuple[int, int], ...]
    closed: bool = True
    statement: int | None = None
    token_start: int = 0
    token_end: int = 0
