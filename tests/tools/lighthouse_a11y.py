"""Lighthouse accessibility scores of the main page types (not run in CI: it needs npx and
Lighthouse 12 from npm). Builds the project with the fixture overlay into a temporary folder,
serves it on 127.0.0.1, runs Lighthouse (mobile, accessibility only) with Debian's Chromium on
home, plan, progress, an article and the Q&A page, prints each score and the failing audits,
and exits 1 unless every score is 100.

    .venv/bin/python tests/tools/lighthouse_a11y.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

import serve  # noqa: E402

from projects import overlay_project  # noqa: E402
from sitebuild import build_site  # noqa: E402

PAGES = {
    "home": "/",
    "plan": "/ke-hoach/2025/",
    "progress": "/tien-do/",
    "article": "/bai-viet/2025/bai-kiem-thu/",
    "questions-answers": "/phan-anh/hoi-dap/",
}


def main() -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        project = overlay_project(base / "project")
        site = base / "site"
        site.mkdir()
        server, process = serve.start(site)
        try:
            build_site(project, site, site_url=server.base_url)
            env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
            failed = False
            for name, path in PAGES.items():
                report = base / f"{name}.json"
                subprocess.run(
                    [
                        "npx",
                        "-y",
                        "lighthouse@12",
                        server.url(path),
                        "--only-categories=accessibility",
                        "--output=json",
                        f"--output-path={report}",
                        "--quiet",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    ],
                    check=True,
                    env=env,
                    timeout=300,
                )
                data = json.loads(report.read_text(encoding="utf-8"))
                score = round(100 * data["categories"]["accessibility"]["score"])
                print(f"{name:20} {path:32} accessibility {score}")
                for audit in data["audits"].values():
                    if audit.get("score") == 0 and audit.get("scoreDisplayMode") == "binary":
                        failed = True
                        print(f"    {audit['id']}: {audit['title']}")
                        for item in (audit.get("details") or {}).get("items", [])[:5]:
                            node = item.get("node") or {}
                            print(f"        {node.get('selector', '')} {node.get('snippet', '')[:120]}")
                failed = failed or score < 100
        finally:
            serve.stop(process)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
