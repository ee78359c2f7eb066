"""The user's curation of speakers: list them, merge two into one, split a name off one,
correct a person's gender, and apply an alias file.

Merges, splits and aliases are stored as alias rows with an origin other than "seen" (and
a split also as a `not_same` row), so they apply to new documents as well as old ones, and
survive re-ingestion.
"""

from __future__ import annotations

import csv
import io
import os
import re

import yaml
from sqlite_utils import Database

from .gender import GENDERS
from .names import visible
from .gender_rows import correct, refresh as refresh_genders
from .speaker_rows import move_speaker
from .store import writing


class AliasFileError(ValueError):
    """An alias file that cannot be read."""


def list_speakers(db: Database) -> list[dict]:
    """Every speaker with its aliases, role, gender (with its evidence) and number of
    statements, most quoted first."""
    rows = db.execute(
        """
        select speakers.id, speakers.name, speakers.kind, speakers.role, speakers.affiliation,
          speakers.gender, speakers.gender_evidence,
          (select count(*) from quotes where quotes.speaker_id = speakers.id) as statements,
          (select group_concat(alias, ' | ') from
             (select alias from aliases where aliases.speaker_id = speakers.id
              and alias != speakers.name order by alias)) as aliases
        from speakers order by statements desc, speakers.name
        """
    ).fetchall()
    keys = ("id", "name", "kind", "role", "affiliation", "gender", "gender_evidence", "statements", "aliases")
    return [dict(zip(keys, row)) for row in rows]


class AmbiguousName(LookupError):
    """A name that several speakers share: the user has to say which."""


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
MAX_ID = 2 ** 63 - 1  # SQLite's largest integer: a larger #ID names no speaker


def clean_name(name) -> str:
    """A name as a person typed it, as the engine reads names in texts: without zero-width,
    soft-hyphen and bidirectional control characters (a U+202E would show the name
    reversed; a U+200B inside "Jane Doe" makes another name that looks the same), control
    characters as spaces, runs of spaces as one, no space at either end."""
    return " ".join(_CONTROL.sub(" ", visible(str(name))).split())


def _named(name: str, what: str = "name") -> str:
    """`name` cleaned; LookupError when nothing is left of it."""
    cleaned = clean_name(name)
    if not cleaned:
        raise LookupError(f"an empty {what} ({name!r}); give a speaker's name, or #ID")
    return cleaned


def _by_id(name: str) -> int | None:
    """`#12` names the speaker with id 12 (the ids `quotes speakers` lists)."""
    return int(name[1:]) if name.startswith("#") and name[1:].isascii() and name[1:].isdigit() else None


def speakers_named(db: Database, name: str) -> list[int]:
    """Ids of the speakers with this canonical name (any case), or else of those that have
    it as an alias; `#ID` names one speaker by id."""
    wanted = _by_id(name)
    if wanted is not None:
        if wanted > MAX_ID:
            return []
        return [r[0] for r in db.execute("select id from speakers where id = ?", [wanted])]
    ids = [r[0] for r in db.execute(
        "select id from speakers where name = ? collate nocase order by id", [name])]
    return ids or sorted({r[0] for r in db.execute(
        "select speaker_id from aliases where alias = ? collate nocase", [name])})


def find_speaker(db: Database, name: str) -> int | None:
    """The id of the speaker with this canonical name, else of the one this alias names."""
    ids = speakers_named(db, name)
    return ids[0] if len(ids) == 1 else None


def _ambiguous(name: str, ids: list[int], hint: str) -> AmbiguousName:
    shown = ", ".join(f"#{i}" for i in ids[:20]) + (", …" if len(ids) > 20 else "")
    return AmbiguousName(f"{name!r} names {len(ids)} speakers ({shown}): {hint}")


def merge(db: Database, old: str, new: str, all: bool = False) -> int:
    """Make `new` the canonical name of both speakers: every quote and alias of `old` moves
    to `new`. `new` may be another speaker's alias: `old` then joins that speaker. When no
    speaker is called `new`, `old` is renamed. A name that several speakers share is
    refused (AmbiguousName, listing their ids) unless `all` merges every one of them.
    Returns the id of the speaker that remains. Names are cleaned (`clean_name`); an empty
    one is refused (LookupError)."""
    old, new = _named(old), _named(new, "new name")
    with writing(db):
        sources = speakers_named(db, old)
        if not sources:
            raise LookupError(f"no speaker named {old!r}")
        if len(sources) > 1 and not all:
            raise _ambiguous(old, sources, "give one as #ID, or --all to merge them all")
        targets = speakers_named(db, new)
        if len(targets) > 1:
            raise _ambiguous(new, targets, "give the one to merge into as #ID")
        if not targets and _by_id(new) is not None:
            raise LookupError(f"no speaker with id {new}")
        names = [db.execute("select name from speakers where id = ?", [i]).fetchone()[0] for i in sources]
        if targets and targets != sources[:1]:
            target_id = targets[0]
        elif targets and _by_id(new) is not None:
            target_id = targets[0]
        else:  # no speaker called NEW, or NEW is already an alias of OLD: a new spelling
            target_id = sources[0]
            db.execute("update speakers set name = ? where id = ?", [new, target_id])
        for source in sources:
            if source != target_id:
                move_speaker(db, source, target_id)
        written = [n for n in [old, new] + names if _by_id(n) is None]
        for alias in dict.fromkeys(written):
            db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'merge') "
                       "on conflict do update set origin = excluded.origin", [alias, target_id])
        # a merge undoes an earlier split between the two
        db.execute("delete from not_same where speaker_id = ? and name in "
                   "(select alias from aliases where speaker_id = ?)", [target_id, target_id])
        refresh_genders(db, [target_id])
    return target_id


def _one(db: Database, name: str, hint: str) -> int:
    ids = speakers_named(db, name)
    if not ids:
        raise LookupError(f"no speaker named {name!r}" if _by_id(name) is None else f"no speaker with id {name}")
    if len(ids) > 1:
        raise _ambiguous(name, ids, hint)
    return ids[0]


def split(db: Database, name: str, alias: str, into: str | None = None) -> int:
    """Undo a join: the statements whose article called their speaker `alias`, and that
    went to the speaker `name` (a name or #ID), move to the speaker `into` (a name or #ID;
    created when no speaker has that name), or else to a new speaker called `alias`. The
    alias moves with them, and `alias` is recorded as not `name`'s, so re-ingestion never
    joins them again. Returns the id of the speaker the statements went to. Split again,
    the statements go to the speaker the first split made (no second one of that name).
    Names are cleaned (`clean_name`); an empty one is refused (LookupError)."""
    name, alias = _named(name), _named(alias, "alias")
    into = None if into is None else _named(into, "--into name")
    with writing(db):
        source = _one(db, name, "give the one to split as #ID")
        canonical, kind = db.execute("select name, kind from speakers where id = ?", [source]).fetchone()
        if alias.strip().lower() == canonical.lower():
            raise LookupError(f"{alias!r} is the canonical name of #{source}; split off one of its other "
                              f"names (see quotes speakers), or rename it first with quotes merge")
        known = db.execute(
            "select 1 from aliases where speaker_id = ? and alias = ? collate nocase union all "
            "select 1 from quotes where ? in (speaker_id, addressee_id) and "
            "? collate nocase in (article_speaker, article_addressee, speaker_mention)",
            [source, alias, source, alias]).fetchone()
        if not known:
            raise LookupError(f"{alias!r} is not a name of speaker #{source} ({canonical})")
        if into is None:  # a speaker of its own: the one an earlier split made, or a new one
            named = [r[0] for r in db.execute("select id from speakers where name = ? collate nocase "
                                              "and id != ? order by id", [alias, source])]
            if len(named) > 1:
                raise _ambiguous(alias, named, "give the one to move the statements to with --into #ID")
            target = named[0] if named else db["speakers"].insert({"name": alias, "kind": kind}).last_pk
        else:
            targets = speakers_named(db, into)
            if len(targets) > 1:
                raise _ambiguous(into, targets, "give the one to move to as #ID")
            if not targets and _by_id(into) is not None:
                raise LookupError(f"no speaker with id {into}")
            target = targets[0] if targets else db["speakers"].insert({"name": into, "kind": kind}).last_pk
            if target == source:
                raise LookupError(f"{into!r} is the speaker {name!r} itself")
        _split_off(db, source, alias, target)
        refresh_genders(db, [source, target])
    return target


def _split_off(db: Database, source: int, alias: str, target: int) -> None:
    """Move `alias` and the statements its articles gave `source` to `target`; remember it."""
    db.execute("update quotes set speaker_id = ? where speaker_id = ? and (article_speaker = ? collate nocase "
               "or (article_speaker is null and speaker_mention = ? collate nocase))",
               [target, source, alias, alias])
    db.execute("update quotes set addressee_id = ? where addressee_id = ? and article_addressee = ? collate nocase",
               [target, source, alias])
    db.execute("delete from aliases where speaker_id = ? and alias = ? collate nocase", [source, alias])
    db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'split') "
               "on conflict do update set origin = 'split'", [alias, target])
    db.execute("insert or ignore into not_same (speaker_id, name) values (?, ?)", [source, alias])


MAX_ALIAS_FILE = 1_000_000  # bytes: an alias file is a list of names typed by people


class AliasMapping(dict):
    """Canonical name -> aliases, with `genders`: canonical name -> the gender the file
    gives the person (female, male or unknown)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.genders: dict[str, str] = {}
        self.notes: list[str] = []  # rows skipped (an empty name or alias), for the user


def _gender(path: str, name: str, value) -> str:
    gender = str(value).strip().lower()
    if gender not in GENDERS:
        raise AliasFileError(f"{path}: the gender of {name!r} is one of {', '.join(GENDERS)}, not {value!r}")
    return gender


def read_alias_file(path: str) -> AliasMapping:
    """Canonical name -> aliases, from YAML (a mapping of name to a list of aliases, or to
    a mapping with `aliases` and `gender`) or CSV (columns `name` and `alias`, one alias a
    row, and optionally `gender`). Bounded: at most MAX_ALIAS_FILE bytes, and no YAML
    anchors or aliases (`&`, `*`), which can make a small file expand without end
    ("billion laughs"). Names are cleaned as names in texts are (`clean_name`); a row or
    entry whose name or alias is then empty is skipped, with a note in `notes`."""
    try:
        size = os.path.getsize(path)
        if size > MAX_ALIAS_FILE:
            raise AliasFileError(f"{path}: too large ({size:,} bytes); an alias file may hold "
                                 f"at most {MAX_ALIAS_FILE:,} bytes")
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_ALIAS_FILE + 1)
    except (OSError, UnicodeDecodeError) as error:
        raise AliasFileError(f"{path}: cannot read ({error})") from None
    if path.lower().endswith(".csv"):
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not {"name", "alias"} <= set(reader.fieldnames):
            raise AliasFileError(f"{path}: a CSV alias file needs the columns 'name' and 'alias'")
        mapping = AliasMapping()
        for row in reader:
            name, alias = clean_name(row["name"] or ""), clean_name(row["alias"] or "")
            gender = (row.get("gender") or "").strip()
            if not name or not (alias or gender):
                empty = "name" if not name else "alias"
                mapping.notes.append(f"{path}:{reader.line_num}: an empty {empty}; row skipped")
                continue
            if alias:
                mapping.setdefault(name, []).append(alias)
            if gender:
                mapping.setdefault(name, [])
                mapping.genders[name] = _gender(path, name, row["gender"])
        return mapping
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise AliasFileError(f"{path}: line {event.start_mark.line + 1}: YAML anchors and "
                                     f"aliases (& and *) are not allowed in an alias file")
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise AliasFileError(f"{path}: not YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(data, dict) or not all(
        isinstance(v, (list, str, dict)) for v in data.values()
    ):
        raise AliasFileError(f"{path}: expected a mapping of canonical name to a list of aliases")
    mapping = AliasMapping()
    for name, aliases in data.items():
        if isinstance(aliases, dict):  # {aliases: [...], gender: female}
            unknown = set(map(str, aliases)) - {"aliases", "gender"}
            if unknown:
                raise AliasFileError(f"{path}: {str(name)!r} has {', '.join(sorted(unknown))}; "
                                     f"a person's entry holds only 'aliases' and 'gender'")
            if aliases.get("gender") is not None and clean_name(name):
                mapping.genders[clean_name(name)] = _gender(path, str(name), aliases["gender"])
            aliases = aliases.get("aliases") or []
            if not isinstance(aliases, (list, str)):
                raise AliasFileError(f"{path}: the aliases of {str(name)!r} must be a list of names")
        aliases = [aliases] if isinstance(aliases, str) else aliases
        if not all(isinstance(a, (str, int, float)) and not isinstance(a, bool) for a in aliases):
            raise AliasFileError(f"{path}: the aliases of {str(name)!r} must be names, not lists or mappings")
        cleaned = clean_name(name) if name is not None else ""
        if not cleaned:
            mapping.notes.append(f"{path}: an empty name (with the aliases {aliases!r}); skipped")
            continue
        names = [clean_name(a) for a in aliases]
        if not all(names):
            mapping.notes.append(f"{path}: an empty alias of {cleaned!r}; skipped")
        mapping[cleaned] = [a for a in names if a]
    return mapping


def apply_aliases(db: Database, mapping: dict[str, list[str]]) -> int:
    """Record user aliases and merge existing speakers they name. An alias that articles
    gave and that was joined to another speaker is split off it (its statements move), so
    a file can undo a join: `Ann Smith: [A. Smith]` takes "A. Smith" from whoever it joined,
    and a name listed under itself (`Lena Ortis: [Lena Ortis]`) is its own speaker.
    A person's gender the file gives is the user's correction (see `set_gender`).
    Returns aliases and genders applied."""
    applied = 0
    genders = getattr(mapping, "genders", {})
    for name, aliases in mapping.items():
        with writing(db):
            if name.lower() in (a.lower() for a in aliases):  # its own person
                target = next(iter(db.execute("select id from speakers where name = ? collate nocase "
                                              "order by id", [name]).fetchone() or ()), None)
            else:
                target = find_speaker(db, name)
            if target is None:
                target = db["speakers"].insert({"name": name, "kind": "person"}).last_pk
            db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'user') "
                       "on conflict do update set origin = 'user'", [name, target])
        for alias in aliases:
            existing = db.execute("select id from speakers where name = ? collate nocase and id != ?",
                                  [alias, target]).fetchone()
            if existing:
                merge(db, alias, f"#{target}", all=True)
            with writing(db):
                for (other,) in db.execute("select speaker_id from aliases where alias = ? collate nocase "
                                           "and origin = 'seen' and speaker_id != ?", [alias, target]).fetchall():
                    _split_off(db, other, alias, target)
                    refresh_genders(db, [other, target])
                db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'user') "
                           "on conflict do update set origin = 'user'", [alias, target])
            applied += 1
        if name in genders:
            with writing(db):
                correct(db, target, genders[name])
            applied += 1
    return applied


def speaker_gender(db: Database, name: str) -> dict:
    """A speaker's id, name, gender, how it was decided and the evidence for a reader."""
    sid = _one(db, name, "give one as #ID")
    keys = ("id", "name", "gender", "gender_basis", "gender_evidence")
    row = db.execute(f"select {', '.join(keys)} from speakers where id = ?", [sid]).fetchone()
    return dict(zip(keys, row))


def set_gender(db: Database, name: str, gender: str | None) -> int:
    """The user's word on a person's gender (female, male or unknown; None: back to what
    the articles say), for the speaker `name` (a name, or #ID). It wins over the articles'
    evidence and survives re-ingestion. Returns the speaker's id."""
    with writing(db):
        sid = _one(db, name, "give the one to correct as #ID")
        correct(db, sid, gender)
    return sid
