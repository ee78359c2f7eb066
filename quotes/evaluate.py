"""Score the extractor on gold data (one JSON document a line: `id`, `text`, `quotes`).

A predicted quote matches a gold quote when they share at least half of the longer one's
words (by position in the text, so quote-mark conventions do not matter). Attribution is
right when the predicted speaker names the same person: the same name, the same surname,
or an alias the gold file lists; where the gold gives only a mention, the predicted mention
must overlap it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .model import Document, Quote
from .engine.pipeline import extract_documents

WORD = re.compile(r"\w+", re.UNICODE)
TYPES = ("direct", "indirect", "mixed")
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "the", "a", "an", "miss", "lady", "lord"}


class GoldError(ValueError):
    """A gold file that cannot be read."""


def read_gold(path: str) -> list[dict]:
    documents = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldError(f"{path}:{number}: not JSON ({error.msg})") from None
            if not isinstance(record, dict) or "text" not in record or "quotes" not in record:
                raise GoldError(f"{path}:{number}: a gold document needs 'text' and 'quotes'")
            record.setdefault("id", f"{path}:{number}")
            documents.append(record)
    return documents


def word_positions(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Start offsets of the words inside the given character spans."""
    positions = set()
    for start, end in spans:
        for match in WORD.finditer(text, start, end):
            positions.add(match.start())
    return positions


def _name_words(name: str | None) -> list[str]:
    if not name:
        return []
    words = [w.lower() for w in WORD.findall(name.replace("\u2019s", "").replace("'s", ""))]
    return [w for w in words if w not in HONORIFICS]


def same_speaker(predicted: str | None, gold: str | None, aliases: dict[str, list[str]]) -> bool:
    if not predicted or not gold:
        return False
    names = [gold] + aliases.get(gold, [])
    p = _name_words(predicted)
    if not p:
        return False
    for name in names:
        g = _name_words(name)
        if not g:
            continue
        if p == g or p[-1] == g[-1] or " ".join(p) in " ".join(g) or " ".join(g) in " ".join(p):
            return True
    return False


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0
    attributed: int = 0  # matched gold quotes with the right speaker
    attributed_predicted: int = 0

    def add(self, other: "Counts") -> None:
        for key in vars(self):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def scores(self) -> dict:
        p = self.matched_predicted / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        ep = self.attributed_predicted / self.predicted if self.predicted else 0.0
        er = self.attributed / self.gold if self.gold else 0.0
        ef = 2 * ep * er / (ep + er) if ep + er else 0.0
        acc = self.attributed / self.matched_gold if self.matched_gold else 0.0
        return {
            "gold": self.gold, "predicted": self.predicted,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "attribution_accuracy": round(acc, 4), "end_to_end_f1": round(ef, 4),
        }


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[dict] = field(default_factory=list)
    documents: int = 0

    def in_marks(self) -> Counts:
        """Quotes with quote marks (direct and mixed): the part every set annotates alike."""
        counts = Counts()
        for t in ("direct", "mixed"):
            if t in self.by_type:
                counts.add(self.by_type[t])
        return counts

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "overall": self.overall.scores(),
            "by_type": {t: self.by_type[t].scores() for t in TYPES if t in self.by_type},
            "direct_and_mixed": self.in_marks().scores(),
            "misses": self.misses,
        }


def _units(predicted: list[Quote]) -> list[tuple[list[int], frozenset, list[tuple[int, int]]]]:
    """Ways a prediction can match: (records, parts used, spans). Each record whole; each
    paragraph of a multi-paragraph quote alone (sets that annotate a quote a paragraph);
    and each statement split by its attribution, whole."""
    units = []
    by_statement = defaultdict(list)
    for i, q in enumerate(predicted):
        parts = list(q.spans) or [(q.start, q.end)]
        keys = frozenset((i, k) for k in range(len(parts)))
        units.append(([i], keys, [(q.start, q.end)]))
        if len(parts) > 1:
            units.extend(([i], frozenset({(i, k)}), [part]) for k, part in enumerate(parts))
        if q.statement is not None:
            by_statement[q.statement].append((i, keys))
    for members in by_statement.values():
        if len(members) > 1:
            units.append(([i for i, _ in members], frozenset().union(*(k for _, k in members)),
                          [(predicted[i].start, predicted[i].end) for i, _ in members]))
    return units


def score_document(gold: dict, predicted: list[Quote], report: Report) -> None:
    text = gold["text"]
    aliases = gold.get("speakers") or {}
    units = _units(predicted)
    unit_words = [word_positions(text, spans) for _, _, spans in units]
    used_predicted: set[int] = set()
    used_parts: set = set()
    hits: dict[int, bool] = {}  # matched predicted record -> rightly attributed
    counts_by_type: dict[str, Counts] = defaultdict(Counts)
    gold_quotes = gold["quotes"]
    for g in gold_quotes:
        g_type = g.get("type") or "direct"
        counts = counts_by_type[g_type]
        counts.gold += 1
        g_spans = g.get("spans") or [(g["start"], g["end"])]
        g_words = word_positions(text, [tuple(s) for s in g_spans])
        best, best_overlap = None, 0.0
        for u, words in enumerate(unit_words):
            if not words or not g_words:
                continue
            shared = len(words & g_words)
            overlap = shared / max(len(words), len(g_words))
            if overlap >= 0.5 and overlap > best_overlap and not units[u][1] & used_parts:
                best, best_overlap = u, overlap
        if best is None:
            report.misses.append({"document": gold["id"], "kind": "missed", "type": g_type,
                                  "gold": g.get("text", text[g["start"]:g["end"]])[:160], "speaker": g.get("speaker")})
            continue
        members = units[best][0]
        used_predicted.update(members)
        used_parts.update(units[best][1])
        counts.matched_gold += 1
        q = predicted[members[0]]
        right = _right_speaker(q, g, aliases)
        if right:
            counts.attributed += 1
        else:
            report.misses.append({"document": gold["id"], "kind": "wrong speaker", "type": g_type,
                                  "gold": g.get("text", "")[:160], "speaker": g.get("speaker"),
                                  "predicted": q.speaker, "method": q.method})
        hits.update({i: right or hits.get(i, False) for i in members})
    # precision side: by predicted type
    for i, q in enumerate(predicted):
        counts = counts_by_type[q.type]
        counts.predicted += 1
        if i in used_predicted:
            counts.matched_predicted += 1
            if hits.get(i):
                counts.attributed_predicted += 1
        else:
            report.misses.append({"document": gold["id"], "kind": "spurious", "type": q.type,
                                  "predicted_text": q.text[:160], "predicted": q.speaker, "method": q.method})
    for t, counts in counts_by_type.items():
        report.by_type[t].add(counts)
        report.overall.add(counts)
    report.documents += 1


def _right_speaker(q: Quote, g: dict, aliases: dict) -> bool:
    """The same person by name, or the same mention by position where the gold gives one
    (sets that leave a pronoun as written)."""
    if g.get("speaker") and same_speaker(q.speaker, g["speaker"], aliases):
        return True
    gs, ge = g.get("speaker_start"), g.get("speaker_end")
    if gs is not None and ge is not None and q.speaker_start is not None and q.speaker_end is not None:
        return q.speaker_start < ge and gs < q.speaker_end
    return False


def evaluate(path: str, nlp=None) -> Report:
    gold_documents = read_gold(path)
    documents = [Document(id=str(g["id"]), text=g["text"]) for g in gold_documents]
    report = Report()
    for gold, result in zip(gold_documents, extract_documents(documents, nlp=nlp)):
        score_document(gold, result.quotes, report)
    return report


def format_table(report: Report, misses: int = 20) -> str:
    data = report.as_dict()
    lines = [f"documents: {data['documents']}",
             f"{'':10} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} {'attrib':>7} {'e2e F1':>7}"]
    rows = [("overall", data["overall"])] + list(data["by_type"].items()) + [("dir+mixed", data["direct_and_mixed"])]
    for name, s in rows:
        lines.append(f"{name:10} {s['gold']:>6} {s['predicted']:>6} {s['precision']:>6.3f} {s['recall']:>6.3f} "
                     f"{s['f1']:>6.3f} {s['attribution_accuracy']:>7.3f} {s['end_to_end_f1']:>7.3f}")
    shown = [m for m in data["misses"]][:misses]
    if shown:
        lines.append(f"misses (first {len(shown)} of {len(data['misses'])}):")
        for m in shown:
            detail = m.get("gold") or m.get("predicted_text") or ""
            who = f"gold={m.get('speaker')!r} predicted={m.get('predicted')!r} via {m.get('method')}"
            lines.append(f"  [{m['kind']}/{m['type']}] {who}: {detail[:90]!r}")
    return "\n".join(lines)
