"""One module owns every generated address (`cchc.site.addresses`): a real build writes exactly
the files it plans, no more, no fewer."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from cchc.base import dates
from cchc.base.errors import ContentError
from cchc.content import load_content
from cchc.site.addresses import planned_files
from cchc.site.assembly import _refuse_files_at_generated_addresses
from cchc.site.glossary import GLOSSARY_FILE
from projects import apply_overlay, copy_project
from sitebuild import build_site

ENGINE_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
ENGINE_FOLDERS = ("assets/", "search/")
"""What MkDocs and Material write themselves (theme assets, the search index, the sitemap)."""


def written_path(src_uri: str) -> str:
    """Where a docs path is written with directory URLs (the site's setting)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def generated_in(site: Path, docs: Path) -> set[str]:
    """Files of the built site that come neither from a docs file nor from the engine."""
    written = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    from_docs = {written_path(path.relative_to(docs).as_posix()) for path in docs.rglob("*") if path.is_file()}
    engine = {path for path in written if path in ENGINE_FILES or path.startswith(ENGINE_FOLDERS)}
    return written - from_docs - engine


def planned(project: Path, as_of: dt.date) -> tuple[str, ...]:
    content = load_content(project, project / "mkdocs.yml", as_of)
    glossary = (project / GLOSSARY_FILE).is_file()
    return planned_files(content.plans, content.published_articles, as_of, glossary=glossary)


def test_the_real_site_writes_exactly_the_planned_files(built_site):
    project, site, _ = built_site
    files = planned(project, dates.parse_as_of(os.environ.get("CCHC_AS_OF")))
    assert len(files) == len(set(files))
    assert generated_in(site, project / "docs") == {written_path(uri) for uri in files}


def test_articles_over_several_pages_and_years_write_exactly_the_planned_files(tmp_path, monkeypatch):
    project = apply_overlay(copy_project(tmp_path / "project"))
    for number in range(1, 12):
        year = 2025 if number > 1 else 2024
        path = project / "docs/bai-viet" / str(year) / f"tin-{number:02d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'---\nma: "urn:test:tin-{number}"\ntieu_de: "Tin {number}"\nngay_dang: {year}-03-{number:02d}\n'
            f'loai: tin_anh\ntom_tat: "Tóm tắt {number}."\ntac_gia: Người kiểm thử\n---\n\nNội dung.\n',
            encoding="utf-8",
        )
    monkeypatch.setenv("CCHC_AS_OF", "2025-05-10")
    site, _ = build_site(project)
    files = planned(project, dt.date(2025, 5, 10))
    assert {"bai-viet/trang/2.md", "bai-viet/2024/index.md", "bai-viet/2025/quy-2.md"} <= set(files)
    assert generated_in(site, project / "docs") == {written_path(uri) for uri in files}


@pytest.mark.parametrize(
    ("src_uri", "path"), [("index.md", "index.html"), ("a/b.md", "a/b/index.html"), ("a.csv", "a.csv")]
)
def test_written_path(src_uri, path):
    assert written_path(src_uri) == path


def test_a_docs_file_at_a_generated_address_stops_the_build_with_its_name(tmp_path, caplog):
    # The engine keeps the last file added at an address: the generated notes page would replace
    # a staff page docs/ke-hoach/2025/ghi-chu.md with no word.
    project = copy_project(tmp_path / "project")
    (project / "docs/ke-hoach/2025").mkdir(parents=True, exist_ok=True)
    (project / "docs/ke-hoach/2025/ghi-chu.md").write_text("# Ghi chú của tôi\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    errors = "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)
    assert "docs/ke-hoach/2025/ghi-chu.md:1: tệp này trùng địa chỉ với một trang hay tệp do chuyên mục tự tạo" in errors


def test_a_docs_folder_named_like_a_file_the_engine_writes_stops_the_build_with_its_name(tmp_path, caplog):
    # docs/sitemap.xml/ with a picture: MkDocs then writes its sitemap onto a folder
    # (IsADirectoryError, a Python traceback without the file to fix).
    project = copy_project(tmp_path / "project")
    (project / "docs/sitemap.xml").mkdir()
    (project / "docs/sitemap.xml/anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    errors = "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)
    assert "docs/sitemap.xml:1: tệp này trùng địa chỉ với một trang hay tệp do chuyên mục tự tạo" in errors


@pytest.mark.parametrize(
    ("generated", "staff", "directory_urls"),
    [
        ("ke-hoach/2025/ghi-chu.md", "ke-hoach/2025/ghi-chu.md", True),
        ("ke-hoach/2025/ghi-chu.md", "ke-hoach/2025/ghi-chu/index.md", True),
        ("ke-hoach/2025/ghi-chu.md", "ke-hoach/2025/ghi-chu/README.md", True),
        ("ke-hoach/2025/ghi-chu.md", "ke-hoach/2025/ghi-chu/index.html", True),
        ("ke-hoach/2025/index.md", "ke-hoach/2025/README.md", True),
        ("ke-hoach/2025/index.md", "ke-hoach/2025/README.md", False),
        ("ke-hoach/2025/index.md", "ke-hoach/2025/index.html", False),
        ("index.md", "README.md", True),
        ("bao-cao/2025/quy-1.docx", "bao-cao/2025/quy-1.docx", True),
    ],
)
def test_a_docs_file_published_at_a_generated_address_is_refused(tmp_path, generated, staff, directory_urls):
    """Not only the same path: the engine publishes README.md as index.md, and with directory URLs
    a/b/index.md where a/b.md is; the generated one would replace the staff's with no word."""
    docs = tmp_path / "docs"
    (docs / staff).parent.mkdir(parents=True)
    (docs / staff).write_text("# Trang của tôi\n", encoding="utf-8")
    (docs / "ke-hoach/2025/khac.md").parent.mkdir(parents=True, exist_ok=True)
    (docs / "ke-hoach/2025/khac.md").write_text("# Khác\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        _refuse_files_at_generated_addresses(docs, tmp_path, (generated, "so-do-trang.md"), directory_urls)
    assert [(problem.source, problem.line) for problem in raised.value.problems] == [(f"docs/{staff}", 1)]


@pytest.mark.parametrize(
    ("generated", "staff", "directory_urls"),
    [
        ("ke-hoach/2025/ghi-chu.md", "ke-hoach/2025/ghi-chu/index.md", False),
        ("ke-hoach/2025/ghi-chu.md", "ke-hoach/2025/ghi-chu/anh.png", True),
        ("ke-hoach/2025/ghi-chu.md", "ke-hoach/2025/ghi-chu-khac.md", True),
        ("ke-hoach/2025/index.md", "ke-hoach/README.md", True),
    ],
)
def test_a_docs_file_at_another_address_is_kept(tmp_path, generated, staff, directory_urls):
    docs = tmp_path / "docs"
    (docs / staff).parent.mkdir(parents=True)
    (docs / staff).write_text("x\n", encoding="utf-8")
    _refuse_files_at_generated_addresses(docs, tmp_path, (generated,), directory_urls)
