"""The build's rules as pure functions (`cchc.site.assembly`): what the adapter only hands on."""

from __future__ import annotations

import datetime as dt

from cchc.content import load_content
from cchc.site.assembly import inclusions, quarter_tracker_rule, with_section
from projects import apply_overlay, copy_project

ARTICLE = """---
ma: "urn:test:{name}"
tieu_de: "Bài {name}"
ngay_dang: {day}
loai: tin_anh
tom_tat: "Tóm tắt."
tac_gia: Người kiểm thử
{extra}---

![Ảnh chung](anh/chung.png) ![Ảnh riêng]({own})
"""


def test_drafts_and_the_images_only_they_use_are_drafts(tmp_path):
    project = apply_overlay(copy_project(tmp_path / "project"))
    folder = project / "docs/bai-viet/2025"
    (folder / "anh").mkdir(parents=True, exist_ok=True)
    for name in ("chung", "cong-khai", "nhap", "bia-nhap"):
        (folder / f"anh/{name}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "cong-khai.md").write_text(
        ARTICLE.format(name="cong-khai", day="2025-03-01", extra="", own="anh/cong-khai.png"), encoding="utf-8"
    )
    draft_extra = 'ban_nhap: true\nanh_bia: anh/bia-nhap.png\nanh_bia_mo_ta: "Bìa"\n'
    (folder / "nhap.md").write_text(
        ARTICLE.format(name="nhap", day="2025-03-02", extra=draft_extra, own="anh/nhap.png"), encoding="utf-8"
    )
    (folder / "sau.md").write_text(
        ARTICLE.format(name="sau", day="2025-06-01", extra="", own="anh/chung.png"), encoding="utf-8"
    )
    content = load_content(project, project / "mkdocs.yml", dt.date(2025, 5, 10))
    rules = inclusions(content)
    assert {"bai-viet/2025/cong-khai.md"} <= rules.not_in_nav
    assert rules.drafts >= {
        "bai-viet/2025/nhap.md",
        "bai-viet/2025/sau.md",
        "bai-viet/2025/anh/nhap.png",
        "bai-viet/2025/anh/bia-nhap.png",
    }
    assert not rules.drafts & {"bai-viet/2025/anh/chung.png", "bai-viet/2025/anh/cong-khai.png"}
    assert not rules.drafts & rules.not_in_nav


def test_the_quarter_tracker_shows_on_the_tracked_year_only(built_site):
    project, _, _ = built_site
    content = load_content(project, project / "mkdocs.yml", dt.date(2025, 7, 15))
    tracker = quarter_tracker_rule(content, directory_urls=True)
    view = tracker(2025, "tien-do/index.md")
    assert view is not None and view["year"] == 2025 and len(view["rows"]) == 4
    assert tracker(2024, "tien-do/2024.md") is None


def test_a_nav_entry_becomes_its_section_and_the_configured_nav_is_not_changed():
    nav = [{"Trang chủ": "index.md"}, {"Kế hoạch": "ke-hoach/index.md"}, "tien-do/index.md"]
    plans = with_section(nav, "ke-hoach/index.md", "Mặc định", lambda title: {title: ["a.md", "b.md"]})
    assert plans == [{"Trang chủ": "index.md"}, {"Kế hoạch": ["a.md", "b.md"]}, "tien-do/index.md"]
    progress = with_section(plans, "tien-do/index.md", "Tiến độ", lambda title: {title: "tien-do/index.md"})
    assert progress[2] == {"Tiến độ": "tien-do/index.md"}
    assert nav[1] == {"Kế hoạch": "ke-hoach/index.md"}
    assert with_section(None, "x.md", "X", lambda title: {}) is None
