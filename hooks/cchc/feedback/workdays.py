"""Working days in Vietnam: weekends and public holidays excluded.

Two sources, in this order:

1. The repository's holiday file (`docs/phan-anh/ngay-nghi-le.yaml`): the Government decides
   swapped days, substitute days and make-up Saturdays year by year, so the days it announced
   are recorded there, citing the decision, and they are the official calendar of their year
   (up to the year's `chua_ro_tu` day, when only part of the year is announced).
2. For any other day, the `holidays` library (pinned in pyproject.toml): the Labour Code's
   holidays with the library's observed and substitute days. A build never stops on a day the
   file does not cover; `library_parts` names the years this happened for, so that the build
   says so in a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..base import dates
from ..base.errors import ContentError, Problem
from ..base.yamlsource import Field, Reader, iso_date, read_file, text

HOLIDAYS_FILE = "docs/phan-anh/ngay-nghi-le.yaml"


def library_name() -> str:
    """The library and its version, for messages. The library is imported only when a date needs
    it (a build whose dates the holiday file covers does not pay for the import)."""
    import holidays  # noqa: PLC0415

    return f"holidays {holidays.__version__}"


class UnknownCalendar(ValueError):
    """A date whose days off are not known (only for a calendar built without the library)."""


@dataclass(frozen=True)
class YearDays:
    """One year's days off on weekdays and worked Saturdays/Sundays, as a source gives them."""

    days_off: frozenset[dt.date]
    make_up_days: frozenset[dt.date]


@cache
def library_year(year: int) -> YearDays:
    """Vietnam's public holidays of `year` from the `holidays` library: the weekdays off
    (holidays, observed and substituted days) and the weekend days worked instead."""
    import holidays  # noqa: PLC0415 - see library_name

    calendar = holidays.country_holidays("VN", years=year)
    return YearDays(
        frozenset(day for day in calendar if day.year == year and day.weekday() < 5),
        frozenset(day for day in calendar.weekend_workdays if day.year == year),
    )


@dataclass(frozen=True)
class HolidayCalendar:
    days_off: frozenset[dt.date]
    """Weekdays off: holidays, substitute days and swapped days (official, from the file)."""
    make_up_days: frozenset[dt.date]
    """Saturdays worked in exchange for a swapped day (official, from the file)."""
    known: tuple[tuple[int, dt.date | None], ...]
    """Each recorded year, and the first day from which it is not known yet (None: all of it)."""
    source: str = HOLIDAYS_FILE
    library: Callable[[int], YearDays] | None = None
    """Where days the file does not cover come from; None: such a day is an error."""

    def is_official(self, day: dt.date) -> bool:
        """The day is covered by the file (a recorded year, before its `chua_ro_tu`)."""
        known = dict(self.known)
        if day.year not in known:
            return False
        unknown_from = known[day.year]
        return unknown_from is None or day < unknown_from

    def check(self, day: dt.date) -> None:
        """Raise UnknownCalendar for a day that neither the file nor a library covers."""
        if self.library is not None or self.is_official(day):
            return
        known = dict(self.known)
        if day.year not in known:
            years = ", ".join(str(year) for year in sorted(known)) or "chưa có năm nào"
            raise UnknownCalendar(
                f"chưa có lịch nghỉ lễ năm {day.year} trong {self.source} (đã có: {years}); "
                f"hãy thêm mục {day.year} theo văn bản của Chính phủ"
            )
        raise UnknownCalendar(
            f"lịch nghỉ lễ từ ngày {dates.short(known[day.year])} chưa được ghi trong {self.source} "
            '(mục "chua_ro_tu"); hãy bổ sung các ngày nghỉ theo văn bản của Chính phủ'
        )

    def is_working_day(self, day: dt.date) -> bool:
        self.check(day)
        if self.is_official(day):
            days_off, make_up = self.days_off, self.make_up_days
        else:
            assert self.library is not None
            year = self.library(day.year)
            days_off, make_up = year.days_off, year.make_up_days
        if day in make_up:
            return True
        return day.weekday() < 5 and day not in days_off

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

    def library_parts(self, spans: Iterable[tuple[dt.date, dt.date]]) -> tuple[tuple[int, dt.date | None], ...]:
        """The years whose days the library gave for these spans (first and last day included):
        (year, None) for a year not in the file, (year, first day) for a year recorded only up
        to its `chua_ro_tu` day. Sorted, each year once."""
        known = dict(self.known)
        parts: dict[int, dt.date | None] = {}
        for start, end in spans:
            for year in range(start.year, end.year + 1):
                if year not in known:
                    parts[year] = None
                elif known[year] is not None and end >= known[year]:
                    parts[year] = known[year]
        return tuple(sorted(parts.items()))

    def library_notes(self, spans: Iterable[tuple[dt.date, dt.date]]) -> tuple[str, ...]:
        """Vietnamese warnings, one per year, for the days the library gave (never a stop)."""
        notes = []
        for year, unknown_from in self.library_parts(spans):
            part = f"năm {year}" if unknown_from is None else f"năm {year} từ ngày {dates.short(unknown_from)}"
            notes.append(
                f"Chưa ghi lịch nghỉ lễ chính thức {part} trong {self.source}: dùng lịch của thư viện "
                f"({library_name()}: các ngày lễ theo Bộ luật Lao động, có thể thiếu ngày hoán đổi, làm bù); "
                f"hãy ghi mục {year} khi Chính phủ công bố lịch nghỉ"
            )
        return tuple(notes)


def differences(
    calendar: HolidayCalendar, library: Callable[[int], YearDays] = library_year
) -> dict[int, dict[str, tuple[dt.date, ...]]]:
    """Per recorded year, where the file's official part differs from the library: weekdays
    off only in the file or only in the library, worked weekend days only in either."""
    result: dict[int, dict[str, tuple[dt.date, ...]]] = {}
    for year, _ in calendar.known:
        theirs = library(year)
        ours_off = {day for day in calendar.days_off if day.year == year}
        ours_make_up = {day for day in calendar.make_up_days if day.year == year}
        their_off = {day for day in theirs.days_off if calendar.is_official(day)}
        their_make_up = {day for day in theirs.make_up_days if calendar.is_official(day)}
        found = {
            "chi_trong_tep_nghi": tuple(sorted(ours_off - their_off)),
            "chi_trong_thu_vien_nghi": tuple(sorted(their_off - ours_off)),
            "chi_trong_tep_lam_bu": tuple(sorted(ours_make_up - their_make_up)),
            "chi_trong_thu_vien_lam_bu": tuple(sorted(their_make_up - ours_make_up)),
        }
        found = {name: days for name, days in found.items() if days}
        if found:
            result[year] = found
    return result


def _dates(reader: Reader, node: yaml.Node) -> tuple[dt.date, ...]:
    return tuple(iso_date(reader, item) for item in reader.items(node))


_YEAR = {
    "can_cu": Field(text, about="văn bản quyết định lịch nghỉ của năm"),
    "ngay_nghi": Field(_dates, about="các ngày nghỉ từ thứ Hai đến thứ Sáu, dạng YYYY-MM-DD"),
    "ngay_lam_bu": Field(_dates, required=False, about="các ngày thứ Bảy đi làm bù"),
    "chua_ro_tu": Field(iso_date, required=False, about="ngày đầu tiên chưa có lịch nghỉ"),
}


def load_holidays(
    path: Path, source: str = HOLIDAYS_FILE, library: Callable[[int], YearDays] | None = library_year
) -> HolidayCalendar:
    """The file's official years, with the library for every other day (`library=None`: an
    error for such a day instead)."""
    root = read_file(path, source)
    reader = Reader(source)
    days_off: set[dt.date] = set()
    make_up: set[dt.date] = set()
    known: dict[int, dt.date | None] = {}
    if not isinstance(root, yaml.MappingNode):
        raise ContentError([Problem(source, reader.line(root), 'cần các mục theo năm, ví dụ "2025:"')])
    for key_node, value_node in root.value:
        key = str(key_node.value).strip()
        if not re.fullmatch(r"\d{4}", key):
            reader.add(key_node, f'"{key}" không phải là một năm; mỗi mục phải là năm, ví dụ "2025:"')
            continue
        year = int(key)
        values = reader.fields(value_node, f"năm {year}", _YEAR)
        if values is None:
            continue
        for name in ("ngay_nghi", "ngay_lam_bu"):
            for item, day in zip(find_items(value_node, name), values.get(name, ()), strict=False):
                if day.year != year:
                    reader.add(item, f'năm {year}: "{name}" có ngày {dates.short(day)} không thuộc năm {year}')
                elif name == "ngay_nghi" and day.weekday() >= 5:
                    reader.add(
                        item,
                        f"năm {year}: ngày {dates.short(day)} là ngày cuối tuần; chỉ ghi ngày nghỉ từ thứ Hai đến thứ Sáu",
                    )
                elif name == "ngay_lam_bu" and day.weekday() != 5:
                    reader.add(item, f"năm {year}: ngày làm bù {dates.short(day)} không phải thứ Bảy")
        days_off.update(values["ngay_nghi"])
        make_up.update(values.get("ngay_lam_bu", ()))
        known[year] = values.get("chua_ro_tu")
    reader.problems.raise_if_any()
    return HolidayCalendar(frozenset(days_off), frozenset(make_up), tuple(sorted(known.items())), source, library)


def find_items(mapping: yaml.Node, key: str) -> list[yaml.Node]:
    for key_node, value_node in mapping.value if isinstance(mapping, yaml.MappingNode) else ():
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return list(value_node.value)
    return []
