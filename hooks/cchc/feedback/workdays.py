"""Working days in Vietnam: weekends and the public holidays recorded for each year excluded.

The holiday calendar is data (`docs/phan-anh/ngay-nghi-le.yaml`) because the Government decides
swapped and substitute days year by year; a year that is not recorded is an error, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..base import dates
from ..base.errors import ContentError, Problem
from ..base.yamlsource import Field, Reader, iso_date, read_file, text

HOLIDAYS_FILE = "docs/phan-anh/ngay-nghi-le.yaml"


class UnknownCalendar(ValueError):
    """A date whose days off are not recorded; the message is Vietnamese, for staff."""


@dataclass(frozen=True)
class HolidayCalendar:
    days_off: frozenset[dt.date]
    """Weekdays off: holidays, substitute days and swapped days."""
    make_up_days: frozenset[dt.date]
    """Saturdays worked in exchange for a swapped day."""
    known: tuple[tuple[int, dt.date | None], ...]
    """Each recorded year, and the first day from which it is not known yet (None: all of it)."""
    source: str = HOLIDAYS_FILE

    def check(self, day: dt.date) -> None:
        known = dict(self.known)
        if day.year not in known:
            years = ", ".join(str(year) for year in sorted(known)) or "chưa có năm nào"
            raise UnknownCalendar(
                f"chưa có lịch nghỉ lễ năm {day.year} trong {self.source} (đã có: {years}); "
                f"hãy thêm mục {day.year} theo văn bản của Chính phủ"
            )
        unknown_from = known[day.year]
        if unknown_from is not None and day >= unknown_from:
            raise UnknownCalendar(
                f"lịch nghỉ lễ từ ngày {dates.short(unknown_from)} chưa được ghi trong {self.source} "
                "(mục \"chua_ro_tu\"); hãy bổ sung các ngày nghỉ theo văn bản của Chính phủ"
            )

    def is_working_day(self, day: dt.date) -> bool:
        self.check(day)
        if day in self.make_up_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`: received on a Monday and
        answered on the Tuesday is 1 working day; answered the same day is 0."""
        if end < start:
            raise ValueError("end before start")
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def _dates(reader: Reader, node: yaml.Node) -> tuple[dt.date, ...]:
    return tuple(iso_date(reader, item) for item in reader.items(node))


_YEAR = {
    "can_cu": Field(text, about="văn bản quyết định lịch nghỉ của năm"),
    "ngay_nghi": Field(_dates, about="các ngày nghỉ từ thứ Hai đến thứ Sáu, dạng YYYY-MM-DD"),
    "ngay_lam_bu": Field(_dates, required=False, about="các ngày thứ Bảy đi làm bù"),
    "chua_ro_tu": Field(iso_date, required=False, about="ngày đầu tiên chưa có lịch nghỉ"),
}


def load_holidays(path: Path, source: str = HOLIDAYS_FILE) -> HolidayCalendar:
    root = read_file(path, source)
    reader = Reader(source)
    days_off: set[dt.date] = set()
    make_up: set[dt.date] = set()
    known: dict[int, dt.date | None] = {}
    if not isinstance(root, yaml.MappingNode):
        raise ContentError([Problem(source, reader.line(root), "cần các mục theo năm, ví dụ \"2025:\"")])
    for key_node, value_node in root.value:
        key = str(key_node.value).strip()
        if not re.fullmatch(r"\d{4}", key):
            reader.add(key_node, f"\"{key}\" không phải là một năm; mỗi mục phải là năm, ví dụ \"2025:\"")
            continue
        year = int(key)
        values = reader.fields(value_node, f"năm {year}", _YEAR)
        if values is None:
            continue
        for name in ("ngay_nghi", "ngay_lam_bu"):
            for item, day in zip(find_items(value_node, name), values.get(name, ())):
                if day.year != year:
                    reader.add(item, f"năm {year}: \"{name}\" có ngày {dates.short(day)} không thuộc năm {year}")
                elif name == "ngay_nghi" and day.weekday() >= 5:
                    reader.add(item, f"năm {year}: ngày {dates.short(day)} là ngày cuối tuần; chỉ ghi ngày nghỉ từ thứ Hai đến thứ Sáu")
                elif name == "ngay_lam_bu" and day.weekday() != 5:
                    reader.add(item, f"năm {year}: ngày làm bù {dates.short(day)} không phải thứ Bảy")
        days_off.update(values["ngay_nghi"])
        make_up.update(values.get("ngay_lam_bu", ()))
        known[year] = values.get("chua_ro_tu")
    reader.problems.raise_if_any()
    return HolidayCalendar(frozenset(days_off), frozenset(make_up), tuple(sorted(known.items())), source)


def find_items(mapping: yaml.Node, key: str) -> list[yaml.Node]:
    for key_node, value_node in mapping.value if isinstance(mapping, yaml.MappingNode) else ():
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return list(value_node.value)
    return []

