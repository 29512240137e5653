"""`mkdocs serve` keeps what a rebuild computed per page (converted Markdown, cleaned HTML,
compiled templates, the reports' .docx) for the next rebuild: the site it serves after an edit
must be byte for byte the site a fresh process builds from the edited files."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

from projects import overlay_project

# Builds the project as `mkdocs serve` does: one process, the configuration loaded again for each
# build, the hooks' `on_startup` told "serve". Between builds it applies the edits named on the
# command line (file, text appended); the site of the last build stays in `site_dir`. With
# IDENTITIES set, it notes after each build every site file's inode and modification time there.
SERVE_LIKE = r"""
import json
import os
import sys
from pathlib import Path
if sys.argv[1] == "properdocs":
    import properdocs.replacement  # noqa: F401
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, edits = Path(sys.argv[2]), sys.argv[3], sys.argv[4:]
URL = "http://127.0.0.1:8000/"
REPLACED_BY = " ==> "
DELETED = "<deleted>"
IDENTITIES = os.environ.get("IDENTITIES")


def build_once(first):
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
    if first:
        config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = URL
    build(config, serve_url=URL)
    if IDENTITIES:
        files = (path for path in Path(site).rglob("*") if path.is_file())
        noted = {path.relative_to(site).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns) for path in files}
        with open(IDENTITIES, "a", encoding="utf-8") as out:
            out.write(json.dumps(noted) + "\n")


build_once(True)
for index in range(0, len(edits), 2):
    path = project / edits[index]
    if edits[index + 1] == DELETED:
        path.unlink()
    else:
        old, separator, new = edits[index + 1].partition(REPLACED_BY)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1) if separator else text + old, encoding="utf-8")
    build_once(False)
"""

REPLACED_BY = " ==> "
"""In an edit's text, what separates a text of the file from what replaces it; an edit without it
is appended to the file."""
DELETED = "<deleted>"
"""An edit's text that deletes the file."""

ARTICLE = "docs/bai-viet/2025/bai-kiem-thu.md"
ENGINE = os.environ.get("CCHC_ENGINE", "mkdocs")
"""The engine the tests run on (see conftest.py): the builds below run on it too."""


def serve_like(project: Path, site: Path, *edits: str, identities: Path | None = None) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CCHC_AS_OF": "2025-12-31"}
    if identities:
        env["IDENTITIES"] = str(identities)
    subprocess.run(
        [sys.executable, "-c", SERVE_LIKE, ENGINE, str(project), str(site), *edits],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )


def differences(left: Path, right: Path) -> list[str]:
    found = []
    comparison = filecmp.dircmp(left, right)
    pending = [("", comparison)]
    while pending:
        prefix, current = pending.pop()
        found += [f"{prefix}{name} only on one side" for name in current.left_only + current.right_only]
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        found += [f"{prefix}{name}" for name in mismatch + errors]
        pending += [(f"{prefix}{name}/", sub) for name, sub in current.subdirs.items()]
    return found


def rebuilt_and_fresh(
    tmp_path: Path, edits: tuple[tuple[str, str], ...], identities: Path | None = None
) -> tuple[Path, Path]:
    """The site a serve-like process builds before, between and after `edits` (file, text
    appended, "old ==> new" replaced, or DELETED), and the site a fresh process builds from the
    edited files."""
    warm = overlay_project(tmp_path / "warm")
    cold = overlay_project(tmp_path / "cold")
    serve_like(warm, tmp_path / "site-warm", *(value for edit in edits for value in edit), identities=identities)
    for path, edit in edits:
        target = cold / path
        if edit == DELETED:
            target.unlink()
            continue
        old, separator, new = edit.partition(REPLACED_BY)
        text = target.read_text(encoding="utf-8")
        # Else both sides would build the unedited file and agree, whatever the cache keeps.
        assert not separator or old in text, f"{path} has no {old!r} to replace"
        target.write_text(text.replace(old, new, 1) if separator else text + old, encoding="utf-8")
    serve_like(cold, tmp_path / "site-cold")
    return tmp_path / "site-warm", tmp_path / "site-cold"


def test_a_rebuild_after_edits_serves_the_same_bytes_as_a_fresh_build(tmp_path):
    edits = (
        # New text with a link (the conversion checks links), then a second edit of the same page,
        # then the glossary's abbreviations in another page's text.
        (ARTICLE, "\n\nĐoạn sửa thứ nhất, xem [kế hoạch](../../ke-hoach/index.md).\n"),
        (ARTICLE, "\n\n## Mục mới\n\nĐoạn sửa thứ hai.\n"),
        ("docs/mo-hinh/mo-hinh-kiem-thu.md", "\n\nThêm một dòng về CCHC.\n"),
    )
    warm, cold = rebuilt_and_fresh(tmp_path, edits)
    assert "Đoạn sửa thứ hai" in (warm / "bai-viet/2025/bai-kiem-thu/index.html").read_text("utf-8")
    assert differences(warm, cold) == []


def test_a_rebuild_after_theme_and_configuration_edits_serves_the_same_bytes(tmp_path):
    # Page templates' output is kept between rebuilds: an edit that changes every page without
    # changing any page's content (an override template, mkdocs.yml) must still reach every page.
    edits = (
        ("overrides/partials/copyright.html", "<p>Bản sửa giao diện.</p>\n"),
        (ARTICLE, "\n\nĐoạn sửa giữa hai lần sửa giao diện.\n"),
        ("mkdocs.yml", "repo_url: https://example.invalid/ma-nguon-thu\n"),
    )
    warm, cold = rebuilt_and_fresh(tmp_path, edits)
    home = (warm / "index.html").read_text("utf-8")
    assert "Bản sửa giao diện." in home
    assert "https://example.invalid/ma-nguon-thu" in home
    assert differences(warm, cold) == []


def test_a_rebuild_after_front_matter_edits_serves_the_same_bytes(tmp_path):
    # An entry's checks, the column, the reports and the editor's settings are kept between
    # rebuilds by their inputs: a new title or summary must reach the lists, the home page, the
    # first quarter's report (page and .docx) and the feed.
    edits = (
        (ARTICLE, 'tieu_de: "Bài mẫu để kiểm thử ==> tieu_de: "Bài đã đổi tên để kiểm thử'),
        (ARTICLE, 'tom_tat: "Bài mẫu chỉ ==> tom_tat: "Tóm tắt mới: bài mẫu chỉ'),
        ("docs/mo-hinh/mo-hinh-kiem-thu.md", "\n\nThêm một dòng.\n"),
    )
    warm, cold = rebuilt_and_fresh(tmp_path, edits)
    assert "Bài đã đổi tên để kiểm thử" in (warm / "bai-viet/index.html").read_text("utf-8")
    assert "Bài đã đổi tên để kiểm thử" in (warm / "bao-cao/2025/quy-1/index.html").read_text("utf-8")
    assert "Tóm tắt mới" in (warm / "feed.xml").read_text("utf-8")
    assert differences(warm, cold) == []


def test_a_rebuild_rewrites_only_the_changed_files_and_removes_the_ones_no_longer_built(tmp_path):
    # MkDocs empties the site folder before each build and writes every file again; the preview
    # leaves a file whose bytes did not change as it is, and removes what a rebuild no longer
    # writes, page and folder: the folder must still be a fresh build's.
    practice = "mo-hinh/mo-hinh-kiem-thu/index.html"
    edits = (("docs/mo-hinh/mo-hinh-kiem-thu.md", "\n\nThêm một dòng.\n"), (ARTICLE, DELETED))
    warm, cold = rebuilt_and_fresh(tmp_path, edits, identities=tmp_path / "identities.jsonl")
    first, edited, deleted = (json.loads(line) for line in (tmp_path / "identities.jsonl").read_text().splitlines())
    assert first[practice] != edited[practice], "the edited page was not written again"
    untouched = [
        "ke-hoach/2025/index.html",
        *(name for name in first if name.startswith("assets/javascripts/bundle.") and name.endswith(".js")),
    ]
    assert len(untouched) == 2
    for name in untouched:
        assert first[name] == edited[name] == deleted[name], f"{name} was written again with the same bytes"
    assert "bai-viet/2025/bai-kiem-thu/index.html" in edited
    assert not (warm / "bai-viet/2025/bai-kiem-thu").exists()
    assert differences(warm, cold) == []


def test_a_build_after_a_serve_in_one_process_converts_every_page_afresh(monkeypatch, tmp_path):
    """`start` patches MkDocs' page conversion and Material's search sections for good; a build that a process starts after its
    serve (tests do that) must convert each page itself, not take what the serve kept: the
    published site never depends on what a process happened to keep."""
    from types import SimpleNamespace  # noqa: PLC0415

    from material.plugins.search.plugin import SearchIndex  # noqa: PLC0415
    from mkdocs import utils  # noqa: PLC0415
    from mkdocs.structure.files import File  # noqa: PLC0415
    from mkdocs.structure.pages import Page  # noqa: PLC0415

    import cchc_preview  # noqa: PLC0415
    from cchc.base import made  # noqa: PLC0415

    converted = []

    def convert(page, config, files):
        converted.append(page.markdown)
        page.content, page.toc, page._title_from_render = f"<p>{page.markdown}</p>", [], None
        page.present_anchor_ids, page.links_to_anchors = set(), {}

    # Restored after the test, with start's patches and what it kept.
    monkeypatch.setattr(Page, "render", convert)
    indexed = []
    monkeypatch.setattr(SearchIndex, "add_entry_from_context", lambda index, page: indexed.append(page))
    monkeypatch.setattr(cchc_preview, "_remembered", cchc_preview._Remembered())
    monkeypatch.setattr(made, "_rebuilds", True)
    for owner, name in ((utils, "clean_directory"), (utils, "write_file"), (File, "copy_file")):
        monkeypatch.setattr(owner, name, getattr(owner, name))
    cchc_preview.start("mkdocs")
    cchc_preview.next_build()
    file = SimpleNamespace(src_uri="a.md", dest_uri="a/index.html", url="a/", inclusion=None)
    config = SimpleNamespace(markdown_extensions=[], mdx_configs={}, validation={}, use_directory_urls=True)

    def render_page():
        page = SimpleNamespace(markdown="Bài", file=file)
        Page.render(page, config, [file])
        return page.content

    assert [render_page(), render_page()] == ["<p>Bài</p>"] * 2
    assert converted == ["Bài"], "a serve converts an unchanged page once"
    made.expect_rebuilds(False)  # what on_startup says when the process builds next
    cchc_preview.next_build()
    assert render_page() == "<p>Bài</p>"
    assert converted == ["Bài", "Bài"], "the build took the serve's conversion"
    page = SimpleNamespace(meta={}, content="<p>Bài</p>", toc=[], url="a/")
    SearchIndex.add_entry_from_context(SimpleNamespace(create_entry_for_section=lambda *_: None), page)
    assert indexed == [page], "the build's search index skipped Material's own code"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>Bài</p>", encoding="utf-8")
    utils.clean_directory(str(tmp_path))
    assert list(tmp_path.iterdir()) == [], "the build did not empty its site folder as MkDocs does"


def test_a_rebuild_writes_a_file_where_the_last_left_a_folder_and_a_folder_where_it_left_a_file(monkeypatch, tmp_path):
    # MkDocs empties the folder first, so a page whose address was a folder of the last build (or
    # a file in a folder's place) is written as in an empty folder; the kept folder must not stop
    # the rebuild, nor every rebuild after it until serve restarts.
    from mkdocs import utils  # noqa: PLC0415
    from mkdocs.structure.files import File  # noqa: PLC0415

    import cchc_preview  # noqa: PLC0415
    from cchc.base import made  # noqa: PLC0415

    for owner, name in ((utils, "clean_directory"), (utils, "write_file"), (File, "copy_file")):
        monkeypatch.setattr(owner, name, getattr(owner, name))
    monkeypatch.setattr(made, "_rebuilds", True)
    monkeypatch.setattr(cchc_preview, "_site_folder", None)
    cchc_preview._keep_unchanged_files()
    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "bieu-mau" / "cu").mkdir(parents=True)
    (site / "bieu-mau" / "cu" / "index.html").write_bytes(b"<p>cu</p>")
    (site / "anh").write_bytes(b"old")
    (site / "tep").mkdir()
    (site / "tep" / "a.txt").write_bytes(b"a")
    (docs / "anh").mkdir(parents=True)
    (docs / "anh" / "hinh.png").write_bytes(b"PNG")
    (docs / "tep").write_bytes(b"tep")
    utils.clean_directory(str(site))
    utils.write_file(b"<p>moi</p>", str(site / "bieu-mau"))
    for src_uri in ("anh/hinh.png", "tep"):
        File(src_uri, str(docs), str(site), use_directory_urls=True).copy_file()
    cchc_preview.sweep()
    written = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    assert written == {"bieu-mau": b"<p>moi</p>", "anh/hinh.png": b"PNG", "tep": b"tep"}
