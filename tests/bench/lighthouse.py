"""Lighthouse 12 (mobile) on the site's page types, served as production serves them.

    .venv/bin/python tests/bench/lighthouse.py                    # every page below, 3 runs each
    .venv/bin/python tests/bench/lighthouse.py --runs 5 home plan  # some of them, by name
    .venv/bin/python tests/bench/lighthouse.py --save /tmp/lh      # and keep each JSON report

Builds the project with the fixture overlay (an article, a practice and Q&A exist there) into a
temporary folder and serves it with Debian's nginx and the repository's configuration
(tests/nginxserve.py: deploy/nginx/, gzip level 5, cache headers, under /cai-cach-hanh-chinh/),
then runs `npx lighthouse@12` (fetched from the npm registry on first use) with Debian's
Chromium (CHROME_PATH=/usr/bin/chromium, headless, no sandbox) on each page, several times: the
table holds the median of each score and metric, and the machine's load average (Lighthouse's
simulated throttling still feels a busy CPU in its long tasks). Audits that cost performance
points in the median run are listed under the table. Run by hand; not part of the test run.
Targets (issue 13): performance at least 95 and accessibility 100 on every page listed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

import nginxserve  # noqa: E402
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
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def lighthouse(url: str, chrome_path: str) -> dict:
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
    return json.loads(result.stdout)


def scores(report: dict) -> dict:
    audits = report["audits"]
    found = {name: round(100 * category["score"]) for name, category in report["categories"].items()}
    found.update({metric: audits[metric]["numericValue"] for metric in METRICS})
    found["failing"] = sorted(
        reference["id"]
        for reference in report["categories"]["accessibility"]["auditRefs"]
        if reference["weight"] and audits[reference["id"]]["score"] not in (None, 1)
    )
    # What costs performance points: weighted metrics below full marks, and the opportunities
    # and diagnostics Lighthouse flags.
    found["costs"] = sorted(
        f"{audits[ref['id']]['id']} ({audits[ref['id']].get('displayValue') or audits[ref['id']]['score']})"
        for ref in report["categories"]["performance"]["auditRefs"]
        if audits[ref["id"]]["score"] is not None
        and audits[ref["id"]]["score"] < 0.9
        and audits[ref["id"]].get("scoreDisplayMode") in ("numeric", "binary", "metricSavings")
    )
    return found


def shown(metric: str, value: float) -> str:
    if metric == "cumulative-layout-shift":
        return f"{value:.3f}"
    return f"{value / 1000:.1f} s" if metric != "total-blocking-time" else f"{value:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", help=f"page names among {', '.join(PAGES)} (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median shown)")
    parser.add_argument("--save", type=Path, help="folder to keep each run's JSON report in")
    arguments = parser.parse_args()
    chosen = arguments.pages or list(PAGES)
    if unknown := set(chosen) - set(PAGES):
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    rows, loads = [], []
    with tempfile.TemporaryDirectory(prefix="cchc-lighthouse-") as scratch:
        port = nginxserve.free_port()
        base_url = f"http://127.0.0.1:{port}{nginxserve.SUB_PATH}"
        print(f"Building the site with the fixture overlay for {base_url}…", file=sys.stderr, flush=True)
        site, _ = build_site(overlay_project(Path(scratch) / "project"), Path(scratch) / "site", site_url=base_url)
        prefix = Path(scratch) / "nginx"
        prefix.mkdir()
        server = nginxserve.start(prefix, port, site)
        try:
            for name, path in PAGES.items():
                if name not in chosen:
                    continue
                runs = []
                for run in range(arguments.runs):
                    loads.append(os.getloadavg()[0])
                    print(f"Lighthouse: {name} ({path}), run {run + 1}…", file=sys.stderr, flush=True)
                    report = lighthouse(base_url + path.lstrip("/"), chrome)
                    if arguments.save:
                        arguments.save.mkdir(parents=True, exist_ok=True)
                        slug = name.replace(" ", "-").replace("&", "")
                        (arguments.save / f"{slug}-{run + 1}.json").write_text(json.dumps(report), encoding="utf-8")
                    runs.append(scores(report))
                rows.append((name, path, runs))
        finally:
            nginxserve.stop(server)
    print(
        f"\n{arguments.runs} run(s) per page, medians; load average (1 min) during the runs: "
        f"{min(loads):.1f}–{max(loads):.1f}, median {statistics.median(loads):.1f}, on {os.cpu_count()} CPUs"
    )
    print("\n| page | path | performance | accessibility | runs (performance) | FCP | LCP | TBT | CLS |")
    print("|---|---|---:|---:|---|---:|---:|---:|---:|")
    met = True
    for name, path, runs in rows:
        performance = statistics.median(run["performance"] for run in runs)
        accessibility = statistics.median(run["accessibility"] for run in runs)
        met = met and performance >= 95 and accessibility == 100
        metrics = " | ".join(shown(m, statistics.median(run[m] for run in runs)) for m in METRICS)
        each = ", ".join(str(run["performance"]) for run in runs)
        print(f"| {name} | `{path}` | {performance:g} | {accessibility:g} | {each} | {metrics} |")
    for name, _, runs in rows:
        middle = sorted(runs, key=lambda run: run["performance"])[len(runs) // 2]
        if middle["costs"]:
            print(f"{name}: performance audits below 0.9: {', '.join(middle['costs'])}")
        failing = sorted({audit for run in runs for audit in run["failing"]})
        if failing:
            print(f"{name}: accessibility audits failing: {', '.join(failing)}")
    print("\nTargets (performance ≥ 95, accessibility 100, medians):", "met" if met else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
