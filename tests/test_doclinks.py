"""Links and images of hand-written pages: a missing target is a Vietnamese message with its
file and line, found before the build writes anything."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from cchc.base.doclinks import check_doc_links
from sitebuild import build_site


def docs_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    docs = tmp_path / "docs"
    for name, body in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return docs


def targets_of(docs: Path) -> dict[str, None]:
    return {path.relative_to(docs).as_posix(): None for path in docs.rglob("*") if path.is_file()}


def messages(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    docs = docs_with(tmp_path, files)
    return [str(problem) for problem in check_doc_links(docs, tmp_path, targets_of(docs))]


def test_links_and_images_that_resolve_pass(tmp_path):
    page = (
        '# Trang\n\n![Ảnh lớp học](anh/lop.png "Lớp Lá")\n\n'
        "Xem [kế hoạch](../ke-hoach/2025.md#nv-1-11), [tệp](tep.pdf), [trang chủ](../index.md),\n"
        "[web](https://1022.tphcm.gov.vn), [thư](mailto:a@b.vn), [mục](#muc) và [lưu trữ](../bai-viet/2025/index.md).\n"
    )
    files = {
        "index.md": "# Trang chủ\n",
        "gioi-thieu/trang.md": page,
        "gioi-thieu/anh/lop.png": b"\x89PNG",
        "gioi-thieu/tep.pdf": b"%PDF",
    }
    docs = docs_with(tmp_path, files | {"ke-hoach/2025.md": "# KH\n"})
    generated = {"bai-viet/2025/index.md": None}  # a list page generated from the articles
    assert check_doc_links(docs, tmp_path, targets_of(docs) | generated) == []


def test_a_link_to_a_list_page_that_is_not_generated_is_refused(tmp_path):
    page = "# Trang\n\nXem [lưu trữ 2019](bai-viet/2019/index.md).\n"
    assert messages(tmp_path, {"index.md": page}) == [
        'docs/index.md:3: liên kết "bai-viet/2019/index.md" trỏ tới docs/bai-viet/2019/index.md, tệp này không tồn tại; '
        "hãy sửa đường dẫn (tính từ thư mục của trang này) cho khớp một trang hay tệp có trong docs/"
    ]


def test_missing_image_names_file_line_and_folder(tmp_path):
    page = "---\ntitle: Bài\n---\n\nĐoạn đầu.\n\n![Ảnh buổi họp](anh/hop-phu-huynh.jpg)\n"
    assert messages(tmp_path, {"bai-viet/2025/bai.md": page}) == [
        'docs/bai-viet/2025/bai.md:7: ảnh "anh/hop-phu-huynh.jpg" trỏ tới docs/bai-viet/2025/anh/hop-phu-huynh.jpg, '
        "tệp này không tồn tại; hãy tải ảnh lên đúng chỗ (docs/bai-viet/2025/anh/) hoặc sửa đường dẫn cho khớp tên "
        "tệp, kể cả chữ hoa, chữ thường"
    ]


def test_missing_page_and_absolute_path(tmp_path):
    page = "# Trang\n\nXem [hỏi đáp](hoi-dap-cu.md).\nVà [đây](/tep.pdf).\n"
    assert messages(tmp_path, {"gioi-thieu.md": page}) == [
        'docs/gioi-thieu.md:3: liên kết "hoi-dap-cu.md" trỏ tới docs/hoi-dap-cu.md, tệp này không tồn tại; '
        "hãy sửa đường dẫn (tính từ thư mục của trang này) cho khớp một trang hay tệp có trong docs/",
        'docs/gioi-thieu.md:4: đường dẫn "/tep.pdf" bắt đầu bằng "/"; hãy viết đường dẫn tương đối tính từ thư mục '
        "của trang này (ví dụ anh/hinh.png hoặc ../ke-hoach/2025.md)",
    ]


def test_code_is_not_checked(tmp_path):
    page = "# Mẫu\n\n```markdown\n![Ảnh](anh/khong-co.png)\n```\n\nViết `![Ảnh](anh/x.png)` để chèn ảnh.\n"
    assert messages(tmp_path, {"huong-dan.md": page}) == []


def test_bad_image_in_an_article_stops_the_build_and_keeps_the_last_site(project, caplog):
    site, _ = build_site(project)
    home = (site / "index.html").read_bytes()
    (project / "docs" / "index.md").write_text(
        (project / "docs" / "index.md").read_text(encoding="utf-8") + "\n![Cổng trường](anh/cong-truong.jpg)\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    [error] = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    line = len((project / "docs" / "index.md").read_text(encoding="utf-8").splitlines())
    assert f'docs/index.md:{line}: ảnh "anh/cong-truong.jpg" trỏ tới docs/anh/cong-truong.jpg' in error
    assert (site / "index.html").read_bytes() == home


def test_image_without_description_and_unknown_task_anchor(tmp_path):
    docs = docs_with(
        tmp_path,
        {
            "bai.md": "# Bài\n\n![](anh.png)\n\nXem [nhiệm vụ](ke-hoach/2025.md#nv-9-9) và [1.11](ke-hoach/2025.md#nv-1-11).\n",
            "anh.png": b"\x89PNG",
        },
    )
    targets = targets_of(docs) | {"ke-hoach/2025.md": frozenset({"nv-1-11", "muc-tieu"})}
    assert [str(problem) for problem in check_doc_links(docs, tmp_path, targets)] == [
        'docs/bai.md:3: ảnh "anh.png" chưa có mô tả: viết mô tả nội dung ảnh trong ngoặc vuông, ví dụ '
        "![Phụ huynh nộp học phí bằng mã QR](anh.png), cho người không xem được ảnh",
        'docs/bai.md:5: liên kết "ke-hoach/2025.md#nv-9-9" trỏ tới mục "#nv-9-9" không có trên trang '
        "docs/ke-hoach/2025.md; với nhiệm vụ của kế hoạch, viết #nv-<lĩnh vực>-<số>, ví dụ #nv-1-11",
    ]


def test_a_page_not_saved_as_utf8_is_a_message_with_its_line(tmp_path):
    assert messages(tmp_path, {"gioi-thieu.md": b"# Gioi thieu\n\nTruong Mam non Nguy\xean\n"}) == [
        "docs/gioi-thieu.md:3: tệp không được lưu bằng mã hóa UTF-8 (byte 0xEA không hợp lệ). "
        "Hãy mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8."
    ]


def test_pages_whose_bounds_a_loader_checked_are_not_checked_again(tmp_path):
    # The articles' loader checks each article's bounds as it reads it; check_doc_links skips them
    # for those pages only, and still checks their links.
    page = "# Trang\n\nMột ký tự điều khiển \x07 ở đây và [liên kết hỏng](khong-co.md).\n"
    docs = docs_with(tmp_path, {"bai.md": page, "khac.md": page})
    found = [
        str(problem)
        for problem in check_doc_links(docs, tmp_path, targets_of(docs), bounds_checked=frozenset({"bai.md"}))
    ]
    assert len(found) == 2
    assert found[0].startswith('docs/bai.md:3: liên kết "khong-co.md"')
    assert found[1].startswith("docs/khac.md:3:") and "điều khiển" in found[1]


def test_a_hand_written_page_takes_a_title_and_a_description_only(tmp_path):
    # Material prints other keys as they are: `status` inside the navigation's class attribute,
    # `revision_date` in the page's footer; a `search` or `hide` of the wrong shape stops its
    # templates with a Python error. Articles and practices have their loaders' own keys.
    page = (
        "---\n"
        "title: Giới thiệu\n"
        'status: "new\\" onmouseover=\\"alert(1)"\n'
        'revision_date: "<img src=x onerror=alert(2)>"\n'
        "descripton: Sai chính tả\n"
        "description: [một, danh sách]\n"
        "---\n\n# Giới thiệu\n"
    )
    found = messages(tmp_path, {"gioi-thieu.md": page, "index.md": "---\ntitle: A\ndescription: B\n---\n# A\n"})
    assert found == [
        'docs/gioi-thieu.md:3: khóa "status" không hợp lệ. Các khóa được phép ở đây: title, description, author, subtitle, image.',
        'docs/gioi-thieu.md:4: khóa "revision_date" không hợp lệ. Các khóa được phép ở đây: title, description, author, subtitle, image.',
        'docs/gioi-thieu.md:5: khóa "descripton" không hợp lệ; có phải ý bạn là "description"? Các khóa được '
        "phép ở đây: title, description, author, subtitle, image.",
        'docs/gioi-thieu.md:6: "description" phải là một dòng chữ',
    ]


def test_a_key_material_prints_as_it_is_on_the_home_page_stops_the_build(project, caplog):
    site, _ = build_site(project)
    home = (site / "index.html").read_bytes()
    index = project / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("---\n", '---\nstatus: "new\\" onmouseover=\\"alert(1)"\n', 1),
        encoding="utf-8",
    )
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    [error] = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert 'docs/index.md:2: khóa "status" không hợp lệ' in error
    assert (site / "index.html").read_bytes() == home


def test_front_matter_mkdocs_reads_without_a_plain_dash_block_is_checked_too(tmp_path):
    # MkDocs reads a page with universal newlines ("---\r\n" opens front matter) and, without a
    # "---" block, takes its first "key: value" lines as front matter: Material prints `status`
    # inside the navigation's class attribute either way (checked in a built site).
    windows = b'---\r\ntitle: A\r\nstatus: "new\\" onmouseover=\\"alert(1)"\r\n---\r\n# A\r\n'
    old_mac = b'---\rtitle: A\rstatus: "new\\" onmouseover=\\"alert(1)"\r---\r# A\r'
    bare = 'title: A\nstatus: new" onmouseover="alert(1)\n\n# A\n'
    found = messages(tmp_path, {"index.md": windows, "khac.md": old_mac, "trang.md": bare})
    assert found[:2] == [
        'docs/index.md:3: khóa "status" không hợp lệ. Các khóa được phép ở đây: title, description, author, subtitle, image.',
        'docs/khac.md:3: khóa "status" không hợp lệ. Các khóa được phép ở đây: title, description, author, subtitle, image.',
    ]
    assert len(found) == 3 and found[2].startswith('docs/trang.md:1: dòng đầu trang có dạng "khóa: giá trị"')
    # A first line that is not "key: value" is the page's text, as MkDocs reads it.
    ordinary = {"index.md": "Lưu ý: trang này đang viết.\n\n# A\n", "b.md": b"---\r\ntitle: B\r\n---\r\n"}
    assert messages(tmp_path / "khac", ordinary) == []
