"""Blocking: a new statement is compared only with the stored wordings that share one of its
fingerprints, never with all of them, and never with another speaker's. Counted on the real
`wording.containment` (every call passes through to it)."""

import random

import pytest

from quotes import quotations
from quotes.store import open_db, writing

STORED = 2_000
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vor", "del", "par", "es", "ton", "bri", "gan", "hol"]


def sentences(n, seed=29):
    rng = random.Random(seed)
    words = sorted({"".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(3_000)})
    common = ["the", "we", "will", "not", "and", "to", "of", "a", "in", "is"]
    return [" ".join(rng.choice(words if rng.random() < 0.6 else common) for _ in range(rng.randint(8, 30)))
            for _ in range(n)]


def article(db, doc_id, statements, speaker):
    """One article, its statements one a line, written in one transaction as ingest does."""
    text, rows = "", []
    for said in statements:
        rows.append({"id": f"{doc_id}:{len(text)}:{len(text) + len(said)}", "document_id": doc_id,
                     "start": len(text), "end": len(text) + len(said), "text": said, "type": "direct",
                     "speaker_id": speaker})
        text += said + "\n"
    with writing(db):
        db["documents"].insert({"id": doc_id, "key": doc_id, "text": text, "published": "2024-01-01"})
        db["quotes"].insert_all(rows)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    db = open_db(str(tmp_path_factory.mktemp("blocking") / "quotes.db"))
    with writing(db):
        db["speakers"].insert_all([{"id": 1, "name": "Ann Lee", "kind": "person"},
                                   {"id": 2, "name": "Tom Park", "kind": "person"}])
    said = sentences(STORED)
    article(db, "stored", said, 1)
    assert db["quotations"].count == STORED
    yield db, said
    db.close()


@pytest.fixture
def compared(monkeypatch):
    calls = []
    real = quotations.wording.containment

    def counting(short, long, least=0.0):
        calls.append((short, long))
        return real(short, long, least)

    monkeypatch.setattr(quotations.wording, "containment", counting)
    return calls


def test_a_cut_is_found_among_thousands_with_a_handful_of_comparisons(stored, compared):
    db, said = stored
    chosen = next(s for s in said[1234:] if len(s.split()) >= 20)
    cut = " ".join(chosen.split()[3:-3])
    article(db, "cut", [cut], 1)
    [(relation, quotation_id)] = db.execute(
        "select relation, quotation_id from appearances where document_id = 'cut'").fetchall()
    [(expected,)] = db.execute("select quotation_id from appearances where quote_id like 'stored:%' "
                               "and quote_id in (select id from quotes where text = ?)", [chosen]).fetchall()
    assert (relation, quotation_id) == ("part of", expected)
    assert 1 <= len(compared) <= 10, f"{len(compared)} comparisons for one statement among {STORED}"


def test_another_speakers_words_are_compared_with_nothing(stored, compared):
    db, said = stored
    article(db, "other", [said[77]], 2)
    [(articles,)] = db.execute("select quotations.articles from appearances join quotations "
                               "on quotations.id = appearances.quotation_id where document_id = 'other'").fetchall()
    assert articles == 1
    assert compared == []
