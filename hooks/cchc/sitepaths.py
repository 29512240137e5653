"""The paths a link inside the site may point to: docs files plus every generated file, with the
fragments known to exist on the generated plan pages."""

from __future__ import annotations

from pathlib import Path

from .pages import PLANS_INDEX, plan_uri
from .plan import Plan
from .progress import SiteTargets
from .progress_page import generated_uris


def plan_fragments(plan: Plan) -> frozenset[str]:
    return frozenset(
        ["muc-tieu"] + [area.anchor for area in plan.areas] + [task.anchor for task in plan.tasks]
    )


def site_targets(docs_dir: Path, plans: tuple[Plan, ...]) -> SiteTargets:
    """Fragments of hand-written pages are not checked (None): MkDocs validates Markdown links
    to them itself."""
    targets: dict[str, frozenset[str] | None] = {}
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
                targets[path.relative_to(docs_dir).as_posix()] = None
    targets[PLANS_INDEX] = None
    for uri in generated_uris(plans):
        targets[uri] = None
    for plan in plans:
        targets[plan_uri(plan)] = plan_fragments(plan)
    return targets
