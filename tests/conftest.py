import json
import os
import shutil

import pytest

HERE = os.path.dirname(__file__)
ROOT = os.path.dirname(HERE)
SEED = os.path.join(ROOT, "seeds", "israel-japan-defense-accord.txt")
SEED_GOLD = os.path.join(HERE, "data", "seed.gold.jsonl")


@pytest.fixture(scope="session")
def nlp():
    from quotes.engine.nlp import load

    return load()


@pytest.fixture(scope="session")
def seed_text():
    with open(SEED, encoding="utf-8") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def seed_gold():
    with open(SEED_GOLD, encoding="utf-8") as handle:
        return json.loads(handle.readline())


@pytest.fixture(scope="session")
def seed_db_path(tmp_path_factory, nlp):
    """A real SQLite file holding the seed article, built once through the library."""
    from quotes.ingest import ingest
    from quotes.store import open_db

    folder = tmp_path_factory.mktemp("seeddb")
    shutil.copy(SEED, folder / "article.txt")
    path = str(folder / "quotes.db")
    db = open_db(path)
    summary = ingest(db, [str(folder / "article.txt")], nlp=nlp)
    assert summary.errors == []
    db.close()
    return path
