"""Dates as Vietnamese readers expect them, in Vietnam's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def short(day: dt.date) -> str:
    """27/01/2025"""
    return day.strftime("%d/%m/%Y")


def formal(day: dt.date) -> str:
    """ngày 27 tháng 01 năm 2025"""
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def today_in_vietnam(now: dt.datetime | None = None) -> dt.date:
    """The calendar date in Vietnam at `now` (an aware datetime; the current time by default)."""
    moment = now or dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(VIETNAM).date()
