"""Build benchmark: this project against Material's blog plugin + mkdocs-rss-plugin, the
alternative a school would pick, on the same synthetic Vietnamese articles.

    .venv/bin/python tests/bench/run.py            # 0, 50, 200 and 1000 articles, 3 runs each
    .venv/bin/python tests/bench/run.py --quick    # 0 and 200 articles, 1 run each, no preview

Run by hand (never by pytest: no file here is named test_*). The first run makes the
alternative's virtual environment in `.bench/venv-blog` (git-ignored) from PyPI, with the same
MkDocs and Material versions as ours plus mkdocs-rss-plugin. Each build is a separate `mkdocs
build --strict` process; builds alternate between the two sites, and the table shows medians of
the CPU time of the process (user + system, from wait4, so that other work on a shared machine
counts less than in wall time), the wall time, the peak resident memory, the marginal cost per
article, the ratio ours/alternative and the growth exponent from 200 to 1000 articles, overall
and per build phase (see phases.py). Then it measures the preview: with 200 articles, the time
from saving an article to `mkdocs serve` serving the changed page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import corpus  # noqa: E402

from nginxserve import free_port  # noqa: E402
from projects import ROOT, copy_project  # noqa: E402

ALT_VENV = ROOT / ".bench" / "venv-blog"
ALT_PACKAGES = ("mkdocs-rss-plugin",)
SITE_URL = "https://example.invalid/cchc/"
COUNTS = (0, 50, 200, 1000)
TARGET_RATIO = 0.50
TARGET_EXPONENT = 1.05
TARGET_PREVIEW = 2.0

ALT_CONFIG = f"""\
site_name: Chuyên mục Cải cách hành chính
site_url: {SITE_URL}
theme:
  name: material
  language: vi
  font: false
plugins:
  - search:
      lang: vi
  - blog:
      blog_dir: bai-viet
  - rss:
      match_path: "bai-viet/posts/.*"
      date_from_meta:
        as_creation: date
      categories: [categories]
      use_git: false
markdown_extensions:
  - attr_list
  - tables
  - toc
  - admonition
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def alternative_python() -> Path:
    """The alternative's interpreter, its virtual environment made on first use."""
    python = ALT_VENV / "bin" / "python"
    marker = ALT_VENV / ".ready"
    if marker.is_file():
        return python
    pins = [f"mkdocs=={metadata.version('mkdocs')}", f"mkdocs-material=={metadata.version('mkdocs-material')}"]
    log(f"Making the alternative's environment in {ALT_VENV} ({', '.join(pins + list(ALT_PACKAGES))})…")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(ALT_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *pins, *ALT_PACKAGES], check=True)
    marker.write_text("\n".join(pins + list(ALT_PACKAGES)) + "\n", encoding="utf-8")
    return python


def make_ours(folder: Path, count: int) -> Path:
    project = copy_project(folder / "ours")
    corpus.write_ours(project / "docs", corpus.posts(count))
    # The copy has no bytecode (copy_project leaves __pycache__ behind): compiled here, as the
    # alternative's plugins are in its virtualenv, so that no measured build compiles our modules.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(project / "hooks")], check=True)
    return project


def make_alternative(folder: Path, count: int) -> Path:
    project = folder / "alt"
    docs = project / "docs"
    (docs / "bai-viet").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(ALT_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Cải cách hành chính\n\nTrang chủ của chuyên mục.\n", encoding="utf-8")
    (docs / "bai-viet" / "index.md").write_text("# Bài viết\n", encoding="utf-8")
    corpus.write_blog(docs, corpus.posts(count))
    return project


@dataclass
class Run:
    cpu: float
    wall: float
    rss_mib: float
    phases: dict[str, float]


@dataclass
class Sample:
    runs: list[Run] = field(default_factory=list)
    index_gz: int = 0
    feed: int = 0
    pages: int = 0

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)

    def phase(self, name: str) -> float:
        return statistics.median(run.phases.get(name, 0.0) for run in self.runs)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(NO_MKDOCS_2_WARNING="1", CCHC_AS_OF=corpus.AS_OF, CCHC_SITE_URL=SITE_URL, PYTHONHASHSEED="0")
    env.pop("CCHC_PRIVATE_NAMES", None)
    return env


def remove_site(project: Path) -> None:
    """Remove what earlier builds wrote, so that no measured build spends time deleting them: the
    alternative's `site` folder, and our `site` link with the versioned builds and lock file
    beside it (cchc.site.publish keeps the published build and the one before it)."""
    site = project / "site"
    for entry in [site, *project.glob(".site-*"), *project.glob(".site.lock")]:
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        elif entry.is_dir():
            shutil.rmtree(entry)


def build(python: Path, project: Path) -> Run:
    site = project / "site"
    remove_site(project)
    phases_file = project / "phases.json"
    env = environment() | {"PHASES_OUT": str(phases_file)}
    command = [
        str(python),
        str(HERE / "phases.py"),
        "build",
        "--strict",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    # Read the output while waiting: a full pipe would stall the child.
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.stderr.buffer.write(output)
        raise SystemExit(f"the build of {project} failed (exit {process.returncode})")
    phases = json.loads(phases_file.read_text(encoding="utf-8")) if phases_file.is_file() else {}
    # ru_maxrss is in KiB on Linux.
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, phases)


def measure_outputs(sample: Sample, site: Path, feed_name: str) -> None:
    index = site / "search" / "search_index.json"
    sample.index_gz = len(gzip.compress(index.read_bytes(), 9, mtime=0)) if index.is_file() else 0
    feed = site / feed_name
    sample.feed = feed.stat().st_size if feed.is_file() else 0
    sample.pages = sum(1 for _ in site.rglob("*.html"))


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def preview_seconds(python: Path, project: Path, rounds: int) -> list[tuple[float, float]]:
    """Save an article `rounds` times under `mkdocs serve`: for each save, the wall seconds until
    the served page shows the edit, and the CPU seconds the server used meanwhile (the rebuild's
    cost, steadier than wall time on a shared machine)."""
    post = next(post for post in corpus.posts(200) if post.published.year == 2025)
    source = project / "docs" / "bai-viet" / "2025" / f"{post.slug}.md"
    port = free_port()
    # `mkdocs serve` serves the site under the path of site_url (/cchc/): without it every
    # address is a 404 and the server looks as if it never started.
    home = f"http://127.0.0.1:{port}{urllib.parse.urlsplit(SITE_URL).path}"
    url = f"{home}bai-viet/2025/{post.slug}/"
    server = subprocess.Popen(
        [str(python), "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, home_served = time.monotonic() + 900, None
        while fetch(url) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not start")
            if home_served is None and fetch(home) is not None:
                home_served = time.monotonic()
            if home_served is not None and time.monotonic() - home_served > 60:
                raise SystemExit(f"mkdocs serve serves {home} but not the article at {url}")
            time.sleep(0.2)
        original = source.read_text(encoding="utf-8")
        seconds = []
        for round_ in range(rounds):
            time.sleep(1.5)  # let the watcher settle after the previous rebuild
            word = f"Đoạn sửa lần {round_ + 1} lúc {time.time_ns()}."
            cpu = process_cpu(server.pid)
            start = time.monotonic()
            source.write_text(original + f"\n{word}\n", encoding="utf-8")
            while True:
                page = fetch(url)
                if page is not None and word in page:
                    break
                if time.monotonic() - start > 120:
                    raise SystemExit("mkdocs serve did not show the edit within 120 s")
                time.sleep(0.05)
            seconds.append((time.monotonic() - start, process_cpu(server.pid) - cpu))
            log(
                f"  preview {round_ + 1}/{rounds}: {seconds[-1][0]:.2f} s wall, {seconds[-1][1]:.2f} s CPU, "
                f"{load_average()}"
            )
        return seconds
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def exponent(small: float, large: float, ratio: float) -> float:
    return math.log(large / small) / math.log(ratio) if small > 0 and large > 0 else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--counts", type=int, nargs="+", help=f"numbers of articles (default {' '.join(map(str, COUNTS))})"
    )
    parser.add_argument("--runs", type=int, help="builds of each site per count (default 3)")
    parser.add_argument("--quick", action="store_true", help="0 and 200 articles, one run each, no preview")
    parser.add_argument("--no-preview", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--preview-only", action="store_true", help="only the mkdocs serve measurement")
    args = parser.parse_args()
    counts = tuple(args.counts or ((0, 200) if args.quick else COUNTS))
    runs = args.runs or (1 if args.quick else 3)
    ours_python = Path(sys.executable)
    alt_python = alternative_python()
    results: dict[tuple[str, int], Sample] = {}
    preview: list[tuple[float, float]] = []
    log(f"Start: {load_average()}")
    if args.preview_only:
        with tempfile.TemporaryDirectory(prefix="cchc-bench-") as scratch:
            preview += preview_seconds(ours_python, make_ours(Path(scratch), 200), 3)
        report((), results, preview)
        return 0
    try:
        with tempfile.TemporaryDirectory(prefix="cchc-bench-") as scratch:
            measure_all(counts, runs, ours_python, alt_python, results, Path(scratch), preview, args)
    except KeyboardInterrupt:
        # Ctrl-C: report the numbers of articles whose runs all finished.
        counts = tuple(
            count
            for count in counts
            if all(len(results.get((name, count), Sample()).runs) == runs for name in ("ours", "alt"))
        )
        log(f"Interrupted: reporting {', '.join(map(str, counts)) or 'nothing'}.")
        if not counts:
            return 1
    report(counts, results, preview)
    return 0


def measure_all(
    counts: tuple[int, ...],
    runs: int,
    ours_python: Path,
    alt_python: Path,
    results: dict[tuple[str, int], Sample],
    scratch: Path,
    preview: list[tuple[float, float]],
    args: argparse.Namespace,
) -> None:
    total = len(counts) * runs * 2
    done = 0
    for count in counts:
        folder = scratch / str(count)
        projects = {
            "ours": (ours_python, make_ours(folder, count)),
            "alt": (alt_python, make_alternative(folder, count)),
        }
        for name in projects:
            results[(name, count)] = Sample()
        for run in range(runs):
            # Alternate which site goes first, so that neither always meets a warm disk cache.
            order = ("ours", "alt") if run % 2 == 0 else ("alt", "ours")
            for name in order:
                python, project = projects[name]
                measured = build(python, project)
                results[(name, count)].runs.append(measured)
                done += 1
                log(
                    f"[{done}/{total}] {count} articles, {name}, run {run + 1}/{runs}: "
                    f"{measured.cpu:.2f} s CPU, {measured.wall:.2f} s wall, {measured.rss_mib:.0f} MiB, "
                    f"{load_average()}"
                )
        measure_outputs(results[("ours", count)], projects["ours"][1] / "site", "feed.xml")
        measure_outputs(results[("alt", count)], projects["alt"][1] / "site", "feed_rss_created.xml")
    if not args.quick and not args.no_preview:
        log("Preview: mkdocs serve with 200 articles, an article saved 3 times…")
        preview += preview_seconds(ours_python, make_ours(scratch / "serve", 200), 3)


def report(counts: tuple[int, ...], results: dict[tuple[str, int], Sample], preview: list[tuple[float, float]]) -> None:
    ours = {count: results[("ours", count)] for count in counts}
    alt = {count: results[("alt", count)] for count in counts}
    print(f"\nEnd: {load_average()}")
    if counts:
        build_table(counts, ours, alt)
    checks = targets(counts, ours, alt)
    if preview:
        walls = [wall for wall, _ in preview]
        value = statistics.median(walls)
        print(
            f"\nPreview (mkdocs serve, 200 articles): saved article shown after "
            f"{', '.join(f'{s:.2f}' for s in walls)} s (median {value:.2f} s); the server's CPU meanwhile "
            f"{', '.join(f'{cpu:.2f}' for _, cpu in preview)} s"
        )
        checks.append((f"preview median {value:.2f} s ≤ {TARGET_PREVIEW} s", value <= TARGET_PREVIEW))
    print("\nTargets:")
    for text, met in checks:
        print(f"- {'met' if met else 'NOT MET'}: {text}")
    print("All targets met." if checks and all(met for _, met in checks) else "Some targets are not met.")


def build_table(counts: tuple[int, ...], ours: dict[int, Sample], alt: dict[int, Sample]) -> None:
    print()
    print(
        "| articles | CPU ours (s) | CPU blog+RSS (s) | ratio | wall ours (s) | wall blog+RSS (s) "
        "| peak MiB ours / blog+RSS | ms per article ours / blog+RSS | search index gz KiB ours / blog+RSS | feed KiB ours / blog+RSS |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = counts[0] if counts and counts[0] == 0 else None
    for count in counts:
        o, a = ours[count], alt[count]
        if count and base is not None:
            per = (
                f"{1000 * (o.median('cpu') - ours[base].median('cpu')) / count:.1f} / "
                f"{1000 * (a.median('cpu') - alt[base].median('cpu')) / count:.1f}"
            )
        else:
            per = "–"
        print(
            f"| {count} | {o.median('cpu'):.2f} | {a.median('cpu'):.2f} | {o.median('cpu') / a.median('cpu'):.2f} "
            f"| {o.median('wall'):.2f} | {a.median('wall'):.2f} | {o.median('rss_mib'):.0f} / {a.median('rss_mib'):.0f} "
            f"| {per} | {o.index_gz / 1024:.0f} / {a.index_gz / 1024:.0f} | {o.feed / 1024:.0f} / {a.feed / 1024:.0f} |"
        )
    print(
        f"\nMedians of {len(next(iter(ours.values())).runs)} runs; ms per article is the marginal CPU "
        "cost over the 0-article build."
    )


def targets(counts: tuple[int, ...], ours: dict[int, Sample], alt: dict[int, Sample]) -> list[tuple[str, bool]]:
    checks: list[tuple[str, bool]] = []
    if 200 in counts and 1000 in counts:
        print("\nGrowth exponent 200 → 1000 articles (CPU; 1.0 is linear), per build phase:\n")
        print(
            "| phase | ours 200 (s) | ours 1000 (s) | ours exponent | blog+RSS 200 (s) | blog+RSS 1000 (s) | blog+RSS exponent |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for phase in ("config", "files+nav", "markdown", "templates", "post_build", "cpu"):
            values = []
            for sample in (ours, alt):
                small = sample[200].median("cpu") if phase == "cpu" else sample[200].phase(phase)
                large = sample[1000].median("cpu") if phase == "cpu" else sample[1000].phase(phase)
                values.append((small, large, exponent(small, large, 5)))
            label = "whole build" if phase == "cpu" else phase
            print(
                f"| {label} | {values[0][0]:.2f} | {values[0][1]:.2f} | {values[0][2]:.2f} "
                f"| {values[1][0]:.2f} | {values[1][1]:.2f} | {values[1][2]:.2f} |"
            )
            checks.append((f"{label} exponent {values[0][2]:.2f} ≤ {TARGET_EXPONENT}", values[0][2] <= TARGET_EXPONENT))
    if 1000 in counts:
        ratio = ours[1000].index_gz / alt[1000].index_gz if alt[1000].index_gz else float("nan")
        checks.append((f"search index at 1000 articles {ratio:.2f}× the alternative's ≤ 1.5×", ratio <= 1.5))
    for count in counts:
        ratio = ours[count].median("cpu") / alt[count].median("cpu")
        if count >= 200:
            checks.append((f"CPU ratio at {count} articles {ratio:.2f} ≤ {TARGET_RATIO}", ratio <= TARGET_RATIO))
        if count == 0:
            checks.append((f"CPU ratio at 0 articles {ratio:.2f} ≤ 1", ratio <= 1))
        checks.append(
            (
                f"peak memory at {count} articles {ours[count].median('rss_mib'):.0f} MiB below the alternative's "
                f"{alt[count].median('rss_mib'):.0f} MiB",
                ours[count].median("rss_mib") < alt[count].median("rss_mib"),
            )
        )
    return checks


if __name__ == "__main__":
    raise SystemExit(main())
