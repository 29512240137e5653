"""Benchmark: build time against the number of articles (run by hand, prints figures).

    /work/main/.venv/bin/python tests/bench_articles.py 50 100 200

Each article is reached from a bounded number of pages (its list page, year, quarter and kind
archives) and is in no navigation, so the time per article should stay flat as articles grow.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "hooks")]

from projects import copy_project  # noqa: E402
from sitebuild import build_site  # noqa: E402


def article(number: int) -> str:
    month = number % 12 + 1
    return (
        "---\n"
        f'ma: "urn:bench:{number}"\n'
        f'tieu_de: "Bài đo thời gian số {number}"\n'
        f"ngay_dang: 2025-{month:02d}-{number % 28 + 1:02d}\n"
        "loai: bai_viet\n"
        'tom_tat: "Bài dùng để đo thời gian tạo trang."\n'
        "tac_gia: Người đo\n"
        'nhiem_vu: ["1.11"]\n'
        "---\n\n" + "Một đoạn nội dung của bài để đo thời gian tạo trang.\n\n" * 20
    )


def measure(count: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder) / "project")
        target = project / "docs" / "bai-viet" / "2025"
        target.mkdir(parents=True)
        for number in range(count):
            (target / f"bai-{number:04d}.md").write_text(article(number), encoding="utf-8")
        start = time.perf_counter()
        build_site(project)
        return time.perf_counter() - start


def main(counts: list[int]) -> None:
    os.environ.setdefault("CCHC_AS_OF", "2025-12-31")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    measure(1)  # warm imports and caches
    for count in counts:
        seconds = measure(count)
        print(f"{count:5d} bài: {seconds:6.2f} s, {1000 * seconds / count:6.1f} ms mỗi bài")


if __name__ == "__main__":
    main([int(value) for value in sys.argv[1:]] or [50, 100, 200])
