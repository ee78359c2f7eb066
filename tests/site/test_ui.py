"""The Datasette experience, through Datasette's own test client: metadata for every table
and column, full-text search, the canned queries, quotes in context (escaped), and the full
CSV export of one speaker's statements."""

import csv
import io
import os

import pytest
import yaml
from sqlite_utils import Database

from quotes.site.plugin import context_html
from quotes.store import VIEWS, ensure_db_shape

from ..conftest import ROOT
from .test_datasette import make_datasette

METADATA = yaml.safe_load(open(os.path.join(ROOT, "metadata.yml"), encoding="utf-8"))
QUOTES_DB = METADATA["databases"]["quotes"]
QUERIES = QUOTES_DB["queries"]

ARTICLE = (
    "Ministers meet <b>today</b> & talk.\n\n"
    "The minister said <script>alert(1)</script> was \u201cnot acceptable & never will be\u201d, "
    "and left.\n\n"
    "A last paragraph."
)


def build_db(path, documents, speakers, quotes):
    """A database of the real shape, filled directly (no spaCy): speakers as (id, name,
    [aliases]); documents and quotes as column dicts."""
    db = Database(path)
    ensure_db_shape(db)
    db["documents"].insert_all(documents)
    for sid, name, aliases in speakers:
        db["speakers"].insert({"id": sid, "name": name, "kind": "person"})
        db["aliases"].insert_all(
            {"alias": alias, "speaker_id": sid, "origin": "seen"} for alias in [name, *aliases])
    db["quotes"].insert_all(quotes)
    db.close()
    return path


def quote_row(doc, text, start, speaker_id, **extra):
    row = {
        "id": f"{doc}:{start}:{start + len(text)}", "document_id": doc, "start": start,
        "end": start + len(text), "text": text, "type": "direct", "cue": "said",
        "speaker_id": speaker_id, "part": 1,
    }
    row.update(extra)
    return row


@pytest.fixture(scope="module")
def many_db_path(tmp_path_factory):
    """1,200 statements by Benny Gantz over two dated articles, and a few by two others."""
    path = str(tmp_path_factory.mktemp("manydb") / "quotes.db")
    text = "Gantz said many things. " * 10
    documents = [
        {"id": "jan", "key": "jan.txt", "title": "January talks", "published": "2023-01-15",
         "text": text},
        {"id": "mar", "key": "mar.txt", "title": "March talks", "published": "2023-03-02T09:30:00",
         "text": text},
    ]
    speakers = [(1, "Benny Gantz", ["Gantz"]), (2, "Yasukazu Hamada", ["Hamada"]),
                (3, "Rahm Emanuel", [])]
    quotes = [
        quote_row("jan" if i < 700 else "mar", f"statement number {i}, with a comma", i, 1,
                  addressee_id=2 if i % 100 == 0 else None, statement=i)
        for i in range(1200)
    ]
    quotes += [quote_row("mar", f"reply {i}", 5000 + i, 2, addressee_id=1) for i in range(3)]
    quotes += [quote_row("jan", "an ambassador speaks", 9000, 3)]
    return build_db(path, documents, speakers, quotes)


@pytest.fixture(scope="module")
def script_db_path(tmp_path_factory):
    """One article with HTML in its text, and one quote inside it."""
    path = str(tmp_path_factory.mktemp("scriptdb") / "quotes.db")
    start = ARTICLE.index("not acceptable")
    end = ARTICLE.index("\u201d, and")
    paragraph = (ARTICLE.index("The minister"), ARTICLE.index("\n\nA last"))
    return build_db(
        path,
        [{"id": "doc", "key": "doc.txt", "title": "Ministers <i>meet</i>", "text": ARTICLE}],
        [(1, "The Minister", [])],
        [quote_row("doc", ARTICLE[start:end], start, 1, context_start=paragraph[0],
                   context_end=paragraph[1])],
    )


async def get_json(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


async def rows(ds, path):
    return await get_json(ds, path + ("&" if "?" in path else "?") + "_shape=array&_size=max")


# ---- metadata ------------------------------------------------------------------------------


def test_every_table_view_and_column_is_described(seed_db_path):
    db = Database(seed_db_path)
    fts = db.table_names(fts5=True) + db.table_names(fts4=True)
    names = [t for t in db.table_names() if not any(t == f or t.startswith(f + "_") for f in fts)]
    names += db.view_names()
    described = QUOTES_DB["tables"]
    assert set(VIEWS) <= set(db.view_names())
    for name in names:
        meta = described.get(name)
        assert meta, f"metadata.yml does not describe {name}"
        assert meta.get("description") or meta.get("description_html"), name
        columns = set(db[name].columns_dict)
        assert set(meta.get("columns", {})) == columns, f"{name}: described columns differ"
        assert all(meta["columns"].values()), name
    assert set(described) == set(names), "metadata.yml describes tables that do not exist"


def test_site_metadata_has_title_description_source_and_license():
    for key in ("title", "description", "source", "license", "license_url"):
        assert METADATA.get(key), key


@pytest.mark.asyncio
async def test_labels_facets_and_sorting_are_served(seed_db_path):
    ds = make_datasette(seed_db_path)
    data = await get_json(ds, "/quotes/quotes.json?_labels=on&_shape=objects&_size=max")
    assert "Benny Gantz" in [r["speaker_id"]["label"] for r in data["rows"] if r["speaker_id"]]
    assert any(r["document_id"]["label"].startswith("Israel, Japan") for r in data["rows"])
    data = await get_json(ds, "/quotes/statements.json?_size=0")
    assert {"type", "source"} <= set(data["facet_results"])
    data = await get_json(ds, "/quotes/statements.json?_size=0&_facet=speaker")
    speakers = {f["value"]: f["count"] for f in data["facet_results"]["speaker"]["results"]}
    # a facet counts statements: the parts of a statement its attribution splits count once
    statements, rows = Database(seed_db_path).execute(
        "select count(distinct statement), count(*) from statements where speaker = 'Benny Gantz'").fetchone()
    assert speakers["Benny Gantz"] == statements >= 8 and rows > statements, (speakers, statements, rows)
    for path in ("/quotes/statements.json?_sort=published", "/quotes/statements.json?_sort_desc=title",
                 "/quotes/documents.json?_sort=published", "/quotes/speakers.json?_sort=name"):
        await get_json(ds, path)
    page = await ds.client.get("/quotes/statements")
    assert page.status_code == 302  # to the lean column set
    page = await ds.client.get(page.headers["location"])
    assert "canonical name (empty when no speaker was found)" in page.text
    assert '<details class="column-notes">' in page.text


# ---- full-text search ----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_full_text_search_on_the_table_and_both_views(seed_db_path):
    ds = make_datasette(seed_db_path)
    found = {}
    for table in ("quotes", "statements", "quotes_in_context"):
        found[table] = {r["id"] for r in await rows(ds, f"/quotes/{table}.json?_search=nuclear+program")}
        page = await ds.client.get(f"/quotes/{table}", follow_redirects=True)
        assert 'name="_search"' in page.text, f"{table} has no search box"
    assert found["quotes"] and found["quotes"] == found["statements"] == found["quotes_in_context"]
    texts = [r["text"] for r in await rows(ds, "/quotes/statements.json?_search=nuclear+program")]
    assert all("nuclear" in t and "program" in t for t in texts)


@pytest.mark.asyncio
async def test_search_quotes_query(seed_db_path):
    ds = make_datasette(seed_db_path)
    result = await rows(ds, "/quotes/search_quotes.json?words=nuclear+program")
    assert result and all("nuclear" in r["text"] and "program" in r["text"] for r in result)
    assert await rows(ds, "/quotes/search_quotes.json?words=") == []
    assert await rows(ds, "/quotes/search_quotes.json?words=%22unbalanced+OR+(") == []
    page = await ds.client.get("/quotes/search_quotes?words=nuclear")
    assert 'name="words"' in page.text and "Benny Gantz" in page.text


# ---- canned queries ------------------------------------------------------------------------


def test_canned_queries_are_read_only_and_take_parameters():
    assert {"statements_by_speaker", "search_quotes", "who_spoke_to_whom", "top_speakers",
            "document_quotes"} <= set(QUERIES)
    for name, query in QUERIES.items():
        assert not query.get("write"), name
        assert query["sql"].lstrip().lower().startswith(("select", "with")), name
        assert query.get("title") and query.get("description_html"), name
        for param in query.get("params", []):
            assert f":{param}" in query["sql"], (name, param)
        assert "{" not in query["sql"] and "%s" not in query["sql"], name


@pytest.mark.asyncio
async def test_canned_queries_cannot_be_used_to_write_or_inject(seed_db_path):
    ds = make_datasette(seed_db_path)
    before = Database(seed_db_path)["quotes"].count
    evil = "x' or 1=1; delete from quotes; --"
    for name, query in QUERIES.items():
        params = "&".join(f"{p}={evil}" for p in query.get("params", []))
        assert await rows(ds, f"/quotes/{name}.json?{params}") == [], name
        # A POST to a read-only canned query is refused (Datasette 0.65 answers with an error).
        response = await ds.client.post(f"/quotes/{name}", data={p: evil for p in query.get("params", [])})
        assert response.status_code != 200, name
    assert Database(seed_db_path)["quotes"].count == before


@pytest.mark.asyncio
async def test_statements_by_speaker_by_name_or_alias_any_case(seed_db_path):
    ds = make_datasette(seed_db_path)
    by_alias = await rows(ds, "/quotes/statements_by_speaker.json?speaker=gantz")
    by_name = await rows(ds, "/quotes/statements_by_speaker.json?speaker=BENNY+GANTZ+")
    in_view = await rows(ds, "/quotes/statements.json?speaker=Benny+Gantz")
    assert by_alias == by_name
    assert [r["quote_id"] for r in by_alias] == [r["id"] for r in in_view]
    assert {r["speaker"] for r in by_alias} == {"Benny Gantz"}
    assert await rows(ds, "/quotes/statements_by_speaker.json?speaker=") == []


@pytest.mark.asyncio
async def test_statements_by_speaker_date_range(many_db_path):
    ds = make_datasette(many_db_path)
    path = "/quotes/statements_by_speaker.json?speaker=Gantz"
    assert len(await rows(ds, path + "&since=2023-03-01")) == 500
    assert len(await rows(ds, path + "&until=2023-01")) == 700
    assert len(await rows(ds, path + "&since=2023-01-15&until=2023-03-02")) == 1000  # page limit
    assert len(await rows(ds, path + "&since=2023-02-01&until=2023-02-28")) == 0


@pytest.mark.asyncio
async def test_who_spoke_to_whom(many_db_path):
    ds = make_datasette(many_db_path)
    pairs = await rows(ds, "/quotes/who_spoke_to_whom.json?speaker=")
    assert [(p["speaker"], p["addressee"], p["statements"]) for p in pairs] == [
        ("Benny Gantz", "Yasukazu Hamada", 12), ("Yasukazu Hamada", "Benny Gantz", 3)]
    only = await rows(ds, "/quotes/who_spoke_to_whom.json?speaker=hamada")
    assert len(only) == 2
    assert await rows(ds, "/quotes/who_spoke_to_whom.json?speaker=Rahm+Emanuel") == []


@pytest.mark.asyncio
async def test_top_speakers(many_db_path, seed_db_path):
    ds = make_datasette(many_db_path)
    ranked = await rows(ds, "/quotes/top_speakers.json?kind=&since=&until=")
    assert [(r["speaker"], r["statements"]) for r in ranked] == [
        ("Benny Gantz", 1200), ("Yasukazu Hamada", 3), ("Rahm Emanuel", 1)]
    march = await rows(ds, "/quotes/top_speakers.json?kind=person&since=2023-03&until=")
    assert [(r["speaker"], r["statements"]) for r in march] == [("Benny Gantz", 500), ("Yasukazu Hamada", 3)]
    seed = await rows(make_datasette(seed_db_path), "/quotes/top_speakers.json?kind=")
    assert seed[0]["speaker"] == "Benny Gantz"
    # each count is the statements SQL counts, read from the counts kept by month
    counted = dict(Database(seed_db_path).execute(
        "select speaker_id, count(distinct statement) from statements where speaker_id is not null "
        "group by speaker_id").fetchall())
    assert {r["speaker_id"]: r["statements"] for r in seed} == counted
    for since, until, where in (("2023", "2023", "published >= '2023' and published < '2024'"),
                                ("2023-03", "", "published >= '2023-03'"),
                                ("", "2023-02-10", "published < '2023-03'")):
        ranked = await rows(ds, f"/quotes/top_speakers.json?kind=&since={since}&until={until}")
        counted = dict(Database(many_db_path).execute(
            "select speaker_id, count(distinct statement) from statements where speaker_id is not null "
            f"and {where} group by speaker_id").fetchall())
        assert {r["speaker_id"]: r["statements"] for r in ranked} == counted, (since, until)


@pytest.mark.asyncio
async def test_document_quotes_in_reading_order(seed_db_path):
    ds = make_datasette(seed_db_path)
    result = await rows(ds, "/quotes/document_quotes.json?document=Japan+Sign+Accord")
    assert len(result) == Database(seed_db_path)["quotes"].count
    assert [r["start"] for r in result] == sorted(r["start"] for r in result)
    doc_id = result[0]["quote_id"].split(":")[0]
    assert await rows(ds, f"/quotes/document_quotes.json?document={doc_id}") == result
    assert await rows(ds, "/quotes/document_quotes.json?document=") == []


# ---- quotes in context ---------------------------------------------------------------------


@pytest.mark.asyncio
async def test_context_view_escapes_the_article_and_marks_the_quote(script_db_path):
    ds = make_datasette(script_db_path)
    [row] = await rows(ds, "/quotes/quotes_in_context.json?speaker=The+Minister")
    assert row["context"] == (
        "The minister said &lt;script&gt;alert(1)&lt;/script&gt; was \u201c"
        "<mark>not acceptable &amp; never will be</mark>\u201d, and left.")
    page = (await ds.client.get("/quotes/quotes_in_context?_nocol=quote_rowid")).text
    assert "<mark>not acceptable &amp; never will be</mark>" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<b>today" not in page and "<i>meet" not in page
    assert ('<a href="/quotes/-/article/doc#q{}-{}" title="Read the article" class="article">'
            'Ministers &lt;i&gt;meet&lt;/i&gt;</a>').format(row["start"], row["end"]) in page
    article = await ds.client.get("/quotes/-/article/doc")
    assert article.status_code == 200
    assert "<script>alert(1)" not in article.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in article.text
    assert "<b>today" not in article.text and "<i>meet" not in article.text


@pytest.mark.asyncio
async def test_context_of_every_seed_quote_holds_the_quote(seed_db_path):
    ds = make_datasette(seed_db_path)
    quotes = {r["id"]: r["text"] for r in await rows(ds, "/quotes/quotes.json?_col=text")}
    contexts = await rows(ds, "/quotes/quotes_in_context.json")
    assert len(contexts) == len(quotes)
    for row in contexts:
        marked = row["context"].split("<mark>")[1].split("</mark>")[0]
        assert marked == quotes[row["id"]].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_context_html_trusts_only_the_mark():
    assert "<mark>said</mark>" in context_html("He <mark>said</mark> &amp; left")
    shown = context_html("<img src=x onerror=alert(1)> <mark>said</mark>")
    assert "<img" not in shown and "&lt;img" in shown


@pytest.mark.asyncio
async def test_quotes_link_to_their_context(seed_db_path):
    ds = make_datasette(seed_db_path)
    [first] = await rows(ds, "/quotes/statements.json?_size=1&speaker=Benny+Gantz")
    for page in ("/quotes/statements?_nocol=quote_rowid", "/quotes/statements_by_speaker?speaker=Gantz"):
        text = (await ds.client.get(page)).text
        assert f'href="/quotes/quotes_in_context?id={first["id"].replace(":", "%3A")}"' in text, page
    [row] = await rows(ds, f"/quotes/quotes_in_context.json?id={first['id']}")
    assert "<mark>" in row["context"]


# ---- exporting a speaker -------------------------------------------------------------------


def parse_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.asyncio
async def test_full_csv_of_one_speaker_streams_every_row(many_db_path):
    ds = make_datasette(many_db_path)
    response = await ds.client.get("/quotes/statements.csv?speaker_id=1&_stream=on&_dl=1")
    assert "attachment" in response.headers.get("content-disposition", "")
    assert response.status_code == 200
    exported = parse_csv(response.text)
    assert len(exported) == 1200
    assert {r["speaker"] for r in exported} == {"Benny Gantz"}
    assert exported[0]["text"] == "statement number 0, with a comma"
    # The canned query's own CSV stops at 1,000 rows: that is why the export leads to the view.
    capped = await ds.client.get("/quotes/statements_by_speaker.csv?speaker=Gantz&_stream=on")
    assert len(parse_csv(capped.text)) == 1000


@pytest.mark.asyncio
async def test_every_speaker_path_leads_to_the_streamed_view_csv(seed_db_path):
    ds = make_datasette(seed_db_path)
    [(gantz,)] = Database(seed_db_path).execute(
        "select id from speakers where name = 'Benny Gantz'").fetchall()
    link = f'href="/quotes/statements.csv?speaker_id={gantz}&amp;_stream=on&amp;_dl=1"'
    profile = f'href="/quotes/-/speaker/{gantz}"'
    for page in ("/quotes/statements_by_speaker?speaker=Gantz", "/quotes/top_speakers",
                 "/quotes/speakers", f"/quotes/speakers/{gantz}", "/quotes/speaker_stats",
                 f"/quotes/-/speaker/{gantz}"):
        text = (await ds.client.get(page)).text
        assert link in text, page
        assert profile in text or page.endswith(f"speaker/{gantz}"), page
    description = (await ds.client.get("/quotes/statements_by_speaker")).text
    assert "1,000 rows" in description and 'href="/quotes/statements"' in description


# ---- why this speaker ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def why_db_path(tmp_path_factory):
    """One article whose one statement says why it has its speaker (with markup in it)."""
    path = str(tmp_path_factory.mktemp("whydb") / "quotes.db")
    text = "Trade Minister Ilse Marwick met the press.\n\nThe minister said talks would resume."
    start = text.index("talks")
    return build_db(
        path,
        [{"id": "doc", "key": "doc.txt", "title": "Talks", "text": text}],
        [(1, "Ilse Marwick", ["Marwick"])],
        [quote_row("doc", "talks would resume", start, 1, type="indirect", speaker_mention="The minister",
                   method="coreference", resolver="title", evidence="title 'minister': Ilse <b>Marwick</b>")],
    )


@pytest.mark.asyncio
async def test_the_reader_says_why_a_statement_has_its_speaker_and_statements_facet_by_resolver(why_db_path):
    ds = make_datasette(why_db_path)
    article = (await ds.client.get("/quotes/-/article/doc")).text
    assert 'title="Why this speaker: \u201cThe minister\u201d: title &#39;minister&#39;: Ilse &lt;b&gt;Marwick' in article
    assert "<b>Marwick" not in article
    data = await get_json(ds, "/quotes/statements.json")
    assert data["facet_results"]["resolver"]["results"][0]["value"] == "title"
    [row] = await rows(ds, "/quotes/statements.json?resolver=title")
    assert row["evidence"].startswith("title 'minister'")
