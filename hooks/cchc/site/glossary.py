"""Plain words: the abbreviations of the plan and the site with their meaning.

`docs/tu-ngu.yaml` (staff-edited, excluded from publishing) lists them; every page's body gets
each abbreviation wrapped in `<abbr title="meaning">` (text only: never inside a tag, a link's
address, code or an existing abbr), and the generated page "Giải thích từ ngữ", linked from
the footer, explains them in full, because a title attribute is not shown on a phone.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..base.render import GeneratedPage, render, with_front_matter
from ..base.yamlsource import Field, Reader, read_file, text
from .addresses import GLOSSARY_PAGE

GLOSSARY_FILE = "docs/tu-ngu.yaml"

_TERM = {
    "viet_tat": Field(text, about="chữ viết tắt, ví dụ PHHS"),
    "nghia": Field(text, about="nghĩa đầy đủ, ví dụ Phụ huynh học sinh"),
    "giai_thich": Field(text, required=False, about="một câu giải thích bằng lời thường"),
}
_SKIP = {"abbr", "a", "code", "pre", "script", "style", "svg", "title", "textarea", "dt"}
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Term:
    short: str
    meaning: str
    note: str | None = None


def _terms(reader: Reader, node) -> list[tuple[int, dict | None]]:
    """Each item's line (a repeated abbreviation is reported there) with its values."""
    return [(reader.line(item), reader.fields(item, "tu_viet_tat", _TERM)) for item in reader.items(node)]


_ROOT = {"tu_viet_tat": Field(_terms, about='danh sách các chữ viết tắt, mỗi mục bắt đầu bằng "- "')}


def load_glossary(path: Path, source: str = GLOSSARY_FILE) -> tuple[Term, ...]:
    """The abbreviations of `path`; every mistake is reported with its line (ContentError)."""
    root = read_file(path, source)
    reader = Reader(source)
    values = reader.fields(root, "", _ROOT)
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for line, item in (values or {}).get("tu_viet_tat", []):
        if item is None:
            continue
        term = Term(item["viet_tat"], item["nghia"], item.get("giai_thich"))
        if term.short in seen:
            reader.problems.add(
                line,
                f'chữ viết tắt "{term.short}" có hai lần trong danh sách (đã có ở dòng {seen[term.short]}); '
                "hãy xóa một mục",
            )
            continue
        seen[term.short] = line
        terms.append(term)
    reader.problems.raise_if_any()
    return tuple(terms)


def mark_abbreviations(body: str, terms: tuple[Term, ...]) -> str:
    """`body` (a page's HTML) with the first use of each listed abbreviation in its text wrapped
    in <abbr> (WCAG's technique: the expansion at first use; the glossary page, linked from every
    footer, has them all). Not every use: the plan's 43 rows would repeat the same titles."""
    if not terms:
        return body
    pattern, titles = _matcher(terms)
    # The abbreviations are found in the whole body, tags and all (one has no "<" or ">", so it
    # lies inside a tag or inside text); the tags before each are followed only up to it, and
    # not past the first use of the last abbreviation to mark.
    tags = _TAG.finditer(body)
    tag = next(tags, None)
    skipping: list[str] = []
    marked: set[str] = set()
    pieces: list[str] = []
    copied = 0
    position = 0
    while (match := pattern.search(body, position)) is not None:
        short, start = match.group(1), match.start()
        if start and _WORD.match(body, start - 1):
            position = start + 1  # not the start of a word: look again from the next character
            continue
        position = max(match.end(), start + 1)
        if short in marked:
            continue
        while tag is not None and tag.end() <= start:
            _follow(tag.group(), skipping)
            tag = next(tags, None)
        if skipping or (tag is not None and tag.start() < start):
            continue
        marked.add(short)
        pieces += (body[copied:start], f'<abbr title="{titles[short]}">{short}</abbr>')
        copied = match.end()
        if len(marked) == len(titles):
            break
    return "".join(pieces) + body[copied:] if pieces else body


def _follow(tag: str, skipping: list[str]) -> None:
    """Keep `skipping`, the open elements whose text is never marked, up to date after `tag`."""
    name = _TAG_NAME.match(tag)
    if name and name.group(2).lower() in _SKIP and not tag.endswith("/>"):
        if not name.group(1):
            skipping.append(name.group(2).lower())
        elif name.group(2).lower() in skipping:
            del skipping[len(skipping) - 1 - skipping[::-1].index(name.group(2).lower())]


@functools.lru_cache(maxsize=4)
def _matcher(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of every abbreviation (longest first) and each one's escaped meaning: made once
    per glossary, not once per page."""
    # Keyed by the abbreviation as it stands in HTML text ("R&D" is "R&amp;D" there).
    titles = {html.escape(term.short, quote=False): html.escape(term.meaning, quote=True) for term in terms}
    alternatives = "|".join(re.escape(short) for short in sorted(titles, key=len, reverse=True))
    # No look-behind for the start of a word (mark_abbreviations checks it): a pattern that starts
    # with the abbreviations' letters is searched five times faster.
    return re.compile(r"(" + alternatives + r")(?!\w)"), titles


def glossary_page(terms: tuple[Term, ...], env: jinja2.Environment) -> GeneratedPage:
    meta = {
        "title": "Giải thích từ ngữ",
        "description": "Nghĩa của các chữ viết tắt dùng trong kế hoạch cải cách hành chính và trên chuyên mục.",
        # Its examples would outrank the pages a parent looks for ("đăng ký"); every page already
        # explains its abbreviations inline, and the footer links here.
        "search": {"exclude": True},
    }
    body = render(env, "cchc/glossary-body.html", terms=terms)
    return GeneratedPage(GLOSSARY_PAGE, with_front_matter(meta, body), in_nav=False)
