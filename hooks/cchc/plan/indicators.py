"""Indicators of a plan (the optional `chi_so` section of `plan/<year>.yaml`): a target as the plan
states it and the values measured per period, entered by staff; nothing is ever estimated."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import yaml

from ..base import dates
from ..base.codes import Coded
from ..base.numbers import vn_number
from ..base.yamlsource import Field, Invalid, Reader, choice, find, scalar, shorten, text
from ..reports.layout import moved_progress


class Unit(Coded):
    """An indicator's unit (`don_vi`)."""

    PERCENT = "phan_tram", "%"
    POINTS = "diem", "điểm"


class Frequency(Coded):
    """How often an indicator is measured (`ky`)."""

    QUARTERLY = "quy", "theo quý"
    YEARLY = "nam", "theo năm"


class Comparison(Coded):
    """How a measured value meets its target (`so_sanh`)."""

    AT_LEAST = "toi_thieu", "đạt từ chỉ tiêu trở lên"
    ABOVE = "cao_hon", "cao hơn chỉ tiêu"


_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Period:
    """A quarter (`2025-Q1`) or a year (`2025`)."""

    year: int
    quarter: int | None

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def label(self) -> str:
        return dates.quarter_label(self.year, self.quarter) if self.quarter else f"Năm {self.year}"

    @property
    def start(self) -> dt.date:
        return dates.quarter_bounds(self.year, self.quarter)[0] if self.quarter else dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dates.quarter_bounds(self.year, self.quarter)[1] if self.quarter else dt.date(self.year, 12, 31)


def periods_of_year(year: int, frequency: str) -> tuple[Period, ...]:
    if frequency == Frequency.QUARTERLY:
        return tuple(Period(year, quarter) for quarter in (1, 2, 3, 4))
    return (Period(year, None),)


def with_unit(value: Decimal, unit: str) -> str:
    """An indicator's value as readers see it: "85%" or "4,5 điểm"."""
    return f"{vn_number(value)}%" if unit == Unit.PERCENT else f"{vn_number(value)} điểm"


def periods_ended(year: int, as_of: dt.date) -> tuple[Period, ...]:
    """The quarters of `year` ended by `as_of` (the last day counts), then the year once it has."""
    quarters = tuple(Period(year, q) for q in (1, 2, 3, 4) if Period(year, q).end <= as_of)
    return quarters + ((Period(year, None),) if dt.date(year, 12, 31) <= as_of else ())


@dataclass(frozen=True)
class Measurement:
    period: Period
    value: Decimal
    source: str | None
    line: int
    period_line: int


@dataclass(frozen=True)
class Target:
    comparison: Comparison
    value: Decimal | None
    """A fixed figure (99 for "từ 99 % trở lên"), or None when it is a measured value of
    `baseline` (the PAR Index of the year before)."""
    baseline: Period | None
    text: str
    """The target in the plan's own words."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    task: str
    unit: Unit
    frequency: Frequency
    target: Target
    measurements: tuple[Measurement, ...]
    """Reported in progress entries dated up to a given day (`cchc.reports.entries.plan_on`)."""
    line: int
    year: int = 0
    """The plan year."""

    @property
    def unit_label(self) -> str:
        return Unit(self.unit).label

    def value_for(self, period: Period) -> Measurement | None:
        return next((m for m in self.measurements if m.period == period), None)

    @property
    def allowed_periods(self) -> tuple[Period, ...]:
        """The periods a value may be reported for: the plan year's, and the baseline."""
        baseline = (self.target.baseline,) if self.target.baseline else ()
        return periods_of_year(self.year, self.frequency) + baseline


def number(_: Reader, node: yaml.Node) -> Decimal:
    """A number written with a decimal point (99.5); a decimal comma gets a hint."""
    value = scalar(node).strip()
    if re.fullmatch(r"-?\d+,\d+", value):
        raise Invalid(
            f'phải là một số viết dấu chấm thập phân, nhận được "{value}" (viết là {value.replace(",", ".")})'
        )
    if value.endswith("%"):
        raise Invalid(f'phải là một số, không kèm dấu %, nhận được "{value}" (viết là {value[:-1].strip()})')
    # Plain decimal notation of bounded size: "1e999999" would be a Decimal that no page can print.
    if not re.fullmatch(r"-?\d{1,12}(?:\.\d{1,6})?", value):
        raise Invalid(f'phải là một số, ví dụ 99.5 (tối đa 12 chữ số phần nguyên), nhận được "{shorten(value)}"')
    return Decimal(value)


def _period_code(_: Reader, node: yaml.Node) -> str:
    return scalar(node).strip()


def parse_period(code: str, frequency: str) -> Period | None:
    if frequency == Frequency.QUARTERLY:
        match = _QUARTER.fullmatch(code)
        return Period(int(match.group(1)), int(match.group(2))) if match else None
    return Period(int(code), None) if _YEAR.fullmatch(code) else None


def _period_hint(frequency: str, year: int) -> str:
    return f"quý viết dạng {year}-Q1 … {year}-Q4" if frequency == Frequency.QUARTERLY else f"năm viết dạng {year}"


_TARGET = {
    "so_sanh": Field(choice(Comparison), about="toi_thieu (đạt từ chỉ tiêu trở lên) hoặc cao_hon (cao hơn chỉ tiêu)"),
    "gia_tri": Field(number, required=False, about="con số chỉ tiêu, ví dụ 99"),
    "so_voi_ky": Field(_period_code, required=False, about='kỳ có số liệu làm chỉ tiêu, ví dụ "2024"'),
    "mo_ta": Field(text, about="chỉ tiêu theo lời văn của kế hoạch"),
}

_MEASUREMENT = {
    "ky": Field(_period_code, about='kỳ đo, ví dụ "2025-Q1" hoặc "2025"'),
    "gia_tri": Field(number, about="số liệu đo được, ví dụ 99.5"),
    "nguon": Field(text, required=False, about="nguồn của số liệu"),
}

_INDICATOR = {
    "ma": Field(text, about='mã chỉ số, chữ thường không dấu nối bằng "_", ví dụ hai_long_hoc_phi'),
    "ten": Field(text, about="tên chỉ số"),
    "nhiem_vu": Field(text, about='số nhiệm vụ liên quan, ví dụ "3.4"'),
    "don_vi": Field(choice(Unit), about="phan_tram (%) hoặc diem (điểm)"),
    "ky": Field(choice(Frequency), about="quy (theo quý) hoặc nam (theo năm)"),
    "chi_tieu": Field(lambda reader, node: node, about="chỉ tiêu: so_sanh, gia_tri hoặc so_voi_ky, mo_ta"),
}


def _check_range(reader: Reader, node: yaml.Node, where: str, value: Decimal, unit: str) -> None:
    if unit == Unit.PERCENT and not Decimal(0) <= value <= Decimal(100):
        reader.add(node, f'{where}: "gia_tri" là tỷ lệ phần trăm nên phải từ 0 đến 100, nhận được {value}')
    elif unit == Unit.POINTS and value < 0:
        reader.add(node, f'{where}: "gia_tri" là số điểm nên không được âm, nhận được {value}')


def _target(reader: Reader, node: yaml.Node, where: str, unit: str, frequency: str, year: int) -> Target | None:
    values = reader.fields(node, f"{where}, chỉ tiêu", _TARGET)
    if values is None:
        return None
    value, baseline_code = values.get("gia_tri"), values.get("so_voi_ky")
    if (value is None) == (baseline_code is None):
        reader.add(
            node,
            f'{where}, chỉ tiêu: cần đúng một trong hai khóa "gia_tri" (con số chỉ tiêu) hoặc '
            '"so_voi_ky" (kỳ có số liệu làm chỉ tiêu, ví dụ năm trước)',
        )
        return None
    baseline = None
    if value is not None:
        _check_range(reader, find(node, "gia_tri"), f"{where}, chỉ tiêu", value, unit)
    else:
        baseline = parse_period(baseline_code, frequency)
        if baseline is None:
            reader.add(
                find(node, "so_voi_ky"),
                f'{where}, chỉ tiêu: "so_voi_ky" không hợp lệ: "{baseline_code}"; {_period_hint(frequency, year - 1)}',
            )
            return None
    return Target(values["so_sanh"], value, baseline, values["mo_ta"])


def read_measurement(reader: Reader, item: yaml.Node, where: str, indicator: Indicator) -> Measurement | None:
    """One measured value `{ky, gia_tri, nguon}` of `indicator`; problems go to `reader`."""
    values = reader.fields(item, where, _MEASUREMENT)
    if values is None:
        return None
    period_node = find(item, "ky")
    period = parse_period(values["ky"], indicator.frequency)
    if period is None:
        reader.add(
            period_node,
            f'{where}: "ky" không hợp lệ: "{values["ky"]}"; {_period_hint(indicator.frequency, indicator.year)}',
        )
        return None
    if period not in indicator.allowed_periods:
        names = ", ".join(p.code for p in indicator.allowed_periods)
        reader.add(
            period_node,
            f"{where}: kỳ {period.code} không thuộc kế hoạch năm {indicator.year}; các kỳ được phép: {names}",
        )
        return None
    _check_range(reader, find(item, "gia_tri"), f"{where}, kỳ {period.code}", values["gia_tri"], indicator.unit)
    return Measurement(period, values["gia_tri"], values.get("nguon"), reader.line(item), reader.line(period_node))


def read_indicators(reader: Reader, node: yaml.Node, year: int, task_numbers: set[str]) -> tuple[Indicator, ...]:
    """The `chi_so` list; every problem is added to `reader` with its line."""
    try:
        items = reader.items(node)
    except Invalid as error:
        reader.add(node, f'"chi_so" {error.message}')
        return ()
    indicators = []
    codes: dict[str, int] = {}
    for index, item in enumerate(items, start=1):
        code_node = find(item, "ma") if isinstance(item, yaml.MappingNode) else None
        where = f"chỉ số {code_node.value}" if isinstance(code_node, yaml.ScalarNode) else f"chỉ số thứ {index}"
        item = moved_progress(reader, item, where, ("so_lieu",), "số liệu đo của chỉ số")
        values = reader.fields(item, where, _INDICATOR)
        if values is None:
            continue
        code = values["ma"]
        if not _CODE.fullmatch(code):
            reader.add(
                code_node, f'{where}: "ma" chỉ gồm chữ thường không dấu, chữ số và dấu "_", ví dụ hai_long_hoc_phi'
            )
        if code in codes:
            reader.add(code_node, f"{where}: mã bị trùng với chỉ số ở dòng {codes[code]}; mỗi chỉ số phải có mã riêng")
        codes.setdefault(code, reader.line(code_node))
        if values["nhiem_vu"] not in task_numbers:
            reader.add(
                find(item, "nhiem_vu"),
                f'{where}: "nhiem_vu" là "{values["nhiem_vu"]}" nhưng kế hoạch không có nhiệm vụ số này',
            )
        target = _target(reader, values["chi_tieu"], where, values["don_vi"], values["ky"], year)
        if target is not None:
            indicators.append(
                Indicator(
                    code,
                    values["ten"],
                    values["nhiem_vu"],
                    values["don_vi"],
                    values["ky"],
                    target,
                    (),
                    reader.line(item),
                    year,
                )
            )
    return tuple(indicators)
