"""The paths a link inside the site may point to: docs files plus every generated file, with the
fragments known to exist on the generated plan pages."""

from __future__ import annotations

from pathlib import Path

from ..articles.model import FEED_URI, PRACTICES_INDEX, Article, list_uris
from ..base.links import SiteTargets
from ..feedback.model import ANSWERS_PAGE, CHANNELS_PAGE, SITEMAP_PAGE
from ..plan.model import Plan
from ..plan.pages import PLANS_INDEX, plan_uri
from ..progress.pages import generated_uris
from ..reports.layout import REPORTS_INDEX


def plan_fragments(plan: Plan) -> frozenset[str]:
    return frozenset(
        ["muc-tieu"] + [area.anchor for area in plan.areas] + [task.anchor for task in plan.tasks]
    )


def site_targets(
    docs_dir: Path,
    plans: tuple[Plan, ...],
    unpublished: frozenset[str] = frozenset(),
    published: tuple[Article, ...] = (),
) -> SiteTargets:
    """Fragments of hand-written pages are not checked (None): MkDocs validates Markdown links
    to them itself. `unpublished` docs files (drafts, future articles) are not targets; the list
    pages generated from the `published` articles are."""
    targets: dict[str, frozenset[str] | None] = {}
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            uri = path.relative_to(docs_dir).as_posix()
            if path.is_file() and not uri.startswith(".") and "/." not in uri and uri not in unpublished:
                targets[uri] = None
    # The generated pages and files (see article_pages, feed and parents).
    generated = (PLANS_INDEX, PRACTICES_INDEX, FEED_URI, CHANNELS_PAGE, ANSWERS_PAGE, SITEMAP_PAGE, REPORTS_INDEX)
    for uri in generated + list_uris(published):
        targets[uri] = None
    for uri in generated_uris(plans):
        targets[uri] = None
    for plan in plans:
        targets[plan_uri(plan)] = plan_fragments(plan)
    return targets
