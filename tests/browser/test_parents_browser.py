"""The parents' features in a real browser (Debian's Chromium, 360 px phone viewport), on the
gates' build of the project with the fixture overlay: search without diacritics over the fixture
Q&A, escaping, and the header on a phone."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

import pytest
from harness import settled_search_results


@pytest.fixture
def phone(browser, gate_site):
    """A 360 px phone on the gates' site (the project with the fixture overlay); no request may
    leave the local server."""
    base_url = gate_site.server.base_url
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    outside = []
    page.on("request", lambda request: None if request.url.startswith(base_url) else outside.append(request.url))
    page.goto(base_url)
    yield page
    context.close()
    assert outside == [], "no third-party request"


def search(page, query: str) -> list[tuple[str, str]]:
    """Type `query` into Material's search (as a parent would on a phone); return (href, text)
    of each result article."""
    page.click("label[for='__search']")
    field = page.locator("input[data-md-component='search-query']")
    field.fill("")
    if unicodedata.is_normalized("NFC", query):
        field.press_sequentially(query, delay=20)
    else:
        # A decomposed string cannot be typed key by key: put it in, then release a key
        # (Material reads the query on keyup).
        field.fill(query)
        field.press("End")
    page.wait_for_selector(".md-search-result__list > li", timeout=10_000)
    settled_search_results(page)
    # Every result, the sections Material folds under "more" included; links lose the ?h= part
    # that search.highlight adds.
    results = page.locator(".md-search-result__list a.md-search-result__link")
    found = []
    for i in range(results.count()):
        href = urlsplit(results.nth(i).get_attribute("href"))
        found.append((href.path + ("#" + href.fragment if href.fragment else ""), results.nth(i).text_content()))
    return found


def test_hoc_phi_without_diacritics_finds_the_tuition_answer(phone):
    results = search(phone, "hoc phi")
    [tuition] = [(href, text) for href, text in results if "hd-2025-1" in href]
    assert "phan-anh/hoi-dap/" in tuition[0]
    assert "học phí" in tuition[1].lower()  # shown with its diacritics


@pytest.mark.parametrize(
    ("query", "expected", "shown"),
    [
        # Nearly every page speaks of "cải cách": any result will do, as long as it shows the accents.
        ("cai cach", "", "cải cách"),
        ("dang ky", "phan-anh/hoi-dap/#hd-2025-2", "đăng ký"),
        ("học phí", "phan-anh/hoi-dap/#hd-2025-1", "học phí"),
        (unicodedata.normalize("NFD", "học phí"), "phan-anh/hoi-dap/#hd-2025-1", "học phí"),
    ],
    ids=["cai-cach", "dang-ky", "with-diacritics", "decomposed-nfd"],
)
def test_queries_with_and_without_diacritics(phone, query, expected, shown):
    results = search(phone, query)
    hits = [text for href, text in results if href.endswith(expected)]
    assert hits, [href for href, _ in results]
    assert shown in hits[0].lower()


def test_script_in_an_answer_shows_as_text(phone, gate_site):
    phone.goto(gate_site.server.base_url + "phan-anh/hoi-dap/")
    dialogs = []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    text = phone.locator("#hd-2025-3 ~ .cchc-qa").first.inner_text()
    assert '<script>alert("x")</script>' in text
    assert dialogs == []


def test_full_school_name_readable_in_the_header_at_360px(phone):
    topic = phone.locator(".md-header__topic").first
    box = topic.bounding_box()
    assert box["x"] + box["width"] <= 360
    title = topic.locator(".md-ellipsis")
    assert title.inner_text().strip().endswith("Trường Mầm non Nguyễn Cư Trinh")
    fits = title.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert fits, "the name is cut off"
