"""How fast the site answers on a newsroom's archive: builds a database of generated
articles (by default 100,000 articles, one million statements, 5,000 speakers, 20 outlets,
36 months; rows written directly with sqlite-utils, not through the engine, through the
same triggers that keep the full-text index and the statement counts), serves it with
`quotes serve`, and times every page the site links to at the 95th percentile.

    python benchmarks/site_scale.py /tmp/archive.db                  # build if missing, time
    python benchmarks/site_scale.py /tmp/small.db --scale 0.01       # 10,000 statements
    python benchmarks/site_scale.py seed.db --existing               # time a real database

Names, outlets and words are made up from syllables; nothing is read from outside.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote, urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "vor", "del", "sha", "nu", "bel", "tor", "gan", "wi", "ru",
             "sen", "da", "mar", "ko", "li", "ves", "tan", "hol", "pe", "zu", "fin", "ard", "el", "ost")
WORDS = ("plan", "budget", "harbour", "council", "talks", "deal", "workers", "union", "ferry", "tax",
         "school", "hospital", "election", "vote", "border", "trade", "price", "energy", "water",
         "police", "court", "army", "ceasefire", "refugees", "market", "bank", "farmers", "road",
         "bridge", "housing", "rent", "jobs", "strike", "reform", "law", "report", "inquiry", "money",
         "future", "families", "children", "doctors", "nurses", "teachers", "climate", "flood",
         "storm", "summit", "treaty", "sanctions", "embassy", "minister", "protest", "protesters")
TOPICS = ("Syria", "Syrian", "Ukraine", "Ukrainian", "Brexit", "NATO")
GLUE = ("the", "we", "will", "not", "must", "is", "are", "a", "for", "every", "our", "this", "that",
        "and", "of", "to", "in", "on", "never", "always", "now", "more", "less", "people")


def made_up_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(GLUE if rng.random() < 0.45 else WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.03:
        words[rng.randrange(len(words))] = rng.choice(TOPICS)
    return " ".join(words).capitalize()


def build(path: str, scale: float = 1.0, seed: int = 27) -> dict:
    """The archive database; returns what it holds."""
    from sqlite_utils import Database

    from quotes.store import open_db

    rng = random.Random(seed)
    n_articles = max(10, int(100_000 * scale))
    n_speakers = max(20, int(5_000 * scale ** 0.5)) if scale < 1 else 5_000
    n_outlets, n_months = 20, 36
    db = open_db(path)
    db.close()
    db = Database(path)
    db.execute("pragma synchronous = off")
    given = sorted({made_up_name(rng, 2) for _ in range(400)})[:80]
    family = sorted({made_up_name(rng, 3) for _ in range(800)})[:80]
    names = [f"{g} {f}" for f in family for g in given][:n_speakers]
    rng.shuffle(names)
    outlets = sorted({f"The {made_up_name(rng, 2)} {kind}" for kind in ("Post", "Times", "Herald", "Courier")
                      for _ in range(8)})[:n_outlets]
    months = [f"{2015 + (m // 12)}-{m % 12 + 1:02d}" for m in range(n_months)]
    with db.conn:
        db["speakers"].insert_all(({"id": i + 1, "name": n, "kind": "person"} for i, n in enumerate(names)),
                                  batch_size=5000)
        db["aliases"].insert_all(({"alias": a, "speaker_id": i + 1, "origin": "seen"}
                                  for i, n in enumerate(names) for a in (n, n.split()[-1])),
                                 batch_size=5000)
    weights = [1.0 / (rank + 1) for rank in range(n_speakers)]  # a few speak often (Zipf)
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    statements = quotes = 0
    started = time.monotonic()
    for first in range(0, n_articles, 2000):
        documents, rows = [], []
        for a in range(first, min(n_articles, first + 2000)):
            doc_id = hashlib.sha1(f"article {a}".encode()).hexdigest()
            month = months[a % n_months] if rng.random() > 0.002 else None
            published = f"{month}-{rng.randint(1, 28):02d}" if month else None
            text = f"{sentence(rng)}\n\n"
            for s in range(rng.randint(5, 15)):
                sid = rng.choices(range(1, n_speakers + 1), cum_weights=cumulative)[0]
                name = names[sid - 1]
                kind = rng.choices(("direct", "indirect", "mixed"), (70, 25, 5))[0]
                paragraph_start = len(text)
                parts = [sentence(rng)] + ([sentence(rng)] if rng.random() < 0.1 else [])
                spans = []
                if kind == "indirect":
                    text += f"{name} said that "
                    spans.append((len(text), parts[0]))
                    text += parts[0] + ".\n\n"
                    parts = parts[:1]
                else:
                    text += "\u201c"
                    spans.append((len(text), parts[0]))
                    text += parts[0] + f",\u201d {name} said."
                    if len(parts) > 1:
                        text += " \u201c"
                        spans.append((len(text), parts[1]))
                        text += parts[1] + ".\u201d"
                    text += "\n\n"
                addressee = rng.randint(1, n_speakers) if rng.random() < 0.03 else None
                for part, (start, words) in enumerate(spans, 1):
                    rows.append({
                        "id": f"{doc_id}:{start}:{start + len(words)}", "document_id": doc_id,
                        "start": start, "end": start + len(words), "text": words, "type": kind,
                        "cue": "said", "speaker_id": sid, "speaker_mention": name, "addressee_id": addressee,
                        "method": "syntax", "confidence": 0.9, "statement": s if len(spans) > 1 else None,
                        "part": part, "context_start": paragraph_start, "context_end": len(text) - 2,
                        "speaker_kind": "person", "article_speaker": name})
                statements += 1
                quotes += len(spans)
            documents.append({"id": doc_id, "key": f"archive/{a}.txt", "title": sentence(rng)[:80],
                              "url": f"https://news.example/{a}", "published": published,
                              "source": outlets[a % n_outlets], "text": text, "engine_version": "bench",
                              "ingested_at": "2026-01-01T00:00:00+00:00"})
        with db.conn:
            db["documents"].insert_all(documents, batch_size=1000)
            db["quotes"].insert_all(rows, batch_size=5000)
        print(f"\r{first + len(documents):,} articles, {statements:,} statements, "
              f"{time.monotonic() - started:.0f} s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    db.execute("analyze")
    db.close()
    return {"articles": n_articles, "statements": statements, "quotes": quotes, "speakers": n_speakers,
            "outlets": n_outlets, "months": n_months, "seconds": round(time.monotonic() - started)}


# ---- timing ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quotes_command() -> list[str]:
    script = shutil.which("quotes", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-c", "from quotes.cli import cli; cli()"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def fetch(url: str, first_byte: bool = False) -> tuple[float, int, str]:
    """Seconds to the whole body (or its first byte), the status, and the final address
    (a redirect is followed and counted, as a browser would)."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        if first_byte:
            response.read(1)
        else:
            response.read()
        return time.perf_counter() - started, response.status, response.url


def pages(db_path: str, base: str) -> list[tuple[str, str, bool]]:
    """(what, address, first byte only) for every kind of page the site links to."""
    from sqlite_utils import Database

    db = Database(db_path)
    name = os.path.splitext(os.path.basename(db_path))[0]
    top = db.execute("select speaker_id from quotes where speaker_id is not null group by speaker_id "
                     "order by count(*) desc limit 1").fetchone()[0]
    ranked = [r[0] for r in db.execute("select speaker_id from quotes where speaker_id is not null "
                                       "group by speaker_id order by count(*) desc").fetchall()]
    median = ranked[len(ranked) // 2]
    second = ranked[1] if len(ranked) > 1 else top
    top_name = db.execute("select name from speakers where id = ?", [top]).fetchone()[0]
    second_name = db.execute("select name from speakers where id = ?", [second]).fetchone()[0]
    doc = db.execute("select document_id from quotes group by document_id order by count(*) desc limit 1").fetchone()[0]
    outlet, month = db.execute("select source, substr(published, 1, 7) from documents "
                               "where published is not null and source is not null limit 1").fetchone() or ("", "")
    year = (month or "2016")[:4]
    word = "syria" if db.execute("select count(*) from quotes_fts where quotes_fts match 'syria*'").fetchone()[0] \
        else (db.execute("select text from quotes limit 1").fetchone()[0].split() or ["said"])[0]
    db.close()
    d = f"{base}/{quote(name)}"
    return [
        ("home", f"{base}/", False),
        ("search (a word)", f"{d}/-/search?" + urlencode({"q": word}), False),
        ("search (a name)", f"{d}/-/search?" + urlencode({"q": top_name.split()[-1]}), False),
        ("speaker by name", f"{d}/-/speaker?" + urlencode({"name": top_name}), False),
        ("statements listing", f"{d}/statements", False),
        ("statements of the top speaker", f"{d}/statements?speaker_id={top}", False),
        ("statements matching a word", f"{d}/statements?" + urlencode({"_search": word}), False),
        ("in-context view", f"{d}/quotes_in_context", False),
        ("speakers ranked", f"{d}/speaker_stats", False),
        ("articles", f"{d}/documents", False),
        ("profile, top speaker", f"{d}/-/speaker/{top}", False),
        ("profile, median speaker", f"{d}/-/speaker/{median}", False),
        ("article reader", f"{d}/-/article/{doc}", False),
        ("dashboard", f"{d}/-/dashboard", False),
        ("dashboard, outlet and month", f"{d}/-/dashboard?" + urlencode({"outlet": outlet or "", "month": month or ""}), False),
        ("dashboard, two speakers over a year", f"{d}/-/dashboard?" + urlencode(
            {"names": f"{top_name}, {second_name}", "since": year, "until": year}), False),
        ("CSV of the top speaker, first byte", f"{d}/statements.csv?speaker_id={top}&_stream=on&_dl=1", True),
        ("CSV of a search, first byte", f"{d}/statements.csv?" + urlencode({"_search": word, "_stream": "on", "_dl": "1"}), True),
    ]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def time_pages(db_path: str, repeat: int) -> list[dict]:
    port = free_port()
    server = subprocess.Popen(quotes_command() + ["serve", db_path, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(base + "/-/versions.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"quotes serve did not start: {server.stderr.read()}")
                time.sleep(0.3)
        results = []
        for what, url, first_byte in pages(db_path, base):
            fetch(url, first_byte)  # warm: the first request of a page builds its caches
            times = []
            for _ in range(repeat):
                seconds, status, _ = fetch(url, first_byte)
                if status != 200:
                    raise SystemExit(f"{url}: HTTP {status}")
                times.append(seconds)
            results.append({"page": what, "url": url[len(base):], "median": percentile(times, 50),
                            "p95": percentile(times, 95)})
            print(f"{what:40} p95 {results[-1]['p95'] * 1000:7.0f} ms", file=sys.stderr)
        return results
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def table(results: list[dict]) -> str:
    lines = ["| page | median | p95 |", "|---|---:|---:|"]
    lines += [f"| {r['page']} | {r['median'] * 1000:.0f} ms | {r['p95'] * 1000:.0f} ms |" for r in results]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="the database to time (built first unless it exists)")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = one million statements")
    parser.add_argument("--repeat", type=int, default=20, help="requests a page (p95 over them)")
    parser.add_argument("--existing", action="store_true", help="time the database as it is")
    args = parser.parse_args(argv)
    if not os.path.exists(args.db):
        if args.existing:
            raise SystemExit(f"{args.db}: no such database")
        print(build(args.db, args.scale), file=sys.stderr)
    print(table(time_pages(args.db, args.repeat)))


if __name__ == "__main__":
    main()
