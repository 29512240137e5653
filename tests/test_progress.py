"""Task states and plan figures against the as-of date, at their edges, and the real 2025 plan
counted by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from cchc.base import dates
from cchc.base.numbers import percent
from cchc.plan.model import Area, Delivered, Task, load_plan
from cchc.progress.model import PlanProgress, plan_progress, progress_notes, task_progress
from projects import progress_fixture_plan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
UTC = dt.UTC


def task(
    deadline: dt.date, status: str = "chua_cap_nhat", delivered_on: dt.date | None = None, number: str = "1.1"
) -> Task:
    products = (Delivered("Sản phẩm", None, 1),) if status == "hoan_thanh" else ()
    return Task(
        number, "Nhiệm vụ", ("Kế hoạch",), "Hiệu trưởng", deadline, status, products, delivered_on, None, None, 1
    )


def test_the_deadline_day_itself_is_not_overdue():
    item = task_progress(task(dt.date(2025, 6, 30)), dt.date(2025, 6, 30))
    assert (item.state, item.days_overdue, item.days_left) == ("chua_cap_nhat", 0, 0)
    assert item.label == "Chưa có báo cáo, chưa đến hạn"


def test_overdue_starts_the_day_after_the_deadline():
    unreported = task_progress(task(dt.date(2025, 6, 30)), dt.date(2025, 7, 1))
    assert (unreported.state, unreported.days_overdue) == ("qua_han_chua_bao_cao", 1)
    assert unreported.label == "Đã qua hạn, chưa có báo cáo"
    in_progress = task_progress(task(dt.date(2025, 6, 30), "dang_thuc_hien"), dt.date(2025, 7, 1))
    assert (in_progress.state, in_progress.days_overdue, in_progress.label) == ("qua_han", 1, "Quá hạn")
    assert task_progress(task(dt.date(2025, 6, 30), "chua_bat_dau"), dt.date(2025, 7, 3)).state == "qua_han"


@pytest.mark.parametrize(
    ("delivered", "state", "late"),
    [
        (dt.date(2025, 3, 31), "hoan_thanh", 0),
        (dt.date(2025, 3, 1), "hoan_thanh", 0),
        (dt.date(2025, 4, 1), "hoan_thanh_muon", 1),
        (dt.date(2025, 5, 1), "hoan_thanh_muon", 31),
    ],
)
def test_done_on_time_or_late_by_the_delivery_date(delivered, state, late):
    item = task_progress(task(dt.date(2025, 3, 31), "hoan_thanh", delivered), dt.date(2025, 12, 1))
    assert (item.state, item.days_late, item.days_overdue, item.done) == (state, late, 0, True)


def _plan_with(*tasks: Task):
    plan = load_plan(FIXTURES / "progress" / "2025.yaml", "plan/2025.yaml")
    return replace(plan, areas=(Area(1, "Lĩnh vực", tuple(tasks), None),), indicators=())


def test_last_day_of_a_quarter_counts_in_that_quarter():
    plan = _plan_with(task(dt.date(2025, 3, 31)))
    on_the_day = plan_progress(plan, dt.date(2025, 3, 31))
    first = on_the_day.quarters[0]
    assert (first.period.label, first.tally.total, first.tally.pending, first.tally.overdue) == ("Quý I/2025", 1, 1, 0)
    assert on_the_day.quarters[1].tally.total == 0
    next_day = plan_progress(plan, dt.date(2025, 4, 1))
    assert (next_day.quarters[0].tally.pending, next_day.quarters[0].tally.overdue) == (0, 1)


@pytest.mark.parametrize(
    ("moment", "as_of", "state"),
    [
        # 23:30 in Vietnam on the 31st is 16:30 UTC the same day: still the deadline day.
        (dt.datetime(2025, 12, 31, 16, 30, tzinfo=UTC), dt.date(2025, 12, 31), "chua_cap_nhat"),
        # 00:30 in Vietnam on 1 January is 17:30 UTC on 31 December: in Vietnam the deadline has passed.
        (dt.datetime(2025, 12, 31, 17, 30, tzinfo=UTC), dt.date(2026, 1, 1), "qua_han_chua_bao_cao"),
        # 23:30 UTC on the last day of a quarter is already the next quarter in Vietnam.
        (dt.datetime(2025, 12, 31, 23, 30, tzinfo=UTC), dt.date(2026, 1, 1), "qua_han_chua_bao_cao"),
    ],
)
def test_today_is_the_calendar_day_in_vietnam(moment, as_of, state):
    today = dates.today_in_vietnam(moment)
    assert today == as_of
    assert task_progress(task(dt.date(2025, 12, 31)), today).state == state


def test_as_of_setting_overrides_the_clock():
    assert dates.parse_as_of("2025-03-31", dt.datetime(2030, 1, 1, tzinfo=UTC)) == dt.date(2025, 3, 31)
    assert dates.parse_as_of(None, dt.datetime(2025, 3, 31, 17, 0, tzinfo=UTC)) == dt.date(2025, 4, 1)


def test_leap_day_deadline():
    deadline = dt.date(2028, 2, 29)
    assert task_progress(task(deadline), dt.date(2028, 2, 29)).state == "chua_cap_nhat"
    assert task_progress(task(deadline), dt.date(2028, 3, 1)).days_overdue == 1
    plan = _plan_with(task(deadline))
    assert [i.task.number for i in plan_progress(plan, dt.date(2028, 1, 30)).due_soon] == ["1.1"]
    assert plan_progress(plan, dt.date(2028, 1, 29)).due_soon == ()
    assert plan_progress(plan, dt.date(2028, 2, 29)).quarters[4].period.label == "Quý I/2028"


def test_overdue_most_overdue_first_and_due_soon_soonest_first():
    plan = _plan_with(
        task(dt.date(2025, 5, 1), number="1.1"),
        task(dt.date(2025, 3, 1), number="1.2"),
        task(dt.date(2025, 3, 1), number="1.10"),
        task(dt.date(2025, 7, 30), number="1.3"),
        task(dt.date(2025, 7, 1), "dang_thuc_hien", number="1.4"),
        task(dt.date(2025, 7, 31), number="1.5"),
    )
    progress = plan_progress(plan, dt.date(2025, 7, 1))
    assert [(i.task.number, i.days_overdue) for i in progress.overdue] == [("1.2", 122), ("1.10", 122), ("1.1", 61)]
    assert [(i.task.number, i.days_left) for i in progress.due_soon] == [("1.4", 0), ("1.3", 29), ("1.5", 30)]


def test_percent_rounds_half_up():
    assert [percent(1, 8), percent(1, 3), percent(2, 3), percent(0, 0), percent(43, 43)] == [13, 33, 67, 0, 100]


def counts(progress: PlanProgress) -> dict[str, int]:
    return {state: n for state, n in progress.tally.counts if n}


def real_plan():
    return load_plan(ROOT / "plan" / "2025.yaml", "plan/2025.yaml")


def test_real_plan_at_the_end_of_the_first_quarter_matches_a_hand_count():
    # By hand from plan/2025.yaml: 43 tasks (13 + 2 + 5 + 4 + 10 + 4 + 5, none in area 8); all
    # "chua_cap_nhat". Deadlines before 31/03/2025: 7.1 (31/01), 1.2 (21/02), 6.4 (28/02); on
    # 31/03: 1.10 and 7.2; 6.3 on 30/06; the 37 others on 31/12.
    progress = plan_progress(real_plan(), dt.date(2025, 3, 31))
    assert progress.tally.total == 43
    assert counts(progress) == {"chua_cap_nhat": 40, "qua_han_chua_bao_cao": 3}
    assert (progress.tally.done, progress.tally.percent_done) == (0, 0)
    assert [(i.task.number, i.days_overdue) for i in progress.overdue] == [("7.1", 59), ("1.2", 38), ("6.4", 31)]
    assert [i.task.number for i in progress.due_soon] == ["1.10", "7.2"]
    assert [(a.area.number, a.tally.total, a.tally.overdue) for a in progress.areas] == [
        (1, 13, 1),
        (2, 2, 0),
        (3, 5, 0),
        (4, 4, 0),
        (5, 10, 0),
        (6, 4, 1),
        (7, 5, 1),
        (8, 0, 0),
    ]
    assert [(q.period.label, q.tally.total, q.tally.overdue, q.tally.pending) for q in progress.quarters] == [
        ("Quý I/2025", 5, 3, 2),
        ("Quý II/2025", 1, 0, 1),
        ("Quý III/2025", 0, 0, 0),
        ("Quý IV/2025", 37, 0, 37),
    ]


def test_real_plan_after_the_year_records_no_completion_and_no_failure():
    progress = plan_progress(real_plan(), dt.date(2026, 1, 1))
    assert counts(progress) == {"qua_han_chua_bao_cao": 43}
    assert not any(item.state == "qua_han" for item in progress.tasks)


def test_real_plan_indicators_have_targets_and_no_values():
    plan = real_plan()
    by_code = {indicator.code: indicator for indicator in plan.indicators}
    assert set(by_code) == {"par_index", "hai_long_thanh_toan_hoc_phi"}
    assert by_code["par_index"].task == "1.5" and by_code["par_index"].target.value is None
    assert by_code["par_index"].target.baseline.code == "2024"
    assert by_code["hai_long_thanh_toan_hoc_phi"].target.value == Decimal(99)
    assert all(indicator.measurements == () for indicator in plan.indicators)
    for item in plan_progress(plan, dt.date(2025, 12, 31)).indicators:
        assert not item.has_values
        assert all(point.value is None and point.met is None for point in item.points)


def test_fixture_plan_states_and_indicators():
    plan, _ = progress_fixture_plan(dt.date(2025, 7, 15))
    progress = plan_progress(plan, dt.date(2025, 7, 15))
    assert {item.task.number: item.state for item in progress.tasks} == {
        "1.1": "hoan_thanh",
        "1.2": "hoan_thanh_muon",
        "1.3": "qua_han",
        "1.4": "qua_han_chua_bao_cao",
        "1.5": "chua_bat_dau",
        "1.11": "chua_cap_nhat",
        "3.1": "dang_thuc_hien",
        "3.2": "chua_cap_nhat",
        "3.3": "hoan_thanh",
        "3.4": "dang_thuc_hien",
    }
    satisfaction = {item.indicator.code: item for item in progress.indicators}["hai_long_hoc_phi"]
    assert [(p.period.code, p.value, p.met) for p in satisfaction.points] == [
        ("2025-Q1", Decimal("99.2"), True),
        ("2025-Q2", Decimal("98.5"), False),
        ("2025-Q3", None, None),
        ("2025-Q4", None, None),
    ]
    par = {item.indicator.code: item for item in progress.indicators}["par_index"]
    assert [(p.period.code, p.value, p.target, p.met, p.baseline) for p in par.points] == [
        ("2024", Decimal("85.5"), None, None, True),
        ("2025", None, Decimal("85.5"), None, False),
    ]


def test_staff_are_told_which_overdue_tasks_lack_a_report():
    assert progress_notes(plan_progress(real_plan(), dt.date(2025, 3, 31))) == [
        "plan/2025.yaml: 3 nhiệm vụ đã qua thời hạn mà chưa có báo cáo tiến độ nào (plan/bao-cao/2025/) tính đến "
        "ngày 31/03/2025: 7.1, 1.2, 6.4"
    ]
    [note] = progress_notes(plan_progress(real_plan(), dt.date(2026, 1, 1)))
    assert note.startswith("plan/2025.yaml: 43 nhiệm vụ đã qua thời hạn")
    assert note.endswith(": 7.1, 1.2, 6.4, 1.10, 7.2 và 38 nhiệm vụ khác")
    assert progress_notes(plan_progress(real_plan(), dt.date(2025, 1, 27))) == []


def test_vietnamese_numbers_from_any_number_type():
    from cchc.base.numbers import vn_number  # noqa: PLC0415

    assert [vn_number(5), vn_number(5.5), vn_number(12.0), vn_number(Decimal("99.50"))] == ["5", "5,5", "12", "99,5"]
