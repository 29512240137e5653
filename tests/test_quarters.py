"""The quarterly quota of task 1.11, at the edges of quarters in Vietnam time."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.articles.model import Article
from cchc.articles.pages import tracker_view
from cchc.articles.quarters import missed_quarter_notes, quarter_tracker, tracker_year
from cchc.base.dates import VIETNAM, quarter_bounds, quarter_of_moment

UTC = dt.UTC


def article(published: dt.datetime, *, draft: bool = False, name: str = "bai") -> Article:
    return Article(
        id=f"urn:test:{name}",
        title=name,
        published=published.astimezone(VIETNAM),
        summary="tóm tắt",
        authors=("Người viết",),
        cover=None,
        tasks=(),
        draft=draft,
        src_uri=f"bai-viet/{published.astimezone(VIETNAM).year}/{name}.md",
        source=f"docs/bai-viet/{published.year}/{name}.md",
        id_line=2,
        assets=(),
        gaps=(),
        kind="bai_viet",
        practice=None,
        sent_on=None,
    )


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2025, 3, 31, 23, 30, tzinfo=VIETNAM), (2025, 1)),
        (dt.datetime(2025, 3, 31, 17, 30, tzinfo=UTC), (2025, 2)),  # 00:30 on 1 April in Vietnam
        (dt.datetime(2025, 3, 31, 16, 59, tzinfo=UTC), (2025, 1)),  # 23:59 on 31 March in Vietnam
        (dt.datetime(2024, 12, 31, 17, 0, tzinfo=UTC), (2025, 1)),  # midnight of the new year in Vietnam
        (dt.datetime(2025, 9, 30, 23, 59, tzinfo=VIETNAM), (2025, 3)),
        (dt.datetime(2025, 10, 1, 0, 0, tzinfo=VIETNAM), (2025, 4)),
    ],
)
def test_quarter_boundaries_in_vietnam_time(moment, expected):
    assert quarter_of_moment(moment) == expected


def test_quarter_bounds():
    assert quarter_bounds(2025, 1) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert quarter_bounds(2025, 4) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def test_tracker_counts_articles_by_vietnam_quarter_and_days_left():
    late_march = article(dt.datetime(2025, 3, 31, 23, 30, tzinfo=VIETNAM), name="cuoi-quy")
    first_april = article(dt.datetime(2025, 3, 31, 17, 30, tzinfo=UTC), name="dau-quy")
    statuses = quarter_tracker((late_march, first_april), 2025, dt.date(2025, 5, 10))
    assert [(s.quarter, len(s.articles), s.state, s.days_left) for s in statuses] == [
        (1, 1, "dat", None),
        (2, 1, "dat", 52),
        (3, 0, "chua_den", None),
        (4, 0, "chua_den", None),
    ]
    assert statuses[0].articles[0].title == "cuoi-quy"


def test_running_quarter_without_article_and_its_last_day():
    statuses = quarter_tracker((), 2025, dt.date(2025, 6, 30))
    assert [s.state for s in statuses] == ["chua_dat", "dang_dien_ra", "chua_den", "chua_den"]
    assert statuses[1].days_left == 1
    assert quarter_tracker((), 2025, dt.date(2025, 4, 1))[1].days_left == 91


def test_drafts_and_future_articles_do_not_count():
    draft = article(dt.datetime(2025, 2, 1, tzinfo=VIETNAM), draft=True, name="nhap")
    future = article(dt.datetime(2025, 6, 1, tzinfo=VIETNAM), name="sau")
    statuses = quarter_tracker((draft, future), 2025, dt.date(2025, 5, 10))
    assert [len(s.articles) for s in statuses] == [0, 0, 0, 0]
    assert statuses[0].state == "chua_dat"


def test_missed_quarters_are_warnings_in_vietnamese():
    statuses = quarter_tracker((), 2025, dt.date(2026, 11, 28))
    notes = missed_quarter_notes(statuses)
    assert len(notes) == 4
    assert notes[0] == (
        "Quý I/2025 (01/01/2025–31/03/2025) chưa có bài viết nào được đăng; nhiệm vụ 1.11 yêu cầu mỗi quý ít nhất "
        "01 bài viết, mô hình hoặc sản phẩm tuyên truyền"
    )


def test_tracked_year_is_the_as_of_year_or_the_latest_plan_before_it():
    assert tracker_year((2025,), dt.date(2026, 11, 28)) == 2025
    assert tracker_year((2026, 2025), dt.date(2026, 2, 1)) == 2026
    assert tracker_year((2026,), dt.date(2025, 12, 1)) == 2026
    assert tracker_year((), dt.date(2025, 12, 1)) is None


def test_tracker_view_links_quarters_relative_to_the_including_page():
    published = article(dt.datetime(2025, 2, 1, tzinfo=VIETNAM))
    statuses = quarter_tracker((published,), 2025, dt.date(2025, 5, 10))
    on_articles = tracker_view(statuses, "bai-viet/index.md")
    on_progress = tracker_view(statuses, "tien-do/index.md")
    assert [row["href"] for row in on_articles["rows"]] == ["2025/quy-1/", None, None, None]
    assert on_progress["rows"][0]["href"] == "../bai-viet/2025/quy-1/"
    assert on_progress["rows"][1]["state_label"] == "Đang diễn ra"
    assert on_progress["rows"][0]["period"] == "01/01/2025 – 31/03/2025"
    assert tracker_view(statuses, "tien-do.md")["rows"][0]["href"] == "../bai-viet/2025/quy-1/"
    assert tracker_view(statuses, "index.md")["rows"][0]["href"] == "bai-viet/2025/quy-1/"
    flat = tracker_view(statuses, "bai-viet/index.md", directory_urls=False)
    assert flat["rows"][0]["href"] == "2025/quy-1.html"
    assert tracker_view(statuses, "tien-do.md", directory_urls=False)["rows"][0]["href"] == "bai-viet/2025/quy-1.html"
