"""Pages that stay small as the column grows (issue 13), on the real site and on a copy with 200
synthetic articles (tests/bench/corpus.py) and the fixture overlay: byte budgets of every page
type (gzipped HTML, and what the first paint needs), the windowed pager, paginated archives, the
feed's limit and a search index without list pages. Bytes are deterministic, so these are tests;
build times are in the benchmark (tests/bench/run.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from bench import corpus
from cchc.articles.feed import FEED_ITEMS
from cchc.articles.pages import PAGER_WINDOW
from pagebytes import FIRST_PAINT_BUDGET, HTML_BUDGET, page_bytes
from projects import apply_overlay, copy_project
from sitebuild import page

ARTICLES = 200
OVERLAY_ARTICLES_2025 = 1
"""The fixture overlay's own article (bai-viet/2025/bai-kiem-thu.md), published in 2025."""
REAL_PAGES = (
    "/",
    "/ke-hoach/",
    "/ke-hoach/2025/",
    "/ke-hoach/2025/ghi-chu/",
    "/tien-do/",
    "/404.html",
    "/bai-viet/",
    "/mo-hinh/",
    "/phan-anh/",
    "/phan-anh/hoi-dap/",
    "/so-do-trang/",
)
LARGE_SITE_PAGES = REAL_PAGES + (
    "/bai-viet/trang/10/",
    "/bai-viet/2025/",
    "/bai-viet/2025/trang/3/",
    "/bai-viet/2025/quy-2/",
    "/bai-viet/loai/bai-viet/trang/2/",
    "/bai-viet/2025/bai-0003/",
    "/mo-hinh/mo-hinh-kiem-thu/",
)


@pytest.fixture(scope="module")
def large_site(tmp_path_factory, monkeypatch_module) -> Path:
    from sitebuild import build_site  # noqa: PLC0415

    monkeypatch_module.setenv("CCHC_AS_OF", corpus.AS_OF)
    project = apply_overlay(copy_project(tmp_path_factory.mktemp("large") / "project"))
    corpus.write_ours(project / "docs", corpus.posts(ARTICLES))
    site, _ = build_site(project)
    return site


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _check_budgets(site: Path, paths: tuple[str, ...]) -> list[str]:
    over = []
    for path in paths:
        measured = page_bytes(site, path)
        print(f"{path}: HTML {measured.html / 1024:.1f} KiB gz, first paint {measured.first_paint / 1024:.1f} KiB gz")
        if measured.html > HTML_BUDGET:
            over.append(f"{path}: HTML {measured.html} B gzipped > {HTML_BUDGET} B")
        if measured.first_paint > FIRST_PAINT_BUDGET:
            over.append(
                f"{path}: first paint {measured.first_paint} B gzipped > {FIRST_PAINT_BUDGET} B ({measured.blocking})"
            )
        if any(item.endswith(".js") for item in measured.blocking):
            over.append(f"{path}: render-blocking scripts {measured.blocking}")
    return over


def test_byte_budgets_of_the_real_site(built_site):
    _, site, _ = built_site
    assert _check_budgets(site, REAL_PAGES) == []


def test_byte_budgets_with_200_articles(large_site):
    assert _check_budgets(large_site, LARGE_SITE_PAGES) == []


def test_pager_shows_a_window_of_page_numbers(large_site):
    pages = -(-(ARTICLES + OVERLAY_ARTICLES_2025) // 10)
    doc = page(large_site, "bai-viet/trang/10/index.html")
    pager = doc.xpath("//p[contains(@class,'cchc-pagination')]")[0]
    numbers = [" ".join(text.split()) for text in pager.xpath("./a/text() | ./strong/text()")]
    assert numbers == [f"Trang {n}" for n in (1, *range(10 - PAGER_WINDOW, 10 + PAGER_WINDOW + 1), pages)]
    assert pager.xpath("string(./strong)") == "Trang 10"
    assert pager.text_content().count("…") == 2
    assert pager.xpath("./a/@href")[0] == "../../" and pager.xpath("./a/@href")[-1] == f"../{pages}/"
    assert (large_site / f"bai-viet/trang/{pages}/index.html").is_file()
    assert not (large_site / f"bai-viet/trang/{pages + 1}").exists()


def test_archives_are_paginated_like_the_list(large_site):
    in_2025 = sum(1 for post in corpus.posts(ARTICLES) if post.published.year == 2025) + OVERLAY_ARTICLES_2025
    last = -(-in_2025 // 10)
    assert len(page(large_site, "bai-viet/2025/index.html").xpath("//article//h2/a")) == 10
    assert len(page(large_site, f"bai-viet/2025/trang/{last}/index.html").xpath("//article//h2/a")) == in_2025 - 10 * (
        last - 1
    )
    assert not (large_site / f"bai-viet/2025/trang/{last + 1}").exists()


def test_feed_carries_the_newest_entries_with_their_ids(large_site):
    root = etree.parse(str(large_site / "feed.xml")).getroot()
    guids = [item.findtext("guid") for item in root.iter("item")]
    assert len(guids) == FEED_ITEMS
    posts = sorted(corpus.posts(ARTICLES), key=lambda post: (post.published, post.number), reverse=True)
    newest = {f"urn:cchc-bench:{post.number + 1}" for post in posts[: FEED_ITEMS - 1]}
    assert newest <= set(guids)


def test_search_index_has_real_pages_only(large_site):
    docs = json.loads((large_site / "search/search_index.json").read_text("utf-8"))["docs"]
    pages = {doc["location"].split("#")[0] for doc in docs}
    assert "bai-viet/2025/bai-0003/" in pages
    assert not [location for location in pages if "/trang/" in location or location.startswith("bai-viet/loai/")]
    assert not pages & {"bai-viet/", "bai-viet/2025/", "bai-viet/2025/quy-1/"}
