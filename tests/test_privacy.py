"""The privacy guard against a corpus: personal data that must be caught (and how it is masked)
and the ordinary numbers of administrative writing that must not be."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.feedback.privacy import find_private, read_names

NAMES = ("Nguyễn Văn An", "Trần Thị Bích")

MUST_CATCH = [
    ("Gọi 0903 123 456 nhé", "phone", "0903 *** ***"),
    ("số 0903.123.456", "phone", "0903.***.***"),
    ("số 0903-123-456", "phone", "0903-***-***"),
    ("ĐT:0903123456.", "phone", "0903******"),
    ("gọi +84 903 123 456", "phone", "+84 90* *** ***"),
    ("gọi +84903123456", "phone", "+8490*******"),
    ("zalo 84903123456", "phone", "8490*******"),
    ("số 0387 654 321", "phone", "0387 *** ***"),
    ("máy bàn 028 3836 1234", "phone", "028 3*** ****"),
    ("máy bàn 028.3836.1234", "phone", "028.3***.****"),
    ("máy bàn (028) 3836 1234", "phone", "(028) 3*** ****"),
    ("máy bàn 02838361234", "phone", "0283*******"),
    ("thư phuhuynh.lop-la@gmail.com nhé", "email", "p***@gmail.com"),
    ("Email: Nguyen.Van.An@truong.edu.vn", "email", "N***@truong.edu.vn"),
    ("CCCD 079123456789", "id", "079*********"),
    ("CMND số 123456789.", "id", "123******"),
    ("con của chị Trần Thị Bích lớp Lá", "name", "T*** T*** B***"),
    ("anh nguyen van an hỏi", "name", "n*** v*** a***"),
    ("NGUYỄN VĂN AN", "name", "N*** V*** A***"),
]

MUST_NOT_CATCH = [
    "Kế hoạch ký ngày 27/01/2025, hạn 31/12/2025.",
    "Ngày 2025-03-10 nhà trường trả lời.",
    "Học phí 1.500.000 đồng/tháng; tổng 150.000.000 đồng; 20.000.000.000 đồng.",
    "Học phí 1,5 triệu đồng; giảm 0,5%.",
    "Theo nhiệm vụ 3.4 và 1.12 của kế hoạch.",
    "Quyết định số 1191/QĐ-UBND ngày 15/3/2024.",
    "Công văn 12729/VPCP-KGVX.",
    "Năm 2025 và năm học 2024-2025.",
    "Tỷ lệ hài lòng đạt 99% trở lên, 100 %.",
    "Gọi tổng đài 1022 hoặc vào 1022.tphcm.gov.vn.",
    "Giờ tiếp: 7 giờ 30 – 16 giờ 30, phòng 203.",
    "Mã số thuế 0301234567-001 của trường.",  # a tax code is the school's, and has a suffix
    "Lớp Lá 2, 35 trẻ, 3 giáo viên.",
    "Anh An và chị Bích (tên thường, không có trong danh sách).",
]


@pytest.mark.parametrize(("text", "kind", "masked"), MUST_CATCH, ids=[row[0] for row in MUST_CATCH])
def test_personal_data_is_caught_and_masked(text, kind, masked):
    [finding] = find_private(text, NAMES)
    assert (finding.kind, finding.masked) == (kind, masked)
    assert finding.match not in finding.masked


@pytest.mark.parametrize("text", MUST_NOT_CATCH)
def test_ordinary_numbers_are_not_caught(text):
    assert find_private(text, NAMES) == ()


def test_decomposed_text_is_read_like_composed():
    text = unicodedata.normalize("NFD", "chị Trần Thị Bích, số 0903 123 456")
    assert [f.kind for f in find_private(text, NAMES)] == ["name", "phone"]


def test_several_findings_in_reading_order():
    text = "Chị Trần Thị Bích (0903 123 456, bich@example.com) hỏi"
    assert [(f.kind, f.masked) for f in find_private(text, NAMES)] == [
        ("name", "T*** T*** B***"),
        ("phone", "0903 *** ***"),
        ("email", "b***@example.com"),
    ]


def test_private_names_file(tmp_path):
    path = tmp_path / "ten.txt"
    path.write_text("# họ tên cần giữ kín\nTrần Thị Bích\n\n  Nguyễn Văn An  \n", encoding="utf-8")
    assert read_names(str(path)) == ("Trần Thị Bích", "Nguyễn Văn An")
    assert read_names(None) == ()
    with pytest.raises(ValueError, match="không đọc được tệp danh sách họ tên cần giữ kín"):
        read_names(str(tmp_path / "khong-co.txt"))


def test_a_letter_without_a_composed_form_does_not_switch_the_name_check_off():
    # "g̃" (g + combining tilde) has no precomposed form: folding the whole text changes its length.
    text = "Về chữ g̃ trong tên, chị Trần Thị Bích đã gọi lại."
    assert [(f.kind, f.masked) for f in find_private(text, ("Trần Thị Bích",))] == [("name", "T*** T*** B***")]
    dotted = "İ ơi, Tran Thi Bich gọi."
    assert [f.kind for f in find_private(dotted, ("Trần Thị Bích",))] == ["name"]


def test_a_names_file_not_in_utf8_is_a_vietnamese_message(tmp_path):
    path = tmp_path / "ten.txt"
    path.write_bytes("Trần".encode("utf-16"))
    with pytest.raises(ValueError) as caught:
        read_names(str(path))
    assert str(caught.value) == f"tệp danh sách họ tên cần giữ kín \"{path}\" không được lưu bằng mã hóa UTF-8; hãy lưu lại với UTF-8"
