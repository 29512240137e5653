"""One escaping helper per context (cchc.escape), checked through Python-Markdown where it matters."""

from __future__ import annotations

import lxml.html
import markdown
import pytest
from markupsafe import escape as html_escape

from cchc.base import escape
from cchc.base.sanitize import MARKDOWN_EXTENSIONS


def rendered(template_value: str, line: str = "# {}") -> str:
    """Staff text as our templates put it in Markdown: md filter, then Jinja's HTML escaping."""
    text = str(html_escape(escape.markdown(template_value)))
    return markdown.markdown(line.format(text), extensions=list(MARKDOWN_EXTENSIONS))


@pytest.mark.parametrize(
    "value",
    [
        "Y {: onfocus=alert(1) autofocus tabindex=1 }",
        "Y {#__config}",
        "Y {.md-nav onclick=alert(1)}",
        "Y { onfocus=alert(1) }",
    ],
)
def test_an_attribute_list_in_staff_text_stays_text(value):
    heading = lxml.html.fragment_fromstring(rendered(value))
    assert heading.tag == "h1" and list(heading.attrib) == ["id"] and not heading.get("id").startswith("__")
    assert heading.text_content() == value


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('Kế hoạch "CCHC" < 2025 & *mới*', "Kế hoạch &#34;CCHC&#34; &lt; 2025 &amp; *mới*"),
        ("[bấm](javascript:alert(1))", "[bấm](javascript:alert(1))"),
        ("a | b", "a | b"),
        ("> trích", "&gt; trích"),
    ],
)
def test_markdown_signs_and_html_signs_stay_text(value, shown):
    out = rendered(value, "{}")
    assert out == f"<p>{shown}</p>"


def test_html_escapes_text_and_quoted_attributes():
    assert escape.html('"><img src=x onerror=alert(1)>') == "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert escape.html("A & B") == "A &amp; B"


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cell_neutralises_every_formula_start(first):
    value = f'{first}HYPERLINK("http://x","y")'
    assert escape.csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Kế hoạch", "1.1", "31/12/2025", "", "a=b", "'quoted"])
def test_csv_cell_keeps_ordinary_text(value):
    assert escape.csv_cell(value) == value
