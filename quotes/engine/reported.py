"""Reported statements: indirect speech ("X said that …"), mixed statements (reported
speech with a quoted fragment) and "according to X", each a candidate with its cue. Quoted
fragments that no reported clause holds go to `fragments.py`.

A speech verb's clausal complement is the content, grown over what the verb governs and
cut at what the speaker does next; asides in parentheses, an attribution set inside the
clause ("…, he says, …") and "according to X" are left out, the content then being two
parts of one statement.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .content_edges import (after_relative_word, closes_after, free_relative_content, is_split_subject, source_phrase_end,
                            subject_split_off)
from .cues import asserted, speech_verb, speech_verbs_in, tokens_with_lemma, tokens_with_lower
from .lexicon import content_nouns, expressing_verbs, is_title_word
from .state import Candidate, Context, Found
from .syntax import closing_inversion, described_on
from .tokens import CLOSING_MARKS, PART_OF_WORDS, ends_sentence, token_range, trim_end
from .works import is_a_title


def _content_of(verb: Token, quoted: set[int] = frozenset()) -> tuple[Token, list[Token]] | None:
    """(anchor, tokens) of what a speech verb reports, per the lexicon's flags; a clause
    that is a direct quote (tokens in `quoted`) is left to the direct sieves, and the next
    one is taken ('“…,” she said, mentioning that …')."""
    entry = speech_verb(verb)
    if entry is None or entry.quoted_only:
        return None
    children = list(verb.children)
    # a clause after the verb is what it reports; one before it, only when none follows
    # ("In the report … — X said the board had failed …": the second)
    clauses = sorted(children, key=lambda c: (c.i < verb.i or _framed(c), c.i))
    for child in clauses:
        if child.dep_ == "ccomp" and quoted:
            inside = [t.i in quoted for t in child.subtree]
            if sum(inside) * 2 > len(inside):
                continue
        if entry.direct_only and not (child.dep_ == "ccomp" and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children)):
            continue  # only a that-clause is reported speech after these ("posted that …")
        if child.dep_ == "ccomp" and is_split_subject(verb, child):
            continue  # (its words open the clause after it)
        if child.dep_ == "ccomp" or (child.dep_ == "parataxis" and child.i > verb.i):
            if _framed(child) and _clause_on_the_one_told(verb, entry, children) is not None:
                break  # ('told officers [he painted the van] so police would not …': the clause on the one told)
            child = _clause_after_the_one_told(verb, entry, child) or child
            tokens = _clause_extent(verb, child)
            subject = _subject_misread_as_object(verb, entry, child) or subject_split_off(verb, child)
            if subject is not None and tokens and tokens[0].i > subject.i:
                tokens = list(verb.doc[subject.i:tokens[0].i]) + tokens
            tokens = after_relative_word(verb, child, tokens)
            if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
                tokens = tokens[1:]
            if not _reportable(child, tokens):
                return None
            return child, _without_attribution(child, tokens)
    told = _clause_on_the_one_told(verb, entry, children)
    if told is not None:
        tokens = _clause_extent(verb, told)
        return told, _without_attribution(told, tokens)
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
    found = _clause_misread_as_head(verb) or free_relative_content(verb)
    if found is not None:
        return found
    found = _named_predicate(verb, entry, children)
    if found is not None or entry.direct_only:
        return found
    for frame in FRAMES:
        found = frame(verb, entry, children)
        if found is not None:
            return found
    return None


def _own_clause(noun: Token) -> Token | None:
    """A finite clause with a subject of its own that the parser hung on a noun, right after
    it and not opened by a relative word ("the BBC's Today programme [the figures were
    wrong]")."""
    for clause in noun.children:
        kind = clause.dep_ == "ccomp" or (clause.dep_ == "relcl" and _complete(clause))
        if kind and clause.i > noun.i and _finite(clause) \
                and clause.left_edge.lower_ not in RELATIVE_WORDS | {"whose", "where", "when"} and any(
                    c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in RELATIVE_WORDS for c in clause.children):
            return clause
    return None


def _complete(clause: Token) -> bool:
    """A clause with its object or complement in place ("he hoped [mediation could …]"), not
    a relative clause's gap ("the best campaign [the party has ever run _]")."""
    return any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd") for c in clause.children)


def _clause_on_the_one_told(verb: Token, entry, children: list[Token]) -> Token | None:
    """'told the BBC's Today programme the figures were wrong' read with the clause hung on
    the one told: that clause is what was said."""
    if "addressee" not in entry.flags:
        return None
    for child in children:
        if child.dep_ in ("dobj", "dative") and child.i > verb.i and (child.ent_type_ or child.pos_ in ("NOUN", "PROPN")):
            clause = _own_clause(child)
            if clause is not None:
                return clause
    return None


def _clause_after_the_one_told(verb: Token, entry, clause: Token) -> Token | None:
    """'told BBC Radio 4's Today programme the plan would fail' read with "programme" (a noun,
    or a verb with no subject) as the clause and the real clause hung on it: the real clause."""
    if "addressee" not in entry.flags or clause.i < verb.i or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return None
    return _own_clause(clause)


def _subject_misread_as_object(verb: Token, entry, clause: Token) -> Token | None:
    """'Ortiz said unemployment and lost earnings have broad effects' read with the clause's
    subject as the verb's object and the clause starting at "have": the words from the verb
    to the clause are its subject. After a verb whose object is the one spoken to, only a
    finite clause lacks its subject so ('warned the closure could cost jobs'; not 'told
    them to leave'), and the subject is the object right before it ('told reporters the
    closure could …')."""
    if clause.i < verb.i or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
    if "addressee" in entry.flags:
        if not objects or not _finite(clause) or objects[-1].right_edge.i + 1 != clause.left_edge.i \
                or not _no_one_told(objects[-1]):
            return None
        return objects[-1].left_edge
    first = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if first is None or first.is_punct or not objects:
        return None
    return first


def _no_one_told(phrase: Token) -> bool:
    """An object phrase that names no one who could be told: no pronoun, no name, no
    relative clause ('told CTV News it …', 'told the crowd that cuts …' stay the ones told)."""
    return phrase.pos_ != "PRON" and not any(
        t.ent_type_ or t.dep_ in ("relcl", "acl") for t in phrase.subtree)


def _finite(clause: Token) -> bool:
    """A clause whose verb is finite ("could cost", "rose"), not an infinitive or participle."""
    return clause.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in clause.children)


def _clause_misread_as_head(verb: Token):
    """'McNeely said disease can complicate a relationship' read as if "said" modified
    "complicate": the clause after the verb, which the parser made its head, is what it
    reports."""
    head = verb.head
    if verb.dep_ not in ("advmod", "npadvmod", "dep") or head.i <= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > verb.i), None)
    if subject is None or any(t.is_punct for t in verb.doc[verb.right_edge.i + 1:subject.left_edge.i]):
        return None
    return head, list(verb.doc[verb.right_edge.i + 1:head.right_edge.i + 1])


RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "what"})


def _relative_gap(verb: Token, children: list[Token]) -> bool:
    """The verb's object is a relative pronoun: what it reports has a gap ("the groups that
    X claims to support"), a phrase about a thing, not a statement."""
    return any(c.dep_ in ("dobj", "pobj") and c.lower_ in RELATIVE_WORDS and c.i < verb.i for c in children)


def _for_phrase(verb: Token, entry, children: list[Token]):
    """'called for a ceasefire'."""
    if "for" not in entry.flags:
        return None
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "for":
            pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if pobj:
                return pobj[0], list(pobj[0].subtree)
    return None


def _request(verb: Token, entry, children: list[Token]):
    """'urged people to leave', 'called on the city to act', 'advised them never to …': a
    to-infinitive after the one asked."""
    if "to" not in entry.flags or _relative_gap(verb, children) or _purpose(verb):
        return None
    asked = [c for c in children if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "on")]
    for child in children:
        own = [c for c in child.children if c.dep_ == "nsubj"]  # ("urged [people to leave]" read as a clause)
        if child.dep_ in ("xcomp", "ccomp") and _to_infinitive(child) and any(a.i < child.i for a in asked + own):
            tokens = [t for t in child.subtree if not (t.dep_ == "nsubj" and t.head.i == child.i)]
            return child, tokens
    return None


def _purpose(verb: Token) -> bool:
    """'a club has been launched to encourage people to …': an infinitive of purpose after
    a passive or a clause of its own, what something is for, not a request someone made."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.dep_ in ("advcl", "acl", "relcl") or (
        verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.head.children))


def _commitment(verb: Token, entry, children: list[Token]):
    """'agreed to continue the talks', 'vowed to fight': what the speaker commits to."""
    if "commits" not in entry.flags or _relative_gap(verb, children):
        return None
    for child in children:
        if child.dep_ == "xcomp" and _to_infinitive(child):
            return child, list(child.subtree)
    return None


def _to_infinitive(verb: Token) -> bool:
    """'to leave', and a passive one, 'to get vaccinated', 'to be paid' (the participle
    heads it, with "to" and the passive auxiliary its children)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.tag_ == "VB" or (verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children))


def _gerund(verb: Token, entry, children: list[Token]):
    """'recommends gathering more details', 'denied taking the money'."""
    if "ing" not in entry.flags or _relative_gap(verb, children):
        return None
    for child in children:
        if child.dep_ in ("xcomp", "ccomp", "dobj") and child.tag_ == "VBG" and child.i > verb.i:
            return child, list(child.subtree)
    return None


def _prepositional(verb: Token, entry, children: list[Token]):
    """'accused the board of betraying …', 'cautioned against reading too much …': what the
    preposition of the verb's `pp:` flags governs."""
    preps = entry.prepositions("pp")
    if not preps:
        return None
    # (the parser hangs the phrase on the verb or on its object: 'accused [the firm of breaking …]')
    objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
    for child in children + (list(objects[0].rights) if objects else []):
        if child.dep_ == "prep" and child.lower_ in preps and child.i > verb.i:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0], list(objects[0].subtree)
    return None


def _object_with_predicate(verb: Token, entry, children: list[Token]):
    """'cited the invasion among the threats', 'blamed fuel prices for the drop': the object
    and what the verb's phrase says of it."""
    preps = entry.prepositions("obj+pp")
    objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN", "PRON")]
    if not preps or not objects:
        return None
    # (the parser hangs the phrase on the verb or on the object)
    for child in children + list(objects[0].rights):
        if child.dep_ == "prep" and child.lower_ in preps and child.i > objects[0].i and any(
                c.dep_ in ("pobj", "pcomp") for c in child.children):
            return objects[0], [t for t in verb.doc[objects[0].left_edge.i:child.right_edge.i + 1]]
    return None


def _named_predicate(verb: Token, entry, children: list[Token]):
    """'calls it a rookie mistake', 'described the results as modest': what a naming verb
    says its object is, with the object ("it a rookie mistake"); 'in what she calls a
    betrayal': the predicate alone. A predicate in quote marks is the quoted words alone
    ('described them as “pretty modest”': “pretty modest”)."""
    if "names" not in entry.flags:
        return None
    doc = verb.doc
    objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
    if objects and _relative_gap(verb, children):
        return objects[0], list(objects[0].subtree)  # ('which X called a “disaster”' read with two objects)
    for child in children:
        if child.i <= verb.i:
            continue
        if child.dep_ == "oprd":
            predicate = child
        elif objects and child.i > objects[0].i and child.left_edge.lower_ == "as" and child.pos_ != "ADV" \
                and child.left_edge.i > objects[0].right_edge.i and child.right_edge.i > child.left_edge.i:
            predicate = child  # "as" heads it, or opens it ("as far too modest" read as a clause; not "as well")
        else:
            continue
        marks = [t for t in predicate.subtree if t.is_quote]
        if marks and marks[0].i < predicate.right_edge.i:
            # ('described it as “pretty modest”': the quoted words alone)
            words = list(doc[marks[0].i + 1:predicate.right_edge.i + 1])
            while words and (words[-1].is_quote or words[-1].is_punct):
                words.pop()
            if words:
                return predicate, words
        if objects:
            return predicate, list(doc[objects[0].left_edge.i:predicate.right_edge.i + 1])
        return predicate, list(predicate.subtree)
    return None


def _noun_object(verb: Token, entry, children: list[Token]):
    """'forecast a 3% rise in revenue': a prediction's object (flag `object`)."""
    if "object" not in entry.flags or any(c.dep_ == "dative" for c in children):
        return None  # (with a second object, "denied Republicans the votes", it is no statement)
    for child in children:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN") and sum(1 for _ in child.subtree) >= 3:
            return child, list(child.subtree)
    return None


# What else a speech verb's content can be, tried in this order after a clause.
FRAMES = (_for_phrase, _request, _commitment, _gerund, _prepositional, _object_with_predicate, _noun_object)


CONTENT_MARKS = frozenset({"that", "whether", "if"})


def _framed(clause: Token) -> bool:
    """A clause opened by a subordinator other than "that"/"whether"/"if" ('…, officials
    said, as rescuers searched …'): the writer's frame, not what was said."""
    first = clause.left_edge
    return (any(c.dep_ == "mark" and c.lower_ not in CONTENT_MARKS for c in clause.children)
            or (first.dep_ == "mark" and first.lower_ not in CONTENT_MARKS))


def _before_next_speech(tokens: list[Token], verb: Token) -> list[Token]:
    """Reported content stops before the speaker's next speech verb that the parser hung
    inside it ('says he'd sit him down and tell him “…” and tells the crowd …'): a
    coordinated speech verb in the cue's own tense, with no subject of its own."""
    for k, t in enumerate(tokens):
        if k >= 2 and _goes_on_saying(t, tokens[k - 1]):
            kept = trim_end(tokens[:k - 1])
            return kept if len(kept) >= 2 else tokens
        if k < 2 or t.dep_ != "conj" or t.tag_ != verb.tag_ or t.tag_ not in ("VBZ", "VBD"):
            continue
        entry = speech_verb(t)
        if entry is None or entry.weak or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
            continue
        cut = k
        while cut and (tokens[cut - 1].dep_ == "cc" or tokens[cut - 1].is_punct) and tokens[cut - 1].text not in CLOSING_MARKS:
            cut -= 1
        kept = trim_end(tokens[:cut])
        return kept if len(kept) >= 2 else tokens
    return tokens


CONTRAST_MARKS = frozenset({"while", "whereas", "but"})


def _before_another_speaker(tokens: list[Token], verb: Token) -> list[Token]:
    """Reported content stops where another speaker's speech act begins in the same sentence
    ('X told the board that A, but board members said B'; 'the Tories say A while the Lib
    Dems say B'): a speech verb with a subject of its own, coordinated or set against the
    first. What it reports is a statement of its own."""
    inside = {t.i for t in tokens}
    for k, t in enumerate(tokens):
        if k < 2 or t.i == verb.i or t.dep_ not in ("conj", "advcl"):
            continue
        entry = speech_verb(t)
        if entry is None or entry.weak or not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            continue  # ('said that A and that it would respond …': a second that-clause of the same statement)
        if (entry.direct_only or entry.quoted_only) and _content_of(t) is None and not any(u.is_quote for u in t.subtree):
            continue  # ('said A, and the government will continue to fight …': a cue of quotes alone, quoting nothing)
        if t.dep_ == "advcl" and not any(c.dep_ in ("mark", "advmod") and c.lower_ in CONTRAST_MARKS for c in t.children):
            continue  # ("… because the mayor said no": part of the reason given)
        first = t.left_edge
        cut = next((j for j, u in enumerate(tokens) if u.i >= first.i), len(tokens))
        while cut and (tokens[cut - 1].dep_ == "cc" or tokens[cut - 1].is_punct) and tokens[cut - 1].text not in CLOSING_MARKS:
            cut -= 1
        if first.i in inside:
            kept = trim_end(tokens[:cut])
            return kept if len(kept) >= 2 else tokens
    return tokens


def _before_relative_speech(tokens: list[Token]) -> list[Token]:
    """Reported content stops before a relative clause set off by a comma in which someone
    speaks again ('… a 29% drop since 1997, which he said the city needed to address', '…
    came from X, who said …'): the writer's link to a second statement, which that verb
    reports."""
    for k, t in enumerate(tokens):
        if k < 3 or t.dep_ != "relcl" or speech_verb(t) is None or speech_verb(t).weak:
            continue
        first = t.left_edge
        if first.i == 0 or first.doc[first.i - 1].text != "," or first.lower_ not in RELATIVE_WORDS:
            continue
        cut = next((j for j, u in enumerate(tokens) if u.i >= first.i), len(tokens))
        kept = trim_end(tokens[:cut])
        return kept if len(kept) >= 2 else tokens
    return tokens


def _before_participle_aside(tokens: list[Token]) -> list[Token]:
    """Reported content stops before a participle the writer adds after a comma at its end
    ('… before they go out, denying the juicy stuff to the public')."""
    for k, t in enumerate(tokens):
        if k >= 3 and t.tag_ == "VBG" and _participle_aside(t) and t.right_edge.i >= tokens[-1].i:
            kept = trim_end(tokens[:k])
            return kept if len(kept) >= 2 else tokens
    return tokens


def _goes_on_saying(t: Token, before: Token) -> bool:
    """', saying the party needs to move on', ', adding that …': a statement of its own that
    the parser hung inside the one before."""
    if before.text != "," or t.dep_ != "advcl" or t.tag_ != "VBG":
        return False  # (before the lexicon: most tokens are none of these)
    entry = speech_verb(t)
    return entry is not None and not entry.weak and any(c.dep_ == "ccomp" for c in t.children)


FRAME_MARKS = frozenset({"as", "while"})


def _before_writers_frame(tokens: list[Token]) -> list[Token]:
    """Reported content that ends with a quoted fragment stops before an "as"/"while"
    clause after it ('says he's “excited” as he faces a test'): the writer's frame."""
    for k, t in enumerate(tokens):
        if k < 2 or t.dep_ != "mark" or t.lower_ not in FRAME_MARKS or t.head.dep_ != "advcl":
            continue
        before = tokens[k - 1] if tokens[k - 1].text != "," else tokens[k - 2]
        if before.text in CLOSING_MARKS:
            return trim_end(tokens[:k])
    return tokens


def _before_direct_quote(tokens: list[Token], direct_tokens: set[int]) -> list[Token]:
    """Reported content stops where a direct quote of its own begins ('… “maniacal,”
    adding, “She lost …”'), without the words that lead into that quote."""
    cut = next((k for k, t in enumerate(tokens) if k and t.i in direct_tokens), len(tokens))
    tokens = trim_end(tokens[:cut])
    while tokens and tokens[-1].tag_ == "VBG" and speech_verb(tokens[-1]) is not None:
        tokens = trim_end(tokens[:-1])
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
            if close is None and closes_after(tokens):
                break  # a gloss closed after the content's last word ('… Initiative (PFI).'): its end
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
        part = trim_end(part)
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


SET_OFF = (",", "\u2014", "\u2013", "(", ")")  # what sets an attribution off inside a clause


def _around_attribution(verb: Token) -> list[list[Token]] | None:
    """'It's common, he explains, for a man to …', 'The plan, she said, has failed': an
    attribution set off by commas inside the clause it reports (the parser makes it a
    parataxis of that clause). The content is the clause without it, in one or two parts."""
    head = verb.head
    name = closing_inversion(verb)
    if name is not None:  # '…, but for society at large, argued Ortiz.': all before the verb
        parts = _parts_around(verb.doc, head, range(verb.i, name.right_edge.i + 1))
        return parts if parts and sum(len(p) for p in parts) >= 3 and parts[-1][-1].i < verb.i else None
    # ('…, where they left a grenade in the lobby, a guard told X.' read as an adverbial clause)
    closing = verb.dep_ == "advcl" and _closing_attribution(verb)
    if not closing and (verb.dep_ != "parataxis" or head.pos_ not in ("VERB", "AUX")
                        or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)):
        return None
    words = [t for t in verb.subtree if not t.is_punct]
    doc = verb.doc
    if words[0].i == 0 or doc[words[0].i - 1].text not in SET_OFF:
        return None
    if head.i > verb.i and (words[-1].i + 1 >= len(doc) or doc[words[-1].i + 1].text not in SET_OFF):
        return None  # before the verb it reports, the attribution is closed off too
    parts = _parts_around(verb.doc, head, range(verb.left_edge.i, verb.right_edge.i + 1))
    if not parts or sum(len(p) for p in parts) < 3 or parts[0][0].i > verb.i:
        return None
    return parts


NOMINAL_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"})
ATTRIBUTION_WORDS = 6  # words of the speaker's noun phrase in a set-off attribution at most


def _nominal_run(doc, start: int, step: int, limit: int) -> int:
    """The index past a run of noun-phrase words from `start` in direction `step`."""
    i = start
    while 0 <= i < len(doc) and abs(i - start) < limit and (
            doc[i].pos_ in NOMINAL_POS or is_title_word(doc[i].text) or (doc[i].text == "." and i > 0 and is_title_word(doc[i - 1].text))):
        i += step
    return i


def _set_off_attribution(verb: Token) -> list[list[Token]] | None:
    """'By contrast, said Mr Renner, learning … may mean …', 'The hard part, said Renner,
    was …', 'But, he said, using …': an attribution set off by commas or dashes inside the
    sentence it reports, read from the words whatever the parser made of it (the verb and
    one noun phrase, before or after it). The content is the sentence on either side."""
    doc = verb.doc
    sent = verb.sent
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return None  # a participle naming the noun before ('a partnership, called X, which …')
    before = _nominal_run(doc, verb.i - 1, -1, ATTRIBUTION_WORDS + 1)
    after = _nominal_run(doc, verb.i + 1, 1, ATTRIBUTION_WORDS + 1)
    subject_before, subject_after = before < verb.i - 1, after > verb.i + 1
    if subject_before == subject_after or before < sent.start or after >= sent.end:
        return None  # (one speaker, on one side)
    if doc[before].text not in SET_OFF or doc[after].text not in SET_OFF:
        return None
    if any(t.i in range(sent.start, before) and t.is_quote for t in sent) or before <= sent.start:
        return None
    first = [t for t in doc[sent.start:before] if not t.is_space]
    if subject_after:
        after = _past_role(doc, after, sent.end)
    last = trim_end([t for t in doc[after + 1:sent.end] if not t.is_space])
    while last and last[0].is_punct:
        last = last[1:]
    if not last or not any(t.pos_ in ("VERB", "AUX") for t in last):
        return None  # the sentence goes on with a clause after the attribution
    if last[0].pos_ == "SCONJ" and last[0].lower_ not in CONTENT_MARKS or not any(t.tag_ in FINITE_TAGS for t in last):
        return None  # ('…, officials said, as rescuers searched …', '…, raising the possibility …': the writer's)
    return [part for part in (first, last) if part]


CLOSING_SPEAKER_WORDS = 10  # words of a closing speaker phrase ("her lawyer, Perry Wander,") at most


def _speaker_misread_in_content(verb: Token) -> list[list[Token]] | None:
    """'The woman waited to sue because …, her lawyer, Perry Wander, said.': a verb that ends
    its sentence with no subject, the parser having hung the speaker's noun phrase on the
    clause before it (which it made the verb's clause). The content is the sentence up to
    the comma before that phrase, a run of noun-phrase words and commas that names a person
    (`verb.attribute_verb` takes that person)."""
    doc = verb.doc
    sent = verb.sent
    if verb.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    if not all(t.is_punct or t.is_space for t in doc[verb.i + 1:sent.end]):
        return None
    if not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    k = verb.i - 1
    comma = None
    while k > sent.start and verb.i - k <= CLOSING_SPEAKER_WORDS + 1:
        t = doc[k]
        if t.text == ",":
            comma = k
        elif not (t.pos_ in NOMINAL_POS or t.pos_ == "PART" and t.lower_ in ("'s", "\u2019s") or is_title_word(t.text)):
            break
        k -= 1
    if comma is None:
        return None
    # the earliest comma whose phrase after it names a person, with a clause before it
    for start in range(k + 1, verb.i):
        if doc[start].text != ",":
            continue
        phrase = doc[start + 1:verb.i]
        if not any(t.ent_type_ == "PERSON" for t in phrase):
            continue
        content = trim_end([t for t in doc[sent.start:start] if not t.is_space])
        if len(content) >= 3 and any(t.tag_ in FINITE_TAGS for t in content):
            return [content]
        return None
    return None


ROLE_WORDS = 15  # words of a role set off after the speaker's name at most


def _past_role(doc, comma: int, end: int) -> int:
    """The comma that closes a role set off after the speaker ('What this means, said X,
    [senior vice president of Y,] is that …'): a noun phrase with no verb; else `comma`."""
    start = comma + 1
    if start >= end or doc[start].pos_ not in NOMINAL_POS:
        return comma
    for k in range(start + 1, min(end, start + ROLE_WORDS + 1)):
        if doc[k].text == ",":
            # the clause goes on after it: its verb, a pronoun or "and" ('…, is that …'),
            # not a list's next item ('the code for viruses such as A, B and C were …')
            following = doc[k + 1] if k + 1 < end else None
            opens = following is not None and (following.tag_ in FINITE_TAGS or following.pos_ in ("AUX", "PRON", "CCONJ"))
            return k if opens else comma
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].tag_ in FINITE_TAGS or doc[k].is_quote or doc[k].text in SET_OFF:
            return comma
    return comma


CONNECTIVE_WORDS = 3  # a first part this short with no verb is a connective ("But", "For instance")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _without_connective(parts: list[list[Token]] | None) -> list[list[Token]] | None:
    """Reported content in parts around its attribution, without a first part that only
    links the sentence to the one before ('But, he said, …', 'For instance, he said, …',
    'By contrast, said X, …') and without a last part that is the writer's ('…, he said,
    though he named no one', '…, he said, according to the complaint', '…, the Red Cross
    said, raising the possibility …': a subordinator's frame, or no finite verb)."""
    if not parts or len(parts) < 2:
        return parts
    first = [t for t in parts[0] if not t.is_punct]
    if first and len(first) <= CONNECTIVE_WORDS and first[0].pos_ in ("CCONJ", "ADV", "ADP", "SCONJ") \
            and not any(t.pos_ in ("VERB", "AUX") for t in first):
        parts = parts[1:]  # (a subject is no connective: 'The plan, she said, has failed')
    if len(parts) >= 2:
        last = [t for t in parts[-1] if not t.is_punct and t.dep_ != "cc"]
        if not last or (last[0].pos_ == "SCONJ" and last[0].lower_ not in CONTENT_MARKS | {"for"}) \
                or _participle_phrase(last):
            parts = parts[:-1]
    return parts


def _participle_phrase(words: list[Token]) -> bool:
    """'raising the possibility of …', 'according to the complaint': a participle heads the
    words, with no subject."""
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    return bool(heads) and heads[0].tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass") or c.tag_ in FINITE_TAGS for c in heads[0].children)


def _closing_attribution(verb: Token) -> bool:
    """An adverbial clause that is only an attribution closing its sentence after a comma:
    a subject, the verb, perhaps the one told, then the full stop."""
    doc = verb.doc
    if verb.i < verb.head.i or any(c.dep_ in ("ccomp", "xcomp", "advcl", "conj") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subjects or subjects[0].left_edge.i == 0 or doc[subjects[0].left_edge.i - 1].text != ",":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    entry = speech_verb(verb)
    if objects and (entry is None or "addressee" not in entry.flags):
        return False
    return ends_sentence(doc, verb.right_edge.i + 1)


def _clause_extent(verb: Token, clause: Token) -> list[Token]:
    """The reported clause, grown over what the verb governs after it: "X said [that …]
    because …, and …" runs to the end of the sentence; "[…], X said" starts the sentence."""
    subtree = list(clause.subtree)
    sent = verb.sent
    if clause.i > verb.i:
        later = [t for t in verb.rights if t.i > clause.right_edge.i
                 and t.dep_ in ("advcl", "conj", "prep", "npadvmod", "ccomp") and not _second_predicate(t)
                 and not _participle_aside(t)]
        if later and any(_second_predicate(t) for t in verb.rights if clause.right_edge.i < t.i < later[0].i):
            later = []  # "says A but argues B, because …": what follows the second verb is its own
        end = max([subtree[-1].i] + [t.right_edge.i for t in later])
        return [t for t in sent.doc[subtree[0].i:end + 1]]
    start = min(subtree[0].i, sent.start)
    # everything up to the attribution: "[It means …, a significant finding], researchers say"
    attribution = [verb.i] + [c.left_edge.i for c in verb.lefts if c.i > clause.i and c.dep_ != "punct"]
    end = max(subtree[-1].i, min(attribution) - 1)
    return [t for t in sent.doc[start:end + 1]]


def _participle_aside(token: Token) -> bool:
    """'…, denying the juicy stuff to the public': a participle the writer adds after a
    comma, with no subject of its own; not what was said."""
    doc = token.doc
    return (token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN") and token.left_edge.i > 0
            and doc[token.left_edge.i - 1].text == "," and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children))


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
    if clause.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in clause.children):
        return False  # ('he said, eyes welling up with tears': the writer's, no clause of the speaker)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children)
    return has_subject or len(tokens) >= 6


def _without_attribution(anchor: Token, tokens: list[Token]) -> list[Token]:
    """The reported clause without an 'according to X' that names its source."""
    drop = set()
    for t in tokens:
        if t.lower_ == "according" and t.head.i == anchor.i:
            drop.update(range(t.left_edge.i, t.right_edge.i + 1))
    return [t for t in tokens if t.i not in drop]


def reported_candidates(ctx: Context, found: Found) -> list[Candidate]:
    """A candidate for every speech verb that reports content of its own (not a direct
    quote's), in reading order; a verb inside content found before is left to the
    attribution stage to drop ("X said that the city expects …": part of what X said)."""
    doc = ctx.doc
    fragments = found.fragments
    direct_tokens = set()
    for c in found["direct"]:
        direct_tokens.update(range(*c.tokens))
    candidates = []
    for verb in speech_verbs_in(doc):
        if verb.i in ctx.in_quote:
            continue
        if any(s <= verb.idx < e for s, e in ctx.skip):
            continue
        if not asserted(verb):
            continue
        parts = _without_connective(_set_off_attribution(verb) or _around_attribution(verb)) or _speaker_misread_in_content(verb)
        if parts:
            tokens = [t for part in parts for t in part]
        else:
            content = _content_of(verb, direct_tokens)
            if content is None:
                continue
            anchor, tokens = content
            if any(f.start <= anchor.idx < f.end and is_a_title(ctx, f) for f in fragments):
                continue  # the "clause" is a title in quote marks ('In his book, “Make It Count,” X argues')
            tokens = trim_end(_over_false_sentence_ends([t for t in tokens if not t.is_space]))
            tokens = _before_next_speech(tokens, verb)
            tokens = _before_another_speaker(tokens, verb)
            tokens = _before_relative_speech(tokens)
            tokens = _before_participle_aside(tokens)
            tokens = _before_writers_frame(tokens)
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
            end = max(end, max(f.end for f in inside))  # '… that “he loves you.”': the whole fragment
            last = max(inside, key=lambda f: f.end)
            f_start, f_end = token_range(doc, last.start, last.end)
            in_content = {t.i for t in tokens}
            if f_end > f_start and doc[f_start:f_end].root.i not in in_content:
                # (the words of a fragment the content only leads into: 'called it “…” in …')
                end = max(end, described_on(ctx, doc[f_start:f_end], last.end, f_end)[0])
        spans = tuple((p[0].idx, p[-1].idx + len(p[-1])) for p in parts)
        spans = spans[:-1] + ((spans[-1][0], max(end, spans[-1][1])),)
        candidates.append(Candidate(kind=kind, content=(tokens[0].i, parts[0][-1].i + 1), verb=verb,
                                    phrase_ranges=((tokens[0].i, tokens[-1].i + 1),),
                                    start=start, end=end, spans=spans, tokens=(tokens[0].i, tokens[-1].i + 1),
                                    holds=tuple(inside)))
    return candidates


def noun_cue_candidates(ctx: Context, found: Found) -> list[Candidate]:
    """'expressed doubts that the plan would work', 'citing evidence the recovery was robust',
    'her criticism was that …', 'his message is simple: …': a noun of what was said
    (`content_nouns.txt`) and the clause it holds. The verb that expresses it, or the
    noun's owner, names the speaker."""
    doc = ctx.doc
    direct_tokens = {i for c in found["direct"] for i in range(*c.tokens)}
    candidates = []
    for noun in tokens_with_lemma(doc, content_nouns()):
        if noun.pos_ != "NOUN" or noun.i in ctx.in_quote or any(s <= noun.idx < e for s, e in ctx.skip):
            continue
        content = _expressed_content(noun) or _equated_content(noun)
        if content is None:
            continue
        cue, tokens = content
        tokens = trim_end([t for t in tokens if not t.is_space])
        if len(tokens) < 3 or sum(1 for t in tokens if t.i in direct_tokens) > len(tokens) / 3:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        candidates.append(Candidate(kind="indirect", content=(tokens[0].i, tokens[-1].i + 1), verb=cue,
                                    phrase_ranges=((noun.i, noun.i + 1),), start=start, end=end,
                                    spans=((start, end),), tokens=(tokens[0].i, tokens[-1].i + 1)))
    return candidates


def _expressed_content(noun: Token) -> tuple[Token, list[Token]] | None:
    """('expressed', the clause) for 'expressed doubts that …', 'dismissed claims that …'."""
    verb = noun.head
    if noun.dep_ != "dobj" or not (verb.lemma_.lower() in expressing_verbs() or speech_verb(verb) is not None) \
            or not asserted(verb):
        return None
    for clause in noun.children:
        if clause.dep_ in ("acl", "ccomp") and clause.i > noun.i and clause.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            return verb, [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
    return None


def _equated_content(noun: Token) -> tuple[Token, list[Token]] | None:
    """(the copula, what follows) for 'her criticism was that …', 'his message is simple: …':
    the noun, owned by someone, is the subject of "be"."""
    copula = noun.head
    if noun.dep_ != "nsubj" or copula.lemma_ != "be" or not any(c.dep_ == "poss" for c in noun.children):
        return None
    for clause in copula.children:
        if clause.dep_ == "ccomp" and clause.i > copula.i:
            return copula, [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
    sent = copula.sent
    colon = next((t for t in copula.doc[copula.i + 1:min(sent.end, copula.i + 4)] if t.text == ":"), None)
    if colon is not None:
        return copula, list(copula.doc[colon.i + 1:sent.end])
    return None


def according_candidates(ctx: Context, found: Found) -> list[Candidate]:
    """'According to X, …' standing alone: the clause it modifies is X's statement."""
    doc = ctx.doc
    candidates = []
    for token in tokens_with_lower(doc, "according"):
        if token.i in ctx.in_quote:
            continue
        if any(s <= token.idx < e for s, e in ctx.skip):
            continue
        head = token.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ in ("nsubj", "nsubjpass", "pobj", "prep") \
                and head.head.i != head.i:
            head = head.head  # 'Some of those concerns, according to X, include …': the clause of its subject
        if head.pos_ not in ("VERB", "AUX"):
            continue
        last = all(t.is_punct or t.is_space for t in ctx.doc[token.right_edge.i + 1:head.right_edge.i + 1])
        while last and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "A and B, according to X": the whole coordination
        phrase = range(token.left_edge.i, source_phrase_end(token, head) + 1)
        parts = _after_fronted_adverbials(_parts_around(ctx.doc, head, phrase), head)
        if sum(len(p) for p in parts) < 3:
            continue
        tokens = [t for p in parts for t in p]
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        spans = tuple((p[0].idx, p[-1].idx + len(p[-1])) for p in parts)
        candidates.append(Candidate(kind="indirect", content=(tokens[0].i, tokens[-1].i + 1),
                                    phrase_ranges=((token.i, token.right_edge.i + 1),),
                                    start=start, end=end, spans=spans, tokens=(tokens[0].i, tokens[-1].i + 1)))
    return candidates


def _after_fronted_adverbials(parts: list[list[Token]], head: Token) -> list[list[Token]]:
    """Content that starts with adverbials set off by commas before its clause's subject
    ('For example, in Elmsford, where …, 795 adults remain …, according to X') starts at
    the subject: the writer's way into the sentence is not the source's claim."""
    if not parts:
        return parts
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < head.i), None)
    first = parts[0]
    if subject is None or subject.left_edge.i <= first[0].i:
        return parts
    before = [t for t in first if t.i < subject.left_edge.i]
    if not before or before[-1].text != "," or any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == head.i for t in before):
        return parts
    kept = [t for t in first if t.i >= subject.left_edge.i]
    return ([kept] if kept else []) + parts[1:]


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
        while part and part[-1].is_punct and part[-1].text not in PART_OF_WORDS:
            part = part[:-1]
        if part:
            trimmed.append(part)
    return trimmed
