"""The package's layers: what needs no parsing never imports spaCy, storage imports no engine
module, and the method names are defined once and listed alike in the README and metadata."""

import os
import re
import subprocess
import sys

import yaml

from quotes.model import Method

from ..conftest import ROOT

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


def test_storage_imports_no_engine_module():
    for name in ("store.py", "curation.py", "export.py", "site/serve.py", "site/plugin.py", "model.py", "names.py"):
        source = open(os.path.join(ROOT, "quotes", name), encoding="utf-8").read()
        assert not re.search(r"^\s*(from|import)\s+(\.engine|quotes\.engine|spacy)", source, re.M), name


def test_method_names_are_listed_alike_in_readme_and_metadata():
    names = {m.value for m in Method}
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    listed = set(re.findall(r"^\| `(\w+)` \|", readme, re.M))
    assert listed == names, "the README's method table lists other methods"
    metadata = yaml.safe_load(open(os.path.join(ROOT, "quotes", "data", "metadata.yml"), encoding="utf-8"))
    for table in ("statements", "quotes"):
        columns = metadata["databases"]["quotes"]["tables"].get(table, {}).get("columns", {})
        if "method" in columns:
            described = set(re.findall(r"\b[a-z]+(?:_[a-z]+)*\b", columns["method"])) & (names | {"according_to"})
            assert described == names, (table, described)
