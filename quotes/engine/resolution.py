"""Mention -> speaker: what the words that name a speaker resolve to, in the article.

Resolvers are tried in order, as the sieves are; the first that answers wins:

    pronoun       "he", "she", "they": the person (or organisation) it points back to
    group         "Ortiz and Renner": both, by their full names
    source        "the report", "a statement from X", "X's letter": its author, or no one
    spokesperson  "a spokeswoman for X": X, the organisation she speaks for
    name          a proper name: the person or organisation it names, in full
    organisation  "the company", "the utility": the organisation the article named
    title         "the minister": the person the article gave that title
    description   "the retired teacher": the person the text has just named
    lede          a description that opens the article: the person the next sentence names
    anonymous     "a source", "officials": no one named; kept as written, marked anonymous

A resolver returns a `Resolved`, or None to pass; `UNRESOLVED` stops the search with no
speaker (the record keeps the mention).
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from spacy.tokens import Span, Token

from .lexicon import gendered_words, given_names, is_person_noun, is_title_word, obtaining_verbs, pronouns, source_nouns, speech_nouns, surnames
from .mentions import NOMINAL_WINDOW, _coordinated, _definite, _describes_named_person, _display, _is_group, mention_span
from .organisations import clean_name, is_acronym
from .speakers import ORG_LABELS, PERSON_LABELS, Entity, described_as_person, is_org_noun
from .state import Attribution, Context
from .tokens import proper_nouns, sentences_back


class Resolved(NamedTuple):
    entity: Entity | None
    name: str | None
    kind: str | None  # person, organisation, group, anonymous
    via: bool  # through coreference: a pronoun or a description pointed back to it


UNRESOLVED = Resolved(None, None, None, False)
Resolver = Callable[[Context, Span, set, "Attribution | None"], "Resolved | None"]


def resolve(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved:
    """(entity, name, kind, via_coreference) for a speaker mention; `exclude` holds the ids of
    entities it cannot be (the one spoken to), `previous` the statement before."""
    for resolver in RESOLVERS:
        found = resolver(ctx, span, exclude, previous)
        if found is not None:
            return found
    return UNRESOLVED


def _pronoun(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    pron = pronouns().get(span.text.lower()) if len(span) == 1 else None
    if pron is None:
        return None
    if pron.number == "plural" or pron.gender == "neuter":
        if previous and previous.speaker_kind in ("group", "organisation") and previous.speaker_name:
            return Resolved(previous.speaker, previous.speaker_name, previous.speaker_kind, True)
        return Resolved(None, None, None, True)
    if pron.person == "first":
        return Resolved(None, None, None, True)
    gender = pron.gender if pron.gender in ("male", "female") else None
    unnamed = _unnamed_speaker(ctx, span, gender, previous)
    if unnamed is not None:
        return unnamed
    entity = ctx.index.pronoun_at(span.start_char)
    if entity is None or id(entity) in exclude:
        mention = ctx.index.recent_person(span.start_char, exclude=exclude, gender=gender)
        if mention is None:
            return Resolved(None, None, None, True)
        entity = mention.entity
    if gender and entity.gender is None:
        entity.gender = gender
    return Resolved(entity, entity.name, "person", True)


def _unnamed_speaker(ctx: Context, span: Span, gender: str | None, previous: Attribution | None) -> Resolved | None:
    """'…, a security guard told reporters. … , he said': the unnamed person who has just
    spoken, when the text names no person of that gender after them."""
    if previous is None or previous.speaker_kind != "anonymous" or previous.mention is None or previous.cue is None:
        return None
    nouns = [t for t in previous.mention if t.tag_ == "NN" and is_person_noun(t.lemma_)]
    if not nouns or _is_group(previous.mention) or any(gendered_words().get(t.lower_) not in (None, gender) for t in nouns):
        return None
    if not sentences_back(span.root, UNNAMED_SENTENCES) <= previous.cue.i < span.start:
        return None
    if any(_someone(ctx, t) for t in ctx.doc[previous.cue.i + 1:span.start]):
        return None  # ('… a spokesperson said. Later the mayor spoke. “…,” he said')
    named = ctx.index.recent_person(span.start_char, gender=gender)
    if named is not None and named.start >= previous.mention.start_char:
        return None
    return Resolved(None, previous.speaker_name, "anonymous", True)


def _someone(ctx: Context, token: Token) -> bool:
    """A subject of the narration that is one person: a name or a description."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.i not in ctx.in_quote and (
        token.ent_type_ in PERSON_LABELS or (token.tag_ == "NN" and is_person_noun(token.lemma_)))


def _group(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    if not _is_group(span):
        return None
    # "Ortiz and Renner agreed": the group named by its members' full names
    members = [ctx.index.entity_at(t.idx, t.idx + len(t)) or ctx.index.entity_for_text(t.text)
               for t in _coordinated(span)]
    if len(members) >= 2 and all(members):
        return Resolved(None, " and ".join(m.name for m in members), "group", False)
    return Resolved(None, _described(span), "anonymous", False)


def _source(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    """A document or message that speaks for its author ("the report says", "a statement
    from the ministry"): the author the text names, or no one."""
    root = span.root
    if root.pos_ != "NOUN" or not _is_source_noun(root):
        return None
    author = _author(ctx, root, previous)
    if author is None or author.name is None:
        return UNRESOLVED
    return author._replace(via=True)


def _spokesperson(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    """"A spokeswoman for Facebook", "a Facebook spokesman", "the ministry's spokesperson":
    the organisation they speak for (a spokesperson the text names is found by
    `mention_span` as the apposed name)."""
    root = span.root
    if root.pos_ != "NOUN" or not root.lemma_.lower().startswith("spokes"):
        return None
    for token in _owners(root):
        found = _organisation_of(ctx, token)
        if found is None and token.pos_ == "PROPN" and _person_of(ctx, token) is None:
            found = _organisation_named(ctx, mention_span(token))  # a name no one else bears: "for Facebook"
        if found is None and token.pos_ == "NOUN" and is_org_noun(token.lemma_.lower()):
            found = _organisation(ctx, mention_span(token), exclude, previous)  # "the company's spokesman"
            found = found if found is not None and found.name and found.name[:1].isupper() else None
        if found is not None:
            named = _named_spokesperson(ctx, found.name)
            if named is not None:  # the article names her: she speaks, for the organisation
                return Resolved(named, named.name, "person", True)
            return found._replace(via=True)
    named = _named_spokesperson(ctx, None)
    if named is not None:
        return Resolved(named, named.name, "person", True)
    return Resolved(None, _display(span), "anonymous", False)


def _named_spokesperson(ctx: Context, organisation: str | None):
    """The one person the article names as a spokesperson (of `organisation`, when the role
    names one), else None."""
    found = []
    for entity in ctx.index.entities:
        role = f"{entity.role or ''} {entity.affiliation or ''}"
        if entity.kind != "person" or "spokes" not in role.lower():
            continue
        named = [w for w in re.findall(r"[A-Z][\w&'-]+", role) if not w.lower().startswith("spokes")]
        if organisation and named and not set(named) & set(re.findall(r"[A-Z][\w&'-]+", organisation)):
            continue  # another organisation's spokesperson
        found.append(entity)
    return found[0] if len(found) == 1 else None


def _name(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    root = span.root
    if root.pos_ == "NOUN" and root.is_lower and any(c.dep_ == "poss" for c in root.children):
        return None  # "Lena s friend" the model tagged as a name with her: someone else
    person = root.ent_type_ in PERSON_LABELS or described_as_person(span)  # "X, CEO of Y, a group"
    described = ctx.orgs.find(span.text) if root.pos_ == "PROPN" and not person else None
    if described is not None and described.nouns:
        return Resolved(None, described.name, "organisation", False)  # "Cisco Talos, a security firm"
    # (a known name the tagger read as a noun: '…," Ortiz writes')
    written_as_name = root.pos_ == "PROPN" or (root.pos_ == "NOUN" and root.text[:1].isupper() and not root.is_sent_start)
    known = ctx.index.entity_for_text(span) if written_as_name else None
    if known is not None:
        return Resolved(known, known.name, known.kind, False)
    label = root.ent_type_
    if label in PERSON_LABELS or _mislabelled_person(span) or described_as_person(span) or _titled_elsewhere(span) or (
            root.pos_ == "PROPN" and label not in ORG_LABELS and not is_title_word(root.text) and not is_acronym(root.text)):
        entity = ctx.index.entity_at(span.start_char, span.end_char) or ctx.index.add_name(span)
        if entity is not None:
            return Resolved(entity, entity.name, "person", False)
    if label in ORG_LABELS or (root.pos_ == "PROPN" and is_acronym(root.text)):
        return _organisation_named(ctx, span)
    return None


def _organisation(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    """"The company", "the utility", "the city": the organisation or place the article
    named and described so, or wrote the noun with ("police" after "the Elmsford police");
    a definite description the article gives no antecedent stays as written, and a bare or
    indefinite one ("authorities said", "a group of scholars") names no one: anonymous."""
    root = span.root
    lemma = root.lemma_.lower()
    if not is_org_noun(lemma):
        return None
    owned = [c for c in root.children if c.dep_ == "poss"]
    common = root.pos_ == "NOUN" and not _named_within(span)
    definite = common and _definite(span) and not owned
    bare = common and not any(c.dep_ in ("det", "poss") for c in root.children)
    if definite:
        organisation = ctx.orgs.described(lemma, span.start_char, _modifiers(root))
        if organisation is not None:
            return Resolved(None, organisation.name, "organisation", True)
        if previous is not None and previous.speaker_kind == "organisation" and previous.speaker_name \
                and previous.speaker_name[:1].isupper():
            return Resolved(None, previous.speaker_name, "organisation", True)  # "X said …. The company said"
    if definite or bare:
        named = _named_earlier(root)
        if named is not None:
            return Resolved(None, named, "organisation", True)
    if bare or (common and _article(root) in ("a", "an")):
        return Resolved(None, _described(span), "anonymous", False)
    if root.pos_ == "NOUN" and len(owned) == 1 and owned[0].pos_ == "PRON":
        # "his office said": the office of the person "his" points to, by name
        person = _pronoun(ctx, owned[0].doc[owned[0].i:owned[0].i + 1], exclude, previous)
        if person is not None and person.kind == "person" and person.name:
            rest = " ".join(t.text for t in span if t.i != owned[0].i)
            return Resolved(None, f"{person.name}'s {rest}", "organisation", True)
    return Resolved(None, _display(span), "organisation", False)


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


def _title(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    root = span.root
    if not is_title_word(root.text):
        return None
    entity = ctx.index.by_title(root.lemma_, span.start_char)
    if entity is None:
        return None
    return Resolved(entity, entity.name, "person", True)


def _description(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    root = span.root
    owned = any(c.dep_ == "poss" and c.pos_ != "PRON" for c in root.children)  # "the city's auditor": someone new
    if root.pos_ == "NOUN" and not owned and _definite(span) and _describes_named_person(ctx, span):
        # "the laid-back resident", "the minister", "his partner": a description of someone
        # the text has just named
        exclude = exclude | _owner(ctx, root, exclude)
        mention = ctx.index.recent_person(span.start_char, exclude=exclude, window=NOMINAL_WINDOW)
        if mention is not None:
            return Resolved(mention.entity, mention.entity.name, "person", True)
    return None


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
            owner = ctx.index.pronoun_at(poss.idx)
            if owner is None:
                mention = ctx.index.recent_person(poss.idx, exclude=exclude, gender=pron.gender)
                owner = mention.entity if mention is not None else None
            return {id(owner)} if owner is not None else set()
    return set()


def _lede(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    """'The most popular punching bag in golf finally said “no mas.”' then 'Lena Ortiz has
    announced …': a description that opens an article, before any name, is the person the
    next sentence names as its subject."""
    root = span.root
    if root.pos_ != "NOUN" or not _definite(span) or is_org_noun(root.lemma_.lower()) or _is_source_noun(root):
        return None
    first = root.doc[0].sent
    if root.sent.start != first.start or first.end >= len(root.doc):
        return None
    following = root.doc[first.end].sent
    if not following.text.strip():
        following = root.doc[following.end].sent if following.end < len(root.doc) else following
    for mention in ctx.index.mentions:
        if mention.start >= following.end_char:
            break
        if mention.start < span.start_char:
            return None  # someone named before: not the opening of the article
        if mention.start >= following.start_char and mention.is_subject and not mention.pronoun \
                and mention.entity.kind == "person" and id(mention.entity) not in exclude:
            return Resolved(mention.entity, mention.entity.name, "person", True)
    return None


def _anonymous(ctx: Context, span: Span, exclude: set[int], previous: Attribution | None) -> Resolved | None:
    if span.root.pos_ in ("NOUN", "PROPN"):
        return Resolved(None, _described(span), "anonymous", False)
    return None


UNNAMED_SENTENCES = 3  # sentences back in which an unnamed speaker's cue may stand for "he said"
RECENT_DOCUMENT = 3  # sentences back in which a document is the one "the report" means
DESCRIPTION_WORDS = 8  # at most this many words of what follows an unnamed source's noun


def _described(span: Span) -> str:
    """An unnamed source as the text describes it, with what follows its noun ("sources
    familiar with the negotiations", "one veteran of the industry"), not a clause."""
    root = span.root
    end = span.end
    for child in root.rights:
        if child.dep_ in ("amod", "prep") and child.i == end:
            last = child.right_edge.i + 1
            if last - span.start <= DESCRIPTION_WORDS and not any(t.is_punct for t in root.doc[end:last]):
                end = last
    return _display(root.doc[span.start:end])


RESOLVERS: tuple[Resolver, ...] = (_pronoun, _group, _source, _spokesperson, _name, _organisation, _title,
                                   _description, _lede, _anonymous)


# ---- helpers ---------------------------------------------------------------------------

def names_a_source(span: Span) -> bool:
    """Whether a mention is a document or message ("the report", "a statement")."""
    return span.root.pos_ == "NOUN" and _is_source_noun(span.root)


def _is_source_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in source_nouns() or lemma in speech_nouns() or token.lower_ in source_nouns()


def _owners(noun: Token) -> list[Token]:
    """Who a noun belongs to, as written around it: a possessor ("X's statement"), a noun
    or name before it ("a Facebook spokesman"), "by"/"from"/"for"/"of"/"at" after it ("a
    report by X"), the agent of a participle after it ("a report released by X")."""
    found = [c for c in noun.children if c.dep_ == "poss"]
    found += [c for c in noun.lefts if c.dep_ in ("compound", "nmod", "amod") and (c.pos_ == "PROPN" or c.ent_type_)]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "for", "of", "at"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if child.lower_ == "of":  # "a survey of local clubs by X": "by X" hung on the clubs
                    found += [c for by in pobj.children if by.dep_ == "prep" and by.lower_ == "by"
                              for c in by.children if c.dep_ == "pobj"]
                found.append(pobj)
        elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() not in obtaining_verbs():
            # "a report released by X", "a study which is released by X" (not "a memo obtained by X")
            for agent in child.children:
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ in ("by", "from")):
                    found += [c for c in agent.children if c.dep_ == "pobj"]
    return found


def _author(ctx: Context, noun: Token, previous: Attribution | None) -> Resolved | None:
    """Who wrote a document or message: the text around it says ("its report", "a study by
    X", "X's statement", "the Civic Action study"), or an earlier sentence does ("X
    released a report … the report found")."""
    for owner in _owners(noun):
        if owner.pos_ == "PRON":
            found = _pronoun(ctx, owner.doc[owner.i:owner.i + 1], set(), previous)
            if found is not None and found.name:
                return found
            continue
        if _is_source_noun(owner) and owner.pos_ != "PROPN":  # (not "a Norvale Post review")
            continue
        found = _organisation_of(ctx, owner) or _person_of(ctx, owner)
        if found is None and owner.pos_ == "PROPN" and owner.text[:1].isupper() and is_org_noun(owner.lower_):
            # "by the Premier's Office": a name the model did not tag, possessor and all
            found = _organisation_named(ctx, owner.doc[owner.left_edge.i:owner.i + 1])
        if found is None and owner.pos_ == "NOUN":  # "a report by the city's auditor": as described
            found = resolve(ctx, mention_span(owner), set(), previous)
        if found is not None and found.name:
            return found
    found = _published_by(ctx, noun)
    if found is not None:
        return found
    lemma = noun.lemma_.lower()
    if _article(noun) in ("a", "an"):
        # "X said … . A statement said …": a new document, the one who has just spoken's
        return _just_spoken(noun, previous)
    earlier = [(i, l, author) for i, l, author in _sources(ctx) if i < noun.i]
    definite = _article(noun) == "the"
    if definite and earlier and earlier[-1][0] >= sentences_back(noun, RECENT_DOCUMENT):
        return earlier[-1][2]  # "A study by X … It found …" then "the report said": that study
    for i, l, author in reversed(earlier):
        if l == lemma:
            return author  # (None: "the memo" after "a memo has been circulating")
    # "the white paper" after "a report by X": a document the article has not given an
    # author of its own is the latest one it has
    authored = [author for i, l, author in earlier if author is not None]
    if authored and definite:
        return authored[-1]  # (not "a report", a new one, nor "press reports", any)
    return None


def _article(noun: Token) -> str | None:
    """The noun's one determiner in lower case ("a", "the", "this"), else None."""
    determiners = [c.lower_ for c in noun.children if c.dep_ == "det"]
    return determiners[0] if len(determiners) == 1 else None


def _just_spoken(noun: Token, previous: Attribution | None) -> Resolved | None:
    """The speaker of the statement right before, when its cue stands in the sentence
    before `noun`'s or in the same one."""
    if previous is None or not previous.decided() or previous.cue is None or not previous.speaker_name:
        return None
    if sentences_back(noun, 1) <= previous.cue.i < noun.i:
        return Resolved(previous.speaker, previous.speaker_name, previous.speaker_kind, True)
    return None


def _published_by(ctx: Context, noun: Token) -> Resolved | None:
    """"a document titled … on X's website": whose the place the sentence says it was
    published is."""
    for place in noun.doc[noun.i + 1:noun.sent.end]:
        if place.dep_ == "pobj" and place.head.lower_ in ("on", "in", "at") and _is_source_noun(place):
            for owner in (c for c in place.children if c.dep_ == "poss" and c.pos_ != "PRON"):
                found = _organisation_of(ctx, owner) or _person_of(ctx, owner)
                if found is not None and found.name:
                    return found
    return None


def _sources(ctx: Context) -> list[tuple[int, str, Resolved | None]]:
    """(token, lemma, author) of the documents and messages the narration names with an
    author (the subject of a clause it is the object of, "X released a report", or an
    owner written next to it) or introduces without one ("a memo has been circulating":
    author None). Computed once a document."""
    if ctx.authored is None:
        found = []
        for token in ctx.doc:
            if token.pos_ != "NOUN" or not _is_source_noun(token) or token.i in ctx.in_quote:
                continue
            author = _writer(ctx, token) or _published_by(ctx, token)
            if author is not None and author.name:
                found.append((token.i, token.lemma_.lower(), author))
            elif _article(token) in ("a", "an"):
                found.append((token.i, token.lemma_.lower(), None))  # a new one, no author given
        ctx.authored = found
    return ctx.authored


def _writer(ctx: Context, noun: Token) -> Resolved | None:
    """Who the narration says wrote or issued a document: the subject of the clause that
    has it as object or says what is in it ("X released a report", "X wrote in a report
    for Y": X), else an owner written next to it ("Y's report", "a report by Y")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "in":  # "X said in a statement"
        verb = verb.head
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and verb.pos_ == "VERB" and verb.lemma_.lower() not in obtaining_verbs():
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON" and not _is_source_noun(subject):
            found = _organisation_of(ctx, subject) or _person_of(ctx, subject)
            if found is not None and found.name:
                return found
    for owner in _owners(noun):
        if owner.pos_ != "PRON" and not _is_source_noun(owner):
            found = _organisation_of(ctx, owner) or _person_of(ctx, owner)
            if found is not None:
                return found
    return None


def _organisation_of(ctx: Context, token: Token) -> Resolved | None:
    """The organisation a token names (an ORG/GPE entity, an acronym, or a described one)."""
    if token.ent_type_ in ORG_LABELS or (token.pos_ == "PROPN" and is_acronym(token.text)):
        return _organisation_named(ctx, mention_span(token))
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and is_org_noun(lemma) and not _is_source_noun(token):
        organisation = ctx.orgs.described(lemma, token.idx, _modifiers(token))
        if organisation is not None:
            return Resolved(None, organisation.name, "organisation", True)
    return None


def _modifiers(noun: Token) -> tuple[str, ...]:
    """The common nouns written before a head noun ("railway" of "the railway company")."""
    return tuple(c.lower_ for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN")


def _person_of(ctx: Context, token: Token) -> Resolved | None:
    if token.ent_type_ in PERSON_LABELS or (token.pos_ == "PROPN" and not is_title_word(token.text)):
        span = mention_span(token)
        entity = ctx.index.entity_at(span.start_char, span.end_char) or ctx.index.entity_for_text(span)
        if entity is not None:
            return Resolved(entity, entity.name, "person", False)
    return None


def _organisation_named(ctx: Context, span: Span) -> Resolved:
    """An organisation under its fullest name in the article: "EDC" -> "Export Development
    Canada", "Samsung" -> "Samsung Electronics Co."."""
    name = clean_name(span.text)
    organisation = ctx.orgs.find(name)
    if organisation is not None and is_acronym(clean_name(organisation.name)):
        expanded = ctx.orgs.expand(clean_name(organisation.name))
        if expanded is not None:
            organisation.name = ("the " if organisation.name.startswith("the ") else "") + expanded
    if organisation is not None:
        return Resolved(None, organisation.name, "organisation", False)
    if is_acronym(name):
        expanded = ctx.orgs.expand(name)
        if expanded is not None:
            return Resolved(None, expanded, "organisation", False)
    return Resolved(None, _display(span), "organisation", False)


def _named_within(span: Span) -> bool:
    """A description that carries a name of its own ("the Sensei website", "the Liberal
    government"): not a pointer back."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ORG_LABELS for t in span if t.i != span.root.i)


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
