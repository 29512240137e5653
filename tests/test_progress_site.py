"""The progress page and its open data, built into real sites with a fixed as-of date."""

from __future__ import annotations

import csv
import io
import json
import logging
import posixpath
import re
from pathlib import Path

import jsonschema
import pytest
from lxml import html
from mkdocs.exceptions import Abort

from projects import PLAN_DATA_HEADER, ROOT, apply_overlay, copy_project, use_progress_fixture
from sitebuild import build_as_of, page


def build_with(project: Path, as_of: str, site: Path | None = None) -> Path:
    return build_as_of(project, as_of, site)[0]


@pytest.fixture(scope="module")
def real_site(site_end_of_first_quarter) -> Path:
    """The real project as of the last day of the first quarter of 2025."""
    return site_end_of_first_quarter


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    """The project with the test fixture plan (tasks in every state) as of 15/07/2025."""
    project = use_progress_fixture(copy_project(tmp_path_factory.mktemp("fixture") / "project"))
    return build_with(project, "2025-07-15")


def cells(doc: html.HtmlElement, caption: str) -> list[list[str]]:
    """The body rows of the table whose caption starts with `caption`, as text."""
    [table] = doc.xpath(f"//table[starts-with(normalize-space(caption), '{caption}')]")
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("th|td")] for row in table.xpath("tbody/tr")]


def resolve(site: Path, page_path: str, href: str) -> html.HtmlElement | Path:
    """Follow a relative link from a built page; fail unless the file (and fragment) exist."""
    url, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), url)) if url else page_path
    path = site / target
    if path.is_dir():
        path = path / "index.html"
    assert path.is_file(), f"{href} from {page_path}: {path} missing"
    if fragment:
        assert page(site, path.relative_to(site).as_posix()).get_element_by_id(fragment) is not None
    return path


def test_real_plan_figures_match_a_hand_count(real_site):
    doc = page(real_site, "tien-do/index.html")
    assert doc.xpath("string(//h1)") == "Tiến độ thực hiện kế hoạch cải cách hành chính năm 2025"
    head = " ".join(doc.xpath("string(//div[@class='cchc-progress-head'])").split())
    assert "Số liệu tính đến ngày 31/03/2025" in head
    assert "0/43 nhiệm vụ đã ghi nhận hoàn thành (0%)." in head
    assert "3 nhiệm vụ đã qua thời hạn dự kiến nhưng nhà trường chưa báo cáo kết quả" in head
    assert cells(doc, "Số nhiệm vụ theo tình trạng") == [
        ["Hoàn thành đúng hạn", "0"],
        ["Hoàn thành muộn", "0"],
        ["Đang thực hiện, chưa đến hạn", "0"],
        ["Chưa bắt đầu, chưa đến hạn", "0"],
        ["Chưa có báo cáo, chưa đến hạn", "40"],
        ["Quá hạn", "0"],
        ["Đã qua hạn, chưa có báo cáo", "3"],
    ]
    areas = cells(doc, "Nhiệm vụ theo lĩnh vực")
    assert [row[1:] for row in areas] == [
        ["13", "0", "1", "12", "0%"],
        ["2", "0", "0", "2", "0%"],
        ["5", "0", "0", "5", "0%"],
        ["4", "0", "0", "4", "0%"],
        ["10", "0", "0", "10", "0%"],
        ["4", "0", "1", "3", "0%"],
        ["5", "0", "1", "4", "0%"],
        ["0", "0", "0", "0", "Không có nhiệm vụ"],
    ]
    # The overdue list: grouped by area in the plan's order, one line per task.
    overdue = [
        (
            item.xpath("string(.//*[@class='cchc-overdue__number'])"),
            " ".join(item.xpath("string(.//*[@class='cchc-overdue__days'])").split()),
        )
        for item in doc.xpath("//div[@class='cchc-overdue']//li")
    ]
    assert overdue == [("1.2", "quá hạn 38 ngày"), ("6.4", "quá hạn 31 ngày"), ("7.1", "quá hạn 59 ngày")]
    areas_listed = [" ".join(p.text_content().split()) for p in doc.xpath("//p[@class='cchc-overdue__area']")]
    assert [area.split(".")[0] for area in areas_listed] == ["1", "6", "7"]
    assert all(area.endswith("(1)") for area in areas_listed)
    assert [
        (row[0].split()[2], row[2])
        for row in cells(doc, "Nhiệm vụ chưa hoàn thành có thời hạn từ 31/03/2025 đến 30/04/2025")
    ] == [("1.10", "Đến hạn hôm nay"), ("7.2", "Đến hạn hôm nay")]
    assert cells(doc, "Nhiệm vụ theo quý") == [
        ["Quý I/2025", "5", "0", "0", "3", "2"],
        ["Quý II/2025", "1", "0", "0", "0", "1"],
        ["Quý III/2025", "0", "0", "0", "0", "0"],
        ["Quý IV/2025", "37", "0", "0", "0", "37"],
    ]


def test_real_plan_page_links_each_task_to_its_anchor(real_site):
    doc = page(real_site, "tien-do/index.html")
    links = doc.xpath("//a[@class='cchc-overdue__task']")
    assert links and links[0].get("href") == "../ke-hoach/2025/#nv-1-2"
    for link in doc.xpath("//article//a[@href]"):
        if not link.get("href").startswith(("http", "#")):
            resolve(real_site, "tien-do/index.html", link.get("href"))


def test_real_indicators_show_targets_and_no_made_up_numbers(real_site):
    doc = page(real_site, "tien-do/index.html")
    par = cells(doc, "Chỉ số cải cách hành chính (PAR Index) của đơn vị")
    assert par == [
        ["Năm 2024", "Chưa có số liệu", "—", "Kỳ làm chỉ tiêu"],
        ["Năm 2025", "Chưa có số liệu", "Chưa có số liệu năm 2024", "Chưa có số liệu"],
    ]
    satisfaction = cells(doc, "Mức độ hài lòng của phụ huynh")
    assert satisfaction == [
        [f"Quý {q}/2025", "Chưa có số liệu", "99%", "Chưa có số liệu"] for q in ("I", "II", "III", "IV")
    ]
    charts = doc.xpath("//figure/*[local-name()='svg']")
    assert [chart.get("aria-labelledby") for chart in charts] == [
        "cchc-chart-areas-2025-title cchc-chart-areas-2025-desc"
    ]
    assert "Tính đến ngày 31/03/2025, chưa có nhiệm vụ nào được ghi nhận hoàn thành" in doc.text_content()


def test_progress_json_validates_against_its_published_schema(real_site):
    schema = json.loads((ROOT / "hooks/cchc/progress/schemas/progress.schema.json").read_text(encoding="utf-8"))
    published = (real_site / "tien-do/progress.schema.json").read_bytes()
    assert published == (ROOT / "hooks/cchc/progress/schemas/progress.schema.json").read_bytes()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((real_site / "tien-do/progress.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["phien_ban_luoc_do"] == 1 and data["ngay_so_lieu"] == "2025-03-31"
    [plan] = data["ke_hoach"]
    assert plan["tong_hop"]["tong_so_nhiem_vu"] == len(plan["nhiem_vu"]) == 43
    assert plan["tong_hop"]["theo_trang_thai"]["qua_han_chua_bao_cao"] == 3
    broken = dict(data, phien_ban_luoc_do=2)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_plan_csv_has_a_bom_and_one_row_per_task(real_site):
    rows = read_csv(real_site / "tien-do/ke-hoach-2025.csv")
    assert rows[0][:6] == PLAN_DATA_HEADER
    assert len(rows) == 44
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["Số nhiệm vụ"], first["Thời hạn"], first["Tình trạng"], first["Tính đến ngày"]) == (
        "\u20601.1",
        "31/12/2025",
        "Chưa có báo cáo, chưa đến hạn",
        "31/03/2025",
    )
    assert read_csv(real_site / "tien-do/minh-chung-2025.csv") == [
        ["Số nhiệm vụ", "Nội dung nhiệm vụ", "Sản phẩm", "Ngày hoàn thành", "Liên kết"]
    ]


def test_open_data_is_linked_from_the_page(real_site):
    doc = page(real_site, "tien-do/index.html")
    hrefs = {a.get("href") for a in doc.xpath("//h2[@id='du-lieu-mo']/following-sibling::ul[1]//a")}
    assert hrefs == {
        "progress.json",
        "progress.schema.json",
        "ke-hoach-2025.csv",
        "minh-chung-2025.csv",
        "ke-hoach-2025.xlsx",
        "minh-chung-2025.xlsx",
    }
    assert "tệp để mở bằng Excel" in doc.xpath("string(//a[@href='ke-hoach-2025.xlsx']/..)")


def test_nav_and_home_link_the_progress_page(real_site):
    home = page(real_site, "index.html")
    assert home.xpath("//article//a[@href='tien-do/']")
    nav = home.xpath("//nav[contains(@class,'md-nav--primary')]//a[@href='tien-do/']")
    assert nav


def test_fixture_plan_page_shows_every_state(fixture_site):
    doc = page(fixture_site, "tien-do/index.html")
    head = " ".join(doc.xpath("string(//div[@class='cchc-progress-head'])").split())
    assert "3/10 nhiệm vụ đã ghi nhận hoàn thành (30%)." in head
    assert [int(row[1]) for row in cells(doc, "Số nhiệm vụ theo tình trạng")] == [2, 1, 2, 1, 2, 1, 1]
    assert [row[1:] for row in cells(doc, "Nhiệm vụ theo lĩnh vực")] == [
        ["6", "2", "2", "2", "33%"],
        ["4", "1", "0", "3", "25%"],
        ["0", "0", "0", "0", "Không có nhiệm vụ"],
    ]
    overdue = [" ".join(item.text_content().split()) for item in doc.xpath("//div[@class='cchc-overdue']//li")]
    assert [(line.split()[0], line.split(" quá hạn ")[-1]) for line in overdue] == [
        ("1.4", "45 ngày"),
        ("1.3", "15 ngày · Đang thực hiện"),
    ]
    assert [(row[0].split()[2], row[2]) for row in cells(doc, "Nhiệm vụ chưa hoàn thành có thời hạn")] == [
        ("3.1", "Đến hạn hôm nay"),
        ("1.5", "26 ngày"),
    ]
    assert cells(doc, "Nhiệm vụ theo quý") == [
        ["Quý I/2025", "2", "1", "1", "0", "0"],
        ["Quý II/2025", "2", "0", "0", "2", "0"],
        ["Quý III/2025", "2", "0", "0", "0", "2"],
        ["Quý IV/2025", "4", "1", "0", "0", "3"],
    ]
    done = cells(doc, "Nhiệm vụ đã ghi nhận hoàn thành")
    assert [(row[0].split()[2], row[1], row[2]) for row in done] == [
        ("1.1", "20/03/2025", "Hoàn thành đúng hạn"),
        ("1.2", "03/03/2025", "Hoàn thành muộn (10 ngày sau thời hạn 21/02/2025)"),
        ("3.3", "30/06/2025", "Hoàn thành đúng hạn"),
    ]


def test_fixture_evidence_links_work_from_the_progress_and_plan_pages(fixture_site):
    progress = page(fixture_site, "tien-do/index.html")
    evidence = [a.get("href") for a in progress.xpath("//ul[@class='cchc-progress__evidence']//a")]
    assert evidence == ["https://vanban.example/quyet-dinh-mau.pdf", "../ke-hoach/2025/#nv-1-2", "../"]
    for href in evidence[1:]:
        resolve(fixture_site, "tien-do/index.html", href)
    plan = page(fixture_site, "ke-hoach/2025/index.html")
    on_plan = [a.get("href") for a in plan.xpath("//table[contains(@class,'cchc-plan')]//td[5]//a")]
    assert on_plan == ["https://vanban.example/quyet-dinh-mau.pdf", "./#nv-1-2", "../../"]
    for href in on_plan[1:]:
        resolve(fixture_site, "ke-hoach/2025/index.html", href)
    rows = read_csv(fixture_site / "tien-do/minh-chung-2025.csv")
    assert rows[1:] == [
        [
            "\u20601.1",
            "Kiện toàn Ban Chỉ đạo CCHC.",
            "Quyết định kiện toàn Ban Chỉ đạo (mẫu thử)",
            "20/03/2025",
            "https://vanban.example/quyet-dinh-mau.pdf",
        ],
        [
            "\u20601.2",
            "Triển khai các quy định về CCHC.",
            "Kế hoạch triển khai (mẫu thử)",
            "03/03/2025",
            "http://127.0.0.1:8000/ke-hoach/2025/#nv-1-2",
        ],
        [
            "\u20601.2",
            "Triển khai các quy định về CCHC.",
            "Trang chủ chuyên mục (mẫu thử)",
            "03/03/2025",
            "http://127.0.0.1:8000/",
        ],
        ["\u20603.3", "Công khai thủ tục.", "Thông báo công khai (mẫu thử)", "30/06/2025", ""],
    ]


def test_fixture_charts_are_images_with_text_and_tables(fixture_site):
    doc = page(fixture_site, "tien-do/index.html")
    charts = doc.xpath("//figure/*[local-name()='svg']")
    assert len(charts) == 3
    for chart in charts:
        assert chart.get("role") == "img"
        title_id, desc_id = chart.get("aria-labelledby").split()
        assert doc.get_element_by_id(title_id).text_content() and doc.get_element_by_id(desc_id).text_content()
        assert chart.getparent().xpath("following-sibling::table[1]")
    areas_desc = doc.get_element_by_id("cchc-chart-areas-2025-desc").text_content()
    assert areas_desc.startswith(
        "Lĩnh vực 1: 6 nhiệm vụ, 2 đã hoàn thành, 2 đã qua hạn chưa ghi nhận hoàn thành, 2 chưa đến hạn;"
    )
    bars = [" ".join(t.text_content().split()) for t in charts[0].xpath(".//*[local-name()='text']")]
    assert "Lĩnh vực 1: 2/6 hoàn thành (33%)" in bars
    satisfaction = cells(doc, "Mức độ hài lòng về thanh toán học phí")
    assert satisfaction == [
        ["Quý I/2025", "99,2%", "99%", "Đạt"],
        ["Quý II/2025", "98,5% Nguồn: Khảo sát trong các nhóm Zalo của lớp (mẫu thử)", "99%", "Chưa đạt"],
        ["Quý III/2025", "Chưa có số liệu", "99%", "Chưa có số liệu"],
        ["Quý IV/2025", "Chưa có số liệu", "99%", "Chưa có số liệu"],
    ]
    column_texts = [t.text for t in charts[2].xpath(".//*[local-name()='text']")]
    assert {"99,2%", "98,5%", "Đạt", "Chưa đạt", "Chưa có", "số liệu", "Đường gạch đứt: chỉ tiêu 99%"} <= set(
        column_texts
    )
    assert cells(doc, "Chỉ số CCHC (PAR Index)") == [
        ["Năm 2024", "85,5 điểm Nguồn: Số liệu mẫu thử", "—", "Kỳ làm chỉ tiêu"],
        ["Năm 2025", "Chưa có số liệu", "85,5 điểm", "Chưa có số liệu"],
    ]


def test_progress_output_is_deterministic(tmp_path):
    project = copy_project(tmp_path / "project")
    first = build_with(project, "2025-07-15", tmp_path / "one")
    second = build_with(project, "2025-07-15", tmp_path / "two")
    for name in (
        "tien-do/index.html",
        "tien-do/progress.json",
        "tien-do/ke-hoach-2025.csv",
        "tien-do/minh-chung-2025.csv",
        "bao-cao/index.html",
        "bao-cao/2025/quy-2/index.html",
        "bao-cao/2025/bao-cao-cchc-2025-quy-2.docx",
        "tien-do/ke-hoach-2025.xlsx",
        "tien-do/minh-chung-2025.xlsx",
    ):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_older_years_get_their_own_page_and_the_nav_a_section(project):
    older = (project / "plan" / "2025.yaml").read_text(encoding="utf-8")
    older = older.replace("nam: 2025", "nam: 2024").replace("ngay_ky: 2025-01-27", "ngay_ky: 2024-01-27")
    older = older.replace("năm 2025", "năm 2024")
    (project / "plan" / "2024.yaml").write_text(older, encoding="utf-8")
    site = build_with(project, "2025-03-31")
    newest, old = page(site, "tien-do/index.html"), page(site, "tien-do/2024/index.html")
    assert newest.xpath("string(//h1)").endswith("năm 2025") and old.xpath("string(//h1)").endswith("năm 2024")
    assert newest.xpath("//a[@href='2024/' and text()='năm 2024']")
    assert old.xpath("//a[@href='../' and text()='năm 2025']")
    assert old.xpath("//a[@class='cchc-overdue__task']/@href")[0].startswith("../../ke-hoach/2024/#nv-")
    data = json.loads((site / "tien-do/progress.json").read_text(encoding="utf-8"))
    assert [plan["nam"] for plan in data["ke_hoach"]] == [2025, 2024]
    assert (site / "tien-do/ke-hoach-2024.csv").is_file()


def test_bad_evidence_link_stops_the_build_with_file_and_line(project, caplog):
    use_progress_fixture(project)
    entry = project / "plan" / "bao-cao" / "2025" / "2025-03-31-quy-1.yaml"
    text = entry.read_text(encoding="utf-8").replace("lien_ket: index.md", "lien_ket: bai-viet/2025/abc.md")
    entry.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "bai-viet/2025/abc.md" in row)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_with(project, "2025-07-15")
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert error.startswith("Nội dung có 1 lỗi cần sửa trước khi xuất bản")
    assert (
        f'plan/bao-cao/2025/2025-03-31-quy-1.yaml:{line}: nhiệm vụ 1.2, sản phẩm "Trang chủ chuyên mục (mẫu thử)": "lien_ket" "bai-viet/2025/abc.md" dẫn tới trang không có trong chuyên mục'
        in error
    )
    assert not (project / "site").exists()


def test_progress_page_shows_the_quarterly_article_tracker(project):
    """The quota of task 1.11 on the progress page follows the published articles: the overlay's
    fixture article (published 31/03/2025 at 23:30, Vietnam time) meets the first quarter only."""
    apply_overlay(project)
    site = build_with(project, "2025-08-15")
    doc = page(site, "tien-do/index.html")
    rows = cells(doc, "Số bài đã đăng theo quý năm 2025")
    assert [(row[0], row[2], row[3]) for row in rows] == [
        ("Quý I/2025", "1", "Đã đạt"),
        ("Quý II/2025", "0", "Chưa đạt"),
        ("Quý III/2025", "0", "Đang diễn ra, còn 47 ngày"),
        ("Quý IV/2025", "0", "Chưa đến"),
    ]
    [link] = doc.xpath("//table[@class='cchc-quarters']//a")
    resolve(site, "tien-do/index.html", link.get("href"))


def test_evidence_may_point_at_a_generated_archive_of_published_articles(project):
    """Task 1.11's natural evidence is the quarter's archive page, generated from the articles."""
    apply_overlay(use_progress_fixture(project))
    entry = project / "plan" / "bao-cao" / "2025" / "2025-03-31-quy-1.yaml"
    text = entry.read_text(encoding="utf-8").replace("lien_ket: index.md", "lien_ket: bai-viet/2025/quy-1.md")
    entry.write_text(text, encoding="utf-8")
    site = build_with(project, "2025-07-15")
    links = [a.get("href") for a in page(site, "tien-do/index.html").xpath("//a[contains(@href,'quy-1')]")]
    assert links and all(resolve(site, "tien-do/index.html", href) for href in links)


def test_home_page_says_where_the_plan_stands_in_words(real_site):
    doc = page(real_site, "index.html")
    [heading] = doc.xpath("//h2[@id='tinh-hinh']")
    assert heading.text_content() == "Kế hoạch năm 2025 đã làm được đến đâu?"
    section = heading.getnext()
    items = []
    while section is not None and section.tag != "h2":
        items.append(" ".join(section.text_content().split()))
        section = section.getnext()
    text = " ".join(items)
    assert "Tính đến ngày 31/03/2025:" in text
    assert "Đã xong 0 trên 43 việc (0%)" in text
    assert "3 việc đã quá thời hạn mà chưa ghi nhận hoàn thành: nhà trường chưa báo cáo kết quả các việc này" in text
    # The next three deadlines, by their words (first words of the task), never by number.
    upcoming = doc.xpath("//h2[@id='tinh-hinh']/following-sibling::ul[1]/li/ul/li")
    assert [" ".join(li.text_content().split()).rsplit(", hạn ", 1)[1] for li in upcoming] == [
        "31/03/2025",
        "31/03/2025",
        "30/06/2025",
    ]
    assert not re.search(r"\b\d\.\d{1,2}\b", text), text
    links = doc.xpath("//h2[@id='tinh-hinh']/following-sibling::*[position() <= 3]//a/@href")
    assert links == [
        "tien-do/#qua-han",
        "ke-hoach/2025/#nv-1-10",
        "ke-hoach/2025/#nv-7-2",
        "ke-hoach/2025/#nv-6-3",
        "tien-do/",
    ]
    for link in links:
        resolve(real_site, "index.html", link)
