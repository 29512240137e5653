"""A scratch copy of the project with the browser fixtures overlaid, built and served on
127.0.0.1 (an ephemeral port) for the parents' browser tests."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from projects import FIXTURES, copy_project

OVERLAY = FIXTURES / "overlay"


def overlay_project(target: Path) -> Path:
    """The project with `tests/fixtures/overlay/` copied over it (fixture content, never published)."""
    project = copy_project(target)
    shutil.copytree(OVERLAY, project, dirs_exist_ok=True)
    return project


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Served:
    """The site folder served by a thread of this process; `stop()` closes the socket."""

    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
