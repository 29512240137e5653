"""`mkdocs build -f path/to/mkdocs.yml` as deploy scripts run it: from another folder, with a
relative path holding spaces and Vietnamese letters, through the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from lxml import html

from projects import copy_project


def test_build_from_another_folder_through_a_path_with_spaces_and_vietnamese_letters(tmp_path: Path):
    folder = unicodedata.normalize("NFC", "Trang web trường/Cải cách hành chính")
    project = copy_project(tmp_path / folder)
    elsewhere = tmp_path / "nơi khác"
    elsewhere.mkdir()
    config = os.path.relpath(project / "mkdocs.yml", elsewhere)
    assert config.startswith("..") and " " in config
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "CCHC_AS_OF": "2026-11-30",
        "CCHC_SITE_URL": "https://truong.example/cchc/",
    }
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    # site_dir is relative to mkdocs.yml, not to the folder the command ran from.
    site = project / "site"
    assert not (elsewhere / "site").exists()
    home = html.fromstring((site / "index.html").read_bytes())
    assert "Trường Mầm non Nguyễn Cư Trinh" in home.xpath("string(//header)")
    assert (site / "ke-hoach" / "2025" / "index.html").is_file()
    assert (site / "feed.xml").read_bytes().count(b"https://truong.example/cchc/") > 0
