"""The pages for parents: feedback channels, published questions and answers, the site map."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
import lxml.html
import markdown
import yaml

from ..base import links
from ..base.doclinks import split_front_matter
from ..base.errors import ContentError
from ..base.render import GeneratedPage, render, with_front_matter
from ..base.yamlsource import check_bounds
from ..content import Content
from ..plan.model import Plan
from ..site.addresses import ANSWERS_PAGE, CHANNELS_PAGE, SITEMAP_PAGE, plan_uri
from .model import (
    by_topic,
    figures,
    mailto,
    tel,
)

FEEDBACK_TASK = "1.12"
"""The plan task under which the column receives and answers parents' feedback."""


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class ContactChannel:
    label: str
    link: Link | None = None
    text: str | None = None


def _task_markdown_link(plans: tuple[Plan, ...], number: str, year: int | None, from_uri: str) -> Link | None:
    """A Markdown link (docs-relative, so MkDocs checks and rewrites it) to a plan task's anchor."""
    plan = next((p for p in plans if (year is None or p.year == year) and p.task(number)), None)
    if plan is None:
        return None
    task = plan.task(number)
    assert task is not None
    return Link(f"nhiệm vụ {number} của {plan.title}", f"{links.source_link(plan_uri(plan), from_uri)}#{task.anchor}")


def paragraphs(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"\n\s*\n", value) if part.strip())


def channels_page(content: Content, env: jinja2.Environment) -> GeneratedPage:
    school, channels = content.school, content.channels
    own = []
    if school.phone:
        own.append(ContactChannel("Điện thoại", link=Link(school.phone, tel(school.phone))))
    if school.email:
        own.append(ContactChannel("Thư điện tử", link=Link(school.email, mailto(school.email, channels.email_subject))))
    if channels.zalo:
        own.append(ContactChannel("Zalo", link=Link("Trang Zalo chính thức của nhà trường", channels.zalo)))
    if school.address and channels.reception_hours:
        own.append(ContactChannel("Trực tiếp tại trường", text=f"{school.address}; {channels.reception_hours}"))
    if channels.letter_box:
        own.append(ContactChannel("Hòm thư góp ý", text=channels.letter_box))
    meta = {
        "title": "Phản ánh, kiến nghị",
        "description": (
            f"Cách gửi phản ánh, kiến nghị đến {school.name}, thời hạn trả lời "
            f"{channels.answer_days} ngày làm việc và cách nhà trường bảo vệ thông tin của phụ huynh."
        ),
    }
    body = render(
        env,
        "cchc/feedback-channels-body.html",
        school=school,
        channels=channels,
        own=own,
        city_tel=tel(channels.city.hotline),
        task=_task_markdown_link(content.plans, FEEDBACK_TASK, None, CHANNELS_PAGE),
        answers_link=links.source_link(ANSWERS_PAGE, CHANNELS_PAGE),
    )
    return GeneratedPage(CHANNELS_PAGE, with_front_matter(meta, body))


def answers_page(content: Content, env: jinja2.Environment) -> GeneratedPage:
    questions = content.questions
    items = [
        {
            "q": q,
            "question": paragraphs(q.question),
            "answer": paragraphs(q.answer) if q.answer else (),
            "task": _task_markdown_link(content.plans, q.task, q.year, ANSWERS_PAGE) if q.task else None,
            "pending": q.pending(content.channels.answer_days),
        }
        for q in questions
    ]
    meta = {
        "title": "Hỏi đáp",
        "description": (
            f"Câu hỏi của phụ huynh và trả lời của {content.school.name}, công bố ẩn danh; "
            "mới nhất trước, theo chủ đề, kèm số liệu thời gian trả lời."
        ),
    }
    body = render(
        env,
        "cchc/answers-body.html",
        items=items,
        topics=by_topic(questions),
        figures=figures(questions, content.channels.answer_days),
        deadline=content.channels.answer_days,
        channels_link=links.source_link(CHANNELS_PAGE, ANSWERS_PAGE),
    )
    return GeneratedPage(ANSWERS_PAGE, with_front_matter(meta, body))


def page_title(source: str) -> str | None:
    """The title a Markdown source gives itself: front matter `title`, else its first `# ` heading."""
    parts = split_front_matter(source)
    if parts:
        try:
            # Bounded first (the check has refused a hostile page already; this stays safe alone).
            check_bounds(parts[0], "")
            meta = yaml.safe_load(parts[0]) or {}
        except (yaml.YAMLError, ValueError, ContentError):
            # MkDocs ignores front matter it cannot load (an impossible date is a ValueError, not
            # a YAMLError); the heading still names the page.
            meta = {}
        title = meta.get("title") if isinstance(meta, dict) else None
        if title and not isinstance(title, (dict, list)):
            return str(title)
    heading = re.search(r"^# (.+)$", source, re.M)
    if heading is None:
        return None
    # An attribute list at the end ("# Tiêu đề {#id}") is not part of the title.
    title = heading.group(1)
    brace = title.find("{", 1) if title.endswith("}") else -1
    return _shown_text((title[:brace] if brace > 0 else title).strip())


_INLINE_MARKUP = re.compile(r"[*_`\\[<&]")
MAX_MARKED_TITLE = 500
"""A heading longer than this is taken as written (a real title is far shorter; a page that long
and marked up is refused by the bounds check before it gets here)."""


def _shown_text(title: str) -> str:
    """A heading's Markdown as the text it shows: "Học **phí**" is "Học phí", as in the page.
    Converted as the heading it is, so that "1. Mục *một*" stays one line of text, not a list."""
    if len(title) > MAX_MARKED_TITLE or not _INLINE_MARKUP.search(title):
        return title
    html = markdown.markdown("# " + title)
    return lxml.html.fragment_fromstring(html, create_parent="div").text_content().strip() or title


def sitemap_page(nav: list[Any], title_of: Callable[[str], str | None], env: jinja2.Environment) -> GeneratedPage:
    """Sơ đồ trang: the navigation as nested lists of Markdown links (checked by MkDocs)."""

    def entries(items: list[Any]) -> list[dict[str, Any]]:
        out = []
        for item in items:
            title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if isinstance(target, list):
                out.append({"title": title, "href": None, "children": entries(target)})
            elif target != SITEMAP_PAGE:
                out.append({"title": title or title_of(target) or target, "href": target, "children": []})
        return out

    # Only titles of other pages: kept out of the search index (one page, one result).
    meta = {
        "title": "Sơ đồ trang",
        "description": "Tất cả các trang của chuyên mục Cải cách hành chính.",
        "search": {"exclude": True},
    }
    body = render(env, "cchc/sitemap-body.html", entries=entries(nav))
    return GeneratedPage(SITEMAP_PAGE, with_front_matter(meta, body))


def footer(school, url_of: Callable[[str], str]) -> dict[str, Any]:
    """What the footer shows of the school: only what is set, links ready-made. `url_of` gives
    the site-relative URL of a source file under the build's URL scheme."""
    person = None
    if school.person_responsible:
        person = (
            f"{school.person_title}: {school.person_responsible}" if school.person_title else school.person_responsible
        )
    return {
        "unit": school.name,
        "column": school.column_name,
        "person": person,
        "address": school.address,
        "phone": Link(school.phone, tel(school.phone)) if school.phone else None,
        "email": Link(school.email, f"mailto:{school.email}") if school.email else None,
        "sitemap": url_of(SITEMAP_PAGE),
        "channels": url_of(CHANNELS_PAGE),
    }
