"""`quotes ingest --dask` on a 2-worker LocalCluster against `quotes ingest --processes 2`,
on the PolNeAR dev texts (../shared/gold/polnear.dev.jsonl), on this one machine.

Each run is a fresh process that ingests the same JSONL corpus into a fresh database:

  local   ingest(processes=N): forked workers parse, the main process writes
  dask    ingest(dask=...): a LocalCluster of N worker processes (one thread each) parses,
          the client writes; the cluster is started, and each worker has loaded the model,
          before the clock starts (as the model load is not in the local time either)

The two databases must be equal row for row (the time of ingestion aside). Reported: the
fastest of --repeat runs, the slowest, documents a second (in all and per worker), the CPU
seconds the workers spent, each one's peak resident memory, the client's, and what 1 million
such articles cost in core-hours at the measured CPU time a document.

    .venv/bin/python benchmarks/dask_run.py --repeat 3
    .venv/bin/python benchmarks/dask_run.py --docs 60 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
POLNEAR = os.path.join(os.path.dirname(ROOT), "shared", "gold", "polnear.dev.jsonl")
TARGET_RATIO = 1.15  # dask time at most this times the local time
KB = 1024  # ru_maxrss is in KiB on Linux


def _cpu_and_peak() -> tuple[float, int]:
    """This process's CPU seconds and peak resident memory (bytes)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * KB


def child(mode: str, corpus: str, db_path: str, workers: int) -> dict:
    """One timed ingest, in this fresh process."""
    from quotes.ingest import ingest
    from quotes.store import open_db

    db = open_db(db_path)
    if mode == "local":
        from quotes.engine.nlp import load

        nlp = load()
        cpu0 = _cpu_and_peak()[0]
        start = time.perf_counter()
        summary = ingest(db, [corpus], nlp=nlp, processes=workers)
        seconds = time.perf_counter() - start
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        worker_cpu = [children.ru_utime + children.ru_stime]  # all workers together
        worker_peaks = [children.ru_maxrss * KB]  # the largest worker
        client_cpu = _cpu_and_peak()[0] - cpu0
    else:
        import logging

        from distributed import Client, LocalCluster

        from quotes.distributed.cluster import LoadModel

        with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            client.register_plugin(LoadModel(None))  # what ingest registers: loads the model now
            before = client.run(_cpu_and_peak)
            cpu0 = _cpu_and_peak()[0]
            start = time.perf_counter()
            summary = ingest(db, [corpus], dask=cluster.scheduler_address)
            seconds = time.perf_counter() - start
            client_cpu = _cpu_and_peak()[0] - cpu0
            after = client.run(_cpu_and_peak)
            worker_cpu = [after[w][0] - before[w][0] for w in after]
            worker_peaks = [after[w][1] for w in after]
    return {"mode": mode, "seconds": seconds, "documents": summary.written,
            "quotes": summary.quotes, "errors": len(summary.errors),
            "worker_cpu": worker_cpu, "worker_peaks": worker_peaks, "client_cpu": client_cpu,
            "client_peak": _cpu_and_peak()[1], "load": os.getloadavg()[0]}


def rows(path: str) -> dict:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    found = {table: [tuple(row[k] for k in row.keys() if k != "ingested_at")
                     for row in conn.execute(f"select * from {table} order by rowid")]
             for table in ("documents", "speakers", "aliases", "quotes")}
    conn.close()
    return found


def build_corpus(path: str, docs: int | None) -> int:
    with open(POLNEAR, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as out:
        count = 0
        for line in source:
            if not line.strip() or (docs is not None and count >= docs):
                continue
            record = json.loads(line)
            out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="Only the first N texts.")
    parser.add_argument("--workers", type=int, default=2, help="Worker processes. Default: 2.")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Time each run this many times, alternately; keep the fastest.")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args.workers)))
        return 0
    if not os.path.exists(POLNEAR):
        print(f"error: {POLNEAR}: no such file (the PolNeAR dev set)", file=sys.stderr)
        return 1
    results: dict[str, list[dict]] = {"local": [], "dask": []}
    with tempfile.TemporaryDirectory(prefix="quotes-dask-bench-") as tmp:
        corpus = os.path.join(tmp, "polnear.jsonl")
        docs = build_corpus(corpus, args.docs)
        print(f"{docs} PolNeAR dev texts, {args.workers} workers, {args.repeat} repetition(s)",
              flush=True)
        for repetition in range(args.repeat):
            for mode in ("local", "dask"):
                db = os.path.join(tmp, f"{mode}-{repetition}.db")
                done = subprocess.run([sys.executable, __file__, "--workers", str(args.workers),
                                       "--child", mode, corpus, db],
                                      capture_output=True, text=True, check=True)
                result = json.loads(done.stdout.splitlines()[-1])
                results[mode].append(result)
                print(f"  {mode:5} {result['seconds']:7.1f} s  load {result['load']:.1f}", flush=True)
            same = rows(os.path.join(tmp, "local-0.db")) == rows(os.path.join(tmp, "dask-0.db"))
            report(results, docs, args.workers, same)  # so far: a long run is of use when cut short
    return 0 if same else 1


def report(results: dict, docs: int, workers: int, same: bool) -> None:
    best = {mode: min(runs, key=lambda r: r["seconds"]) for mode, runs in results.items()}
    print(f"\nafter {len(results['dask'])} repetition(s); same database, row for row: "
          f"{'yes' if same else 'NO'}\n", flush=True)
    print("| run | seconds (fastest / slowest) | docs/s | docs/s a worker | worker CPU s "
          "| CPU s a doc | peak RSS: client / each worker |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for mode, result in best.items():
        slowest = max(r["seconds"] for r in results[mode])
        rate = docs / result["seconds"]
        cpu = sum(result["worker_cpu"])
        peaks = " / ".join(f"{p / 2**20:.0f}" for p in result["worker_peaks"])
        label = f"`--processes {workers}`" if mode == "local" else f"`--dask` LocalCluster, {workers} workers"
        print(f"| {label} | {result['seconds']:.1f} / {slowest:.1f} | {rate:.2f} | "
              f"{rate / workers:.2f} | {cpu:.0f} | {cpu / docs:.2f} | "
              f"{result['client_peak'] / 2**20:.0f} MB / {peaks} MB |")
    ratio = best["dask"]["seconds"] / best["local"]["seconds"]
    cpu_per_doc = sum(best["dask"]["worker_cpu"]) / docs
    print(f"\ndask / local: {ratio:.2f}x (target: at most {TARGET_RATIO}x)")
    print(f"1 million such articles: {cpu_per_doc * 1e6 / 3600:.0f} core-hours of worker CPU "
          f"({cpu_per_doc:.2f} s a document); wall-clock "
          f"{1e6 / (docs / best['dask']['seconds'] / workers) / 3600:.0f} worker-hours at the "
          "measured rate")
    print(f"(the local run's worker peak is its largest worker's; the client's CPU: "
          f"local {best['local']['client_cpu']:.1f} s, dask {best['dask']['client_cpu']:.1f} s)",
          flush=True)


if __name__ == "__main__":
    sys.exit(main())
