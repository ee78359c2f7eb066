"""Continuation: a quote with no cue of its own, right after a statement with nothing
between that names someone else, goes on with that statement's speaker. In a plain
exchange (A, B, then a cue-less quote) it is A's turn again.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Method
from .confidence import confidence
from .cues import speech_verb
from .dialogue import asks, exchange, last_run
from .entities.lookup import organisation_of
from .lexicon import interviewer_nouns, pronouns
from .state import Attribution, Candidate, Context, Statement
from .tokens import PERSON_LABELS, SENTENCE_END, sentences_back


def _turn_taking(ctx: Context, statements: list[Statement], words: tuple[int, int]) -> Attribution | None:
    """In a dialogue (the last two quotes in the two paragraphs before this one, by two
    different speakers), a quote with no cue goes to the speaker before the last: A, B, A.
    It is a dialogue when this quote asks a question or the run of quotes it follows reads
    as an exchange (dialogue.exchange); else the writer is quoting people in turn."""
    if len(statements) < 2:
        return None
    last, before = statements[-1], statements[-2]
    a, b = before.attribution, last.attribution
    if not (a.decided() and b.decided()) or a.speaker_name == b.speaker_name:
        return None
    if a.speaker_kind == "organisation" and b.speaker_kind == "organisation":
        return None  # (organisations issue statements; they do not answer each other)
    this_p = ctx.paragraph_bounds(words[0])
    last_p = ctx.paragraph_bounds(last.token_start)
    before_p = ctx.paragraph_bounds(before.token_start)
    if not (before_p[1] <= last_p[0] and last_p[1] <= this_p[0]):
        return None  # the three quotes must stand in three paragraphs
    gap = ctx.doc[before_p[1]:this_p[0]]
    if any(not t.is_space and t.i not in ctx.in_quote and not (last_p[0] <= t.i < last_p[1]) for t in gap):
        return None  # narration between the turns: not a plain exchange
    if not (asks(ctx, words) or exchange(ctx, last_run(ctx, statements))):
        return None  # two people quoted one after the other, not answering each other
    return a


def split_by_attribution(ctx: Context, before: Statement, t_start: int) -> bool:
    """Only the attribution of the quote before stands between it and this one."""
    cue = before.attribution.cue
    ends = sum(1 for t in ctx.doc[before.token_end:t_start] if t.text in SENTENCE_END and t.i not in ctx.in_quote)
    return cue is not None and before.token_end <= cue.i < t_start and ends <= 1


def continues(ctx: Context, before: Statement, t_start: int) -> bool:
    """True when nothing between two quotes names another person or starts a new topic."""
    doc = ctx.doc
    p_prev = ctx.paragraph_bounds(max(before.token_start, before.token_end - 1))  # where it ends
    p_this = ctx.paragraph_bounds(t_start)
    if p_this != p_prev:
        # the next paragraph, or the one after a paragraph of narration that names no one:
        # it must open with the quote
        if p_this[0] != p_prev[1] and not all(t.is_space for t in doc[p_prev[1]:p_this[0]]) \
                and not _plain_narration(ctx, doc[p_prev[1]:p_this[0]], before.attribution.speaker):
            return False
        if t_start - p_this[0] > 1:
            return False
    elif split_by_attribution(ctx, before, t_start):
        return True  # '"…," said X, when Y had left. "…"': only X's attribution between
    speaker = before.attribution.speaker
    cue = before.attribution.cue
    mention = before.attribution.mention
    for t in doc[before.token_end:t_start]:
        if mention is not None and mention.start <= t.i < mention.end:
            continue  # the previous speaker's own name
        if t.ent_type_ in PERSON_LABELS and t.i not in ctx.in_quote:
            entity = ctx.graph.person_at(t.idx, t.idx + len(t))
            if entity is not speaker and not _in_passing(before.attribution, cue, t, entity) \
                    and not _aside_before_a_new_paragraph(ctx, t, p_prev, p_this):
                return False
        elif _someone_else_speaks(ctx, t, before.attribution):
            return False
    return True


def _someone_else_speaks(ctx: Context, verb: Token, previous: Attribution) -> bool:
    """A speech verb of the narration between the two quotes with a subject of its own
    that is not the previous speaker ('"…," said X. One leading broker said …. "…"'): the
    words after it are not X's."""
    if verb.i in ctx.in_quote or speech_verb(verb) is None or (previous.cue is not None and verb.i == previous.cue.i):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.i in ctx.in_quote:
        return False
    if previous.mention is not None and previous.mention.start <= subject.i < previous.mention.end:
        return False
    entity = ctx.graph.person_at(subject.idx, subject.idx + len(subject))
    return entity is None or entity is not previous.speaker


def _aside_before_a_new_paragraph(ctx: Context, t: Token, p_prev: tuple[int, int], p_this: tuple[int, int]) -> bool:
    """A name in narration that closes the previous quote's paragraph with no speech of its
    own ('"…," said X, who … . Y has also won …'), when this quote opens the next paragraph:
    X goes on."""
    if p_this[0] != p_prev[1] and not all(u.is_space for u in ctx.doc[p_prev[1]:p_this[0]]):
        return False
    if not p_prev[0] <= t.i < p_prev[1]:
        return False
    sentence = t.sent
    return not any(speech_verb(u) is not None or u.i in ctx.in_quote for u in sentence)


def _plain_narration(ctx: Context, tokens, speaker) -> bool:
    """One paragraph between two quotes that only narrates or speaks of the same speaker:
    no quote marks, no one else named or pointed to, no one else's words ("The fallout
    from a stroke was the most significant."; "Ortiz admits there were fatalities.")."""
    paragraphs = 0
    for t in tokens:
        if t.is_space:
            paragraphs += "\n" in t.text
            continue
        if t.i in ctx.in_quote:
            return False
        if t.ent_type_ in PERSON_LABELS or t.pos_ == "PROPN":
            if speaker is None or ctx.graph.person_at(t.idx, t.idx + len(t)) is not speaker:
                return False
        elif _personal(t) and (speaker is None or _chained_to(ctx, t.idx) is not speaker):
            return False
        elif speech_verb(t) is not None and not _said_by(ctx, t, speaker):
            return False
    return paragraphs <= 2


def _said_by(ctx: Context, verb: Token, speaker) -> bool:
    """A speech verb whose subject names `speaker` ("Ortiz admits …")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return speaker is not None and len(subjects) == 1 and (
        ctx.graph.person_at(subjects[0].idx, subjects[0].idx + len(subjects[0])) is speaker
        or _chained_to(ctx, subjects[0].idx) is speaker)


def _chained_to(ctx: Context, start: int):
    """The person the pronoun chain links the pronoun at `start` to, else None."""
    found = ctx.graph.chained(start)
    return found.entity if found is not None else None


def _personal(token: Token) -> bool:
    """A pronoun that can stand for a person: "she", "they", "his" (not "it", "that")."""
    pron = pronouns().get(token.lower_)
    return pron is not None and pron.gender != "neuter"


def _interviewer(name: Token) -> bool:
    """A name given as the one who asks the questions ("host Paul Renner", "Y, the show's
    anchor"): someone the article does not quote."""
    nouns = [c for c in name.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN"]
    return any(n.lemma_.lower() in interviewer_nouns() for n in nouns)


def _in_passing(attribution: Attribution, cue: Token | None, t: Token, entity) -> bool:
    """A person the attribution's own sentence names in passing ("…," said X, who once
    met Y), neither a subject nor the one spoken to, unless the one spoken to is the
    interviewer ("X told host Y"): no new speaker."""
    if cue is None or t.sent.start != cue.sent.start:
        return False
    head = t
    while head.dep_ in ("compound", "flat", "poss", "case") and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("nsubj", "nsubjpass"):
        return False
    name = entity.name if entity is not None else t.text
    return attribution.addressee is None or name not in attribution.addressee or _interviewer(head)


def continuation(ctx: Context, candidate: Candidate) -> Attribution | None:
    """The sieve: a quote with no cue of its own goes on with the speaker of the quote
    right before it, when nothing between names someone else and it is not said to that
    speaker; in a plain exchange (A, B, then this) it is A's turn."""
    before = candidate.before[-1] if candidate.before else None
    previous = before.attribution if before is not None else None
    if previous is None or not previous.decided():
        return None
    partial = candidate.partial
    if (partial is not None and partial.cue is not None and previous.cue is not None and partial.cue.i == previous.cue.i
            and ctx.paragraph_bounds(candidate.words[0]) == ctx.paragraph_bounds(before.token_start)):
        return None  # '"…," replied X, "…"' with X unresolved: one statement split by its cue
    addressee = partial.addressee if partial is not None else None
    if not continues(ctx, before, candidate.words[0]) or addressee == previous.speaker_name:
        return None
    turn = _turn_taking(ctx, candidate.before, candidate.words)
    if turn is not None:
        return turn.carried(Method.CONTINUATION, resolver="turn-taking",
                            evidence=f"turn-taking: {turn.speaker_name}, {previous.speaker_name}, then {turn.speaker_name} again")
    # the mention that named the speaker goes with it: where the text says who
    return previous.carried(Method.CONTINUATION)


def continue_reported(ctx: Context, statements: list[Statement]) -> None:
    """A direct quote left without a speaker, right after a reported statement (indirect
    or mixed) with nothing between that names someone else: the same speaker goes on.
    `statements` are in reading order. A quote that goes on so passes the speaker on to
    the next one ('…, Ortiz said. "…" Ortiz states. "…"')."""
    carried: set[int] = set()
    for before, stmt in zip(statements, statements[1:]):
        a = stmt.attribution
        if (stmt.type != "direct" or a.decided() or (before.type == "direct" and id(before) not in carried)
                or not before.attribution.decided() or before.token_end > stmt.token_start):
            continue
        if not continues(ctx, before, stmt.token_start):
            continue
        stmt.attribution = before.attribution.carried(
            Method.CONTINUATION, sieve="continuation",
            confidence=confidence(Method.CONTINUATION, closed=stmt.closed))
        carried.add(id(stmt))


UNPLACED_SENTENCES = 2  # sentences back to the statement whose speaker an unplaced pronoun may be
PRONOUN_KINDS = {"singular": ("organisation",), "plural": ("organisation", "group", "anonymous")}


def unplaced_pronoun(ctx: Context, candidate: Candidate) -> Attribution | None:
    """The sieve: 'It also said …', 'They say …' where no resolver could say who "it" or
    "they" is: the speaker of the statement right before (within two sentences), when that
    speaker is an organisation ("it") or an organisation, a group or unnamed sources
    ("they"); else the organisation the sentence before is about ('X posted a loss. It made
    a loss … and said …'). A person is "he" or "she", which resolution answers."""
    partial = candidate.partial
    if partial is None or partial.mention is None or partial.cue is None:
        return None
    root = partial.mention.root
    pronoun = pronouns().get(root.lower_)
    if pronoun is None or pronoun.person != "third" or pronoun.gender not in ("neuter", "any") or root.dep_ != "nsubj":
        return None
    evidence = f"'{root.text}': the speaker of the statement before"
    since = sentences_back(root, UNPLACED_SENTENCES)
    before = [s for s in candidate.before if since <= s.token_start and s.token_end <= root.i]
    found = None
    if before:
        previous = max(before, key=lambda s: s.token_end).attribution
        if previous.decided() and previous.speaker_kind in PRONOUN_KINDS[pronoun.number]:
            found = previous.carried(Method.COREFERENCE, cue=partial.cue, cue_label=partial.cue_label)
    if found is None and root.sent.start > 0:
        sentence = ctx.doc[root.sent.start - 1].sent
        subject = next((c for c in sentence.root.children if c.dep_ == "nsubj"), None)
        link = organisation_of(ctx.graph, subject) if subject is not None else None
        if link is None or not link.name:
            return None
        found = Attribution.resolved(link, cue=partial.cue, cue_label=partial.cue_label, method=Method.COREFERENCE)
        evidence = f"'{root.text}': {link.name}, the subject of the sentence before"
    if found is None:
        return None
    found.mention = partial.mention
    found.evidence = evidence
    return found


BACKSHIFT_MODALS = frozenset({"would", "could", "should", "might"})  # what "will", "can", "shall", "may" become when reported


def sequel_candidates(ctx: Context, found) -> list[Candidate]:
    """A sentence of the writer's that holds a quoted fragment and whose verb is backshifted
    ('X said … . The government would “need to be creative”.'): reported speech going on
    from the sentence before, with no cue of its own. `sequel_where_free` keeps it only
    right after a reported statement."""
    doc = ctx.doc
    candidates: list[Candidate] = []
    seen: set[int] = set()
    for fragment in found.fragments:
        first = doc.char_span(fragment.start, fragment.end, alignment_mode="expand")
        if first is None or not len(first):
            continue
        sentence = first[0].sent
        if sentence.start in seen:
            continue
        seen.add(sentence.start)
        if any(s <= sentence.start_char < e for s, e in ctx.skip) or not _backshifted(sentence.root):
            continue
        if any(t.i not in ctx.in_quote and (speech_verb(t) is not None or t.lower_ == "according"
                                            or t.ent_type_ in PERSON_LABELS) for t in sentence):
            continue  # (a cue of its own, or someone else named)
        words = [t for t in sentence if not t.is_space]
        while words and words[-1].is_punct and words[-1].text not in CLOSING_QUOTES:
            words = words[:-1]
        if len(words) < 4:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if words[-1].text in CLOSING_QUOTES:
            end = words[-1].idx  # (the content without its closing mark)
        holds = tuple(f for f in found.fragments if start <= f.start < end)
        candidates.append(Candidate(kind="mixed", content=(words[0].i, words[-1].i + 1), start=start, end=end,
                                    spans=((start, end),), tokens=(words[0].i, words[-1].i + 1), holds=holds,
                                    paragraph=ctx.paragraph_bounds(words[0].i)))
    return candidates


CLOSING_QUOTES = frozenset({'"', "\u201d", "\u2019", "'"})


def _backshifted(root: Token) -> bool:
    """The sentence's verb is a backshifted modal's ("would need", "could use")."""
    return root.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ in BACKSHIFT_MODALS for c in root.children)


def sequel(ctx: Context, candidate: Candidate) -> Attribution | None:
    """The sieve: the speaker of the reported statement the sequel goes on from."""
    before = candidate.before[-1] if candidate.before else None
    if before is None or not before.attribution.decided():
        return None
    return before.attribution.carried(Method.CONTINUATION)


def reported_right_before(ctx: Context, statement: Statement, t_start: int) -> bool:
    """`statement` is reported speech (indirect or mixed) in the sentence right before token
    `t_start`, in the same paragraph, with nothing between that names someone else."""
    if statement.type not in ("indirect", "mixed") or not statement.attribution.decided():
        return False
    if ctx.paragraph_bounds(t_start) != ctx.paragraph_bounds(max(statement.token_start, statement.token_end - 1)):
        return False
    this = ctx.doc[t_start].sent
    last = ctx.doc[max(statement.token_start, statement.token_end - 1)].sent
    if not (last.end <= this.start and all(t.is_space for t in ctx.doc[last.end:this.start])):
        return False
    return continues(ctx, statement, t_start)
