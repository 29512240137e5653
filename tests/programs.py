"""The programs outside Python that non-browser tests drive (Node, LibreOffice, pdftotext).

`bash tests/run` installs each of them, so a missing one is a broken machine: the test fails with
the fix in its message, never skips (a skip would pass CI without the check having run)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def program(name: str) -> str:
    """The path of `name` on PATH; fails the calling test when it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: `bash tests/run` installs it")
    return path


def soffice_convert(source: Path, to: str, outdir: Path, profile: Path, infilter: str | None = None) -> Path:
    """LibreOffice headless (English locale, its own profile in `profile`) converts `source` with the
    `--convert-to` filter `to` into `outdir`; returns the written file."""
    subprocess.run(
        [
            program("soffice"),
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            *([f"--infilter={infilter}"] if infilter else []),
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "LANG": "en_US.UTF-8"},
    )
    return outdir / f"{source.stem}.{to.split(':')[0]}"
