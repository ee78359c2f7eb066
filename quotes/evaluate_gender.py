"""Score the people's genders against gold that names the women and the men each article
quotes (the Gender Gap Tracker's `meta.sources_female` and `meta.sources_male`).

- precision: of the gold people found among the article's speakers and given female or
  male, how many are right;
- coverage: the share of the gold's named sources (women and men) found and given a gender;
- share of women: each article's women / (women + men) among the people it quotes, ours
  against the gold's, within SHARE_TOLERANCE.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .gender import FEMALE, MALE
from .model import Result, Speaker
from .names import is_proper_name

SHARE_TOLERANCE = 0.05


@dataclass
class GenderReport:
    counts: Counter = field(default_factory=Counter)
    articles: list[dict] = field(default_factory=list)  # per article: gold and predicted share
    wrong: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)  # gold people not found, or found without a gender

    def as_dict(self) -> dict:
        c = self.counts
        within = sum(1 for a in self.articles if a["within"])
        return {
            "sources": c["sources"], "found": c["found"], "gendered": c["gendered"], "right": c["right"],
            "precision": round(c["right"] / c["gendered"], 4) if c["gendered"] else 0.0,
            "coverage": round(c["gendered"] / c["sources"], 4) if c["sources"] else 0.0,
            "coverage_of_found": round(c["gendered"] / c["found"], 4) if c["found"] else 0.0,
            "articles": len(self.articles),
            "share_within": round(within / len(self.articles), 4) if self.articles else 0.0,
            "share_tolerance": SHARE_TOLERANCE,
            "by_basis": {k[1]: c[k] for k in sorted((k for k in c if isinstance(k, tuple)), key=str) if k[0] == "basis"},
            "wrong": self.wrong,
        }


def has_gender_gold(gold: dict) -> bool:
    meta = gold.get("meta") or {}
    return "sources_female" in meta and "sources_male" in meta


def _people(result: Result) -> list[Speaker]:
    """The named people the article quotes (not only speaks to)."""
    speaking = {q.speaker for q in result.quotes if q.speaker}
    return [s for s in result.speakers if s.kind == "person" and s.name in speaking and is_proper_name(s.name)]


def matched(names, people: list[Speaker], same_person) -> dict[str, Speaker]:
    """Gold name -> the person of ours it names: the same name first, then one that
    `same_person` accepts (the same surname), then the same name without the initials the
    gold writes after it ("Hannah B" is the "Hannah" of the text). One person of ours is
    one gold person only: a row that took two people's statements, or the Ortiz of "Lena
    Ortiz" and "Ivo Ortiz", finds one of them, not both."""
    found: dict[str, Speaker] = {}
    taken: set[int] = set()
    for same in (lambda p, n: p.name.lower() == n.lower(), lambda p, n: same_person(p.name, n),
                 lambda p, n: p.name.lower() == without_initials(n).lower() != n.lower()):
        for name in names:
            match = None if name in found else next(
                (p for p in people if id(p) not in taken and same(p, name)), None)
            if match is not None:
                found[name] = match
                taken.add(id(match))
    return found


def without_initials(name: str) -> str:
    """A name without the initials that end it ("Hannah B." -> "Hannah")."""
    words = name.split()
    while len(words) > 1 and len(words[-1].rstrip(".")) == 1 and words[-1][0].isupper():
        words.pop()
    return " ".join(words)


def share(women: int, men: int) -> float | None:
    return women / (women + men) if women + men else None


def score_genders(gold: dict, result: Result, report: GenderReport, same_person, basis=None) -> None:
    """Count one article: `same_person(predicted_name, gold_name)` says who is who;
    `basis(speaker)` names the evidence a gender was decided on (for the breakdown)."""
    meta = gold["meta"]
    truth = {name.strip(): FEMALE for name in meta["sources_female"] if name.strip()}
    truth.update({name.strip(): MALE for name in meta["sources_male"] if name.strip()})
    people = _people(result)
    matches = matched(truth, people, same_person)
    c = report.counts
    for name, gender in truth.items():
        c["sources"] += 1
        match = matches.get(name)
        if match is None:
            other = next((s for s in result.speakers if s.kind != "person" and same_person(s.name, name)), None)
            report.missed.append({"document": gold["id"], "gold": name,
                                  "why": f"found as {other.kind}: {other.name}" if other else "not found"})
            continue
        c["found"] += 1
        if match.gender not in (FEMALE, MALE):
            report.missed.append({"document": gold["id"], "gold": name, "why": "no gender",
                                  "evidence": list(match.gender_evidence)})
        if match.gender in (FEMALE, MALE):
            c["gendered"] += 1
            c["right"] += match.gender == gender
            if basis is not None:
                c["basis", basis(match)] += 1
            if match.gender != gender:
                report.wrong.append({"document": gold["id"], "gold": name, "gold_gender": gender,
                                     "predicted": match.name, "gender": match.gender,
                                     "evidence": list(match.gender_evidence)})
    gold_share = share(sum(g == FEMALE for g in truth.values()), sum(g == MALE for g in truth.values()))
    if gold_share is None:
        return
    ours = share(sum(p.gender == FEMALE for p in people), sum(p.gender == MALE for p in people))
    report.articles.append({"document": gold["id"], "gold": round(gold_share, 3),
                            "predicted": None if ours is None else round(ours, 3),
                            "within": ours is not None and abs(ours - gold_share) <= SHARE_TOLERANCE + 1e-9})


def format_gender(report: GenderReport) -> str:
    d = report.as_dict()
    return (f"gender: precision {d['precision']:.3f} ({d['right']}/{d['gendered']}), coverage "
            f"{d['coverage']:.3f} of {d['sources']} named sources ({d['coverage_of_found']:.3f} of the "
            f"{d['found']} found), share of women within {d['share_tolerance']} for "
            f"{d['share_within']:.3f} of {d['articles']} articles")
