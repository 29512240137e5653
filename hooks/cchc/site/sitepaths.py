"""The paths a link inside the site may point to: docs files plus every generated file (the list
of `cchc.site.addresses`), with the fragments known to exist on the generated plan pages."""

from __future__ import annotations

from pathlib import Path

from ..articles.model import Article
from ..base.links import SiteTargets
from ..plan.model import Plan
from .addresses import linkable_files, plan_uri


def plan_fragments(plan: Plan) -> frozenset[str]:
    return frozenset(["muc-tieu"] + [area.anchor for area in plan.areas] + [task.anchor for task in plan.tasks])


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
    for uri in linkable_files(plans, published):
        targets[uri] = None
    for plan in plans:
        targets[plan_uri(plan)] = plan_fragments(plan)
    return targets
