"""Quarterly articles (`docs/bai-viet/<year>/<slug>.md`) and model practices
(`docs/mo-hinh/<slug>.md`): Markdown files whose front matter is read into frozen objects.

The front matter is validated with the same node-tree reader as the plan, offset so that every
message names the line of the `.md` file that staff see in their editor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from ..base.codes import Coded
from ..base.dates import VIETNAM, quarter_of_moment
from ..base.docfiles import PICTURES
from ..base.doclinks import CheckedPage, check_page, linked_files, split_front_matter
from ..base.errors import ContentError, Problem
from ..base.made import Made
from ..base.text import slugify
from ..base.yamlsource import (
    Field,
    Invalid,
    Reader,
    choice,
    clean_text,
    compose,
    date_hint,
    decode_utf8,
    find,
    integer,
    is_null,
    iso_date,
    parse_iso_date,
    scalar,
    text,
    text_list,
)
from ..plan.model import Plan, Task

ARTICLES_DIR = "bai-viet"
PRACTICES_DIR = "mo-hinh"


class ArticleKind(Coded):
    """Kinds of article named by task 1.11 of the plan (`loai` in the front matter)."""

    ARTICLE = "bai_viet", "Bài viết"
    PRACTICE = "mo_hinh", "Mô hình"
    AWARENESS_PRODUCT = "san_pham_tuyen_truyen", "Sản phẩm tuyên truyền"
    PHOTO_NEWS = "tin_anh", "Tin ảnh"
    VIDEO = "video", "Video"


class PracticeStatus(Coded):
    """Where a model practice stands (`trang_thai` in its front matter)."""

    APPLIED = "dang_ap_dung", "Đang áp dụng"
    SCALED_UP = "nhan_rong", "Nhân rộng"
    PAUSED = "tam_dung", "Tạm dừng"


PRACTICE_KIND = "Mô hình, giải pháp hay"

IMAGE_SUFFIXES = frozenset(PICTURES)
"""A cover's kinds: the pictures `cchc.base.docfiles` publishes (not SVG, which may hold a script)."""

RESERVED_SLUGS = frozenset({"index", "trang", "loai", "quy-1", "quy-2", "quy-3", "quy-4"})
"""File names the generated list pages use; an article named so would hide one of them."""

_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._-]*")
_TASK_NUMBER = re.compile(r"\d{1,3}\.\d{1,3}")


@dataclass(frozen=True)
class Cover:
    path: str
    """Docs-relative path of the image, e.g. `bai-viet/2025/anh/bia.png`."""
    alt: str
    size: int
    """Length in bytes, for the feed's enclosure."""


@dataclass(frozen=True)
class TaskRef:
    """A plan task an article serves, with the plan year whose page holds its anchor."""

    year: int
    task: Task
    area_name: str


@dataclass(frozen=True)
class Entry:
    """What articles and practices share: one Markdown file with validated front matter."""

    id: str
    """The feed GUID: minted once, never derived from the title, the slug or the URL."""
    title: str
    published: dt.datetime
    """Aware datetime in Vietnam time; a date alone is 00:00 in Asia/Ho_Chi_Minh."""
    summary: str
    authors: tuple[str, ...]
    cover: Cover | None
    tasks: tuple[TaskRef, ...]
    draft: bool
    src_uri: str
    """Docs-relative path of the Markdown file, e.g. `bai-viet/2025/bai-dau.md`."""
    source: str
    """How messages name the file, e.g. `docs/bai-viet/2025/bai-dau.md`."""
    id_line: int
    assets: tuple[str, ...]
    """Docs-relative paths of the images and files its body links to (not the cover)."""
    gaps: tuple[Problem, ...]
    """A draft's fields still empty: warnings for staff, never a reason to stop the preview."""

    @property
    def slug(self) -> str:
        return Path(self.src_uri).stem

    @property
    def files(self) -> tuple[str, ...]:
        """Docs-relative paths of every file the entry uses: body images and files, then the cover."""
        return self.assets + ((self.cover.path,) if self.cover else ())

    @property
    def day(self) -> dt.date:
        return self.published.date()

    def is_published(self, as_of: dt.date) -> bool:
        """Published on the site and in the feed: not a draft, and not dated after `as_of`."""
        return not self.draft and self.day <= as_of

    @property
    def area_names(self) -> tuple[str, ...]:
        """Areas of reform the entry belongs to, in plan order, each once."""
        return tuple(dict.fromkeys(ref.area_name for ref in sorted(self.tasks, key=lambda ref: ref.task.area)))


@dataclass(frozen=True)
class Article(Entry):
    kind: ArticleKind
    practice: str | None
    """Slug of the model practice the article presents, if any."""
    sent_on: dt.date | None
    """The day it was sent to the district's steering committee, if recorded."""

    @property
    def kind_label(self) -> str:
        return ArticleKind(self.kind).label

    @property
    def categories(self) -> tuple[str, ...]:
        """Feed categories: the kind, then the areas of reform of the tasks it serves."""
        return (self.kind_label, *self.area_names)

    @property
    def year(self) -> int:
        return quarter_of_moment(self.published)[0]

    @property
    def quarter(self) -> int:
        return quarter_of_moment(self.published)[1]


@dataclass(frozen=True)
class Practice(Entry):
    area: int
    area_name: str
    area_year: int
    """The plan year whose page holds the area's anchor."""
    since: dt.date
    status: PracticeStatus
    results: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return PracticeStatus(self.status).label

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((PRACTICE_KIND, self.area_name, *self.area_names)))


def parse_moment(value: str) -> dt.datetime:
    """`2025-03-31` or `2025-03-31 08:30`, Vietnam time (a date alone is midnight in Vietnam)."""
    match = _MOMENT.fullmatch(value.strip())
    if not match:
        raise Invalid(
            f'phải là ngày dạng YYYY-MM-DD hoặc ngày giờ dạng "YYYY-MM-DD HH:MM" (giờ Việt Nam), nhận được '
            f'"{value}"{date_hint(value)}'
        )
    day = parse_iso_date(match.group(1))
    hour, minute = int(match.group(2) or 0), int(match.group(3) or 0)
    if hour > 23 or minute > 59:
        raise Invalid(f'có giờ không tồn tại: "{value}" (giờ từ 00:00 đến 23:59)')
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def _moment(_: Reader, node: yaml.Node) -> dt.datetime:
    return parse_moment(scalar(node))


def _identifier(_: Reader, node: yaml.Node) -> str:
    value = scalar(node).strip()
    if not _IDENTIFIER.fullmatch(value) or len(value) > 120:
        raise Invalid(
            f'phải là một mã liền, không dấu, không khoảng trắng (chữ, số, ":", "-", "."), nhận được "{value}"; '
            'lệnh cchc-bai-moi tự tạo mã dạng "urn:uuid:..."'
        )
    return value


def _boolean(_: Reader, node: yaml.Node) -> bool:
    value = scalar(node).strip().lower()
    if value not in ("true", "false"):
        raise Invalid(f'phải là true (bản nháp, chưa đăng) hoặc false, nhận được "{value}"')
    return value == "true"


@dataclass(frozen=True)
class _Context:
    """What the front matter of one file is checked against."""

    docs_dir: Path
    plans: tuple[Plan, ...]
    practices: frozenset[str]


def _plans_for(context: _Context, year: int | None) -> tuple[Plan, ...]:
    """The plan of the entry's year when there is one; otherwise every plan."""
    same_year = tuple(plan for plan in context.plans if plan.year == year)
    return same_year or context.plans


def _tasks_parser(
    context: _Context, year: Callable[[], int | None]
) -> Callable[[Reader, yaml.Node], tuple[TaskRef, ...]]:
    def parse(reader: Reader, node: yaml.Node) -> tuple[TaskRef, ...]:
        nodes = [node] if isinstance(node, yaml.ScalarNode) else reader.items(node)
        plans = _plans_for(context, year())
        refs: list[TaskRef] = []
        mistakes: list[Invalid] = []
        for item in nodes:
            number = scalar(item).strip()
            if not _TASK_NUMBER.fullmatch(number):
                mistakes.append(
                    Invalid(f'có số nhiệm vụ "{number}" không đúng dạng; viết như trong kế hoạch, ví dụ "1.11"', item)
                )
                continue
            found = next(
                (
                    TaskRef(plan.year, task, area.name)
                    for plan in plans
                    for area in plan.areas
                    for task in area.tasks
                    if task.number == number
                ),
                None,
            )
            if found is None:
                years = ", ".join(str(plan.year) for plan in plans)
                mistakes.append(
                    Invalid(
                        f'có nhiệm vụ "{number}" không có trong kế hoạch năm {years}; '
                        "hãy xem số nhiệm vụ trên trang Kế hoạch CCHC",
                        item,
                    )
                )
                continue
            refs.append(found)
        if mistakes:
            first, *others = mistakes
            raise Invalid(first.message, first.node, tuple(others))
        return tuple(refs)

    return parse


_COVER_BREAKERS = re.compile(r'["<>{}\\\n]')


def _cover_parser(context: _Context, md_path: Path) -> Callable[[Reader, yaml.Node], Cover]:
    def parse(_: Reader, node: yaml.Node) -> Cover:
        value = scalar(node).strip()
        if _COVER_BREAKERS.search(value) or value.count("(") != value.count(")"):
            # The cover goes into the page's Markdown as ![alt](path): these would end or bend it.
            raise Invalid(
                f'tên ảnh không được có dấu ", <, >, {{, }}, \\ hay dấu ngoặc đơn lẻ; hãy đổi tên tệp ảnh, ví dụ '
                f'anh/bia-1.jpg; nhận được "{value}"'
            )
        target = (md_path.parent / value).resolve()
        docs = context.docs_dir.resolve()
        if "://" in value or not target.is_relative_to(docs):
            raise Invalid(
                f'phải là đường dẫn tới một ảnh trong thư mục docs, tính từ tệp bài, ví dụ anh/bia.jpg; nhận được "{value}"'
            )
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            raise Invalid(f'phải là một tệp ảnh ({", ".join(sorted(IMAGE_SUFFIXES))}), nhận được "{value}"')
        if not target.is_file():
            shown = target.relative_to(docs).as_posix()
            raise Invalid(
                f'chỉ tới ảnh "{value}" nhưng không có tệp docs/{shown}; '
                "hãy tải ảnh lên đúng thư mục đó hoặc sửa lại tên ảnh (phân biệt chữ hoa, chữ thường)"
            )
        return Cover(target.relative_to(docs).as_posix(), "", target.stat().st_size)

    return parse


def _common_spec(context: _Context, md_path: Path, year: Callable[[], int | None]) -> dict[str, Field]:
    return {
        "ma": Field(_identifier, about="mã riêng, không bao giờ đổi; lệnh cchc-bai-moi tự tạo"),
        "tieu_de": Field(text, about="tiêu đề"),
        "ngay_dang": Field(_moment, about='ngày đăng, dạng YYYY-MM-DD hoặc "YYYY-MM-DD HH:MM" (giờ Việt Nam)'),
        "tom_tat": Field(text, about="tóm tắt một, hai câu, hiện trong danh sách bài và bản tin RSS"),
        "tac_gia": Field(text_list, about="tác giả"),
        "anh_bia": Field(
            _cover_parser(context, md_path), required=False, about="ảnh bìa, tính từ tệp bài, ví dụ anh/bia.jpg"
        ),
        "anh_bia_mo_ta": Field(text, required=False, about="mô tả ảnh bìa cho người không xem được ảnh"),
        "nhiem_vu": Field(
            _tasks_parser(context, year), required=False, about='các nhiệm vụ của kế hoạch, ví dụ ["1.11"]'
        ),
        "ban_nhap": Field(_boolean, required=False, about="true nếu là bản nháp, chưa đăng"),
    }


def _practice_parser(context: _Context) -> Callable[[Reader, yaml.Node], str]:
    def parse(_: Reader, node: yaml.Node) -> str:
        value = scalar(node).strip()
        if value not in context.practices:
            known = ", ".join(sorted(context.practices)) or "chưa có mô hình nào"
            raise Invalid(
                f'chỉ tới mô hình "{value}" nhưng không có tệp docs/{PRACTICES_DIR}/{value}.md; '
                f"ghi tên tệp của mô hình, không có đuôi .md (hiện có: {known})"
            )
        return value

    return parse


def _article_spec(context: _Context, md_path: Path, year: Callable[[], int | None]) -> dict[str, Field]:
    spec = _common_spec(context, md_path, year)
    spec.update(
        {
            "loai": Field(choice(ArticleKind), about="một trong: " + ", ".join(ArticleKind)),
            "mo_hinh": Field(_practice_parser(context), required=False, about="tên tệp của mô hình mà bài giới thiệu"),
            "ngay_gui": Field(iso_date, required=False, about="ngày gửi Ban Chỉ đạo CCHC, dạng YYYY-MM-DD"),
        }
    )
    return spec


def _area_parser(
    context: _Context, year: Callable[[], int | None]
) -> Callable[[Reader, yaml.Node], tuple[int, str, int]]:
    def parse(reader: Reader, node: yaml.Node) -> tuple[int, str, int]:
        number = integer(reader, node)
        plans = _plans_for(context, year())
        found = next(((area.name, plan.year) for plan in plans for area in plan.areas if area.number == number), None)
        if found is None:
            numbers = sorted({area.number for plan in plans for area in plan.areas})
            raise Invalid(
                f"là {number}, không phải số của một lĩnh vực trong kế hoạch (có: {', '.join(map(str, numbers))})"
            )
        return number, *found

    return parse


def _practice_spec(context: _Context, md_path: Path, year: Callable[[], int | None]) -> dict[str, Field]:
    spec = _common_spec(context, md_path, year)
    spec.update(
        {
            "linh_vuc": Field(_area_parser(context, year), about="số lĩnh vực cải cách trong kế hoạch, ví dụ 6"),
            "tu_ngay": Field(iso_date, about="ngày bắt đầu áp dụng, dạng YYYY-MM-DD"),
            "trang_thai": Field(choice(PracticeStatus), about="một trong: " + ", ".join(PracticeStatus)),
            "ket_qua": Field(text_list, about="kết quả bằng con số, mỗi kết quả một dòng"),
        }
    )
    return spec


@dataclass(frozen=True)
class _Read:
    values: dict
    reader: Reader
    root: yaml.MappingNode
    body: str
    gaps: tuple[Problem, ...] = ()


DRAFT_BLANKS = ("tom_tat", "tac_gia")
"""Fields a draft may leave empty (what `cchc-bai-moi` leaves for staff to fill in)."""


def _is_blank(node: yaml.Node) -> bool:
    if isinstance(node, yaml.SequenceNode):
        return all(_is_blank(item) for item in node.value)
    return isinstance(node, yaml.ScalarNode) and (is_null(node) or not clean_text(str(node.value)))


def _may_be_blank(field: Field, blank: object) -> Field:
    """The same field, optional and read as `blank` when empty: for a draft's unwritten fields."""

    def parse(reader: Reader, node: yaml.Node) -> object:
        return blank if _is_blank(node) else field.parse(reader, node)

    return Field(parse, required=False, about=field.about)


def _draft_gaps(
    source: str, reader: Reader, root: yaml.MappingNode, values: dict, spec: dict[str, Field]
) -> tuple[Problem, ...]:
    gaps = []
    for key in DRAFT_BLANKS:
        if values.get(key):
            continue
        node = find(root, key)
        gaps.append(
            Problem(
                source,
                reader.line(node) if node is not None else 1,
                f'bản nháp: "{key}" ({spec[key].about}) còn trống; hãy điền trước khi đổi "ban_nhap" thành false',
            )
        )
    return tuple(gaps)


_checked: Made[CheckedPage] = Made(kept=5000, for_rebuilds_only=True)
"""Each entry file's bounds and front matter tree (`check_page`), looked up by its text: under
`mkdocs serve` a rebuild checks again only the files that changed."""


def _read_front_matter(
    path: Path, source: str, spec_for: Callable[[Callable[[], int | None]], dict[str, Field]]
) -> _Read | None:
    """Read one file's front matter; problems stay in the returned reader (None if unreadable)."""
    # Universal newlines, as MkDocs reads the page: a file saved on Windows has the same lines.
    content = decode_utf8(path.read_bytes(), source).replace("\r\n", "\n")
    checked = _checked.get((source, content), lambda: check_page(content, source))
    if checked.problems:
        raise ContentError(list(checked.problems))
    parts = split_front_matter(content)
    if parts is None:
        raise ContentError(
            [
                Problem(
                    source,
                    1,
                    'tệp phải bắt đầu bằng phần thông tin của bài giữa hai dòng "---"; '
                    "hãy chép mẫu trong hướng dẫn (CONTRIBUTING.md)",
                )
            ]
        )
    front, first_line, body = parts
    root = checked.front if checked.front is not None else compose(front, source, first_line=first_line)
    reader = Reader(source, first_line=first_line)
    year = _year_reader(reader, root)
    spec = spec_for(year)
    draft = _is_draft(root)
    if draft:
        spec = spec | {key: _may_be_blank(spec[key], "" if key == "tom_tat" else ()) for key in DRAFT_BLANKS}
    values = reader.fields(root, "", spec)
    if isinstance(root, yaml.MappingNode):
        cover, alt = find(root, "anh_bia"), find(root, "anh_bia_mo_ta")
        if cover is not None and not is_null(cover) and (alt is None or is_null(alt)):
            reader.add(
                cover,
                'ảnh bìa chưa có mô tả: thêm dòng "anh_bia_mo_ta" tả nội dung ảnh cho người không xem được ảnh',
            )
    body_start = content.count("\n", 0, len(content) - len(body)) + 1
    if not _is_draft(root):
        problem = _unwritten_body(body, body_start)
        if problem:
            reader.problems.add(*problem)
    for line in _top_headings(body, body_start):
        reader.problems.add(
            line,
            'bài không được có tiêu đề cấp 1 (dòng bắt đầu bằng một dấu "# "): tiêu đề bài lấy từ "tieu_de"; '
            'hãy xóa dòng này hoặc dùng "## " cho tiêu đề mục',
        )
    gaps = _draft_gaps(source, reader, root, values, spec) if draft and values else ()
    return _Read(values or {}, reader, root, body, gaps)


PLACEHOLDER = "Viết nội dung bài ở đây."
"""The first sentence of the body `cchc-bai-moi` writes: an entry still holding it is unwritten."""


def _is_draft(root: yaml.Node) -> bool:
    node = find(root, "ban_nhap") if isinstance(root, yaml.MappingNode) else None
    return isinstance(node, yaml.ScalarNode) and node.value.strip().lower() == "true"


def _unwritten_body(body: str, first_line: int) -> tuple[int, str] | None:
    """A body that is empty or still holds the template's sentence cannot be published."""
    if not body.strip():
        return first_line, (
            'bài chưa có nội dung: viết nội dung bên dưới dòng "---" thứ hai, '
            'hoặc để "ban_nhap: true" nếu bài chưa xong'
        )
    for number, line in enumerate(body.splitlines(), start=first_line):
        if PLACEHOLDER in line:
            return number, (
                f'bài còn câu mẫu "{PLACEHOLDER}": thay câu này bằng nội dung bài, '
                'hoặc để "ban_nhap: true" nếu bài chưa xong'
            )
    return None


def _top_headings(body: str, first_line: int) -> list[int]:
    """Lines of `# ` headings outside fenced code: the page already has the title as its only h1."""
    lines, fenced = [], False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"#(?!#)\s", line):
            lines.append(number)
    return lines


def _year_reader(reader: Reader, root: yaml.Node) -> Callable[[], int | None]:
    """The publication year, read leniently so that task numbers are checked against its plan."""

    def year() -> int | None:
        node = find(root, "ngay_dang") if isinstance(root, yaml.MappingNode) else None
        try:
            return parse_moment(str(node.value)).year if isinstance(node, yaml.ScalarNode) else None
        except Invalid:
            return None

    return year


def _common(read: _Read, source: str, src_uri: str) -> dict:
    values = read.values
    cover = values.get("anh_bia")
    if cover is not None:
        cover = Cover(cover.path, values["anh_bia_mo_ta"], cover.size)
    return {
        "id": values["ma"],
        "title": values["tieu_de"],
        "published": values["ngay_dang"],
        "summary": values.get("tom_tat", ""),
        "authors": values.get("tac_gia", ()),
        "cover": cover,
        "tasks": values.get("nhiem_vu", ()),
        "draft": values.get("ban_nhap", False),
        "src_uri": src_uri,
        "source": source,
        "id_line": read.reader.line(find(read.root, "ma")),
        "assets": linked_files(read.body, src_uri),
        "gaps": read.gaps,
    }


def _files(docs_dir: Path, folder: str, pattern: str) -> list[Path]:
    base = docs_dir / folder
    return sorted(path for path in base.glob(pattern) if path.is_file()) if base.is_dir() else []


def _check_place(path: Path, source: str, docs_dir: Path, folder: str, with_year: bool) -> list[Problem]:
    """Where a file lies decides its URL: the slug must be plain, the year folder a year."""
    relative = path.relative_to(docs_dir / folder).parts
    expected = f"docs/{folder}/<năm>/<tên-tệp>.md" if with_year else f"docs/{folder}/<tên-tệp>.md"
    if len(relative) != (2 if with_year else 1) or (with_year and not re.fullmatch(r"\d{4}", relative[0])):
        return [Problem(source, 1, f"tệp đặt sai chỗ: phải nằm ở {expected}")]
    if path.stem in RESERVED_SLUGS:
        return [Problem(source, 1, f'tên tệp "{path.name}" trùng với một trang tự tạo; hãy đặt tên khác')]
    if not SLUG.fullmatch(path.stem):
        return [
            Problem(
                source,
                1,
                f'tên tệp "{path.name}" phải viết thường, không dấu, các từ nối bằng dấu "-", '
                f'ví dụ "{slugify(path.stem) or "bai-viet"}.md"',
            )
        ]
    return []


def _read_entries(
    docs_dir: Path,
    root: Path,
    folder: str,
    with_year: bool,
    spec_for: Callable[[Path, Callable[[], int | None]], dict[str, Field]],
) -> tuple[list[tuple[Path, str, _Read]], list[Problem]]:
    """Read the front matter of every entry file of `folder`: the clean reads (path, source,
    read) and every problem of every file."""
    reads: list[tuple[Path, str, _Read]] = []
    problems: list[Problem] = []
    for path in _files(docs_dir, folder, "**/*.md"):
        source = path.relative_to(root).as_posix()
        misplaced = _check_place(path, source, docs_dir, folder, with_year=with_year)
        if misplaced:
            problems.extend(misplaced)
            continue
        try:
            read = _read_front_matter(path, source, lambda year, p=path: spec_for(p, year))
        except ContentError as error:
            problems.extend(error.problems)
            continue
        problems.extend(read.reader.problems.items)
        if read.values and not read.reader.problems.items:
            reads.append((path, source, read))
    return reads, problems


E = TypeVar("E", bound=Entry)


def _newest_first(entries: list[E]) -> tuple[E, ...]:
    return tuple(sorted(entries, key=lambda entry: (entry.published, entry.src_uri), reverse=True))


def load_practices(docs_dir: Path, root: Path, plans: tuple[Plan, ...]) -> tuple[Practice, ...]:
    """Every `docs/mo-hinh/<slug>.md`, newest first; all files' problems raised together."""
    context = _Context(docs_dir, plans, frozenset())
    reads, problems = _read_entries(
        docs_dir, root, PRACTICES_DIR, False, lambda path, year: _practice_spec(context, path, year)
    )
    practices = []
    for path, source, read in reads:
        values = read.values
        area, area_name, area_year = values["linh_vuc"]
        practices.append(
            Practice(
                **_common(read, source, path.relative_to(docs_dir).as_posix()),
                area=area,
                area_name=area_name,
                area_year=area_year,
                since=values["tu_ngay"],
                status=values["trang_thai"],
                results=values["ket_qua"],
            )
        )
    if problems:
        raise ContentError(problems)
    return _newest_first(practices)


def load_articles(docs_dir: Path, root: Path, plans: tuple[Plan, ...]) -> tuple[Article, ...]:
    """Every `docs/bai-viet/<year>/<slug>.md`, newest first; all files' problems raised together.

    A practice reference is checked against the practice files present, whether or not they are
    valid themselves, so that one mistake in a practice is reported once, on its own file."""
    practices = frozenset(path.stem for path in _files(docs_dir, PRACTICES_DIR, "*.md"))
    context = _Context(docs_dir, plans, practices)
    reads, problems = _read_entries(
        docs_dir, root, ARTICLES_DIR, True, lambda path, year: _article_spec(context, path, year)
    )
    articles = []
    for path, source, read in reads:
        values = read.values
        folder_year = int(path.parent.name)
        if values["ngay_dang"].year != folder_year:
            problems.append(
                Problem(
                    source,
                    read.reader.line(find(read.root, "ngay_dang")),
                    f"bài đăng năm {values['ngay_dang'].year} nhưng nằm trong thư mục năm {folder_year}; "
                    f'hãy chuyển tệp sang docs/{ARTICLES_DIR}/{values["ngay_dang"].year}/ hoặc sửa "ngay_dang"',
                )
            )
            continue
        articles.append(
            Article(
                **_common(read, source, path.relative_to(docs_dir).as_posix()),
                kind=values["loai"],
                practice=values.get("mo_hinh"),
                sent_on=values.get("ngay_gui"),
            )
        )
    if problems:
        raise ContentError(problems)
    return _newest_first(articles)


def check_unique_ids(entries: tuple[Entry, ...]) -> None:
    """A GUID used twice would make a feed reader drop one of the two items."""
    seen: dict[str, Entry] = {}
    problems = []
    for entry in sorted(entries, key=lambda e: e.source):
        first = seen.setdefault(entry.id, entry)
        if first is not entry:
            problems.append(
                Problem(
                    entry.source,
                    entry.id_line,
                    f'mã "{entry.id}" đã dùng cho {first.source} (dòng {first.id_line}); '
                    "mỗi bài cần một mã riêng: hãy đổi mã của bài mới (lệnh cchc-bai-moi tạo mã mới)",
                )
            )
    if problems:
        raise ContentError(problems)


def entry_fields(*, practice: bool) -> dict[str, Field]:
    """The front-matter keys of an article or a practice with what each one is, in file order:
    the staff editor's form (`cchc.editor`) is made from them, so the two never disagree."""
    context = _Context(Path("docs"), (), frozenset())
    spec = _practice_spec if practice else _article_spec
    return spec(context, Path("docs/x.md"), lambda: None)
