"""Property-based tests of every loader (issue 9, item 9): whatever YAML or front matter staff or
a hostile contributor write, the outcome is valid content or our ContentError, every problem
naming the file and a line in it, in Vietnamese. Never another exception, never a hang.

Two generators per file: the real file's data with a few values replaced by generated ones
(nested lists and mappings, huge integers, control characters, odd Unicode, dates), dumped as
YAML; and the real text with a generated snippet of YAML-significant characters spliced in.
Runs are bounded (max_examples, deadline=None) so that each test takes a few seconds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.articles.model import load_articles, load_practices
from cchc.base.errors import ContentError
from cchc.feedback.model import load_answers, load_channels
from cchc.feedback.workdays import load_holidays
from cchc.plan.model import load_plan, load_plans
from projects import apply_overlay, copy_project

AS_OF = dt.date(2025, 8, 1)
FILES = {
    "plan/2025.yaml": "yaml",
    "docs/bai-viet/2025/bai-kiem-thu.md": "front matter",
    "docs/mo-hinh/mo-hinh-kiem-thu.md": "front matter",
    "docs/phan-anh/hoi-dap/2025.yaml": "yaml",
    "docs/phan-anh/kenh.yaml": "yaml",
    "docs/phan-anh/ngay-nghi-le.yaml": "yaml",
}
BOUNDED = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return apply_overlay(copy_project(tmp_path_factory.mktemp("properties") / "project"))


def loader(root: Path, relative: str) -> Callable[[], object]:
    docs = root / "docs"
    plans = load_plans(root / "plan", root)
    calendar = load_holidays(root / "docs/phan-anh/ngay-nghi-le.yaml")
    return {
        "plan/2025.yaml": lambda: load_plan(root / relative, relative),
        "docs/bai-viet/2025/bai-kiem-thu.md": lambda: load_articles(docs, root, plans),
        "docs/mo-hinh/mo-hinh-kiem-thu.md": lambda: load_practices(docs, root, plans),
        "docs/phan-anh/hoi-dap/2025.yaml": lambda: load_answers(
            docs / "phan-anh/hoi-dap", root, plans=plans, calendar=calendar, as_of=AS_OF
        ),
        "docs/phan-anh/kenh.yaml": lambda: load_channels(root / relative),
        "docs/phan-anh/ngay-nghi-le.yaml": lambda: load_holidays(root / relative),
    }[relative]


class HugeInt(str):
    """An integer of thousands of digits, written plain: Python cannot even print it as an int."""


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(HugeInt, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:int", str(value)))

TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\x0c",
            "\x1b[31m",
            "\ufffe",
            "\x00",
            "\u200b",
            "'",
            '"',
            ": ",
            "- ",
            "#",
            "&a",
            "*a",
            "!!python/name:os.system",
            "\t",
            "2025-02-30",
            "2025-13-01",
            "3.4",
            "99,5",
            "1e999999",
            "\\",
            "{{",
            "%",
            "@",
            "`",
            "|",
            ">",
        ]
    ),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([HugeInt("9" * 5000), HugeInt("-" + "1" * 4400), HugeInt("2" * 12)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    TEXTS,
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXTS, children, max_size=4),
    max_leaves=20,
)


def paths_of(data, prefix=()):
    """Every path (keys and indexes) to a value of the parsed file."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_of(value, (*prefix, index))


def replaced(data, path, value):
    if not path:
        return value
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = replaced(data[head], rest, value)
    return copy


def split(relative: str, text: str) -> tuple[str, str, str]:
    """(before the YAML, the YAML, after it): front matter keeps its body."""
    if FILES[relative] != "front matter":
        return "", text, ""
    _, front, body = text.split("---\n", 2)
    return "---\n", front, "---\n" + body


def check_outcome(load: Callable[[], object], relative: str, text: str) -> None:
    try:
        load()
    except ContentError as error:
        assert error.problems
        lines = text.count("\n") + 2
        for problem in error.problems:
            # Every loader names the file it read; the Q&A loader and doc links name theirs.
            assert problem.source == relative, str(problem)
            assert 1 <= problem.line <= lines, str(problem)
            # Messages quote what staff wrote verbatim (a generated key need not be NFC itself).
            assert isinstance(problem.message, str) and problem.message
            assert "Traceback" not in problem.message


@pytest.mark.parametrize("relative", list(FILES))
def test_generated_values_give_content_or_a_content_error(project, relative):
    path = project / relative
    original = path.read_text(encoding="utf-8")
    before, front, after = split(relative, original)
    data = yaml.safe_load(front)
    paths = list(paths_of(data))
    load = loader(project, relative)

    @BOUNDED
    @given(st.data())
    def run(draw):
        changed = data
        for _ in range(draw.draw(st.integers(1, 3))):
            where = draw.draw(st.sampled_from(paths))
            try:
                changed = replaced(changed, where, draw.draw(VALUES))
            except (KeyError, IndexError, TypeError):
                continue  # the path went away with an earlier replacement
        text = before + yaml.dump(changed, Dumper=Dumper, allow_unicode=True, sort_keys=False) + after
        path.write_text(text, encoding="utf-8")
        check_outcome(load, relative, text)

    try:
        run()
    finally:
        path.write_text(original, encoding="utf-8")


SNIPPETS = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list(":-[]{}&*!|>'\"#%@`,?\\ \n\t") + ["\x00", "\x0c", "\x1b", "\ufffe", "\u200b", "\u2028", "\r"]
        ),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=12,
)


@pytest.mark.parametrize("relative", list(FILES))
def test_spliced_text_gives_content_or_a_content_error(project, relative):
    path = project / relative
    original = path.read_text(encoding="utf-8")
    load = loader(project, relative)

    @BOUNDED
    @given(st.integers(0, len(original)), SNIPPETS, st.integers(0, 3))
    def run(position, snippet, dropped):
        text = original[:position] + snippet + original[position + dropped :]
        path.write_text(text, encoding="utf-8", newline="")
        check_outcome(load, relative, text)

    try:
        run()
    finally:
        path.write_text(original, encoding="utf-8")
