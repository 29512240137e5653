"""The Markdown of generated pages: front matter from values, body from our templates."""

from __future__ import annotations

import jinja2

from ..base import dates, links
from ..base.identity import School
from ..base.render import GeneratedPage, render, with_front_matter
from ..site.addresses import PLANS_INDEX, plan_notes_uri, plan_uri
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
        "note_count": len(_source_notes(plan, uri, directory_urls)),
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
    notes_href = links.href(plan_notes_uri(plan), uri, directory_urls)
    body = render(
        env,
        "cchc/plan-body.html",
        plan=plan,
        school=school,
        evidence=evidence,
        history=history,
        notes_href=notes_href,
        **counts,
    )
    return GeneratedPage(uri, with_front_matter(meta, body))


def _source_notes(plan: Plan, from_uri: str, directory_urls: bool) -> list[dict[str, str | None]]:
    """The plan's transcription notes in the document's order: what each is about, a link to that
    place on the plan page (none for the document's own lines), the note."""

    def at(anchor: str) -> str:
        return links.href(f"{plan_uri(plan)}#{anchor}", from_uri, directory_urls)

    notes: list[dict[str, str | None]] = [
        {"about": f"Mục tiêu {number}", "href": at("muc-tieu"), "note": objective.source_note}
        for number, objective in enumerate(plan.objectives, 1)
        if objective.source_note
    ]
    for area in plan.areas:
        if area.source_note:
            notes.append({"about": f"Lĩnh vực {area.number}", "href": at(area.anchor), "note": area.source_note})
        notes += [
            {"about": f"Nhiệm vụ {task.number}", "href": at(task.anchor), "note": task.source_note}
            for task in area.tasks
            if task.source_note
        ]
    if plan.source_note:
        notes.append({"about": "Nơi ký, ngày ký và chữ ký", "href": None, "note": plan.source_note})
    return notes


def plan_notes_page(plan: Plan, env: jinja2.Environment, directory_urls: bool = True) -> GeneratedPage:
    """The transcription notes of a plan that has some, on their own page: honest about the scan,
    but of little use to a parent, so the plan page (read on phones) links here instead of
    carrying them (issue 13)."""
    uri = plan_notes_uri(plan)
    meta = {
        "title": f"Ghi chú khi chép từ bản quét: {plan.title}",
        "description": f"Những chỗ bản quét của {plan.title} đọc chưa rõ, và cách đã ghi lại trên trang kế hoạch.",
        "search": {"exclude": True},
    }
    body = render(
        env,
        "cchc/plan-notes-body.html",
        plan=plan,
        plan_href=links.href(plan_uri(plan), uri, directory_urls),
        notes=_source_notes(plan, uri, directory_urls),
    )
    return GeneratedPage(uri, with_front_matter(meta, body), in_nav=False)


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
