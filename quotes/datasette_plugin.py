"""Datasette plugin: each quote readable in context, and every speaker's full export one
click away. Registered through the `datasette` entry point group in pyproject.toml.

It only renders cells, and only HTML it builds from escaped parts:
- `quotes_in_context.context` holds the paragraph, HTML-escaped by the view's SQL, with a
  <mark> around the quote; it is shown as HTML only if nothing but those two tags remains
  unescaped, else it is shown escaped like any other text;
- a document's title (in `statements` and `quotes_in_context`) links to the document, and
  `statements.text` gets room to be read;
- a quote's id (`statements.id`, or a `quote_id` column of a canned query) links to the
  quote in context;
- a speaker's name (`speakers.name`, or a `speaker` column of a canned query) links to the
  `statements` view filtered by that speaker, with a CSV link that streams every row (a
  canned query's own CSV stops at 1,000 rows).
"""

from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

CONTEXT_VIEW = "quotes_in_context"
STATEMENTS_VIEW = "statements"
MARKS = ("<mark>", "</mark>")


def context_html(value: str) -> Markup:
    """The view's HTML, trusted only when its sole tags are the <mark> pair."""
    rest = value
    for tag in MARKS:
        rest = rest.replace(tag, "")
    html = escape(value) if "<" in rest or ">" in rest else Markup(value)
    return Markup('<div class="quote-context" style="min-width: 28em">{}</div>').format(html)


def _get(row, key):
    try:
        return row[key]
    except (KeyError, IndexError):
        return None


def _link(href: str, text: str, title: str | None = None) -> Markup:
    if title:
        return Markup('<a href="{}" title="{}">{}</a>').format(href, title, text)
    return Markup('<a href="{}">{}</a>').format(href, text)


def speaker_links(datasette, database: str, name: str) -> Markup:
    """The speaker's statements in the view, and all of them as a streamed CSV."""
    page = datasette.urls.table(database, STATEMENTS_VIEW) + "?" + urlencode({"speaker": name})
    csv = datasette.urls.table(database, STATEMENTS_VIEW, format="csv") + "?" + urlencode(
        {"speaker": name, "_stream": "on"})
    return Markup("{} <small>({})</small>").format(
        _link(page, name, f"Every statement by {name}"),
        Markup('<a class="speaker-csv" href="{}" title="{}">CSV</a>').format(
            csv, f"Every statement by {name}, as CSV"),
    )


def context_link(datasette, database: str, quote_id: str, text: str) -> Markup:
    href = datasette.urls.table(database, CONTEXT_VIEW) + "?" + urlencode({"id": quote_id})
    return _link(href, text, "Read this quote in its paragraph")


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, str) or not value:
        return None
    if table == CONTEXT_VIEW and column == "context":
        return context_html(value)
    if table in (CONTEXT_VIEW, STATEMENTS_VIEW) and column == "title":
        document_id = _get(row, "document_id")
        if document_id:
            href = datasette.urls.row(database, "documents", tilde_encode(str(document_id)))
            return _link(href, value)
        return None
    if table == STATEMENTS_VIEW and column == "text":
        return Markup('<div style="min-width: 20em">{}</div>').format(value)
    if table == STATEMENTS_VIEW and column == "id":
        return context_link(datasette, database, value, value)
    if table == "speakers" and column == "name":
        return speaker_links(datasette, database, value)
    if table is None and column == "speaker":
        return speaker_links(datasette, database, value)
    if table is None and column == "quote_id":
        return context_link(datasette, database, value, "in context")
    return None
