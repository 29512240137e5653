"""No file outside the repository is published: every symbolic link under docs/ or plan/ is
refused, by name, by the staff check and by the build, before anything is read or written."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from cchc.base.errors import ContentError
from cchc.base.symlinks import check_no_symlinks
from cchc.cli import check
from projects import copy_project
from sitebuild import build_site

MESSAGE = (
    "là một liên kết tượng trưng (symlink), không phải tệp hay thư mục thật: trang web không xuất bản tệp "
    "nằm ngoài kho nội dung. Hãy xóa liên kết này và tải lên chính tệp cần đăng."
)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("links") / "project")


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "ngoai-kho"
    folder.mkdir()
    (folder / "bi-mat.txt").write_text("không được xuất bản", encoding="utf-8")
    return folder


def links_in(project: Path, outside: Path) -> dict[str, Path]:
    return {
        "docs/assets/mat-khau.txt": Path("/etc/passwd"),
        "docs/thu-muc-ngoai": outside,
        "docs/assets/ban-sao": project / "docs" / "assets",
        "plan/2026.yaml": project / "plan" / "2025.yaml",
    }


def test_every_link_is_named_wherever_it_points(project, outside):
    made = links_in(project, outside)
    for name, target in made.items():
        (project / name).symlink_to(target)
    try:
        with pytest.raises(ContentError) as caught:
            check_no_symlinks(project)
    finally:
        for name in made:
            (project / name).unlink()
    assert [str(problem) for problem in caught.value.problems] == [f"{name}:1: {MESSAGE}" for name in sorted(made)]


def test_a_linked_content_folder_itself_is_refused(tmp_path, outside):
    (tmp_path / "docs").symlink_to(outside)
    (tmp_path / "plan").mkdir()
    with pytest.raises(ContentError) as caught:
        check_no_symlinks(tmp_path)
    assert [str(problem) for problem in caught.value.problems] == [f"docs:1: {MESSAGE}"]


def test_the_staff_check_refuses_a_link_before_reading_it(project, capsys):
    link = project / "docs" / "assets" / "mat-khau.txt"
    link.symlink_to("/etc/passwd")
    try:
        assert check(["--thu-muc", str(project)]) == 1
    finally:
        link.unlink()
    out = capsys.readouterr().out
    assert f"docs/assets/mat-khau.txt:1: {MESSAGE}" in out
    assert "root:" not in out


@pytest.mark.parametrize("name", ["docs/assets/mat-khau.txt", "docs/thu-muc-ngoai", "docs/assets/ban-sao"])
def test_the_build_refuses_a_link_and_keeps_the_last_site(project, outside, tmp_path, caplog, name):
    site, _ = build_site(project, tmp_path / "site")
    before = sorted(path.relative_to(site).as_posix() for path in site.rglob("*"))
    link = project / name
    link.symlink_to(links_in(project, outside)[name])
    try:
        with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
            build_site(project, site)
    finally:
        link.unlink()
    [error] = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert error.startswith("Nội dung có 1 lỗi cần sửa trước khi xuất bản")
    assert f"{name}:1: {MESSAGE}" in error
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*")) == before
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"root:x:0:0" not in data and "không được xuất bản".encode() not in data
    assert not any(os.path.islink(path) for path in site.rglob("*"))
