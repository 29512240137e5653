"""A report as a Word document (.docx), made with python-docx, in the layout of Nghị định
30/2020/NĐ-CP: A4, Times New Roman 13 pt, margins top and bottom 20 mm, left 30 mm, right 15 mm.

The bytes are deterministic: the core properties carry the report's date and python-docx's
zip members (stamped with the clock) are rewritten with one fixed timestamp.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
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
PLAIN_TEXT = re.compile(r"[^\t\r\n]+")
"""Text that python-docx's `Run.text` puts in a single `<w:t>`: it turns a tab into `<w:tab/>`
and a line break into `<w:br/>`."""
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}


def _font(element, size: Pt = SIZE) -> None:
    """Times New Roman for every script (Vietnamese letters fall in several Unicode ranges)."""
    element.font.name = FONT
    element.font.size = size
    fonts = element.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


class Formats:
    """The paragraph and run formats of one document. python-docx adds a format one property at a
    time, each through a search of the schema's order; the first paragraph or run of each format is
    formatted that way and the next ones get a copy of its `<w:pPr>` or `<w:rPr>`: the same XML,
    made once (tables list every article of the period). So a paragraph or run made here is not
    formatted again afterwards: its properties may be the model of the next ones."""

    def __init__(self) -> None:
        self._runs: dict[tuple[Pt, bool | None, bool | None], object] = {}
        self._paragraphs: dict[tuple, object] = {}

    def paragraph(self, container, align, after: Pt, *, before=None, first_line=None, keep_with_next=None):
        """A new paragraph at the end of `container` (the document or a cell); properties left
        None are not set."""
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        key = (align, after, before, first_line, keep_with_next)
        made = self._paragraphs.get(key)
        if made is not None:
            fmt.element.insert(0, copy.deepcopy(made))
            return paragraph
        # In this order: <w:spacing> keeps its attributes in the order they were set.
        paragraph.alignment = align
        if first_line is not None:
            fmt.first_line_indent = first_line
        fmt.space_after = after
        if before is not None:
            fmt.space_before = before
        if keep_with_next is not None:
            fmt.keep_with_next = keep_with_next
        self._paragraphs[key] = fmt.element.pPr
        return paragraph

    def run(self, paragraph, text: str, size: Pt = SIZE, *, bold: bool | None = None, italic: bool | None = None):
        made = self._runs.get((size, bold, italic))
        if made is None:
            run = paragraph.add_run(text)
            run.font.size = size
            run.bold, run.italic = bold, italic
            self._runs[size, bold, italic] = run.element.rPr
            return run
        run = paragraph.add_run()
        run.element.append(copy.deepcopy(made))
        if PLAIN_TEXT.fullmatch(text):
            # One <w:t>, as `run.text` makes for text without tabs or line breaks, without
            # `run.text`'s search for older content and its walk through each character.
            run.add_text(text)
        else:
            run.text = text
        return run


def _line(
    container,
    formats: Formats,
    text: str = "",
    *,
    bold=False,
    italic=False,
    size: Pt = SIZE,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    after: Pt = NO_SPACE,
    keep_with_next=None,
):
    paragraph = formats.paragraph(container, align, after, before=NO_SPACE, keep_with_next=keep_with_next)
    if text:
        formats.run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _plain_table(doc, columns: int):
    table = doc.add_table(rows=1, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = True
    return table


def _runs(
    paragraph,
    formats: Formats,
    runs: tuple[Run, ...],
    absolute: Callable[[str], str],
    size: Pt = SIZE,
    **style: bool,
) -> None:
    for run in runs:
        formats.run(paragraph, run.text, size, **style)
        if run.link:
            formats.run(paragraph, f" ({absolute(run.link)})", size, **style)


def _header(doc, formats: Formats, report: Report) -> None:
    table = _plain_table(doc, 2)
    left, right = table.rows[0].cells
    # A fresh cell holds one empty paragraph: use it for the first line.
    left.paragraphs[0].alignment = right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    formats.run(left.paragraphs[0], report.authority_heading, Pt(12))
    _line(left, formats, report.school_heading, bold=True, size=Pt(12))
    _line(left, formats, "–––––––", size=Pt(12))
    _line(left, formats, "Số:        /BC", size=SIZE)
    formats.run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Pt(12), bold=True)
    _line(right, formats, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _line(right, formats, "–––––––––––––––––––––––", size=Pt(12))
    _line(right, formats, report.date_line, italic=True)


def _body(doc, formats: Formats, report: Report, absolute: Callable[[str], str]) -> None:
    for section in report.sections:
        _line(doc, formats, section.title, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=Pt(6))
        for block in section.blocks:
            if isinstance(block, Table):
                _table(doc, formats, block, absolute)
                continue
            _paragraph(doc, formats, block, absolute)


def _paragraph(doc, formats: Formats, block: Paragraph, absolute: Callable[[str], str]) -> None:
    paragraph = formats.paragraph(doc, WD_ALIGN_PARAGRAPH.JUSTIFY, Pt(6), first_line=Mm(10))
    style = {}
    if block.kind in ("heading", "subheading"):
        style = {"bold": block.kind == "heading", "italic": block.kind == "subheading"}
    if block.kind == "item":
        formats.run(paragraph, "- ", SIZE, **style)
    _runs(paragraph, formats, block.runs, absolute, SIZE, **style)


def _table(doc, formats: Formats, block: Table, absolute: Callable[[str], str]) -> None:
    _line(doc, formats, block.caption, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=Pt(3), keep_with_next=True)
    # All rows at once: python-docx then parses one piece of XML instead of adding row by row.
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header), style="Table Grid")
    rows = iter(table.rows)
    for cell, title in zip(next(rows).cells, block.header, strict=True):
        formats.run(cell.paragraphs[0], title, Pt(11), bold=True)
    for row, runs_of_row in zip(rows, block.rows, strict=True):
        for cell, runs in zip(row.cells, runs_of_row, strict=False):
            _runs(cell.paragraphs[0], formats, runs, absolute, Pt(11))
    _line(doc, formats, "", after=Pt(3))


def _footer(doc, formats: Formats, report: Report) -> None:
    table = _plain_table(doc, 2)
    left, right = table.rows[0].cells
    formats.run(left.paragraphs[0], "Nơi nhận:", Pt(12), bold=True, italic=True)
    for line in report.recipient_lines:
        _line(left, formats, line, size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    formats.run(right.paragraphs[0], report.signer_title, Pt(13), bold=True)
    _line(right, formats, "(Ký, ghi rõ họ tên và đóng dấu)", italic=True, size=Pt(12))


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
    formats = Formats()
    _header(doc, formats, report)
    _line(doc, formats, "")
    _line(doc, formats, report.title, bold=True, size=Pt(14))
    _line(doc, formats, report.subtitle, bold=True, size=Pt(14), after=Pt(12))
    _body(doc, formats, report, absolute)
    _line(doc, formats, "")
    _footer(doc, formats, report)
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
