"""The hostile corpus (tests/hostile.py) built into a real site: every staff field is shown as
text, nothing can run, nothing is fetched from elsewhere, the feed and the CSVs are clean, and
each removal from a body is reported with its file and line. Browser half:
tests/browser/test_hostile_browser.py."""

from __future__ import annotations

import csv
import io
import logging
import re
import subprocess
import sys

import pytest
from lxml import etree, html
from mkdocs.exceptions import Abort

from hostile import ARTICLE, BODY_LINES, IDENTITY_FIELDS, PRACTICE, hostile_project, payload, rewrite_yaml
from sitebuild import build_site

SITE_URL = "https://cchc.example.edu.vn/"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """Built without strict mode (as `mkdocs serve` shows it): the removals are warnings."""
    project = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    site, log = build_site(project, strict=False, site_url=SITE_URL)
    return project, site, log


def _front_lines(project, relative):
    """The line of the file where the body (after the front matter) starts."""
    text = (project / relative).read_text(encoding="utf-8")
    return text.split("---\n", 2)[1].count("\n") + 3


def _dangerous(element, name: str, value: str) -> bool:
    lowered = value.strip().lower()
    outside = lowered.startswith(("http:", "https:", "//")) and not lowered.startswith(SITE_URL)
    return (
        name.startswith("on")
        or name in ("autofocus", "srcdoc", "formaction")
        or lowered.startswith(("javascript:", "data:", "vbscript:"))
        or (element.tag in ("img", "source", "iframe", "script") and name == "src" and outside)
    )


def test_no_page_holds_a_handler_a_script_url_or_an_outside_resource(hostile_site):
    _, site, _ = hostile_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        doc = html.fromstring(path.read_bytes())
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag not in ("iframe", "object", "embed"), path
            for name, value in element.attrib.items():
                assert not _dangerous(element, name, value), f"{path}: <{element.tag} {name}={value!r}>"
            if element.tag == "script":
                # Only Material's scripts and our own (the menu's keyboard support, the config).
                assert element.get("src") or "alert" not in (element.text or ""), path


def test_each_payload_is_text_where_it_was_typed(hostile_site):
    _, site, _ = hostile_site

    def text_of(path):
        doc = html.fromstring((site / path).read_bytes())
        return " ".join(doc.xpath("string(//article)").split()), doc

    where = {
        "ke-hoach/2025/index.html": [
            "KH-tieu-de",
            "MT0-noi-dung",
            "LV1-ten",
            "NV1.1-noi-dung",
            "NV1.1-san-pham",
            "NV1.1-chu-tri",
        ],
        "tien-do/index.html": ["CS-par_index-ten", "NV1.1-noi-dung"],
        "bai-viet/2025/bai-kiem-thu/index.html": ["BV-tieu-de", "BV-tac-gia"],
        "bai-viet/index.html": ["BV-tieu-de", "BV-tom-tat"],
        "mo-hinh/index.html": ["MH-tieu-de", "MH-tom-tat"],
        "mo-hinh/mo-hinh-kiem-thu/index.html": ["MH-tieu-de", "MH-tac-gia", "MH-ket-qua"],
        "phan-anh/hoi-dap/index.html": ["HD1-cau-hoi", "HD1-tra-loi", "HD3-cau-hoi"],
        "phan-anh/index.html": ["KENH-thanh-pho", "KENH-hom-thu", "KENH-gio-tiep", "DV-ten", "DV-email", "DV-dia_chi"],
    }
    for path, tags in where.items():
        text, doc = text_of(path)
        for tag in tags:
            assert payload(tag) in text, f"{path}: {tag}"
    _, doc = text_of("bai-viet/2025/bai-kiem-thu/index.html")
    assert doc.xpath("string(//h1)") == payload("BV-tieu-de")
    assert doc.xpath("string(//title)").startswith(payload("BV-tieu-de") + " – ")
    assert doc.xpath("//meta[@name='description']/@content") == [payload("BV-tom-tat")]
    assert doc.xpath("//meta[@property='og:title']/@content") == [payload("BV-tieu-de")]
    assert doc.xpath("//img[contains(@class, 'cchc-article__cover')]/@alt") == [payload("BV-anh-bia-mo-ta")]
    assert "Chữ an toàn vẫn hiện: <script>alert('body-code')</script>" in " ".join(
        doc.xpath("string(//article)").split()
    )
    footer = " ".join(doc.xpath("string(//footer)").split())
    for key in IDENTITY_FIELDS:
        assert payload(f"DV-{key}") in footer, key
    header = " ".join(doc.xpath("string(//header)").split())
    assert payload("DV-ten") in header
    plan = html.fromstring((site / "ke-hoach/2025/index.html").read_bytes())
    nav = [" ".join(a.text_content().split()) for a in plan.xpath("//nav[contains(@class, 'md-nav--primary')]//a")]
    assert payload("KH-tieu-de") in nav


def test_an_ordinary_title_with_quotes_and_angle_brackets_shows_as_typed(tmp_path):
    from projects import overlay_project  # noqa: PLC0415

    project = overlay_project(tmp_path / "project")
    plan = project / "plan" / "2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "tieu_de: Kế hoạch cải cách hành chính năm 2025", "tieu_de: 'Kế hoạch \"CCHC\" năm 2025 <bản ký> & phụ lục'"
        ),
        encoding="utf-8",
    )
    site, _ = build_site(project, site_url=SITE_URL)
    doc = html.fromstring((site / "ke-hoach/2025/index.html").read_bytes())
    title = 'Kế hoạch "CCHC" năm 2025 <bản ký> & phụ lục'
    assert doc.xpath("string(//article//h1)") == title
    assert doc.xpath("string(//title)").startswith(title + " – ")
    assert title in [" ".join(a.text_content().split()) for a in doc.xpath("//nav//a")]
    assert doc.xpath("//meta[@property='og:title']/@content") == [title]


def test_front_matter_that_material_prints_is_escaped(tmp_path):
    from projects import overlay_project  # noqa: PLC0415

    project = overlay_project(tmp_path / "project")
    home = project / "docs" / "index.md"
    author = 'a"><script>alert(1)</script>'
    description = '"><script>alert(2)</script>'
    text = home.read_text(encoding="utf-8").replace("---\n", f"---\nauthor: '{author}'\n", 1)
    text = re.sub(r"(?m)^description: .*$", f"description: '{description}'", text, count=1)
    home.write_text(text, encoding="utf-8")
    site, _ = build_site(project, site_url=SITE_URL)
    doc = html.fromstring((site / "index.html").read_bytes())
    assert doc.xpath("//meta[@name='author']/@content") == [author]
    assert doc.xpath("//meta[@name='description']/@content") == [description]
    assert not doc.xpath("//script[contains(., 'alert(')]")


def test_each_removal_is_a_warning_with_file_and_line(hostile_site):
    project, _, log = hostile_site
    warnings = log.messages(logging.WARNING)
    for relative in (ARTICLE, PRACTICE):
        first = _front_lines(project, relative)
        for needle, offset in BODY_LINES.items():
            line = first + offset - 1
            assert any(m.startswith(f"cchc: {relative}:{line}: đã bỏ ") for m in warnings), (relative, needle, line)
    assert len(warnings) == 2 * 10  # 8 attacks a body; the attribute list's 3 attributes are 3 warnings


def test_the_feed_carries_no_script_handler_or_script_url(hostile_site):
    _, site, _ = hostile_site
    root = etree.fromstring((site / "feed.xml").read_bytes())
    items = root.findall("channel/item")
    assert len(items) == 2
    for item in items:
        assert item.findtext("title").startswith(("BV-tieu-de ", "MH-tieu-de "))
        content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        assert "Đoạn mở đầu của bài thử tấn công." in content
        body = html.fragment_fromstring(content, create_parent="div")
        assert not body.xpath("//script | //iframe | //object | //embed")
        for element in body.iter():
            for name, value in element.attrib.items():
                assert not _dangerous(element, name, value), f"feed: <{element.tag} {name}={value!r}>"


def test_every_cell_of_the_published_csvs_is_inert(hostile_site):
    _, site, _ = hostile_site
    files = sorted((site / "tien-do").glob("*.csv"))
    assert len(files) == 2
    cells = 0
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        for row in rows:
            for cell in row:
                cells += 1
                assert not cell.startswith(FORMULA_START), f"{path.name}: {cell!r}"
    assert cells > 100


def test_csv_formulas_in_task_texts_get_an_apostrophe(tmp_path):
    from projects import copy_project  # noqa: PLC0415

    project = copy_project(tmp_path / "project")
    # A leading tab or CR never reaches a cell from the plan (its reader strips text); the
    # helper's own test covers them.
    formulas = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"]

    def change(data):
        tasks = data["linh_vuc"][0]["nhiem_vu"]
        for task, formula in zip(tasks, formulas, strict=False):
            task["noi_dung"] = formula

    rewrite_yaml(project / "plan" / "2025.yaml", change)
    site, _ = build_site(project, site_url=SITE_URL, strict=False)
    rows = list(
        csv.reader(io.StringIO((site / "tien-do/ke-hoach-2025.csv").read_text(encoding="utf-8-sig"), newline=""))
    )
    # Task numbers start with a word joiner (U+2060) so spreadsheets keep "1.10" as text.
    texts = {row[0].removeprefix("\u2060"): row[2] for row in rows[1:]}
    for index, formula in enumerate(formulas, start=1):
        assert texts[f"1.{index}"] == "'" + formula


def test_a_strict_build_of_the_hostile_corpus_keeps_the_published_site(hostile_site, tmp_path):
    project, _, _ = hostile_site
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("trang cũ", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project, site, site_url=SITE_URL)
    assert (site / "index.html").read_text(encoding="utf-8") == "trang cũ"


def test_the_check_command_refuses_the_hostile_bodies_with_lines(hostile_site):
    project, _, _ = hostile_site
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from cchc.cli import check; sys.exit(check())"],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    first = _front_lines(project, ARTICLE)
    assert f"{ARTICLE}:{first + BODY_LINES['<script'] - 1}: đã bỏ thẻ <script> cùng nội dung của nó" in result.stdout
    assert f"{PRACTICE}:" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_heading_title_cannot_close_the_tab_title(tmp_path):
    """A page without a front-matter title is named by its heading, which is HTML: the entities
    typed there stay text in <title> and cannot close it."""
    from projects import overlay_project  # noqa: PLC0415

    project = overlay_project(tmp_path / "project")
    heading = "Thử &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    (project / "docs" / "thu.md").write_text(f"# {heading}\n\nChữ.\n", encoding="utf-8")
    site, _ = build_site(project, strict=False, site_url=SITE_URL)
    doc = html.fromstring((site / "thu" / "index.html").read_bytes())
    assert doc.xpath("string(//title)").startswith("Thử </title><script>alert(1)</script> – ")
    assert not doc.xpath("//head/script[contains(., 'alert')]")
