"""Where reported content begins and ends when the parser cut it in the wrong place: a
subject the parser made a clause of its own, a gloss in parentheses that closes after the
content's last word.

Small questions over the parse that `reported.py` asks while it grows a speech verb's
content; each reads only the tokens around the content.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import source_nouns

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


RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "what"})


def after_relative_word(verb: Token, clause: Token, tokens: list[Token]) -> list[Token]:
    """'…, which he said [the council needed to address]', 'a bill which critics claim
    [would close schools]': a speech verb in a relative clause whose relative word belongs to
    the clause it reports (its subject or object, before the verb). What the speaker said is
    the words after the verb; the relative word stands for what it is about. A document's
    finding so placed is the writer's evidence about the noun (no content). Content with no
    such word comes back as it is."""
    if not tokens or clause.i < verb.i or tokens[0].i >= verb.i or tokens[0].lower_ not in RELATIVE_WORDS:
        return tokens
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i and c.lower_ not in RELATIVE_WORDS), None)
    if subject is None or subject.left_edge.i != tokens[0].i + 1:
        return tokens  # ("which said …": the relative word is the speaker; "That led to …, they said")
    if subject.lemma_.lower() in source_nouns():
        return []  # ('…, which a study in 2017 concluded would cost …': the writer's evidence for the noun)
    return [t for t in tokens if t.i > verb.i]


def free_relative_content(verb: Token) -> tuple[Token, list[Token]] | None:
    """'grappling with what it says [is a $4 billion deficit]': the verb of a free relative
    made the subject of the clause after it ("what it says" as the subject of "is"); that
    clause, after the verb, is what the speaker said."""
    head = verb.head
    if verb.dep_ != "csubj" or head.i <= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) < 2 or subjects[0].lower_ != "what" or subjects[-1].lower_ in RELATIVE_WORDS:
        return None
    return head, list(verb.doc[verb.right_edge.i + 1:head.right_edge.i + 1])


def source_phrase_end(phrase: Token, head: Token) -> int:
    """The last token of an 'according to X' phrase before the clause it sources: 'According
    to the numbers from X, [the rate of …] is …' read with the clause's subject as an
    apposition of X ends at the comma before that subject (the clause has none of its own)."""
    end = phrase.right_edge.i
    if head.i <= end or any(c.dep_ in SUBJECT_DEPS for c in head.children):
        return end
    doc = phrase.doc
    for t in phrase.subtree:
        if t.dep_ == "appos" and t.right_edge.i + 1 == head.i and doc[t.left_edge.i - 1].text == ",":
            return t.left_edge.i - 2
    return end
