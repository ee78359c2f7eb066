"""The shape of a statement's sentence, for counting misses by mechanism: the cue's lemma,
where the speaker and the cue stand around the content, and the form of the content
("that" clause, bare clause, question, infinitive, noun phrase, words in quote marks…).

`quotes evaluate` describes each missed gold statement and each spurious record so; one
rule is then sought for the commonest shapes, not for single sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..datafiles import lines

QUESTION_WORDS = frozenset(lines("question_words.txt"))
QUOTE_MARKS = "\"\u201c\u201d\u2018\u2019'\u00ab\u00bb"
CUE_REACH = 300  # characters around the content where a gold cue written as text is looked for


@dataclass(frozen=True)
class Shape:
    cue: str  # the cue's lemma ("say", "according to", ":"), "-" for none
    order: str  # speaker (S), cue (V) and content (C) in reading order: "S V C", "C , V S"; "S far" when elsewhere
    form: str  # what the content is

    def key(self) -> tuple[str, str, str]:
        return self.cue, self.order, self.form


def describe(doc: Doc, start: int, end: int, cue: tuple[int, int] | str | None,
             speaker: tuple[int | None, int | None], name: str | None = None) -> Shape:
    """The shape of the statement whose content is text[start:end], with its cue as offsets
    (or as written, found near the content) and its speaker mention's offsets (or, where a
    gold set gives none, its name, found in the sentence)."""
    text = doc.text
    content = doc.char_span(start, end, alignment_mode="expand")
    if content is None or not len(content):
        return Shape("?", "?", "?")
    cue_span = _cue_span(doc, cue, start, end)
    sent_start, sent_end = content[0].sent.start_char, content[-1].sent.end_char
    marks = []
    s_start = speaker[0]
    if s_start is None and name:
        s_start = _name_in(text, name, sent_start, sent_end, start, end)
        subject = _subject(cue_span)
        if s_start == -1 and subject is not None and not start <= subject.idx < end:
            s_start = subject.idx  # ("he said": the gold names the person)
    if s_start is not None and sent_start <= s_start < sent_end:
        marks.append((s_start, "S"))
    if cue_span is not None and sent_start <= cue_span.start_char < sent_end:
        marks.append((cue_span.start_char, "V"))
    inside = any(start < at < end for at, _ in marks)
    marks.append((start, "C"))
    if inside:
        marks.append((end, "C"))
    order = " ".join(label for _, label in sorted(marks))
    if s_start is None:
        order += " | S none"
    elif not any(label == "S" for _, label in marks):
        order += " | S far"
    return Shape(_cue_lemma(cue_span, cue), order, _form(doc, text, content, cue_span))


def _subject(cue: Span | None):
    if cue is None:
        return None
    return next((c for c in cue.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _name_in(text: str, name: str, sent_start: int, sent_end: int, start: int, end: int) -> int | None:
    """Where a speaker's name, or its last word, is written in the sentence outside the
    content; -1 when it is not (the speaker stands elsewhere)."""
    for words in (name, name.split()[-1] if name.split() else name):
        at = text.find(words, sent_start, sent_end)
        while at != -1:
            if not (start <= at < end):
                return at
            at = text.find(words, at + 1, sent_end)
    return -1


def _cue_span(doc: Doc, cue, start: int, end: int) -> Span | None:
    if isinstance(cue, tuple):
        return doc.char_span(cue[0], cue[1], alignment_mode="expand") if cue[0] is not None else None
    if not cue:
        return None
    text = doc.text
    lower, word = text.lower(), cue.lower()
    best = None
    at = lower.find(word, max(0, start - CUE_REACH), min(len(text), end + CUE_REACH))
    while at != -1 and at < end + CUE_REACH:
        if not (start <= at < end):
            distance = start - at if at < start else at - end
            if best is None or distance < best[0]:
                best = (distance, at)
        at = lower.find(word, at + 1, min(len(text), end + CUE_REACH))
    if best is None:
        return None
    return doc.char_span(best[1], best[1] + len(word), alignment_mode="expand")


def _cue_lemma(span: Span | None, written) -> str:
    if span is None:
        return written.lower() if isinstance(written, str) and written else "-"
    if span.text.strip() in (":", "-", "\u2014", "\u2013"):
        return span.text.strip()
    if span[0].lower_ == "according":
        return "according to"
    if span[0].lower_ in ("in", "quoted"):
        return span.text.lower()
    return span[0].lemma_.lower()


def _form(doc: Doc, text: str, content: Span, cue: Span | None) -> str:
    first = content[0]
    before = doc[first.i - 1] if first.i > 0 else None
    while before is not None and before.is_space and before.i > 0:
        before = doc[before.i - 1]
    if first.text[:1] in QUOTE_MARKS or (before is not None and before.text in QUOTE_MARKS and before.i + 1 == first.i):
        return "quote marks"
    if before is not None and before.text == ":":
        return "after colon"
    words = [t for t in content if not t.is_punct and not t.is_space]
    while len(words) > 1 and words[0].dep_ in ("cc", "advmod", "prep") and words[0].i < _root(content).i \
            and words[0].lower_ not in QUESTION_WORDS:
        words = words[1:]  # ("But …", "Still, …": the clause after them)
    if not words:
        return "?"
    head = words[0]
    if head.lower_ == "that" and head.dep_ == "mark" or (before is not None and before.lower_ == "that" and before.dep_ == "mark"):
        return "that clause"
    if head.lower_ in QUESTION_WORDS or (before is not None and before.lower_ in ("whether", "if")):
        return "question"
    if head.lower_ == "to" and len(words) > 1 and words[1].tag_ == "VB":
        return "to infinitive"
    if before is not None and before.lower_ == "as":
        return "as predicate"
    if before is not None and before.lower_ in ("of", "for", "about", "on"):
        return f"{before.lower_} phrase"
    root = _root(content)
    if root.tag_ == "VBG" and not any(c.dep_ in ("aux",) for c in root.children):
        return "gerund"
    if root.pos_ in ("VERB", "AUX"):
        subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children)
        if subject:
            return "clause" if content[0].sent.start == content[-1].sent.start else "sentences"
        if any(t.dep_ == "aux" and t.lower_ == "to" for t in root.children):
            return "object + infinitive" if words[0].i < root.i - 1 else "to infinitive"
        return "verb phrase"
    if root.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return "noun phrase"
    return root.pos_.lower() or "?"


def _root(span: Span):
    """The highest token of the first sentence the span touches."""
    sent_end = span[0].sent.end
    words = [t for t in span if t.i < sent_end]
    inside = {t.i for t in words}
    for t in words:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return words[0]
