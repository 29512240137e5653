import unicodedata

from cchc.base.text import fold, slugify


def test_fold_removes_every_vietnamese_mark_and_the_stroke_of_d():
    assert fold("Đăng ký học phí") == "Dang ky hoc phi"
    assert (
        fold("Cải cách hành chính — Ủy ban phường Cầu Ông Lãnh") == "Cai cach hanh chinh — Uy ban phuong Cau Ong Lanh"
    )


def test_fold_treats_decomposed_input_like_composed():
    assert fold(unicodedata.normalize("NFD", "hồ sơ điện tử")) == "ho so dien tu"


def test_slugify():
    assert slugify("Đánh giá") == "danh-gia"
    assert slugify("  Bài viết quý I/2025: “Thanh toán học phí” ") == "bai-viet-quy-i-2025-thanh-toan-hoc-phi"
    assert slugify("...") == ""
