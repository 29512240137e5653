"""Blank lines and indentation out of a finished page (issue 13: every page pays for the
whitespace Material's templates leave, about half a kilobyte gzipped).

A run of whitespace that holds a line break becomes one line break, so the page renders the
same: the browser collapses such a run to one space anyway. `<pre>` and `<textarea>`, where
whitespace shows, are left as they are."""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL | re.IGNORECASE)
_RUN = re.compile(r"[ \t\r]*\n\s*")


def collapse_whitespace(html: str) -> str:
    parts = _KEPT.split(html)
    # split() with one group: even indexes are outside <pre>/<textarea>, odd ones are those elements.
    return "".join(part if index % 2 else _RUN.sub("\n", part) for index, part in enumerate(parts))
