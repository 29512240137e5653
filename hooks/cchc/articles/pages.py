"""Pages of the articles column: the paginated list, archives by year, quarter and kind, the
practice cards, and the header put above each article and practice.

The headers and the practice cards are Markdown whose links point at source files
(`../2025/bai.md`), so MkDocs resolves them, checks them and rewrites them for any URL scheme.
The list pages, a hundred or more of them, are HTML made here (`HtmlBody`): MkDocs converts no
Markdown for them, and their links are the addresses MkDocs would have written (`_address`).
Articles are not in the sidebar: a list page links a bounded number of them, which keeps the
build linear in the number of articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

import jinja2
from markdown.extensions.toc import unique
from markupsafe import Markup, escape

from ..base import dates, links
from ..base.identity import School
from ..base.made import Made
from ..base.render import GeneratedPage, render, template_files, with_front_matter
from ..base.text import slugify
from ..content import Content
from ..site.addresses import (
    ARTICLES_INDEX,
    ARTICLES_PER_PAGE,
    FEED_URI,
    HOME,
    PRACTICES_INDEX,
    articles_kind_uri,
    articles_quarter_uri,
    articles_year_uri,
    paged_uri,
    plan_year_uri,
)
from .model import Article, ArticleKind, Entry, Practice
from .quarters import QUOTA, QUOTA_TASK, QuarterState, QuarterStatus

BODY_MARKER = "<!-- cchc:noi-dung -->"
"""Ends the generated header of an article page: the feed carries only what follows it."""

EMPTY_ARTICLES = "Chưa có bài viết nào được đăng."
EMPTY_PRACTICES = "Chưa có mô hình, giải pháp hay nào được đăng."


Link = Callable[[str, str], str]
"""How a page links a docs file: `(target, from_src_uri) -> link`, both source paths."""


def _address(directory_urls: bool) -> Link:
    """Links as the relative addresses MkDocs writes for Markdown links to source files: the
    target's URL relative to the page's, percent-encoded as MkDocs' `File.url` is."""

    def address(target: str, from_uri: str) -> str:
        return quote(
            links.relative_url(links.page_url(target, directory_urls), links.page_url(from_uri, directory_urls))
        )

    return address


def _card(article: Article, from_uri: str, link: Link = links.source_link) -> dict[str, Any]:
    return {
        "title": article.title,
        "href": link(article.src_uri, from_uri),
        "date": dates.short(article.day),
        "kind": article.kind_label,
        "summary": article.summary,
        "cover": _cover(article, from_uri, link),
    }


def _cover(entry: Entry, from_uri: str, link: Link = links.source_link) -> dict[str, str] | None:
    if entry.cover is None:
        return None
    return {"src": link(entry.cover.path, from_uri), "alt": entry.cover.alt}


@dataclass(frozen=True)
class TocEntry:
    """A heading of a page the core writes as HTML, as MkDocs' table of contents takes it."""

    level: int
    id: str
    title: str
    """HTML: the heading's text escaped, its white space collapsed, as Python-Markdown's toc
    extension gives it."""


@dataclass(frozen=True)
class HtmlBody:
    """The body of a generated page written as HTML by the core, so that MkDocs converts no
    Markdown for it: the page's HTML and its table of contents, in page order, the h1 included."""

    html: str
    toc: tuple[TocEntry, ...]


class _Headings:
    """The ids of one page's headings, made as Python-Markdown's toc extension makes them (our
    `slugify` of the text, then `_1`, `_2`… for an id already taken, in page order). A template
    calls it for each heading it writes, so the table of contents follows the page."""

    def __init__(self) -> None:
        self.toc: list[TocEntry] = []
        self._taken: set[str] = set()

    def __call__(self, level: int, text: str) -> str:
        text = " ".join(text.split())
        anchor = unique(slugify(text), self._taken)
        self.toc.append(TocEntry(level, anchor, str(escape(text))))
        return anchor


def render_html_body(env: jinja2.Environment, name: str, **values: Any) -> HtmlBody:
    """An HTML template rendered with `heading(level, text)`, which returns the heading's id;
    without surrounding white space, as Python-Markdown returns its HTML."""
    headings = _Headings()
    html = render(env, name, heading=headings, **values).strip()
    return HtmlBody(html, tuple(headings.toc))


@dataclass(frozen=True)
class _Listing:
    uri: str
    """Source path of the list's first page; the others follow `addresses.paged_uri`."""
    title: str
    description: str
    intro: str
    articles: tuple[Article, ...]
    empty: str


PAGER_WINDOW = 2
"""Page numbers shown each side of the current page; the first and last are always shown."""


def pager(
    count: int, current: int, uri_of: Callable[[int], str], from_uri: str, link: Link
) -> list[tuple[int, str, bool] | None]:
    """The page numbers a list page links: the first and last pages and a window around the
    current one, a gap (None) where numbers are left out. Each page links a bounded number of
    others, so the pages of a list stay linear in its length."""
    shown = sorted({1, count, *range(max(1, current - PAGER_WINDOW), min(count, current + PAGER_WINDOW) + 1)})
    items: list[tuple[int, str, bool] | None] = []
    for number in shown:
        if items and items[-1] is not None and number > items[-1][0] + 1:
            items.append(None)
        items.append((number, link(uri_of(number), from_uri), number == current))
    return items


ListPage = tuple[GeneratedPage, HtmlBody]
"""A list page: its front matter, with no Markdown after it, and its body as HTML."""


def _list_pages(
    env: jinja2.Environment,
    listing: _Listing,
    link: Link,
    *,
    first_extra: dict[str, Any] | None = None,
    every_extra: Callable[[str], dict[str, Any]] | None = None,
) -> list[ListPage]:
    """The pages of one list, ARTICLES_PER_PAGE articles each (`bai-viet/index.md`, `bai-viet/trang/2.md`…)."""
    chunks = [
        listing.articles[start : start + ARTICLES_PER_PAGE]
        for start in range(0, len(listing.articles), ARTICLES_PER_PAGE)
    ] or [()]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        uri = paged_uri(listing.uri, number)
        title = listing.title + ("" if number == 1 else f" – trang {number}")
        # List pages repeat the articles' titles and summaries: they stay out of the search index
        # (Material's `search.exclude`), where each article has an entry of its own.
        meta = {"title": title, "description": listing.description, "search": {"exclude": True}}
        values = {"tracker": None, "pagination": None, "archives": None, "feed": None}
        if len(chunks) > 1:
            values["pagination"] = pager(len(chunks), number, lambda n: paged_uri(listing.uri, n), uri, link)
        values |= every_extra(uri) if every_extra else {}
        values |= (first_extra or {}) if number == 1 else {}
        body = render_html_body(
            env,
            "cchc/articles-list-body.html",
            title=title,
            intro=listing.intro,
            cards=[_card(article, uri, link) for article in chunk],
            empty=listing.empty,
            **values,
        )
        pages.append((GeneratedPage(uri, with_front_matter(meta, ""), in_nav=uri == ARTICLES_INDEX), body))
    return pages


def tracker_view(
    statuses: tuple[QuarterStatus, ...], from_uri: str, *, directory_urls: bool = True
) -> dict[str, Any] | None:
    """Plain values for `overrides/cchc/quarter-tracker.html`, so any page can include it.

    `from_uri` is the source path of the including page (e.g. `tien-do/index.md`): quarter links
    are made relative to it, as raw HTML links are not rewritten by MkDocs."""
    if not statuses:
        return None
    rows = []
    for status in statuses:
        target = articles_quarter_uri(status.year, status.quarter)
        rows.append(
            {
                "label": status.label,
                "period": f"{dates.short(status.first_day)} – {dates.short(status.last_day)}",
                "count": len(status.articles),
                "state": status.state,
                "state_label": QuarterState(status.state).label,
                "days_left": status.days_left,
                "href": links.href(target, from_uri, directory_urls) if status.articles else None,
            }
        )
    return {"year": statuses[0].year, "task": QUOTA_TASK, "quota": f"{QUOTA:02d}", "rows": rows}


def _numbered_pages(
    articles: tuple[Article, ...],
    statuses: tuple[QuarterStatus, ...],
    school: School,
    env: jinja2.Environment,
    directory_urls: bool,
) -> list[ListPage]:
    """`bai-viet/`, then `bai-viet/trang/N/`: every published article, newest first."""
    years = sorted({article.year for article in articles}, reverse=True)
    link = _address(directory_urls)

    def column_links(uri: str) -> dict[str, Any]:
        return {
            "feed": link(FEED_URI, uri),
            "archives": {
                "years": [(str(year), link(articles_year_uri(year), uri)) for year in years],
                "kinds": [(kind.label, link(articles_kind_uri(kind), uri)) for kind in ArticleKind],
                "quarters": [],
            },
        }

    return _list_pages(
        env,
        _Listing(
            ARTICLES_INDEX,
            "Bài viết về cải cách hành chính",
            f"Bài viết, mô hình, sản phẩm tuyên truyền về cải cách hành chính của {school.name}, mới nhất trước.",
            "Mỗi quý, nhà trường gửi ít nhất một bài viết, mô hình hoặc sản phẩm tuyên truyền về công tác "
            f"cải cách hành chính (nhiệm vụ {QUOTA_TASK} của kế hoạch). Bài mới nhất ở trên cùng.",
            articles,
            EMPTY_ARTICLES,
        ),
        link,
        every_extra=column_links,
        first_extra={"tracker": tracker_view(statuses, ARTICLES_INDEX, directory_urls=directory_urls)},
    )


def _year_pages(
    articles: tuple[Article, ...], year: int, school: School, env: jinja2.Environment, link: Link
) -> list[ListPage]:
    """`bai-viet/<year>/` and its four quarters, each over as many pages as it needs."""
    in_year = tuple(article for article in articles if article.year == year)
    uri = articles_year_uri(year)
    quarters = [(dates.quarter_label(year, q), link(articles_quarter_uri(year, q), uri)) for q in range(1, 5)]
    pages = _list_pages(
        env,
        _Listing(
            uri,
            f"Bài viết năm {year}",
            f"Các bài viết về cải cách hành chính năm {year} của {school.name}.",
            f"Các bài đã đăng trong năm {year}, mới nhất trước.",
            in_year,
            EMPTY_ARTICLES,
        ),
        link,
        first_extra={"archives": {"years": [], "kinds": [], "quarters": quarters}},
    )
    for quarter in range(1, 5):
        label = "q" + dates.quarter_label(year, quarter)[1:]
        in_quarter = tuple(article for article in in_year if article.quarter == quarter)
        pages += _list_pages(
            env,
            _Listing(
                articles_quarter_uri(year, quarter),
                f"Bài viết {label}",
                f"Các bài viết về cải cách hành chính đăng trong {label} của {school.name}.",
                f"Các bài đăng trong {label} (theo giờ Việt Nam), mới nhất trước.",
                in_quarter,
                "Chưa có bài viết nào được đăng trong quý này.",
            ),
            link,
        )
    return pages


def _kind_pages(
    articles: tuple[Article, ...], kind: ArticleKind, school: School, env: jinja2.Environment, link: Link
) -> list[ListPage]:
    """`bai-viet/loai/<kind>/`, over as many pages as it needs."""
    label = kind.label
    of_kind = tuple(article for article in articles if article.kind == kind)
    return _list_pages(
        env,
        _Listing(
            articles_kind_uri(kind),
            f"{label} về cải cách hành chính",
            f"{label} về cải cách hành chính của {school.name}, mới nhất trước.",
            f"Các bài thuộc loại “{label}”, mới nhất trước.",
            of_kind,
            f"Chưa có bài nào thuộc loại “{label}” được đăng.",
        ),
        link,
    )


def article_pages(
    articles: tuple[Article, ...],
    statuses: tuple[QuarterStatus, ...],
    school: School,
    env: jinja2.Environment,
    *,
    directory_urls: bool = True,
) -> tuple[ListPage, ...]:
    """Every generated list page, from the published articles (newest first); their addresses
    are `cchc.site.addresses.article_list_uris`."""
    years = sorted({article.year for article in articles}, reverse=True)
    link = _address(directory_urls)
    return tuple(
        _numbered_pages(articles, statuses, school, env, directory_urls)
        + [page for year in years for page in _year_pages(articles, year, school, env, link)]
        + [page for kind in ArticleKind for page in _kind_pages(articles, kind, school, env, link)]
    )


def practices_page(practices: tuple[Practice, ...], school: School, env: jinja2.Environment) -> GeneratedPage:
    uri = PRACTICES_INDEX
    cards = [
        {
            "title": practice.title,
            "href": links.source_link(practice.src_uri, uri),
            "summary": practice.summary,
            "status": practice.status_label,
            "since": dates.short(practice.since),
            "area": practice.area_name,
            "results": practice.results,
            "cover": _cover(practice, uri),
        }
        for practice in practices
    ]
    meta = {
        "title": "Mô hình, giải pháp hay",
        "description": f"Các mô hình, giải pháp hay trong cải cách hành chính tại {school.name}.",
    }
    body = render(env, "cchc/practices-body.html", cards=cards, empty=EMPTY_PRACTICES)
    return GeneratedPage(uri, with_front_matter(meta, body))


def _task_links(entry: Entry, plan_years: frozenset[int] = frozenset()) -> list[dict[str, Any]]:
    """The tasks an entry serves, one line per plan year: "1.11, 1.12 của kế hoạch CCHC năm 2025",
    saying so when the entry's own year has no published plan."""
    years: dict[int, list[dict[str, str]]] = {}
    for ref in entry.tasks:
        years.setdefault(ref.year, []).append(
            {
                "number": ref.task.number,
                "href": links.source_link(plan_year_uri(ref.year), entry.src_uri) + "#" + ref.task.anchor,
            }
        )
    own = entry.day.year
    return [
        {
            "year": str(year),
            "tasks": tasks,
            "note": (
                f"nhà trường chưa công bố kế hoạch năm {own}"
                if year != own and plan_years and own not in plan_years
                else None
            ),
        }
        for year, tasks in years.items()
    ]


def _unpublished_note(entry: Entry, as_of: dt.date) -> str | None:
    """Shown only by `mkdocs serve`: a published build never renders these pages."""
    if entry.draft:
        return "Bản nháp: bài này chưa được đăng và không có trên trang web xuất bản."
    if entry.day > as_of:
        return f"Bản nháp: bài hẹn đăng ngày {dates.short(entry.day)}, chưa có trên trang web xuất bản."
    return None


def article_head(
    article: Article,
    practices: dict[str, Practice],
    school: School,
    as_of: dt.date,
    env: jinja2.Environment,
    plan_years: frozenset[int] = frozenset(),
) -> str:
    """The Markdown put above the staff's text on an article page."""
    practice = practices.get(article.practice) if article.practice else None
    sent_to = school.sent_to_on(article.sent_on) if article.sent_on else None
    return render(
        env,
        "cchc/article-head.html",
        title=article.title,
        draft=_unpublished_note(article, as_of),
        date=dates.short(article.day),
        time=article.published.strftime("%H:%M") if article.published.time() != dt.time(0) else None,
        kind=article.kind_label,
        kind_href=links.source_link(articles_kind_uri(article.kind), article.src_uri),
        authors=", ".join(article.authors),
        tasks=_task_links(article, plan_years),
        practice={"title": practice.title, "href": links.source_link(practice.src_uri, article.src_uri)}
        if practice
        else None,
        sent_on=dates.short(article.sent_on) if article.sent_on else None,
        sent_to=sent_to or "Ban Chỉ đạo CCHC",
        cover=_cover(article, article.src_uri),
        marker=Markup(BODY_MARKER),
    )


def practice_head(
    practice: Practice,
    as_of: dt.date,
    env: jinja2.Environment,
    articles: tuple[Article, ...] = (),
    plan_years: frozenset[int] = frozenset(),
) -> str:
    """The Markdown put above the staff's text on a practice page; `articles` are the published
    articles presenting it, newest first."""
    return render(
        env,
        "cchc/practice-head.html",
        title=practice.title,
        draft=_unpublished_note(practice, as_of),
        status=practice.status_label,
        since=dates.short(practice.since),
        area=practice.area_name,
        area_href=links.source_link(plan_year_uri(practice.area_year), practice.src_uri) + f"#linh-vuc-{practice.area}",
        authors=", ".join(practice.authors),
        tasks=_task_links(practice, plan_years),
        results=practice.results,
        articles=[
            {
                "title": article.title,
                "href": links.source_link(article.src_uri, practice.src_uri),
                "date": dates.short(article.day),
            }
            for article in articles
            if article.practice == practice.slug
        ],
        cover=_cover(practice, practice.src_uri),
        marker=Markup(BODY_MARKER),
    )


@dataclass(frozen=True)
class ColumnOutputs:
    """Everything the column adds to a build, computed once in `on_config`; shared by the
    rebuilds of `mkdocs serve` (`column`), so its mappings are read-only."""

    pages: tuple[GeneratedPage, ...]
    bodies: Mapping[str, HtmlBody]
    """The list pages' bodies, by source path: their Markdown is front matter alone."""
    home: str
    """Markdown of the newest articles, put on the home page where its marker stands."""
    heads: Mapping[str, str]
    """Markdown put above each article and practice page, by source path."""
    entries: Mapping[str, Entry]
    """Every article and practice, drafts included, by source path."""


_columns: Made[ColumnOutputs] = Made(kept=2, for_rebuilds_only=True)
"""A single build asks for the column once: kept only when `mkdocs serve` rebuilds."""


def column(content: Content, env: jinja2.Environment, *, directory_urls: bool = True) -> ColumnOutputs:
    """The column's pages, headers and entries. Under `mkdocs serve` they are made once per process
    for the same articles, practices, plans, school, date, address scheme and template files: a
    rebuild makes them again only when an edit changes one of these (an article's text does not)."""
    key = (
        content.articles,
        content.practices,
        content.plans,
        content.school,
        content.as_of,
        directory_urls,
        template_files(env),
    )
    return _columns.get(key, lambda: _column(content, env, directory_urls))


def _column(content: Content, env: jinja2.Environment, directory_urls: bool) -> ColumnOutputs:
    school = content.school
    lists = article_pages(content.published_articles, content.quarters(), school, env, directory_urls=directory_urls)
    pages = tuple(page for page, _ in lists) + (practices_page(content.published_practices, school, env),)
    practices = {practice.slug: practice for practice in content.practices}
    years = frozenset(plan.year for plan in content.plans)
    heads = {
        article.src_uri: article_head(article, practices, school, content.as_of, env, years)
        for article in content.articles
    }
    heads |= {
        practice.src_uri: practice_head(practice, content.as_of, env, content.published_articles, years)
        for practice in content.practices
    }
    entries = {entry.src_uri: entry for entry in content.articles + content.practices}
    bodies = {page.src_uri: body for page, body in lists}
    return ColumnOutputs(
        pages,
        MappingProxyType(bodies),
        home_latest(content.published_articles, env),
        MappingProxyType(heads),
        MappingProxyType(entries),
    )


HOME_MARKER = "<!-- cchc:bai-viet-moi-nhat -->"
"""Where the newest articles go on the hand-written home page (staff may move the line)."""
LATEST_ON_HOME = 3


def home_latest(articles: tuple[Article, ...], env: jinja2.Environment) -> str:
    return render(
        env,
        "cchc/home-latest.html",
        cards=[_card(article, HOME) for article in articles[:LATEST_ON_HOME]],
        all_href=links.source_link(ARTICLES_INDEX, HOME),
        feed_href=links.source_link(FEED_URI, HOME),
    )
