"""Read staff-written YAML through PyYAML's node tree, so that every mistake knows its line.

The plan, article front matter and the other data files share this reader: a small
hand-written schema walker is all they need, and it speaks Vietnamese to staff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from calendar import monthrange
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .codes import Coded
from .errors import ContentError, Problem, Problems

NULL_TAG = "tag:yaml.org,2002:null"

MAX_DEPTH = 40
"""Lists and mappings nested deeper than this are refused: staff files nest five levels at most,
and a deeper tree is an attack on the parser's and our walkers' stacks."""
MAX_ALIAS_NODES = 10_000
"""Nodes that aliases (`*name`) may add once expanded, over the whole file: bounds the
"billion laughs" attack (aliases of aliases) without refusing a harmless reuse."""
MAX_TEXT_CHARS = 5_000
"""Longest text value: a whole answer fits, a page-sized payload for the Markdown renderer does not."""
MAX_INTEGER_DIGITS = 9

# Characters YAML (and XML, hence the feed) does not allow in a document: C0 controls other
# than Tab/LF/CR, DEL, C1 controls other than NEL, surrogates, U+FFFE and U+FFFF.
NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# libyaml's parser is about ten times faster and gives the same node tree and marks; PyYAML's
# pure-Python one is the fallback where the wheel was built without it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TOO_DEEP = (
    f"dữ liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp danh sách, nhóm khóa lồng vào nhau); "
    'hãy kiểm tra các dấu ngoặc vuông "[", ngoặc nhọn "{" và thụt lề ở dòng này'
)

_SYNTAX_HINTS = (
    # libyaml's own bound (1,000 levels) can fire first, while it scans ahead of our check.
    ("exceeded maximum nesting depth", _TOO_DEEP),
    (
        "mapping values are not allowed",
        'có dấu hai chấm ":" không đúng chỗ; một đoạn chữ có ": " phải đặt trong ngoặc kép',
    ),
    ("could not find expected ':'", 'thiếu dấu hai chấm ":" sau tên khóa'),
    ("tab character", "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"),
    ("did not find expected key", "thụt lề không đều: các khóa cùng cấp phải thẳng hàng"),
    ("expected <block end>", "thụt lề không đều: các khóa cùng cấp phải thẳng hàng"),
    ("did not find expected '-' indicator", 'thụt lề của danh sách (các dòng bắt đầu bằng "-") không đều'),
    (
        "did not find expected ',' or ']'",
        'danh sách trong ngoặc vuông thiếu dấu "]" đóng hoặc thiếu dấu phẩy giữa các mục',
    ),
    ("did not find expected ',' or '}'", 'nhóm trong ngoặc nhọn thiếu dấu "}" đóng hoặc thiếu dấu phẩy giữa các mục'),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
    ("found undefined alias", 'ký tự "*" ở đầu giá trị; hãy đặt giá trị trong ngoặc kép'),
    ("but found another document", 'tệp chỉ được chứa một khối dữ liệu; hãy xóa dòng "---" thừa'),
    ("exceeded maximum nesting depth", "các danh sách và nhóm lồng nhau quá sâu"),
)


class Invalid(Exception):
    """A value that cannot be accepted; the reader adds the file, line and field name.

    `also` carries further mistakes of the same value (e.g. several bad items of one list), so
    that all of them are reported at once."""

    def __init__(self, message: str, node: yaml.Node | None = None, also: tuple[Invalid, ...] = ()):
        super().__init__(message)
        self.message = message
        self.node = node
        self.also = also


@dataclass(frozen=True)
class Field:
    """One key of a mapping: how to read its value, and what it is (for 'missing' messages)."""

    parse: Callable[[Reader, yaml.Node], Any]
    required: bool = True
    about: str = ""


def _syntax_message(error: yaml.YAMLError, text: str) -> str:
    problem = getattr(error, "problem", None) or str(error)
    hint = next((vi for en, vi in _SYNTAX_HINTS if en in problem), None)
    if hint is None and "cannot start any token" in problem:
        hint = _bad_start(error, text)
    what = hint or f"YAML không hợp lệ ({problem})"
    return (
        f"lỗi cú pháp YAML: {what}. Hãy kiểm tra dòng này và dòng ngay trên: "
        "thụt lề bằng dấu cách, dấu hai chấm sau mỗi khóa, ngoặc kép đóng mở đủ."
    )


def _bad_start(error: yaml.YAMLError, text: str) -> str:
    """Name the character a token cannot start with: a Tab (indentation) or a reserved sign."""
    mark = getattr(error, "problem_mark", None)
    lines = text.splitlines()
    character = ""
    if mark is not None and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        character = lines[mark.line][mark.column]
    if character == "\t":
        return "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"
    if character:
        return f'giá trị không được bắt đầu bằng ký tự "{character}"; hãy đặt cả giá trị trong ngoặc kép'
    return "có ký tự không được phép ở đầu giá trị; hãy đặt giá trị trong ngoặc kép"


def decode_utf8(raw: bytes, source: str) -> str:
    """Decode a staff file as UTF-8 (a BOM is allowed) or say which line holds the bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            [
                Problem(
                    source,
                    line,
                    f"tệp không được lưu bằng mã hóa UTF-8 (byte 0x{raw[error.start]:02X} không hợp lệ). "
                    "Hãy mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8.",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def syntax_problem(error: yaml.YAMLError, text: str, source: str, *, first_line: int = 1) -> Problem:
    """A YAML syntax error as a Vietnamese problem on its line."""
    if isinstance(error, yaml.reader.ReaderError):
        # A NUL or another character YAML forbids: the reader knows its offset, not its line.
        # PyYAML counts characters; libyaml (encoding "?") counts bytes of the UTF-8 text.
        before = text[: error.position] if error.encoding == "unicode" else text.encode("utf-8")[: error.position]
        line = before.count("\n" if isinstance(before, str) else b"\n") + first_line
        return Problem(
            source,
            line,
            f"lỗi cú pháp YAML: có ký tự điều khiển không được phép (mã U+{error.character:04X}); "
            "hãy xóa ký tự đó (thường do dán chữ từ phần mềm khác).",
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = (mark.line if mark else 0) + first_line
    return Problem(source, line, _syntax_message(error, text))


def control_character_problem(text: str, source: str, first_line: int = 1) -> Problem | None:
    """The first character no staff file may hold (a form feed, ESC, NUL, U+FFFE...), with its
    line, or None."""
    found = NON_PRINTABLE.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + first_line
    return Problem(
        source,
        line,
        f"có ký tự điều khiển không in được (U+{ord(found.group()):04X}), thường do sao chép từ Word hay Zalo; "
        "hãy xóa ký tự đó (gõ lại đoạn chữ quanh chỗ lỗi nếu không nhìn thấy nó)",
    )


def check_bounds(text: str, source: str, *, first_line: int = 1, loader: type = _LOADER) -> None:
    """Refuse nesting deeper than MAX_DEPTH and aliases expanding to more than MAX_ALIAS_NODES
    nodes, reading the event stream before any node tree is built: the work stops at the first
    excess, so a megabyte of "[" costs no more than a few dozen."""
    # Per open collection: [expanded node count, anchor]; anchors map to their expanded size.
    open_collections: list[list] = []
    sizes: dict[str, int] = {}
    added = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_collections.append([1, event.anchor])
            if len(open_collections) > MAX_DEPTH:
                raise ContentError([Problem(source, event.start_mark.line + first_line, _TOO_DEEP)])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            count, anchor = open_collections.pop()
        elif isinstance(event, yaml.ScalarEvent):
            count, anchor = 1, event.anchor
        elif isinstance(event, yaml.AliasEvent):
            count, anchor = sizes.get(event.anchor, 1), None
            added += count
            if added > MAX_ALIAS_NODES:
                raise ContentError(
                    [
                        Problem(
                            source,
                            event.start_mark.line + first_line,
                            f'các tham chiếu "*{event.anchor}" (alias) nhân dữ liệu lên quá {thousands(MAX_ALIAS_NODES)} mục; '
                            "tệp nội dung không cần tham chiếu: hãy viết thẳng giá trị",
                        )
                    ]
                )
        else:
            continue
        if anchor:
            sizes[anchor] = count
        if open_collections:
            open_collections[-1][0] += count


def compose(text: str, source: str, *, first_line: int = 1) -> yaml.Node:
    """Parse YAML text into its node tree; an empty document, a syntax error, a control
    character or a tree beyond the bounds (`check_bounds`) is a ContentError."""
    control = control_character_problem(text, source, first_line)
    if control is not None:
        raise ContentError([control])
    try:
        check_bounds(text, source, first_line=first_line)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        raise ContentError([syntax_problem(error, text, source, first_line=first_line)]) from None
    if node is None or (node.tag == NULL_TAG and not node.value):
        raise ContentError(
            [Problem(source, first_line, "tệp rỗng: không có dữ liệu nào. Hãy điền nội dung theo mẫu trong hướng dẫn.")]
        )
    return node


def read_file(path: Path, source: str) -> yaml.Node:
    """Read a YAML file as UTF-8 and return its root node."""
    if not path.is_file():
        raise ContentError(
            [Problem(source, 1, "không tìm thấy tệp này; hãy khôi phục tệp (xem hướng dẫn trong CONTRIBUTING.md)")]
        )
    return compose(decode_utf8(path.read_bytes(), source), source)


def clean_text(value: str) -> str:
    """Staff text as stored and shown: NFC, without stray outer white space."""
    return unicodedata.normalize("NFC", value).strip()


class Reader:
    """Walks a node tree against small schemas, collecting every problem with its line."""

    def __init__(self, source: str, *, first_line: int = 1):
        self.problems = Problems(source)
        self._offset = first_line - 1

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self._offset

    def add(self, node: yaml.Node, message: str) -> None:
        self.problems.add(self.line(node), message)

    def fields(self, node: yaml.Node, where: str, spec: Mapping[str, Field]) -> dict[str, Any] | None:
        """Read a mapping; return its parsed values, or None when a required one is missing or bad.

        Unknown keys, duplicates, bad values and missing fields are all recorded, not raised.
        """
        prefix = f"{where}: " if where else ""
        if not isinstance(node, yaml.MappingNode):
            self.add(node, f'{prefix}cần một nhóm các dòng "khóa: giá trị", nhưng ở đây là {describe(node)}')
            return None
        values: dict[str, Any] = {}
        seen: dict[str, int] = {}
        empty: set[str] = set()
        # Keys offered as the likely spelling of an unknown key: not reported missing as well.
        suggested: set[str] = set()
        complete = True
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in spec:
                self.add(key_node, f"{prefix}{unknown_key_message(key, spec)}")
                suggested.update(difflib.get_close_matches(key, list(spec), n=1, cutoff=0.6))
                continue
            if key in seen:
                self.add(key_node, f'{prefix}khóa "{key}" bị lặp lại (đã có ở dòng {seen[key]}); hãy xóa một dòng')
                complete = False
                continue
            seen[key] = self.line(key_node)
            if is_null(value_node):
                empty.add(key)
                continue
            try:
                values[key] = spec[key].parse(self, value_node)
            except Invalid as error:
                for mistake in (error, *error.also):
                    self.add(mistake.node or value_node, f'{prefix}"{key}" {mistake.message}')
                complete = False
        for key, field in spec.items():
            if not field.required or key in values or (key in seen and key not in empty):
                continue
            about = f" ({field.about})" if field.about else ""
            if key in empty:
                self.problems.add(seen[key], f'{prefix}trường bắt buộc "{key}" đang để trống{about}')
            elif key not in suggested:
                self.add(node, f'{prefix}thiếu trường bắt buộc "{key}"{about}')
            complete = False
        return values if complete else None

    def items(self, node: yaml.Node) -> list[yaml.Node]:
        """The items of a list node, or an Invalid naming what was found instead."""
        if not isinstance(node, yaml.SequenceNode):
            raise Invalid(
                f'phải là một danh sách (mỗi mục một dòng bắt đầu bằng "- "), nhưng ở đây là {describe(node)}'
            )
        return list(node.value)


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "một nhóm khóa"
    if isinstance(node, yaml.SequenceNode):
        return "một danh sách"
    return f'giá trị "{node.value}"'


def unknown_key_message(key: str, spec: Collection[str]) -> str:
    """`key` is not among those of `spec` (a mapping's keys or a list): the allowed ones, and the
    closest if it looks like a typo."""
    close = difflib.get_close_matches(key, list(spec), n=1, cutoff=0.6)
    guess = f'; có phải ý bạn là "{close[0]}"?' if close else "."
    allowed = ", ".join(spec)
    return f'khóa "{key}" không hợp lệ{guess} Các khóa được phép ở đây: {allowed}.'


def scalar(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise Invalid(f"phải là một giá trị đơn, nhưng ở đây là {describe(node)}")
    return str(node.value)


def text(_: Reader, node: yaml.Node) -> str:
    value = clean_text(scalar(node))
    if not value:
        raise Invalid("không được để trống")
    control = NON_PRINTABLE.search(value)
    if control:
        # Written as an escape ("\f") in double quotes: the file itself is clean, the value is not.
        raise Invalid(f"có ký tự điều khiển không in được (U+{ord(control.group()):04X}); hãy xóa ký tự đó")
    if len(value) > MAX_TEXT_CHARS:
        raise Invalid(
            f"dài quá: {thousands(len(value))} ký tự, tối đa {thousands(MAX_TEXT_CHARS)}; hãy rút gọn hoặc chia thành nhiều mục"
        )
    return value


def text_list(reader: Reader, node: yaml.Node) -> tuple[str, ...]:
    """A list of texts; a single text is a list of one."""
    if isinstance(node, yaml.ScalarNode):
        return (text(reader, node),)
    values = []
    for item in reader.items(node):
        try:
            values.append(text(reader, item))
        except Invalid as error:
            raise Invalid(f"có một mục {error.message}", item) from None
    if not values:
        raise Invalid("không được là danh sách rỗng")
    return tuple(values)


def integer(_: Reader, node: yaml.Node) -> int:
    value = scalar(node).strip()
    if not re.fullmatch(r"-?\d+", value):
        raise Invalid(f'phải là một số nguyên, nhận được "{shorten(value)}"')
    if len(value.lstrip("-")) > MAX_INTEGER_DIGITS:
        # Python refuses to convert more than 4,300 digits at all; no field here needs ten.
        raise Invalid(f"là một số quá lớn ({len(value.lstrip('-'))} chữ số); hãy kiểm tra lại con số")
    return int(value)


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def shorten(value: str, limit: int = 80) -> str:
    """A value quoted back to staff, cut so that a huge one does not flood the message."""
    return value if len(value) <= limit else value[:limit] + "…"


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_VN_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def date_hint(value: str) -> str:
    """How a date written the Vietnamese way (31/12/2025) is written here, or nothing."""
    vn = _VN_DATE.fullmatch(value.strip().split(" ")[0])
    if not vn:
        return ""
    day, month, year = vn.groups()
    return f" (ngày {day}/{month}/{year} viết là {year}-{int(month):02d}-{int(day):02d})"


def iso_date(_: Reader, node: yaml.Node) -> dt.date:
    """A calendar date written YYYY-MM-DD that exists (no 31/02)."""
    return parse_iso_date(scalar(node).strip())


def parse_iso_date(value: str) -> dt.date:
    """The text of a YYYY-MM-DD date that exists, or an Invalid saying how to write it."""
    match = _ISO_DATE.fullmatch(value)
    if not match:
        raise Invalid(f'phải là ngày dạng YYYY-MM-DD, nhận được "{value}"{date_hint(value)}')
    year, month, day = (int(part) for part in match.groups())
    if not 1900 <= year <= 2999:
        raise Invalid(f'phải là ngày có thật: "{value}" có năm {year} không hợp lệ')
    if not 1 <= month <= 12:
        raise Invalid(f'phải là ngày có thật: "{value}" có tháng {month:02d} không tồn tại')
    last = monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise Invalid(f'phải là ngày có thật: "{value}" không tồn tại (tháng {month:02d} năm {year} có {last} ngày)')
    return dt.date(year, month, day)


def choice(options: Mapping[str, str] | type[Coded]) -> Callable[[Reader, yaml.Node], str]:
    """One of a fixed set of codes; the message lists each code with its meaning. Given a
    `Coded` enum, the value read is its member."""
    labels = options.labels() if isinstance(options, type) else options

    def parse(_: Reader, node: yaml.Node) -> str:
        value = scalar(node).strip()
        if value not in labels:
            allowed = ", ".join(f"{code} ({label})" for code, label in labels.items())
            close = difflib.get_close_matches(value, list(labels), n=1, cutoff=0.6)
            guess = f'; có phải ý bạn là "{close[0]}"?' if close else "."
            raise Invalid(f'không hợp lệ: "{value}"{guess} Giá trị được phép: {allowed}.')
        return options(value) if isinstance(options, type) else value

    return parse


def find(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The value node of a key in a mapping node, without validating anything."""
    for key_node, value_node in node.value:
        if key_node.value == key:
            return value_node
    return None
