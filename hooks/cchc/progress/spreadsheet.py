"""Excel-ready open data: an .xlsx beside each CSV of the progress section.

Typed cells (task numbers as text, dates as dates, counts as numbers), Vietnamese headers, the
header row frozen and bold, column widths set. The bytes are deterministic: the document's
created/modified times are the as-of date and every zip entry carries the same fixed time, so
the same commit and the same as-of date give the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from ..base import zips
from ..base.made import Made, collecting_cycles

DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    kind: str = "text"
    """"text" or "task" (kept as text, even "1.10"), "date", "number" or "wrap" (long text, wrapped)."""


_made = Made(kept=80)
"""Workbooks by everything they are made from (under `mkdocs serve` a rebuild reuses the
unchanged ones). A build asks for each once, in the same order: a bound below its count would
drop each before the next rebuild asks again. 80: two workbooks a plan year, for twenty years,
twice over."""


def workbook_bytes(title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]], as_of: dt.date) -> bytes:
    key = (title, tuple(columns), tuple(tuple(row) for row in rows), as_of)
    return _made.get(key, lambda: collecting_cycles(lambda: _workbook(title, columns, rows, as_of)))


def _workbook(title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]], as_of: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        sheet.append([_value(column, value) for column, value in zip(columns, values, strict=True)])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if column.kind == "date":
                cell.number_format = DATE_FORMAT
            elif column.kind in ("text", "task", "wrap"):
                cell.number_format = TEXT_FORMAT
                cell.data_type = "s"
            if column.kind == "wrap":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    stamp = dt.datetime.combine(as_of, dt.time(12, 0))
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "cchc"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return zips.stamped(raw.getvalue(), _ZIP_TIME)


def _value(column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind in ("text", "task", "wrap"):
        return str(value)
    return value
