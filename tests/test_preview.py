"""`mkdocs serve` never gets in the way: a real dev server on a scratch copy of the project shows
content mistakes as a Vietnamese page (at every address), keeps running, watches the plans and
the data files, and previews a fresh draft with empty fields."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import html

from cchc import cli
from nginxserve import free_port, stop

TIMEOUT = 120
"""Seconds to wait for one rebuild to show: a full build on a busy 2-core machine."""


def _get(url: str) -> tuple[int, str]:
    """Status and text of one request; the timeout makes a hanging server fail the test."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _until(url: str, check, log: Path) -> tuple[int, html.HtmlElement]:
    """Fetch `url` until `check(status, document)` holds (the server rebuilds after a save)."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            status, text = _get(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status, text = 0, "<html></html>"
        document = html.fromstring(text)
        if check(status, document):
            return status, document
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} never showed the expected page; server log:\n{log.read_text()}")
        time.sleep(0.5)


def _problems(document: html.HtmlElement) -> list[str]:
    return [" ".join(item.text_content().split()) for item in document.xpath("//ol[@class='cchc-problems']/li")]


def _is_problems_page(status: int, document: html.HtmlElement) -> bool:
    return bool(document.xpath("//ol[@class='cchc-problems']"))


def _is_site(status: int, document: html.HtmlElement) -> bool:
    return (
        status == 200
        and not document.xpath("//ol[@class='cchc-problems']")
        and bool(document.xpath("//*[contains(@class, 'md-content')]"))
    )


@pytest.fixture
def served(project: Path, monkeypatch, tmp_path: Path):
    """Start `mkdocs serve` on the scratch project; yield (base URL, log path); stop it."""
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CCHC_AS_OF", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/", log, process
    finally:
        stop(process, timeout=15)


def test_serve_shows_problems_keeps_running_and_recovers(project: Path, served, monkeypatch):
    base, log, process = served
    channels = project / "docs/phan-anh/kenh.yaml"
    plan = project / "plan/2025.yaml"
    channels_text, plan_text = channels.read_text(encoding="utf-8"), plan.read_text(encoding="utf-8")
    monkeypatch.chdir(project)
    assert cli.new_article(["Bài đang viết"]) == 0
    draft = next((project / "docs/bai-viet").rglob("bai-dang-viet.md"))
    draft_url = base + draft.relative_to(project / "docs").with_suffix("").as_posix() + "/"

    # A data file broken before the server starts: the server starts anyway and shows it.
    channels.write_text(channels_text + '"<b>sai</b>": 1\n', encoding="utf-8")
    bad_line = len(channels_text.splitlines()) + 1
    status, page = _until(base, _is_problems_page, log)
    assert process.poll() is None
    assert status == 200
    assert page.xpath("//h1")[0].text_content() == "Nội dung có 1 lỗi cần sửa"
    [problem] = _problems(page)
    assert problem.startswith(f'docs/phan-anh/kenh.yaml:{bad_line} khóa "<b>sai</b>" không hợp lệ')
    assert not page.xpath("//*[contains(@class, 'md-content')]//b"), "the file's text must be escaped"
    assert page.xpath("//link[@rel='stylesheet'][contains(@href, 'assets/stylesheets/main')]"), "in Material's layout"
    # Any other address shows the same list, with a "not found" status and no wait.
    status, missing = _until(base + "ke-hoach/2025/", lambda status, document: status == 404, log)
    assert _problems(missing) == [problem]
    assert "Nội dung có 1 lỗi cần sửa" in missing.text_content()

    # Fixed: the real site is back, with the draft previewed despite its empty fields.
    channels.write_text(channels_text, encoding="utf-8")
    _until(base, _is_site, log)
    status, preview = _until(draft_url, _is_site, log)
    assert "Bài đang viết" in preview.xpath("//h1")[0].text_content()
    assert "Bản nháp" in preview.text_content()
    assert "DRAFT" not in html.tostring(preview, encoding="unicode")
    assert not preview.xpath("//*[@class='mkdocs-draft-marker']")
    source = draft.relative_to(project).as_posix()
    assert f"{source}:" in log.read_text(encoding="utf-8")
    assert 'bản nháp: "tom_tat"' in log.read_text(encoding="utf-8")

    # A plan file is watched too: breaking it shows the problem, fixing it brings the site back.
    plan.write_text(plan_text.replace("nam: 2025\n", "nam: hai-nghin\n", 1), encoding="utf-8")
    line = plan_text.splitlines().index("nam: 2025") + 1
    _, page = _until(base, _is_problems_page, log)
    assert any(text.startswith(f"plan/2025.yaml:{line} ") for text in _problems(page)), _problems(page)
    plan.write_text(plan_text, encoding="utf-8")
    _, page = _until(base + "ke-hoach/2025/", _is_site, log)
    assert process.poll() is None


def test_build_keeps_a_draft_with_empty_fields_out_and_warns(project: Path, monkeypatch):
    from sitebuild import build_site  # noqa: PLC0415 - MkDocs only where a build is tested

    monkeypatch.chdir(project)
    monkeypatch.delenv("CCHC_AS_OF", raising=False)
    assert cli.new_article(["Bài đang viết"]) == 0
    draft = next((project / "docs/bai-viet").rglob("bai-dang-viet.md"))
    site, log = build_site(project)
    relative = draft.relative_to(project / "docs").with_suffix("")
    assert not (site / relative).exists()
    assert "Bài đang viết" not in (site / "feed.xml").read_text(encoding="utf-8")
    source = draft.relative_to(project).as_posix()
    notes = [
        message.removeprefix("cchc: ")
        for message in log.messages()
        if message.removeprefix("cchc: ").startswith(f"{source}:")
    ]
    assert [note.split(": ", 2)[1] for note in notes] == ["bản nháp", "bản nháp"]
    assert 'bản nháp: "tom_tat"' in notes[0] and 'bản nháp: "tac_gia"' in notes[1]
