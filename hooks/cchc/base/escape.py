"""One escaping helper per context where staff text lands. Staff text is plain text everywhere
in the core; it is escaped once, at the point it enters another language:

| context | helper |
| --- | --- |
| HTML text and quoted attribute values (our templates: Jinja autoescape; values handed to Material's templates, which do not escape: `html`) | `html` |
| Markdown written by our templates (the `md` filter) | `markdown` |
| a CSV cell | `csv_cell` |
| URL | staff URLs are validated where they are read (`https://`, `mailto:`, `tel:`, docs paths); `links` builds the rest |
| XML (the feed) | feedgen (lxml) escapes every text and attribute |
| JSON | `json.dumps` |

Rendered bodies (Markdown that staff write) are not escaped but sanitised: `cchc.sanitize`.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]{}#!|])")
# Indentation within the line only: "\s*" would run across blank lines from every line start.
_LINE_START = re.compile(r"^([ \t]*)([-+](?=\s)|\d+\.(?=\s))", re.M)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def html(value: object) -> Markup:
    """Text for HTML, safe in element content and in a quoted attribute (`"`, `'`, `<`, `>`, `&`
    escaped). Returns Markup, so an autoescaping template does not escape it twice."""
    return escape(str(value))


def markdown(value: object) -> str:
    """Staff text placed in generated Markdown, where it must stay text: a title with `*` or `[`,
    a summary starting with "# " or "1. ", or an attribute list `{: onfocus=... }` would
    otherwise become markup. Backslash escapes survive Python-Markdown's inline pass as
    placeholders, so `attr_list` never sees an escaped `{`. For our templates only, which also
    HTML-escape the result: `<`, `&` and a leading `>` (a quote) are left to that escaping."""
    text = _MARKDOWN_SIGNS.sub(r"\\\1", str(value))
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def csv_cell(value: object) -> str:
    """A cell that a spreadsheet will not run as a formula: text starting with `=`, `+`, `-`, `@`,
    a tab or a carriage return gets a leading apostrophe (OWASP's advice for CSV injection)."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
