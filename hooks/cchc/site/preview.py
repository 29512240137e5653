"""What `mkdocs serve` shows instead of the site while the content has mistakes: one page
listing every problem with its file and line, so staff see it in the browser."""

from __future__ import annotations

from ..base import escape
from ..base.errors import Problem

TITLE = "Nội dung cần sửa"
HEADING_ID = "noi-dung-can-sua"


def problems_html(problems: tuple[Problem, ...]) -> str:
    """The page's body: every problem as `file:line` and its message, escaped (any content file
    is untrusted, and its text can end up in a message)."""
    items = "".join(
        f"<li><code>{escape.html(problem.source)}:{problem.line}</code> {escape.html(problem.message)}</li>"
        for problem in problems
    )
    return (
        f'<h1 id="{HEADING_ID}">Nội dung có {len(problems)} lỗi cần sửa</h1>\n\n'
        "<p>Bản xem trước chưa hiện được trang web vì các lỗi dưới đây (tên tệp:số dòng). "
        "Hãy sửa rồi lưu tệp: trang tự tải lại, và khi hết lỗi, trang web hiện trở lại.</p>\n\n"
        f'<ol class="cchc-problems">{items}</ol>\n'
    )


def problems_page(problems: tuple[Problem, ...]) -> str:
    """The Markdown of the home page that replaces the site while there are problems."""
    return f"---\ntitle: {TITLE}\n---\n\n{problems_html(problems)}"
