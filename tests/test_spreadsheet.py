"""Excel-ready open data: the .xlsx beside each CSV opens in LibreOffice (headless) with task
numbers like "1.10" intact, dates as dates, the header frozen; the CSV keeps "1.10" too."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil

import pytest
from openpyxl import load_workbook

from cchc.progress import spreadsheet
from cchc.progress.pages import TASK_NUMBER_PREFIX
from cchc.progress.spreadsheet import Column, workbook_bytes
from programs import soffice_convert
from projects import PLAN_DATA_HEADER


@pytest.fixture(scope="module")
def site(site_end_of_first_quarter):
    return site_end_of_first_quarter


def test_xlsx_has_typed_cells_a_frozen_header_and_widths(site):
    book = load_workbook(site / "tien-do/ke-hoach-2025.xlsx")
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == PLAN_DATA_HEADER
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 60
    numbers = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "1.10" in numbers and "1.1" in numbers and len(numbers) == 43
    first = sheet[2]
    assert first[0].data_type == "s" and first[0].number_format == "@"
    assert first[5].value == dt.datetime(2025, 12, 31) and first[5].number_format == "DD/MM/YYYY"
    assert isinstance(first[9].value, int)


def test_xlsx_bytes_are_the_same_for_the_same_as_of_date(site):
    from cchc.progress.spreadsheet import Column, workbook_bytes  # noqa: PLC0415

    rows = [["1.10", dt.date(2025, 3, 31), 3]]
    columns = [Column("Số", 8, "task"), Column("Ngày", 12, "date"), Column("N", 6, "number")]
    assert workbook_bytes("T", columns, rows, dt.date(2025, 3, 31)) == workbook_bytes(
        "T", columns, rows, dt.date(2025, 3, 31)
    )


@pytest.mark.parametrize("name", ["ke-hoach-2025.xlsx", "ke-hoach-2025.csv"])
def test_libreoffice_keeps_task_numbers_as_text(site, tmp_path, name):
    """LibreOffice headless (English locale, default import options) converts the file to CSV:
    "1.10" must come out as "1.10", never as 1.1."""
    source = tmp_path / name
    shutil.copy(site / "tien-do" / name, source)
    profile = tmp_path / "profile"
    if name.endswith(".csv"):
        # Round trip through a spreadsheet, as a user opening the CSV would (choosing UTF-8, the
        # encoding its BOM announces; Excel reads the BOM by itself).
        source = soffice_convert(source, "xlsx", tmp_path / "mid", profile, infilter="CSV:44,34,76")
    converted = soffice_convert(source, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "out", profile)
    rows = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))
    numbers = [row[0].removeprefix(TASK_NUMBER_PREFIX) for row in rows[1:]]
    assert "1.10" in numbers and "5.10" in numbers and numbers.count("1.1") == 1, numbers[:12]
    assert "Thời hạn" in rows[0]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-1+1", "@SUM(A1)"])
@pytest.mark.parametrize("kind", ["text", "task", "wrap"])
def test_staff_text_that_looks_like_a_formula_stays_a_text_cell(kind, text):
    # openpyxl stores a string starting with "=" as a formula unless the cell is told otherwise.
    data = workbook_bytes("t", (Column("Cột", 10, kind),), [[text]], dt.date(2025, 3, 31))
    (cell,) = load_workbook(io.BytesIO(data)).active[2]
    assert (cell.value, cell.data_type) == (text, "s")


def test_a_rebuild_makes_no_workbook_again_for_twenty_plan_years(monkeypatch):
    """Under `mkdocs serve` each rebuild asks for every workbook once, in the same order (two a
    plan year): a memo bound below that count would have dropped each before it is asked again."""
    made = []
    monkeypatch.setattr(spreadsheet, "_workbook", lambda title, *_: made.append(title) or b"")
    titles = [f"{name} {year} {id(made)}" for year in range(2025, 2045) for name in ("Kế hoạch", "Minh chứng")]
    for _ in range(2):
        for title in titles:
            workbook_bytes(title, (Column("Cột", 10),), [["x"]], dt.date(2025, 3, 31))
    assert made == titles
