"""Shared helpers: a scratch copy of the real project for site builds, and plan fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from projects import FIXTURES, copy_project


@pytest.fixture
def small_plan_text() -> str:
    return (FIXTURES / "plan-small.yaml").read_text(encoding="utf-8")


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
