"""What the browser gates share: where things are, how Chromium is launched, page visits with a
network log, the fixture overlay, and the figures the run prints at its end."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import serve

ROOT = Path(__file__).resolve().parents[2]

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, never a browser that Playwright downloads; no sandbox (CI runs as root), and
# none of the browser's own background traffic, so the network log holds only what pages ask for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = (360, 1280)

# Filled by the tests, printed once by pytest_terminal_summary.
FIGURES: dict[str, int] = {}
EXTERNAL_LINKS: set[str] = set()


def count(name: str, amount: int = 1) -> None:
    FIGURES[name] = FIGURES.get(name, 0) + amount


@dataclass(frozen=True)
class GateSite:
    project: Path
    site: Path
    server: serve.Server

    def url(self, path: str) -> str:
        return self.server.url(path)


class Visit:
    """A page opened at one width. Requests to anything but the local server are recorded and
    aborted, so no test traffic leaves the machine even when a page breaks the rule."""

    def __init__(self, browser, base_url: str, width: int) -> None:
        self.base_url = base_url
        self.requested: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
        self.context.on("request", lambda request: self.requested.append(request.url))
        self.context.route("**/*", self._keep_local)
        self.page = self.context.new_page()

    def _keep_local(self, route) -> None:
        if route.request.url.startswith(self.base_url):
            route.continue_()
        else:
            route.abort()

    def open(self, path: str):
        response = self.page.goto(self.base_url + path.lstrip("/"))
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        self.page.wait_for_load_state("networkidle")
        count("page visits")
        return self.page

    def close(self) -> None:
        self.context.close()


def settled_search_results(page, quiet: float = 0.6) -> None:
    """Wait until Material's search result list has not changed for `quiet` seconds: results are
    redrawn on every change of the query, so a list read too early may be an earlier query's."""
    import time  # noqa: PLC0415

    def snapshot() -> str:
        return page.locator(".md-search-result").inner_html()

    last, since = snapshot(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.1)
        now = snapshot()
        if now != last:
            last, since = now, time.monotonic()
