"""The plan loader: a valid plan becomes objects; every kind of mistake gets file, line, wording."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc.base.errors import ContentError
from cchc.plan.model import TaskStatus, load_plan, load_plans


def write(tmp_path: Path, text: str | bytes, name: str = "2025.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_plan(path, f"plan/{path.name}")
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`, so tests don't hard-code numbers."""
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


def task_line(text: str, number: str, occurrence: int = 1) -> int:
    return line_of(text, f'so: "{number}"', occurrence)


def test_small_plan_loads(tmp_path, small_plan_text):
    plan = load_plan(write(tmp_path, small_plan_text), "plan/2025.yaml")
    assert plan.year == 2025
    assert plan.signed_on == dt.date(2025, 1, 27)
    assert [task.number for task in plan.tasks] == ["1.1", "1.10", "3.4"]
    task = plan.task("1.10")
    assert task.deadline == dt.date(2025, 3, 31)
    assert task.anchor == "nv-1-10"
    # Progress is reported apart from the signed plan (cchc.reports.entries): nothing yet.
    assert (task.status, task.status_label, task.delivered, task.history) == (
        TaskStatus.UNREPORTED,
        "Chưa có báo cáo",
        (),
        (),
    )
    assert plan.areas[-1].tasks == ()


def test_unquoted_task_number_keeps_its_trailing_zero(tmp_path, small_plan_text):
    plan = load_plan(write(tmp_path, small_plan_text.replace('so: "1.10"', "so: 1.10")), "plan/2025.yaml")
    assert plan.task("1.10") is not None


def test_yaml_syntax_error(tmp_path, small_plan_text):
    text = small_plan_text.replace("chu_tri: Hiệu trưởng, văn phòng", "chu_tri: Hiệu trưởng: văn phòng")
    assert problems(write(tmp_path, text)) == [
        f'plan/2025.yaml:{line_of(text, "Hiệu trưởng: văn phòng")}: lỗi cú pháp YAML: có dấu hai chấm ":" '
        'không đúng chỗ; một đoạn chữ có ": " phải đặt trong ngoặc kép. Hãy kiểm tra dòng này và dòng ngay trên: '
        "thụt lề bằng dấu cách, dấu hai chấm sau mỗi khóa, ngoặc kép đóng mở đủ."
    ]


def test_tab_indentation_is_a_syntax_error_with_its_line(tmp_path, small_plan_text):
    text = small_plan_text.replace("        chu_tri: Hiệu trưởng\n", "\tchu_tri: Hiệu trưởng\n", 1)
    [message] = problems(write(tmp_path, text))
    assert message.startswith(f"plan/2025.yaml:{line_of(text, chr(9) + 'chu_tri')}: lỗi cú pháp YAML:")
    assert "Tab" in message


def test_unknown_key_suggests_the_right_one(tmp_path, small_plan_text):
    text = small_plan_text.replace("        han_chot: 2025-03-31", "        han_chott: 2025-03-31")
    line = line_of(text, "han_chott")
    # One message, on the misspelt line: the key it suggests is not also reported missing.
    assert problems(write(tmp_path, text)) == [
        f'plan/2025.yaml:{line}: nhiệm vụ 1.10: khóa "han_chott" không hợp lệ; có phải ý bạn là "han_chot"? '
        "Các khóa được phép ở đây: so, noi_dung, san_pham, chu_tri, han_chot, ghi_chu, ghi_chu_nguon."
    ]


def test_an_unknown_key_far_from_any_does_not_hide_a_missing_one(tmp_path, small_plan_text):
    text = small_plan_text.replace("        han_chot: 2025-03-31", "        ngay_cuoi_cung: 2025-03-31")
    found = problems(write(tmp_path, text))
    assert [message.split(": ", 2)[2][:34] for message in found] == [
        'thiếu trường bắt buộc "han_chot" (',
        'khóa "ngay_cuoi_cung" không hợp lệ',
    ]


def test_missing_required_field(tmp_path, small_plan_text):
    text = small_plan_text.replace("        chu_tri: Hiệu trưởng, văn phòng\n", "")
    assert problems(write(tmp_path, text)) == [
        f'plan/2025.yaml:{task_line(text, "3.4")}: nhiệm vụ 3.4: thiếu trường bắt buộc "chu_tri" '
        "(cơ quan, người chủ trì)"
    ]


def test_required_field_left_empty(tmp_path, small_plan_text):
    text = small_plan_text.replace("chu_tri: Hiệu trưởng, văn phòng", "chu_tri:")
    assert problems(write(tmp_path, text)) == [
        f'plan/2025.yaml:{line_of(text, "chu_tri:", 3)}: nhiệm vụ 3.4: trường bắt buộc "chu_tri" đang để trống '
        "(cơ quan, người chủ trì)"
    ]


@pytest.mark.parametrize(
    ("written", "wording"),
    [
        ("2025-02-31", 'phải là ngày có thật: "2025-02-31" không tồn tại (tháng 02 năm 2025 có 28 ngày)'),
        ("2025-13-01", 'phải là ngày có thật: "2025-13-01" có tháng 13 không tồn tại'),
        ("31/12/2025", 'phải là ngày dạng YYYY-MM-DD, nhận được "31/12/2025" (ngày 31/12/2025 viết là 2025-12-31)'),
        ("cuối năm", 'phải là ngày dạng YYYY-MM-DD, nhận được "cuối năm"'),
    ],
)
def test_bad_dates(tmp_path, small_plan_text, written, wording):
    text = small_plan_text.replace("han_chot: 2025-03-31", f"han_chot: {written}")
    assert problems(write(tmp_path, text)) == [
        f'plan/2025.yaml:{line_of(text, written)}: nhiệm vụ 1.10: "han_chot" {wording}'
    ]


def test_leap_day_is_a_real_date(tmp_path, small_plan_text):
    text = small_plan_text.replace("nam: 2025", "nam: 2024").replace("ngay_ky: 2025-01-27", "ngay_ky: 2024-02-29")
    assert load_plan(write(tmp_path, text, "2024.yaml"), "plan/2024.yaml").signed_on == dt.date(2024, 2, 29)


def test_duplicate_task_number(tmp_path, small_plan_text):
    text = small_plan_text.replace('so: "1.10"', 'so: "1.1"')
    assert problems(write(tmp_path, text)) == [
        f"plan/2025.yaml:{task_line(text, '1.1', 2)}: nhiệm vụ 1.1 bị trùng số với nhiệm vụ ở dòng "
        f"{task_line(text, '1.1', 1)}; mỗi nhiệm vụ phải có số riêng"
    ]


def test_task_numbered_outside_its_area(tmp_path, small_plan_text):
    text = small_plan_text.replace('so: "3.4"', 'so: "2.4"')
    assert problems(write(tmp_path, text)) == [
        f"plan/2025.yaml:{task_line(text, '2.4')}: nhiệm vụ 2.4 nằm trong lĩnh vực 3; số nhiệm vụ phải bắt đầu "
        'bằng "3." (hoặc chuyển nhiệm vụ sang lĩnh vực 2)'
    ]


def test_empty_file(tmp_path):
    assert problems(write(tmp_path, "# chỉ có chú thích\n\n")) == [
        "plan/2025.yaml:1: tệp rỗng: không có dữ liệu nào. Hãy điền nội dung theo mẫu trong hướng dẫn."
    ]


def test_file_not_utf8(tmp_path, small_plan_text):
    raw = small_plan_text.encode("utf-8").replace(b"Thoan", b"Tho\xe0n")
    assert problems(write(tmp_path, raw)) == [
        f"plan/2025.yaml:{line_of(small_plan_text, 'Thoan')}: tệp không được lưu bằng mã hóa UTF-8 "
        "(byte 0xE0 không hợp lệ). Hãy mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8."
    ]


def test_file_named_for_another_year(tmp_path, small_plan_text):
    assert problems(write(tmp_path, small_plan_text, "2026.yaml")) == [
        'plan/2026.yaml:1: tệp mang tên năm 2026 nhưng "nam" là 2025; hãy sửa "nam" thành 2026 hoặc '
        "đổi tên tệp thành plan/2025.yaml"
    ]


def test_all_problems_of_a_file_are_reported_at_once(tmp_path, small_plan_text):
    text = (
        small_plan_text.replace("han_chot: 2025-03-31", "han_chot: 2025-02-30")
        .replace("chu_tri: Hiệu trưởng, văn phòng", "chu_tri: Hiệu trưởng, văn phòng\n        trang_thai: hoan_thanh")
        .replace('so: "3.4"', 'so: "1.1"')
    )
    found = problems(write(tmp_path, text))
    moved = task_line(text, "1.1", 2)
    assert [message.split(": ", 2)[:2] for message in found] == [
        [f"plan/2025.yaml:{line_of(text, '2025-02-30')}", "nhiệm vụ 1.10"],
        [
            f"plan/2025.yaml:{moved}",
            'nhiệm vụ 1.1 nằm trong lĩnh vực 3; số nhiệm vụ phải bắt đầu bằng "3." (hoặc chuyển nhiệm vụ sang lĩnh vực 1)',
        ],
        [
            f"plan/2025.yaml:{moved}",
            f"nhiệm vụ 1.1 bị trùng số với nhiệm vụ ở dòng {task_line(text, '1.1')}; mỗi nhiệm vụ phải có số riêng",
        ],
        [f"plan/2025.yaml:{line_of(text, 'trang_thai: hoan_thanh')}", "nhiệm vụ 1.1"],
    ]


def test_plans_are_listed_newest_first_and_errors_of_all_files_together(tmp_path, small_plan_text):
    folder = tmp_path / "plan"
    folder.mkdir()
    write(folder, small_plan_text)
    write(folder, small_plan_text.replace("nam: 2025", "nam: 2026").replace("2025-01-27", "2026-01-05"), "2026.yaml")
    assert [plan.year for plan in load_plans(folder, tmp_path)] == [2026, 2025]
    write(folder, "nam: [", "2027.yaml")
    write(folder, "", "2028.yaml")
    with pytest.raises(ContentError) as caught:
        load_plans(folder, tmp_path)
    assert [problem.source for problem in caught.value.problems] == ["plan/2027.yaml", "plan/2028.yaml"]


@pytest.mark.parametrize(
    ("written", "wording"),
    [
        ("a:\n  b: 1\n\t c: 2\n", "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"),
        ("a: [1, 2\n", 'danh sách trong ngoặc vuông thiếu dấu "]" đóng hoặc thiếu dấu phẩy giữa các mục'),
        ("a: @x\n", 'giá trị không được bắt đầu bằng ký tự "@"; hãy đặt cả giá trị trong ngoặc kép'),
        ("a: 1\n---\nb: 2\n", 'tệp chỉ được chứa một khối dữ liệu; hãy xóa dòng "---" thừa'),
    ],
)
def test_syntax_errors_are_explained_in_vietnamese(tmp_path, written, wording):
    [message] = problems(write(tmp_path, written))
    assert f"lỗi cú pháp YAML: {wording}. Hãy kiểm tra dòng này" in message


def test_duplicate_area_number(tmp_path, small_plan_text):
    text = small_plan_text.replace("  - so: 3\n", "  - so: 1\n")
    first = line_of(text, "  - so: 1")
    assert problems(write(tmp_path, text))[0] == (
        f"plan/2025.yaml:{line_of(text, '  - so: 1', 2)}: lĩnh vực 1 bị trùng số với lĩnh vực ở dòng {first}; "
        "mỗi lĩnh vực phải có số riêng"
    )


def test_a_year_out_of_range_is_a_message_not_a_crash(tmp_path, small_plan_text):
    text = small_plan_text.replace("han_chot: 2025-03-31", "han_chot: 0000-03-31")
    assert problems(write(tmp_path, text)) == [
        f'plan/2025.yaml:{line_of(text, "0000-03-31")}: nhiệm vụ 1.10: "han_chot" phải là ngày có thật: '
        '"0000-03-31" có năm 0 không hợp lệ'
    ]


def test_two_files_for_one_year(tmp_path, small_plan_text):
    folder = tmp_path / "plan"
    folder.mkdir()
    write(folder, small_plan_text, "2025.yaml")
    write(folder, small_plan_text, "2025.yml")
    with pytest.raises(ContentError) as caught:
        load_plans(folder, tmp_path)
    assert [str(problem) for problem in caught.value.problems] == [
        "plan/2025.yml:1: đã có kế hoạch năm 2025 trong plan/2025.yaml; mỗi năm chỉ một tệp: hãy xóa một trong hai tệp"
    ]


def test_real_plan_transcription_notes_say_what_was_read_and_what_was_chosen():
    plan = load_plan(Path(__file__).resolve().parent.parent / "plan" / "2025.yaml", "plan/2025.yaml")
    assert plan.place == "Quận 1" and "Quân 7" in plan.source_note
    notes = {task.number: task.source_note or "" for task in plan.tasks}
    # The plan states no default deadline: a filled-in value says it is the most common one.
    assert not any("mặc định" in note for note in notes.values())
    for number in ("1.1", "1.4", "5.5"):
        assert "giá trị gặp nhiều nhất trong bảng" in notes[number], number
    assert "1.1 hoặc 1.3" in notes["1.2"]
    assert "rơi vào 1.9" in notes["1.10"]
    assert plan.task("1.8").lead == "BGH, Bộ phận văn phòng" and "đổi chỗ với ô thứ nhất, ghi cho 1.7" in notes["1.8"]
    assert "có thể mất chữ đứng trước" in notes["2.1"]
    assert notes["7.5"].startswith("Bản OCR dừng") and plan.areas[-1].source_note.startswith("Bản OCR không có")


def test_an_unknown_key_with_no_likely_meaning_ends_its_sentence(tmp_path, small_plan_text):
    text = small_plan_text.replace("        han_chot: 2025-03-31", "        xyzw: 2025-03-31")
    line = line_of(text, "xyzw")
    assert (
        f'plan/2025.yaml:{line}: nhiệm vụ 1.10: khóa "xyzw" không hợp lệ. '
        "Các khóa được phép ở đây: so, noi_dung, san_pham, chu_tri, han_chot, ghi_chu, ghi_chu_nguon."
    ) in problems(write(tmp_path, text))
