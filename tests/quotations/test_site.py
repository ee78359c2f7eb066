"""Quotations on the site, through Datasette's own test client on a database ingested with
the real CLI: the quotation page lists every appearance in date order with the cut versions
marked, each statement says how far its quotation travelled and links there (article
reader, statements listing), the profile counts distinct quotations, the most repeated
quotations are a view, and the CSV carries the quotation of every row."""

import csv
import io
import re

import pytest
from datasette.app import Datasette
from sqlite_utils import Database

from quotes.export import statements as exported
from quotes.site.plugin import travel_text
from quotes.site.serve import metadata_path

from .corpus import BRIDGE, BRIDGE_CUT, COSTS, ingested


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quotation-site")
    return ingested(folder)


@pytest.fixture(scope="module")
def db(db_path):
    return Database(db_path)


def datasette(path):
    import yaml

    with open(metadata_path(), encoding="utf-8") as handle:
        metadata = yaml.safe_load(handle)
    return Datasette([path], metadata=metadata, settings={"default_allow_sql": False})


def bridge(db):
    """Anna Keller's bridge promise: its quotation id, and the key of its first article."""
    [(quotation_id, first)] = db.execute(
        "select quotations.id, documents.id from quotations join speakers on speakers.id = quotations.speaker_id "
        "join documents on documents.id = quotations.first_document_id "
        "where speakers.name = 'Anna Keller' and quotations.articles = 4").fetchall()
    return quotation_id, first


def document_id(db, key):
    return db.execute("select id from documents where key like '%#' || ?", [key]).fetchone()[0]


def test_the_phrase_says_how_far_and_where_first():
    assert travel_text(4, "2023-02-20T08:00:00", "Harbor Gazette", False) == \
        "also in 3 articles, first seen 2023-02-20 in Harbor Gazette"
    assert travel_text(2, None, "BBC News", False) == "also in 1 article, first seen in BBC News"
    assert travel_text(2, "2023-02-20", None, True) == "also in 1 article, first seen here"
    assert travel_text(1, "2023-02-20", "Harbor Gazette", True) == "in no other article"


@pytest.mark.asyncio
async def test_the_quotation_page_lists_every_appearance_in_date_order(db_path, db):
    quotation_id, first = bridge(db)
    page = await datasette(db_path).client.get(f"/quotes/-/quotation/{quotation_id}")
    assert page.status_code == 200
    html = page.text
    dates = re.findall(r'<span class="date">([\d-]+)</span> · <span class="outlet">', html)
    assert dates == ["2023-02-20", "2023-03-01", "2023-03-02", "2023-03-04", "2023-03-04"]
    assert html.count('class="appearance cut"') == 2 and html.count("cut version</span>") == 2
    assert 'data-count="articles">4<' in html and 'data-count="statements">5<' in html
    assert f'href="/quotes/-/article/{first}#q' in html  # the first article, at the statement
    assert "First seen" in html and "Harbor Gazette" in html
    assert "/quotes/-/speaker/" in html


@pytest.mark.asyncio
async def test_an_old_address_follows_its_quotation_and_a_wrong_one_is_not_found(db_path, db):
    quotation_id, _ = bridge(db)
    [(cut_key,)] = db.execute("select key from wordings where quotation_id = ? and parent_id is not null "
                              "and words = ?", [quotation_id, " ".join(BRIDGE_CUT.lower().split())]).fetchall()
    client = datasette(db_path).client
    moved = await client.get(f"/quotes/-/quotation/{cut_key}")
    assert moved.status_code == 302 and moved.headers["location"].endswith(f"/-/quotation/{quotation_id}")
    assert (await client.get("/quotes/-/quotation/0123456789abcdef")).status_code == 404


@pytest.mark.asyncio
async def test_the_article_reader_says_where_each_statement_was_first_seen(db_path, db):
    quotation_id, _ = bridge(db)
    page = await datasette(db_path).client.get(f"/quotes/-/article/{document_id(db, 'valley-bridge')}")
    html = page.text
    assert re.search(rf'<a href="/quotes/-/quotation/{quotation_id}"[^>]*class="quotation">'
                     r"also in 3 articles, first seen 2023-02-20 in Harbor Gazette</a>", html)
    assert "in no other article" in html  # the short one
    first = await datasette(db_path).client.get(f"/quotes/-/article/{document_id(db, 'gazette-first')}")
    assert "also in 3 articles, first seen here" in first.text


@pytest.mark.asyncio
async def test_the_statements_listing_links_each_row_to_its_quotation(db_path, db):
    quotation_id, _ = bridge(db)
    client = datasette(db_path).client
    page = await client.get("/quotes/statements", follow_redirects=True)
    assert page.status_code == 200
    assert page.text.count(f'href="/quotes/-/quotation/{quotation_id}"') == 6  # one statement split in two
    assert "also in 3 articles, first seen 2023-02-20 in Harbor Gazette" in page.text


@pytest.mark.asyncio
async def test_the_profile_counts_distinct_quotations(db_path, db):
    [(keller,)] = db.execute("select id from speakers where name = 'Anna Keller'").fetchall()
    page = await datasette(db_path).client.get(f"/quotes/-/speaker/{keller}")
    statements = db.execute("select count(distinct document_id || ':' || coalesce(statement, id)) from quotes "
                            "where speaker_id = ?", [keller]).fetchone()[0]
    quotations = db.execute("select count(*) from quotations where speaker_id = ?", [keller]).fetchone()[0]
    assert (statements, quotations) == (8, 4)  # the bridge five times; "would be built"; school; not
    assert f'data-count="statements">{statements}<' in page.text
    assert f'data-count="quotations">{quotations}<' in page.text


@pytest.mark.asyncio
async def test_the_most_repeated_quotations(db_path, db):
    quotation_id, _ = bridge(db)
    client = datasette(db_path).client
    rows = (await client.get("/quotes/repeated_quotations.json?_shape=array")).json()
    assert [(r["speaker"], r["articles"]) for r in rows] == [("Anna Keller", 4), ("Tom Brandt", 2)]
    assert rows[0]["text"].startswith(BRIDGE_CUT) and rows[1]["text"].startswith(COSTS)
    page = await client.get("/quotes/repeated_quotations")
    assert f'href="/quotes/-/quotation/{quotation_id}"' in page.text
    assert "Repeated quotations" in (await client.get("/")).text


@pytest.mark.asyncio
async def test_every_statement_row_of_the_csv_carries_its_quotation(db_path, db):
    quotation_id, _ = bridge(db)
    client = datasette(db_path).client
    response = await client.get("/quotes/statements.csv?_stream=on&_size=max")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {"quotation_id", "first_seen", "appearances"} <= set(rows[0])
    assert all(r["quotation_id"] and r["appearances"] for r in rows)
    bridges = [r for r in rows if r["quotation_id"] == quotation_id]
    assert len(bridges) == 6  # five statements, one split in two
    assert {(r["first_seen"], r["appearances"]) for r in bridges} == {("2023-02-20", "4")}
    export = list(exported(db))
    assert {"quotation_id", "first_seen", "appearances"} <= set(export[0])
    key = lambda r: (r["document_id"], int(r["start"]), r["quotation_id"], str(r["appearances"]))  # noqa: E731
    assert sorted(map(key, export)) == sorted(map(key, rows))
    assert any(r["text"].startswith(BRIDGE[:20]) for r in bridges)


@pytest.mark.asyncio
async def test_search_results_and_the_profiles_latest_statements_say_where_first_seen(db_path, db):
    quotation_id, _ = bridge(db)
    client = datasette(db_path).client
    found = await client.get("/quotes/-/search?q=winter")
    assert found.text.count(f'href="/quotes/-/quotation/{quotation_id}"') >= 4
    assert "also in 3 articles, first seen 2023-02-20 in Harbor Gazette" in found.text
    [(keller,)] = db.execute("select id from speakers where name = 'Anna Keller'").fetchall()
    profile = await client.get(f"/quotes/-/speaker/{keller}")
    assert re.search(r'<section class="latest">.*?class="quotation">also in 3 articles', profile.text, re.S)


@pytest.mark.asyncio
async def test_the_in_context_listing_links_each_row_to_its_quotation(db_path, db):
    quotation_id, _ = bridge(db)
    page = await datasette(db_path).client.get("/quotes/quotes_in_context?_search=winter", follow_redirects=True)
    assert page.text.count(f'href="/quotes/-/quotation/{quotation_id}"') >= 4
