"""Build into a staging folder and publish it over the site folder only when the build is clean.

MkDocs cleans `site_dir` before it writes and reports strict-mode warnings only after it has
written every page: a build that fails would leave a half-new site behind. Building elsewhere
and moving the result in at the end keeps the last good site until a good one replaces it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class Staging:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        # Beside the site folder, so that the final moves are renames on the same file system.
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-dang-dung-", dir=site_dir.parent))

    def publish(self) -> None:
        """Replace the site folder's contents by the staged build. The folder itself stays (a
        server may be serving it); only its entries, hidden ones excepted, are swapped."""
        self.site_dir.mkdir(parents=True, exist_ok=True)
        for entry in sorted(self.site_dir.iterdir()):
            # Like MkDocs' own cleaning: hidden entries (a deploy checkout's .git) stay.
            if entry.name.startswith("."):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in sorted(self.folder.iterdir()):
            entry.rename(self.site_dir / entry.name)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
