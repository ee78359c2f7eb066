"""Statements by speaker, as rows of the `statements` view, matched by canonical name, any
alias or the surname of a canonical name, case-insensitively."""

from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from sqlite_utils import Database

from .cells import FORMULA_STARTS, neutralise  # noqa: F401 (FORMULA_STARTS: this module's interface)

EXPORT_COLUMNS = (
    "statement", "part", "speaker", "text", "type", "cue", "addressee", "title", "published", "source", "url",
    "document_id", "start", "end", "speaker_mention", "speaker_kind", "speaker_gender", "method", "confidence",
    # the quotation across articles: which, this row's relation to it, where it was first
    # seen and how many articles carry it
    "quotation_id", "relation", "first_seen", "appearances",
)


def statements(db: Database, speaker: str | None = None) -> Iterator[dict]:
    have = {row[1] for row in db.execute("pragma table_info(statements)")}
    # a database of an older quotes, read as it is, has no quotations: those cells stay empty
    columns = ", ".join(f'"{c}"' if c in have else f'null as "{c}"' for c in EXPORT_COLUMNS)
    if speaker:
        # canonical name, any alias, or the surname of a canonical name: compared as
        # text, never as a LIKE pattern (a name with % or _ matches only itself)
        sql = (f"select {columns} from statements where speaker_id in ("
               "select id from speakers where name = :name collate nocase "
               "or (instr(:name, ' ') = 0 and length(name) > length(:name) "
               "    and substr(name, -length(:name) - 1) = ' ' || :name collate nocase) "
               "union select speaker_id from aliases where alias = :name collate nocase) "
               "order by published, document_id, start")
        params = {"name": speaker.strip()}
    else:
        sql, params = f"select {columns} from statements order by published, document_id, start", {}
    cursor = db.execute(sql, params)
    for row in cursor:
        yield dict(zip(EXPORT_COLUMNS, row))


def write_csv(rows: Iterator[dict], handle: io.TextIOBase) -> int:
    """CSV for spreadsheets: text cells that start with = + - @ (or a tab or CR) get a
    leading apostrophe, so no cell runs as a formula."""
    writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({key: neutralise(value) for key, value in row.items()})
        n += 1
    return n


def write_json(rows: Iterator[dict], handle: io.TextIOBase) -> int:
    items = list(rows)
    json.dump(items, handle, ensure_ascii=False, indent=2)
    handle.write("\n")
    return len(items)
