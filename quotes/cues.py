"""Which tokens signal speech: speech verbs by lemma, and cue phrases ("according to").

Thin questions over the lexicon in `quotes/data/`, asked of spaCy tokens.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import SpeechVerb, cue_phrases, speech_verbs


def speech_verb(token: Token) -> SpeechVerb | None:
    """The lexicon entry when `token` is a speech verb used as a verb."""
    verbal = token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if not verbal and not (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
        return None  # a noun is a cue only where the parser made it the clause's head ("…," tweeted X)
    entry = speech_verbs().get(token.lemma_.lower())
    if entry is None and token.text.lower().endswith("ed"):
        entry = speech_verbs().get(token.text.lower()[:-1]) or speech_verbs().get(token.text.lower()[:-2])
    if entry is not None and entry.particle and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ == entry.particle for c in token.children):
        return None  # "shot the ball" is no speech; "shot back" is
    return entry


def cue_text(verb: Token) -> str:
    """The cue as written: the verb with a particle or "for" that belongs to it."""
    entry = speech_verbs().get(verb.lemma_.lower())
    takes_for = entry is not None and "for" in entry.flags
    words = [verb]
    for child in verb.children:
        if (child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "for" and takes_for)
                or (entry is not None and child.lower_ == entry.particle)):
            words.append(child)
    words.sort(key=lambda t: t.i)
    return " ".join(t.text for t in words)


def phrase_at(doc: Doc, i: int) -> tuple[str, int] | None:
    """(cue label, number of tokens) when a cue phrase starts at token i."""
    for phrase, label in cue_phrases().items():
        n = len(phrase)
        if i + n <= len(doc) and all(doc[i + k].lower_ == phrase[k] for k in range(n)):
            return label, n
    return None
