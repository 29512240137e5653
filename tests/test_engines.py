"""The two engines the site builds with: MkDocs 1.6 and ProperDocs, the maintained fork of
MkDocs 1.x. `tests/run` runs the site tests once per engine (CCHC_ENGINE, see conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import mkdocs

from sitebuild import page

ENGINE = os.environ.get("CCHC_ENGINE", "mkdocs")


def test_the_tests_build_with_the_engine_they_name(built_site):
    """Guards the second job: a ProperDocs run that silently built with MkDocs would prove nothing."""
    _, site, _ = built_site
    [generator] = page(site, "index.html").xpath('//meta[@name="generator"]/@content')
    assert mkdocs.__name__ == ENGINE
    if ENGINE == "properdocs":
        assert generator.startswith("mkdocs-ProperDocs 1."), generator
    else:
        assert generator.startswith("mkdocs-1.6."), generator


def test_a_config_file_named_relative_to_the_working_folder_builds(project, tmp_path):
    """`mkdocs build -f mkdocs.yml` (ProperDocs asks for exactly that) gives the adapter the path
    as typed: the project root is still found, and no Python traceback is printed."""
    run = subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert (tmp_path / "site/ke-hoach/2025/index.html").is_file()
