"""Links and images in hand-written Markdown pages, checked before anything is built.

MkDocs reports a missing image or page only while it writes the site, in English; staff need
the file, the line and what to do, in Vietnamese, and the build must stop before it writes."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import yaml

from .errors import ContentError, Problem
from .links import SiteTargets
from .yamlsource import compose, control_character_problem, decode_utf8, thousands, unknown_key_message

# The destination of an inline link, read right after a "]": (target "title"). It excludes "(",
# so that two attempts never scan the same characters: the work stays linear in the line.
_DESTINATION = re.compile(r"\(\s*<?([^()\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_BRACKET = re.compile(r"\\.|[\[\]]")
_INLINE_CODE = re.compile(r"`[^`]*`")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
# Lazy but anchored at the start: one attempt, each line end tried once.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MKDOCS_META_LINE = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")
"""A first line MkDocs reads as a front matter key when the page has no "---" block
(MultiMarkdown meta-data, `mkdocs.utils.meta.META_RE`)."""

MAX_PAGE_CHARS = 200_000
"""A Markdown page longer than this is refused: Python-Markdown's inline work grows faster than
the text, and no article needs a tenth of it."""
MAX_UNCLOSED = 20
"""Unclosed "[" or "(" per paragraph: Python-Markdown scans to the paragraph's end for each one."""
MAX_MARKUP_SIGNS = 20_000
"""Inline markup signs (\\ [ ] ( ) < & ` * _) per page: each costs Python-Markdown a pass over
its paragraph."""
_PAIRED = re.compile(r"\\.|[\[\]()]")
_MARKUP_SIGNS = re.compile(r"[\\\[\]()<&`*_]")


def split_front_matter(text: str) -> tuple[str, int, str] | None:
    """(front matter text, its first line number, body) or None when the file has none."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    return match.group(1) or "", 2, text[match.end() :]


def _inline_links(line: str) -> list[tuple[bool, str, str]]:
    """(is_image, text, target) of the inline links of one line, in one pass: a stack pairs each
    "]" with its "[" (brackets nest inside link text), and a destination is read only after a
    pair, as CommonMark does; a link's text holds no other link (an image is fine)."""
    found: list[tuple[int, bool, str, str]] = []
    openers: list[int] = []
    position = 0
    while True:
        sign = _BRACKET.search(line, position)
        if sign is None:
            break
        position = sign.end()
        if sign.group() == "[":
            openers.append(sign.start())
        elif sign.group() == "]" and openers:
            start = openers.pop()
            destination = _DESTINATION.match(line, sign.end())
            if destination is None:
                continue
            is_image = line[start - 1 : start] == "!"
            found.append((start - is_image, is_image, line[start + 1 : sign.start()], destination.group(1)))
            position = destination.end()
            if not is_image:
                openers.clear()
    return [(is_image, label, target) for _, is_image, label, target in sorted(found)]


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
        if "](" not in line:
            continue
        bare = _INLINE_CODE.sub("", line)
        found.extend((number, is_image, target, label) for is_image, label, target in _inline_links(bare))
    return found


def _unclosed(line: str) -> int:
    """Opening "[" and "(" of a line that no closing sign matches (escaped signs do not count)."""
    open_signs = {"[": 0, "(": 0}
    for sign in _PAIRED.finditer(line):
        char = sign.group()
        if char in open_signs:
            open_signs[char] += 1
        elif char == "]" and open_signs["["]:
            open_signs["["] -= 1
        elif char == ")" and open_signs["("]:
            open_signs["("] -= 1
    return open_signs["["] + open_signs["("]


@dataclass(frozen=True)
class CheckedPage:
    """A page checked by `check_page`: its problems, and its front matter's node tree when our
    bounded reader read it without a problem (None otherwise, or when the page has none)."""

    problems: tuple[Problem, ...]
    front: yaml.Node | None = None


def page_problems(text: str, source: str, keys: tuple[str, ...] | None = None) -> list[Problem]:
    """What Python-Markdown must never be handed (see `check_page`)."""
    return list(check_page(text, source, keys).problems)


PAGE_KEYS = ("title", "description", "author", "subtitle", "image")
"""The front matter keys of a hand-written page (one that is neither an article nor a practice,
whose loaders have keys of their own): those the adapter escapes before Material prints them
(`_PRINTED_META` in cchc_site.py) and the link preview's picture (`cchc.site.social`). Material
prints others as they are, some inside an attribute (`status` in the navigation's class,
`revision_date` in the page's footer), and a `search` or `hide` that is not of Material's shape
stops its templates with a Python error."""


def check_page(text: str, source: str, keys: tuple[str, ...] | None = None) -> CheckedPage:
    """What Python-Markdown must never be handed, checked in one linear pass before any page is
    rendered: a page too long, a control character (it would also break the feed's XML), a
    paragraph with too many unclosed brackets, too many markup signs. The front matter's tree is
    kept, so that a loader reading the page's fields does not parse it again. With `keys`, its
    front matter may hold those keys only, each with a single text value."""
    if len(text) > MAX_PAGE_CHARS:
        return CheckedPage(
            (
                Problem(
                    source,
                    1,
                    f"trang dài quá: {thousands(len(text))} ký tự, tối đa {thousands(MAX_PAGE_CHARS)}; "
                    "hãy chia nội dung thành nhiều bài hoặc nhiều trang",
                ),
            )
        )
    control = control_character_problem(text, source)
    if control is not None:
        return CheckedPage((control,))
    # Front matter is YAML: read by our bounded reader (MkDocs parses it again, unbounded, for
    # every page), with the Markdown bounds starting after it.
    parts = split_front_matter(text)
    problems, front = [], None
    if parts and parts[0].strip():
        try:
            front = compose(parts[0], source, first_line=parts[1])
            problems.extend(_theme_key_problems(front, source, parts[1]))
            if keys is not None:
                problems.extend(_page_key_problems(front, source, parts[1], keys))
        except ContentError as error:
            problems.extend(error.problems)
    elif parts is None and keys is not None and _MKDOCS_META_LINE.match(text):
        # Without a "---" block MkDocs takes the page's first lines of the shape "key: value" as
        # its front matter, which Material prints as it is: the same keys as above.
        problems.append(
            Problem(
                source,
                1,
                f'dòng đầu trang có dạng "khóa: giá trị", MkDocs đọc nó như phần đầu trang; hãy đặt phần đầu '
                f'trang giữa hai dòng "---" (chỉ có {", ".join(keys)}), hoặc viết dòng đầu khác đi',
            )
        )
    body, first_line = (parts[2], text.count("\n", 0, len(text) - len(parts[2])) + 1) if parts else (text, 1)
    problems.extend(_markup_problems(body, first_line, source))
    return CheckedPage(tuple(problems), None if problems else front)


def _markup_problems(body: str, first_line: int, source: str) -> list[Problem]:
    problems = []
    signs = len(_MARKUP_SIGNS.findall(body))
    if signs > MAX_MARKUP_SIGNS:
        problems.append(
            Problem(
                source,
                first_line,
                f"trang có quá nhiều ký hiệu định dạng ({thousands(signs)} dấu \\ [ ] ( ) < & ` * _, tối đa {thousands(MAX_MARKUP_SIGNS)}); "
                "hãy chia nội dung thành nhiều bài hoặc bỏ các ký hiệu thừa",
            )
        )
    problems.extend(_unclosed_problems(body, first_line, source))
    return problems


THEME_KEYS = ("template", "icon")
"""Front matter keys that make Material load a file of the theme by name: a wrong name stops the
build inside Jinja, so staff pages may not set them (our generated pages do, from code)."""


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _theme_key_problems(node: yaml.Node, source: str, first_line: int) -> list[Problem]:
    return [
        Problem(
            source,
            key.start_mark.line + first_line,
            f'khóa "{key.value}" không dùng được trong trang nội dung: giao diện trang do chuyên mục '
            "quyết định; hãy xóa dòng này",
        )
        for key in _mapping_keys(node, set())
        if isinstance(key, yaml.ScalarNode) and key.value in THEME_KEYS
    ]


def _page_key_problems(node: yaml.Node, source: str, first_line: int, keys: tuple[str, ...]) -> list[Problem]:
    if not isinstance(node, yaml.MappingNode):
        return [
            Problem(source, node.start_mark.line + first_line, f"đầu trang phải là một nhóm khóa: {', '.join(keys)}")
        ]
    problems = []
    for key in _mapping_keys(node, set()):
        line = key.start_mark.line + first_line
        if not isinstance(key, yaml.ScalarNode) or key.value not in keys + THEME_KEYS:
            problems.append(Problem(source, line, unknown_key_message(str(key.value), keys)))
    for key, value in node.value:
        if key.value in keys and not isinstance(value, yaml.ScalarNode):
            problems.append(Problem(source, value.start_mark.line + first_line, f'"{key.value}" phải là một dòng chữ'))
    return problems


def _mapping_keys(node: yaml.Node, seen: set[int]) -> list[yaml.Node]:
    """The keys of the mapping `node`, with those of the mappings it merges ("<<: *a", which
    MkDocs's loader honours), each mapping once."""
    if not isinstance(node, yaml.MappingNode) or id(node) in seen:
        return []
    seen.add(id(node))
    keys = []
    for key, value in node.value:
        if key.tag == _MERGE_TAG:
            for merged in value.value if isinstance(value, yaml.SequenceNode) else (value,):
                keys += _mapping_keys(merged, seen)
        else:
            keys.append(key)
    return keys


def _unclosed_problems(body: str, first_line: int, source: str) -> list[Problem]:
    """One problem per paragraph of `body` (its first line numbered `first_line`) that leaves
    more than `MAX_UNCLOSED` brackets open, reported at the line where it crosses the bound."""
    problems = []
    block_start, unclosed = 0, 0
    for number, line in enumerate(body.splitlines(), start=first_line):
        if not line.strip():
            block_start, unclosed = 0, 0
            continue
        block_start = block_start or number
        if unclosed > MAX_UNCLOSED or ("[" not in line and "(" not in line):
            continue  # reported once per paragraph; a line with no opening sign opens nothing
        unclosed += _unclosed(line)
        if unclosed > MAX_UNCLOSED:
            problems.append(
                Problem(
                    source,
                    number,
                    f'đoạn văn từ dòng {block_start} có quá nhiều dấu mở ngoặc "[" hoặc "(" không có dấu đóng '
                    f"(hơn {MAX_UNCLOSED}); hãy đóng ngoặc cho đủ, hoặc viết \\[ nếu muốn hiện dấu [ như chữ thường",
                )
            )
    return problems


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


def _missing_file_problem(source: str, line: int, is_image: bool, target: str, missing: str) -> Problem:
    what = "ảnh" if is_image else "liên kết"
    folder = posixpath.dirname(missing) or "docs"
    hint = (
        f"hãy tải ảnh lên đúng chỗ (docs/{folder}/) hoặc sửa đường dẫn cho khớp tên tệp, kể cả chữ hoa, chữ thường"
        if is_image
        else "hãy sửa đường dẫn (tính từ thư mục của trang này) cho khớp một trang hay tệp có trong docs/"
    )
    return Problem(source, line, f'{what} "{target}" trỏ tới docs/{missing}, tệp này không tồn tại; {hint}')


def _undescribed_image_problem(source: str, line: int, target: str) -> Problem:
    return Problem(
        source,
        line,
        f'ảnh "{target}" chưa có mô tả: viết mô tả nội dung ảnh trong ngoặc vuông, ví dụ '
        f"![Phụ huynh nộp học phí bằng mã QR]({target}), cho người không xem được ảnh",
    )


def _target_problem(
    source: str, uri: str, line: int, is_image: bool, target: str, targets: SiteTargets
) -> Problem | None:
    """What is wrong with the `target` of a link or image on line `line` of the page at `uri`:
    an absolute path, a missing file or a missing section; None when it resolves (or leaves the
    site)."""
    address = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not address or _SCHEME.match(target) or target.startswith("//"):
        return None
    if address.startswith("/"):
        return Problem(
            source,
            line,
            f'đường dẫn "{target}" bắt đầu bằng "/"; hãy viết đường dẫn tương đối tính từ thư mục '
            "của trang này (ví dụ anh/hinh.png hoặc ../ke-hoach/2025.md)",
        )
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(uri), address))
    if address.endswith("/"):
        resolved = f"{resolved}/index.md"
    if resolved not in targets:
        return _missing_file_problem(source, line, is_image, target, resolved)
    fragment = target.partition("#")[2]
    fragments = targets[resolved]
    if fragment and fragments is not None and fragment not in fragments:
        return Problem(
            source,
            line,
            f'liên kết "{target}" trỏ tới mục "#{fragment}" không có trên trang docs/{resolved}; '
            "với nhiệm vụ của kế hoạch, viết #nv-<lĩnh vực>-<số>, ví dụ #nv-1-11",
        )
    return None


def check_doc_links(
    docs_dir: Path,
    root: Path,
    targets: SiteTargets,
    *,
    bounds_checked: frozenset[str] = frozenset(),
    entry_folders: tuple[str, ...] = (),
) -> list[Problem]:
    """Every relative link and image of every Markdown file under `docs_dir` must resolve to a
    file of the site (a docs file or a generated one). The pages in `bounds_checked` (docs paths:
    the articles and practices, read by their loaders) passed `page_problems` already. Pages
    under `entry_folders` (docs folders ending in "/") are the loaders' even when a mistake kept
    them from reading one: their keys are the loaders' to check, not `PAGE_KEYS`."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        source = path.relative_to(root).as_posix()
        try:
            # Universal newlines, as MkDocs reads the page: "---\r\n" opens its front matter too.
            text = decode_utf8(path.read_bytes(), source).replace("\r\n", "\n").replace("\r", "\n")
        except ContentError as error:
            # MkDocs would stop on this page with a Python error; say which line instead.
            problems.extend(error.problems)
            continue
        keys = None if uri.startswith(entry_folders) else PAGE_KEYS
        bounds = () if uri in bounds_checked else page_problems(text, source, keys)
        if bounds:
            problems.extend(bounds)
            continue
        for line, is_image, target, label in _targets_of(text):
            if is_image and not label.strip():
                problems.append(_undescribed_image_problem(source, line, target))
            problem = _target_problem(source, uri, line, is_image, target, targets)
            if problem is not None:
                problems.append(problem)
    return problems
