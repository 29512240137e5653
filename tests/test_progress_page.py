"""What the progress page is given to show: numbers in Vietnamese, verdicts in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from cchc.base.numbers import vn_number
from cchc.progress.model import plan_progress
from cchc.progress.pages import Context, page_view
from projects import progress_fixture_plan


def test_vietnamese_numbers():
    assert [vn_number(Decimal(v)) for v in ("99", "99.50", "85.5", "1E+2", "0")] == ["99", "99,5", "85,5", "100", "0"]


def test_a_value_without_its_baseline_is_not_judged():
    plan, _ = progress_fixture_plan(dt.date(2025, 12, 31))
    # The fixture reports the 2024 baseline on 31/03/2025: without it, 2025's value cannot be judged.
    [par, satisfaction] = plan.indicators
    plan = replace(plan, indicators=(replace(par, measurements=par.measurements[1:]), satisfaction))
    assert [m.period.code for m in plan.indicators[0].measurements] == ["2025"]
    view = page_view(plan_progress(plan, dt.date(2025, 12, 31)), (plan,), Context("tien-do/index.md", True))
    par = next(item for item in view["indicators"] if item["code"] == "par_index")
    assert [(p["period"], p["value"], p["target"], p["verdict"]) for p in par["points"]] == [
        ("Năm 2024", "Chưa có số liệu", "—", "Kỳ làm chỉ tiêu"),
        ("Năm 2025", "88,25 điểm", "Chưa có số liệu năm 2024", "Chưa so được (năm 2024 chưa có số liệu)"),
    ]
    assert par["target_rule"] == "đạt khi số liệu cao hơn năm 2024 (năm 2024 chưa có số liệu)"
    assert par["task_href"] == "../ke-hoach/2025/#nv-1-5"
    assert "Đường gạch đứt" not in par["chart"]


def test_first_words_cut_long_tasks_only():
    from cchc.progress.pages import first_words  # noqa: PLC0415

    assert first_words("Một hai ba", 5) == "Một hai ba"
    assert first_words("Một, hai; ba bốn năm", 2) == "Một, hai…"


def test_an_overdue_task_names_what_the_school_reported_and_nothing_when_it_reported_nothing():
    from cchc.plan.model import TaskStatus  # noqa: PLC0415

    day = dt.date(2025, 12, 31)
    plan, _ = progress_fixture_plan(day)

    def overdue(plan):
        view = page_view(plan_progress(plan, day), (plan,), Context("tien-do/index.md", True))
        return [(task["number"], task["reported_note"]) for task in view["overdue"]]

    assert overdue(plan) == [("1.4", None)]
    started = replace(
        plan,
        areas=tuple(
            replace(
                area,
                tasks=tuple(
                    replace(task, status=TaskStatus.IN_PROGRESS) if task.number == "1.4" else task
                    for task in area.tasks
                ),
            )
            for area in plan.areas
        ),
    )
    assert overdue(started) == [("1.4", TaskStatus.IN_PROGRESS.label)]
