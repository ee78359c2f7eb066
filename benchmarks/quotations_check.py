"""Quotations on a real corpus: how many travel, how close the near-misses come, and a
sample of merges to read.

Reads a quotes database (read-only) and prints
  - the counts: statements, quotations, quotations carried by two articles or more, the
    statements in them, 'same' and 'part of' links;
  - every pair of one speaker's wordings that share a fingerprint (the candidates the
    matcher compares), by containment of the shorter in the longer: where the threshold
    falls (--near N lists N pairs just around it);
  - short statements (fewer words than quotations.MIN_WORDS, never linked) that one
    speaker has word for word in two articles (--short N lists some);
  - a seeded sample of merges (--sample N): a statement and the longest wording of the
    quotation it was linked to, from another article, to read and judge.

The texts printed come from the corpus: read them here, never copy them into the
repository.

    nice .venv/bin/python benchmarks/quotations_check.py quotes.db --sample 30 --seed 29
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from quotes import quotations, wording  # noqa: E402
from quotes.store import open_db_readonly  # noqa: E402

KEY = quotations.STATEMENT
BINS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)


def counts(db) -> dict:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("select count(*) from documents"),
        "statements": one(f"select count(distinct {KEY}) from appearances"),
        "quotations": one("select count(*) from quotations"),
        "travelling": one("select count(*) from quotations where articles >= 2"),
        "statements_in_them": one("select coalesce(sum(statements), 0) from quotations where articles >= 2"),
        "same": one(f"select count(distinct {KEY}) from appearances where relation = 'same'"),
        "part_of": one(f"select count(distinct {KEY}) from appearances where relation = 'part of'"),
    }


def candidate_pairs(db):
    """(containment, shorter, longer) of every pair of one speaker's wordings that share a
    fingerprint."""
    rows = db.execute(
        "select a.wording_id, b.wording_id from wording_fingerprints a join wording_fingerprints b "
        "on a.fingerprint = b.fingerprint and a.wording_id < b.wording_id").fetchall()
    pairs = sorted(set(rows))
    cache = {}

    def get(wid):
        if wid not in cache:
            row = db.execute("select id, key, speaker_id, words, length from wordings where id = ?", [wid]).fetchone()
            cache[wid] = quotations.Wording(row[0], row[1], row[2], tuple(row[3].split(" ")), row[4])
        return cache[wid]

    for a, b in pairs:
        x, y = get(a), get(b)
        if x.speaker_id != y.speaker_id:
            continue
        short, long = (y, x) if x.above(y) else (x, y)
        yield wording.containment(short.tokens, long.tokens), short, long


def statement_text(db, statement: str) -> str:
    return " ".join(r[0] for r in db.execute(
        "select quotes.text from appearances join quotes on quotes.id = appearances.quote_id "
        "where appearances.document_id || ':' || coalesce(appearances.statement, appearances.quote_id) = ? "
        "order by quotes.start", [statement]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--near", type=int, default=0, help="list this many pairs between 0.8 and 1")
    parser.add_argument("--short", type=int, default=0, help="list this many short repeats")
    parser.add_argument("--cut", action="store_true", help="sample only 'part of' links (cut versions)")
    args = parser.parse_args()
    db = open_db_readonly(args.db)
    for name, value in counts(db).items():
        print(f"{name:>20}: {value:,}")

    histogram, near = Counter(), []
    for share, short, long in candidate_pairs(db):
        bin_ = max((b for b in BINS if share >= b), default=0.0)
        histogram[bin_] += 1
        if 0.8 <= share < 1.0:
            near.append((share, short, long))
    print("\ncandidate pairs (one speaker, a fingerprint shared) by containment of the shorter:")
    for b in (0.0,) + BINS:
        print(f"  >= {b:.2f}: {histogram[b]:,}")
    for share, short, long in sorted(near, key=lambda p: -p[0])[:args.near]:
        linked = "linked" if share >= quotations.THRESHOLD and short.length >= quotations.MIN_PART_WORDS else "apart"
        print(f"\n  {share:.3f} {linked} speaker {short.speaker_id}\n    {' '.join(short.tokens)}\n    {' '.join(long.tokens)}")

    short_repeats = db.execute(
        "select quotes.speaker_id, lower(group_concat(distinct quotes.text)), count(distinct quotes.document_id) "
        "from wordings join appearances on appearances.wording_id = wordings.id "
        "join quotes on quotes.id = appearances.quote_id "
        f"where wordings.length < {quotations.MIN_WORDS} group by quotes.speaker_id, wordings.words "
        "having count(distinct quotes.document_id) >= 2 order by 3 desc").fetchall()
    print(f"\nshort statements one speaker has in two articles or more (never linked): {len(short_repeats)}")
    for speaker, text, n in short_repeats[:args.short]:
        print(f"  {n} articles, speaker {speaker}: {text[:100]}")

    merges = db.execute(
        f"select {KEY} as statement_key, appearances.quotation_id, appearances.relation, appearances.containment, "
        "quotations.first_document_id, quotations.text, speakers.name from appearances "
        "join quotations on quotations.id = appearances.quotation_id "
        "left join speakers on speakers.id = quotations.speaker_id "
        "where quotations.articles >= 2 and appearances.document_id != quotations.first_document_id "
        + ("and appearances.relation = 'part of' " if args.cut else "")
        + "group by statement_key order by statement_key").fetchall()
    sample = random.Random(args.seed).sample(merges, min(args.sample, len(merges)))
    print(f"\n{len(merges):,} statements linked to a quotation first seen in another article; a sample of {len(sample)}:")
    for i, (statement, qid, relation, share, first, text, speaker) in enumerate(sample, 1):
        titles = [db.execute("select coalesce(title, key) from documents where id = ?", [d]).fetchone()[0]
                  for d in (statement.split(":")[0], first)]
        print(f"\n{i:>2}. {qid} {relation} ({share:.2f}) speaker: {speaker or '(none)'}\n"
              f"    here  [{titles[0]}]: {statement_text(db, statement)}\n"
              f"    first [{titles[1]}]: {text}")


if __name__ == "__main__":
    main()
