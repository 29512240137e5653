"""The feed builder on its own: ordering, dates, absolute links, an empty feed."""

from __future__ import annotations

import datetime as dt

import feedparser
from lxml import etree

from cchc.articles.feed import Enclosure, FeedChannel, FeedItem, absolute_html, mime_type, rss
from cchc.base.dates import VIETNAM

CHANNEL = FeedChannel("Kênh", "https://example.org/", "Mô tả", "https://example.org/feed.xml")


def item(guid: str, published: dt.datetime) -> FeedItem:
    return FeedItem(
        guid, f"Bài {guid}", f"https://example.org/{guid}/", published, "Tóm tắt", "<p>x</p>", ("Bài viết",), None
    )


def test_relative_links_and_images_become_absolute():
    html = '<p><a href="../../ke-hoach/2025/#nv-1-11">nv</a> <img src="../anh/a.png" alt="a"></p><p><a href="#muc">m</a></p>'
    assert absolute_html(html, "https://example.org/bai-viet/2025/bai/") == (
        '<p><a href="https://example.org/bai-viet/ke-hoach/2025/#nv-1-11">nv</a> '
        '<img src="https://example.org/bai-viet/2025/anh/a.png" alt="a"></p>'
        '<p><a href="https://example.org/bai-viet/2025/bai/#muc">m</a></p>'
    )
    assert absolute_html("", "https://example.org/") == ""


def test_comments_are_dropped_so_cdata_always_holds_the_body():
    body = absolute_html("<p>a<!-- ghi chú ]]> --> b</p><!-- x -->", "https://example.org/")
    assert body == "<p>a b</p>"
    raw = rss(
        CHANNEL,
        (FeedItem("g", "T", "https://example.org/g/", dt.datetime(2025, 1, 1, tzinfo=VIETNAM), "S", body, (), None),),
    )
    assert etree.fromstring(raw).findtext("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded") == body


def test_items_newest_first_and_last_build_date_is_the_newest_item():
    older = item("a", dt.datetime(2025, 1, 1, tzinfo=VIETNAM))
    newer = item("b", dt.datetime(2025, 3, 31, 23, 30, tzinfo=VIETNAM))
    raw = rss(CHANNEL, (older, newer))
    assert raw == rss(CHANNEL, (newer, older))
    channel = etree.fromstring(raw).find("channel")
    assert [i.findtext("guid") for i in channel.iter("item")] == ["b", "a"]
    assert channel.findtext("lastBuildDate") == "Mon, 31 Mar 2025 23:30:00 +0700"


def test_date_only_item_is_vietnam_midnight_not_utc():
    raw = rss(CHANNEL, (item("a", dt.datetime(2025, 4, 1, tzinfo=VIETNAM)),))
    [entry] = feedparser.parse(raw).entries
    assert entry.published == "Tue, 01 Apr 2025 00:00:00 +0700"
    assert entry.published_parsed[:4] == (2025, 3, 31, 17)  # feedparser normalises to UTC


def test_empty_feed_has_no_build_time():
    raw = rss(CHANNEL, ())
    assert b"lastBuildDate" not in raw
    parsed = feedparser.parse(raw)
    assert not parsed.bozo and parsed.version == "rss20"
    assert raw == rss(CHANNEL, ())


def test_enclosure_and_mime_types():
    with_cover = FeedItem(
        "a",
        "A",
        "https://example.org/a/",
        dt.datetime(2025, 1, 1, tzinfo=VIETNAM),
        "s",
        "",
        (),
        Enclosure("https://example.org/a.jpg", 1234, mime_type("a.jpg")),
    )
    enclosure = etree.fromstring(rss(CHANNEL, (with_cover,))).find("channel/item/enclosure")
    assert enclosure.attrib == {"url": "https://example.org/a.jpg", "length": "1234", "type": "image/jpeg"}
    assert mime_type("bia.svg") == "image/svg+xml" and mime_type("bia.webp") == "image/webp"


def test_leading_text_stays_escaped_in_the_feed_content():
    fragment = 'Ghi &lt;script&gt; &amp; chữ <p>Đoạn <a href="x/">x</a></p>'
    assert absolute_html(fragment, "https://example.org/") == (
        'Ghi &lt;script&gt; &amp; chữ <p>Đoạn <a href="https://example.org/x/">x</a></p>'
    )
