"""Site tests: build the real site in a temporary folder and read the HTML it writes."""

from __future__ import annotations

import datetime as dt
import logging
import os

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from cchc.base import made
from projects import ROOT
from sitebuild import build_site, page


@pytest.fixture
def built(built_site):
    return built_site


def test_plan_page_holds_every_task_with_number_and_deadline(built):
    project, site, _ = built
    raw = yaml.safe_load((project / "plan" / "2025.yaml").read_text(encoding="utf-8"))
    expected = {str(task["so"]): task["han_chot"] for area in raw["linh_vuc"] for task in area["nhiem_vu"]}
    assert len(expected) >= 43
    doc = page(site, "ke-hoach/2025/index.html")
    rows = doc.xpath("//table[contains(@class,'cchc-plan')]/tbody/tr")
    shown = {}
    for row in rows:
        number = row.xpath("string(th)").strip()
        assert row.get("id") == "nv-" + number.replace(".", "-")
        deadline = row.xpath("string(td[4])").strip()
        shown[number] = dt.datetime.strptime(deadline, "%d/%m/%Y").date()
    assert shown == expected


def test_plan_page_has_objectives_areas_and_signature(built):
    project, site, _ = built
    raw = yaml.safe_load((project / "plan" / "2025.yaml").read_text(encoding="utf-8"))
    doc = page(site, "ke-hoach/2025/index.html")
    assert doc.xpath("string(//h1)") == "Kế hoạch cải cách hành chính năm 2025"
    assert len(doc.xpath("//ol[@class='cchc-objectives']/li")) == len(raw["muc_tieu"])
    for area in raw["linh_vuc"]:
        heading = doc.get_element_by_id(f"linh-vuc-{area['so']}")
        assert heading.tag == "h2"
        assert heading.text_content().strip() == f"{area['so']}. {area['ten']}"
    signature = " ".join(" ".join(doc.xpath("//div[@class='cchc-signature']//text()")).split())
    assert signature == "Quận 1, ngày 27 tháng 01 năm 2025 KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG (Đã ký) Vũ Thị Thoan"


def test_transcription_notes_are_on_their_own_page_linked_from_the_plan(built):
    project, site, _ = built
    raw = yaml.safe_load((project / "plan" / "2025.yaml").read_text(encoding="utf-8"))
    parts = [raw, *raw["muc_tieu"], *raw["linh_vuc"], *(task for area in raw["linh_vuc"] for task in area["nhiem_vu"])]
    expected = [part["ghi_chu_nguon"] for part in parts if part.get("ghi_chu_nguon")]
    plan = page(site, "ke-hoach/2025/index.html")
    assert "bản quét (OCR)" not in plan.text_content() and not plan.xpath("//*[contains(@class,'source-note')]")
    [link] = plan.xpath("//p[@class='cchc-notes-link']/a")
    assert link.get("href") == "ghi-chu/" and link.text == f"{len(expected)} ghi chú về những chỗ đọc chưa rõ"
    notes = page(site, "ke-hoach/2025/ghi-chu/index.html")
    shown = [" ".join(dd.text_content().split()) for dd in notes.xpath("//dl[@class='cchc-notes']/dd")]
    assert sorted(shown) == sorted(" ".join(note.split()) for note in expected)
    about = [dt.text_content() for dt in notes.xpath("//dl[@class='cchc-notes']/dt")]
    assert about[:2] == ["Mục tiêu 1", "Nhiệm vụ 1.1"] and about[-1] == "Nơi ký, ngày ký và chữ ký"
    # Each note links to its place on the plan page; the notes are not indexed for search.
    for href in notes.xpath("//dl[@class='cchc-notes']/dt/a/@href"):
        assert href.startswith("../#") and plan.get_element_by_id(href[len("../#") :]) is not None
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "ke-hoach/2025/ghi-chu/" not in index


def test_plans_section_lists_years_and_nav_names_them(built):
    _, site, _ = built
    doc = page(site, "ke-hoach/index.html")
    links = doc.xpath("//article//ul/li/a")
    assert [(a.text, a.get("href")) for a in links] == [("Kế hoạch cải cách hành chính năm 2025", "2025/")]
    home = page(site, "index.html")
    nav = home.xpath("//nav[contains(@class,'md-nav--primary')]")[0]
    titles = [
        " ".join(item.xpath("string((.//span[contains(@class,'md-ellipsis')])[1])").split())
        for item in nav.xpath("./ul/li")
    ]
    assert titles == [
        "Trang chủ",
        "Kế hoạch CCHC",
        "Tiến độ thực hiện",
        "Báo cáo",
        "Bài viết",
        "Mô hình, giải pháp hay",
        "Phản ánh, kiến nghị",
        "Hỏi đáp",
        "Sơ đồ trang",
    ]


def test_header_carries_the_school_name_and_no_third_party_fonts(built):
    _, site, _ = built
    home = page(site, "index.html")
    assert home.xpath("string(//title)").endswith("Cải cách hành chính – Trường Mầm non Nguyễn Cư Trinh")
    assert "Trường Mầm non Nguyễn Cư Trinh" in home.xpath("string(//header)")
    assert home.get("lang") == "vi"
    for element in home.xpath("//link[@href] | //script[@src]"):
        reference = element.get("href") or element.get("src")
        assert "fonts.googleapis" not in reference and "fonts.gstatic" not in reference


def test_missing_identity_is_listed_without_blocking(built):
    _, site, log = built
    [notice] = [message for message in log.messages() if "Thông tin đơn vị còn thiếu" in message]
    assert "địa chỉ, số điện thoại, thư điện tử" in notice
    assert not log.messages(logging.WARNING)
    assert (site / "index.html").exists()


def test_build_output_is_deterministic(built, tmp_path):
    project, site, _ = built
    again, _ = build_site(project, tmp_path / "again")
    for name in (
        "ke-hoach/2025/index.html",
        "ke-hoach/index.html",
        "index.html",
        "search/search_index.json",
        "sitemap.xml",
        "sitemap.xml.gz",
    ):
        assert (site / name).read_bytes() == (again / name).read_bytes(), name


def test_bad_plan_stops_the_build_and_keeps_the_last_site(project):
    site, _ = build_site(project)
    good = (site / "ke-hoach/2025/index.html").read_bytes()
    plan = project / "plan" / "2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("2025-12-31", "2025-12-32", 1), encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project)
    assert (site / "ke-hoach/2025/index.html").read_bytes() == good


def test_bad_plan_message_names_file_and_line(project, caplog):
    plan = project / "plan" / "2025.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("2025-12-31", "2025-12-32", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "2025-12-31" in row)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert error.startswith("Nội dung có 1 lỗi cần sửa trước khi xuất bản")
    assert f"plan/2025.yaml:{line}: " in error
    assert '"2025-12-32" không tồn tại (tháng 12 năm 2025 có 31 ngày)' in error
    assert "Traceback" not in error


def test_as_of_setting_must_be_a_real_date(project, monkeypatch, caplog):
    monkeypatch.setenv("CCHC_AS_OF", "2025-02-30")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        'Biến môi trường CCHC_AS_OF phải là ngày dạng YYYY-MM-DD có thật, nhận được "2025-02-30"'
    ]


def test_sitemap_dates_follow_the_as_of_date(project, monkeypatch):
    monkeypatch.setenv("CCHC_AS_OF", "2025-09-30")
    site, _ = build_site(project)
    assert "<lastmod>2025-09-30</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_strict_warning_leaves_the_last_published_site_whole(project, caplog):
    """MkDocs reports some mistakes (here a missing anchor) only after writing every page: the
    build goes to a staging folder, so the published site is not touched."""
    site, _ = build_site(project)
    before = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nXem [mục này](#khong-co-muc-nay).\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        build_site(project)
    after = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    assert after == before
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("trang đã xuất bản trước đó" in message and "được giữ nguyên" in message for message in errors)
    assert not [path for path in project.iterdir() if path.name.startswith(".site-dang-dung-")]


def test_a_clean_build_switches_the_site_to_a_new_folder_in_one_step(project):
    site, _ = build_site(project)
    (site / "cu.html").write_text("một trang cũ", encoding="utf-8")
    before = os.readlink(site)
    build_site(project)
    assert site.is_symlink() and os.readlink(site) != before
    assert not (site / "cu.html").exists() and (site / "index.html").is_file()
    # The previous build stays beside it for requests still reading it; nothing else is left.
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".site")) == sorted(
        [before, os.readlink(site), ".site.lock"]
    )


def test_a_build_without_a_public_address_says_so_without_blocking(project, monkeypatch):
    monkeypatch.delenv("CCHC_SITE_URL", raising=False)
    site, log = build_site(project)
    [note] = [message for message in log.messages() if "CCHC_SITE_URL" in message]
    assert note.endswith("đang trỏ tới http://127.0.0.1:8000/ (không chặn xuất bản)")
    assert (site / "feed.xml").is_file()
    monkeypatch.setenv("CCHC_SITE_URL", "https://cchc.example.org/")
    _, log = build_site(project)
    assert not [message for message in log.messages() if "CCHC_SITE_URL" in message]


def test_a_year_without_its_plan_is_pointed_out(project, monkeypatch):
    monkeypatch.setenv("CCHC_AS_OF", "2026-03-02")
    _, log = build_site(project)
    assert [m for m in log.messages() if m.startswith("cchc: Chưa có kế hoạch CCHC năm 2026")] == [
        "cchc: Chưa có kế hoạch CCHC năm 2026 (tệp plan/2026.yaml): các trang Kế hoạch và Tiến độ đang hiện "
        "kế hoạch năm 2025 (không chặn xuất bản)"
    ]
    monkeypatch.setenv("CCHC_AS_OF", "2025-06-30")
    _, log = build_site(project)
    assert not [m for m in log.messages() if "Chưa có kế hoạch CCHC năm" in m]


def test_the_search_dialog_is_named_in_the_html(built):
    """The name is written by overrides/partials/search.html, not added by a script after load."""
    _, site, _ = built
    for path in ("index.html", "ke-hoach/2025/index.html", "404.html"):
        assert page(site, path).xpath("//div[contains(@class,'md-search')][@role='dialog']/@aria-label") == ["Tìm kiếm"]


def test_only_the_search_language_files_the_worker_loads_are_published(built):
    """Search is in Vietnamese only (mkdocs.yml): of Material's thirty-odd language files, the
    worker loads lunr.stemmer.support and lunr.vi; the others (and the Japanese and Thai word
    segmenters) are neither written nor in the site map. The worker itself is still there."""
    _, site, _ = built
    lunr = site / "assets/javascripts/lunr"
    written = sorted(path.relative_to(lunr).as_posix() for path in lunr.rglob("*") if path.is_file())
    assert written == ["min/lunr.stemmer.support.min.js", "min/lunr.vi.min.js"]
    assert not (lunr / "min/lunr.de.min.js").exists() and not (lunr / "tinyseg.js").exists()
    assert list((site / "assets/javascripts/workers").glob("search.*.min.js"))
    assert "lunr" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_build_after_a_serve_in_one_process_keeps_nothing_for_rebuilds(monkeypatch):
    """`on_startup` tells the core on every start whether rebuilds come, as it sets the command:
    a build started after a serve in the same process (tests do that) holds nothing for them."""
    monkeypatch.setattr(made, "_rebuilds", True)  # as an earlier serve in this process left it
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    assert made._rebuilds is False
