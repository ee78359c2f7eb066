"""Addresses from the data become links only when they are web addresses (F26: a corpus
record's `javascript:` url ran as script from the article reader's "original" link)."""

import json
import re
import subprocess

import pytest

from quotes.site.links import web_url

from .build import quotes_command
from .test_datasette import make_datasette

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(2)",
    "  javascript:alert(3)",
    "\x01javascript:alert(4)",
    "java\tscript:alert(5)",
    "java\nscript:alert(6)",
    "data:text/html,<script>alert(7)</script>",
    "vbscript:msgbox(8)",
    "//evil.example/path",
    "http:alert(9)",
    "https://",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_only_web_addresses_are_links(value):
    assert web_url(value) is None


@pytest.mark.parametrize("value, expected", [
    ("https://example.com/news/1", "https://example.com/news/1"),
    ("  HTTP://Example.com/a?b=1#c\n", "HTTP://Example.com/a?b=1#c"),
    ("https://example.com/\"onmouseover=x", "https://example.com/\"onmouseover=x"),
])
def test_web_addresses_are_kept(value, expected):
    assert web_url(value) == expected


@pytest.mark.asyncio
async def test_article_page_links_no_script_url(tmp_path):
    corpus = tmp_path / "feed.jsonl"
    records = [{"id": str(i), "title": f"Story {i}", "url": url,
                "text": f"Harbour news {i}.\n\n\u201cWe will win,\u201d said Jane Doe."}
               for i, url in enumerate(HOSTILE + ["https://example.com/story"])]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "links.db"
    done = subprocess.run(quotes_command() + ["ingest", str(db), str(corpus), "--silent"],
                          capture_output=True, text=True)
    assert done.returncode in (0, 3), done.stderr
    ds = make_datasette(str(db))
    documents = (await ds.client.get("/links/documents.json?_shape=array&_col=url&_size=max")).json()
    assert len(documents) == len(records)
    linked = 0
    for document in documents:
        page = await ds.client.get(f"/links/-/article/{document['id']}")
        assert page.status_code == 200
        hrefs = re.findall(r'href="([^"]*)"', page.text)
        assert not [h for h in hrefs if re.sub(r"[\x00-\x20]", "", h).lower().startswith(
            ("javascript", "vbscript", "data:", "file:", "//"))], hrefs
        if document["url"] == "https://example.com/story":
            assert 'href="https://example.com/story"' in page.text
            linked += 1
        else:
            assert 'class="original"' not in page.text
    assert linked == 1
