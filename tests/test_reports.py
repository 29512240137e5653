"""The quarterly and yearly reports (cchc.reports.document and .word): each quarter of the fixture
rebuilt as of its last day, every figure checked; the .docx deterministic, on A4 with the decree's
margins, and readable by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from lxml import etree

from cchc.base import links, made
from cchc.base.render import environment
from cchc.content import load_content
from cchc.plan.indicators import Period
from cchc.reports import pages
from cchc.reports.document import BLANK, BLANK_NOTE, Report, Table, periods_ended
from cchc.reports.pages import year_reports
from cchc.reports.word import Formats, report_docx
from programs import program, soffice_convert
from projects import ROOT, copy_project, use_report_fixture

QUARTER_ENDS = {1: dt.date(2025, 3, 31), 2: dt.date(2025, 6, 30), 3: dt.date(2025, 9, 30), 4: dt.date(2025, 12, 31)}
NARRATIVE_BLANK = ["blank | " + BLANK, "blank | " + BLANK + " " + BLANK_NOTE]
QUOTA = "yêu cầu của nhiệm vụ 1.11 là ít nhất 01 bài viết/mô hình/sản phẩm mỗi quý"
PLAN = "Kế hoạch cải cách hành chính năm 2025 của nhà trường (ký ngày 27 tháng 01 năm 2025) có 10 nhiệm vụ trong 2 lĩnh vực."
AREA_1 = "Lĩnh vực 1. Công tác chỉ đạo, điều hành: 6 nhiệm vụ; "
AREA_3 = "Lĩnh vực 3. Cải cách thủ tục hành chính: 4 nhiệm vụ; "
DONE_HEADER = "TABLE Số | Nhiệm vụ | Ngày hoàn thành | Thời hạn | Sản phẩm, minh chứng"
OVERDUE_HEADER = "TABLE Số | Nhiệm vụ | Thời hạn | Số ngày quá hạn | Nhà trường báo cáo"
INDICATOR_HEADER = "TABLE Số liệu: Chỉ số | Kỳ | Chỉ tiêu | Số liệu | Đánh giá"
PAR = "Chỉ số CCHC (PAR Index) (nhiệm vụ 1.5) | Năm 2025 | Chỉ số năm 2025 cao hơn năm 2024."
SATISFACTION = "Mức độ hài lòng về thanh toán học phí (nhiệm vụ 3.4) | Quý {q}/2025 | Đạt từ 99% trở lên."
DONE_1_2 = "1.2 | Triển khai các quy định về CCHC. | 03/03/2025 | Sau thời hạn 10 ngày (hạn 21/02/2025) | Kế hoạch triển khai (mẫu thử)<ke-hoach/2025.md#nv-1-2>; Trang chủ chuyên mục (mẫu thử)<index.md>"
DONE_1_1 = "1.1 | Kiện toàn Ban Chỉ đạo CCHC. | 20/03/2025 | Đúng hạn | Quyết định kiện toàn Ban Chỉ đạo (mẫu thử)<https://vanban.example/quyet-dinh-mau.pdf>"
DONE_3_3 = "3.3 | Công khai thủ tục. | 30/06/2025 | Đúng hạn | Thông báo công khai (mẫu thử) (chưa có liên kết)"
DONE_3_1 = "3.1 | Niêm yết thủ tục hành chính. | 01/08/2025 | Sau thời hạn 17 ngày (hạn 15/07/2025) | Bảng niêm yết thủ tục (mẫu thử)<https://vanban.example/niem-yet.pdf>"
DONE_1_3 = "1.3 | Báo cáo CCHC định kỳ. | 15/09/2025 | Sau thời hạn 77 ngày (hạn 30/06/2025) | Báo cáo định kỳ quý III (mẫu thử) (chưa có liên kết)"
DONE_1_5 = "1.5 | Đánh giá Chỉ số CCHC (PAR Index). | 20/12/2025 | Sau thời hạn 132 ngày (hạn 10/08/2025) | Báo cáo tự đánh giá Chỉ số CCHC (mẫu thử) (chưa có liên kết)"
DONE_3_4 = "3.4 | Mức độ hài lòng của phụ huynh đạt từ 99% trở lên. | 31/12/2025 | Đúng hạn | Kết quả khảo sát cả năm (mẫu thử) (chưa có liên kết)"
ARTICLE_Q1 = "Bài mẫu để kiểm thử giao diện (không phải bài thật)<bai-viet/2025/bai-kiem-thu.md> | 31/03/2025 | Bài viết | Chưa ghi ngày gửi"
ARTICLE_Q3 = (
    "Bài mẫu quý III để kiểm thử báo cáo (không phải bài thật)<bai-viet/2025/bai-quy-3.md> | 20/08/2025 | Bài viết | "
    "22/08/2025, gửi Ủy ban nhân dân phường Cầu Ông Lãnh"
)
ARTICLES_HEADER = "TABLE Bài viết đăng trong kỳ: Bài viết | Ngày đăng | Loại | Gửi Ban Chỉ đạo CCHC"
T_1_1 = "Nhiệm vụ 1.1 (Kiện toàn Ban Chỉ đạo CCHC): ngày 15/02/2025 đang thực hiện (50%) – Đang lấy ý kiến dự thảo quyết định (mẫu thử); ngày 31/03/2025 hoàn thành."
T_1_2 = "Nhiệm vụ 1.2 (Triển khai các quy định về CCHC): ngày 15/02/2025 đang thực hiện; ngày 31/03/2025 hoàn thành."


def flat(report: Report) -> list[str]:
    """The report as lines of text: a part's title, each paragraph with its kind, each table row."""
    lines = []

    def runs(items) -> str:
        return "".join(run.text + (f"<{run.link}>" if run.link else "") for run in items)

    for section in report.sections:
        lines.append(f"## {section.title}")
        for block in section.blocks:
            if isinstance(block, Table):
                header = " | ".join(block.header)
                if block.caption.startswith("Chỉ số"):
                    lines.append(f"TABLE Số liệu: {header}")
                elif block.caption.startswith("Bài viết"):
                    lines.append(f"TABLE {block.caption}: {header}")
                else:
                    lines += [f"TABLE {header}", f"caption: {block.caption}"]
                lines.extend("    " + " | ".join(runs(cell) for cell in row) for row in block.rows)
            else:
                lines.append(f"{block.kind} | {runs(block.runs)}")
    return lines


def heading(number: int, title: str) -> str:
    return f"heading | {number}. {title}"


HEADINGS = [
    heading(1, "Kết quả theo lĩnh vực"),
    heading(2, "Nhiệm vụ hoàn thành, sản phẩm và minh chứng"),
    heading(3, "Nhiệm vụ đã qua thời hạn, chưa ghi nhận hoàn thành"),
    heading(4, "Thông tin, tuyên truyền về CCHC (nhiệm vụ 1.11)"),
    heading(5, "Chỉ số đo kết quả"),
]


def expected_body(overview, areas, done, overdue, articles, indicators) -> list[str]:
    return [
        "## I. KẾT QUẢ THỰC HIỆN",
        *overview,
        HEADINGS[0],
        *areas,
        HEADINGS[1],
        *done,
        HEADINGS[2],
        *overdue,
        HEADINGS[3],
    ] + [*articles, HEADINGS[4], INDICATOR_HEADER, *indicators]


EXPECTED = {
    1: expected_body(
        [
            f"text | {PLAN} Tính đến ngày 31 tháng 03 năm 2025: 2 nhiệm vụ đã hoàn thành (20%), trong đó 1 nhiệm vụ hoàn "
            "thành sau thời hạn; 0 nhiệm vụ đã qua thời hạn mà chưa ghi nhận hoàn thành; 8 nhiệm vụ chưa đến hạn.",
            "text | Trong quý I/2025, nhà trường có 7 báo cáo tiến độ về 5 nhiệm vụ.",
        ],
        [
            f"subheading | {AREA_1}đã hoàn thành 2; đã qua hạn chưa ghi nhận hoàn thành 0; chưa đến hạn 4.",
            f"item | {T_1_1}",
            f"item | {T_1_2}",
            "item | Nhiệm vụ 1.3 (Báo cáo CCHC định kỳ): ngày 31/03/2025 đang thực hiện (30%).",
            f"subheading | {AREA_3}đã hoàn thành 0; đã qua hạn chưa ghi nhận hoàn thành 0; chưa đến hạn 4.",
            "item | Nhiệm vụ 3.1 (Niêm yết thủ tục hành chính): ngày 31/03/2025 đang thực hiện.",
            "item | Nhiệm vụ 3.4 (Mức độ hài lòng của phụ huynh đạt từ 99% trở lên): ngày 31/03/2025 đang thực hiện.",
        ],
        [DONE_HEADER, "caption: 2 nhiệm vụ hoàn thành trong kỳ", "    " + DONE_1_2, "    " + DONE_1_1],
        [
            "text | Tính đến ngày 31 tháng 03 năm 2025, không có nhiệm vụ nào đã qua thời hạn mà chưa ghi nhận hoàn thành."
        ],
        [
            f"item | Quý I/2025: 1 bài viết được đăng trên chuyên mục; {QUOTA}: đạt.",
            ARTICLES_HEADER,
            "    " + ARTICLE_Q1,
        ],
        [f"    {PAR} | Chưa có số liệu | Chưa có số liệu", f"    {SATISFACTION.format(q='I')} | 99,2% | Đạt"],
    )
    + [
        "## II. KHÓ KHĂN, VƯỚNG MẮC",
        "text | Một số phụ huynh chưa quen thanh toán học phí qua ứng dụng (mẫu thử).",
        "## III. ĐỀ XUẤT, KIẾN NGHỊ",
        "text | Đề nghị tổ chức tập huấn chữ ký số cho văn phòng (mẫu thử).",
        "## IV. NHIỆM VỤ TRỌNG TÂM QUÝ TỚI",
        "item | Hoàn thành báo cáo định kỳ (nhiệm vụ 1.3) (mẫu thử).",
        "item | Công khai thủ tục hành chính (nhiệm vụ 3.3) (mẫu thử).",
    ],
    2: expected_body(
        [
            f"text | {PLAN} Tính đến ngày 30 tháng 06 năm 2025: 3 nhiệm vụ đã hoàn thành (30%), trong đó 1 nhiệm vụ hoàn "
            "thành sau thời hạn; 1 nhiệm vụ đã qua thời hạn mà chưa ghi nhận hoàn thành; 6 nhiệm vụ chưa đến hạn.",
            "text | Trong quý II/2025, nhà trường có 3 báo cáo tiến độ về 3 nhiệm vụ.",
        ],
        [
            f"subheading | {AREA_1}đã hoàn thành 2; đã qua hạn chưa ghi nhận hoàn thành 1; chưa đến hạn 3.",
            "item | Nhiệm vụ 1.3 (Báo cáo CCHC định kỳ): ngày 30/06/2025 đang thực hiện (70%) – Chờ số liệu của tổ chuyên môn (mẫu thử).",
            "item | Nhiệm vụ 1.5 (Đánh giá Chỉ số CCHC (PAR Index)): ngày 30/06/2025 chưa bắt đầu.",
            f"subheading | {AREA_3}đã hoàn thành 1; đã qua hạn chưa ghi nhận hoàn thành 0; chưa đến hạn 3.",
            "item | Nhiệm vụ 3.3 (Công khai thủ tục): ngày 30/06/2025 hoàn thành.",
        ],
        [DONE_HEADER, "caption: 1 nhiệm vụ hoàn thành trong kỳ", "    " + DONE_3_3],
        [
            OVERDUE_HEADER,
            "caption: 1 nhiệm vụ đã qua thời hạn, chưa ghi nhận hoàn thành, tính đến ngày 30/06/2025",
            "    1.4 | Kiểm tra, khảo sát CCHC. | 31/05/2025 | 30 | Chưa có báo cáo",
        ],
        [f"item | Quý II/2025: 0 bài viết được đăng trên chuyên mục; {QUOTA}: chưa đạt."],
        [f"    {PAR} | Chưa có số liệu | Chưa có số liệu", f"    {SATISFACTION.format(q='II')} | 98,5% | Chưa đạt"],
    )
    + ["## II. KHÓ KHĂN, VƯỚNG MẮC", *NARRATIVE_BLANK, "## III. ĐỀ XUẤT, KIẾN NGHỊ", *NARRATIVE_BLANK]
    + ["## IV. NHIỆM VỤ TRỌNG TÂM QUÝ TỚI", *NARRATIVE_BLANK],
    3: expected_body(
        [
            f"text | {PLAN} Tính đến ngày 30 tháng 09 năm 2025: 5 nhiệm vụ đã hoàn thành (50%), trong đó 3 nhiệm vụ hoàn "
            "thành sau thời hạn; 2 nhiệm vụ đã qua thời hạn mà chưa ghi nhận hoàn thành; 3 nhiệm vụ chưa đến hạn.",
            "text | Trong quý III/2025, nhà trường có 3 báo cáo tiến độ về 3 nhiệm vụ.",
        ],
        [
            f"subheading | {AREA_1}đã hoàn thành 3; đã qua hạn chưa ghi nhận hoàn thành 2; chưa đến hạn 1.",
            "item | Nhiệm vụ 1.3 (Báo cáo CCHC định kỳ): ngày 30/09/2025 hoàn thành.",
            "item | Nhiệm vụ 1.5 (Đánh giá Chỉ số CCHC (PAR Index)): ngày 30/09/2025 đang thực hiện (40%).",
            f"subheading | {AREA_3}đã hoàn thành 2; đã qua hạn chưa ghi nhận hoàn thành 0; chưa đến hạn 2.",
            "item | Nhiệm vụ 3.1 (Niêm yết thủ tục hành chính): ngày 30/09/2025 hoàn thành.",
        ],
        [DONE_HEADER, "caption: 2 nhiệm vụ hoàn thành trong kỳ", "    " + DONE_3_1, "    " + DONE_1_3],
        [
            OVERDUE_HEADER,
            "caption: 2 nhiệm vụ đã qua thời hạn, chưa ghi nhận hoàn thành, tính đến ngày 30/09/2025",
            "    1.4 | Kiểm tra, khảo sát CCHC. | 31/05/2025 | 122 | Chưa có báo cáo",
            "    1.5 | Đánh giá Chỉ số CCHC (PAR Index). | 10/08/2025 | 51 | Đang thực hiện",
        ],
        [
            f"item | Quý III/2025: 1 bài viết được đăng trên chuyên mục; {QUOTA}: đạt.",
            ARTICLES_HEADER,
            "    " + ARTICLE_Q3,
        ],
        [f"    {PAR} | Chưa có số liệu | Chưa có số liệu", f"    {SATISFACTION.format(q='III')} | 99,4% | Đạt"],
    )
    + ["## II. KHÓ KHĂN, VƯỚNG MẮC", *NARRATIVE_BLANK, "## III. ĐỀ XUẤT, KIẾN NGHỊ", *NARRATIVE_BLANK]
    + ["## IV. NHIỆM VỤ TRỌNG TÂM QUÝ TỚI", *NARRATIVE_BLANK],
}
_END_OF_YEAR = (
    f"text | {PLAN} Tính đến ngày 31 tháng 12 năm 2025: 7 nhiệm vụ đã hoàn thành (70%), trong đó 4 nhiệm vụ hoàn "
    "thành sau thời hạn; 1 nhiệm vụ đã qua thời hạn mà chưa ghi nhận hoàn thành; 2 nhiệm vụ chưa đến hạn."
)
_OVERDUE_END = [
    OVERDUE_HEADER,
    "caption: 1 nhiệm vụ đã qua thời hạn, chưa ghi nhận hoàn thành, tính đến ngày 31/12/2025",
    "    1.4 | Kiểm tra, khảo sát CCHC. | 31/05/2025 | 214 | Chưa có báo cáo",
]
EXPECTED[4] = (
    expected_body(
        [_END_OF_YEAR, "text | Trong quý IV/2025, nhà trường có 3 báo cáo tiến độ về 3 nhiệm vụ."],
        [
            f"subheading | {AREA_1}đã hoàn thành 4; đã qua hạn chưa ghi nhận hoàn thành 1; chưa đến hạn 1.",
            "item | Nhiệm vụ 1.5 (Đánh giá Chỉ số CCHC (PAR Index)): ngày 31/12/2025 hoàn thành.",
            "item | Nhiệm vụ 1.11 (Duy trì chuyên mục CCHC trên cổng thông tin): ngày 31/12/2025 đang thực hiện (75%).",
            f"subheading | {AREA_3}đã hoàn thành 3; đã qua hạn chưa ghi nhận hoàn thành 0; chưa đến hạn 1.",
            "item | Nhiệm vụ 3.4 (Mức độ hài lòng của phụ huynh đạt từ 99% trở lên): ngày 31/12/2025 hoàn thành.",
        ],
        [DONE_HEADER, "caption: 2 nhiệm vụ hoàn thành trong kỳ", "    " + DONE_1_5, "    " + DONE_3_4],
        _OVERDUE_END,
        [f"item | Quý IV/2025: 0 bài viết được đăng trên chuyên mục; {QUOTA}: chưa đạt."],
        [f"    {PAR} | 88,25 điểm | Đạt", f"    {SATISFACTION.format(q='IV')} | 99,6% | Đạt"],
    )
    + ["## II. KHÓ KHĂN, VƯỚNG MẮC", *NARRATIVE_BLANK, "## III. ĐỀ XUẤT, KIẾN NGHỊ", *NARRATIVE_BLANK]
    + ["## IV. NHIỆM VỤ TRỌNG TÂM QUÝ TỚI", *NARRATIVE_BLANK]
)
EXPECTED[0] = (
    expected_body(
        [_END_OF_YEAR, "text | Trong năm 2025, nhà trường có 16 báo cáo tiến độ về 8 nhiệm vụ."],
        [
            f"subheading | {AREA_1}đã hoàn thành 4; đã qua hạn chưa ghi nhận hoàn thành 1; chưa đến hạn 1.",
            f"item | {T_1_1}",
            f"item | {T_1_2}",
            "item | Nhiệm vụ 1.3 (Báo cáo CCHC định kỳ): ngày 31/03/2025 đang thực hiện (30%); ngày 30/06/2025 đang thực "
            "hiện (70%) – Chờ số liệu của tổ chuyên môn (mẫu thử); ngày 30/09/2025 hoàn thành.",
            "item | Nhiệm vụ 1.5 (Đánh giá Chỉ số CCHC (PAR Index)): ngày 30/06/2025 chưa bắt đầu; ngày 30/09/2025 đang "
            "thực hiện (40%); ngày 31/12/2025 hoàn thành.",
            "item | Nhiệm vụ 1.11 (Duy trì chuyên mục CCHC trên cổng thông tin): ngày 31/12/2025 đang thực hiện (75%).",
            f"subheading | {AREA_3}đã hoàn thành 3; đã qua hạn chưa ghi nhận hoàn thành 0; chưa đến hạn 1.",
            "item | Nhiệm vụ 3.1 (Niêm yết thủ tục hành chính): ngày 31/03/2025 đang thực hiện; ngày 30/09/2025 hoàn thành.",
            "item | Nhiệm vụ 3.3 (Công khai thủ tục): ngày 30/06/2025 hoàn thành.",
            "item | Nhiệm vụ 3.4 (Mức độ hài lòng của phụ huynh đạt từ 99% trở lên): ngày 31/03/2025 đang thực hiện; "
            "ngày 31/12/2025 hoàn thành.",
        ],
        [DONE_HEADER, "caption: 7 nhiệm vụ hoàn thành trong kỳ"]
        + ["    " + row for row in (DONE_1_2, DONE_1_1, DONE_3_3, DONE_3_1, DONE_1_3, DONE_1_5, DONE_3_4)],
        _OVERDUE_END,
        [
            f"item | Quý I/2025: 1 bài viết được đăng trên chuyên mục; {QUOTA}: đạt.",
            f"item | Quý II/2025: 0 bài viết được đăng trên chuyên mục; {QUOTA}: chưa đạt.",
            f"item | Quý III/2025: 1 bài viết được đăng trên chuyên mục; {QUOTA}: đạt.",
            f"item | Quý IV/2025: 0 bài viết được đăng trên chuyên mục; {QUOTA}: chưa đạt.",
            ARTICLES_HEADER,
            "    " + ARTICLE_Q1,
            "    " + ARTICLE_Q3,
        ],
        [
            f"    {PAR} | 88,25 điểm | Đạt",
            f"    {SATISFACTION.format(q='I')} | 99,2% | Đạt",
            f"    {SATISFACTION.format(q='II')} | 98,5% | Chưa đạt",
            f"    {SATISFACTION.format(q='III')} | 99,4% | Đạt",
            f"    {SATISFACTION.format(q='IV')} | 99,6% | Đạt",
        ],
    )
    + [
        "## II. KHÓ KHĂN, VƯỚNG MẮC",
        "text | Sắp xếp đơn vị hành chính từ 01/07/2025 làm thay đổi đầu mối báo cáo (mẫu thử).",
    ]
    + ["## III. ĐỀ XUẤT, KIẾN NGHỊ", *NARRATIVE_BLANK]
    + ["## IV. NHIỆM VỤ TRỌNG TÂM NĂM TỚI", "text | Xây dựng kế hoạch CCHC năm 2026 (mẫu thử)."]
)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return use_report_fixture(copy_project(tmp_path_factory.mktemp("reports") / "project"))


def reports_as_of(project: Path, day: dt.date) -> tuple[Report, ...]:
    """Everything read again as of `day`, as a build with CCHC_AS_OF=day does."""
    content = load_content(project, project / "mkdocs.yml", day)
    return year_reports(content.plans[0], content.reports_of(2025), content.school, content.published_articles, day)


def test_reports_exist_only_for_ended_periods():
    assert periods_ended(2025, dt.date(2025, 3, 30)) == ()
    assert periods_ended(2025, dt.date(2025, 3, 31)) == (Period(2025, 1),)
    assert periods_ended(2025, dt.date(2025, 12, 31)) == tuple(Period(2025, q) for q in (1, 2, 3, 4)) + (
        Period(2025, None),
    )


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_each_quarter_rebuilt_as_of_its_last_day(project, quarter):
    day = QUARTER_ENDS[quarter]
    reports = reports_as_of(project, day)
    assert [report.period for report in reports] == list(periods_ended(2025, day))
    report = reports[quarter - 1]
    assert flat(report) == EXPECTED[quarter]
    # A report does not change once its quarter has ended: later entries and articles stay out.
    assert reports_as_of(project, dt.date(2026, 1, 15))[quarter - 1] == report


def test_the_years_report(project):
    report = reports_as_of(project, dt.date(2025, 12, 31))[-1]
    assert (report.name, report.subtitle) == (
        "Báo cáo CCHC năm 2025",
        "Kết quả thực hiện công tác cải cách hành chính năm 2025",
    )
    assert flat(report) == EXPECTED[0]
    assert report.missing == ("de_xuat",) and report.narrative_source == "plan/bao-cao/2025/nam.yaml"


def test_the_school_under_its_authority_on_the_reports_date(project):
    q1, q2, q3, q4, year = reports_as_of(project, dt.date(2025, 12, 31))
    assert (q1.authority, q1.school, q1.date_line) == (
        "Ủy ban nhân dân Quận 1",
        "Trường Mầm non Nguyễn Cư Trinh",
        "Quận 1, ngày 31 tháng 03 năm 2025",
    )
    assert q1.recipients == q2.recipients == ("Ban Chỉ đạo cải cách hành chính Quận 1", "Lưu: VT")
    # From 01/07/2025 the school reports to the ward, whose place name no source gives: a blank.
    assert (q3.authority, q3.date_line) == ("Ủy ban nhân dân phường Cầu Ông Lãnh", "…………, ngày 30 tháng 09 năm 2025")
    assert year.recipients == ("Ủy ban nhân dân phường Cầu Ông Lãnh", "Lưu: VT")
    assert year.recipient_lines == ("- Ủy ban nhân dân phường Cầu Ông Lãnh;", "- Lưu: VT.")
    assert (q1.authority_heading, q1.school_heading) == ("ỦY BAN NHÂN DÂN QUẬN 1", "TRƯỜNG MẦM NON NGUYỄN CƯ TRINH")
    assert (q1.title, q1.subtitle, q1.signer_title) == (
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính quý I năm 2025",
        "HIỆU TRƯỞNG",
    )


def absolute(link: str) -> str:
    return links.absolute_url(link, "https://cchc.example/")


def test_docx_is_a4_times_new_roman_with_the_decrees_margins_and_deterministic(project):
    report = reports_as_of(project, dt.date(2025, 3, 31))[0]
    data = report_docx(report, absolute)
    assert report_docx(report, absolute) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 3, 31, 0, 0, 0)}
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    # Word stores lengths in twentieths of a point: compare to within a tenth of a millimetre.
    measured = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    assert [round(length.mm, 1) for length in measured] == [210, 297, 20, 20, 30, 15]
    normal = doc.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(13))
    assert doc.core_properties.created == dt.datetime(2025, 3, 31, tzinfo=dt.UTC)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Kết quả thực hiện công tác cải cách hành chính quý I năm 2025" in text
    cells = "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    assert "Quyết định kiện toàn Ban Chỉ đạo (mẫu thử) (https://vanban.example/quyet-dinh-mau.pdf)" in cells
    assert "Kế hoạch triển khai (mẫu thử) (https://cchc.example/ke-hoach/2025/#nv-1-2)" in cells


TEXTS = ["Mở đầu", " lề trái", "lề phải ", "a\tb", "dòng 1\ndòng 2", "x\r\ny", "\t", "", "  ", "R&D <b>"]


FORMATS = [  # each differs from another in one property only
    (Pt(11), None, None),
    (Pt(12), None, None),
    (Pt(13), True, False),
    (Pt(13), True, None),
    (Pt(13), False, True),
    (Pt(13), None, True),
    (Pt(12), True, True),
]


def test_each_run_is_the_xml_python_docx_makes_with_its_own_setters():
    """Only the first run of a format goes through python-docx's setters; the next ones get a copy
    of its properties and, without tabs or line breaks, their text as one <w:t>."""
    formats, ours, theirs = Formats(), Document().add_paragraph(), Document().add_paragraph()
    for text in TEXTS:
        for size, bold, italic in FORMATS:
            run = theirs.add_run(text)
            run.font.size = size
            run.bold, run.italic = bold, italic
            made = formats.run(ours, text, size, bold=bold, italic=italic)
            assert etree.tostring(made.element) == etree.tostring(run.element), (text, size, bold, italic)
    assert [etree.tostring(run.element) for run in ours.runs] == [etree.tostring(run.element) for run in theirs.runs]


PARAGRAPHS = [  # each differs from another in one property only
    (WD_ALIGN_PARAGRAPH.CENTER, Pt(0), Pt(0), None, None),
    (WD_ALIGN_PARAGRAPH.LEFT, Pt(0), Pt(0), None, None),
    (WD_ALIGN_PARAGRAPH.LEFT, Pt(3), Pt(0), None, None),
    (WD_ALIGN_PARAGRAPH.LEFT, Pt(3), Pt(0), None, True),
    (WD_ALIGN_PARAGRAPH.JUSTIFY, Pt(6), None, Mm(10), None),
    (WD_ALIGN_PARAGRAPH.JUSTIFY, Pt(6), None, None, None),
    (WD_ALIGN_PARAGRAPH.JUSTIFY, Pt(6), Pt(0), None, None),
]


def test_each_paragraph_is_the_xml_python_docx_makes_with_its_own_setters():
    formats, ours, theirs = Formats(), Document(), Document()
    for align, after, before, first_line, keep_with_next in PARAGRAPHS * 2:
        paragraph = theirs.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if first_line is not None:
            fmt.first_line_indent = first_line
        fmt.space_after = after
        if before is not None:
            fmt.space_before = before
        if keep_with_next is not None:
            fmt.keep_with_next = keep_with_next
        formats.paragraph(ours, align, after, before=before, first_line=first_line, keep_with_next=keep_with_next)
    assert etree.tostring(ours.element.body) == etree.tostring(theirs.element.body)


def test_a_table_added_whole_is_the_table_added_row_by_row():
    whole, by_rows = Document(), Document()
    whole.add_table(rows=3, cols=4, style="Table Grid")
    table = by_rows.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.add_row(), table.add_row()
    assert etree.tostring(whole.element.body) == etree.tostring(by_rows.element.body)


def test_libreoffice_opens_the_docx_with_title_areas_and_signature_block(project, tmp_path):
    report = reports_as_of(project, dt.date(2025, 9, 30))[2]
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(report_docx(report, absolute))
    pdf = soffice_convert(source, "pdf", tmp_path, tmp_path / "lo-profile")
    text = subprocess.run([program("pdftotext"), str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    words = " ".join(text.split())
    for expected in (
        "ỦY BAN NHÂN DÂN PHƯỜNG CẦU ÔNG LÃNH",
        "TRƯỜNG MẦM NON NGUYỄN CƯ TRINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính quý III năm 2025",
        "Lĩnh vực 1. Công tác chỉ đạo, điều hành",
        "Lĩnh vực 3. Cải cách thủ tục hành chính",
        "Nơi nhận:",
        "HIỆU TRƯỞNG",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "KHÓ KHĂN, VƯỚNG MẮC",
        BLANK_NOTE,
    ):
        assert expected in words, expected
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "595.3" in pages and "841.8" in pages  # A4 in points


def test_the_real_plans_reports_have_honest_blanks():
    content = load_content(ROOT, ROOT / "mkdocs.yml", dt.date(2026, 1, 1))
    reports = year_reports(
        content.plans[0], content.reports_of(2025), content.school, content.published_articles, dt.date(2026, 1, 1)
    )
    assert [report.name for report in reports] == [f"Báo cáo CCHC quý {q}/2025" for q in ("I", "II", "III", "IV")] + [
        "Báo cáo CCHC năm 2025"
    ]
    for report in reports:
        lines = flat(report)
        assert report.missing == ("kho_khan", "de_xuat", "nhiem_vu_trong_tam")
        assert lines.count("blank | " + BLANK + " " + BLANK_NOTE) == 3
        assert any("0 nhiệm vụ đã hoàn thành (0%)" in line for line in lines)
        assert "text | Không có nhiệm vụ nào được ghi nhận hoàn thành trong kỳ." in lines


def test_staff_are_told_which_report_parts_are_still_blank(project):
    content = load_content(project, project / "mkdocs.yml", dt.date(2025, 12, 31))
    notes = [note for note in content.warnings() if note.startswith("Báo cáo CCHC")]
    assert notes == [
        "Báo cáo CCHC năm 2025 còn để trống phần tự viết (khó khăn, đề xuất, nhiệm vụ trọng tâm): "
        "plan/bao-cao/2025/quy-2.yaml, plan/bao-cao/2025/quy-3.yaml, plan/bao-cao/2025/quy-4.yaml, plan/bao-cao/2025/nam.yaml",
        "Báo cáo CCHC năm 2025: chưa có địa danh cho dòng ngày tháng khi trực thuộc Ủy ban nhân dân phường Cầu Ông Lãnh "
        "(mkdocs.yml, extra.don_vi.co_quan_quan_ly, khóa dia_danh)",
    ]
    early = load_content(project, project / "mkdocs.yml", dt.date(2025, 3, 30))
    assert not [note for note in early.warnings() if note.startswith("Báo cáo CCHC")]


def test_a_rebuild_makes_no_docx_again_for_twenty_plan_years(project, monkeypatch):
    """Under `mkdocs serve` each rebuild asks for every report's .docx once, in the same order: a
    memo bound below that count would have dropped each before it is asked for again."""
    report = reports_as_of(project, dt.date(2025, 3, 31))[0]
    years = {year: tuple(replace(report, title=f"BÁO CÁO {year} {n}") for n in range(5)) for year in range(2025, 2045)}
    made = []
    monkeypatch.setattr(pages, "year_reports", lambda plan, *_: years[plan.year])
    monkeypatch.setattr(pages, "reports_index", lambda *_: None)
    monkeypatch.setattr(pages, "report_page", lambda *_: None)
    monkeypatch.setattr(pages, "report_docx", lambda report, _: made.append(report) or b"")
    plans = tuple(SimpleNamespace(year=year) for year in years)
    site_url = f"https://rebuild-{id(made)}.example/"  # keys no other test made

    def build():
        # Past the memo of the whole outputs (test below), as when an edit changes one report.
        pages._report_outputs(plans, tuple(None for _ in plans), None, (), None, None, site_url, True)

    build()
    assert len(made) == 100
    build()
    assert len(made) == 100


def test_a_rebuild_after_editing_an_article_text_makes_no_report_again(tmp_path, monkeypatch):
    """Under `mkdocs serve` the reports are made once per process for the same inputs and template
    files: a preview rebuild after an edit of an article's text reuses them; a new title, a later
    date or an edited template makes them again."""
    monkeypatch.setattr(made, "_rebuilds", True)
    project = use_report_fixture(copy_project(tmp_path / "project"))
    env = environment(project / "overrides")

    def outputs(day=dt.date(2025, 6, 30)):
        content = load_content(project, project / "mkdocs.yml", day)
        return pages.report_outputs(
            content.plans,
            content.reports_of,
            content.school,
            content.published_articles,
            day,
            env,
            "https://a.example/",
        )

    first = outputs()
    # The overlay's article of 31/03/2025, listed in the first quarter's report.
    [article] = [
        path
        for path in (project / "docs/bai-viet/2025").glob("*.md")
        if "ngay_dang: 2025-03-31" in path.read_text("utf-8")
    ]
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nMột đoạn thêm.\n", encoding="utf-8")
    assert outputs() is first
    title = next(line for line in text.splitlines() if line.startswith("tieu_de:"))
    article.write_text(text.replace(title, "tieu_de: Tiêu đề đã sửa", 1), encoding="utf-8")
    retitled = outputs()
    assert retitled is not first
    assert any("Tiêu đề đã sửa" in page.markdown for page in retitled[0])
    assert outputs(dt.date(2025, 9, 30)) is not retitled
    template = project / "overrides/cchc/reports-index-body.html"
    template.write_text(template.read_text(encoding="utf-8") + "<p>Mẫu đã sửa.</p>\n", encoding="utf-8")
    [index, *_] = outputs()[0]
    assert "Mẫu đã sửa." in index.markdown
