"""Share and precision of each attribution method on the dev sets, written into the README's
method table (between the `<!-- methods -->` markers).

Share: the method's part of the matched statements that have a gold speaker. Precision:
how many of those it attributed rightly (by name on GGT, by mention on PolNeAR).

usage: python benchmarks/methods.py [GOLD_DIR] [--check]
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(os.path.dirname(HERE), "README.md")
SETS = {"GGT": ("ggt.dev.jsonl", "ggt.dev2.jsonl"), "PolNeAR": ("polnear.dev.jsonl",)}


def measure(gold_dir: str) -> dict[str, Counter]:
    from quotes.engine.nlp import load
    from quotes.evaluate import evaluate

    nlp = load()
    found: dict[str, Counter] = {}
    for label, files in SETS.items():
        counts: Counter = Counter()
        for name in files:
            for method, c in evaluate(os.path.join(gold_dir, name), nlp=nlp).methods.items():
                counts[method, "decided"] += c["decided"]
                counts[method, "right"] += c["right"]
        found[label] = counts
    return found


def table_rows(readme: str, found: dict[str, Counter]) -> str:
    def cells(method: str) -> tuple[str, str]:
        shares, precisions = [], []
        for label in SETS:
            c = found[label]
            total = sum(v for (m, k), v in c.items() if k == "decided")
            decided, right = c[method, "decided"], c[method, "right"]
            shares.append(f"{decided / total:.0%}" if total else "-")
            precisions.append(f"{right / decided:.2f}" if decided else "-")
        return ", ".join(shares), ", ".join(precisions)

    lines = []
    for line in readme.splitlines():
        match = re.match(r"^\| `(\w+)` \|", line)
        if match:
            cols = [c.strip() for c in line.strip().strip("|").split("|")]
            cols[-2:] = cells(match.group(1))
            line = "| " + " | ".join(cols) + " |"
        lines.append(line)
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    gold_dir = next((a for a in argv if not a.startswith("--")), os.path.join(os.path.dirname(HERE), "..", "shared", "gold"))
    if not os.path.isdir(gold_dir):
        print(f"no gold folder at {gold_dir}: nothing to measure")
        return 0
    readme = open(README, encoding="utf-8").read()
    start, end = readme.index("<!-- methods -->"), readme.index("<!-- /methods -->")
    section = table_rows(readme[start:end], measure(gold_dir))
    with open(README, "w", encoding="utf-8") as handle:
        handle.write(readme[:start] + section.rstrip("\n") + "\n" + readme[end:])
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
