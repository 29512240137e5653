"""What the progress page is given to show: numbers in Vietnamese, verdicts in words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from cchc.base.numbers import vn_number
from cchc.plan.model import load_plan
from cchc.progress.model import plan_progress
from cchc.progress.pages import Context, page_view

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "progress" / "2025.yaml"


def test_vietnamese_numbers():
    assert [vn_number(Decimal(v)) for v in ("99", "99.50", "85.5", "1E+2", "0")] == ["99", "99,5", "85,5", "100", "0"]


def test_a_value_without_its_baseline_is_not_judged(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "      - ky: \"2024\"\n        gia_tri: 85.5\n", "      - ky: \"2025\"\n        gia_tri: 88\n"
    )
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_plan(path, "plan/2025.yaml")
    view = page_view(plan_progress(plan, dt.date(2025, 12, 31)), (plan,), Context("tien-do/index.md", True))
    par = next(item for item in view["indicators"] if item["code"] == "par_index")
    assert [(p["period"], p["value"], p["target"], p["verdict"]) for p in par["points"]] == [
        ("Năm 2024", "Chưa có số liệu", "—", "Kỳ làm chỉ tiêu"),
        ("Năm 2025", "88 điểm", "Chưa có số liệu năm 2024", "Chưa so được (năm 2024 chưa có số liệu)"),
    ]
    assert par["target_rule"] == "đạt khi số liệu cao hơn năm 2024 (năm 2024 chưa có số liệu)"
    assert par["task_href"] == "../ke-hoach/2025/#nv-1-5"
    assert "Đường gạch đứt" not in par["chart"]
