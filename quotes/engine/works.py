"""Names of works in quote marks: a book, a show, a slogan ('his book, “Make It Count,”',
'on “Evening Hour”'). Such words are a title, not someone's statement.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import speech_verb
from .lexicon import work_nouns
from .marks import QuotedSpan
from .state import Context
from .tokens import mark_token


def is_a_title(ctx: Context, quoted: QuotedSpan, after_verb: bool = False) -> bool:
    """A name in quote marks where a name of a work goes: 'on “Evening Hour,”', 'the
    paper’s “Word of the Day”'. Next to a verb (`after_verb`), only after a preposition or a
    possessive: a noun there is what a naming verb names ('calls the county “Everytown”')."""
    if not looks_like_a_title(ctx.text[quoted.start:quoted.end].strip()):
        return False
    t = mark_token(ctx.doc, quoted.open_at)
    prev = ctx.doc[t - 1] if t is not None and t > 0 else None
    if after_verb and prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.tag_ != "POS":
        return False
    return names_a_work(prev)


POSSESSIVE = ("'s", "\u2019s")  # (the tagger may take the curly one for a closing mark)


def names_a_work(prev: Token | None) -> bool:
    """What stands right before a title in quote marks: a preposition, a determiner or a
    possessive (on the network’s “…”), a noun (the show “…”), or a verb that takes an
    addressee (told “…”)."""
    if prev is None:
        return False
    if prev.pos_ in ("ADP", "DET", "NOUN", "PROPN") or prev.tag_ == "POS" or prev.lower_ in POSSESSIVE:
        return True
    if prev.text == "," and prev.i > 0 and prev.doc[prev.i - 1].lemma_.lower() in work_nouns():
        return True  # "in his book, “…,” he"
    entry = speech_verb(prev)
    return entry is not None and "addressee" in entry.flags


def looks_like_a_title(content: str) -> bool:
    """Title Case words, no sentence of their own: the name of a book, show or slogan."""
    words = [w for w in content.rstrip(",.").split() if any(c.isalpha() for c in w)]
    if not 2 <= len(words) <= 8 or content.rstrip()[-1:] in "!?":
        return False
    long_words = [w for w in words if len(w.strip("\"'\u2019,")) > 3]
    return bool(long_words) and all(w[:1].isupper() for w in long_words) and words[0][:1].isupper()
