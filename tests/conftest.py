"""Shared helpers: a scratch copy of the real project for site builds, and plan fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def small_plan_text() -> str:
    return (FIXTURES / "plan-small.yaml").read_text(encoding="utf-8")


def copy_project(target: Path) -> Path:
    """Copy the project's site sources (not its tests or virtualenv) into `target`."""
    target.mkdir(parents=True)
    for name in ("docs", "plan", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project, for a test that changes content before it builds."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, Path, object]:
    """The real project built once per test session: (project copy, site folder, build log)."""
    from sitebuild import build_site  # noqa: PLC0415 - keeps MkDocs out of pure-core test imports

    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    site, log = build_site(project)
    return project, site, log


@pytest.fixture(scope="session")
def copy_project_to():
    """copy_project for the fixtures of sub-folders, which cannot import this module by name."""
    return copy_project
