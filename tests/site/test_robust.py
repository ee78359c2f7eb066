"""Odd addresses answer 4xx, never 500 (F31); every CSV the site serves is safe to open in a
spreadsheet (F18) and named for what it holds; the header sort links all work. Through
Datasette's own test client, on a database filled directly (no spaCy)."""

import csv
import io

import pytest

from .test_datasette import make_datasette
from .test_ui import build_db, quote_row

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"Click\")", "@SUM(1+1)", "+1+2", "-5 and more",
            "=cmd|' /C calc'!A0"]


@pytest.fixture(scope="module")
def formula_db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("formula") / "quotes.db")
    text = " ".join(FORMULAS) + " A plain sentence about the harbour."
    documents = [{"id": "d1", "key": "d1", "title": "=HYPERLINK(\"http://evil.example\")",
                  "published": "2023-01-15", "source": "@Norvale Post", "text": text}]
    quotes, at = [], 0
    for formula in FORMULAS:
        quotes.append(quote_row("d1", formula, at, 1))
        at += len(formula) + 1
    quotes.append(quote_row("d1", "A plain sentence about the harbour.", at, 2))
    return build_db(path, documents, [(1, "Ann Lee", []), (2, "Tom Park", [])], quotes)


BAD_PATHS = [
    "/quotes/-/speaker/99999999999999999999", "/quotes/-/speaker/9223372036854775808",
    "/quotes/-/speaker/-1", "/quotes/-/speaker/abc", "/quotes/-/speaker/1'", "/quotes/-/speaker/1.0",
    "/quotes/-/speaker/%C2%B2", "/quotes/-/speaker/%D9%A1", "/quotes/-/speaker/1/x",
    "/quotes/-/nothing/here", "/quotes/a/b/c/d", "/nodb/-/speaker/1/x",
    "/quotes/-/dashboard?speaker=%C2%B2", "/quotes/-/dashboard?speaker=99999999999999999999",
    "/quotes/-/dashboard?speaker=-1&month=%00", "/quotes/-/search?q=%00", "/quotes/-/search?q=%22",
    "/quotes/-/search?q=NEAR(", "/quotes/-/speaker?name=%00", "/quotes/-/article/%00",
]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", BAD_PATHS)
async def test_odd_addresses_never_answer_500(formula_db, path):
    ds = make_datasette(formula_db)
    response = await ds.client.get(path)
    if response.status_code == 302 and "%" in path:  # Datasette's tilde encoding, then ours
        response = await ds.client.get(response.headers["location"])
    assert response.status_code < 500, (path, response.status_code, response.text[:300])
    if "/-/speaker/" in path and "?" not in path:
        assert response.status_code == 404


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/quotes/documents?_sort=id", "/quotes/documents?_sort_desc=id",
                                  "/quotes/quotes?_sort=id", "/quotes/quotes?_sort_desc=id"])
async def test_id_sort_links_work(formula_db, path):
    ds = make_datasette(formula_db)
    assert (await ds.client.get(path)).status_code == 200


@pytest.mark.asyncio
async def test_every_tables_id_sort_links_work(formula_db):
    """Datasette shows a sort link on a table's id whatever its sortable columns: the id
    must be one of them, or the link answers a server error (the quotations and appearances
    tables did)."""
    from sqlite_utils import Database

    ds = make_datasette(formula_db)
    db = Database(formula_db)
    tables = [t for t in db.table_names() if not t.startswith("quotes_fts") and len(db[t].pks) == 1
              and db[t].pks != ["rowid"] and not db[t].use_rowid]
    assert {"documents", "quotes", "quotations", "appearances"} <= set(tables)
    failed = []
    for table in tables:
        for sort in ("_sort", "_sort_desc"):
            path = f"/quotes/{table}?{sort}={db[table].pks[0]}"
            if (await ds.client.get(path)).status_code != 200:
                failed.append(path)
    assert failed == [], failed


def cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", [
    "/quotes/statements.csv?speaker_id=1&_stream=on&_dl=1",
    "/quotes/statements.csv?_size=max",
    "/quotes/quotes.csv?_stream=on",
    "/quotes/documents.csv",
    "/quotes/quotes_in_context.csv?_stream=on&_dl=1",
    "/quotes/statements_by_speaker.csv?speaker=Ann+Lee&since=&until=",
])
async def test_every_csv_neutralises_formulas(formula_db, path):
    ds = make_datasette(formula_db)
    response = await ds.client.get(path)
    assert response.status_code == 200
    found = cells(response.text)
    assert found
    starts = [c for c in found if c[:1] in ("=", "+", "-", "@")]
    assert starts == [], starts
    if "statements" in path and "_stream" in path:
        for formula in FORMULAS:
            assert "'" + formula in found


@pytest.mark.asyncio
async def test_csv_files_are_named_after_the_speaker_and_the_search(formula_db):
    ds = make_datasette(formula_db)
    response = await ds.client.get("/quotes/statements.csv?speaker_id=2&_stream=on&_dl=1")
    assert response.headers["content-disposition"] == 'attachment; filename="statements-tom-park.csv"'
    response = await ds.client.get("/quotes/statements.csv?_search=harbour&_searchmode=raw&speaker_id=2&_dl=1")
    assert response.headers["content-disposition"] == 'attachment; filename="statements-tom-park-harbour.csv"'
    assert cells(response.text)[-1] == "2" or "A plain sentence about the harbour." in response.text
    response = await ds.client.get("/quotes/documents.csv?_dl=1")
    assert response.headers["content-disposition"] == 'attachment; filename="documents.csv"'


@pytest.fixture(scope="module")
def names_db(tmp_path_factory):
    """'Hillary' a one-statement row, 'Hillary Norvell' the person quoted often; 'Ann Lee'
    also written 'Ann J. Lee'."""
    path = str(tmp_path_factory.mktemp("names") / "quotes.db")
    text = "word " * 400
    documents = [{"id": "d1", "key": "d1", "title": "T", "published": "2016-01-02", "text": text}]
    quotes = [quote_row("d1", "word", 0, 1)] + [quote_row("d1", "word", 5 * i, 2) for i in range(1, 9)]
    quotes += [quote_row("d1", "word", 5 * i, 3) for i in range(9, 12)]
    return build_db(path, documents, [(1, "Hillary", []), (2, "Hillary Norvell", ["Norvell"]),
                                      (3, "Ann Lee", ["Ann J. Lee"])], quotes)


@pytest.mark.asyncio
async def test_name_search_over_aliases_ranked_by_statements(names_db):
    ds = make_datasette(names_db)
    page = await ds.client.get("/quotes/-/speaker?name=hillary")
    assert page.status_code == 200
    assert page.text.index("Hillary Norvell") < page.text.index('">Hillary</a>')
    for typed in ("Mrs. Ann Lee", "ann j. lee", "Ann Lee", "Dr Lee", "LEE"):
        response = await ds.client.get("/quotes/-/speaker", params={"name": typed})
        assert response.status_code == 302 and response.headers["location"].endswith("/-/speaker/3"), typed
    found = await ds.client.get("/quotes/-/search", params={"q": "Mrs. Hillary"})
    names = found.text[found.text.index("found-speakers"):found.text.index("who-said-it")]
    assert names.index("Hillary Norvell") < names.index(">Hillary<")


def test_search_words_become_a_safe_full_text_query():
    from quotes.site.words import fts_query, name_words

    assert fts_query("Syria") == '"Syria"*'
    assert fts_query('war in "Syrian army" NEAR( *') == '"war" "in" "Syrian army" "NEAR"*'
    assert fts_query("\x00") == "" and fts_query('"') == ""
    assert name_words("Mrs. Ann J. Lee") == ["ann", "lee"]


@pytest.fixture()
def namesakes_db(tmp_path):
    """Two rows called 'Ann Lee' (two people, or one the engine split) and a bare 'Lee'."""
    path = str(tmp_path / "quotes.db")
    text = "word " * 40
    documents = [{"id": "d1", "key": "d1", "title": "T", "published": "2016-01-02", "text": text}]
    quotes = [quote_row("d1", "word", 5 * i, sid) for i, sid in enumerate((1, 1, 2, 3))]
    return build_db(path, documents, [(1, "Ann Lee", []), (2, "Ann Lee", []), (3, "Lee", [])], quotes)


@pytest.mark.asyncio
async def test_merge_commands_work_when_a_name_covers_two_rows(namesakes_db):
    import html
    import re
    import shlex
    import sqlite3

    from click.testing import CliRunner

    from quotes.cli import cli

    ds = make_datasette(namesakes_db)
    page = (await ds.client.get("/quotes/-/speaker/3")).text
    commands = [html.unescape(c) for c in re.findall(r'<code class="merge">(.*?)</code>', page)]
    assert sorted(commands) == ["quotes merge quotes.db Lee '#1'", "quotes merge quotes.db Lee '#2'"]
    words = shlex.split(commands[0])
    result = CliRunner().invoke(cli, [words[1], namesakes_db, *words[3:]])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(namesakes_db)
    assert conn.execute("select count(*) from speakers where id = 3").fetchone()[0] == 0
    assert conn.execute("select count(*) from quotes where speaker_id = 3").fetchone()[0] == 0


def test_a_large_archive_opens_its_listings_without_facets_until_filtered():
    from quotes.site.plugin import lean_redirect

    bare = lean_redirect("/quotes/statements", b"", large=True)
    assert "_nofacet=1" in bare and "_col=statement" in bare
    assert "_nofacet" not in lean_redirect("/quotes/statements", b"", large=False)
    assert "_nofacet" not in lean_redirect("/quotes/statements", b"speaker_id=3", large=True)
    assert "_nofacet" not in lean_redirect("/quotes/statements", b"_search=harbour", large=True)
    assert lean_redirect("/quotes/statements", b"_col=id", large=False) is None
    # a column set chosen keeps it; unfiltered on a large archive, without facets too
    assert lean_redirect("/quotes/statements", b"_col=id", large=True) == "/quotes/statements?_col=id&_nofacet=1"
    assert lean_redirect("/quotes/statements", b"_col=id&_nofacet=1", large=True) is None
    # the raw tables that grow with the archive too, without a column set of their own
    assert lean_redirect("/quotes/quotes", b"_sort=type", large=True) == "/quotes/quotes?_sort=type&_nofacet=1"
    assert lean_redirect("/quotes/quotations", b"", large=True) == "/quotes/quotations?_nofacet=1"
    assert lean_redirect("/quotes/repeated_quotations", b"", large=True) == "/quotes/repeated_quotations?_nofacet=1"
    assert lean_redirect("/quotes/quotes", b"", large=False) is None
    assert lean_redirect("/quotes/quotes", b"type=direct", large=True) is None
    assert lean_redirect("/quotes/quotes", b"_nofacet=1", large=True) is None
    assert lean_redirect("/quotes/speakers", b"", large=True) is None


def test_csv_records_are_rewritten_whole_however_the_stream_is_cut():
    from quotes.site.csvfiles import SafeCells

    data = ('id,text\r\n1,"=A1, a ""quoted""\nline"\r\n2,@SUM(1)\r\n3,plain\r\n').encode()
    expected = ('id,text\r\n1,"\'=A1, a ""quoted""\nline"\r\n2,\'@SUM(1)\r\n3,plain\r\n').encode()
    for size in (1, 2, 3, 7, len(data)):
        cells = SafeCells()
        out = b"".join(cells.feed(data[i:i + size]) for i in range(0, len(data), size)) + cells.close()
        assert out == expected, size


def test_an_article_of_a_thousand_statements_reads_in_one_pass():
    """Marking 3,000 statements reads each a few times, not once per paragraph (it took
    about 8 s when every paragraph read every quote). Counted, not timed: a loaded machine
    cannot fail it, and the old way reads 9,000,000 times."""
    from quotes.site.reader import paragraphs

    reads = [0]

    class Counted(dict):
        def __getitem__(self, key):
            reads[0] += 1
            return super().__getitem__(key)

    lines = [f"Statement {i} on the plan." for i in range(3000)]
    text = "\n\n".join(lines)
    quotes, at = [], 0
    for line in lines:
        quotes.append(Counted(start=at, end=at + len(line), speaker_id=1, speaker="Ann Lee", type="direct"))
        at += len(line) + 2
    html = paragraphs(text, quotes, {1: "#123456", None: "#999"}, lambda sid: f"/s/{sid}")
    assert len(html) == 3000 and all(str(p).count("<mark") == 1 for p in html)
    assert reads[0] <= 100 * len(quotes)  # about 20 each now


def test_counting_the_listing_views_reads_only_quotes_and_documents(tmp_path):
    """Datasette counts a listing's rows on every page: on a million statements a count that
    looks up each quote's speaker, addressee or quotation costs seconds (a LEFT JOIN is
    not left out of a count by SQLite 3.40); names and quotations come by subquery."""
    import sqlite3

    from quotes.store import open_db

    path = str(tmp_path / "q.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    for view in ("statements", "quotes_in_context", "speaker_stats"):
        plan = " ".join(row[-1] for row in conn.execute(f"explain query plan select count(*) from {view}"))
        for table in ("speakers ", "appearances", "quotations", "CO-ROUTINE"):
            assert table not in plan or (view == "speaker_stats" and table == "speakers "), (view, plan)


def test_the_dashboards_sums_read_covering_indexes(tmp_path):
    """On a million statements the shares of women and men summed every speaker's counts by
    outlet or month from the table's rows (1.4 s), and an outlet chosen was matched through
    nullif(), which no index serves: each sum now reads a covering index (or a table in
    speaker order), of each speaker's counts by outlet alone or month alone when the key
    and the filters need no more."""
    import sqlite3

    from quotes.site.filters import Filters
    from quotes.site.genders import per_speaker
    from quotes.site.pages import by_speaker_table, filtered_columns
    from quotes.store import open_db

    path = str(tmp_path / "q.db")
    open_db(path).close()
    conn = sqlite3.connect(path)
    chosen = (Filters(), Filters(outlet="The Norvale Post"), Filters(since="2016-01", until="2016-12"),
              Filters(outlet="The Norvale Post", since="2016-03", until="2016-03"))
    for filters in chosen:
        # everyone's: by outlet and by month, in speaker order (no sort); within filters, by
        # outlet, by month and in all (`''`), from the rows the filters pick
        for column in ("source", "month") + ((None,) if filters.active else ()):
            needed = filtered_columns(filters) | ({column} if column else set())
            name = by_speaker_table(needed)
            assert (name == "statement_counts") == (needed == {"source", "month"}), (needed, name)
            where, params = filters.summary_where(name)
            key = f"{name}.{column}" if column else "''"
            plan = " ".join(row[-1] for row in conn.execute(
                "explain query plan " + per_speaker(key, name, name, where), params))
            assert "COVERING INDEX" in plan or ("PRIMARY KEY" in plan and not filters.active), (filters, key, plan)
            assert filters.active or "TEMP B-TREE" not in plan, (filters, key, plan)
        if filters.outlet:
            assert "(source=?" in plan, plan
