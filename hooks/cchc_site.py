"""The MkDocs adapter: translates MkDocs events into calls to the pure core in `cchc/`.

Every content file is read and validated in `on_config`, before MkDocs cleans `site_dir`,
so a content mistake stops the build with nothing written and the last good site kept.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from cchc import dates
from cchc.errors import ContentError
from cchc.content import Content, load_content
from cchc.pages import GeneratedPage, PLANS_INDEX, plan_nav, plan_page, plans_index
from cchc.plan import Plan
from cchc.render import environment

log = get_plugin_logger("cchc")

PLANS_NAV_TITLE = "Kế hoạch CCHC"
AS_OF_VARIABLE = "CCHC_AS_OF"


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
        content = load_content(root, config_file, as_of)
    except ContentError as error:
        raise _fail(error) from None
    env = environment(Path(config.theme.custom_dir))
    school, plans = content.school, content.plans
    pages = (plans_index(plans, school, env),) + tuple(plan_page(plan, school, env) for plan in plans)
    _built = Built(content, pages)
    config.site_name = school.site_name
    _expand_plan_nav(config.nav, plans)
    for note in content.warnings():
        log.info("%s (không chặn xuất bản)", note)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _built is not None
    for page in _built.pages:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files
