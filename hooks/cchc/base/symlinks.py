"""No file outside the repository is published: symbolic links in the content folders are refused.

MkDocs follows links under `docs/` and copies what they point at; a pull request adding
`docs/assets/x.txt -> /etc/passwd` (or a link to a folder outside) would publish the build
machine's files. Git stores a link as a link, so refusing every one of them, wherever it points,
is both simple and safe; the site needs none.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ContentError, Problem, source_name

CONTENT_FOLDERS = ("docs", "plan")


def check_no_symlinks(root: Path, folders: tuple[Path, ...] | None = None) -> None:
    """Raise ContentError naming every symbolic link at or under the content folders.

    The walk never follows a link, so a link to a huge folder or a loop costs nothing."""
    problems: list[Problem] = []
    for folder in folders or tuple(root / name for name in CONTENT_FOLDERS):
        for path in _links(folder):
            shown = source_name(path, root)
            problems.append(
                Problem(
                    shown,
                    1,
                    "là một liên kết tượng trưng (symlink), không phải tệp hay thư mục thật: trang web không "
                    "xuất bản tệp nằm ngoài kho nội dung. Hãy xóa liên kết này và tải lên chính tệp cần đăng.",
                )
            )
    if problems:
        raise ContentError(problems)


def _links(folder: Path) -> list[Path]:
    if folder.is_symlink():
        return [folder]
    links = []
    for current, subfolders, files in os.walk(folder):
        base = Path(current)
        # os.walk lists a link to a folder among the folders but does not descend into it.
        links.extend(base / name for name in sorted(subfolders + files) if (base / name).is_symlink())
    return links
