"""The reports on a built site: the Báo cáo list, each report page laid out like the document with
its print stylesheet, the .docx downloads, and the links from the progress and plan pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from lxml import html

from projects import copy_project, use_report_fixture
from sitebuild import build_site, page


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = use_report_fixture(copy_project(tmp_path_factory.mktemp("reports-site") / "project"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CCHC_AS_OF", "2025-12-31")
        built, _ = build_site(project)
    return built


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_the_reports_list_links_every_ended_period_and_its_docx(site):
    doc = page(site, "bao-cao/index.html")
    assert doc.xpath("string(//h1)") == "Báo cáo"
    items = doc.xpath("//ul[@class='cchc-report-list']/li")
    assert [item.xpath("string(a[1])") for item in items] == [
        "Báo cáo CCHC quý I/2025",
        "Báo cáo CCHC quý II/2025",
        "Báo cáo CCHC quý III/2025",
        "Báo cáo CCHC quý IV/2025",
        "Báo cáo CCHC năm 2025",
    ]
    assert [item.xpath("string(a[2]/@href)") for item in items][0] == "2025/bao-cao-cchc-2025-quy-1.docx"
    assert "còn 3 phần tự viết để trống" in text(items[1]) and "để trống" not in text(items[0])
    for item in items:
        for href in item.xpath("a/@href"):
            target = site / "bao-cao" / href
            assert (target / "index.html").is_file() if href.endswith("/") else target.is_file(), href


def test_a_report_page_is_laid_out_like_the_document(site):
    doc = page(site, "bao-cao/2025/quy-3/index.html")
    [sheet] = doc.xpath("//link[contains(@href,'cchc-print-report.css')]")
    assert sheet.get("media") == "print"
    [body] = doc.xpath("//div[@class='cchc-vanban']")
    assert [text(p) for p in doc.xpath("//div[@class='cchc-vanban__head']//p")] == [
        "ỦY BAN NHÂN DÂN PHƯỜNG CẦU ÔNG LÃNH",
        "TRƯỜNG MẦM NON NGUYỄN CƯ TRINH",
        "Số: /BC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "…………, ngày 30 tháng 09 năm 2025",
    ]
    assert doc.xpath("string(//h1[@id='bao-cao'])") == "BÁO CÁO"
    assert (
        text(body.xpath("./p[@class='cchc-vanban__subtitle']")[0])
        == "Kết quả thực hiện công tác cải cách hành chính quý III năm 2025"
    )
    assert [text(h) for h in body.xpath(".//h2")] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "IV. NHIỆM VỤ TRỌNG TÂM QUÝ TỚI",
    ]
    assert len(body.xpath(".//p[@class='cchc-vanban__blank']")) == 6
    assert [text(p) for p in body.xpath("./div[@class='cchc-vanban__foot']//p")] == [
        "Nơi nhận:",
        "- Ủy ban nhân dân phường Cầu Ông Lãnh;",
        "- Lưu: VT.",
        "HIỆU TRƯỞNG",
        "(Ký, ghi rõ họ tên và đóng dấu)",
    ]
    rows = body.xpath(".//table[starts-with(caption,'2 nhiệm vụ hoàn thành')]/tbody/tr")
    assert [text(row.xpath("td[1]")[0]) for row in rows] == ["3.1", "1.3"]
    [article] = body.xpath(".//table[caption='Bài viết đăng trong kỳ']//a")
    assert article.get("href") == "../../../bai-viet/2025/bai-quy-3/"
    assert (site / "bai-viet/2025/bai-quy-3/index.html").is_file()
    [download] = doc.xpath("//div[@class='cchc-report-tools']//a[@download]")
    assert download.get("href") == "../bao-cao-cchc-2025-quy-3.docx"
    assert "plan/bao-cao/2025/quy-3.yaml" in text(doc.xpath("//div[@class='cchc-report-tools']")[0])


def test_the_published_docx_is_the_report(site):
    word = Document(io.BytesIO((site / "bao-cao/2025/bao-cao-cchc-2025-nam.docx").read_bytes()))
    paragraphs = [p.text for p in word.paragraphs]
    assert "Kết quả thực hiện công tác cải cách hành chính năm 2025" in paragraphs
    assert "IV. NHIỆM VỤ TRỌNG TÂM NĂM TỚI" in paragraphs
    assert "Xây dựng kế hoạch CCHC năm 2026 (mẫu thử)." in paragraphs
    links = " ".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert "(http://127.0.0.1:8000/ke-hoach/2025/#nv-1-2)" in links


def test_progress_page_links_the_reports_and_plan_page_shows_each_tasks_history(site):
    progress = page(site, "tien-do/index.html")
    assert progress.xpath("//div[@class='cchc-progress-head']//a[@href='../bao-cao/' and text()='Báo cáo']")
    plan = page(site, "ke-hoach/2025/index.html")
    assert [text(li) for li in plan.get_element_by_id("nv-1-1").xpath(".//ol[@class='cchc-history']/li")] == [
        "15/02/2025: đang thực hiện 50% (Đang lấy ý kiến dự thảo quyết định (mẫu thử).)",
        "31/03/2025: hoàn thành",
    ]
    assert not plan.get_element_by_id("nv-3-2").xpath(".//ol")


def test_the_real_site_shows_the_2025_reports_with_their_blanks(built_site):
    _, real, _ = built_site
    index = page(real, "bao-cao/index.html")
    assert len(index.xpath("//ul[@class='cchc-report-list']/li")) == 5
    doc = page(real, "bao-cao/2025/quy-1/index.html")
    body = text(doc.xpath("//article")[0])
    assert "ỦY BAN NHÂN DÂN QUẬN 1" in body and "Quận 1, ngày 31 tháng 03 năm 2025" in body
    assert "0 nhiệm vụ đã hoàn thành (0%)" in body and "nhà trường chưa có báo cáo tiến độ nào" in body
    assert body.count("(nhà trường chưa ghi nội dung này)") == 3
    assert (real / "bao-cao/2025/bao-cao-cchc-2025-nam.docx").is_file()
