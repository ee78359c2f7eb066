"""Where did this quote first appear? One click from any statement, in a real `quotes serve`
driven by Chromium, at a desktop and a phone width: from the statements listing and from
the article reader, the quotation's page opens on its first appearance, every appearance
below it in date order, the cut versions marked."""


import pytest
from sqlite_utils import Database

from ..quotations.corpus import BRIDGE_CUT, ingested
from .test_browser import chromium, serving
from .test_site import Visit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quotation-browser")
    return ingested(folder)


@pytest.fixture(scope="module")
def server(db_path):
    with serving(db_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture(params=(1366, 390), ids=lambda w: f"{w}px")
def visit(browser, server, request):
    v = Visit(browser, server, request.param)
    yield v
    v.check()
    v.context.close()


def first_appearance(page):
    """The quotation page as a reader sees it: the first appearance's date and outlet, and
    every appearance's date and whether it is a cut version."""
    page.wait_for_selector(".quotation-page")
    first = page.locator(".first-seen").inner_text()
    rows = [(item.locator(".date").inner_text(), "cut" in (item.get_attribute("class") or ""))
            for item in page.locator("li.appearance").all()]
    return first, rows


WANT = [("2023-02-20", False), ("2023-03-01", False), ("2023-03-02", False), ("2023-03-04", True),
        ("2023-03-04", True)]


def test_one_click_from_a_statement_in_the_listing(visit):
    page = visit.go("/quotes/statements?_search=winter")
    cell = page.locator("td.col-quotation_id a.quotation").first
    assert cell.inner_text().startswith("also in ")
    visit.shot("statements-travel")
    cell.click()
    first, rows = first_appearance(page)
    assert "2023-02-20" in first and "Harbor Gazette" in first
    assert rows == WANT
    visit.shot("quotation")


def test_one_click_from_a_statement_in_the_article(visit, db_path):
    key = Database(db_path).execute("select id from documents where key like '%#northstar-bridge'").fetchone()[0]
    page = visit.go(f"/quotes/-/article/{key}")
    label = page.locator(".who a.quotation").first
    assert label.inner_text() == "also in 3 articles, first seen 2023-02-20 in Harbor Gazette"
    visit.shot("article-travel")
    label.click()
    first, rows = first_appearance(page)
    assert rows == WANT
    page.locator("li.appearance.first a.article").click()  # and on to the first article, at the statement
    page.wait_for_url("**/quotes/-/article/*#q*")
    assert page.locator("mark.statement:target").inner_text().startswith(BRIDGE_CUT)
