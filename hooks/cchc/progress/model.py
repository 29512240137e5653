"""Where a plan stands on a given day: each task's state, the figures per area and per quarter,
the indicators against their targets. The plan given is the plan as its progress entries report it
on that day (`cchc.reports.entries.plan_on`).

Every derived state is computed against the as-of date (a calendar day in Vietnam), never the
clock: the deadline day itself is not overdue; overdue starts the day after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..base import dates
from ..base.codes import Coded
from ..base.numbers import percent
from ..plan.indicators import Comparison, Frequency, Indicator, Period, periods_of_year
from ..plan.model import Area, Plan, Task, TaskStatus
from ..reports.layout import REPORTS_FOLDER

DUE_SOON_DAYS = 30


class TaskState(Coded):
    """A task's computed state on the as-of date, in the order the page lists them. `qua_han` is
    a task the school reports as not finished after its deadline; `qua_han_chua_bao_cao` is one
    past its deadline on which the school has not reported (`chua_cap_nhat`): no completion is
    recorded, which is not a claim that it failed. The pending codes are `TaskStatus` codes."""

    ON_TIME = "hoan_thanh", "Hoàn thành đúng hạn"
    LATE = "hoan_thanh_muon", "Hoàn thành muộn"
    IN_PROGRESS = "dang_thuc_hien", "Đang thực hiện, chưa đến hạn"
    NOT_STARTED = "chua_bat_dau", "Chưa bắt đầu, chưa đến hạn"
    NOT_REPORTED = "chua_cap_nhat", "Chưa có báo cáo, chưa đến hạn"
    OVERDUE = "qua_han", "Quá hạn"
    OVERDUE_UNREPORTED = "qua_han_chua_bao_cao", "Đã qua hạn, chưa có báo cáo"


DONE = (TaskState.ON_TIME, TaskState.LATE)
OVERDUE = (TaskState.OVERDUE, TaskState.OVERDUE_UNREPORTED)
PENDING = (TaskState.IN_PROGRESS, TaskState.NOT_STARTED, TaskState.NOT_REPORTED)


@dataclass(frozen=True)
class TaskProgress:
    task: Task
    state: TaskState
    days_overdue: int
    """Days past the deadline without a recorded completion; 0 otherwise."""
    days_late: int
    """Days between the deadline and a late delivery; 0 otherwise."""
    days_left: int
    """Days from the as-of date to the deadline (negative once it has passed)."""

    @property
    def label(self) -> str:
        return TaskState(self.state).label

    @property
    def done(self) -> bool:
        return self.state in DONE

    @property
    def overdue(self) -> bool:
        return self.state in OVERDUE


def task_progress(task: Task, as_of: dt.date) -> TaskProgress:
    days_left = (task.deadline - as_of).days
    if task.status == TaskStatus.DONE and task.delivered_on is not None:
        late = max((task.delivered_on - task.deadline).days, 0)
        return TaskProgress(task, TaskState.LATE if late else TaskState.ON_TIME, 0, late, days_left)
    if days_left < 0:
        state = TaskState.OVERDUE_UNREPORTED if task.status == TaskStatus.UNREPORTED else TaskState.OVERDUE
        return TaskProgress(task, state, -days_left, 0, days_left)
    state = TaskState(task.status) if task.status in PENDING else TaskState.NOT_REPORTED
    return TaskProgress(task, state, 0, 0, days_left)


@dataclass(frozen=True)
class Tally:
    """How many tasks of a group are in each state."""

    total: int
    counts: tuple[tuple[str, int], ...]

    def count(self, *states: str) -> int:
        return sum(n for state, n in self.counts if state in states)

    @property
    def done(self) -> int:
        return self.count(*DONE)

    @property
    def overdue(self) -> int:
        return self.count(*OVERDUE)

    @property
    def pending(self) -> int:
        return self.count(*PENDING)

    @property
    def percent_done(self) -> int:
        return percent(self.done, self.total)


def tally(items: tuple[TaskProgress, ...]) -> Tally:
    return Tally(len(items), tuple((state, sum(1 for item in items if item.state == state)) for state in TaskState))


@dataclass(frozen=True)
class AreaProgress:
    area: Area
    tasks: tuple[TaskProgress, ...]
    tally: Tally


@dataclass(frozen=True)
class QuarterProgress:
    """The tasks whose deadline falls in one quarter, and how each deadline went."""

    period: Period
    tasks: tuple[TaskProgress, ...]
    tally: Tally


@dataclass(frozen=True)
class IndicatorPoint:
    period: Period
    value: Decimal | None
    target: Decimal | None
    met: bool | None
    """None when the value or the target is not known."""
    baseline: bool
    source: str | None


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    points: tuple[IndicatorPoint, ...]
    """The baseline period (if the target is one) first, then each period of the plan year."""

    @property
    def has_values(self) -> bool:
        return any(point.value is not None for point in self.points)


@dataclass(frozen=True)
class PlanProgress:
    plan: Plan
    as_of: dt.date
    tasks: tuple[TaskProgress, ...]
    tally: Tally
    areas: tuple[AreaProgress, ...]
    quarters: tuple[QuarterProgress, ...]
    overdue: tuple[TaskProgress, ...]
    """Most overdue first."""
    due_soon: tuple[TaskProgress, ...]
    """Not done and due within DUE_SOON_DAYS days from the as-of date (the as-of day included)."""
    done: tuple[TaskProgress, ...]
    indicators: tuple[IndicatorProgress, ...]

    @property
    def due_soon_until(self) -> dt.date:
        return self.as_of + dt.timedelta(days=DUE_SOON_DAYS)


def task_order(task: Task) -> tuple[int, int]:
    """Task numbers in numeric order: 1.2 before 1.10."""
    area, index = task.number.split(".")
    return int(area), int(index)


def _indicator_progress(indicator: Indicator, year: int) -> IndicatorProgress:
    target = indicator.target
    baseline = indicator.value_for(target.baseline) if target.baseline else None
    target_value = target.value if target.baseline is None else (baseline.value if baseline else None)
    points = []
    if target.baseline is not None:
        points.append(
            IndicatorPoint(
                target.baseline,
                baseline.value if baseline else None,
                None,
                None,
                True,
                baseline.source if baseline else None,
            )
        )
    for period in periods_of_year(year, indicator.frequency):
        measured = indicator.value_for(period)
        met = None
        if measured is not None and target_value is not None:
            met = (
                measured.value >= target_value
                if target.comparison == Comparison.AT_LEAST
                else measured.value > target_value
            )
        points.append(
            IndicatorPoint(
                period,
                measured.value if measured else None,
                target_value,
                met,
                False,
                measured.source if measured else None,
            )
        )
    return IndicatorProgress(indicator, tuple(points))


def plan_progress(plan: Plan, as_of: dt.date) -> PlanProgress:
    items = tuple(task_progress(task, as_of) for task in sorted(plan.tasks, key=task_order))
    by_number = {item.task.number: item for item in items}
    areas = tuple(
        AreaProgress(area, tasks, tally(tasks))
        for area in plan.areas
        for tasks in [tuple(by_number[task.number] for task in sorted(area.tasks, key=task_order))]
    )
    periods = {Period(item.task.deadline.year, dates.quarter_of(item.task.deadline)) for item in items}
    periods |= set(periods_of_year(plan.year, Frequency.QUARTERLY))
    quarters = tuple(
        QuarterProgress(period, tasks, tally(tasks))
        for period in sorted(periods, key=lambda p: (p.year, p.quarter))
        for tasks in [tuple(item for item in items if period.start <= item.task.deadline <= period.end)]
    )
    overdue = tuple(
        sorted((item for item in items if item.overdue), key=lambda item: (-item.days_overdue, task_order(item.task)))
    )
    due_soon = tuple(
        sorted(
            (item for item in items if not item.done and 0 <= item.days_left <= DUE_SOON_DAYS),
            key=lambda item: (item.days_left, task_order(item.task)),
        )
    )
    done = tuple(item for item in items if item.done)
    indicators = tuple(_indicator_progress(indicator, plan.year) for indicator in plan.indicators)
    return PlanProgress(plan, as_of, items, tally(items), areas, quarters, overdue, due_soon, done, indicators)


def progress_notes(progress: PlanProgress) -> list[str]:
    """What staff should report, for the build log and the staff check; never blocks publishing."""
    plan, as_of = progress.plan, progress.as_of
    unreported = [item.task.number for item in progress.overdue if item.task.status == TaskStatus.UNREPORTED]
    if not unreported:
        return []
    shown = ", ".join(unreported[:5]) + (f" và {len(unreported) - 5} nhiệm vụ khác" if len(unreported) > 5 else "")
    return [
        f"{plan.source}: {len(unreported)} nhiệm vụ đã qua thời hạn mà chưa có báo cáo tiến độ nào "
        f"({REPORTS_FOLDER}/{plan.year}/) tính đến ngày {dates.short(as_of)}: {shown}"
    ]
