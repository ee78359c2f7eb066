"""The site on an archive built as benchmarks/site_scale.py builds a million statements (here
a few thousand, a tenth split by their attribution, some repeated across articles): every
count a listing shows is a count of statements and equals SQL's, and a page whose query
runs out of time says so instead of failing (Datasette's own test client); a CSV download
cut short stops being made (a real `quotes serve`); and how the benchmark tells one kind
of page from another."""

import html
import importlib.util
import os
import re
import sqlite3

import pytest

from quotes.store import VIEWS

from ..conftest import ROOT


def site_scale():
    spec = importlib.util.spec_from_file_location("site_scale", os.path.join(ROOT, "benchmarks", "site_scale.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("archive") / "quotes.db")
    site_scale().build(path, scale=0.003)
    return path


def patient_datasette(path):
    """The site as the tests' Datasette serves it, with time enough for every facet on a
    busy machine: these tests check counts, not speed."""
    import yaml
    from datasette.app import Datasette

    from quotes.site.serve import metadata_path

    with open(metadata_path(), encoding="utf-8") as handle:
        metadata = yaml.safe_load(handle)
    return Datasette([path], metadata=metadata, settings={
        "default_allow_sql": False, "facet_time_limit_ms": 20_000, "sql_time_limit_ms": 20_000})


def sql(path, query, params=()):
    with sqlite3.connect(path) as conn:
        return conn.execute(query, params).fetchall()


def top_speaker(path):
    return sql(path, "select speaker_id from speaker_totals where speaker_id != 0 order by statements desc limit 1")[0][0]


def shown_count(page):
    found = re.search(r'data-count="statements">([0-9,]+)<', page)
    return int(found.group(1).replace(",", "")) if found else None


def facets(page):
    """{column: {value: count}} as the page shows its facets."""
    out = {}
    for column, body in re.findall(r'data-column="([^"]+)">(.*?)</ul>', page, re.S):
        out[column] = {html.unescape(v): int(n.replace(",", "")) for v, n in re.findall(
            r'<li><a href="[^"]*">([^<]*)</a> ([0-9,]+)</li>', body)}
        out[column].update({html.unescape(v.strip()): int(n.replace(",", "")) for v, n in re.findall(
            r'<li>([^<]*) &middot; ([0-9,]+) <a', body)})
    return out


def test_the_archive_is_realistic_for_the_pages(archive):
    """Split statements, quotations repeated whole and cut, people's genders from evidence."""
    [(parts,)] = sql(archive, "select count(*) from quotes where part > 1")
    [(repeated,)] = sql(archive, "select count(*) from quotations where articles >= 2")
    [(cut,)] = sql(archive, "select count(*) from appearances where relation = 'part of'")
    [(queued,)] = sql(archive, "select count(*) from quotation_queue")
    genders = dict(sql(archive, "select gender, count(*) from speakers group by gender"))
    [(evidence,)] = sql(archive, "select count(*) from article_gender_evidence")
    assert parts > 0 and repeated > 0 and cut > 0 and queued == 0
    assert genders.get("female", 0) > 0 and genders.get("male", 0) > 0 and genders.get("unknown", 0) > 0
    assert evidence > 0
    [(unlinked,)] = sql(archive, "select count(*) from quotes where id not in (select quote_id from appearances)")
    assert unlinked == 0
    # each speaker's statements by outlet and by month, kept by the triggers as the archive
    # was written, are the statement counts summed
    for table, column in (("speaker_outlets", "source"), ("speaker_months", "month")):
        assert sql(archive, f"select * from {table} order by 1, 2") == sql(
            archive, f"select speaker_id, {column}, sum(statements) from statement_counts group by 1, 2 order by 1, 2")


LISTINGS = [
    # (address, the same statements in SQL over the statements view)
    ("statements", "1"),
    ("statements?type=direct", "type = 'direct'"),
    ("statements?speaker_id={top}", "speaker_id = {top}"),
    ("statements?speaker_id={top}&source={outlet}&published__gte=2015-03&published__lt=2015-07",
     "speaker_id = {top} and source = '{outlet}' and published >= '2015-03' and published < '2015-07'"),
    ("statements?speaker_id__isnull=1", "speaker_id is null"),
    ("statements?_search=syria", "quote_rowid in (select rowid from quotes_fts where quotes_fts match 'syria')"),
    ("statements?cue=said&source={outlet}", "cue = 'said' and source = '{outlet}'"),
    ("statements?part=2", "part = 2"),
    ("quotes_in_context?speaker_id={top}", "speaker_id = {top}"),
]


@pytest.mark.asyncio
@pytest.mark.parametrize("address,where", LISTINGS, ids=[a for a, _ in LISTINGS])
async def test_listing_counts_are_statements_as_sql_counts_them(archive, address, where):
    """The heading's count and every facet's counts are statements (a statement its
    attribution splits counts once), equal to SQL's count of distinct statements; before,
    they counted rows."""
    values = {"top": top_speaker(archive),
              "outlet": sql(archive, "select source from documents order by source limit 1")[0][0]}
    address, where = address.format(**values), where.format(**values)
    ds = patient_datasette(archive)
    response = await ds.client.get(f"/quotes/{address}{'&' if '?' in address else '?'}_facet=cue",
                                   follow_redirects=True)
    assert response.status_code == 200
    page = response.text
    view = address.split("?")[0]
    [(statements, rows)] = sql(archive, f"select count(distinct statement), count(*) from {view} where {where}")
    assert statements != rows or view != "statements" or where != "1"  # the archive has split statements
    assert shown_count(page) == statements, (address, statements, rows)
    shown = facets(page)
    assert {"type", "source", "cue"} <= set(shown), shown.keys()
    for column, counted in shown.items():
        expected = dict(sql(archive, f"select {column}, count(distinct statement) from {view} where {where} "
                                     f"and {column} is not null group by {column}"))
        assert counted == {k: v for k, v in expected.items() if k in counted}, (address, column)
        assert len(counted) == min(len(expected), 6)  # facet_size: the largest shown
        assert sorted(counted.values(), reverse=True) == sorted(expected.values(), reverse=True)[:len(counted)]


@pytest.mark.asyncio
async def test_the_quotes_table_says_its_rows_are_parts(archive):
    ds = patient_datasette(archive)
    page = (await ds.client.get("/quotes/quotes")).text
    [(statements, rows)] = sql(archive, "select count(distinct coalesce(document_id || ':' || statement, id)), "
                                        "count(*) from quotes")
    assert shown_count(page) == statements
    assert f'data-count="rows">{rows:,}<' in page and "one for each part" in page
    # filtered by what the kept counts are kept by (read from them: counting a million rows'
    # distinct statements took half a second), or by anything else (counted over the rows)
    top = top_speaker(archive)
    for address, where in ((f"speaker_id={top}", f"speaker_id = {top}"), ("type=indirect", "type = 'indirect'"),
                           (f"speaker_id={top}&type=direct", f"speaker_id = {top} and type = 'direct'"),
                           ("speaker_id__isnull=1", "speaker_id is null"), ("cue=said&type=direct",
                                                                             "cue = 'said' and type = 'direct'")):
        page = (await ds.client.get(f"/quotes/quotes?{address}")).text
        [(statements,)] = sql(archive, "select count(distinct coalesce(document_id || ':' || statement, id)) "
                                       f"from quotes where {where}")
        assert shown_count(page) == statements, address


# Listings whose rows grow with the archive (a million statements, as many quotations,
# 100,000 articles): a sort no index serves reads and orders every row.
GROWING = ("statements", "quotes_in_context", "quotes", "quotations", "appearances", "documents",
           "repeated_quotations")


def test_every_sort_link_of_a_growing_listing_is_served_by_an_index(archive):
    """Every sort the site links to on these listings (their sortable columns, both ways,
    and the order they open in) reads rows in the order of an index: no sort of all rows
    (four sort links of the statements view ran out of time on a million statements)."""
    import yaml

    from quotes.site.serve import metadata_path

    with open(metadata_path(), encoding="utf-8") as handle:
        tables = yaml.safe_load(handle)["databases"]["quotes"]["tables"]
    sorted_all = []
    for name in GROWING:
        meta = tables[name]
        assert meta.get("sortable_columns"), name  # else Datasette offers every column
        for column in set(meta["sortable_columns"]) | {meta.get("sort_desc"), meta.get("sort")} - {None}:
            for way in ("", " desc"):
                plan = [row[3] for row in sql(archive, f"explain query plan select * from [{name}] "
                                                       f"order by [{column}]{way} limit 101")]
                if any("FOR ORDER BY" in step for step in plan):
                    sorted_all.append((name, column + way))
    assert sorted_all == []


def test_who_spoke_to_whom_reads_one_index(archive):
    """The canned query counts each pair's statements and articles from the partial index of
    the quotes with an addressee: no quote row is read (2.3 s on a million statements)."""
    import yaml

    from quotes.site.serve import metadata_path

    with open(metadata_path(), encoding="utf-8") as handle:
        query = yaml.safe_load(handle)["databases"]["quotes"]["queries"]["who_spoke_to_whom"]["sql"]
    plan = " | ".join(row[3] for row in sql(archive, f"explain query plan {query}", {"speaker": ""}))
    assert "quotes USING COVERING INDEX idx_quotes_addressed_statements" in plan, plan
    pairs = sql(archive, query, {"speaker": ""})
    assert pairs and sum(p[4] for p in pairs) == sql(
        archive, "select count(distinct statement) from statements where addressee is not null")[0][0]


# The in-context view as schema 7 had it: the same without the statement's key and part.
SCHEMA_7_IN_CONTEXT = VIEWS["quotes_in_context"].replace(
    "  coalesce(quotes.document_id || ':' || quotes.statement, quotes.id) AS statement,\n  quotes.part,\n", "")


def pages_of(path):
    """The site's own pages, one of each kind, on this archive."""
    top = top_speaker(path)
    [(doc,)] = sql(path, "select document_id from quotes group by document_id order by count(*) desc limit 1")
    [(quotation,)] = sql(path, "select id from quotations order by articles desc limit 1")
    [(outlet,)] = sql(path, "select source from documents limit 1")
    return ["/quotes/-/dashboard", f"/quotes/-/dashboard?outlet={outlet.replace(' ', '+')}",
            "/quotes/-/dashboard?since=2015&until=2015", f"/quotes/-/speaker/{top}", f"/quotes/-/article/{doc}",
            f"/quotes/-/quotation/{quotation}", "/quotes/-/search?q=syria", "/quotes/-/speaker?name=a"]


@pytest.mark.asyncio
async def test_a_page_that_runs_out_of_time_says_so(archive):
    """With a query allowed 1 ms, the pages that need longer answer 503 with a page saying
    so and a link to try again (an HTTP 500 before)."""
    import yaml
    from datasette.app import Datasette

    from quotes.site.serve import metadata_path

    with open(metadata_path(), encoding="utf-8") as handle:
        metadata = yaml.safe_load(handle)
    ds = Datasette([archive], metadata=metadata, settings={"default_allow_sql": False, "sql_time_limit_ms": 1})
    statuses = {}
    for address in pages_of(archive):
        response = await ds.client.get(address)
        statuses[address] = response.status_code
        assert response.status_code in (200, 302, 503), (address, response.status_code, response.text[-500:])
        if response.status_code == 503:
            assert "took too long" in response.text and "try again" in response.text
            assert response.headers.get("retry-after")
    assert 503 in statuses.values(), statuses


@pytest.mark.asyncio
async def test_an_older_database_served_read_only_counts_rows_as_before(archive, tmp_path):
    """A database of schema 7 (its in-context view without the statement's key), served
    as it is: the listing and its facets answer, counting rows, and say nothing of
    statements."""
    import shutil

    path = str(tmp_path / "quotes.db")
    shutil.copy(archive, path)
    with sqlite3.connect(path) as conn:
        conn.execute("drop view quotes_in_context")
        conn.execute(f"create view quotes_in_context as {SCHEMA_7_IN_CONTEXT}")
        conn.execute("pragma user_version = 7")
    top = top_speaker(path)
    ds = patient_datasette(path)
    response = await ds.client.get(f"/quotes/quotes_in_context?speaker_id={top}&_facet=type",
                                   follow_redirects=True)
    assert response.status_code == 200
    [(rows,)] = sql(path, f"select count(*) from quotes where speaker_id = {top}")
    assert shown_count(response.text) is None and "facet-unit" not in response.text
    assert f"{rows:,} rows" in response.text
    assert sum(facets(response.text)["type"].values()) == rows


@pytest.mark.asyncio
async def test_an_older_database_without_join_reasons_serves_every_speaker_page(archive, tmp_path):
    """A database of schema 6 (its aliases keep no reason), served as it is: the profile
    and the speaker-by-name page answer 200 (they failed with 'no such column: reason')."""
    import shutil

    path = str(tmp_path / "quotes.db")
    shutil.copy(archive, path)
    with sqlite3.connect(path) as conn:
        conn.execute("alter table aliases drop column reason")
        conn.execute("pragma user_version = 6")
    top = top_speaker(path)
    [(name,)] = sql(path, "select name from speakers where id = ?", (top,))
    ds = patient_datasette(path)
    for url in (f"/quotes/-/speaker/{top}", f"/quotes/-/speaker?name={name}"):
        response = await ds.client.get(url, follow_redirects=True)
        assert response.status_code == 200, (url, response.text[:300])


def test_the_benchmark_tells_kinds_of_page_apart():
    """An id, a row or a filter's value picks an example of a kind; a sort, a facet or a
    format makes another kind."""
    kind, base = site_scale().kind, "http://127.0.0.1:9"
    assert kind(f"{base}/quotes/-/speaker/12", base) == kind(f"{base}/quotes/-/speaker/7", base) \
        == "/quotes/-/speaker/ID"
    assert kind(f"{base}/quotes/documents/abc", base) == "/quotes/documents/ROW"
    assert kind(f"{base}/quotes/statements?speaker_id=3&type=direct", base) \
        == kind(f"{base}/quotes/statements?type=indirect&speaker_id=9", base) == "/quotes/statements?speaker_id&type"
    assert kind(f"{base}/quotes/statements?_sort_desc=published", base) != kind(f"{base}/quotes/statements", base)
    assert kind(f"{base}/quotes/-/dashboard?outlet=A&gender_sort=women", base) \
        == "/quotes/-/dashboard?gender_sort=women&outlet"


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_after(pid, since):
    """The CPU seconds a process used from `since` until it went idle (no CPU for 1 s)."""
    import time

    last = cpu_seconds(pid)
    while True:
        time.sleep(1.0)
        now = cpu_seconds(pid)
        if now - last < 0.03:
            return now - since
        last = now


def test_a_csv_download_cut_short_stops_being_made(tmp_path):
    """A reader who cancels a streamed CSV (or reads only its first bytes) made Datasette go
    on writing every row to nobody, a million on an archive, slowing every other page: once
    the client has hung up, the stream stops."""
    import subprocess
    import urllib.request

    from quotes.store import open_db

    from .test_browser import free_port, quotes_command, wait_until_up

    path = str(tmp_path / "quotes.db")
    open_db(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("insert into documents (id, key, text) values ('d', 'k', ?)", ["x" * 10])
        conn.executemany("insert into quotes (id, document_id, start, \"end\", text, type, part) "
                         "values (?, 'd', ?, ?, ?, 'direct', 1)",
                         ((f"d:{i}:{i + 1}", i, i + 1, f"words number {i} of a long archive") for i in range(40_000)))
    port = free_port()
    server = subprocess.Popen(quotes_command() + ["serve", path, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(server, base + "/-/versions.json")
        url = base + "/quotes/statements.csv?_stream=on&_dl=1"
        started = cpu_seconds(server.pid)
        with urllib.request.urlopen(url, timeout=300) as response:
            assert response.read().count(b"\n") > 40_000
        whole = idle_after(server.pid, started)
        started = cpu_seconds(server.pid)
        with urllib.request.urlopen(url, timeout=300) as response:
            assert response.read(100)
        cut = idle_after(server.pid, started)
        assert cut < whole / 4, (cut, whole)
        with urllib.request.urlopen(base + "/quotes/-/search?q=archive", timeout=60) as response:
            assert response.status == 200  # the site still answers
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
