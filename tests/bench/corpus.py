"""Synthetic Vietnamese articles for the build benchmark, written twice: as this project's
articles (`docs/bai-viet/<year>/<slug>.md` with our front matter) and as posts of Material's blog
plugin (`docs/bai-viet/posts/<slug>.md`), with the same title, date, summary and body.

Bodies are 400–800 words of Vietnamese prose about a school's administrative reform, with two or
three headings, a bulleted list and a table, drawn from a fixed seed: the same N gives the same
files on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

_SUBJECTS = (
    "Nhà trường",
    "Ban giám hiệu",
    "Tổ văn phòng",
    "Tổ chuyên môn",
    "Giáo viên chủ nhiệm",
    "Bộ phận một cửa",
    "Ban đại diện cha mẹ học sinh",
    "Công đoàn cơ sở",
    "Kế toán trường",
    "Nhân viên y tế",
    "Tổ nuôi dưỡng",
    "Đoàn thanh niên",
    "Phụ huynh",
    "Cán bộ phụ trách",
)
_VERBS = (
    "đã triển khai",
    "tiếp tục thực hiện",
    "chủ động rà soát",
    "công khai",
    "hướng dẫn",
    "tổ chức tuyên truyền",
    "đánh giá lại",
    "số hóa",
    "cập nhật kịp thời",
    "phối hợp kiểm tra",
    "niêm yết",
    "tiếp nhận và giải quyết",
    "rút ngắn thời gian xử lý",
    "lấy ý kiến về",
    "báo cáo định kỳ về",
    "đơn giản hóa",
    "chuẩn hóa",
    "theo dõi sát",
)
_OBJECTS = (
    "thủ tục tuyển sinh",
    "hồ sơ nhập học của trẻ",
    "quy trình thu học phí",
    "các khoản thu thỏa thuận",
    "kế hoạch cải cách hành chính",
    "bộ thủ tục hành chính",
    "dịch vụ công trực tuyến",
    "hồ sơ điện tử của giáo viên",
    "sổ theo dõi sức khỏe của trẻ",
    "thực đơn hằng tuần",
    "kết quả đánh giá trẻ",
    "phản ánh, kiến nghị của phụ huynh",
    "quy chế dân chủ cơ sở",
    "chữ ký số trong văn bản",
    "thanh toán không dùng tiền mặt",
    "lịch tiếp công dân",
    "cơ sở dữ liệu ngành giáo dục",
    "chỉ số hài lòng của người dân",
    "hộp thư góp ý",
)
_TAILS = (
    "theo đúng quy định hiện hành",
    "trên cổng thông tin điện tử của trường",
    "tại bảng tin của trường",
    "trong năm học này",
    "với sự đồng thuận của phụ huynh",
    "nhằm giảm thời gian chờ đợi",
    "để phụ huynh dễ theo dõi",
    "theo hướng dẫn của Ủy ban nhân dân phường",
    "một cách minh bạch",
    "đúng hạn và đầy đủ",
    "qua nhóm Zalo của lớp",
    "trong các buổi họp phụ huynh đầu năm",
    "mà không phát sinh chi phí",
    "theo từng tháng",
    "với kết quả tích cực",
)
_CONNECTORS = ("Bên cạnh đó,", "Ngoài ra,", "Đồng thời,", "Nhờ vậy,", "Trong quý vừa qua,", "Cụ thể,", "Tiếp theo,")
_HEADINGS = (
    "Kết quả đạt được",
    "Những việc đã làm",
    "Khó khăn, vướng mắc",
    "Bài học kinh nghiệm",
    "Phương hướng thời gian tới",
    "Ý kiến của phụ huynh",
    "Số liệu cụ thể",
    "Cách thức thực hiện",
)
_TITLES = (
    "Công khai thủ tục tuyển sinh",
    "Thu học phí không dùng tiền mặt",
    "Số hóa hồ sơ của trẻ",
    "Tiếp nhận phản ánh của phụ huynh",
    "Tuyên truyền cải cách hành chính",
    "Ứng dụng chữ ký số",
    "Rà soát thủ tục hành chính",
    "Nâng cao chỉ số hài lòng",
    "Đổi mới lề lối làm việc",
    "Cải tiến quy trình một cửa",
)
_KINDS = ("bai_viet", "bai_viet", "bai_viet", "san_pham_tuyen_truyen", "tin_anh", "mo_hinh")

YEARS = (2023, 2024, 2025)
AS_OF = "2025-12-31"
"""The as-of date every benchmark build uses: every generated article is published by then."""


@dataclass(frozen=True)
class Post:
    number: int
    slug: str
    title: str
    published: dt.date
    kind: str
    summary: str
    body: str
    """Markdown after the title: the summary paragraph first, then the rest."""

    @property
    def words(self) -> int:
        return len(self.body.split())


def _sentence(rng: random.Random) -> str:
    sentence = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}"
    if rng.random() < 0.4:
        sentence = f"{rng.choice(_CONNECTORS)} {sentence[0].lower()}{sentence[1:]}"
    return sentence + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _table(rng: random.Random) -> str:
    rows = ["| Nội dung | Số hồ sơ | Đúng hạn | Ghi chú |", "| --- | ---: | ---: | --- |"]
    for _ in range(rng.randint(3, 5)):
        total = rng.randint(10, 200)
        rows.append(
            f"| {rng.choice(_OBJECTS).capitalize()} | {total} | {rng.randint(total // 2, total)} | {rng.choice(_TAILS)} |"
        )
    return "\n".join(rows)


def _body(rng: random.Random, summary: str) -> str:
    target = rng.randint(400, 800)
    headings = rng.sample(_HEADINGS, 3)
    parts = [summary]
    words = len(summary.split())
    section = 0
    while words < target:
        if section < len(headings) and (len(parts) == 2 or rng.random() < 0.25):
            parts.append(f"## {headings[section]}")
            section += 1
            if section == 1:
                items = [
                    f"- {rng.choice(_OBJECTS).capitalize()} {rng.choice(_TAILS)}." for _ in range(rng.randint(3, 6))
                ]
                parts.append("\n".join(items))
            elif section == 2:
                parts.append(_table(rng))
        paragraph = _paragraph(rng, rng.randint(3, 6))
        parts.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(parts) + "\n"


def posts(count: int, seed: int = 13) -> list[Post]:
    rng = random.Random(seed)
    result = []
    for number in range(count):
        year = YEARS[number % len(YEARS)]
        day = dt.date(year, 1, 1) + dt.timedelta(days=(number * 97) % 365)
        title = f"{rng.choice(_TITLES)} ({number + 1})"
        summary = _paragraph(rng, 2)
        result.append(
            Post(number, f"bai-{number + 1:04d}", title, day, rng.choice(_KINDS), summary, _body(rng, summary))
        )
    return result


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_ours(docs: Path, items: list[Post]) -> None:
    """Our articles, in the project's front matter (see README, "Articles")."""
    for post in items:
        folder = docs / "bai-viet" / str(post.published.year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{post.slug}.md").write_text(
            "---\n"
            f"ma: {_quoted(f'urn:cchc-bench:{post.number + 1}')}\n"
            f"tieu_de: {_quoted(post.title)}\n"
            f"ngay_dang: {post.published.isoformat()}\n"
            f"loai: {post.kind}\n"
            f"tom_tat: {_quoted(post.summary)}\n"
            "tac_gia: [Tổ văn phòng]\n"
            'nhiem_vu: ["1.11"]\n'
            "---\n\n" + post.body,
            encoding="utf-8",
        )


def write_blog(docs: Path, items: list[Post]) -> None:
    """The same posts for Material's blog plugin: title as `# `, the summary as the excerpt."""
    folder = docs / "bai-viet" / "posts"
    folder.mkdir(parents=True, exist_ok=True)
    labels = {
        "bai_viet": "Bài viết",
        "san_pham_tuyen_truyen": "Sản phẩm tuyên truyền",
        "tin_anh": "Tin ảnh",
        "mo_hinh": "Mô hình",
        "video": "Video",
    }
    for post in items:
        summary, rest = post.body.split("\n\n", 1)
        (folder / f"{post.slug}.md").write_text(
            "---\n"
            f"date: {post.published.isoformat()}\n"
            f"description: {_quoted(post.summary)}\n"
            f"categories: [{labels[post.kind]}]\n"
            "---\n\n"
            f"# {post.title}\n\n{summary}\n\n<!-- more -->\n\n{rest}",
            encoding="utf-8",
        )
