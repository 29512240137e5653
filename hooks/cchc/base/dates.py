"""Dates as Vietnamese readers expect them, in Vietnam's time zone."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def short(day: dt.date) -> str:
    """27/01/2025"""
    return day.strftime("%d/%m/%Y")


def formal(day: dt.date) -> str:
    """ngày 27 tháng 01 năm 2025"""
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


ROMAN = ("I", "II", "III", "IV")


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_of_moment(moment: dt.datetime) -> tuple[int, int]:
    """(year, quarter) of an aware datetime, read on Vietnam's calendar."""
    local = moment.astimezone(VIETNAM).date()
    return local.year, quarter_of(local)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a quarter."""
    first = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, following - dt.timedelta(days=1)


def quarter_label(year: int, quarter: int) -> str:
    """Quý I/2025"""
    return f"Quý {ROMAN[quarter - 1]}/{year}"


def parse_as_of(value: str | None, now: dt.datetime | None = None) -> dt.date:
    """The "as of" date of a build: a YYYY-MM-DD setting, or today in Vietnam when unset.

    Raises ValueError with a Vietnamese message for a value that is not a real date.
    """
    if not value:
        return today_in_vietnam(now)
    text = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f'phải là ngày dạng YYYY-MM-DD có thật, nhận được "{value}"') from None


def noon_epoch(day: dt.date) -> int:
    """Seconds since the epoch at noon in Vietnam on `day` (the same calendar day in UTC)."""
    return int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=VIETNAM).timestamp())


def today_in_vietnam(now: dt.datetime | None = None) -> dt.date:
    """The calendar date in Vietnam at `now` (an aware datetime; the current time by default)."""
    moment = now or dt.datetime.now(dt.UTC)
    return moment.astimezone(VIETNAM).date()
