"""mkdocs.yml is checked as parser events, never constructed: Python tags, anchors and aliases are
refused before MkDocs (whose loader runs Python) reads the file, with Vietnamese messages."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
import yaml

from cchc.base.errors import ContentError
from cchc.cli import check
from cchc.site.mkdocs_config import MAX_DEPTH, check_config
from projects import ROOT, copy_project

REAL = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("config") / "project")


def problems_of(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "mkdocs.yml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    with pytest.raises(ContentError) as caught:
        check_config(path)
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(number for number, row in enumerate(text.splitlines(), start=1) if needle in row)


def test_the_real_configuration_passes_and_holds_no_staff_data():
    check_config(ROOT / "mkdocs.yml")
    data = yaml.compose(REAL, Loader=yaml.SafeLoader)
    keys = {key.value: value for key, value in data.value}
    assert "don_vi" not in {key.value for key, _ in keys["extra"].value}
    assert "/don-vi.yaml" in keys["exclude_docs"].value.split()


def test_a_python_tag_is_refused_by_the_staff_check_without_running(project, tmp_path, capsys):
    marker = tmp_path / "da-chay"
    config = project / "mkdocs.yml"
    text = REAL.replace(
        "  generator: false\n",
        f'  generator: false\n  chu_ky: !!python/object/apply:os.system ["touch {marker}"]\n',
    )
    config.write_text(text, encoding="utf-8")
    try:
        assert check(["--thu-muc", str(project)]) == 1
    finally:
        config.write_text(REAL, encoding="utf-8")
    out = capsys.readouterr().out
    assert not marker.exists()
    assert (
        f'mkdocs.yml:{line_of(text, "chu_ky")}: có thẻ "!!python/object/apply:os.system": thẻ này chạy mã Python '
        "khi đọc tệp nên bị từ chối. mkdocs.yml là cấu hình của người phát triển; cán bộ không sửa tệp này "
        "(xem CONTRIBUTING.md)." in out
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/object/new:os.system [x]", "!!python/object/new:os.system"),
        ("!<tag:yaml.org,2002:python/object/apply:os.system> [x]", "!!python/object/apply:os.system"),
    ],
)
def test_every_spelling_of_a_python_tag_is_refused(tmp_path, value, shown):
    [problem] = problems_of(tmp_path, f"site_name: x\nextra:\n  a: {value}\n")
    assert problem.startswith(f'mkdocs.yml:3: có thẻ "{shown}": thẻ này chạy mã Python')


def test_a_tag_directive_cannot_disguise_a_python_tag(tmp_path):
    [problem] = problems_of(tmp_path, "%TAG ! tag:yaml.org,2002:python/\n---\nsite_name: !object/apply:os.system [x]\n")
    assert problem.startswith('mkdocs.yml:3: có thẻ "!!python/object/apply:os.system"')


def test_only_the_mkdocs_tags_are_allowed(tmp_path):
    check_path = tmp_path / "mkdocs.yml"
    check_path.write_text('site_url: !ENV [CCHC_SITE_URL, "http://x/"]\ndocs_dir: !relative docs\n', encoding="utf-8")
    check_config(check_path)
    [problem] = problems_of(tmp_path, "site_name: !!binary aGk=\nx: !custom y\n")[:1]
    assert problem == (
        'mkdocs.yml:1: có thẻ YAML "!!binary" không được phép; chỉ dùng được !ENV, !relative. mkdocs.yml là cấu '
        "hình của người phát triển; cán bộ không sửa tệp này (xem CONTRIBUTING.md)."
    )


def test_anchors_and_aliases_are_refused(tmp_path):
    problems = problems_of(tmp_path, "extra:\n  a: &ten Trường\n  b: *ten\n")
    assert problems[0].startswith('mkdocs.yml:2: có neo YAML "&ten": không được dùng trong mkdocs.yml; hãy xóa nó.')
    assert problems[1].startswith('mkdocs.yml:3: có bí danh YAML "*ten": không được dùng trong mkdocs.yml')


def test_an_alias_bomb_is_refused_without_expanding(tmp_path):
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 12):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        rows.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "\n".join(rows) + "\n"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    problems = problems_of(tmp_path, text)
    elapsed = time.perf_counter() - started
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(f"alias bomb (9^12 nodes if expanded): refused in {elapsed * 1000:.1f} ms, max RSS +{grown_kb} kB")
    # Every anchor and every alias is named: 12 anchors, 9 aliases on each of 11 lines (the same
    # message on one line is reported once).
    assert sum('neo YAML "&' in problem for problem in problems) == 12
    assert {int(problem.split(":")[1]) for problem in problems if "*" in problem.split(":", 2)[2]} == set(range(2, 13))
    assert grown_kb < 50_000


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_bounded(tmp_path, depth):
    [problem] = problems_of(tmp_path, "extra: " + "[" * depth + "]" * depth + "\n")
    assert problem.startswith("mkdocs.yml:1: ")
    assert "lồng nhau quá" in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "site_name: x\nextra:\n\tngay: 1\n",
            "mkdocs.yml:3: lỗi cú pháp YAML: có ký tự Tab; YAML chỉ thụt lề bằng dấu cách.",
        ),
        (
            "site_name: Trường\nextra:\n  a: b\x00c\n",
            "mkdocs.yml:3: lỗi cú pháp YAML: có ký tự điều khiển không được phép (mã U+0000)",
        ),
        (
            "site_name: x\nextra:\n  ngay: 2025-02-30\n",
            'mkdocs.yml:3: "2025-02-30" không phải ngày có thật; viết ngày dạng YYYY-MM-DD, hoặc đặt giá trị trong ngoặc kép.',
        ),
        (
            "site_name: x\nextra:\n  luc: 2025-01-01 25:00:00\n",
            'mkdocs.yml:3: "2025-01-01 25:00:00" không phải ngày có thật',
        ),
        (
            "site_name: x\nextra:\n  so: " + "9" * 5000 + "\n",
            "mkdocs.yml:3: có số nguyên dài 5000 chữ số (tối đa 1000)",
        ),
        (
            "INHERIT: ../khac.yml\nsite_name: x\n",
            'mkdocs.yml:1: "INHERIT" không được dùng: cấu hình phải nằm trọn trong mkdocs.yml để được kiểm tra.',
        ),
        (
            "site_name: x\nextra:\n  don_vi:\n    ten: A\n",
            "mkdocs.yml:3: thông tin của nhà trường nay ghi ở docs/don-vi.yaml, không ở mkdocs.yml",
        ),
    ],
)
def test_mistakes_that_crash_mkdocs_get_vietnamese_messages(tmp_path, text, expected):
    [problem] = problems_of(tmp_path, text)
    assert problem.startswith(expected)


def test_a_quoted_date_like_text_is_fine(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        'site_name: x\nextra:\n  ngay: "2025-02-30"\n  dung: 2025-02-28\n  chu: 2025-2-30\n', encoding="utf-8"
    )
    check_config(path)


def test_ci_runs_the_staff_check_before_any_build():
    workflow = yaml.safe_load((ROOT / ".github/workflows/kiem-tra.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["kiem-tra"]["steps"]]
    check_step = next(index for index, run in enumerate(commands) if run.strip() == "cchc-kiem-tra")
    builds = [index for index, run in enumerate(commands) if "mkdocs build" in run]
    assert builds and check_step < min(builds)
    script = (ROOT / "tests/run").read_text(encoding="utf-8")
    assert 0 < script.index(".venv/bin/cchc-kiem-tra") < script.index(".venv/bin/mkdocs build")


def test_developers_files_have_an_owner():
    owners = {}
    for row in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            path, *names = row.split()
            owners[path] = names
    for path in ("/mkdocs.yml", "/hooks/", "/overrides/", "/.github/", "/pyproject.toml", "/requirements.lock"):
        assert owners.get(path) and all(name.startswith("@") for name in owners[path]), path
