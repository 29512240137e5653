"""Parents' feedback: the channels the school offers, and the questions and answers it publishes.

`docs/phan-anh/kenh.yaml` says how to reach the school (the phone, e-mail and address come from
the school's identity in docs/don-vi.yaml, never typed twice); `docs/phan-anh/hoi-dap/<year>.yaml`
holds the published questions and answers of a year. Every published text passes the privacy
guard, and answer times are counted in working days (`workdays`).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

from ..base import dates
from ..base.codes import Coded
from ..base.errors import ContentError, Problem
from ..base.identity import School
from ..base.numbers import percent, vn_number
from ..base.yamlsource import (
    Field,
    Invalid,
    Reader,
    choice,
    compose,
    decode_utf8,
    find,
    integer,
    iso_date,
    read_file,
    text,
    text_list,
)
from ..plan.model import Plan
from .privacy import find_private
from .workdays import HolidayCalendar, UnknownCalendar

CHANNELS_FILE = "docs/phan-anh/kenh.yaml"
ANSWERS_FOLDER = "docs/phan-anh/hoi-dap"


class ReceivedVia(Coded):
    """How a question reached the school (`kenh` in a Q&A file)."""

    PHONE = "dien_thoai", "Điện thoại"
    EMAIL = "email", "Thư điện tử"
    ZALO = "zalo", "Zalo"
    IN_PERSON = "truc_tiep", "Trực tiếp tại trường"
    LETTER_BOX = "hom_thu", "Hòm thư góp ý"
    CITY_HOTLINE = "duong_day_1022", "Tổng đài 1022 của Thành phố"


class Topic(Coded):
    """What a question is about (`chu_de`), in the order the Q&A page groups them."""

    FEES = "hoc_phi", "Học phí, các khoản thu"
    ADMISSION = "tuyen_sinh", "Tuyển sinh, nhập học"
    PROCEDURES = "thu_tuc", "Thủ tục hành chính"
    CARE = "cham_soc", "Chăm sóc, nuôi dưỡng, giáo dục trẻ"
    PREMISES = "co_so_vat_chat", "Cơ sở vật chất, an toàn"
    OTHER = "khac", "Nội dung khác"


class QuestionStatus(Coded):
    """Whether a published question is answered (`trang_thai` in a Q&A file)."""

    PENDING = "dang_xu_ly", "Đang xử lý"
    ANSWERED = "da_tra_loi", "Đã trả lời"


@dataclass(frozen=True)
class CityChannel:
    name: str
    hotline: str
    portal: str

    @property
    def portal_text(self) -> str:
        """The portal's address as parents read it: 1022.tphcm.gov.vn, without the scheme."""
        return self.portal.split("://", 1)[-1].rstrip("/")


@dataclass(frozen=True)
class Channels:
    email_subject: str
    zalo: str | None
    reception_hours: str | None
    letter_box: str | None
    city: CityChannel
    answer_days: int
    """The promised answer time, in working days."""
    what_to_include: tuple[str, ...]
    privacy_collected: str
    privacy_readers: str
    privacy_published: str


@dataclass(frozen=True)
class Question:
    year: int
    number: int
    received: dt.date
    channel: ReceivedVia
    topic: Topic
    question: str
    status: QuestionStatus
    answer: str | None
    answered: dt.date | None
    task: str | None
    working_days: int | None
    """Working days from receipt to answer, for answered questions."""
    waited: Waited | None = None
    """How long a pending question has waited on the as-of date; None for answered ones."""

    @property
    def anchor(self) -> str:
        return f"hd-{self.year}-{self.number}"

    @property
    def channel_label(self) -> str:
        return ReceivedVia(self.channel).label

    @property
    def topic_label(self) -> str:
        return Topic(self.topic).label

    @property
    def status_label(self) -> str:
        return QuestionStatus(self.status).label

    def pending(self, deadline_days: int) -> Pending | None:
        """Where a pending question stands against the answer deadline; None once answered.

        The deadline is the `deadline_days`-th working day after receipt, the rule answered
        questions are measured by: answered on that day is on time, so a question is overdue
        from the next working day on."""
        if self.status != QuestionStatus.PENDING:
            return None
        waited = self.waited
        label = QuestionStatus(self.status).label
        if waited is None:
            return Pending(overdue=False, days=None, label=label)
        if waited.working_days > deadline_days:
            late = waited.working_days - deadline_days
            if waited.complete:
                return Pending(overdue=True, days=late, label=f"{label}, đã quá hạn {late} ngày làm việc")
            return Pending(overdue=True, days=None, label=f"{label}, quá hạn")
        if waited.complete:
            left = deadline_days - waited.working_days
            return Pending(overdue=False, days=left, label=f"{label}, còn {left} ngày làm việc")
        # The count stopped at a day the calendar does not know, before reaching the deadline:
        # whether the deadline has passed cannot be said without guessing the holidays.
        return Pending(overdue=False, days=None, label=label)


@dataclass(frozen=True)
class Waited:
    """Working days a pending question has waited, counted after receipt up to the as-of date."""

    working_days: int
    complete: bool
    """False when the count stopped early, at the first day whose holidays are not recorded:
    `working_days` is then what the known days give, a lower bound of the true wait."""


@dataclass(frozen=True)
class Pending:
    """A pending question against its answer deadline, worded for the page."""

    overdue: bool
    """The deadline has certainly passed (False also when the calendar cannot tell)."""
    days: int | None
    """Working days left (0 on the deadline day) or, once overdue, working days late; None when
    the calendar cannot tell."""
    label: str


@dataclass(frozen=True)
class Figures:
    """The year's answer figures, formatted for reading (Vietnamese decimal comma)."""

    year: int
    received: int
    answered: int
    median_days: str
    longest_days: str
    within_deadline: str
    """Share of the questions answered within the deadline; see `figures` for what it counts."""
    overdue_unanswered: int
    """Pending questions whose deadline has certainly passed."""


def _web_address(prefix: str, what: str):
    """A parser for an https address starting with `prefix` (a regular expression)."""

    def parse(reader: Reader, node: yaml.Node) -> str:
        value = text(reader, node)
        if not re.fullmatch(prefix + r"[^\s\"'<>]*", value):
            raise Invalid(f'phải là {what}, nhận được "{value}"')
        return value

    return parse


_https = _web_address(r"https://[^\s\"'<>/]+", "địa chỉ web bắt đầu bằng https://")
_zalo = _web_address(r"https://(oa\.)?zalo\.me/", "đường dẫn Zalo OA dạng https://zalo.me/...")


_CITY = {
    "ten": Field(text, about="tên hệ thống tiếp nhận của Thành phố"),
    "duong_day_nong": Field(text, about='số tổng đài, ví dụ "1022"'),
    "cong_thong_tin": Field(_https, about="địa chỉ cổng tiếp nhận, bắt đầu bằng https://"),
}
_PRIVACY = {
    "thu_thap": Field(text, about="nhà trường thu thập thông tin gì"),
    "nguoi_doc": Field(text, about="ai được đọc phản ánh"),
    "cong_bo": Field(text, about="công bố câu trả lời như thế nào"),
}


def _answer_days(reader: Reader, node: yaml.Node) -> int:
    days = integer(reader, node)
    if not 1 <= days <= 60:
        raise Invalid("phải từ 1 đến 60 ngày làm việc")
    return days


_CHANNELS = {
    "tieu_de_thu": Field(text, about="tiêu đề gợi ý khi phụ huynh gửi thư điện tử"),
    "zalo_oa": Field(_zalo, required=False, about="đường dẫn Zalo Official Account của trường"),
    "gio_tiep": Field(text, required=False, about="giờ tiếp phụ huynh tại trường"),
    "hom_thu": Field(text, required=False, about="nơi đặt hòm thư góp ý"),
    "thanh_pho": Field(lambda r, n: r.fields(n, "thanh_pho", _CITY), about="kênh tiếp nhận của Thành phố"),
    "thoi_han_tra_loi": Field(_answer_days, about="thời hạn trả lời, tính bằng ngày làm việc"),
    "noi_dung_can_co": Field(text_list, about="những gì phụ huynh nên ghi trong phản ánh"),
    "bao_mat": Field(lambda r, n: r.fields(n, "bao_mat", _PRIVACY), about="thông báo bảo mật"),
}


def load_channels(path: Path, source: str = CHANNELS_FILE) -> Channels:
    root = read_file(path, source)
    reader = Reader(source)
    values = reader.fields(root, "", _CHANNELS)
    if values is not None and (values["thanh_pho"] is None or values["bao_mat"] is None):
        values = None
    reader.problems.raise_if_any()
    assert values is not None
    city, privacy = values["thanh_pho"], values["bao_mat"]
    return Channels(
        email_subject=values["tieu_de_thu"],
        zalo=values.get("zalo_oa"),
        reception_hours=values.get("gio_tiep"),
        letter_box=values.get("hom_thu"),
        city=CityChannel(city["ten"], city["duong_day_nong"], city["cong_thong_tin"]),
        answer_days=values["thoi_han_tra_loi"],
        what_to_include=values["noi_dung_can_co"],
        privacy_collected=privacy["thu_thap"],
        privacy_readers=privacy["nguoi_doc"],
        privacy_published=privacy["cong_bo"],
    )


def missing_channels(channels: Channels, school: School) -> tuple[str, ...]:
    """The school's own channels still hidden because their details are not given."""
    missing = []
    if not school.phone:
        missing.append("đường dây nóng (dien_thoai trong docs/don-vi.yaml)")
    if not school.email:
        missing.append("thư điện tử (email trong docs/don-vi.yaml)")
    if not channels.zalo:
        missing.append(f'Zalo OA ({CHANNELS_FILE}, "zalo_oa")')
    if not (school.address and channels.reception_hours):
        missing.append(
            f'tiếp trực tiếp: địa chỉ (dia_chi trong docs/don-vi.yaml) và giờ tiếp ({CHANNELS_FILE}, "gio_tiep")'
        )
    if not channels.letter_box:
        missing.append(f'hòm thư góp ý ({CHANNELS_FILE}, "hom_thu")')
    return tuple(missing)


def mailto(email: str, subject: str) -> str:
    return f"mailto:{email}?subject={quote(subject)}"


def tel(phone: str) -> str:
    """tel: link of a written number: "028 3836 1234" → "tel:+842838361234"."""
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("0"):
        digits = "+84" + digits[1:]
    return f"tel:{digits}"


_QUESTION = {
    "so": Field(integer, about="số thứ tự của câu hỏi trong năm, ví dụ 1"),
    "ngay_nhan": Field(iso_date, about="ngày nhận phản ánh, dạng YYYY-MM-DD"),
    "kenh": Field(choice(ReceivedVia), about="kênh nhận: " + ", ".join(ReceivedVia)),
    "chu_de": Field(choice(Topic), about="chủ đề: " + ", ".join(Topic)),
    "cau_hoi": Field(text, about="nội dung câu hỏi đã bỏ thông tin cá nhân"),
    "trang_thai": Field(choice(QuestionStatus), about="da_tra_loi hoặc dang_xu_ly"),
    "tra_loi": Field(text, required=False, about="câu trả lời của nhà trường"),
    "ngay_tra_loi": Field(iso_date, required=False, about="ngày trả lời, dạng YYYY-MM-DD"),
    "nhiem_vu": Field(text, required=False, about='số nhiệm vụ liên quan trong kế hoạch CCHC, ví dụ "1.12"'),
}
_FILE = {
    "nam": Field(integer, about="năm của các câu hỏi, trùng tên tệp"),
    "hoi_dap": Field(lambda r, n: r.items(n), about="danh sách câu hỏi và trả lời"),
}


def _text_line(lines: list[str], node: yaml.Node, needle: str, offset: int) -> int:
    """The line of `needle` inside a (possibly folded, multi-line) scalar."""
    first, last = node.start_mark.line, node.end_mark.line
    probe = needle.split()[0] if needle.split() else needle
    for number in range(first, min(last + 1, len(lines))):
        if probe in lines[number]:
            return number + 1 + offset
    return first + 1 + offset + (1 if getattr(node, "style", None) in ("|", ">") else 0)


def _guard(reader: Reader, lines: list[str], node: yaml.Node, label: str, names: tuple[str, ...]) -> None:
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    for finding in find_private(value, names):
        reader.problems.add(
            _text_line(lines, node, finding.match, 0),
            f'{label} có {finding.label} "{finding.masked}": không được công bố thông tin cá nhân; '
            'hãy xóa hoặc thay bằng cách nói chung (ví dụ "một phụ huynh lớp Lá")',
        )


@dataclass
class _FileContext:
    """What every question of one year's file is checked against."""

    year: int
    lines: list[str]
    plans: tuple[Plan, ...] | None
    calendar: HolidayCalendar | None
    as_of: dt.date
    private_names: tuple[str, ...]
    seen: dict[str, int]
    """Question numbers already used, with their line."""


def _check_number(
    reader: Reader, item: yaml.Node, number_node: yaml.Node | None, where: str, seen: dict[str, int]
) -> None:
    """A number used twice; read from the raw node so that a duplicate is reported even where
    other fields are wrong."""
    raw_number = str(number_node.value).strip() if isinstance(number_node, yaml.ScalarNode) else ""
    if raw_number in seen:
        reader.add(
            number_node, f"{where} bị trùng số với câu hỏi ở dòng {seen[raw_number]}; mỗi câu hỏi có một số riêng"
        )
    elif raw_number:
        seen[raw_number] = reader.line(item)


def _read_question(reader: Reader, item: yaml.Node, index: int, context: _FileContext) -> Question | None:
    """One question, checked; None when it has a problem (reported to `reader`)."""
    number_node = find(item, "so") if isinstance(item, yaml.MappingNode) else None
    where = f"câu hỏi số {number_node.value}" if isinstance(number_node, yaml.ScalarNode) else f"câu hỏi thứ {index}"
    for key in ("cau_hoi", "tra_loi"):
        node = find(item, key) if isinstance(item, yaml.MappingNode) else None
        if node is not None:
            _guard(reader, context.lines, node, f'{where}: "{key}"', context.private_names)
    _check_number(reader, item, number_node, where, context.seen)
    problems_before = len(reader.problems.items)
    fields = reader.fields(item, where, _QUESTION)
    if fields is None:
        return None
    _check_dates(reader, item, where, fields, context.year, context.as_of)
    task = fields.get("nhiem_vu")
    _check_task(reader, item, where, task, context.plans, context.year)
    days, waited = _timing(reader, item, where, fields, context.calendar, context.as_of)
    if len(reader.problems.items) > problems_before:
        return None
    answered = fields["trang_thai"] == QuestionStatus.ANSWERED
    return Question(
        year=context.year,
        number=fields["so"],
        received=fields["ngay_nhan"],
        channel=fields["kenh"],
        topic=fields["chu_de"],
        question=fields["cau_hoi"],
        status=fields["trang_thai"],
        answer=fields.get("tra_loi") if answered else None,
        answered=fields.get("ngay_tra_loi"),
        task=task,
        working_days=days,
        waited=waited,
    )


def _check_dates(reader: Reader, item: yaml.Node, where: str, fields: dict, year: int, as_of: dt.date) -> None:
    received, answered = fields["ngay_nhan"], fields.get("ngay_tra_loi")
    if received.year != year:
        reader.add(
            find(item, "ngay_nhan"),
            f'{where}: "ngay_nhan" là năm {received.year}, nhưng tệp là của năm {year}; hãy chuyển câu hỏi sang {ANSWERS_FOLDER}/{received.year}.yaml',
        )
    if received > as_of:
        reader.add(find(item, "ngay_nhan"), f'{where}: "ngay_nhan" {dates.short(received)} là ngày trong tương lai')
    if fields["trang_thai"] == QuestionStatus.ANSWERED:
        for key in ("tra_loi", "ngay_tra_loi"):
            if key not in fields:
                reader.add(item, f'{where}: đã trả lời thì phải có "{key}"')
    else:
        for key in ("tra_loi", "ngay_tra_loi"):
            if key in fields:
                reader.add(find(item, key), f'{where}: "{key}" chỉ ghi khi "trang_thai" là da_tra_loi (đã trả lời)')
    if answered is not None and answered < received:
        reader.add(
            find(item, "ngay_tra_loi"),
            f'{where}: "ngay_tra_loi" {dates.short(answered)} ở trước "ngay_nhan" {dates.short(received)}',
        )
    elif answered is not None and answered > as_of:
        reader.add(
            find(item, "ngay_tra_loi"), f'{where}: "ngay_tra_loi" {dates.short(answered)} là ngày trong tương lai'
        )


def _check_task(
    reader: Reader, item: yaml.Node, where: str, task: str | None, plans: tuple[Plan, ...] | None, year: int
) -> None:
    """The related task must exist in the plan of the file's year (skipped when plans failed)."""
    if task is None or plans is None:
        return
    plan = next((plan for plan in plans if plan.year == year), None)
    if plan is None:
        reader.add(
            find(item, "nhiem_vu"),
            f"{where}: chưa có kế hoạch CCHC năm {year} (plan/{year}.yaml) để dẫn tới nhiệm vụ {task}",
        )
    elif plan.task(task) is None:
        reader.add(find(item, "nhiem_vu"), f'{where}: kế hoạch CCHC năm {year} không có nhiệm vụ "{task}"')


def _timing(
    reader: Reader, item: yaml.Node, where: str, fields: dict, calendar: HolidayCalendar | None, as_of: dt.date
) -> tuple[int | None, Waited | None]:
    """Working days to the answer (answered questions), or how long it has waited (pending ones)."""
    received, answered = fields["ngay_nhan"], fields.get("ngay_tra_loi")
    days = None
    if (
        fields["trang_thai"] == QuestionStatus.ANSWERED
        and answered is not None
        and received <= answered
        and calendar is not None
    ):
        try:
            days = calendar.working_days_between(received, answered)
        except UnknownCalendar as error:
            reader.add(find(item, "ngay_tra_loi"), f"{where}: không tính được số ngày làm việc: {error}")
    waited = None
    if fields["trang_thai"] == QuestionStatus.PENDING and received <= as_of and calendar is not None:
        waited = _waited(calendar, received, as_of)
    return days, waited


def load_answers_file(
    path: Path,
    source: str,
    *,
    plans: tuple[Plan, ...] | None,
    calendar: HolidayCalendar | None,
    as_of: dt.date,
    private_names: tuple[str, ...] = (),
) -> tuple[Question, ...]:
    """One year's file; `plans` None (they failed to load) skips the related-task check."""
    raw = decode_utf8(path.read_bytes(), source)
    lines = raw.splitlines()
    root = compose(raw, source)
    reader = Reader(source)
    values = reader.fields(root, "", _FILE)
    if values is None:
        reader.problems.raise_if_any()
    year = values["nam"]
    if path.stem != str(year):
        reader.add(
            find(root, "nam"),
            f'tệp mang tên {path.stem} nhưng "nam" là {year}; tên tệp phải là năm, ví dụ {ANSWERS_FOLDER}/{year}.yaml',
        )
    context = _FileContext(year, lines, plans, calendar, as_of, private_names, {})
    questions = [_read_question(reader, item, index, context) for index, item in enumerate(values["hoi_dap"], start=1)]
    reader.problems.raise_if_any()
    return tuple(question for question in questions if question is not None)


def load_answers(
    folder: Path,
    root: Path,
    *,
    plans: tuple[Plan, ...] | None,
    calendar: HolidayCalendar | None,
    as_of: dt.date,
    private_names: tuple[str, ...] = (),
) -> tuple[Question, ...]:
    """Every year's questions, newest received first; all files' problems raised together."""
    questions: list[Question] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        source = path.relative_to(root).as_posix()
        try:
            questions.extend(
                load_answers_file(
                    path, source, plans=plans, calendar=calendar, as_of=as_of, private_names=private_names
                )
            )
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return tuple(sorted(questions, key=lambda q: (q.received, q.year, q.number), reverse=True))


def _waited(calendar: HolidayCalendar, received: dt.date, as_of: dt.date) -> Waited:
    """The wait of a pending question, never an error.

    An answered question's dates are fixed, so a gap in the holiday calendar there is a content
    mistake that staff must fix. A pending question's wait grows with the as-of date: as time
    passes it reaches a year (or a `chua_ro_tu` day) whose holidays are not recorded yet, and
    failing then would stop every build of the site on a calendar nobody can complete before the
    Government decides. So the count goes day by day up to the as-of date and stops quietly at
    the first unknown day; what was counted so far is kept. If that already goes past the
    deadline, the deadline day was reached on known days and the question is certainly overdue
    (only how many days late is unknown); if not, nothing is claimed about the deadline."""
    count = 0
    day = received
    while day < as_of:
        day += dt.timedelta(days=1)
        try:
            count += calendar.is_working_day(day)
        except UnknownCalendar:
            return Waited(count, complete=False)
    return Waited(count, complete=True)


def figures(questions: tuple[Question, ...], deadline_days: int) -> tuple[Figures, ...]:
    """Per year, newest first: received, answered, median and longest answer time, share on time,
    and pending questions past their deadline.

    The share within the deadline is (answered within `deadline_days` working days) divided by
    (answered questions + pending questions whose deadline has certainly passed). A pending
    question past its deadline can no longer be answered on time, so it counts as a miss; one
    still inside its deadline (or whose deadline the holiday calendar cannot place yet) is left
    out until it is answered or certainly late, since it may still be answered on time."""
    rows = []
    for year in sorted({q.year for q in questions}, reverse=True):
        of_year = [q for q in questions if q.year == year]
        days = [q.working_days for q in of_year if q.working_days is not None]
        on_time = sum(1 for d in days if d <= deadline_days)
        overdue = sum(1 for q in of_year if (state := q.pending(deadline_days)) is not None and state.overdue)
        measured = len(days) + overdue
        rows.append(
            Figures(
                year=year,
                received=len(of_year),
                answered=len(days),
                median_days=vn_number(statistics.median(days)) if days else "–",
                longest_days=str(max(days)) if days else "–",
                within_deadline=f"{percent(on_time, measured)}%" if measured else "–",
                overdue_unanswered=overdue,
            )
        )
    return tuple(rows)


def by_topic(questions: tuple[Question, ...]) -> tuple[tuple[str, tuple[Question, ...]], ...]:
    """Topics in their fixed order, each with its questions newest first; empty topics left out."""
    return tuple(
        (topic.label, tuple(q for q in questions if q.topic == topic))
        for topic in Topic
        if any(q.topic == topic for q in questions)
    )


def form_fields() -> dict[str, dict[str, Field]]:
    """The keys of the feedback files with what each one is: the staff editor's forms
    (`cchc.editor`) are made from them, so the two never disagree."""
    return {"question": _QUESTION, "answers_file": _FILE, "channels": _CHANNELS, "city": _CITY, "privacy": _PRIVACY}
