"""Which addresses from the data a page may turn into links: only web addresses.

A record's `url` comes from a corpus someone else wrote. A browser strips leading and
trailing spaces and control characters from an `href` and drops tabs and line breaks
inside it, so "  java\tscript:…" runs as script; `web_url` reads the address the way a
browser will and accepts it only when its scheme is http or https and it names a host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
_EDGES = re.compile(r"^[\x00-\x20\x7f-\x9f]+|[\x00-\x20\x7f-\x9f]+$")
_INSIDE = re.compile(r"[\t\n\r]")


def web_url(value: object) -> str | None:
    """The address to link to when `value` is an http(s) address, else None (show it as
    text)."""
    if not isinstance(value, str):
        return None
    address = _INSIDE.sub("", _EDGES.sub("", value))
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in address) or " " in address:
        return None
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return None
    return address
