"""Mention -> speaker: who the words that name a speaker are, in the article.

A sieve finds the words (a mention); `resolve` asks the resolvers of `RESOLVERS` that serve
the mention's kind, in order, and the first that answers gives a `Link`: the speaker, the
resolver's name and its evidence in a few words. A resolver that finds the mention names
no one the text gives (a document with no author) answers with a link of no name: the
record keeps the mention and has no speaker. Switching a resolver off (`quotes evaluate
--without NAME`) is leaving its name out. The pronoun resolver is in `pronoun_resolvers.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from spacy.tokens import Span, Token

from ..cues import speech_verb
from ..lexicon import (gendered_words, given_names, is_org_noun, is_person_noun, is_title_word, organisation_aliases,
                       pronouns, surnames)
from ..mentions import NOMINAL_WINDOW, _describes_named_person, _display, mention_span
from ..state import Attribution, Context
from ..tokens import ORG_LABELS, PERSON_LABELS, proper_nouns, sentences_apart, sentences_back
from .answers import found as _found, nobody as _nobody
from .descriptions import SAME_DESCRIPTION
from .documents import owners, published_by
from .graph import Kind, Link, Mention
from .kinds import article, coordinated, definite, is_document_noun, mention_kind, with_article
from .lookup import modifiers, name_evidence, organisation_named, organisation_of, person_named, person_of
from .organisations import clean_name, described, find_organisation, is_acronym
from .people import described_as_person, unknown_person
from .pronoun_resolvers import organisation_subject, pronoun as _pronoun
from .pronouns import opening_people
from .roles import office, role_agrees


@dataclass(frozen=True)
class Resolver:
    """One rule that says who a mention of some kinds is."""

    name: str
    kinds: tuple[Kind, ...]  # the mention kinds it serves
    run: Callable[[Context, Mention, set, "Attribution | None"], "Link | None"]
    reads: str  # what it looks at, in a few words
    example: tuple[str, str]  # (a text whose one statement it decides, the speaker it gives)


def resolve(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Link:
    """Who the words `span` name: the link of the first resolver (switched on, serving the
    mention's kind) that answers. `exclude` holds the ids of entities it cannot be (the one
    spoken to), `previous` is the statement before."""
    mention = Mention(span, mention_kind(span))
    for resolver in RESOLVERS:
        if mention.kind not in resolver.kinds or resolver.name in ctx.without:
            continue
        found = resolver.run(ctx, mention, exclude, previous)
        if found is not None:
            return replace(found, mention=mention, rule=found.rule or resolver.name)
    return Link(mention, None, None, None)


# ---- groups, documents, spokespeople ---------------------------------------------------

def _group(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    span = mention.span
    # "Ortiz and Renner agreed": the group named by its members' full names
    members = [ctx.graph.person_at(t.idx, t.idx + len(t)) or person_named(ctx.graph, t.text)
               for t in coordinated(span)]
    if len(members) >= 2 and all(members):
        return _found(None, " and ".join(m.name for m in members), "group", "group: named by its members")
    return _found(None, _described(span), "anonymous", "group: as written")


def _document(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    """A document or message that speaks for its author ("the report says", "a statement
    from the ministry"): the author the text names, else, as the subject of the cue, the
    document as written ("a new report says"), as an unnamed source is."""
    root = mention.span.root
    author = _author(ctx, root, previous)
    if author is None or author.name is None:
        if root.dep_ != "nsubj":  # ("…,” according to press reports": no speaker of the quote before)
            return _nobody(f"document '{root.text}': no author given")
        return _found(None, _display(mention.span), "anonymous", f"document '{root.text}': no author given, as written")
    return replace(author, coreference=True, evidence=f"document '{root.text}': {author.evidence}", rule="")


def _spokesperson(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    """"A spokeswoman for Facebook", "a Facebook spokesman", "the ministry's spokesperson":
    the organisation they speak for (a spokesperson the text names is found by
    `mention_span` as the apposed name)."""
    span = mention.span
    root = span.root
    if root.pos_ != "NOUN" or not root.lemma_.lower().startswith("spokes"):
        return None
    for token in owners(root):
        found = organisation_of(ctx.graph, token)
        if found is None and token.pos_ == "PROPN" and person_of(ctx.graph, token) is None:
            found = organisation_named(ctx.graph, mention_span(token))  # a name no one else bears: "for Facebook"
        if found is None and token.pos_ == "NOUN" and is_org_noun(token.lemma_.lower()):
            owner = mention_span(token)
            found = _organisation(ctx, Mention(owner, mention_kind(owner)), exclude, previous)  # "the company's spokesman"
            found = found if found is not None and found.name and found.name[:1].isupper() else None
        if found is not None:
            named = _named_spokesperson(ctx, found.name)
            if named is not None:  # the article names her: she speaks, for the organisation
                return _found(named, named.name, "person", f"spokesperson: {named.name}, the one the article names", True)
            return replace(found, coreference=True, evidence=f"spokesperson for {found.name}")
    named = _named_spokesperson(ctx, None)
    if named is not None:
        return _found(named, named.name, "person", f"spokesperson: {named.name}, the one the article names", True)
    if article(root) == "the" and not owners(root):
        before = _spokesperson_before(ctx, root, exclude, previous)
        if before is not None:
            return before
    if article(root) in ("a", "an") and not owners(root):
        subject = organisation_subject(ctx, span)  # ("NTL blames its agency. …, a spokesman told")
        if subject is not None:
            return _found(None, subject.entity.name, "organisation",
                          f"spokesperson for {subject.entity.name}, the subject just before", True)
    return _found(None, _display(span), "anonymous", "spokesperson: for no one named")


SPOKESPERSON_SENTENCES = 6  # sentences back in which "the spokesman" finds the one introduced


def _spokesperson_before(ctx: Context, root: Token, exclude: set[int], previous: Attribution | None) -> Link | None:
    """"A Home Office spokesman said …. The spokesman added": the spokesperson the article
    introduced in the sentences before, for the organisation that one speaks for."""
    for token in reversed(ctx.doc[sentences_back(root, SPOKESPERSON_SENTENCES):root.i]):
        if token.pos_ == "NOUN" and token.lemma_.lower().startswith("spokes") and token.i not in ctx.in_quote \
                and owners(token):
            found = _spokesperson(ctx, Mention(mention_span(token), Kind.NOMINAL), exclude, previous)
            if found is not None and found.name and found.kind in ("organisation", "person"):
                return replace(found, evidence=f"{found.evidence}, introduced before")
            return None
    return None


def _named_spokesperson(ctx: Context, organisation: str | None):
    """The one person the article names as a spokesperson (of `organisation`, when the role
    names one), else None."""
    found = []
    for entity in ctx.graph.people:
        role = f"{entity.role or ''} {entity.affiliation or ''}"
        if entity.kind != "person" or "spokes" not in role.lower():
            continue
        named = [w for w in re.findall(r"[A-Z][\w&'-]+", role) if not w.lower().startswith("spokes")]
        if organisation and named and not set(named) & set(re.findall(r"[A-Z][\w&'-]+", organisation)):
            continue  # another organisation's spokesperson
        found.append(entity)
    return found[0] if len(found) == 1 else None


# ---- names -----------------------------------------------------------------------------

def _name(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    span = mention.span
    root = span.root
    if root.pos_ == "NOUN" and root.is_lower and any(c.dep_ == "poss" for c in root.children):
        return None  # "Lena s friend" the model tagged as a name with her: someone else
    if organisation_aliases().get(clean_name(span.text).lower()):
        return organisation_named(ctx.graph, span)  # "the Lib Dems say": a party, by the name it is filed under
    person = root.ent_type_ in PERSON_LABELS or described_as_person(span)  # "X, CEO of Y, a group"
    described = find_organisation(ctx.graph, span.text) if root.pos_ == "PROPN" and not person else None
    if described is not None and described.nouns:
        return _found(None, described.name, "organisation",
                      f"name: {described.name}, called a {sorted(described.nouns)[0]}")  # "Cisco Talos, a security firm"
    # (a known name the tagger read as a noun: '…," Ortiz writes')
    written_as_name = root.pos_ == "PROPN" or (root.pos_ == "NOUN" and root.text[:1].isupper() and not root.is_sent_start)
    known = person_named(ctx.graph, span) if written_as_name else None
    if known is None and root.pos_ == "NOUN" and root.is_sent_start and root.text[:1].isupper():
        known = ctx.graph.person_at(span.start_char, span.end_char)  # ("Pires told …" tagged a plural noun,
        known = known if known is not None and known.kind == "person" else None  # linked by the names pass)
    if known is not None:
        return _found(known, known.name, known.kind, name_evidence(span, known.name))
    label = root.ent_type_
    if label in PERSON_LABELS or _mislabelled_person(span) or described_as_person(span) or _titled_elsewhere(span) or (
            root.pos_ == "PROPN" and label not in ORG_LABELS and not is_title_word(root.text) and not is_acronym(root.text)):
        entity = ctx.graph.person_at(span.start_char, span.end_char) or person_named(ctx.graph, span) or unknown_person(span)
        if entity is not None:
            return _found(entity, entity.name, "person", name_evidence(span, entity.name))
    if label in ORG_LABELS or (root.pos_ == "PROPN" and is_acronym(root.text)):
        return organisation_named(ctx.graph, span)
    return None


def _titled_elsewhere(span: Span) -> bool:
    """A one-word name the model took for an organisation or a people that the text writes
    after an honorific or a title somewhere ("Mr. Renner", "President Renner"): a person."""
    root = span.root
    if len(span) != 1 or root.pos_ != "PROPN" or root.ent_type_ not in ("ORG", "NORP") or is_acronym(root.text):
        return False
    doc = root.doc
    return any(t.i > 0 and t.text == root.text and is_title_word(doc[t.i - 1].text) and doc[t.i - 1].text[:1].isupper()
               for t in proper_nouns(doc))


def _mislabelled_person(span: Span) -> bool:
    """A person's name the small model took for an organisation: two or three capitalised
    words, the first a given name that tells a gender, the last a surname."""
    words = [t for t in span if t.is_alpha]
    if not 2 <= len(words) <= 3 or not all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in words):
        return False
    return bool(given_names().get(words[0].lower_)) and words[-1].lower_ in surnames() \
        and not any(is_org_noun(t.lower_) for t in words)


# ---- descriptions ----------------------------------------------------------------------

def _organisation(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    """"The company", "the utility", "the city": the organisation or place the article
    named and described so, or wrote the noun with ("police" after "the Elmsford police");
    a definite description the article gives no antecedent stays as written, and a bare or
    indefinite one ("authorities said", "a group of scholars") names no one: anonymous."""
    span = mention.span
    root = span.root
    lemma = root.lemma_.lower()
    if not is_org_noun(lemma):
        return None
    owned = [c for c in root.children if c.dep_ == "poss"]
    common = (root.pos_ == "NOUN" or root.is_lower) and not _named_within(span)
    is_definite = common and (definite(span) or article(root) in ("the", "this", "that")) and not owned
    bare = common and not any(c.dep_ in ("det", "poss") for c in root.children)
    several = root.tag_ == "NNS" and root.lower_ != lemma  # "the tobacco companies": not one of them
    if is_definite and not several:
        organisation = described(ctx.graph, lemma, span.start_char, modifiers(root))
        if organisation is not None:
            return _found(None, organisation.name, "organisation",
                          f"description '{lemma}': {organisation.name}, named before", True)
        if previous is not None and previous.speaker_kind == "organisation" and previous.speaker_name \
                and previous.speaker_name[:1].isupper():
            return _found(None, previous.speaker_name, "organisation",
                          f"description '{lemma}': the organisation that spoke before", True)  # "X said …. The company said"
    if is_definite or bare:
        named = _named_earlier(root)
        if named is not None:
            return _found(None, named, "organisation", f"description '{lemma}': written '{named}' before", True)
    if bare or (common and article(root) in ("a", "an")):
        return _found(None, _described(span), "anonymous", f"description '{lemma}': no one named")
    if root.pos_ == "NOUN" and len(owned) == 1 and owned[0].pos_ == "PRON":
        # "his office said": the office of the person "his" points to, by name
        owner = owned[0].doc[owned[0].i:owned[0].i + 1]
        person = _pronoun(ctx, Mention(owner, Kind.PRONOUN), exclude, previous)
        if person is not None and person.kind == "person" and person.name:
            rest = " ".join(t.text for t in span if t.i != owned[0].i)
            return _found(None, f"{person.name}'s {rest}", "organisation", f"description '{lemma}' of {person.name}", True)
    return _found(None, _display(span), "group" if several else "organisation", f"description '{lemma}': as written")


def _named_earlier(noun: Token) -> str | None:
    """"Police said" after "the Elmsford police": the same noun as the article last
    wrote it after a name, with that name."""
    doc = noun.doc
    for token in reversed(doc[:noun.i]):
        if token.pos_ != "NOUN" or token.lemma_.lower() != noun.lemma_.lower():
            continue
        names = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()]
        if names:
            words = doc[min(c.left_edge.i for c in names):token.i + 1]
            if all(t.pos_ == "PROPN" or t.i == token.i for t in words):
                return words.text
    return None


def _title(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    root = mention.span.root
    if not is_title_word(root.text):
        return None
    entity = ctx.graph.titled(root.lemma_, mention.start)
    if entity is None:
        return None
    return _found(entity, entity.name, "person", f"title '{root.lemma_.lower()}': {entity.name}, {entity.role}", True)


def _description(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    """"The laid-back resident", "the minister", "his partner": a description of someone the
    text has just named. One whose noun no lexicon lists ("England's fly-half said") is a
    person when it speaks, and then only the subject of the sentence before it."""
    span = mention.span
    root = span.root
    if any(c.dep_ == "poss" and c.pos_ != "PRON" and c.ent_type_ not in ORG_LABELS for c in root.children):
        return None  # "the city's auditor", "Lena's lawyer": someone new ("England's fly-half" is a role)
    if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in root.children):
        return None  # "our correspondent": the outlet's own, no one the story names
    same = ctx.graph.described(span.start_char, SAME_DESCRIPTION)
    if same is not None and id(same.entity) not in exclude:
        return _found(same.entity, same.entity.name, "person", f"description '{root.text}': {same.evidence}", True)
    person_noun = _describes_named_person(ctx, span)
    speaking = not person_noun and _speaks(root) and _describes_named_person(ctx, span, any_noun=True)
    if not (person_noun or speaking):
        return None
    if office(root):
        return None  # "the Cardinal": an office the article gave no one (the title resolver's)
    exclude = exclude | _owner(ctx, root, exclude) | _named_after(ctx, span) | opening_people(ctx.graph, root)
    found = ctx.graph.recent_person(span.start_char, exclude=exclude, gender=gendered_words().get(root.lower_),
                                    window=NOMINAL_WINDOW)
    if found is None or not role_agrees(root, found.entity):
        return None
    back = sentences_apart(ctx.doc, found.start, span.start_char)
    if speaking and (not found.subject or back > 1):
        return None
    what = "the subject" if speaking else "the person named"
    return _found(found.entity, found.entity.name, "person",
                  f"description '{root.text}': {what} {back} sentence{'s' if back != 1 else ''} back", True)


def _named_after(ctx: Context, span: Span) -> set[int]:
    """The people named later in the description's own sentence ("the judge said he saw no
    prospect of managing Shrubsall"): someone the description is not."""
    later = {t.text for t in ctx.doc[span.end:span.root.sent.end] if t.pos_ == "PROPN"}
    return {id(e) for e in ctx.graph.people if e.words and e.words[-1] in later}


def _speaks(noun: Token) -> bool:
    """A singular common noun, no organisation or document, the subject of a speech verb:
    someone who speaks ("the fly-half said")."""
    lemma = noun.lemma_.lower()
    return (noun.dep_ == "nsubj" and speech_verb(noun.head) is not None and noun.tag_ in ("NN", "NNP")
            and not is_org_noun(lemma) and not is_document_noun(noun))


def _owner(ctx: Context, noun: Token, exclude: set[int]) -> set[int]:
    """The person "his" or "her" points to in "his father", "her lawyer": someone the
    description cannot be. Not in a sentence that holds a quote ('"…," said her father'),
    where "her" is whoever the dialogue last spoke of."""
    sentence = noun.sent
    if any(t.i in ctx.in_quote for t in sentence):
        return set()
    for poss in noun.children:
        pron = pronouns().get(poss.lower_) if poss.dep_ == "poss" and poss.pos_ == "PRON" else None
        if pron is not None and pron.gender in ("male", "female"):
            chained = ctx.graph.chained(poss.idx)
            owner = chained.entity if chained is not None else None
            if owner is None:
                found = ctx.graph.recent_person(poss.idx, exclude=exclude, gender=pron.gender)
                owner = found.entity if found is not None else None
            return {id(owner)} if owner is not None else set()
    return set()


def _lede(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    """'The most popular punching bag in golf finally said “no mas.”' then 'Lena Ortiz has
    announced …': a description that opens an article, before any name, is the person the
    next sentence names as its subject."""
    span = mention.span
    root = span.root
    if root.pos_ != "NOUN" or is_org_noun(root.lemma_.lower()) or is_document_noun(root):
        return None
    if not definite(span) and not (article(root) in ("a", "an") and root.tag_ == "NN" and is_person_noun(root.lemma_.lower())
                                   and not root.lemma_.lower().startswith("spokes")):
        return None  # ("A US researcher has suggested …" then "Ravi Purushotma believes …")
    opening = _opening_sentences(root.doc)
    if not any(root.sent.start == s.start for s in opening[:-1]):
        return None
    following = opening[[s.start for s in opening].index(root.sent.start) + 1]
    for found in ctx.graph.links:
        if found.start >= following.end_char:
            break
        if found.start < span.start_char:
            return None  # someone named before: not the opening of the article
        if found.start >= following.start_char and found.subject and not found.pronoun \
                and found.entity.kind == "person" and id(found.entity) not in exclude:
            return _found(found.entity, found.entity.name, "person", "lede: the subject of the next sentence", True)
    return None


LEDE_SENTENCES = 3  # the sentences (headline and standfirst included) an article opens with


def _opening_sentences(doc) -> list:
    """The first LEDE_SENTENCES + 1 sentences of the text that hold words."""
    found, i = [], 0
    while i < len(doc) and len(found) <= LEDE_SENTENCES:
        sentence = doc[i].sent
        if sentence.text.strip():
            found.append(sentence)
        i = sentence.end
    return found


def _anonymous(ctx: Context, mention: Mention, exclude: set[int], previous: Attribution | None) -> Link | None:
    if mention.span.root.pos_ in ("NOUN", "PROPN"):
        return _found(None, _described(with_article(mention.span)), "anonymous", "unnamed: as written")
    return None


RECENT_DOCUMENT = 3  # sentences back in which a document is the one "the report" means
DESCRIPTION_WORDS = 8  # at most this many words of what follows an unnamed source's noun


def _described(span: Span) -> str:
    """An unnamed source as the text describes it, with what follows its noun ("sources
    familiar with the negotiations", "one veteran of the industry"), not a clause."""
    root = span.root
    end = span.end
    for child in root.rights:
        if child.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            break  # ("the prime minister on Sunday said": when, not who)
        if child.dep_ in ("amod", "prep") and child.i == end:
            last = child.right_edge.i + 1
            if last - span.start <= DESCRIPTION_WORDS and not any(t.is_punct for t in root.doc[end:last]):
                end = last
    return _display(root.doc[span.start:end])


DESCRIPTIONS = (Kind.NOMINAL, Kind.ANONYMOUS)

RESOLVERS: tuple[Resolver, ...] = (
    Resolver("pronoun", (Kind.PRONOUN,), _pronoun,
             "the person a pronoun points back to: its chain, else the nearest subject of its gender",
             ("Lena Ortiz opened the bridge. She said the work was done.", "Lena Ortiz")),
    Resolver("group", (Kind.GROUP,), _group, "the members named in a coordination, else the group as written",
             ("Lena Ortiz and Paul Renner said the bridge was safe.", "Lena Ortiz and Paul Renner")),
    Resolver("document", (Kind.DOCUMENT,), _document,
             "the author the text gives a report or statement, else the document as written",
             ("A study by the Coastal Institute says fish stocks fell by a third.", "the Coastal Institute")),
    Resolver("spokesperson", DESCRIPTIONS, _spokesperson, "the organisation a spokesperson speaks for",
             ("A spokeswoman for Harbor Electronics said the plant would stay open.", "Harbor Electronics")),
    Resolver("name", (Kind.NAME,), _name, "a proper name: the person or organisation it names, in full",
             ("Lena Ortiz opened the bridge on Monday. Ortiz said the work was done.", "Lena Ortiz")),
    Resolver("organisation", DESCRIPTIONS, _organisation,
             "a description of an organisation: the one the article named and described so",
             ("Norvale Grid, a utility based in the north, raised its rates. The utility said the rates "
              "would pay for repairs.", "Norvale Grid")),
    Resolver("title", DESCRIPTIONS, _title, "a title: the person the article gave that title",
             ("Trade Minister Ilse Marwick met the press on Monday. The minister said talks would resume.",
              "Ilse Marwick")),
    Resolver("description", (Kind.NOMINAL,), _description, "a definite description of a person: the person just named",
             ("Lena Ortiz has taught at the school for years. The retired teacher said the roof leaked.",
              "Lena Ortiz")),
    Resolver("lede", (Kind.NOMINAL, Kind.ANONYMOUS), _lede, "a description opening the article: the subject of the next sentence",
             ("The veteran skipper finally said the race was over.\n\nLena Ortiz has sailed for twenty years.",
              "Lena Ortiz")),
    Resolver("anonymous", (Kind.NAME,) + DESCRIPTIONS, _anonymous, "an unnamed source, or a description no one answers, as written",
             ("A source familiar with the talks said a deal was near.", "a source familiar with the talks")),
)
NAMES = tuple(r.name for r in RESOLVERS)


# ---- helpers ---------------------------------------------------------------------------

def names_a_source(span: Span) -> bool:
    """Whether a mention is a document or message ("the report", "a statement")."""
    return span.root.pos_ == "NOUN" and is_document_noun(span.root)


def _author(ctx: Context, noun: Token, previous: Attribution | None) -> Link | None:
    """Who wrote a document or message: the text around it says ("its report", "a study by
    X", "X's statement", "the Civic Action study"), or an earlier sentence does ("X
    released a report … the report found")."""
    for owner in owners(noun):
        if owner.pos_ == "PRON":
            found = _pronoun(ctx, Mention(owner.doc[owner.i:owner.i + 1], Kind.PRONOUN), set(), previous)
            if found is not None and found.name:
                return replace(found, evidence=f"by '{owner.text}', {found.name}")
            continue
        if is_document_noun(owner) and owner.pos_ != "PROPN":  # (not "a Norvale Post review")
            continue
        found = organisation_of(ctx.graph, owner) or person_of(ctx.graph, owner)
        if found is None and owner.pos_ == "PROPN" and owner.text[:1].isupper() and is_org_noun(owner.lower_):
            # "by the Premier's Office": a name the model did not tag, possessor and all
            found = organisation_named(ctx.graph, owner.doc[owner.left_edge.i:owner.i + 1])
        if found is None and owner.pos_ == "NOUN":  # "a report by the city's auditor": as described
            found = resolve(ctx, mention_span(owner), set(), previous)
        if found is not None and found.name:
            return replace(found, evidence=f"by {found.name}")
    found = published_by(ctx.graph, noun)
    if found is not None:
        return found
    lemma = noun.lemma_.lower()
    if article(noun) in ("a", "an"):
        # "X said … . A statement said …": a new document, the one who has just spoken's;
        # else the author the article gives it later
        return _just_spoken(noun, previous) or next(
            (_earlier(entry, "the same one") for entry in ctx.graph.documents if entry[0] == noun.i), None)
    earlier = [(i, l, author) for i, l, author in ctx.graph.documents if i < noun.i]
    is_definite = article(noun) == "the"
    if is_definite and earlier and earlier[-1][0] >= sentences_back(noun, RECENT_DOCUMENT):
        return _earlier(earlier[-1], "the latest one")  # "A study by X … It found …" then "the report said": that study
    for entry in reversed(earlier):
        if entry[1] == lemma:
            return _earlier(entry, f"the {lemma} before")  # (None: "the memo" after "a memo has been circulating")
    # "the white paper" after "a report by X": a document the article has not given an
    # author of its own is the latest one it has
    authored = [entry for entry in earlier if entry[2] is not None]
    if authored and is_definite:
        return _earlier(authored[-1], "the latest one with an author")  # (not "a report", a new one, nor "press reports", any)
    return None


def _earlier(entry: tuple[int, str, Link | None], which: str) -> Link | None:
    i, lemma, author = entry
    return None if author is None else replace(author, evidence=f"{which}, by {author.name}")


def _just_spoken(noun: Token, previous: Attribution | None) -> Link | None:
    """The speaker of the statement right before, when its cue stands in the sentence
    before `noun`'s or in the same one."""
    if previous is None or not previous.decided() or previous.cue is None or not previous.speaker_name:
        return None
    if sentences_back(noun, 1) <= previous.cue.i < noun.i:
        return _found(previous.speaker, previous.speaker_name, previous.speaker_kind,
                      f"a new one, of {previous.speaker_name} who has just spoken", True)
    return None


def _named_within(span: Span) -> bool:
    """A description that carries a name of its own ("the Sensei website", "the Liberal
    government"): not a pointer back."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ORG_LABELS for t in span if t.i != span.root.i)
