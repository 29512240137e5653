"""The MkDocs adapter: translates MkDocs events into calls to the pure core in `cchc/`.

Every content file is read and validated in `on_config`, before MkDocs cleans `site_dir`,
so a content mistake stops the build with nothing written. The build itself goes to a staging
folder that replaces the site only when strict mode saw no warning: the last good site is kept.
Under `mkdocs serve` a content mistake does not stop the server: the preview shows one page
listing the problems (at every address) until the next save fixes them.
"""

from __future__ import annotations

import copy
import hashlib
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

from cchc.articles.feed import column_feed
from cchc.articles.pages import HOME_MARKER, HtmlBody
from cchc.base import dates, escape, sanitize, text
from cchc.base.errors import ContentError, Problem
from cchc.base.made import expect_rebuilds
from cchc.base.render import environment, remember_compiled, replace_present
from cchc.content import PRIVATE_NAMES_VARIABLE, Content, load_content, settings_from
from cchc.feedback.pages import footer
from cchc.progress.pages import HOME_STATUS_MARKER
from cchc.site import redirects, social
from cchc.site.addresses import FEED_URI, GLOSSARY_PAGE, HOME
from cchc.site.assembly import Build, assemble, build_notes, entry_meta, inclusions
from cchc.site.editor import editor_settings
from cchc.site.glossary import mark_abbreviations
from cchc.site.preview import problems_html, problems_page
from cchc.site.publish import PublishError, Staging
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
    if command == "serve":
        expect_rebuilds()
        _remember_renders()


class _Remembered:
    """Under `mkdocs serve` only: what each rebuild computed per page, kept for the next one.

    A rebuild reloads the configuration but keeps this module (MkDocs loads a hook once per
    process), so a page whose inputs did not change is not converted again: its Markdown's HTML
    is looked up by everything the conversion reads (the page's Markdown and addresses, every
    file's address, the Markdown settings), with the messages the conversion logged, which are
    logged again. Entries not used by a rebuild are dropped after the next one."""

    def __init__(self) -> None:
        self.previous: dict = {}
        self.current: dict = {}
        self._fingerprints: dict[str, tuple[object, str]] = {}

    def next_build(self) -> None:
        self.previous, self.current = self.current, {}
        self._fingerprints.clear()

    def get(self, key):
        found = self.current.get(key)
        if found is None and (found := self.previous.get(key)) is not None:
            self.current[key] = found
        return found

    def put(self, key, value) -> None:
        self.current[key] = value

    def fingerprint(self, name: str, source: object, describe: Callable[[], object]) -> str:
        """A digest of `describe()`, computed once per build for the object `source`."""
        kept = self._fingerprints.get(name)
        if kept is None or kept[0] is not source:
            digest = hashlib.sha256(repr(describe()).encode("utf-8")).hexdigest()
            kept = self._fingerprints[name] = (source, digest)
        return kept[1]


_remembered = _Remembered()


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _remember_renders() -> None:
    convert = Page.render
    if getattr(convert, "cchc_remembered", False):
        return

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        key = (
            page.markdown,
            page.file.src_uri,
            page.file.dest_uri,
            page.file.url,
            _remembered.fingerprint(
                "files", files, lambda: [(f.src_uri, f.dest_uri, f.url, f.inclusion) for f in files]
            ),
            _remembered.fingerprint(
                "markdown",
                config,
                lambda: (config.markdown_extensions, config.mdx_configs, config.validation, config.use_directory_urls),
            ),
        )
        found = _remembered.get(key)
        if found is None:
            capture = _Capture()
            logger = logging.getLogger(ENGINE_LOGGER)
            logger.addHandler(capture)
            try:
                convert(page, config, files)
            finally:
                logger.removeHandler(capture)
            found = (
                page.content,
                page.toc,
                page._title_from_render,
                page.present_anchor_ids,
                page.links_to_anchors,
                tuple(capture.records),
            )
            _remembered.put(key, found)
            return
        page.content, page.toc, page._title_from_render, page.present_anchor_ids, links, records = found
        # Anchor links are checked against the linked pages of this build, not the last one's.
        page.links_to_anchors = links and {files.get_file_from_path(f.src_uri) or f: v for f, v in links.items()}
        for record in records:
            logging.getLogger(record.name).handle(record)

    render.cchc_remembered = True
    Page.render = render
    _remember_search_sections()


def _remember_search_sections() -> None:
    """Material's search plugin parses each page's HTML into sections on every rebuild; under
    `mkdocs serve` the sections of an HTML already parsed are reused (copies: Material sets an
    untitled section's title, and changes nothing else in a section). The rest is Material's own `add_entry_from_context`."""
    try:
        from material.plugins.search import plugin as search  # noqa: PLC0415 - serve only
    except ImportError:
        return
    if not hasattr(search, "Parser") or not hasattr(search.SearchIndex, "create_entry_for_section"):
        return

    def add_entry_from_context(index, page: Page) -> None:
        if (page.meta.get("search") or {}).get("exclude"):
            return
        key = ("search", page.content)
        sections = _remembered.get(key)
        if sections is None:
            parser = search.Parser()
            parser.feed(page.content)
            parser.close()
            sections = parser.data
            _remembered.put(key, tuple(copy.copy(section) for section in sections))
        else:
            sections = [copy.copy(section) for section in sections]
        for section in sections:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    search.SearchIndex.add_entry_from_context = add_entry_from_context


class _RememberedTemplate(jinja2.Template):
    """Under `mkdocs serve`, the theme environment's template class (see `on_env`): a page
    template's output is kept for the next rebuild and reused while everything it reads is
    unchanged: the page (`_page_inputs`), our values in its context, and the rest of the site
    (`_site_inputs`). Other templates (404.html, sitemap.xml) are rendered as usual."""

    def render(self, *args, **kwargs) -> str:
        context = dict(*args, **kwargs)
        page = context.get("page")
        if page is None:
            return super().render(context)
        key = (
            "template",
            self.name,
            _page_inputs(page),
            tuple((name, repr(value)) for name, value in sorted(context.items()) if name.startswith("cchc_")),
            _remembered.fingerprint("site", context["nav"], lambda: _site_inputs(context, self.environment)),
        )
        output = _remembered.get(key)
        if output is None:
            output = super().render(context)
            _remembered.put(key, output)
        return output


def _page_inputs(page: Page) -> tuple:
    """What a page template reads of its page (its place in the navigation aside)."""
    neighbours = tuple((other.title, other.url) if other else None for other in (page.previous_page, page.next_page))
    return (
        page.file.src_uri,
        page.url,
        page.canonical_url,
        page.edit_url,
        page.title,
        page.content,
        repr(page.meta),
        _toc_inputs(page.toc),
        neighbours,
    )


def _toc_inputs(items) -> tuple:
    return tuple((item.title, item.url, item.level, _toc_inputs(item.children)) for item in items)


def _nav_inputs(items) -> tuple:
    described = []
    for item in items:
        if item.is_section:
            described.append(("section", item.title, _nav_inputs(item.children)))
        elif item.is_page:
            described.append(("page", item.title, item.url, repr(item.meta)))
        else:
            described.append(("link", item.title, item.url))
    return tuple(described)


_CONFIG_NOT_READ = frozenset({"plugins", "hooks", "theme", "nav", "pages", "markdown_extensions", "mdx_configs"})
"""Configuration keys a page template does not read as such: the plugins and hooks (objects),
the theme (described item by item), the navigation (described as built), the Markdown settings
(they reach a page only through its HTML)."""


def _site_inputs(context: dict, environment: jinja2.Environment) -> tuple:
    """What a page template reads besides its page: the navigation's titles, addresses and front
    matter, the configuration (mkdocs.yml as written, and as loaded and completed by the hooks),
    the theme's settings, the template globals, and the files of our override templates."""
    config = context["config"]
    overrides = []
    if config.theme.custom_dir:
        custom = Path(config.theme.custom_dir)
        for path in sorted(custom.rglob("*")):
            if path.is_file():
                status = path.stat()
                overrides.append((path.relative_to(custom).as_posix(), status.st_mtime_ns, status.st_size))
    return (
        _nav_inputs(context["nav"].items),
        Path(config.config_file_path).read_bytes(),
        sorted((name, repr(value)) for name, value in config.items() if name not in _CONFIG_NOT_READ),
        sorted((name, repr(value)) for name, value in config.theme.items()),
        sorted((name, repr(value)) for name, value in environment.globals.items() if not callable(value)),
        overrides,
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _built, _problems
    _built, _problems = None, ()
    _remembered.next_build()
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
    key = ("content", html, glossary)
    if _command == "serve" and (kept := _remembered.get(key)) is not None:
        return kept
    found = sanitize.removals(html)
    if found:
        text = page.file.content_string.replace("\r\n", "\n")
        first_line, _ = sanitize.split_front_matter(text)
        docs = Path(config.docs_dir)
        root = Path(config.config_file_path).parent
        folder = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.as_posix()
        source = f"{folder}/{page.file.src_uri}"
        if page.file.generated_by:
            source = f"{page.file.src_uri} (trang do hệ thống tạo)"
        for problem in sanitize.locate(found, source, text, first_line=first_line):
            log.warning("%s", problem)
    # Our own markup is added after the cleaning: abbreviations from the glossary (escaped there).
    cleaned = mark_abbreviations(sanitize.clean(html), glossary)
    if _command == "serve" and not found:
        _remembered.put(key, cleaned)
    return cleaned


def _set_toc(page: Page, body: HtmlBody) -> None:
    """What `Page.render` sets from Python-Markdown's toc extension, set from the core's headings:
    the table of contents (Material's sidebar) and the ids that links to the page may name."""
    tokens = [{"level": entry.level, "id": entry.id, "name": entry.title} for entry in body.toc]
    page.toc = get_toc(nest_toc_tokens(tokens))
    page.present_anchor_ids = {entry.id for entry in body.toc}


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if _command == "serve":
        env.template_class = _RememberedTemplate
    _cache_theme_partials(env, config)
    remember_compiled(env)
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
        return collapse_whitespace(_DRAFT_MARKER.sub("", output, count=1))
    key = ("post_page", output)
    if (kept := _remembered.get(key)) is None:
        kept = collapse_whitespace(_DRAFT_MARKER.sub("", output, count=1))
        _remembered.put(key, kept)
    return kept


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
