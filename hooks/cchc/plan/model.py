"""The yearly reform plan: load `plan/<year>.yaml` into validated, frozen objects."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..base.codes import Coded
from ..base.errors import ContentError, Problem, source_name
from ..base.yamlsource import Field, Reader, find, integer, iso_date, read_file, text, text_list
from ..reports.layout import moved_progress
from .indicators import Indicator, read_indicators


class TaskStatus(Coded):
    """What the school reports about a task, as staff write it in a progress entry.

    `UNREPORTED` is never written: it is the state of a task no entry has reported on yet (the
    signed plan itself records no delivery)."""

    UNREPORTED = "chua_cap_nhat", "Chưa có báo cáo"
    NOT_STARTED = "chua_bat_dau", "Chưa bắt đầu"
    IN_PROGRESS = "dang_thuc_hien", "Đang thực hiện"
    DONE = "hoan_thanh", "Hoàn thành"


MOVED_TASK_KEYS = ("trang_thai", "ngay_hoan_thanh", "san_pham_hoan_thanh")
MOVED_INDICATOR_KEYS = ("so_lieu",)

_TASK_NUMBER = re.compile(r"(\d{1,3})\.(\d{1,3})")


@dataclass(frozen=True)
class Delivered:
    """A product the school delivered for a task, and where it is published, if anywhere."""

    name: str
    url: str | None
    line: int
    url_line: int | None = None
    source: str = ""
    """The progress entry file that reported it."""
    reported_on: dt.date | None = None


@dataclass(frozen=True)
class Objective:
    text: str
    products: tuple[str, ...]
    lead: str | None
    deadline: dt.date | None
    source_note: str | None


@dataclass(frozen=True)
class HistoryItem:
    """One progress entry of a task, as the plan page lists it."""

    reported_on: dt.date
    status: TaskStatus
    share: int | None
    note: str | None


@dataclass(frozen=True)
class Task:
    """A task of the signed plan. `status`, `delivered`, `delivered_on` and `history` are what the
    progress entries dated up to a given day report (`cchc.reports.entries.plan_on`); as loaded
    from the plan file, nothing is reported yet."""

    number: str
    text: str
    products: tuple[str, ...]
    lead: str
    deadline: dt.date
    status: TaskStatus
    delivered: tuple[Delivered, ...]
    delivered_on: dt.date | None
    notes: str | None
    source_note: str | None
    line: int
    history: tuple[HistoryItem, ...] = ()

    @property
    def area(self) -> int:
        return int(self.number.split(".")[0])

    @property
    def anchor(self) -> str:
        """Stable fragment id on the plan page, e.g. `nv-3-4`."""
        return "nv-" + self.number.replace(".", "-")

    @property
    def status_label(self) -> str:
        return TaskStatus(self.status).label


@dataclass(frozen=True)
class Area:
    number: int
    name: str
    tasks: tuple[Task, ...]
    source_note: str | None

    @property
    def anchor(self) -> str:
        return f"linh-vuc-{self.number}"


@dataclass(frozen=True)
class Plan:
    year: int
    title: str
    signed_on: dt.date
    place: str
    signing_for: str | None
    signer_title: str
    signer: str
    objectives: tuple[Objective, ...]
    areas: tuple[Area, ...]
    source: str
    indicators: tuple[Indicator, ...] = ()
    source_note: str | None = None
    """How the document's own lines (place, date, signature) were read off the scan."""

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for area in self.areas for task in area.tasks)

    def task(self, number: str) -> Task | None:
        return next((task for task in self.tasks if task.number == number), None)

    @property
    def has_source_notes(self) -> bool:
        """Whether any part of the plan carries a transcription note (then it has a notes page)."""
        return bool(self.source_note) or any(item.source_note for item in (*self.objectives, *self.areas, *self.tasks))


_OBJECTIVE = {
    "noi_dung": Field(text, about="nội dung mục tiêu"),
    "san_pham": Field(text_list, required=False, about="sản phẩm"),
    "chu_tri": Field(text, required=False, about="cơ quan, người chủ trì"),
    "han_chot": Field(iso_date, required=False, about="thời gian dự kiến, dạng YYYY-MM-DD"),
    "ghi_chu_nguon": Field(text, required=False, about="ghi chú về cách đọc văn bản gốc"),
}

_TASK = {
    "so": Field(text, about='số thứ tự, ví dụ "3.4"'),
    "noi_dung": Field(text, about="nội dung nhiệm vụ"),
    "san_pham": Field(text_list, about="sản phẩm dự kiến"),
    "chu_tri": Field(text, about="cơ quan, người chủ trì"),
    "han_chot": Field(iso_date, about="thời gian dự kiến hoàn thành, dạng YYYY-MM-DD"),
    "ghi_chu": Field(text, required=False, about="ghi chú"),
    "ghi_chu_nguon": Field(text, required=False, about="ghi chú về cách đọc văn bản gốc"),
}


def _objectives(reader: Reader, node: yaml.Node) -> tuple[Objective, ...]:
    objectives = []
    for index, item in enumerate(reader.items(node), start=1):
        values = reader.fields(item, f"mục tiêu {index}", _OBJECTIVE)
        if values is not None:
            objectives.append(
                Objective(
                    text=values["noi_dung"],
                    products=values.get("san_pham", ()),
                    lead=values.get("chu_tri"),
                    deadline=values.get("han_chot"),
                    source_note=values.get("ghi_chu_nguon"),
                )
            )
    return tuple(objectives)


def _task_label(node: yaml.Node, index: int) -> str:
    number = find(node, "so") if isinstance(node, yaml.MappingNode) else None
    if isinstance(number, yaml.ScalarNode) and str(number.value).strip():
        return f"nhiệm vụ {str(number.value).strip()}"
    return f"nhiệm vụ thứ {index}"


def _tasks(reader: Reader, node: yaml.Node) -> tuple[Task, ...]:
    tasks = []
    for index, item in enumerate(reader.items(node), start=1):
        where = _task_label(item, index)
        item = moved_progress(reader, item, where, MOVED_TASK_KEYS, "trạng thái, ngày và sản phẩm hoàn thành")
        values = reader.fields(item, where, _TASK)
        if values is None:
            continue
        tasks.append(
            Task(
                number=values["so"],
                text=values["noi_dung"],
                products=values["san_pham"],
                lead=values["chu_tri"],
                deadline=values["han_chot"],
                status=TaskStatus.UNREPORTED,
                delivered=(),
                delivered_on=None,
                notes=values.get("ghi_chu"),
                source_note=values.get("ghi_chu_nguon"),
                line=reader.line(item),
            )
        )
    return tuple(tasks)


_AREA = {
    "so": Field(integer, about="số của lĩnh vực, ví dụ 3"),
    "ten": Field(text, about="tên lĩnh vực"),
    "nhiem_vu": Field(_tasks, about='danh sách nhiệm vụ; viết "nhiem_vu: []" nếu văn bản không có nhiệm vụ nào'),
    "ghi_chu_nguon": Field(text, required=False, about="ghi chú về cách đọc văn bản gốc"),
}


def _areas(reader: Reader, node: yaml.Node) -> tuple[Area, ...]:
    areas = []
    for index, item in enumerate(reader.items(node), start=1):
        number = find(item, "so") if isinstance(item, yaml.MappingNode) else None
        label = f"lĩnh vực {number.value}" if isinstance(number, yaml.ScalarNode) else f"lĩnh vực thứ {index}"
        values = reader.fields(item, label, _AREA)
        if values is not None:
            areas.append(Area(values["so"], values["ten"], values["nhiem_vu"], values.get("ghi_chu_nguon")))
    return tuple(areas)


_PLAN = {
    "nam": Field(integer, about="năm của kế hoạch, ví dụ 2025"),
    "tieu_de": Field(text, about="tên văn bản"),
    "ngay_ky": Field(iso_date, about="ngày ký văn bản, dạng YYYY-MM-DD"),
    "dia_danh": Field(text, about='địa danh ở dòng ngày ký, ví dụ "Quận 1"'),
    "ghi_chu_nguon": Field(text, required=False, about="ghi chú về cách đọc văn bản gốc (địa danh, ngày ký, người ký)"),
    "ky_thay": Field(text, required=False, about='dòng ký thay, ví dụ "KT. Hiệu trưởng"'),
    "chuc_vu_nguoi_ky": Field(text, about="chức vụ của người ký"),
    "nguoi_ky": Field(text, about="họ tên người ký"),
    "muc_tieu": Field(_objectives, about="các mục tiêu của kế hoạch"),
    "linh_vuc": Field(_areas, about="các lĩnh vực cải cách và nhiệm vụ"),
    "chi_so": Field(lambda reader, node: node, required=False, about="các chỉ số đo kết quả, có chỉ tiêu và số liệu"),
}


def _check_numbers(reader: Reader, root: yaml.Node) -> None:
    """Task numbers against their area and each other, read from the raw nodes so that the
    check runs even where other fields of a task are wrong."""
    seen: dict[str, int] = {}
    area_lines: dict[str, int] = {}
    areas = find(root, "linh_vuc") if isinstance(root, yaml.MappingNode) else None
    for area in areas.value if isinstance(areas, yaml.SequenceNode) else ():
        area_number = find(area, "so") if isinstance(area, yaml.MappingNode) else None
        tasks = find(area, "nhiem_vu") if isinstance(area, yaml.MappingNode) else None
        if not isinstance(area_number, yaml.ScalarNode):
            continue
        expected = str(area_number.value).strip()
        if expected in area_lines:
            reader.problems.add(
                reader.line(area_number),
                f"lĩnh vực {expected} bị trùng số với lĩnh vực ở dòng {area_lines[expected]}; mỗi lĩnh vực phải có số riêng",
            )
        area_lines.setdefault(expected, reader.line(area_number))
        if not isinstance(tasks, yaml.SequenceNode):
            continue
        for task in tasks.value:
            node = find(task, "so") if isinstance(task, yaml.MappingNode) else None
            if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
                continue
            number, line = str(node.value).strip(), reader.line(node)
            match = _TASK_NUMBER.fullmatch(number)
            if not match:
                reader.problems.add(
                    line, f'nhiệm vụ {number}: "so" phải có dạng <số lĩnh vực>.<số thứ tự>, ví dụ "{expected}.1"'
                )
            elif match.group(1) != expected:
                reader.problems.add(
                    line,
                    f"nhiệm vụ {number} nằm trong lĩnh vực {expected}; số nhiệm vụ phải bắt đầu bằng "
                    f'"{expected}." (hoặc chuyển nhiệm vụ sang lĩnh vực {match.group(1)})',
                )
            if number in seen:
                reader.problems.add(
                    line,
                    f"nhiệm vụ {number} bị trùng số với nhiệm vụ ở dòng {seen[number]}; mỗi nhiệm vụ phải có số riêng",
                )
            seen.setdefault(number, line)


def load_plan(path: Path, source: str) -> Plan:
    """Load and validate one plan file; `source` is how messages name it (e.g. `plan/2025.yaml`).

    Raises ContentError listing every problem found, each with its line.
    """
    root = read_file(path, source)
    reader = Reader(source)
    values = reader.fields(root, "", _PLAN)
    _check_numbers(reader, root)
    if values is not None:
        named = path.stem
        year_line = reader.line(find(root, "nam"))
        if not re.fullmatch(r"\d{4}", named):
            reader.problems.add(1, f"tên tệp phải là năm của kế hoạch, ví dụ plan/{values['nam']}.yaml")
        elif int(named) != values["nam"]:
            reader.problems.add(
                year_line,
                f'tệp mang tên năm {named} nhưng "nam" là {values["nam"]}; '
                f'hãy sửa "nam" thành {named} hoặc đổi tên tệp thành plan/{values["nam"]}.yaml',
            )
        if values["ngay_ky"].year not in (values["nam"] - 1, values["nam"]):
            reader.add(
                find(root, "ngay_ky"),
                f'"ngay_ky" là năm {values["ngay_ky"].year}, nhưng kế hoạch năm {values["nam"]} '
                f"phải được ký trong năm {values['nam'] - 1} hoặc {values['nam']}",
            )
    indicators: tuple[Indicator, ...] = ()
    if values is not None and "chi_so" in values:
        numbers = {task.number for area in values["linh_vuc"] for task in area.tasks}
        indicators = read_indicators(reader, values["chi_so"], values["nam"], numbers)
    reader.problems.raise_if_any()
    assert values is not None
    return Plan(
        year=values["nam"],
        title=values["tieu_de"],
        signed_on=values["ngay_ky"],
        place=values["dia_danh"],
        signing_for=values.get("ky_thay"),
        signer_title=values["chuc_vu_nguoi_ky"],
        signer=values["nguoi_ky"],
        objectives=values["muc_tieu"],
        areas=values["linh_vuc"],
        source=source,
        indicators=indicators,
        source_note=values.get("ghi_chu_nguon"),
    )


def load_plans(folder: Path, root: Path) -> tuple[Plan, ...]:
    """Every `<year>.yaml` in the folder, newest year first; all files' problems are raised together."""
    plans: list[Plan] = []
    problems: list[Problem] = []
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    sources: dict[int, str] = {}
    for path in files:
        source = source_name(path, root)
        try:
            plan = load_plan(path, source)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        if plan.year in sources:
            problems.append(
                Problem(
                    source,
                    1,
                    f"đã có kế hoạch năm {plan.year} trong {sources[plan.year]}; mỗi năm chỉ một tệp: "
                    "hãy xóa một trong hai tệp",
                )
            )
            continue
        sources[plan.year] = source
        plans.append(plan)
    if not files:
        problems.append(Problem(folder.name + "/", 1, "chưa có kế hoạch nào: hãy thêm tệp plan/<năm>.yaml"))
    if problems:
        raise ContentError(problems)
    return tuple(sorted(plans, key=lambda plan: plan.year, reverse=True))
