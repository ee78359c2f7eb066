"""The organisations pass: the organisations and places an article names, each under its
fullest name.

"Samsung" and "Samsung Electronics Co.", "EDC" and "Export Development Canada (EDC)", "the
Post" and "The Washington Post" are one organisation. What the article says each one is
("Cisco Talos, a security firm", "media buying company GroupM", "X is a utility") is kept,
so that "the firm" or "the utility" can point back to it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Span, Token

from ...datafiles import lines
from ...names import not_a_name, visible
from ..lexicon import is_title_word, organisation_name_words, organisation_nouns
from ..tokens import proper_nouns, sentences_back
from .graph import Entity, Graph, Kind, Link, Mention

LABELS = {"ORG": "organisation", "GPE": "place"}
FUNCTION_WORDS = frozenset(lines("acronym_skipped_words.txt"))  # initials leave them out
CAPITALISED_RUN = re.compile(r"[A-Z][\w'\u2019&.-]*(?:,?\s+(?:(?:of|and|for|the|on|in|to|at|&|de|du|des|la|le)\s+)*"
                             r"[A-Z][\w'\u2019&.-]*)+")
MAIN_PLACE_MENTIONS = 3  # mentions that make a place the one "the city" means, with most of them
RECENT_SENTENCES = 2  # sentences before a description in which its one organisation may be named
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}s?$")


@lru_cache(maxsize=4096)
def display_name(text: str) -> str:
    """An organisation's name as the text writes it, without a possessive ending; a leading
    "The" in lower case ("the Democratic Harbour Committee")."""
    text = re.sub(r"['\u2019\u2018]s$", "", " ".join(visible(text).split())).strip(" ,.;:")
    return re.sub(r"^The\s+", "the ", text)


@lru_cache(maxsize=4096)
def clean_name(text: str) -> str:
    """An organisation's name without a leading "the" or a possessive ending: how names are
    compared."""
    text = re.sub(r"['\u2019\u2018]s$", "", " ".join(visible(text).split()))
    return re.sub(r"^[Tt]he\s+", "", text).strip(" ,.;:")


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """The capitals of a name's words, function words left out: "Export Development
    Canada" -> "EDC", "Immigration, Refugees and Citizenship Canada" -> "IRCC"."""
    words = [w for w in re.split(r"[\s,/-]+", name) if w and w.lower() not in FUNCTION_WORDS]
    return "".join(w[0] for w in words if w[0].isupper())


def is_acronym(text: str) -> bool:
    return bool(ACRONYM.match(text))


def _prefix(short: list[str], long: list[str]) -> bool:
    """The words of `short` open `long`, and say more than a generic noun ("Samsung" of
    "Samsung Electronics Co."; not "Bank" of "Bank of Canada")."""
    return (0 < len(short) < len(long) and long[:len(short)] == short
            and not (len(short) == 1 and short[0] in organisation_nouns()))


def _clipped(short: list[str], long: list[str]) -> bool:
    """One word that is the clipped first word of a longer name ("fed" of "federal
    reserve"), three letters at least, not an organisation noun."""
    return (len(short) == 1 and len(long) > 1 and len(short[0]) >= 3 and short[0].isalpha() and long[0].isalpha()
            and long[0] != short[0]
            and long[0].startswith(short[0]) and short[0] not in organisation_nouns())


def _article_of(ent: Span) -> bool:
    """The "the" before an entity is its own ("the EU said"), not that of a longer phrase
    the name only modifies ("the Harbour Bank branch", "the Norvale police"): a name is never given
    an article it does not take."""
    the = ent.doc[ent.start - 1] if ent.start > 0 else None
    return the is not None and the.lower_ == "the" and ent.start <= the.head.i < ent.end


def add_organisations(graph: Graph) -> None:
    """The organisations (ORG) and places (GPE) of the article and a link for each mention."""
    doc = graph.doc
    for ent in graph.ents:
        kind = LABELS.get(ent.label_) or ("organisation" if _described_as_organisation(ent) else None)
        if kind is None or graph.person_at(ent.start_char, ent.end_char) is not None:
            continue  # (a person's name the model took for an organisation: the names pass's)
        name = display_name(_with_number(ent).text)
        if _article_of(ent) and not name.startswith("the "):
            name = "the " + name  # as the text writes it: "the EU", "the Crown"
        if not clean_name(name) or not clean_name(name)[0].isupper():
            continue
        organisation = _add(graph, name, kind)
        _learn_nouns(ent, organisation)
        _link(graph, ent, organisation, f"{ent.label_} entity")
    # A name no model typed that the text calls an organisation ("Norvale Grid, a utility";
    # "research firm Corvex")
    for token in proper_nouns(doc):
        if not token.ent_type_ and token.dep_ != "compound" and any(
                c.pos_ == "NOUN" and organisation_nouns().get(c.lemma_.lower()) == "org"
                and (c.dep_ == "appos" or (c.dep_ == "compound" and c.i < token.i))
                for c in token.children):
            span = doc[min(t.i for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN") if any(
                t.dep_ == "compound" and t.pos_ == "PROPN" for t in token.lefts) else token.i:token.i + 1]
            organisation = _add(graph, display_name(span.text), "organisation")
            _learn_nouns(span, organisation)
            _link(graph, span, organisation, "called an organisation")
    _untagged_repeats(graph)
    for organisation in graph.organisations:
        if is_acronym(clean_name(organisation.name)):  # "EDC" -> "Export Development Canada"
            expanded = expand(graph, clean_name(organisation.name))
            if expanded is not None:
                organisation.name = ("the " if organisation.name.startswith("the ") else "") + expanded
    graph.sort_organisation_links()


def _link(graph: Graph, span: Span, organisation: Entity, evidence: str) -> None:
    graph.add_organisation_link(Link(Mention(span, Kind.NAME), organisation, organisation.name, organisation.kind,
                                     "organisations", evidence))


def _untagged_repeats(graph: Graph) -> None:
    """A one-word organisation name the model tagged once is that organisation where it
    stands again untagged and alone ("… by Norvale." after "Norvale, the utility"), unless
    a person of the article bears it as a surname."""
    doc = graph.doc
    single = {form: o for o in graph.organisations if o.kind == "organisation" for form in o.forms if " " not in form}
    if not single:
        return
    surnames = {ent[-1].lower_ for ent in graph.ents if ent.label_ == "PERSON"}
    seen = {m.start for m in graph.organisation_links}
    for token in proper_nouns(doc):
        organisation = single.get(token.lower_)
        if organisation is None or token.ent_type_ or token.idx in seen or token.lower_ in surnames \
                or not token.text[:1].isupper():
            continue
        neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
        if not any(n.pos_ == "PROPN" for n in neighbours):
            _link(graph, doc[token.i:token.i + 1], organisation, "untagged repeat")


def _add(graph: Graph, name: str, kind: str) -> Entity:
    """The organisation a name belongs to, made the fuller name's where it is one."""
    found = find_organisation(graph, name)
    if found is None:
        found = graph.add_organisation(Entity(name, kind))
    elif len(clean_name(name).split()) > len(clean_name(found.name).split()) and not is_acronym(clean_name(name)):
        found.name = name
    elif clean_name(name) == clean_name(found.name) and name.startswith("the ") and not found.name.startswith("the "):
        found.name = name  # "EU", then "the EU": the form with its article
    found.forms.add(clean_name(name).lower())
    return found


def find_organisation(graph: Graph, name: str) -> Entity | None:
    """The organisation named `name`: the same name, a shorter or longer form of it, or
    its acronym."""
    key = clean_name(name)
    lower = key.lower()
    words = lower.split()
    for organisation in graph.organisations:
        if lower in organisation.forms:
            return organisation
    for organisation in graph.organisations:
        for form in organisation.forms:
            if _prefix(words, form.split()) or _prefix(form.split(), words):
                return organisation
    clipped = [o for o in graph.organisations if any(_clipped(words, form.split()) for form in o.forms)]
    if len(clipped) == 1:
        return clipped[0]  # ("the Fed": the Federal Reserve)
    if is_acronym(key):
        letters = key.rstrip("s").replace("&", "")
        for organisation in graph.organisations:
            if initials(clean_name(organisation.name)) == letters:
                return organisation
    else:  # the long form of an acronym met first
        for organisation in graph.organisations:
            if is_acronym(clean_name(organisation.name)) and \
                    clean_name(organisation.name).rstrip("s").replace("&", "") == initials(key):
                return organisation
    return None


def expand(graph: Graph, acronym: str) -> str | None:
    """The words an acronym stands for, where the article spells them out anywhere, in an
    entity or not ("the Parliamentary Budget Officer (PBO)")."""
    letters = acronym.rstrip("s").replace("&", "")
    # the run may hold more than the name: its endings, in reading order ("Thursday the
    # Parliamentary …")
    for words, k in _endings(graph).get(letters, ()):
        candidate = " ".join(words[k:]).strip(" ,")
        if candidate.split()[0].lower() not in FUNCTION_WORDS and not _no_name(words, k):
            return clean_name(candidate)
    return None


def _no_name(words: list[str], k: int) -> bool:
    """The run's words from `k` on are no organisation's name: they hold a weekday or a
    month ("Ms Furse on Thursday"), or open with the surname of a person an honorific
    names."""
    if any(not_a_name(w.strip(",.")) == "weekday or month" for w in words[k:]):
        return True
    return k > 0 and is_title_word(words[k - 1])



def _endings(graph: Graph) -> dict[str, list[tuple[list[str], int]]]:
    """Initials -> each ending of a run of capitalised words in the text with those
    initials, as (the run's words, where the ending starts), in reading order. Read once a
    document, the first time an acronym asks."""
    found = graph.memo.get("capitalised runs")
    if found is None:
        found = graph.memo["capitalised runs"] = {}
        of_word: dict[str, str] = {}
        for match in CAPITALISED_RUN.finditer(graph.text):
            words = match.group(0).split()
            endings = [""] * (len(words) + 1)  # (a name's initials: its words', one after the other)
            for k in range(len(words) - 1, -1, -1):
                letters = of_word.get(words[k])
                if letters is None:
                    letters = of_word[words[k]] = initials(words[k])
                endings[k] = letters + endings[k + 1]
            for k in range(len(words)):
                found.setdefault(endings[k], []).append((words, k))
    return found


def described(graph: Graph, noun: str, before: int, modifiers: tuple[str, ...] = ()) -> Entity | None:
    """What "the <noun>" points back to, on the article's evidence: the latest
    organisation it called a <noun> before `before`, else the latest whose name holds the
    noun ("the commission": "the Ontario Human Rights Commission") or one of the nouns
    before it ("the railway company": "Canadian Pacific Railway"). Being the only
    organisation named so far is no evidence ("the military" after a news agency)."""
    if noun not in organisation_nouns():
        return None
    earlier = graph.organisations_before(before)
    for organisation in reversed(earlier):
        if noun in organisation.nouns:
            return organisation
    for word in (noun, *modifiers):
        for organisation in reversed(earlier):
            if word in clean_name(organisation.name).lower().split():
                return organisation
    kinds = organisation_name_words().get(noun)  # "the agency": "the State Department"
    if kinds:
        for organisation in reversed(earlier):
            if kinds.intersection(w.strip(".,") for w in clean_name(organisation.name).lower().split()):
                return organisation
    kind = organisation_nouns()[noun]
    if kind == "town":
        return _main_place(graph, before)
    return _only_recent(graph, before) if kind == "org" else None


def _main_place(graph: Graph, before: int) -> Entity | None:
    """"The city said" in an article about one place: the place named before `before`
    at least MAIN_PLACE_MENTIONS times and more than all others together."""
    counts = Counter(o for o in graph.organisations_before(before) if o.kind == "place")
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    return top if n >= MAIN_PLACE_MENTIONS and n * 2 > sum(counts.values()) else None


def _only_recent(graph: Graph, before: int) -> Entity | None:
    """The one organisation the sentences before `before` (RECENT_SENTENCES of them, and
    its own up to it) name, unless the article cites it as news media."""
    doc = graph.doc
    here = doc.char_span(before, before + 1, alignment_mode="expand")  # (`before` starts a mention)
    if here is None or not len(here):
        return None
    start = doc[sentences_back(here[0], RECENT_SENTENCES)].idx
    recent = {id(m.entity): m.entity for m in graph.organisation_links
              if start <= m.start < before and m.entity.kind == "organisation"}
    if len(recent) != 1:
        return None
    organisation = next(iter(recent.values()))
    return None if _press(graph, organisation) else organisation


def _press(graph: Graph, organisation: Entity) -> bool:
    """An organisation the article cites as news media: it "reported" something, or
    someone "told" it something (the outlet is no antecedent of "the military")."""
    for found in graph.organisation_links:
        if found.entity is organisation:
            head = found.mention.span[0]
            while head is not None and head.dep_ in ("compound", "flat", "det") and head.head.i != head.i:
                head = head.head
            if head is not None and ((head.dep_ == "nsubj" and head.head.lemma_ == "report")
                                     or (head.dep_ in ("dobj", "dative") and head.head.lemma_ == "tell")):
                return True
    return False


def _learn_nouns(ent: Span, organisation: Entity) -> None:
    """What the text says the organisation is: an apposition ("Cisco Talos, a security
    firm"; "the firm, Cisco Talos"), a noun before its name ("media buying company
    GroupM"), or a predicate ("X is a utility")."""
    root = ent.root
    nouns: list[Token] = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    nouns += [t for t in root.lefts if t.dep_ == "compound" and t.pos_ == "NOUN" and t.i < ent.start]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        nouns += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    for noun in nouns:
        lemma = noun.lemma_.lower()
        if lemma in organisation_nouns():
            organisation.nouns.add(lemma)


def _described_as_organisation(ent: Span) -> bool:
    """A name the model took for a person or left untyped that the text calls an
    organisation ("Cisco Talos, a security firm")."""
    if ent.label_ not in ("PERSON", "PRODUCT", "WORK_OF_ART", "FAC"):
        return False
    kinds = organisation_nouns()
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and kinds.get(c.lemma_.lower()) == "org"
               for c in ent.root.children)


def _with_number(ent: Span) -> Span:
    """An organisation's name with the number the model left out of it ("UFCW Local 832",
    "Chapter 11"): a number right after a capitalised last word, nothing between."""
    doc = ent.doc
    end = ent.end
    if end < len(doc) and doc[end].like_num and doc[end].is_digit and ent[-1].text[:1].isupper() \
            and not ent[-1].whitespace_ == "" and (end + 1 >= len(doc) or not doc[end + 1].like_num):
        return doc[ent.start:end + 1]
    return ent
