"""Publishing is one rename: the site folder is a link switched from one complete build to the
next; a lock refuses a second build into the same folder; leftovers of a killed build go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cchc.site import publish
from cchc.site.publish import PublishError, Staging


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def publish_site(site: Path, files: dict[str, str]) -> None:
    staging = Staging(site)
    for name, text in files.items():
        (staging.folder / name).parent.mkdir(parents=True, exist_ok=True)
        (staging.folder / name).write_text(text, encoding="utf-8")
    staging.publish()


def siblings(site: Path) -> list[str]:
    return sorted(path.name for path in site.parent.iterdir())


def test_the_site_is_a_link_to_the_newest_build_and_the_previous_one_is_kept(tmp_path):
    site = tmp_path / "site"
    for number in range(1, 4):
        publish_site(site, {"index.html": f"bản {number}", f"trang-{number}/index.html": "x"})
    assert site.is_symlink() and os.readlink(site) == ".site-ban-3"
    assert files_of(site) == {"index.html": b"b\xe1\xba\xa3n 3", "trang-3/index.html": b"x"}
    assert siblings(site) == [".site-ban-2", ".site-ban-3", ".site.lock", "site"]
    assert files_of(tmp_path / ".site-ban-2")["index.html"] == "bản 2".encode()


def test_a_version_is_readable_by_a_web_server(tmp_path):
    site = tmp_path / "site"
    old = os.umask(0o022)
    try:
        publish_site(site, {"index.html": "x"})
    finally:
        os.umask(old)
    assert (site.resolve().stat().st_mode & 0o777) == 0o755


def test_a_folder_built_before_is_replaced_by_the_link_in_one_step_keeping_hidden_entries(tmp_path):
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / "cu").mkdir()
    (site / "cu" / "index.html").write_text("cũ", encoding="utf-8")
    publish_site(site, {"index.html": "mới"})
    assert site.is_symlink()
    assert sorted(path.name for path in site.iterdir()) == [".git", "index.html"]
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    # The old folder is the previous version until the next build.
    assert files_of(tmp_path / ".site-ban-0")["cu/index.html"] == "cũ".encode()
    publish_site(site, {"index.html": "mới hơn"})
    assert (site / ".git" / "HEAD").is_file()
    assert siblings(site) == [".site-ban-1", ".site-ban-2", ".site.lock", "site"]


def test_a_link_of_someone_elses_is_followed(tmp_path):
    real = tmp_path / "www" / "html"
    real.mkdir(parents=True)
    site = tmp_path / "site"
    site.symlink_to(real)
    publish_site(site, {"index.html": "mới"})
    assert os.readlink(site) == str(real)
    assert (real / "index.html").read_text(encoding="utf-8") == "mới"
    assert real.is_symlink()


def test_discard_leaves_the_site_alone(tmp_path):
    site = tmp_path / "site"
    publish_site(site, {"index.html": "đã xuất bản"})
    staging = Staging(site)
    (staging.folder / "index.html").write_text("hỏng", encoding="utf-8")
    staging.discard()
    assert (site / "index.html").read_text(encoding="utf-8") == "đã xuất bản"
    assert siblings(site) == [".site-ban-1", ".site.lock", "site"]


def test_a_second_build_into_the_same_folder_is_refused_until_the_first_ends(tmp_path):
    site = tmp_path / "site"
    first = Staging(site)
    with pytest.raises(PublishError) as caught:
        Staging(site)
    assert str(caught.value) == (
        f"Đang có một lần tạo trang khác ghi vào thư mục {site} (tệp khóa .site.lock). Hãy đợi lần đó xong rồi "
        "chạy lại; trang đã xuất bản không bị thay đổi."
    )
    first.discard()
    Staging(site).discard()


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path):
    site = tmp_path / "site"
    publish_site(site, {"index.html": "1"})
    publish_site(site, {"index.html": "2"})
    (tmp_path / ".site-dang-dung-abc" / "ke-hoach").mkdir(parents=True)
    (tmp_path / ".site-ban-9").mkdir()  # renamed, never switched to
    (tmp_path / ".site-lien-ket-def").symlink_to(".site-ban-9")
    (tmp_path / "khac").mkdir()  # not ours
    staging = Staging(site)
    assert siblings(site) == [".site-ban-1", ".site-ban-2", staging.folder.name, ".site.lock", "khac", "site"]
    staging.discard()


STEPS = ["rename", "symlink", "replace", "fsync"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("first_time", [False, True], ids=["link", "folder"])
def test_a_failure_at_any_step_leaves_the_old_site_or_the_new_one_whole(tmp_path, monkeypatch, step, first_time):
    """Each file-system call of the switch is made to fail in turn, as a kill would stop it."""
    site = tmp_path / "site"
    if first_time:
        (site / "a").mkdir(parents=True)
        (site / "a" / "index.html").write_text("cũ", encoding="utf-8")
        (site / "index.html").write_text("cũ", encoding="utf-8")
    else:
        publish_site(site, {"index.html": "cũ", "a/index.html": "cũ"})
    old = files_of(site)
    staging = Staging(site)
    (staging.folder / "index.html").write_text("mới", encoding="utf-8")
    (staging.folder / "b").mkdir()
    (staging.folder / "b" / "index.html").write_text("mới", encoding="utf-8")
    new = files_of(staging.folder)

    class Killed(Exception):
        pass

    def fail(*args, **kwargs):
        raise Killed

    target = {"rename": (os, "rename"), "symlink": (os, "symlink"), "fsync": (os, "fsync")}.get(step)
    if step == "replace":
        target = (publish, "_exchange") if first_time else (os, "replace")
    monkeypatch.setattr(*target, fail)
    with pytest.raises(Killed):
        staging.publish()
    monkeypatch.undo()
    assert files_of(site) in (old, new)
    publish_site(site, {"index.html": "sau"})
    assert files_of(site) == {"index.html": b"sau"}
    assert not [name for name in siblings(site) if "dang-dung" in name or "lien-ket" in name]
    assert len([name for name in siblings(site) if "-ban-" in name]) <= 2
