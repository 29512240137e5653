"""Parents' feedback data: the channels file and the yearly Q&A files. Every mistake staff can
make gets its file, line and wording; the figures are checked on a known set."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.base.errors import ContentError
from cchc.base.identity import load_identity
from cchc.feedback.model import (
    CHANNELS_FILE,
    by_topic,
    figures,
    load_answers,
    load_answers_file,
    load_channels,
    mailto,
    missing_channels,
    tel,
)
from cchc.feedback.workdays import HOLIDAYS_FILE, HolidayCalendar, load_holidays
from cchc.plan.model import load_plan
from projects import FIXTURES, ROOT

AS_OF = dt.date(2025, 9, 30)
SOURCE = "docs/phan-anh/hoi-dap/2025.yaml"


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "2025.yaml"
    path.write_text((FIXTURES / "plan-small.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return (load_plan(path, "plan/2025.yaml"),)


@pytest.fixture(scope="module")
def calendar():
    return load_holidays(ROOT / HOLIDAYS_FILE)


@pytest.fixture(scope="module")
def strict_calendar(calendar):
    """The official days, known up to 30/08/2026 and without the library: a calendar that
    cannot place every day, for the code paths that must not guess."""
    return HolidayCalendar(calendar.days_off, calendar.make_up_days, ((2025, None), (2026, dt.date(2026, 8, 31))))


def load(tmp_path, text, plans, calendar, **options):
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    return load_answers_file(path, SOURCE, plans=plans, calendar=calendar, as_of=AS_OF, **options)


def problems(tmp_path, text, plans, calendar, **options) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(tmp_path, text, plans, calendar, **options)
    return [str(problem) for problem in caught.value.problems]


GOOD = """\
nam: 2025
hoi_dap:
  - so: 1
    ngay_nhan: 2025-03-03
    kenh: email
    chu_de: hoc_phi
    cau_hoi: Học phí đóng thế nào?
    trang_thai: da_tra_loi
    tra_loi: |-
      Đóng qua ngân hàng.

      Biên lai gửi qua ứng dụng.
    ngay_tra_loi: 2025-03-10
    nhiem_vu: "3.4"
  - so: 2
    ngay_nhan: 2025-04-25
    kenh: truc_tiep
    chu_de: thu_tuc
    cau_hoi: Thủ tục xin nghỉ?
    trang_thai: da_tra_loi
    tra_loi: Làm đơn.
    ngay_tra_loi: 2025-05-06
  - so: 3
    ngay_nhan: 2025-06-02
    kenh: hom_thu
    chu_de: hoc_phi
    cau_hoi: Có giảm học phí không?
    trang_thai: dang_xu_ly
  - so: 4
    ngay_nhan: 2025-07-01
    kenh: zalo
    chu_de: khac
    cau_hoi: Câu hỏi lâu.
    trang_thai: da_tra_loi
    tra_loi: Đã trả lời muộn.
    ngay_tra_loi: 2025-08-05
"""


def test_a_good_file_becomes_questions_with_working_days(tmp_path, plans, calendar):
    questions = load(tmp_path, GOOD, plans, calendar)
    assert [(q.number, q.working_days, q.status) for q in questions] == [
        (1, 5, "da_tra_loi"),
        (2, 5, "da_tra_loi"),  # Saturday 26/04 worked; 30/04–02/05 off
        (3, None, "dang_xu_ly"),
        (4, 25, "da_tra_loi"),
    ]
    assert questions[0].answer == "Đóng qua ngân hàng.\n\nBiên lai gửi qua ứng dụng."
    assert questions[0].anchor == "hd-2025-1"


def test_figures_median_longest_and_share_within_the_deadline(tmp_path, plans, calendar):
    questions = load(tmp_path, GOOD, plans, calendar)
    [row] = figures(questions, 15)
    assert (row.year, row.received, row.answered) == (2025, 4, 3)
    # Nos. 1 and 2 on time, no. 4 late, no. 3 still pending long after its deadline: 2 of 4.
    assert (row.median_days, row.longest_days, row.within_deadline) == ("5", "25", "50%")
    assert row.overdue_unanswered == 1
    two = tuple(q for q in questions if q.number in (1, 4))
    assert figures(two, 15)[0].median_days == "15"
    assert figures(tuple(q for q in questions if q.number in (2, 4)), 15)[0].median_days == "15"


PENDING = """\
nam: {year}
hoi_dap:
  - so: 1
    ngay_nhan: {received}
    kenh: hom_thu
    chu_de: khac
    cau_hoi: Góp ý về lịch tiếp phụ huynh.
    trang_thai: dang_xu_ly
"""


def pending_on(tmp_path, received, as_of, calendar):
    """The one pending question of a file, received on `received` and seen on `as_of`."""
    day = dt.date.fromisoformat(received)
    path = tmp_path / f"{day.year}.yaml"
    path.write_text(PENDING.format(year=day.year, received=received), encoding="utf-8")
    [question] = load_answers_file(
        path,
        f"docs/phan-anh/hoi-dap/{day.year}.yaml",
        plans=None,
        calendar=calendar,
        as_of=dt.date.fromisoformat(as_of),
    )
    return question


@pytest.mark.parametrize(
    ("as_of", "label", "overdue", "share", "late"),
    [
        # Received Thursday 08/05/2025: the 15th working day after it is Thursday 29/05/2025.
        ("2025-05-08", "Đang xử lý, còn 15 ngày làm việc", False, "–", 0),
        ("2025-05-20", "Đang xử lý, còn 7 ngày làm việc", False, "–", 0),
        ("2025-05-29", "Đang xử lý, còn 0 ngày làm việc", False, "–", 0),  # answered today: on time
        ("2025-05-30", "Đang xử lý, đã quá hạn 1 ngày làm việc", True, "0%", 1),
        ("2025-06-01", "Đang xử lý, đã quá hạn 1 ngày làm việc", True, "0%", 1),  # Sunday
        ("2025-06-02", "Đang xử lý, đã quá hạn 2 ngày làm việc", True, "0%", 1),
        ("2025-06-10", "Đang xử lý, đã quá hạn 8 ngày làm việc", True, "0%", 1),
    ],
)
def test_a_pending_question_shows_the_working_days_left_or_late(tmp_path, calendar, as_of, label, overdue, share, late):
    question = pending_on(tmp_path, "2025-05-08", as_of, calendar)
    state = question.pending(15)
    assert (state.label, state.overdue) == (label, overdue)
    [row] = figures((question,), 15)
    assert (row.received, row.answered, row.within_deadline, row.overdue_unanswered) == (1, 0, share, late)


def test_an_answered_question_has_no_pending_state(tmp_path, plans, calendar):
    questions = load(tmp_path, GOOD, plans, calendar)
    assert [q.number for q in questions if q.pending(15) is None] == [1, 2, 4]
    assert [q.pending(15).label for q in questions if q.number == 3] == ["Đang xử lý, đã quá hạn 69 ngày làm việc"]


def test_a_pending_question_past_the_known_calendar_does_not_stop_the_build(tmp_path, plans, strict_calendar):
    # A calendar that stops at 31/08/2026 and has no 2027: an answered question there is an
    # error, but a pending one only loses its day count.
    path = tmp_path / "2025.yaml"
    path.write_text(GOOD, encoding="utf-8")
    questions = load_answers_file(path, SOURCE, plans=plans, calendar=strict_calendar, as_of=dt.date(2027, 3, 1))
    [late] = [q for q in questions if q.number == 3]
    assert (late.pending(15).label, late.pending(15).overdue, late.pending(15).days) == (
        "Đang xử lý, quá hạn",
        True,
        None,
    )
    [row] = figures(questions, 15)
    assert (row.within_deadline, row.overdue_unanswered) == ("50%", 1)


@pytest.mark.parametrize(
    ("received", "as_of", "known"),
    [
        ("2026-08-20", "2026-09-15", None),  # 6 known working days, then 31/08/2026 is unknown
        ("2027-01-04", "2027-03-01", None),  # no 2027 in the calendar at all
        ("2025-06-02", "2025-07-15", ((2025, dt.date(2025, 6, 10)),)),  # 5 known days, then unknown
    ],
)
def test_a_pending_question_whose_deadline_the_calendar_cannot_place_is_just_pending(
    tmp_path, strict_calendar, received, as_of, known
):
    calendar = strict_calendar if known is None else HolidayCalendar(frozenset(), frozenset(), known)
    question = pending_on(tmp_path, received, as_of, calendar)
    state = question.pending(15)
    assert (state.label, state.overdue, state.days) == ("Đang xử lý", False, None)
    [row] = figures((question,), 15)
    assert (row.within_deadline, row.overdue_unanswered) == ("–", 0)


def test_a_pending_question_certainly_past_its_deadline_before_the_calendar_ends(tmp_path):
    # 20 working days are known (03/06 to 30/06/2025), more than the 15 allowed, before the
    # calendar stops on 01/07/2025: late for sure, by an unknown number of days.
    calendar = HolidayCalendar(frozenset(), frozenset(), ((2025, dt.date(2025, 7, 1)),))
    question = pending_on(tmp_path, "2025-06-02", "2025-07-15", calendar)
    assert question.pending(15).label == "Đang xử lý, quá hạn"
    assert figures((question,), 15)[0].overdue_unanswered == 1


def test_median_of_an_even_count_uses_a_decimal_comma(tmp_path, plans, calendar):
    text = GOOD.replace("ngay_tra_loi: 2025-05-06", "ngay_tra_loi: 2025-05-07")  # 6 days
    questions = load(tmp_path, text, plans, calendar)
    assert figures(tuple(q for q in questions if q.number in (1, 2)), 15)[0].median_days == "5,5"


def test_questions_by_topic_in_the_fixed_order(tmp_path, plans, calendar):
    topics = by_topic(load(tmp_path, GOOD, plans, calendar))
    assert [(label, [q.number for q in qs]) for label, qs in topics] == [
        ("Học phí, các khoản thu", [1, 3]),
        ("Thủ tục hành chính", [2]),
        ("Nội dung khác", [4]),
    ]


BAD = """\
nam: 2025
hoi_dap:
  - so: 1
    ngay_nhan: 2025-03-03
    kenh: thu
    chu_de: hoc_phi
    cau_hoi: Hỏi?
    trang_thai: dang_xu_ly
  - so: 1
    ngay_nhan: 2024-12-30
    kenh: email
    chu_de: hoc_phi
    cau_hoi: Hỏi?
    trang_thai: dang_xu_ly
    tra_loi: Chưa.
  - so: 3
    ngay_nhan: 2025-05-10
    kenh: email
    chu_de: hoc_phi
    cau_hoi: Hỏi?
    trang_thai: da_tra_loi
    tra_loi: Đã.
    ngay_tra_loi: 2025-05-01
    nhiem_vu: "9.9"
  - so: 4
    ngay_nhan: 2025-10-02
    kenh: email
    chu_de: hoc_phi
    cau_hoi: Hỏi?
    trang_thai: dang_xu_ly
  - so: 5
    ngay_nhan: 2025-05-10
    kenh: email
    chu_de: hoc_phi
    cau_hoi: Hỏi?
    trang_thai: da_tra_loi
"""


def test_every_mistake_of_a_file_with_its_line(tmp_path, plans, calendar):
    assert problems(tmp_path, BAD, plans, calendar) == [
        f'{SOURCE}:5: câu hỏi số 1: "kenh" không hợp lệ: "thu"; có phải ý bạn là "hom_thu"? Giá trị được phép: '
        "dien_thoai (Điện thoại), email (Thư điện tử), zalo (Zalo), truc_tiep (Trực tiếp tại trường), "
        "hom_thu (Hòm thư góp ý), duong_day_1022 (Tổng đài 1022 của Thành phố).",
        f"{SOURCE}:9: câu hỏi số 1 bị trùng số với câu hỏi ở dòng 3; mỗi câu hỏi có một số riêng",
        f'{SOURCE}:10: câu hỏi số 1: "ngay_nhan" là năm 2024, nhưng tệp là của năm 2025; '
        "hãy chuyển câu hỏi sang docs/phan-anh/hoi-dap/2024.yaml",
        f'{SOURCE}:15: câu hỏi số 1: "tra_loi" chỉ ghi khi "trang_thai" là da_tra_loi (đã trả lời)',
        f'{SOURCE}:23: câu hỏi số 3: "ngay_tra_loi" 01/05/2025 ở trước "ngay_nhan" 10/05/2025',
        f'{SOURCE}:24: câu hỏi số 3: kế hoạch CCHC năm 2025 không có nhiệm vụ "9.9"',
        f'{SOURCE}:26: câu hỏi số 4: "ngay_nhan" 02/10/2025 là ngày trong tương lai',
        f'{SOURCE}:31: câu hỏi số 5: đã trả lời thì phải có "tra_loi"',
        f'{SOURCE}:31: câu hỏi số 5: đã trả lời thì phải có "ngay_tra_loi"',
    ]


def test_year_in_file_and_file_name_must_agree(tmp_path, plans, calendar):
    text = GOOD.replace("nam: 2025", "nam: 2024", 1)
    found = problems(tmp_path, text, plans, calendar)
    assert found[0] == (
        f'{SOURCE}:1: tệp mang tên 2025 nhưng "nam" là 2024; tên tệp phải là năm, ví dụ docs/phan-anh/hoi-dap/2024.yaml'
    )


def test_with_the_library_every_wait_and_answer_time_is_counted(tmp_path, plans, calendar):
    # The real calendar: the file up to the end of 2026, the library for 2027.
    text = GOOD.replace("ngay_tra_loi: 2025-08-05", "ngay_tra_loi: 2026-09-01").replace("2025-09-30", "2026-09-30")
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    questions = load_answers_file(path, SOURCE, plans=plans, calendar=calendar, as_of=dt.date(2027, 3, 1))
    [answered] = [q for q in questions if q.number == 4]
    assert answered.answered == dt.date(2026, 9, 1) and answered.working_days is not None
    [pending] = [q for q in questions if q.number == 3]
    assert pending.waited.complete and pending.pending(15).days > 0
    assert (
        pending_on(tmp_path, "2026-12-28", "2027-01-05", calendar).pending(15).label
        == "Đang xử lý, còn 10 ngày làm việc"
    )


def test_an_answer_time_outside_the_recorded_calendar_is_an_error(tmp_path, plans, strict_calendar):
    text = GOOD.replace("ngay_tra_loi: 2025-08-05", "ngay_tra_loi: 2026-09-01").replace("2025-09-30", "2026-09-30")
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_answers_file(path, SOURCE, plans=plans, calendar=strict_calendar, as_of=dt.date(2026, 9, 30))
    assert [str(p) for p in caught.value.problems] == [
        f"{SOURCE}:36: câu hỏi số 4: không tính được số ngày làm việc: lịch nghỉ lễ từ ngày 31/08/2026 chưa "
        'được ghi trong docs/phan-anh/ngay-nghi-le.yaml (mục "chua_ro_tu"); hãy bổ sung các ngày nghỉ theo '
        "văn bản của Chính phủ"
    ]


def test_privacy_guard_names_file_and_line_and_masks(tmp_path, plans, calendar):
    text = GOOD.replace(
        "      Biên lai gửi qua ứng dụng.",
        "      Biên lai gửi qua ứng dụng; cần gì gọi cô Trần Thị Bích\n      số 0903 123 456 hoặc bich@example.com.",
    ).replace("cau_hoi: Thủ tục xin nghỉ?", "cau_hoi: Thủ tục xin nghỉ? CCCD của tôi 079123456789")
    assert problems(tmp_path, text, plans, calendar, private_names=("Trần Thị Bích",)) == [
        f'{SOURCE}:12: câu hỏi số 1: "tra_loi" có họ tên cần giữ kín "T*** T*** B***": không được công bố '
        'thông tin cá nhân; hãy xóa hoặc thay bằng cách nói chung (ví dụ "một phụ huynh lớp Lá")',
        f'{SOURCE}:13: câu hỏi số 1: "tra_loi" có số điện thoại "0903 *** ***": không được công bố '
        'thông tin cá nhân; hãy xóa hoặc thay bằng cách nói chung (ví dụ "một phụ huynh lớp Lá")',
        f'{SOURCE}:13: câu hỏi số 1: "tra_loi" có địa chỉ thư điện tử "b***@example.com": không được công bố '
        'thông tin cá nhân; hãy xóa hoặc thay bằng cách nói chung (ví dụ "một phụ huynh lớp Lá")',
        f'{SOURCE}:20: câu hỏi số 2: "cau_hoi" có số định danh (CMND/CCCD) "079*********": không được công bố '
        'thông tin cá nhân; hãy xóa hoặc thay bằng cách nói chung (ví dụ "một phụ huynh lớp Lá")',
    ]


def test_disguised_personal_data_is_refused_and_messages_stay_masked(tmp_path, plans, calendar):
    text = GOOD.replace(
        "cau_hoi: Thủ tục xin nghỉ?",
        'cau_hoi: "Thủ tục xin nghỉ? Gọi 0903\\u200b123\\u200b456, thư phuhuynh [at] gmail [dot] com, chị Trần-Thị-Bích"',
    )
    found = problems(tmp_path, text, plans, calendar, private_names=("Trần Thị Bích",))
    assert [message.split('"')[3] for message in found] == ["0903******", "p***@gmail.com", "T*** T*** B***"]
    assert all(message.startswith(f"{SOURCE}:19: câu hỏi số 2:") for message in found), found
    for secret in ("123", "456", "phuhuynh", "Trần", "Bích"):
        assert not any(secret in message for message in found)


def test_no_answers_folder_means_no_questions(tmp_path, plans, calendar):
    assert load_answers(tmp_path / "hoi-dap", tmp_path, plans=plans, calendar=calendar, as_of=AS_OF) == ()


def test_real_channels_file_keeps_school_channels_unset_and_the_city_channel(tmp_path):
    channels = load_channels(ROOT / CHANNELS_FILE)
    assert (channels.zalo, channels.reception_hours, channels.letter_box) == (None, None, None)
    assert (channels.city.hotline, channels.city.portal) == ("1022", "https://1022.tphcm.gov.vn")
    assert channels.answer_days == 15
    school = load_identity(ROOT / "docs/don-vi.yaml")
    assert len(missing_channels(channels, school)) == 5


def test_channels_file_mistakes(tmp_path):
    text = (ROOT / CHANNELS_FILE).read_text(encoding="utf-8")
    text = text.replace("zalo_oa:\n", "zalo_oa: http://zalo.me/123\n").replace(
        "thoi_han_tra_loi: 15", "thoi_han_tra_loi: 90"
    )
    text = text.replace("  cong_thong_tin: https://1022.tphcm.gov.vn", "  cong_thong_tin: 1022.tphcm.gov.vn")
    path = tmp_path / "kenh.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = lambda needle: next(i for i, row in enumerate(lines, start=1) if needle in row)  # noqa: E731
    with pytest.raises(ContentError) as caught:
        load_channels(path, CHANNELS_FILE)
    assert [str(p) for p in caught.value.problems] == [
        f'{CHANNELS_FILE}:{line("zalo_oa:")}: "zalo_oa" phải là đường dẫn Zalo OA dạng https://zalo.me/..., '
        'nhận được "http://zalo.me/123"',
        f'{CHANNELS_FILE}:{line("cong_thong_tin")}: thanh_pho: "cong_thong_tin" phải là địa chỉ web bắt đầu bằng '
        'https://, nhận được "1022.tphcm.gov.vn"',
        f'{CHANNELS_FILE}:{line("thoi_han_tra_loi")}: "thoi_han_tra_loi" phải từ 1 đến 60 ngày làm việc',
    ]


def test_contact_links():
    assert tel("028 3836 1234") == "tel:+842838361234"
    assert tel("1022") == "tel:1022"
    assert (
        mailto("a@b.vn", "Phản ánh, kiến nghị")
        == "mailto:a@b.vn?subject=Ph%E1%BA%A3n%20%C3%A1nh%2C%20ki%E1%BA%BFn%20ngh%E1%BB%8B"
    )
