"""The progress pages and their open data: the page body from a template, the charts, and the
JSON and CSV files, all computed here so that templates only lay values out."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..base import dates, escape, links
from ..base.identity import School
from ..base.render import GeneratedFile, GeneratedPage, render, with_front_matter
from ..plan.indicators import Comparison, Target, Unit, with_unit
from ..plan.model import Plan, Task, TaskStatus
from ..site.addresses import (
    HOME,
    PROGRESS_JSON_URI,
    PROGRESS_SCHEMA_URI,
    REPORTS_INDEX,
    evidence_csv_uri,
    plan_csv_uri,
    plan_uri,
    progress_uri,
    xlsx_uri,
)
from . import charts
from .model import IndicatorPoint, IndicatorProgress, PlanProgress, Tally, TaskProgress, TaskState
from .spreadsheet import Column, workbook_bytes

SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "progress.schema.json"
SCHEMA_VERSION = 1


def progress_nav(title: str, plans: tuple[Plan, ...]) -> dict[str, str | list[str]]:
    """The nav entry: the newest year's page alone, or a section of all years, newest first."""
    uris = [progress_uri(plan, plans) for plan in plans]
    return {title: uris[0] if len(uris) == 1 else uris}


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Context:
    """Where the page is and how the site makes URLs, for links computed in the core."""

    page_uri: str
    directory_urls: bool

    def href(self, link: str) -> str:
        return links.href(link, self.page_uri, self.directory_urls)


def _task_link(task: Task, plan: Plan) -> str:
    return f"{plan_uri(plan)}#{task.anchor}"


def _task_view(item: TaskProgress, plan: Plan, where: Context) -> dict[str, Any]:
    task = item.task
    return {
        "number": task.number,
        "text": task.text,
        "short": first_words(task.text),
        "href": where.href(_task_link(task, plan)),
        "deadline": dates.short(task.deadline),
        "state": item.state,
        "label": item.label,
        "reported": task.status_label,
        "reported_note": task.status_label if task.status is not TaskStatus.UNREPORTED else None,
        "days_overdue": item.days_overdue,
        "days_late": item.days_late,
        "days_left": item.days_left,
        "delivered_on": dates.short(task.delivered_on) if task.delivered_on else None,
        "evidence": [
            {
                "name": p.name,
                "href": where.href(p.url) if p.url else None,
                "external": bool(p.url and links.is_external(p.url)),
            }
            for p in task.delivered
        ],
    }


TALLY_GROUPS = (
    ("done", "Đã hoàn thành"),
    ("overdue", "Đã qua hạn, chưa ghi nhận hoàn thành"),
    ("pending", "Chưa đến hạn"),
)
"""The three groups of `Tally` (done, overdue, pending) as the area chart's bars and legend name
them: one list, so the legend cannot drift from the bars (it had: "Qua hạn, ...")."""


def _area_chart(progress: PlanProgress, prefix: str) -> Markup:
    rows = tuple(
        charts.BarRow(
            f"Lĩnh vực {area.area.number}: {area.tally.done}/{area.tally.total} hoàn thành ({area.tally.percent_done}%)",
            tuple(charts.Segment(group, label, getattr(area.tally, group)) for group, label in TALLY_GROUPS),
        )
        for area in progress.areas
        if area.tasks
    )
    description = "; ".join(
        f"lĩnh vực {area.area.number}: {area.tally.total} nhiệm vụ, {area.tally.done} đã hoàn thành, "
        f"{area.tally.overdue} đã qua hạn chưa ghi nhận hoàn thành, {area.tally.pending} chưa đến hạn"
        for area in progress.areas
        if area.tasks
    )
    return charts.stacked_bars(
        prefix,
        f"Tiến độ theo lĩnh vực, tính đến ngày {dates.short(progress.as_of)}",
        description[:1].upper() + description[1:] + ".",
        TALLY_GROUPS,
        rows,
    )


def _rule(item: IndicatorProgress) -> tuple[Decimal | None, str]:
    """The figure a value is compared with (if known) and the rule in words."""
    indicator, target = item.indicator, item.indicator.target
    at_least = target.comparison == Comparison.AT_LEAST
    if target.value is not None:
        figure = with_unit(target.value, indicator.unit)
        return target.value, f"đạt khi số liệu từ {figure} trở lên" if at_least else f"đạt khi số liệu cao hơn {figure}"
    baseline = item.points[0]
    period = target.baseline.label.lower()
    known = (
        f"{period}: {with_unit(baseline.value, indicator.unit)}"
        if baseline.value is not None
        else f"{period} chưa có số liệu"
    )
    compare = "không thấp hơn" if at_least else "cao hơn"
    return baseline.value, f"đạt khi số liệu {compare} {period} ({known})"


def _point_view(point: IndicatorPoint, target: Target, unit: Unit) -> dict[str, Any]:
    """One period's row of an indicator's table: its figure, the target it is held to, the verdict."""
    if point.baseline:
        verdict = "Kỳ làm chỉ tiêu"
    elif point.value is None:
        verdict = "Chưa có số liệu"
    elif point.met is None:
        verdict = (
            f"Chưa so được ({target.baseline.label.lower()} chưa có số liệu)" if target.baseline else "Chưa so được"
        )
    else:
        verdict = "Đạt" if point.met else "Chưa đạt"
    return {
        "period": point.period.label,
        "value": with_unit(point.value, unit) if point.value is not None else "Chưa có số liệu",
        "target": with_unit(point.target, unit)
        if point.target is not None
        else (
            "—" if point.baseline else f"Chưa có số liệu {target.baseline.label.lower()}" if target.baseline else "—"
        ),
        "verdict": verdict,
        "source": point.source,
    }


def _indicator_chart(
    item: IndicatorProgress, points: list[dict[str, Any]], rule: str, target_value: Decimal | None, prefix: str
) -> Markup:
    """The indicator's figures per period as columns, described in words by its table's rows."""
    indicator, unit = item.indicator, item.indicator.unit
    columns = tuple(
        charts.ChartColumn(
            point.period.label,
            point.value,
            with_unit(point.value, unit) if point.value is not None else "",
            "Kỳ gốc" if point.baseline else ("" if point.met is None else ("Đạt" if point.met else "Chưa đạt")),
        )
        for point in item.points
    )
    description = (
        "; ".join(f"{p['period']}: {p['value']} ({p['verdict'].lower()})" for p in points) + f". Cách đánh giá: {rule}."
    )
    return charts.columns(
        prefix,
        f"{indicator.name}: số liệu theo kỳ",
        description,
        columns,
        Decimal(100) if unit == Unit.PERCENT else None,
        target_value,
        f"Đường gạch đứt: chỉ tiêu {with_unit(target_value, unit)}" if target_value is not None else "",
    )


def _indicator_view(item: IndicatorProgress, plan: Plan, where: Context, prefix: str) -> dict[str, Any]:
    indicator, target = item.indicator, item.indicator.target
    points = [_point_view(point, target, indicator.unit) for point in item.points]
    target_value, rule = _rule(item)
    return {
        "code": indicator.code,
        "name": indicator.name,
        "task": indicator.task,
        "task_href": where.href(_task_link(plan.task(indicator.task), plan)),
        "unit": indicator.unit_label,
        "target_text": target.text.rstrip("."),
        "target_rule": rule,
        "points": points,
        "chart": _indicator_chart(item, points, rule, target_value, prefix) if item.has_values else None,
    }


OVERDUE_SHOWN = 2
"""Overdue tasks listed per area before the rest folds away."""


def _overdue_groups(progress: PlanProgress, tasks: dict[str, dict[str, Any]], where: Context) -> list[dict[str, Any]]:
    """The overdue tasks by area (in the plan's order), most overdue first within an area; the
    first few of each area shown, the rest folded."""
    overdue = [item.task.number for item in progress.overdue]
    groups = []
    for area in progress.plan.areas:
        numbers = {task.number for task in area.tasks}
        items = [tasks[number] for number in overdue if number in numbers]
        if items:
            groups.append(
                {
                    "number": area.number,
                    "name": area.name,
                    "href": where.href(f"{plan_uri(progress.plan)}#{area.anchor}"),
                    "shown": items[:OVERDUE_SHOWN],
                    "folded": items[OVERDUE_SHOWN:],
                }
            )
    return groups


def _data_links(plan: Plan, where: Context) -> dict[str, str]:
    """The open data of the plan's progress: addresses and file names of the JSON, CSV and Excel files."""
    return {
        "json": where.href(PROGRESS_JSON_URI),
        "schema": where.href(PROGRESS_SCHEMA_URI),
        "plan_csv": where.href(plan_csv_uri(plan)),
        "evidence_csv": where.href(evidence_csv_uri(plan)),
        "plan_csv_name": plan_csv_uri(plan).rsplit("/", 1)[-1],
        "evidence_csv_name": evidence_csv_uri(plan).rsplit("/", 1)[-1],
        "plan_xlsx": where.href(xlsx_uri(plan_csv_uri(plan))),
        "evidence_xlsx": where.href(xlsx_uri(evidence_csv_uri(plan))),
        "plan_xlsx_name": xlsx_uri(plan_csv_uri(plan)).rsplit("/", 1)[-1],
        "evidence_xlsx_name": xlsx_uri(evidence_csv_uri(plan)).rsplit("/", 1)[-1],
    }


def page_view(progress: PlanProgress, plans: tuple[Plan, ...], where: Context) -> dict[str, Any]:
    """Everything the template shows, formatted."""
    plan = progress.plan
    tasks = {item.task.number: _task_view(item, plan, where) for item in progress.tasks}
    others = [
        {"year": other.year, "href": where.href(progress_uri(other, plans))}
        for other in plans
        if other.year != plan.year
    ]
    return {
        "plan": plan,
        "as_of": dates.short(progress.as_of),
        "tally": progress.tally,
        "states": [{"code": state, "label": state.label, "count": progress.tally.count(state)} for state in TaskState],
        "plan_href": where.href(plan_uri(plan)),
        "area_chart": _area_chart(progress, f"cchc-chart-areas-{plan.year}"),
        "areas": [
            {
                "number": area.area.number,
                "name": area.area.name,
                "href": where.href(f"{plan_uri(plan)}#{area.area.anchor}"),
                "tally": area.tally,
            }
            for area in progress.areas
        ],
        "overdue": [tasks[item.task.number] for item in progress.overdue],
        "overdue_groups": _overdue_groups(progress, tasks, where),
        "overdue_unreported": sum(1 for item in progress.overdue if item.task.status == TaskStatus.UNREPORTED),
        "due_soon": [tasks[item.task.number] for item in progress.due_soon],
        "due_soon_until": dates.short(progress.due_soon_until),
        "quarters": [
            {
                "label": quarter.period.label,
                "tally": quarter.tally,
                "on_time": quarter.tally.count(TaskState.ON_TIME),
                "late": quarter.tally.count(TaskState.LATE),
            }
            for quarter in progress.quarters
        ],
        "done": [tasks[item.task.number] for item in progress.done],
        "indicators": [
            _indicator_view(item, plan, where, f"cchc-chart-{item.indicator.code}-{plan.year}")
            for item in progress.indicators
        ],
        "others": others,
        "reports_href": where.href(REPORTS_INDEX),
        "data": _data_links(plan, where),
    }


TrackerView = Callable[[int, str], "dict[str, Any] | None"]
"""The quarterly article tracker's values for a plan year, as seen from a page (src_uri)."""


def progress_page(
    progress: PlanProgress,
    plans: tuple[Plan, ...],
    school: School,
    env: jinja2.Environment,
    directory_urls: bool = True,
    tracker: TrackerView | None = None,
) -> GeneratedPage:
    plan = progress.plan
    uri = progress_uri(plan, plans)
    view = page_view(progress, plans, Context(uri, directory_urls))
    view["tracker"] = tracker(plan.year, uri) if tracker else None
    tally = progress.tally
    meta = {
        "title": f"Tiến độ thực hiện kế hoạch cải cách hành chính năm {plan.year}",
        "description": (
            f"Tiến độ {tally.total} nhiệm vụ của {plan.title.lower()} của {school.name}, tính đến ngày "
            f"{dates.short(progress.as_of)}: {tally.done} đã ghi nhận hoàn thành, {tally.overdue} đã qua hạn "
            "chưa ghi nhận hoàn thành, kèm minh chứng và dữ liệu mở."
        ),
    }
    body = render(env, "cchc/progress-body.html", school=school, **view)
    return GeneratedPage(uri, with_front_matter(meta, body))


def _tally_json(tally: Tally) -> dict[str, int]:
    return {
        "tong_so_nhiem_vu": tally.total,
        "da_hoan_thanh": tally.done,
        "ty_le_hoan_thanh": tally.percent_done,
        "qua_han": tally.overdue,
        "chua_den_han": tally.pending,
    }


def _task_json(item: TaskProgress, plan: Plan, site_url: str, directory_urls: bool) -> dict[str, Any]:
    task = item.task
    return {
        "so": task.number,
        "linh_vuc": task.area,
        "noi_dung": task.text,
        "san_pham": list(task.products),
        "chu_tri": task.lead,
        "han_chot": task.deadline.isoformat(),
        "trang_thai": task.status,
        "trang_thai_tinh_toan": item.state,
        "nhan_trang_thai": item.label,
        "so_ngay_qua_han": item.days_overdue,
        "so_ngay_tre": item.days_late,
        "ngay_hoan_thanh": task.delivered_on.isoformat() if task.delivered_on else None,
        "san_pham_hoan_thanh": [
            {
                "ten": product.name,
                "lien_ket": product.url,
                "dia_chi": links.absolute_url(product.url, site_url, directory_urls) if product.url else None,
            }
            for product in task.delivered
        ],
        "dia_chi": links.absolute_url(_task_link(task, plan), site_url, directory_urls),
    }


def _indicator_json(item: IndicatorProgress) -> dict[str, Any]:
    indicator = item.indicator
    return {
        "ma": indicator.code,
        "ten": indicator.name,
        "nhiem_vu": indicator.task,
        "don_vi": indicator.unit,
        "ky": indicator.frequency,
        "chi_tieu": {
            "so_sanh": indicator.target.comparison,
            "gia_tri": _json_number(indicator.target.value),
            "so_voi_ky": indicator.target.baseline.code if indicator.target.baseline else None,
            "mo_ta": indicator.target.text,
        },
        "so_lieu": [
            {
                "ky": point.period.code,
                "gia_tri": _json_number(point.value),
                "chi_tieu": _json_number(point.target),
                "dat": point.met,
                "ky_lam_chi_tieu": point.baseline,
                "nguon": point.source,
            }
            for point in item.points
        ],
    }


def _plan_json(progress: PlanProgress, site_url: str, directory_urls: bool) -> dict[str, Any]:
    plan = progress.plan
    return {
        "nam": plan.year,
        "tieu_de": plan.title,
        "ngay_ky": plan.signed_on.isoformat(),
        "dia_chi": links.absolute_url(plan_uri(plan), site_url, directory_urls),
        "tong_hop": _tally_json(progress.tally) | {"theo_trang_thai": dict(progress.tally.counts)},
        "linh_vuc": [
            {"so": area.area.number, "ten": area.area.name, **_tally_json(area.tally)} for area in progress.areas
        ],
        "nhiem_vu": [_task_json(item, plan, site_url, directory_urls) for item in progress.tasks],
        "chi_so": [_indicator_json(item) for item in progress.indicators],
    }


def progress_json(
    progresses: tuple[PlanProgress, ...], school: School, site_url: str, directory_urls: bool = True
) -> str:
    """`tien-do/progress.json`: every plan year, newest first; keys follow the plan files'."""
    data = {
        "phien_ban_luoc_do": SCHEMA_VERSION,
        "ngay_so_lieu": progresses[0].as_of.isoformat() if progresses else None,
        "don_vi": school.name,
        "trang_thai_tinh_toan": TaskState.labels(),
        "ke_hoach": [_plan_json(progress, site_url, directory_urls) for progress in progresses],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def schema_text() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


TASK_NUMBER_PREFIX = "\u2060"
"""U+2060 WORD JOINER, invisible, before each task number in the CSVs: spreadsheets then keep
"1.10" as text instead of reading the number 1.1 (which would collide with task 1.1). Not a
formula, and not one of the characters that start one (=, +, -, @, tab, CR). The .xlsx files
carry the numbers as text cells without it; progress.json carries them as plain strings."""

_PLAN_COLUMNS = (
    Column("Số nhiệm vụ", 11, "task"),
    Column("Lĩnh vực", 9, "number"),
    Column("Nội dung nhiệm vụ", 60, "wrap"),
    Column("Sản phẩm dự kiến", 30, "wrap"),
    Column("Cơ quan chủ trì", 22, "wrap"),
    Column("Thời hạn", 12, "date"),
    Column("Nhà trường báo cáo", 18),
    Column("Tình trạng", 28),
    Column("Tính đến ngày", 13, "date"),
    Column("Số ngày quá hạn", 10, "number"),
    Column("Ngày hoàn thành", 13, "date"),
    Column("Sản phẩm hoàn thành", 30, "wrap"),
    Column("Địa chỉ trên trang kế hoạch", 45),
)
_EVIDENCE_COLUMNS = (
    Column("Số nhiệm vụ", 11, "task"),
    Column("Nội dung nhiệm vụ", 60, "wrap"),
    Column("Sản phẩm", 40, "wrap"),
    Column("Ngày hoàn thành", 13, "date"),
    Column("Liên kết", 50),
)


def _csv_cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "date":
        return dates.short(value)
    if column.kind == "task":
        return TASK_NUMBER_PREFIX + value
    return str(value)


def _csv(columns: tuple[Column, ...], rows: list[list[Any]]) -> str:
    """UTF-8 with a BOM, so that Excel recognises the encoding; CRLF line ends as RFC 4180 says."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    # No cell can start a formula (`escape.csv_cell`); a task number starts with U+2060 anyway.
    writer.writerows(
        [
            [escape.csv_cell(_csv_cell(column, value)) for column, value in zip(columns, row, strict=True)]
            for row in rows
        ]
    )
    return "\ufeff" + buffer.getvalue()


def _plan_rows(progress: PlanProgress, site_url: str, directory_urls: bool) -> list[list[Any]]:
    """One typed row per task (dates as dates, counts as numbers), for the CSV and the .xlsx."""
    plan = progress.plan
    return [
        [
            item.task.number,
            item.task.area,
            item.task.text,
            "; ".join(item.task.products),
            item.task.lead,
            item.task.deadline,
            item.task.status_label,
            item.label,
            progress.as_of,
            item.days_overdue,
            item.task.delivered_on,
            "; ".join(product.name for product in item.task.delivered),
            links.absolute_url(_task_link(item.task, plan), site_url, directory_urls),
        ]
        for item in progress.tasks
    ]


def _evidence_rows(progress: PlanProgress, site_url: str, directory_urls: bool) -> list[list[Any]]:
    """Each delivered product with its task, date and address: the list the school attaches to its
    PAR Index self-assessment."""
    return [
        [
            item.task.number,
            item.task.text,
            product.name,
            item.task.delivered_on,
            links.absolute_url(product.url, site_url, directory_urls) if product.url else None,
        ]
        for item in progress.tasks
        for product in item.task.delivered
    ]


def plan_csv(progress: PlanProgress, site_url: str, directory_urls: bool = True) -> str:
    return _csv(_PLAN_COLUMNS, _plan_rows(progress, site_url, directory_urls))


def evidence_csv(progress: PlanProgress, site_url: str, directory_urls: bool = True) -> str:
    return _csv(_EVIDENCE_COLUMNS, _evidence_rows(progress, site_url, directory_urls))


def plan_xlsx(progress: PlanProgress, site_url: str, directory_urls: bool = True) -> bytes:
    rows = _plan_rows(progress, site_url, directory_urls)
    return workbook_bytes(f"Kế hoạch {progress.plan.year}", _PLAN_COLUMNS, rows, progress.as_of)


def evidence_xlsx(progress: PlanProgress, site_url: str, directory_urls: bool = True) -> bytes:
    rows = _evidence_rows(progress, site_url, directory_urls)
    return workbook_bytes(f"Minh chứng {progress.plan.year}", _EVIDENCE_COLUMNS, rows, progress.as_of)


def progress_outputs(
    progresses: tuple[PlanProgress, ...],
    school: School,
    env: jinja2.Environment,
    site_url: str,
    directory_urls: bool = True,
    tracker: TrackerView | None = None,
) -> tuple[tuple[GeneratedPage, ...], tuple[GeneratedFile, ...]]:
    """The pages and data files of the progress section, from each plan's progress."""
    plans = tuple(progress.plan for progress in progresses)
    pages = tuple(progress_page(progress, plans, school, env, directory_urls, tracker) for progress in progresses)
    files = (
        GeneratedFile(PROGRESS_JSON_URI, progress_json(progresses, school, site_url, directory_urls)),
        GeneratedFile(PROGRESS_SCHEMA_URI, schema_text()),
    ) + tuple(
        file
        for progress in progresses
        for file in (
            GeneratedFile(plan_csv_uri(progress.plan), plan_csv(progress, site_url, directory_urls)),
            GeneratedFile(xlsx_uri(plan_csv_uri(progress.plan)), plan_xlsx(progress, site_url, directory_urls)),
            GeneratedFile(evidence_csv_uri(progress.plan), evidence_csv(progress, site_url, directory_urls)),
            GeneratedFile(xlsx_uri(evidence_csv_uri(progress.plan)), evidence_xlsx(progress, site_url, directory_urls)),
        )
    )
    return pages, files


HOME_STATUS_MARKER = "<!-- cchc:tinh-hinh-ke-hoach -->"
"""Where the plan's standing goes on the hand-written home page (staff may move the line)."""
NEXT_DEADLINES = 3
SHORT_WORDS = 14


def first_words(text: str, count: int = SHORT_WORDS) -> str:
    """The first `count` words of a task, with an ellipsis when it goes on."""
    words = text.split()
    return " ".join(words) if len(words) <= count else " ".join(words[:count]).rstrip(",;:.") + "…"


def home_status(progress: PlanProgress, env: jinja2.Environment, home_uri: str = HOME) -> str:
    """Where the newest plan stands, for the home page, as Markdown (links to source files, so
    MkDocs checks them): the share done, the overdue count, the next deadlines, in words."""
    plan = progress.plan
    upcoming = sorted(
        (item for item in progress.tasks if not item.done and item.days_left >= 0),
        key=lambda item: (item.task.deadline, item.task.number),
    )[:NEXT_DEADLINES]
    return render(
        env,
        "cchc/home-status.html",
        year=plan.year,
        as_of=dates.short(progress.as_of),
        tally=progress.tally,
        unreported=sum(1 for item in progress.overdue if item.task.status == TaskStatus.UNREPORTED),
        upcoming=[
            {
                "text": first_words(item.task.text),
                "deadline": dates.short(item.task.deadline),
                "href": links.source_link(f"{plan_uri(plan)}#{item.task.anchor}", home_uri),
            }
            for item in upcoming
        ],
        progress_href=links.source_link(progress_uri(plan, (plan,)), home_uri),
        overdue_href=links.source_link(progress_uri(plan, (plan,)), home_uri) + "#qua-han",
    )
