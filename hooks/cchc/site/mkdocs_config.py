"""Check `mkdocs.yml` without running it, before MkDocs reads it.

MkDocs loads its configuration with PyYAML's full loader: a `!!python/...` tag there runs Python
as the file is read, before any hook; an alias bomb there expands in memory; an impossible date or
a huge integer there ends in a traceback. `cchc-kiem-tra` runs before the build in CI and reads
the file as a stream of parser events only (nothing is constructed, no alias is followed), so it
refuses those before MkDocs ever sees them. The build's own `load_content` repeats the check.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..base.errors import Problems
from ..base.identity import IDENTITY_FILE
from ..base.yamlsource import compose, decode_utf8, syntax_problem

ALLOWED_TAGS = frozenset({"!ENV", "!relative"})
"""The only tags MkDocs defines, and all that `mkdocs.yml` needs (`site_url: !ENV [...]`)."""
MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted; the real file needs 4."""
MAX_DIGITS = 1000
"""Longest integer accepted (Python refuses to convert one of more than 4,300 digits)."""

_PYTHON_TAG = "tag:yaml.org,2002:python/"
_STANDARD_TAG = "tag:yaml.org,2002:"
# PyYAML's own resolver and constructor: what MkDocs' loader would make of a plain value.
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_ADVICE = "mkdocs.yml là cấu hình của người phát triển; cán bộ không sửa tệp này (xem CONTRIBUTING.md)."


def check_config(path: Path, source: str = "mkdocs.yml") -> None:
    """Raise ContentError naming each Python tag, unknown tag, anchor, alias, over-deep nesting,
    impossible date or huge integer of `mkdocs.yml`, and each piece of staff data left in it."""
    text = decode_utf8(path.read_bytes(), source)
    problems = Problems(source)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                problems.add(
                    line,
                    f'có bí danh YAML "*{event.anchor}": không được dùng trong mkdocs.yml; hãy viết thẳng giá trị. {_ADVICE}',
                )
                continue
            if getattr(event, "anchor", None):
                problems.add(
                    line, f'có neo YAML "&{event.anchor}": không được dùng trong mkdocs.yml; hãy xóa nó. {_ADVICE}'
                )
            tag = getattr(event, "tag", None)
            if tag and tag not in ALLOWED_TAGS:
                problems.add(line, _tag_message(tag))
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.add(line, f"các danh sách và nhóm lồng nhau quá {MAX_DEPTH} tầng. {_ADVICE}")
                    break
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent) and event.implicit[0] and not tag:
                message = _plain_scalar_problem(event.value)
                if message:
                    problems.add(line, message)
    except yaml.YAMLError as error:
        problems.items.append(syntax_problem(error, text, source))
    problems.raise_if_any()
    _check_keys(compose(text, source), problems)
    problems.raise_if_any()


def _tag_message(tag: str) -> str:
    if tag.startswith(_PYTHON_TAG):
        return (
            f'có thẻ "!!python/{tag.removeprefix(_PYTHON_TAG)}": thẻ này chạy mã Python khi đọc tệp nên bị '
            f"từ chối. {_ADVICE}"
        )
    shown = f"!!{tag.removeprefix(_STANDARD_TAG)}" if tag.startswith(_STANDARD_TAG) else tag
    allowed = ", ".join(sorted(ALLOWED_TAGS))
    return f'có thẻ YAML "{shown}" không được phép; chỉ dùng được {allowed}. {_ADVICE}'


def _plain_scalar_problem(value: str) -> str | None:
    """What would stop MkDocs' own loader with a traceback on this plain value, in Vietnamese."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STANDARD_TAG + "timestamp":
        try:
            _CONSTRUCTOR.construct_yaml_timestamp(yaml.ScalarNode(tag, value))
        except ValueError:
            return f'"{value}" không phải ngày có thật; viết ngày dạng YYYY-MM-DD, hoặc đặt giá trị trong ngoặc kép.'
    if tag == _STANDARD_TAG + "int" and len(value) > MAX_DIGITS:
        return f"có số nguyên dài {len(value)} chữ số (tối đa {MAX_DIGITS}); hãy đặt giá trị trong ngoặc kép nếu đó là chữ."
    return None


def _check_keys(root: yaml.Node, problems: Problems) -> None:
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value == "INHERIT":
            problems.add(
                key.start_mark.line + 1,
                '"INHERIT" không được dùng: cấu hình phải nằm trọn trong mkdocs.yml để được kiểm tra. ' + _ADVICE,
            )
        if key.value == "extra" and isinstance(value, yaml.MappingNode):
            for inner, _ in value.value:
                if inner.value == "don_vi":
                    problems.add(
                        inner.start_mark.line + 1,
                        f"thông tin của nhà trường nay ghi ở {IDENTITY_FILE}, không ở mkdocs.yml; hãy chuyển mục "
                        f'"don_vi" sang tệp đó (bỏ một cấp thụt lề) rồi xóa nó khỏi đây.',
                    )
