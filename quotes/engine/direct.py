"""Direct quotes in a parsed document: the quoted spans that stand as quotations (scare
quotes, titles and terms in quote marks are left as fragments for `reported.py`), each
attributed by the sieves of `attribute.py` as it is found, then by continuation and
turn-taking (`dialogue.py`) where it has no cue of its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribute import (CONFIDENCE, MAX_CUE_DISTANCE, attribute_phrase, attribute_verb, mention_span, resolve,
                        subject_of)
from .cues import speech_verb
from .dialogue import assign_turns
from .lexicon import is_person_noun, speech_nouns, speech_verbs, work_nouns
from .marks import QuotedSpan
from .speakers import ORG_LABELS, ORG_NOUNS, PERSON_LABELS, gendered_pronoun
from .state import Attribution, Context, Statement
from .tokens import SENTENCE_END, mark_token, token_range, word_count

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
        entry = speech_verb(doc[i]) if i not in ctx.in_quote else None  # (not in someone's quoted words)
        if entry is not None and not entry.weak:
            return doc[i]
    return None


def attribute_direct(ctx: Context, q: QuotedSpan, t_start: int, t_end: int, previous: Attribution | None) -> Attribution:
    """Sieves 1-3 for a direct quote: syntax, inversion, cue phrases, colon and dash."""
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
    addressee = mention = None
    if verb is not None:
        stop = a_end if verb.i >= q_end else q_start
        result = attribute_verb(ctx, verb, content, previous, stop=stop, inverted=inverted and verb is after_verb)
        if result.decided():
            return result
        addressee, mention = result.addressee, result.mention
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
    # (no speaker found: the words that name it, "she" with no one to point back to, stay)
    return Attribution(cue=verb, cue_label=None if verb is None else verb.text, addressee=addressee, mention=mention)


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
    if subject.ent_type_ not in PERSON_LABELS and gendered_pronoun(subject) is None and not (
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
    head = candidates[-1] if candidates else None
    if head is None or _said_thing(head):
        # "X was blunt: “…”" — the subject of the clause the colon ends; and "X is rolling
        # out a new message: “…”", "he returned to his lines: “…”": X's, his
        clause = doc[j - 1] if j > 0 else doc[j]
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and clause.head.i < j:
            clause = clause.head
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < j), None)
        if subject is not None and (subject.ent_type_ in PERSON_LABELS | ORG_LABELS or subject.pos_ == "PROPN"
                                    or gendered_pronoun(subject) is not None
                                    or subject.lemma_.lower() in ORG_NOUNS | speech_nouns()):
            head = subject
        elif head is None:
            return None  # "The campaign worded it carefully: “…”", "A footnote makes it clear: “…”"
    span = mention_span(head)
    entity, name, kind, via = resolve(ctx, span, set(), previous)
    if name is None or (kind == "person" and entity is None and head.ent_type_ not in PERSON_LABELS):
        return None
    return Attribution(cue=doc[j], cue_label=":", mention=span, speaker=entity, speaker_name=name,
                       speaker_kind=kind, method="cue_phrase", confidence=CONFIDENCE["cue_phrase"])


def _said_thing(noun: Token) -> bool:
    """A thing said or written, as the object of the clause before a colon ("issued a
    statement: “…”", "returned to his lines: “…”"): its author is that clause's subject."""
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "pobj") and noun.ent_type_ not in ORG_LABELS \
        and not is_person_noun(lemma) and (lemma not in ORG_NOUNS or lemma in speech_nouns())


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
        t_start, t_end = token_range(ctx.doc, q.start, q.end)
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
                # the mention that named the speaker goes with it: where the text says who
                attribution = Attribution(cue=None, cue_label=None, mention=speaker.mention, speaker=speaker.speaker,
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
        stmt.attribution = Attribution(mention=b.mention, speaker=b.speaker, speaker_name=b.speaker_name,
                                       speaker_kind=b.speaker_kind, method="continuation",
                                       confidence=round(CONFIDENCE["continuation"] * (1.0 if stmt.closed else 0.8), 3))
