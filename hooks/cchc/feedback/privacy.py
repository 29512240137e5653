"""The privacy guard: personal data that must never reach a published question or answer.

Pure text in, findings out. The patterns are tuned on a corpus (tests/test_privacy.py) of what
must be caught and of the ordinary numbers of administrative writing that must not: dates
27/01/2025, amounts 1.500.000 đồng, task numbers 3.4, decision numbers 1191/QĐ-UBND, 99%.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..base.text import fold

# A phone number: 0, 84 or +84, then a Vietnamese mobile (3/5/7/8/9 + 8 digits) or landline
# (2 + 9 digits) number, digits optionally grouped by spaces, dots or dashes. Not preceded by
# a digit, letter, dot, comma or slash, so that the tail of an amount or a date never starts one;
# not followed by "-digits" (a tax code with its branch suffix, 0301234567-001).
_SEP = r"[ .\-]?"
_PHONE = re.compile(
    rf"(?<![\w.,/+])(?:\+84|84|0){_SEP}(?:\(0\))?{_SEP}[235789](?:{_SEP}\d){{7,9}}(?!\w|-\d)"
)
# The same with the area or network code in brackets: (028) 3836 1234.
_PHONE_BRACKETS = re.compile(r"\(0[235789]\d{0,2}\)[ .\-]?(?:\d[ .\-]?){5,8}\d(?!\w)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# Identity numbers: the old 9-digit card (CMND) and the 12-digit citizen card (CCCD), written
# as one run of digits.
_ID = re.compile(r"(?<![\w.,/])(?:\d{12}|\d{9})(?![\w.,/]\d|\d)")

KINDS = {
    "phone": "số điện thoại",
    "email": "địa chỉ thư điện tử",
    "id": "số định danh (CMND/CCCD)",
    "name": "họ tên cần giữ kín",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    """One of KINDS."""
    match: str
    """The text as written (never shown to anyone: messages use `masked`)."""
    masked: str
    start: int

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def mask_digits(value: str, keep: int = 4) -> str:
    """0903 123 456 → 0903 *** ***: the first digits stay, the rest become stars, separators stay."""
    out, seen = [], 0
    for char in value:
        if char.isdigit():
            seen += 1
            out.append(char if seen <= keep else "*")
        else:
            out.append(char)
    return "".join(out)


def mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_name(value: str) -> str:
    return " ".join(word[:1] + "***" for word in value.split())


def _name_pattern(name: str) -> re.Pattern[str]:
    words = fold(unicodedata.normalize("NFC", name)).lower().split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)")


def find_private(value: str, private_names: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    """Every piece of personal data in `value`, in reading order."""
    value = unicodedata.normalize("NFC", value)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, masked: str) -> None:
        if any(start < stop and begin < end for begin, stop in taken):
            return
        taken.append((start, end))
        findings.append(Finding(kind, value[start:end], masked, start))

    for match in _EMAIL.finditer(value):
        add("email", match.start(), match.end(), mask_email(match.group()))
    for match in (*_PHONE.finditer(value), *_PHONE_BRACKETS.finditer(value)):
        add("phone", match.start(), match.end(), mask_digits(match.group()))
    for match in _ID.finditer(value):
        add("id", match.start(), match.end(), mask_digits(match.group(), keep=3))
    # Folded one character for one character, so that positions in the folded text are
    # positions in the original whatever the text holds: a name typed without diacritics is
    # caught as well, and no text escapes the check.
    folded = "".join((fold(character).lower() or character)[:1] for character in value)
    for name in private_names:
        for match in _name_pattern(name).finditer(folded):
            add("name", match.start(), match.end(), mask_name(value[match.start():match.end()]))
    return tuple(sorted(findings, key=lambda finding: finding.start))


def read_names(path: str | None) -> tuple[str, ...]:
    """The private names file (one name a line, `#` for comments), or none when unset."""
    if not path:
        return ()
    try:
        raw = open(path, encoding="utf-8").read()
    except OSError as error:
        raise ValueError(f"không đọc được tệp danh sách họ tên cần giữ kín \"{path}\" ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ValueError(
            f"tệp danh sách họ tên cần giữ kín \"{path}\" không được lưu bằng mã hóa UTF-8; hãy lưu lại với UTF-8"
        ) from None
    lines = (unicodedata.normalize("NFC", line).strip() for line in raw.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))
