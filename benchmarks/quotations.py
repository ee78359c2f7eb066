"""Quotations across articles: what linking a statement to its quotation costs as the
database grows, and what it adds to ingest.

1. A generated corpus (no spaCy): articles of ten statements, a quarter without a
   speaker, the rest from 5,000 speakers of whom a few say most (Zipf), words drawn from
   the function words and a Zipf vocabulary, one statement in ten a copy or a cut of an
   earlier one. The store is filled to 1,000, 10,000 and 100,000 statements; at each size
   the next articles are written as ingest writes them (one transaction each) and the
   time of linking their statements (`quotations.settle`) is taken per article.
2. Real ingest on top of the 100,000 statements: `--articles` articles of a JSONL corpus
   parsed by spaCy and written by `quotes.ingest`, with the share of the time spent
   linking.

    python benchmarks/quotations.py [--sizes 1000,10000,100000] [--corpus FILE.jsonl[.gz]]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from quotes import quotations, store  # noqa: E402
from quotes.store import open_db, writing  # noqa: E402
from quotes.wording import FUNCTION_WORDS  # noqa: E402

SPEAKERS = 5_000
PER_ARTICLE = 10
NO_SPEAKER = 0.25
COPIES = 0.10
VOCABULARY = 30_000


class Generator:
    def __init__(self, seed: int = 29):
        self.random = random.Random(seed)
        self.function = sorted(FUNCTION_WORDS)
        syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vor", "del", "in", "par", "es", "ton", "bri",
                     "gan", "hol", "fe", "wis", "dun", "cor", "ja"]
        words = set()
        while len(words) < VOCABULARY:
            words.add("".join(self.random.choice(syllables) for _ in range(self.random.randint(2, 4))))
        self.content = sorted(words)
        self.content_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.content))))
        self.speaker_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(SPEAKERS)))
        self.said: list[tuple[int | None, str]] = []  # earlier statements, to copy

    def statement(self) -> tuple[int | None, str]:
        if self.said and self.random.random() < COPIES:
            speaker, text = self.random.choice(self.said)
            words = text.split()
            if len(words) > 10 and self.random.random() < 0.5:  # a cut version
                start = self.random.randint(0, len(words) // 3)
                words = words[start:start + self.random.randint(6, len(words) - start)]
            return speaker, " ".join(words)
        speaker = None if self.random.random() < NO_SPEAKER else self.random.choices(
            range(1, SPEAKERS + 1), cum_weights=self.speaker_weights)[0]
        length = max(3, min(60, int(self.random.gauss(20, 9))))
        n_content = sum(self.random.random() < 0.5 for _ in range(length))
        content = self.random.choices(self.content, cum_weights=self.content_weights, k=n_content)
        function = self.random.choices(self.function, k=length - n_content)
        words = content + function
        self.random.shuffle(words)
        text = " ".join(words).capitalize() + "."
        self.said.append((speaker, text))
        if len(self.said) > 50_000:
            self.said = self.said[-50_000:]
        return speaker, text


def add_article(db, generator: Generator, number: int) -> tuple[float, float]:
    """One article written in one transaction, as ingest writes it; returns the seconds
    spent linking its statements, on the clock and in this process's CPU (the machine is
    shared: the clock counts the others' work too)."""
    statements = [generator.statement() for _ in range(PER_ARTICLE)]
    text, rows = "", []
    for i, (speaker, said) in enumerate(statements):
        start = len(text) + 1
        text += f"\u201c{said}\u201d\n\n"
        rows.append({"id": f"g{number}:{start}:{start + len(said)}", "document_id": f"g{number}",
                     "start": start, "end": start + len(said), "text": said, "type": "direct",
                     "speaker_id": speaker})
    with writing(db):
        db["documents"].insert({"id": f"g{number}", "key": f"g{number}", "text": text,
                                "published": f"20{10 + number % 10}-{1 + number % 12:02}-01",
                                "source": f"Outlet {number % 20}"})
        db["quotes"].insert_all(rows)
        started, cpu = time.perf_counter(), time.process_time()
        quotations.settle(db)
        return time.perf_counter() - started, time.process_time() - cpu


def generated(sizes: list[int], sample: int, folder: str) -> list[dict]:
    db = open_db(os.path.join(folder, "generated.db"))
    with writing(db):
        db["speakers"].insert_all(({"id": i, "name": f"Speaker {i}", "kind": "person"}
                                   for i in range(1, SPEAKERS + 1)), batch_size=1000)
    generator = Generator()
    number, figures = 0, []
    for size in sizes:
        while number * PER_ARTICLE < size:
            add_article(db, generator, number)
            number += 1
        times, cpus = [], []
        for _ in range(sample):
            wall, cpu = add_article(db, generator, number)
            times.append(wall)
            cpus.append(cpu)
            number += 1
        times.sort()
        cpus.sort()
        figures.append({"stored": db["quotes"].count, "articles": sample, "mean_ms": 1000 * sum(times) / len(times),
                        "median_ms": 1000 * times[len(times) // 2],
                        "p95_ms": 1000 * times[int(len(times) * 0.95)],
                        "cpu_mean_ms": 1000 * sum(cpus) / len(cpus), "cpu_median_ms": 1000 * cpus[len(cpus) // 2],
                        "quotations": db["quotations"].count, "fingerprints": db["wording_fingerprints"].count})
        f = figures[-1]
        print(f"{size:>9,} stored: linking an article of {PER_ARTICLE} statements: {f['mean_ms']:.1f} ms "
              f"(median {f['median_ms']:.1f}, p95 {f['p95_ms']:.1f}); CPU {f['cpu_mean_ms']:.1f} ms "
              f"(median {f['cpu_median_ms']:.1f}); {f['fingerprints']:,} fingerprints", flush=True)
    db.close()
    return figures


def ingest_share(folder: str, corpus: str, articles: int) -> dict:
    """Real ingest of `articles` articles into the generated database: total seconds and
    the seconds spent linking."""
    from quotes.engine.nlp import load
    from quotes.ingest import ingest

    import gzip
    import json
    opener = gzip.open if corpus.endswith(".gz") else open
    part = os.path.join(folder, "articles.jsonl")
    with opener(corpus, "rt", encoding="utf-8") as source, open(part, "w", encoding="utf-8") as out:
        for _, line in zip(range(articles), source):
            out.write(json.dumps(json.loads(line)) + "\n")
    spent = [0.0]
    settle = store.settle_quotations

    def timed(db):
        started = time.perf_counter()
        try:
            return settle(db)
        finally:
            spent[0] += time.perf_counter() - started

    nlp = load()
    db = open_db(os.path.join(folder, "generated.db"))
    stored = db["quotes"].count
    store.settle_quotations = timed
    try:
        started = time.perf_counter()
        summary = ingest(db, [part], nlp=nlp, processes=1)
        total = time.perf_counter() - started
    finally:
        store.settle_quotations = settle
    db.close()
    return {"stored": stored, "articles": summary.written, "statements": summary.quotes,
            "ingest_s": total, "linking_s": spent[0], "share": spent[0] / total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--sample", type=int, default=100, help="articles timed at each size")
    parser.add_argument("--corpus", help="a JSONL corpus for the real-ingest share (step 2)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--folder", help="keep the databases here (default: a temporary folder)")
    args = parser.parse_args()
    folder = args.folder or tempfile.mkdtemp(prefix="quotations-bench-")
    os.makedirs(folder, exist_ok=True)
    generated([int(s) for s in args.sizes.split(",")], args.sample, folder)
    if args.corpus:
        share = ingest_share(folder, args.corpus, args.articles)
        print(f"ingest of {share['articles']} articles ({share['statements']} statements) on "
              f"{share['stored']:,} stored statements: {share['ingest_s']:.1f} s, linking "
              f"{share['linking_s']:.2f} s ({100 * share['share']:.1f}%)")


if __name__ == "__main__":
    main()
