import datetime as dt

import pytest

from cchc.base.dates import formal, parse_as_of, quarter_of, short, today_in_vietnam


def test_formats():
    assert short(dt.date(2025, 1, 27)) == "27/01/2025"
    assert formal(dt.date(2025, 1, 27)) == "ngày 27 tháng 01 năm 2025"
    assert [quarter_of(dt.date(2025, month, 1)) for month in (1, 3, 4, 6, 7, 9, 10, 12)] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_today_is_read_on_vietnams_calendar():
    # 17:30 UTC on 31/03 is already 00:30 on 01/04 in Vietnam.
    assert today_in_vietnam(dt.datetime(2025, 3, 31, 17, 30, tzinfo=dt.UTC)) == dt.date(2025, 4, 1)
    assert parse_as_of(None, dt.datetime(2025, 3, 31, 16, 59, tzinfo=dt.UTC)) == dt.date(2025, 3, 31)


@pytest.mark.parametrize("value", ["20250131", "2025-W05-1", "2025-02-30", "31/01/2025", "2025-1-31"])
def test_as_of_must_be_a_real_yyyy_mm_dd_date(value):
    with pytest.raises(ValueError) as caught:
        parse_as_of(value)
    assert str(caught.value) == f'phải là ngày dạng YYYY-MM-DD có thật, nhận được "{value}"'


def test_as_of_accepts_a_real_date():
    assert parse_as_of(" 2025-02-28 ") == dt.date(2025, 2, 28)
