"""The build's plan, as pure functions: which pages and files the core generates, how the nav
gains its generated sections, which article files are drafts. The MkDocs adapter
(`hooks/cchc_site.py`) only hands these values to the engine."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..articles.model import Entry
from ..articles.pages import ColumnOutputs, column, tracker_view
from ..base import links
from ..base.errors import ContentError, Problem, source_name
from ..base.render import GeneratedFile, GeneratedPage
from ..content import Content
from ..feedback import pages as feedback_pages
from ..plan.pages import plan_nav, plan_notes_page, plan_page, plans_index
from ..progress.pages import TrackerView, home_status, progress_nav, progress_outputs
from ..reports.pages import report_outputs
from . import redirects
from .addresses import EDITOR_CONFIG_URI, FEED_URI, PLANS_INDEX, PROGRESS_INDEX, planned_files
from .editor import EditorSettings, content_editor_config
from .glossary import GLOSSARY_FILE, Term, glossary_page, load_glossary

LOCAL_SITE_URL = "http://127.0.0.1:"
"""mkdocs.yml's default site_url, for local work; a published build sets CCHC_SITE_URL."""
PLANS_NAV_TITLE = "Kế hoạch CCHC"
PROGRESS_NAV_TITLE = "Tiến độ thực hiện"


@dataclass(frozen=True)
class Build:
    """Everything the core adds to one build, computed once, before the engine writes."""

    content: Content
    pages: tuple[GeneratedPage, ...]
    files: tuple[GeneratedFile, ...]
    """Data files, the reports' .docx and the content editor's settings; the feed is among them,
    empty until `cchc.articles.feed` fills it."""
    column: ColumnOutputs
    nav: list[Any] | None
    home_status: str
    """Where the newest plan stands, in words, for the home page."""
    glossary: tuple[Term, ...]
    """The abbreviations of docs/tu-ngu.yaml, marked on every page and listed on their page."""
    registry: dict[str, tuple[str, ...]]
    """Every address each published entry has had (`cchc.site.redirects`)."""


@dataclass(frozen=True)
class Inclusions:
    """How the engine should treat the article and practice files (`mkdocs serve` renders
    drafts with a notice; `mkdocs build` never writes them)."""

    not_in_nav: frozenset[str]
    """Published articles and practices: pages, never in the sidebar."""
    drafts: frozenset[str]
    """Unpublished ones (drafts, future dates), with the covers and images only they use."""


def quarter_tracker_rule(content: Content, directory_urls: bool) -> TrackerView:
    """The quarterly tracker shows on the progress page of the year it tracks, nowhere else."""
    quarters = content.quarters()

    def tracker(year: int, from_uri: str) -> dict | None:
        if not quarters or quarters[0].year != year:
            return None
        return tracker_view(quarters, from_uri, directory_urls=directory_urls)

    return tracker


def with_section(
    nav: list[Any] | None, uri: str, default_title: str, section: Callable[[str], dict]
) -> list[Any] | None:
    """A copy of `nav` whose entry pointing at `uri` is replaced by the section built for its title."""
    if nav is None:
        return None
    out = list(nav)
    for index, item in enumerate(out):
        target = next(iter(item.values())) if isinstance(item, dict) else item
        if target == uri:
            out[index] = section(next(iter(item)) if isinstance(item, dict) else default_title)
            break
    return out


def title_finder(docs: Path, pages: tuple[GeneratedPage, ...]) -> Callable[[str], str | None]:
    """The title of a generated page or of a docs page, for the site map."""
    generated = {page.src_uri: page.markdown for page in pages}

    def title_of(src_uri: str) -> str | None:
        source = generated.get(src_uri)
        if source is None and (docs / src_uri).is_file():
            source = (docs / src_uri).read_text(encoding="utf-8")
        return feedback_pages.page_title(source) if source else None

    return title_of


def assemble(
    content: Content,
    env: jinja2.Environment,
    *,
    root: Path,
    docs_dir: Path,
    nav: list[Any] | None,
    site_url: str,
    directory_urls: bool,
    editor: EditorSettings,
) -> Build:
    """Every page and file the core generates, and the nav with its generated sections; the
    glossary and the address registry are read from the project folder `root` (ContentError)."""
    school, plans = content.school, content.plans
    progress_pages, data_files = progress_outputs(
        content.progresses, school, env, site_url, directory_urls, quarter_tracker_rule(content, directory_urls)
    )
    report_pages, report_files = report_outputs(
        plans, content.reports_of, school, content.published_articles, content.as_of, env, site_url, directory_urls
    )
    articles = column(content, env, directory_urls=directory_urls)
    pages = (
        (plans_index(plans, school, env),)
        + tuple(plan_page(plan, school, env, directory_urls) for plan in plans)
        + tuple(plan_notes_page(plan, env, directory_urls) for plan in plans if plan.has_source_notes)
        + progress_pages
        + report_pages
        + articles.pages
        + (feedback_pages.channels_page(content, env), feedback_pages.answers_page(content, env))
    )
    nav = with_section(nav, PLANS_INDEX, PLANS_NAV_TITLE, lambda title: plan_nav(title, plans))
    nav = with_section(nav, PROGRESS_INDEX, PROGRESS_NAV_TITLE, lambda title: progress_nav(title, plans))
    pages += (feedback_pages.sitemap_page(nav or [], title_finder(docs_dir, pages), env),)
    glossary_file = root / GLOSSARY_FILE
    terms = load_glossary(glossary_file) if glossary_file.is_file() else ()
    if terms:
        pages += (glossary_page(terms, env),)
    registry = redirects.load_registry(root / redirects.REGISTRY_FILE)
    status = home_status(content.progresses[0], env) if content.progresses else ""
    files = (
        data_files
        + report_files
        + (GeneratedFile(EDITOR_CONFIG_URI, content_editor_config(content, editor)), GeneratedFile(FEED_URI, b""))
    )
    _check_plan(pages, files, planned_files(plans, content.published_articles, content.as_of, glossary=bool(terms)))
    generated = tuple(item.src_uri for item in pages + files) + ENGINE_FILES
    _refuse_files_at_generated_addresses(docs_dir, root, generated, directory_urls)
    return Build(content, pages, files, articles, nav, status, terms, registry)


ENGINE_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
"""What MkDocs, Material and the search plugin write besides our pages and files: a folder of
docs/ by one of these names (its pictures are published) stopped their write with a Python error."""


def _refuse_files_at_generated_addresses(
    docs_dir: Path, root: Path, generated: tuple[str, ...], directory_urls: bool
) -> None:
    """A file under docs/ that the engine publishes where the build generates a page or file would
    be replaced by it with no word (the engine keeps the last file added at an address): stop with a
    message instead. The same address, not only the same path: README.md is published as index.md,
    and with directory URLs a/b/index.md (or a/b/index.html) where a/b.md is. Only the folders where
    such a file can lie are listed: each generated path's folder and, for a page, the one named after it."""

    def written(uri: str) -> str:
        url = links.page_url(uri, directory_urls)
        return f"{url}index.html" if url == "" or url.endswith("/") else url

    taken = {written(uri) for uri in generated}
    folders = {posixpath.dirname(uri) for uri in generated} | {
        uri.removesuffix(".md") for uri in generated if uri.endswith(".md")
    }
    shown = source_name(docs_dir, root)
    problems = [
        Problem(
            f"{shown}/{uri}",
            1,
            "tệp này trùng địa chỉ với một trang hay tệp do chuyên mục tự tạo, nên sẽ bị thay thế khi tạo trang; "
            "hãy đổi tên tệp (hoặc chuyển nội dung sang một tệp khác)",
        )
        for folder in sorted(folders)
        if (docs_dir / folder).is_dir()
        for uri in sorted(posixpath.join(folder, child.name) for child in (docs_dir / folder).iterdir())
        if written(uri) in taken
    ]
    if problems:
        raise ContentError(problems)


def _check_plan(pages: tuple[GeneratedPage, ...], files: tuple[GeneratedFile, ...], planned: tuple[str, ...]) -> None:
    """A page generated without its address in `cchc.site.addresses` would be refused as a link
    target by the checks that read that list: a programming error, stopped here."""
    made = [item.src_uri for item in pages + files]
    if sorted(made) != sorted(planned):
        raise RuntimeError(
            f"generated files differ from cchc.site.addresses.planned_files: "
            f"not planned {sorted(set(made) - set(planned))}, not made {sorted(set(planned) - set(made))}"
        )


def inclusions(content: Content) -> Inclusions:
    """Published entries stay out of the nav; unpublished ones, and the covers and images only
    they use, are drafts."""
    public_files = {path for entry in content.published_articles + content.published_practices for path in entry.files}
    not_in_nav: set[str] = set()
    drafts: set[str] = set()
    for entry in content.articles + content.practices:
        if entry.is_published(content.as_of):
            not_in_nav.add(entry.src_uri)
        else:
            drafts.add(entry.src_uri)
            drafts.update(path for path in entry.files if path not in public_files)
    return Inclusions(frozenset(not_in_nav), frozenset(drafts))


def entry_meta(entry: Entry) -> dict[str, str]:
    """What an article or practice page tells the theme (title, description) and the link
    preview partial (image, docs-relative)."""
    meta = {"title": entry.title, "description": entry.summary}
    if entry.cover:
        meta["image"] = entry.cover.path
    return meta


def build_notes(content: Content, site_url: str, *, serving: bool) -> tuple[str, ...]:
    """What staff should complete, in Vietnamese; never a reason to stop publishing."""
    notes = content.warnings()
    if not serving and site_url.startswith(LOCAL_SITE_URL):
        notes += (
            f"Chưa đặt địa chỉ công khai của trang (biến môi trường CCHC_SITE_URL): bản tin RSS, sơ đồ "
            f"trang và liên kết chia sẻ đang trỏ tới {site_url}",
        )
    return notes
