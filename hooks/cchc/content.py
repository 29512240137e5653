"""All of the site's content, read and validated once per build: the one entry point that the
MkDocs adapter and the staff's check command share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .errors import ContentError, Problem
from .feedback import ANSWERS_FOLDER, CHANNELS_FILE, Channels, Question, load_answers, load_channels, missing_channels
from .identity import School, load_identity
from .plan import Plan, load_plans
from .workdays import HOLIDAYS_FILE, load_holidays

T = TypeVar("T")


@dataclass(frozen=True)
class Content:
    as_of: dt.date
    """The day every derived state is computed for."""
    school: School
    plans: tuple[Plan, ...]
    channels: Channels
    questions: tuple[Question, ...]
    """Published questions and answers of every year, newest received first."""

    def warnings(self) -> tuple[str, ...]:
        """What staff should complete, in Vietnamese; never a reason to stop publishing."""
        notes = []
        if self.school.missing:
            notes.append("Thông tin đơn vị còn thiếu (mkdocs.yml, mục extra.don_vi): " + ", ".join(self.school.missing))
        hidden = missing_channels(self.channels, self.school)
        if hidden:
            notes.append("Kênh phản ánh của nhà trường chưa có thông tin nên đang ẩn: " + "; ".join(hidden))
        return tuple(notes)


class _Collector:
    """Runs loaders one after another and keeps every problem, so staff see all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def run(self, load: Callable[[], T]) -> T | None:
        try:
            return load()
        except ContentError as error:
            self.problems.extend(error.problems)
            return None


def load_content(root: Path, config_file: Path, as_of: dt.date, *, private_names: tuple[str, ...] = ()) -> Content:
    """Read every content file of the project at `root`; raise one ContentError with all problems.

    `private_names` are names that must never be published (kept outside the repository)."""
    collect = _Collector()
    school = collect.run(lambda: load_identity(config_file, config_file.relative_to(root).as_posix()))
    plans = collect.run(lambda: load_plans(root / "plan", root))
    channels = collect.run(lambda: load_channels(root / CHANNELS_FILE))
    calendar = collect.run(lambda: load_holidays(root / HOLIDAYS_FILE))
    questions = collect.run(
        lambda: load_answers(
            root / ANSWERS_FOLDER, root, plans=plans, calendar=calendar, as_of=as_of, private_names=private_names
        )
    )
    if collect.problems:
        raise ContentError(collect.problems)
    assert school is not None and plans is not None and channels is not None and questions is not None
    return Content(as_of=as_of, school=school, plans=plans, channels=channels, questions=questions)
