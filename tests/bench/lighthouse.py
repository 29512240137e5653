"""Lighthouse 12 (mobile) on the site's page types, served with gzip as production serves it.

    .venv/bin/python tests/bench/lighthouse.py            # every page below
    .venv/bin/python tests/bench/lighthouse.py home plan  # some of them, by name

Builds the project with the fixture overlay (an article, a practice and Q&A exist there) into a
temporary folder, serves it on 127.0.0.1 with gzip compression from a small threaded server,
and runs `npx lighthouse@12` (fetched from the npm registry on first use) with Debian's Chromium
(CHROME_PATH=/usr/bin/chromium, headless, no sandbox) on each page; prints the performance and
accessibility scores. Run by hand; not part of the test run. Targets (issue 13): performance at
least 95 and accessibility 100 on every page listed.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from projects import overlay_project  # noqa: E402
from sitebuild import build_site  # noqa: E402

PAGES = {
    "home": "/",
    "plan": "/ke-hoach/2025/",
    "progress": "/tien-do/",
    "article": "/bai-viet/2025/bai-kiem-thu/",
    "article list": "/bai-viet/",
    "Q&A": "/phan-anh/hoi-dap/",
}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the client accepts it (as nginx's gzip on)."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            not path.is_file()
            or not path.name.endswith(COMPRESSIBLE)
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        if Path(self.translate_path(self.path)).is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the base class redirects /dir to /dir/
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return BytesIO(body)


def lighthouse(url: str, chrome_path: str) -> dict[str, float]:
    command = [
        "npx",
        "--yes",
        "lighthouse@12",
        url,
        "--only-categories=performance,accessibility",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    result = subprocess.run(
        command, env=dict(os.environ, CHROME_PATH=chrome_path), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(100 * category["score"]) for name, category in report["categories"].items()}
    audits = report["audits"]
    scores["failing"] = sorted(
        reference["id"]
        for reference in report["categories"]["accessibility"]["auditRefs"]
        if reference["weight"] and audits[reference["id"]]["score"] not in (None, 1)
    )
    for metric in (
        "first-contentful-paint",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
    ):
        scores[metric] = audits[metric]["displayValue"]
    return scores


def main() -> int:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory(prefix="cchc-lighthouse-") as scratch:
        site = Path(scratch) / "site"
        site.mkdir()
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
        base_url = f"http://127.0.0.1:{server.server_address[1]}/"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
            print(f"Building the site with the fixture overlay for {base_url}…", file=sys.stderr, flush=True)
            build_site(overlay_project(Path(scratch) / "project"), site, site_url=base_url)
            rows = []
            chosen = sys.argv[1:] or list(PAGES)
            for name, path in PAGES.items():
                if name not in chosen:
                    continue
                print(f"Lighthouse: {name} ({path})…", file=sys.stderr, flush=True)
                rows.append((name, path, lighthouse(base_url + path.lstrip("/"), chrome)))
        finally:
            server.shutdown()
            server.server_close()
    print("\n| page | path | performance | accessibility | FCP | LCP | TBT | CLS |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, path, scores in rows:
        print(
            f"| {name} | `{path}` | {scores['performance']} | {scores['accessibility']} | {scores['first-contentful-paint']} "
            f"| {scores['largest-contentful-paint']} | {scores['total-blocking-time']} | {scores['cumulative-layout-shift']} |"
        )
    for name, _, scores in rows:
        if scores["failing"]:
            print(f"{name}: accessibility audits failing: {', '.join(scores['failing'])}")
    met = all(scores["performance"] >= 95 and scores["accessibility"] == 100 for _, _, scores in rows)
    print("\nTargets (performance ≥ 95, accessibility 100):", "met" if met else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
