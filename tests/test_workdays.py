"""Working days: weekends, Vietnam's public holidays (the project's calendar file, then the
`holidays` library for years it does not record), swapped days, a year boundary, the warnings
naming the years the library filled in, and the file cross-checked against the library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc.base.errors import ContentError
from cchc.feedback.workdays import (
    HOLIDAYS_FILE,
    UnknownCalendar,
    YearDays,
    differences,
    library_year,
    load_holidays,
)
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
        (D(2026, 8, 21), D(2026, 8, 24), 2),  # Saturday 22/08/2026 worked in exchange for 31/08
        (D(2026, 8, 28), D(2026, 9, 3), 1),  # Quốc khánh 2026: 31/08, 01/09, 02/09 off
        (D(2026, 11, 23), D(2026, 11, 25), 1),  # Ngày Văn hóa Việt Nam, Tuesday 24/11/2026
        # 2027 is not recorded: the library's days. 01/01/2027 is a Friday; Tết Đinh Mùi falls
        # on Saturday 06/02/2027, the library gives Thursday 04/02 to Wednesday 10/02 off.
        (D(2026, 12, 28), D(2027, 1, 5), 5),  # 29, 30, 31/12, then 04 and 05/01/2027
        (D(2027, 2, 3), D(2027, 2, 11), 1),
    ],
)
def test_working_days_between(calendar, start, end, days):
    assert calendar.working_days_between(start, end) == days


def test_without_the_library_an_unrecorded_year_is_an_error_not_a_guess():
    strict = load_holidays(ROOT / HOLIDAYS_FILE, library=None)
    with pytest.raises(UnknownCalendar) as error:
        strict.working_days_between(D(2024, 12, 27), D(2025, 1, 3))
    assert str(error.value) == (
        "chưa có lịch nghỉ lễ năm 2024 trong docs/phan-anh/ngay-nghi-le.yaml (đã có: 2025, 2026); "
        "hãy thêm mục 2024 theo văn bản của Chính phủ"
    )


def test_a_year_not_in_the_file_comes_from_the_library_with_a_warning_naming_it(calendar):
    assert not calendar.is_official(D(2027, 1, 4)) and calendar.is_official(D(2026, 12, 31))
    assert calendar.working_days_between(D(2024, 12, 27), D(2025, 1, 3)) == 4  # 30, 31/12/2024; 02, 03/01
    assert calendar.library_parts([(D(2024, 12, 27), D(2025, 1, 3)), (D(2026, 12, 28), D(2027, 1, 5))]) == (
        (2024, None),
        (2027, None),
    )
    assert calendar.library_notes([(D(2026, 12, 28), D(2027, 1, 5))]) == (
        "Chưa ghi lịch nghỉ lễ chính thức năm 2027 trong docs/phan-anh/ngay-nghi-le.yaml: dùng lịch "
        "của thư viện (holidays 0.109: các ngày lễ theo Bộ luật Lao động, có thể thiếu ngày hoán đổi, "
        "làm bù); hãy ghi mục 2027 khi Chính phủ công bố lịch nghỉ",
    )
    assert calendar.library_notes([(D(2025, 3, 3), D(2026, 12, 31))]) == ()


def test_days_after_the_recorded_part_of_a_year_come_from_the_library(tmp_path: Path):
    path = tmp_path / "ngay-nghi-le.yaml"
    path.write_text(
        "2026:\n  can_cu: Văn bản thử\n  ngay_nghi:\n    - 2026-01-01\n    - 2026-01-02\n"
        "  ngay_lam_bu:\n    - 2026-01-10\n  chua_ro_tu: 2026-08-31\n",
        encoding="utf-8",
    )
    calendar = load_holidays(path)
    assert calendar.working_days_between(D(2026, 1, 9), D(2026, 1, 12)) == 2  # the file: 10/01 worked
    # From 31/08/2026 the library: 31/08 (swapped), 01/09 and 02/09 off; 22/08 is before it.
    assert calendar.working_days_between(D(2026, 8, 28), D(2026, 9, 4)) == 2
    assert calendar.library_parts([(D(2026, 8, 28), D(2026, 9, 4))]) == ((2026, D(2026, 8, 31)),)
    assert calendar.library_notes([(D(2026, 8, 28), D(2026, 9, 4))])[0].startswith(
        "Chưa ghi lịch nghỉ lễ chính thức năm 2026 từ ngày 31/08/2026 trong docs/phan-anh/ngay-nghi-le.yaml: "
        "dùng lịch của thư viện"
    )
    strict = load_holidays(path, library=None)
    with pytest.raises(UnknownCalendar, match="lịch nghỉ lễ từ ngày 31/08/2026 chưa được ghi"):
        strict.working_days_between(D(2026, 8, 28), D(2026, 9, 4))


def test_the_file_against_the_library(calendar, capsys):
    """Every difference between the official file and the library, listed; each one explained.
    A library upgrade or an edit of the file that changes a day shows up here."""
    found = differences(calendar)
    with capsys.disabled():
        for year, kinds in found.items():
            for kind, days in kinds.items():
                print(f"\n  ngay-nghi-le.yaml vs holidays, {year} {kind}: {', '.join(map(str, days))}", end="")
    assert found == {
        # Tết Dương lịch 2026: Friday 02/01 off in exchange for Saturday 10/01 (12729/VPCP-KGVX),
        # a swap the library does not have.
        2026: {"chi_trong_tep_nghi": (D(2026, 1, 2),), "chi_trong_tep_lam_bu": (D(2026, 1, 10),)},
    }


def test_differences_name_each_side():
    official = load_holidays(ROOT / HOLIDAYS_FILE)
    invented = YearDays(frozenset({D(2025, 3, 3)}), frozenset({D(2025, 3, 8)}))
    found = differences(official, lambda year: invented if year == 2025 else library_year(year))
    assert found[2025]["chi_trong_thu_vien_nghi"] == (D(2025, 3, 3),)
    assert found[2025]["chi_trong_thu_vien_lam_bu"] == (D(2025, 3, 8),)
    assert D(2025, 1, 1) in found[2025]["chi_trong_tep_nghi"]
    assert found[2025]["chi_trong_tep_lam_bu"] == (D(2025, 4, 26),)


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
        'docs/phan-anh/ngay-nghi-le.yaml:5: năm 2025: "ngay_nghi" có ngày 31/12/2024 không thuộc năm 2025',
        "docs/phan-anh/ngay-nghi-le.yaml:7: năm 2025: ngày làm bù 07/02/2025 không phải thứ Bảy",
        'docs/phan-anh/ngay-nghi-le.yaml:8: "nam_sau" không phải là một năm; mỗi mục phải là năm, ví dụ "2025:"',
    ]


def test_every_recorded_day_off_is_a_weekday_of_its_year(calendar):
    assert calendar.days_off and all(day.weekday() < 5 for day in calendar.days_off)
    assert all(day.weekday() == 5 for day in calendar.make_up_days)
