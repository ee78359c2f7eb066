"""The tables of README.md and docs/design.md that the registries write: the detectors with
their sieves in order, the sieves, the entity graph's passes, the resolvers, the input
formats, the site's pages, the database schema and the attribution methods.
Each sits between `<!-- NAME -->` and `<!-- /NAME -->`; everything else is prose.

The methods table keeps its two measured columns (share and precision on the dev sets, which
`make methods` writes) and takes everything else from the code.

usage: python docs/tables.py [--check]   (`make docs`; --check: exit 1 when a file differs)
"""

from __future__ import annotations

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FILES = (os.path.join(ROOT, "README.md"), os.path.join(HERE, "design.md"))


def _cell(text: str) -> str:
    """Text as one table cell: paragraph breaks shown as ¶, pipes escaped."""
    return " ¶ ".join(" ".join(p.split()) for p in text.split("\n\n")).replace("|", "\\|")


def _names(items) -> str:
    return ", ".join(f"`{item}`" for item in items)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], align: str = "") -> str:
    rule = [align[i] if i < len(align) and align[i] == "r" else "" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---:" if r else "---" for r in rule) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def sieve_order() -> str:
    from quotes.engine import sieves

    rows = [(f"`{d.name}`", _cell(d.reads), _names(s.name for s in d.sieves)) for d in sieves.DETECTORS]
    rows.append(("then, over the whole document", "statements with no speaker yet", _names(p.name for p in sieves.PASSES)))
    return _table(("detector", "what it finds", "sieves, in order (the first that decides wins)"), rows)


def sieve_list() -> str:
    from quotes.engine import sieves

    rows = [(f"`{entry.name}`", _cell(entry.reads), _names(m.value for m in entry.methods), _cell(entry.example))
            for entry in sieves.SIEVES + sieves.PASSES]
    return _table(("sieve", "what it reads", "methods it records", "example it decides"), rows)


def graph_passes() -> str:
    from quotes.engine.entities.build import PASSES

    return _table(("pass", "what it adds"), [(f"`{p.name}`", _cell(p.reads)) for p in PASSES])


def resolvers() -> str:
    from quotes.engine.entities.resolvers import RESOLVERS

    rows = [(f"`{r.name}`", ", ".join(k.value for k in r.kinds), _cell(r.reads),
             f"{_cell(r.example[0])} → {r.example[1]}") for r in RESOLVERS]
    return _table(("resolver", "mentions", "what it reads", "example → speaker"), rows)


def formats() -> str:
    from quotes.read.base import GZIP_SUFFIX
    from quotes.read.registry import READERS

    rows = [(f"`{r.name}`", ", ".join(f"`{s}`" for s in r.suffixes), _cell(r.documents)) for r in READERS]
    rows.append(("gzipped", f"any of these + `{GZIP_SUFFIX}`", "the same, decompressed as it is read"))
    return _table(("format", "files", "documents"), rows)


def pages() -> str:
    from quotes.site.plugin import PAGES

    return _table(("page", "what it shows"), [(f"`{p.path}`", _cell(p.shows)) for p in PAGES])


def sieve_files() -> str:
    """The files a new sieve touches, as `quotes/engine/sieves.py` lists them in its docstring
    (the list the engine's developers keep true), written here word for word."""
    from quotes.engine import sieves

    doc = sieves.__doc__ or ""
    start = doc.find("Adding a sieve")
    if start < 0:
        return "See the docstring of `quotes/engine/sieves.py`."
    lines = []
    for line in doc[start:].splitlines():
        if lines and (not line.strip() or not (line[:1].isdigit() or line.startswith(" "))):
            break
        lines.append(line.replace("this file", "`quotes/engine/sieves.py`"))
    return "\n".join(lines)


MAIN_TABLES = ("documents", "quotes", "speakers", "aliases", "quotations", "appearances")


def schema() -> str:
    """The tables and views of a database made now by `store.open_db`: the main tables with
    their columns, the others by name (the full-text index's shadow tables left out)."""
    import tempfile

    from quotes.store import SCHEMA_VERSION, open_db

    with tempfile.TemporaryDirectory() as folder:
        db = open_db(os.path.join(folder, "quotes.db"))
        tables = [t for t in db.table_names() if not t.startswith("quotes_fts")]
        lines = [f"- `{t}`: " + ", ".join(f"`{c.name}`" for c in db[t].columns) for t in MAIN_TABLES]
        lines.append("- also " + ", ".join(f"`{t}`" for t in tables if t not in MAIN_TABLES)
                     + "; views " + ", ".join(f"`{v}`" for v in db.view_names())
                     + "; full-text search on `quotes.text`")
        db.close()
    return f"Schema version {SCHEMA_VERSION} (`PRAGMA user_version`):\n\n" + "\n".join(lines)


def methods(current: str) -> str:
    """The method table; share and precision are kept from `current` (the table as it is)."""
    from quotes.engine.confidence import CONFIDENCE, MEANING
    from quotes.model import Method

    measured = {}
    for line in current.splitlines():
        match = re.match(r"^\| `(\w+)` \|", line)
        if match:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            measured[match.group(1)] = cells[-2:]
    rows = []
    for method in Method:
        reads, example = MEANING[method]
        share, precision = measured.get(method.value, ["-", "-"])
        rows.append((f"`{method.value}`", _cell(reads), _cell(example), f"{CONFIDENCE[method]:.2f}", share, precision))
    return _table(("method", "what it reads", "example", "confidence", "share (GGT, PolNeAR)",
                   "precision (GGT, PolNeAR)"), rows, align="lllrrr")


TABLES = {"sieve-order": sieve_order, "sieves": sieve_list, "graph-passes": graph_passes, "resolvers": resolvers,
          "formats": formats, "pages": pages, "schema": schema, "sieve-files": sieve_files, "methods": methods}


def render(text: str) -> str:
    """`text` with every table between markers written again from the registries."""
    for name, make in TABLES.items():
        pattern = re.compile(rf"(<!-- {name} -->\n)(.*?)(<!-- /{name} -->)", re.S)
        match = pattern.search(text)
        if match is None:
            continue
        table = make(match.group(2)) if name == "methods" else make()
        text = text[:match.start(2)] + table + "\n" + text[match.end(2):]
    return text


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path in FILES:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        new = render(text)
        if new != text:
            stale.append(os.path.relpath(path, ROOT))
            if not check:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(new)
    if check and stale:
        print(f"out of date with the registries: {', '.join(stale)}; run `make docs`")
        return 1
    print(("rewrote " + ", ".join(stale)) if stale else "the tables match the registries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
