"""Web pages: one document a page, its article text as extracted by trafilatura (no menus,
teasers, footers or scripts), with the page's title, date, author, URL and site name."""

from __future__ import annotations

import logging
import re
from typing import IO, Iterator

from ..model import Document
from .base import STDIN, Fields, Notes, Reader, checked, one_document, read_whole
from .decode import binary_problem
from .error import ReadError

MIN_ARTICLE_WORDS = 10  # an HTML page whose article text is shorter has no article
# lxml (libxml2) stops building the tree below this depth, and the article is lost there.
MAX_HTML_DEPTH = 255
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
         b"param", b"source", b"track", b"wbr", b"p", b"li", b"option"}

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())  # no "discarding data" on stderr


def sniff_html(head: bytes, fields: Fields) -> bool:
    return head.lower().startswith((b"<!doctype html", b"<html"))


def read_html(stream: IO[bytes], where: str, fields: Fields, notes: Notes) -> Iterator[Document | ReadError]:
    data = read_whole(stream, where)
    if isinstance(data, ReadError):
        yield data
        return
    doc_id, path = ("stdin", None) if where == STDIN else (where, where)
    yield _page(data, where, doc_id, path, notes)


def _page(data: bytes, where: str, doc_id: str, path: str | None, notes: Notes) -> Document | ReadError:
    if not data.strip():
        return ReadError(where, "empty file")
    problem = binary_problem(data)
    if problem:
        return ReadError(where, problem)
    import trafilatura

    try:
        page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                           favor_precision=True)
    except Exception as error:  # a parser failure is this file's problem, not the run's
        return ReadError(where, f"cannot parse this HTML ({type(error).__name__}: {error})")
    text = (getattr(page, "text", None) or "").strip() if page is not None else ""
    if sum(1 for word in text.split() if any(c.isalnum() for c in word)) < MIN_ARTICLE_WORDS:
        depth = nesting_depth(data)
        if depth > MAX_HTML_DEPTH:
            return ReadError(where, f"HTML nested too deeply to parse ({depth:,} levels; the "
                                    f"parser stops at {MAX_HTML_DEPTH})")
        return ReadError(where, "no article text found in this HTML page")
    document = Document(
        id=doc_id, text=text, title=_meta(page, "title"), url=_meta(page, "url"),
        published=_meta(page, "date"), source=_meta(page, "sitename") or _meta(page, "hostname"),
        author=_meta(page, "author"), path=path,
    )
    return checked(document, where, notes)


def nesting_depth(data: bytes) -> int:
    """The deepest nesting of elements in a page, roughly (elements that need no end tag
    do not count)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(data):
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _meta(page, name: str) -> str | None:
    value = getattr(page, name, None)
    if not value:
        return None
    return " ".join(str(value).split())[:1000] or None


HTML = Reader(name="html", suffixes=(".html", ".htm"), sniff=sniff_html, read=read_html,
              count=one_document, whole=True,
              documents="one a page: the article text (trafilatura: no menus, teasers, footers, comments or "
                        "scripts), with the page's title, date, author, canonical URL and site name",
              example="<!doctype html><html><head><title>Bridge to open in May</title></head><body>"
                      "<nav><a href='/'>Home</a></nav><article><h1>Bridge to open in May</h1>"
                      "<p>The new bridge over the Alder river will open to traffic in May, two years "
                      "after the first stone was laid on the eastern bank.</p>"
                      "<p>“We will build it, and we will build it well,” said Lena Ortiz, the mayor of "
                      "Norvale, at a meeting of the town council on Monday evening.</p></article>"
                      "<footer>All rights reserved</footer></body></html>")
