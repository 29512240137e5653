"""A real `mkdocs build`, killed with SIGKILL at 20 moments spread over its whole run, always
leaves a complete site behind: the old one or the new one, byte for byte, never a mix."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from projects import copy_project

MKDOCS = Path(sys.executable).parent / "mkdocs"
MOMENTS = 20


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "CCHC_AS_OF": "2025-08-01",
        "CCHC_SITE_URL": "https://cchc.example.invalid/",
    }


def start(project: Path, site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(MKDOCS), "build", "--strict", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def build(project: Path, site: Path) -> float:
    started = time.perf_counter()
    process = start(project, site)
    _, errors = process.communicate(timeout=300)
    assert process.returncode == 0, errors.decode("utf-8", "replace")
    return time.perf_counter() - started


def snapshot(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    """Two versions of the site (the second with a changed home page and one more asset); the
    first is published into `site`, the second's complete output is built elsewhere."""
    root = tmp_path_factory.mktemp("kill")
    old = copy_project(root / "cu")
    new = copy_project(root / "moi")
    home = new / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nĐoạn mới của bản mới.\n", encoding="utf-8")
    (new / "docs" / "assets" / "moi.txt").write_text("tệp chỉ có ở bản mới\n", encoding="utf-8")
    site = root / "xuat-ban" / "site"
    build(old, site)
    duration = build(new, root / "mau-moi" / "site")
    expected = {"cu": snapshot(site), "moi": snapshot(root / "mau-moi" / "site")}
    assert expected["cu"] != expected["moi"]
    return {"cu": old, "moi": new}, expected, duration, site


def staging_folders(site: Path) -> set[Path]:
    return set(site.parent.glob(f".{site.name}-dang-dung-*"))


def staged_files(site: Path, leftovers: set[Path]) -> int:
    """Files in this build's staging folder (a killed build's, not yet removed, do not count)."""
    return sum(len(files) for folder in staging_folders(site) - leftovers for _, _, files in os.walk(folder))


def versions(site: Path) -> set[str]:
    return {path.name for path in site.parent.glob(f".{site.name}-ban-*")}


def test_a_kill_at_any_moment_leaves_the_old_site_or_the_new_one(projects):
    """The moments follow the build's own progress rather than the clock (on a shared machine
    build times vary): the first 18 kill the build once its staging folder holds 0 to all of the
    site's files; the 19th as soon as the finished build is renamed to a version (the switch is
    next: polling is usually too slow to land between the two, which test_publish covers by
    failing each step in turn); the 20th as soon as the link has changed (old versions are being
    removed)."""
    sources, expected, duration, site = projects
    total = len(expected["moi"])
    state = "cu"
    outcomes = []
    for moment in range(MOMENTS):
        other = "moi" if state == "cu" else "cu"
        known, link, leftovers = versions(site), os.readlink(site), staging_folders(site)
        if moment < MOMENTS - 2:
            threshold = round(total * moment / (MOMENTS - 3))
            what = f"{threshold}/{total} files staged"
            reached = lambda leftovers=leftovers, threshold=threshold: staged_files(site, leftovers) >= threshold  # noqa: E731
        elif moment == MOMENTS - 2:
            what = "new version folder"
            reached = lambda known=known: bool(versions(site) - known)  # noqa: E731
        else:
            what = "link switched"
            reached = lambda link=link: os.readlink(site) != link  # noqa: E731
        process = start(sources[other], site)
        started = time.perf_counter()
        while process.poll() is None and not reached():
            time.sleep(0.001)
        finished = process.poll() is not None
        if not finished:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        found = snapshot(site)
        assert found in (expected["cu"], expected["moi"]), f"a kill at '{what}' left a mixed site"
        state = "cu" if found == expected["cu"] else "moi"
        ending = "finished before the kill" if finished else "killed"
        outcomes.append(
            f"{what}, {time.perf_counter() - started:.2f} s: {ending}, {'new' if state == other else 'old'} site"
        )
    print(f"\nuninterrupted build {duration:.2f} s; SIGKILL at {MOMENTS} moments:\n  " + "\n  ".join(outcomes))
    assert "killed, new site" in outcomes[-1]
    # The build after all those kills removes what they left and keeps two versions.
    build(sources["moi" if state == "cu" else "cu"], site)
    names = sorted(path.name for path in site.parent.iterdir())
    assert len([name for name in names if "-ban-" in name]) == 2
    assert not [name for name in names if "dang-dung" in name or "lien-ket" in name]


def test_a_second_build_into_the_same_folder_gets_a_vietnamese_message(projects, tmp_path):
    sources, _, _, _ = projects
    site = tmp_path / "site"
    lock = os.open(tmp_path / ".site.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        process = start(sources["moi"], site)
        _, errors = process.communicate(timeout=300)
    finally:
        os.close(lock)
    assert process.returncode == 1
    message = errors.decode("utf-8")
    assert f"Đang có một lần tạo trang khác ghi vào thư mục {site} (tệp khóa .site.lock)" in message
    assert "Traceback" not in message
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.lock"]
