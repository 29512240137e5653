"""The site changes with the calendar even when nobody commits. One commit built for two as-of
days on each side of a task's deadline, an article's publication day and a quarter's end: what
differs between the two builds is exactly what the calendar implies, read from the parsed pages,
progress.json and the feed. And the calendar itself never takes the site down: a Q&A entry
received on 28/12/2026, counted into 2027, builds."""

from __future__ import annotations

import datetime as dt
import difflib
import filecmp
import json
import logging
from pathlib import Path

import pytest
from lxml import etree, html

from projects import copy_project
from sitebuild import build_site

D = dt.date
ARTICLE = """\
---
ma: "urn:uuid:00000000-0000-4000-8000-0000000000aa"
tieu_de: "Bài kiểm thử theo thời gian (không phải bài thật)"
ngay_dang: 2025-05-15
loai: bai_viet
tom_tat: "Bài mẫu của phép thử theo thời gian."
tac_gia: [Người kiểm thử]
nhiem_vu: ["1.11"]
---

Nội dung mẫu của phép thử, không phải bài thật.
"""
# Besides the pages that the calendar changes, every build writes the day into these.
DATED = {
    "search/search_index.json",
    "sitemap.xml",
    "sitemap.xml.gz",
    "tien-do/ke-hoach-2025.csv",
    "tien-do/progress.json",
    # The reports page says which day its figures are counted to; the home page's plan status and
    # the spreadsheets (dated cells, days overdue) are computed for the day.
    "bao-cao/index.html",
    "index.html",
    "tien-do/ke-hoach-2025.xlsx",
    "tien-do/minh-chung-2025.xlsx",
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """build(day) -> site folder: the real project plus one article dated 15/05/2025, each day
    built once."""
    base = tmp_path_factory.mktemp("over-time")
    project = copy_project(base / "project")
    article = project / "docs" / "bai-viet" / "2025" / "bai-thang-nam.md"
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(ARTICLE, encoding="utf-8")
    sites: dict[D, Path] = {}

    def build(day: D) -> Path:
        if day not in sites:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("CCHC_AS_OF", day.isoformat())
                sites[day], _ = build_site(project, base / day.isoformat(), site_url="https://truong.example/cchc/")
        return sites[day]

    return build


def changed_files(before: Path, after: Path) -> tuple[set[str], set[str], set[str]]:
    """(files whose bytes differ, files only before, files only after), as site paths."""

    def walk(site: Path) -> set[str]:
        return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}

    old, new = walk(before), walk(after)
    differ = {path for path in old & new if not filecmp.cmp(before / path, after / path, shallow=False)}
    return differ, old - new, new - old


def text_diff(before: Path, after: Path, page: str) -> tuple[list[str], list[str]]:
    """The lines of the page's <article> text only before, and only after (order kept)."""

    def lines(site: Path) -> list[str]:
        [article] = html.fromstring((site / page).read_bytes()).xpath("//article")
        return [" ".join(text.split()) for text in article.itertext() if text.strip()]

    old, new = lines(before), lines(after)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def flat(value, path: str = "") -> dict[str, object]:
    """progress.json as {path: leaf}; list items keyed by their task or area number."""
    if isinstance(value, dict):
        return {key: leaf for name, item in value.items() for key, leaf in flat(item, f"{path}/{name}").items()}
    if isinstance(value, list):
        return {
            key: leaf
            for index, item in enumerate(value)
            for key, leaf in flat(
                item, f"{path}/{item['so'] if isinstance(item, dict) and 'so' in item else index}"
            ).items()
        }
    return {path: value}


def progress_changes(before: Path, after: Path) -> tuple[dict[str, tuple], dict]:
    old = json.loads((before / "tien-do" / "progress.json").read_text(encoding="utf-8"))
    new = json.loads((after / "tien-do" / "progress.json").read_text(encoding="utf-8"))
    a, b = flat(old), flat(new)
    return {key: (a.get(key), b.get(key)) for key in sorted(a.keys() | b.keys()) if a.get(key) != b.get(key)}, new


def assert_days_overdue_follow_the_calendar(changes: dict, new: dict, day: D) -> dict:
    """Every unfinished task's days overdue is the days since its deadline, and moved by one;
    returns the other changes."""
    for task in new["ke_hoach"][0]["nhiem_vu"]:
        deadline = D.fromisoformat(task["han_chot"])
        assert task["so_ngay_qua_han"] == max(0, (day - deadline).days), task["so"]
        key = f"/ke_hoach/0/nhiem_vu/{task['so']}/so_ngay_qua_han"
        if day > deadline:
            assert changes.pop(key) == (task["so_ngay_qua_han"] - 1, task["so_ngay_qua_han"])
        else:
            assert key not in changes
    return changes


def test_a_task_deadline_passing(builds):
    """Task 1.2 is due on 21/02/2025: on the 22nd it is overdue; nothing else moves but the days."""
    before, after = builds(D(2025, 2, 21)), builds(D(2025, 2, 22))
    differ, gone, new_files = changed_files(before, after)
    assert (differ, gone, new_files) == (DATED | {"tien-do/index.html", "bai-viet/index.html"}, set(), set())
    changes, data = progress_changes(before, after)
    rest = assert_days_overdue_follow_the_calendar(changes, data, D(2025, 2, 22))
    assert rest == {
        "/ngay_so_lieu": ("2025-02-21", "2025-02-22"),
        "/ke_hoach/0/nhiem_vu/1.2/trang_thai_tinh_toan": ("chua_cap_nhat", "qua_han_chua_bao_cao"),
        "/ke_hoach/0/nhiem_vu/1.2/nhan_trang_thai": ("Chưa có báo cáo, chưa đến hạn", "Đã qua hạn, chưa có báo cáo"),
        "/ke_hoach/0/tong_hop/qua_han": (1, 2),
        "/ke_hoach/0/tong_hop/chua_den_han": (42, 41),
        "/ke_hoach/0/tong_hop/theo_trang_thai/chua_cap_nhat": (42, 41),
        "/ke_hoach/0/tong_hop/theo_trang_thai/qua_han_chua_bao_cao": (1, 2),
        "/ke_hoach/0/linh_vuc/1/qua_han": (0, 1),
        "/ke_hoach/0/linh_vuc/1/chua_den_han": (13, 12),
    }
    removed, added = text_diff(before, after, "tien-do/index.html")
    assert removed[1].startswith("1 nhiệm vụ đã qua thời hạn dự kiến") and added[1].startswith(
        "2 nhiệm vụ đã qua thời hạn dự kiến"
    )
    # On the 21st task 1.2 was in the "due soon" list, due today; on the 22nd it is overdue.
    assert "Đến hạn hôm nay" in removed and "Đến hạn hôm nay" not in added
    assert "Nhiệm vụ chưa hoàn thành có thời hạn từ 21/02/2025 đến 23/03/2025" in removed
    assert not any("tính đến ngày 21/02/2025" in line for line in added)
    assert (
        sum("tính đến ngày 22/02/2025" in line for line in added)
        == sum("tính đến ngày 21/02/2025" in line for line in removed)
        >= 3
    )
    # The quarter tracker counts down: 39 days left in Quý I on the 21st (21/02 to 31/03), 38 on the 22nd.
    assert text_diff(before, after, "bai-viet/index.html") == ([", còn 39 ngày"], [", còn 38 ngày"])


def test_an_article_on_its_publication_day(builds):
    """The article dated 15/05/2025 appears on that day: its page, the lists, the home page, the
    feed, and Quý II of the tracker is met."""
    before, after = builds(D(2025, 5, 14)), builds(D(2025, 5, 15))
    differ, gone, new_files = changed_files(before, after)
    assert differ == DATED | {
        "tien-do/index.html",
        "bai-viet/index.html",
        "bai-viet/loai/bai-viet/index.html",
        "index.html",
        "feed.xml",
    }
    assert gone == set()
    # The year's first article: its page, the year's page and the year's four quarter pages.
    assert new_files == {"bai-viet/2025/index.html", "bai-viet/2025/bai-thang-nam/index.html"} | {
        f"bai-viet/2025/quy-{quarter}/index.html" for quarter in range(1, 5)
    }
    changes, data = progress_changes(before, after)
    assert assert_days_overdue_follow_the_calendar(changes, data, D(2025, 5, 15)) == {
        "/ngay_so_lieu": ("2025-05-14", "2025-05-15")
    }
    # The home page's plan status names its day, and the newest articles appear.
    assert text_diff(before, after, "index.html") == (
        ["Tính đến ngày 14/05/2025:", "Nhà trường chưa đăng bài viết nào trong chuyên mục."],
        [
            "Tính đến ngày 15/05/2025:",
            "Bài kiểm thử theo thời gian (không phải bài thật)",
            "· 15/05/2025",
            "Bài mẫu của phép thử theo thời gian.",
        ],
    )
    removed, added = text_diff(before, after, "bai-viet/index.html")
    assert removed == ["Chưa có bài viết nào được đăng.", "0", "Đang diễn ra", ", còn 48 ngày"]
    assert added[:3] == [
        "Bài kiểm thử theo thời gian (không phải bài thật)",
        "Đăng ngày 15/05/2025 · Bài viết",
        "Bài mẫu của phép thử theo thời gian.",
    ]
    assert added[3:6] == ["1", "Đã đạt", ", còn 47 ngày"]
    old_feed, new_feed = (etree.parse(str(site / "feed.xml")) for site in (before, after))
    assert old_feed.xpath("//item") == []
    [item] = new_feed.xpath("//item")
    assert item.findtext("guid") == "urn:uuid:00000000-0000-4000-8000-0000000000aa"
    assert item.findtext("pubDate") == "Thu, 15 May 2025 00:00:00 +0700"
    assert item.findtext("link") == "https://truong.example/cchc/bai-viet/2025/bai-thang-nam/"


def test_a_quarter_ending(builds):
    """Quý III/2025 ends on 30/09 with no article: on 01/10 it is missed and Quý IV has begun."""
    before, after = builds(D(2025, 9, 30)), builds(D(2025, 10, 1))
    differ, gone, new_files = changed_files(before, after)
    assert (differ, gone, new_files) == (DATED | {"tien-do/index.html", "bai-viet/index.html"}, set(), set())
    changes, data = progress_changes(before, after)
    assert assert_days_overdue_follow_the_calendar(changes, data, D(2025, 10, 1)) == {
        "/ngay_so_lieu": ("2025-09-30", "2025-10-01")
    }

    def tracker(site: Path) -> list[str]:
        rows = html.fromstring((site / "bai-viet" / "index.html").read_bytes()).xpath(
            "//table[@class='cchc-quarters']/tbody/tr"
        )
        return [" ".join(" ".join(text.split()) for text in row.itertext() if text.strip()) for row in rows]

    assert tracker(before) == [
        "Quý I/2025 01/01/2025 – 31/03/2025 0 Chưa đạt",
        "Quý II/2025 01/04/2025 – 30/06/2025 1 Đã đạt",
        "Quý III/2025 01/07/2025 – 30/09/2025 0 Đang diễn ra , còn 1 ngày",
        "Quý IV/2025 01/10/2025 – 31/12/2025 0 Chưa đến",
    ]
    assert tracker(after)[2:] == [
        "Quý III/2025 01/07/2025 – 30/09/2025 0 Chưa đạt",
        "Quý IV/2025 01/10/2025 – 31/12/2025 0 Đang diễn ra , còn 92 ngày",  # 01/10 to 31/12
    ]


QA_2026 = """\
nam: 2026
hoi_dap:
  - so: 1
    ngay_nhan: 2026-12-28
    kenh: email
    chu_de: thu_tuc
    cau_hoi: >-
      Phụ huynh hỏi thủ tục xin giấy xác nhận cho trẻ đang học tại trường.
    trang_thai: da_tra_loi
    tra_loi: >-
      Phụ huynh làm đơn theo mẫu tại văn phòng; nhà trường cấp giấy trong ngày.
    ngay_tra_loi: 2027-01-05
  - so: 2
    ngay_nhan: 2026-12-28
    kenh: truc_tiep
    chu_de: khac
    cau_hoi: >-
      Phụ huynh góp ý về giờ đón trẻ cuối năm.
    trang_thai: dang_xu_ly
"""


def test_a_question_received_on_28_12_2026_builds_with_2027_from_the_library(tmp_path):
    project = copy_project(tmp_path / "project")
    answers = project / "docs" / "phan-anh" / "hoi-dap"
    answers.mkdir(parents=True, exist_ok=True)
    (answers / "2026.yaml").write_text(QA_2026, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CCHC_AS_OF", "2027-01-08")
        site, log = build_site(project, tmp_path / "site")
    assert not log.messages(logging.WARNING)
    notes = [message for message in log.messages() if "dùng lịch của thư viện" in message]
    assert len(notes) == 1 and "năm 2027" in notes[0]
    page = " ".join(html.fromstring((site / "phan-anh" / "hoi-dap" / "index.html").read_bytes()).text_content().split())
    # 29, 30, 31/12/2026 and 04, 05/01/2027 (01/01/2027, a Friday, is Tết Dương lịch): 5 working
    # days to the answer; the pending one has waited 8 (to 08/01), 7 left of 15.
    assert "5 ngày làm việc" in page
    assert "Đang xử lý, còn 7 ngày làm việc" in page
