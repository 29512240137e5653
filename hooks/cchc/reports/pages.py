"""The reports' pages and downloads: `bao-cao/` lists every report; each quarter (and the year)
has a page laid out like the signed document and a .docx."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2

from ..articles.model import Article
from ..base import dates, links
from ..base.identity import School
from ..base.made import Made, collecting_cycles
from ..base.render import GeneratedFile, GeneratedPage, render, template_files, with_front_matter
from ..plan.model import Plan
from ..site.addresses import REPORTS_INDEX, report_docx_uri, report_uri
from .document import Paragraph, Report, Run, Table, build_report, periods_ended
from .entries import Reports
from .word import report_docx

INDEX = REPORTS_INDEX

_made = Made(kept=200)
"""The .docx bytes by report and address settings: the bytes depend on nothing else, so under
`mkdocs serve` a rebuild makes again only the reports whose content changed. A build looks each
report up once, in the same order: a bound below its count of reports would drop each one before
the next rebuild asks for it again and make them all every time. 200: five reports a plan year,
for twenty years, twice over (superseded versions stay until they are the least recently used)."""
_outputs: Made[tuple[tuple[GeneratedPage, ...], tuple[GeneratedFile, ...]]] = Made(kept=2, for_rebuilds_only=True)
"""All of `report_outputs`, by its inputs (two: the last two rebuilds' inputs); for rebuilds only:
a single build asks once."""


def year_reports(
    plan: Plan, reports: Reports | None, school: School, articles: tuple[Article, ...], as_of
) -> tuple[Report, ...]:
    """The reports of a plan year whose period has ended by `as_of`, in period order."""
    return tuple(
        build_report(plan, reports, period, school, articles, lambda article: article.src_uri)
        for period in periods_ended(plan.year, as_of)
    )


def _runs(runs: tuple[Run, ...], page: str, directory_urls: bool) -> list[dict[str, Any]]:
    return [
        {
            "text": run.text,
            "href": links.href(run.link, page, directory_urls) if run.link else None,
            "external": bool(run.link and links.is_external(run.link)),
        }
        for run in runs
    ]


def _view(report: Report, page: str, directory_urls: bool) -> dict[str, Any]:
    sections = []
    for index, section in enumerate(report.sections, start=1):
        blocks = []
        for block in section.blocks:
            if isinstance(block, Table):
                blocks.append(
                    {
                        "type": "table",
                        "caption": block.caption,
                        "header": block.header,
                        "rows": [[_runs(cell, page, directory_urls) for cell in row] for row in block.rows],
                    }
                )
            else:
                assert isinstance(block, Paragraph)
                blocks.append({"type": block.kind, "runs": _runs(block.runs, page, directory_urls)})
        sections.append({"id": f"phan-{index}", "title": section.title, "blocks": blocks})
    return {
        "report": report,
        "sections": sections,
        "docx": links.href(report_docx_uri(report.period), page, directory_urls),
        "docx_name": report_docx_uri(report.period).rsplit("/", 1)[-1],
        "index": links.href(INDEX, page, directory_urls),
        "missing": report.missing,
        "date": dates.short(report.date),
    }


def report_page(report: Report, env: jinja2.Environment, directory_urls: bool) -> GeneratedPage:
    uri = report_uri(report.period)
    meta = {
        "title": report.name,
        "description": (
            f"{report.title.capitalize()} {report.subtitle.lower()} của {report.school}, số liệu tính đến ngày "
            f"{dates.short(report.date)}; tải bản Word để ký và gửi."
        ),
        "template": "cchc/report-page.html",
        # The reports restate the plan and the progress page for the ward: kept out of the search
        # index so a parent's search leads to the plan, the progress page and the articles.
        "search": {"exclude": True},
    }
    body = render(env, "cchc/report-body.html", **_view(report, uri, directory_urls))
    return GeneratedPage(uri, with_front_matter(meta, body), in_nav=False)


def reports_index(
    years: tuple[tuple[Plan, tuple[Report, ...]], ...],
    school: School,
    env: jinja2.Environment,
    as_of,
    directory_urls: bool,
) -> GeneratedPage:
    items = [
        {
            "year": plan.year,
            "reports": [
                {
                    "name": report.name,
                    "href": links.href(report_uri(report.period), INDEX, directory_urls),
                    "docx": links.href(report_docx_uri(report.period), INDEX, directory_urls),
                    "date": dates.short(report.date),
                    "missing": len(report.missing),
                }
                for report in reports
            ],
        }
        for plan, reports in years
    ]
    meta = {
        "title": "Báo cáo",
        "description": f"Báo cáo kết quả cải cách hành chính hằng quý và hằng năm của {school.name}, tải bản Word.",
    }
    body = render(env, "cchc/reports-index-body.html", years=items, as_of=dates.short(as_of), school=school)
    return GeneratedPage(INDEX, with_front_matter(meta, body))


def report_outputs(
    plans: tuple[Plan, ...],
    reports_of: Callable[[int], Reports | None],
    school: School,
    articles: tuple[Article, ...],
    as_of,
    env: jinja2.Environment,
    site_url: str,
    directory_urls: bool = True,
) -> tuple[tuple[GeneratedPage, ...], tuple[GeneratedFile, ...]]:
    """The index, each ended period's page and its .docx, for every plan year (newest first); made
    once per process for the same inputs and template files, as the column is (`column`): an
    article's text is not among them, so a preview rebuild after editing one does not make them."""
    entries = tuple(reports_of(plan.year) for plan in plans)
    key = (plans, entries, school, articles, as_of, site_url, directory_urls, template_files(env))
    return _outputs.get(
        key, lambda: _report_outputs(plans, entries, school, articles, as_of, env, site_url, directory_urls)
    )


def _report_outputs(
    plans: tuple[Plan, ...],
    entries: tuple[Reports | None, ...],
    school: School,
    articles: tuple[Article, ...],
    as_of,
    env: jinja2.Environment,
    site_url: str,
    directory_urls: bool,
) -> tuple[tuple[GeneratedPage, ...], tuple[GeneratedFile, ...]]:
    years = tuple(
        (plan, year_reports(plan, reports, school, articles, as_of))
        for plan, reports in zip(plans, entries, strict=True)
    )

    def absolute(link: str) -> str:
        return links.absolute_url(link, site_url, directory_urls)

    pages = (reports_index(years, school, env, as_of, directory_urls),) + tuple(
        report_page(report, env, directory_urls) for _, reports in years for report in reports
    )
    files = tuple(
        GeneratedFile(
            report_docx_uri(report.period),
            _made.get(
                (report, site_url, directory_urls),
                lambda report=report: collecting_cycles(lambda: report_docx(report, absolute)),
            ),
        )
        for _, reports in years
        for report in reports
    )
    return pages, files
