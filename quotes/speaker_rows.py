"""Speaker rows across documents: which stored speaker a document's speaker is, and why.

A document's speaker joins the row the first of `ROW_MATCHERS` finds, each with its
reason (stored with the aliases it brings, and shown on the speaker's page):

  user_alias    a merge, a split or an alias file named it: the user's word comes first
  full_name     a row with one of its full names ("Lena Ortiz", "the EU" ~ "EU")
  name_variant  the one person row every name of which the name rules of `name_matcher`
                take for it, nothing contradicting: a middle name or initial, a short form
                ("nickname Bill ~ William"), a near-spelling where both give a role that
                agrees
  bare_surname  a bare surname: the one person named in full with that surname whose role
                agrees (never the row of another article's bare mentions: one word joins
                nothing by that word alone)

Descriptions, pronouns, platforms and other words that name no one get no row; a name the
user split off a row (`not_same`) never joins it again; and two speakers the document
tells apart never share a row, so a document's speakers and its rows agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from sqlite_utils import Database

from .model import Speaker
from .name_matcher import near_spelled, variant as variant_of
from .names import (PersonName, given_name_alone, is_proper_name, looks_like_headline, person_name, phrases_agree,
                    roles_agree, title_of)


@dataclass(frozen=True)
class Seen:
    """A document's speaker as the rows see it, its name parsed once."""

    speaker: Speaker
    parsed: PersonName | None  # a person's canonical name, parsed; None for others
    role: str | None  # its role, else the title its name is written with ("President Ortiz")
    taken: frozenset[int] = frozenset()  # rows other speakers of its document hold

    @property
    def name(self) -> str:
        return self.speaker.name


def seen(speaker: Speaker, taken: frozenset[int] = frozenset()) -> Seen:
    parsed = person_name(speaker.name) if speaker.kind == "person" else None
    return Seen(speaker, parsed, speaker.role or title_of(speaker.name), taken)


def has_row(speaker: Speaker) -> bool:
    """Whether this speaker may have a row at all: a proper name, not an anonymous source."""
    return speaker.kind != "anonymous" and is_proper_name(speaker.name)


def speaker_ids(db: Database, speakers: list[Speaker]) -> dict[str, int | None]:
    """The row of each of one document's speakers, by name (None: no row). Full names go
    first, so that a bare surname the document kept apart from them finds their rows
    taken; no two of its speakers share a row."""
    ids: dict[str, int | None] = {}
    found = [seen(s) for s in speakers]
    for speaker in sorted(found, key=lambda s: s.parsed is not None and s.parsed.bare):
        if speaker.name not in ids:
            taken = frozenset(i for i in ids.values() if i is not None)
            ids[speaker.name] = speaker_row(db, replace(speaker, taken=taken))[0]
    return {s.name: ids[s.name] for s in speakers}


def speaker_id(db: Database, speaker: Speaker) -> int | None:
    """The row of this speaker across documents (created when none fits); None for a
    description, a pronoun or an anonymous source, which get no row."""
    return speaker_row(db, seen(speaker))[0]


Found = tuple[int, str]  # (row, reason)
RowMatcher = Callable[[Database, Seen], "Found | None"]


def speaker_row(db: Database, speaker: Seen) -> tuple[int | None, str | None]:
    """(row, reason) of this speaker: the first of ROW_MATCHERS that finds one, else a new
    row ("new row"); (None, None) for a speaker that gets no row."""
    if not has_row(speaker.speaker):
        return None, None
    found = next(filter(None, (matcher(db, speaker) for matcher in ROW_MATCHERS)), None)
    if found is None:
        s = speaker.speaker
        found = db["speakers"].insert({"name": s.name, "kind": s.kind, "role": s.role,
                                       "affiliation": s.affiliation}).last_pk, "new row"
    sid, reason = found
    _record_aliases(db, sid, speaker, reason)
    _fill_role(db, sid, speaker.speaker)
    if speaker.parsed is not None and not speaker.parsed.bare:
        _absorb_bare_rows(db, sid, speaker)
    return sid, reason


def user_alias(db: Database, speaker: Seen) -> Found | None:
    """A merge, a split or an alias file named this speaker: the user's word comes first. Only
    the name the article gives the speaker counts: another way the same article writes it
    may be what the user split off ("Petra Holm" off "Petra J Holm")."""
    row = db.execute("select speaker_id, origin from aliases where alias = ? collate nocase and "
                     "origin != 'seen' order by rowid desc", [speaker.name]).fetchone()
    return (row[0], f"the user's {'alias file' if row[1] == 'user' else row[1]}") if row else None


def _names(speaker: Speaker) -> list[str]:
    """The document's canonical name, then its other full names (two words or more); an
    organisation's with and without the article ("the EU" and "EU" are one row)."""
    full = [a for a in speaker.aliases if len(a.split()) >= 2 and is_proper_name(a)]
    names = [speaker.name] + full
    if speaker.kind != "person":
        bare = [n[4:] for n in names if n.lower().startswith("the ")]
        names += bare + ["the " + n for n in names if not n.lower().startswith("the ")]
    return list(dict.fromkeys(names))


def _refused(db: Database, sid: int, name: str) -> bool:
    """The user split `name` off speaker `sid`: it never joins that row again."""
    return db.execute("select 1 from not_same where speaker_id = ? and name = ? collate nocase",
                      [sid, name]).fetchone() is not None


def full_name(db: Database, speaker: Seen) -> Found | None:
    """A row that has one of this speaker's full names (an organisation or a group: its
    name, even of one word, as its canonical name, unless that word is a person's name:
    see `persons_word`)."""
    kind = speaker.speaker.kind
    for name in _names(speaker.speaker):
        if len(name.split()) >= 2:
            rows = db.execute(
                "select aliases.speaker_id from aliases join speakers on speakers.id = aliases.speaker_id "
                "where alias = ? collate nocase order by speakers.name = ? collate nocase desc, speakers.id",
                [name, name]).fetchall()
        elif kind != "person" and not persons_word(db, name):
            rows = db.execute("select id from speakers where name = ? collate nocase and kind = ? "
                              "order by id", [name, kind]).fetchall()
        else:
            continue
        for (sid,) in rows:
            if sid not in speaker.taken and not _refused(db, sid, speaker.name):
                return sid, f"same name: {name}"
    return None


def persons_word(db: Database, word: str) -> bool:
    """One word that names a person, whatever kind the article gave it (a model that tags
    "Lydia" or "Renner" an organisation): a word more common as a given name than as a
    surname, or the surname of a person stored with a full name. Such a word joins no row of
    another article by that word alone."""
    parsed = person_name(word)
    if parsed is None or not parsed.bare:
        return False
    return given_name_alone(parsed.surname) or any(
        any(not n.bare for n in p.names) for p in _people_named(db, parsed.surname).values())


def agree(role: str | None, affiliation: str | None, other_role: str | None, other_affiliation: str | None) -> bool:
    """Nothing in the roles and affiliations contradicts one person (`roles_agree`)."""
    return roles_agree(role, other_role) and phrases_agree(affiliation, other_affiliation)


def _roles_agree(speaker: Seen, role: str | None) -> str:
    """", roles agree" when both give a role (the reason's last words)."""
    return ", roles agree" if speaker.role and role else ""


@dataclass
class Person:
    """A person row with names of one surname."""

    names: list[PersonName]
    role: str | None  # its role, else the title of its canonical name
    affiliation: str | None


def _people_named(db: Database, surname: str, speaker: Seen | None = None) -> dict[int, Person]:
    """Person rows with a name of this surname, but those the user split `speaker` off and
    those its document's other speakers hold. A name written with the surname's first
    letters anywhere is a candidate (accents aside); the parse decides."""
    start = surname[:4]
    rows = db.execute(
        "select speakers.id, aliases.alias, speakers.role, speakers.affiliation, speakers.name from aliases "
        "join speakers on speakers.id = aliases.speaker_id "
        "where speakers.kind = 'person' and aliases.alias like ? escape '\\'",
        ["%" + start.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"]).fetchall()
    people: dict[int, Person] = {}
    for sid, alias, role, affiliation, name in rows:
        parsed = person_name(alias)
        if parsed is not None and parsed.surname == surname:
            people.setdefault(sid, Person([], role or title_of(name), affiliation)).names.append(parsed)
    if speaker is not None:
        people = {sid: p for sid, p in people.items()
                  if sid not in speaker.taken and not _refused(db, sid, speaker.name)}
    return people


def name_variant(db: Database, speaker: Seen) -> Found | None:
    """The one person row this full name is a variant of: every full name of the row of
    that surname a variant of it (`name_matcher.variant`), or, with a role on both sides
    that agrees, the same given names and a near-spelled surname. None when two or more
    rows fit (namesakes stay apart)."""
    parsed = speaker.parsed
    if parsed is None or parsed.bare:
        return None
    found = []
    for sid, person in _people_named(db, parsed.surname, speaker).items():
        full = [n for n in person.names if not n.bare]
        reasons = [variant_of(parsed, n) or ("same name" if n == parsed else None) for n in full]
        if full and all(reasons) and agree(speaker.role, speaker.speaker.affiliation, person.role, person.affiliation):
            found.append((sid, next((r for r in reasons if r != "same name"), reasons[0])
                          + _roles_agree(speaker, person.role)))
    if not found and speaker.role and parsed.given:
        found = _near_spelled(db, speaker, parsed)
    return found[0] if len(found) == 1 else None


def _near_spelled(db: Database, speaker: Seen, parsed: PersonName) -> list[Found]:
    """Person rows with a role, the same given names and a near-spelled surname whose role
    agrees."""
    found = []
    last = parsed.surname.split()[-1]
    for sid, name, role, affiliation in db.execute(
            "select id, name, role, affiliation from speakers where kind = 'person' and role is not null "
            "and name like ?", [parsed.given[0].replace("%", "") + " %"]).fetchall():
        other = person_name(name)
        reason = near_spelled(parsed, other) if other is not None else None
        if (reason and other.surname.split()[-1] != last and sid not in speaker.taken
                and agree(speaker.role, speaker.speaker.affiliation, role, affiliation)
                and not _refused(db, sid, speaker.name)):
            found.append((sid, reason + ", roles agree"))
    return found


def bare_surname(db: Database, speaker: Seen) -> Found | None:
    """Where a bare surname ("Ortiz", "President Ortiz") goes (see `_bare`)."""
    parsed = speaker.parsed
    if parsed is None or not parsed.bare:
        return None
    return _bare(speaker, _people_named(db, parsed.surname, speaker))


def _bare(speaker: Seen, people: dict[int, Person]) -> Found | None:
    """Where a bare surname goes: the one person of the database with a full name of that
    surname (when the roles agree), or the one whose role positively agrees when there are
    several; else nowhere (a row of its own, until a full name it would join arrives: see
    `_absorb_bare_rows`). One word never joins another article's row by that word alone
    ("Twitter" is not "Black Twitter", "Okafor" of two articles may be two people). A
    word more common as a given name ("Hannah", "Henry"), even where a full name in the
    database has it as a surname ("Lena Kay Henry"), is someone's first name: it joins a
    full name only when both give a role and the roles agree."""
    word = speaker.parsed.surname
    shown = word[:1].upper() + word[1:]
    full = {sid: p for sid, p in people.items() if any(not n.bare for n in p.names)}
    role, affiliation = speaker.role, speaker.speaker.affiliation
    agreeing = [sid for sid, p in full.items() if agree(role, affiliation, p.role, p.affiliation)]
    positive = [sid for sid in agreeing if role and full[sid].role]
    if len(full) == 1 and agreeing and (positive or not given_name_alone(word)):
        return agreeing[0], f"surname alone: the one person named {shown}" + _roles_agree(speaker, full[agreeing[0]].role)
    if len(full) > 1 and len(positive) == 1:
        return positive[0], f"surname alone: of {len(full)} people named {shown}, the one whose role agrees"
    return None


ROW_MATCHERS: tuple[RowMatcher, ...] = (user_alias, full_name, name_variant, bare_surname)


def bare_target(db: Database, speaker: Speaker, exclude: int | None = None) -> int | None:
    """The row a bare surname with this role goes to now (None: a new row), leaving out
    row `exclude` (the bare row itself, when checking where it would go)."""
    s = seen(speaker)
    if s.parsed is None or not s.parsed.bare:
        return None
    people = {sid: p for sid, p in _people_named(db, s.parsed.surname).items() if sid != exclude}
    found = _bare(s, people)
    return found[0] if found else None


def _absorb_bare_rows(db: Database, sid: int, speaker: Seen) -> None:
    """Rows an earlier article made of a bare surname ("Ortiz", "Secretary Renner") join
    this full name when, now that it is stored, a bare mention with their role would go to
    it (see `_bare`), and the user never split or named them, and no article told them
    apart (another speaker of this document, or of one both rows hold)."""
    people = _people_named(db, speaker.parsed.surname)
    for other, person in list(people.items()):
        if other == sid or other in speaker.taken or any(not n.bare for n in person.names) \
                or _told_apart(db, sid, other):
            continue
        name = db.execute("select name from speakers where id = ?", [other]).fetchone()[0]
        user = db.execute("select 1 from aliases where speaker_id = ? and origin != 'seen'", [other]).fetchone()
        refused = db.execute("select 1 from not_same where speaker_id = ? and name in "
                             "(select alias from aliases where speaker_id = ?)", [sid, other]).fetchone()
        bare = seen(Speaker(name, "person", person.role, person.affiliation))
        if bare.parsed is None or not bare.parsed.bare or user or refused:
            continue
        found = _bare(bare, {k: v for k, v in people.items() if k != other})
        if found is not None and found[0] == sid:
            move_speaker(db, other, sid, reason=found[1] + f" (joined when {speaker.name} was stored)")
            del people[other]


def _told_apart(db: Database, a: int, b: int) -> bool:
    """Rows `a` and `b` hold two speakers (or addressees) of one document: that article
    told them apart."""
    return db.execute("select 1 from quotes x join quotes y on x.document_id = y.document_id "
                      "where ? in (x.speaker_id, x.addressee_id) and ? in (y.speaker_id, y.addressee_id) limit 1",
                      [a, b]).fetchone() is not None


def _record_aliases(db: Database, sid: int, speaker: Seen, reason: str) -> None:
    """The names the document writes the speaker with, each with the reason it joined
    `sid` (the other names: the document's own joining)."""
    s = speaker.speaker
    for alias in dict.fromkeys((s.name,) + tuple(s.aliases)):
        # "he" and "the minister" are no names of anyone, nor is a headline ("X Slams Y")
        if is_proper_name(alias) and not looks_like_headline(alias):
            why = reason if alias == s.name else f"{reason}; in the same article as {s.name}"
            db.execute("insert into aliases (alias, speaker_id, origin, reason) values (?, ?, 'seen', ?) "
                       "on conflict do nothing", [alias, sid, why])


def _fill_role(db: Database, sid: int, speaker: Speaker) -> None:
    db.execute(
        "update speakers set role = coalesce(role, ?), affiliation = coalesce(affiliation, ?) where id = ?",
        [speaker.role, speaker.affiliation, sid])


def move_speaker(db: Database, source: int, target: int, reason: str | None = None) -> None:
    """Every statement, alias and split decision of speaker `source` goes to `target`,
    which keeps its role, affiliation and the user's gender correction (or takes the
    source's); `source` is deleted. (The caller decides the target's gender again.) The
    aliases that move take `reason` (why they joined) when one is given."""
    db.execute("update quotes set speaker_id = ? where speaker_id = ?", [target, source])
    db.execute("update quotes set addressee_id = ? where addressee_id = ?", [target, source])
    db.execute("insert or ignore into aliases (alias, speaker_id, origin, reason) "
               "select alias, ?, origin, coalesce(?, reason) from aliases where speaker_id = ?",
               [target, reason, source])
    db.execute("delete from aliases where speaker_id = ?", [source])
    db.execute("insert or ignore into not_same (speaker_id, name) "
               "select ?, name from not_same where speaker_id = ?", [target, source])
    db.execute("delete from not_same where speaker_id = ?", [source])
    db.execute(
        "update speakers set role = coalesce(role, (select role from speakers where id = :s)), "
        "affiliation = coalesce(affiliation, (select affiliation from speakers where id = :s)), "
        "corrected_gender = coalesce(corrected_gender, (select corrected_gender from speakers where id = :s)) "
        "where id = :t", {"s": source, "t": target})
    db.execute("delete from speakers where id = ?", [source])
