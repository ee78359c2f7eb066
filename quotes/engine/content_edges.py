"""Where reported content begins and ends when the parser cut it in the wrong place: a
subject the parser made a clause of its own, a gloss in parentheses that closes after the
content's last word.

Small questions over the parse that `reported.py` asks while it grows a speech verb's
content; each reads only the tokens around the content.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj")


def subject_split_off(verb: Token, clause: Token) -> Token | None:
    """'Ortiz said the players coming back had the chance to impress' read as two clauses
    of "said", "[the players coming back]" and "[had the chance …]": the first word of the
    one right before `clause` when `clause` has no subject of its own and that one is a
    participle with a subject (the real clause's subject); else None."""
    if clause.i < verb.i or any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None
    for sibling in verb.children:
        if sibling.dep_ in ("ccomp", "csubj") and verb.i < sibling.i < clause.i \
                and sibling.tag_ in ("VBG", "VBN") and sibling.right_edge.i + 1 == clause.left_edge.i \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in sibling.children):
            return sibling.left_edge
    return None


def is_split_subject(verb: Token, clause: Token) -> bool:
    """`clause` is the subject half of such a split (`subject_split_off` of the clause right
    after it names it)."""
    following = next((c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.i == clause.right_edge.i + 1), None)
    return following is not None and subject_split_off(verb, following) is not None


def closes_after(tokens: list[Token]) -> bool:
    """A parenthesis the content opens closes right after its last word, before the end of
    the sentence ('… under the Private Finance Initiative (PFI).': the content was cut
    before ")" with the final punctuation)."""
    if not tokens:
        return False
    doc, last = tokens[0].doc, tokens[-1]
    end = last.sent.end
    following = next((t for t in doc[last.i + 1:end] if not t.is_space), None)
    return following is not None and following.text == ")"
