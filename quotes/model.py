"""Plain-data records shared by every stage: documents in, quote records out.

Nothing here knows about spaCy or SQLite; each stage speaks only in these types.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import Enum

# Raise when the extractor's output changes: `ingest --reprocess-outdated` redoes older
# documents. CHANGELOG.md says what each version changed for users.
ENGINE_VERSION = "12"


class Method(str, Enum):
    """How a statement's speaker was found: the `method` column of every record. Each sieve
    of `quotes/engine/sieves.py` records one of these."""

    SYNTAX = "syntax"  # the subject of the cue verb
    INVERSION = "inversion"  # a speaker written after the verb ("…," said the minister)
    CUE_PHRASE = "cue_phrase"  # "according to X", "X: …", "… - X", a headline colon
    COREFERENCE = "coreference"  # the mention was a pronoun or a description, resolved to a name
    NARRATION = "narration"  # no cue: the subject of the narration right before the quote
    CONTINUATION = "continuation"  # no cue: the speaker of the statement right before
    TURN_TAKING = "turn_taking"  # no cue, in a two-person exchange: its side's speaker

    def __str__(self) -> str:
        return self.value

    @property
    def carried(self) -> bool:
        """The statement had no cue of its own: its speaker was carried over from another."""
        return self in (Method.CONTINUATION, Method.TURN_TAKING)


def content_hash(text: str) -> str:
    """Stable id of a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """One article as read, with its text exactly as it was decoded."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    path: str | None = None
    author: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Speaker:
    """Who a quote belongs to, as resolved within one document."""

    name: str  # canonical name within the document ("Lena Ortiz")
    kind: str = "person"  # person, organisation, group
    role: str | None = None  # "Defense Minister"
    affiliation: str | None = None  # "Norland"
    aliases: tuple[str, ...] = ()  # every way the document writes the name
    # a person's gender from how this article refers to them (quotes/gender.py): female,
    # male or unknown (None for an organisation, a group or an anonymous source), and the
    # evidence as (kind, word, count): ("pronoun", "she", 4), ("honorific", "ms", 1),
    # ("noun", "spokeswoman", 1), ("given name", "lena", 1)
    gender: str | None = None
    gender_evidence: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class Quote:
    """One statement: its content span in the original text and who said it."""

    document_id: str
    start: int
    end: int
    text: str
    type: str  # direct, indirect, mixed
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str | None = None
    addressee: str | None = None
    method: str | None = None
    confidence: float = 0.0
    spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    statement: int | None = None  # index of the statement this span belongs to (split quotes)
    sieve: str | None = None  # the sieve that found the speaker's words (engine/sieves.py)
    resolver: str | None = None  # the resolver that said who they are (engine/entities/resolvers.py)
    evidence: str | None = None  # what the resolver read, in a few words ("title 'minister': Ilse Marwick")

    # The keys `quotes extract --format jsonl` prints, in order.
    PUBLIC_KEYS = (
        "document_id", "start", "end", "text", "type", "cue", "speaker",
        "speaker_mention", "speaker_start", "speaker_end", "addressee", "method",
        "sieve", "resolver", "evidence", "confidence", "statement",
    )

    def public(self) -> dict:
        """The record as the CLI prints it."""
        return {key: getattr(self, key) for key in self.PUBLIC_KEYS}

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Result:
    """Everything found in one document."""

    document: Document
    quotes: list[Quote]
    speakers: list[Speaker]
    notes: list[str] = field(default_factory=list)  # what is odd in the text ("quote marks never close")
    explanation: str | None = None  # the entity graph as text, when asked (`quotes extract --explain`)
