"""Mixed statements from quoted fragments: a short quote inside the writer's sentence that a
speech verb governs ('called the plan “a disaster”', 'urged them “to clarify”'), names
('which X called a “disaster”') or holds in its object ('warned of the dangers of “…”').
The statement is the quoted words (not what a naming verb's words describe: 'described the
results as “modest”' says “modest”), with the object phrase that holds them.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import asserted, speech_verb
from .lexicon import prepositions
from .state import Candidate, Context, Found
from .syntax import described_on
from .tokens import token_range, trim_end
from .works import is_a_title


GOVERNING_STEPS = 1


def _governing_speech_verb(span) -> Token | None:
    """A speech verb that governs a quoted fragment: its head, or its head's head ('urged
    the government “to clarify …”', 'called the allegation “false”')."""
    head = span.root
    for _ in range(GOVERNING_STEPS):
        if head.head.i == head.i:
            return None
        child, head = head, head.head
        if span.start <= head.i < span.end:
            continue
        if head.lower_ == "as" and head.dep_ == "prep" and head.head.i != head.i:
            child, head = head, head.head  # 'described the plan as “…”'
        entry = speech_verb(head)
        if entry is not None and "addressee" in entry.flags and child.dep_ in ("dobj", "dative", "iobj"):
            return None  # 'told “Evening Hour”': whom it was said to, not what
        if child.dep_ in ("nsubj", "nsubjpass", "csubj") or (child.i < head.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in head.children if c.i != child.i)):
            return None  # 'as the “autopsy” recommended': where the subject stands, who spoke, not what
        if entry is not None and not entry.weak:
            return head
        if head.pos_ in ("VERB", "AUX"):
            return None  # another verb governs it
    return None


OBJECT_STEPS = 4  # words from a quoted fragment up to the speech verb whose object holds it
NOUN_PHRASE_DEPS = frozenset({"pobj", "pcomp", "prep", "conj", "appos", "compound", "amod", "nmod", "dobj"})


def _object_phrase(span) -> tuple[Token, list[Token]] | None:
    """A speech verb whose object phrase holds a quoted fragment ('warned of the dangers of
    “…”', 'called for an end to “…”', 'accused the board of being “…”'), and the
    words of that phrase: what follows a preposition, and after the one accused or told,
    what follows theirs."""
    path = [span.root]
    while len(path) <= OBJECT_STEPS and path[-1].dep_ in NOUN_PHRASE_DEPS and path[-1].head.i != path[-1].i:
        head = path[-1].head
        if head.pos_ in ("VERB", "AUX"):
            entry = speech_verb(head)
            if entry is None or entry.weak or entry.direct_only or not asserted(head):
                return None
            top = path[-1]
            if top.dep_ == "dobj" and "addressee" in entry.flags:
                preps = [t for t in path[:-1] if t.dep_ == "prep" and t.head.i == top.i]
                if not preps:
                    return None  # 'told the crowd “…”': whom it was said to
                top = preps[0]
            if top.dep_ == "prep":
                objects = [c for c in top.children if c.dep_ in ("pobj", "pcomp")]
                if not objects or top.lower_ not in prepositions("content"):  # 'warned of', 'called for'
                    return None  # 'said on “…”', 'told stories about “…”': where, when or what about
                top = objects[0]
            words = [t for t in top.subtree if not t.is_space]
            return head, words
        path.append(head)
    return None


def fragment_candidates(ctx: Context, found: Found) -> list[Candidate]:
    """A quoted fragment governed by a speech verb ('he said “uncommitted”', 'urged them
    “to clarify”') is that speaker's words: a mixed statement, with what the words describe."""
    candidates: list[Candidate] = []
    for f in found.fragments:
        t_start, t_end = token_range(ctx.doc, f.start, f.end)
        if t_end <= t_start or is_a_title(ctx, f, after_verb=True):
            continue  # ('said on “Evening Hour”': where, not what)
        verb = _governing_speech_verb(ctx.doc[t_start:t_end])
        if verb is None:
            phrase = _object_phrase(ctx.doc[t_start:t_end])
            if phrase is not None:
                verb, words = phrase
                words = trim_end(words)
                if len(words) < 2:
                    continue
                start, end = words[0].idx, max(f.end, words[-1].idx + len(words[-1]))
                candidates.append(Candidate(kind="mixed", content=(words[0].i, words[-1].i + 1), verb=verb,
                                            closed=f.closed, start=start, end=end,
                                            spans=((start, end),), tokens=(words[0].i, words[-1].i + 1), quoted=f))
            continue
        start, parts = f.start, f.parts
        # (what a naming verb's quoted words describe stays out: 'called the plan “a disaster”'
        # is the speaker's “a disaster”, 'described it as “pretty modest”' their “pretty modest”)
        named = _clause_start(ctx, verb, t_start, t_end)
        if named is not None:
            # 'urged them to “go …”': the clause the words end
            start = named.idx
            parts = ((start, parts[0][1]),) + tuple(parts[1:])
        end, s_end = described_on(ctx, ctx.doc[t_start:t_end], f.end, t_end)
        if end > f.end:
            parts = parts[:-1] + ((parts[-1][0], end),)
        candidates.append(Candidate(kind="mixed", content=(t_start, t_end), verb=verb, closed=f.closed,
                                    start=start, end=end, spans=parts,
                                    tokens=(named.i if named is not None else t_start, s_end), quoted=f))
    return candidates


def _clause_start(ctx: Context, verb: Token, t_start: int, t_end: int) -> Token | None:
    """The first word of the verb's clause that a fragment heads ('urged them [to] “go …”')."""
    root = ctx.doc[t_start:t_end].root
    if root.head.i == verb.i and root.dep_ in ("xcomp", "ccomp") and root.left_edge.i < t_start \
            and not any(t.i in ctx.in_quote for t in ctx.doc[root.left_edge.i:t_start] if not t.is_punct):
        return root.left_edge
    return None
