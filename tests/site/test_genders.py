"""The dashboard's women and men, through Datasette's own test client on a real database:
shares of statements and of distinct people, overall, per outlet and per month, with the
numbers written out, within the outlet and date filters; the profile's gender and its
evidence; a database stored before genders were kept still serves."""

import re
import sqlite3

import pytest

from quotes.model import Document, Quote, Result, Speaker
from quotes.store import open_db, save_result

from .test_datasette import make_datasette

SHE, HE = ("pronoun", "she", 2), ("pronoun", "he", 2)


def person(name, *evidence, kind="person"):
    return Speaker(name, kind, aliases=(name,), gender_evidence=tuple(evidence))


def article(db, key, source, published, *said):
    """One article; `said` holds (speaker, statements) pairs."""
    text, quotes = f"{key}: ", []
    for speaker, n in said:
        for _ in range(n):
            start = len(text)
            text += f"statement {len(quotes)}. "
            quotes.append(Quote(document_id=key, start=start, end=start + 12, text=text[start:start + 12],
                                type="direct", speaker=speaker.name, speaker_mention=speaker.name,
                                speaker_kind=speaker.kind))
    save_result(db, Result(Document(key, text, source=source, published=published), quotes,
                           [s for s, _ in said]))


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("genders") / "quotes.db")
    db = open_db(path)
    ana, lena = person("Ana Ruiz", SHE), person("Lena Ortiz", SHE)
    paul, sam = person("Paul Renner", HE), person("Sam Okafor")
    grid = person("Norvale Grid", kind="organisation")
    article(db, "a", "Harbor Gazette", "2023-01-10", (ana, 1), (paul, 3), (grid, 5))
    article(db, "b", "Valley Times", "2023-01-20", (lena, 2), (ana, 1), (sam, 1))
    article(db, "c", "Valley Times", "2023-02-03", (paul, 4))
    article(db, "d", "Harbor Gazette", "2023-02-14", (lena, 3), (ana, 3))
    db.close()
    return path


async def page(path, address):
    response = await make_datasette(path).client.get(address)
    assert response.status_code == 200, address
    return response.text


def voices(html, table):
    """Each row of a voices table: (key, women's %, statements by gender, people by gender)."""
    body = html.split(f'<table class="voices {table}">', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr data-\w+=\"([^\"]*)\">(.*?)</tr>", body, re.S):
        key, cells = row
        statements = dict(re.findall(r'data-gender="(\w+)" style="[^"]*"><span class="swatch"></span>\w+ '
                                     r'<b>[\d.]+%</b> \(([\d,]+)\)', cells))
        people = dict(re.findall(r'<span class="voice" data-gender="(\w+)">\w+ [\d.]+% \(([\d,]+)\)', cells))
        share = re.search(r'data-gender="female" style="[^"]*"><span class="swatch"></span>women <b>([\d.]+)%', cells)
        rows.append((key, float(share.group(1)) if share else None,
                     {g: int(n) for g, n in statements.items()}, {g: int(n) for g, n in people.items()}))
    return rows


@pytest.mark.asyncio
async def test_shares_of_women_and_men_by_outlet_and_month_with_the_numbers(db_path):
    html = await page(db_path, "/quotes/-/dashboard")
    # named people only: the organisation's 5 statements are not counted
    overall = html.split('<div class="voices-overall" data-key="all">', 1)[1].split("</div>\n<h3>", 1)[0]
    assert "women <b>55.6%</b> (10)" in overall and "men <b>38.9%</b> (7)" in overall
    assert "unknown <b>5.6%</b> (1)" in overall and "women 50.0% (2)" in overall
    # by the share of women: Valley Times 3 of 8, Harbor Gazette 7 of 10
    assert voices(html, "by-outlet") == [
        ("Harbor Gazette", 70.0, {"female": 7, "male": 3, "unknown": 0}, {"female": 2, "male": 1, "unknown": 0}),
        ("Valley Times", 37.5, {"female": 3, "male": 4, "unknown": 1}, {"female": 2, "male": 1, "unknown": 1}),
    ]
    assert [r[0] for r in voices(html, "by-month")] == ["2023-01", "2023-02"]
    assert voices(html, "by-month")[1][2] == {"female": 6, "male": 4, "unknown": 0}


@pytest.mark.asyncio
async def test_the_outlets_can_be_ordered_by_womens_statements_or_by_statements(db_path):
    html = await page(db_path, "/quotes/-/dashboard?since=2023-01&until=2023-01&gender_sort=statements")
    # January: Harbor Gazette has 4 statements of people (1 by a woman), Valley Times 4 (3)
    assert [(r[0], r[1]) for r in voices(html, "by-outlet")] == [("Harbor Gazette", 25.0), ("Valley Times", 75.0)]
    html = await page(db_path, "/quotes/-/dashboard?since=2023-01&until=2023-01")
    assert [r[0] for r in voices(html, "by-outlet")] == ["Valley Times", "Harbor Gazette"]
    # each month links to that month for every outlet; each outlet to that outlet alone
    html = await page(db_path, "/quotes/-/dashboard?outlet=Valley+Times")
    months = re.findall(r'class="voices-month" href="([^"]*)"', html)
    assert len(months) == 2 and months[1].endswith("since=2023-02&amp;until=2023-02#voices")
    assert not any("outlet=" in m for m in months)
    outlets = re.findall(r'<a class="outlet" href="([^"]*)">Valley Times</a>', html)
    assert outlets and all("outlet=Valley+Times" in o for o in outlets)
    assert [r[0] for r in voices(html, "by-outlet")] == ["Valley Times"]


@pytest.mark.asyncio
async def test_the_profile_shows_the_gender_and_its_evidence(db_path):
    conn = sqlite3.connect(db_path)
    lena = conn.execute("select id from speakers where name = 'Lena Ortiz'").fetchone()[0]
    conn.close()
    html = await page(db_path, f"/quotes/-/speaker/{lena}")
    assert 'data-gender="female">female</span>' in html
    assert "from how the articles refer to them" in html and "she: 4 times in 2 articles" in html
    assert "quotes gender quotes.db &#39;Lena Ortiz&#39; male" in html


@pytest.mark.asyncio
async def test_a_database_stored_before_genders_still_serves(tmp_path, db_path):
    path = str(tmp_path / "quotes.db")
    conn = sqlite3.connect(db_path)
    conn.execute("vacuum into ?", [path])
    conn.close()
    conn = sqlite3.connect(path)
    conn.executescript("drop view statements; drop view speaker_stats; alter table speakers drop column gender;")
    conn.close()
    html = await page(path, "/quotes/-/dashboard")
    assert 'id="voices"' not in html and "Statements per month" in html
    assert "Gender:" not in await page(path, "/quotes/-/speaker/1")
