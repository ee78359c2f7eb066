"""Direct quotes in a parsed document: the quoted spans that stand as quotations (scare
quotes, titles and terms in quote marks are left as fragments for `reported.py` and
`fragments.py`), each a candidate with the cue verb that introduces it, if any. Who
speaks is for the sieves (`decide.py` runs them).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .cues import MAX_CUE_DISTANCE, nearest_speech_verb, speech_verb
from .lexicon import speech_verbs
from .marks import QuotedSpan
from .state import Candidate, Context, Found, Statement
from .syntax import subject_of
from .tokens import SENTENCE_END, mark_token, token_range, word_count
from .works import looks_like_a_title, names_a_work

FRAGMENT_MAX_WORDS = 8  # a quoted phrase inside a sentence, shorter than this, is a fragment


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
    t = mark_token(ctx.doc, quoted.open_at)
    prev = ctx.doc[t - 1] if t is not None and t > 0 else None
    short = word_count(content) <= 2 and content[-1:] not in ".!?\u2026"
    if word_count(content) <= 4 and content[-1:] not in ".,;:!?\u2026" and _word_follows(ctx, quoted) \
            and not _speech_follows(ctx, quoted) and not _introduced(ctx, t):
        return True  # a phrase the sentence goes on from: “Daily Show” host …, ‘No Idea’ If …
    if before in ":\n\r" or i < 0:
        return False  # introduced by a colon, or opening its paragraph
    if looks_like_a_title(content) and (not _speech_follows(ctx, quoted) or names_a_work(prev)):
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
    if (prev is not None and prev.text in SENTENCE_END | {"\u2026", "..."}) or before in ".!?\u2026":
        # a new sentence opens with the quote (also after an abbreviation's period, "Fla.
        # “…"): a quotation unless it is a bare word or two
        return word_count(content) < 3 and content[-1:] not in ".!?" and not _speech_follows(ctx, quoted)
    if short and prev is not None and not prev.is_punct and speech_verb(prev) is None:
        return True  # a name or a term: 'the hacker known as “Nightjar,” said'
    if word_count(content) <= 3 and content[-1:] not in "!?" and not (
            content[-1:] == "," and _speech_follows(ctx, quoted)):
        return True  # a word or two in quote marks inside a sentence: "called it “complex”"
    if content[0].islower():
        return True  # a quote that starts mid-sentence is part of the sentence around it
    if prev is not None and speech_verb(prev) is not None:
        return False  # "he said “We…”"
    if _speech_follows(ctx, quoted):
        return False  # "“One!” says the owner"
    return word_count(content) <= FRAGMENT_MAX_WORDS * 3


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


def _speech_follows(ctx: Context, quoted: QuotedSpan) -> bool:
    """A speech verb right after the closing mark, alone or after a short subject."""
    if quoted.close_at is None:
        return False
    t = mark_token(ctx.doc, quoted.close_at)
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


AFTER_SENTENCE_WINDOW = 4  # tokens after a quote that ends its sentence where its verb may stand
def _reports_own_words(ctx: Context, verb: Token) -> bool:
    """A speech verb with content of its own after it, not in quote marks."""
    return any(c.dep_ == "ccomp" and c.i > verb.i and c.i not in ctx.in_quote for c in verb.children)


BEFORE_VERB_REACH = 3  # tokens from a verb before a quote to the quote, with no colon or comma


OPENS_NEXT_REACH = 6  # tokens after a verb in which a colon makes it the cue of the next quote


def _opens_next(doc, verb, a_end: int) -> bool:
    """Whether a verb after a quote ends in a colon before the sentence does ("Collins said:",
    "said Collins:"): it introduces the quote after the colon, not the one before it."""
    for token in doc[verb.i + 1:min(a_end, verb.i + 1 + OPENS_NEXT_REACH)]:
        if token.text == ":":
            return True
        if token.is_sent_start or token.text in (".", "!", "?", ";") or token.is_quote:
            return False
    return False


def direct_candidate(ctx: Context, q: QuotedSpan, t_start: int, t_end: int,
                     before: list[Statement] | None = None) -> Candidate:
    """A direct quote waiting for its speaker: its place, and its cue verb when it has one
    (the verb the parse links to it, else one right after it, else one right before it).
    `before` holds the direct statements before it, when they are known (the attribution
    stage sets them)."""
    before = before if before is not None else []
    doc = ctx.doc
    p_start, p_end = ctx.paragraph_bounds(t_start)
    # token range of the quote including its marks
    q_start = mark_token(doc, q.open_at) if q.open_at is not None else t_start
    q_start = min(q_start if q_start is not None else t_start, t_start)
    q_end = t_end
    if q.close_at is not None:
        close_tok = mark_token(doc, q.close_at)
        q_end = max(q_end, (close_tok or t_end - 1) + 1)
    a_start, a_end = _frame_after(ctx, q_end, p_end)
    b_start, b_end = _frame_before(ctx, q_start, p_start)
    content = (q_start, q_end)

    verb = None
    inverted = False
    # After a quote that ends its own sentence, only a short attribution follows it.
    last_mark = ctx.text[q.start:q.end].rstrip()[-1:]
    ends_sentence = last_mark in (".", "!", "?")
    after_window = AFTER_SENTENCE_WINDOW if ends_sentence else MAX_CUE_DISTANCE
    after_verb = nearest_speech_verb(doc, a_start, min(a_end, a_start + after_window), ctx.in_quote)
    if after_verb is not None and ends_sentence and _reports_own_words(ctx, after_verb):
        after_verb = None  # '“….” While critics say the plan …': that verb reports its own words
    if after_verb is None and (not ends_sentence or last_mark in ("?", "!")):
        # "“…,” X, who served as …, told reporters": the frame opens with the verb's subject
        # (after a question too: "“…?” X, a strategist at Y, said")
        far = nearest_speech_verb(doc, a_start, a_end, ctx.in_quote)
        subject = subject_of(far) if far is not None else None
        if subject is not None and a_start <= subject.i < far.i and (subject.left_edge.i == a_start or all(
                t.dep_ in ("compound", "flat") or t.is_punct for t in doc[a_start:subject.i])) and not (
                ends_sentence and _reports_own_words(ctx, far)):
            after_verb = far  # ('“…?” X replied that it was': that verb reports its own words)
    if after_verb is None and a_start < a_end and inverted_cue(doc, a_start):
        after_verb, inverted = doc[a_start], True
    if after_verb is not None and ends_sentence and _opens_next(doc, after_verb, a_end):
        after_verb = None  # ('“….” Collins said: “…”': that verb introduces the quote after it)
    before_verb = nearest_speech_verb(doc, max(b_start, b_end - MAX_CUE_DISTANCE * 2), b_end, ctx.in_quote, reverse=True)
    linked = _linked_verb(ctx, q_start, q_end, p_start, p_end)
    before_colon = b_end < len(doc) and q_start > 0 and doc[q_start - 1].text in (":", ",") and before_verb is not None
    if before_colon and doc[q_start - 1].text == ":" and linked is not None and before_verb.i > linked.i:
        verb = before_verb  # '"…," X said as Y yelled: "…"': the verb the colon closes
    elif linked is not None and (b_start <= linked.i < b_end or (
            a_start <= linked.i < a_end and not (ends_sentence and _opens_next(doc, linked, a_end)))):
        verb = linked
    elif after_verb is not None and not (before_colon and doc[q_start - 1].text == ":"):
        verb = after_verb
    elif before_verb is not None and (before_colon or b_end - before_verb.i <= BEFORE_VERB_REACH):
        verb = before_verb
    return Candidate(
        kind="direct", content=content, words=(t_start, t_end),
        previous=before[-1].attribution if before else None, verb=verb,
        stop=None if verb is None else (a_end if verb.i >= q_end else q_start),
        inverted=inverted and verb is after_verb, phrase_ranges=((a_start, a_end), (b_start, b_end)),
        paragraph=(p_start, p_end), closed=q.closed, before=before,
        start=q.start, end=q.end, spans=q.parts, tokens=(t_start, t_end), quoted=q)


HEADING_MAX_WORDS = 15


def is_quoted_heading(ctx: Context, q: QuotedSpan) -> bool:
    """A crosshead that quotes the article ("‘Just listen to us’" as a paragraph of its
    own): a paragraph that is only a quotation in single quote marks, with no sentence end
    of its own. A heading is no statement; the words are the speaker's where the text
    quotes them."""
    if q.family != "single" or q.close_at is None or len(q.parts) != 1:
        return False
    p_start, p_end = next(((s, e) for s, e in ctx.paragraphs if s <= q.open_at < e), (None, None))
    if p_start is None or ctx.text[p_start:q.open_at].strip() or ctx.text[q.close_at + 1:p_end].strip():
        return False
    content = ctx.text[q.start:q.end].rstrip()
    return bool(content) and content[-1] not in ".!?…,;:" and word_count(content) <= HEADING_MAX_WORDS


def split_quoted(ctx: Context, quoted: list[QuotedSpan]) -> Found:
    """The quoted spans that stand as quotations, and the fragments left for mixed
    statements (a crosshead quoting the article is neither): what detection starts from."""
    found = Found()
    for q in quoted:
        if is_quoted_heading(ctx, q):
            continue
        (found.fragments if is_fragment(ctx, q) else found.quotations).append(q)
    return found


def direct_candidates(ctx: Context, found: Found) -> list[Candidate]:
    """A candidate for every quoted span that stands as a quotation."""
    candidates: list[Candidate] = []
    for q in found.quotations:
        t_start, t_end = token_range(ctx.doc, q.start, q.end)
        if t_end <= t_start:
            continue
        candidates.append(direct_candidate(ctx, q, t_start, t_end))
    return candidates
