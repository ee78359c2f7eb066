"""Score the extractor on gold data (one JSON document a line: `id`, `text`, `quotes`).

Matching, by words (so quote-mark conventions do not matter): a prediction belongs to the
gold quote holding at least half of its words; a gold quote is found when the predictions
that belong to it cover at least half of its words. Tools that split or join interrupted
quotes differently score alike.

Attribution is judged by name wherever the gold names people (the same person by full
name, surname or a listed alias), and by mention position only where the gold gives the
mention as written ("he", "a top aide"): then the predicted mention must overlap it. The
mention-overlap figure is shown beside the name figure for every set.

The figures agree with `shared/tools/score.py`, the project's independent scorer.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .evaluate_gender import GenderReport, format_gender, has_gender_gold, score_genders
from .model import Document, Quote

WORD = re.compile(r"\w+", re.UNICODE)
ROWS = ("all", "verbatim", "direct", "mixed", "indirect")
NAMED_KINDS = ("person", "organisation", "group")
CARRIED = ("continuation", "turn_taking")  # methods that carry another statement's speaker
AS_WRITTEN = 0.99  # the share of gold speakers written as at their offsets that makes a set "by mention"  # a record whose speaker is a proper name


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


# ---- names ----------------------------------------------------------------------------

def _ignored_words() -> frozenset[str]:
    """Words a name is compared without: honorifics, name suffixes and the commonest role
    words (`data/scoring_ignored.txt`, as the shared scorer has them)."""
    from .datafiles import lines

    return frozenset(lines("scoring_ignored.txt"))


def normalise_name(name: str | None, ignored: frozenset[str]) -> str:
    """Lower case, no accents, no possessive, no honorific or title words."""
    if not name:
        return ""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"['\u2019]s\b", "", name.lower())
    return " ".join(w for w in WORD.findall(name) if w not in ignored)


def same_person(predicted: str | None, gold: str | None, aliases: dict[str, list[str]],
                ignored: frozenset[str]) -> bool:
    """The predicted speaker names the gold person: the same name or alias, a phrase that
    holds the full name ("Jason Schultz, researcher at Talos"), or the same surname."""
    p, g = normalise_name(predicted, ignored), normalise_name(gold, ignored)
    if not p or not g:
        return False
    names = {g} | {normalise_name(a, ignored) for a in aliases.get(gold, [])}
    if p in names:
        return True
    if any(len(n.split()) > 1 and f" {n} " in f" {p} " for n in names):
        return True
    surnames = {n.split()[-1] for n in names if n}
    last = p.split()[-1]
    return last in surnames and len(last) > 2


def gives_mentions(gold_documents: list[dict]) -> bool:
    """Whether a gold set names speakers by the mention as written ("he", "a top aide")
    rather than by the person: nearly every speaker it places is the text at its offsets
    (a set that resolves coreference names someone else wherever the text said "he"), and
    some of those are pronouns."""
    from .engine.lexicon import pronouns

    placed = written = pronoun = 0
    for document in gold_documents:
        if document.get("speakers"):
            return False
        text = document["text"]
        for q in document["quotes"]:
            start, end, speaker = q.get("speaker_start"), q.get("speaker_end"), q.get("speaker")
            if start is None or end is None or not speaker:
                continue
            placed += 1
            written += text[start:end] == speaker
            pronoun += speaker.lower() in pronouns()
    return placed > 0 and pronoun > 0 and written >= AS_WRITTEN * placed


# ---- counting -------------------------------------------------------------------------

@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)  # (row, what) -> n
    sieves: dict = field(default_factory=lambda: defaultdict(Counter))  # sieve -> decided/right
    resolvers: dict = field(default_factory=lambda: defaultdict(Counter))  # resolver -> decided/right
    methods: dict = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict] = field(default_factory=list)
    shapes: Counter = field(default_factory=Counter)  # (missed|spurious, type, cue, order, form) -> n
    documents: int = 0
    by_name: bool = True
    gender: GenderReport | None = None  # where the gold names the women and men quoted

    def row(self, key: str) -> dict:
        c = self.counts

        def ratio(a, b):
            return a / b if b else 0.0

        p = ratio(c[key, "pred_ok"], c[key, "pred"])
        r = ratio(c[key, "found"], c[key, "gold"])
        ep = ratio(c[key, "pred_e2e_ok"], c[key, "pred"])
        er = ratio(c[key, "e2e_ok"], c[key, "gold"])
        return {
            "gold": c[key, "gold"], "predicted": c[key, "pred"],
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(ratio(2 * p * r, p + r), 4),
            "attribution": round(ratio(c[key, "attr_ok"], c[key, "attr_n"]), 4),
            "attribution_overlap": round(ratio(c[key, "overlap_ok"], c[key, "attr_n"]), 4),
            "end_to_end_f1": round(ratio(2 * ep * er, ep + er), 4),
        }

    def named_rate(self) -> float:
        c = self.counts
        return round(c["named"] / c["attributed"], 4) if c["attributed"] else 0.0

    def named_rate_of_sourced(self) -> float:
        """The named rate without the statements given to an anonymous source ("officials",
        "a person familiar with the talks"), which have no name to give."""
        c = self.counts
        sourced = c["attributed"] - c["anonymous"]
        return round(c["named"] / sourced, 4) if sourced else 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "attribution_by": "name" if self.by_name else "mention",
            "overall": self.row("all"),
            "by_type": {t: self.row(t) for t in ROWS[2:] if self.counts[t, "gold"] or self.counts[t, "pred"]},
            "direct_and_mixed": self.row("verbatim"),
            "named_rate": self.named_rate(),
            "named_rate_without_anonymous": self.named_rate_of_sourced(),
            "sieves": {name: dict(c) for name, c in sorted(self.sieves.items())},
            "resolvers": {name: dict(c) for name, c in sorted(self.resolvers.items())},
            "methods": {name: dict(c) for name, c in sorted(self.methods.items())},
            "misses": self.misses,
            "shapes": [{"kind": k[0], "type": k[1], "cue": k[2], "order": k[3], "form": k[4], "count": n}
                       for k, n in self.shapes.most_common()],
            **({"gender": self.gender.as_dict()} if self.gender is not None else {}),
        }


def is_named(q: Quote) -> bool:
    """A record whose speaker is a proper name ("Lena Ortiz", "Norvale Grid"), not a
    description ("the company"), a pronoun or an anonymous source."""
    name = re.sub(r"^the\s+", "", q.speaker or "")  # "the Coastal Institute" is a name
    return bool(name) and q.speaker_kind in NAMED_KINDS and name[:1].isupper()


def word_positions(text: str, spans: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    words = set()
    for start, end in spans:
        words.update((m.start(), m.end()) for m in WORD.finditer(text, start, end))
    return words


def _overlaps(a0, a1, b0, b1) -> bool:
    return a0 is not None and b0 is not None and max(a0, b0) < min(a1, b1)


def _right(q: Quote, g: dict, aliases: dict, by_name: bool, ignored: frozenset[str]) -> tuple[bool, bool]:
    """(right by the set's measure, right by mention overlap)."""
    overlap = _overlaps(q.speaker_start, q.speaker_end, g.get("speaker_start"), g.get("speaker_end"))
    named = same_person(q.speaker, g["speaker"], aliases, ignored)
    if by_name:
        return named, overlap or named
    return overlap or (named and len(normalise_name(g["speaker"], ignored)) > 3), overlap


def score_document(gold: dict, predicted: list[Quote], report: Report, ignored: frozenset[str],
                   doc=None) -> None:
    """Count one document; with its parse (`doc`), each miss and spurious record is also
    counted by the shape of its sentence (`engine/shapes.py`)."""
    if doc is not None:
        from .engine.shapes import describe
    text = gold["text"]
    aliases = gold.get("speakers") or {}
    gold_quotes = gold["quotes"]
    gold_words = [word_positions(text, [tuple(s) for s in (q.get("spans") or [(q["start"], q["end"])])])
                  for q in gold_quotes]
    pred_words = [word_positions(text, [(q.start, q.end)]) if 0 <= q.start <= q.end <= len(text) else set()
                  for q in predicted]
    owner = {}
    for j, p in enumerate(pred_words):
        best = max(((len(g & p), i) for i, g in enumerate(gold_words)), default=(0, None))
        if p and best[0] >= 0.5 * len(p):
            owner[j] = best[1]
    found = {}
    for i, g in enumerate(gold_words):
        mine = [j for j, o in owner.items() if o == i]
        covered = set().union(*(pred_words[j] & g for j in mine)) if mine else set()
        if g and len(covered) >= 0.5 * len(g):
            found[i] = max(mine, key=lambda j: len(pred_words[j] & g))
    c = report.counts
    for i, g in enumerate(gold_quotes):
        kind = g.get("type") or "direct"
        right = overlap = None
        if i in found and g.get("speaker"):
            q = predicted[found[i]]
            right, overlap = _right(q, g, aliases, report.by_name, ignored)
            if q.speaker:
                report.sieves[q.sieve or "?"]["decided"] += 1
                report.sieves[q.sieve or "?"]["right"] += right
                report.methods[q.method or "?"]["decided"] += 1
                report.methods[q.method or "?"]["right"] += right
                if q.method not in CARRIED:  # (a carried speaker was decided for another statement)
                    report.resolvers[q.resolver or "?"]["decided"] += 1
                    report.resolvers[q.resolver or "?"]["right"] += right
        for key in ("all", kind) + (("verbatim",) if kind in ("direct", "mixed") else ()):
            c[key, "gold"] += 1
            c[key, "found"] += i in found
            if right is not None:
                c[key, "attr_n"] += 1
                c[key, "attr_ok"] += right
                c[key, "overlap_ok"] += overlap
            c[key, "e2e_ok"] += i in found and right is not False
        if i not in found:
            miss = {"document": gold["id"], "kind": "missed", "type": kind,
                    "gold": g.get("text", "")[:160], "speaker": g.get("speaker")}
            if doc is not None:
                cue = (g["cue_start"], g["cue_end"]) if g.get("cue_start") is not None else g.get("cue")
                spans = g.get("spans") or [(g["start"], g["end"])]
                shape = describe(doc, spans[0][0], spans[-1][1], cue, (g.get("speaker_start"), g.get("speaker_end")),
                                 g.get("speaker"))
                miss["shape"] = shape.key()
                report.shapes["missed", kind, *shape.key()] += 1
            report.misses.append(miss)
        elif right is False:
            q = predicted[found[i]]
            report.misses.append({"document": gold["id"], "kind": "wrong speaker", "type": kind,
                                  "gold": g.get("text", "")[:160], "speaker": g.get("speaker"),
                                  "predicted": q.speaker, "method": q.method, "sieve": q.sieve,
                                  "resolver": q.resolver, "evidence": q.evidence})
    for j, q in enumerate(predicted):
        ok = j in owner
        e2e = ok and (not gold_quotes[owner[j]].get("speaker")
                      or _right(q, gold_quotes[owner[j]], aliases, report.by_name, ignored)[0])
        # (a type's precision counts the predictions of that type)
        for key in ("all", q.type) + (("verbatim",) if q.type in ("direct", "mixed") else ()):
            c[key, "pred"] += 1
            c[key, "pred_ok"] += ok
            c[key, "pred_e2e_ok"] += e2e
        if q.speaker or q.speaker_mention:
            c["attributed"] += 1
            c["named"] += is_named(q)
            c["anonymous"] += q.speaker_kind == "anonymous"
        if not ok:
            miss = {"document": gold["id"], "kind": "spurious", "type": q.type, "predicted_text": q.text[:160],
                    "predicted": q.speaker, "method": q.method, "sieve": q.sieve}
            if doc is not None:
                shape = describe(doc, q.start, q.end, (q.cue_start, q.cue_end), (q.speaker_start, q.speaker_end))
                miss["shape"] = shape.key()
                report.shapes["spurious", q.type, *shape.key()] += 1
            report.misses.append(miss)
    report.documents += 1


def evaluate(path: str, nlp=None, without: Iterable[str] = ()) -> Report:
    """Extract the gold documents' texts and score them, with the sieves and resolvers
    named in `without` switched off."""
    from .engine import nlp as nlp_module
    from .engine.pipeline import parsed_and_analysed

    gold_documents = read_gold(path)
    documents = [Document(id=str(g["id"]), text=g["text"]) for g in gold_documents]
    report = Report(by_name=not gives_mentions(gold_documents))
    ignored = _ignored_words()
    analysed = parsed_and_analysed(documents, nlp or nlp_module.load(), without=frozenset(without))
    for gold, (doc, result) in zip(gold_documents, analysed):
        score_document(gold, result.quotes, report, ignored, doc)
        if has_gender_gold(gold):
            report.gender = report.gender or GenderReport()
            score_genders(gold, result, report.gender, lambda p, g: same_person(p, g, {}, ignored))
    return report


def format_table(report: Report, misses: int = 20) -> str:
    data = report.as_dict()
    lines = [f"documents: {data['documents']}; attribution by {data['attribution_by']}; "
             f"named rate {data['named_rate']:.3f} ({data['named_rate_without_anonymous']:.3f} without anonymous sources)",
             f"{'':10} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} {'attrib':>7} {'overlap':>7} {'e2e F1':>7}"]
    rows = [("overall", data["overall"])] + list(data["by_type"].items()) + [("dir+mixed", data["direct_and_mixed"])]
    for name, s in rows:
        lines.append(f"{name:10} {s['gold']:>6} {s['predicted']:>6} {s['precision']:>6.3f} {s['recall']:>6.3f} "
                     f"{s['f1']:>6.3f} {s['attribution']:>7.3f} {s['attribution_overlap']:>7.3f} "
                     f"{s['end_to_end_f1']:>7.3f}")
    for what, counts in (("sieves", data["sieves"]), ("resolvers (not counting carried speakers)", data["resolvers"])):
        lines.append(f"{what} (matched statements with a gold speaker): decided, right, precision")
        for name, c in counts.items():
            lines.append(f"  {name:14} {c.get('decided', 0):>6} {c.get('right', 0):>6} "
                         f"{c.get('right', 0) / c['decided'] if c.get('decided') else 0:>7.3f}")
    if report.gender is not None:
        lines.append(format_gender(report.gender))
    for kind in ("missed", "spurious"):
        shapes = [s for s in data["shapes"] if s["kind"] == kind]
        if not shapes:
            continue
        lines.append(f"{kind} by shape (type, cue lemma, speaker S / cue V / content C in reading order, "
                     f"form of the content): {sum(s['count'] for s in shapes)}")
        for s in shapes[:misses]:
            lines.append(f"  {s['count']:>4}  {s['type']:8} {s['cue'][:16]:16} {s['order'][:22]:22} {s['form']}")
        for field_name in ("cue", "order", "form"):
            totals = Counter()
            for s in shapes:
                totals[s[field_name]] += s["count"]
            lines.append(f"  by {field_name}: " + ", ".join(f"{value} {n}" for value, n in totals.most_common(8)))
    shown = data["misses"][:misses]
    if shown:
        lines.append(f"misses (first {len(shown)} of {len(data['misses'])}):")
        for m in shown:
            detail = m.get("gold") or m.get("predicted_text") or ""
            via = m.get('sieve') if not m.get('resolver') else f"{m.get('sieve')} -> {m.get('resolver')}"
            who = f"gold={m.get('speaker')!r} predicted={m.get('predicted')!r} via {via}"
            lines.append(f"  [{m['kind']}/{m['type']}] {who}: {detail[:90]!r}")
    return "\n".join(lines)
