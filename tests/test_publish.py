"""The staging folder replaces the site's entries, and only its visible ones."""

from __future__ import annotations

from cchc.site.publish import Staging


def test_publish_replaces_entries_but_keeps_hidden_ones(tmp_path):
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / "cu").mkdir()
    (site / "cu" / "index.html").write_text("cũ", encoding="utf-8")
    staging = Staging(site)
    (staging.folder / "index.html").write_text("mới", encoding="utf-8")
    staging.publish()
    assert sorted(path.name for path in site.iterdir()) == [".git", "index.html"]
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert not staging.folder.exists()


def test_discard_leaves_the_site_alone(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("đã xuất bản", encoding="utf-8")
    staging = Staging(site)
    (staging.folder / "index.html").write_text("hỏng", encoding="utf-8")
    staging.discard()
    assert (site / "index.html").read_text(encoding="utf-8") == "đã xuất bản"
    assert [path.name for path in tmp_path.iterdir()] == ["site"]
