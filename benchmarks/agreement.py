"""Do `quotes extract` and `quotes ingest` agree on every speaker? Extract the dev sets of
../shared/gold (or the files given) with `quotes extract`, ingest them into one database
with `quotes ingest`, and compare, quote by quote, within each document:

  - two speakers extract tells apart that ingest puts on one row ("merged");
  - one speaker of extract that ingest spreads over two rows ("split");
  - a named speaker that may have a row (`speaker_rows.has_row`) and has none, or a row
    for a speaker that may not have one ("row");
  - a quote one of them has and the other has not, or with another speaker name ("quote").

Texts only: the gold annotations are not read. Prints each disagreement and the counts;
exit 1 when there is one.

    nice .venv/bin/python benchmarks/agreement.py                   # the dev sets
    nice .venv/bin/python benchmarks/agreement.py a.jsonl b.txt     # other files
    # what the same code made already: a database of `quotes ingest` and the output of
    # `quotes extract --format jsonl` of the same files
    nice .venv/bin/python benchmarks/agreement.py --db check.db --extracted a.pred.jsonl …
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD = os.path.join(os.path.dirname(ROOT), "shared", "gold")
sys.path.insert(0, ROOT)

from quotes.model import Speaker  # noqa: E402
from quotes.speaker_rows import has_row  # noqa: E402
from quotes.store import open_db_readonly  # noqa: E402


def _quotes_command() -> str:
    return os.path.join(os.path.dirname(sys.executable), "quotes")


def extract(path: str) -> list[dict]:
    """`quotes extract --format jsonl` of one file: its records."""
    result = subprocess.run([_quotes_command(), "extract", "--format", "jsonl", path],
                            capture_output=True, text=True)
    if result.returncode not in (0, 3):  # 3: all read, with notes
        sys.exit(f"error: quotes extract {path} exited with {result.returncode}: {result.stderr.strip()}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def ingest(db_path: str, path: str) -> None:
    code = subprocess.run([_quotes_command(), "ingest", db_path, path, "--silent"]).returncode
    if code not in (0, 3):
        sys.exit(f"error: quotes ingest {path} exited with {code}")


def stored(db) -> dict[tuple[str, int, int], tuple[str | None, str | None, int | None]]:
    """(document key, start, end) -> (speaker as the article gives it, its kind, row)."""
    rows = db.execute("select documents.key, quotes.start, quotes.\"end\", quotes.article_speaker, "
                      "quotes.speaker_kind, quotes.speaker_id from quotes "
                      "join documents on documents.id = quotes.document_id").fetchall()
    return {(key, start, end): (speaker, kind, row) for key, start, end, speaker, kind, row in rows}


def compare(records: list[dict], db) -> list[tuple[str, str, str]]:
    """The disagreements between extracted records and the database, as (kind, document,
    detail)."""
    found = []
    ids = {record["document_id"] for record in records}
    # (a document of a JSONL corpus is stored under "FILE#ID", extracted as ID)
    rows = {(key if key in ids or "#" not in key else key.split("#", 1)[1], start, end): value
            for (key, start, end), value in stored(db).items()}
    by_doc_speaker: dict[tuple[str, str], set] = defaultdict(set)
    by_doc_row: dict[tuple[str, int], set] = defaultdict(set)
    for record in records:
        key = (record["document_id"], record["start"], record["end"])
        speaker = record.get("speaker")
        if key not in rows:
            found.append(("quote", key[0], f"{key[1]}-{key[2]}: extracted, not stored"))
            continue
        written, kind, row = rows.pop(key)
        if written != speaker:
            found.append(("quote", key[0], f"{key[1]}-{key[2]}: {speaker!r} extracted, {written!r} stored"))
            continue
        if speaker is None:
            continue
        may = has_row(Speaker(speaker, record.get("speaker_kind") or kind or "person"))
        if may != (row is not None):
            found.append(("row", key[0], f"{speaker!r}: " + ("no row" if may else f"row #{row}, a name of no one")))
        if row is not None:
            by_doc_speaker[(key[0], speaker)].add(row)
            by_doc_row[(key[0], row)].add(speaker)
    for key in rows:
        found.append(("quote", key[0], f"{key[1]}-{key[2]}: stored, not extracted"))
    for (doc, speaker), ids in by_doc_speaker.items():
        if len(ids) > 1:
            found.append(("split", doc, f"{speaker!r} on rows {sorted(ids)}"))
    for (doc, row), speakers in by_doc_row.items():
        if len(speakers) > 1:
            found.append(("merged", doc, f"row #{row} holds {sorted(speakers)}"))
    return found


def check(files: list[str], db_path: str) -> list[tuple[str, str, str]]:
    records = []
    for path in files:
        print(f"extracting and ingesting {os.path.basename(path)} …", file=sys.stderr, flush=True)
        records += extract(path)
        ingest(db_path, path)
    db = open_db_readonly(db_path)
    try:
        return compare(records, db)
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="Files to check (default: the dev sets of --gold).")
    parser.add_argument("--gold", default=GOLD, help="Folder of the gold sets (default: ../shared/gold).")
    parser.add_argument("--db", help="Compare this database (quotes ingest of the same files) instead of ingesting.")
    parser.add_argument("--extracted", nargs="+", help="With --db: the `quotes extract --format jsonl` outputs.")
    args = parser.parse_args()
    if args.db:
        if not args.extracted:
            sys.exit("error: --db needs --extracted, the extract outputs of the same files")
        records = [json.loads(line) for path in args.extracted for line in open(path, encoding="utf-8") if line.strip()]
        db = open_db_readonly(args.db)
        try:
            report(compare(records, db), args.extracted)
        finally:
            db.close()
    files = args.files or sorted(glob.glob(os.path.join(args.gold, "*dev*.jsonl")))
    if not files:
        print(f"no dev sets in {args.gold}: nothing to check")
        return
    with tempfile.TemporaryDirectory() as folder:
        found = check(files, os.path.join(folder, "agreement.db"))
    report(found, files)


def report(found: list[tuple[str, str, str]], files: list[str]) -> None:
    for kind, doc, detail in found:
        print(f"  {kind}: {doc}: {detail}")
    counts = defaultdict(int)
    for kind, _, _ in found:
        counts[kind] += 1
    print(f"files: {', '.join(os.path.basename(f) for f in files)}")
    print("disagreements: " + (", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "none"))
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
