"""Addresses that last: a renamed article's or practice's old address leads to its new one.

`docs/dia-chi-da-dang.yaml` records, per entry id (`ma`, never changed), every docs path the
entry has been published under. The staff check `cchc-kiem-tra` adds the current path of every
published entry to it (the file is committed with the change); nobody writes a redirect by hand.
The build then serves, at each recorded path that is no longer the entry's, a small page that
sends the reader on to the current address. A path that another entry now uses, or a file that
exists in `docs/`, is never overwritten.

Why a committed file rather than git history: builds run from shallow clones (history absent)
and the same commit must give the same site; the file is plain data, reviewed in the pull
request like the rename itself.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from ..articles.model import ARTICLES_DIR, PRACTICES_DIR, SLUG
from ..base.errors import ContentError, Problem
from ..base.render import yaml_text
from ..base.yamlsource import check_bounds, decode_utf8

REGISTRY_FILE = "docs/dia-chi-da-dang.yaml"
_HEADER = (
    '# Các địa chỉ mà mỗi bài viết, mô hình đã được đăng (theo mã "ma"), do lệnh cchc-kiem-tra tự ghi.\n'
    "# KHÔNG sửa tay. Khi đổi tên tệp của một bài đã đăng, hãy chạy cchc-kiem-tra rồi đưa tệp này\n"
    "# vào cùng thay đổi: địa chỉ cũ sẽ tự chuyển sang địa chỉ mới.\n"
)

Registry = Mapping[str, tuple[str, ...]]

_ENTRY_PATH = re.compile(rf"(?:{ARTICLES_DIR}/\d{{4}}|{PRACTICES_DIR})/(?:{SLUG.pattern})\.md")
"""The only docs paths an entry is published under (cchc.articles.model checks each file's place and
name). A redirect is written where an old path says: anything else ("../x.md", "/etc/x.md", "abc",
"sitemap.xml.md") would write outside the site or where MkDocs writes a file of its own."""


def load_registry(path: Path, source: str = REGISTRY_FILE) -> dict[str, tuple[str, ...]]:
    """The recorded paths per entry id; an absent file is an empty record."""
    if not path.is_file():
        return {}
    text = decode_utf8(path.read_bytes(), source)
    try:
        # Bounded like every content file: PyYAML's own loader recurses once per nesting level.
        check_bounds(text, source)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        raise ContentError(
            [Problem(source, line, "tệp không đọc được; hãy xóa tệp và chạy lại cchc-kiem-tra để ghi lại")]
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(key, str) and isinstance(value, list) and all(isinstance(item, str) for item in value)
        for key, value in data.items()
    ):
        raise ContentError(
            [Problem(source, 1, "tệp sai dạng (mỗi mã một danh sách đường dẫn); hãy xóa tệp và chạy lại cchc-kiem-tra")]
        )
    # The shape is checked above: a mapping of lists of texts, each item with its own line.
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    items = (item for _, paths in (root.value if root is not None else ()) for item in paths.value)
    problems = [
        Problem(
            source,
            item.start_mark.line + 1,
            f'"{item.value}" không phải đường dẫn của một bài viết hay mô hình ({ARTICLES_DIR}/<năm>/<tên-tệp>.md '
            f"hoặc {PRACTICES_DIR}/<tên-tệp>.md); hãy xóa dòng này: tệp do cchc-kiem-tra tự ghi",
        )
        for item in items
        if not _ENTRY_PATH.fullmatch(item.value)
    ]
    if problems:
        raise ContentError(problems)
    return {key: tuple(value) for key, value in data.items()}


def updated_registry(registry: Registry, current: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """`registry` with each (id, docs path) of `current` (the published entries) recorded."""
    updated = {key: tuple(value) for key, value in registry.items()}
    for ident, src_uri in current:
        known = updated.get(ident, ())
        if src_uri not in known:
            updated[ident] = known + (src_uri,)
    return updated


def dump_registry(registry: Registry) -> str:
    body = yaml_text({key: list(registry[key]) for key in sorted(registry)})
    return _HEADER + ("" if not registry else "\n" + body)


def redirects(registry: Registry, current: Mapping[str, str], taken: Iterable[str]) -> dict[str, str]:
    """Old docs path → current docs path, for every recorded path of a published entry (id →
    current path in `current`) that is neither its current one nor `taken` (another file)."""
    taken = set(taken) | set(current.values())
    moves: dict[str, str] = {}
    for ident, paths in sorted(registry.items()):
        target = current.get(ident)
        if target is None:
            continue
        for old in paths:
            if old != target and old not in taken:
                moves[old] = target
    return moves


def output_path(src_uri: str, directory_urls: bool) -> str:
    """Where MkDocs writes the page of `src_uri` (e.g. `bai-viet/2025/a.md` → `bai-viet/2025/a/index.html`)."""
    stem = src_uri[: -len(".md")]
    if stem.endswith("/index") or stem == "index" or not directory_urls:
        return stem + ".html"
    return stem + "/index.html"


def redirect_page(from_path: str, to_url: str, absolute: str) -> str:
    """A page at `from_path` (site-relative output path) leading to the site-relative `to_url`."""
    relative = posixpath.relpath(to_url or ".", posixpath.dirname(from_path) or ".")
    if to_url.endswith("/") and not relative.endswith("/"):
        relative += "/"
    href = html.escape(relative, quote=True)
    return (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        "<title>Trang đã chuyển địa chỉ</title>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{html.escape(absolute, quote=True)}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<p>Trang này đã chuyển đến địa chỉ mới: <a href="{href}">{href}</a>.</p>\n</body>\n</html>\n'
    )
