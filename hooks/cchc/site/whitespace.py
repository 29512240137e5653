"""Blank lines and indentation out of a finished page (issue 13: every page pays for the
whitespace Material's templates leave, about half a kilobyte gzipped).

A run of HTML whitespace (spaces, tabs, line breaks, carriage returns, form feeds) that holds a
line break becomes one line break, so the page renders the same: the browser collapses such a run
to one space anyway (not a no-break space, which shows). `<pre>` and `<textarea>`, where
whitespace shows, are left as they are."""

from __future__ import annotations

import re
from itertools import repeat

_KEPT = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL | re.IGNORECASE)
# A run is the spaces, tabs and carriage returns before a line break, the break and all the
# whitespace after it. The search starts at the break: a pattern starting with the spaces would
# be tried at every space of the page's text.
# HTML's whitespace only, not Python's \s: a no-break or em space shows, the browser keeps it.
_BREAK = re.compile(r"\n[ \t\n\r\f]*")


def _collapse_runs(text: str) -> str:
    lines = _BREAK.split(text)
    # The whitespace after a break was taken by the split, so each line starts with a non-space.
    last = lines.pop()
    return "\n".join([*map(str.rstrip, lines, repeat(" \t\r")), last])


def collapse_whitespace(html: str) -> str:
    parts = _KEPT.split(html)
    # split() with one group: even indexes are outside <pre>/<textarea>, odd ones are those elements.
    return "".join(part if index % 2 else _collapse_runs(part) for index, part in enumerate(parts))
