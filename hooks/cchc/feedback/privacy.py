"""The privacy guard: personal data that must never reach a published question or answer.

Pure text in, findings out. The text is first normalised the way a reader's eye reads it
(`_Normalised`): compatibility forms folded (NFKC: full-width ０９０９, circled or mathematical
digits), invisible characters dropped (zero-width space and joiners, soft hyphen, bidi marks,
variation selectors), every kind of space, dash and dot unified, look-alike Cyrillic and Greek
letters read as Latin, the letter O read as the digit 0 inside a number. Each normalised
character remembers where it came from, so that a finding names the text as written.

The patterns are tuned on two corpora (tests/data/privacy/) of what must be refused and of the
ordinary numbers of administrative writing that must pass: dates 27/01/2025, amounts
1.500.000 đồng or "số tiền 123456789 đồng", task numbers 3.4, decision numbers 1191/QĐ-UBND,
dossier codes H29.26-250101-0001, 99%. Every pattern is anchored so that it can start only at
the beginning of a run of characters: the work stays linear in the text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..base.codes import Coded
from ..base.text import fold

# Look-alike letters of other scripts, read as the Latin letter they imitate.
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁԛԝӏһүвнкмтАВЕКМНОРСТХІЈЅҮαοορυικνΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwlhybhkmtABEKMHOPCTXIJSYaoopuikvABEZHIKMNOPTYX",
)
# Characters that show nothing (or nothing the eye separates a number by) and are dropped.
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0") | frozenset(
    chr(code) for code in (*range(0xFE00, 0xFE10), *range(0x180B, 0x180E))
)
_DOTS = frozenset("\u00b7\u2022\u2027\u2219\u22c5\u30fb\u3002\uff61\u2024")
_DASHES = frozenset("\u2212\u2043\ufe63\uff0d_")

# Between two digits, a short run of separators reads as one: "0903 - 123 - 456", "0903__123";
# "+ 84" is "+84".
_SEPARATOR_RUN = re.compile(r"(?<=\d)[ .\-]{2,4}(?=\d)")
_PLUS_GAP = re.compile(r"(?<=\+) {1,3}(?=\d)")
# O and l written for 0 and 1 inside a number: "O9O3 l23 456".
_DIGIT_LOOKALIKES = {"O": "0", "o": "0", "l": "1", "I": "1"}

# A phone number: 0, 84 or +84, then a Vietnamese mobile (3/5/7/8/9 + 8 digits) or landline
# (2 + 9 digits) number, digits optionally grouped by spaces, dots or dashes. Not preceded by
# a digit, letter, dot, comma or slash, so that the tail of an amount or a date never starts one;
# not followed by more grouped digits (a tax code with its branch suffix, 0301234567-001, or a
# 12-digit citizen card number written in groups).
_SEP = r"[ .\-]?"
_PHONE = re.compile(
    rf"(?<![\w.,/+])(?:\(\+?84\)|\+84|84|0){_SEP}(?:\(0\))?{_SEP}[235789](?:{_SEP}\d){{8,9}}(?!\w|{_SEP}\d)"
)
# The same with the area or network code in brackets: (028) 3836 1234.
_PHONE_BRACKETS = re.compile(r"\(0[235789]\d{0,2}\)[ .\-]?(?:\d[ .\-]?){5,8}\d(?!\w)")
# A run of digits grouped by single separators, for identity numbers: the old 9-digit card
# (CMND) and the 12-digit citizen card (CCCD). Neither a decision number (…/QĐ) nor a code.
_DIGIT_RUN = re.compile(r"(?<![\w.,/\-])\d(?:[ .\-]?\d)*(?![\w/]|[,\-]\w)")
# Words that say the number next to them is an identity number (folded, lower case).
_ID_WORDS = re.compile(r"cmnd|cccd|cmt|can cuoc|chung minh|dinh danh|ho chieu|passport|\bid\b")
_ID_WINDOW = 40

_EMAIL = re.compile(r"(?<![\w.+\-])([\w.+\-]+)@([\w\-]+(?:\.[\w\-]+)+)")
# Written out to dodge a filter: "a [at] gmail [dot] com", "a(at)x(dot)vn", "a @ gmail . com",
# "a a còng gmail chấm com". The last label must be a common top-level domain, so that a
# sentence with " . " in it is not read as an address.
_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|@|a còng|a cong)\s*[\])}>]\s*|\s+(?:at|a còng|a cong)\s+)"
_DOT = r"(?:\s*\.\s*|\s*[\[({<]\s*(?:dot|\.|chấm|cham)\s*[\])}>]\s*|\s+(?:dot|chấm|cham)\s+)"
_TLD = r"(?:com|net|org|edu|gov|vn|info|biz|io|me|co|us|uk|jp|kr|cn|fr|de|au|ca|sg|asia|xyz|online|site)"
_EMAIL_WRITTEN_OUT = re.compile(rf"(?<![\w.+\-])([\w.+\-]+){_AT}((?:[\w\-]+{_DOT})+{_TLD})(?![\w\-])", re.IGNORECASE)
_DOT_WRITTEN_OUT = re.compile(_DOT, re.IGNORECASE)
# Between the syllables of a private name: spaces, hyphens, dots or nothing ("Nguyễn-Văn-An").
_NAME_GAP = r"[\s.\-]*"


class PrivateKind(Coded):
    """What kind of personal data a finding is, with the words messages use for it."""

    PHONE = "phone", "số điện thoại"
    EMAIL = "email", "địa chỉ thư điện tử"
    ID_NUMBER = "id", "số định danh (CMND/CCCD)"
    NAME = "name", "họ tên cần giữ kín"


@dataclass(frozen=True)
class Finding:
    kind: PrivateKind
    match: str
    """The text as written (never shown to anyone: messages use `masked`)."""
    masked: str
    start: int

    @property
    def label(self) -> str:
        return PrivateKind(self.kind).label


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
    return " ".join(word[:1] + "***" for word in re.split(r"[\s.\-]+", value) if word)


class _Normalised:
    """`source` read as the eye reads it (`text`), each character of `text` with the index in
    `source` it came from (`origin`); `folded` also drops diacritics and case, for names."""

    def __init__(self, source: str, *, folded: bool = False):
        chars: list[str] = []
        origin: list[int] = []
        read = _read_folded if folded else _read_plain
        for index, char in enumerate(source):
            pieces = read(char)
            chars.append(pieces)
            origin.extend([index] * len(pieces))
        self.text = "".join(chars)
        self.origin = origin

    @staticmethod
    def read(char: str, folded: bool) -> str:
        """What one character of the source reads as (nothing, itself, or a few characters)."""
        if unicodedata.category(char) == "Cf" or char in _INVISIBLE_EXTRA:
            return ""
        out = []
        for piece in unicodedata.normalize("NFKC", char).translate(_HOMOGLYPHS):
            if piece.isspace():
                piece = " "
            elif piece in _DOTS:
                piece = "."
            elif piece in _DASHES or unicodedata.category(piece) == "Pd":
                piece = "-"
            elif piece.isdecimal():
                piece = str(unicodedata.decimal(piece))
            if folded:
                # Names match without diacritics or case; marks left alone by NFC are dropped.
                out.extend(c for c in fold(piece).lower() if not unicodedata.combining(c))
            else:
                out.append(piece)
        return "".join(out)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of `source` that the normalised span came from."""
        return self.origin[start], self.origin[end - 1] + 1

    def rewrite(self, pattern: re.Pattern[str], replace) -> None:
        """Replace each match of `pattern` by `replace(match)` (never longer), keeping origins."""
        chars: list[str] = []
        origin: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            chars.append(self.text[last : match.start()])
            origin.extend(self.origin[last : match.start()])
            replacement = replace(match)
            chars.append(replacement)
            origin.extend(self.origin[match.start() : match.start() + len(replacement)])
            last = match.end()
        chars.append(self.text[last:])
        origin.extend(self.origin[last:])
        self.text = "".join(chars)
        self.origin = origin


# The reading of each character is a pure function of it: computed once per character seen.
_read_plain = functools.lru_cache(maxsize=4096)(lambda char: _Normalised.read(char, False))
_read_folded = functools.lru_cache(maxsize=4096)(lambda char: _Normalised.read(char, True))
_LOOKALIKE_BY_DIGIT = re.compile(r"(?<=\d)[OolI]|[OolI](?=\d)")


def _numbers_view(value: str) -> _Normalised:
    view = _Normalised(value)
    text = view.text
    # O/o/l/I become digits where a digit stands beside them and no other letter does.
    chars = list(text)
    for match in _LOOKALIKE_BY_DIGIT.finditer(text):
        index = match.start()
        near = (text[index - 1] if index else " ", text[index + 1] if index + 1 < len(text) else " ")
        if not any(c.isalpha() and c not in _DIGIT_LOOKALIKES for c in near):
            chars[index] = _DIGIT_LOOKALIKES[match.group()]
    view.text = "".join(chars)
    view.rewrite(_SEPARATOR_RUN, lambda match: "." if "." in match.group() else "-" if "-" in match.group() else " ")
    view.rewrite(_PLUS_GAP, lambda match: "")
    return view


def _is_identity_number(view: _Normalised, match: re.Match[str]) -> bool:
    digits = re.sub(r"\D", "", match.group())
    if len(digits) not in (9, 12):
        return False
    if digits.startswith("0"):
        # CMND and CCCD numbers of most provinces begin with 0; amounts and counts never do.
        return True
    before = fold(view.text[max(0, match.start() - _ID_WINDOW) : match.start()]).lower()
    return bool(_ID_WORDS.search(before))


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = [
        word
        for word in re.split(r"[\s.\-]+", _Normalised(unicodedata.normalize("NFC", name), folded=True).text)
        if word
    ]
    if not words:
        return None
    return re.compile(r"(?<![^\W_])" + _NAME_GAP.join(re.escape(word) for word in words) + r"(?![^\W_])")


def find_private(value: str, private_names: tuple[str, ...] = ()) -> tuple[Finding, ...]:
    """Every piece of personal data in `value`, in reading order."""
    value = unicodedata.normalize("NFC", value)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: PrivateKind, view: _Normalised, start: int, end: int, masked: str) -> None:
        begin, stop = view.span(start, end)
        if any(begin < other_stop and other_begin < stop for other_begin, other_stop in taken):
            return
        taken.append((begin, stop))
        findings.append(Finding(kind, value[begin:stop], masked, begin))

    numbers = _numbers_view(value)
    text = numbers.text
    # Written-out addresses first: "a@b.com . vn" is one address, not a shorter one.
    for match in _EMAIL_WRITTEN_OUT.finditer(text):
        domain = _DOT_WRITTEN_OUT.sub(".", match.group(2))
        add(PrivateKind.EMAIL, numbers, match.start(), match.end(), mask_email(f"{match.group(1)}@{domain}"))
    for match in _EMAIL.finditer(text):
        add(PrivateKind.EMAIL, numbers, match.start(), match.end(), mask_email(match.group()))
    for match in (*_PHONE.finditer(text), *_PHONE_BRACKETS.finditer(text)):
        add(PrivateKind.PHONE, numbers, match.start(), match.end(), mask_digits(match.group()))
    for match in _DIGIT_RUN.finditer(text):
        if _is_identity_number(numbers, match):
            add(PrivateKind.ID_NUMBER, numbers, match.start(), match.end(), mask_digits(match.group(), keep=3))
    if private_names:
        names = _Normalised(value, folded=True)
        for name in private_names:
            pattern = _name_pattern(name)
            for match in pattern.finditer(names.text) if pattern else ():
                begin, stop = names.span(match.start(), match.end())
                add(PrivateKind.NAME, names, match.start(), match.end(), mask_name(_Normalised(value[begin:stop]).text))
    return tuple(sorted(findings, key=lambda finding: finding.start))


def read_names(path: str | None) -> tuple[str, ...]:
    """The private names file (one name a line, `#` for comments), or none when unset."""
    if not path:
        return ()
    try:
        raw = open(path, encoding="utf-8").read()
    except OSError as error:
        raise ValueError(f'không đọc được tệp danh sách họ tên cần giữ kín "{path}" ({error.strerror})') from None
    except UnicodeDecodeError:
        raise ValueError(
            f'tệp danh sách họ tên cần giữ kín "{path}" không được lưu bằng mã hóa UTF-8; hãy lưu lại với UTF-8'
        ) from None
    lines = (unicodedata.normalize("NFC", line).strip() for line in raw.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))
