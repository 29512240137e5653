"""Files under docs/ that must not be published as they are: a file a browser runs as a page or a
script (MkDocs copies it to the site unchanged, and the sanitiser only sees Markdown pages), and
a page under a Markdown name the column's checks do not read."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from cchc.base.docfiles import DEVELOPER_FILES, MKDOCS_MARKDOWN_SUFFIXES, unpublishable_files
from sitebuild import build_site

ROOT = Path(__file__).resolve().parent.parent


def refused(tmp_path: Path, names: list[str]) -> list[str]:
    docs = tmp_path / "docs"
    for name in names:
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"<script>alert(1)</script>")
    return [str(problem) for problem in unpublishable_files(docs, tmp_path)]


def test_files_a_browser_may_run_are_refused_with_what_to_do(tmp_path):
    names = [
        "tin.html",
        "lop/la.HTM",
        "assets/anh/bieu-do.svg",
        "du-lieu.xml",
        "trang.xhtml",
        "tai-lieu/ma.js",
        "bai-viet/2025/anh/Thumbs.db",
        "CNAME",
    ]
    found = refused(tmp_path, names)
    assert [message.split(":", 2)[:2] for message in found] == [[f"docs/{name}", "1"] for name in sorted(names)]
    assert all("Hãy lưu ảnh thành .png hoặc .jpg, văn bản thành .pdf hoặc .docx" in message for message in found)
    assert "tệp đuôi .svg không được đăng lên trang" in found[sorted(names).index("assets/anh/bieu-do.svg")]
    assert "tệp không có đuôi" in found[sorted(names).index("CNAME")]


def test_pages_pictures_documents_media_data_and_developers_files_pass(tmp_path):
    names = [
        "index.md",
        "bai-viet/2025/anh/Lop-La.JPG",
        "assets/anh/cong.webp",
        "assets/van-ban/quyet-dinh.pdf",
        "tai-lieu/bang.xlsx",
        "video/le-hoi.mp4",
        "don-vi.yaml",
        # The developers' scripts and pages, reviewed as code (.github/CODEOWNERS).
        "quan-tri/index.html",
        "assets/javascripts/workers/cchc-search.js",
        "assets/cchc-page.js",
        # Hidden: MkDocs never publishes it.
        ".github/x.html",
        "bai-viet/.nhap/tin.html",
    ]
    assert refused(tmp_path, names) == []


def test_a_page_under_another_markdown_name_is_refused_with_the_name_to_give_it(tmp_path):
    # MkDocs renders these as pages too; every check of the column reads .md pages only. A
    # developers' folder is no exception.
    found = refused(tmp_path, ["gioi-thieu.markdown", "lop/la.mkd", "quan-tri/huong-dan.mdown", "anh.mkd.png"])
    assert [message.split(":")[:2] for message in found] == [
        ["docs/gioi-thieu.markdown", "1"],
        ["docs/lop/la.mkd", "1"],
        ["docs/quan-tri/huong-dan.mdown", "1"],
    ]
    assert "hãy đổi tên tệp thành gioi-thieu.md" in found[0]
    assert "MkDocs đọc tệp đuôi .mkd như một trang" in found[1]


def test_the_markdown_names_are_those_mkdocs_renders():
    from mkdocs.utils import markdown_extensions  # noqa: PLC0415 - the engine, for comparison only

    assert sorted(MKDOCS_MARKDOWN_SUFFIXES) == sorted(markdown_extensions)
    assert MKDOCS_MARKDOWN_SUFFIXES[-1] == ".md"


def test_the_real_docs_folder_holds_nothing_refused():
    assert unpublishable_files(ROOT / "docs", ROOT) == []


def test_the_developers_files_have_an_owner():
    # Else a staff pull request could change the scripts the check lets through.
    owned = [
        row.split()[0]
        for row in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if row.strip() and not row.startswith("#")
    ]
    for beginning in DEVELOPER_FILES:
        line = f"/docs/{beginning}*" if not beginning.endswith("/") else f"/docs/{beginning}"
        assert line in owned, line


def test_a_script_file_stops_the_build_and_keeps_the_last_site(project, caplog):
    site, _ = build_site(project)
    home = (site / "index.html").read_bytes()
    (project / "docs" / "tin.html").write_text("<script>alert(document.cookie)</script>", encoding="utf-8")
    (project / "docs" / "bieu-do.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    [error] = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert "docs/bieu-do.svg:1: tệp đuôi .svg không được đăng lên trang" in error
    assert "docs/tin.html:1: tệp đuôi .html không được đăng lên trang" in error
    assert (site / "index.html").read_bytes() == home
    assert not (site / "tin.html").exists()
