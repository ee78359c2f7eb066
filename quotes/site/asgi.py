"""What the site does to requests and responses on their way through Datasette:

- an address no route serves answers 404 (Datasette 0.65.5 turns those into a 500 when the
  `rich` package is installed: its error page prints a traceback that does not exist);
- every CSV response has its formula cells neutralised and, downloaded, is named after
  the speaker or the search it holds (csvfiles.py);
- a CSV whose reader hangs up stops being made: Datasette would otherwise go on streaming
  every row (a million on a large archive) to nobody, slowing every other page.
"""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl, unquote

from .csvfiles import SafeCells, file_name, is_csv_path
from .ids import row_id

NOT_FOUND_PATH = "/-/quotes-not-found"
NAMED_TABLES = ("statements", "quotes_in_context")


def request_path(scope) -> str:
    raw = scope.get("raw_path")
    path = raw.decode("latin-1") if raw else scope["path"]
    return path.partition("?")[0]


def unrouted(routes, scope) -> bool:
    """No route serves this address, and Datasette would not redirect it (a trailing
    slash, a %-encoded name)."""
    path = request_path(scope)
    if path.endswith("/") or "%" in path:
        return False
    return not any(regex.match(path) for regex, _ in routes)


def to_not_found(scope) -> dict:
    return dict(scope, path=NOT_FOUND_PATH, raw_path=NOT_FOUND_PATH.encode("ascii"), query_string=b"")


async def download_name(datasette, scope) -> str | None:
    """The file name for a downloaded CSV of statements: the speaker's name and the search
    words it is filtered by; None for any other CSV (Datasette's name stays)."""
    parts = unquote(request_path(scope)).strip("/").split("/")
    if len(parts) != 2 or not parts[1].endswith(".csv"):
        return None
    database, table = parts[0], parts[1][:-len(".csv")]
    if table not in NAMED_TABLES or database not in datasette.databases:
        return None
    args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    named = []
    for key, value in args:
        if key in ("speaker_id", "speaker_id__exact"):
            sid = row_id(value)
            if sid is not None:
                rows = (await datasette.get_database(database).execute(
                    "select name from speakers where id = ?", [sid])).rows
                named += [rows[0][0]] if rows else []
        elif key in ("speaker", "speaker__exact"):
            named.append(value)
    named += [value for key, value in args if key == "_search"]
    return file_name(table, named) if named else None


class ClientGone(BaseException):
    """The client hung up before the response was whole. Not an Exception: Datasette would
    catch that, try to write it into the CSV and then render an error page for nobody."""

    def __str__(self):
        return "the client hung up"


def watched(receive):
    """(receive, gone, task): a `receive` that hands the app what the client sends, read by
    a task of its own, and an event set once the client has hung up."""
    gone = asyncio.Event()
    messages: asyncio.Queue = asyncio.Queue()

    async def watch():
        while True:
            message = await receive()
            messages.put_nowait(message)
            if message["type"] == "http.disconnect":
                gone.set()
                return

    return messages.get, gone, asyncio.ensure_future(watch())


def csv_sender(send, name: str | None, gone: asyncio.Event | None = None):
    """A `send` that rewrites a CSV response: formula cells neutralised, the download named;
    once the client is `gone`, sending raises ClientGone, which ends Datasette's stream."""
    cells = SafeCells()
    state = {"csv": False}

    async def sending(message):
        if gone is not None and gone.is_set():
            raise ClientGone()
        if message["type"] == "http.response.start":
            headers = list(message.get("headers") or [])
            kinds = [v for k, v in headers if k.lower() == b"content-type"]
            state["csv"] = bool(kinds) and kinds[0].split(b";")[0].strip() in (b"text/csv", b"text/plain")
            if state["csv"]:
                headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                if name:
                    headers = [(k, v if k.lower() != b"content-disposition"
                                else f'attachment; filename="{name}"'.encode("ascii")) for k, v in headers]
            message = dict(message, headers=headers)
        elif message["type"] == "http.response.body" and state["csv"]:
            body = cells.feed(message.get("body", b""))
            if not message.get("more_body", False):
                body += cells.close()
            message = dict(message, body=body)
        await send(message)

    return sending


def wrap(app, datasette, redirect):
    """The site's ASGI layer around Datasette; `await redirect(scope)` gives an address to
    send a GET to instead (the lean listing pages), or None."""
    routes = []

    async def site(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        if scope.get("method") == "GET":
            target = await redirect(scope)
            if target:
                await send({"type": "http.response.start", "status": 302,
                            "headers": [(b"location", target.encode("latin-1")),
                                        (b"content-type", b"text/plain")]})
                await send({"type": "http.response.body", "body": b""})
                return
        if not routes:
            routes.extend(datasette._routes())
        if unrouted(routes, scope):
            scope = to_not_found(scope)
        elif is_csv_path(request_path(scope)):
            receive, gone, watcher = watched(receive)
            send = csv_sender(send, await download_name(datasette, scope), gone)
            try:
                await app(scope, receive, send)
            except ClientGone:
                pass  # nothing is left to answer
            finally:
                watcher.cancel()
            return
        await app(scope, receive, send)

    return site
