"""Build a real site from a project folder, in-process, as `mkdocs build --strict` would."""

from __future__ import annotations

import logging
from pathlib import Path

import mkdocs
import pytest
from lxml import html
from mkdocs.commands.build import build
from mkdocs.config import load_config

ENGINE_LOGGER = mkdocs.__name__
"""The logger the running engine writes to: "mkdocs", or "properdocs" under ProperDocs, which
aliases the `mkdocs` package to its own."""


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self, level: int = logging.INFO) -> list[str]:
        return [record.getMessage() for record in self.records if record.levelno >= level]


def build_site(
    project: Path, site_dir: Path | None = None, *, strict: bool = True, **overrides
) -> tuple[Path, LogCapture]:
    """Build `project` into `site_dir` (default: project/site), strictly unless `strict` is False
    (as `mkdocs serve` does); return it and the log."""
    site = site_dir or project / "site"
    capture = LogCapture()
    logger = logging.getLogger(ENGINE_LOGGER)
    logger.addHandler(capture)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=strict, **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
    return site, capture


def build_as_of(project: Path, as_of: str, site_dir: Path | None = None, **overrides) -> tuple[Path, LogCapture]:
    """`build_site` with the site's date set to `as_of` (CCHC_AS_OF, YYYY-MM-DD); the variable is
    as it was before once the build ends."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CCHC_AS_OF", as_of)
        return build_site(project, site_dir, **overrides)


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path).read_bytes())
