"""Every address of a page or file the build generates, and the list of what a build generates.

An address is a docs path (a `src_uri`: `ke-hoach/2025.md`, `feed.xml`), the form MkDocs checks
and rewrites for any URL scheme; `cchc.base.links` turns it into a URL where raw HTML needs one.
The page modules of every feature, the site's link targets (`sitepaths`), the doc-link checker
(through those targets) and the page assembly all read their addresses here, so a page never
moves in one place and not in another. This module reads only the feature models.
"""

from __future__ import annotations

import datetime as dt

from ..articles.model import ARTICLES_DIR, PRACTICES_DIR, Article, ArticleKind
from ..plan.indicators import Period, periods_ended
from ..plan.model import Plan

HOME = "index.md"
"""The hand-written home page, where the newest articles go."""

# Plans (cchc.plan.pages)
PLANS_INDEX = "ke-hoach/index.md"


def plan_year_uri(year: int) -> str:
    return f"ke-hoach/{year}.md"


def plan_uri(plan: Plan) -> str:
    return plan_year_uri(plan.year)


def plan_notes_uri(plan: Plan) -> str:
    """The plan's transcription notes, on a page of their own beside the plan (`/ke-hoach/2025/ghi-chu/`)."""
    return f"ke-hoach/{plan.year}/ghi-chu.md"


def plan_uris(plans: tuple[Plan, ...]) -> tuple[str, ...]:
    """The plans' pages, each followed by its notes page when it has notes."""
    return tuple(
        uri
        for plan in plans
        for uri in (plan_uri(plan), plan_notes_uri(plan))
        if plan.has_source_notes or uri == plan_uri(plan)
    )


# Progress and its open data (cchc.progress.pages)
PROGRESS_FOLDER = "tien-do"
PROGRESS_INDEX = f"{PROGRESS_FOLDER}/index.md"
PROGRESS_JSON_URI = f"{PROGRESS_FOLDER}/progress.json"
PROGRESS_SCHEMA_URI = f"{PROGRESS_FOLDER}/progress.schema.json"


def progress_uri(plan: Plan, plans: tuple[Plan, ...]) -> str:
    """The newest year's page is the section's index (`tien-do/`); older years sit beside it."""
    return PROGRESS_INDEX if plan.year == max(p.year for p in plans) else f"{PROGRESS_FOLDER}/{plan.year}.md"


def plan_csv_uri(plan: Plan) -> str:
    return f"{PROGRESS_FOLDER}/ke-hoach-{plan.year}.csv"


def evidence_csv_uri(plan: Plan) -> str:
    return f"{PROGRESS_FOLDER}/minh-chung-{plan.year}.csv"


def xlsx_uri(csv_uri: str) -> str:
    """The Excel workbook published beside a CSV file, with the same rows."""
    return csv_uri[: -len(".csv")] + ".xlsx"


# Articles, practices and the feed (cchc.articles.pages, cchc.articles.feed)
ARTICLES_PER_PAGE = 10
ARTICLES_INDEX = f"{ARTICLES_DIR}/index.md"
PRACTICES_INDEX = f"{PRACTICES_DIR}/index.md"
FEED_URI = "feed.xml"


def paged_uri(first: str, number: int) -> str:
    """Source path of page `number` of a list whose first page is `first`: `bai-viet/index.md`,
    then `bai-viet/trang/2.md`; `bai-viet/loai/video.md`, then `bai-viet/loai/video/trang/2.md`."""
    if number == 1:
        return first
    stem = first.removesuffix("/index.md") if first.endswith("/index.md") else first.removesuffix(".md")
    return f"{stem}/trang/{number}.md"


def articles_year_uri(year: int) -> str:
    return f"{ARTICLES_DIR}/{year}/index.md"


def articles_quarter_uri(year: int, quarter: int) -> str:
    return f"{ARTICLES_DIR}/{year}/quy-{quarter}.md"


def articles_kind_uri(kind: str) -> str:
    return f"{ARTICLES_DIR}/loai/{kind.replace('_', '-')}.md"


def articles_page_count(items: int) -> int:
    """Pages a list of `items` entries takes, ARTICLES_PER_PAGE a page (an empty list still has one)."""
    return max(1, -(-items // ARTICLES_PER_PAGE))


def article_list_uris(articles: tuple[Article, ...]) -> tuple[str, ...]:
    """Every list page generated from the published `articles` (see article_pages): the
    numbered pages of the whole list, of each year, each of its quarters and each kind."""
    firsts = [(ARTICLES_INDEX, len(articles))]
    for year in sorted({article.year for article in articles}, reverse=True):
        in_year = [article for article in articles if article.year == year]
        firsts.append((articles_year_uri(year), len(in_year)))
        firsts += [
            (articles_quarter_uri(year, q), sum(1 for article in in_year if article.quarter == q)) for q in range(1, 5)
        ]
    firsts += [
        (articles_kind_uri(kind), sum(1 for article in articles if article.kind == kind)) for kind in ArticleKind
    ]
    return tuple(
        paged_uri(first, number) for first, items in firsts for number in range(1, articles_page_count(items) + 1)
    )


# The parents' pages (cchc.feedback.pages)
CHANNELS_PAGE = "phan-anh/index.md"
ANSWERS_PAGE = "phan-anh/hoi-dap.md"
SITEMAP_PAGE = "so-do-trang.md"


# Reports (cchc.reports.pages): the list, then each ended quarter's and year's page and .docx
REPORTS_FOLDER = "bao-cao"
REPORTS_INDEX = f"{REPORTS_FOLDER}/index.md"
"""The site's list of reports, linked from the progress page."""


def report_uri(period: Period) -> str:
    return f"{REPORTS_FOLDER}/{period.year}/" + (f"quy-{period.quarter}.md" if period.quarter else "nam.md")


def report_docx_uri(period: Period) -> str:
    name = f"quy-{period.quarter}.docx" if period.quarter else "nam.docx"
    return f"{REPORTS_FOLDER}/{period.year}/bao-cao-cchc-{period.year}-{name}"


# The glossary page (cchc.site.glossary), generated when docs/tu-ngu.yaml exists
GLOSSARY_PAGE = "giai-thich-tu-ngu.md"

# The content editor (cchc.site.editor): Decap CMS reads config.yml beside its page, quan-tri/index.html
EDITOR_CONFIG_URI = "quan-tri/config.yml"


def linkable_files(plans: tuple[Plan, ...], published: tuple[Article, ...]) -> tuple[str, ...]:
    """The generated pages and files whatever the date, each once: what content may link to
    (`cchc.site.sitepaths`). The dated reports and the editor's settings are left out."""
    progress = tuple(
        uri
        for plan in plans
        for csv_uri in (plan_csv_uri(plan), evidence_csv_uri(plan))
        for uri in (csv_uri, xlsx_uri(csv_uri))
    ) + tuple(progress_uri(plan, plans) for plan in plans)
    return (
        (PLANS_INDEX, *plan_uris(plans))
        + progress
        + (PROGRESS_JSON_URI, PROGRESS_SCHEMA_URI)
        + article_list_uris(published)
        + (PRACTICES_INDEX, CHANNELS_PAGE, ANSWERS_PAGE, SITEMAP_PAGE, FEED_URI, REPORTS_INDEX)
    )


def planned_files(
    plans: tuple[Plan, ...], published: tuple[Article, ...], as_of: dt.date, *, glossary: bool = False
) -> tuple[str, ...]:
    """Every page and file a build generates on `as_of`, from the plans and the published
    articles (and the glossary page when the project has a glossary), each once.
    `tests/test_addresses.py` holds a real build to this list. Not listed: the redirect pages
    of renamed entries (`cchc.site.redirects`), placed by the adapter only where the engine's
    own file list leaves an old address free."""
    reports = tuple(
        uri
        for plan in plans
        for period in periods_ended(plan.year, as_of)
        for uri in (report_uri(period), report_docx_uri(period))
    )
    return linkable_files(plans, published) + reports + ((GLOSSARY_PAGE,) if glossary else ()) + (EDITOR_CONFIG_URI,)
