"""Build into a staging folder and publish it with one rename, only when the build is clean.

MkDocs cleans `site_dir` before it writes and reports strict-mode warnings only after it has
written every page: building in place would leave a half-new site behind, and so would moving
the new files in one by one (a kill in that step once left 39 of 79 files). So the site folder
is a symbolic link to a complete, versioned build beside it:

    site -> .site-ban-7/        the published build
            .site-ban-6/        the previous one, kept for requests still reading it
            .site-dang-dung-*/  the build in progress (staging)
            .site.lock          held (flock) by the build writing here

A build writes into the staging folder; when it is clean, the folder is renamed to the next
version and the link is switched with `os.replace` of a new link over the old one: one rename, so
a reader, or a kill at any moment, sees the old site or the new one, never a mix. A second build
into the same folder while one runs is refused; what a killed build left behind (a staging folder,
a version never switched to, a temporary link) is removed by the next one.

Hidden entries at the top of the published site (a deploy checkout's `.git`), which MkDocs' own
cleaning keeps, are copied into each new version before the switch. A `site_dir` that is a real
folder (a site built before this scheme) is swapped for the link in one step with Linux's
`renameat2(RENAME_EXCHANGE)`; a `site_dir` that is a link of someone else's is followed, and the
switch happens where it points. Files are not fsync'ed: the guarantee is against a killed build,
not a power cut.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class PublishError(Exception):
    """The site folder cannot be written now; the message is Vietnamese, for staff."""


class Staging:
    def __init__(self, site_dir: Path):
        site_dir = Path(os.path.abspath(site_dir))
        if site_dir.is_symlink() and not _VERSION.fullmatch(os.readlink(site_dir)):
            site_dir = site_dir.resolve()
        self.site_dir = site_dir
        # Beside the site folder, so that the final switch is a rename on the same file system.
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(site_dir.parent / f".{site_dir.name}.lock", site_dir)
        try:
            self._remove_leftovers()
            self.folder = self._sibling("dang-dung", secrets.token_hex(6))
            # Not mkdtemp: its 0700 would hide the published site from the web server.
            self.folder.mkdir()
        except BaseException:
            self._release()
            raise

    def publish(self) -> None:
        """Make the staged build the published site in one rename, then drop older versions."""
        try:
            previous = self._current()
            if previous is not None:
                _copy_hidden(previous, self.folder)
            version = self._sibling("ban", str(self._next_number()))
            os.rename(self.folder, version)
            self.folder = version
            link = self._sibling("lien-ket", secrets.token_hex(6))
            os.symlink(version.name, link)
            if self.site_dir.is_dir() and not self.site_dir.is_symlink():
                _exchange(link, self.site_dir)
                # The old folder is now at the temporary link's name: it is the previous version.
                previous = self._sibling("ban", "0")
                os.rename(link, previous)
            else:
                os.replace(link, self.site_dir)
            _sync(self.site_dir.parent)
            self._drop_versions(keep={version.name} | ({previous.name} if previous else set()))
        finally:
            self._release()

    def discard(self) -> None:
        """Forget the staged build; the published site is untouched."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._release()

    def _sibling(self, kind: str, suffix: str) -> Path:
        return self.site_dir.parent / f".{self.site_dir.name}-{kind}-{suffix}"

    def _current(self) -> Path | None:
        """The folder the site is served from now, if any."""
        if self.site_dir.is_symlink():
            target = self.site_dir.parent / os.readlink(self.site_dir)
            return target if target.is_dir() else None
        return self.site_dir if self.site_dir.is_dir() else None

    def _versions(self) -> dict[int, Path]:
        prefix = f".{self.site_dir.name}-ban-"
        found = {}
        for entry in self.site_dir.parent.iterdir():
            suffix = entry.name.removeprefix(prefix)
            if entry.name.startswith(prefix) and suffix.isdigit():
                found[int(suffix)] = entry
        return found

    def _next_number(self) -> int:
        return max(self._versions(), default=0) + 1

    def _remove_leftovers(self) -> None:
        """What a killed build left: staging folders, temporary links, versions never published.
        The published version and the one before it (requests may still be reading it) stay."""
        for kind in ("dang-dung", "lien-ket"):
            for entry in self.site_dir.parent.glob(f".{self.site_dir.name}-{kind}-*"):
                _remove(entry)
        versions = self._versions()
        current = self._current()
        keep = set()
        if current is not None and current != self.site_dir:
            number = next((n for n, path in versions.items() if path.name == current.name), None)
            keep.add(current.name)
            older = [n for n in versions if number is not None and n < number]
            if older:
                keep.add(versions[max(older)].name)
        self._drop_versions(keep)

    def _drop_versions(self, keep: set[str]) -> None:
        for path in self._versions().values():
            if path.name not in keep:
                _remove(path)

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


_VERSION = re.compile(r"\.[^/]+-ban-\d+")
"""How our link's target is spelled (relative, beside the link)."""


def _lock(path: Path, site_dir: Path) -> int:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        # Released by the kernel when the process ends, however it ends: no stale lock after a kill.
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise PublishError(
            f"Đang có một lần tạo trang khác ghi vào thư mục {site_dir} (tệp khóa {path.name}). Hãy đợi lần "
            "đó xong rồi chạy lại; trang đã xuất bản không bị thay đổi."
        ) from None
    return descriptor


def _copy_hidden(site: Path, into: Path) -> None:
    for entry in sorted(site.iterdir()):
        target = into / entry.name
        if not entry.name.startswith(".") or os.path.lexists(target):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True)
        else:
            shutil.copy2(entry, target, follow_symlinks=False)


def _exchange(first: Path, second: Path) -> None:
    """Swap two paths atomically (Linux's renameat2 with RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available: cannot replace a folder by a link atomically")
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(second))


def _sync(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
