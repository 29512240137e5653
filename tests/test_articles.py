"""The article and practice front matter: valid files become objects; each mistake staff can make
is reported with the `.md` file, the line in that file and Vietnamese wording."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cchc.articles import model
from cchc.articles.model import check_unique_ids, load_articles, load_practices, parse_moment
from cchc.base import made
from cchc.base.dates import VIETNAM
from cchc.base.errors import ContentError
from cchc.content import load_content
from cchc.plan.model import load_plans
from projects import ROOT

PLANS = load_plans(ROOT / "plan", ROOT)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24

ARTICLE = """---
ma: "urn:uuid:11111111-1111-4111-8111-111111111111"
tieu_de: "Thanh toán học phí không dùng tiền mặt"
ngay_dang: 2025-03-31
loai: bai_viet
tom_tat: "Tóm tắt của bài."
tac_gia: [Người viết]
anh_bia: anh/bia.png
anh_bia_mo_ta: "Mô tả ảnh"
nhiem_vu: ["1.11"]
---

Nội dung.
"""

PRACTICE = """---
ma: "urn:uuid:22222222-2222-4222-8222-222222222222"
tieu_de: "Mô hình thử"
ngay_dang: 2025-02-01
tom_tat: "Tóm tắt mô hình."
tac_gia: Người viết
linh_vuc: 1
nhiem_vu: ["1.11"]
tu_ngay: 2025-01-01
trang_thai: dang_ap_dung
ket_qua:
  - "Kết quả thứ nhất"
---

Nội dung.
"""


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "bai-viet" / "2025" / "anh").mkdir(parents=True)
    (folder / "bai-viet" / "2025" / "anh" / "bia.png").write_bytes(PNG)
    (folder / "mo-hinh").mkdir()
    return folder


def write(docs: Path, text: str, uri: str = "bai-viet/2025/thanh-toan.md") -> Path:
    path = docs / uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def problems(docs: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_articles(docs, docs.parent, PLANS)
    return [str(problem) for problem in caught.value.problems]


SOURCE = "docs/bai-viet/2025/thanh-toan.md"


def mistake(docs: Path, old: str, new: str, needle: str) -> tuple[list[str], str]:
    """Write the valid article with one change; return its problems and `file:line` of `needle`."""
    assert old in ARTICLE
    text = ARTICLE.replace(old, new)
    write(docs, text)
    return problems(docs), f"{SOURCE}:{line_of(text, needle)}"


def test_valid_article_loads_with_cover_tasks_and_vietnam_midnight(docs):
    write(docs, ARTICLE)
    [article] = load_articles(docs, docs.parent, PLANS)
    assert article.id == "urn:uuid:11111111-1111-4111-8111-111111111111"
    assert article.title == "Thanh toán học phí không dùng tiền mặt"
    assert article.published == dt.datetime(2025, 3, 31, 0, 0, tzinfo=VIETNAM)
    assert article.published.utcoffset() == dt.timedelta(hours=7)
    assert article.kind_label == "Bài viết"
    assert article.cover.path == "bai-viet/2025/anh/bia.png"
    assert article.cover.size == len(PNG)
    assert [(ref.year, ref.task.number, ref.task.anchor) for ref in article.tasks] == [(2025, "1.11", "nv-1-11")]
    assert article.src_uri == "bai-viet/2025/thanh-toan.md"
    assert article.quarter == 1
    assert article.id_line == 2


def test_date_with_time_is_vietnam_time():
    assert parse_moment("2025-03-31 23:30") == dt.datetime(2025, 3, 31, 23, 30, tzinfo=VIETNAM)
    assert parse_moment("2025-03-31 23:30").astimezone(dt.UTC) == dt.datetime(2025, 3, 31, 16, 30, tzinfo=dt.UTC)


def test_unknown_kind(docs):
    [message], where = mistake(docs, "loai: bai_viet", "loai: bai_bao", "loai:")
    assert message.startswith(f'{where}: "loai" không hợp lệ: "bai_bao"')
    assert "bai_viet (Bài viết)" in message and "video (Video)" in message


@pytest.mark.parametrize(
    ("old", "new", "needle", "wording"),
    [
        pytest.param(
            'nhiem_vu: ["1.11"]',
            'nhiem_vu: ["1.11", "9.9"]',
            "nhiem_vu",
            '"nhiem_vu" có nhiệm vụ "9.9" không có trong kế hoạch năm 2025; hãy xem số nhiệm vụ trên trang Kế hoạch CCHC',
            id="unknown-task",
        ),
        pytest.param(
            'nhiem_vu: ["1.11"]',
            'nhiem_vu:\n  - "1.11"\n  - muoi mot',
            "muoi mot",
            '"nhiem_vu" có số nhiệm vụ "muoi mot" không đúng dạng; viết như trong kế hoạch, ví dụ "1.11"',
            id="task-number-badly-written",
        ),
        pytest.param(
            'anh_bia_mo_ta: "Mô tả ảnh"\n',
            "",
            "anh_bia:",
            'ảnh bìa chưa có mô tả: thêm dòng "anh_bia_mo_ta" tả nội dung ảnh cho người không xem được ảnh',
            id="missing-alt-text",
        ),
    ],
)
def test_one_mistake_one_message(docs, old, new, needle, wording):
    found, where = mistake(docs, old, new, needle)
    assert found == [f"{where}: {wording}"]


def test_second_title_in_the_body(docs):
    text = ARTICLE + "\n```\n# not a heading in code\n```\n\n# Tiêu đề thừa\n"
    write(docs, text)
    assert problems(docs) == [
        f'{SOURCE}:{line_of(text, "Tiêu đề thừa")}: bài không được có tiêu đề cấp 1 (dòng bắt đầu bằng một dấu "# "): '
        'tiêu đề bài lấy từ "tieu_de"; hãy xóa dòng này hoặc dùng "## " cho tiêu đề mục'
    ]


def test_empty_alt_text(docs):
    found, where = mistake(docs, 'anh_bia_mo_ta: "Mô tả ảnh"', "anh_bia_mo_ta:", "anh_bia:")
    assert found[0].startswith(f"{where}: ảnh bìa chưa có mô tả")


def test_cover_that_does_not_exist(docs):
    found, where = mistake(docs, "anh_bia: anh/bia.png", "anh_bia: anh/Bia.PNG", "anh_bia:")
    assert found == [
        f'{where}: "anh_bia" chỉ tới ảnh "anh/Bia.PNG" nhưng '
        "không có tệp docs/bai-viet/2025/anh/Bia.PNG; hãy tải ảnh lên đúng thư mục đó hoặc sửa lại tên ảnh "
        "(phân biệt chữ hoa, chữ thường)"
    ]


def test_cover_that_is_not_an_image(docs):
    (docs / "bai-viet/2025/anh/bia.pdf").write_bytes(b"%PDF")
    [message], where = mistake(docs, "anh_bia: anh/bia.png", "anh_bia: anh/bia.pdf", "anh_bia:")
    assert (
        message == f'{where}: "anh_bia" phải là một tệp ảnh (.gif, .jpeg, .jpg, .png, .webp), nhận được "anh/bia.pdf"'
    )


@pytest.mark.parametrize("name", ['anh/bia "moi".png', "anh/bia).png", "anh/bia{1}.png", "anh/bia(.png"])
def test_a_cover_name_that_would_end_its_markdown_image_is_a_message(docs, name):
    # The cover goes into the page's Markdown as ![alt](path): MkDocs then stopped a strict build
    # with an English "unrecognized relative link" warning, or the image went missing.
    (docs / "bai-viet/2025" / name).write_bytes((docs / "bai-viet/2025/anh/bia.png").read_bytes())
    quoted = name.replace('"', '\\"')
    [message], where = mistake(docs, "anh_bia: anh/bia.png", f'anh_bia: "{quoted}"', "anh_bia:")
    assert message == (
        f'{where}: "anh_bia" tên ảnh không được có dấu ", <, >, {{, }}, \\ hay dấu ngoặc đơn lẻ; hãy đổi tên tệp '
        f'ảnh, ví dụ anh/bia-1.jpg; nhận được "{name}"'
    )


def test_a_cover_name_with_spaces_and_paired_brackets_is_taken(docs):
    (docs / "bai-viet/2025/anh/Ảnh bìa (1).png").write_bytes((docs / "bai-viet/2025/anh/bia.png").read_bytes())
    write(docs, ARTICLE.replace("anh_bia: anh/bia.png", 'anh_bia: "anh/Ảnh bìa (1).png"'))
    [article] = load_articles(docs, docs.parent, PLANS)
    assert article.cover.path == "bai-viet/2025/anh/Ảnh bìa (1).png"


def test_windows_line_endings_keep_lines(docs):
    text = ARTICLE.replace("loai: bai_viet", "loai: bao").replace("\n", "\r\n")
    (docs / "bai-viet/2025/thanh-toan.md").write_bytes(text.encode("utf-8"))
    [message] = problems(docs)
    assert message.startswith(f'{SOURCE}:{line_of(ARTICLE, "loai:")}: "loai" không hợp lệ')


def test_cover_outside_docs(docs):
    [message], where = mistake(docs, "anh_bia: anh/bia.png", "anh_bia: https://example.org/bia.png", "anh_bia:")
    assert message.startswith(f'{where}: "anh_bia" phải là đường dẫn tới một ảnh')


@pytest.mark.parametrize(
    ("written", "wording"),
    [
        (
            "31/03/2025",
            'phải là ngày dạng YYYY-MM-DD hoặc ngày giờ dạng "YYYY-MM-DD HH:MM" (giờ Việt Nam), nhận được "31/03/2025" (ngày 31/03/2025 viết là 2025-03-31)',
        ),
        ("2025-02-30", 'phải là ngày có thật: "2025-02-30" không tồn tại (tháng 02 năm 2025 có 28 ngày)'),
        ("2025-13-01", 'phải là ngày có thật: "2025-13-01" có tháng 13 không tồn tại'),
        ('"2025-03-31 24:10"', 'có giờ không tồn tại: "2025-03-31 24:10" (giờ từ 00:00 đến 23:59)'),
    ],
)
def test_bad_or_impossible_date(docs, written, wording):
    found, where = mistake(docs, "ngay_dang: 2025-03-31", f"ngay_dang: {written}", "ngay_dang")
    assert found == [f'{where}: "ngay_dang" {wording}']


def test_date_in_another_year_than_its_folder(docs):
    [message], where = mistake(docs, "ngay_dang: 2025-03-31", "ngay_dang: 2026-01-05", "ngay_dang")
    assert message == (
        f"{where}: bài đăng năm 2026 nhưng nằm trong thư mục năm "
        '2025; hãy chuyển tệp sang docs/bai-viet/2026/ hoặc sửa "ngay_dang"'
    )


def test_unknown_key_names_its_line_and_suggests(docs):
    found, where = mistake(docs, "tom_tat:", "tom_tac:", "tom_tac")
    # One message, on the misspelt line: the key it suggests is not also reported missing.
    [message] = found
    assert message.startswith(f'{where}: khóa "tom_tac" không hợp lệ; có phải ý bạn là "tom_tat"?')


def test_practice_reference_that_does_not_exist(docs):
    write(docs, PRACTICE, "mo-hinh/so-hoa.md")
    text = ARTICLE.replace('nhiem_vu: ["1.11"]', 'nhiem_vu: ["1.11"]\nmo_hinh: so-hoa-ho-so')
    write(docs, text)
    assert problems(docs) == [
        f'docs/bai-viet/2025/thanh-toan.md:{line_of(text, "mo_hinh")}: "mo_hinh" chỉ tới mô hình "so-hoa-ho-so" nhưng '
        "không có tệp docs/mo-hinh/so-hoa-ho-so.md; ghi tên tệp của mô hình, không có đuôi .md (hiện có: so-hoa)"
    ]


def test_duplicate_ids_across_files(docs):
    write(docs, ARTICLE)
    write(docs, ARTICLE.replace("Thanh toán", "Bài khác"), "bai-viet/2025/bai-khac.md")
    articles = load_articles(docs, docs.parent, PLANS)
    with pytest.raises(ContentError) as caught:
        check_unique_ids(articles)
    assert [str(problem) for problem in caught.value.problems] == [
        'docs/bai-viet/2025/thanh-toan.md:2: mã "urn:uuid:11111111-1111-4111-8111-111111111111" đã dùng cho '
        "docs/bai-viet/2025/bai-khac.md (dòng 2); mỗi bài cần một mã riêng: hãy đổi mã của bài mới "
        "(lệnh cchc-bai-moi tạo mã mới)"
    ]


def test_id_with_spaces(docs):
    [message], where = mistake(docs, 'ma: "urn:uuid:11111111-1111-4111-8111-111111111111"', 'ma: "bài số một"', "ma:")
    assert where == f"{SOURCE}:2"
    assert message.startswith(f'{where}: "ma" phải là một mã liền, không dấu, không khoảng trắng')


def test_draft_flag_must_be_true_or_false(docs):
    found, where = mistake(docs, "---\n\nNội", "ban_nhap: co\n---\n\nNội", "ban_nhap")
    assert found == [f'{where}: "ban_nhap" phải là true (bản nháp, chưa đăng) hoặc false, nhận được "co"']


def test_file_without_front_matter(docs):
    write(docs, "# Bài viết\n\nNội dung.\n")
    assert problems(docs) == [
        'docs/bai-viet/2025/thanh-toan.md:1: tệp phải bắt đầu bằng phần thông tin của bài giữa hai dòng "---"; '
        "hãy chép mẫu trong hướng dẫn (CONTRIBUTING.md)"
    ]


def test_yaml_syntax_error_is_on_the_md_line(docs):
    [message], where = mistake(docs, 'tom_tat: "Tóm tắt của bài."', "tom_tat: Tóm tắt: sai cú pháp", "tom_tat")
    assert message.startswith(f"{where}: lỗi cú pháp YAML")


def test_file_name_with_diacritics_or_outside_a_year_folder(docs):
    write(docs, ARTICLE, "bai-viet/2025/Thanh toán.md")
    write(docs, ARTICLE, "bai-viet/thanh-toan.md")
    write(docs, ARTICLE, "bai-viet/2025/quy-1.md")
    assert problems(docs) == [
        'docs/bai-viet/2025/Thanh toán.md:1: tên tệp "Thanh toán.md" phải viết thường, không dấu, các từ nối bằng '
        'dấu "-", ví dụ "thanh-toan.md"',
        'docs/bai-viet/2025/quy-1.md:1: tên tệp "quy-1.md" trùng với một trang tự tạo; hãy đặt tên khác',
        "docs/bai-viet/thanh-toan.md:1: tệp đặt sai chỗ: phải nằm ở docs/bai-viet/<năm>/<tên-tệp>.md",
    ]


def test_every_problem_of_every_file_at_once(docs):
    text = ARTICLE.replace("loai: bai_viet", "loai: bao").replace("ngay_dang: 2025-03-31", "ngay_dang: 2025-02-31")
    write(docs, text)
    write(docs, ARTICLE.replace('"1.11"', '"7.77"'), "bai-viet/2025/bai-hai.md")
    assert [message.split(": ")[0] for message in problems(docs)] == [
        f"docs/bai-viet/2025/bai-hai.md:{line_of(ARTICLE, 'nhiem_vu')}",
        f"docs/bai-viet/2025/thanh-toan.md:{line_of(text, 'ngay_dang')}",
        f"docs/bai-viet/2025/thanh-toan.md:{line_of(text, 'loai')}",
    ]


def test_valid_practice_loads(docs):
    write(docs, PRACTICE, "mo-hinh/so-hoa.md")
    [practice] = load_practices(docs, docs.parent, PLANS)
    assert (practice.slug, practice.status_label, practice.area, practice.since) == (
        "so-hoa",
        "Đang áp dụng",
        1,
        dt.date(2025, 1, 1),
    )
    assert practice.area_name == PLANS[0].areas[0].name
    assert practice.results == ("Kết quả thứ nhất",)
    assert practice.categories[0] == "Mô hình, giải pháp hay"


def test_practice_with_unknown_status_and_area(docs):
    text = PRACTICE.replace("trang_thai: dang_ap_dung", "trang_thai: dang_lam").replace("linh_vuc: 1", "linh_vuc: 42")
    write(docs, text, "mo-hinh/so-hoa.md")
    with pytest.raises(ContentError) as caught:
        load_practices(docs, docs.parent, PLANS)
    found = [str(problem) for problem in caught.value.problems]
    assert found[0].startswith(
        f'docs/mo-hinh/so-hoa.md:{line_of(text, "linh_vuc")}: "linh_vuc" là 42, không phải số của một lĩnh vực'
    )
    assert found[1].startswith(
        f'docs/mo-hinh/so-hoa.md:{line_of(text, "trang_thai")}: "trang_thai" không hợp lệ: "dang_lam"'
    )
    assert "nhan_rong (Nhân rộng)" in found[1]


def test_load_content_reports_article_and_practice_ids_shared(tmp_path):
    root = tmp_path / "project"
    (root / "docs" / "bai-viet" / "2025").mkdir(parents=True)
    (root / "docs" / "mo-hinh").mkdir(parents=True)
    (root / "plan").mkdir()
    (root / "plan" / "2025.yaml").write_bytes((ROOT / "plan" / "2025.yaml").read_bytes())
    (root / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    shutil.copytree(ROOT / "docs" / "phan-anh", root / "docs" / "phan-anh")
    (root / "docs" / "don-vi.yaml").write_bytes((ROOT / "docs" / "don-vi.yaml").read_bytes())
    write(root / "docs", ARTICLE.replace('anh_bia: anh/bia.png\nanh_bia_mo_ta: "Mô tả ảnh"\n', ""))
    write(
        root / "docs",
        PRACTICE.replace("22222222-2222-4222-8222-222222222222", "11111111-1111-4111-8111-111111111111"),
        "mo-hinh/so-hoa.md",
    )
    with pytest.raises(ContentError) as caught:
        load_content(root, root / "mkdocs.yml", dt.date(2025, 5, 1))
    [problem] = caught.value.problems
    assert (problem.source, problem.line) == ("docs/mo-hinh/so-hoa.md", 2)
    assert "đã dùng cho docs/bai-viet/2025/thanh-toan.md (dòng 2)" in problem.message


def test_one_mistake_in_an_article_is_one_message_not_one_per_key(tmp_path):
    # A loader that stops on a mistake reads no article: their pages must not be taken for
    # hand-written ones, whose front matter holds title and description only.
    root = tmp_path / "project"
    (root / "docs" / "bai-viet" / "2025").mkdir(parents=True)
    (root / "plan").mkdir()
    (root / "plan" / "2025.yaml").write_bytes((ROOT / "plan" / "2025.yaml").read_bytes())
    (root / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    shutil.copytree(ROOT / "docs" / "phan-anh", root / "docs" / "phan-anh")
    (root / "docs" / "don-vi.yaml").write_bytes((ROOT / "docs" / "don-vi.yaml").read_bytes())
    text = ARTICLE.replace('anh_bia: anh/bia.png\nanh_bia_mo_ta: "Mô tả ảnh"\n', "")
    write(root / "docs", text.replace("ngay_dang: 2025-03-31", "ngay_dang: 2025-02-30"))
    with pytest.raises(ContentError) as caught:
        load_content(root, root / "mkdocs.yml", dt.date(2025, 5, 1))
    [problem] = caught.value.problems
    assert (problem.source, problem.line) == ("docs/bai-viet/2025/thanh-toan.md", 4), problem
    assert "ngay_dang" in problem.message


def test_every_bad_task_number_of_a_list_is_reported_on_its_own_line(docs):
    text = ARTICLE.replace('nhiem_vu: ["1.11"]', 'nhiem_vu:\n  - "1.11"\n  - "9.9"\n  - muoi mot\n  - "1.99"')
    write(docs, text)
    line = line_of(text, "nhiem_vu:")
    assert problems(docs) == [
        f'{SOURCE}:{line + 2}: "nhiem_vu" có nhiệm vụ "9.9" không có trong kế hoạch năm 2025; '
        "hãy xem số nhiệm vụ trên trang Kế hoạch CCHC",
        f'{SOURCE}:{line + 3}: "nhiem_vu" có số nhiệm vụ "muoi mot" không đúng dạng; viết như trong kế hoạch, '
        'ví dụ "1.11"',
        f'{SOURCE}:{line + 4}: "nhiem_vu" có nhiệm vụ "1.99" không có trong kế hoạch năm 2025; '
        "hãy xem số nhiệm vụ trên trang Kế hoạch CCHC",
    ]


def test_a_rebuild_checks_again_only_the_files_that_changed_and_sees_each_change(docs, monkeypatch):
    """Under `mkdocs serve` each entry's checks are kept while its text is unchanged: an edit, even
    of the same length, is checked again, and a cover deleted meanwhile is still reported."""
    monkeypatch.setattr(made, "_rebuilds", False)
    made.expect_rebuilds()
    monkeypatch.setattr(model, "_checked", made.Made(kept=10, for_rebuilds_only=True))
    checked = []
    real = model.check_page
    monkeypatch.setattr(model, "check_page", lambda text, source: checked.append(source) or real(text, source))
    write(docs, ARTICLE)
    write(
        docs,
        ARTICLE.replace("11111111-1111", "33333333-3333").replace("Thanh toán", "Thanh toan"),
        "bai-viet/2025/khac.md",
    )
    assert len(load_articles(docs, docs.parent, PLANS)) == 2
    assert len(load_articles(docs, docs.parent, PLANS)) == 2
    assert sorted(checked) == ["docs/bai-viet/2025/khac.md", SOURCE]
    edited = ARTICLE.replace('tieu_de: "Thanh toán', 'template: "Thanh toá')
    assert len(edited) == len(ARTICLE)
    write(docs, edited)
    assert problems(docs) == [
        f'{SOURCE}:{line_of(ARTICLE, "tieu_de")}: khóa "template" không dùng được trong trang nội dung: giao diện '
        "trang do chuyên mục quyết định; hãy xóa dòng này"
    ]
    assert sorted(checked) == ["docs/bai-viet/2025/khac.md", SOURCE, SOURCE]
    write(docs, ARTICLE)
    (docs / "bai-viet/2025/anh/bia.png").unlink()
    found = problems(docs)
    line = line_of(ARTICLE, "anh_bia:")
    assert [message.partition(": ")[0] for message in found] == [
        f"docs/bai-viet/2025/khac.md:{line}",
        f"{SOURCE}:{line}",
    ]
    assert all('"anh_bia" chỉ tới ảnh "anh/bia.png" nhưng không có tệp' in message for message in found)
