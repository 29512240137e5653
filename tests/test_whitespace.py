"""Whitespace collapsed out of finished pages (cchc.site.whitespace)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.site.whitespace import collapse_whitespace

_KEPT = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL | re.IGNORECASE)
_RUN = re.compile(r"[ \t\r]*\n[ \t\n\r\f]*")


def by_definition(html: str) -> str:
    """Every run of spaces, tabs and carriage returns, a line break and any HTML whitespace after it
    becomes one line break, outside <pre> and <textarea>."""
    parts = _KEPT.split(html)
    return "".join(part if index % 2 else _RUN.sub("\n", part) for index, part in enumerate(parts))


def test_runs_become_one_line_break_outside_pre_and_textarea():
    page = "<p>a  \r\n\n    b</p> \t\n<PRE> x \n\n y </PRE>\n  <textarea>\n  t\n</textarea>  c \r"
    assert collapse_whitespace(page) == "<p>a\nb</p>\n<PRE> x \n\n y </PRE>\n<textarea>\n  t\n</textarea>  c \r"
    # A no-break or em space is not HTML whitespace: it shows, so it stays.
    assert collapse_whitespace("  \n \xa0\u2003x\xa0 \n\f\n") == "\n\xa0\u2003x\xa0\n"
    assert collapse_whitespace("") == ""


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["<pre>", "</pre>", "<textarea x>", "</TEXTAREA>", "<p>", "a", "b c"]),
            st.text(alphabet=" \t\r\n\f\v\xa0\u2003\u2028x", max_size=6),
        ),
        max_size=12,
    ).map("".join)
)
def test_same_as_the_definition(html):
    assert collapse_whitespace(html) == by_definition(html)
