"""Session fixtures of the browser gates: one build of the site (with the fixture overlay), one
HTTP server on 127.0.0.1, one Chromium; and the figures line printed at the end of the run."""

from __future__ import annotations

import time

import pytest
import serve
from harness import CHROMIUM, CHROMIUM_ARGS, EXTERNAL_LINKS, FIGURES, GateSite, Visit
from page_types import PAGE_TYPES

from projects import apply_overlay, copy_project

_started = time.monotonic()


@pytest.fixture(scope="session")
def gate_site(tmp_path_factory) -> GateSite:
    """The project plus the overlay, built once, served at its own address (the server starts
    first, so site_url, canonical links and the sitemap name the address the browser uses)."""
    from sitebuild import build_site  # noqa: PLC0415 - keeps MkDocs out of collection

    base = tmp_path_factory.mktemp("gates")
    project = copy_project(base / "project")
    apply_overlay(project)
    site = base / "site"
    site.mkdir()
    FIGURES["page types"] = len(PAGE_TYPES)
    server, process = serve.start(site)
    try:
        build_site(project, site, site_url=server.base_url)
        yield GateSite(project, site, server)
    finally:
        serve.stop(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(browser):
    """visit(base_url, width) opens a fresh browser context; all are closed after the test."""
    opened: list[Visit] = []

    def open_visit(base_url: str, width: int) -> Visit:
        opened.append(Visit(browser, base_url, width))
        return opened[-1]

    yield open_visit
    for item in opened:
        item.close()


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        figures = ", ".join(f"{name}: {value}" for name, value in FIGURES.items())
        terminalreporter.write_line(f"browser gates: {figures}, {time.monotonic() - _started:.1f} s")
    if EXTERNAL_LINKS:
        terminalreporter.write_line("external links of the site (listed, not fetched):")
        for url in sorted(EXTERNAL_LINKS):
            terminalreporter.write_line(f"  {url}")
