"""Serve a database with Datasette and the project's metadata: read-only, on loopback,
with no SQL editor unless the user asks for one.

The metadata is the project's own (shipped in the package as quotes/data/metadata.yml),
never a metadata.yml that happens to lie in the working folder; another file is used only
when named. Without --allow-sql nothing in it can turn on SQL or writes. Its canned
queries are keyed `databases: quotes:` and are moved to the served database's name, so
they work whatever the file is called.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

import yaml

PROJECT_DATABASE = "quotes"  # the database name the project's metadata is written for
# Metadata keys that grant permissions: the SQL editor (allow_sql) or access rules (allow,
# permissions). Removed at every level unless the user passes --allow-sql.
PERMISSION_KEYS = ("allow_sql", "allow", "permissions")


class MetadataError(ValueError):
    """A metadata file that cannot be read."""


def metadata_path() -> str:
    """The project's metadata, inside the installed package."""
    return str(resources.files("quotes").joinpath("data", "metadata.yml"))


def database_name(db_path: str) -> str:
    """The name Datasette serves a database file under: its file name without suffix."""
    return Path(db_path).stem


def load_metadata(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) if not path.endswith(".json") else json.load(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as error:
        raise MetadataError(f"{path}: cannot read as Datasette metadata "
                            f"({str(error).splitlines()[0]})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MetadataError(f"{path}: Datasette metadata must be a mapping")
    return data


def disarm(metadata: dict) -> tuple[dict, list[str]]:
    """A copy of `metadata` that grants nothing: no permission keys at any level, and no
    writable canned query. Returns it with the list of what was removed."""
    removed: list[str] = []

    def clean(node, where: str):
        if isinstance(node, dict):
            for key in list(node):
                if key in PERMISSION_KEYS:
                    removed.append(f"{where}{key}")
                    del node[key]
                else:
                    clean(node[key], f"{where}{key}.")
        elif isinstance(node, list):
            for item in node:
                clean(item, where)

    data = copy.deepcopy(metadata)
    databases = data.get("databases")
    if isinstance(databases, dict):
        for name, database in databases.items():
            queries = database.get("queries") if isinstance(database, dict) else None
            if isinstance(queries, dict):
                for query, spec in list(queries.items()):
                    if isinstance(spec, dict) and spec.get("write"):
                        removed.append(f"databases.{name}.queries.{query} (a writable query)")
                        del queries[query]
    clean(data, "")
    return data, removed


def for_database(metadata: dict, name: str) -> dict:
    """The metadata with the project's database key (and its links) moved to `name`."""
    databases = metadata.get("databases")
    if name == PROJECT_DATABASE or not isinstance(databases, dict) or PROJECT_DATABASE not in databases:
        return metadata
    from datasette.utils import tilde_encode

    data = copy.deepcopy(metadata)
    if name not in data["databases"]:
        data["databases"][name] = data["databases"].pop(PROJECT_DATABASE)
    url = "/" + tilde_encode(name)

    def relink(node):
        if isinstance(node, dict):
            return {key: relink(value) for key, value in node.items()}
        if isinstance(node, list):
            return [relink(item) for item in node]
        if isinstance(node, str):
            return (node.replace(f'href="/{PROJECT_DATABASE}/', f'href="{url}/')
                    .replace(f'href="/{PROJECT_DATABASE}"', f'href="{url}"'))
        return node

    return relink(data)


def prepared_metadata(db_path: str, metadata: str | None = None,
                      allow_sql: bool = False) -> tuple[dict, list[str]]:
    """The metadata to serve `db_path` with, and what was removed from it."""
    data = load_metadata(metadata or metadata_path())
    removed: list[str] = []
    if not allow_sql:
        data, removed = disarm(data)
    return for_database(data, database_name(db_path)), removed


SQL_TIME_LIMIT_MS = 5000
FACET_TIME_LIMIT_MS = 100  # a facet that takes longer is left out of the page ("timed out")


def datasette_args(db_path: str, host: str = "127.0.0.1", port: int = 8001,
                   metadata: str | None = None, allow_sql: bool = False,
                   immutable: bool = False) -> list[str]:
    """Datasette's command line; `metadata` is the file it reads (default: the project's)."""
    args = ["serve", "--host", host, "--port", str(port), "--metadata", metadata or metadata_path()]
    args += ["-i", db_path] if immutable else [db_path]
    # the in-context view cuts paragraphs out of whole articles: more than Datasette's 1 s
    # default may be needed on a large database or a busy machine
    args += ["--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS)]
    # suggested facets try a grouping on every column of a listing: on a million statements
    # that is a second or more per page for links few people follow
    args += ["--setting", "suggest_facets", "off", "--setting", "facet_time_limit_ms", str(FACET_TIME_LIMIT_MS)]
    if not allow_sql:
        args += ["--setting", "default_allow_sql", "off"]
    return args


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8001, metadata: str | None = None,
          allow_sql: bool = False, immutable: bool = False) -> None:
    """Run Datasette until it is stopped. `immutable` for a database in a read-only place."""
    import sys

    from datasette.cli import cli as datasette_cli

    data, removed = prepared_metadata(db_path, metadata, allow_sql)
    if removed:
        print(f"note: {metadata}: ignored without --allow-sql: {', '.join(removed)}", file=sys.stderr)
    if immutable:
        print(f"note: {db_path}: its folder is read-only; served as immutable", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="quotes-serve-") as folder:
        prepared = os.path.join(folder, "metadata.json")
        with open(prepared, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        datasette_cli.main(datasette_args(db_path, host, port, prepared, allow_sql, immutable),
                           standalone_mode=True)
