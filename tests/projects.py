"""Where the project and the test fixtures are, and a scratch copy of the project's site sources.

A plain module rather than conftest.py: tests import it by name, and tests/browser has a
conftest.py of its own, so `from conftest import ...` would be ambiguous."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(target: Path) -> Path:
    """Copy the project's site sources (not its tests or virtualenv) into `target`."""
    target.mkdir(parents=True)
    for name in ("docs", "plan", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target
