"""The quarterly and yearly CCHC report, laid out as a Vietnamese administrative document
(Nghị định 30/2020/NĐ-CP): built once as plain values, then written as a page and as a .docx.

Every figure comes from the plan, the progress entries dated up to the period's last day, the
published articles and the narrative staff wrote; a narrative part staff have not written is a
visible blank, never invented. The number and the signature are left for the school to fill.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..articles.model import Article
from ..articles.quarters import QUOTA, QUOTA_TASK
from ..base import dates
from ..base.identity import School
from ..base.numbers import percent
from ..plan.indicators import Period, periods_ended, with_unit
from ..plan.model import Plan, TaskStatus
from ..progress.model import PlanProgress, TaskProgress, plan_progress, task_order
from .entries import Narrative, Reports, TaskEntry, plan_on
from .layout import narrative_file

BLANK = "…………………………………………………………………………………………"
"""A line left for the school to fill, as on a printed form."""
BLANK_NOTE = "(nhà trường chưa ghi nội dung này)"
SIGNER_TITLE = "HIỆU TRƯỞNG"
"""The head of a school signs its reports; a deputy signing for the head adds "KT." by hand."""


@dataclass(frozen=True)
class Run:
    """A piece of text, linked when `link` is a docs path or a web address."""

    text: str
    link: str | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    kind: str = "text"
    """`text`, `item` (a "- " line of a list), `heading` (a numbered part) or `blank`."""


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class Section:
    title: str
    """"I. KẾT QUẢ THỰC HIỆN" and the like."""
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    period: Period
    date: dt.date
    """The report's date: the last day of its period; figures are as of that day."""
    authority: str | None
    """The school's supervising authority on the report's date."""
    school: str
    place: str | None
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    recipients: tuple[str, ...]
    signer_title: str
    narrative_source: str
    """The file staff write the narrative parts in."""
    missing: tuple[str, ...]
    """The narrative parts left blank."""

    @property
    def code(self) -> str:
        return self.period.code

    @property
    def date_line(self) -> str:
        return f"{self.place or '…………'}, {dates.formal(self.date)}"

    @property
    def authority_heading(self) -> str:
        return (self.authority or "").upper()

    @property
    def school_heading(self) -> str:
        return self.school.upper()

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        """ "- Ban Chỉ đạo ...;" … "- Lưu: VT." — as the "Nơi nhận" block lists them."""
        last = len(self.recipients) - 1
        return tuple(f"- {name}{'.' if index == last else ';'}" for index, name in enumerate(self.recipients))

    @property
    def name(self) -> str:
        """ "Báo cáo CCHC quý I/2025" — as lists and links name it."""
        return f"Báo cáo CCHC {self.period.label[0].lower()}{self.period.label[1:]}"


def _text(*runs: Run | str, kind: str = "text") -> Paragraph:
    return Paragraph(tuple(run if isinstance(run, Run) else Run(run) for run in runs), kind)


def _state_words(entry: TaskEntry) -> str:
    words = entry.status.label.lower()
    if entry.share is not None and entry.status is TaskStatus.IN_PROGRESS:
        words += f" ({entry.share}%)"
    return words


def _products(item: TaskProgress) -> tuple[Run, ...]:
    runs: list[Run] = []
    for index, product in enumerate(item.task.delivered):
        if index:
            runs.append(Run("; "))
        runs.append(Run(product.name, product.url))
        if not product.url:
            runs.append(Run(" (chưa có liên kết)"))
    return tuple(runs) or (Run("Chưa ghi sản phẩm"),)


def _in(period: Period, day: dt.date | None) -> bool:
    return day is not None and period.start <= day <= period.end


def _overview(progress: PlanProgress, plan: Plan, entries: tuple[TaskEntry, ...], period: Period) -> list[Block]:
    tally = progress.tally
    areas = sum(1 for area in plan.areas if area.tasks)
    late = tally.count("hoan_thanh_muon")
    done = f"{tally.done} nhiệm vụ đã hoàn thành ({percent(tally.done, tally.total)}%)"
    if late:
        done += f", trong đó {late} nhiệm vụ hoàn thành sau thời hạn"
    reported = len({entry.task for entry in entries})
    return [
        _text(
            f"{plan.title} của nhà trường (ký {dates.formal(plan.signed_on)}) có {tally.total} nhiệm vụ trong {areas} lĩnh vực. "
            f"Tính đến {dates.formal(progress.as_of)}: {done}; {tally.overdue} nhiệm vụ đã qua thời hạn mà chưa ghi nhận "
            f"hoàn thành; {tally.pending} nhiệm vụ chưa đến hạn."
        ),
        _text(
            f"Trong {period.label[0].lower()}{period.label[1:]}, nhà trường có {len(entries)} báo cáo tiến độ về {reported} nhiệm vụ."
            if entries
            else f"Trong {period.label[0].lower()}{period.label[1:]}, nhà trường chưa có báo cáo tiến độ nào."
        ),
    ]


def _by_area(progress: PlanProgress, entries: tuple[TaskEntry, ...]) -> list[Block]:
    blocks: list[Block] = []
    for area in progress.areas:
        if not area.tasks:
            continue
        tally = area.tally
        blocks.append(
            _text(
                f"Lĩnh vực {area.area.number}. {area.area.name}: {tally.total} nhiệm vụ; đã hoàn thành {tally.done}; "
                f"đã qua hạn chưa ghi nhận hoàn thành {tally.overdue}; chưa đến hạn {tally.pending}.",
                kind="subheading",
            )
        )
        changed = False
        for item in area.tasks:
            own = [entry for entry in entries if entry.task == item.task.number]
            if not own:
                continue
            changed = True
            steps = "; ".join(
                f"ngày {dates.short(entry.reported_on)} {_state_words(entry)}"
                + (f" – {entry.note.rstrip('.')}" if entry.note else "")
                for entry in own
            )
            blocks.append(_text(f"Nhiệm vụ {item.task.number} ({item.task.text.rstrip('.')}): {steps}.", kind="item"))
        if not changed:
            blocks.append(_text("Không có báo cáo tiến độ nào trong kỳ về các nhiệm vụ của lĩnh vực này.", kind="item"))
    return blocks


def _done(progress: PlanProgress, period: Period) -> list[Block]:
    done = [item for item in progress.done if _in(period, item.task.delivered_on)]
    if not done:
        return [_text("Không có nhiệm vụ nào được ghi nhận hoàn thành trong kỳ.")]
    rows = tuple(
        (
            (Run(item.task.number),),
            (Run(item.task.text),),
            (Run(dates.short(item.task.delivered_on)),),
            (
                Run(
                    "Đúng hạn"
                    if not item.days_late
                    else f"Sau thời hạn {item.days_late} ngày (hạn {dates.short(item.task.deadline)})"
                ),
            ),
            _products(item),
        )
        for item in sorted(done, key=lambda item: (item.task.delivered_on, task_order(item.task)))
    )
    return [
        Table(
            f"{len(done)} nhiệm vụ hoàn thành trong kỳ",
            ("Số", "Nhiệm vụ", "Ngày hoàn thành", "Thời hạn", "Sản phẩm, minh chứng"),
            rows,
        )
    ]


def _overdue(progress: PlanProgress) -> list[Block]:
    if not progress.overdue:
        return [
            _text(
                f"Tính đến {dates.formal(progress.as_of)}, không có nhiệm vụ nào đã qua thời hạn mà chưa ghi nhận hoàn thành."
            )
        ]
    rows = tuple(
        (
            (Run(item.task.number),),
            (Run(item.task.text),),
            (Run(dates.short(item.task.deadline)),),
            (Run(str(item.days_overdue)),),
            (Run(item.task.status_label),),
        )
        for item in progress.overdue
    )
    return [
        Table(
            f"{len(rows)} nhiệm vụ đã qua thời hạn, chưa ghi nhận hoàn thành, tính đến ngày {dates.short(progress.as_of)}",
            ("Số", "Nhiệm vụ", "Thời hạn", "Số ngày quá hạn", "Nhà trường báo cáo"),
            rows,
        )
    ]


def _articles(articles: tuple[Article, ...], period: Period, school: School, article_link) -> list[Block]:
    quarters = (period,) if period.quarter else tuple(Period(period.year, q) for q in (1, 2, 3, 4))
    blocks: list[Block] = []
    inside = [a for a in articles if a.is_published(period.end) and _in(period, a.day)]
    for quarter in quarters:
        count = sum(1 for a in inside if _in(quarter, a.day))
        verdict = "đạt" if count >= QUOTA else "chưa đạt"
        blocks.append(
            _text(
                f"{quarter.label}: {count} bài viết được đăng trên chuyên mục; yêu cầu của nhiệm vụ {QUOTA_TASK} "
                f"là ít nhất {QUOTA:02d} bài viết/mô hình/sản phẩm mỗi quý: {verdict}.",
                kind="item",
            )
        )
    if not inside:
        return blocks
    rows = []
    for article in sorted(inside, key=lambda a: (a.published, a.src_uri)):
        if article.sent_on:
            to = school.sent_to_on(article.sent_on)
            sent = f"{dates.short(article.sent_on)}" + (f", gửi {to}" if to else "")
        else:
            sent = "Chưa ghi ngày gửi"
        rows.append(
            (
                (Run(article.title, article_link(article)),),
                (Run(dates.short(article.day)),),
                (Run(article.kind_label),),
                (Run(sent),),
            )
        )
    blocks.append(
        Table("Bài viết đăng trong kỳ", ("Bài viết", "Ngày đăng", "Loại", "Gửi Ban Chỉ đạo CCHC"), tuple(rows))
    )
    return blocks


def _indicators(progress: PlanProgress, period: Period) -> list[Block]:
    if not progress.indicators:
        return [_text("Kế hoạch không có chỉ số đo kết quả.")]
    rows = []
    for item in progress.indicators:
        indicator = item.indicator
        unit = indicator.unit
        for point in item.points:
            if point.baseline:
                continue
            if period.quarter and point.period.quarter not in (None, period.quarter):
                continue
            value = with_unit(point.value, unit) if point.value is not None else "Chưa có số liệu"
            if point.value is None:
                verdict = "Chưa có số liệu"
            elif point.met is None:
                verdict = "Chưa so được (chưa có số liệu kỳ làm chỉ tiêu)"
            else:
                verdict = "Đạt" if point.met else "Chưa đạt"
            rows.append(
                (
                    (Run(f"{indicator.name} (nhiệm vụ {indicator.task})"),),
                    (Run(point.period.label),),
                    (Run(indicator.target.text),),
                    (Run(value),),
                    (Run(verdict),),
                )
            )
    return [Table("Chỉ số so với chỉ tiêu", ("Chỉ số", "Kỳ", "Chỉ tiêu", "Số liệu", "Đánh giá"), tuple(rows))]


def _narrative(values: tuple[str, ...] | None) -> list[Block]:
    if not values:
        return [_text(BLANK, kind="blank"), _text(BLANK + " " + BLANK_NOTE, kind="blank")]
    return [_text(value, kind="item" if len(values) > 1 else "text") for value in values]


def _results(
    progress: PlanProgress,
    plan: Plan,
    entries: tuple[TaskEntry, ...],
    period: Period,
    articles: tuple[Article, ...],
    school: School,
    article_link,
) -> tuple[Block, ...]:
    """Part I of the report: the figures, from the plan, the entries of the period and the articles."""
    return tuple(
        _overview(progress, plan, entries, period)
        + [_text("1. Kết quả theo lĩnh vực", kind="heading")]
        + _by_area(progress, entries)
        + [_text("2. Nhiệm vụ hoàn thành, sản phẩm và minh chứng", kind="heading")]
        + _done(progress, period)
        + [_text("3. Nhiệm vụ đã qua thời hạn, chưa ghi nhận hoàn thành", kind="heading")]
        + _overdue(progress)
        + [_text(f"4. Thông tin, tuyên truyền về CCHC (nhiệm vụ {QUOTA_TASK})", kind="heading")]
        + _articles(articles, period, school, article_link)
        + [_text("5. Chỉ số đo kết quả", kind="heading")]
        + _indicators(progress, period)
    )


def _narrative_parts(
    narrative: Narrative | None, period: Period
) -> tuple[tuple[str, str, tuple[str, ...] | None], ...]:
    """(key in the narrative file, title, what staff wrote) of parts II to IV of the report."""
    next_span = "quý tới" if period.quarter else "năm tới"
    return (
        ("kho_khan", "Khó khăn, vướng mắc", narrative.difficulties if narrative else None),
        ("de_xuat", "Đề xuất, kiến nghị", narrative.proposals if narrative else None),
        ("nhiem_vu_trong_tam", f"Nhiệm vụ trọng tâm {next_span}", narrative.priorities if narrative else None),
    )


def build_report(
    plan: Plan,
    reports: Reports | None,
    period: Period,
    school: School,
    articles: tuple[Article, ...],
    article_link,
) -> Report:
    """The report of `period` (a quarter or the year), with figures as of its last day.

    `article_link(article)` is the docs path of an article's page."""
    day = period.end
    progress = plan_progress(plan_on(plan, reports, day), day)
    entries = tuple(entry for entry in (reports.tasks if reports else ()) if _in(period, entry.reported_on))
    narrative: Narrative | None = reports.narratives.get(period.quarter or 0) if reports else None
    authority = school.authority_on(day)
    span = f"quý {dates.ROMAN[period.quarter - 1]} năm {period.year}" if period.quarter else f"năm {period.year}"
    parts = _narrative_parts(narrative, period)
    results = _results(progress, plan, entries, period, articles, school, article_link)
    sections = (Section("I. KẾT QUẢ THỰC HIỆN", results),) + tuple(
        Section(f"{numeral}. {title.upper()}", tuple(_narrative(values)))
        for numeral, (_, title, values) in zip(("II", "III", "IV"), parts, strict=True)
    )
    recipients = []
    if authority:
        recipients.append(authority.steering_committee or authority.name)
    recipients.append("Lưu: VT")
    return Report(
        period=period,
        date=day,
        authority=authority.name if authority else None,
        school=school.name,
        place=authority.place if authority else None,
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện công tác cải cách hành chính {span}",
        sections=sections,
        recipients=tuple(recipients),
        signer_title=SIGNER_TITLE,
        narrative_source=narrative_file(plan.year, period.quarter),
        missing=tuple(key for key, _, values in parts if not values),
    )


def report_notes(plan: Plan, reports: Reports | None, school: School, as_of: dt.date) -> list[str]:
    """What staff should write for the reports already due: the narrative parts left blank, and
    the place name of an authority the date line needs. Never blocks publishing."""
    notes = []
    blank = []
    places: dict[str, None] = {}
    for period in periods_ended(plan.year, as_of):
        narrative = reports.narratives.get(period.quarter or 0) if reports else None
        if not all(values for _, _, values in _narrative_parts(narrative, period)):
            blank.append(narrative_file(plan.year, period.quarter))
        authority = school.authority_on(period.end)
        if authority and not authority.place:
            places[authority.name] = None
    if blank:
        notes.append(
            f"Báo cáo CCHC năm {plan.year} còn để trống phần tự viết (khó khăn, đề xuất, nhiệm vụ trọng tâm): "
            + ", ".join(blank)
        )
    for name in places:
        notes.append(
            f"Báo cáo CCHC năm {plan.year}: chưa có địa danh cho dòng ngày tháng khi trực thuộc {name} "
            "(mkdocs.yml, extra.don_vi.co_quan_quan_ly, khóa dia_danh)"
        )
    return notes
