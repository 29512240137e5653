"""The school's identity: its own staff file, read with lines and Vietnamese messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cchc.base.errors import ContentError
from cchc.base.identity import IDENTITY_FILE, load_identity
from projects import ROOT, copy_project
from sitebuild import build_site, page

REAL = (ROOT / IDENTITY_FILE).read_text(encoding="utf-8")
LOGO = ROOT / "docs" / "assets" / "cchc-chia-se.png"


def problems_of(tmp_path: Path, text: str | bytes, docs: Path | None = None) -> list[str]:
    path = tmp_path / "don-vi.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ContentError) as caught:
        load_identity(path, docs=docs)
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(number for number, row in enumerate(text.splitlines(), start=1) if needle in row)


def test_the_real_identity_file():
    school = load_identity(ROOT / IDENTITY_FILE)
    assert school.site_name == "Cải cách hành chính – Trường Mầm non Nguyễn Cư Trinh"
    assert school.logo is None
    assert school.missing == (
        "địa chỉ",
        "số điện thoại",
        "thư điện tử",
        "người chịu trách nhiệm nội dung",
        "chức vụ người chịu trách nhiệm",
    )
    assert [authority.short_name for authority in school.authorities] == ["BCĐ CCHC Quận 1", None]


@pytest.mark.parametrize(
    ("change", "needle", "expected"),
    [
        (
            ("den_ngay: 2025-06-30", "den_ngay: 2025-06-31"),
            "den_ngay",
            'cơ quan quản lý thứ 1: "den_ngay" phải là ngày có thật: "2025-06-31" không tồn tại (tháng 06 năm 2025 có 30 ngày)',
        ),
        (
            ("  - ten: Ủy ban nhân dân Quận 1", "\t- ten: Ủy ban nhân dân Quận 1"),
            "Quận 1",
            "lỗi cú pháp YAML: có ký tự Tab; YAML chỉ thụt lề bằng dấu cách.",
        ),
        (
            ("ten_chuyen_muc: Cải cách hành chính", "ten_chuyen_muc: Cải cách\x00hành chính"),
            "ten_chuyen_muc",
            "có ký tự điều khiển không in được (U+0000)",
        ),
        (
            ("ten_chuyen_muc: Cải cách hành chính", "ten_chuyen_mục: Cải cách hành chính"),
            "ten_chuyen_mục",
            'khóa "ten_chuyen_mục" không hợp lệ; có phải ý bạn là "ten_chuyen_muc"?',
        ),
    ],
)
def test_mistakes_get_the_file_line_and_a_vietnamese_message(tmp_path, change, needle, expected):
    text = REAL.replace(*change, 1)
    assert text != REAL
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith(f"docs/don-vi.yaml:{line_of(text, needle)}: {expected}"), problems


def test_a_python_tag_is_data_never_code(tmp_path):
    """The safe reader never constructs a tag: a Python tag is refused as a value, never run."""
    marker = tmp_path / "da-chay"
    text = REAL.replace(
        "ten: Trường Mầm non Nguyễn Cư Trinh", f'ten: !!python/object/apply:os.system ["touch {marker}"]', 1
    )
    problems = problems_of(tmp_path, text)
    assert problems == [
        f'docs/don-vi.yaml:{line_of(text, "os.system")}: "ten" phải là một giá trị đơn, nhưng ở đây là một danh sách'
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("../../etc/logo.png", "phải là đường dẫn tới tệp ảnh trong thư mục docs"),
        ("/etc/logo.png", "phải là đường dẫn tới tệp ảnh trong thư mục docs"),
        ("assets/cchc.css", "phải là đường dẫn tới tệp ảnh trong thư mục docs"),
        ("assets/khong-co.png", "trỏ tới tệp docs/assets/khong-co.png nhưng không có tệp đó"),
    ],
)
def test_the_logo_must_be_an_image_under_docs(tmp_path, value, expected):
    text = REAL.replace("logo:\n", f"logo: {value}\n", 1)
    [problem] = problems_of(tmp_path, text, docs=ROOT / "docs")
    assert problem.startswith(f'docs/don-vi.yaml:{line_of(text, "logo:")}: "logo" {expected}')


def test_a_logo_whose_file_name_would_break_out_of_src_is_refused(tmp_path):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    name = 'x" onerror="alert(1) ".png'
    (docs / "assets" / name).write_bytes(LOGO.read_bytes())
    text = REAL.replace("logo:\n", f"logo: 'assets/{name}'\n", 1)
    [problem] = problems_of(tmp_path, text, docs=docs)
    assert problem.startswith(
        f'docs/don-vi.yaml:{line_of(text, "logo:")}: "logo" chỉ được gồm chữ, số và các dấu . - _ /'
    ), problem


def test_a_logo_set_in_the_identity_file_reaches_the_header(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(LOGO, project / "docs" / "assets" / "logo.png")
    identity = project / IDENTITY_FILE
    identity.write_text(REAL.replace("logo:\n", "logo: assets/logo.png\n", 1), encoding="utf-8")
    site, _ = build_site(project)
    home = page(site, "index.html")
    assert home.xpath("//header//a[contains(@class, 'md-logo')]/img/@src") == ["assets/logo.png"]
    assert (site / "assets" / "logo.png").read_bytes() == LOGO.read_bytes()
    assert not (site / "don-vi.yaml").exists()
