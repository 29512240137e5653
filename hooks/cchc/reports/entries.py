"""Progress entries: what the school reported about its tasks and indicators, each on a date.

A report file `plan/bao-cao/<plan year>/<YYYY-MM-DD>[-words].yaml` holds the entries of that date:

    nhiem_vu:
      - so: "1.10"
        trang_thai: hoan_thanh          # chua_bat_dau | dang_thuc_hien | hoan_thanh
        ty_le: 100                      # optional, share done in %
        ngay_hoan_thanh: 2025-03-20     # optional, only with hoan_thanh; default the report date
        ghi_chu: ...                    # optional
        san_pham:                       # optional; needed (here or earlier) for hoan_thanh
          - ten: Kế hoạch tuyên truyền số 12/KH-MN
            lien_ket: bai-viet/2025/ke-hoach.md
    chi_so:
      - ma: hai_long_thanh_toan_hoc_phi
        ky: 2025-Q1
        gia_tri: 99.2
        nguon: Khảo sát trong các nhóm Zalo của lớp

A task's state on a day is read from the entries dated up to that day (`plan_on`); later entries
are not yet known. Nothing is ever estimated between entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..base import dates, links
from ..base.errors import ContentError, Problem
from ..base.links import SiteTargets
from ..base.yamlsource import (
    Field,
    Invalid,
    Reader,
    choice,
    find,
    integer,
    iso_date,
    parse_iso_date,
    read_file,
    text,
    text_list,
)
from ..plan.indicators import Measurement, read_measurement
from ..plan.model import Delivered, HistoryItem, Plan, Task, TaskStatus
from .layout import ENTRY_FILE, NARRATIVE_FILE, REPORTS_FOLDER

REPORTED = {status.value: status.label for status in TaskStatus if status is not TaskStatus.UNREPORTED}
"""The states an entry may report."""


@dataclass(frozen=True)
class TaskEntry:
    task: str
    reported_on: dt.date
    status: TaskStatus
    share: int | None
    """Share done, in %, when the entry gives one."""
    note: str | None
    delivered_on: dt.date | None
    """Given only with `hoan_thanh`; None means the report date."""
    products: tuple[Delivered, ...]
    source: str
    line: int
    delivered_on_line: int | None = None


@dataclass(frozen=True)
class MeasurementEntry:
    indicator: str
    reported_on: dt.date
    measurement: Measurement
    source: str


@dataclass(frozen=True)
class Narrative:
    """What staff write for a quarter's (or the year's) report; None where they have not."""

    difficulties: tuple[str, ...] | None
    proposals: tuple[str, ...] | None
    priorities: tuple[str, ...] | None
    source: str


@dataclass(frozen=True)
class Reports:
    """Every progress entry and narrative of one plan year."""

    year: int
    tasks: tuple[TaskEntry, ...]
    """Oldest report first; entries of the same day in task order."""
    measurements: tuple[MeasurementEntry, ...]
    narratives: Mapping[int, Narrative]
    """By quarter; 0 is the year's report."""

    def __hash__(self) -> int:
        # Part of a memo key (`cchc.reports.pages.report_outputs`): the mapping is hashed by its
        # items, in any order, as it compares. Equality stays the dataclass's, over every field, so
        # a field left out here could only make hashes collide, never make an outdated value be reused.
        return hash((self.year, self.tasks, self.measurements, frozenset(self.narratives.items())))

    def known_on(self, day: dt.date) -> tuple[TaskEntry, ...]:
        return tuple(entry for entry in self.tasks if entry.reported_on <= day)


def _share(_: Reader, node: yaml.Node) -> int:
    value = integer(_, node)
    if not 0 <= value <= 100:
        raise Invalid(f"là tỷ lệ phần trăm đã làm nên phải từ 0 đến 100, nhận được {value}")
    return value


def _products(reader: Reader, node: yaml.Node) -> tuple[tuple[yaml.Node, dict], ...]:
    spec = {
        "ten": Field(text, about="tên sản phẩm"),
        "lien_ket": Field(text, required=False, about="nơi công bố sản phẩm: đường dẫn trong trang hoặc địa chỉ web"),
    }
    found = []
    for item in reader.items(node):
        values = reader.fields(item, "sản phẩm", spec)
        if values is not None:
            found.append((item, values))
    return tuple(found)


_TASK_ENTRY = {
    "so": Field(text, about='số nhiệm vụ trong kế hoạch, ví dụ "1.10"'),
    "trang_thai": Field(choice(REPORTED), about="một trong: " + ", ".join(REPORTED)),
    "ty_le": Field(_share, required=False, about="tỷ lệ đã làm, từ 0 đến 100"),
    "ngay_hoan_thanh": Field(iso_date, required=False, about="ngày hoàn thành, dạng YYYY-MM-DD"),
    "ghi_chu": Field(text, required=False, about="ghi chú"),
    "san_pham": Field(_products, required=False, about="sản phẩm, minh chứng: ten, lien_ket"),
}

_REPORT = {
    "tieu_de": Field(text, required=False, about='tên ngắn của báo cáo, ví dụ "Tiến độ quý IV"'),
    "nhiem_vu": Field(lambda reader, node: reader.items(node), required=False, about="tiến độ các nhiệm vụ"),
    "chi_so": Field(lambda reader, node: reader.items(node), required=False, about="số liệu các chỉ số"),
}

_NARRATIVE = {
    "kho_khan": Field(text_list, required=False, about="khó khăn, vướng mắc"),
    "de_xuat": Field(text_list, required=False, about="đề xuất, kiến nghị"),
    "nhiem_vu_trong_tam": Field(text_list, required=False, about="nhiệm vụ trọng tâm kỳ tới"),
}


def _without(node: yaml.MappingNode, key: str) -> yaml.MappingNode:
    kept = [(k, v) for k, v in node.value if k.value != key]
    return yaml.MappingNode(node.tag, kept, node.start_mark, node.end_mark, node.flow_style)


def _check_share(reader: Reader, item: yaml.Node, where: str, status: TaskStatus, share: int | None) -> None:
    """A share ("ty_le") must agree with the state: 100 when done, 0 when not started."""
    if share is not None and status is TaskStatus.DONE and share != 100:
        reader.add(
            find(item, "ty_le"),
            f'{where}: "trang_thai" là hoan_thanh nên "ty_le" phải là 100 (hoặc bỏ dòng "ty_le"), nhận được {share}',
        )
    if share is not None and status is TaskStatus.NOT_STARTED and share != 0:
        reader.add(
            find(item, "ty_le"),
            f'{where}: "trang_thai" là chua_bat_dau nên "ty_le" phải là 0 (hoặc bỏ dòng "ty_le"), nhận được {share}',
        )


def _check_delivery(
    reader: Reader,
    date_node: yaml.Node,
    where: str,
    status: TaskStatus,
    delivered_on: dt.date,
    day: dt.date,
    plan: Plan,
) -> None:
    """A completion date ("ngay_hoan_thanh") belongs to a done task, between the plan's signing
    and the report's date `day`."""
    if status is not TaskStatus.DONE:
        reader.add(
            date_node,
            f'{where}: có "ngay_hoan_thanh" nhưng "trang_thai" là {status.value}; nếu nhiệm vụ đã xong hãy đổi '
            '"trang_thai" thành hoan_thanh, nếu chưa thì xóa dòng "ngay_hoan_thanh"',
        )
    elif delivered_on > day:
        reader.add(
            date_node,
            f'{where}: "ngay_hoan_thanh" là {dates.short(delivered_on)}, sau ngày của báo cáo ({dates.short(day)}); '
            "chỉ ghi ngày hoàn thành khi việc đã xong",
        )
    elif delivered_on < plan.signed_on:
        reader.add(
            date_node,
            f'{where}: "ngay_hoan_thanh" là {dates.short(delivered_on)}, trước ngày ký kế hoạch '
            f"({dates.short(plan.signed_on)}); hãy kiểm tra lại ngày hoàn thành",
        )


def _delivered(reader: Reader, values: dict, source: str, day: dt.date) -> tuple[Delivered, ...]:
    """The products ("san_pham") of one task entry, each with its lines for later messages."""
    return tuple(
        Delivered(
            product["ten"],
            product.get("lien_ket"),
            reader.line(node),
            reader.line(find(node, "lien_ket")) if "lien_ket" in product else None,
            source,
            day,
        )
        for node, product in values.get("san_pham", ())
    )


def _task_entries(reader: Reader, items: list[yaml.Node], plan: Plan, day: dt.date, source: str) -> list[TaskEntry]:
    entries: list[TaskEntry] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items, start=1):
        number = find(item, "so") if isinstance(item, yaml.MappingNode) else None
        where = f"nhiệm vụ {str(number.value).strip()}" if isinstance(number, yaml.ScalarNode) else f"mục thứ {index}"
        values = reader.fields(item, where, _TASK_ENTRY)
        if values is None:
            continue
        task, status = values["so"], TaskStatus(values["trang_thai"])
        if plan.task(task) is None:
            reader.add(
                number,
                f"{where}: kế hoạch năm {plan.year} không có nhiệm vụ số {task}; hãy ghi đúng số như trên trang kế hoạch",
            )
            continue
        if task in seen:
            reader.add(
                number,
                f"{where}: đã có ở dòng {seen[task]} của cùng báo cáo; mỗi nhiệm vụ chỉ ghi một lần trong một báo cáo",
            )
            continue
        seen[task] = reader.line(item)
        share = values.get("ty_le")
        _check_share(reader, item, where, status, share)
        delivered_on = values.get("ngay_hoan_thanh")
        date_node = find(item, "ngay_hoan_thanh")
        if delivered_on is not None:
            _check_delivery(reader, date_node, where, status, delivered_on, day, plan)
        entries.append(
            TaskEntry(
                task,
                day,
                status,
                share,
                values.get("ghi_chu"),
                delivered_on,
                _delivered(reader, values, source, day),
                source,
                reader.line(item),
                reader.line(date_node) if date_node is not None else None,
            )
        )
    return entries


def _measurement_entries(
    reader: Reader, items: list[yaml.Node], plan: Plan, day: dt.date, source: str
) -> list[MeasurementEntry]:
    indicators = {indicator.code: indicator for indicator in plan.indicators}
    entries: list[MeasurementEntry] = []
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(items, start=1):
        if not isinstance(item, yaml.MappingNode):
            reader.add(item, f'chỉ số thứ {index}: cần một nhóm các dòng "ma", "ky", "gia_tri", "nguon"')
            continue
        code_node = find(item, "ma")
        if code_node is None or not isinstance(code_node, yaml.ScalarNode) or not str(code_node.value).strip():
            reader.add(
                item, f'chỉ số thứ {index}: thiếu trường bắt buộc "ma" (mã chỉ số như trong kế hoạch, ví dụ par_index)'
            )
            continue
        code = str(code_node.value).strip()
        where = f"chỉ số {code}"
        indicator = indicators.get(code)
        if indicator is None:
            known = ", ".join(indicators) or "(kế hoạch chưa có chỉ số nào)"
            reader.add(code_node, f"{where}: kế hoạch năm {plan.year} không có chỉ số mã này; các mã có: {known}")
            continue
        measurement = read_measurement(reader, _without(item, "ma"), where, indicator)
        if measurement is None:
            continue
        key = (code, measurement.period.code)
        if key in seen:
            reader.add(
                find(item, "ky"),
                f"{where}: kỳ {measurement.period.code} đã có ở dòng {seen[key]} của cùng báo cáo; hãy xóa một mục",
            )
            continue
        seen[key] = reader.line(item)
        if measurement.period.start > day:
            reader.add(
                find(item, "ky"),
                f"{where}: kỳ {measurement.period.code} bắt đầu từ {dates.short(measurement.period.start)}, sau ngày của "
                f"báo cáo ({dates.short(day)}); chưa thể có số liệu của kỳ này",
            )
            continue
        entries.append(MeasurementEntry(code, day, measurement, source))
    return entries


def _load_entry_file(
    path: Path, source: str, plan: Plan, day: dt.date
) -> tuple[list[TaskEntry], list[MeasurementEntry]]:
    root = read_file(path, source)
    reader = Reader(source)
    values = reader.fields(root, "", _REPORT)
    tasks: list[TaskEntry] = []
    measurements: list[MeasurementEntry] = []
    if values is not None:
        if not values.get("nhiem_vu") and not values.get("chi_so"):
            reader.add(root, 'báo cáo chưa có mục nào: hãy ghi tiến độ dưới "nhiem_vu:" hoặc số liệu dưới "chi_so:"')
        tasks = _task_entries(reader, values.get("nhiem_vu", []), plan, day, source)
        measurements = _measurement_entries(reader, values.get("chi_so", []), plan, day, source)
    reader.problems.raise_if_any()
    return tasks, measurements


def _load_narrative(path: Path, source: str) -> Narrative:
    root = read_file(path, source)
    reader = Reader(source)
    values = reader.fields(root, "", _NARRATIVE)
    reader.problems.raise_if_any()
    assert values is not None
    return Narrative(values.get("kho_khan"), values.get("de_xuat"), values.get("nhiem_vu_trong_tam"), source)


def _check_history(entries: list[TaskEntry]) -> list[Problem]:
    """Across files: one entry per task and date; a completion needs a product reported by then."""
    problems = []
    seen: dict[tuple[str, dt.date], TaskEntry] = {}
    products: dict[str, int] = {}
    for entry in entries:
        key = (entry.task, entry.reported_on)
        if key in seen:
            first = seen[key]
            problems.append(
                Problem(
                    entry.source,
                    entry.line,
                    f"nhiệm vụ {entry.task}: đã có báo cáo ngày {dates.short(entry.reported_on)} ở {first.source}:{first.line}; "
                    "mỗi nhiệm vụ chỉ ghi một lần trong một ngày",
                )
            )
            continue
        seen[key] = entry
        products[entry.task] = products.get(entry.task, 0) + len(entry.products)
        if entry.status is TaskStatus.DONE and not products[entry.task]:
            problems.append(
                Problem(
                    entry.source,
                    entry.line,
                    f'nhiệm vụ {entry.task}: "trang_thai" là hoan_thanh nhưng chưa có sản phẩm nào được báo cáo; hãy ghi '
                    '"san_pham" với tên sản phẩm ("ten") và nơi công bố ("lien_ket") nếu có',
                )
            )
    return problems


def _stray_problems(folder: Path, root: Path, years: set[int]) -> list[Problem]:
    """Anything in the reports folder but a folder named after a plan's year."""
    problems = []
    for child in sorted(folder.iterdir()):
        source = child.relative_to(root).as_posix()
        if child.is_symlink():
            problems.append(
                Problem(
                    source,
                    1,
                    "ở đây chỉ đặt thư mục năm và tệp báo cáo, không đặt liên kết (symlink); hãy xóa liên kết này",
                )
            )
            continue
        if child.is_dir() and child.name.isdigit() and int(child.name) in years:
            continue
        problems.append(
            Problem(
                source,
                1,
                "trong thư mục " + REPORTS_FOLDER + " chỉ có các thư mục mang tên năm của một kế hoạch "
                f"({', '.join(str(year) for year in sorted(years)) or 'chưa có kế hoạch nào'}); hãy chuyển tệp này "
                f"vào {REPORTS_FOLDER}/<năm kế hoạch>/",
            )
        )
    return problems


def _entry_day(text: str, source: str, plan: Plan) -> dt.date:
    """The date `text` an entry file's name starts with, on or after the day the plan was signed."""
    try:
        day = parse_iso_date(text)
    except Invalid as error:
        raise ContentError(
            [Problem(source, 1, f"tên tệp bắt đầu bằng ngày của báo cáo, ngày đó {error.message}")]
        ) from None
    if day < plan.signed_on:
        raise ContentError(
            [
                Problem(
                    source,
                    1,
                    f"báo cáo ngày {dates.short(day)} ở trước ngày ký kế hoạch ({dates.short(plan.signed_on)}); hãy kiểm tra ngày trong tên tệp",
                )
            ]
        )
    return day


def _year_reports(year_folder: Path, root: Path, plan: Plan) -> tuple[Reports, list[Problem]]:
    """The entries and narratives of one plan year, with the problems of all its files."""
    problems: list[Problem] = []
    tasks: list[TaskEntry] = []
    measurements: list[MeasurementEntry] = []
    narratives: dict[int, Narrative] = {}
    files = sorted(year_folder.iterdir()) if year_folder.is_dir() and not year_folder.is_symlink() else []
    for path in files:
        source = path.relative_to(root).as_posix()
        try:
            entry_name = ENTRY_FILE.fullmatch(path.name)
            narrative_name = NARRATIVE_FILE.fullmatch(path.name)
            if path.is_symlink() or not path.is_file():
                raise ContentError(
                    [Problem(source, 1, "ở đây chỉ đặt tệp báo cáo .yaml, không đặt thư mục hay liên kết")]
                )
            if entry_name:
                day = _entry_day(entry_name.group(1), source, plan)
                more_tasks, more_measurements = _load_entry_file(path, source, plan, day)
                tasks += more_tasks
                measurements += more_measurements
            elif narrative_name:
                narratives[int(narrative_name.group(1) or 0)] = _load_narrative(path, source)
            else:
                raise ContentError(
                    [
                        Problem(
                            source,
                            1,
                            "tên tệp không đúng mẫu: báo cáo tiến độ đặt tên theo ngày báo cáo, ví dụ "
                            f"{plan.year}-03-31.yaml hoặc {plan.year}-03-31-quy-1.yaml; phần tự viết của báo cáo quý "
                            "là quy-1.yaml … quy-4.yaml, của báo cáo năm là nam.yaml",
                        )
                    ]
                )
        except ContentError as error:
            problems.extend(error.problems)
    tasks.sort(key=lambda entry: (entry.reported_on, entry.source, entry.line))
    problems.extend(_check_history(tasks))
    measurements.sort(key=lambda entry: (entry.reported_on, entry.source, entry.measurement.line))
    return Reports(plan.year, tuple(tasks), tuple(measurements), narratives), problems


def load_reports(folder: Path, root: Path, plans: tuple[Plan, ...]) -> tuple[Reports, ...]:
    """Every plan year's reports under `plan/bao-cao/`; every file's problems are raised together."""
    problems = _stray_problems(folder, root, {plan.year for plan in plans}) if folder.is_dir() else []
    found: list[Reports] = []
    for plan in sorted(plans, key=lambda plan: plan.year):
        reports, more = _year_reports(folder / str(plan.year), root, plan)
        problems.extend(more)
        found.append(reports)
    if problems:
        raise ContentError(problems)
    return tuple(found)


def _task_on(task: Task, entries: tuple[TaskEntry, ...]) -> Task:
    """The task as its entries (already limited to a day, oldest first) report it."""
    if not entries:
        return replace(task, status=TaskStatus.UNREPORTED, delivered=(), delivered_on=None, history=())
    latest = entries[-1]
    delivered_on = None
    if latest.status is TaskStatus.DONE:
        # A completion reported again in later reports keeps the first run's date.
        run = []
        for entry in reversed(entries):
            if entry.status is not TaskStatus.DONE:
                break
            run.insert(0, entry)
        delivered_on = next((entry.delivered_on for entry in run if entry.delivered_on), run[0].reported_on)
    products: dict[tuple[str, str | None], Delivered] = {}
    for entry in entries:
        for product in entry.products:
            products.setdefault((product.name, product.url), product)
    history = tuple(HistoryItem(entry.reported_on, entry.status, entry.share, entry.note) for entry in entries)
    return replace(
        task, status=latest.status, delivered=tuple(products.values()), delivered_on=delivered_on, history=history
    )


def plan_on(plan: Plan, reports: Reports | None, day: dt.date) -> Plan:
    """The plan with each task's state and each indicator's values as reported up to `day`."""
    known = reports.known_on(day) if reports else ()
    per_task: dict[str, list[TaskEntry]] = {}
    for entry in known:
        per_task.setdefault(entry.task, []).append(entry)
    areas = tuple(
        replace(area, tasks=tuple(_task_on(task, tuple(per_task.get(task.number, ()))) for task in area.tasks))
        for area in plan.areas
    )
    values: dict[str, dict] = {}
    for entry in reports.measurements if reports else ():
        if entry.reported_on <= day:
            # A later report of the same period corrects the earlier value.
            values.setdefault(entry.indicator, {})[entry.measurement.period] = entry.measurement
    indicators = tuple(
        replace(
            indicator,
            measurements=tuple(
                sorted(values.get(indicator.code, {}).values(), key=lambda m: (m.period.year, m.period.quarter or 0))
            ),
        )
        for indicator in plan.indicators
    )
    return replace(plan, areas=areas, indicators=indicators)


def _check_link(entry: TaskEntry, product: Delivered, targets: SiteTargets) -> Problem | None:
    where = f'nhiệm vụ {entry.task}, sản phẩm "{product.name}"'
    url, line = product.url or "", product.url_line or product.line
    if links.is_external(url):
        return None
    if links.has_other_scheme(url):
        return Problem(
            entry.source,
            line,
            f'{where}: "lien_ket" "{url}" không phải địa chỉ web; hãy ghi địa chỉ đầy đủ bắt đầu bằng https:// '
            "hoặc đường dẫn một trang trong chuyên mục (ví dụ bai-viet/2025/ten-bai.md)",
        )
    parsed = links.site_link(url)
    if parsed is None or parsed.path not in targets:
        hint = ""
        if parsed is not None and parsed.path.endswith("/"):
            guesses = [parsed.path.rstrip("/") + ".md", parsed.path + "index.md"]
            guess = next((guess for guess in guesses if guess in targets), None)
            hint = f' (có phải ý bạn là "{guess}"?)' if guess else ""
        return Problem(
            entry.source,
            line,
            f'{where}: "lien_ket" "{url}" dẫn tới trang không có trong chuyên mục{hint}; hãy ghi đường dẫn '
            "của tệp trong thư mục docs (ví dụ bai-viet/2025/ten-bai.md hoặc ke-hoach/2025.md#nv-1-1) "
            "hoặc địa chỉ web đầy đủ bắt đầu bằng https://",
        )
    fragments = targets[parsed.path]
    if parsed.fragment and fragments is not None and parsed.fragment not in fragments:
        return Problem(
            entry.source,
            line,
            f'{where}: "lien_ket" "{url}": trang {parsed.path} không có mục "#{parsed.fragment}"; '
            "hãy kiểm tra phần sau dấu # (ví dụ #nv-1-1 cho nhiệm vụ 1.1)",
        )
    return None


def check_links(reports: Reports, as_of: dt.date, targets: SiteTargets) -> list[Problem]:
    """Evidence links of the entries known on the as-of date, against the pages the site has then
    (a later entry may point at an article not yet published on that date)."""
    return [
        problem
        for entry in reports.known_on(as_of)
        for product in entry.products
        if product.url
        for problem in [_check_link(entry, product, targets)]
        if problem
    ]


def form_fields() -> dict[str, dict[str, Field]]:
    """The keys of the report files with what each one is: the staff editor's forms
    (`cchc.site.editor`) are made from them, so the two never disagree."""
    return {"report": _REPORT, "task": _TASK_ENTRY, "narrative": _NARRATIVE}
