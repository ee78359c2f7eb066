"""The user's curation of speakers: list them, merge two into one, and apply an alias file.

Merges and aliases are stored as alias rows with an origin other than "seen", so they
apply to new documents as well as old ones, and survive re-ingestion.
"""

from __future__ import annotations

import csv
import io

import yaml
from sqlite_utils import Database


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


def find_speaker(db: Database, name: str) -> int | None:
    """The id of the speaker with this canonical name, else of the one this full alias names."""
    row = db.execute("select id from speakers where name = ? collate nocase", [name]).fetchone()
    if row:
        return row[0]
    ids = {r[0] for r in db.execute("select speaker_id from aliases where alias = ? collate nocase", [name])}
    return ids.pop() if len(ids) == 1 else None


def merge(db: Database, old: str, new: str) -> int:
    """Make `new` the canonical name of both speakers: every quote and alias of `old` moves
    to `new` (created by renaming `old` when no speaker has that name yet). Returns the id."""
    with db.atomic():
        source = find_speaker(db, old)
        if source is None:
            raise LookupError(f"no speaker named {old!r}")
        target = db.execute("select id from speakers where name = ? collate nocase", [new]).fetchone()
        if target is None:
            db.execute("update speakers set name = ? where id = ?", [new, source])
            target_id = source
        else:
            target_id = target[0]
            if target_id != source:
                _move(db, source, target_id)
        for alias, origin in ((old, "merge"), (new, "merge")):
            db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, ?) "
                       "on conflict do update set origin = excluded.origin", [alias, target_id, origin])
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


def read_alias_file(path: str) -> dict[str, list[str]]:
    """Canonical name -> aliases, from YAML (a mapping of name to a list of aliases) or CSV
    (columns `name` and `alias`, one alias a row)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
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
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise AliasFileError(f"{path}: not YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(data, dict) or not all(
        isinstance(v, (list, str)) for v in data.values()
    ):
        raise AliasFileError(f"{path}: expected a mapping of canonical name to a list of aliases")
    return {str(k).strip(): [str(a).strip() for a in ([v] if isinstance(v, str) else v)] for k, v in data.items()}


def apply_aliases(db: Database, mapping: dict[str, list[str]]) -> int:
    """Record user aliases and merge existing speakers they name. Returns aliases applied."""
    applied = 0
    for name, aliases in mapping.items():
        with db.atomic():
            target = find_speaker(db, name)
            if target is None:
                target = db["speakers"].insert({"name": name, "kind": "person"}).last_pk
            db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'user') "
                       "on conflict do update set origin = 'user'", [name, target])
        for alias in aliases:
            existing = db.execute("select id from speakers where name = ? collate nocase and id != ?",
                                  [alias, target]).fetchone()
            if existing:
                merge(db, alias, name)
            with db.atomic():
                db.execute("insert into aliases (alias, speaker_id, origin) values (?, ?, 'user') "
                           "on conflict do update set origin = 'user'", [alias, target])
            applied += 1
    return applied
