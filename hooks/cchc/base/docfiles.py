"""Which files under docs/ may be published: pages, pictures, documents, sound and video; never a
file a browser runs as a page or a script, and never a page the column's checks do not read.

MkDocs copies every file under docs/ that is not a Markdown page to the site as it is, and the
sanitiser only sees Markdown pages. A pull request adding `docs/tin.html` with a `<script>` (or an
`.svg`, an `.xml` with one) would run that script at the column's own address when a reader opens
the file. So outside the developers' files (`DEVELOPER_FILES`, which `.github/CODEOWNERS` gives a
reviewer) only the kinds in `PUBLISHED_KINDS` are accepted: a list of what is allowed, not of what
is dangerous, since a browser may run kinds nobody thought of.

MkDocs also renders `.markdown`, `.mdown`, `.mkdn` and `.mkd` files as pages, but every check of
the column (bounds, links, images, the sanitiser's report) reads `.md` pages: such a page would
reach Python-Markdown unchecked, and is refused with the name to give it.

Hidden files and folders (a name starting with ".") are skipped: MkDocs never publishes them.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, source_name

MKDOCS_MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""The names MkDocs renders as Markdown pages (`mkdocs.utils.markdown_extensions`;
tests/test_docfiles.py compares them)."""

PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
DOCUMENTS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".csv", ".txt")
MEDIA = (".mp3", ".mp4", ".webm")
PUBLISHED_KINDS = frozenset((".md", ".yaml", ".yml") + PICTURES + DOCUMENTS + MEDIA)
"""Name endings (compared in lower case) of the files staff may add under docs/: pages, the
column's data files, and what a browser shows or downloads without running it."""

DEVELOPER_FILES = ("quan-tri/", "assets/javascripts/", "assets/cchc")
"""Beginnings of docs paths that hold the developers' own scripts, styles and pages (the content
editor, the search worker, the column's script and styles). `.github/CODEOWNERS` gives each a
reviewer (tests/test_docfiles.py checks it)."""


def unpublishable_files(docs_dir: Path, root: Path) -> list[Problem]:
    """A problem for each file under `docs_dir` that must not be published as it is."""
    problems: list[Problem] = []
    if not docs_dir.is_dir():
        return problems
    shown = source_name(docs_dir, root)
    for path in sorted(docs_dir.rglob("*")):
        uri = path.relative_to(docs_dir).as_posix()
        if uri.startswith(".") or "/." in uri or path.is_dir():
            continue
        message = _refusal(path, developers=uri.startswith(DEVELOPER_FILES))
        if message:
            problems.append(Problem(f"{shown}/{uri}", 1, message))
    return problems


def _refusal(path: Path, *, developers: bool) -> str | None:
    """Why `path` is refused, if it is: a page under another Markdown name anywhere, a kind not
    in `PUBLISHED_KINDS` outside the developers' files."""
    if path.name.endswith(MKDOCS_MARKDOWN_SUFFIXES[:-1]):
        return (
            f"MkDocs đọc tệp đuôi {path.suffix} như một trang, nhưng chuyên mục chỉ kiểm tra các trang có đuôi "
            f".md (độ dài, liên kết, ảnh, mã HTML); hãy đổi tên tệp thành {path.stem}.md"
        )
    if developers or path.suffix.lower() in PUBLISHED_KINDS:
        return None
    kind = f"đuôi {path.suffix}" if path.suffix else "không có đuôi"
    return (
        f"tệp {kind} không được đăng lên trang: trình duyệt có thể chạy mã chứa trong những tệp như .html, "
        f".svg, .xml hay .js. Chuyên mục chỉ nhận trang .md, ảnh ({', '.join(PICTURES)}), tài liệu "
        f"({', '.join(DOCUMENTS)}), âm thanh và video ({', '.join(MEDIA)}). Hãy lưu ảnh thành .png hoặc .jpg, "
        "văn bản thành .pdf hoặc .docx, rồi xóa tệp này"
    )
