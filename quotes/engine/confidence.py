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
# What each method reads, and a text where it finds the speaker (the README's method table
# shows both; a test runs every example).
MEANING = {
    Method.SYNTAX: ("the subject of the cue verb", "Lena Ortiz told the council: “We will build it.”"),
    Method.INVERSION: ("a speaker written after the verb", "“We will build it,” said Lena Ortiz."),
    Method.CUE_PHRASE: ("a cue phrase, a colon, a dash, a label or a signature next to the words",
                        "The bridge will open in May, according to Lena Ortiz."),
    Method.COREFERENCE: ("a pronoun, description or document resolved to a name",
                         "Lena Ortiz opened the bridge on Monday. “We will build it,” she said."),
    Method.CONTINUATION: ("no cue: the speaker of the statement right before",
                          "“We will build it,” said Lena Ortiz.\n\n“It will take two years.”"),
    Method.NARRATION: ("no cue: the subject of the narration right before",
                       "Lena Ortiz looked at the bridge. “We will build it.”"),
    Method.TURN_TAKING: ("no cue, in an exchange of two people: its side's speaker",
                         "Lena Ortiz met Tom Renner.\n\n“Will it open?” Renner asked.\n\n“In May,” Ortiz said."
                         "\n\n“Why so late?”"),
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
