"""The user's curation of speakers: list them, merge two into one, and apply an alias file.

Merges and aliases are stored as alias rows with an origin other than "seen", so they
apply to new documents as well as old ones, and survive re-ingestion.
"""

from __future__ import annotations

import csv
import io
import os

import yaml
from sqlite_utils import Database

from .store import writing


class AliasFileError(ValueError):
    """An alias file that cannot be read."""


def list_speakers(db: Database) -> list[dict]:
    """Every speaker with its aliases, role and number of statements, most quoted first."""
    rows = db.execute(
        """
        select speakers.id, speakers.name, speakers.kind, speakers.role, speakers.affiliation,
          (select count(*) from quotes where quotes.speaker_id = speakers.id) as statements,
          (select group_concat(alias, ' | ') from
             (select alias from aliases where aliases.speaker_id = speakers.id
              and alias != speakers.name order by alias)) as aliases
        from speakers order by statements desc, speakers.name
        """
    ).fetchall()
    keys = ("id", "name", "kind", "role", "affiliation", "statements", "aliases")
    return [dict(zip(keys, row)) for row in rows]


class AmbiguousName(LookupError):
    """A name that several speakers share: the user has to say which."""


def _by_id(name: str) -> int | None:
    """`#12` names the speaker with id 12 (the ids `quotes speakers` lists)."""
    return int(name[1:]) if name.startswith("#") and name[1:].isdigit() else None


def speakers_named(db: Database, name: str) -> list[int]:
    """Ids of the speakers with this canonical name (any case), or else of those that have
    it as an alias; `#ID` names one speaker by id."""
    wanted = _by_id(name)
    if wanted is not None:
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
    Returns the id of the speaker that remains."""
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
                _move(db, source, target_id)
        written = [n for n in [old, new] + names if _by_id(n) is None]
        for alias in dict.fromkeys(written):
            db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'merge') "
                       "on conflict do update set origin = excluded.origin", [alias, target_id])
    return target_id


def _move(db: Database, source: int, target: int) -> None:
    db.execute("update quotes set speaker_id = ? where speaker_id = ?", [target, source])
    db.execute("update quotes set addressee_id = ? where addressee_id = ?", [target, source])
    db.execute("insert or ignore into aliases (alias, speaker_id, origin) "
               "select alias, ?, origin from aliases where speaker_id = ?", [target, source])
    db.execute("delete from aliases where speaker_id = ?", [source])
    db.execute(
        "update speakers set role = coalesce(role, (select role from speakers where id = :s)), "
        "affiliation = coalesce(affiliation, (select affiliation from speakers where id = :s)) where id = :t",
        {"s": source, "t": target})
    db.execute("delete from speakers where id = ?", [source])


MAX_ALIAS_FILE = 1_000_000  # bytes: an alias file is a list of names typed by people


def read_alias_file(path: str) -> dict[str, list[str]]:
    """Canonical name -> aliases, from YAML (a mapping of name to a list of aliases) or CSV
    (columns `name` and `alias`, one alias a row). Bounded: at most MAX_ALIAS_FILE bytes,
    and no YAML anchors or aliases (`&`, `*`), which can make a small file expand without
    end ("billion laughs")."""
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
        mapping: dict[str, list[str]] = {}
        for row in reader:
            if row["name"] and row["alias"]:
                mapping.setdefault(row["name"].strip(), []).append(row["alias"].strip())
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
        isinstance(v, (list, str)) for v in data.values()
    ):
        raise AliasFileError(f"{path}: expected a mapping of canonical name to a list of aliases")
    mapping = {}
    for name, aliases in data.items():
        aliases = [aliases] if isinstance(aliases, str) else aliases
        if not all(isinstance(a, (str, int, float)) and not isinstance(a, bool) for a in aliases):
            raise AliasFileError(f"{path}: the aliases of {str(name)!r} must be names, not lists or mappings")
        mapping[str(name).strip()] = [str(a).strip() for a in aliases]
    return mapping


def apply_aliases(db: Database, mapping: dict[str, list[str]]) -> int:
    """Record user aliases and merge existing speakers they name. Returns aliases applied."""
    applied = 0
    for name, aliases in mapping.items():
        with writing(db):
            target = find_speaker(db, name)
            if target is None:
                target = db["speakers"].insert({"name": name, "kind": "person"}).last_pk
            db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'user') "
                       "on conflict do update set origin = 'user'", [name, target])
        for alias in aliases:
            existing = db.execute("select id from speakers where name = ? collate nocase and id != ?",
                                  [alias, target]).fetchone()
            if existing:
                merge(db, alias, name, all=True)
            with writing(db):
                db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'user') "
                           "on conflict do update set origin = 'user'", [alias, target])
            applied += 1
    return applied
