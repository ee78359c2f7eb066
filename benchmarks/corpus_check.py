"""Corpus check of speaker rows: ingest every dev set of ../shared/gold into one database,
then list what a reader of the speakers table would stumble on.

  - speaker rows whose name names no one: a description or a pronoun ("the company",
    "he"), a platform ("Twitter"), a word for a party member or a people ("Republican",
    "Briton"), a weekday or a month: there should be none;
  - one-word rows: how many of each kind, and the person rows of one word that hold
    statements of two articles or more (a person's word of another kind too: "Lydia" the
    model took for an organisation) (one word joins nothing across articles by that
    word alone: there should be none); and the one-word names that joined a fuller row
    across articles other than as its surname (there should be none);
  - pairs of person rows that look like one person (one surname and compatible given
    names or initials, a bare surname, or a near-spelling), each with the reason it is
    left apart ("roles disagree", "a bare surname that 3 people share", …); a pair with
    no reason is a join the store missed.

Texts only: the gold annotations are not read. Prints the lists and the counts; exit 1
when a row that names no one, a one-word person row of two articles, a one-word join by a
shared word or an unexplained pair is found. Any JSONL corpus can be checked the same way with --files.

    nice .venv/bin/python benchmarks/corpus_check.py            # a temporary database
    nice .venv/bin/python benchmarks/corpus_check.py --db check.db    # kept
    nice .venv/bin/python benchmarks/corpus_check.py --db check.db --no-ingest
"""

from __future__ import annotations

import argparse
import glob
import itertools
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD = os.path.join(os.path.dirname(ROOT), "shared", "gold")
sys.path.insert(0, ROOT)

from quotes.names import (given_name_alone, is_proper_name, name_near_spelling, not_a_name,  # noqa: E402
                          person_name, phrases_agree, roles_agree, same_person_name, title_of)
from quotes.model import Speaker  # noqa: E402
from quotes.speaker_rows import bare_target, persons_word  # noqa: E402
from quotes.store import open_db_readonly  # noqa: E402


def dev_sets(gold: str) -> list[str]:
    return sorted(glob.glob(os.path.join(gold, "*dev*.jsonl")))


def ingest(db_path: str, files: list[str], processes: int | None) -> None:
    quotes = os.path.join(os.path.dirname(sys.executable), "quotes")
    for path in files:
        print(f"ingesting {os.path.basename(path)} …", file=sys.stderr, flush=True)
        args = [quotes, "ingest", db_path, path, "--silent"]
        if processes:
            args += ["--processes", str(processes)]
        code = subprocess.run(args).returncode
        if code not in (0, 3):  # 3: all read, with notes
            sys.exit(f"error: quotes ingest {path} exited with {code}")


def load(db) -> tuple[dict[int, dict], set[tuple[int, str]]]:
    rows = {}
    for sid, name, kind, role, affiliation, statements, articles in db.execute(
            "select id, name, kind, role, affiliation, "
            "(select count(*) from quotes where speaker_id = speakers.id), "
            "(select count(distinct document_id) from quotes where speaker_id = speakers.id) from speakers"):
        rows[sid] = {"id": sid, "name": name, "kind": kind, "role": role, "affiliation": affiliation,
                     "statements": statements, "articles": articles, "names": [name]}
    for sid, alias in db.execute("select speaker_id, alias from aliases"):
        if sid in rows and alias != rows[sid]["name"]:
            rows[sid]["names"].append(alias)
    refused = {(sid, name.lower()) for sid, name in db.execute("select speaker_id, name from not_same")}
    return rows, refused


def _label(row: dict) -> str:
    return f"#{row['id']} {row['name']}" + (f" ({row['role']})" if row["role"] else "")


def look_alike(a, b) -> str | None:
    """How two parsed names may be one person, or None."""
    if a.surname == b.surname and (a.bare or b.bare):
        return "bare surname"
    if same_person_name(a, b):
        return "compatible names"
    if name_near_spelling(a, b):
        return "near-spelling"
    return None


def reason_apart(db, a: dict, b: dict, how: str, parsed: dict, by_surname: dict, refused: set) -> str | None:
    """Why the store keeps two look-alike rows apart, as "category: detail"; None when
    nothing does (a join the store missed)."""
    if (a["id"], b["name"].lower()) in refused or (b["id"], a["name"].lower()) in refused:
        return "the user split them"
    if a["kind"] != b["kind"]:
        return f"kinds differ: {a['kind']} / {b['kind']}"
    if not roles_agree(a["role"] or title_of(a["name"]), b["role"] or title_of(b["name"])):
        return f"roles disagree: {a['role'] or title_of(a['name'])} / {b['role'] or title_of(b['name'])}"
    if not phrases_agree(a["affiliation"], b["affiliation"]):
        return f"affiliations disagree: {a['affiliation']} / {b['affiliation']}"
    pa, pb = parsed[a["id"]], parsed[b["id"]]
    if db.execute("select 1 from quotes x join quotes y on x.document_id = y.document_id "
                  "where ? in (x.speaker_id, x.addressee_id) and ? in (y.speaker_id, y.addressee_id) limit 1",
                  [a["id"], b["id"]]).fetchone():
        return "one article tells them apart"
    if how == "bare surname":
        bare, other = (a, b) if pa.bare else (b, a)
        goes = bare_target(db, Speaker(bare["name"], "person", bare["role"], bare["affiliation"]),
                           exclude=bare["id"])
        if goes == other["id"]:
            return None  # it would join now: an order of ingestion the store did not undo
        full = [o for o in by_surname[pa.surname] if not parsed[o].bare]
        if given_name_alone(pa.surname) and not ((bare["role"] or title_of(bare["name"])) and other["role"]):
            return f"a given name alone, without a role on both sides: {pa.surname}"
        if len(full) > 1:
            return f"a bare surname that several people share, no role picks one: {len(full)} people"
        if goes is None:
            return "a bare surname that joins no one"
        return f"a bare surname that joins another row: #{goes}"
    if how == "near-spelling" and not (a["role"] and b["role"]):
        return "a near-spelling without a role on both sides"
    for row, other in ((a, b), (b, a)):
        for name in row["names"][1:]:
            alias = person_name(name)
            po = parsed[other["id"]]
            if alias and not alias.bare and not po.bare and alias.surname == po.surname \
                    and not same_person_name(alias, po):
                return f"another name of one contradicts: {name!r} of #{row['id']}"
    if how == "compatible names":
        for row, p in ((a, pa), (b, pb)):
            fits = [o for o in by_surname[p.surname] if o not in (a["id"], b["id"])
                    and not parsed[o].bare and same_person_name(p, parsed[o])]
            if fits:
                return f"the name fits another row too (namesakes): {row['name']!r} fits #{fits[0]}"
    return None


def no_name(name: str) -> str | None:
    """What a row's name is when it names no one, or None."""
    return None if is_proper_name(name) else not_a_name(name) or "description or pronoun"


def one_word_joins(db) -> tuple[int, list[tuple[str, str, str]]]:
    """One-word names that joined a row of a fuller name across articles (an article
    wrote only that word, and none of the row's fuller names): how many are the surname of
    the row's name (a bare surname joining its person), and the others, listed as (word,
    row name, reason): one word joining a row by a word it shares ("Twitter" and "Black
    Twitter"), which should not happen."""
    surnames, others = 0, []
    for alias, name, kind, reason in db.execute(
            "select aliases.alias, speakers.name, speakers.kind, aliases.reason from aliases "
            "join speakers on speakers.id = aliases.speaker_id "
            "where aliases.origin = 'seen' and aliases.alias not like '% %' and speakers.name like '% %' "
            "and exists (select 1 from quotes q where q.speaker_id = speakers.id and q.article_speaker = aliases.alias "
            "and not exists (select 1 from quotes r where r.document_id = q.document_id "
            "and r.speaker_id = speakers.id and r.article_speaker like '% %'))"):
        word, full = person_name(alias), person_name(name)
        if kind == "person" and word is not None and full is not None and word.bare \
                and word.surname in (full.surname, full.words[-1]):
            surnames += 1
        else:
            others.append((alias, name, reason or "no reason"))
    return surnames, others


def check(db) -> dict:
    rows, refused = load(db)
    descriptions = [dict(r, why=no_name(r["name"])) for r in rows.values() if no_name(r["name"])]
    one_word = [r for r in rows.values() if len(r["name"].split()) == 1 and not no_name(r["name"])]
    # (a person's word the model took for an organisation or a group counts as a person's)
    shared = [r for r in one_word if r["articles"] > 1 and (r["kind"] == "person" or persons_word(db, r["name"]))]
    # people, and organisations of one word that may be a person the model mislabelled
    people = {sid: r for sid, r in rows.items() if is_proper_name(r["name"]) and (
        r["kind"] == "person" or r["kind"] == "organisation" and len(r["name"].split()) == 1)}
    parsed = {sid: person_name(r["name"]) for sid, r in people.items()}
    parsed = {sid: p for sid, p in parsed.items() if p is not None}
    by_surname: dict[str, list[int]] = defaultdict(list)
    for sid, p in parsed.items():
        by_surname[p.surname].append(sid)
    pairs = []
    seen = set()
    groups = list(by_surname.values())
    # near-spellings cross surnames: pair rows of one first given name
    by_first: dict[str, list[int]] = defaultdict(list)
    for sid, p in parsed.items():
        if p.given:
            by_first[p.given[0]].append(sid)
    for group in groups + list(by_first.values()):
        for x, y in itertools.combinations(sorted(group), 2):
            if (x, y) in seen:
                continue
            seen.add((x, y))
            how = look_alike(parsed[x], parsed[y])
            if how:
                a, b = people[x], people[y]
                pairs.append((a, b, how, reason_apart(db, a, b, how, parsed, by_surname, refused)))
    return {"rows": rows, "descriptions": descriptions, "one_word": one_word, "shared": shared,
            "joins": one_word_joins(db), "pairs": pairs}


def report(db) -> int:
    found = check(db)
    documents = db.execute("select count(*) from documents").fetchone()[0]
    statements = db.execute("select count(*) from quotes").fetchone()[0]
    unnamed = db.execute("select coalesce(speaker_kind, 'none'), count(*) from quotes "
                         "where speaker_id is null group by 1 order by 2 desc").fetchall()
    print("== speaker rows that name no one")
    for row in sorted(found["descriptions"], key=lambda r: -r["statements"]):
        print(f"  {_label(row)} [{row['why']}]: {row['statements']} statements, {row['articles']} articles")
    print("== one-word rows of a person's name with statements of two articles or more")
    for row in sorted(found["shared"], key=lambda r: -r["articles"]):
        print(f"  {_label(row)}: {row['statements']} statements, {row['articles']} articles")
    kinds = Counter(r["kind"] for r in found["one_word"])
    print("== one-word rows: " + (", ".join(f"{kind} {n}" for kind, n in kinds.most_common()) or "none"))
    widest = sorted(found["one_word"], key=lambda r: (-r["articles"], r["name"]))[:15]
    print("  most articles: " + ", ".join(f"{r['name']} ({r['kind']}, {r['articles']})" for r in widest))
    surnames, others = found["joins"]
    print(f"== one-word names joined to a fuller row across articles: {surnames} as its surname, "
          f"{len(others)} otherwise")
    for word, name, why in others:
        print(f"  {word!r} joined {name!r}: {why}")
    print("== pairs of rows that look like one person")
    reasons = Counter()
    namesakes: dict[tuple[str, str], set[int]] = defaultdict(set)  # rows of one name: one line
    for a, b, how, why in sorted(found["pairs"], key=lambda p: (p[3] is not None, p[0]["name"])):
        why = why or "NONE: should have joined"
        reasons[why.split(":")[0]] += 1
        if a["name"] == b["name"] and why is not None:
            namesakes[(a["name"], why.split(":")[0])] |= {a["id"], b["id"]}
            continue
        print(f"  {_label(a)} ~ {_label(b)} [{how}]: {why}")
    for (name, why), ids in sorted(namesakes.items()):
        print(f"  {len(ids)} rows named {name!r}: {why} (each pair)")
    unexplained = sum(1 for *_, why in found["pairs"] if why is None)
    print("== counts")
    print(f"  documents {documents}, statements {statements}, speaker rows {len(found['rows'])}")
    print(f"  statements without a speaker row: "
          + (", ".join(f"{kind} {n}" for kind, n in unnamed) or "none"))
    print(f"  rows that name no one: {len(found['descriptions'])}, one-word rows: {len(found['one_word'])}, "
          f"one-word rows of a person's name of two articles or more: {len(found['shared'])}")
    print(f"  look-alike pairs of rows: {len(found['pairs'])}, left apart with a reason: "
          f"{len(found['pairs']) - unexplained}, without one: {unexplained}")
    for why, n in reasons.most_common():
        print(f"    {n:4}  {why}")
    return 1 if found["descriptions"] or found["shared"] or found["joins"][1] or unexplained else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default=GOLD, help="Folder of the gold sets (default: ../shared/gold).")
    parser.add_argument("--files", nargs="+", default=None,
                        help="Check these files (a corpus) instead of the dev sets of --gold.")
    parser.add_argument("--db", default=None,
                        help="Database to build and keep (default: a temporary one, deleted).")
    parser.add_argument("--no-ingest", action="store_true", help="Only check the --db as it is.")
    parser.add_argument("--processes", type=int, default=None, help="Passed to quotes ingest.")
    args = parser.parse_args()
    files = args.files or dev_sets(args.gold)
    if args.no_ingest and not args.db:
        sys.exit("error: --no-ingest checks the database given as --db")
    if not files and not args.no_ingest:
        print(f"no dev sets in {args.gold}: nothing to check")
        return
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db or os.path.join(folder, "check.db")
        if not args.no_ingest:
            if os.path.exists(db_path):
                sys.exit(f"error: {db_path} exists; check it with --no-ingest, or choose another --db")
            ingest(db_path, files, args.processes)
            print(f"files: {', '.join(os.path.basename(f) for f in files)}")
        db = open_db_readonly(db_path)
        try:
            code = report(db)
        finally:
            db.close()
    sys.exit(code)


if __name__ == "__main__":
    main()
