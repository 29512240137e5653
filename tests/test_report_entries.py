"""Progress entries (`plan/bao-cao/<year>/`): bad entries and bad indicator values are refused with
file, line and wording; the plan file refuses progress; any as-of date reads the entries up to it."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from cchc.base.errors import ContentError
from cchc.content import load_content
from cchc.plan.model import TaskStatus, load_plan
from cchc.reports.entries import check_links, load_reports, plan_on
from cchc.site.sitepaths import site_targets
from projects import PROGRESS_FIXTURE, ROOT

AS_OF = dt.date(2025, 7, 15)
Q1 = "2025-03-31-quy-1.yaml"
Q2 = "2025-06-30-quy-2.yaml"
Q4 = "2025-12-31-quy-4.yaml"


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    return [n for n, line in enumerate(text.splitlines(), start=1) if needle in line][occurrence - 1]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A folder with the fixture plan as `plan/2025.yaml` and its reports under `plan/bao-cao/`."""
    (tmp_path / "plan").mkdir()
    shutil.copy2(PROGRESS_FIXTURE / "2025.yaml", tmp_path / "plan" / "2025.yaml")
    shutil.copytree(PROGRESS_FIXTURE / "bao-cao", tmp_path / "plan" / "bao-cao")
    return tmp_path


def entry(root: Path, name: str) -> Path:
    return root / "plan" / "bao-cao" / "2025" / name


def edit(root: Path, name: str, old: str, new: str) -> str:
    path = entry(root, name)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def loaded(root: Path):
    plan = load_plan(root / "plan" / "2025.yaml", "plan/2025.yaml")
    return plan, load_reports(root / "plan" / "bao-cao", root, (plan,))


def refused(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        loaded(root)
    return [str(p) for p in caught.value.problems]


def link_problems(root: Path, as_of: dt.date = AS_OF) -> list[str]:
    plan, [reports] = loaded(root)
    return [str(p) for p in check_links(reports, as_of, site_targets(ROOT / "docs", (plan,)))]


def test_fixture_and_real_project_pass(root):
    plan, [reports] = loaded(root)
    assert len(reports.tasks) == 16 and len(reports.measurements) == 6
    assert sorted(reports.narratives) == [0, 1]
    assert link_problems(root) == []
    content = load_content(ROOT, ROOT / "mkdocs.yml", AS_OF)
    assert content.plans[0].year == 2025 and content.reports[0].tasks == ()


def test_a_tasks_state_on_a_day_comes_from_entries_up_to_that_day(root):
    plan, [reports] = loaded(root)

    def task(day: dt.date, number: str):
        return plan_on(plan, reports, day).task(number)

    assert task(dt.date(2025, 2, 14), "1.1").status is TaskStatus.UNREPORTED
    before = task(dt.date(2025, 2, 15), "1.1")
    assert (before.status, before.delivered, before.delivered_on) == (TaskStatus.IN_PROGRESS, (), None)
    # The completion is reported on 31/03 (done on 20/03): on 25/03 it is not yet known.
    assert task(dt.date(2025, 3, 25), "1.1").status is TaskStatus.IN_PROGRESS
    done = task(dt.date(2025, 3, 31), "1.1")
    assert (done.status, done.delivered_on, [p.name for p in done.delivered]) == (
        TaskStatus.DONE,
        dt.date(2025, 3, 20),
        ["Quyết định kiện toàn Ban Chỉ đạo (mẫu thử)"],
    )
    assert [(h.reported_on, h.status.value, h.share) for h in done.history] == [
        (dt.date(2025, 2, 15), "dang_thuc_hien", 50),
        (dt.date(2025, 3, 31), "hoan_thanh", None),
    ]
    # A completion without its own date is done on the report's date.
    assert task(dt.date(2025, 7, 15), "3.3").delivered_on == dt.date(2025, 6, 30)
    satisfaction = plan_on(plan, reports, dt.date(2025, 6, 29)).indicators[1]
    assert [(m.period.code, m.value) for m in satisfaction.measurements] == [("2025-Q1", Decimal("99.2"))]
    everything = plan_on(plan, reports, dt.date(2026, 1, 1)).indicators
    assert [m.period.code for m in everything[0].measurements] == ["2024", "2025"]
    assert len(everything[1].measurements) == 4


def test_entries_after_the_as_of_date_are_not_yet_known_and_not_refused(root):
    content = load_content(_project(root), root / "mkdocs.yml", dt.date(2025, 3, 30))
    plan = content.plans[0]
    assert plan.task("1.2").status is TaskStatus.IN_PROGRESS and plan.task("1.3").status is TaskStatus.UNREPORTED
    assert all(not indicator.measurements for indicator in plan.indicators)


def _project(root: Path) -> Path:
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.mark.parametrize(
    ("name", "old", "new", "needle", "message"),
    [
        (
            Q2,
            "    san_pham:\n      - ten: Thông báo công khai (mẫu thử)\n",
            "",
            'so: "3.3"',
            'nhiệm vụ 3.3: "trang_thai" là hoan_thanh nhưng chưa có sản phẩm nào được báo cáo; hãy ghi "san_pham" '
            'với tên sản phẩm ("ten") và nơi công bố ("lien_ket") nếu có',
        ),
        (
            "2025-02-15.yaml",
            "    ty_le: 50\n",
            "    ty_le: 50\n    ngay_hoan_thanh: 2025-02-01\n",
            "ngay_hoan_thanh",
            'nhiệm vụ 1.1: có "ngay_hoan_thanh" nhưng "trang_thai" là dang_thuc_hien; nếu nhiệm vụ đã xong hãy đổi '
            '"trang_thai" thành hoan_thanh, nếu chưa thì xóa dòng "ngay_hoan_thanh"',
        ),
        (
            Q1,
            "ngay_hoan_thanh: 2025-03-20",
            "ngay_hoan_thanh: 2025-01-20",
            "2025-01-20",
            'nhiệm vụ 1.1: "ngay_hoan_thanh" là 20/01/2025, trước ngày ký kế hoạch (27/01/2025); hãy kiểm tra lại ngày hoàn thành',
        ),
        (
            Q1,
            "ngay_hoan_thanh: 2025-03-20",
            "ngay_hoan_thanh: 2025-04-02",
            "2025-04-02",
            'nhiệm vụ 1.1: "ngay_hoan_thanh" là 02/04/2025, sau ngày của báo cáo (31/03/2025); chỉ ghi ngày hoàn thành '
            "khi việc đã xong",
        ),
        (
            Q1,
            "ngay_hoan_thanh: 2025-03-20",
            "ngay_hoan_thanh: 20/03/2025",
            "20/03/2025",
            'nhiệm vụ 1.1: "ngay_hoan_thanh" phải là ngày dạng YYYY-MM-DD, nhận được "20/03/2025" (ngày 20/03/2025 '
            "viết là 2025-03-20)",
        ),
        (
            Q1,
            "    ty_le: 30\n",
            "    ty_le: 130\n",
            "ty_le: 130",
            'nhiệm vụ 1.3: "ty_le" là tỷ lệ phần trăm đã làm nên phải từ 0 đến 100, nhận được 130',
        ),
        (
            Q2,
            '  - so: "1.5"\n    trang_thai: chua_bat_dau\n',
            '  - so: "1.5"\n    trang_thai: chua_bat_dau\n    ty_le: 10\n',
            "ty_le: 10",
            'nhiệm vụ 1.5: "trang_thai" là chua_bat_dau nên "ty_le" phải là 0 (hoặc bỏ dòng "ty_le"), nhận được 10',
        ),
        (
            Q1,
            '  - so: "3.1"\n    trang_thai: dang_thuc_hien\n',
            '  - so: "3.1"\n    trang_thai: xong\n',
            "trang_thai: xong",
            'nhiệm vụ 3.1: "trang_thai" không hợp lệ: "xong". Giá trị được phép: chua_bat_dau (Chưa bắt đầu), '
            "dang_thuc_hien (Đang thực hiện), hoan_thanh (Hoàn thành).",
        ),
        (
            Q1,
            '  - so: "3.1"\n',
            '  - so: "3.9"\n',
            'so: "3.9"',
            "nhiệm vụ 3.9: kế hoạch năm 2025 không có nhiệm vụ số 3.9; hãy ghi đúng số như trên trang kế hoạch",
        ),
        (
            Q1,
            '  - so: "3.4"\n',
            '  - so: "3.1"\n',
            'so: "3.1"',
            "nhiệm vụ 3.1: đã có ở dòng {first} của cùng báo cáo; mỗi nhiệm vụ chỉ ghi một lần trong một báo cáo",
        ),
        (
            Q1,
            "gia_tri: 99.2",
            "gia_tri: 100.5",
            "gia_tri: 100.5",
            'chỉ số hai_long_hoc_phi, kỳ 2025-Q1: "gia_tri" là tỷ lệ phần trăm nên phải từ 0 đến 100, nhận được 100.5',
        ),
        (
            Q1,
            "gia_tri: 85.5",
            "gia_tri: -3",
            "gia_tri: -3",
            'chỉ số par_index, kỳ 2024: "gia_tri" là số điểm nên không được âm, nhận được -3',
        ),
        (
            Q1,
            "gia_tri: 99.2",
            "gia_tri: 99,2",
            "gia_tri: 99,2",
            'chỉ số hai_long_hoc_phi: "gia_tri" phải là một số viết dấu chấm thập phân, nhận được "99,2" (viết là 99.2)',
        ),
        (
            Q1,
            "gia_tri: 99.2",
            "gia_tri: 99%",
            "gia_tri: 99%",
            'chỉ số hai_long_hoc_phi: "gia_tri" phải là một số, không kèm dấu %, nhận được "99%" (viết là 99)',
        ),
        (
            Q1,
            "ky: 2025-Q1",
            "ky: Q1/2025",
            "ky: Q1/2025",
            'chỉ số hai_long_hoc_phi: "ky" không hợp lệ: "Q1/2025"; quý viết dạng 2025-Q1 … 2025-Q4',
        ),
        (
            Q1,
            "ky: 2025-Q1",
            "ky: 2024-Q4",
            "ky: 2024-Q4",
            "chỉ số hai_long_hoc_phi: kỳ 2024-Q4 không thuộc kế hoạch năm 2025; các kỳ được phép: "
            "2025-Q1, 2025-Q2, 2025-Q3, 2025-Q4",
        ),
        (
            Q1,
            "ky: 2025-Q1",
            "ky: 2025-Q2",
            "ky: 2025-Q2",
            "chỉ số hai_long_hoc_phi: kỳ 2025-Q2 bắt đầu từ 01/04/2025, sau ngày của báo cáo (31/03/2025); chưa thể "
            "có số liệu của kỳ này",
        ),
        (
            Q1,
            "  - ma: hai_long_hoc_phi\n",
            "  - ma: hai_long\n",
            "ma: hai_long",
            "chỉ số hai_long: kế hoạch năm 2025 không có chỉ số mã này; các mã có: par_index, hai_long_hoc_phi",
        ),
    ],
)
def test_bad_entries(root, name, old, new, needle, message):
    first = (
        line_of(entry(root, name).read_text(encoding="utf-8"), new.strip().splitlines()[0])
        if "{first}" in message
        else 0
    )
    text = edit(root, name, old, new)
    occurrence = 2 if "{first}" in message else 1
    assert refused(root) == [
        f"plan/bao-cao/2025/{name}:{line_of(text, needle, occurrence)}: {message.format(first=first)}"
    ]


def test_the_same_task_twice_on_one_day_across_files(root):
    shutil.copy2(entry(root, "2025-02-15.yaml"), entry(root, "2025-02-15-bo-sung.yaml"))
    assert refused(root) == [
        "plan/bao-cao/2025/2025-02-15.yaml:3: nhiệm vụ 1.1: đã có báo cáo ngày 15/02/2025 ở "
        "plan/bao-cao/2025/2025-02-15-bo-sung.yaml:3; mỗi nhiệm vụ chỉ ghi một lần trong một ngày",
        "plan/bao-cao/2025/2025-02-15.yaml:7: nhiệm vụ 1.2: đã có báo cáo ngày 15/02/2025 ở "
        "plan/bao-cao/2025/2025-02-15-bo-sung.yaml:7; mỗi nhiệm vụ chỉ ghi một lần trong một ngày",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "31-03-2025.yaml",
            "tên tệp không đúng mẫu: báo cáo tiến độ đặt tên theo ngày báo cáo, ví dụ 2025-03-31.yaml hoặc "
            "2025-03-31-quy-1.yaml; phần tự viết của báo cáo quý là quy-1.yaml … quy-4.yaml, của báo cáo năm là nam.yaml",
        ),
        (
            "2025-02-30.yaml",
            'tên tệp bắt đầu bằng ngày của báo cáo, ngày đó phải là ngày có thật: "2025-02-30" không tồn tại (tháng 02 năm 2025 có 28 ngày)',
        ),
        (
            "2025-01-10.yaml",
            "báo cáo ngày 10/01/2025 ở trước ngày ký kế hoạch (27/01/2025); hãy kiểm tra ngày trong tên tệp",
        ),
    ],
)
def test_bad_file_names(root, name, message):
    entry(root, name).write_text('nhiem_vu:\n  - so: "1.4"\n    trang_thai: dang_thuc_hien\n', encoding="utf-8")
    assert refused(root) == [f"plan/bao-cao/2025/{name}:1: {message}"]


def test_a_year_folder_without_its_plan(root):
    (root / "plan" / "bao-cao" / "2024").mkdir()
    [message] = refused(root)
    assert message.startswith(
        "plan/bao-cao/2024:1: trong thư mục plan/bao-cao chỉ có các thư mục mang tên năm của một kế hoạch (2025)"
    )


def test_narrative_keys_are_checked(root):
    path = entry(root, "quy-2.yaml")
    path.write_text("kho_khan: Thiếu người (mẫu thử).\nkien_nghi: Đề nghị (mẫu thử).\n", encoding="utf-8")
    [message] = refused(root)
    assert message.startswith('plan/bao-cao/2025/quy-2.yaml:2: khóa "kien_nghi" không hợp lệ')
    assert "kho_khan, de_xuat, nhiem_vu_trong_tam" in message


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "lien_ket: index.md",
            "lien_ket: bai-viet/2025/abc.md",
            "bai-viet/2025/abc.md",
            'nhiệm vụ 1.2, sản phẩm "Trang chủ chuyên mục (mẫu thử)": "lien_ket" "bai-viet/2025/abc.md" dẫn tới '
            "trang không có trong chuyên mục; hãy ghi đường dẫn của tệp trong thư mục docs (ví dụ bai-viet/2025/ten-bai.md "
            "hoặc ke-hoach/2025.md#nv-1-1) hoặc địa chỉ web đầy đủ bắt đầu bằng https://",
        ),
        (
            "lien_ket: ke-hoach/2025.md#nv-1-2",
            "lien_ket: ke-hoach/2025.md#nv-1-20",
            "#nv-1-20",
            'nhiệm vụ 1.2, sản phẩm "Kế hoạch triển khai (mẫu thử)": "lien_ket" "ke-hoach/2025.md#nv-1-20": trang '
            'ke-hoach/2025.md không có mục "#nv-1-20"; hãy kiểm tra phần sau dấu # (ví dụ #nv-1-1 cho nhiệm vụ 1.1)',
        ),
        (
            "lien_ket: index.md",
            'lien_ket: "mailto:truong@example.org"',
            "mailto:",
            'nhiệm vụ 1.2, sản phẩm "Trang chủ chuyên mục (mẫu thử)": "lien_ket" "mailto:truong@example.org" không '
            "phải địa chỉ web; hãy ghi địa chỉ đầy đủ bắt đầu bằng https:// hoặc đường dẫn một trang trong chuyên mục "
            "(ví dụ bai-viet/2025/ten-bai.md)",
        ),
    ],
)
def test_bad_evidence_links(root, old, new, needle, message):
    text = edit(root, Q1, old, new)
    assert link_problems(root) == [f"plan/bao-cao/2025/{Q1}:{line_of(text, needle)}: {message}"]


def test_evidence_links_written_as_site_addresses_get_a_hint_and_generated_files_pass(root):
    text = edit(root, Q1, "lien_ket: index.md", "lien_ket: ke-hoach/2025/")
    [message] = link_problems(root)
    assert message.startswith(f"plan/bao-cao/2025/{Q1}:{line_of(text, 'ke-hoach/2025/')}: nhiệm vụ 1.2, ")
    assert '(có phải ý bạn là "ke-hoach/2025.md"?)' in message
    edit(root, Q1, "lien_ket: ke-hoach/2025/", "lien_ket: tien-do/minh-chung-2025.csv")
    assert link_problems(root) == []


def test_links_of_entries_after_the_as_of_date_are_not_checked_yet(root):
    edit(root, Q1, "lien_ket: index.md", "lien_ket: khong-co.md")
    assert link_problems(root, dt.date(2025, 3, 30)) == []
    assert len(link_problems(root, dt.date(2025, 3, 31))) == 1


@pytest.mark.parametrize(
    ("old", "new", "key", "what"),
    [
        (
            "    han_chot: 2025-03-31\n",
            "    han_chot: 2025-03-31\n        trang_thai: hoan_thanh\n",
            "trang_thai",
            "trạng thái, ngày và sản phẩm hoàn thành",
        ),
        (
            "    han_chot: 2025-03-31\n",
            "    han_chot: 2025-03-31\n        ngay_hoan_thanh: 2025-03-20\n",
            "ngay_hoan_thanh",
            "trạng thái, ngày và sản phẩm hoàn thành",
        ),
        (
            "    han_chot: 2025-03-31\n",
            "    han_chot: 2025-03-31\n        san_pham_hoan_thanh:\n          - ten: Quyết định\n",
            "san_pham_hoan_thanh",
            "trạng thái, ngày và sản phẩm hoàn thành",
        ),
    ],
)
def test_the_plan_refuses_progress_and_says_where_it_goes(root, old, new, key, what):
    path = root / "plan" / "2025.yaml"
    text = path.read_text(encoding="utf-8").replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_plan(path, "plan/2025.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f'plan/2025.yaml:{line_of(text, key + ":")}: nhiệm vụ 1.1: "{key}" không còn ghi trong kế hoạch đã ký: {what} '
        "được ghi trong báo cáo tiến độ, tệp plan/bao-cao/<năm kế hoạch>/<YYYY-MM-DD>.yaml (xem CONTRIBUTING.md, mục "
        "“Báo cáo tiến độ”); hãy chuyển nội dung sang đó và xóa dòng này"
    ]


def test_the_plan_refuses_indicator_values(root):
    path = root / "plan" / "2025.yaml"
    text = path.read_text(encoding="utf-8") + "    so_lieu:\n      - ky: 2025-Q1\n        gia_tri: 99.2\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_plan(path, "plan/2025.yaml")
    [message] = [str(p) for p in caught.value.problems]
    assert message.startswith(
        f'plan/2025.yaml:{line_of(text, "so_lieu:")}: chỉ số hai_long_hoc_phi: "so_lieu" không còn ghi trong kế hoạch '
        "đã ký: số liệu đo của chỉ số được ghi trong báo cáo tiến độ, tệp plan/bao-cao/<năm kế hoạch>/<YYYY-MM-DD>.yaml"
    )


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "      gia_tri: 99\n",
            "      gia_tri: 120\n",
            "gia_tri: 120",
            'chỉ số hai_long_hoc_phi, chỉ tiêu: "gia_tri" là tỷ lệ phần trăm nên phải từ 0 đến 100, nhận được 120',
        ),
        (
            '    nhiem_vu: "3.4"\n    don_vi',
            '    nhiem_vu: "3.9"\n    don_vi',
            'nhiem_vu: "3.9"',
            'chỉ số hai_long_hoc_phi: "nhiem_vu" là "3.9" nhưng kế hoạch không có nhiệm vụ số này',
        ),
        (
            "    don_vi: phan_tram",
            '    don_vi: "%"',
            'don_vi: "%"',
            'chỉ số hai_long_hoc_phi: "don_vi" không hợp lệ: "%". Giá trị được phép: phan_tram (%), diem (điểm).',
        ),
        (
            '      so_voi_ky: "2024"\n',
            '      so_voi_ky: "2024"\n      gia_tri: 80\n',
            "so_sanh: cao_hon",
            'chỉ số par_index, chỉ tiêu: cần đúng một trong hai khóa "gia_tri" (con số chỉ tiêu) hoặc "so_voi_ky" '
            "(kỳ có số liệu làm chỉ tiêu, ví dụ năm trước)",
        ),
    ],
)
def test_bad_indicator_definitions_in_the_plan(root, old, new, needle, message):
    path = root / "plan" / "2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_plan(path, "plan/2025.yaml")
    assert [str(p) for p in caught.value.problems] == [f"plan/2025.yaml:{line_of(text, needle)}: {message}"]


def test_all_progress_problems_reach_the_build_together(root):
    project = _project(root)
    q1 = edit(root, Q1, "ngay_hoan_thanh: 2025-03-20", "ngay_hoan_thanh: 2025-01-20")
    q2 = edit(root, Q2, "ky: 2025-Q2", "ky: 2025-Q5")
    with pytest.raises(ContentError) as caught:
        load_content(project, project / "mkdocs.yml", AS_OF)
    assert [(p.source, p.line) for p in caught.value.problems] == [
        (f"plan/bao-cao/2025/{Q1}", line_of(q1, "2025-01-20")),
        (f"plan/bao-cao/2025/{Q2}", line_of(q2, "2025-Q5")),
    ]


def test_links_are_never_followed_out_of_the_repository(root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "2025-04-01.yaml").write_text(
        'nhiem_vu:\n  - so: "1.4"\n    trang_thai: dang_thuc_hien\n', encoding="utf-8"
    )
    (root / "plan" / "bao-cao" / "2025" / "2025-04-01.yaml").symlink_to(outside / "2025-04-01.yaml")
    assert refused(root) == [
        "plan/bao-cao/2025/2025-04-01.yaml:1: ở đây chỉ đặt tệp báo cáo .yaml, không đặt thư mục hay liên kết"
    ]
    (root / "plan" / "bao-cao" / "2025" / "2025-04-01.yaml").unlink()
    shutil.move(root / "plan" / "bao-cao" / "2025", outside / "2025")
    (root / "plan" / "bao-cao" / "2025").symlink_to(outside / "2025")
    assert refused(root) == [
        "plan/bao-cao/2025:1: ở đây chỉ đặt thư mục năm và tệp báo cáo, không đặt liên kết (symlink); hãy xóa liên kết này"
    ]


def test_a_years_reports_can_be_a_memo_key(root):
    """The reports' outputs are kept by their inputs (`report_outputs`), the reports among them:
    equal files give equal, hashable reports, and an edited narrative gives other ones."""
    _, [first] = loaded(root)
    _, [again] = loaded(root)
    assert first.narratives
    assert again == first and hash(again) == hash(first)
    reordered = replace(first, narratives=dict(reversed(first.narratives.items())))
    assert len(first.narratives) > 1 and reordered == first and hash(reordered) == hash(first)
    edit(root, "quy-1.yaml", "(nhiệm vụ 1.3) (mẫu thử)", "(nhiệm vụ 1.3) (mẫu thử, đã sửa)")
    _, [edited] = loaded(root)
    assert edited != first
    assert len({first: 1, again: 2, edited: 3}) == 2
