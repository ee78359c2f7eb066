"""Datasette plugin: the site a newsroom keeps open. Registered through the `datasette`
entry point group in pyproject.toml; needs no serving flag.

- Pages of its own (register_routes), under each database: a speaker's profile
  (`/DB/-/speaker/ID`, and `/DB/-/speaker?name=…`), an article with its statements marked
  (`/DB/-/article/ID`), a quotation in every article that carries it (`/DB/-/quotation/ID`), one search over statements and speakers (`/DB/-/search?q=…`) and a
  dashboard (`/DB/-/dashboard`). Their templates are in quotes/site/templates/, with the
  overrides of Datasette's home and table pages; the style sheet is `/-/quotes-site.css`.
- The statements and in-context views open on a lean set of columns (a redirect adds
  `_col`; any `_col` or `_nocol` in the address keeps what the user chose).
- Cells (render_cell), only as HTML built from escaped parts: a speaker's name links to the
  profile, with a CSV of all their statements keyed by id; a title or a statement links to
  its place in the article; a quote id opens the quote in its paragraph; a statement's
  quotation says how far it travelled and where it was first seen, and opens its page;
  `quotes_in_context.context` is shown as HTML only if its sole tags are the <mark> pair.
"""

from __future__ import annotations

import functools
import os
import shlex
from dataclasses import dataclass
from typing import Callable
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from ..names import is_proper_name
from . import asgi, charts, counts, genders, pages, reader
from .filters import Filters
from .ids import row_id
from .links import web_url
from .words import printable

CONTEXT_VIEW = "quotes_in_context"
STATEMENTS_VIEW = "statements"
QUOTATIONS_VIEW = "repeated_quotations"
MARKS = ("<mark>", "</mark>")
HERE = os.path.dirname(__file__)
TEMPLATES = os.path.join(HERE, "templates")
CSS_PATH = "/-/quotes-site.css"
# The columns the listing views open on; the rest are one click away.
LEAN_COLUMNS = {
    STATEMENTS_VIEW: ["id", "statement", "part", "speaker", "text", "type", "cue", "addressee", "title",
                      "published", "source", "url", "document_id", "speaker_id",
                      "quotation_id"],
    CONTEXT_VIEW: ["id", "speaker", "context", "type", "cue", "title", "published", "source", "speaker_id",
                   "quotation_id"],
}
WHO_SHOWN = 15  # speakers drawn in a search's "who said it"
TYPE_COLOURS = {"direct": "#1f77b4", "indirect": "#ff7f0e", "mixed": "#2ca02c"}


# ---- addresses -------------------------------------------------------------------------


def speaker_url(datasette, database: str, speaker_id) -> str:
    return datasette.urls.database(database) + f"/-/speaker/{int(speaker_id)}"


def speaker_name_url(datasette, database: str, name: str) -> str:
    return datasette.urls.database(database) + "/-/speaker?" + urlencode({"name": name})


def article_url(datasette, database: str, document_id: str, start=None, end=None) -> str:
    url = datasette.urls.database(database) + "/-/article/" + tilde_encode(str(document_id))
    return url + (f"#{reader.anchor(start, end)}" if start is not None and end is not None else "")


def quote_place(datasette, database: str, quote_id: str) -> str | None:
    """The article address of a quote id (document id, start, end)."""
    parts = str(quote_id).rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return article_url(datasette, database, parts[0], int(parts[1]), int(parts[2]))


def quotation_url(datasette, database: str, quotation_id: str) -> str:
    return datasette.urls.database(database) + "/-/quotation/" + tilde_encode(str(quotation_id))


def speaker_csv_url(datasette, database: str, speaker_id) -> str:
    """Every statement of one speaker, keyed by id, streamed and downloaded."""
    return datasette.urls.table(database, STATEMENTS_VIEW, format="csv") + "?" + urlencode(
        {"speaker_id": int(speaker_id), "_stream": "on", "_dl": "1"})


def context_url(datasette, database: str, quote_id: str) -> str:
    return datasette.urls.table(database, CONTEXT_VIEW) + "?" + urlencode({"id": quote_id})


# ---- cells -----------------------------------------------------------------------------


def context_html(value: str) -> Markup:
    """The view's HTML, trusted only when its sole tags are the <mark> pair."""
    rest = value
    for tag in MARKS:
        rest = rest.replace(tag, "")
    html = escape(value) if "<" in rest or ">" in rest else Markup(value)
    return Markup('<div class="quote-context">{}</div>').format(html)


def _get(row, key):
    try:
        return row[key]
    except (KeyError, IndexError):
        return None


def _link(href: str, text, title: str | None = None, cls: str | None = None) -> Markup:
    return Markup('<a href="{}"{}{}>{}</a>').format(
        href, Markup(' title="{}"').format(title) if title else "",
        Markup(' class="{}"').format(cls) if cls else "", text)


def speaker_links(datasette, database: str, name: str, speaker_id=None) -> Markup:
    """The speaker's profile; with the id known, also all their statements as CSV."""
    if speaker_id is None:
        return _link(speaker_name_url(datasette, database, name), name, f"{name}: profile", "speaker")
    return Markup("{} <small>({})</small>").format(
        _link(speaker_url(datasette, database, speaker_id), name, f"{name}: profile", "speaker"),
        _link(speaker_csv_url(datasette, database, speaker_id), "CSV",
              f"Every statement by {name}, as CSV", "speaker-csv"))


def context_link(datasette, database: str, quote_id: str, text: str) -> Markup:
    return _link(context_url(datasette, database, quote_id), text, "Read this quote in its paragraph")


def _title_link(datasette, database, row, value) -> Markup | None:
    quote_id = _get(row, "id") or _get(row, "quote_id")
    href = quote_place(datasette, database, quote_id) if quote_id else None
    if href is None and _get(row, "document_id"):
        href = article_url(datasette, database, _get(row, "document_id"))
    if href is None:
        return None
    return _link(href, value if value else Markup("<em>untitled article</em>"), "Read the article", "article")


def travel_text(articles, first_seen, first_source, here: bool) -> str:
    """"also in 2 articles, first seen 2023-02-20 in Harbor Gazette": how far a statement's
    quotation travelled and where it was first seen (`here`: in this statement's article)."""
    others = max((articles or 1) - 1, 0)
    if not others:
        return "in no other article"
    also = f"also in {others:,} article{'s' if others != 1 else ''}"
    if here:
        return f"{also}, first seen here"
    date = (first_seen or "")[:10]
    where = " ".join(filter(None, [date, f"in {first_source}" if first_source else ""]))
    return f"{also}, first seen {where or 'in another article'}"


def travel_link(datasette, database: str, q, document_id: str | None = None) -> Markup:
    """The link from a statement to its quotation's page, saying how far it travelled."""
    here = document_id is not None and q["first_document_id"] == document_id
    text = travel_text(q["articles"], q["first_seen"], q["first_source"], here)
    return _link(quotation_url(datasette, database, q["id"]), text,
                 "Every article that carries this quotation, and where it was first seen", "quotation")


async def add_travels(datasette, database: str, db, items: list[dict]) -> None:
    """Each statement of a page (a dict with its quote `id`) gets its `travel` link."""
    found = await pages.quotations_of(db, [item["id"] for item in items])
    for item in items:
        if item["id"] in found:
            item["travel"] = travel_link(datasette, database, found[item["id"]], item["document_id"])


async def _travel_cell(datasette, database: str, quote_id, quotation_id) -> Markup | None:
    db = datasette.get_database(database)
    found = await pages.quotation_of(db, quote_id) if quote_id else None
    if found is None:
        found = await pages.quotation_summary(db, quotation_id)
        if found is None:
            return None
        return travel_link(datasette, database, found)
    return travel_link(datasette, database, found, found["document_id"])


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table == STATEMENTS_VIEW and column == "part" and isinstance(value, int):
        return Markup("") if value == 1 else Markup('<span class="part">part {}</span>').format(value)
    if table in (STATEMENTS_VIEW, CONTEXT_VIEW) and column == "quotation_id" and value:
        quote_id = _get(row, "id")
        return lambda: _travel_cell(datasette, database, quote_id, value)
    if table in ("quotations", QUOTATIONS_VIEW) and column == "id" and value:
        return _link(quotation_url(datasette, database, value), value, "This quotation in every article", "quotation")
    if table == QUOTATIONS_VIEW and column == "text" and value and _get(row, "id"):
        return _link(quotation_url(datasette, database, _get(row, "id")), value,
                     "This quotation in every article", "quotation")
    if table in ("quotations", QUOTATIONS_VIEW) and column == "first_document_id" and value:
        return _link(article_url(datasette, database, value), value, "The article it was first seen in", "article")
    if column == "title" and table in (CONTEXT_VIEW, STATEMENTS_VIEW, None):
        return _title_link(datasette, database, row, value)
    if table == "documents" and column == "title" and _get(row, "id"):
        return _link(article_url(datasette, database, row["id"]), value or Markup("<em>untitled</em>"),
                     "Read the article", "article")
    if not isinstance(value, str) or not value:
        return None
    if table == CONTEXT_VIEW and column == "context":
        return context_html(value)
    if table == STATEMENTS_VIEW and column == "text":
        href = quote_place(datasette, database, _get(row, "id") or "")
        more = Markup(' <a class="in-article" href="{}" title="This statement in the article">'
                      '&#8599;</a>').format(href) if href else ""
        return Markup('<div class="statement-text">{}{}</div>').format(value, more)
    if table == STATEMENTS_VIEW and column == "id":
        return context_link(datasette, database, value, "in context")
    if table == "speakers" and column == "name":
        return speaker_links(datasette, database, value, _get(row, "id"))
    if table == "speaker_stats" and column == "name":
        return speaker_links(datasette, database, value, _get(row, "speaker_id"))
    if table in (STATEMENTS_VIEW, CONTEXT_VIEW, QUOTATIONS_VIEW, None) and column == "speaker":
        return speaker_links(datasette, database, value, _get(row, "speaker_id"))
    if table in (STATEMENTS_VIEW, CONTEXT_VIEW, None) and column == "addressee":
        return speaker_links(datasette, database, value, _get(row, "addressee_id"))
    if table is None and column == "quote_id":
        return context_link(datasette, database, value, "in context")
    return None


# ---- templates, style, template variables ----------------------------------------------


@functools.lru_cache(maxsize=100_000)
def _proper_name(name) -> int:
    """names.is_proper_name for SQL, remembered: a query may ask it of every speaker row
    (5,000 on an archive of a million statements), and each page asks again."""
    return int(is_proper_name(name))


@hookimpl
def prepare_connection(conn):
    # the site's SQL asks the one rule of what a proper name is (pages.NAMED_PERSON)
    conn.create_function("is_proper_name", 1, _proper_name, deterministic=True)


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Our templates before Datasette's own (a --template-dir still comes first)."""
    paths = env.loader.loaders[0].searchpath
    if TEMPLATES not in paths:
        paths.insert(len(paths) - 1, TEMPLATES)


@hookimpl
def extra_css_urls():
    return [CSS_PATH]


async def _quotes_database(datasette, preferred: str | None = None) -> str | None:
    names = [n for n in datasette.databases if n != "_internal"]
    if preferred in names:
        names.insert(0, preferred)
    for name in names:
        if await pages.is_quotes_database(datasette.get_database(name)):
            return name
    return None


def table_links(request, table: str | None) -> dict:
    """Addresses for the table page: the lean and the full column sets, and every row as a
    streamed, downloaded CSV with every column."""
    if request is None:
        return {}
    args = parse_qsl(request.query_string, keep_blank_values=True)
    keep = [(k, v) for k, v in args if k not in ("_col", "_nocol", "_next", "_size", "_facet")]
    lean = LEAN_COLUMNS.get(table)
    path = request.path
    csv_path = path + ".csv" if not path.endswith(".csv") else path
    return {
        "lean": bool(lean) and [v for k, v in args if k == "_col"] == lean,
        "lean_url": path + "?" + urlencode(keep + [("_col", c) for c in lean]) if lean else None,
        "all_columns_url": path + "?" + urlencode(keep + [("_nocol", "quote_rowid")]) if lean else None,
        "csv_all_url": csv_path + "?" + urlencode(keep + [("_stream", "on"), ("_dl", "1")]),
    }


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    async def variables():
        listing = template == "table.html" and table in counts.STATEMENT_KEYS
        slow = template == SLOW_TEMPLATE  # reads nothing more: its page's queries ran out of time
        return {
            "quotes_db": database if slow else await _quotes_database(datasette, database),
            "table_links": table_links(request, table),
            "lean_columns": LEAN_COLUMNS,
            "statement_count": await counts.listing_count(datasette, request, database, table) if listing else None,
        }
    return variables


@hookimpl(hookwrapper=True)
def register_facet_classes():
    """Datasette's column facet, counting statements on the listings of quote rows."""
    outcome = yield
    outcome.force_result([[counts.StatementFacet if klass is ColumnFacet else klass for klass in classes]
                          for classes in outcome.get_result()])


# ---- lean listing pages ----------------------------------------------------------------


# Tables whose rows grow with the statements (a million each on a newsroom's archive, and
# the repeated quotations: 79,000): every facet of an unfiltered listing would run out of its
# time there, or nearly, after making the page wait for it, so on a large archive they open
# without facets, as the statements views do.
GROWING_TABLES = ("quotes", "quotations", "appearances", "repeated_quotations")


def redirected(path: str) -> bool:
    """Whether `lean_redirect` may send this address elsewhere (a listing page)."""
    parts = path.strip("/").split("/")
    return len(parts) == 2 and (parts[1] in LEAN_COLUMNS or parts[1] in GROWING_TABLES)


def lean_redirect(path: str, query_string: bytes, large: bool = False) -> str | None:
    """Where a bare listing view's address should go: the same with the lean columns; on a
    large archive (`large`), an unfiltered listing also without facets (each would time
    out, after making the page wait for it), also of the raw tables that grow with it."""
    if not redirected(path):
        return None
    table = path.strip("/").split("/")[1]
    args = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    unfiltered = all(key.startswith("_") and key not in ("_search", "_where") for key, _ in args)
    facets = any(k in ("_facet", "_nofacet") for k, _ in args)
    skip = [("_nofacet", "1")] if large and unfiltered and not facets else []
    if table not in LEAN_COLUMNS or any(key in ("_col", "_nocol") for key, _ in args):
        return path + "?" + urlencode(args + skip) if skip else None
    return path + "?" + urlencode(args + skip + [("_col", c) for c in LEAN_COLUMNS[table]])


FACETS_UP_TO = 100_000  # quotes: past this an unfiltered listing opens without facets


async def is_large(datasette, database: str) -> bool:
    try:
        rows = (await datasette.get_database(database).execute("select max(rowid) from quotes")).rows
    except Exception:  # not a quotes database: Datasette answers as usual
        return False
    return bool(rows and rows[0][0] and rows[0][0] > FACETS_UP_TO)


@hookimpl
def asgi_wrapper(datasette):
    async def redirect(scope):
        database = scope["path"].strip("/").split("/")[0]
        if database not in datasette.databases or not redirected(scope["path"]):
            return None
        return lean_redirect(scope["path"], scope.get("query_string", b""), await is_large(datasette, database))

    return lambda app: asgi.wrap(app, datasette, redirect)


# ---- pages -----------------------------------------------------------------------------


async def _database(datasette, request):
    name = request.url_vars["database"]
    if name not in datasette.databases or name == "_internal":
        raise NotFound(f"no database {name}")
    await datasette.ensure_permissions(request.actor, [("view-database", name), "view-instance"])
    db = datasette.get_database(name)
    if not await pages.is_quotes_database(db):
        raise NotFound(f"{name} holds no quotes")
    return name, db


async def _page(datasette, request, template: str, context: dict) -> Response:
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html)


SLOW_STATUS = 503  # Service Unavailable: the page may answer when tried again
SLOW_TEMPLATE = "quotes_slow.html"
NARROWER = {"dashboard": "choose an outlet or a few months", "search": "add a word to the search"}


def in_time(page):
    """A page whose query runs out of the time Datasette gives one (sql_time_limit_ms)
    answers with a page that says so, never with a server error."""
    @functools.wraps(page)
    async def answered(datasette, request):
        try:
            return await page(datasette, request)
        except QueryInterrupted:
            kind = request.path.rstrip("/").rsplit("/", 1)[-1]
            html = await datasette.render_template(SLOW_TEMPLATE, {
                "database": request.url_vars.get("database"),
                "seconds": f"{datasette.setting('sql_time_limit_ms') / 1000:g}",
                "again": request.full_path, "narrower": NARROWER.get(kind)}, request=request)
            return Response.html(html, status=SLOW_STATUS, headers={"Retry-After": "5"})
    return answered


async def speaker_page(datasette, request):
    name, db = await _database(datasette, request)
    sid = row_id(request.url_vars["id"])
    speaker = await pages.speaker_profile(db, sid) if sid is not None else None
    if speaker is None:
        raise NotFound("no such speaker")
    for item in speaker["latest"]:
        offset = item["start"] - item["context_start"]
        length = item["end"] - item["start"]
        text = item["paragraph"] or ""
        item["html"] = Markup("{}<mark>{}</mark>{}").format(
            text[:offset], text[offset:offset + length], text[offset + length:])
        item["href"] = article_url(datasette, name, item["document_id"], item["start"], item["end"])
    await add_travels(datasette, name, db, speaker["latest"])
    db_file = os.path.basename(db.path) if db.path else f"{name}.db"
    for other in speaker["same_surname"]:
        # the shorter name merges into the longer; a name that covers several rows is
        # written as #ID, which `quotes merge` reads as that one row
        old, new = sorted(((other["name"], other["id"]), (speaker["name"], speaker["id"])),
                          key=lambda n: (len(n[0].split()), len(n[0])))
        words = [n if await pages.names_one_speaker(db, n) else f"#{i}" for n, i in (old, new)]
        other["merge"] = "quotes merge " + " ".join(shlex.quote(w) for w in [db_file, *words])
    other_gender = "male" if speaker.get("gender") == "female" else "female"
    who = speaker["name"] if await pages.names_one_speaker(db, speaker["name"]) else f"#{speaker['id']}"
    return await _page(datasette, request, "quotes_speaker.html", {
        "database": name, "speaker": speaker,
        "gender_command": "quotes gender " + " ".join(shlex.quote(w) for w in [db_file, who, other_gender]),
        "by_month": charts.bars(speaker["by_month"]), "by_outlet": charts.bars(speaker["by_outlet"]),
        "cues": charts.bars(speaker["cues"]),
        "csv_url": speaker_csv_url(datasette, name, speaker["id"]),
        "statements_url": datasette.urls.table(name, STATEMENTS_VIEW) + "?" + urlencode(
            [("speaker_id", speaker["id"])] + [("_col", c) for c in LEAN_COLUMNS[STATEMENTS_VIEW]]),
        "speaker_url": lambda sid: speaker_url(datasette, name, sid),
        "article_url": lambda doc: article_url(datasette, name, doc),
    })


async def speaker_by_name(datasette, request):
    name, db = await _database(datasette, request)
    wanted = request.args.get("name", "")
    found = await pages.speakers_named(db, wanted) if wanted.strip() else []
    # straight to the profile when one speaker has the name, or the one whose name or alias
    # it is exactly is also the most quoted; else a choice, most statements first
    if len(found) == 1 or (found and found[0]["exact"] and not any(f["exact"] for f in found[1:])):
        return Response.redirect(speaker_url(datasette, name, found[0]["id"]))
    return await _page(datasette, request, "quotes_speaker_choice.html", {
        "database": name, "wanted": wanted, "found": found,
        "speaker_url": lambda sid: speaker_url(datasette, name, sid)})


async def article_page(datasette, request):
    name, db = await _database(datasette, request)
    document = await pages.article(db, tilde_decode(request.url_vars["id"]))
    if document is None:
        raise NotFound("no such article")
    colours = reader.speaker_colours(document["quotes"])
    link = lambda sid: speaker_url(datasette, name, sid)  # noqa: E731
    for q in document["quotes"]:
        if q.get("quotation_id"):
            q["travel"] = travel_link(datasette, name, dict(
                id=q["quotation_id"], articles=q["quotation_articles"], first_seen=q["first_seen"],
                first_source=q["first_source"], first_document_id=q["first_document_id"]), document["id"])
    people = {}
    for q in document["quotes"]:
        entry = people.setdefault(q["speaker_id"], {"id": q["speaker_id"], "name": q["speaker"], "count": 0,
                                                   "colour": colours.get(q["speaker_id"]), "first": q,
                                                   "statements": set()})
        entry["statements"].add(q["statement"])
    for entry in people.values():
        entry["count"] = len(entry.pop("statements"))
    heading = document["title"] or (document["text"].strip().split("\n")[0][:140] if document["text"] else "")
    return await _page(datasette, request, "quotes_article.html", {
        "database": name, "document": document, "heading": heading,
        "statements": len({q["statement"] for q in document["quotes"]}),
        "original_url": web_url(document["url"]),
        "paragraphs": reader.paragraphs(document["text"], document["quotes"], colours, link),
        "people": sorted(people.values(), key=lambda p: (-p["count"], p["name"] is None, p["name"] or "")),
        "speaker_url": link, "anchor": reader.anchor,
        "row_url": datasette.urls.row(name, "documents", tilde_encode(document["id"])),
    })


def statements_url(datasette, database: str, filters: list[tuple[str, str]], csv: bool = False) -> str:
    """The statements view with these filters: the lean columns, or every row as CSV."""
    if csv:
        return datasette.urls.table(database, STATEMENTS_VIEW, format="csv") + "?" + urlencode(
            filters + [("_stream", "on"), ("_dl", "1")])
    return datasette.urls.table(database, STATEMENTS_VIEW) + "?" + urlencode(
        filters + [("_col", c) for c in LEAN_COLUMNS[STATEMENTS_VIEW]])


def search_filters(query: str) -> list[tuple[str, str]]:
    """The statements view's own full-text search, given the query the search page ran."""
    return [("_search", query), ("_searchmode", "raw")]


async def quotation_page(datasette, request):
    name, db = await _database(datasette, request)
    wanted = tilde_decode(request.url_vars["id"])
    found = await pages.quotation(db, wanted)
    if found is None:
        current = await pages.current_quotation(db, wanted)
        if current and current != wanted:  # a longer version arrived since the link was made
            return Response.redirect(quotation_url(datasette, name, current))
        raise NotFound("no such quotation")
    for item in found["appearances"]:
        item["href"] = article_url(datasette, name, item["document_id"], item["start"], item["end"])
        item["first"] = item["document_id"] == found["first_document_id"]
    return await _page(datasette, request, "quotes_quotation.html", {
        "database": name, "q": found,
        "first_href": quote_place(datasette, name, found["first_quote_id"]),
        "speaker_url": lambda sid: speaker_url(datasette, name, sid),
        "repeated_url": datasette.urls.table(name, QUOTATIONS_VIEW),
        "statements_url": statements_url(datasette, name, [("quotation_id", found["id"])]),
    })


async def search_page(datasette, request):
    name, db = await _database(datasette, request)
    words = request.args.get("q", "")
    found = await pages.search(db, words)
    for item in found["statements"]:
        marked = str(escape(item["marked"] or ""))
        item["html"] = Markup(marked.replace(pages.HIT_OPEN, "<mark>").replace(pages.HIT_CLOSE, "</mark>"))
        item["href"] = article_url(datasette, name, item["document_id"], item["start"], item["end"])
    await add_travels(datasette, name, db, found["statements"])
    matching = search_filters(found["query"])
    for w in found["who"][:WHO_SHOWN]:
        who = [("speaker_id", str(w["id"]))] if w["id"] is not None else [("speaker_id__isnull", "1")]
        w["statements_url"] = statements_url(datasette, name, matching + who)
        w["csv_url"] = statements_url(datasette, name, matching + who, csv=True)
    return await _page(datasette, request, "quotes_search.html", {
        "database": name, "q": words, "found": found, "who": charts.bars(found["who"]),
        "all_url": statements_url(datasette, name, matching),
        "csv_url": statements_url(datasette, name, matching, csv=True),
        "speaker_url": lambda sid: speaker_url(datasette, name, sid),
    })


async def dashboard_page(datasette, request):
    name, db = await _database(datasette, request)
    filters = Filters.from_args(request.args)
    typed = printable(request.args.get("names", ""))[:500]
    chosen, unknown = [], []
    for wanted in [n.strip() for n in typed.replace(";", ",").split(",") if n.strip()]:
        found = await pages.speakers_named(db, wanted, limit=1)
        (chosen.append(found[0]["id"]) if found else unknown.append(wanted))
    if not typed.strip():
        chosen = [i for i in map(row_id, request.args.getlist("speaker")) if i is not None]
    chosen = list(dict.fromkeys(chosen))[:len(charts.PALETTE)]
    data = await pages.dashboard(db, chosen, filters)
    colour = {s["id"]: charts.colour(i) for i, s in enumerate(data["speakers"])}
    series = []
    for s in data["speakers"]:
        counts = {r["month"]: r["count"] for r in data["per_month"] if r["id"] == s["id"]}
        series.append((s["name"], colour[s["id"]], counts))
    by_outlet = {}
    for r in data["outlets"]:
        by_outlet.setdefault(r["outlet"], []).append(r)
    base = datasette.urls.database(name) + "/-/dashboard"
    keep = [("speaker", str(sid)) for sid in data["chosen"]]
    outlet_rows = []
    for outlet, parts in by_outlet.items():
        by_id = {p["sid"]: p["count"] for p in parts}
        segments = [{"name": s["name"], "colour": colour[s["id"]], "count": by_id.get(s["id"], 0)}
                    for s in data["speakers"]] + [{"name": "everyone else", "colour": "#e4e4e4",
                                                   "count": by_id.get(None, 0)}]
        total = sum(p["count"] for p in segments)
        only = Filters(outlet=outlet, since=filters.since, until=filters.until)
        outlet_rows.append({"outlet": outlet, "total": total, "segments": charts.shares(segments),
                            "href": only.url(base, keep) if outlet else None})
    outlet_rows.sort(key=lambda r: (-r["total"], r["outlet"]))
    month_rows = [{"month": m, "counts": [counts.get(m, 0) for _, _, counts in series],
                   "href": Filters(outlet=filters.outlet, since=m, until=m).url(base, keep)}
                  for m in data["months"]]
    types = charts.shares([dict(t, colour=TYPE_COLOURS.get(t["type"], charts.NO_SPEAKER)) for t in data["types"]])
    voices = await _voices(db, request, filters, base, keep, data["months"])
    choices = await pages.people_to_choose(db)
    missing = [s for s in data["speakers"] if s["id"] not in {c["id"] for c in choices}]
    return await _page(datasette, request, "quotes_dashboard.html", {
        "database": name, "data": data, "filters": filters, "typed": typed, "unknown": unknown,
        "chart": charts.month_lines(data["months"], series), "month_rows": month_rows,
        "legend": [(s, colour[s["id"]]) for s in data["speakers"]], "outlets": outlet_rows,
        "outlet_names": await pages.outlets(db), "top": charts.bars(data["top"]), "types": types,
        "choices": missing + choices, "clear_url": base, "voices": voices,
        "statements_url": statements_url(datasette, name, filters.statements_filters()),
        "speaker_url": lambda sid: speaker_url(datasette, name, sid),
        "speaker_statements_url": lambda sid: statements_url(
            datasette, name, [("speaker_id", str(sid))] + filters.statements_filters()),
    })


async def _voices(db, request, filters: Filters, base: str, keep: list, months: list[str]) -> dict | None:
    """The dashboard's women, men and unknown: overall, per outlet (ordered as
    `gender_sort` asks; an outlet's name shows that outlet alone) and per month (a month
    shows every outlet in that month); None for a database stored before genders."""
    if not await genders.has_genders(db):
        return None
    found = await genders.gender_counts(db, filters)
    if found is None:
        return {"slow": True}
    order = request.args.get("gender_sort", "")
    order = order if order in genders.SORTS else genders.SORTS[0]
    here = keep + ([("gender_sort", order)] if order != genders.SORTS[0] else [])
    outlets = genders.sort_outlets(genders.share_rows(found["outlet"]), order)
    for row in outlets:
        only = Filters(outlet=row["key"], since=filters.since, until=filters.until)
        row["href"] = only.url(base, here) + "#voices" if row["key"] else None
    by_month = {row["key"]: row for row in genders.share_rows(found["month"])}
    month_rows = [by_month.get(m) or genders.share_rows([{"key": m, "gender": "unknown", "statements": 0,
                                                          "people": 0}])[0] for m in months]
    for row in month_rows:
        row["href"] = Filters(since=row["key"], until=row["key"]).url(base, here) + "#voices"
    overall = genders.share_rows(found["all"])
    return {"overall": overall[0] if overall else None, "outlets": outlets, "months": month_rows,
            "order": order, "sort_urls": {s: filters.url(base, keep + [("gender_sort", s)]) + "#voices"
                                          for s in genders.SORTS},
            "labels": genders.LABELS, "colours": genders.COLOURS, "genders": genders.GENDERS}


async def not_found():
    raise NotFound("There is no page at this address.")


async def site_css():
    with open(os.path.join(HERE, "static", "quotes-site.css"), encoding="utf-8") as handle:
        return Response(handle.read(), content_type="text/css; charset=utf-8",
                        headers={"cache-control": "max-age=300"})


@dataclass(frozen=True)
class Page:
    """One page of the site's own, under each database."""

    path: str  # the address as a user writes it: DB the database, ID a row's id of `ids`
    route: str  # the regular expression Datasette routes, after /DB/-/
    view: Callable
    shows: str  # what the page shows, in a few words (the README's table of pages)
    ids: str | None = None  # the table whose ids fill ID (a test opens every page)


PAGES = (
    Page("/DB/-/speaker/ID", r"speaker/(?P<id>[0-9]+)$", speaker_page,
         "a speaker's profile: names, counts, months, outlets, cues, whom they spoke to, latest "
         "statements, possible duplicates", "speakers"),
    Page("/DB/-/speaker?name=NAME", r"speaker$", speaker_by_name,
         "the speaker of that name or alias (a choice when several have it)"),
    Page("/DB/-/article/ID", r"article/(?P<id>[^/]+)$", article_page,
         "an article with each statement marked in its speaker's colour", "documents"),
    Page("/DB/-/quotation/ID", r"quotation/(?P<id>[^/]+)$", quotation_page,
         "one quotation and every article that carries it, in the order published", "quotations"),
    Page("/DB/-/search?q=WORDS", r"search$", search_page,
         "statements whose words match, best first, and who said them"),
    Page("/DB/-/dashboard", r"dashboard$", dashboard_page,
         "statements by month, outlet, speaker, type and gender, within outlet and date filters"),
)


@hookimpl
def register_routes():
    db = r"^/(?P<database>[^/]+)/-/"
    return [(db + page.route, in_time(page.view)) for page in PAGES] + [
        (r"^" + CSS_PATH.replace(".", r"\.") + "$", site_css),
        (r"^" + asgi.NOT_FOUND_PATH + "$", not_found),
    ]
