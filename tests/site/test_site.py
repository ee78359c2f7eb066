"""The site in a real browser: a real `quotes serve` on a database ingested with the real CLI
from our own corpus (tests/site/corpus.py) and grown past 1,000 rows, driven by the system
Chromium. Each page renders, its counts equal SQL counts, links lead where they say, CSV
files download whole, nothing is fetched from outside 127.0.0.1, a <script> in an article
stays text, and screenshots at 1366 and 390 px go to test-artifacts/."""

import csv
import os
import re

import pytest
from sqlite_utils import Database

from ..conftest import ROOT
from .test_browser import chromium, serving
from .build import BULK_SPEAKER, EXTRA_SPEAKERS, build

pytestmark = pytest.mark.browser

ARTIFACTS = os.path.join(ROOT, "test-artifacts")
WIDTHS = (1280, 390)
SCRIPT = "<script>alert('x')</script>"
STATEMENT = "count(distinct quotes.document_id || ':' || coalesce(quotes.statement, quotes.id))"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build(str(tmp_path_factory.mktemp("site")))


@pytest.fixture(scope="module")
def db(db_path):
    return Database(db_path)


def scalar(db, sql, params=()):
    return db.execute(sql, params).fetchone()[0]


@pytest.fixture(scope="module")
def server(db_path):
    with serving(db_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


class Visit:
    """A browser page that records every request and every dialog (an alert would mean a
    script from an article ran)."""

    def __init__(self, browser, server, width):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.server, self.width = server, width
        self.requests, self.dialogs = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def go(self, path):
        response = self.page.goto(self.server + path)
        assert response.status == 200, (path, response.status)
        return self.page

    def shot(self, name):
        os.makedirs(ARTIFACTS, exist_ok=True)
        self.page.screenshot(path=os.path.join(ARTIFACTS, f"site-{name}-{self.width}.png"), full_page=True)

    def check(self):
        outside = [u for u in self.requests if not u.startswith(self.server + "/") and not u.startswith("data:")]
        assert outside == [], f"fetched from outside 127.0.0.1: {outside}"
        assert self.dialogs == [], f"a script ran: {self.dialogs}"
        no_overflow = self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert no_overflow, f"{self.page.url} is wider than {self.width} px"


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def visit(browser, server, request):
    v = Visit(browser, server, request.param)
    yield v
    v.check()
    v.context.close()


def speaker_id(db, name):
    return scalar(db, "select id from speakers where name = ?", [name])


def document_id(db, key):
    return scalar(db, "select id from documents where key = ? or key like '%#' || ?", [key, key])


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def download(page, link):
    with page.expect_download() as info:
        link.click()
    return read_csv(info.value.path())


# ---- home and search -------------------------------------------------------------------


def test_home_has_one_search_box_over_statements_and_speakers(visit, db):
    page = visit.go("/")
    assert page.locator("form.home-search input[name=q]").count() == 1
    visit.shot("home")
    page.fill("form.home-search input[name=q]", "harbour")
    page.locator("form.home-search button").click()
    page.wait_for_url("**/quotes/-/search?q=harbour")
    total = scalar(db, f"select {STATEMENT} from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid "
                       "where quotes_fts match '\"harbour\"*'")
    speakers = scalar(db, "select count(distinct coalesce(quotes.speaker_id, -1)) from quotes_fts "
                          "join quotes on quotes.rowid = quotes_fts.rowid where quotes_fts match '\"harbour\"*'")
    assert total > 1000
    assert page.locator('[data-count="matches"]').inner_text() == f"{total:,}"
    assert page.locator('[data-count="speakers"]').inner_text() == str(speakers)
    marks = page.locator(".results mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} == {"harbour"}
    visit.shot("search")


def test_search_finds_speakers_by_name_and_alias_and_who_said_it(visit, db):
    page = visit.go("/quotes/-/search?q=Lindqvist")
    found = page.locator(".found-speakers a.speaker").all_inner_texts()
    assert {"Maria Lindqvist", "Peter Lindqvist"} <= set(found)
    page = visit.go("/quotes/-/search?q=words+cheap")
    who = page.locator(".who-said-it a.who-statements").all_inner_texts()
    assert who == ["Aisha Karimi"]
    assert page.locator(".results mark").all_inner_texts() == ["Words", "cheap"]
    # "who said it" is readable: dark text of body size, one bar a line, within the page
    label = page.locator(".who-said-it a.who-statements").first
    style = label.evaluate("a => [getComputedStyle(a).fontSize, getComputedStyle(a).color]")
    assert float(style[0].rstrip("px")) >= 13 and style[1] != "rgb(255, 255, 255)", style
    assert page.locator(".who-said-it ol").evaluate("ol => getComputedStyle(ol).display") == "block"
    # each bar opens that speaker's matching statements: two clicks from the search box
    label.click()
    page.wait_for_url("**/quotes/statements?*")
    speakers = set(page.locator("table.rows-and-columns tbody td.col-speaker a.speaker").all_inner_texts())
    texts = page.locator("table.rows-and-columns tbody td.col-text").all_inner_texts()
    assert speakers == {"Aisha Karimi"} and len(texts) == 1 and "Words are cheap" in texts[0]


def test_search_finds_longer_words_and_other_forms(visit, db):
    page = visit.go("/quotes/-/search?q=deserve")  # "The island deserves a better service"
    assert page.locator(".results mark").all_inner_texts() == ["deserves"]
    page = visit.go("/quotes/-/search?q=%22island+deserves%22")  # an exact phrase
    assert page.locator('[data-count="matches"]').inner_text() == "1"


def test_search_keeps_html_in_quotes_as_text(visit):
    page = visit.go("/quotes/-/search?q=servers")
    assert SCRIPT in page.locator(".results").inner_text()
    assert page.locator(".results script").count() == 0


# ---- speaker profile -------------------------------------------------------------------


def test_speaker_profile_counts_charts_and_csv(visit, db):
    sid = speaker_id(db, BULK_SPEAKER)
    page = visit.go(f"/quotes/-/speaker/{sid}")
    assert page.locator("h1").inner_text() == BULK_SPEAKER
    counts = {k: scalar(db, sql, [sid]) for k, sql in {
        "statements": f"select {STATEMENT} from quotes where speaker_id = ?",
        "articles": "select count(distinct document_id) from quotes where speaker_id = ?",
        "direct": f"select {STATEMENT} from quotes where speaker_id = ? and type = 'direct'"}.items()}
    for key, value in counts.items():
        assert page.locator(f'[data-count="{key}"]').inner_text() == f"{value:,}", key
    assert "Mayor" in page.locator(".facts").inner_text()
    assert "Lindqvist" in page.locator(".aliases").inner_text()
    outlets = dict(db.execute(
        f"select documents.source, {STATEMENT} from quotes join documents on documents.id = quotes.document_id "
        "where speaker_id = ? group by documents.source", [sid]).fetchall())
    shown = {li.locator(".bar-label").inner_text(): int(li.locator(".bar-value").inner_text().replace(",", ""))
             for li in page.locator(".by-outlet li").all()}
    assert shown == outlets
    months = page.locator(".month-label").all_inner_texts()
    assert months == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert page.locator(".spoke-to a.speaker", has_text="Aisha Karimi").count() == 1
    assert page.locator(".latest blockquote").count() == 10
    assert page.locator(".latest mark").count() == 10
    # possibly the same person: the other Lindqvist, with the merge command
    panel = page.locator(".same-person")
    assert panel.locator("a.speaker").all_inner_texts() == ["Peter Lindqvist"]
    assert panel.locator("code.merge").inner_text() in (
        "quotes merge quotes.db 'Peter Lindqvist' 'Maria Lindqvist'",
        "quotes merge quotes.db 'Maria Lindqvist' 'Peter Lindqvist'")
    visit.shot("speaker")
    # the CSV is keyed by the speaker's id and holds every row
    link = page.get_by_role("link", name="Download all as CSV")
    assert f"speaker_id={sid}" in link.get_attribute("href") and "_dl=" in link.get_attribute("href")
    rows = download(page, link)
    expected = scalar(db, "select count(*) from quotes where speaker_id = ?", [sid])
    assert expected > 1000 and len(rows) == expected
    assert {r["speaker_id"] for r in rows} == {str(sid)}


def test_speaker_links_lead_to_profiles_and_articles(visit, db):
    sid = speaker_id(db, "Tomas Herrera")
    page = visit.go(f"/quotes/-/speaker/{sid}")
    assert SCRIPT in page.locator(".latest").inner_text()
    assert page.locator(".latest script").count() == 0
    link = page.locator(".latest a.article").first
    href = link.get_attribute("href")
    link.click()
    anchor = href.split("#")[1]
    assert page.locator(f"mark#{anchor}").count() == 1
    assert "Tomas Herrera" in page.locator(f".who:has(+ mark#{anchor})").inner_text()
    page = visit.go("/quotes/-/speaker?name=lindqvist")  # an alias: one speaker, straight there
    assert page.url.endswith(f"/quotes/-/speaker/{speaker_id(db, BULK_SPEAKER)}")


# ---- article reader --------------------------------------------------------------------


def test_article_reader_marks_every_statement(visit, db):
    doc = document_id(db, "valley-2023-03-08-script")
    page = visit.go(f"/quotes/-/article/{doc}")
    assert page.locator("h1").inner_text() == "Hackers <script>alert('x')</script> target city site"
    text = page.locator("article.article-text").inner_text()
    assert text.count(SCRIPT) == 2
    assert page.locator("article script").count() == 0
    # its url is a script, not a web address: shown as text, never a link (F26)
    assert page.locator("a.original").count() == 0
    assert "alert('url')" in page.locator(".facts .original-text").inner_text()
    quotes = db.execute("select start, \"end\", text, speaker_id from quotes where document_id = ? order by start",
                        [doc]).fetchall()
    marks = page.locator("article mark.statement")
    assert marks.count() == len(quotes)
    assert marks.all_inner_texts() == [q[2] for q in quotes]
    for start, end, _, sid in quotes:
        assert page.locator(f"mark#q{start}-{end}").count() == 1
    people = page.locator(".who-list li")
    expected = db.execute(f"select speakers.name, {STATEMENT} as n from quotes join speakers on speakers.id = quotes.speaker_id "
                          "where document_id = ? group by speakers.id order by n desc, speakers.name",
                          [doc]).fetchall()
    assert [(li.locator("a.speaker").inner_text(), int(li.locator("a.n").inner_text())) for li in people.all()] == \
        [tuple(e) for e in expected]
    colours = {page.locator(f"mark#q{s}-{e}").evaluate("m => getComputedStyle(m).borderBottomColor") for s, e, _, _ in quotes}
    assert len(colours) == len(quotes)  # two speakers, two colours
    visit.shot("article")
    people.first.locator("a.speaker").click()
    page.wait_for_url("**/quotes/-/speaker/*")


def test_untitled_article_reads_its_first_line(visit, db):
    doc = document_id(db, "gazette-2023-04-02-review")
    page = visit.go(f"/quotes/-/article/{doc}")
    assert page.locator("h1").inner_text() == "Looking back at the harbour dispute"


# ---- listing pages ---------------------------------------------------------------------


def test_statements_open_lean_with_links_to_the_article_and_a_whole_csv(visit, db):
    page = visit.go("/quotes/statements")
    assert "_col=speaker" in page.url
    headers = [h for h in page.locator("table.rows-and-columns thead th").all() if h.is_visible()]
    names = [h.get_attribute("data-column") for h in headers]
    if visit.width > 576:
        assert names == ["id", "part", "speaker", "text", "type", "cue", "addressee", "title", "published", "source",
                         "quotation_id"]
        assert page.locator("thead th").first.evaluate("th => getComputedStyle(th).position") == "sticky"
    assert page.locator("details.column-notes").get_attribute("open") is None
    assert not page.locator("dl.column-descriptions").is_visible()
    first_quote = page.locator("table.rows-and-columns tbody tr").first.bounding_box()
    assert first_quote["y"] < 1400
    total = scalar(db, "select count(*) from statements")
    assert total > 1000
    notice = page.locator(".csv-notice")
    assert "first 1,000 rows only" in notice.inner_text() and f"{total:,}" in notice.inner_text()
    assert "_dl=1" in page.locator(".export-links a", has_text="CSV").first.get_attribute("href")
    visit.shot("statements")
    rows = download(page, notice.locator("a.csv-all"))
    assert len(rows) == total and "speaker_mention" in rows[0]
    # the CSV behind the page's own CSV link has the usual columns, and keeps the keys
    lean_csv = page.locator(".export-links a", has_text="CSV").first.get_attribute("href")
    assert {"_col=statement", "_col=document_id", "_col=url", "_col=addressee"} <= set(lean_csv.split("&"))
    # a statement's title leads to its place in the article
    row = page.locator("table.rows-and-columns tbody tr").first
    quote_text = row.locator("td.col-text").inner_text().rstrip(" ↗")
    row.locator("td.col-title a").click()
    page.wait_for_url("**/quotes/-/article/*#q*")
    anchor = page.url.split("#")[1]
    assert page.locator(f"mark#{anchor}").inner_text() == quote_text
    # the speaker's name leads to the profile
    page.go_back()
    name = page.locator("table.rows-and-columns tbody td.col-speaker a.speaker").first
    expected = name.inner_text()
    name.click()
    page.wait_for_url("**/quotes/-/speaker/*")
    assert page.locator("h1").inner_text() == expected


def test_listings_count_statements_and_show_parts_as_parts(visit, db):
    """A speaker whose quotes their attribution splits: the listing's heading counts
    statements (and says how many rows hold them), each facet counts statements, and
    choosing a facet's value gives a count that equals SQL's again; before, both counted
    rows."""
    sid = scalar(db, "select speaker_id from quotes where part > 1 and speaker_id is not null "
                     "group by speaker_id order by count(*) desc limit 1")
    statements, rows = db.execute("select count(distinct statement), count(*) from statements "
                                  "where speaker_id = ?", [sid]).fetchone()
    assert rows > statements > 1
    for view in ("statements", "quotes_in_context"):
        page = visit.go(f"/quotes/{view}?speaker_id={sid}")
        heading = page.locator("h3.listing-count")
        assert heading.locator('[data-count="statements"]').inner_text() == f"{statements:,}"
        assert heading.locator('[data-count="rows"]').inner_text() == f"{rows:,}"
        assert page.locator("p.facet-unit").is_visible()
        by_type = dict(db.execute("select type, count(distinct statement) from statements where speaker_id = ? "
                                  "group by type", [sid]).fetchall())
        shown = {}
        for item in page.locator('.facet-info[data-column="type"] li').all_inner_texts():
            value, count = item.rsplit(" ", 1)
            shown[value] = int(count.replace(",", ""))
        assert shown == by_type, view
    visit.shot("statements-counted")
    # one facet value chosen: the heading counts that value's statements
    kind = max(by_type, key=by_type.get)
    page.locator('.facet-info[data-column="type"] li a', has_text=kind).first.click()
    page.wait_for_url(f"**type={kind}*")
    assert page.locator('h3.listing-count [data-count="statements"]').inner_text() == f"{by_type[kind]:,}"


def test_in_context_view_is_lean_and_readable(visit):
    page = visit.go("/quotes/quotes_in_context?_search=servers")
    assert "_col=context" in page.url
    cell = page.locator("td.col-context").first
    assert SCRIPT in cell.inner_text() and cell.locator("mark").count() == 1
    assert page.locator("td.col-context script").count() == 0
    visit.shot("in-context")


def test_ranking_is_a_view_that_pages_and_streams(visit, db):
    page = visit.go("/quotes/speaker_stats")
    total = scalar(db, "select count(distinct speaker_id) from quotes where speaker_id is not null")
    assert total > EXTRA_SPEAKERS > 1000
    assert page.locator("h3").first.inner_text().startswith(f"{total:,} rows")
    first = page.locator("table.rows-and-columns tbody tr").first
    assert first.locator("td.col-name a.speaker").inner_text() == BULK_SPEAKER
    visit.shot("ranking")
    rows = download(page, page.locator(".csv-notice a.csv-all"))
    assert len(rows) == total
    assert rows[0]["name"] == BULK_SPEAKER
    assert int(rows[0]["statements"]) == scalar(
        db, f"select {STATEMENT} from quotes where speaker_id = ?", [speaker_id(db, BULK_SPEAKER)])
    page.locator("a", has_text="Next page").click()
    page.wait_for_url("**/speaker_stats?_next=*")
    page.wait_for_load_state()
    assert page.locator("table.rows-and-columns tbody tr").count() == 100


# ---- dashboard -------------------------------------------------------------------------


def test_dashboard(visit, db):
    page = visit.go("/quotes/-/dashboard")
    legend = page.locator(".legend a.speaker").all_inner_texts()
    assert legend[0] == BULK_SPEAKER and len(legend) == 5
    assert page.locator("svg.month-chart polyline").count() == 5
    top = page.locator("ol.top-people a.speaker").all_inner_texts()
    assert "reporters" not in top and top[0] == BULK_SPEAKER
    named = scalar(db, "select count(*) from speakers where kind = 'person' and name glob '[A-Z]*' "
                       "and id in (select speaker_id from quotes)")
    assert len(top) == min(15, named)
    for kind in ("direct", "indirect"):
        expected = scalar(db, f"select {STATEMENT} from quotes where type = ?", [kind])
        assert page.locator(f'.type-count[data-type="{kind}"]').inner_text() == f"{expected:,}"
    outlets = page.locator("table.outlet-shares th").all_inner_texts()
    assert {o.rsplit(" ", 1)[0] for o in outlets} == {"Harbor Gazette", "Valley Times", "North Star Daily",
                                                      "Wire Service"}
    visit.shot("dashboard")
    # choose two speakers, and one month for the ranking
    karimi, herrera = speaker_id(db, "Aisha Karimi"), speaker_id(db, "Tomas Herrera")
    page = visit.go(f"/quotes/-/dashboard?speaker={karimi}&speaker={herrera}&month=2023-01")
    assert page.locator(".legend a.speaker").all_inner_texts() == ["Aisha Karimi", "Tomas Herrera"]
    january = db.execute(
        f"select speakers.name, {STATEMENT} from quotes join speakers on speakers.id = quotes.speaker_id "
        "join documents on documents.id = quotes.document_id where documents.published like '2023-01%' "
        "and speakers.name glob '[A-Z]*' group by speakers.id order by 2 desc, speakers.name").fetchall()
    shown = [(li.locator("a.speaker").inner_text(), int(li.locator(".bar-value").inner_text()))
             for li in page.locator("ol.top-people li").all()]
    assert shown == [tuple(r) for r in january]


def test_pages_answer_404_for_what_does_not_exist(server, browser):
    v = Visit(browser, server, 1366)
    for path in ("/quotes/-/speaker/999999", "/quotes/-/article/nope", "/nodb/-/search?q=x"):
        assert v.page.goto(server + path).status == 404, path
    v.context.close()


def test_every_speaker_name_on_the_site_links_to_a_profile(visit, db):
    for path in ("/quotes/statements", "/quotes/quotes_in_context", "/quotes/speaker_stats",
                 "/quotes/speakers", "/quotes/statements_by_speaker?speaker=Karimi",
                 "/quotes/top_speakers?kind=&since=&until=", "/quotes/who_spoke_to_whom?speaker="):
        page = visit.go(path)
        cells = page.locator("table.rows-and-columns tbody td.col-speaker, table.rows-and-columns tbody td.col-name,"
                             "table.rows-and-columns tbody td.col-addressee")
        assert cells.count(), path
        for cell in cells.all()[:20]:
            if cell.inner_text().strip():
                href = cell.locator("a").first.get_attribute("href")
                assert re.search(r"/quotes/-/speaker(/\d+|\?name=)", href), (path, href)


# ---- the three tasks, at most three clicks from the home page ---------------------------


def test_task_who_an_outlet_quoted_most_in_a_month(visit, db):
    page = visit.go("/")
    page.locator(".home-links a", has_text="Dashboard").click()                 # 1
    page.wait_for_url("**/quotes/-/dashboard")
    page.locator("table.outlet-shares a.outlet", has_text="Valley Times").click()  # 2
    page.wait_for_url("**/quotes/-/dashboard?*outlet=Valley+Times*")
    page.locator("table.per-month a", has_text="2023-01").click()              # 3
    page.wait_for_url("**since=2023-01*")
    expected = db.execute(
        f"select speakers.name, {STATEMENT} as n from quotes join speakers on speakers.id = quotes.speaker_id "
        "join documents on documents.id = quotes.document_id where documents.source = 'Valley Times' "
        "and documents.published like '2023-01%' and speakers.kind = 'person' "
        "group by speakers.id order by n desc, speakers.name").fetchall()
    shown = [(li.locator("a.speaker").inner_text(), int(li.locator(".bar-value").inner_text()))
             for li in page.locator("ol.top-people li").all()]
    assert shown == [tuple(r) for r in expected] and shown
    total = scalar(db, f"select {STATEMENT} from quotes join documents on documents.id = quotes.document_id "
                       "where documents.source = 'Valley Times' and documents.published like '2023-01%'")
    assert page.locator('.summary [data-count="statements"]').inner_text() == f"{total:,}"
    visit.shot("task-outlet-month")


def test_task_which_outlet_quoted_the_most_women_in_a_month(visit, db):
    page = visit.go("/quotes/-/dashboard")
    page.locator("table.voices.by-month a.voices-month", has_text="2023-01").click()   # 1
    page.wait_for_url("**since=2023-01&until=2023-01*")
    rows = db.execute(
        f"select documents.source, speakers.gender, {STATEMENT} from quotes "
        "join speakers on speakers.id = quotes.speaker_id join documents on documents.id = quotes.document_id "
        "where documents.published like '2023-01%' and speakers.kind = 'person' and speakers.name glob '[A-Z]*' "
        "group by 1, 2").fetchall()
    outlets = {source: {} for source, _, _ in rows}
    for source, gender, n in rows:
        outlets[source][gender or "unknown"] = n
    women = {o: g.get("female", 0) for o, g in outlets.items()}
    share = {o: round(100.0 * women[o] / sum(g.values()), 1) for o, g in outlets.items()}
    # the answer is on screen: the outlets of that month, the largest share of women first
    top = page.locator("table.voices.by-outlet tr").first
    best = max(share, key=lambda o: (share[o], sum(outlets[o].values())))
    assert top.get_attribute("data-outlet") == best
    shown = " ".join(top.locator('.statements .voice[data-gender="female"]').inner_text().split())
    assert shown == f"women {share[best]}% ({women[best]})"  # written out, not only on hover
    assert page.evaluate("document.querySelector('#voices').getBoundingClientRect().top < window.innerHeight")
    page.locator("a.voices-sort[data-sort=women]").click()                         # 2
    page.wait_for_url("**gender_sort=women*")
    shown = [row.get_attribute("data-outlet") for row in page.locator("table.voices.by-outlet tr").all()]
    assert shown == sorted(women, key=lambda o: (-women[o], -sum(outlets[o].values()), o))
    visit.shot("task-most-women")


def test_task_two_speakers_over_a_year(visit, db):
    page = visit.go("/")
    page.locator(".home-links a", has_text="Dashboard").click()                 # 1
    page.wait_for_url("**/quotes/-/dashboard")
    page.fill(".dash-filters input[name=names]", "Aisha Karimi, Mr. Tomas Herrera")
    page.fill(".dash-filters input[name=since]", "2023")
    page.fill(".dash-filters input[name=until]", "2023")
    page.locator(".dash-filters button").click()                               # 2
    page.wait_for_url("**names=*")
    assert page.locator(".legend a.speaker").all_inner_texts() == ["Aisha Karimi", "Tomas Herrera"]
    months = page.locator("table.per-month tbody th").all_inner_texts()
    assert months == [f"2023-{m:02d}" for m in range(1, 13)]  # empty months too
    for name, column in (("Aisha Karimi", 0), ("Tomas Herrera", 1)):
        per_month = dict(db.execute(
            f"select substr(documents.published, 1, 7), {STATEMENT} from quotes "
            "join documents on documents.id = quotes.document_id where quotes.speaker_id = ? group by 1",
            [speaker_id(db, name)]).fetchall())
        cells = [row.locator("td").nth(column).inner_text() for row in page.locator("table.per-month tbody tr").all()]
        assert [int(c) for c in cells] == [per_month.get(m, 0) for m in months]
    assert page.locator("svg.month-chart polyline").count() == 2
    visit.shot("task-two-speakers")


def test_task_what_a_speaker_said_about_a_topic_as_csv(visit, db):
    page = visit.go("/")
    page.fill("form.home-search input[name=q]", "harbour")
    page.locator("form.home-search button").click()                            # 1
    page.wait_for_url("**/quotes/-/search?q=harbour")
    bar = page.locator("ol.who-bars li", has=page.locator("a.who-statements", has_text=BULK_SPEAKER))
    with page.expect_download() as info:
        bar.locator("a.who-csv").click()                                        # 2
    assert info.value.suggested_filename == "statements-maria-lindqvist-harbour.csv"
    rows = read_csv(info.value.path())
    expected = scalar(db, "select count(*) from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid "
                          "where quotes_fts match '\"harbour\"*' and quotes.speaker_id = ?",
                      [speaker_id(db, BULK_SPEAKER)])
    assert len(rows) == expected > 1000
    assert {r["speaker"] for r in rows} == {BULK_SPEAKER}
    assert {"statement", "document_id", "url", "addressee"} <= set(rows[0])
