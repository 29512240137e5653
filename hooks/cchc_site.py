"""The MkDocs adapter: translates MkDocs events into calls to the pure core in `cchc/`.

Every content file is read and validated in `on_config`, before MkDocs cleans `site_dir`,
so a content mistake stops the build with nothing written and the last good site kept.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from cchc import dates, parents, privacy, search_index, social, text
from cchc.errors import ContentError
from cchc.content import Content, load_content
from cchc.pages import GeneratedPage, PLANS_INDEX, plan_nav, plan_page, plans_index
from cchc.plan import Plan
from cchc.render import environment

log = get_plugin_logger("cchc")

PLANS_NAV_TITLE = "Kế hoạch CCHC"
AS_OF_VARIABLE = "CCHC_AS_OF"
PRIVATE_NAMES_VARIABLE = "CCHC_PRIVATE_NAMES"
"""Path of a text file (one name a line) of names never to publish, kept outside the repository."""


@dataclass(frozen=True)
class Built:
    content: Content
    pages: tuple[GeneratedPage, ...]


_built: Built | None = None


def _fail(error: ContentError) -> PluginError:
    count = len(error.problems)
    return PluginError(
        f"Nội dung có {count} lỗi cần sửa trước khi xuất bản (trang web chưa được ghi lại):\n{error}"
    )


def _expand_plan_nav(nav: list | None, plans: tuple[Plan, ...]) -> None:
    """Replace the `ke-hoach/index.md` entry of the configured nav by the section of all years."""
    for index, item in enumerate(nav or []):
        target = next(iter(item.values())) if isinstance(item, dict) else item
        if target == PLANS_INDEX:
            title = next(iter(item)) if isinstance(item, dict) else PLANS_NAV_TITLE
            nav[index] = plan_nav(title, plans)
            return


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _built
    config_file = Path(config.config_file_path)
    root = config_file.parent
    try:
        as_of = dates.parse_as_of(os.environ.get(AS_OF_VARIABLE))
    except ValueError as error:
        raise PluginError(f"Biến môi trường {AS_OF_VARIABLE} {error}") from None
    # MkDocs stamps pages (sitemap lastmod, sitemap.xml.gz) with the build time unless this is
    # set; the as-of date makes the same commit and the same as-of date give the same bytes.
    os.environ["SOURCE_DATE_EPOCH"] = str(dates.noon_epoch(as_of))
    try:
        names = privacy.read_names(os.environ.get(PRIVATE_NAMES_VARIABLE))
    except ValueError as error:
        raise PluginError(f"Biến môi trường {PRIVATE_NAMES_VARIABLE}: {error}") from None
    try:
        content = load_content(root, config_file, as_of, private_names=names)
    except ContentError as error:
        raise _fail(error) from None
    env = environment(Path(config.theme.custom_dir))
    school, plans = content.school, content.plans
    pages = (plans_index(plans, school, env),) + tuple(plan_page(plan, school, env) for plan in plans)
    pages += (parents.channels_page(content, env), parents.answers_page(content, env))
    config.site_name = school.site_name
    _expand_plan_nav(config.nav, plans)
    pages += (parents.sitemap_page(config.nav or [], _title_finder(Path(config.docs_dir), pages), env),)
    _built = Built(content, pages)
    # Heading ids without diacritics ("Đánh giá" → danh-gia): Python-Markdown's default slugify
    # drops "đ" and keeps nothing of accented letters' base; ours folds them.
    config.mdx_configs.setdefault("toc", {})["slugify"] = text.slugify
    for note in content.warnings():
        log.info("%s (không chặn xuất bản)", note)
    return config


def _title_finder(docs: Path, pages: tuple[GeneratedPage, ...]):
    generated = {page.src_uri: page.markdown for page in pages}

    def title_of(src_uri: str) -> str | None:
        source = generated.get(src_uri)
        if source is None and (docs / src_uri).is_file():
            source = (docs / src_uri).read_text(encoding="utf-8")
        return parents.page_title(source) if source else None

    return title_of


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _built is not None
    for page in _built.pages:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    assert _built is not None
    env.globals["cchc_footer"] = parents.footer(_built.content.school)
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    assert _built is not None
    context["cchc_social"] = social.social_tags(
        meta=page.meta,
        page_title=page.title,
        page_url=page.url,
        is_homepage=page.is_homepage,
        site_url=config.site_url or "",
        site_name=config.site_name,
        site_description=config.site_description,
    )
    return context


@event_priority(-50)  # after Material's search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        data = search_index.fold_index(json.loads(path.read_text(encoding="utf-8")))
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
