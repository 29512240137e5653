"""Render generated page bodies from our Jinja templates in `overrides/cchc/`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from . import dates

_MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]#!])")
_LINE_START = re.compile(r"^(\s*)(>|[-+](?=\s)|\d+\.(?=\s))", re.M)


def markdown_text(value: object) -> str:
    """Staff text placed in generated Markdown, where it must stay text: a title with `*` or
    `[`, or a summary starting with "# " or "1. ", would otherwise become markup."""
    text = _MARKDOWN_SIGNS.sub(r"\\\1", str(value))
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def environment(templates: Path) -> jinja2.Environment:
    """A strict, autoescaping environment whose filters only format, never compute."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["ngay"] = dates.short
    env.filters["ngay_trang_trong"] = dates.formal
    env.filters["md"] = markdown_text
    return env


def render(env: jinja2.Environment, name: str, **values: Any) -> str:
    return env.get_template(name).render(**values)
