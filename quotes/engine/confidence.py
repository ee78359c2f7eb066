"""How sure the engine is of a speaker: one number per method, composed in one place.

A record's confidence is its method's base figure, lowered when the cue is a verb that is
often no speech ("suggest"), when a direct quote's closing mark was never found, and for a
headline's colon ("Minister: talks will resume").
"""

from __future__ import annotations

from ..model import Method

CONFIDENCE = {
    Method.SYNTAX: 0.95,
    Method.INVERSION: 0.9,
    Method.CUE_PHRASE: 0.85,
    Method.COREFERENCE: 0.8,
    Method.CONTINUATION: 0.75,
    Method.NARRATION: 0.7,
    Method.TURN_TAKING: 0.65,
}
WEAK_CUE = 0.6
UNCLOSED = 0.8
HEADLINE = 0.9


def confidence(method: Method, *, weak: bool = False, closed: bool = True, headline: bool = False) -> float:
    """The confidence of a statement whose speaker `method` found."""
    value = CONFIDENCE[method]
    for applies, factor in ((weak, WEAK_CUE), (not closed, UNCLOSED), (headline, HEADLINE)):
        if applies:
            value *= factor
    return round(value, 3)
