"""The site on an archive built as benchmarks/site_scale.py builds a million statements (here
a few thousand, a tenth split by their attribution, some repeated across articles), and how the
benchmark tells one kind of page from another."""

import importlib.util
import os
import sqlite3

import pytest

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


def sql(path, query, params=()):
    with sqlite3.connect(path) as conn:
        return conn.execute(query, params).fetchall()


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
