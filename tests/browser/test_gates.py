"""The quality gates over every page type of the real site (plus the fixture overlay): axe-core at
phone and desktop widths, the Nu HTML checker, links and anchors, third-party requests, keyboard
use, and 360 px screenshots for a reviewer."""

from __future__ import annotations

import gates
import pytest
from harness import EXTERNAL_LINKS, FIGURES, SCREENSHOTS, WIDTHS, count
from page_types import PAGE_TYPES

PAGES = sorted(PAGE_TYPES.items())
PAGE_IDS = [name for name, _ in PAGES]
SEARCH_QUERY = "kế hoạch"
# Material's "search ready" text; typing before the index is loaded would race its worker.
SEARCH_READY = "Nhập để bắt đầu tìm kiếm"


def where(name: str, path: str, width: int) -> str:
    return f"{name} ({path}) at {width} px"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_axe_finds_no_wcag_a_or_aa_violation(gate_site, visit, name, path, width):
    page = visit(gate_site.server.base_url, width).open(path)
    problems = gates.axe_violations(page, where(name, path, width))
    count("axe runs")
    FIGURES["axe rules"] = gates.axe_rule_count(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_pages_request_nothing_but_the_local_server(gate_site, visit, name, path):
    problems = []
    for width in WIDTHS:
        opened = visit(gate_site.server.base_url, width)
        opened.open(path)
        problems += gates.third_party_requests(opened.requested, gate_site.server.base_url, where(name, path, width))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_screenshot_at_360_px(gate_site, visit, name, path):
    page = visit(gate_site.server.base_url, 360).open(path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    count("screenshots")
    assert shot.stat().st_size > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{name} ({path}) scrolls sideways at 360 px"


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_by_keyboard_pass_axe(gate_site, visit, width):
    """Parents reach the search with Tab, type, and get results that pass axe; arrow keys and
    Enter open a result."""
    page = visit(gate_site.server.base_url, width).open("/")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input')"):
            break
    else:
        pytest.fail(f"home at {width} px: six presses of Tab never reach the search field")
    # Focus opens Material's search pane; type only once it is open (on a loaded machine the
    # first keys could land before the pane, and its results list stayed hidden), key by key as
    # a parent types.
    page.wait_for_function("document.querySelector('[data-md-toggle=\"search\"]').checked")
    # The index is fetched when the search field gets focus (docs/assets/cchc-page.js):
    # wait until Material says it is ready.
    page.wait_for_function(
        "ready => document.querySelector('.md-search-result__meta').textContent.includes(ready)", arg=SEARCH_READY
    )
    page.locator(".md-search__input").press_sequentially(SEARCH_QUERY, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert results.count() > 0
    problems = gates.axe_violations(page, f"search results for {SEARCH_QUERY!r} at {width} px")
    count("axe runs")
    if width == 360:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "search-results.png"))
        count("screenshots")
    assert not problems, "\n".join(problems)
    start = page.url
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != start)
    assert page.url.startswith(gate_site.server.base_url)


FOCUS_STYLE = """element => { const s = getComputedStyle(element);
    return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '), shadow: s.boxShadow}; }"""


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_skip_link_comes_first_and_leads_to_the_content_with_a_visible_focus_ring(gate_site, visit, name, path):
    page = visit(gate_site.server.base_url, 360).open(path)
    here = where(name, path, 360)
    page.keyboard.press("Tab")
    skip = page.evaluate(
        """() => { const e = document.activeElement, r = e.getBoundingClientRect();
                   return {skip: e.matches('a.md-skip'), href: e.getAttribute('href'),
                           shown: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0}; }"""
    )
    assert skip["skip"], f"{here}: the first Tab does not reach a skip link"
    assert skip["shown"], f"{here}: the focused skip link is not on screen"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    in_content = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert in_content, f"{here}: after the skip link, Tab does not land in the page's content"
    link = page.evaluate_handle("document.activeElement")
    focused = page.evaluate(FOCUS_STYLE, link)
    link.evaluate("element => element.blur()")
    resting = page.evaluate(FOCUS_STYLE, link)
    assert focused != resting, f"{here}: a focused link looks the same as an unfocused one ({focused})"
    assert not focused["outline"].startswith("none") or focused["shadow"] != "none", (
        f"{here}: no focus ring ({focused})"
    )


def test_nu_html_checker_finds_no_error_in_the_whole_site(gate_site):
    report = gates.vnu_errors(gate_site.site)
    FIGURES["vnu files"] = report.files
    assert report.files >= len(PAGE_TYPES)
    assert not report.problems, "\n".join(report.problems)


def test_every_internal_link_and_anchor_resolves(gate_site):
    report = gates.check_links(gate_site.site, gate_site.server.base_url)
    FIGURES["pages link-checked"] = report.pages
    FIGURES["links checked"] = report.links
    FIGURES["external links"] = len(report.external)
    EXTERNAL_LINKS.update(report.external)
    assert report.pages == len(list(gate_site.site.rglob("*.html")))
    assert not report.problems, "\n".join(report.problems)


TAB_STOPS = 30


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_every_tab_stop_is_on_screen(gate_site, visit, name, path, width):
    """A keyboard user sees where focus is: no Tab stop in a closed drawer or a hidden pane."""
    page = visit(gate_site.server.base_url, width).open(path)
    hidden = []
    for stop in range(1, TAB_STOPS + 1):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const e = document.activeElement;
                       if (e === document.body) return null;
                       const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                       const shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                           && r.top < innerHeight && r.left < innerWidth && s.visibility === 'visible';
                       return {shown, what: e.outerHTML.slice(0, 100)}; }"""
        )
        if state is None:
            break
        if not state["shown"]:
            hidden.append(f"{where(name, path, width)}: Tab stop {stop} is not on screen: {state['what']}")
    assert not hidden, "\n".join(hidden)


def test_menu_opens_and_closes_by_keyboard_on_a_phone(gate_site, visit):
    page = visit(gate_site.server.base_url, 360).open("/ke-hoach/")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button.cchc-menu-button')"):
            break
    else:
        pytest.fail("plans (/ke-hoach/) at 360 px: four presses of Tab never reach the menu button")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Mở trình đơn của chuyên mục"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), "focus stays out of the open menu"
    page.wait_for_function("!document.getAnimations().length")
    problems = gates.axe_violations(page, "plans (/ke-hoach/) at 360 px, menu open")
    count("axe runs")
    assert not problems, "\n".join(problems)
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.matches('button.cchc-menu-button')")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
