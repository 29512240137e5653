"""Render generated page bodies from our Jinja templates in `overrides/cchc/`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from . import dates, escape


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
    env.filters["md"] = escape.markdown
    return env


def render(env: jinja2.Environment, name: str, **values: Any) -> str:
    return env.get_template(name).render(**values)
