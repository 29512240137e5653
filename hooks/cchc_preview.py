"""`mkdocs serve`'s preview cache: the adapter's per-page work kept from one rebuild for the next.

On a save, `mkdocs serve` rebuilds the whole site in the same process: it loads the configuration
again but keeps the hook modules (MkDocs imports a hook once per process), and this module with
them. What a rebuild computed per page is kept here for the next one and reused while everything
it was made from is unchanged:

- each page's Markdown converted to HTML (`Page.render`, patched by `start`), keyed by the page's
  Markdown and addresses, every file's address and inclusion, and the Markdown settings; the
  messages the conversion logged are logged again;
- the sections Material's search plugin parses from a page's HTML (its
  `SearchIndex.add_entry_from_context`, patched by `start`), keyed by the HTML;
- each page template's output (`RememberedTemplate`, the theme environment's template class),
  keyed by everything a page template reads: the page (`_page_inputs`), our `cchc_` values in its
  context, and the rest of the site (`_site_inputs`: navigation, configuration, theme, template
  globals, the files under `overrides/`);
- whatever the adapter asks `remembered` to keep (each page's cleaned HTML when nothing was
  removed, each page's finished output), keyed by what the adapter names.

Entries a rebuild did not use are dropped after the next one (`next_build`).

It also keeps the files a rebuild writes. MkDocs empties the site folder before each build and
writes every file again; a rebuild here instead leaves a file as it is when its new bytes are the
ones it already holds, and after the last plugin has written, removes the files no one wrote again
(`sweep`). The folder ends as the emptied folder would: the same files with the same bytes. On this
project's 200-article benchmark, deleting and creating some 440 files again cost about a second of
each save on a virtual disk.

Serve only: a build runs once, so nothing kept would be read again, and the published site must
not depend on what a process happened to keep. The adapter calls `start` from `on_startup` under
`serve`, and uses `RememberedTemplate` and `remembered` only then. A key that leaves out an input
would serve a stale page: `tests/test_preview_cache.py` builds, edits and rebuilds in one process
as `serve` does and checks the site is byte for byte a fresh build of the edited files.

Engine-side: it imports MkDocs, Material and Jinja, so it lives beside the adapter
(`cchc_site.py`), never in the pure core `cchc/` (`tests/test_layout.py` checks the core does not
import it).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import jinja2
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from cchc.base.made import rebuilds_expected

T = TypeVar("T")


def start(engine_logger: str) -> None:
    """Under `mkdocs serve`, once per process: page conversions and Material's search sections are
    kept for the next rebuild from now on, while the adapter says rebuilds come (`expect_rebuilds`):
    the patches stay, but a build started later in the same process runs Material's and MkDocs'
    own code. `engine_logger` is the logger the running engine reports to, whose messages a kept
    conversion logs again."""
    if getattr(Page.render, "cchc_remembered", False):
        return
    _remember_renders(engine_logger)
    _remember_search_sections()
    _keep_unchanged_files()


def next_build() -> None:
    """A rebuild starts: what the last one kept stays available to it, older entries go."""
    _remembered.next_build()


def sweep() -> None:
    """Once every plugin has written this rebuild's files: remove what the site folder held before
    it that nothing wrote again, as MkDocs' emptying of the folder would have."""
    global _site_folder
    if _site_folder is not None:
        _site_folder.sweep()
        _site_folder = None


def remembered(key: tuple, make: Callable[[], tuple[T, bool]]) -> T:
    """The value kept for `key` by this rebuild or the last one, else the value `make()` returns
    with whether it may be kept (one whose making logged a warning is made again, so the warning is
    logged again on every rebuild)."""
    found = _remembered.get(key)
    if found is None:
        found, keep = make()
        if keep:
            _remembered.put(key, found)
    return found


class _Remembered:
    """Under `mkdocs serve` only: what each rebuild computed per page, kept for the next one.

    A rebuild reloads the configuration but keeps this module (MkDocs loads a hook once per
    process, and the hook imports this module), so a page whose inputs did not change is not converted again: its Markdown's HTML
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


def _remember_renders(engine_logger: str) -> None:
    convert = Page.render

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        if not rebuilds_expected():
            convert(page, config, files)
            return
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
            logger = logging.getLogger(engine_logger)
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

    materials_own = search.SearchIndex.add_entry_from_context

    def add_entry_from_context(index, page: Page) -> None:
        if not rebuilds_expected():
            materials_own(index, page)
            return
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


class _SiteFolder:
    """The site folder as a rebuild found it: each file's identity (inode, size, modification
    time), and the files this rebuild left as they were because their new bytes were the same."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self.before: dict[str, tuple[int, int, int]] = {}
        self.kept: set[str] = set()
        for folder, names in self._walk(self.root):
            for name in names:
                path = os.path.join(folder, name)
                if (identity := _identity(path)) is not None:
                    self.before[path] = identity

    def holds(self, path: str, content: Callable[[], bytes]) -> bool:
        """Whether the file at `path` was there before this rebuild and holds `content()`; then it
        is kept as it is. False when either cannot be read: the engine's own writing then runs, and
        reports the error as it would have."""
        path = os.path.abspath(path)
        if path not in self.before:
            return False
        try:
            data = content()
            # The size noted when the rebuild started, so most changed files are not read.
            same = len(data) == self.before[path][1] and Path(path).read_bytes() == data
        except OSError:
            return False
        if same:
            self.kept.add(path)
        return same

    def make_way(self, path: str) -> None:
        """Before the engine writes `path` with new bytes: remove what the last build left in its
        way, which an emptied folder would not hold (a file where `path` needs a folder, a folder
        where it is written). What this rebuild wrote there stays, and fails the write as it
        would have."""
        path = os.path.abspath(path)
        if os.path.isdir(os.path.dirname(path)) and not os.path.isdir(path):
            return
        address = os.path.relpath(path, self.root)
        if address.startswith("."):
            return  # outside the site folder, or hidden at its top: no build's, as for MkDocs
        folder = self.root
        for name in address.split(os.sep)[:-1]:
            folder = os.path.join(folder, name)
            if not os.path.isdir(folder):
                if self._stale(folder):
                    os.unlink(folder)
                return
        if not os.path.islink(path):
            self._remove_stale(path)

    def sweep(self) -> None:
        """Remove each file of before that this rebuild neither kept nor wrote, then the folders
        left empty."""
        self._remove_stale(self.root)

    def _stale(self, path: str) -> bool:
        """Whether the file at `path` is the last build's, neither kept nor written since (a file
        written in any way has another identity)."""
        return path not in self.kept and path in self.before and _identity(path) == self.before[path]

    def _walk(self, top: str) -> Iterator[tuple[str, list[str]]]:
        """Each folder under `top` (itself first) with the names of its files, as MkDocs' emptying
        sees them: hidden entries at the top of the site folder are not the build's."""
        for folder, folders, names in os.walk(top):
            if folder == self.root:
                folders[:] = [name for name in folders if not name.startswith(".")]
                names = [name for name in names if not name.startswith(".")]
            yield folder, names

    def _remove_stale(self, top: str) -> None:
        """Remove the stale files under `top`, then its folders left empty (`top` too, but not the
        site folder)."""
        folders = []
        for folder, names in self._walk(top):
            folders.append(folder)
            for name in names:
                if self._stale(path := os.path.join(folder, name)):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(path)
        for folder in reversed(folders):
            if folder != self.root and not os.listdir(folder):
                os.rmdir(folder)


_site_folder: _SiteFolder | None = None


def _identity(path: str) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


def _keep_unchanged_files() -> None:
    """Under `mkdocs serve`, MkDocs' emptying of the site folder only notes what it holds, and a file
    written with the bytes it already has is left as it is (`_SiteFolder`); `sweep` finishes."""
    empty_folder, write_file, copy_file = utils.clean_directory, utils.write_file, File.copy_file

    def clean_directory(directory: str) -> None:
        global _site_folder
        if not rebuilds_expected():
            _site_folder = None
            empty_folder(directory)
            return
        _site_folder = _SiteFolder(directory)

    def write(content: bytes, output_path: str) -> None:
        if _site_folder is None or not _site_folder.holds(output_path, lambda: content):
            if _site_folder is not None:
                _site_folder.make_way(output_path)
            write_file(content, output_path)

    def copy(file: File, dirty: bool = False) -> None:
        if _site_folder is None or dirty or not _site_folder.holds(file.abs_dest_path, lambda: file.content_bytes):
            if _site_folder is not None:
                _site_folder.make_way(file.abs_dest_path)
            copy_file(file, dirty)

    utils.clean_directory, utils.write_file, File.copy_file = clean_directory, write, copy


class RememberedTemplate(jinja2.Template):
    """Under `mkdocs serve`, the theme environment's template class (the adapter's `on_env`): a page
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
