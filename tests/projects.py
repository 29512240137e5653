"""Where the project and the test fixtures are, and a scratch copy of the project's site sources.

A plain module rather than conftest.py: tests import it by name, and tests/browser has a
conftest.py of its own, so `from conftest import ...` would be ambiguous."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
OVERLAY = FIXTURES / "overlay"
"""Fixture content (an article, a practice, a Q&A file) laid over a scratch project, for the
tests and browser gates that need page types the real site has no content for yet."""


def copy_project(target: Path) -> Path:
    """Copy the project's site sources (not its tests or virtualenv) into `target`."""
    target.mkdir(parents=True)
    for name in ("docs", "plan", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def apply_overlay(project: Path, overlay: Path = OVERLAY) -> Path:
    """Copy the fixture overlay over a scratch project; the overlay's own README.md stays behind."""
    for source in sorted(overlay.rglob("*")):
        relative = source.relative_to(overlay)
        if source.is_dir() or relative == Path("README.md"):
            continue
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return project


def overlay_project(target: Path) -> Path:
    """A scratch copy of the project with the fixture overlay laid over it."""
    return apply_overlay(copy_project(target))


PLAN_DATA_HEADER = ["Số nhiệm vụ", "Lĩnh vực", "Nội dung nhiệm vụ", "Sản phẩm dự kiến", "Cơ quan chủ trì", "Thời hạn"]
"""The first columns of the plan's open data (tien-do/ke-hoach-YYYY.csv and .xlsx), as staff read them."""


PROGRESS_FIXTURE = FIXTURES / "progress"
"""A test plan (`2025.yaml`) whose tasks are in every state on 15/07/2025, and its progress
reports spread over 2025 (`bao-cao/2025/`), all made up for the tests."""


def use_progress_fixture(project: Path) -> Path:
    """Replace a scratch project's plan and progress reports by the progress fixture."""
    shutil.copy2(PROGRESS_FIXTURE / "2025.yaml", project / "plan" / "2025.yaml")
    reports = project / "plan" / "bao-cao"
    if reports.exists():
        shutil.rmtree(reports)
    shutil.copytree(PROGRESS_FIXTURE / "bao-cao", reports)
    return project


def use_report_fixture(project: Path) -> Path:
    """The progress fixture plus two published articles for task 1.11: the overlay's (31/03/2025,
    with its practice) and one of 20/08/2025 sent to the steering committee on 22/08/2025."""
    use_progress_fixture(project)
    for folder in ("docs/bai-viet", "docs/mo-hinh"):
        shutil.copytree(OVERLAY / folder, project / folder, dirs_exist_ok=True)
    shutil.copytree(PROGRESS_FIXTURE / "docs", project / "docs", dirs_exist_ok=True)
    return project


def progress_fixture_plan(day):
    """The fixture plan as its progress reports stand on `day`, with the reports themselves."""
    from cchc.plan.model import load_plan  # noqa: PLC0415 - keeps this module importable without the core
    from cchc.reports.entries import load_reports, plan_on  # noqa: PLC0415

    plan = load_plan(PROGRESS_FIXTURE / "2025.yaml", "plan/2025.yaml")
    [reports] = load_reports(PROGRESS_FIXTURE / "bao-cao", PROGRESS_FIXTURE, (plan,))
    return plan_on(plan, reports, day), reports
