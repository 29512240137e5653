"""The quarterly quota of task 1.11: at least one article sent each quarter of the plan year.

Quarters are calendar quarters in Vietnam time: an article published at 00:30 on 01/04 in
Vietnam is in the second quarter, although it is still 31 March in UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..base import dates
from ..base.codes import Coded
from .model import Article


class QuarterState(Coded):
    """Where a quarter of the tracked year stands against the quota."""

    MET = "dat", "Đã đạt"
    MISSED = "chua_dat", "Chưa đạt"
    RUNNING = "dang_dien_ra", "Đang diễn ra"
    NOT_BEGUN = "chua_den", "Chưa đến"


QUOTA_TASK = "1.11"
"""The plan task that sets the quota; every page and message names it from here."""
QUOTA = 1
"""Articles per quarter asked by task 1.11 (\"ít nhất 01 bài viết/mô hình/sản phẩm\")."""


@dataclass(frozen=True)
class QuarterStatus:
    year: int
    quarter: int
    first_day: dt.date
    last_day: dt.date
    articles: tuple[Article, ...]
    """The published articles dated in the quarter (Vietnam time), newest first."""
    state: QuarterState
    days_left: int | None
    """For the running quarter: days from the as-of date to the quarter's last day, both counted."""

    @property
    def label(self) -> str:
        return dates.quarter_label(self.year, self.quarter)

    @property
    def missed(self) -> bool:
        return self.state == QuarterState.MISSED


def quarter_tracker(articles: tuple[Article, ...], year: int, as_of: dt.date) -> tuple[QuarterStatus, ...]:
    """The four quarters of `year` as they stand on `as_of`; only articles published by then count."""
    counted = [article for article in articles if article.is_published(as_of)]
    statuses = []
    for quarter in range(1, 5):
        first, last = dates.quarter_bounds(year, quarter)
        inside = tuple(
            sorted(
                (article for article in counted if (article.year, article.quarter) == (year, quarter)),
                key=lambda article: (article.published, article.src_uri),
                reverse=True,
            )
        )
        days_left = None
        if len(inside) >= QUOTA:
            state = QuarterState.MET
        elif as_of > last:
            state = QuarterState.MISSED
        elif as_of < first:
            state = QuarterState.NOT_BEGUN
        else:
            state = QuarterState.RUNNING
        if first <= as_of <= last:
            days_left = (last - as_of).days + 1
        statuses.append(QuarterStatus(year, quarter, first, last, inside, state, days_left))
    return tuple(statuses)


def tracker_year(plan_years: tuple[int, ...], as_of: dt.date) -> int | None:
    """The plan year to track: the as-of year if it has a plan, else the latest plan before it."""
    earlier = [year for year in plan_years if year <= as_of.year]
    if earlier:
        return max(earlier)
    return min(plan_years) if plan_years else None


def missed_quarter_notes(statuses: tuple[QuarterStatus, ...]) -> tuple[str, ...]:
    """Warnings for the staff check: quarters that ended without their article."""
    return tuple(
        f"{status.label} ({dates.short(status.first_day)}–{dates.short(status.last_day)}) chưa có bài viết nào được đăng; "
        f"nhiệm vụ {QUOTA_TASK} yêu cầu mỗi quý ít nhất {QUOTA:02d} bài viết, mô hình hoặc sản phẩm tuyên truyền"
        for status in statuses
        if status.missed
    )
