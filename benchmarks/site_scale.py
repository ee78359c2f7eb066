"""How fast the site answers on a newsroom's archive: builds a database of generated
articles (by default 100,000 articles, one million statements, 5,000 speakers, 20 outlets,
36 months; rows written with sqlite-utils, not through the engine, but through the same
triggers and the same transaction as ingest's: the full-text index and the statement
counts kept, every statement linked to its quotation, a few repeated whole or cut; each
article's gender evidence kept and every person's gender decided from it), serves it
with `quotes serve`, and times every page the site links to at the 95th percentile.

    python benchmarks/site_scale.py /tmp/archive.db                  # build if missing, time
    python benchmarks/site_scale.py /tmp/small.db --scale 0.01       # 10,000 statements
    python benchmarks/site_scale.py seed.db --existing               # time a real database

Names, outlets and words are made up from syllables; nothing is read from outside.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import html.parser
import itertools
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
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
VOCABULARY = 20_000  # made-up content words beside WORDS, drawn with a Zipf distribution
NO_SPEAKER = 0.10  # statements whose speaker no row names ("a spokesman said")
COPIES, CUTS = 0.06, 0.03  # statements that repeat one of their speaker's earlier ones, whole or cut
REMEMBERED = 40  # earlier statements of a speaker that a copy is drawn from
GENDERS = (("female", 0.32), ("male", 0.58), (None, 0.10))  # None: the articles never say
PRONOUN_SEEN, HONORIFIC_SEEN = 0.7, 0.15  # an article says "she"/"he", "Ms"/"Mr" of a person


def made_up_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class Words:
    """Sentences of 8 to 18 words: function words, the everyday WORDS and a Zipf vocabulary
    of made-up ones, as news quotes spread over many words (a few very common)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        made = set()
        while len(made) < VOCABULARY:
            made.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.content = list(WORDS) + sorted(made - set(WORDS))
        self.weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.content))))

    def sentence(self) -> str:
        n = self.rng.randint(8, 18)
        content = self.rng.choices(self.content, cum_weights=self.weights, k=n)
        words = [self.rng.choice(GLUE) if self.rng.random() < 0.45 else content[i] for i in range(n)]
        if self.rng.random() < 0.03:
            words[self.rng.randrange(n)] = self.rng.choice(TOPICS)
        return " ".join(words).capitalize()


def repeated(rng: random.Random, said: list[str]) -> str | None:
    """Now and then one of the speaker's earlier statements again: whole (a wire copy, a
    follow-up) or cut (a run of at least six of its words)."""
    if not said:
        return None
    draw = rng.random()
    if draw < COPIES:
        return rng.choice(said)
    if draw < COPIES + CUTS:
        words = rng.choice(said).split()
        if len(words) >= 10:
            start = rng.randint(0, len(words) - 6)
            return " ".join(words[start:start + rng.randint(6, len(words) - start)]).capitalize()
    return None


def build(path: str, scale: float = 1.0, seed: int = 27) -> dict:
    """The archive database; returns what it holds. Statements are written through
    `store.writing`, as ingest writes them: their quotations are linked before each batch
    commits; each article's gender evidence is kept and every person's gender decided from
    it (quotes/gender_rows.py), as ingest does."""
    from sqlite_utils import Database

    from quotes.gender_rows import refresh
    from quotes.store import open_db, writing

    rng = random.Random(seed)
    words = Words(rng)
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
    genders = rng.choices([g for g, _ in GENDERS], [w for _, w in GENDERS], k=n_speakers)
    outlets = sorted({f"The {made_up_name(rng, 2)} {kind}" for kind in ("Post", "Times", "Herald", "Courier")
                      for _ in range(8)})[:n_outlets]
    months = [f"{2015 + (m // 12)}-{m % 12 + 1:02d}" for m in range(n_months)]
    with writing(db):
        db["speakers"].insert_all(({"id": i + 1, "name": n, "kind": "person"} for i, n in enumerate(names)),
                                  batch_size=5000)
        db["aliases"].insert_all(({"alias": a, "speaker_id": i + 1, "origin": "seen"}
                                  for i, n in enumerate(names) for a in (n, n.split()[-1])),
                                 batch_size=5000)
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(n_speakers)))  # Zipf
    said: dict[int | None, list[str]] = {}
    statements = quotes = 0
    started = time.monotonic()
    for first in range(0, n_articles, 2000):
        documents, rows, evidence = [], [], {}
        for a in range(first, min(n_articles, first + 2000)):
            doc_id = hashlib.sha1(f"article {a}".encode()).hexdigest()
            month = months[a % n_months] if rng.random() > 0.002 else None
            published = f"{month}-{rng.randint(1, 28):02d}" if month else None
            text = f"{words.sentence()}\n\n"
            for s in range(rng.randint(5, 15)):
                sid = None if rng.random() < NO_SPEAKER else \
                    rng.choices(range(1, n_speakers + 1), cum_weights=cumulative)[0]
                name = names[sid - 1] if sid else "a spokesman"
                kind = rng.choices(("direct", "indirect", "mixed"), (70, 25, 5))[0]
                paragraph_start = len(text)
                mine = said.setdefault(sid, [])
                again = repeated(rng, mine)
                parts = [again] if again else [words.sentence()] + ([words.sentence()] if rng.random() < 0.1 else [])
                if not again and len(parts) == 1:
                    mine.append(parts[0])
                    del mine[:-REMEMBERED]
                spans = []
                if kind == "indirect":
                    text += f"{name[0].upper()}{name[1:]} said that "
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
                addressee = rng.randint(1, n_speakers) if sid and rng.random() < 0.03 else None
                for part, (start, said_words) in enumerate(spans, 1):
                    rows.append({
                        "id": f"{doc_id}:{start}:{start + len(said_words)}", "document_id": doc_id,
                        "start": start, "end": start + len(said_words), "text": said_words, "type": kind,
                        "cue": "said", "speaker_id": sid, "speaker_mention": name, "addressee_id": addressee,
                        "method": "syntax", "resolver": "name" if sid else "description", "confidence": 0.9,
                        "statement": s if len(spans) > 1 else None, "part": part,
                        "context_start": paragraph_start, "context_end": len(text) - 2,
                        "speaker_kind": "person" if sid else "anonymous", "article_speaker": name if sid else None,
                        "article_addressee": names[addressee - 1] if addressee else None})
                if sid and (doc_id, names[sid - 1]) not in evidence:
                    evidence[doc_id, names[sid - 1]] = genders[sid - 1]
                statements += 1
                quotes += len(spans)
            documents.append({"id": doc_id, "key": f"archive/{a}.txt", "title": words.sentence()[:80],
                              "url": f"https://news.example/{a}", "published": published,
                              "source": outlets[a % n_outlets], "text": text, "engine_version": "bench",
                              "ingested_at": "2026-01-01T00:00:00+00:00"})
        with writing(db):  # the quotations of the batch are linked before it commits
            db["documents"].insert_all(documents, batch_size=1000)
            db["quotes"].insert_all(rows, batch_size=5000)
            db["article_gender_evidence"].insert_all(_evidence(rng, evidence), batch_size=5000)
        print(f"\r{first + len(documents):,} articles, {statements:,} statements, "
              f"{time.monotonic() - started:.0f} s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with writing(db):
        refresh(db, range(1, n_speakers + 1))
    db.execute("analyze")
    held = {name: db.execute(sql).fetchone()[0] for name, sql in (
        ("quotations", "select count(*) from quotations"),
        ("in two articles or more", "select count(*) from quotations where articles >= 2"),
        ("cut versions", "select count(*) from appearances where relation = 'part of'"),
        ("women", "select count(*) from speakers where gender = 'female'"),
        ("men", "select count(*) from speakers where gender = 'male'"),
        ("unknown gender", "select count(*) from speakers where gender = 'unknown'"))}
    db.close()
    return dict({"articles": n_articles, "statements": statements, "quotes": quotes, "speakers": n_speakers,
                 "outlets": n_outlets, "months": n_months, "seconds": round(time.monotonic() - started)}, **held)


def _evidence(rng: random.Random, people: dict) -> list[dict]:
    """An article's evidence of each person it quotes: "she"/"he" now and then, an
    honorific less often; nothing for a person the articles never gender."""
    rows = []
    for (doc_id, name), gender in people.items():
        if gender is None:
            continue
        if rng.random() < PRONOUN_SEEN:
            rows.append({"document_id": doc_id, "name": name, "kind": "pronoun",
                         "word": "she" if gender == "female" else "he", "count": rng.randint(1, 3)})
        if rng.random() < HONORIFIC_SEEN:
            rows.append({"document_id": doc_id, "name": name, "kind": "honorific",
                         "word": "ms" if gender == "female" else "mr", "count": 1})
    return rows


# ---- timing ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quotes_command() -> list[str]:
    script = shutil.which("quotes", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-c", "from quotes.cli import cli; cli()"]


TIMEOUT = 60.0  # seconds without an answer before a request counts as failed (status 0)


def fetch(url: str, first_byte: bool = False) -> tuple[float, int, str, bytes]:
    """Seconds to the whole body (or its first byte), the status, the final address (a
    redirect is followed and counted, as a browser would) and the body read."""
    started = time.perf_counter()
    try:
        response = urllib.request.urlopen(url, timeout=TIMEOUT)
    except urllib.error.HTTPError as error:  # 4xx, 5xx: timed and reported, not fatal
        body = error.read()
        return time.perf_counter() - started, error.code, url, body
    except urllib.error.URLError as error:  # no answer in TIMEOUT s: status 0, reported
        if not isinstance(error.reason, TimeoutError):
            raise
        return time.perf_counter() - started, 0, url, b""
    except TimeoutError:
        return time.perf_counter() - started, 0, url, b""
    with response:
        try:
            body = response.read(1) if first_byte else response.read()
        except TimeoutError:
            return time.perf_counter() - started, 0, url, b""
        return time.perf_counter() - started, response.status, response.url, body


def pages(db_path: str, base: str) -> list[tuple[str, str, bool]]:
    """(what, address, first byte only) for the pages people use most, each of the kinds
    the site links to (the crawl below finds every other one within two clicks)."""
    from sqlite_utils import Database

    db = Database(db_path)
    name = os.path.splitext(os.path.basename(db_path))[0]
    ranked = [r[0] for r in db.execute("select speaker_id from speaker_totals where speaker_id != 0 "
                                       "order by statements desc").fetchall()]
    top, median = ranked[0], ranked[len(ranked) // 2]
    second = ranked[1] if len(ranked) > 1 else top
    top_name = db.execute("select name from speakers where id = ?", [top]).fetchone()[0]
    second_name = db.execute("select name from speakers where id = ?", [second]).fetchone()[0]
    doc = db.execute("select document_id from quotes group by document_id order by count(*) desc limit 1").fetchone()[0]
    outlet, month = db.execute("select source, substr(published, 1, 7) from documents "
                               "where published is not null and source is not null limit 1").fetchone() or ("", "")
    year = (month or "2016")[:4]
    word = "syria" if db.execute("select count(*) from quotes_fts where quotes_fts match 'syria*'").fetchone()[0] \
        else (db.execute("select text from quotes limit 1").fetchone()[0].split() or ["said"])[0]
    quotation = (db.execute("select id from quotations order by articles desc limit 1").fetchone() or [None])[0] \
        if "quotations" in db.table_names() else None
    db.close()
    d = f"{base}/{quote(name)}"
    listed = [
        ("home", f"{base}/", False),
        ("search (a word)", f"{d}/-/search?" + urlencode({"q": word}), False),
        ("search (a name)", f"{d}/-/search?" + urlencode({"q": top_name.split()[-1]}), False),
        ("speaker by name", f"{d}/-/speaker?" + urlencode({"name": top_name}), False),
        ("statements listing", f"{d}/statements", False),
        ("statements of the top speaker", f"{d}/statements?speaker_id={top}", False),
        ("statements matching a word", f"{d}/statements?" + urlencode({"_search": word}), False),
        ("statements sorted by date", f"{d}/statements?_sort_desc=published", False),
        ("in-context view", f"{d}/quotes_in_context", False),
        ("speakers ranked", f"{d}/speaker_stats", False),
        ("articles", f"{d}/documents", False),
        ("repeated quotations", f"{d}/repeated_quotations", False),
        ("quotation, most repeated", f"{d}/-/quotation/{quotation}", False),
        ("profile, top speaker", f"{d}/-/speaker/{top}", False),
        ("profile, median speaker", f"{d}/-/speaker/{median}", False),
        ("article reader", f"{d}/-/article/{doc}", False),
        ("dashboard", f"{d}/-/dashboard", False),
        ("dashboard, an outlet", f"{d}/-/dashboard?" + urlencode({"outlet": outlet or ""}), False),
        ("dashboard, outlet and month", f"{d}/-/dashboard?" + urlencode({"outlet": outlet or "", "month": month or ""}), False),
        ("dashboard, a year", f"{d}/-/dashboard?" + urlencode({"since": year, "until": year}), False),
        ("dashboard, two speakers over a year", f"{d}/-/dashboard?" + urlencode(
            {"names": f"{top_name}, {second_name}", "since": year, "until": year}), False),
        ("CSV of the top speaker, first byte", f"{d}/statements.csv?speaker_id={top}&_stream=on&_dl=1", True),
        ("CSV of a search, first byte", f"{d}/statements.csv?" + urlencode({"_search": word, "_stream": "on", "_dl": "1"}), True),
    ]
    return [p for p in listed if quotation or not p[0].startswith("quotation,")]


# ---- every page within two clicks -------------------------------------------------------

# Query arguments whose value makes another kind of page (another sort, another facet…);
# the others' values (an id, an outlet, a word) only pick an example of the same kind.
KIND_VALUES = {"_sort", "_sort_desc", "_facet", "_facet_size", "_nofacet", "_stream", "_shape", "gender_sort",
               "_searchmode", "_labels"}
SKIP = (".css", ".js", ".png", ".ico", ".svg")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.found.append(href)


def links_of(page_url: str, body: bytes, base: str) -> list[str]:
    """The same-site pages a page links to (absolute addresses, no fragment)."""
    parser = Links()
    parser.feed(body.decode("utf-8", "replace"))
    out = []
    for href in parser.found:
        url = urllib.parse.urljoin(page_url, html.unescape(href)).split("#")[0]
        if url.startswith(base + "/") and not urllib.parse.urlsplit(url).path.endswith(SKIP):
            out.append(url)
    return list(dict.fromkeys(out))


def kind(url: str, base: str) -> str:
    """What kind of page an address is: its path with ids set aside, the names of its query
    arguments, and the values of those that change the page's kind."""
    parts = urllib.parse.urlsplit(url)
    segments = parts.path[len(urllib.parse.urlsplit(base).path):].strip("/").split("/")
    if len(segments) >= 4 and segments[1] == "-":
        segments = segments[:3] + ["ID"]
    elif len(segments) == 3 and segments[1] != "-":
        segments = segments[:2] + ["ROW"]
    args = sorted({k if k not in KIND_VALUES else f"{k}={v}" for k, v in
                   urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if k not in ("_col", "_nocol")})
    cols = "&cols" if "_col=" in parts.query or "_nocol=" in parts.query else ""
    return "/" + "/".join(segments) + ("?" + "&".join(args) if args else "") + cols


def crawl(base: str, start: list[str], examples: int = 3) -> dict[str, list[str]]:
    """Every kind of page within two clicks of the home page (and of the searches its box
    makes), with up to `examples` addresses of each, the first found first."""
    found: dict[str, list[str]] = {}

    def add(url):
        same = found.setdefault(kind(url, base), [])
        if url not in same and len(same) < examples:
            same.append(url)

    home = f"{base}/"
    first = [home] + start
    _, _, _, body = fetch(home)
    level1 = list(dict.fromkeys(start + links_of(home, body, base)))
    for url in level1:
        add(url)
    for url in level1:
        if url.endswith((".csv", ".json")) or ".csv?" in url or ".json?" in url:
            continue
        _, status, final, body = fetch(url)
        if status != 200:
            continue
        for link in links_of(final, body, base):
            if link not in first:
                add(link)
    return found


def cpu_seconds(pid: int) -> float:
    """The user and system CPU a process has used (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def time_one(url: str, first_byte: bool, repeat: int, server: int) -> dict:
    """One page `repeat` times after a warming request: median and p95 of the clock, the
    server's CPU a request, and every status seen."""
    fetch(url, first_byte)
    times, statuses = [], set()
    cpu = cpu_seconds(server)
    for _ in range(repeat):
        seconds, status, _, _ = fetch(url, first_byte)
        statuses.add(status)
        times.append(seconds)
    return {"median": percentile(times, 50), "p95": percentile(times, 95),
            "cpu": (cpu_seconds(server) - cpu) / repeat, "statuses": sorted(statuses)}


def time_pages(db_path: str, repeat: int, every: bool = True, examples: int = 3) -> dict:
    port = free_port()
    # the server's log goes to a file: a pipe nobody reads fills after a few hundred
    # requests, and the server then waits for ever to write its next line
    log = tempfile.TemporaryFile("w+")
    server = subprocess.Popen(quotes_command() + ["serve", db_path, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=log, text=True)
    base = f"http://127.0.0.1:{port}"
    loads = [os.getloadavg()[0]]
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(base + "/-/versions.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise SystemExit(f"quotes serve did not start: {log.read()}")
                time.sleep(0.3)
        named = []
        listed = pages(db_path, base)
        for what, url, first_byte in listed:
            result = dict(time_one(url, first_byte, repeat, server.pid), page=what, url=url[len(base):])
            named.append(result)
            loads.append(os.getloadavg()[0])
            print(f"{what:40} p95 {result['p95'] * 1000:7.0f} ms  CPU {result['cpu'] * 1000:5.0f} ms "
                  f"{result['statuses']}", file=sys.stderr)
        kinds = []
        if every:
            searches = [url for what, url, _ in listed if what.startswith("search")]
            for name, urls in sorted(crawl(base, searches, examples).items()):
                worst = None
                for url in urls:
                    first_byte = ".csv" in urllib.parse.urlsplit(url).path
                    result = dict(time_one(url, first_byte, repeat, server.pid), kind=name, url=url[len(base):])
                    if worst is None or result["p95"] > worst["p95"] or max(result["statuses"]) >= 500:
                        worst = result if worst is None or max(worst["statuses"]) < 500 else worst
                kinds.append(worst)
                loads.append(os.getloadavg()[0])
                print(f"{name[:80]:80} p95 {worst['p95'] * 1000:7.0f} ms  CPU {worst['cpu'] * 1000:5.0f} ms "
                      f"{worst['statuses']}", file=sys.stderr)
        return {"named": named, "kinds": kinds, "load": (min(loads), max(loads))}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def table(results: dict) -> str:
    lines = [f"load average {results['load'][0]:.1f} to {results['load'][1]:.1f}", "",
             "| page | median | p95 | server CPU a request |", "|---|---:|---:|---:|"]
    lines += [f"| {r['page']} | {r['median'] * 1000:.0f} ms | {r['p95'] * 1000:.0f} ms | {r['cpu'] * 1000:.0f} ms |"
              + ("" if r["statuses"] == [200] else f" HTTP {r['statuses']}") for r in results["named"]]
    if results["kinds"]:
        kinds = results["kinds"]
        slow = [k for k in kinds if k["p95"] > 1.0]
        failed = [k for k in kinds if max(k["statuses"]) >= 500 or min(k["statuses"]) == 0]
        lines += ["", f"Every kind of page within two clicks of the home page: {len(kinds)} kinds, "
                      f"the slowest p95 {max(k['p95'] for k in kinds) * 1000:.0f} ms; "
                      f"{len(slow)} over 1 s, {len(failed)} answering 5xx or not at all (status 0).", "",
                  "| kind of page | example | p95 | server CPU | status |", "|---|---|---:|---:|---|"]
        lines += [f"| `{k['kind'][:90]}` | {k['url'][:60]} | {k['p95'] * 1000:.0f} ms | {k['cpu'] * 1000:.0f} ms "
                  f"| {', '.join(map(str, k['statuses']))} |" for k in sorted(kinds, key=lambda k: -k["p95"])]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="the database to time (built first unless it exists)")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = one million statements")
    parser.add_argument("--repeat", type=int, default=20, help="requests a page (p95 over them)")
    parser.add_argument("--existing", action="store_true", help="time the database as it is")
    parser.add_argument("--named-only", action="store_true", help="only the named pages, not the crawl")
    parser.add_argument("--examples", type=int, default=3, help="addresses timed of each kind of page")
    args = parser.parse_args(argv)
    if not os.path.exists(args.db):
        if args.existing:
            raise SystemExit(f"{args.db}: no such database")
        print(build(args.db, args.scale), file=sys.stderr)
    print(table(time_pages(args.db, args.repeat, not args.named_only, args.examples)))


if __name__ == "__main__":
    main()
