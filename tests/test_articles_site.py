"""Articles, practices and the feed on real built sites: the fixture overlay plus generated test
articles (a draft, a future one, enough to paginate), read back with lxml and feedparser."""

from __future__ import annotations

import json
import logging
import posixpath
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from projects import apply_overlay, copy_project
from sitebuild import build_as_of, build_site, page

AS_OF = "2025-05-10"
SITE_URL = "https://cchc.example.org/mam-non/"
NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/"}
FIXTURE_ARTICLE = "docs/bai-viet/2025/bai-kiem-thu.md"
FIXTURE_GUID = "urn:uuid:00000000-0000-4000-8000-000000000001"


def overlay(project: Path) -> Path:
    return apply_overlay(project)


def article_text(day: str, name: str, *, extra: str = "", cover: bool = False) -> str:
    cover_lines = 'anh_bia: anh/bia-kiem-thu.png\nanh_bia_mo_ta: "Ảnh mẫu"\n' if cover else ""
    return (
        "---\n"
        f'ma: "urn:test:{name}"\n'
        f'tieu_de: "Bài kiểm thử {name}"\n'
        f"ngay_dang: {day}\n"
        "loai: tin_anh\n"
        f'tom_tat: "Tóm tắt {name}."\n'
        "tac_gia: Người kiểm thử\n"
        f"{cover_lines}{extra}"
        "---\n\nNội dung kiểm thử.\n"
    )


def add(project: Path, name: str, text: str, year: int = 2025) -> Path:
    path = project / "docs" / "bai-viet" / str(year) / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The overlay, ten more published articles (to paginate), a draft and a future article."""
    project = overlay(copy_project(tmp_path_factory.mktemp("articles") / "project"))
    for day in range(1, 11):
        add(project, f"tin-{day:02d}", article_text(f"2025-01-{day:02d}", f"tin-{day:02d}"))
    (project / "docs/bai-viet/2025/anh/bia-nhap.png").write_bytes(b"\x89PNG\r\n\x1a\nnhap")
    (project / "docs/bai-viet/2025/anh/hinh-nhap.png").write_bytes(b"\x89PNG\r\n\x1a\nhinh")
    add(
        project,
        "ban-nhap",
        article_text("2025-02-01", "ban-nhap", extra="ban_nhap: true\n").replace(
            "loai: tin_anh\n", 'loai: tin_anh\nanh_bia: anh/bia-nhap.png\nanh_bia_mo_ta: "Ảnh nháp"\n'
        )
        + "\n![Ảnh chỉ bài nháp dùng](anh/hinh-nhap.png)\n",
    )
    add(project, "hen-ngay", article_text("2025-05-11", "hen-ngay"))
    site, log = build_as_of(project, AS_OF, site_url=SITE_URL)
    return project, site, log


def feed_root(site: Path) -> etree._Element:
    return etree.fromstring((site / "feed.xml").read_bytes())


def test_feed_is_valid_rss_2(fixture_site):
    _, site, log = fixture_site
    assert not log.messages(logging.WARNING)
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert parsed.bozo is False or parsed.bozo == 0
    assert parsed.version == "rss20"
    assert len(parsed.entries) == 12


def test_feed_channel_elements(fixture_site):
    _, site, _ = fixture_site
    root = feed_root(site)
    assert root.tag == "rss" and root.get("version") == "2.0"
    [channel] = root.findall("channel")
    assert channel.findtext("title") == "Cải cách hành chính – Trường Mầm non Nguyễn Cư Trinh"
    assert channel.findtext("link") == SITE_URL
    assert channel.findtext("description").startswith("Bài viết, mô hình, giải pháp hay về cải cách hành chính")
    assert channel.findtext("language") == "vi"
    [self_link] = channel.findall("atom:link", NS)
    assert (self_link.get("rel"), self_link.get("href"), self_link.get("type")) == (
        "self",
        SITE_URL + "feed.xml",
        "application/rss+xml",
    )
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in channel.findall("item")]
    assert dates == sorted(dates, reverse=True)
    assert channel.findtext("lastBuildDate") == channel.find("item").findtext("pubDate")
    assert channel.findtext("lastBuildDate") == "Mon, 31 Mar 2025 23:30:00 +0700"


def test_feed_items_element_by_element(fixture_site):
    project, site, _ = fixture_site
    items = {item.findtext("guid"): item for item in feed_root(site).iter("item")}
    for item in items.values():
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("pubDate").endswith(" +0700")
        assert item.findtext("link").startswith(SITE_URL)
        assert item.findtext("title") and item.findtext("description")
    article = items[FIXTURE_GUID]
    assert article.findtext("link") == SITE_URL + "bai-viet/2025/bai-kiem-thu/"
    assert article.findtext("pubDate") == "Mon, 31 Mar 2025 23:30:00 +0700"
    assert [c.text for c in article.findall("category")] == [
        "Bài viết",
        "Công tác chỉ đạo, điều hành và truyền thông về CCHC",
    ]
    enclosure = article.find("enclosure")
    cover = project / "docs/bai-viet/2025/anh/bia-kiem-thu.png"
    assert enclosure.get("url") == SITE_URL + "bai-viet/2025/anh/bia-kiem-thu.png"
    assert int(enclosure.get("length")) == cover.stat().st_size
    assert enclosure.get("type") == "image/png"
    body = etree.HTML(article.findtext("content:encoded", namespaces=NS))
    links = body.xpath("//a/@href | //img/@src")
    assert SITE_URL + "ke-hoach/2025/#nv-1-11" in links
    assert SITE_URL + "bai-viet/2025/anh/bia-kiem-thu.png" in links
    assert all(link.startswith(SITE_URL) for link in links)
    assert body.xpath("string(//strong)") == "nội dung mẫu"
    assert not body.xpath("//h1"), "the title is the item's <title>, not repeated in its content"
    practice = items["urn:uuid:00000000-0000-4000-8000-000000000002"]
    assert practice.findtext("link") == SITE_URL + "mo-hinh/mo-hinh-kiem-thu/"
    assert practice.findtext("category") == "Mô hình, giải pháp hay"


def test_draft_and_future_article_are_absent_everywhere(fixture_site):
    _, site, _ = fixture_site
    guids = {item.findtext("guid") for item in feed_root(site).iter("item")}
    assert "urn:test:ban-nhap" not in guids and "urn:test:hen-ngay" not in guids
    assert "urn:test:tin-01" in guids
    for name in ("ban-nhap", "hen-ngay"):
        assert not (site / f"bai-viet/2025/{name}").exists()
        for listing in (
            "bai-viet/index.html",
            "bai-viet/trang/2/index.html",
            "bai-viet/2025/index.html",
            "bai-viet/loai/tin-anh/index.html",
            "bai-viet/2025/quy-1/index.html",
            "bai-viet/2025/quy-2/index.html",
            "sitemap.xml",
        ):
            assert name not in (site / listing).read_text(encoding="utf-8"), listing
        assert name not in (site / "search/search_index.json").read_text(encoding="utf-8")
    assert not (site / "bai-viet/2025/anh/bia-nhap.png").exists()
    assert not (site / "bai-viet/2025/anh/hinh-nhap.png").exists()
    assert (site / "bai-viet/2025/anh/bia-kiem-thu.png").exists()


def test_serve_shows_drafts_marked_as_such(fixture_site, tmp_path, monkeypatch):
    project, _, _ = fixture_site
    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "serve"), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    for name in ("ban-nhap", "hen-ngay"):
        doc = page(tmp_path / "serve", f"bai-viet/2025/{name}/index.html")
        assert doc.xpath("string(//div[contains(@class,'admonition')]/p[@class='admonition-title'])") == "Bản nháp"
    assert (
        "chưa có trên trang web xuất bản"
        in page(tmp_path / "serve", "bai-viet/2025/hen-ngay/index.html").text_content()
    )


def test_article_page_shows_date_authors_kind_and_task_links(fixture_site):
    _, site, _ = fixture_site
    doc = page(site, "bai-viet/2025/bai-kiem-thu/index.html")
    article = doc.xpath("//article")[0]
    assert article.xpath("string(.//h1)") == "Bài mẫu để kiểm thử giao diện (không phải bài thật)"
    facts = [" ".join(li.text_content().split()) for li in article.xpath("./ul[1]/li")]
    assert facts[:3] == ["Ngày đăng: 31/03/2025 lúc 23:30", "Loại: Bài viết", "Người viết: Người kiểm thử"]
    [task] = article.xpath(".//li[starts-with(normalize-space(.),'Phục vụ nhiệm vụ')]/a")
    assert (task.text, task.get("href")) == ("1.11", "../../../ke-hoach/2025/#nv-1-11")
    assert doc.xpath("string(//title)").startswith("Bài mẫu để kiểm thử giao diện")
    assert doc.xpath("string(//meta[@name='description']/@content)").startswith("Bài mẫu chỉ dùng trong kiểm thử")
    [cover] = article.xpath(".//img[contains(@class,'cchc-article__cover')]")
    assert cover.get("alt") == "Ảnh mẫu một màu xanh, dùng để kiểm thử"
    assert (site / "bai-viet/2025/anh/bia-kiem-thu.png").is_file()


def test_articles_list_paginates_newest_first_with_cover_summary_and_date(fixture_site):
    _, site, _ = fixture_site
    first = page(site, "bai-viet/index.html")
    titles = first.xpath("//article//h2/a/text()")
    assert len(titles) == 10
    assert titles[0] == "Bài mẫu để kiểm thử giao diện (không phải bài thật)"
    assert titles[1:] == [f"Bài kiểm thử tin-{day:02d}" for day in range(10, 1, -1)]
    assert first.xpath("string(//p[@class='cchc-card__meta'][1])") == "Đăng ngày 31/03/2025 · Bài viết"
    assert first.xpath("//article//img[@class='cchc-card__cover']/@src") == ["2025/anh/bia-kiem-thu.png"]
    assert "Bài mẫu chỉ dùng trong kiểm thử tự động" in first.text_content()
    assert first.xpath("//p[contains(@class,'cchc-pagination')]//a/@href") == ["trang/2/"]
    second = page(site, "bai-viet/trang/2/index.html")
    assert second.xpath("//article//h2/a/text()") == ["Bài kiểm thử tin-01"]
    assert second.xpath("//p[contains(@class,'cchc-pagination')]//a/@href") == ["../../"]


def test_archives_by_year_quarter_and_kind(fixture_site):
    _, site, _ = fixture_site
    # Archives are paginated like the list: 11 articles make a page of 10 and a page of 1.
    year = page(site, "bai-viet/2025/index.html")
    assert len(year.xpath("//article//h2/a")) == 10
    assert year.xpath("//article//ul/li/a/@href") == ["quy-1/", "quy-2/", "quy-3/", "quy-4/"]
    assert year.xpath("//p[contains(@class,'cchc-pagination')]//a/@href") == ["trang/2/"]
    assert page(site, "bai-viet/2025/trang/2/index.html").xpath("//article//h2/a/text()") == ["Bài kiểm thử tin-01"]
    quarter = page(site, "bai-viet/2025/quy-1/index.html")
    assert len(quarter.xpath("//article//h2/a")) == 10
    assert quarter.xpath("//p[contains(@class,'cchc-pagination')]//a/@href") == ["trang/2/"]
    assert len(page(site, "bai-viet/2025/quy-1/trang/2/index.html").xpath("//article//h2/a")) == 1
    assert (
        "Chưa có bài viết nào được đăng trong quý này." in page(site, "bai-viet/2025/quy-2/index.html").text_content()
    )
    kind = page(site, "bai-viet/loai/tin-anh/index.html")
    assert len(kind.xpath("//article//h2/a")) == 10
    assert (
        "Chưa có bài nào thuộc loại “Video” được đăng." in page(site, "bai-viet/loai/video/index.html").text_content()
    )


def test_quarter_tracker_on_the_articles_page(fixture_site):
    _, site, _ = fixture_site
    rows = page(site, "bai-viet/index.html").xpath("//table[@class='cchc-quarters']/tbody/tr")
    cells = [[" ".join(cell.text_content().split()) for cell in row] for row in rows]
    assert cells[0] == ["Quý I/2025", "01/01/2025 – 31/03/2025", "11", "Đã đạt"]
    assert cells[1] == ["Quý II/2025", "01/04/2025 – 30/06/2025", "0", "Đang diễn ra, còn 52 ngày"]
    assert rows[0].xpath("th/a/@href") == ["2025/quy-1/"]


def test_practices_page_and_practice_page(fixture_site):
    _, site, _ = fixture_site
    cards = page(site, "mo-hinh/index.html")
    assert cards.xpath("//article//h2/a/@href") == ["mo-hinh-kiem-thu/"]
    assert "Tình trạng: Đang áp dụng" in " ".join(cards.text_content().split())
    practice = page(site, "mo-hinh/mo-hinh-kiem-thu/index.html")
    assert practice.xpath("//article//li/a[contains(@href,'#linh-vuc-1')]/@href") == ["../../ke-hoach/2025/#linh-vuc-1"]
    article = page(site, "bai-viet/2025/bai-kiem-thu/index.html")
    assert article.xpath("//li[starts-with(normalize-space(.),'Giới thiệu mô hình')]/a/@href") == [
        "../../../mo-hinh/mo-hinh-kiem-thu/"
    ]


def test_articles_stay_out_of_the_sidebar(fixture_site):
    _, site, _ = fixture_site
    home = page(site, "index.html")
    nav = home.xpath("//nav[contains(@class,'md-nav--primary')]")[0]
    hrefs = nav.xpath(".//a/@href")
    assert "bai-viet/" in hrefs and "mo-hinh/" in hrefs
    assert not [href for href in hrefs if href.startswith("bai-viet/2025")]


def test_feed_autodiscovery_on_every_page(fixture_site):
    _, site, _ = fixture_site
    for path in ("index.html", "ke-hoach/2025/index.html", "bai-viet/2025/bai-kiem-thu/index.html", "404.html"):
        [link] = page(site, path).xpath("//head/link[@rel='alternate'][@type='application/rss+xml']")
        assert link.get("href").endswith("feed.xml")
    assert page(site, "bai-viet/2025/bai-kiem-thu/index.html").xpath(
        "//head/link[@type='application/rss+xml']/@href"
    ) == ["../../../feed.xml"]


def test_guids_survive_a_rename_and_a_new_title(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    project = overlay(copy_project(tmp_path / "project"))
    before, _ = build_site(project, tmp_path / "before", site_url=SITE_URL)
    old = project / FIXTURE_ARTICLE
    text = old.read_text(encoding="utf-8").replace("Bài mẫu để kiểm thử giao diện", "Tiêu đề đã sửa")
    old.unlink()
    (project / "docs/bai-viet/2025/ten-moi-sau-khi-doi.md").write_text(text, encoding="utf-8")
    after, _ = build_site(project, tmp_path / "after", site_url="https://moved.example.net/")

    def items(site: Path) -> dict[str, tuple[str, str]]:
        return {i.findtext("guid"): (i.findtext("title"), i.findtext("link")) for i in feed_root(site).iter("item")}

    old_items, new_items = items(before), items(after)
    assert set(old_items) == set(new_items) == {FIXTURE_GUID, "urn:uuid:00000000-0000-4000-8000-000000000002"}
    assert new_items[FIXTURE_GUID] == (
        "Tiêu đề đã sửa (không phải bài thật)",
        "https://moved.example.net/bai-viet/2025/ten-moi-sau-khi-doi/",
    )
    assert old_items[FIXTURE_GUID][1] == SITE_URL + "bai-viet/2025/bai-kiem-thu/"


def test_feed_bytes_are_deterministic(fixture_site, tmp_path, monkeypatch):
    project, site, _ = fixture_site
    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    again, _ = build_site(project, tmp_path / "again", site_url=SITE_URL)
    for name in ("feed.xml", "bai-viet/index.html", "bai-viet/2025/bai-kiem-thu/index.html", "mo-hinh/index.html"):
        assert (site / name).read_bytes() == (again / name).read_bytes(), name


def test_bad_article_stops_the_build_and_keeps_the_last_site(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    project = overlay(copy_project(tmp_path / "project"))
    site, _ = build_site(project)
    good = (site / "feed.xml").read_bytes()
    path = project / FIXTURE_ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("loai: bai_viet", "loai: bai_bao"), encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    assert (site / "feed.xml").read_bytes() == good
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("loai:"))
    assert f'docs/bai-viet/2025/bai-kiem-thu.md:{line}: "loai" không hợp lệ: "bai_bao"' in error


def test_real_site_shows_honest_empty_states(built_site):
    _, site, log = built_site
    articles = page(site, "bai-viet/index.html")
    assert "Chưa có bài viết nào được đăng." in articles.text_content()
    assert not articles.xpath("//article//h2/a")
    states = [
        " ".join(row.xpath("string(td[3])").split())
        for row in articles.xpath("//table[@class='cchc-quarters']/tbody/tr")
    ]
    assert states == ["Chưa đạt"] * 4
    assert "Chưa có mô hình, giải pháp hay nào được đăng." in page(site, "mo-hinh/index.html").text_content()
    root = feed_root(site)
    assert root.findall("channel/item") == [] and root.find("channel/lastBuildDate") is None
    assert any("Quý I/2025" in message and "không chặn xuất bản" in message for message in log.messages())
    assert not log.messages(logging.WARNING)


def test_preview_build_without_directory_urls_links_quarters_to_html_files(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    project = overlay(copy_project(tmp_path / "project"))
    site, log = build_site(project, use_directory_urls=False)
    assert not log.messages(logging.WARNING)
    doc = page(site, "bai-viet/index.html")
    assert doc.xpath("//table[@class='cchc-quarters']//a/@href") == ["2025/quy-1.html"]
    assert (site / "bai-viet/2025/quy-1.html").is_file()


def test_open_graph_contract_page_meta_of_articles_and_practices(tmp_path, monkeypatch):
    """The parents' Open Graph partial reads page.meta title, description and image."""
    seen: dict[str, dict] = {}

    class Spy(BasePlugin):
        def on_page_context(self, context, *, page, config, nav):
            seen[page.file.src_uri] = dict(page.meta)
            return context

    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    project = overlay(copy_project(tmp_path / "project"))
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins["spy"] = Spy()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    article = seen["bai-viet/2025/bai-kiem-thu.md"]
    assert article["title"] == "Bài mẫu để kiểm thử giao diện (không phải bài thật)"
    assert article["description"] == "Bài mẫu chỉ dùng trong kiểm thử tự động; nhà trường chưa đăng bài viết nào."
    assert article["image"] == "bai-viet/2025/anh/bia-kiem-thu.png"
    assert seen["mo-hinh/mo-hinh-kiem-thu.md"]["image"] == "mo-hinh/anh/bia-mo-hinh-kiem-thu.png"


def test_staff_text_stays_text_in_generated_pages(tmp_path, monkeypatch):
    """A title with * and [ ], or a summary that starts like a heading, is shown as written."""
    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    project = overlay(copy_project(tmp_path / "project"))
    path = project / FIXTURE_ARTICLE
    text = path.read_text(encoding="utf-8")
    text = text.replace(text.split("tieu_de: ", 1)[1].split("\n", 1)[0], '"Học *phí* [quý I] #1"', 1)
    text = text.replace(
        text.split("tom_tat: ", 1)[1].split("\n", 1)[0], '"# Không phải tiêu đề, 1. không phải danh sách"', 1
    )
    path.write_text(text, encoding="utf-8")
    site, _ = build_site(project)
    listing = page(site, "bai-viet/index.html")
    assert len(listing.xpath("//article//h1")) == 1
    assert "Học *phí* [quý I] #1" in [" ".join(h.text_content().split()) for h in listing.xpath("//article//h2")]
    assert "# Không phải tiêu đề, 1. không phải danh sách" in listing.xpath("string(//article)")
    article = page(site, "bai-viet/2025/bai-kiem-thu/index.html")
    assert [" ".join(h.text_content().split()) for h in article.xpath("//article//h1")] == ["Học *phí* [quý I] #1"]


def test_home_page_shows_the_newest_articles_or_says_there_are_none(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    empty = copy_project(tmp_path / "real")
    site, _ = build_site(empty)
    section = page(site, "index.html").get_element_by_id("bai-viet-moi-nhat").getparent()
    assert "Nhà trường chưa đăng bài viết nào trong chuyên mục." in section.text_content()
    project = overlay(copy_project(tmp_path / "project"))
    for day in range(1, 5):
        add(project, f"tin-{day:02d}", article_text(f"2025-04-{day:02d}", f"tin-{day:02d}"))
    site, _ = build_site(project)
    home = page(site, "index.html")
    links = home.xpath("//h2[@id='bai-viet-moi-nhat']/following-sibling::ul[1]/li//a")
    assert [a.get("href") for a in links] == ["bai-viet/2025/tin-04/", "bai-viet/2025/tin-03/", "bai-viet/2025/tin-02/"]
    assert home.xpath("//a[text()='Xem tất cả bài viết']/@href") == ["bai-viet/"]


def test_sent_to_names_the_supervising_body_of_that_day(tmp_path, monkeypatch):
    """Until 30/06/2025 the school reported to Quận 1's committee, since 01/07/2025 to the ward."""
    monkeypatch.setenv("CCHC_AS_OF", "2025-09-01")
    project = copy_project(tmp_path / "project")
    add(project, "gui-quan", article_text("2025-05-02", "gui-quan", extra="ngay_gui: 2025-05-10\n"))
    add(project, "gui-phuong", article_text("2025-07-20", "gui-phuong", extra="ngay_gui: 2025-08-01\n"))
    site, _ = build_site(project)

    def sent(name: str) -> str:
        doc = page(site, f"bai-viet/2025/{name}/index.html")
        return next(
            " ".join(li.text_content().split()) for li in doc.xpath("//article//li") if "Đã gửi" in li.text_content()
        )

    assert sent("gui-quan") == "Đã gửi BCĐ CCHC Quận 1: 10/05/2025"
    assert sent("gui-phuong") == "Đã gửi Ủy ban nhân dân phường Cầu Ông Lãnh: 01/08/2025"


def test_list_pages_stay_out_of_the_search_index(fixture_site):
    _, site, _ = fixture_site
    locations = {
        doc["location"].split("#")[0]
        for doc in json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]
    }
    assert "bai-viet/2025/bai-kiem-thu/" in locations
    listed = {"bai-viet/", "bai-viet/trang/2/", "bai-viet/2025/", "bai-viet/2025/quy-1/", "bai-viet/loai/tin-anh/"}
    assert all((site / path / "index.html").is_file() for path in listed)
    assert not locations & listed


def test_tasks_of_one_plan_share_one_line_and_a_practice_links_its_articles(tmp_path):
    """An article serving 1.11 and 1.12 says so once; dated in a year without a published plan,
    it says so; the practice it presents lists it."""
    from projects import overlay_project  # noqa: PLC0415

    project = overlay_project(tmp_path / "project")
    source = project / "docs/bai-viet/2025/bai-kiem-thu.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace('nhiem_vu: ["1.11"]', 'nhiem_vu: ["1.11", "1.12"]'), encoding="utf-8"
    )
    later = project / "docs/bai-viet/2026/bai-nam-sau.md"
    later.parent.mkdir()
    later.write_text(
        source.read_text(encoding="utf-8")
        .replace("00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-0000000000aa")
        .replace("ngay_dang: 2025-03-31 23:30", "ngay_dang: 2026-01-05")
        .replace("anh/bia-kiem-thu.png", "../2025/anh/bia-kiem-thu.png"),
        encoding="utf-8",
    )
    site, _ = build_as_of(project, "2026-02-01", tmp_path / "site")
    doc = page(site, "bai-viet/2025/bai-kiem-thu/index.html")
    served = [
        " ".join(li.text_content().split())
        for li in doc.xpath("//article/ul[1]/li[starts-with(normalize-space(.),'Phục vụ')]")
    ]
    assert served == ["Phục vụ nhiệm vụ: 1.11, 1.12 của kế hoạch CCHC năm 2025"]
    doc = page(site, "bai-viet/2026/bai-nam-sau/index.html")
    served = [
        " ".join(li.text_content().split())
        for li in doc.xpath("//article/ul[1]/li[starts-with(normalize-space(.),'Phục vụ')]")
    ]
    assert served == [
        "Phục vụ nhiệm vụ: 1.11, 1.12 của kế hoạch CCHC năm 2025 (nhà trường chưa công bố kế hoạch năm 2026)"
    ]
    practice = page(site, "mo-hinh/mo-hinh-kiem-thu/index.html")
    [about] = practice.xpath("//article/ul[1]/li[starts-with(normalize-space(.),'Bài viết về mô hình')]")
    assert [a.get("href") for a in about.iter("a")] == [
        "../../bai-viet/2026/bai-nam-sau/",
        "../../bai-viet/2025/bai-kiem-thu/",
    ]


LIST_PAGES = (
    "bai-viet/index.html",
    "bai-viet/trang/2/index.html",
    "bai-viet/2025/index.html",
    "bai-viet/2025/quy-1/index.html",
    "bai-viet/loai/tin-anh/index.html",
)


def sidebar_toc(doc) -> list[tuple[str, str]]:
    """(href, text) of each entry of Material's table of contents, the right-hand sidebar."""
    entries = doc.xpath("//div[@data-md-type='toc']//a[@class='md-nav__link']")
    return [(a.get("href"), " ".join(a.text_content().split())) for a in entries]


def test_list_pages_link_each_card_to_its_article_and_list_their_headings_in_the_sidebar(fixture_site):
    """List pages are written as HTML by the core: each card's link must reach the article's built
    page, and the sidebar must list the page's headings (the h1's children) with their ids."""
    _, site, _ = fixture_site
    for path in LIST_PAGES:
        doc = page(site, path)
        cards = doc.xpath("//article//h2[@data-search-exclude]")
        assert cards, path
        for card in cards:
            href = card.xpath("a/@href")[0]
            assert href.endswith("/") and not href.startswith(("/", "http")), (path, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href, "index.html"))
            assert target.startswith("bai-viet/2025/") and (site / target).is_file(), (path, href)
            title = page(site, target).xpath("string(//article//h1)")
            assert " ".join(title.split()) == card.text_content(), (path, href)
        headings = doc.xpath("//article//h2")
        ids = [heading.get("id") for heading in headings]
        assert all(ids) and len(set(ids)) == len(ids), path
        assert sidebar_toc(doc) == [("#" + h.get("id"), " ".join(h.text_content().split())) for h in headings], path


def test_staff_text_stays_text_on_list_pages_and_their_anchors_can_be_linked(tmp_path, monkeypatch):
    """A title or summary with <script>, &, *stars* and [brackets] is plain text on the list, in
    its heading, its id and the sidebar; a page may link a list page's section (strict build)."""
    monkeypatch.setenv("CCHC_AS_OF", AS_OF)
    project = overlay(copy_project(tmp_path / "project"))
    title = "<script>alert(1)</script> & *sao* [ngoặc] R&amp;D"
    path = project / FIXTURE_ARTICLE
    text = path.read_text(encoding="utf-8")
    text = text.replace(text.split("tieu_de: ", 1)[1].split("\n", 1)[0], json.dumps(title), 1)
    text = text.replace(text.split("tom_tat: ", 1)[1].split("\n", 1)[0], json.dumps("Tóm <b>tắt</b> & *x* [y]"), 1)
    text += "\nXem thêm [các bài theo năm](../index.md#xem-theo-nam-va-theo-loai).\n"
    path.write_text(text, encoding="utf-8")
    site, log = build_site(project)
    assert not log.messages(logging.WARNING)
    listing = page(site, "bai-viet/index.html")
    assert not listing.xpath("//article//script | //article//h2//b | //article//em | //article//p/b")
    card = listing.xpath("//article//h2[@data-search-exclude]")[0]
    assert card.text_content() == title
    assert card.get("id") == "script-alert-1-script-sao-ngoac-r-amp-d"
    assert card.xpath("a/@href") == ["2025/bai-kiem-thu/"]
    assert ("#script-alert-1-script-sao-ngoac-r-amp-d", title) in sidebar_toc(listing)
    assert "Tóm <b>tắt</b> & *x* [y]" in listing.xpath("//article//p/text()")
    article = page(site, "bai-viet/2025/bai-kiem-thu/index.html")
    assert article.xpath("//article//a[text()='các bài theo năm']/@href") == ["../../#xem-theo-nam-va-theo-loai"]
