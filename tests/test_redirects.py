"""Addresses that last: a published article renamed between two builds keeps its old address,
which leads to the new one; the record of addresses is written by the staff check."""

from __future__ import annotations

import re

import pytest
import yaml
from lxml import html

from cchc import cli
from cchc.base.errors import ContentError
from cchc.site.redirects import REGISTRY_FILE, load_registry, output_path, redirects, updated_registry
from projects import overlay_project
from sitebuild import build_site

ID = "urn:uuid:00000000-0000-4000-8000-000000000001"


def test_registry_keeps_every_path_and_redirects_only_free_old_ones():
    registry = updated_registry({}, [("a", "bai-viet/2025/cu.md")])
    registry = updated_registry(registry, [("a", "bai-viet/2025/moi.md"), ("b", "mo-hinh/x.md")])
    assert registry == {"a": ("bai-viet/2025/cu.md", "bai-viet/2025/moi.md"), "b": ("mo-hinh/x.md",)}
    current = {"a": "bai-viet/2025/moi.md", "b": "mo-hinh/x.md"}
    assert redirects(registry, current, taken=()) == {"bai-viet/2025/cu.md": "bai-viet/2025/moi.md"}
    # An old path now used by another file is never replaced by a redirect.
    assert redirects(registry, current, taken={"bai-viet/2025/cu.md"}) == {}
    assert output_path("bai-viet/2025/cu.md", True) == "bai-viet/2025/cu/index.html"
    assert output_path("bai-viet/2025/cu.md", False) == "bai-viet/2025/cu.html"


def test_a_deeply_nested_registry_is_a_message_with_its_line(tmp_path):
    registry = tmp_path / "dia-chi-da-dang.yaml"
    registry.write_text("a:\n  - " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_registry(registry, REGISTRY_FILE)
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{REGISTRY_FILE}:2: "), problem


def test_a_registry_path_that_is_no_entry_s_is_a_message_with_its_line(tmp_path):
    """A redirect is written at each old path: one outside the entries' folders would be written
    outside the site ("/x.md", "abc" → "/index.html") or over MkDocs' own files (a folder
    "sitemap.xml/" stops the build with a Python error)."""
    registry = tmp_path / "dia-chi-da-dang.yaml"
    registry.write_text(
        "# KHÔNG sửa tay\na:\n  - bai-viet/2025/abc.md\n  - abc\n  - ../../x.md\n"
        "b:\n  - mo-hinh/x.md\n  - /tmp/x.md\n  - sitemap.xml.md\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_registry(registry, REGISTRY_FILE)
    shown = [str(problem) for problem in caught.value.problems]
    assert [text.split(": ", 1)[0] for text in shown] == [f"{REGISTRY_FILE}:{line}" for line in (4, 5, 8, 9)]
    assert '"abc" không phải đường dẫn của một bài viết hay mô hình' in shown[0]
    registry.write_text("a:\n  - bai-viet/2025/moi.md\nb:\n  - mo-hinh/x.md\n", encoding="utf-8")
    assert load_registry(registry, REGISTRY_FILE) == {"a": ("bai-viet/2025/moi.md",), "b": ("mo-hinh/x.md",)}


def test_renamed_article_old_address_leads_to_the_new_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CCHC_AS_OF", "2025-12-31")
    project = overlay_project(tmp_path / "project")
    # The staff check records where the published entries are.
    assert cli.check(["--thu-muc", str(project)]) == 0
    recorded = yaml.safe_load((project / REGISTRY_FILE).read_text(encoding="utf-8"))
    assert recorded[ID] == ["bai-viet/2025/bai-kiem-thu.md"]
    first, _ = build_site(project, tmp_path / "site1")
    assert (first / "bai-viet/2025/bai-kiem-thu/index.html").is_file()

    # Renamed (a new slug), nothing else written by hand; the check runs again before the build.
    articles = project / "docs/bai-viet/2025"
    (articles / "bai-kiem-thu.md").rename(articles / "bai-kiem-thu-giao-dien.md")
    assert cli.check(["--thu-muc", str(project)]) == 0
    assert "dia-chi-da-dang.yaml" in capsys.readouterr().out
    second, _ = build_site(project, tmp_path / "site2")
    new = second / "bai-viet/2025/bai-kiem-thu-giao-dien/index.html"
    assert new.is_file()
    old = html.fromstring((second / "bai-viet/2025/bai-kiem-thu/index.html").read_bytes())
    [refresh] = old.xpath("//meta[@http-equiv='refresh']/@content")
    assert re.fullmatch(r"0; url=\.\./bai-kiem-thu-giao-dien/", refresh)
    [link] = old.xpath("//a/@href")
    assert (second / "bai-viet/2025/bai-kiem-thu" / link / "index.html").resolve() == new.resolve()
    assert old.xpath("//link[@rel='canonical']/@href")[0].endswith("/bai-viet/2025/bai-kiem-thu-giao-dien/")
    # The record is not published, and the feed keeps the entry's id.
    assert not (second / "dia-chi-da-dang.yaml").exists()
    assert ID in (second / "feed.xml").read_text(encoding="utf-8")
