"""The site's test database: the corpus ingested with the real CLI, then grown cheaply with
sqlite-utils past Datasette's 1,000-row limits (one speaker with more than 1,000 statements,
more than 1,000 speakers)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from sqlite_utils import Database

from .corpus import ARTICLES

BULK_SPEAKER = "Maria Lindqvist"
BULK_QUOTES = 1150
EXTRA_SPEAKERS = 1050


def quotes_command() -> list[str]:
    script = shutil.which("quotes", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-c", "from quotes.cli import cli; cli()"]


def _generated(db: Database, doc_id: str, source: str, published: str, lines: list[str]) -> list[tuple]:
    """A document of numbered lines; returns (start, end, text) of each line."""
    text, spans = "", []
    for line in lines:
        spans.append((len(text), len(text) + len(line), line))
        text += line + "\n"
    db["documents"].insert({"id": doc_id, "key": doc_id, "title": f"Generated {doc_id}", "source": source,
                            "published": published, "text": text, "engine_version": "test"})
    return spans


def build(folder: str) -> str:
    corpus = os.path.join(folder, "corpus.jsonl")
    with open(corpus, "w", encoding="utf-8") as handle:
        for article in ARTICLES:
            handle.write(json.dumps(article) + "\n")
    path = os.path.join(folder, "quotes.db")
    done = subprocess.run(quotes_command() + ["ingest", path, corpus, "--silent"],
                          capture_output=True, text=True)
    assert done.returncode in (0, 3), done.stderr
    db = Database(path)
    [(bulk_id,)] = db.execute("select id from speakers where name = ?", [BULK_SPEAKER]).fetchall()
    spans = _generated(db, "bulk", "Wire Service", "2023-04-15",
                       [f"Statement {i} on the harbour plan." for i in range(BULK_QUOTES)])
    db["quotes"].insert_all({
        "id": f"bulk:{s}:{e}", "document_id": "bulk", "start": s, "end": e, "text": t, "type": "direct",
        "cue": "said", "speaker_id": bulk_id, "method": "syntax", "confidence": 0.95,
        "context_start": s, "context_end": e, "part": 1} for s, e, t in spans)
    spans = _generated(db, "crowd", "Wire Service", "2023-04-16",
                       [f"Voice {i} wants the ferry." for i in range(EXTRA_SPEAKERS)])
    for i, (s, e, t) in enumerate(spans):
        sid = db["speakers"].insert({"name": f"Crowd Member {i:04d}", "kind": "person"}).last_pk
        db["quotes"].insert({"id": f"crowd:{s}:{e}", "document_id": "crowd", "start": s, "end": e,
                             "text": t, "type": "indirect", "cue": "said", "speaker_id": sid,
                             "method": "syntax", "confidence": 0.95, "context_start": s, "context_end": e,
                             "part": 1})
    db.close()
    return path


if __name__ == "__main__":
    print(build(sys.argv[1]))
