"""How fast `quotes` parses, extracts and ingests, against bare spaCy on the same texts.

Builds a corpus of real article texts (seeds/ and, when present, ../shared/gold/*.jsonl,
repeated as needed to reach --docs, each copy made unique so that it is stored as its own
document) in a temporary folder that is deleted afterwards, then times, each in a fresh
process so that peak memory is clean:

  bare      spaCy `nlp.pipe` alone: the same model, texts and batch size
  extract   `quotes extract` without printing: the library's `extract_documents`
  ingest    `quotes ingest` into a fresh database
  re-run    `quotes ingest` again over the same, unchanged corpus

with 1 process and with --processes. Model loading is timed apart, not in the runs.

    .venv/bin/python benchmarks/run.py --docs 1000 --processes 2
    .venv/bin/python benchmarks/run.py --docs 300 --runs bare,extract,ingest --repeat 3
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD = os.path.join(os.path.dirname(ROOT), "shared", "gold")  # when present
# Gold sets that are not news articles (PDNC: chapters of novels, four times as long).
NOT_ARTICLES = {"pdnc.dev.jsonl"}
DEFAULT_DOCS = 200
TARGET_EXTRACT_RATIO = 1.10
TARGET_INGEST_RATIO = 1.15
TARGET_SPEEDUP = 1.7
TARGET_RERUN_SHARE = 0.05
RUNS = ("bare", "extract", "ingest", "rerun")


def article_texts(gold: str) -> tuple[list[str], list[str]]:
    """Distinct article texts, and where they came from."""
    texts, sources = {}, []
    for path in sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt")) + glob.glob(os.path.join(ROOT, "seeds", "*.md"))):
        with open(path, encoding="utf-8") as handle:
            texts.setdefault(handle.read(), None)
        sources.append(os.path.relpath(path, ROOT))
    for path in sorted(glob.glob(os.path.join(gold, "*.jsonl"))):
        if os.path.basename(path) in NOT_ARTICLES:
            continue
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    texts.setdefault(json.loads(line)["text"], None)
        sources.append(path)
    return list(texts), sources


def build_corpus(path: str, docs: int, texts: list[str]) -> int:
    """A JSONL corpus of `docs` documents cycling through `texts`; returns its characters.
    A repeated text gets a short closing line so that its content hash is its own."""
    chars = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(docs):
            copy, which = divmod(i, len(texts))
            text = texts[which] + (f"\n\n(Archive copy {copy}.)\n" if copy else "")
            chars += len(text)
            out.write(json.dumps({"id": f"bench-{i:06d}", "text": text}) + "\n")
    return chars


# -- one measurement, in its own process ------------------------------------------------

def child(mode: str, corpus: str, db_path: str, processes: int, batch_size: int) -> dict:
    sys.path.insert(0, ROOT)
    from quotes.ingest import ingest
    from quotes.engine.nlp import load
    from quotes.engine.pipeline import extract_documents
    from quotes.read import ReadError, read_documents
    from quotes.store import open_db

    started = time.perf_counter()
    nlp = load()
    loaded = time.perf_counter() - started
    docs = quotes = 0
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    if mode == "bare":
        def texts():
            with open(corpus, encoding="utf-8") as handle:
                for line in handle:
                    yield json.loads(line)["text"]

        for _ in nlp.pipe(texts(), batch_size=batch_size, n_process=processes):
            docs += 1
    elif mode == "extract":
        documents = (d for d in read_documents([corpus]) if not isinstance(d, ReadError))
        for result in extract_documents(documents, nlp=nlp, batch_size=batch_size, n_process=processes):
            docs += 1
            quotes += len(result.quotes)
    else:  # ingest, rerun
        summary = ingest(open_db(db_path), [corpus], nlp=nlp, processes=processes, batch_size=batch_size)
        assert not summary.errors, summary.errors[:3]
        docs, quotes = summary.written + summary.unchanged, summary.quotes
        if mode == "rerun":
            assert summary.written == 0, f"{summary.written} documents parsed again"
    seconds = time.perf_counter() - started
    multiprocessing.active_children()  # reap spaCy's workers: their usage counts from here
    cpu = cpu_seconds() - cpu_before
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    kb = 1024 if sys.platform != "darwin" else 1  # ru_maxrss: KiB on Linux, bytes on macOS
    return {
        "mode": mode, "processes": processes, "seconds": seconds, "load": loaded, "docs": docs,
        "quotes": quotes,
        "cpu": cpu,
        "rss": me.ru_maxrss * kb,
        "workers_rss": workers.ru_maxrss * kb if processes > 1 else 0,
        "load_after": os.getloadavg()[0],
    }


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (spaCy's workers)."""
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime


def measure(mode: str, corpus: str, db_path: str, processes: int, batch_size: int) -> dict:
    command = [sys.executable, os.path.abspath(__file__), "--child", mode, "--corpus", corpus,
               "--db", db_path, "--processes", str(processes), "--batch-size", str(batch_size)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"{mode} with {processes} process(es) failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the report -------------------------------------------------------------------------

def machine() -> dict:
    sys.path.insert(0, ROOT)
    import spacy

    from quotes.engine.nlp import default_model
    from quotes.engine.batches import BATCH_SIZE

    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "?")
    except OSError:
        cpu = platform.processor() or "?"
    model = default_model()
    try:
        from importlib.metadata import version

        model_version = version(model)
    except Exception:
        model_version = "?"
    return {
        "cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
        "spacy": spacy.__version__, "model": f"{model} {model_version}", "batch_size": BATCH_SIZE,
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size else "-"


def main() -> None:
    from quotes.ingest import default_processes

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS,
                        help=f"documents in the corpus (default {DEFAULT_DOCS}: a few minutes on 2 cores)")
    parser.add_argument("--processes", type=int, default=default_processes(),
                        help="processes for the parallel runs (default: the number of cores)")
    parser.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default: the library's)")
    parser.add_argument("--runs", default=",".join(RUNS),
                        help=f"which runs, comma-separated (default: {','.join(RUNS)})")
    parser.add_argument("--repeat", type=int, default=1,
                        help="time bare, extract and ingest (each into a fresh database) this many times, "
                             "alternately, and keep the fastest of each (the machine's noise only ever adds "
                             "time); default 1")
    parser.add_argument("--only-parallel", action="store_true",
                        help="skip the 1-process runs (for large --docs)")
    parser.add_argument("--gold", default=GOLD, help="folder of gold JSONL files whose texts to use "
                        "besides seeds/ (default: ../shared/gold)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.db, args.processes, args.batch_size)))
        return

    info = machine()
    batch_size = args.batch_size or info["batch_size"]
    texts, sources = article_texts(args.gold)
    with tempfile.TemporaryDirectory(prefix="quotes-bench-") as folder:
        corpus = os.path.join(folder, "corpus.jsonl")
        chars = build_corpus(corpus, args.docs, texts)
        print(f"quotes benchmark, {datetime.date.today().isoformat()}: {args.docs:,} documents "
              f"({len(texts)} distinct article texts, {chars / args.docs:,.0f} characters a document on "
              f"average) from {', '.join(sources)}")
        print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, spaCy {info['spacy']}, "
              f"{info['model']}; batch size {batch_size}; load average at start {info['load']:.2f}")
        print()
        header = (f"{'run':<8} {'procs':>5} {'seconds':>8} {'slowest':>8} {'docs/s':>7} {'x bare':>6} {'quotes':>7} "
                  f"{'CPU s':>7} {'peak RSS':>9} {'workers':>9} {'load':>5}")
        print(header)
        print("-" * len(header))
        results = {}
        runs = [run for run in RUNS if run in args.runs.split(",")]
        if "rerun" in runs and "ingest" not in runs:
            sys.exit("--runs: rerun needs ingest")
        counts = [args.processes] if args.only_parallel else sorted({1, args.processes})
        for processes in counts:
            db_path = os.path.join(folder, f"ingest-{processes}.db")
            samples: dict[str, list[dict]] = {}
            for repetition in range(max(1, args.repeat)):
                for mode in runs:
                    if mode == "rerun" and (processes != counts[-1] or repetition):
                        continue  # (once, over the first ingest's database)
                    path = db_path if mode == "rerun" or not repetition else f"{db_path}.{repetition}"
                    samples.setdefault(mode, []).append(measure(mode, corpus, path, processes, batch_size))
            for mode, taken in samples.items():
                r = dict(min(taken, key=lambda sample: sample["seconds"]), slowest=max(t["seconds"] for t in taken))
                results[mode, processes] = r
                bare = results.get(("bare", processes), {}).get("seconds")
                ratio = f"{r['seconds'] / bare:.2f}" if bare and mode != "rerun" else ""
                slowest = f"{r['slowest']:.1f}" if len(taken) > 1 else ""
                print(f"{mode:<8} {processes:>5} {r['seconds']:>8.1f} {slowest:>8} {r['docs'] / r['seconds']:>7.1f} "
                      f"{ratio:>6} {r['quotes'] if mode in ('extract', 'ingest') else '':>7} "
                      f"{r['cpu']:>7.0f} {mb(r['rss']):>9} {mb(r['workers_rss']):>9} "
                      f"{r['load_after']:>5.2f}", flush=True)
        loads = [r["load"] for r in results.values()]
        if args.repeat > 1:
            print(f"bare, extract and ingest: the fastest of {args.repeat} runs each, taken alternately; "
                  f"'slowest' is the slowest of them.")
        print(f"Model loading is not in the seconds: {min(loads):.1f}-{max(loads):.1f} s a run. CPU s: all "
              f"processes of the run, loading excluded. Peak RSS: the main process; workers: the\n"
              f"largest worker's. Load: 1-minute load average at the end of the run (above "
              f"{info['cores']}, other work shared the cores).")
        print()
        report_targets(results, counts, batch_size)


def report_targets(results: dict, counts: list[int], batch_size: int) -> None:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    for processes in counts:
        if ("extract", processes) in results and ("bare", processes) in results:
            extract, bare = results["extract", processes], results["bare", processes]
            ratio = extract["seconds"] / bare["seconds"]
            print(f"extract / bare parsing, {processes} process(es): {ratio:.2f}x "
                  f"(target at most {TARGET_EXTRACT_RATIO}x: {verdict(ratio <= TARGET_EXTRACT_RATIO)}); "
                  f"in CPU time {extract['cpu'] / bare['cpu']:.2f}x")
        if ("ingest", processes) not in results or ("bare", processes) not in results:
            continue
        ingest, bare = results["ingest", processes], results["bare", processes]
        ratio = ingest["seconds"] / bare["seconds"]
        print(f"ingest / bare parsing, {processes} process(es): {ratio:.2f}x "
              f"(target at most {TARGET_INGEST_RATIO}x: {verdict(ratio <= TARGET_INGEST_RATIO)}); "
              f"in CPU time {ingest['cpu'] / bare['cpu']:.2f}x")
    if len(counts) > 1:
        n = counts[-1]
        batches = results["bare", 1]["docs"] / batch_size if ("bare", 1) in results else 0
        if batches and batches < 10 * n:
            print(f"(only {batches:.0f} batches of {batch_size}: the last batches keep one process busy "
                  f"while the others wait, so the speedup below is understated; try --docs 1000)")
        for mode in ("bare", "ingest"):
            if (mode, 1) not in results or (mode, n) not in results:
                continue
            one, many = results[mode, 1], results[mode, n]
            speedup = one["seconds"] / many["seconds"]
            print(f"{mode} with {n} processes vs 1: {speedup:.2f}x faster "
                  f"(target at least {TARGET_SPEEDUP}x: {verdict(speedup >= TARGET_SPEEDUP)}); "
                  f"CPU time {many['cpu'] / one['cpu']:.2f}x that of 1 process")
    if ("rerun", counts[-1]) not in results:
        return
    share = results["rerun", counts[-1]]["seconds"] / results["ingest", counts[-1]]["seconds"]
    print(f"unchanged re-run / first ingest: {share:.1%} "
          f"(target under {TARGET_RERUN_SHARE:.0%}: {verdict(share < TARGET_RERUN_SHARE)})")


if __name__ == "__main__":
    sys.path.insert(0, ROOT)
    main()
