"""Serve a database with Datasette and the project's metadata: read-only, on loopback,
with no SQL editor unless the user asks for one."""

from __future__ import annotations

import os

METADATA_NAME = "metadata.yml"


def metadata_path() -> str | None:
    """metadata.yml of the working folder, else the one beside the package (a checkout)."""
    for folder in (os.getcwd(), os.path.dirname(os.path.dirname(os.path.abspath(__file__)))):
        candidate = os.path.join(folder, METADATA_NAME)
        if os.path.exists(candidate):
            return candidate
    return None


def datasette_args(db_path: str, host: str = "127.0.0.1", port: int = 8001,
                   metadata: str | None = None, allow_sql: bool = False) -> list[str]:
    args = ["serve", db_path, "--host", host, "--port", str(port)]
    metadata = metadata or metadata_path()
    if metadata:
        args += ["--metadata", metadata]
    if not allow_sql:
        args += ["--setting", "default_allow_sql", "off"]
    return args


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8001, metadata: str | None = None,
          allow_sql: bool = False) -> None:
    from datasette.cli import cli as datasette_cli

    datasette_cli.main(datasette_args(db_path, host, port, metadata, allow_sql), standalone_mode=True)
