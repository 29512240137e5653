"""Bad progress data and bad indicators: each refused with file, line and wording."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cchc.base.errors import ContentError
from cchc.content import load_content
from cchc.plan.model import load_plan
from cchc.progress.model import check_plan_progress
from cchc.site.sitepaths import site_targets

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "progress" / "2025.yaml"
AS_OF = dt.date(2025, 7, 15)


@pytest.fixture
def text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    return [n for n, line in enumerate(text.splitlines(), start=1) if needle in line][occurrence - 1]


def checked(tmp_path: Path, text: str, as_of: dt.date = AS_OF) -> list[str]:
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_plan(path, "plan/2025.yaml")
    return [str(p) for p in check_plan_progress(plan, as_of, site_targets(ROOT / "docs", (plan,)))]


def refused(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_plan(path, "plan/2025.yaml")
    return [str(p) for p in caught.value.problems]


def test_fixture_and_real_plan_pass(tmp_path, text):
    assert checked(tmp_path, text) == []
    content = load_content(ROOT, ROOT / "mkdocs.yml", dt.date(2025, 7, 15))
    assert content.plans[0].year == 2025


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "        ngay_hoan_thanh: 2025-03-20\n", "", 'so: "1.1"',
            "nhiệm vụ 1.1: \"trang_thai\" là hoan_thanh nhưng thiếu \"ngay_hoan_thanh\"; hãy ghi ngày hoàn thành, dạng YYYY-MM-DD",
        ),
        (
            "        san_pham_hoan_thanh:\n          - ten: Thông báo công khai (mẫu thử)\n", "", 'so: "3.3"',
            "nhiệm vụ 3.3: \"trang_thai\" là hoan_thanh nhưng thiếu \"san_pham_hoan_thanh\"; hãy ghi tên sản phẩm đã "
            "hoàn thành (\"ten\") và nơi công bố (\"lien_ket\") nếu có",
        ),
        (
            "        trang_thai: dang_thuc_hien\n      - so: \"1.4\"",
            "        trang_thai: dang_thuc_hien\n        ngay_hoan_thanh: 2025-06-01\n      - so: \"1.4\"",
            "ngay_hoan_thanh: 2025-06-01",
            "nhiệm vụ 1.3: có \"ngay_hoan_thanh\" nhưng \"trang_thai\" là dang_thuc_hien; nếu nhiệm vụ đã xong hãy đổi "
            "\"trang_thai\" thành hoan_thanh, nếu chưa thì xóa dòng \"ngay_hoan_thanh\"",
        ),
        (
            "ngay_hoan_thanh: 2025-03-20", "ngay_hoan_thanh: 2025-01-20", "2025-01-20",
            "nhiệm vụ 1.1: \"ngay_hoan_thanh\" là 20/01/2025, trước ngày ký kế hoạch (27/01/2025); hãy kiểm tra lại ngày hoàn thành",
        ),
        (
            "ngay_hoan_thanh: 2025-06-30", "ngay_hoan_thanh: 2025-07-16", "2025-07-16",
            "nhiệm vụ 3.3: \"ngay_hoan_thanh\" là 16/07/2025, sau ngày tính số liệu (15/07/2025); chỉ ghi ngày hoàn thành "
            "khi việc đã xong",
        ),
        (
            "lien_ket: index.md", "lien_ket: bai-viet/2025/abc.md", "bai-viet/2025/abc.md",
            "nhiệm vụ 1.2, sản phẩm \"Trang chủ chuyên mục (mẫu thử)\": \"lien_ket\" \"bai-viet/2025/abc.md\" dẫn tới "
            "trang không có trong chuyên mục; hãy ghi đường dẫn của tệp trong thư mục docs (ví dụ bai-viet/2025/ten-bai.md "
            "hoặc ke-hoach/2025.md#nv-1-1) hoặc địa chỉ web đầy đủ bắt đầu bằng https://",
        ),
        (
            "lien_ket: ke-hoach/2025.md#nv-1-2", "lien_ket: ke-hoach/2025.md#nv-1-20", "#nv-1-20",
            "nhiệm vụ 1.2, sản phẩm \"Kế hoạch triển khai (mẫu thử)\": \"lien_ket\" \"ke-hoach/2025.md#nv-1-20\": trang "
            "ke-hoach/2025.md không có mục \"#nv-1-20\"; hãy kiểm tra phần sau dấu # (ví dụ #nv-1-1 cho nhiệm vụ 1.1)",
        ),
        (
            "lien_ket: index.md", "lien_ket: \"mailto:truong@example.org\"", "mailto:",
            "nhiệm vụ 1.2, sản phẩm \"Trang chủ chuyên mục (mẫu thử)\": \"lien_ket\" \"mailto:truong@example.org\" không "
            "phải địa chỉ web; hãy ghi địa chỉ đầy đủ bắt đầu bằng https:// hoặc đường dẫn một trang trong chuyên mục "
            "(ví dụ bai-viet/2025/ten-bai.md)",
        ),
        (
            "      - ky: 2025-Q2\n", "      - ky: 2025-Q4\n        gia_tri: 99.9\n      - ky: 2025-Q2\n", "ky: 2025-Q4",
            "chỉ số hai_long_hoc_phi, số liệu: kỳ 2025-Q4 bắt đầu từ 01/10/2025, sau ngày tính số liệu (15/07/2025); "
            "chưa thể có số liệu của kỳ này",
        ),
    ],
)
def test_bad_progress_data(tmp_path, text, old, new, needle, message):
    assert old in text
    text = text.replace(old, new, 1)
    assert checked(tmp_path, text) == [f"plan/2025.yaml:{line_of(text, needle)}: {message}"]


def test_delivery_on_the_as_of_date_is_accepted(tmp_path, text):
    assert checked(tmp_path, text.replace("ngay_hoan_thanh: 2025-06-30", "ngay_hoan_thanh: 2025-07-15")) == []


def test_evidence_link_written_as_a_site_address_gets_a_hint(tmp_path, text):
    text = text.replace("lien_ket: index.md", "lien_ket: ke-hoach/2025/")
    [message] = checked(tmp_path, text)
    assert message.startswith(f"plan/2025.yaml:{line_of(text, 'lien_ket: ke-hoach/2025/')}: nhiệm vụ 1.2, ")
    assert "dẫn tới trang không có trong chuyên mục (có phải ý bạn là \"ke-hoach/2025.md\"?)" in message


def test_evidence_link_to_a_task_the_plan_does_not_have(tmp_path, text):
    text = text.replace("lien_ket: ke-hoach/2025.md#nv-1-2", "lien_ket: ke-hoach/2025.md#nv-1-20")
    assert checked(tmp_path, text) == [
        f"plan/2025.yaml:{line_of(text, '#nv-1-20')}: nhiệm vụ 1.2, sản phẩm \"Kế hoạch triển khai (mẫu thử)\": "
        "\"lien_ket\" \"ke-hoach/2025.md#nv-1-20\": trang ke-hoach/2025.md không có mục \"#nv-1-20\"; hãy kiểm tra "
        "phần sau dấu # (ví dụ #nv-1-1 cho nhiệm vụ 1.1)"
    ]


def test_evidence_link_with_another_scheme(tmp_path, text):
    text = text.replace("lien_ket: index.md", "lien_ket: \"mailto:truong@example.org\"")
    [message] = checked(tmp_path, text)
    assert message == (
        f"plan/2025.yaml:{line_of(text, 'mailto:')}: nhiệm vụ 1.2, sản phẩm \"Trang chủ chuyên mục (mẫu thử)\": "
        "\"lien_ket\" \"mailto:truong@example.org\" không phải địa chỉ web; hãy ghi địa chỉ đầy đủ bắt đầu bằng "
        "https:// hoặc đường dẫn một trang trong chuyên mục (ví dụ bai-viet/2025/ten-bai.md)"
    )


def test_external_and_generated_evidence_links_are_accepted(tmp_path, text):
    text = text.replace("lien_ket: index.md", "lien_ket: tien-do/minh-chung-2025.csv")
    assert checked(tmp_path, text) == []


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "gia_tri: 99.2", "gia_tri: 100.5", "gia_tri: 100.5",
            "chỉ số hai_long_hoc_phi, số liệu kỳ 2025-Q1: \"gia_tri\" là tỷ lệ phần trăm nên phải từ 0 đến 100, nhận được 100.5",
        ),
        (
            "gia_tri: 98.5", "gia_tri: -1", "gia_tri: -1",
            "chỉ số hai_long_hoc_phi, số liệu kỳ 2025-Q2: \"gia_tri\" là tỷ lệ phần trăm nên phải từ 0 đến 100, nhận được -1",
        ),
        (
            "gia_tri: 85.5", "gia_tri: -3", "gia_tri: -3",
            "chỉ số par_index, số liệu kỳ 2024: \"gia_tri\" là số điểm nên không được âm, nhận được -3",
        ),
        (
            "      gia_tri: 99\n", "      gia_tri: 120\n", "gia_tri: 120",
            "chỉ số hai_long_hoc_phi, chỉ tiêu: \"gia_tri\" là tỷ lệ phần trăm nên phải từ 0 đến 100, nhận được 120",
        ),
        (
            "gia_tri: 99.2", "gia_tri: 99,2", "gia_tri: 99,2",
            "chỉ số hai_long_hoc_phi, số liệu: \"gia_tri\" phải là một số viết dấu chấm thập phân, nhận được \"99,2\" (viết là 99.2)",
        ),
        (
            "gia_tri: 99.2", "gia_tri: 99%", "gia_tri: 99%",
            "chỉ số hai_long_hoc_phi, số liệu: \"gia_tri\" phải là một số, không kèm dấu %, nhận được \"99%\" (viết là 99)",
        ),
        (
            "ky: 2025-Q1", "ky: Q1/2025", "ky: Q1/2025",
            "chỉ số hai_long_hoc_phi, số liệu: \"ky\" không hợp lệ: \"Q1/2025\"; quý viết dạng 2025-Q1 … 2025-Q4",
        ),
        (
            "ky: 2025-Q1", "ky: 2024-Q4", "ky: 2024-Q4",
            "chỉ số hai_long_hoc_phi, số liệu: kỳ 2024-Q4 không thuộc kế hoạch năm 2025; các kỳ được phép: "
            "2025-Q1, 2025-Q2, 2025-Q3, 2025-Q4",
        ),
        (
            "ky: 2025-Q2", "ky: 2025-Q1", "ky: 2025-Q1",
            "chỉ số hai_long_hoc_phi, số liệu: kỳ 2025-Q1 bị lặp lại (đã có ở dòng {first}); hãy xóa một mục",
        ),
        (
            "    nhiem_vu: \"3.4\"\n    don_vi", "    nhiem_vu: \"3.9\"\n    don_vi", "nhiem_vu: \"3.9\"",
            "chỉ số hai_long_hoc_phi: \"nhiem_vu\" là \"3.9\" nhưng kế hoạch không có nhiệm vụ số này",
        ),
        (
            "    don_vi: phan_tram", "    don_vi: \"%\"", "don_vi: \"%\"",
            "chỉ số hai_long_hoc_phi: \"don_vi\" không hợp lệ: \"%\". Giá trị được phép: phan_tram (%), diem (điểm).",
        ),
    ],
)
def test_bad_indicators(tmp_path, text, old, new, needle, message):
    first = line_of(text, "ky: 2025-Q1")
    text = text.replace(old, new, 1)
    occurrence = 2 if old == "ky: 2025-Q2" else 1
    assert refused(tmp_path, text) == [f"plan/2025.yaml:{line_of(text, needle, occurrence)}: {message.format(first=first)}"]


def test_indicator_target_needs_exactly_one_figure(tmp_path, text):
    text = text.replace("      so_voi_ky: \"2024\"\n", "      so_voi_ky: \"2024\"\n      gia_tri: 80\n")
    assert refused(tmp_path, text) == [
        f"plan/2025.yaml:{line_of(text, 'so_sanh: cao_hon')}: chỉ số par_index, chỉ tiêu: cần đúng một trong hai khóa "
        "\"gia_tri\" (con số chỉ tiêu) hoặc \"so_voi_ky\" (kỳ có số liệu làm chỉ tiêu, ví dụ năm trước)"
    ]


def test_all_progress_problems_reach_the_build_together(tmp_path):
    project = tmp_path / "project"
    (project / "plan").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "phan-anh", project / "docs" / "phan-anh")
    (project / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (project / "docs" / "don-vi.yaml").write_bytes((ROOT / "docs" / "don-vi.yaml").read_bytes())
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("ngay_hoan_thanh: 2025-03-20", "ngay_hoan_thanh: 2025-01-20").replace("lien_ket: index.md", "lien_ket: khong-co.md")
    (project / "plan" / "2025.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(project, project / "mkdocs.yml", AS_OF)
    assert [(p.source, p.line) for p in caught.value.problems] == [
        ("plan/2025.yaml", line_of(text, "2025-01-20")),
        ("plan/2025.yaml", line_of(text, "khong-co.md")),
    ]
