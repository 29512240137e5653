"""The hostile corpus (tests/hostile.py) in Chromium: every page type is opened with a dialog
listener and a network log, tabbed through and searched. Nothing may open a dialog, nothing may
be asked of any host but the local server, and each payload is shown as text where it was typed."""

from __future__ import annotations

import pytest
import serve
from harness import Visit, count
from page_types import PAGE_TYPES

from hostile import hostile_project, payload

TYPED = {
    "plans": ["KH-tieu-de"],
    "plan": ["KH-tieu-de", "MT0-noi-dung", "LV1-ten", "NV1.1-noi-dung", "NV1.1-san-pham", "NV1.1-chu-tri"],
    # The overdue list shows a task's first words only (issue 12); the plan page shows it whole.
    "progress": ["CS-par_index-ten", "CS-hai_long_thanh_toan_hoc_phi-ten"],
    "articles": ["BV-tieu-de", "BV-tom-tat"],
    "article": ["BV-tieu-de", "BV-tac-gia"],
    "articles-year": ["BV-tieu-de", "BV-tom-tat"],
    "articles-quarter": ["BV-tieu-de"],
    "articles-kind": ["BV-tieu-de"],
    "home": ["BV-tieu-de", "BV-tom-tat"],
    "practices": ["MH-tieu-de", "MH-tom-tat"],
    "practice": ["MH-tieu-de", "MH-tac-gia", "MH-ket-qua"],
    "feedback-channels": ["DV-ten", "DV-email", "KENH-thanh-pho", "KENH-hom-thu", "KENH-gio-tiep"],
    "questions-answers": ["HD1-cau-hoi", "HD1-tra-loi", "HD3-cau-hoi"],
    "sitemap": ["KH-tieu-de"],
}
"""Where each field was typed, by page type: its payload must be visible text in the content."""
IDENTITY = ["DV-ten_chuyen_muc", "DV-ten", "DV-dia_chi", "DV-email", "DV-nguoi_chiu_trach_nhiem"]


def visible(page, selector: str) -> str:
    return " ".join(page.locator(selector).first.inner_text().split())


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from sitebuild import build_site  # noqa: PLC0415 - keeps MkDocs out of collection

    base = tmp_path_factory.mktemp("hostile-browser")
    project = hostile_project(base / "project")
    site = base / "site"
    site.mkdir()
    server, process = serve.start(site)
    try:
        # Not strict, as `mkdocs serve` shows it: the bodies' removals are warnings.
        build_site(project, site, strict=False, site_url=server.base_url)
        yield server
    finally:
        serve.stop(process)


@pytest.mark.parametrize(("name", "path"), sorted(PAGE_TYPES.items()), ids=sorted(PAGE_TYPES))
def test_nothing_runs_nothing_leaves_and_each_payload_is_text(browser, hostile_site, name, path):
    visit = Visit(browser, hostile_site.base_url, 1280)
    dialogs: list[str] = []
    visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page = visit.open(path)
        for _ in range(12):  # focus handlers (autofocus, tabindex) get their chance
            page.keyboard.press("Tab")
        page.mouse.move(200, 300)
        page.wait_for_timeout(200)
        assert dialogs == [], f"{name}: a payload ran: {dialogs}"
        outside = [url for url in visit.requested if not url.startswith(hostile_site.base_url)]
        assert outside == [], f"{name}: requests off the site: {outside}"
        content = visible(page, "article")
        for tag in TYPED.get(name, []):
            assert payload(tag) in content, f"{name}: {tag} is not shown as typed"
        footer = visible(page, "footer")
        for tag in IDENTITY:
            assert payload(tag) in footer, f"{name}: {tag} missing from the footer"
        assert payload("DV-ten") in page.title()
    finally:
        visit.close()


def test_article_title_and_summary_reach_title_meta_and_previews_as_text(browser, hostile_site):
    visit = Visit(browser, hostile_site.base_url, 360)
    try:
        page = visit.open(PAGE_TYPES["article"])
        assert page.title().startswith(payload("BV-tieu-de") + " – ")
        assert page.get_attribute("meta[name=description]", "content") == payload("BV-tom-tat")
        assert page.get_attribute("meta[property='og:title']", "content") == payload("BV-tieu-de")
        assert page.get_attribute("meta[property='og:description']", "content") == payload("BV-tom-tat")
        assert visible(page, "h1") == payload("BV-tieu-de")
        assert page.locator("h1").first.evaluate("h => h.getAttributeNames()") == ["id"]
    finally:
        visit.close()


def test_search_results_show_hostile_titles_as_text(browser, hostile_site):
    visit = Visit(browser, hostile_site.base_url, 1280)
    dialogs: list[str] = []
    visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page = visit.open("/")
        page.locator(".md-search__input").focus()
        page.wait_for_function("document.querySelector('[data-md-toggle=\"search\"]').checked")
        # The index is fetched when the field gets focus: wait until Material says it is ready.
        page.wait_for_function(
            "document.querySelector('.md-search-result__meta').textContent.includes('Nhập để bắt đầu tìm kiếm')"
        )
        page.locator(".md-search__input").press_sequentially("BV-tieu-de", delay=20)
        page.wait_for_selector(".md-search-result__list > li", timeout=10_000)
        page.wait_for_timeout(300)
        results = visible(page, ".md-search-result__list")
        assert "onerror=alert(1)" in results  # the payload, as text
        assert dialogs == []
        assert [url for url in visit.requested if not url.startswith(hostile_site.base_url)] == []
        count("hostile searches")
    finally:
        visit.close()
