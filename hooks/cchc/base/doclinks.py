"""Links and images in hand-written Markdown pages, checked before anything is built.

MkDocs reports a missing image or page only while it writes the site, in English; staff need
the file, the line and what to do, in Vietnamese, and the build must stop before it writes."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from .errors import ContentError, Problem
from .links import SiteTargets
from .yamlsource import decode_utf8

# Inline links and images: [text](target "title") and ![alt](target). Reference-style links
# are rare in staff content and MkDocs checks them itself.
_LINK = re.compile(r"(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")

def _targets_of(text: str) -> list[tuple[int, bool, str, str]]:
    """(line, is_image, target, text) of every inline link outside fenced and inline code."""
    found = []
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        bare = re.sub(r"`[^`]*`", "", line)
        found.extend((number, bang == "!", target, label) for bang, label, target in _LINK.findall(bare))
    return found


def linked_files(text: str, uri: str) -> tuple[str, ...]:
    """Docs-relative paths of the files (images, documents; not pages) that the Markdown `text`
    of the page at `uri` links to, in order, each once."""
    found: dict[str, None] = {}
    for _, _, target, _ in _targets_of(text):
        address = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not address or _SCHEME.match(target) or address.startswith("/") or address.endswith((".md", "/")):
            continue
        found[posixpath.normpath(posixpath.join(posixpath.dirname(uri), address))] = None
    return tuple(found)


def _problem(source: str, line: int, is_image: bool, target: str, missing: str) -> Problem:
    what = "ảnh" if is_image else "liên kết"
    folder = posixpath.dirname(missing) or "docs"
    hint = (
        f"hãy tải ảnh lên đúng chỗ (docs/{folder}/) hoặc sửa đường dẫn cho khớp tên tệp, kể cả chữ hoa, chữ thường"
        if is_image
        else "hãy sửa đường dẫn (tính từ thư mục của trang này) cho khớp một trang hay tệp có trong docs/"
    )
    return Problem(source, line, f"{what} \"{target}\" trỏ tới docs/{missing}, tệp này không tồn tại; {hint}")


def check_doc_links(docs_dir: Path, root: Path, targets: SiteTargets) -> list[Problem]:
    """Every relative link and image of every Markdown file under `docs_dir` must resolve to a
    file of the site (a docs file or a generated one)."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        source = path.relative_to(root).as_posix()
        try:
            text = decode_utf8(path.read_bytes(), source)
        except ContentError as error:
            # MkDocs would stop on this page with a Python error; say which line instead.
            problems.extend(error.problems)
            continue
        for line, is_image, target, label in _targets_of(text):
            if is_image and not label.strip():
                problems.append(
                    Problem(
                        source,
                        line,
                        f"ảnh \"{target}\" chưa có mô tả: viết mô tả nội dung ảnh trong ngoặc vuông, ví dụ "
                        f"![Phụ huynh nộp học phí bằng mã QR]({target}), cho người không xem được ảnh",
                    )
                )
            address = unquote(target.split("#", 1)[0].split("?", 1)[0])
            if not address or _SCHEME.match(target) or target.startswith("//"):
                continue
            if address.startswith("/"):
                problems.append(
                    Problem(
                        source,
                        line,
                        f"đường dẫn \"{target}\" bắt đầu bằng \"/\"; hãy viết đường dẫn tương đối tính từ thư mục "
                        "của trang này (ví dụ anh/hinh.png hoặc ../ke-hoach/2025.md)",
                    )
                )
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(uri), address))
            if address.endswith("/"):
                resolved = f"{resolved}/index.md"
            if resolved in targets:
                fragment = target.partition("#")[2]
                fragments = targets[resolved]
                if fragment and fragments is not None and fragment not in fragments:
                    problems.append(
                        Problem(
                            source,
                            line,
                            f"liên kết \"{target}\" trỏ tới mục \"#{fragment}\" không có trên trang docs/{resolved}; "
                            "với nhiệm vụ của kế hoạch, viết #nv-<lĩnh vực>-<số>, ví dụ #nv-1-11",
                        )
                    )
                continue
            problems.append(_problem(source, line, is_image, target, resolved))
    return problems
