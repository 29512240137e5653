"""Links between the site's pages, computed in the core because MkDocs does not rewrite the links
inside raw HTML blocks: a link written as a docs path (`bai-viet/2025/abc.md#muc`) becomes the
relative URL that works from the page that shows it."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

EXTERNAL_SCHEMES = ("http://", "https://")

SiteTargets = Mapping[str, frozenset[str] | None]
"""Every path in the site a link may point to (docs files and generated files, see
`cchc.site.sitepaths`), each with the fragments its page is known to have, or None where they
are not checked."""


@dataclass(frozen=True)
class SiteLink:
    """A path in the site as staff write it: a file under `docs/` (or a generated one), plus an
    optional fragment."""

    path: str
    fragment: str


def is_external(link: str) -> bool:
    return link.lower().startswith(EXTERNAL_SCHEMES)


def has_other_scheme(link: str) -> bool:
    """`mailto:`, `ftp://`, `javascript:`...: neither a web address nor a path in the site."""
    head = link.split("/", 1)[0]
    return ":" in head and not is_external(link)


def site_link(link: str) -> SiteLink | None:
    """Split a site-internal link into a normalised docs path and a fragment; None when the path
    leaves the site (`../x.md`) or is empty."""
    path, _, fragment = link.partition("#")
    path = path.split("?", 1)[0].lstrip("/")
    if not path:
        return None
    normal = posixpath.normpath(path)
    if normal.startswith("..") or normal == ".":
        return None
    return SiteLink(normal + ("/" if path.endswith("/") else ""), fragment)


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) where MkDocs publishes a docs file."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        if directory_urls:
            return f"{folder}/" if folder else ""
        return f"{folder}/index.html" if folder else "index.html"
    if directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def relative_url(target: str, from_url: str) -> str:
    """`target` (a URL relative to the site root) as seen from the page at `from_url`."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or not target:
        relative = relative.rstrip("/") + "/"
        if relative == "./":
            return "./"
    return relative


def source_link(target: str, from_src_uri: str) -> str:
    """A Markdown link from one source file to another (MkDocs checks it and rewrites it)."""
    return posixpath.relpath(target, posixpath.dirname(from_src_uri) or ".")


def href(link: str, from_src_uri: str, directory_urls: bool = True) -> str:
    """The href of a staff-written link on the page built from `from_src_uri`: external addresses
    unchanged, docs paths as relative URLs that work without MkDocs rewriting them."""
    if is_external(link):
        return link
    parsed = site_link(link)
    if parsed is None:
        return link
    target = relative_url(page_url(parsed.path, directory_urls), page_url(from_src_uri, directory_urls))
    return target + (f"#{parsed.fragment}" if parsed.fragment else "")


def absolute_url(link: str, site_url: str, directory_urls: bool = True) -> str:
    """A staff-written link as a full address (for open data read outside the site)."""
    if is_external(link):
        return link
    parsed = site_link(link)
    if parsed is None:
        return link
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + page_url(parsed.path, directory_urls) + (f"#{parsed.fragment}" if parsed.fragment else "")
