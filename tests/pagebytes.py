"""Bytes a page costs before its first paint, measured on a built site (deterministic).

A page needs its HTML, the stylesheets linked in its <head> and any script that is neither
`defer` nor `async` nor a module before the browser can paint it; sizes are gzip level 9, as a
server compressing its responses sends them."""

from __future__ import annotations

import gzip
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html

HTML_BUDGET = 10 * 1024
FIRST_PAINT_BUDGET = 65 * 1024


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


@dataclass(frozen=True)
class PageBytes:
    path: str
    html: int
    """Gzipped size of the HTML."""
    first_paint: int
    """Gzipped size of the HTML and every stylesheet and blocking script it needs to paint."""
    blocking: tuple[str, ...]
    """Site paths of those stylesheets and scripts."""


def page_bytes(site: Path, path: str) -> PageBytes:
    """`path` is the page's URL path on the site (`/`, `/ke-hoach/2025/`, `/404.html`)."""
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    raw = file.read_bytes()
    doc = html.fromstring(raw)
    base = posixpath.dirname("/" + file.relative_to(site).as_posix())
    needed = doc.xpath("//head/link[@rel='stylesheet']/@href")
    needed += [
        script.get("src")
        for script in doc.xpath("//script[@src]")
        if script.get("defer") is None and script.get("async") is None and script.get("type") != "module"
    ]
    blocking = []
    for href in needed:
        target = urlsplit(href)
        assert not target.scheme and not target.netloc, f"{path}: {href} is not on the site"
        blocking.append(posixpath.normpath(posixpath.join(base, target.path)))
    total = gzipped(raw) + sum(gzipped((site / item.lstrip("/")).read_bytes()) for item in blocking)
    return PageBytes(path, gzipped(raw), total, tuple(blocking))
