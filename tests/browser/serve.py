"""A built site served over HTTP on 127.0.0.1, in a child process whose PID the tests keep."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from nginxserve import stop  # noqa: F401 - the one way the tests stop a server they started

_ANNOUNCE = re.compile(rb"port (\d+)")


@dataclass(frozen=True)
class Server:
    root: Path
    pid: int
    base_url: str
    """With a trailing slash, e.g. http://127.0.0.1:41237/"""

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")


def start(root: Path) -> tuple[Server, subprocess.Popen]:
    """Serve `root` on an ephemeral port (chosen by the OS, so parallel runs never collide)."""
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    line = process.stdout.readline()
    match = _ANNOUNCE.search(line)
    if not match:
        process.kill()
        raise RuntimeError(f"the test server did not start: {line!r}")
    return Server(root, process.pid, f"http://127.0.0.1:{int(match.group(1))}/"), process
