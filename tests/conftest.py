"""Shared helpers: a scratch copy of the real project for site builds, and plan fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from projects import FIXTURES, copy_project

ENGINE_VARIABLE = "CCHC_ENGINE"
"""`properdocs` runs the tests on ProperDocs, the maintained fork of MkDocs 1.x (tests/run's second
job); unset or `mkdocs`, on MkDocs itself."""
ENGINE = os.environ.get(ENGINE_VARIABLE, "mkdocs")
if ENGINE == "properdocs":
    # As the `properdocs` command does: every later `import mkdocs...` (ours, Material's, the
    # adapter's) gets the ProperDocs module of the same name.
    import properdocs.replacement  # noqa: F401
elif ENGINE != "mkdocs":
    raise pytest.UsageError(f"{ENGINE_VARIABLE} must be mkdocs or properdocs, not {ENGINE!r}")


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


@pytest.fixture(scope="session")
def site_end_of_first_quarter(tmp_path_factory) -> Path:
    """The real project built once per session as of 31/03/2025, the last day of the first
    quarter of its plan (the progress page and its spreadsheet tests read it)."""
    from sitebuild import build_as_of  # noqa: PLC0415 - keeps MkDocs out of pure-core test imports

    return build_as_of(copy_project(tmp_path_factory.mktemp("q1") / "project"), "2025-03-31")[0]
