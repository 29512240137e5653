"""No content mistake reaches staff as a Python traceback: every file a member of staff edits is
mutated line by line (a line deleted, a value turned into a list, a mapping, nothing), and its
loader must either accept the result or raise ContentError with Vietnamese messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from cchc.articles.model import load_articles, load_practices
from cchc.base.errors import ContentError
from cchc.base.identity import load_identity
from cchc.feedback.model import load_answers, load_channels
from cchc.feedback.workdays import load_holidays
from cchc.plan.model import load_plan, load_plans
from projects import apply_overlay, copy_project

AS_OF = dt.date(2025, 8, 1)


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return apply_overlay(copy_project(tmp_path_factory.mktemp("robust") / "project"))


def loaders(root: Path) -> dict[str, Callable[[], object]]:
    plans = load_plans(root / "plan", root)
    calendar = load_holidays(root / "docs/phan-anh/ngay-nghi-le.yaml")
    docs = root / "docs"
    return {
        "plan/2025.yaml": lambda: load_plan(root / "plan/2025.yaml", "plan/2025.yaml"),
        "docs/don-vi.yaml": lambda: load_identity(root / "docs/don-vi.yaml"),
        "docs/phan-anh/kenh.yaml": lambda: load_channels(root / "docs/phan-anh/kenh.yaml"),
        "docs/phan-anh/ngay-nghi-le.yaml": lambda: load_holidays(root / "docs/phan-anh/ngay-nghi-le.yaml"),
        "docs/phan-anh/hoi-dap/2025.yaml": lambda: load_answers(
            root / "docs/phan-anh/hoi-dap", root, plans=plans, calendar=calendar, as_of=AS_OF
        ),
        "docs/bai-viet/2025/bai-kiem-thu.md": lambda: load_articles(docs, root, plans),
        "docs/mo-hinh/mo-hinh-kiem-thu.md": lambda: load_practices(docs, root, plans),
    }


def mutations(text: str):
    lines = text.split("\n")
    for index, line in enumerate(lines):
        yield f"line {index + 1} deleted", "\n".join(lines[:index] + lines[index + 1 :])
        key, colon, _ = line.partition(":")
        if colon and key.strip() and not key.lstrip().startswith("#"):
            for value in (" []", " {}", " ~", " [a, b]"):
                yield (
                    f"line {index + 1} set to{value}",
                    "\n".join(lines[:index] + [key + ":" + value] + lines[index + 1 :]),
                )


@pytest.mark.parametrize(
    "relative",
    [
        "plan/2025.yaml",
        "docs/don-vi.yaml",
        "docs/phan-anh/kenh.yaml",
        "docs/phan-anh/ngay-nghi-le.yaml",
        "docs/phan-anh/hoi-dap/2025.yaml",
        "docs/bai-viet/2025/bai-kiem-thu.md",
        "docs/mo-hinh/mo-hinh-kiem-thu.md",
    ],
)
def test_mutated_content_gives_messages_not_tracebacks(content, relative):
    load = loaders(content)[relative]
    path = content / relative
    original = path.read_text(encoding="utf-8")
    crashes = []
    refused = 0
    try:
        for what, text in mutations(original):
            path.write_text(text, encoding="utf-8")
            try:
                load()
            except ContentError as error:
                refused += 1
                assert error.problems and all(problem.line >= 1 for problem in error.problems), what
            except Exception as error:  # noqa: BLE001 - the point is to catch any other exception
                crashes.append(f"{what}: {type(error).__name__}: {error}")
    finally:
        path.write_text(original, encoding="utf-8")
    assert not crashes, "\n".join(crashes[:10])
    assert refused, "no mutation was refused: the loader checks nothing"
