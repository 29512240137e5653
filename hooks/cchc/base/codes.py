"""Codes that content files and open data use (Vietnamese without diacritics, snake_case) as
`StrEnum`s: English member names for the code, the Vietnamese value unchanged, and the label
readers see written beside it. README's glossary lists every code in English."""

from __future__ import annotations

from enum import StrEnum


class Coded(StrEnum):
    """A code with its reader-facing label: `Member = "code", "Nhãn"`. Members are `str`s equal
    to their code, so they compare, sort, print and serialise as the code itself."""

    label: str

    def __new__(cls, value: str, label: str) -> Coded:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[str, str]:
        """Code -> label, in declaration order (what validation messages list)."""
        return {member.value: member.label for member in cls}
