"""Quote records printed as a table, JSON, JSON lines or CSV; a document's entity graph and
the evidence for each speaker (`--explain`)."""

from __future__ import annotations

import csv
import json
import shutil
from typing import Iterable, TextIO

from .model import Quote, Result

FORMATS = ("table", "json", "jsonl", "csv")


def write_quotes(quotes: Iterable[Quote], fmt: str, out: TextIO) -> int:
    n = 0
    if fmt == "jsonl":
        for q in quotes:
            out.write(json.dumps(q.public(), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        items = [q.public() for q in quotes]
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(items)
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=Quote.PUBLIC_KEYS)
        writer.writeheader()
        for q in quotes:
            writer.writerow(q.public())
            n += 1
    else:
        width = max(60, min(shutil.get_terminal_size((120, 20)).columns, 200))
        text_width = max(20, width - 62)
        out.write(f"{'speaker':<22} {'type':<8} {'cue':<12} {'method':<12} quote\n")
        for q in quotes:
            text = " ".join(q.text.split())
            if len(text) > text_width:
                text = text[: text_width - 1] + "\u2026"
            out.write(f"{(q.speaker or '-')[:22]:<22} {q.type:<8} {(q.cue or '-')[:12]:<12} "
                      f"{(q.method or '-')[:12]:<12} {text}\n")
            n += 1
    return n


def write_explanation(result: Result, out: TextIO) -> None:
    """One document's entity graph (entities, then links with their rule and evidence) and
    why each statement has its speaker: `quotes extract --explain`."""
    out.write(f"== {result.document.path or result.document.id}\n")
    out.write("# entities: number, kind, name, what the text says; links: where, words, kind of "
              "mention, entity, rule, evidence\n")
    if result.explanation:
        out.write(result.explanation + "\n")
    out.write("# statements: where, words, speaker, sieve -> resolver (evidence)\n")
    for q in result.quotes:
        text = " ".join(q.text.split())
        text = text if len(text) <= 50 else text[:49] + "\u2026"
        why = f"{q.sieve} -> {q.resolver} ({q.evidence})" if q.speaker else f"no speaker (mention {q.speaker_mention!r})"
        out.write(f"{q.start}-{q.end}\t{text!r}\t{q.speaker or '-'}\t{why}\n")
