"""Rendered page bodies, cleaned with an allow-list (nh3, the Python binding of Rust's ammonia).

Staff write Markdown, and Markdown lets raw HTML and any link through: a `<script>`, an
`onerror=`, an `<iframe>`, a `javascript:` or `data:` address, an attribute list
`{: onfocus=... }`. Every page's HTML goes through `clean` before it is written or copied into
the feed. What staff legitimately use survives: headings with their ids, paragraphs, lists,
tables (with their column alignment), links, images from the site itself, admonitions, details,
and the markup and SVG charts our own templates generate.

`removals` says what `clean` takes out, so staff get a message naming the file and the line
(`locate`); the build and `cchc-kiem-tra` report them. nh3 decides what is published; the
report walks the same allow-list over lxml's parse of the same HTML, except on a page whose markup
is all plainly written and allowed (nearly every page), where a scan shows there is nothing to
report.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import markdown
import nh3

from .errors import Problem

_SVG_TAGS = {
    "svg",
    "title",
    "desc",
    "defs",
    "pattern",
    "g",
    "rect",
    "circle",
    "line",
    "path",
    "polyline",
    "text",
    "tspan",
}
# input/label: the checkbox toggles our plan page folds with (CSS only, no script).
TAGS = frozenset(nh3.ALLOWED_TAGS | _SVG_TAGS | {"tfoot", "section", "input", "label"})
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea"})
"""Tags removed together with what they hold (the rest lose the tag and keep their text)."""

_EVERY_TAG = {
    "id",
    "class",
    "title",
    "lang",
    "dir",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
    "data-label",
    "data-search-exclude",
}
_SVG_ATTRIBUTES = {
    "viewBox",
    "width",
    "height",
    "xmlns",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "d",
    "points",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "font-size",
    "font-weight",
    "text-anchor",
    "patternUnits",
    "patternTransform",
    "transform",
}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _EVERY_TAG,
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan", "headers", "style"},
    "td": {"colspan", "rowspan", "headers", "style", "data-short"},
    "input": {"type"},
    "label": {"for"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "col": {"span"},
    "colgroup": {"span"},
    **{tag: _SVG_ATTRIBUTES for tag in _SVG_TAGS},
}
STYLE_PROPERTIES = frozenset({"text-align"})
"""Python-Markdown's tables align columns with `style="text-align: …"`; nothing else of CSS."""
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_ATTRIBUTES = {"href", "src", "cite"}
_SCHEME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_PAINT = re.compile(r"#[0-9a-fA-F]{3,8}|[a-z]+|url\(#[\w-]+\)")
_LOWER_ATTRIBUTES = {tag: {name.lower() for name in names} for tag, names in ATTRIBUTES.items()}
_ALLOWED_NAMES = {tag: frozenset(_LOWER_ATTRIBUTES["*"] | _LOWER_ATTRIBUTES.get(tag, set())) for tag in TAGS}
"""The attribute names (lower case) each allowed tag keeps, made once."""


_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def _refusal(tag: str, attribute: str, value: str) -> str | None:
    """Why an allowed attribute's value is refused, or None when it is kept."""
    if attribute in _URL_ATTRIBUTES:
        # As a browser's URL parser reads it: tabs and line breaks dropped anywhere ("java\nscript:"
        # is "javascript:", "/\n/host" is "//host"), control characters and spaces around it, and
        # "\" read as "/" ("\\host" is "//host").
        url = value.translate(_TAB_OR_NEWLINE).strip(_C0_OR_SPACE)
        scheme = _scheme(url)
        if scheme is not None and scheme not in URL_SCHEMES:
            return "scheme"
        if tag == "img" and (scheme is not None or url.strip().replace("\\", "/").startswith("//")):
            return "outside image"
    if attribute == "id" and value.startswith("__"):
        # Material's own elements (__drawer, __search, __config...): a body must not shadow them.
        return "theme id"
    if tag == "input" and attribute == "type" and value.strip().lower() != "checkbox":
        return "input type"
    if attribute in ("fill", "stroke") and not _PAINT.fullmatch(value.strip()):
        return "paint"
    return None


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    return None if _refusal(tag, attribute, value) else value


# Made once: nh3.clean would turn these sets into ammonia's on every page.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    strip_comments=False,  # the article body marker is a comment; comments never run
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
)


def clean(html: str) -> str:
    """The HTML with everything outside the allow-list removed."""
    return _CLEANER.clean(html)


@dataclass(frozen=True)
class Removal:
    """One thing `clean` removes, in Vietnamese, and what to look for in the source to find it."""

    what: str
    needles: tuple[str, ...]


def _shown(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _url_needles(value: str) -> tuple[str, ...]:
    """How an address appears in Markdown, `](address` or `<address>`, or in HTML, `="address`."""
    value = value.strip()
    return tuple(f"{before}{value}" for before in ("(", "<", '"', "'", "=")) + (value,)


def _attribute_removal(tag: str, name: str, value: str) -> Removal | None:
    """Why `clean` drops the attribute `name` (lower case) of an allowed `tag`, or None if it keeps
    it."""
    if name not in _ALLOWED_NAMES.get(tag, _LOWER_ATTRIBUTES["*"]):
        return Removal(f"thuộc tính {name} của thẻ <{tag}>", (name,))
    reason = _refusal(tag, name, value)
    if reason == "scheme":
        return Removal(
            f'địa chỉ "{_shown(value)}" của thẻ <{tag}> (chỉ nhận địa chỉ http://, '
            "https://, mailto:, tel: hoặc đường dẫn tới trang, tệp của chuyên mục)",
            _url_needles(value) + (f"{name}=",),
        )
    if reason == "outside image":
        return Removal(
            f'ảnh lấy từ trang khác "{_shown(value)}" (ảnh phải là tệp trong thư mục '
            "docs/, để trang không tải gì từ nơi khác)",
            _url_needles(value) + (f"{name}=",),
        )
    if reason == "theme id":
        return Removal(f'mã id="{_shown(value)}" (các mã bắt đầu bằng "__" là của giao diện)', (value, name))
    if reason == "input type":
        return Removal(f'ô nhập type="{_shown(value)}" (chỉ giữ ô đánh dấu checkbox)', (value, name))
    if reason == "paint":
        return Removal(f'thuộc tính {name}="{_shown(value)}" của thẻ <{tag}>', (value, name))
    if name == "style" and any(
        declaration.split(":", 1)[0].strip().lower() not in STYLE_PROPERTIES
        for declaration in value.split(";")
        if declaration.strip()
    ):
        return Removal(f'kiểu trình bày style="{_shown(value)}" (chỉ giữ text-align)', ("style",))
    return None


_SPACE = r"[ \t\n\r\f]"  # HTML's whitespace: not Python's \s, which has no-break and other spaces
_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = r"\"[^\"<>]*\"|'[^'<>]*'|[^ \t\n\r\f\"'=<>`]+"
_PLAIN_ATTRIBUTES = re.compile(rf"{_SPACE}+({_NAME})(?:{_SPACE}*={_SPACE}*({_VALUE}))?")
# Every "<" of a page: a plainly written start tag, end tag or comment, or (no group) anything else.
_PLAIN_MARKUP = re.compile(
    rf"<(?:([a-zA-Z][a-zA-Z0-9]*)((?:{_SPACE}+{_NAME}(?:{_SPACE}*={_SPACE}*(?:{_VALUE}))?)*){_SPACE}*/?>"
    rf"|/([a-zA-Z][a-zA-Z0-9]*){_SPACE}*>"
    r"|(!--(?!-)[^<>!-]*(?:-[^<>!-]+)*--)>)?"
)
_PLAIN_ENTITY = re.compile(r"&(?:amp|quot|lt|gt|#39|#34|#x27);")


def _plainly_allowed(html: str) -> bool:
    """True only if `removals` has nothing to report, decided without parsing: every "<" opens a
    plainly written tag or comment (no "<" or ">" inside an attribute value or a comment, no
    other entity than &amp; &quot; &lt; &gt; &#39; &#34; &#x27; in a value, nothing else the
    parsers could read two ways), every tag is allowed, and every attribute is kept with its
    value. A page that is not plain this way gets the full parse."""
    # findall and set look-ups first: a page has hundreds of tags, each call costs.
    for start, attributes, end, comment in _PLAIN_MARKUP.findall(html):
        if comment:
            continue
        if end:
            if end not in TAGS and end.lower() not in TAGS:
                return False
            continue
        tag = start if start in TAGS else start.lower()
        if tag not in TAGS:  # also a "<" that opens no plain markup (no group, start is "")
            return False
        for name, value in _PLAIN_ATTRIBUTES.findall(attributes):
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            if "&" in value:
                if "&" in _PLAIN_ENTITY.sub("", value):
                    return False
                value = _html.unescape(value)
            if _attribute_removal(tag, name.lower(), value) is not None:
                return False
    return True


def removals(html: str) -> tuple[Removal, ...]:
    """What `clean(html)` removes, in document order. A plain page with nothing to remove (see
    `_plainly_allowed`), as nearly every page is, is not parsed."""
    if "<" not in html or _plainly_allowed(html):
        return ()
    return parsed_removals(html)


_NAMED_REFERENCE = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")


def _decoded_references(html: str) -> str:
    """`html` with its named character references written as the numeric references of the
    characters they stand for, as nh3's HTML5 parser reads them: lxml's parser knows fewer names,
    and would leave `href="java&NewLine;script:..."` a harmless-looking address that nh3 reads,
    and removes, as `javascript:`. Numeric, not the characters themselves: lxml decodes those where
    HTML does, and a line break, space or "=" written out would end an unquoted attribute value
    (`title=x&NewLine;href=javascript:...` is one title to nh3) or open a tag."""

    def decoded(match: re.Match) -> str:
        return "".join(f"&#{ord(character)};" for character in _html.unescape(match.group()))

    return _NAMED_REFERENCE.sub(decoded, html) if "&" in html else html


def parsed_removals(html: str) -> tuple[Removal, ...]:
    """`removals` by walking the allow-list over lxml's parse of `html`, whatever it holds."""
    found: list[Removal] = []
    holder = lxml.html.fragment_fromstring(_decoded_references(html), create_parent="div")
    skip: set = set()
    for element in holder.iterdescendants():
        if not isinstance(element.tag, str) or element in skip:
            continue
        tag = element.tag.lower()
        if tag not in TAGS:
            if tag in DROPPED_WITH_CONTENT:
                skip.update(element.iterdescendants())
                found.append(Removal(f"thẻ <{tag}> cùng nội dung của nó", (f"<{tag}",)))
            else:
                found.append(Removal(f"thẻ <{tag}> (giữ lại chữ bên trong)", (f"<{tag}",)))
            continue
        for name, value in element.attrib.items():
            removal = _attribute_removal(tag, name.lower(), value)
            if removal is not None:
                found.append(removal)
    return tuple(found)


def locate(found: Iterable[Removal], source: str, text: str, *, first_line: int = 1) -> list[Problem]:
    """A problem per removal, at the line of `text` (the file `source`, whose first line to search
    is `first_line`) where its first needle occurs; repeated needles are found one after another.
    A removal whose needle is nowhere in the text (an entity-encoded address, say) gets
    `first_line`."""
    lines = text.splitlines()
    lowered = [line.lower() for line in lines]
    positions: dict[str, tuple[int, int]] = {}
    problems = []
    for removal in found:
        line = first_line
        for needle in removal.needles:
            key = needle.lower()
            row, column = positions.get(key, (first_line - 1, 0))
            hit = None
            while row < len(lines):
                index = lowered[row].find(key, column)
                if index >= 0:
                    hit = (row, index)
                    break
                row, column = row + 1, 0
            if hit is not None:
                positions[key] = (hit[0], hit[1] + len(key))
                line = hit[0] + 1
                break
        problems.append(
            Problem(
                source,
                line,
                f"đã bỏ {removal.what}: trang chỉ giữ định dạng an toàn, không chạy mã nào "
                "trên máy người đọc; hãy xoá phần này khỏi tệp",
            )
        )
    return problems


MARKDOWN_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "admonition")
"""The `markdown_extensions` of mkdocs.yml (a test keeps them equal), for `cchc-kiem-tra`, which
renders pages without MkDocs to report what the build would remove."""
_FRONT_MATTER = re.compile(r"\A-{3}\s*\n.*?\n(?:-{3}|\.{3})\s*\n", re.S)


def split_front_matter(text: str) -> tuple[int, str]:
    """(the line the body starts on, the body) of a Markdown file, as MkDocs splits it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return 1, text
    return text.count("\n", 0, match.end()) + 1, text[match.end() :]


def check_pages(docs: Path, root: Path) -> list[Problem]:
    """What the build would remove from each Markdown page under `docs`, with file and line."""
    renderer = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
    problems: list[Problem] = []
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        first_line, body = split_front_matter(text)
        found = removals(renderer.reset().convert(body))
        problems.extend(locate(found, path.relative_to(root).as_posix(), text, first_line=first_line))
    return problems
