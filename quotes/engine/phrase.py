"""The cue-phrase sieve: "according to X" names the source of the words it stands by."""

from __future__ import annotations

from ..model import Method
from .cues import phrase_at
from .mentions import mention_span, resolve
from .state import Attribution, Context



def attribute_phrase(ctx: Context, start: int, end: int, previous: Attribution | None) -> Attribution | None:
    """'according to X' and friends, searched in tokens [start, end)."""
    doc = ctx.doc
    for i in range(start, end):
        found = phrase_at(doc, i)
        if found is None:
            continue
        label, n = found
        j = i + n
        # The source is the first noun after the phrase ("according to police", "in a statement, X said").
        while j < end and doc[j].pos_ not in ("PROPN", "NOUN", "PRON"):
            j += 1
        if label != "according to" or j >= min(end, i + n + 8):
            continue
        head = doc[j]
        while head.head.i != head.i and head.dep_ in ("compound", "amod", "flat") and head.head.i < end:
            head = head.head
        span = mention_span(head)
        entity, name, kind, via = resolve(ctx, span, set(), previous)
        if name is None:
            continue
        # "a statement by the ministry": the author is the source
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        span = mention_span(pobj)
                        entity, name, kind, via = resolve(ctx, span, set(), previous)
        return Attribution(cue=doc[i], cue_label=label, mention=span, speaker=entity, speaker_name=name,
                           speaker_kind=kind, method=Method.COREFERENCE if via else Method.CUE_PHRASE)
    return None
