"""Site tests for the parents' features: real builds in temporary folders, read with lxml."""

from __future__ import annotations

import logging
import re
import shutil
from urllib.parse import urlsplit

import pytest
from lxml import etree
from mkdocs.exceptions import Abort

from projects import apply_overlay, overlay_project
from sitebuild import build_site, page

SITE_URL = "https://cchc.example.edu.vn/"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The project with the fixture Q&A overlaid, built for a public address."""
    project = overlay_project(tmp_path_factory.mktemp("parents-site") / "project")
    site, log = build_site(project, site_url=SITE_URL)
    return project, site, log


def meta(doc, name):
    values = doc.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
    assert len(values) == 1, name
    return values[0]


def html_pages(site):
    """The public pages: not assets, and not the staff editor (/quan-tri/, never shared)."""
    return sorted(path for path in site.rglob("*.html") if not {"assets", "quan-tri"} & set(path.parts))


def test_every_page_has_link_preview_tags_with_an_existing_absolute_image(fixture_site):
    _, site, _ = fixture_site
    for path in html_pages(site):
        doc = page(site, str(path.relative_to(site)))
        if path.name == "404.html":
            continue
        assert meta(doc, "og:locale") == "vi_VN"
        assert meta(doc, "og:site_name") == "Cải cách hành chính – Trường Mầm non Nguyễn Cư Trinh"
        assert meta(doc, "twitter:card") == "summary_large_image"
        assert meta(doc, "og:title") and meta(doc, "og:description")
        url = meta(doc, "og:url")
        expected = SITE_URL + str(path.relative_to(site).parent).replace(".", "").strip("/")
        assert url.rstrip("/") == expected.rstrip("/")
        image = meta(doc, "og:image")
        assert image.startswith(SITE_URL)
        assert (site / urlsplit(image).path.lstrip("/")).is_file()


def test_channels_page_preview_uses_its_own_title_and_description(fixture_site):
    _, site, _ = fixture_site
    doc = page(site, "phan-anh/index.html")
    assert meta(doc, "og:title") == "Phản ánh, kiến nghị"
    assert meta(doc, "og:description").startswith("Cách gửi phản ánh, kiến nghị đến Trường Mầm non Nguyễn Cư Trinh")
    assert meta(doc, "og:url") == SITE_URL + "phan-anh/"
    assert meta(doc, "og:image") == SITE_URL + "assets/cchc-chia-se.png"
    assert meta(doc, "og:type") == "article"
    assert meta(page(site, "index.html"), "og:type") == "website"


def test_default_share_image_is_a_1200x630_png(fixture_site):
    _, site, _ = fixture_site
    raw = (site / "assets" / "cchc-chia-se.png").read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")) == (1200, 630)


def test_a_page_with_a_cover_uses_it_for_the_preview(project):
    (project / "docs" / "gioi-thieu").mkdir()
    shutil.copy(project / "docs" / "assets" / "cchc-chia-se.png", project / "docs" / "gioi-thieu" / "bia.png")
    (project / "docs" / "gioi-thieu" / "mau.md").write_text(
        "---\ntitle: Bài viết thử\ndescription: Mô tả thử.\nimage: gioi-thieu/bia.png\n---\n\n# Bài viết thử\n\n![Bìa](bia.png)\n",
        encoding="utf-8",
    )
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("  - Sơ đồ trang: so-do-trang.md\n", "  - Sơ đồ trang: so-do-trang.md\n  - gioi-thieu/mau.md\n"),
        encoding="utf-8",
    )
    site, _ = build_site(project, site_url=SITE_URL)
    doc = page(site, "gioi-thieu/mau/index.html")
    assert (meta(doc, "og:title"), meta(doc, "og:description")) == ("Bài viết thử", "Mô tả thử.")
    assert meta(doc, "og:image") == SITE_URL + "gioi-thieu/bia.png"
    assert meta(doc, "og:image:alt") == "Bài viết thử"
    assert not doc.xpath("//meta[@property='og:image:width']")


def test_real_channels_page_hides_unset_school_channels_and_shows_the_city(built_site):
    _, site, log = built_site
    doc = page(site, "phan-anh/index.html")
    article = doc.xpath("//article")[0]
    text = " ".join(article.text_content().split())
    assert "Nhà trường đang cập nhật số điện thoại, thư điện tử" in text
    assert not article.xpath(".//a[starts-with(@href,'mailto:')]")
    assert article.xpath(".//a[@href='tel:1022']/text()") == ["1022"]
    assert article.xpath(".//a[@href='https://1022.tphcm.gov.vn']/text()") == ["1022.tphcm.gov.vn"]
    assert "15 ngày làm việc" in text
    assert "ẩn danh" in text
    [task] = article.xpath(".//a[contains(@href,'ke-hoach/2025/#nv-1-12')]")
    assert task.get("href") == "../ke-hoach/2025/#nv-1-12"
    [note] = [m for m in log.messages() if "Kênh phản ánh của nhà trường" in m]
    assert "Zalo OA" in note and "hòm thư góp ý" in note


def test_set_channels_appear_with_working_links(project):
    identity = project / "docs" / "don-vi.yaml"
    text = identity.read_text(encoding="utf-8")
    text = text.replace("\ndien_thoai:\n", "\ndien_thoai: 028 3836 1234\n").replace(
        "\nemail:\n", "\nemail: truong@example.edu.vn\n"
    )
    text = text.replace("\ndia_chi:\n", "\ndia_chi: Số 1 đường Thử, phường Thử\n")
    identity.write_text(text, encoding="utf-8")
    channels = project / "docs" / "phan-anh" / "kenh.yaml"
    channels.write_text(
        channels.read_text(encoding="utf-8")
        .replace("zalo_oa:\n", "zalo_oa: https://zalo.me/123\n")
        .replace("gio_tiep:\n", "gio_tiep: Thứ Hai – thứ Sáu, 7 giờ 30 – 16 giờ 30\n"),
        encoding="utf-8",
    )
    site, log = build_site(project)
    article = page(site, "phan-anh/index.html").xpath("//article")[0]
    links = {a.get("href"): a.text_content() for a in article.xpath(".//ul[@class='cchc-channels'][1]//a")}
    assert links["tel:+842838361234"] == "028 3836 1234"
    assert (
        links[
            "mailto:truong@example.edu.vn?subject=Ph%E1%BA%A3n%20%C3%A1nh%2C%20ki%E1%BA%BFn%20ngh%E1%BB%8B%20g%E1%BB%ADi%20Tr%C6%B0%E1%BB%9Dng%20M%E1%BA%A7m%20non%20Nguy%E1%BB%85n%20C%C6%B0%20Trinh"
        ]
        == "truong@example.edu.vn"
    )
    assert links["https://zalo.me/123"]
    assert "Số 1 đường Thử, phường Thử; Thứ Hai – thứ Sáu" in article.text_content()
    footer = " ".join(page(site, "index.html").xpath("string(//div[contains(@class,'cchc-footer')])").split())
    assert "Địa chỉ: Số 1 đường Thử, phường Thử" in footer and "Điện thoại: 028 3836 1234" in footer
    assert "Chịu trách nhiệm" not in footer  # unset: omitted
    [note] = [m for m in log.messages() if "Kênh phản ánh của nhà trường" in m]
    assert "Zalo" not in note and "hòm thư góp ý" in note


def test_qa_page_lists_newest_first_by_topic_with_figures(fixture_site):
    _, site, _ = fixture_site
    doc = page(site, "phan-anh/hoi-dap/index.html")
    headings = [h.get("id") for h in doc.xpath("//article//h3")]
    assert headings == ["hd-2025-3", "hd-2025-2", "hd-2025-1"]
    [row] = doc.xpath("//table[contains(@class,'cchc-qa-figures')]/tbody/tr")
    # Question no. 3, received 08/05/2025, is still pending long after its 15-working-day deadline:
    # it counts as not answered in time (2 of 3) and in the "Quá hạn chưa trả lời" column.
    assert [cell.text_content() for cell in row] == ["2025", "3", "2", "5", "5", "67%", "1"]
    assert doc.xpath("//table[contains(@class,'cchc-qa-figures')]/thead//th[last()]/text()") == ["Quá hạn chưa trả lời"]
    caption = doc.xpath("string(//table[contains(@class,'cchc-qa-figures')]/caption)")
    assert (
        "Tỷ lệ trả lời trong 15 ngày làm việc tính trên các câu hỏi đã trả lời và các câu hỏi đã quá hạn mà chưa trả lời"
        in caption
    )
    topics = [strong.text for strong in doc.xpath("//h2[@id='theo-chu-de']/following-sibling::p/strong")]
    assert topics == ["Học phí, các khoản thu", "Thủ tục hành chính", "Nội dung khác"]
    [task] = doc.xpath("//a[contains(@href,'#nv-3-4')]")
    assert task.get("href") == "../../ke-hoach/2025/#nv-3-4"


@pytest.mark.parametrize(
    ("as_of", "state", "figures"),
    [
        ("2025-05-20", "Đang xử lý, còn 7 ngày làm việc", ["100%", "0"]),
        ("2025-06-10", "Đang xử lý, đã quá hạn 8 ngày làm việc", ["67%", "1"]),
    ],
)
def test_a_pending_question_shows_its_deadline_state(project, monkeypatch, as_of, state, figures):
    apply_overlay(project)
    monkeypatch.setenv("CCHC_AS_OF", as_of)
    site, _ = build_site(project)
    doc = page(site, "phan-anh/hoi-dap/index.html")
    [status] = doc.xpath(
        "//h3[@id='hd-2025-3']/following-sibling::div[@class='cchc-qa'][1]//span[contains(@class,'cchc-status')]"
    )
    assert status.text_content() == state
    assert ("cchc-status--qua_han" in status.get("class")) == (figures[1] == "1")
    [answered] = doc.xpath(
        "//h3[@id='hd-2025-1']/following-sibling::div[@class='cchc-qa'][1]/p[@class='cchc-qa__meta']"
    )
    assert answered.text_content().endswith("Đã trả lời ngày 10/03/2025 (5 ngày làm việc)")
    [row] = doc.xpath("//table[contains(@class,'cchc-qa-figures')]/tbody/tr")
    assert [cell.text_content() for cell in row][-2:] == figures


def test_html_in_a_question_is_text(fixture_site):
    _, site, _ = fixture_site
    raw = (site / "phan-anh" / "hoi-dap" / "index.html").read_text(encoding="utf-8")
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in raw or "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in raw
    doc = page(site, "phan-anh/hoi-dap/index.html")
    assert not [s for s in doc.xpath("//article//script")]


def test_real_qa_page_says_honestly_that_nothing_is_published(built_site):
    _, site, _ = built_site
    doc = page(site, "phan-anh/hoi-dap/index.html")
    assert doc.xpath("string(//p[@class='cchc-qa-empty'])") == "Nhà trường chưa công bố câu hỏi và trả lời nào."
    assert not doc.xpath("//table")


def test_private_name_stops_the_build_with_a_masked_message(project, tmp_path, monkeypatch, caplog):
    apply_overlay(project)
    names = tmp_path / "ten-rieng-tu.txt"
    names.write_text("Trần Thị Bích\n", encoding="utf-8")
    monkeypatch.setenv("CCHC_PRIVATE_NAMES", str(names))
    path = project / "docs" / "phan-anh" / "hoi-dap" / "2025.yaml"
    text = path.read_text(encoding="utf-8").replace("phụ huynh không cần đến trường.", "chị Trần Thị Bích gọi lại.")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "Trần Thị Bích" in row)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert (
        f'docs/phan-anh/hoi-dap/2025.yaml:{line}: câu hỏi số 1: "tra_loi" có họ tên cần giữ kín "T*** T*** B***"'
        in error
    )
    assert "Trần Thị Bích" not in error


def test_headings_ids_and_urls_have_no_diacritics(project):
    (project / "docs" / "danh-gia.md").write_text("# Đánh giá\n\n## Đường dây nóng và Ước lượng\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("  - Sơ đồ trang: so-do-trang.md\n", "  - Sơ đồ trang: so-do-trang.md\n  - danh-gia.md\n"),
        encoding="utf-8",
    )
    site, _ = build_site(project)
    doc = page(site, "danh-gia/index.html")
    assert [h.get("id") for h in doc.xpath("//article//h1 | //article//h2")] == [
        "danh-gia",
        "duong-day-nong-va-uoc-luong",
    ]


def test_no_url_carries_diacritics_or_the_old_district(fixture_site):
    _, site, _ = fixture_site
    for path in site.rglob("*"):
        assert re.fullmatch(r"[a-z0-9./_\-]*", path.relative_to(site).as_posix()), path
    for path in html_pages(site):
        doc = page(site, str(path.relative_to(site)))
        for ref in doc.xpath("//a/@href | //link/@href | //*/@id"):
            assert "quan-1" not in ref, (path, ref)


def test_sitemap_page_and_sitemap_xml_use_the_site_url(fixture_site):
    _, site, _ = fixture_site
    doc = page(site, "so-do-trang/index.html")
    links = [(a.text_content(), a.get("href")) for a in doc.xpath("//article//li/a")]
    assert links == [
        ("Trang chủ", "../"),
        ("Kế hoạch cải cách hành chính", "../ke-hoach/"),
        ("Kế hoạch cải cách hành chính năm 2025", "../ke-hoach/2025/"),
        ("Tiến độ thực hiện", "../tien-do/"),
        ("Báo cáo", "../bao-cao/"),
        ("Bài viết", "../bai-viet/"),
        ("Mô hình, giải pháp hay", "../mo-hinh/"),
        ("Phản ánh, kiến nghị", "../phan-anh/"),
        ("Hỏi đáp", "../phan-anh/hoi-dap/"),
    ]
    footer_links = page(site, "index.html").xpath("//div[contains(@class,'cchc-footer')]//a/@href")
    assert "so-do-trang/" in footer_links
    locations = etree.fromstring((site / "sitemap.xml").read_bytes()).xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    assert SITE_URL + "so-do-trang/" in locations and SITE_URL + "phan-anh/hoi-dap/" in locations
    assert all(location.startswith(SITE_URL) for location in locations)


def test_theme_strings_are_vietnamese_and_404_too(fixture_site):
    _, site, _ = fixture_site
    raw = (site / "index.html").read_text(encoding="utf-8")
    for english in ("Initializing search", "Contributors", "RSS feed", ">Tabs<", "Metadata"):
        assert english not in raw
    assert "Đang khởi tạo tìm kiếm" in raw
    doc = page(site, "404.html")
    assert doc.get("lang") == "vi"
    assert doc.xpath("string(//article//h1)") == "Không tìm thấy trang"
    assert SITE_URL + "so-do-trang/" in doc.xpath("//article//a/@href")
    assert "Not found" not in (site / "404.html").read_text(encoding="utf-8")


def test_custom_translations_cover_every_english_string_of_the_vi_locale():
    from pathlib import Path  # noqa: PLC0415

    import material  # noqa: PLC0415

    from projects import ROOT  # noqa: PLC0415

    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    pairs = lambda name: dict(re.findall(r'"([\w.]+)": "([^"]*)"', (languages / name).read_text(encoding="utf-8")))  # noqa: E731
    vi, en = pairs("vi.html"), pairs("en.html")
    ours = dict(
        re.findall(
            r'"([\w.]+)": "([^"]*)"', (ROOT / "overrides/partials/languages/custom.html").read_text(encoding="utf-8")
        )
    )
    untranslated = {
        key for key, value in vi.items() if value == en.get(key) and key not in ("language", "search.config.lang")
    }
    assert untranslated and untranslated <= set(ours)


def test_script_in_an_answer_is_escaped(project):
    apply_overlay(project)
    path = project / "docs" / "phan-anh" / "hoi-dap" / "2025.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "phụ huynh không cần đến trường.",
        "phụ huynh không cần đến trường. <script>document.title='x'</script> <b>đậm</b>",
    )
    path.write_text(text, encoding="utf-8")
    site, _ = build_site(project)
    doc = page(site, "phan-anh/hoi-dap/index.html")
    [answer] = doc.xpath(
        "//h3[@id='hd-2025-1']/following-sibling::div[@class='cchc-qa'][1]/div[@class='cchc-qa__answer']"
    )
    assert "<script>document.title='x'</script> <b>đậm</b>" in answer.text_content()
    assert not answer.xpath(".//script | .//b")


def test_site_map_titles_survive_broken_front_matter_in_a_page():
    from cchc.feedback.pages import page_title  # noqa: PLC0415

    assert page_title("---\ntitle: Kế hoạch: 2025\n---\n\n# Kế hoạch năm 2025\n") == "Kế hoạch năm 2025"
    assert page_title("---\ntitle: Giới thiệu\n---\n\n# Khác\n") == "Giới thiệu"
    # An impossible date is no YAML syntax error, but PyYAML still refuses it (a ValueError): as
    # MkDocs does, the page's front matter is then ignored, not the build stopped by a traceback.
    assert page_title("---\ntitle: Giới thiệu\nngay: 2025-02-30\n---\n\n# Khác\n") == "Khác"


def test_footer_and_404_links_work_without_directory_urls(project):
    """The staff preview is built with --no-directory-urls: page.html addresses, opened from disk."""
    import posixpath  # noqa: PLC0415

    site, _ = build_site(project, use_directory_urls=False, site_url="https://cchc.example.org/")
    for page_path in ("index.html", "ke-hoach/2025.html", "phan-anh/hoi-dap.html"):
        hrefs = page(site, page_path).xpath("//div[contains(@class,'cchc-footer')]//a/@href")
        assert len(hrefs) == 3  # site map, feedback channels, glossary
        for href in hrefs:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), href))
            assert (site / target).is_file(), (page_path, href)
    assert "https://cchc.example.org/so-do-trang.html" in page(site, "404.html").xpath("//article//a/@href")
