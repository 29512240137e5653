"""The Markdown of generated pages: front matter from values, body from our templates."""

from __future__ import annotations

import jinja2

from ..base import dates, links
from ..base.identity import School
from ..base.render import GeneratedPage, render, with_front_matter
from ..site.addresses import PLANS_INDEX, plan_uri
from .model import Plan


def plan_page(plan: Plan, school: School, env: jinja2.Environment, directory_urls: bool = True) -> GeneratedPage:
    uri = plan_uri(plan)
    evidence = {
        task.number: [
            {"name": product.name, "href": links.href(product.url, uri, directory_urls) if product.url else None}
            for product in task.delivered
        ]
        for task in plan.tasks
    }
    # Each task's reports, oldest first, as one compact line of dates and states.
    history = {
        task.number: [
            {
                "date": dates.short(item.reported_on),
                "label": item.status.label.lower() + (f" {item.share}%" if item.share is not None else ""),
                "note": item.note,
            }
            for item in task.history
        ]
        for task in plan.tasks
    }
    counts = {
        "task_count": len(plan.tasks),
        "area_count": sum(1 for area in plan.areas if area.tasks),
        "objective_count": len(plan.objectives),
        "note_count": sum(
            1 for item in (*plan.objectives, *plan.areas, *plan.tasks) if getattr(item, "source_note", None)
        ),
    }
    meta = {
        "title": plan.title,
        "description": (
            f"{plan.title} của {school.name}, ký {dates.formal(plan.signed_on)}: "
            f"{counts['task_count']} nhiệm vụ trong {counts['area_count']} lĩnh vực, "
            "với sản phẩm, cơ quan chủ trì và thời hạn của từng nhiệm vụ."
        ),
        "template": "cchc/plan-page.html",
    }
    body = render(env, "cchc/plan-body.html", plan=plan, school=school, evidence=evidence, history=history, **counts)
    return GeneratedPage(uri, with_front_matter(meta, body))


def plans_index(plans: tuple[Plan, ...], school: School, env: jinja2.Environment) -> GeneratedPage:
    items = [
        {
            "plan": plan,
            "link": links.source_link(plan_uri(plan), PLANS_INDEX),
            "task_count": len(plan.tasks),
            "area_count": sum(1 for area in plan.areas if area.tasks),
        }
        for plan in plans
    ]
    meta = {
        "title": "Kế hoạch cải cách hành chính",
        "description": f"Các kế hoạch cải cách hành chính hằng năm của {school.name}, năm gần nhất trước.",
    }
    body = render(env, "cchc/plans-index-body.html", plans=items, school=school)
    return GeneratedPage(PLANS_INDEX, with_front_matter(meta, body))


def plan_nav(title: str, plans: tuple[Plan, ...]) -> dict[str, list[str]]:
    """The navigation section of the plans: the index, then each year, newest first."""
    return {title: [PLANS_INDEX] + [plan_uri(plan) for plan in plans]}
