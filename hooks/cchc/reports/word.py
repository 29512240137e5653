"""A report as a Word document (.docx), made with python-docx, in the layout of Nghị định
30/2020/NĐ-CP: A4, Times New Roman 13 pt, margins top and bottom 20 mm, left 30 mm, right 15 mm.

The bytes are deterministic: the core properties carry the report's date and python-docx's
zip members (stamped with the clock) are rewritten with one fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..base import zips
from .document import Paragraph, Report, Run, Table

FONT = "Times New Roman"
SIZE = Pt(13)
NO_SPACE = Pt(0)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}


def _font(element, size: Pt = SIZE) -> None:
    """Times New Roman for every script (Vietnamese letters fall in several Unicode ranges)."""
    element.font.name = FONT
    element.font.size = size
    fonts = element.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _line(
    cell_or_doc,
    text: str = "",
    *,
    bold=False,
    italic=False,
    size: Pt = SIZE,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    after: Pt = NO_SPACE,
):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = after
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = size
    return paragraph


def _plain_table(doc, columns: int):
    table = doc.add_table(rows=1, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = True
    return table


def _runs(paragraph, runs: tuple[Run, ...], absolute: Callable[[str], str], size: Pt = SIZE) -> None:
    for run in runs:
        paragraph.add_run(run.text).font.size = size
        if run.link:
            paragraph.add_run(f" ({absolute(run.link)})").font.size = size


def _header(doc, report: Report) -> None:
    table = _plain_table(doc, 2)
    left, right = table.rows[0].cells
    # A fresh cell holds one empty paragraph: use it for the first line.
    left.paragraphs[0].alignment = right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].add_run(report.authority_heading).font.size = Pt(12)
    _line(left, report.school_heading, bold=True, size=Pt(12))
    _line(left, "–––––––", size=Pt(12))
    _line(left, "Số:        /BC", size=SIZE)
    heading = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    heading.bold, heading.font.size = True, Pt(12)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _line(right, "–––––––––––––––––––––––", size=Pt(12))
    _line(right, report.date_line, italic=True)


def _body(doc, report: Report, absolute: Callable[[str], str]) -> None:
    for section in report.sections:
        _line(doc, section.title, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=Pt(6))
        for block in section.blocks:
            if isinstance(block, Table):
                _table(doc, block, absolute)
                continue
            _paragraph(doc, block, absolute)


def _paragraph(doc, block: Paragraph, absolute: Callable[[str], str]) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Mm(10)
    fmt.space_after = Pt(6)
    if block.kind == "item":
        paragraph.add_run("- ").font.size = SIZE
    _runs(paragraph, block.runs, absolute)
    if block.kind in ("heading", "subheading"):
        for run in paragraph.runs:
            run.bold = block.kind == "heading"
            run.italic = block.kind == "subheading"


def _table(doc, block: Table, absolute: Callable[[str], str]) -> None:
    caption = _line(doc, block.caption, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=Pt(3))
    caption.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, block.header, strict=True):
        run = cell.paragraphs[0].add_run(title)
        run.bold, run.font.size = True, Pt(11)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, runs in zip(cells, row, strict=False):
            _runs(cell.paragraphs[0], runs, absolute, Pt(11))
    _line(doc, "", after=Pt(3))


def _footer(doc, report: Report) -> None:
    table = _plain_table(doc, 2)
    left, right = table.rows[0].cells
    title = left.paragraphs[0].add_run("Nơi nhận:")
    title.bold, title.italic, title.font.size = True, True, Pt(12)
    for line in report.recipient_lines:
        _line(left, line, size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    signer = right.paragraphs[0].add_run(report.signer_title)
    signer.bold, signer.font.size = True, Pt(13)
    _line(right, "(Ký, ghi rõ họ tên và đóng dấu)", italic=True, size=Pt(12))


def report_docx(report: Report, absolute: Callable[[str], str]) -> bytes:
    """The .docx bytes of `report`; `absolute(link)` turns a docs path into a full address."""
    doc = Document()
    normal = doc.styles["Normal"]
    _font(normal)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    # The default template opens with no paragraph; everything is added in order.
    _header(doc, report)
    _line(doc, "")
    _line(doc, report.title, bold=True, size=Pt(14))
    _line(doc, report.subtitle, bold=True, size=Pt(14), after=Pt(12))
    _body(doc, report, absolute)
    _line(doc, "")
    _footer(doc, report)
    moment = dt.datetime(report.date.year, report.date.month, report.date.day, tzinfo=dt.UTC)
    core = doc.core_properties
    core.title = f"{report.title} {report.subtitle}"
    core.subject = "Báo cáo cải cách hành chính"
    core.author = report.school
    core.last_modified_by = ""
    core.comments = ""
    core.keywords = "CCHC"
    core.revision = 1
    core.created = core.modified = core.last_printed = moment
    buffer = io.BytesIO()
    doc.save(buffer)
    return zips.stamped(buffer.getvalue(), (report.date.year, report.date.month, report.date.day, 0, 0, 0))
