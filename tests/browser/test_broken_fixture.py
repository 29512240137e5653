"""The gates must fail on a site that is broken on purpose (tests/browser/fixtures/broken/), with
messages that name the page and the problem: the same check functions as on the real site."""

from __future__ import annotations

from pathlib import Path

import gates
import pytest
import serve

from projects import apply_overlay

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"


@pytest.fixture(scope="module")
def broken_server():
    server, process = serve.start(BROKEN)
    yield server
    serve.stop(process)


@pytest.fixture(scope="module")
def vnu_report():
    return gates.vnu_errors(BROKEN)


def test_axe_names_the_page_the_rule_and_the_image_without_alt(broken_server, visit):
    opened = visit(broken_server.base_url, 360)
    page = opened.open("/index.html")
    problems = gates.axe_violations(page, "broken (/index.html) at 360 px")
    assert problems == [
        "broken (/index.html) at 360 px: axe image-alt (critical): Images must have alternative text: "
        'img[src$="pixel.svg"] (first: Element does not have an alt attribute)'
    ]


def test_third_party_request_is_named_with_its_page_and_never_leaves_the_machine(broken_server, visit):
    opened = visit(broken_server.base_url, 360)
    page = opened.open("/index.html")
    problems = gates.third_party_requests(opened.requested, broken_server.base_url, "broken (/index.html)")
    assert problems == ["broken (/index.html): request to a third party: https://cdn.example.com/logo.png"]
    assert page.evaluate("[...document.images].find(i => i.src.includes('cdn')).naturalWidth") == 0


def test_nu_checker_names_file_line_and_the_duplicate_id(vnu_report):
    assert vnu_report.files == 2
    assert "/index.html:11: vnu: Duplicate ID “twice”. " in "\n".join(vnu_report.problems) + " "


def test_nu_checker_names_the_image_without_alt(vnu_report):
    assert any(
        problem.startswith("/index.html:12: vnu: An “img” element must have an “alt” attribute")
        for problem in vnu_report.problems
    ), vnu_report.problems


def test_theme_filter_does_not_hide_the_same_message_on_our_own_markup(vnu_report):
    assert vnu_report.filtered == 0
    assert any(problem.startswith("/index.html:18: vnu: Attribute “autocomplete”") for problem in vnu_report.problems)


def test_links_name_the_page_and_each_broken_anchor_or_target(broken_server):
    report = gates.check_links(BROKEN, broken_server.base_url)
    assert sorted(report.problems) == [
        "/: link '#nowhere': no element with id 'nowhere' on its target page",
        "/: link 'missing.html' leads to HTTP 404",
        "/: link 'other.html#also-missing': no element with id 'also-missing' on its target page",
    ]
    assert report.external == {"https://cdn.example.com/logo.png", "https://example.com/"}


def test_overlay_lands_over_the_project_and_leaves_its_readme_behind(tmp_path):
    overlay, project = tmp_path / "overlay", tmp_path / "project"
    (overlay / "docs" / "tin-tuc").mkdir(parents=True)
    (overlay / "docs" / "tin-tuc" / "bai.md").write_text("# Fixture\n", encoding="utf-8")
    (overlay / "README.md").write_text("about the overlay\n", encoding="utf-8")
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    apply_overlay(project, overlay)
    assert (project / "docs" / "tin-tuc" / "bai.md").read_text(encoding="utf-8") == "# Fixture\n"
    assert (project / "docs" / "index.md").exists()
    assert not (project / "README.md").exists()
