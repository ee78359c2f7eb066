"""Questions over the parse that the detectors and the sieves share: who the subject of a
speech verb is, wherever the parser hung it, and a closing inversion ("…, argued X.").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .cues import speech_verb
from .lexicon import carrier_nouns, is_person_noun, speech_nouns
from .tokens import DASHES, PERSON_LABELS, ends_sentence, sentence_of, trim_end

if TYPE_CHECKING:
    from .state import Context

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def closing_inversion(verb: Token) -> Token | None:
    """'…, but for society at large, argued Palvetzian.': a verb after a comma with the name
    of its speaker after it and nothing more, which the parser made a conjunct or an
    adverbial clause of the reported words; the name, else None."""
    doc = verb.doc
    if verb.dep_ not in ("conj", "advcl") or verb.i == 0 or doc[verb.i - 1].text != "," or verb.i < verb.head.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "ccomp", "xcomp") for c in verb.children):
        return None
    after = [c for c in verb.children if c.i > verb.i and not c.is_punct]
    if len(after) != 1 or after[0].dep_ not in ("dobj", "npadvmod", "attr", "appos", "oprd"):
        return None
    name = after[0]
    if not (name.pos_ == "PROPN" or name.ent_type_ in PERSON_LABELS):
        return None
    return name if ends_sentence(doc, name.right_edge.i + 1) else None


INVERTED_WORDS = 10  # at most this many words from "said" to the end of the name after it


def _name_closing_inversion(verb: Token) -> Token | None:
    """'“…,” said Tory shadow local government secretary Caroline Spelman.': after a quote
    and "said", a title and a person's name that end the sentence, which the parser read as
    a clause of their own ("shadow" a verb, "Tory" its subject); the name."""
    doc = verb.doc
    if verb.i < 2 or not doc[verb.i - 1].is_quote or not doc[verb.i + 1:verb.i + 2].text[:1].isupper():
        return None
    end = verb.i + 1
    while end < len(doc) and not ends_sentence(doc, end) and end - verb.i <= INVERTED_WORDS:
        end += 1
    if end >= len(doc) or not ends_sentence(doc, end) or end - verb.i < 3:
        return None
    last = doc[end - 1]
    if last.ent_type_ not in PERSON_LABELS or last.ent_iob_ == "O":
        return None
    words = doc[verb.i + 1:end]
    if any(t.is_punct or t.pos_ in ("PRON", "DET", "ADP", "CCONJ", "SCONJ") for t in words):
        return None  # (not a list, a clause or "said as he left")
    start = last.i
    while start > verb.i + 1 and doc[start - 1].ent_type_ in PERSON_LABELS and doc[start].ent_iob_ != "B":
        start -= 1
    if start == verb.i + 1:
        return None  # (the name right after "said": the parse already finds it)
    return last


def _name_after_opener(subject: Token) -> Token | None:
    """'Welcoming the ruling, Maeve Sherlock, chief executive of …, said': a participle
    opening the sentence that the parser made the subject, with the name set off after it
    hung on it; the name."""
    if subject.dep_ != "csubj" or subject.tag_ != "VBG":
        return None
    doc = subject.doc
    for child in subject.children:
        if child.i > subject.i and child.pos_ == "PROPN" and child.dep_ in ("dep", "appos", "npadvmod", "nsubj") \
                and doc[child.left_edge.i - 1].text == "," and child.text[:1].isupper():
            return child
    return None


TIME_LABELS = ("DATE", "TIME")


def _subjects_first(verb: Token) -> list[Token]:
    """The verb's children, a time expression the parser made a second subject after the
    others ("But this financial year, because of …, he said …": "year" and "he" both
    nsubj): a fronted adverbial of time is never the one who speaks."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) < 2:
        return children
    # (nor a word the parser took for a verb: "Ex-BBC chat show host and … MEP X has said",
    # "show" and "X" both nsubj)
    timed = {c.i for c in subjects if c.ent_type_ in TIME_LABELS or c.tag_.startswith("VB")}
    return [c for c in children if c.i not in timed] + [c for c in children if c.i in timed]


def subject_of(verb: Token) -> Token | None:
    """The subject of a speech verb, or of the verb it hangs from: "X said and added …",
    "X went on to say …", "he was quoted as saying …"."""
    inverted = closing_inversion(verb) or _name_closing_inversion(verb)
    if inverted is not None:
        return inverted
    root = sentence_of(verb).root
    if (verb.tag_ == "VBG" and root is not verb and speech_verb(root) is not None
            and any(a.dep_ == "ccomp" for a in verb.ancestors)):
        # "X told Y that Z “…,” adding, “…”": the parser hung "adding" inside what X
        # reported; it is X's
        subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
    if _reduced_clause_of_person(verb):
        return verb.head  # "“…,” Lena Ortiz, the risk officer, mentioned in a commentary"
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        # "she remembers him apologizing, saying …": the one in the small clause before it
        small = [c for c in verb.head.children if c.dep_ == "ccomp" and c.tag_ == "VBG" and c.i < verb.i
                 and not any(a.dep_ in ("aux", "auxpass") for a in c.children)]
        subjects = [c for c in small[-1].children if c.dep_ == "nsubj" and c.pos_ in ("PRON", "PROPN")] if small else []
        if subjects:
            return subjects[0]
        # "the killings have left 62 percent of voters saying …": the people right before it
        objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.right_edge.i + 1 == verb.i and _people(c)]
        if objects:
            return objects[0]
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.i + 1 == verb.i and _people(verb.head) \
            and not (verb.head.dep_ == "pobj" and verb.head.head.lower_ == "to"):
        # "… left many of the residents saying …" (not "a letter to voters saying")
        noun = verb.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PRON", "ADJ", "NUM"):
            noun = noun.head.head
        return noun
    stranded = _stranded_subject(verb)
    if stranded is not None:
        return stranded
    current = verb
    for _ in range(4):
        for child in _subjects_first(current):
            if child.dep_ in SUBJECT_DEPS and not _dateline(child) and not _after_to(child):
                if current is verb and _one_told(verb, child):
                    return _misread_subject(verb, any_dep=True) or child
                return _name_after_opener(child) or child
        if current is verb and _misread_subject(verb) is not None:
            return _misread_subject(verb)
        if current.dep_ == "acl" and current.head.lemma_.lower() in speech_nouns() and current.head.head.i != current.head.i:
            current = current.head.head  # "she released a statement saying, “…”"
            continue
        if current.dep_ == "acl" and _spoken_to(current.head):
            current = current.head.head.head  # "sent a letter to voters saying, “…”": not the voters
            if current.dep_ in ("dobj", "pobj") and current.lemma_.lower() in speech_nouns():
                current = current.head
            continue
        doer = _doer_of_participle(current) if current is verb else None
        if doer is not None:
            current = doer  # "X defended the move saying …": X's, not the move's
            continue
        if current.dep_ == "prep" and current.lower_ == "of" and current.head.pos_ == "NOUN" \
                and current.head.dep_ in ("dobj", "attr") and current.head.head.pos_ in ("VERB", "AUX"):
            current = current.head.head  # "she made a point of saying …": hers
            continue
        if current.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep") or current.head.i == current.i:
            return None
        if current.dep_ == "advcl" and current.tag_ in ("VBD", "VBZ", "VBP"):
            return None  # a finite clause of its own ("… as a heckler yelled"): not the main subject's
        current = current.head
    return None


def _doer_of_participle(verb: Token) -> Token | None:
    """'X defended the move saying …', 'argued against discrimination saying …': a speech
    participle the parser hung on the object of the verb before it, a thing (no person, no
    name, no message that could say it): that verb, whose subject speaks."""
    noun = verb.head
    entry = speech_verb(verb)
    if verb.tag_ != "VBG" or verb.dep_ != "acl" or noun.pos_ != "NOUN" or noun.ent_type_ or _people(noun) \
            or noun.lemma_.lower() in speech_nouns() | carrier_nouns() or entry is None or "evidential" in entry.flags:
        return None  # ('a tone suggesting …', 'held up a sign saying …': the thing's)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and speech_verb(head.head) is not None:
        head = head.head  # ('comes despite his allies saying …': theirs)
    elif noun.dep_ != "dobj":
        return None
    return head if head.pos_ == "VERB" and head.i < noun.i else None


MISREAD_SUBJECT_DEPS = ("advmod", "npadvmod", "dep", "compound", "nmod", "amod")


def _one_told(verb: Token, subject: Token) -> bool:
    """'X told CBC News the laws favour …' read with "CBC News" as the subject: after a verb
    whose object is the one spoken to, with the reported clause after it, the "subject" is
    whom it was told to."""
    entry = speech_verb(verb)
    return (entry is not None and "addressee" in entry.flags and subject.i > verb.i
            and any(c.dep_ == "ccomp" and c.i > subject.i for c in verb.children))


def _misread_subject(verb: Token, any_dep: bool = False) -> Token | None:
    """'Still, McNeely said disease can …': a name or a pronoun right before a speech verb
    that the parser took for a modifier of it (`any_dep`: or for anything else); the one who
    speaks."""
    doc = verb.doc
    if verb.i == 0 or not verb.tag_.startswith("VB"):
        return None
    before = doc[verb.i - 1]
    if not any_dep and (before.head.i != verb.i or before.dep_ not in MISREAD_SUBJECT_DEPS) \
            and not _ends_fronted_adverbial(verb, before):
        return None
    if before.pos_ == "PROPN" or before.ent_type_ in PERSON_LABELS or (
            before.pos_ == "PRON" and before.lower_ in ("he", "she", "they", "we", "i")):
        return before
    return None


def _ends_fronted_adverbial(verb: Token, before: Token) -> bool:
    """'Speaking in Harrogate Mr Kennedy said: …', 'When asked if … Eriksson replied: …': a
    verb with no subject right after an adverbial with no comma that the parser let run
    over the name; the name, which ends it, is the subject."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ == "conj" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False  # (a conjunct shares its first verb's subject: 'X has said … but on Wednesday said …')
    if before.ent_type_ in ("DATE", "TIME"):
        return False
    return (before.ent_type_ in PERSON_LABELS or before.pos_ == "PROPN") and any(
        c.dep_ in ("advcl", "prep") and c.i < verb.i and c.right_edge.i == before.i for c in verb.children)


def _stranded_subject(verb: Token) -> Token | None:
    """'… asked about his health and Pavlo suggested …' parsed with "Pavlo" as a conjunct of
    "health": a name (or "he", "she") right after a conjunction and right before a conjoined
    verb is that verb's subject, when the verb has no subject of its own or one whose words
    hold a verb of their own ("The captain …, and his mother approached X and …"): not the
    first clause's."""
    doc = verb.doc
    if verb.i < 2 or verb.dep_ not in ("conj", "ROOT") or not verb.tag_.startswith("VB"):
        return None
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and not any(t.tag_ in ("VBD", "VBZ", "VBP") for t in child.subtree):
            return None
    before = doc[verb.i - 1]
    if before.dep_ != "conj" or before.head.i == verb.i or before.left_edge.i == 0:
        return None
    if doc[before.left_edge.i - 1].dep_ != "cc":
        return None
    if before.ent_type_ in PERSON_LABELS or (before.pos_ == "PRON" and before.lower_ in ("he", "she")):
        return before
    return None


def _people(noun: Token) -> bool:
    """A noun phrase that names people: a person, "them", "residents", "62 percent of
    voters", "many of them"."""
    if noun.ent_type_ in PERSON_LABELS or (noun.pos_ == "PRON" and noun.lower_ in ("him", "her", "them", "us")):
        return True
    words = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    return any(w.pos_ == "NOUN" and is_person_noun(w.lemma_.lower()) for w in words)


def _reduced_clause_of_person(verb: Token) -> bool:
    """A speech verb the parser hung on a person's name as a participle ("X, an officer,
    mentioned in a commentary"; "X, quoted in the report"): the person spoke, unless an
    agent says someone else did ("X, praised by Y")."""
    head = verb.head
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and head.i < verb.i and head.ent_type_ in PERSON_LABELS
            and any(t.text == "," for t in verb.doc[head.i:verb.i])
            and not any(c.dep_ == "agent" for c in verb.children))


def _after_to(subject: Token) -> bool:
    """'sent a letter to voters saying …' parsed with "voters" as the subject of "saying":
    a subject right after "to" is the one spoken to."""
    first = subject.left_edge
    return subject.head.tag_ == "VBG" and first.i > 0 and subject.doc[first.i - 1].lower_ == "to"


def _spoken_to(noun: Token) -> bool:
    """The object of "to" after a verb or a noun of communication ("a letter to voters")."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "to" and prep.head.i != prep.i and (
        prep.head.lemma_.lower() in speech_nouns() or prep.head.pos_ == "VERB")


DATELINE_WORDS = 12  # tokens from a dateline's place name to the dash that ends it


def _dateline(token: Token) -> bool:
    """The place name of a wire dateline opening a paragraph ("PHILADELPHIA, July 25 (UPI)
    — The committee said …"), which the parser may take for the subject."""
    doc = token.doc
    if not (token.is_upper and len(token) > 1) or (token.i > 0 and not doc[token.i - 1].is_space):
        return False
    window = doc[token.i + 1:token.i + 1 + DATELINE_WORDS]
    return len(window) > 0 and window[0].text in (",", "(") and any(
        t.text in DASHES for t in window)


def described_on(ctx: Context, span, end: int, t_end: int) -> tuple[int, int]:
    """(end, token end) of a quoted fragment's words, run on over what the unquoted text
    after it adds to them ('called it “a step forward” [in the fight against …]')."""
    last = span.root.right_edge
    if last.i < t_end or last.sent.start != span.root.sent.start:
        return end, t_end
    words = trim_end([t for t in ctx.doc[t_end:last.i + 1] if not t.is_space])
    if not words or words[-1].idx < end or all(t.is_punct for t in words) \
            or any(t.i in ctx.in_quote and t.idx > end for t in words):
        return end, t_end
    return words[-1].idx + len(words[-1]), words[-1].i + 1
