"""The staff's two commands: `cchc-bai-moi` starts an article, `cchc-kiem-tra` checks all content.

Both speak Vietnamese and run the same code as the site build (`load_content`), so what the
check accepts, the build publishes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from .articles.model import ARTICLES_DIR, PLACEHOLDER, RESERVED_SLUGS, ArticleKind
from .articles.quarters import QUOTA_TASK
from .base import dates
from .base.errors import ContentError, Problem
from .base.sanitize import check_pages
from .base.text import slugify
from .base.yamlsource import clean_text
from .content import Content, load_content, settings_from
from .site.redirects import REGISTRY_FILE, dump_registry, load_registry, updated_registry


def _utf8_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8")


def find_root(start: Path) -> Path | None:
    """The project folder: the nearest folder upwards that holds mkdocs.yml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def _root_or_exit(start: str) -> Path:
    root = find_root(Path(start))
    if root is None:
        print(
            f"Không tìm thấy tệp mkdocs.yml trong thư mục {start} hay các thư mục cha; "
            "hãy chạy lệnh trong thư mục của dự án.",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return root


def article_template(title: str, kind: str, day: dt.date, identifier: str) -> str:
    """The Markdown of a new article: every key of the front matter, the ones to fill left empty."""
    quoted = json.dumps(title, ensure_ascii=False)
    return (
        "---\n"
        f'ma: "{identifier}"  # mã riêng của bài, không bao giờ sửa\n'
        f"tieu_de: {quoted}\n"
        f'ngay_dang: {day.isoformat()}  # hoặc "{day.isoformat()} 08:30" (giờ Việt Nam)\n'
        f"loai: {kind}  # một trong: {', '.join(ArticleKind)}\n"
        "tom_tat:  # một, hai câu tóm tắt bài\n"
        "tac_gia:  # họ tên người viết; nhiều người: [Người thứ nhất, Người thứ hai]\n"
        "anh_bia:  # ảnh bìa, ví dụ anh/bia.jpg (tải ảnh vào thư mục anh/ bên cạnh); bỏ trống nếu không có\n"
        "anh_bia_mo_ta:  # mô tả ảnh bìa cho người không xem được ảnh\n"
        f'nhiem_vu: ["{QUOTA_TASK}"]  # các nhiệm vụ của kế hoạch mà bài phục vụ\n'
        "ngay_gui:  # ngày gửi Ban Chỉ đạo CCHC, dạng YYYY-MM-DD, nếu đã gửi\n"
        "ban_nhap: true  # đổi thành false khi bài sẵn sàng đăng\n"
        "---\n"
        "\n"
        f"{PLACEHOLDER} Tiêu đề bài đã có ở trên, không cần viết lại.\n"
    )


def new_article(argv: Sequence[str] | None = None, *, ask: Callable[[str], str] = input) -> int:
    """`cchc-bai-moi "Tiêu đề"`: write `docs/bai-viet/<year>/<slug>.md`, never over an existing file."""
    _utf8_output()
    parser = argparse.ArgumentParser(
        prog="cchc-bai-moi", description="Tạo tệp bài viết mới với phần thông tin đầu bài điền sẵn."
    )
    parser.add_argument("tieu_de", nargs="?", help="tiêu đề bài viết (nếu bỏ trống, lệnh sẽ hỏi)")
    parser.add_argument(
        "--loai",
        choices=[kind.value for kind in ArticleKind],
        default=ArticleKind.ARTICLE.value,
        help="loại bài (mặc định: bai_viet)",
    )
    parser.add_argument("--thu-muc", default=".", help="thư mục dự án (mặc định: thư mục hiện tại)")
    args = parser.parse_args(argv)
    root = _root_or_exit(args.thu_muc)
    title = clean_text(args.tieu_de or ask("Tiêu đề bài viết: "))
    if not title:
        print("Chưa có tiêu đề: hãy gõ tiêu đề bài viết.", file=sys.stderr)
        return 2
    today = dates.today_in_vietnam()
    slug = slugify(title) or "bai-viet"
    if slug in RESERVED_SLUGS:
        slug = f"bai-{slug}"
    path = root / "docs" / ARTICLES_DIR / str(today.year) / f"{slug}.md"
    shown = path.relative_to(root).as_posix()
    if path.exists():
        print(f"Đã có tệp {shown}; lệnh không ghi đè. Hãy chọn tiêu đề khác hoặc sửa tệp đó.", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_template(title, args.loai, today, f"urn:uuid:{uuid.uuid4()}"), encoding="utf-8")
    print(f"Đã tạo {shown}.")
    print("Hãy điền tom_tat, tac_gia (và ảnh bìa nếu có), viết nội dung, rồi đổi ban_nhap thành false.")
    print("Kiểm tra bằng lệnh: cchc-kiem-tra")
    return 0


def _annotation(problem) -> str:
    """A GitHub Actions annotation, so the pull request shows the message on the line itself."""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={problem.source},line={problem.line}::{message}"


def _refuse(problems: Sequence[Problem]) -> int:
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(_annotation(problem))
    print(f"Có {len(problems)} lỗi cần sửa trước khi đăng.")
    return 1


def _print_notes(content: Content, as_of: dt.date) -> None:
    """The warnings, then each article or practice the site does not show yet, and why."""
    for note in content.warnings():
        print(f"Cảnh báo: {note}")
    for entry in content.articles + content.practices:
        if entry.draft:
            print(f"Bản nháp, chưa đăng (ban_nhap: true): {entry.source}")
        elif not entry.is_published(as_of):
            print(f"Chưa đến ngày đăng {dates.short(entry.day)}: {entry.source}")


def _record_addresses(root: Path, content: Content) -> bool:
    """Add the published entries new to the address registry to its file, telling staff to commit
    it; False (the problems printed) when the registry cannot be read."""
    record = root / REGISTRY_FILE
    try:
        known = load_registry(record)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
        return False
    registry = updated_registry(
        known, ((e.id, e.src_uri) for e in content.published_articles + content.published_practices)
    )
    if registry != known:
        record.write_text(dump_registry(registry), encoding="utf-8")
        print(f"Đã ghi địa chỉ của các bài đã đăng vào {REGISTRY_FILE}: hãy đưa tệp này vào cùng thay đổi.")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(
                f"::warning file={REGISTRY_FILE}::Chạy cchc-kiem-tra trên máy và đưa {REGISTRY_FILE} vào thay đổi, "
                "để địa chỉ của bài còn dùng được khi sau này đổi tên tệp."
            )
    return True


def check(argv: Sequence[str] | None = None) -> int:
    """`cchc-kiem-tra`: every problem as `file:line: message`, then the warnings; 1 if any error."""
    _utf8_output()
    parser = argparse.ArgumentParser(
        prog="cchc-kiem-tra",
        description="Kiểm tra toàn bộ nội dung (kế hoạch, bài viết, mô hình, phản ánh và hỏi đáp) trước khi đăng.",
    )
    parser.add_argument("--thu-muc", default=".", help="thư mục dự án (mặc định: thư mục hiện tại)")
    args = parser.parse_args(argv)
    root = _root_or_exit(args.thu_muc)
    try:
        settings = settings_from(os.environ)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    as_of = settings.as_of
    try:
        content = load_content(root, root / "mkdocs.yml", as_of, private_names=settings.private_names)
    except ContentError as error:
        return _refuse(error.problems)
    # The build removes unsafe HTML and, being strict, then keeps the old site: an error here.
    removed = check_pages(root / "docs", root)
    if removed:
        return _refuse(removed)
    _print_notes(content, as_of)
    if not _record_addresses(root, content):
        return 1
    published = len(content.published_articles)
    print(
        f"Không có lỗi. {published} bài viết và {len(content.published_practices)} mô hình đã đăng "
        f"(tính đến ngày {dates.short(as_of)})."
    )
    return 0
