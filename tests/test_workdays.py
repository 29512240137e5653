"""Working days: weekends, Vietnam's public holidays (the project's calendar file), swapped
days, a year boundary, and clear errors for what is not recorded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc.base.errors import ContentError
from cchc.feedback.workdays import HOLIDAYS_FILE, UnknownCalendar, load_holidays
from projects import ROOT

D = dt.date


@pytest.fixture(scope="module")
def calendar():
    return load_holidays(ROOT / HOLIDAYS_FILE)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (D(2025, 3, 3), D(2025, 3, 3), 0),  # answered the day it came
        (D(2025, 3, 3), D(2025, 3, 4), 1),  # Monday → Tuesday
        (D(2025, 3, 7), D(2025, 3, 10), 1),  # Friday → Monday: the weekend does not count
        (D(2025, 3, 3), D(2025, 3, 10), 5),
        (D(2025, 1, 24), D(2025, 2, 3), 1),  # Tết Ất Tỵ: 27–31/01 off
        (D(2025, 4, 4), D(2025, 4, 8), 1),  # Giỗ Tổ Hùng Vương, Monday 07/04
        (D(2025, 4, 25), D(2025, 5, 6), 5),  # Saturday 26/04 worked; 30/04, 01/05, 02/05 off
        (D(2025, 8, 29), D(2025, 9, 3), 1),  # Quốc khánh: 01/09 and 02/09 off
        (D(2025, 12, 30), D(2026, 1, 5), 2),  # year boundary: 31/12 worked, 01–02/01/2026 off
        (D(2026, 1, 9), D(2026, 1, 12), 2),  # Saturday 10/01/2026 worked in exchange for 02/01
        (D(2026, 2, 13), D(2026, 2, 23), 1),  # Tết Bính Ngọ: 16–20/02 off
        (D(2026, 4, 24), D(2026, 4, 28), 1),  # Giỗ Tổ on Sunday 26/04: Monday 27/04 off instead
    ],
)
def test_working_days_between(calendar, start, end, days):
    assert calendar.working_days_between(start, end) == days


def test_an_unrecorded_year_is_an_error_not_a_guess(calendar):
    with pytest.raises(UnknownCalendar) as error:
        calendar.working_days_between(D(2024, 12, 27), D(2025, 1, 3))
    assert str(error.value) == (
        "chưa có lịch nghỉ lễ năm 2024 trong docs/phan-anh/ngay-nghi-le.yaml (đã có: 2025, 2026); "
        "hãy thêm mục 2024 theo văn bản của Chính phủ"
    )


def test_days_after_the_recorded_part_of_a_year_are_an_error(calendar):
    assert calendar.working_days_between(D(2026, 8, 24), D(2026, 8, 28)) == 4
    with pytest.raises(UnknownCalendar, match="lịch nghỉ lễ từ ngày 31/08/2026 chưa được ghi"):
        calendar.working_days_between(D(2026, 8, 28), D(2026, 9, 4))


def test_calendar_file_mistakes_name_their_lines(tmp_path: Path):
    path = tmp_path / "ngay-nghi-le.yaml"
    path.write_text(
        "2025:\n"
        "  can_cu: Văn bản thử\n"
        "  ngay_nghi:\n"
        "    - 2025-01-04\n"
        "    - 2024-12-31\n"
        "  ngay_lam_bu:\n"
        "    - 2025-02-07\n"
        "nam_sau:\n"
        "  can_cu: x\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as error:
        load_holidays(path, "docs/phan-anh/ngay-nghi-le.yaml")
    assert [str(problem) for problem in error.value.problems] == [
        "docs/phan-anh/ngay-nghi-le.yaml:4: năm 2025: ngày 04/01/2025 là ngày cuối tuần; chỉ ghi ngày nghỉ từ thứ Hai đến thứ Sáu",
        "docs/phan-anh/ngay-nghi-le.yaml:5: năm 2025: \"ngay_nghi\" có ngày 31/12/2024 không thuộc năm 2025",
        "docs/phan-anh/ngay-nghi-le.yaml:7: năm 2025: ngày làm bù 07/02/2025 không phải thứ Bảy",
        "docs/phan-anh/ngay-nghi-le.yaml:8: \"nam_sau\" không phải là một năm; mỗi mục phải là năm, ví dụ \"2025:\"",
    ]


def test_every_recorded_day_off_is_a_weekday_of_its_year(calendar):
    assert calendar.days_off and all(day.weekday() < 5 for day in calendar.days_off)
    assert all(day.weekday() == 5 for day in calendar.make_up_days)
