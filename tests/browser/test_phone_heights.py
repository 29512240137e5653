"""Short pages on a phone: the plan and progress pages measured in Chromium at 360 px on the gates'
build (project with the fixture overlay), with every section still there; plan cards show only
what exists; the objectives fold behind a named toggle (the transcription notes are on a page of
their own: tests/test_site.py)."""

from __future__ import annotations

import pytest
from harness import FIGURES

PLAN_MAX = 9_000
PROGRESS_MAX = 6_000
PROGRESS_SECTIONS = [
    "tong-quan",
    "theo-linh-vuc",
    "qua-han",
    "sap-den-han",
    "theo-quy",
    "chi-so",
    "da-hoan-thanh",
    "bai-viet-theo-quy",
    "du-lieu-mo",
    "cach-tinh",
]


@pytest.fixture
def phone(browser, gate_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()

    def open_page(path: str):
        page.goto(gate_site.url(path))
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    context.close()


def height(page) -> int:
    """The page's real height: blocks that a phone lays out only near the screen
    (`content-visibility: auto`, docs/assets/cchc.css) are measured at their real size, not at
    their estimated one."""
    return page.evaluate(
        """() => {
            const real = document.createElement("style");
            real.textContent = "* { content-visibility: visible !important; }";
            document.head.append(real);
            const height = document.documentElement.scrollHeight;
            real.remove();
            return height;
        }"""
    )


def test_plan_page_is_short_on_a_phone(phone):
    page = phone("/ke-hoach/2025/")
    FIGURES["plan page px at 360"] = height(page)
    assert height(page) <= PLAN_MAX
    assert page.locator("table.cchc-plan tbody tr").count() == 43
    # Every card shows its task text; no label stands without a value.
    empty_labels = page.evaluate(
        """() => [...document.querySelectorAll('table.cchc-plan td:not(:first-of-type)')]
             .filter(td => td.offsetParent !== null && !td.textContent.trim()).length"""
    )
    assert empty_labels == 0
    assert page.locator("table.cchc-plan tbody td:first-of-type:visible").count() == 43


def test_objectives_fold_on_a_phone_only(phone, browser, gate_site):
    page = phone("/ke-hoach/2025/")
    assert not page.locator("ol.cchc-objectives").is_visible()
    page.get_by_label("mục tiêu của kế hoạch").check()
    assert page.locator("ol.cchc-objectives").is_visible()
    wide = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        wide.goto(gate_site.url("/ke-hoach/2025/"))
        assert wide.locator("ol.cchc-objectives").is_visible()
        assert not wide.locator(".cchc-fold-toggle").is_visible()
    finally:
        wide.close()


def test_progress_page_is_short_on_a_phone_with_every_section(phone):
    page = phone("/tien-do/")
    FIGURES["progress page px at 360"] = height(page)
    assert height(page) <= PROGRESS_MAX
    ids = page.evaluate("() => [...document.querySelectorAll('article h2')].map(h => h.id)")
    assert ids == PROGRESS_SECTIONS
    for section in PROGRESS_SECTIONS:
        assert page.locator(f"#{section}").is_visible()


def test_overdue_list_is_one_line_per_task_grouped_and_folded(phone):
    page = phone("/tien-do/")
    items = page.locator(".cchc-overdue li")
    visible = page.locator(".cchc-overdue li:visible")
    assert items.count() == 43
    assert 0 < visible.count() < items.count()
    first = visible.first
    box = first.bounding_box()
    line = first.locator(".cchc-overdue__number").bounding_box()
    assert box["height"] < 2 * line["height"], "one line per task"
    assert first.locator("a").get_attribute("href").startswith("../ke-hoach/2025/#nv-")
    more = page.locator("details.cchc-overdue__more").first
    hidden_before = items.count() - visible.count()
    more.locator("summary").click()
    assert items.count() - page.locator(".cchc-overdue li:visible").count() < hidden_before
