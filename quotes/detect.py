"""Statements in a parsed document: direct quotes from quote marks, indirect statements from
speech verbs with a reported clause, and mixed ones (reported speech holding a quoted
fragment). Scare quotes and titles in quote marks with no speech around them are dropped.

Each statement is attributed by the sieves of `attribute.py` as it is found.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .attribute import (CONFIDENCE, MAX_CUE_DISTANCE, Attribution, Context, attribute_phrase, attribute_verb,
                        mention_span, resolve, subject_of)
from .cues import speech_verb
from .dialogue import assign_turns
from .lexicon import is_title_word, speech_nouns, speech_verbs
from .marks import QuotedSpan
from .paragraphs import paragraph_spans
from .speakers import ORG_LABELS, ORG_NOUNS, PERSON_LABELS

FRAGMENT_MAX_WORDS = 8  # a quoted phrase inside a sentence, shorter than this, is a fragment
SENTENCE_END = {".", "!", "?"}


@dataclass
class Statement:
    start: int
    end: int
    type: str
    attribution: Attribution
    spans: tuple[tuple[int, int], ...]
    closed: bool = True
    statement: int | None = None
    token_start: int = 0
    token_end: int = 0


def _tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0, 0
    return span.start, span.end


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _mark_token(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def is_fragment(ctx: Context, quoted: QuotedSpan) -> bool:
    """A quoted phrase inside running text ('the "strategic partnership" between'), not a
    quotation standing on its own."""
    text = ctx.text
    content = text[quoted.start:quoted.end].strip()
    if not content:
        return True
    i = quoted.open_at - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    before = text[i] if i >= 0 else "\n"
    t = _mark_token(ctx.doc, quoted.open_at)
    prev = ctx.doc[t - 1] if t is not None and t > 0 else None
    short = _words(content) <= 2 and content[-1:] not in ".!?\u2026"
    if _words(content) <= 4 and content[-1:] not in ".,;:!?\u2026" and _word_follows(ctx, quoted) \
            and not _speech_follows(ctx, quoted) and not _introduced(ctx, t):
        return True  # a phrase the sentence goes on from: “Daily Show” host …, ‘No Idea’ If …
    if before in ":\n" or i < 0:
        return False  # introduced by a colon, or opening its paragraph
    if _looks_like_a_title(content) and (not _speech_follows(ctx, quoted) or _names_a_work(prev)):
        return True  # "his book, “Doomed to Succeed,”", told “Morning Show,” he …
    if before in ";,\u2014\u2013-" or before in "\u201c\u201d\"'\u2018":
        # after a comma or a dash: a quotation when it starts as one, or when an attribution
        # or another quote stands right before ('"…," said she; "let us …"'); a word or two
        # is a term in a list ('such as "attack," "harbour" and …')
        if short and not _speech_follows(ctx, quoted):
            return True
        if not content[0].islower() or t is None:
            return False
        window = ctx.doc[max(0, t - 5):t]
        if any(speech_verb(w) is not None or w.i in ctx.in_quote for w in window):
            return False
        return not _resumes_after_attribution(ctx, t)
    if prev is not None and prev.text in SENTENCE_END | {"\u2026", "..."}:
        # a new sentence opens with the quote: a quotation unless it is a bare word or two
        return _words(content) < 3 and content[-1:] not in ".!?" and not _speech_follows(ctx, quoted)
    if short and prev is not None and not prev.is_punct and speech_verb(prev) is None:
        return True  # a name or a term: 'the hacker known as “Nightjar,” said'
    if _words(content) <= 3 and content[-1:] not in "!?" and not (
            content[-1:] == "," and _speech_follows(ctx, quoted)):
        return True  # a word or two in quote marks inside a sentence: "called it “complex”"
    if content[0].islower():
        return True  # a quote that starts mid-sentence is part of the sentence around it
    if prev is not None and speech_verb(prev) is not None:
        return False  # "he said “We…”"
    if _speech_follows(ctx, quoted):
        return False  # "“One!” says the owner"
    return _words(content) <= FRAGMENT_MAX_WORDS * 3


RESUME_WINDOW = 25  # tokens back to the quote that an attribution interrupted


def _resumes_after_attribution(ctx: Context, t: int) -> bool:
    """'"…," said she, colouring at such praise; "how shall I …"': a quote earlier in the
    same sentence, and a speech verb between it and this one."""
    doc = ctx.doc
    saw_verb = False
    for k in range(t - 1, max(-1, t - 1 - RESUME_WINDOW), -1):
        if k in ctx.in_quote:
            return saw_verb
        if doc[k].text in SENTENCE_END or "\n\n" in doc[k].text:
            return False
        saw_verb = saw_verb or speech_verb(doc[k]) is not None
    return False


def _word_follows(ctx: Context, quoted: QuotedSpan) -> bool:
    """The line goes on with a word right after the closing mark (no punctuation between)."""
    if quoted.close_at is None:
        return False
    text = ctx.text
    i = quoted.close_at + 1
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i > quoted.close_at + 1 and i < len(text) and text[i].isalnum()


def _introduced(ctx: Context, t: int | None) -> bool:
    """A speech verb right before the opening mark, or before a comma or colon there."""
    if t is None or t == 0:
        return False
    doc = ctx.doc
    k = t - 1
    if doc[k].text in (",", ":") and k > 0:
        k -= 1
    return speech_verb(doc[k]) is not None


def _names_a_work(prev: Token | None) -> bool:
    """What stands right before a title in quote marks: a preposition, a determiner or a
    possessive (on the network’s “…”), a noun (the show “…”), or a verb that takes an
    addressee (told “…”)."""
    if prev is None:
        return False
    if prev.pos_ in ("ADP", "DET", "NOUN", "PROPN") or prev.tag_ == "POS":
        return True
    entry = speech_verb(prev)
    return entry is not None and "addressee" in entry.flags


def _looks_like_a_title(content: str) -> bool:
    """Title Case words, no sentence of their own: the name of a book, show or slogan."""
    words = [w for w in content.rstrip(",.").split() if any(c.isalpha() for c in w)]
    if not 2 <= len(words) <= 8 or content.rstrip()[-1:] in "!?":
        return False
    long_words = [w for w in words if len(w.strip("\"'\u2019,")) > 3]
    return bool(long_words) and all(w[:1].isupper() for w in long_words) and words[0][:1].isupper()


def _speech_follows(ctx: Context, quoted: QuotedSpan) -> bool:
    """A speech verb right after the closing mark, alone or after a short subject."""
    if quoted.close_at is None:
        return False
    t = _mark_token(ctx.doc, quoted.close_at)
    if t is None:
        return False
    doc = ctx.doc
    j = t + 1
    while j < len(doc) and doc[j].is_punct and doc[j].text not in SENTENCE_END:
        j += 1
    for k in range(j, min(j + 3, len(doc))):
        if doc[k].text in SENTENCE_END or k in ctx.in_quote or "\n" in doc[k].text or "\n" in doc[k - 1].whitespace_:
            return False
        if speech_verb(doc[k]) is not None or (k == j and inverted_cue(doc, k)):
            return True
    return False


def inverted_cue(doc: Doc, i: int) -> bool:
    """A speech word opening an inverted attribution ("…," notes X / says the owner),
    whatever tag the parser gave it."""
    token = doc[i]
    if i + 1 >= len(doc) or doc[i + 1].pos_ not in ("PROPN", "DET", "PRON", "ADJ", "NOUN"):
        return False
    word = token.lower_
    stems = {token.lemma_.lower(), word, word[:-1] if word.endswith("s") else word,
             word[:-2] if word.endswith("ed") else word, word[:-1] if word.endswith("d") else word}
    entries = [speech_verbs().get(stem) for stem in stems]
    return any(entry is not None and not entry.weak for entry in entries)


# ---- direct quotes ------------------------------------------------------------------

def _frame_after(ctx: Context, q_end: int, p_end: int) -> tuple[int, int]:
    """Tokens after a quote's closing mark up to the end of its attribution clause."""
    doc = ctx.doc
    j = q_end
    while j < p_end and doc[j].is_punct and doc[j].text not in SENTENCE_END and j not in ctx.in_quote:
        j += 1
    start = j
    while j < p_end and j not in ctx.in_quote and doc[j].text not in SENTENCE_END:
        j += 1
    return start, j


def _frame_before(ctx: Context, q_start: int, p_start: int) -> tuple[int, int]:
    doc = ctx.doc
    j = q_start - 1
    while j >= p_start and doc[j].is_space:
        j -= 1
    if j >= p_start and doc[j].text in SENTENCE_END:
        return q_start, q_start  # a new sentence opens with the quote: nothing introduces it
    while j >= p_start and doc[j].is_punct and j not in ctx.in_quote:
        j -= 1
    end = j + 1
    while j >= p_start and j not in ctx.in_quote and doc[j].text not in SENTENCE_END:
        j -= 1
    return j + 1, end


def _linked_verb(ctx: Context, q_start: int, q_end: int, p_start: int, p_end: int) -> Token | None:
    """A speech verb outside the quote that the parse links to it, in either direction."""
    doc = ctx.doc
    for i in range(q_start, q_end):
        head = doc[i].head
        if not (q_start <= head.i < q_end) and p_start <= head.i < p_end and head.i not in ctx.in_quote:
            if speech_verb(head) and abs(head.i - (q_end if head.i >= q_end else q_start)) <= MAX_CUE_DISTANCE * 2:
                return head
    return None


def _nearest_verb(ctx: Context, start: int, end: int, reverse: bool = False) -> Token | None:
    doc = ctx.doc
    order = range(end - 1, start - 1, -1) if reverse else range(start, end)
    for i in order:
        if speech_verb(doc[i]) is not None and not speech_verb(doc[i]).weak:
            return doc[i]
    return None


def attribute_direct(ctx: Context, q: QuotedSpan, t_start: int, t_end: int, previous: Attribution | None) -> Attribution:
    """Sieves 1-3 for a direct quote: syntax, inversion, cue phrases, colon and dash."""
    doc = ctx.doc
    p_start, p_end = ctx.paragraph_bounds(t_start)
    # token range of the quote including its marks
    q_start = _mark_token(doc, q.open_at) if q.open_at is not None else t_start
    q_start = min(q_start if q_start is not None else t_start, t_start)
    q_end = t_end
    if q.close_at is not None:
        close_tok = _mark_token(doc, q.close_at)
        q_end = max(q_end, (close_tok or t_end - 1) + 1)
    a_start, a_end = _frame_after(ctx, q_end, p_end)
    b_start, b_end = _frame_before(ctx, q_start, p_start)
    content = (q_start, q_end)

    verb = None
    inverted = False
    # After a quote that ends its own sentence, only a short attribution follows it.
    ends_sentence = ctx.text[q.start:q.end].rstrip()[-1:] in ("." , "!", "?")
    after_window = 4 if ends_sentence else MAX_CUE_DISTANCE
    after_verb = _nearest_verb(ctx, a_start, min(a_end, a_start + after_window))
    if after_verb is not None and ends_sentence and any(
            c.dep_ == "ccomp" and c.i > after_verb.i and c.i not in ctx.in_quote for c in after_verb.children):
        after_verb = None  # '“….” While critics say the plan …': that verb reports its own words
    if after_verb is None and not ends_sentence:
        # "“…,” X, who served as …, told reporters": the frame opens with the verb's subject
        far = _nearest_verb(ctx, a_start, a_end)
        subject = subject_of(far) if far is not None else None
        if subject is not None and subject.left_edge.i == a_start and subject.i < far.i:
            after_verb = far
    if after_verb is None and a_start < a_end and inverted_cue(doc, a_start):
        after_verb, inverted = doc[a_start], True
    before_verb = _nearest_verb(ctx, max(b_start, b_end - MAX_CUE_DISTANCE * 2), b_end, reverse=True)
    linked = _linked_verb(ctx, q_start, q_end, p_start, p_end)
    before_colon = b_end < len(doc) and q_start > 0 and doc[q_start - 1].text in (":", ",") and before_verb is not None
    if before_colon and doc[q_start - 1].text == ":" and linked is not None and before_verb.i > linked.i:
        verb = before_verb  # '"…," X said as Y yelled: "…"': the verb the colon closes
    elif linked is not None and (a_start <= linked.i < a_end or b_start <= linked.i < b_end):
        verb = linked
    elif after_verb is not None and not (before_colon and doc[q_start - 1].text == ":"):
        verb = after_verb
    elif before_verb is not None and (before_colon or b_end - before_verb.i <= 3):
        verb = before_verb
    addressee = None
    if verb is not None:
        stop = a_end if verb.i >= q_end else q_start
        result = attribute_verb(ctx, verb, content, previous, stop=stop, inverted=inverted and verb is after_verb)
        if result.decided():
            return result
        addressee = result.addressee
    phrase = attribute_phrase(ctx, a_start, a_end, content, previous) or attribute_phrase(ctx, b_start, b_end, content, previous)
    if phrase is not None:
        return phrase
    # "X: “…”" — a name (or a speech clause) and a colon right before the quote, or ending
    # the previous paragraph when the quote stands alone in its own.
    colon = _colon_speaker(ctx, q_start, p_start, previous)
    if colon is not None:
        return colon
    dash = _dash_speaker(ctx, q_end, p_end, previous)
    if dash is not None:
        return dash
    if verb is None:
        actor = _narration_subject(ctx, q_start, p_start, previous)
        if actor is not None:
            return actor
    return Attribution(cue=verb, cue_label=None if verb is None else verb.text, addressee=addressee)


NARRATION_SENTENCES = 2  # sentences of the paragraph before that a cue-less quote may look at


def _narration_subject(ctx: Context, q_start: int, p_start: int, previous: Attribution | None) -> Attribution | None:
    """'Mrs. Ortiz almost started. “Live with me?”': a quote with no cue, after narration in
    its own paragraph, goes to the person that narration is about (the subject of the
    sentence right before it). A quote that opens its paragraph looks at the last sentences
    of the paragraph before, when that one is all narration ('Howell says she wants a
    change.' then '“When my kids come home …”')."""
    doc = ctx.doc
    j = q_start - 1
    while j >= p_start and (doc[j].is_punct or doc[j].is_space) and j not in ctx.in_quote:
        j -= 1
    if j >= p_start:
        if j in ctx.in_quote:
            return None
        sentences = [doc[j].sent]
        lowest = p_start
    else:
        if p_start == 0:
            return None
        before_start, before_end = ctx.paragraph_bounds(p_start - 1)
        if any(k in ctx.in_quote for k in range(before_start, before_end)):
            return None
        last = before_end - 1
        while last > before_start and doc[last].is_space:
            last -= 1
        sentences = []
        for _ in range(NARRATION_SENTENCES):
            if last < before_start:
                break
            sentence = doc[last].sent
            sentences.append(sentence)
            last = sentence.start - 1
        lowest = before_start
    for sent in sentences:
        found = _person_subject(ctx, sent, lowest, previous, same_paragraph=j >= p_start)
        if found is not None:
            return found
    return None


def _person_subject(ctx: Context, sent, lowest: int, previous: Attribution | None,
                    same_paragraph: bool) -> Attribution | None:
    root = sent.root
    if root.i in ctx.in_quote or (same_paragraph and speech_verb(root) is not None):
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i >= lowest]
    if not subjects or subjects[0].i in ctx.in_quote:
        return None
    subject = subjects[0]
    if subject.ent_type_ not in PERSON_LABELS and subject.lower_ not in ("he", "she") and not (
            subject.pos_ == "PROPN" and not subject.ent_type_):
        return None
    span = mention_span(subject)
    entity, name, kind, via = resolve(ctx, span, set(), previous)
    if name is None or kind != "person" or entity is None:
        return None
    return Attribution(mention=span, speaker=entity, speaker_name=name, speaker_kind=kind,
                       method="narration", confidence=CONFIDENCE["narration"])


def _colon_speaker(ctx: Context, q_start: int, p_start: int, previous: Attribution | None) -> Attribution | None:
    doc = ctx.doc
    j = q_start - 1
    if j < 0:
        return None
    if j < p_start:  # the quote opens its paragraph: look at the end of the previous one
        while j >= 0 and doc[j].is_space:
            j -= 1
    if j < 0 or doc[j].text != ":":
        return None
    k = j - 1
    while k >= 0 and doc[k].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PUNCT") and doc[k].text not in SENTENCE_END | {":", "\n"} and not doc[k].is_space:
        k -= 1
    verb = _nearest_verb(ctx, max(0, k - 12), j, reverse=True)
    if verb is not None and j - verb.i <= 14:
        result = attribute_verb(ctx, verb, (q_start, q_start + 1), previous, stop=j)
        if result.decided():
            return result
    candidates, depth = [], 0
    for t in doc[k + 1:j]:  # "Rep. X (R-S.C.):": not what the parentheses hold
        depth += t.text.count("(")
        if depth == 0 and t.pos_ in ("PROPN", "NOUN"):
            candidates.append(t)
        depth = max(0, depth - t.text.count(")"))
    if candidates:
        head = candidates[-1]
    else:
        # "X was blunt: “…”" — the subject of the clause the colon ends
        clause = doc[j - 1] if j > 0 else doc[j]
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and clause.head.i < j:
            clause = clause.head
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < j]
        if not subjects or (subjects[0].ent_type_ not in PERSON_LABELS | ORG_LABELS and subjects[0].pos_ != "PROPN"
                            and subjects[0].lower_ not in ("he", "she")
                            and subjects[0].lemma_.lower() not in ORG_NOUNS | speech_nouns()):
            return None  # "The campaign worded it carefully: “…”", "A footnote makes it clear: “…”"
        head = subjects[0]
    span = mention_span(head)
    entity, name, kind, via = resolve(ctx, span, set(), previous)
    if name is None or (kind == "person" and entity is None and head.ent_type_ not in PERSON_LABELS):
        return None
    return Attribution(cue=doc[j], cue_label=":", mention=span, speaker=entity, speaker_name=name,
                       speaker_kind=kind, method="cue_phrase", confidence=CONFIDENCE["cue_phrase"])


def _dash_speaker(ctx: Context, q_end: int, p_end: int, previous: Attribution | None) -> Attribution | None:
    doc = ctx.doc
    j = q_end
    while j < p_end and doc[j].is_punct and doc[j].text not in ("-", "\u2014", "\u2013", "--"):
        j += 1
    if j >= p_end or doc[j].text not in ("-", "\u2014", "\u2013", "--"):
        return None
    names = [t for t in doc[j + 1:p_end] if t.ent_type_ in PERSON_LABELS]
    if not names:
        return None
    span = mention_span(names[0])
    entity, name, kind, via = resolve(ctx, span, set(), previous)
    if name is None:
        return None
    return Attribution(cue=doc[j], cue_label="-", mention=span, speaker=entity, speaker_name=name,
                       speaker_kind=kind, method="cue_phrase", confidence=CONFIDENCE["cue_phrase"])


def find_direct(ctx: Context, quoted: list[QuotedSpan]) -> tuple[list[Statement], list[QuotedSpan]]:
    """Direct quotes with their attribution, and the fragments left for mixed statements."""
    statements: list[Statement] = []
    fragments: list[QuotedSpan] = []
    previous: Attribution | None = None
    previous_stmt: Statement | None = None
    next_id = 0
    for q in quoted:
        if is_fragment(ctx, q):
            fragments.append(q)
            continue
        t_start, t_end = _tokens(ctx.doc, q.start, q.end)
        if t_end <= t_start:
            continue
        attribution = attribute_direct(ctx, q, t_start, t_end, previous)
        statement_id = None
        same_paragraph = previous_stmt is not None and ctx.paragraph_bounds(t_start) == ctx.paragraph_bounds(previous_stmt.token_start)
        if (same_paragraph and previous is not None and previous.cue is not None and attribution.cue is not None
                and attribution.cue.i == previous.cue.i):
            # '"…," replied X, "…"': one statement split by its attribution
            statement_id = previous_stmt.statement
        elif not attribution.decided() and previous_stmt is not None and previous is not None:
            if not previous.decided():
                if same_paragraph and _split_by_attribution(ctx, previous_stmt, t_start):
                    statement_id = previous_stmt.statement  # one statement, its speaker unknown
            elif _continues(ctx, previous_stmt, t_start) and attribution.addressee != previous.speaker_name:
                speaker = _turn_taking(ctx, statements, t_start) or previous
                attribution = Attribution(cue=None, cue_label=None, mention=None, speaker=speaker.speaker,
                                          speaker_name=speaker.speaker_name, speaker_kind=speaker.speaker_kind,
                                          method="continuation", confidence=CONFIDENCE["continuation"])
                if same_paragraph:
                    statement_id = previous_stmt.statement
        if statement_id is None:
            statement_id = next_id
            next_id += 1
        confidence = attribution.confidence * (1.0 if q.closed else 0.8)
        attribution.confidence = round(confidence, 3)
        stmt = Statement(q.start, q.end, "direct", attribution, q.parts, q.closed, statement_id, t_start, t_end)
        statements.append(stmt)
        previous, previous_stmt = attribution, stmt
    assign_turns(ctx, statements)
    return statements, fragments


def _turn_taking(ctx: Context, statements: list[Statement], t_start: int) -> Attribution | None:
    """In a dialogue (the last two quotes in the two paragraphs before this one, by two
    different speakers), a quote with no cue goes to the speaker before the last: A, B, A."""
    if len(statements) < 2:
        return None
    last, before = statements[-1], statements[-2]
    a, b = before.attribution, last.attribution
    if not (a.decided() and b.decided()) or a.speaker_name == b.speaker_name:
        return None
    this_p = ctx.paragraph_bounds(t_start)
    last_p = ctx.paragraph_bounds(last.token_start)
    before_p = ctx.paragraph_bounds(before.token_start)
    if not (before_p[1] <= last_p[0] and last_p[1] <= this_p[0]):
        return None  # the three quotes must stand in three paragraphs
    gap = ctx.doc[before_p[1]:this_p[0]]
    if any(not t.is_space and t.i not in ctx.in_quote and not (last_p[0] <= t.i < last_p[1]) for t in gap):
        return None  # narration between the turns: not a plain exchange
    return a


def _split_by_attribution(ctx: Context, before: Statement, t_start: int) -> bool:
    """Only the attribution of the quote before stands between it and this one."""
    cue = before.attribution.cue
    ends = sum(1 for t in ctx.doc[before.token_end:t_start] if t.text in SENTENCE_END and t.i not in ctx.in_quote)
    return cue is not None and before.token_end <= cue.i < t_start and ends <= 1


def _continues(ctx: Context, before: Statement, t_start: int) -> bool:
    """True when nothing between two quotes names another person or starts a new topic."""
    doc = ctx.doc
    p_prev = ctx.paragraph_bounds(before.token_start)
    p_this = ctx.paragraph_bounds(t_start)
    if p_this != p_prev:
        # the next paragraph: it must open with the quote, and follow right after
        if p_this[0] != p_prev[1] and not all(t.is_space for t in doc[p_prev[1]:p_this[0]]):
            return False
        if t_start - p_this[0] > 1:
            return False
    elif _split_by_attribution(ctx, before, t_start):
        return True  # '"…," said X, when Y had left. "…"': only X's attribution between
    speaker = before.attribution.speaker
    cue = before.attribution.cue
    mention = before.attribution.mention
    for t in doc[before.token_end:t_start]:
        if mention is not None and mention.start <= t.i < mention.end:
            continue  # the previous speaker's own name
        if t.ent_type_ in PERSON_LABELS and t.i not in ctx.in_quote:
            entity = ctx.index.entity_at(t.idx, t.idx + len(t))
            if entity is not speaker and not _in_passing(before.attribution, cue, t, entity):
                return False
    return True


def _in_passing(attribution: Attribution, cue: Token | None, t: Token, entity) -> bool:
    """A person the attribution's own sentence names in passing ("…," said X, who once
    met Y), neither a subject nor the one spoken to: no new speaker."""
    if cue is None or t.sent.start != cue.sent.start:
        return False
    head = t
    while head.dep_ in ("compound", "flat", "poss", "case") and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("nsubj", "nsubjpass"):
        return False
    name = entity.name if entity is not None else t.text
    return attribution.addressee is None or name not in attribution.addressee


def continue_reported(ctx: Context, statements: list[Statement]) -> None:
    """A direct quote left without a speaker, right after a reported statement (indirect
    or mixed) with nothing between that names someone else: the same speaker goes on.
    `statements` are in reading order."""
    for before, stmt in zip(statements, statements[1:]):
        a = stmt.attribution
        if (stmt.type != "direct" or a.decided() or before.type == "direct"
                or not before.attribution.decided() or before.token_end > stmt.token_start):
            continue
        if not _continues(ctx, before, stmt.token_start):
            continue
        b = before.attribution
        stmt.attribution = Attribution(speaker=b.speaker, speaker_name=b.speaker_name, speaker_kind=b.speaker_kind,
                                       method="continuation",
                                       confidence=round(CONFIDENCE["continuation"] * (1.0 if stmt.closed else 0.8), 3))


# ---- indirect and mixed statements --------------------------------------------------

def _content_of(verb: Token) -> tuple[Token, list[Token]] | None:
    """(anchor, tokens) of what a speech verb reports, per the lexicon's flags."""
    entry = speech_verb(verb)
    if entry is None or entry.direct_only:
        return None
    children = list(verb.children)
    for child in children:
        if child.dep_ == "ccomp" or (child.dep_ == "parataxis" and child.i > verb.i):
            tokens = _clause_extent(verb, child)
            if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
                tokens = tokens[1:]
            if not _reportable(child, tokens):
                return None
            return child, _without_attribution(child, tokens)
    # "said in a statement that …": the parser hangs the clause on the noun (not "fired
    # back at accusations that …": those are someone else's words)
    for child in children:
        if child.dep_ == "prep" and child.lower_ not in ("at", "against", "about", "over", "to", "with"):
            for pobj in child.children:
                for clause in pobj.children:
                    if clause.dep_ in ("acl", "relcl") and any(
                            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
                        return clause, _without_attribution(clause, tokens)
    if "for" in entry.flags:
        for child in children:
            if child.dep_ == "prep" and child.lower_ == "for":
                pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if pobj:
                    return pobj[0], [t for t in pobj[0].subtree]
    if "to" in entry.flags:
        for child in children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return child, [t for t in child.subtree]
    if "object" in entry.flags and not any(c.dep_ == "dative" for c in children):
        # (with a second object, "denied Republicans the votes", it is no statement)
        for child in children:
            if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN") and sum(1 for _ in child.subtree) >= 3:
                return child, [t for t in child.subtree]
    return None


def _before_direct_quote(tokens: list[Token], direct_tokens: set[int]) -> list[Token]:
    """Reported content stops where a direct quote of its own begins ('… “maniacal,”
    adding, “She lost …”'), without the words that lead into that quote."""
    cut = next((k for k, t in enumerate(tokens) if k and t.i in direct_tokens), len(tokens))
    tokens = tokens[:cut]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ("\u201d", '"', "\u2019")
                      or (tokens[-1].tag_ == "VBG" and speech_verb(tokens[-1]) is not None)):
        tokens.pop()
    return tokens


ASIDE_WORDS = 3  # a parenthesis this long is the writer's aside; shorter ones ("(FOIP)") gloss a name


def _without_asides(tokens: list[Token]) -> list[list[Token]]:
    """Reported content without the writer's asides in parentheses: 'she didn't have to be
    perfect (gosh, how magnanimous) and …' is two parts; content that starts inside an
    opening parenthesis ('… (and yes, beards are a thing, says X') starts after it."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for k, t in enumerate(tokens):
        if t.text == "(" and depth == 0:
            close = next((j for j in range(k + 1, len(tokens)) if tokens[j].text == ")"), None)
            if close is None:
                parts = [[]]  # never closed here: the content is what the parenthesis holds
                continue
            if sum(1 for u in tokens[k + 1:close] if u.is_alpha) >= ASIDE_WORDS:
                depth = 1
                parts.append([])
                continue
        if depth:
            depth = 0 if t.text == ")" else depth
            continue
        parts[-1].append(t)
    trimmed = []
    for part in parts:
        while part and (part[0].is_punct or part[0].dep_ == "cc"):
            part = part[1:]
        while part and part[-1].is_punct and part[-1].text not in ("\u201d", '"', "\u2019"):
            part = part[:-1]
        if part:
            trimmed.append(part)
    return trimmed or [tokens]


def _over_false_sentence_ends(tokens: list[Token]) -> list[Token]:
    """Content that ends its sentence goes on over a break the parser made after an
    abbreviation ("he's lost 16 lbs. since he …"): the next sentence opens in lower case,
    in the same paragraph."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    sent = tokens[-1].sent
    while sent.end < len(doc) and all(t.is_punct or t.is_space for t in doc[tokens[-1].i + 1:sent.end]):
        following = doc[sent.end].sent
        first = next((t for t in following if not t.is_space), None)
        if first is None or not (first.is_alpha and first.text[:1].islower()):
            break
        if "\n" in doc.text[tokens[-1].idx:first.idx]:
            break
        tokens = tokens + [t for t in doc[tokens[-1].i + 1:following.end] if not t.is_space]
        sent = following
    return tokens


def _around_attribution(verb: Token) -> list[list[Token]] | None:
    """'It's common, he explains, for a man to …': an attribution set off by commas inside
    the clause it reports (the parser makes it a parataxis of that clause). The content
    is the clause without it, in one or two parts."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.i > verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children):
        return None
    first = next(t for t in verb.subtree if not t.is_punct)
    if first.i == 0 or verb.doc[first.i - 1].text not in (",", "\u2014", "\u2013", "("):
        return None
    parts = _parts_around(verb.doc, head, range(verb.left_edge.i, verb.right_edge.i + 1))
    if not parts or sum(len(p) for p in parts) < 3 or parts[0][0].i > verb.i:
        return None
    return parts


# Verbs that, with "to say", mean it was not said: "declined to say", "refused to comment".
WITHHELD = frozenset({"decline", "refuse", "fail", "hesitate", "forget", "neglect"})


def _asserted(verb: Token) -> bool:
    """Whether a speech verb reports what its subject said: not negated ("won't say what"),
    not passive ("when asked whether …", "was told that …": the subject is the one spoken
    to), and not an imperative addressed to the reader ("Tell him why …")."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "than" and c.i < verb.i for c in children):
        return False  # "lower than the agency says they are"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in WITHHELD:
        return False  # "She declined to say when …"
    if any(c.dep_ == "auxpass" for c in children):
        return False
    subject = any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in children)
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not subject:
        return False  # "When asked whether …"
    if verb.tag_ == "VB" and not subject and not any(c.dep_ == "aux" for c in children) and (
            verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.head.tag_ == "VB")):
        return False  # "Ask him if …"
    return True


def _clause_extent(verb: Token, clause: Token) -> list[Token]:
    """The reported clause, grown over what the verb governs after it: "X said [that …]
    because …, and …" runs to the end of the sentence; "[…], X said" starts the sentence."""
    subtree = list(clause.subtree)
    sent = verb.sent
    if clause.i > verb.i:
        later = [t for t in verb.rights if t.i > clause.right_edge.i
                 and t.dep_ in ("advcl", "conj", "prep", "npadvmod", "ccomp") and not _second_predicate(t)]
        if later and any(_second_predicate(t) for t in verb.rights if clause.right_edge.i < t.i < later[0].i):
            later = []  # "says A but argues B, because …": what follows the second verb is its own
        end = max([subtree[-1].i] + [t.right_edge.i for t in later])
        return [t for t in sent.doc[subtree[0].i:end + 1]]
    start = min(subtree[0].i, sent.start)
    # everything up to the attribution: "[It means …, a significant finding], researchers say"
    attribution = [verb.i] + [c.left_edge.i for c in verb.lefts if c.i > clause.i and c.dep_ != "punct"]
    end = max(subtree[-1].i, min(attribution) - 1)
    return [t for t in sent.doc[start:end + 1]]


def _second_predicate(token: Token) -> bool:
    """A verb the speaker does next ("… but argues that …", "…, adding that …", "… and
    tells the crowd …"): not part of what the first verb reports."""
    if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
        # with a subject of its own it goes on with the content: "says A, but B have …"
        return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)
    return token.dep_ == "advcl" and speech_verb(token) is not None


def _reportable(clause: Token, tokens: list[Token]) -> bool:
    """A clause that can be someone's statement: not a bare relative ("which … said"), with
    a subject or long enough to stand alone."""
    if not tokens or tokens[0].lower_ in ("which", "who", "whom"):
        return False
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children)
    return has_subject or len(tokens) >= 6


def _without_attribution(anchor: Token, tokens: list[Token]) -> list[Token]:
    """The reported clause without an 'according to X' that names its source."""
    drop = set()
    for t in tokens:
        if t.lower_ == "according" and t.head.i == anchor.i:
            drop.update(range(t.left_edge.i, t.right_edge.i + 1))
    return [t for t in tokens if t.i not in drop]


def find_indirect(ctx: Context, direct: list[Statement], fragments: list[QuotedSpan], skip) -> list[Statement]:
    doc = ctx.doc
    direct_tokens = set()
    for s in direct:
        direct_tokens.update(range(s.token_start, s.token_end))
    statements = []
    used_fragments = set()
    previous = None
    reported: set[int] = set()  # tokens of the content found so far
    for verb in doc:
        if verb.i in ctx.in_quote or speech_verb(verb) is None:
            continue
        if any(s <= verb.idx < e for s, e in skip):
            continue
        if not _asserted(verb):
            continue
        if verb.i in reported:
            continue  # "X said that the city expects …": part of what X said
        parts = _around_attribution(verb)
        if parts:
            tokens = [t for part in parts for t in part]
        else:
            found = _content_of(verb)
            if found is None:
                continue
            anchor, tokens = found
            tokens = _over_false_sentence_ends([t for t in tokens if not t.is_space])
            while tokens and (tokens[-1].is_punct and tokens[-1].text not in ("\u201d", '"', "\u2019")):
                tokens.pop()
            parts = _without_asides(tokens)
            tokens = [t for part in parts for t in part]
        if len(tokens) < 2:
            continue
        overlap = sum(1 for t in tokens if t.i in direct_tokens)
        if overlap > len(tokens) / 3:
            continue  # the reported clause is a direct quote, attributed there
        if overlap and len(parts) == 1:
            tokens = parts[0] = _before_direct_quote(tokens, direct_tokens)
            if len(tokens) < 2:
                continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        kind = "indirect"
        inside = [f for f in fragments if start <= f.start < end]
        if inside:
            kind = "mixed"
            used_fragments.update(id(f) for f in inside)
            end = max(end, max(f.end for f in inside))  # '… that “he loves you.”': the whole fragment
        attribution = attribute_verb(ctx, verb, (tokens[0].i, parts[0][-1].i + 1), previous)
        if not attribution.decided():
            phrase = attribute_phrase(ctx, tokens[0].i, tokens[-1].i + 1, (tokens[0].i, tokens[0].i), previous)
            if phrase is None:
                continue
            attribution = phrase
        if speech_verb(verb).weak and attribution.speaker_kind != "person":
            continue
        spans = tuple((p[0].idx, p[-1].idx + len(p[-1])) for p in parts)
        spans = spans[:-1] + ((spans[-1][0], max(end, spans[-1][1])),)
        statements.append(Statement(start, end, kind, attribution, spans, True, None,
                                    tokens[0].i, tokens[-1].i + 1))
        reported.update(t.i for t in tokens)
        previous = attribution
    statements.extend(_according_to(ctx, direct + statements, skip, previous))
    statements.extend(_quoted_after_verb(ctx, fragments, used_fragments, statements))
    statements.extend(_headline_colon(ctx, direct + statements, skip))
    return statements


HEADLINE_MAX_WORDS = 20


def _headline_colon(ctx: Context, known: list[Statement], skip) -> list[Statement]:
    """'Minister: talks will resume' — a short paragraph whose first words, up to a colon,
    name a speaker: the rest is that speaker's statement."""
    found = []
    for p_start, p_end in paragraph_spans(ctx.text):
        if any(s <= p_start and p_end <= e for s, e in skip):
            continue
        paragraph = ctx.text[p_start:p_end]
        colon = paragraph.find(":")
        if colon <= 0 or _words(paragraph) > HEADLINE_MAX_WORDS or "\n" in paragraph:
            continue
        head, rest = paragraph[:colon], paragraph[colon + 1:]
        if _words(head) > 5 or _words(rest) < 3 or rest.lstrip()[:1] in "\u201c\u2018\"'" or any(c in head for c in ".!?"):
            continue
        start = p_start + colon + 1 + (len(rest) - len(rest.lstrip()))
        end = p_end
        while end > start and ctx.text[end - 1] in ".!?":
            end -= 1
        if any(k.start < end and start < k.end for k in known):
            continue
        r_start, r_end = _tokens(ctx.doc, start, end)
        if not any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[r_start:r_end]):
            continue  # "Euro/pound: DOWN at 90.12", "X and Y: a tortured relationship": no claim
        h_start, h_end = _tokens(ctx.doc, p_start, p_start + colon)
        names = [t for t in ctx.doc[h_start:h_end] if t.pos_ == "PROPN" or t.ent_type_ in PERSON_LABELS]
        if not names:
            continue
        span = mention_span(names[-1])
        entity, name, kind, via = resolve(ctx, span, set(), None)
        if entity is None and all(is_title_word(t.text) for t in span):
            entity = ctx.index.by_title(span.root.lemma_)  # the article names the minister later
            if entity is not None:
                name, kind = entity.name, "person"
        if name is None or kind == "group":
            continue
        colon_token = ctx.doc[h_end] if h_end < len(ctx.doc) else None
        attribution = Attribution(cue=colon_token, cue_label=":", mention=span, speaker=entity, speaker_name=name,
                                  speaker_kind=kind, method="cue_phrase", confidence=CONFIDENCE["cue_phrase"] * 0.9)
        t_start, t_end = _tokens(ctx.doc, start, end)
        found.append(Statement(start, end, "indirect", attribution, ((start, end),), True, None, t_start, t_end))
    return found


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
        if entry is not None and not entry.weak:
            return head
        if head.pos_ in ("VERB", "AUX"):
            return None  # another verb governs it
    return None


def _quoted_after_verb(ctx: Context, fragments: list[QuotedSpan], used: set[int],
                       known: list[Statement]) -> list[Statement]:
    """A quoted fragment governed by a speech verb ('he said “uncommitted”', 'urged them
    “to clarify”') is that speaker's words: a mixed statement."""
    found = []
    for f in fragments:
        if id(f) in used or any(s.start <= f.start and f.end <= s.end for s in known):
            continue
        t_start, t_end = _tokens(ctx.doc, f.start, f.end)
        if t_end <= t_start:
            continue
        verb = _governing_speech_verb(ctx.doc[t_start:t_end])
        if verb is None:
            continue
        attribution = attribute_verb(ctx, verb, (t_start, t_end), None)
        if attribution.decided():
            start, parts = f.start, f.parts
            named = _named_before(ctx, verb, t_start)
            if named is not None:
                # 'calling him a “loser”', 'referred to X as “…”': what the words describe
                start = named.idx
                parts = ((start, parts[0][1]),) + tuple(parts[1:])
            found.append(Statement(start, f.end, "mixed", attribution, parts, f.closed, None,
                                   named.i if named is not None else t_start, t_end))
    return found


NAMED_WORDS = 12  # at most this many words between a naming verb and the fragment


def _named_before(ctx: Context, verb: Token, t_start: int) -> Token | None:
    """The first word of what a verb's quoted complement describes, when it stands between
    the verb and the fragment ("called [him] a “…”", "described [his plan] as “…”")."""
    for child in verb.rights:
        if child.dep_ in ("dobj", "prep", "dative") and child.i < t_start:
            objects = [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else [child]
            if not objects:
                return None
            first = objects[0].left_edge
            if 0 < t_start - first.i <= NAMED_WORDS and first.i not in ctx.in_quote:
                return first
            return None
    return None


def _according_to(ctx: Context, known: list[Statement], skip, previous) -> list[Statement]:
    """'According to X, …' standing alone: the clause it modifies is X's statement."""
    doc = ctx.doc
    found = []
    for token in doc:
        if token.lower_ != "according" or token.i in ctx.in_quote:
            continue
        if any(s <= token.idx < e for s, e in skip):
            continue
        head = token.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        last = all(t.is_punct or t.is_space for t in ctx.doc[token.right_edge.i + 1:head.right_edge.i + 1])
        while last and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "A and B, according to X": the whole coordination
        phrase = range(token.left_edge.i, token.right_edge.i + 1)
        parts = _parts_around(ctx.doc, head, phrase)
        if sum(len(p) for p in parts) < 3:
            continue
        tokens = [t for p in parts for t in p]
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if any(s.start < end and start < s.end for s in known):
            continue
        attribution = attribute_phrase(ctx, token.i, token.right_edge.i + 1, (tokens[0].i, tokens[0].i), previous)
        if attribution is None:
            continue
        spans = tuple((p[0].idx, p[-1].idx + len(p[-1])) for p in parts)
        found.append(Statement(start, end, "indirect", attribution, spans, True, None,
                               tokens[0].i, tokens[-1].i + 1))
    return found


def _parts_around(doc: Doc, head: Token, phrase: range) -> list[list[Token]]:
    """The clause of `head` without the attribution phrase in it, as the runs of words on
    either side ("[A], according to X, and [B]"), each without edge punctuation or a
    leading conjunction."""
    parts: list[list[Token]] = [[]]
    for t in head.subtree:
        if t.i in phrase:
            if parts[-1]:
                parts.append([])
            continue
        if not t.is_space:
            parts[-1].append(t)
    trimmed = []
    for part in parts:
        while part and (part[0].is_punct or (part[0].dep_ == "cc" and trimmed)):
            part = part[1:]
        while part and part[-1].is_punct:
            part = part[:-1]
        if part:
            trimmed.append(part)
    return trimmed
