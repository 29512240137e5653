"""Every parse of staff text is bounded (issue 9, items 7 and 9): YAML nesting and aliases, the
size of numbers and texts, control characters, link scanning and what Python-Markdown is handed.
Each bound gives staff a Vietnamese message with the file and line, never a traceback or a hang."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from cchc.articles.model import load_articles, split_front_matter
from cchc.base import doclinks
from cchc.base.errors import ContentError
from cchc.base.text import fold, slugify
from cchc.base.yamlsource import MAX_ALIAS_NODES, MAX_DEPTH, Invalid, Reader, compose, integer, text
from cchc.feedback.pages import page_title
from cchc.plan.indicators import number
from cchc.plan.model import load_plan, load_plans
from projects import ROOT, apply_overlay, copy_project

ARTICLE = "docs/bai-viet/2025/bai-kiem-thu.md"
MEGABYTE = 1 << 20


def messages(error: pytest.ExceptionInfo[ContentError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


# YAML: nesting and aliases


def test_nesting_deeper_than_the_bound_is_refused_at_its_line():
    nested = "ten: x\ngia_tri: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(ContentError) as caught:
        compose(nested, "plan/2025.yaml")
    [message] = messages(caught)
    assert message.startswith("plan/2025.yaml:2: ")
    assert f"dữ liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp" in message
    # Block nesting counts the same as brackets.
    block = "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(MAX_DEPTH + 2)) + "  " * (MAX_DEPTH + 2) + "x: 1\n"
    with pytest.raises(ContentError, match="lồng nhau quá sâu"):
        compose(block, "f.yaml")
    # The mapping holding "a" is the first level.
    assert compose("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), "f.yaml") is not None


def test_a_megabyte_of_brackets_is_refused_at_once():
    started = time.process_time()
    with pytest.raises(ContentError, match="lồng nhau quá sâu"):
        compose("a: " + "[" * MEGABYTE, "f.yaml")
    with pytest.raises(ContentError, match="lồng nhau quá sâu"):
        compose("a: " + "{a: " * (MEGABYTE // 4), "f.yaml")
    assert time.process_time() - started < 5


def test_billion_laughs_is_refused_and_a_little_reuse_is_not():
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    with pytest.raises(ContentError) as caught:
        compose("\n".join(bomb), "docs/phan-anh/kenh.yaml")
    [message] = messages(caught)
    assert message.startswith("docs/phan-anh/kenh.yaml:")
    assert f"(alias) nhân dữ liệu lên quá {MAX_ALIAS_NODES:,} mục".replace(",", ".") in message
    assert compose("a: &x [1, 2]\nb: *x\nc: *x\n", "f.yaml") is not None


# Numbers and texts


def node(value: str) -> yaml.Node:
    return yaml.ScalarNode("tag:yaml.org,2002:int", value)


def test_an_integer_of_thousands_of_digits_is_a_message_not_a_traceback():
    with pytest.raises(Invalid, match=r"là một số quá lớn \(5000 chữ số\)"):
        integer(Reader("f.yaml"), node("9" * 5000))
    assert integer(Reader("f.yaml"), node("2025")) == 2025


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("nam: 2025", "nam: " + "2" * 5000, '"nam" là một số quá lớn (5000 chữ số)'),
        ("  - so: 1\n", "  - so: " + "1" * 4400 + "\n", '"so" là một số quá lớn (4400 chữ số)'),
        ('so: "1.1"', 'so: "1.' + "1" * 5000 + '"', '"so" phải có dạng <số lĩnh vực>.<số thứ tự>'),
    ],
    ids=["plan year", "area number", "task number"],
)
def test_huge_numbers_in_the_plan_are_messages(tmp_path, old, new, expected):
    source = (ROOT / "plan/2025.yaml").read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "2025.yaml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_plan(path, "plan/2025.yaml")
    assert any(expected in message for message in messages(caught)), messages(caught)
    assert all(message.startswith("plan/2025.yaml:") for message in messages(caught))


def test_a_huge_indicator_value_is_a_message(tmp_path):
    for value in ("1e999999", "9" * 5000, "Infinity", "1" * 13):
        with pytest.raises(Invalid, match="phải là một số, ví dụ 99.5"):
            number(Reader("f.yaml"), node(value))
    assert str(number(Reader("f.yaml"), node("99.5"))) == "99.5"


def test_a_text_value_is_bounded_and_holds_no_control_character():
    with pytest.raises(Invalid, match=r"dài quá: 5\.001 ký tự, tối đa 5\.000"):
        text(Reader("f.yaml"), yaml.ScalarNode("tag:yaml.org,2002:str", "a" * 5001))
    # An escape in double quotes puts a form feed in the value although the file is clean.
    value = compose('tieu_de: "Tin\\fmới"', "f.yaml").value[0][1]
    with pytest.raises(Invalid, match=r"có ký tự điều khiển không in được \(U\+000C\)"):
        text(Reader("f.yaml"), value)


# Control characters


@pytest.mark.parametrize("character", ["\x0c", "\x1b", "\ufffe", "\x00", "\x7f"])
def test_a_control_character_in_a_yaml_file_names_its_line(character):
    with pytest.raises(ContentError) as caught:
        compose(f'nam: 2025\nten: "Kế hoạch{character}"\n', "plan/2025.yaml")
    assert messages(caught) == [
        f"plan/2025.yaml:2: có ký tự điều khiển không in được (U+{ord(character):04X}), thường do sao chép từ Word "
        "hay Zalo; hãy xóa ký tự đó (gõ lại đoạn chữ quanh chỗ lỗi nếu không nhìn thấy nó)"
    ]


@pytest.fixture()
def project(tmp_path) -> Path:
    return apply_overlay(copy_project(tmp_path / "project"))


@pytest.mark.parametrize("character", ["\x0c", "\x1b", "\ufffe", "\x00"])
def test_a_control_character_in_an_article_body_is_refused_before_the_feed(project, character):
    # feed.py would crash on it (XML cannot hold it): the article is refused with its line.
    path = project / ARTICLE
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[14] += f" chữ{character}lạ"
    path.write_text("\n".join(lines), encoding="utf-8")
    plans = load_plans(project / "plan", project)
    with pytest.raises(ContentError) as caught:
        load_articles(project / "docs", project, plans)
    [message] = messages(caught)
    assert message.startswith(f"{ARTICLE}:15: có ký tự điều khiển không in được (U+{ord(character):04X})")


def test_deep_nesting_in_front_matter_is_a_message(project):
    path = project / ARTICLE
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace('nhiem_vu: ["1.11"]', "nhiem_vu: " + "[" * 100_000), encoding="utf-8")
    plans = load_plans(project / "plan", project)
    started = time.process_time()
    with pytest.raises(ContentError) as caught:
        load_articles(project / "docs", project, plans)
    assert time.process_time() - started < 5
    [message] = messages(caught)
    assert message.startswith(f"{ARTICLE}:10: lỗi cú pháp YAML: dữ liệu lồng nhau quá sâu")


# Links and what Python-Markdown is handed


def test_links_are_found_as_markdown_pairs_them():
    line = '[a [b] c](x.md) ![i](y.png) [![alt](b.png)](p.md) \\[no](z.md) `[c](d.md)` [[[[k](t.md "tựa")'
    assert [(image, target, label) for _, image, target, label in doclinks._targets_of(line)] == [
        (False, "x.md", "a [b] c"),
        (True, "y.png", "i"),
        (False, "p.md", "![alt](b.png)"),
        (True, "b.png", "alt"),
        (False, "t.md", "k"),
    ]


@pytest.mark.parametrize(
    "unit", ["[", "](", "[](", "![", "[x](", "[a](b ", '[a](b "', "\\[", "`", "[\n", "---\n", "a-"]
)
def test_link_and_text_helpers_are_linear_on_a_megabyte(unit):
    # The old link pattern took 15 s for 20,000 "[": a megabyte of any shape now takes well
    # under a second of CPU per helper (5 s allowed for a loaded machine).
    hostile = unit * (MEGABYTE // len(unit))
    for helper in (
        doclinks._targets_of,
        lambda value: doclinks.linked_files(value, "bai-viet/2025/a.md"),
        split_front_matter,
        lambda value: split_front_matter("---\n" + value),
        slugify,
        fold,
    ):
        started = time.process_time()
        helper(hostile)
        assert time.process_time() - started < 5, (unit, helper)


def test_a_heading_title_is_the_text_the_heading_shows():
    # The site map names a page without a nav title by its heading: as shown, not as typed.
    assert page_title("# Học **phí** và `mã` [hồ sơ](ho-so.md) &amp; <b>đậm</b> \\*\n") == "Học phí và mã hồ sơ & đậm *"
    assert page_title("# Tiêu đề *nghiêng* {#muc}\n") == "Tiêu đề nghiêng"
    assert page_title("# Kế hoạch năm 2025\n") == "Kế hoạch năm 2025"
    # What would start a list or a quote elsewhere is part of a heading's text.
    assert page_title("# 1. Giới thiệu *mới*\n") == "1. Giới thiệu mới"
    assert page_title("# - Mục **một**\n") == "- Mục một"
    assert page_title("# > Trích `dẫn`\n") == "> Trích dẫn"


def test_a_page_title_is_read_in_linear_time_and_bounded():
    started = time.process_time()
    assert page_title("# A" + " {" * (MEGABYTE // 2)) == "A" + " {" * (MEGABYTE // 2)
    assert page_title("# Tiêu đề {#muc}\n") == "Tiêu đề"
    assert time.process_time() - started < 5
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{level}: &{level} [" + ", ".join([f"*{chr(ord(level) - 1)}"] * 10) + "]\n" for level in "bcdefgh")
        + "title: *h\n---\n\n# Trang\n"
    )
    assert page_title(bomb) == "Trang"
    # The check refuses that page before MkDocs parses its front matter, unbounded, itself.
    [problem] = doclinks.page_problems(bomb, "docs/a.md")
    assert str(problem).startswith("docs/a.md:") and "(alias) nhân dữ liệu lên quá" in str(problem)


def test_page_bounds_messages():
    assert doclinks.page_problems("# Trang\n\nMột [liên kết](a.md) và (ngoặc).\n", "docs/a.md") == []
    [long] = doclinks.page_problems("a" * 200_001, "docs/a.md")
    assert str(long) == (
        "docs/a.md:1: trang dài quá: 200.001 ký tự, tối đa 200.000; hãy chia nội dung thành nhiều bài hoặc nhiều trang"
    )
    [unclosed] = doclinks.page_problems("Mở đầu.\n\nDòng một [\n" + "[ (\n" * 12 + "\nĐoạn khác [\n", "docs/a.md")
    assert str(unclosed).startswith(
        'docs/a.md:13: đoạn văn từ dòng 3 có quá nhiều dấu mở ngoặc "[" hoặc "(" không có dấu đóng (hơn 20)'
    )
    [signs] = doclinks.page_problems("& " * 20_001, "docs/a.md")
    assert str(signs).startswith("docs/a.md:1: trang có quá nhiều ký hiệu định dạng (20.001 dấu")


# The whole check and the whole build, as staff and CI run them


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return apply_overlay(copy_project(tmp_path_factory.mktemp("bounds") / "project"))


def run_cpu(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run `command`; its CPU seconds (not wall time: the machine may be shared)."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CCHC_AS_OF": "2025-08-01"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The timeout is the hang guard; the CPU figure is the promise.
    done = subprocess.run(command, cwd=cwd, env=environ, capture_output=True, text=True, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


BIN = Path(sys.executable).parent
CHECK = [str(BIN / "cchc-kiem-tra")]
BUILD = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir"]


def body(path: str, brackets: int):
    return path, lambda source: source + "\n" + "[" * brackets + "\n"


def front_matter(path: str, brackets: int):
    return path, lambda source: source.replace('nhiem_vu: ["1.11"]', "nhiem_vu: " + "[" * brackets, 1)


def data(path: str, brackets: int):
    return path, lambda source: source + "\nthem: " + "[" * brackets + "\n"


CASES = {
    "article body, 1 MB": (body(ARTICLE, MEGABYTE), "trang dài quá"),
    "article body, 150 kB": (body(ARTICLE, 150_000), "có quá nhiều dấu mở ngoặc"),
    "hand-written page, 1 MB": (body("docs/index.md", MEGABYTE), "trang dài quá"),
    "practice body, 1 MB": (body("docs/mo-hinh/mo-hinh-kiem-thu.md", MEGABYTE), "trang dài quá"),
    "article front matter, 1 MB": (front_matter(ARTICLE, MEGABYTE), "trang dài quá"),
    "article front matter, 150 kB": (front_matter(ARTICLE, 150_000), "lồng nhau quá sâu"),
    "plan, 1 MB": (data("plan/2025.yaml", MEGABYTE), "lồng nhau quá sâu"),
    "Q&A, 1 MB": (data("docs/phan-anh/hoi-dap/2025.yaml", MEGABYTE), "lồng nhau quá sâu"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_megabyte_of_brackets_stops_the_check_in_seconds(scratch, case):
    (relative, change), expected = CASES[case]
    path = scratch / relative
    original = path.read_text(encoding="utf-8")
    path.write_text(change(original), encoding="utf-8")
    try:
        done, cpu = run_cpu(CHECK, scratch)
    finally:
        path.write_text(original, encoding="utf-8")
    assert done.returncode == 1, done.stderr
    assert f"{relative}:" in done.stdout and expected in done.stdout, done.stdout[-2000:]
    assert "Traceback" not in done.stdout + done.stderr
    assert cpu < 5, f"{case}: {cpu:.1f} s CPU"


@pytest.mark.parametrize("case", ["article body, 1 MB", "article front matter, 150 kB"])
def test_a_megabyte_of_brackets_stops_the_build_in_seconds(scratch, tmp_path, case):
    (relative, change), expected = CASES[case]
    path = scratch / relative
    original = path.read_text(encoding="utf-8")
    path.write_text(change(original), encoding="utf-8")
    try:
        done, cpu = run_cpu(BUILD + [str(tmp_path / "site")], scratch)
    finally:
        path.write_text(original, encoding="utf-8")
    assert done.returncode == 1
    assert f"{relative}:" in done.stderr and expected in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()
    assert cpu < 5, f"{case}: {cpu:.1f} s CPU"


def test_a_page_under_another_markdown_name_stops_the_build_before_markdown_reads_it(scratch, tmp_path):
    # MkDocs renders docs/*.markdown as a page: unchecked, 150 kB of brackets held the build for
    # minutes in Python-Markdown.
    path = scratch / "docs" / "gioi-thieu.markdown"
    path.write_text("# Giới thiệu\n\n" + "[" * 150_000 + "\n", encoding="utf-8")
    try:
        done, cpu = run_cpu(BUILD + [str(tmp_path / "site")], scratch)
    finally:
        path.unlink()
    assert done.returncode == 1
    assert "docs/gioi-thieu.markdown:1" in done.stderr and "gioi-thieu.md" in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()
    assert cpu < 5, f"{cpu:.1f} s CPU"


@pytest.mark.parametrize("key", ["template", "icon"])
def test_a_page_may_not_name_a_theme_file(key):
    [problem] = doclinks.page_problems(f"---\ntitle: Trang\n{key}: khong-co.html\n---\n# Trang\n", "docs/a.md")
    assert str(problem) == (
        f'docs/a.md:3: khóa "{key}" không dùng được trong trang nội dung: giao diện trang do chuyên mục '
        "quyết định; hãy xóa dòng này"
    )


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        ("x: &a {template: khong-co.html}\n<<: *a\n", 2),
        ("<<: {icon: material/khong-co}\n", 2),
        ("a: &a {title: T}\nb: &b {<<: *a, template: khong-co.html}\n<<: [*a, *b]\n", 3),
        # Merged twice (directly and through b): one problem, not two at the same line.
        ("a: &a {template: khong-co.html}\nb: &b {<<: *a}\n<<: [*a, *b]\n", 2),
    ],
)
def test_a_theme_key_merged_in_is_refused_too(front_matter, line):
    # MkDocs's YAML loader honours "<<": the page would name a theme file all the same.
    problems = [str(problem) for problem in doclinks.page_problems(f"---\n{front_matter}---\n# Trang\n", "docs/a.md")]
    assert len(problems) == 1 and problems[0].startswith(f"docs/a.md:{line}: khóa ")


def test_a_page_naming_a_missing_template_stops_the_build_with_a_message(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/index.md"
    page.write_text("---\ntemplate: khong-co.html\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        BUILD + [str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'docs/index.md:2: khóa "template" không dùng được trong trang nội dung' in result.stderr
    assert not (tmp_path / "site").exists()
