"""Speaker rows across documents: which stored speaker a document's speaker is.

A document's speaker joins a stored row by the user's aliases first, then by its full
name, then by a variant of it that nothing contradicts (a middle name or initial, a short
form of the given name, a near-spelling with an agreeing role), and a bare surname joins
the one person of that surname (or the row of earlier bare mentions of it). Descriptions
and pronouns never get a row, and a name the user split off a row (`not_same`) never
joins it again.
"""

from __future__ import annotations

from sqlite_utils import Database

from .model import Speaker
from .names import (PersonName, given_name_alone, is_proper_name, looks_like_headline, name_near_spelling,
                    person_name, phrases_agree, same_person_name, title_of)


def has_row(speaker: Speaker) -> bool:
    """Whether this speaker may have a row at all: a proper name, not an anonymous source."""
    return speaker.kind != "anonymous" and is_proper_name(speaker.name)


def speaker_ids(db: Database, speakers: list[Speaker]) -> dict[str, int | None]:
    """The row of each of one document's speakers, by name (None: no row). A row that a
    later speaker of the same document absorbed ("Ortiz" into "Lena Ortiz") is looked up
    again."""
    ids = {s.name: speaker_id(db, s) for s in speakers}
    for s in speakers:
        sid = ids[s.name]
        if sid is not None and db.execute("select 1 from speakers where id = ?", [sid]).fetchone() is None:
            ids[s.name] = speaker_id(db, s)
    return ids


def speaker_id(db: Database, speaker: Speaker) -> int | None:
    """The row of this speaker across documents (created when none fits); None for a
    description, a pronoun or an anonymous source, which get no row."""
    if not has_row(speaker):
        return None
    sid = _by_user_alias(db, speaker) or _by_name(db, speaker)
    if sid is None and speaker.kind == "person":
        sid = _by_variant(db, speaker)
    if sid is None:
        sid = db["speakers"].insert({
            "name": speaker.name, "kind": speaker.kind, "role": speaker.role,
            "affiliation": speaker.affiliation,
        }).last_pk
    _record_aliases(db, sid, speaker)
    _fill_role(db, sid, speaker)
    if speaker.kind == "person":
        _absorb_bare_rows(db, sid, speaker)
    return sid


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


def _by_user_alias(db: Database, speaker: Speaker) -> int | None:
    """A merge, a split or an alias file named this speaker: the user's word comes first. Only
    the name the article gives the speaker counts: another way the same article writes it
    may be what the user split off ("Petra Holm" off "Petra J Holm")."""
    for name in [speaker.name]:
        row = db.execute("select speaker_id from aliases where alias = ? collate nocase and "
                         "origin != 'seen' order by rowid desc", [name]).fetchone()
        if row:
            return row[0]
    return None


def _by_name(db: Database, speaker: Speaker) -> int | None:
    """A row that has one of this speaker's full names (an organisation or a group: its
    name, even of one word, as its canonical name)."""
    for name in _names(speaker):
        if len(name.split()) >= 2:
            rows = db.execute(
                "select aliases.speaker_id from aliases join speakers on speakers.id = aliases.speaker_id "
                "where alias = ? collate nocase order by speakers.name = ? collate nocase desc, speakers.id",
                [name, name]).fetchall()
        elif speaker.kind != "person":
            rows = db.execute("select id from speakers where name = ? collate nocase and kind = ? "
                              "order by id", [name, speaker.kind]).fetchall()
        else:
            continue
        for (sid,) in rows:
            if not _refused(db, sid, speaker.name):
                return sid
    return None


def _role(speaker: Speaker) -> str | None:
    """The speaker's role, else the title its name is written with ("President Ortiz",
    "Mrs. Renner")."""
    return speaker.role or title_of(speaker.name)


def agree(speaker: Speaker, role: str | None, affiliation: str | None) -> bool:
    """Nothing in the roles and affiliations contradicts one person."""
    return phrases_agree(_role(speaker), role) and phrases_agree(speaker.affiliation, affiliation)


def _people_named(db: Database, surname: str) -> dict[int, tuple[list[PersonName], str | None, str | None]]:
    """Person rows with a name of this surname: id -> (their parsed names of that surname,
    role (else the title of the canonical name), affiliation). A name written with the
    surname's first letters anywhere is a candidate (accents aside); the parse decides."""
    start = surname[:4]
    rows = db.execute(
        "select speakers.id, aliases.alias, speakers.role, speakers.affiliation, speakers.name from aliases "
        "join speakers on speakers.id = aliases.speaker_id "
        "where speakers.kind = 'person' and aliases.alias like ? escape '\\'",
        ["%" + start.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"]).fetchall()
    people: dict[int, tuple[list[PersonName], str | None, str | None]] = {}
    for sid, alias, role, affiliation, name in rows:
        parsed = person_name(alias)
        if parsed is not None and parsed.surname == surname:
            people.setdefault(sid, ([], role or title_of(name), affiliation))[0].append(parsed)
    return people


def candidates(db: Database, speaker: Speaker) -> list[int]:
    """Rows this person may join by a variant of the name: every row (a) whose names of the
    same surname are all compatible with it, for a full name; (b) of the same given names
    and a near-spelled surname with agreeing roles both given; (c) of the same surname, for
    a bare surname. Roles and affiliations agree in each, and the user split nothing off."""
    parsed = person_name(speaker.name)
    if parsed is None:
        return []
    people = {sid: person for sid, person in _people_named(db, parsed.surname).items()
              if not _refused(db, sid, speaker.name)}
    if parsed.bare:
        return _bare(speaker, parsed, people)
    found = []
    for sid, (names, role, affiliation) in people.items():
        full = [n for n in names if not n.bare]
        if full and all(same_person_name(parsed, n) for n in full) and agree(speaker, role, affiliation):
            found.append(sid)
    if not found and _role(speaker):
        last = parsed.surname.split()[-1]
        for sid, name, role, affiliation in db.execute(
                "select id, name, role, affiliation from speakers where kind = 'person' and role is not null "
                "and name like ?", [parsed.given[0].replace("%", "") + " %"]).fetchall():
            other = person_name(name)
            if (other is not None and name_near_spelling(parsed, other) and other.surname.split()[-1] != last
                    and agree(speaker, role, affiliation) and not _refused(db, sid, speaker.name)):
                found.append(sid)
    return found


def _bare(speaker: Speaker, parsed: PersonName, people: dict) -> list[int]:
    """Where a bare surname ("Ortiz", "President Ortiz") goes: the one person of the
    database with a full name of that surname (when the roles agree), or the one whose role
    positively agrees when there are several; else the row of earlier bare mentions of
    that surname with an agreeing role. A word more common as a given name ("Hannah",
    "Henry"), even where a full name in the database has it as a surname ("Lena Kay
    Henry"), is someone's first name: it joins a full name or earlier mentions only when
    both give a role and the roles agree ("Sir Thomas")."""
    full = {sid: person for sid, person in people.items() if any(not n.bare for n in person[0])}
    role = _role(speaker)
    first_name = given_name_alone(parsed.surname)
    agreeing = [sid for sid, (_, other, affiliation) in full.items() if agree(speaker, other, affiliation)]
    positive = [sid for sid in agreeing if role and full[sid][1]]
    if len(full) == 1 and agreeing and (positive or not first_name):
        return agreeing
    if len(full) > 1 and len(positive) == 1:
        return positive
    buckets = [sid for sid, (_, other, affiliation) in people.items()
               if sid not in full and agree(speaker, other, affiliation)
               and not (first_name and not (role and other))]
    return [min(buckets)] if buckets else []


def bare_target(db: Database, speaker: Speaker, exclude: int | None = None) -> int | None:
    """The row a bare surname with this role goes to now (None: a new row), leaving out
    row `exclude` (the bare row itself, when checking where it would go)."""
    parsed = person_name(speaker.name)
    if parsed is None or not parsed.bare:
        return None
    people = {sid: p for sid, p in _people_named(db, parsed.surname).items() if sid != exclude}
    found = _bare(speaker, parsed, people)
    return found[0] if found else None


def _by_variant(db: Database, speaker: Speaker) -> int | None:
    """The one row this person's variant of a name fits; none when two or more fit
    (namesakes stay apart)."""
    found = candidates(db, speaker)
    if len(found) == 1:
        return found[0]
    return None


def _absorb_bare_rows(db: Database, sid: int, speaker: Speaker) -> None:
    """Rows an earlier article made of a bare surname ("Ortiz", "Secretary Renner") join
    this full name when, now that it is stored, a bare mention with their role would go to
    it (see `_bare`), and the user never split or named them."""
    parsed = person_name(speaker.name)
    if parsed is None or parsed.bare:
        return
    people = _people_named(db, parsed.surname)
    for other, (names, role, affiliation) in list(people.items()):
        if other == sid or any(not n.bare for n in names):
            continue
        name = db.execute("select name from speakers where id = ?", [other]).fetchone()[0]
        bare = person_name(name)
        user = db.execute("select 1 from aliases where speaker_id = ? and origin != 'seen'", [other]).fetchone()
        refused = db.execute("select 1 from not_same where speaker_id = ? and name in "
                             "(select alias from aliases where speaker_id = ?)", [sid, other]).fetchone()
        if bare is None or not bare.bare or user or refused:
            continue
        rest = {k: v for k, v in people.items() if k != other}
        if _bare(Speaker(name, "person", role, affiliation), bare, rest) == [sid]:
            move_speaker(db, other, sid)
            del people[other]


def _record_aliases(db: Database, sid: int, speaker: Speaker) -> None:
    for alias in dict.fromkeys((speaker.name,) + tuple(speaker.aliases)):
        # "he" and "the minister" are no names of anyone, nor is a headline ("X Slams Y")
        if is_proper_name(alias) and not looks_like_headline(alias):
            db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'seen') "
                       "on conflict do nothing", [alias, sid])


def _fill_role(db: Database, sid: int, speaker: Speaker) -> None:
    db.execute(
        "update speakers set role = coalesce(role, ?), affiliation = coalesce(affiliation, ?) where id = ?",
        [speaker.role, speaker.affiliation, sid])


def move_speaker(db: Database, source: int, target: int) -> None:
    """Every statement, alias and split decision of speaker `source` goes to `target`,
    which keeps its role, affiliation and the user's gender correction (or takes the
    source's); `source` is deleted. (The caller decides the target's gender again.)"""
    db.execute("update quotes set speaker_id = ? where speaker_id = ?", [target, source])
    db.execute("update quotes set addressee_id = ? where addressee_id = ?", [target, source])
    db.execute("insert or ignore into aliases (alias, speaker_id, origin) "
               "select alias, ?, origin from aliases where speaker_id = ?", [target, source])
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
