"""The school's identity, kept once in `docs/don-vi.yaml` (a staff file, never published).

It used to live in `mkdocs.yml`, which MkDocs reads with PyYAML's unsafe loader: a staff field
there could run Python. `mkdocs.yml` is now developers' configuration that staff never edit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .yamlsource import Field, Invalid, Reader, iso_date, read_file, text

IDENTITY_FILE = "docs/don-vi.yaml"
"""Relative to the project root; excluded from publishing in mkdocs.yml (`exclude_docs`)."""

_LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
"""Not SVG: an SVG file may hold a script, which runs when a reader opens the file itself
(`cchc.base.docfiles` refuses it under docs/)."""
# Material prints theme.logo into `src="..."` without escaping: a quote or `<` in a file name
# would write an attribute of its own. Letters (Vietnamese too), digits, `.`, `-`, `_`, `/` only.
_LOGO_PATH = re.compile(r"[\w./-]+")


@dataclass(frozen=True)
class Authority:
    """A body the school reported to, and the dates it did (either end may be open)."""

    name: str
    steering_committee: str | None
    short_name: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    place: str | None = None
    """The place name of the date line of documents the school issued under this authority
    (Nghị định 30/2020), e.g. "Quận 1"; None where no source gives it."""

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True)
class School:
    name: str
    column_name: str
    address: str | None
    phone: str | None
    email: str | None
    person_responsible: str | None
    person_title: str | None
    authorities: tuple[Authority, ...]
    missing: tuple[str, ...]
    """What the source has not given yet, in Vietnamese, for the staff check to list."""
    logo: str | None = None
    """The logo's path under docs/ (e.g. `assets/logo.png`), given to Material's `theme.logo`."""

    @property
    def site_name(self) -> str:
        return f"{self.column_name} – {self.name}"

    def authority_on(self, day: dt.date) -> Authority | None:
        return next((a for a in self.authorities if a.covers(day)), None)

    def sent_to_on(self, day: dt.date) -> str | None:
        """The short name of the body reform articles and reports went to on `day`: the district's
        steering committee until 30/06/2025, the ward after."""
        authority = self.authority_on(day)
        return (authority.short_name or authority.steering_committee or authority.name) if authority else None


_OPTIONAL = {
    "dia_chi": "địa chỉ",
    "dien_thoai": "số điện thoại",
    "email": "thư điện tử",
    "nguoi_chiu_trach_nhiem": "người chịu trách nhiệm nội dung",
    "chuc_vu_nguoi_chiu_trach_nhiem": "chức vụ người chịu trách nhiệm",
}


_AUTHORITY = {
    "ten": Field(text, about="tên cơ quan"),
    "ban_chi_dao": Field(text, required=False, about="tên Ban Chỉ đạo CCHC"),
    "viet_tat": Field(text, required=False, about='tên viết tắt, ví dụ "BCĐ CCHC Quận 1"'),
    "tu_ngay": Field(iso_date, required=False, about="ngày bắt đầu, dạng YYYY-MM-DD"),
    "den_ngay": Field(iso_date, required=False, about="ngày kết thúc, dạng YYYY-MM-DD"),
    "dia_danh": Field(text, required=False, about='địa danh ở dòng ngày tháng của văn bản, ví dụ "Quận 1"'),
}


def _authorities(reader: Reader, node: yaml.Node) -> tuple[Authority, ...]:
    spec = _AUTHORITY
    items = []
    for index, item in enumerate(reader.items(node), start=1):
        values = reader.fields(item, f"cơ quan quản lý thứ {index}", spec)
        if values is None:
            continue
        start, end = values.get("tu_ngay"), values.get("den_ngay")
        if start and end and end < start:
            reader.add(item, f'cơ quan quản lý thứ {index}: "den_ngay" ở trước "tu_ngay"')
        items.append(
            Authority(
                values["ten"], values.get("ban_chi_dao"), values.get("viet_tat"), start, end, values.get("dia_danh")
            )
        )
    return tuple(items)


def _logo(docs: Path) -> Callable[[Reader, yaml.Node], str]:
    def parse(reader: Reader, node: yaml.Node) -> str:
        value = text(reader, node).replace("\\", "/")
        parts = value.split("/")
        if value.startswith("/") or ".." in parts or not value.lower().endswith(_LOGO_SUFFIXES):
            raise Invalid(
                f"phải là đường dẫn tới tệp ảnh trong thư mục docs (PNG, JPG hoặc WebP), ví dụ "
                f'assets/logo.png; nhận được "{value}"'
            )
        if not _LOGO_PATH.fullmatch(value):
            raise Invalid(
                "chỉ được gồm chữ, số và các dấu . - _ / (không dấu cách, ngoặc kép hay ký hiệu khác); "
                f'hãy đổi tên tệp ảnh, ví dụ assets/logo.png; nhận được "{value}"'
            )
        path = docs.joinpath(*parts)
        if path.is_symlink() or not path.is_file():
            raise Invalid(f"trỏ tới tệp docs/{value} nhưng không có tệp đó; hãy tải ảnh lên đúng chỗ này")
        return value

    return parse


def _spec(docs: Path) -> dict[str, Field]:
    return {
        "ten": Field(text, about="tên đầy đủ của đơn vị"),
        "ten_chuyen_muc": Field(text, about="tên chuyên mục"),
        **{key: Field(text, required=False, about=label) for key, label in _OPTIONAL.items()},
        "logo": Field(_logo(docs), required=False, about="biểu trưng của trường"),
        "co_quan_quan_ly": Field(_authorities, about="các cơ quan quản lý theo thời gian"),
    }


def load_identity(path: Path, source: str = IDENTITY_FILE, *, docs: Path | None = None) -> School:
    """Read the identity file, with lines for every mistake. `docs` (default: the identity
    file's folder) is where the logo's path starts."""
    root = read_file(path, source)
    reader = Reader(source)
    values = reader.fields(root, "", _spec(docs or path.parent))
    reader.problems.raise_if_any()
    assert values is not None
    return School(
        name=values["ten"],
        column_name=values["ten_chuyen_muc"],
        address=values.get("dia_chi"),
        phone=values.get("dien_thoai"),
        email=values.get("email"),
        person_responsible=values.get("nguoi_chiu_trach_nhiem"),
        person_title=values.get("chuc_vu_nguoi_chiu_trach_nhiem"),
        authorities=values["co_quan_quan_ly"],
        missing=tuple(label for key, label in _OPTIONAL.items() if key not in values),
        logo=values.get("logo"),
    )


def form_fields() -> dict[str, dict[str, Field]]:
    """The keys of the identity file with what each one is: the staff editor's form
    (`cchc.site.editor`) is made from them, so the two never disagree."""
    return {"school": _spec(Path("docs")), "authority": _AUTHORITY}
