"""Where a plan stands on a given day: each task's state, the figures per area and per quarter,
the indicators against their targets, and the checks of progress data that need that day.

Every derived state is computed against the as-of date (a calendar day in Vietnam), never the
clock: the deadline day itself is not overdue; overdue starts the day after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..base import dates, links
from ..base.errors import Problem
from ..base.numbers import percent
from ..plan.indicators import Indicator, Period, periods_of_year
from ..plan.model import Area, Plan, Task

DUE_SOON_DAYS = 30

STATES = {
    "hoan_thanh": "Hoàn thành đúng hạn",
    "hoan_thanh_muon": "Hoàn thành muộn",
    "dang_thuc_hien": "Đang thực hiện, chưa đến hạn",
    "chua_bat_dau": "Chưa bắt đầu, chưa đến hạn",
    "chua_cap_nhat": "Chưa có báo cáo, chưa đến hạn",
    "qua_han": "Quá hạn",
    "qua_han_chua_bao_cao": "Đã qua hạn, chưa có báo cáo",
}
"""Computed states, in the order the page lists them. `qua_han` is a task the school reports as not
finished after its deadline; `qua_han_chua_bao_cao` is one past its deadline on which the school
has not reported (`chua_cap_nhat`): no completion is recorded, which is not a claim that it failed."""

DONE = ("hoan_thanh", "hoan_thanh_muon")
OVERDUE = ("qua_han", "qua_han_chua_bao_cao")
PENDING = ("dang_thuc_hien", "chua_bat_dau", "chua_cap_nhat")


@dataclass(frozen=True)
class TaskProgress:
    task: Task
    state: str
    days_overdue: int
    """Days past the deadline without a recorded completion; 0 otherwise."""
    days_late: int
    """Days between the deadline and a late delivery; 0 otherwise."""
    days_left: int
    """Days from the as-of date to the deadline (negative once it has passed)."""

    @property
    def label(self) -> str:
        return STATES[self.state]

    @property
    def done(self) -> bool:
        return self.state in DONE

    @property
    def overdue(self) -> bool:
        return self.state in OVERDUE


def task_progress(task: Task, as_of: dt.date) -> TaskProgress:
    days_left = (task.deadline - as_of).days
    if task.status == "hoan_thanh" and task.delivered_on is not None:
        late = max((task.delivered_on - task.deadline).days, 0)
        return TaskProgress(task, "hoan_thanh_muon" if late else "hoan_thanh", 0, late, days_left)
    if days_left < 0:
        state = "qua_han_chua_bao_cao" if task.status == "chua_cap_nhat" else "qua_han"
        return TaskProgress(task, state, -days_left, 0, days_left)
    state = task.status if task.status in PENDING else "chua_cap_nhat"
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
    return Tally(len(items), tuple((state, sum(1 for item in items if item.state == state)) for state in STATES))


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
        points.append(IndicatorPoint(target.baseline, baseline.value if baseline else None, None, None, True, baseline.source if baseline else None))
    for period in periods_of_year(year, indicator.frequency):
        measured = indicator.value_for(period)
        met = None
        if measured is not None and target_value is not None:
            met = measured.value >= target_value if target.comparison == "toi_thieu" else measured.value > target_value
        points.append(
            IndicatorPoint(period, measured.value if measured else None, target_value, met, False, measured.source if measured else None)
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
    periods |= set(periods_of_year(plan.year, "quy"))
    quarters = tuple(
        QuarterProgress(period, tasks, tally(tasks))
        for period in sorted(periods, key=lambda p: (p.year, p.quarter))
        for tasks in [tuple(item for item in items if period.start <= item.task.deadline <= period.end)]
    )
    overdue = tuple(sorted((item for item in items if item.overdue), key=lambda item: (-item.days_overdue, task_order(item.task))))
    due_soon = tuple(
        sorted(
            (item for item in items if not item.done and 0 <= item.days_left <= DUE_SOON_DAYS),
            key=lambda item: (item.days_left, task_order(item.task)),
        )
    )
    done = tuple(item for item in items if item.done)
    indicators = tuple(_indicator_progress(indicator, plan.year) for indicator in plan.indicators)
    return PlanProgress(plan, as_of, items, tally(items), areas, quarters, overdue, due_soon, done, indicators)


SiteTargets = Mapping[str, frozenset[str] | None]
"""Every path in the site a link may point to (docs files and generated files), each with the
fragments its page is known to have, or None where they are not checked."""


def _check_link(plan: Plan, task: Task, name: str, url: str, line: int, targets: SiteTargets) -> Problem | None:
    where = f"nhiệm vụ {task.number}, sản phẩm \"{name}\""
    if links.is_external(url):
        return None
    if links.has_other_scheme(url):
        return Problem(
            plan.source,
            line,
            f"{where}: \"lien_ket\" \"{url}\" không phải địa chỉ web; hãy ghi địa chỉ đầy đủ bắt đầu bằng https:// "
            "hoặc đường dẫn một trang trong chuyên mục (ví dụ bai-viet/2025/ten-bai.md)",
        )
    parsed = links.site_link(url)
    if parsed is None or parsed.path not in targets:
        hint = ""
        if parsed is not None and parsed.path.endswith("/"):
            guesses = [parsed.path.rstrip("/") + ".md", parsed.path + "index.md"]
            found = next((guess for guess in guesses if guess in targets), None)
            hint = f" (có phải ý bạn là \"{found}\"?)" if found else ""
        return Problem(
            plan.source,
            line,
            f"{where}: \"lien_ket\" \"{url}\" dẫn tới trang không có trong chuyên mục{hint}; hãy ghi đường dẫn "
            "của tệp trong thư mục docs (ví dụ bai-viet/2025/ten-bai.md hoặc ke-hoach/2025.md#nv-1-1) "
            "hoặc địa chỉ web đầy đủ bắt đầu bằng https://",
        )
    fragments = targets[parsed.path]
    if parsed.fragment and fragments is not None and parsed.fragment not in fragments:
        return Problem(
            plan.source,
            line,
            f"{where}: \"lien_ket\" \"{url}\": trang {parsed.path} không có mục \"#{parsed.fragment}\"; "
            "hãy kiểm tra phần sau dấu # (ví dụ #nv-1-1 cho nhiệm vụ 1.1)",
        )
    return None


def check_plan_progress(plan: Plan, as_of: dt.date, targets: SiteTargets) -> list[Problem]:
    """Progress data that cannot be right: a completion without its date or product, a date
    outside [signing day, as-of date], an evidence link to a page the site does not have, a
    measured value for a period that has not begun."""
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(plan.source, line, message))

    for task in plan.tasks:
        where = f"nhiệm vụ {task.number}"
        date_line = task.delivered_on_line or task.line
        if task.status == "hoan_thanh":
            if task.delivered_on is None:
                add(task.line, f"{where}: \"trang_thai\" là hoan_thanh nhưng thiếu \"ngay_hoan_thanh\"; hãy ghi ngày hoàn thành, dạng YYYY-MM-DD")
            if not task.delivered:
                add(
                    task.line,
                    f"{where}: \"trang_thai\" là hoan_thanh nhưng thiếu \"san_pham_hoan_thanh\"; hãy ghi tên sản phẩm "
                    "đã hoàn thành (\"ten\") và nơi công bố (\"lien_ket\") nếu có",
                )
        elif task.delivered_on is not None:
            add(
                date_line,
                f"{where}: có \"ngay_hoan_thanh\" nhưng \"trang_thai\" là {task.status}; nếu nhiệm vụ đã xong hãy "
                "đổi \"trang_thai\" thành hoan_thanh, nếu chưa thì xóa dòng \"ngay_hoan_thanh\"",
            )
        if task.delivered_on is not None and task.delivered_on < plan.signed_on:
            add(
                date_line,
                f"{where}: \"ngay_hoan_thanh\" là {dates.short(task.delivered_on)}, trước ngày ký kế hoạch "
                f"({dates.short(plan.signed_on)}); hãy kiểm tra lại ngày hoàn thành",
            )
        if task.delivered_on is not None and task.delivered_on > as_of:
            add(
                date_line,
                f"{where}: \"ngay_hoan_thanh\" là {dates.short(task.delivered_on)}, sau ngày tính số liệu "
                f"({dates.short(as_of)}); chỉ ghi ngày hoàn thành khi việc đã xong",
            )
        for product in task.delivered:
            if product.url:
                problem = _check_link(plan, task, product.name, product.url, product.url_line or product.line, targets)
                if problem:
                    problems.append(problem)
    for indicator in plan.indicators:
        for measured in indicator.measurements:
            if measured.period.start > as_of:
                add(
                    measured.period_line,
                    f"chỉ số {indicator.code}, số liệu: kỳ {measured.period.code} bắt đầu từ "
                    f"{dates.short(measured.period.start)}, sau ngày tính số liệu ({dates.short(as_of)}); "
                    "chưa thể có số liệu của kỳ này",
                )
    return problems


def progress_notes(progress: PlanProgress) -> list[str]:
    """What staff should report, for the build log and the staff check; never blocks publishing."""
    plan, as_of = progress.plan, progress.as_of
    unreported = [item.task.number for item in progress.overdue if item.task.status == "chua_cap_nhat"]
    if not unreported:
        return []
    shown = ", ".join(unreported[:5]) + (f" và {len(unreported) - 5} nhiệm vụ khác" if len(unreported) > 5 else "")
    return [
        f"{plan.source}: {len(unreported)} nhiệm vụ đã qua thời hạn mà chưa cập nhật kết quả "
        f"(trang_thai: chua_cap_nhat) tính đến ngày {dates.short(as_of)}: {shown}"
    ]
