"""One parsed document in, its records out: the engine's stages in order.

quoted spans (marks) -> candidates (detection: the detectors of `sieves.DETECTORS`, direct
quotes, reported speech, "according to", quoted fragments, headlines, pull quotes) ->
statements (each candidate tried by its detector's sieves, `decide.py`) -> document passes
(turn-taking, continuation) -> quote records and speakers.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..gender import as_tuples, decide, evidence_of

from ..model import Document, Quote, Result, Speaker
from ..paragraphs import paragraph_spans
from .boilerplate import boilerplate_regions, caption_regions
from .decide import decide_statements
from .direct import split_quoted
from .gender import evidence_by_entity
from .marks import QuotedSpan, find_quoted_spans, quote_mark_notes
from .sieves import DETECTORS, run_passes
from .entities.build import build_graph
from .entities.graph import Graph
from .state import Context, Found, Statement
from .tokens import token_range


def analyse(document: Document, doc: Doc, without: frozenset[str] = frozenset(), explain: bool = False) -> Result:
    """Statements of one parsed document (the text of `doc` is `document.text`), with the
    sieves and resolvers named in `without` switched off; with `explain`, the entity graph
    as text in `explanation`."""
    ctx, quoted = prepare(document, doc, without)
    statements = decide_statements(ctx, detect(ctx, quoted), DETECTORS)
    run_passes(ctx, statements)
    quotes = _records(document, statements)
    return Result(document, quotes, _speakers_of(quotes, ctx.graph, ctx.in_quote),
                  quote_mark_notes(document.text, quoted), explanation=ctx.graph.dump() if explain else None)


def prepare(document: Document, doc: Doc, without: frozenset[str] = frozenset()) -> tuple[Context, list[QuotedSpan]]:
    """What every stage of one document reads: the context (regions to skip, paragraphs,
    the tokens in quote marks, the entity graph) and the quoted spans."""
    text = document.text
    paragraphs = paragraph_spans(text)
    boilerplate = boilerplate_regions(text, document.title, paragraphs)
    captions = caption_regions(text, paragraphs)
    skip = sorted(boilerplate + captions)
    quoted = find_quoted_spans(text, skip, paragraphs)
    in_quote = _quoted_tokens(doc, quoted)
    # (a caption's names are the article's people, but no pronoun points back to them)
    graph = build_graph(doc, boilerplate, sorted([(q.start, q.end) for q in quoted] + captions), in_quote)
    ctx = Context(doc=doc, text=text, graph=graph, in_quote=in_quote, without=without,
                  paragraphs=paragraphs, skip=skip)
    return ctx, quoted


def detect(ctx: Context, quoted: list[QuotedSpan]) -> Found:
    """Every candidate statement of a document, by detector (those switched on, in order:
    one may read an earlier one's candidates); none has a speaker yet."""
    found = split_quoted(ctx, quoted)
    for detector in DETECTORS:
        if detector.name not in ctx.without:
            found.candidates[detector.name] = detector.find(ctx, found)
    return found


def _quoted_tokens(doc: Doc, quoted: list[QuotedSpan]) -> set[int]:
    """The tokens inside quote marks, the marks included."""
    tokens: set[int] = set()
    for q in quoted:
        start = q.open_at if q.open_at is not None else q.start
        end = q.close_at + 1 if q.close_at is not None else q.end
        t_start, t_end = token_range(doc, start, end)
        tokens.update(range(t_start, t_end))
    return tokens


def _records(document: Document, statements: list[Statement]) -> list[Quote]:
    """One record a statement, or a part of one that its attribution interrupts."""
    text = document.text
    quotes = []
    seen = set()
    next_statement = 1 + max((s.statement for s in statements if s.statement is not None), default=-1)
    for s in statements:
        parts = [(s.start, s.end, s.statement, tuple(s.spans))]
        if s.type != "direct" and len(s.spans) > 1:
            # reported content the attribution interrupts ("It's normal, he says, for …"):
            # one record a part, as for a direct quote, linked by their statement
            parts = [(start, end, next_statement, ((start, end),)) for start, end in s.spans]
            next_statement += 1
        for start, end, statement, spans in parts:
            if (start, end) in seen:
                continue  # a record's offsets are its identity
            seen.add((start, end))
            quotes.append(_record(document, text, s, start, end, statement, spans))
    return quotes


def _record(document: Document, text: str, s: Statement, start: int, end: int, statement: int | None,
            spans: tuple[tuple[int, int], ...]) -> Quote:
    """The quote record of (a part of) one statement."""
    a = s.attribution
    mention = a.mention
    return Quote(
        document_id=document.id,
        start=start,
        end=end,
        text=text[start:end],
        type=s.type,
        cue=a.cue_label,
        cue_start=a.cue.idx if a.cue is not None else None,
        cue_end=a.cue.idx + len(a.cue) if a.cue is not None else None,
        speaker=a.speaker_name,
        # the words naming the speaker, also where they could not be resolved ("she")
        speaker_mention=text[mention.start_char:mention.end_char] if mention is not None else None,
        speaker_start=mention.start_char if mention is not None else None,
        speaker_end=mention.end_char if mention is not None else None,
        speaker_kind=a.speaker_kind if a.speaker_name else None,
        addressee=a.addressee,
        method=a.method.value if a.speaker_name and a.method is not None else None,
        sieve=a.sieve if a.speaker_name else None,
        resolver=a.resolver if a.speaker_name else None,
        evidence=a.evidence if a.speaker_name else None,
        confidence=a.confidence if a.speaker_name else 0.0,
        spans=spans,
        statement=statement,
    )


def _speakers_of(quotes: list[Quote], graph: Graph, in_quote: set[int] = frozenset()) -> list[Speaker]:
    """One Speaker per name that speaks or is spoken to, with what the document says of it
    (a person's gender and its evidence included)."""
    by_name: dict[str, Speaker] = {}
    entities = {entity.name: entity for entity in graph.people}
    # (the evidence of the people who speak or are spoken to, not of everyone named)
    wanted = {id(e): e for e in (entities.get(name) for q in quotes for name in (q.speaker, q.addressee)) if e is not None}
    evidence = evidence_by_entity(graph, quotes, in_quote, wanted.values())
    for q in quotes:
        for name, kind in ((q.speaker, q.speaker_kind or "person"), (q.addressee, "person")):
            if not name or name in by_name:
                continue
            entity = entities.get(name)
            speaker = entity.speaker() if entity is not None else Speaker(name, kind, aliases=(name,))
            if speaker.kind == "person":
                found = evidence.get(id(entity)) if entity is not None else evidence_of((), None, name)
                speaker = replace(speaker, gender=decide(found)[0], gender_evidence=as_tuples(found))
            by_name[name] = speaker
    return list(by_name.values())
