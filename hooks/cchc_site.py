"""The MkDocs adapter: translates MkDocs events into calls to the pure core in `cchc/`.

Every content file is read and validated in `on_config`, before MkDocs cleans `site_dir`,
so a content mistake stops the build with nothing written. The build itself goes to a staging
folder that replaces the site only when strict mode saw no warning: the last good site is kept.
Under `mkdocs serve` a content mistake does not stop the server: the preview shows one page
listing the problems (at every address) until the next save fixes them, and each rebuild reuses
the last one's per-page work where its inputs are unchanged (`cchc_preview.py`, beside this file).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import jinja2
import mkdocs
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

import cchc_preview
from cchc.articles.feed import column_feed
from cchc.articles.pages import HOME_MARKER, HtmlBody
from cchc.base import dates, escape, sanitize, text
from cchc.base.errors import ContentError, Problem, source_name
from cchc.base.made import expect_rebuilds, forget_unused
from cchc.base.render import environment, remember_compiled, replace_present
from cchc.content import PRIVATE_NAMES_VARIABLE, Content, load_content, settings_from
from cchc.feedback.pages import footer
from cchc.progress.pages import HOME_STATUS_MARKER
from cchc.site import redirects, social
from cchc.site.addresses import FEED_URI, GLOSSARY_PAGE, HOME
from cchc.site.assembly import Build, assemble, build_notes, entry_meta, inclusions
from cchc.site.editor import editor_settings
from cchc.site.glossary import Term, mark_abbreviations
from cchc.site.preview import problems_html, problems_page
from cchc.site.publish import PublishError, Staging
from cchc.site.search_languages import unused_files
from cchc.site.whitespace import collapse_whitespace

log = get_plugin_logger("cchc")

_built: Build | None = None
_problems: tuple[Problem, ...] = ()
"""Under `mkdocs serve`, the content's problems while it cannot be built (then `_built` is None)."""
_command: str = "build"
_staging: Staging | None = None


ENGINE_LOGGER = mkdocs.__name__
"""The logger the running engine reports to: "mkdocs" under MkDocs, "properdocs" under ProperDocs
(its `properdocs` command aliases the `mkdocs` package to its own, and points the legacy
"mkdocs" logger at "properdocs"). Listening to "mkdocs" alone would miss ProperDocs' warnings."""


class _WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_warnings = _WarningCount()


def _fail(error: ContentError) -> PluginError:
    count = len(error.problems)
    return PluginError(f"Nội dung có {count} lỗi cần sửa trước khi xuất bản (trang web chưa được ghi lại):\n{error}")


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command
    # Told on every start, as `_command` is: a build after a serve in one process keeps nothing.
    expect_rebuilds(command == "serve")
    if command == "serve":
        cchc_preview.start(ENGINE_LOGGER)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _built, _problems
    _built, _problems = None, ()
    cchc_preview.next_build()
    forget_unused()
    # Absolute, as MkDocs makes docs_dir: `mkdocs build -f mkdocs.yml` gives a relative path, and
    # the core compares paths under the project folder with paths under docs_dir.
    config_file = Path(os.path.abspath(config.config_file_path))
    root = config_file.parent
    try:
        settings = settings_from(os.environ)
        editor = editor_settings(os.environ)
    except ValueError as error:
        raise PluginError(str(error)) from None
    as_of = settings.as_of
    # MkDocs stamps pages (sitemap lastmod, sitemap.xml.gz) with the build time unless this is
    # set; the as-of date makes the same commit and the same as-of date give the same bytes.
    # It replaces a caller's own SOURCE_DATE_EPOCH on purpose: CCHC_AS_OF is the one setting.
    os.environ["SOURCE_DATE_EPOCH"] = str(dates.noon_epoch(as_of))
    try:
        content = load_content(root, config_file, as_of, Path(config.docs_dir), private_names=settings.private_names)
    except ContentError as error:
        if _command != "serve":
            raise _fail(error) from None
        return _preview_problems(config, error)
    try:
        _built = assemble(
            content,
            environment(Path(config.theme.custom_dir)),
            root=root,
            docs_dir=Path(config.docs_dir),
            nav=config.nav,
            site_url=config.site_url or "",
            directory_urls=config.use_directory_urls,
            editor=editor,
        )
    except ContentError as error:
        raise _fail(error) from None
    _configure_site(config, content, _built)
    for note in build_notes(content, config.site_url or "", serving=_command == "serve"):
        log.info("%s (không chặn xuất bản)", note)
    if _command != "serve":
        _start_staging(config)
    return config


def _configure_site(config: MkDocsConfig, content: Content, built: Build) -> None:
    """Hand MkDocs what the content decides: the navigation, the site's name and logo, and how
    heading ids are made."""
    config.nav = built.nav
    # Material's templates do not escape: everything handed to them is HTML already.
    config.site_name = escape.html(content.school.site_name)
    if content.school.logo:
        config.theme["logo"] = content.school.logo
    # Heading ids without diacritics ("Đánh giá" → danh-gia): Python-Markdown's default slugify
    # drops "đ" and keeps nothing of accented letters' base; ours folds them.
    config.mdx_configs.setdefault("toc", {})["slugify"] = text.slugify


def _start_staging(config: MkDocsConfig) -> None:
    """Everything is valid: build into a staging folder, published in on_post_build, and count
    the engine's warnings from here on."""
    global _staging
    try:
        _staging = Staging(Path(config.site_dir))
    except PublishError as error:
        raise PluginError(str(error)) from None
    config.site_dir = str(_staging.folder)
    logging.getLogger(ENGINE_LOGGER).removeHandler(_warnings)
    _warnings.count = 0
    logging.getLogger(ENGINE_LOGGER).addHandler(_warnings)


def _preview_problems(config: MkDocsConfig, error: ContentError) -> MkDocsConfig:
    """Under `mkdocs serve`: build only the page listing the problems, log them, and keep the
    server running (raising here would stop it, or leave the browser waiting on a rebuild)."""
    global _problems
    _problems = error.problems
    # Logged at INFO: MkDocs counts warnings before on_config, and under `strict: true` any
    # warning would abort the very build that shows the problems (the browser would then wait).
    for problem in _problems:
        log.info("LỖI %s", problem)
    log.info(
        "Nội dung có %d lỗi: bản xem trước chỉ hiện danh sách lỗi cho tới khi các tệp được sửa và lưu lại.",
        len(_problems),
    )
    config.nav = None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _leave_out_unused_search_files(files, config)
    if _built is None:
        # The problems page alone, with the theme's and the site's own assets.
        kept = Files([file for file in files if not file.is_documentation_page()])
        kept.append(File.generated(config, HOME, content=problems_page(_problems)))
        return kept
    for page in _built.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    # The feed is among the data files, empty: present from the start so that Markdown links to
    # it resolve; filled in on_env.
    for data in _built.files:
        files.append(File.generated(config, data.src_uri, content=data.content))
    # Articles stay out of the sidebar; drafts and future ones, with the cover and images that
    # only they use, are shown by `mkdocs serve` but never written by `mkdocs build`.
    rules = inclusions(_built.content)
    for paths, level in ((rules.not_in_nav, InclusionLevel.NOT_IN_NAV), (rules.drafts, InclusionLevel.DRAFT)):
        for path in paths:
            if (file := files.get_file_from_path(path)) is not None:
                file.inclusion = level
    _add_redirects(files, config)
    return files


def _leave_out_unused_search_files(files: Files, config: MkDocsConfig) -> None:
    """Material's search language files that its worker never loads with our search languages
    (cchc.site.search_languages) are neither copied nor published."""
    search = config.plugins.get("material/search")
    theme = [file.src_uri for file in files if file.src_dir in config.theme.dirs]
    for uri in unused_files(search.config.lang if search is not None else None, theme):
        files.remove(files.get_file_from_path(uri))


def _add_redirects(files: Files, config: MkDocsConfig) -> None:
    """Old addresses of renamed published entries lead to the current ones (cchc.site.redirects).
    Kept here: which old addresses are free is known only from the engine's file list."""
    assert _built is not None
    content = _built.content
    current = {entry.id: entry.src_uri for entry in content.published_articles + content.published_practices}
    taken = {file.src_uri for file in files} | {file.dest_uri for file in files}
    moves = redirects.redirects(_built.registry, current, taken)
    for old, new in moves.items():
        dest = redirects.output_path(old, config.use_directory_urls)
        if dest in taken:
            continue
        target = files.get_file_from_path(new)
        absolute = (config.site_url or "").rstrip("/") + "/" + target.url
        files.append(File.generated(config, dest, content=redirects.redirect_page(dest, target.url, absolute)))


_PRINTED_META = ("title", "description", "author", "subtitle")
"""Front matter keys Material's templates print as they are."""


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _built is None:
        return markdown
    if page.file.src_uri == HOME:
        markdown = markdown.replace(HOME_MARKER, _built.column.home, 1).replace(
            HOME_STATUS_MARKER, _built.home_status, 1
        )
    elif (entry := _built.column.entries.get(page.file.src_uri)) is not None:
        # Read by the Open Graph partial (parents' feature) and by Material's <title> and description.
        page.meta.update(entry_meta(entry))
        markdown = _built.column.heads[page.file.src_uri] + markdown
    # Front matter is plain text; Material prints page.meta and page.title (the nav, <title>, the
    # meta description, <meta name="author">, a nav subtitle) without escaping, and MkDocs' own
    # titles from headings are HTML. Any page under docs/ may set these keys, the home page too.
    for key in _PRINTED_META:
        if page.meta.get(key) is not None:
            page.meta[key] = escape.html(page.meta[key])
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Every page's HTML, cleaned by the allow-list (cchc.sanitize) before it is written or put in
    the feed; what is removed is a warning naming the file and line (a strict build stops).
    Under `mkdocs serve`, HTML cleaned by a previous rebuild with nothing removed is not cleaned
    again. A page whose body the core wrote as HTML (the article lists) had no Markdown to
    convert: its HTML and table of contents are put in here."""
    glossary = _built.glossary if _built is not None else ()
    if _built is not None and (body := _built.column.bodies.get(page.file.src_uri)) is not None:
        html = body.html
        _set_toc(page, body)
    if _command != "serve":
        return _cleaned(html, glossary, page, config)[0]
    return cchc_preview.remembered(("content", html, glossary), lambda: _cleaned(html, glossary, page, config))


def _cleaned(html: str, glossary: tuple[Term, ...], page: Page, config: MkDocsConfig) -> tuple[str, bool]:
    """The page's HTML cleaned, with our markup, and whether the cleaning removed nothing."""
    found = sanitize.removals(html)
    if found:
        text = page.file.content_string.replace("\r\n", "\n")
        first_line, _ = sanitize.split_front_matter(text)
        docs = Path(config.docs_dir)
        root = Path(config.config_file_path).parent
        folder = source_name(docs, root)
        source = f"{folder}/{page.file.src_uri}"
        if page.file.generated_by:
            source = f"{page.file.src_uri} (trang do hệ thống tạo)"
        for problem in sanitize.locate(found, source, text, first_line=first_line):
            log.warning("%s", problem)
    # Our own markup is added after the cleaning: abbreviations from the glossary (escaped there).
    return mark_abbreviations(sanitize.clean(html), glossary), not found


def _set_toc(page: Page, body: HtmlBody) -> None:
    """What `Page.render` sets from Python-Markdown's toc extension, set from the core's headings:
    the table of contents (Material's sidebar) and the ids that links to the page may name."""
    tokens = [{"level": entry.level, "id": entry.id, "name": entry.title} for entry in body.toc]
    page.toc = get_toc(nest_toc_tokens(tokens))
    page.present_anchor_ids = {entry.id for entry in body.toc}


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if _command == "serve":
        env.template_class = cchc_preview.RememberedTemplate
    # First: the templates _cache_theme_partials loads are compiled once per process too.
    remember_compiled(env)
    _cache_theme_partials(env, config)
    if _built is None:
        # Read by 404.html, which `mkdocs serve` shows at any missing address.
        env.globals["cchc_problems"] = problems_html(_problems)
        env.globals["cchc_footer"] = None
        return env

    def url_of(src_uri: str) -> str:
        return files.get_file_from_path(src_uri).url

    env.globals["cchc_footer"] = {
        **footer(_built.content.school, url_of),
        "glossary": url_of(GLOSSARY_PAGE) if _built.glossary else None,
    }

    def html_of(src_uri: str) -> str:
        return files.get_file_from_path(src_uri).page.content or ""

    files.get_file_from_path(FEED_URI).content_bytes = column_feed(
        _built.content, config.site_url or "", url_of, html_of
    )
    return env


def _cache_theme_partials(env: jinja2.Environment, config: MkDocsConfig) -> None:
    """`material/...` names Material's own template where ours shadows it: our
    `overrides/partials/nav.html` renders Material's navigation once per set of relative links
    (see _nav_key), `overrides/partials/search.html` names its search dialog,
    `overrides/partials/language.html` asks Material's translations once per key."""
    theme_dirs = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(theme_dirs)})]
    )
    rendered: dict[tuple[str, ...], str] = {}

    def once(key: tuple[str, ...], caller: Callable[[], str]) -> str:
        if key not in rendered:
            rendered[key] = caller()
        return rendered[key]

    env.globals["cchc_once"] = once
    env.filters["replace_present"] = replace_present
    # Material's translations (overrides/partials/language.html), each asked of Material's macro
    # once per build.
    language = env.get_template("material/partials/language.html").make_module({"config": config})
    translations: dict[str, str] = {}

    def translate(key: str) -> str:
        if key not in translations:
            translations[key] = str(language.t(key))
        return translations[key]

    env.globals["cchc_translate"] = translate


def _nav_key(page: Page, nav: Navigation) -> tuple[str, ...] | None:
    """What Material's navigation depends on for a page outside it, where no entry is active:
    the links to the navigation's pages, relative to the page. None for a page in the nav."""
    if any(item is page for item in nav.pages):
        return None
    return tuple(get_relative_url(item.url, page.url) for item in nav.pages)


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    context["cchc_nav_key"] = _nav_key(page, nav)
    if _built is None:
        return context
    # Page titles and meta are HTML (see on_page_markdown): the partial escapes plain text.
    plain = {key: unescape(str(value)) for key, value in page.meta.items() if key in ("title", "description")}
    context["cchc_social"] = social.social_tags(
        meta={**page.meta, **plain},
        page_title=unescape(page.title) if page.title else None,
        page_url=page.url,
        is_homepage=page.is_homepage,
        site_url=config.site_url or "",
        site_name=_built.content.school.site_name,
        site_description=config.site_description,
    )
    return context


_DRAFT_MARKER = re.compile(r'<div class="mkdocs-draft-marker"[^>]*>DRAFT</div>')


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """`mkdocs serve` marks a draft page with an English "DRAFT" box; our head already says
    "Bản nháp", so the box goes. Blank lines and indentation go too (lighter pages)."""
    if _command != "serve":
        return _finished(output)
    return cchc_preview.remembered(("post_page", output), lambda: (_finished(output), True))


def _finished(output: str) -> str:
    return collapse_whitespace(_DRAFT_MARKER.sub("", output, count=1))


def on_serve(server, *, config: MkDocsConfig, builder):
    """Rebuild the preview when the plans change too (MkDocs watches only docs/ and mkdocs.yml;
    the data files under docs/ are covered by that), and the private-names file if one is set."""
    root = Path(config.config_file_path).parent
    paths = [root / "plan"]
    private = os.environ.get(PRIVATE_NAMES_VARIABLE)
    if private:
        paths.append(Path(private))
    for path in paths:
        if path.exists():
            server.watch(str(path))
    return server


@event_priority(-100)  # last: publishes the staging folder once every plugin has written to it
def on_post_build(*, config: MkDocsConfig) -> None:
    global _staging
    if _command == "serve":
        cchc_preview.sweep()
    if _staging is None:
        return
    logging.getLogger(ENGINE_LOGGER).removeHandler(_warnings)
    staging, _staging = _staging, None
    config.site_dir = str(staging.site_dir)
    if config.strict and _warnings.count:
        staging.discard()
        log.error(
            "Có %d cảnh báo ở trên: ở chế độ nghiêm ngặt, trang web mới không được ghi; trang đã xuất bản "
            "trước đó trong %s được giữ nguyên.",
            _warnings.count,
            staging.site_dir,
        )
        return
    staging.publish()


def on_build_error(*, error: Exception) -> None:
    global _staging
    logging.getLogger(ENGINE_LOGGER).removeHandler(_warnings)
    if _staging is not None:
        _staging.discard()
        _staging = None
