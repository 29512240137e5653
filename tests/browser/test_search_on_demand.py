"""The search index is fetched only when the search is opened (issue 13): a page load asks for
no search_index.json (nor Material's bundle, loaded at the first interaction); focusing the
search field asks for it once and search still finds results, with the only language files its
worker loads (Vietnamese). On the gates' build of the project with the fixture overlay, in
Debian's Chromium at 360 px."""

from __future__ import annotations

import contextlib

import pytest

INDEX = "/search/search_index.json"


@pytest.fixture
def phone(browser, gate_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    yield page, gate_site.server.base_url, requested
    context.close()


def test_page_load_does_not_fetch_the_search_index(phone):
    page, base_url, requested = phone
    page.goto(base_url + "ke-hoach/2025/", wait_until="load")
    page.wait_for_load_state("networkidle")
    # Material's bundle waits for the visitor's first interaction (docs/assets/cchc-page.js)...
    assert not [url for url in requested if "/assets/javascripts/bundle." in url]
    assert page.evaluate("document.documentElement.className") == "no-js"
    # ...a scroll loads it and Material starts; the index is still not fetched.
    page.mouse.wheel(0, 400)
    page.wait_for_selector("html.js", state="attached")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert [url for url in requested if "/assets/javascripts/bundle." in url]
    assert not [url for url in requested if INDEX in url]


def test_opening_search_fetches_the_index_once_and_search_works(phone):
    page, base_url, requested = phone
    page.goto(base_url, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if INDEX in url]
    with page.expect_response(lambda response: INDEX in response.url and response.ok):
        page.click("label[for='__search']")
    page.locator("input[data-md-component='search-query']").press_sequentially("ke hoach", delay=20)
    page.wait_for_selector(".md-search-result__list > li", timeout=10_000)
    assert len([url for url in requested if INDEX in url]) == 1


def test_no_render_blocking_script(phone):
    page, base_url, _ = phone
    page.goto(base_url, wait_until="load")
    blocking = page.evaluate(
        """() => [...document.querySelectorAll('script[src]')]
              .filter(s => !s.defer && !s.async && s.type !== 'module').map(s => s.src)"""
    )
    assert blocking == []


def test_search_dialog_has_a_name(phone):
    page, base_url, _ = phone
    page.goto(base_url, wait_until="load")
    assert page.get_attribute(".md-search[role='dialog']", "aria-label") == "Tìm kiếm"


def test_search_loads_the_vietnamese_language_files_it_needs(phone):
    """The search worker loads Material's stemmer support and Vietnamese file (both published:
    the build leaves out the other languages' files, cchc.site.search_languages), no other
    language file, and a query finds results with them."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: PLC0415

    page, base_url, _ = phone
    answers: dict[str, int] = {}
    page.on("response", lambda response: answers.__setitem__(response.url, response.status))
    page.goto(base_url, wait_until="load")
    page.click("label[for='__search']")
    page.locator("input[data-md-component='search-query']").press_sequentially("học phí", delay=20)
    results = page.locator(".md-search-result__list > li")
    # Without a language file the worker never gets ready: no result ever shows, and the files
    # asked for say why.
    with contextlib.suppress(PlaywrightTimeoutError):
        results.first.wait_for(timeout=10_000)
    lunr = base_url + "assets/javascripts/lunr/"
    loaded = {url.removeprefix(lunr): status for url, status in answers.items() if url.startswith(lunr)}
    assert loaded == {"min/lunr.stemmer.support.min.js": 200, "min/lunr.vi.min.js": 200}
    assert results.count() > 0
