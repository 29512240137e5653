"""Content problems that staff must fix, each with its file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def source_name(path: Path, root: Path) -> str:
    """How a message names `path`: relative to the project folder `root`, else as it is."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


@dataclass(frozen=True)
class Problem:
    """One content mistake: where it is and, in Vietnamese, what to do about it."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found in a piece of content, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        # The same mistake seen by two checks (a page's bounds, by its loader and by the link
        # check) is reported once.
        self.problems = tuple(sorted(dict.fromkeys(problems), key=lambda p: (p.source, p.line)))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems while a file is read, then raises them all at once."""

    def __init__(self, source: str):
        self.source = source
        self.items: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.items.append(Problem(self.source, line, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)
