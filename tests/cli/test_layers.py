"""The package's layers: the architecture as a tested picture (every module of `quotes/`
belongs to one part of docs/architecture.md, every import between parts is an arrow that
page allows, none is on its "never" list, the site writes nothing), what needs no parsing
never imports spaCy, and the method names are listed alike in the README and metadata."""

import ast
import fnmatch
import os
import re
import subprocess
import sys

import pytest
import yaml

from quotes.model import Method

from ..conftest import ROOT

PAGE = os.path.join(ROOT, "docs", "architecture.md")
PACKAGE = os.path.join(ROOT, "quotes")
WRITES = re.compile(r"^\s*(insert|update|delete|replace|create|drop|alter|vacuum|attach|pragma\s+\w+\s*=)\b",
                    re.I | re.M)


def section(text: str, heading: str) -> list[list[str]]:
    """The rows of the first table under `## heading`, each a list of cells."""
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in body.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def picture():
    text = open(PAGE, encoding="utf-8").read()
    parts = {row[0]: re.findall(r"`([^`]+)`", row[1]) for row in section(text, "Parts")}
    allowed = {row[0]: {p.strip() for p in row[1].split(",")} & set(parts) for row in section(text, "Arrows allowed")}
    never = {(row[0], row[1]) for row in section(text, "Never")}
    return parts, allowed, never


def modules() -> dict[str, str]:
    """Dotted module name -> file path relative to the project, for every module."""
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.relpath(os.path.join(folder, name), ROOT)
                dotted = path[:-3].replace(os.sep, ".")
                found[dotted[: -len(".__init__")] if dotted.endswith(".__init__") else dotted] = path
    return found


def imports(module: str, path: str, known: set[str]) -> set[str]:
    """The modules of ours that `module` imports, anywhere in its file."""
    tree = ast.parse(open(os.path.join(ROOT, path), encoding="utf-8").read())
    package = module if path.endswith("__init__.py") else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            # "from . import pages" imports a module; "from .model import Quote" a name
            targets = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in known else stem for alias in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def part_of(path: str, parts: dict[str, list[str]]) -> list[str]:
    return [name for name, patterns in parts.items()
            if any(fnmatch.fnmatch(path, pattern) and pattern.count("/") == path.count("/") for pattern in patterns)]


@pytest.fixture(scope="module")
def graph():
    parts, allowed, never = picture()
    found = modules()
    owner = {}
    for module, path in found.items():
        owners = part_of(path, parts)
        assert len(owners) == 1, f"{path} belongs to {owners or 'no part'} in docs/architecture.md"
        owner[module] = owners[0]
    arrows = {}
    for module, path in found.items():
        for target in imports(module, path, set(found)):
            arrows.setdefault((owner[module], owner[target]), []).append(f"{module} -> {target}")
    return parts, allowed, never, arrows


def test_the_page_names_nine_parts_and_allows_no_never(graph):
    parts, allowed, never, _ = graph
    assert set(parts) == {"Face", "Ingest", "Inputs", "Engine", "Storage", "Shared", "Web", "Cluster", "Scoring"}
    assert set(allowed) == set(parts)
    for source, target in never:
        assert source in parts and target in parts, (source, target)
        assert target not in allowed[source], f"{source} -> {target} is both allowed and never"


def test_every_import_between_parts_is_allowed(graph):
    _, allowed, _, arrows = graph
    wrong = {arrow: lines for arrow, lines in arrows.items() if arrow[0] != arrow[1] and arrow[1] not in allowed[arrow[0]]}
    assert wrong == {}, "imports docs/architecture.md does not allow"


def test_no_never_arrow_exists(graph):
    _, _, never, arrows = graph
    assert {arrow: arrows[arrow] for arrow in never if arrow in arrows} == {}


def test_the_picture_is_drawn_from_real_imports(graph):
    # the walk sees arrows that exist: a broken reader would pass the checks above vacuously
    _, _, _, arrows = graph
    assert "quotes.ingest -> quotes.store" in arrows[("Ingest", "Storage")]
    assert any(line.startswith("quotes.cli -> quotes.site") for line in arrows[("Face", "Web")])
    assert ("Engine", "Shared") in arrows and ("Storage", "Shared") in arrows


def test_the_site_writes_nothing():
    for folder, _, files in os.walk(os.path.join(PACKAGE, "site")):
        for name in (n for n in files if n.endswith(".py")):
            path = os.path.join(folder, name)
            source = open(path, encoding="utf-8").read()
            assert "execute_write" not in source, path
            strings = [node.value for node in ast.walk(ast.parse(source))
                       if isinstance(node, ast.Constant) and isinstance(node.value, str)]
            assert not [s for s in strings if WRITES.search(s)], path


LIGHT = """
import sys, tempfile, os
from click.testing import CliRunner
import quotes, quotes.model, quotes.store, quotes.site.serve, quotes.site.plugin, quotes.curation, quotes.export
from quotes.cli import cli
db = os.path.join(tempfile.mkdtemp(), "q.db")
from quotes.store import open_db
open_db(db)
runner = CliRunner()
for args in (["--help"], ["speakers", db], ["export", db], ["merge", "--help"], ["serve", "--help"]):
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, (args, result.output)
loaded = sorted(m for m in sys.modules if m == "spacy" or m.startswith("spacy.") or m.startswith("quotes.engine"))
print(" ".join(loaded))
"""


def test_commands_that_parse_nothing_never_import_spacy_or_the_engine():
    result = subprocess.run([sys.executable, "-c", LIGHT], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded: {result.stdout.strip()}"


def test_what_parses_nothing_never_imports_spacy():
    parts, _, _ = picture()
    for module, path in modules().items():
        if part_of(path, parts)[0] in ("Storage", "Shared", "Web", "Inputs"):
            source = open(os.path.join(ROOT, path), encoding="utf-8").read()
            assert not re.search(r"^\s*(from|import)\s+spacy", source, re.M), path


def test_method_names_are_listed_alike_in_readme_and_metadata():
    names = {m.value for m in Method}
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    table = readme.split("<!-- methods -->", 1)[1].split("<!-- /methods -->", 1)[0]
    listed = set(re.findall(r"^\| `(\w+)` \|", table, re.M))
    assert listed == names, "the README's method table lists other methods"
    metadata = yaml.safe_load(open(os.path.join(ROOT, "quotes", "data", "metadata.yml"), encoding="utf-8"))
    for table in ("statements", "quotes"):
        columns = metadata["databases"]["quotes"]["tables"].get(table, {}).get("columns", {})
        if "method" in columns:
            described = set(re.findall(r"\b[a-z]+(?:_[a-z]+)*\b", columns["method"])) & (names | {"according_to"})
            assert described == names, (table, described)


DETECTORS = ("direct", "reported", "fragments", "marks", "standalone", "pullquotes", "works", "syntax")
NOT_FOR_DETECTORS = ("sieves", "decide", "verb", "phrase", "layout", "narration", "continuation", "dialogue",
                     "resolution", "mentions", "speakers", "organisations", "entities", "analyse", "pipeline")


def test_detectors_find_candidates_and_name_no_speaker():
    """The engine's detectors read the parse and the lexicons; who speaks is the sieves'
    and resolution's business, so no detector imports them."""
    for name in DETECTORS:
        source = open(os.path.join(ROOT, "quotes", "engine", f"{name}.py"), encoding="utf-8").read()
        imported = set(re.findall(r"^from \.(\w+)", source, re.M))
        assert not imported & set(NOT_FOR_DETECTORS), (name, sorted(imported & set(NOT_FOR_DETECTORS)))
