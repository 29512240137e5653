"""All of the site's content, read and validated once per build: the one entry point that the
MkDocs adapter and the staff's check command share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from .articles.model import (
    ARTICLES_DIR,
    PRACTICES_DIR,
    Article,
    Practice,
    check_unique_ids,
    load_articles,
    load_practices,
)
from .articles.quarters import QuarterStatus, missed_quarter_notes, quarter_tracker, tracker_year
from .base import dates
from .base.docfiles import unpublishable_files
from .base.doclinks import check_doc_links
from .base.errors import ContentError, Problem
from .base.identity import IDENTITY_FILE, School, load_identity
from .base.symlinks import check_no_symlinks
from .feedback.model import (
    ANSWERS_FOLDER,
    CHANNELS_FILE,
    Channels,
    Question,
    load_answers,
    load_channels,
    missing_channels,
)
from .feedback.privacy import read_names
from .feedback.workdays import HOLIDAYS_FILE, HolidayCalendar, load_holidays
from .plan.model import Plan, load_plans
from .progress.model import PlanProgress, plan_progress, progress_notes
from .reports.document import report_notes
from .reports.entries import Reports, check_links, load_reports, plan_on
from .reports.layout import REPORTS_FOLDER
from .site.mkdocs_config import check_config
from .site.sitepaths import site_targets

T = TypeVar("T")

AS_OF_VARIABLE = "CCHC_AS_OF"
"""YYYY-MM-DD: the day derived states are computed for (default: today in Vietnam)."""
PRIVATE_NAMES_VARIABLE = "CCHC_PRIVATE_NAMES"
"""Path of a text file (one name a line) of names never to publish, kept outside the repository."""


@dataclass(frozen=True)
class Settings:
    as_of: dt.date
    private_names: tuple[str, ...]


def settings_from(environ: Mapping[str, str]) -> Settings:
    """The build's settings from environment variables; ValueError with a Vietnamese message."""
    try:
        as_of = dates.parse_as_of(environ.get(AS_OF_VARIABLE))
    except ValueError as error:
        raise ValueError(f"Biến môi trường {AS_OF_VARIABLE} {error}") from None
    try:
        names = read_names(environ.get(PRIVATE_NAMES_VARIABLE))
    except ValueError as error:
        raise ValueError(f"Biến môi trường {PRIVATE_NAMES_VARIABLE}: {error}") from None
    return Settings(as_of, names)


@dataclass(frozen=True)
class Content:
    as_of: dt.date
    """The day every derived state is computed for."""
    school: School
    plans: tuple[Plan, ...]
    """Newest first, each as its progress entries report it on the as-of date."""
    channels: Channels
    questions: tuple[Question, ...]
    """Published questions and answers of every year, newest received first."""
    articles: tuple[Article, ...] = ()
    """Every article file, drafts and future ones included, newest first."""
    practices: tuple[Practice, ...] = ()
    calendar: HolidayCalendar | None = None
    """Working days: the holiday file's official years, the library for the others."""
    reports: tuple[Reports, ...] = ()
    """Every plan year's progress entries and narratives, whatever their date."""

    def reports_of(self, year: int) -> Reports | None:
        return next((reports for reports in self.reports if reports.year == year), None)

    @cached_property
    def published_articles(self) -> tuple[Article, ...]:
        return tuple(article for article in self.articles if article.is_published(self.as_of))

    @cached_property
    def published_practices(self) -> tuple[Practice, ...]:
        return tuple(practice for practice in self.practices if practice.is_published(self.as_of))

    @cached_property
    def progresses(self) -> tuple[PlanProgress, ...]:
        """Each plan's progress on the as-of date, newest plan first: computed once per build."""
        return tuple(plan_progress(plan, self.as_of) for plan in self.plans)

    def quarters(self) -> tuple[QuarterStatus, ...]:
        """The quarterly quota of the tracked plan year (see `quarters.tracker_year`)."""
        return self._quarters

    @cached_property
    def _quarters(self) -> tuple[QuarterStatus, ...]:
        # Computed once: the articles page, the progress page and the warnings all show it.
        year = tracker_year(tuple(plan.year for plan in self.plans), self.as_of)
        return quarter_tracker(self.articles, year, self.as_of) if year else ()

    def warnings(self) -> tuple[str, ...]:
        """What staff should complete, in Vietnamese; never a reason to stop publishing."""
        notes = [str(gap) for entry in self.articles + self.practices for gap in entry.gaps]
        years = [plan.year for plan in self.plans]
        if self.as_of.year not in years and self.as_of.year > max(years):
            notes.append(
                f"Chưa có kế hoạch CCHC năm {self.as_of.year} (tệp plan/{self.as_of.year}.yaml): các trang Kế hoạch "
                f"và Tiến độ đang hiện kế hoạch năm {max(years)}"
            )
        if self.school.missing:
            notes.append(f"Thông tin đơn vị còn thiếu ({IDENTITY_FILE}): " + ", ".join(self.school.missing))
        for progress in self.progresses:
            notes.extend(progress_notes(progress))
        for plan in self.plans:
            notes.extend(report_notes(plan, self.reports_of(plan.year), self.school, self.as_of))
        notes.extend(missed_quarter_notes(self.quarters()))
        if self.calendar is not None:
            # The as-of day and every span an answer time is counted over: a year the holiday
            # file does not record is counted with the library's dates, and named here.
            spans = [(self.as_of, self.as_of)] + [
                (q.received, q.answered or max(q.received, self.as_of)) for q in self.questions
            ]
            notes.extend(self.calendar.library_notes(spans))
        hidden = missing_channels(self.channels, self.school)
        if hidden:
            notes.append("Kênh phản ánh của nhà trường chưa có thông tin nên đang ẩn: " + "; ".join(hidden))
        return tuple(notes)


class _Collector:
    """Runs loaders one after another and keeps every problem, so staff see all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def run(self, load: Callable[[], T]) -> T | None:
        try:
            return load()
        except ContentError as error:
            self.problems.extend(error.problems)
            return None


def _plans_as_reported(
    signed: tuple[Plan, ...] | None, reports: tuple[Reports, ...] | None, as_of: dt.date
) -> tuple[Plan, ...] | None:
    """Each signed plan as its year's progress entries report it on `as_of`; the signed plans
    as they are when the entries could not be read."""
    if signed is None or reports is None:
        return signed
    return tuple(plan_on(plan, next((r for r in reports if r.year == plan.year), None), as_of) for plan in signed)


def _load_entries(
    collect: _Collector,
    root: Path,
    docs: Path,
    plans: tuple[Plan, ...],
    reports: tuple[Reports, ...] | None,
    as_of: dt.date,
) -> tuple[tuple[Article, ...] | None, tuple[Practice, ...] | None]:
    """The articles and practices, then the links of the progress entries and of the hand-written
    pages, which may point at them."""
    practices = collect.run(lambda: load_practices(docs, root, plans))
    articles = collect.run(lambda: load_articles(docs, root, plans))
    collect.run(lambda: check_unique_ids((articles or ()) + (practices or ())))
    # Evidence may point at published articles and practices, never at a draft or a future one.
    unpublished = frozenset(
        entry.src_uri for entry in (articles or ()) + (practices or ()) if not entry.is_published(as_of)
    )
    published = tuple(article for article in articles or () if article.is_published(as_of))
    targets = site_targets(docs, plans, unpublished, published)
    for year_reports in reports or ():
        collect.problems.extend(check_links(year_reports, as_of, targets))
    # The loaders checked their files' bounds (cchc.base.doclinks.page_problems) as they read them.
    read = frozenset(entry.src_uri for entry in (articles or ()) + (practices or ()))
    # Every page under the entries' folders is the loaders' (a misplaced one is refused by them).
    folders = (f"{ARTICLES_DIR}/", f"{PRACTICES_DIR}/")
    collect.problems.extend(check_doc_links(docs, root, targets, bounds_checked=read, entry_folders=folders))
    return articles, practices


def load_content(
    root: Path,
    config_file: Path,
    as_of: dt.date,
    docs_dir: Path | None = None,
    *,
    private_names: tuple[str, ...] = (),
) -> Content:
    """Read every content file of the project at `root`; raise one ContentError with all problems.

    `private_names` are names that must never be published (kept outside the repository)."""
    docs = docs_dir or root / "docs"
    # First and alone: a loader must not read, nor quote in a message, a file outside the project.
    check_no_symlinks(root, (docs, root / "plan"))
    collect = _Collector()
    collect.problems.extend(unpublishable_files(docs, root))
    collect.run(lambda: check_config(config_file, config_file.relative_to(root).as_posix()))
    school = collect.run(lambda: load_identity(root / IDENTITY_FILE, IDENTITY_FILE, docs=docs))
    signed = collect.run(lambda: load_plans(root / "plan", root))
    reports = collect.run(lambda: load_reports(root / REPORTS_FOLDER, root, signed)) if signed is not None else None
    plans = _plans_as_reported(signed, reports, as_of)
    channels = collect.run(lambda: load_channels(root / CHANNELS_FILE))
    calendar = collect.run(lambda: load_holidays(root / HOLIDAYS_FILE))
    questions = collect.run(
        lambda: load_answers(
            root / ANSWERS_FOLDER, root, plans=plans, calendar=calendar, as_of=as_of, private_names=private_names
        )
    )
    articles: tuple[Article, ...] | None = ()
    practices: tuple[Practice, ...] | None = ()
    if plans is not None:
        # Articles are checked against the plan's task numbers, so they need a readable plan.
        articles, practices = _load_entries(collect, root, docs, plans, reports, as_of)
    if collect.problems:
        raise ContentError(collect.problems)
    assert school is not None and plans is not None and channels is not None and questions is not None
    assert articles is not None and practices is not None and reports is not None
    return Content(
        as_of=as_of,
        school=school,
        plans=plans,
        channels=channels,
        questions=questions,
        articles=articles,
        practices=practices,
        calendar=calendar,
        reports=reports,
    )
