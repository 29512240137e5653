"""Vietnamese text helpers: folding diacritics away for URLs and for search."""

from __future__ import annotations

import re
import unicodedata

# NFD splits the tone and vowel marks off every Vietnamese letter except đ/Đ, which is a letter
# of its own (U+0111/U+0110) and must be mapped by hand.
_STROKED = str.maketrans({"đ": "d", "Đ": "D"})


def fold(value: str) -> str:
    """Remove Vietnamese diacritics: "Đăng ký học phí" → "Dang ky hoc phi"."""
    decomposed = unicodedata.normalize("NFD", value.translate(_STROKED))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def slugify(value: str, separator: str = "-") -> str:
    """A URL slug without diacritics: "Đánh giá CCHC quý I" → "danh-gia-cchc-quy-i"."""
    words = re.findall(r"[a-z0-9]+", fold(value).lower())
    return separator.join(words)
