"""The RSS 2.0 feed the district's reform office subscribes to, made with feedgen.

Feed readers keep what they have seen by GUID: ours come from the front matter's `ma`, so a
renamed file, a new title or a moved site never shows an item twice. The bytes depend only on the
content (no build time), so the same commit gives the same feed.
"""

from __future__ import annotations

import datetime as dt
import html
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

# feedgen itself requires lxml: using it here adds no dependency.
import lxml.html
from feedgen.feed import FeedGenerator
from lxml import etree

from ..content import Content
from ..site.addresses import FEED_URI
from .pages import BODY_MARKER

FEED_ITEMS = 20
"""The feed carries the newest entries only: a reader keeps the items it has already seen (by
GUID), so older ones need not be sent again, and the file stays small as the column grows."""


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    mime_type: str


@dataclass(frozen=True)
class FeedItem:
    guid: str
    title: str
    link: str
    """Absolute URL of the item's page."""
    published: dt.datetime
    summary: str
    content: str
    """Full HTML of the item, its links and image URLs already absolute."""
    categories: tuple[str, ...]
    enclosure: Enclosure | None


@dataclass(frozen=True)
class FeedChannel:
    title: str
    link: str
    description: str
    self_url: str


def mime_type(path: str) -> str:
    guessed, _ = mimetypes.guess_type(path, strict=False)
    return guessed or "application/octet-stream"


def absolute_html(fragment: str, base_url: str) -> str:
    """The HTML with every link and image URL resolved against `base_url` (a feed reader has no
    page to resolve `../anh/bia.png` against)."""
    if not fragment.strip():
        return ""
    holder = lxml.html.fragment_fromstring(fragment, create_parent="div")
    # Comments mean nothing to a reader, and one holding "]]>" could not go into CDATA.
    etree.strip_elements(holder, etree.Comment, with_tail=False)
    holder.make_links_absolute(base_url, resolve_base_href=False)
    # lxml hands back the leading text decoded: escape it again, or "&lt;b&gt;" would become a tag.
    inner = [html.escape(holder.text or "", quote=False)]
    inner += [lxml.html.tostring(child, encoding="unicode") for child in holder]
    return "".join(inner)


def rss(channel: FeedChannel, items: tuple[FeedItem, ...]) -> bytes:
    """RSS 2.0 bytes: items newest first; `lastBuildDate` is the newest item's date."""
    ordered = sorted(items, key=lambda item: (item.published, item.guid), reverse=True)
    feed = FeedGenerator()
    feed.title(channel.title)
    # feedgen writes the last non-self link as the channel's <link>: self first, then the site.
    feed.link(href=channel.self_url, rel="self", type="application/rss+xml")
    feed.link(href=channel.link, rel="alternate")
    feed.description(channel.description)
    feed.language("vi")
    for item in ordered:
        entry = feed.add_entry(order="append")
        entry.guid(item.guid, permalink=False)
        entry.title(item.title)
        entry.link(href=item.link)
        entry.pubDate(item.published)
        entry.description(item.summary)
        if item.content:
            entry.content(item.content, type="CDATA")
        for category in item.categories:
            entry.category(term=category)
        if item.enclosure:
            entry.enclosure(item.enclosure.url, str(item.enclosure.length), item.enclosure.mime_type)
    if ordered:
        feed.lastBuildDate(ordered[0].published)
    raw = feed.rss_str(pretty=True)
    if ordered:
        return raw
    # feedgen stamps an empty feed with the current time; the element is optional, so drop it.
    root = etree.fromstring(raw)
    for element in root.iterfind("channel/lastBuildDate"):
        element.getparent().remove(element)
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def column_feed(content: Content, site_url: str, url_of: Callable[[str], str], html_of: Callable[[str], str]) -> bytes:
    """The feed of the FEED_ITEMS newest published articles and practices.

    `url_of` gives the site-relative URL of a source file (a page or an image) and `html_of`
    the rendered HTML of a page: both come from the site engine, which alone knows them."""
    items = []
    entries = sorted(
        content.published_articles + content.published_practices,
        key=lambda entry: (entry.published, entry.id),
        reverse=True,
    )
    for entry in entries[:FEED_ITEMS]:
        link = urljoin(site_url, url_of(entry.src_uri))
        body = html_of(entry.src_uri).split(BODY_MARKER, 1)[-1]
        enclosure = None
        if entry.cover:
            cover_url = urljoin(site_url, url_of(entry.cover.path))
            enclosure = Enclosure(cover_url, entry.cover.size, mime_type(entry.cover.path))
        items.append(
            FeedItem(
                guid=entry.id,
                title=entry.title,
                link=link,
                published=entry.published,
                summary=entry.summary,
                content=absolute_html(body, link),
                categories=entry.categories,
                enclosure=enclosure,
            )
        )
    channel = FeedChannel(
        title=content.school.site_name,
        link=site_url,
        description=f"Bài viết, mô hình, giải pháp hay về cải cách hành chính của {content.school.name}.",
        self_url=urljoin(site_url, FEED_URI),
    )
    return rss(channel, tuple(items))
