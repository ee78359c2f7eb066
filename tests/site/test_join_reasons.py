"""The speaker's page says why each other name joined the row ("joined: nickname Bill ~
William, roles agree"), through Datasette's own test client."""

import pytest

from quotes.curation import merge
from quotes.model import Document, Quote, Result, Speaker
from quotes.store import open_db, save_result

from .test_datasette import make_datasette


def article(db, key, name, role=None):
    text = f"{key}: a statement."
    quote = Quote(document_id=key, start=len(key) + 2, end=len(text), text=text[len(key) + 2:], type="direct",
                  speaker=name, speaker_mention=name, speaker_kind="person")
    save_result(db, Result(Document(key, text), [quote], [Speaker(name, "person", role, None, (name,))]))


@pytest.mark.asyncio
async def test_the_profile_shows_why_each_name_joined(tmp_path):
    path = str(tmp_path / "quotes.db")
    db = open_db(path)
    article(db, "a", "William Osei", role="Senator")
    article(db, "b", "Bill Osei", role="Senator")
    article(db, "c", "Senator Osei", role="Senator")
    article(db, "d", "Wim Osei")
    merge(db, "Wim Osei", "William Osei")
    sid = db.execute("select id from speakers where name = 'William Osei'").fetchone()[0]
    db.close()
    response = await make_datasette(path).client.get(f"/quotes/-/speaker/{sid}")
    assert response.status_code == 200
    html = response.text
    assert "Bill Osei</span> <span class=\"joined\">(joined: nickname Bill ~ William, roles agree)" in html
    assert "(joined: surname alone: the one person named Osei, roles agree)" in html
    assert "Wim Osei</span> <span class=\"joined\">(joined: the user&#39;s merge)" in html
