"""The staff commands, run in a scratch copy of the project."""

from __future__ import annotations

import importlib
import re
import tomllib

import pytest
import yaml

from cchc import cli
from cchc.articles.model import split_front_matter
from cchc.base import dates
from cchc.content import load_content
from projects import ROOT, apply_overlay


@pytest.fixture
def in_project(project, monkeypatch):
    monkeypatch.chdir(project)
    return project


def test_new_article_fills_front_matter_and_slug_without_diacritics(in_project, capsys):
    assert cli.new_article(["Đổi mới thủ tục đón trẻ: quý IV"]) == 0
    today = dates.today_in_vietnam()
    path = in_project / "docs" / "bai-viet" / str(today.year) / "doi-moi-thu-tuc-don-tre-quy-iv.md"
    assert capsys.readouterr().out.startswith(f"Đã tạo docs/bai-viet/{today.year}/doi-moi-thu-tuc-don-tre-quy-iv.md.")
    front, _, body = split_front_matter(path.read_text(encoding="utf-8"))
    values = yaml.safe_load(front)
    assert values["tieu_de"] == "Đổi mới thủ tục đón trẻ: quý IV"
    assert values["ngay_dang"] == today
    assert values["loai"] == "bai_viet"
    assert values["ban_nhap"] is True
    assert values["nhiem_vu"] == ["1.11"]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", values["ma"])
    assert "Viết nội dung bài ở đây" in body


def test_new_article_asks_for_the_title_and_ids_are_fresh(in_project):
    assert cli.new_article([], ask=lambda prompt: "Bài thứ nhất") == 0
    assert cli.new_article(["Bài thứ hai"]) == 0
    year = dates.today_in_vietnam().year
    ids = {
        line
        for name in ("bai-thu-nhat", "bai-thu-hai")
        for line in (in_project / f"docs/bai-viet/{year}/{name}.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("ma:")
    }
    assert len(ids) == 2


def test_new_article_refuses_to_overwrite(in_project, capsys):
    assert cli.new_article(["Bài trùng"]) == 0
    path = next((in_project / "docs" / "bai-viet").rglob("bai-trung.md"))
    path.write_text("nội dung đã viết", encoding="utf-8")
    assert cli.new_article(["Bài trùng"]) == 1
    assert path.read_text(encoding="utf-8") == "nội dung đã viết"
    assert "lệnh không ghi đè" in capsys.readouterr().err


def test_new_article_once_filled_passes_the_check(in_project, monkeypatch, capsys):
    assert cli.new_article(["Bài đầy đủ", "--loai", "tin_anh"]) == 0
    path = next((in_project / "docs" / "bai-viet").rglob("bai-day-du.md"))
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"tom_tat:.*", 'tom_tat: "Tóm tắt."', text)
    text = re.sub(r"tac_gia:.*", "tac_gia: Người viết", text)
    path.write_text(text, encoding="utf-8")
    content = load_content(in_project, in_project / "mkdocs.yml", dates.today_in_vietnam())
    [article] = content.articles
    assert (article.kind, article.draft) == ("tin_anh", True)


def test_check_prints_every_problem_with_file_and_line(in_project, monkeypatch, capsys):
    apply_overlay(in_project)
    path = in_project / "docs/bai-viet/2025/bai-kiem-thu.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("loai: bai_viet", "loai: bao").replace('["1.11"]', '["1.99"]'), encoding="utf-8")
    monkeypatch.setenv("CCHC_AS_OF", "2025-05-10")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert cli.check([]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith('docs/bai-viet/2025/bai-kiem-thu.md:5: "loai" không hợp lệ: "bao"')
    assert out[1].startswith('docs/bai-viet/2025/bai-kiem-thu.md:10: "nhiem_vu" có nhiệm vụ "1.99"')
    assert out[-1] == "Có 2 lỗi cần sửa trước khi đăng."


def test_check_annotates_pull_requests_on_github(in_project, monkeypatch, capsys):
    add = in_project / "docs/bai-viet/2025"
    add.mkdir(parents=True)
    (add / "sai.md").write_text("không có phần đầu\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli.check([]) == 1
    assert "::error file=docs/bai-viet/2025/sai.md,line=1::tệp phải bắt đầu bằng" in capsys.readouterr().out


def test_check_passes_with_warnings_for_missed_quarters(in_project, monkeypatch, capsys):
    monkeypatch.setenv("CCHC_AS_OF", "2025-07-02")
    assert cli.check([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if line.startswith("Cảnh báo: Quý")] == [
        "Cảnh báo: Quý I/2025 (01/01/2025–31/03/2025) chưa có bài viết nào được đăng; nhiệm vụ 1.11 yêu cầu mỗi "
        "quý ít nhất 01 bài viết, mô hình hoặc sản phẩm tuyên truyền",
        "Cảnh báo: Quý II/2025 (01/04/2025–30/06/2025) chưa có bài viết nào được đăng; nhiệm vụ 1.11 yêu cầu mỗi "
        "quý ít nhất 01 bài viết, mô hình hoặc sản phẩm tuyên truyền",
    ]
    assert out[-1] == "Không có lỗi. 0 bài viết và 0 mô hình đã đăng (tính đến ngày 02/07/2025)."


def test_commands_outside_a_project_say_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        cli.check([])
    assert exited.value.code == 2
    assert "Không tìm thấy tệp mkdocs.yml" in capsys.readouterr().err


def test_pyproject_scripts_and_workflow_run_these_commands():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    for name in ("cchc-bai-moi", "cchc-kiem-tra"):
        module, function = scripts[name].split(":")
        assert callable(getattr(importlib.import_module(module), function))
    workflow = yaml.safe_load((ROOT / ".github/workflows/kiem-tra.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["kiem-tra"]["steps"]]
    assert any("python -m pip install --require-hashes -r requirements.lock" in run for run in runs)
    assert any("python -m pip install --no-deps --no-build-isolation -e ." in run for run in runs)
    assert "cchc-kiem-tra" in runs
    assert any(run.startswith("mkdocs build --strict") for run in runs)
    uploads = [
        step
        for step in workflow["jobs"]["kiem-tra"]["steps"]
        if step.get("uses", "").startswith("actions/upload-artifact")
    ]
    assert uploads and uploads[0]["with"]["name"] == "ban-xem-truoc"


def test_check_refuses_private_names_like_the_build(in_project, tmp_path, monkeypatch, capsys):
    apply_overlay(in_project)
    names = tmp_path / "ten-rieng-tu.txt"
    names.write_text("Trần Thị Bích\n", encoding="utf-8")
    path = in_project / "docs" / "phan-anh" / "hoi-dap" / "2025.yaml"
    text = path.read_text(encoding="utf-8").replace("phụ huynh không cần đến trường.", "chị Trần Thị Bích gọi lại.")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CCHC_AS_OF", "2025-05-10")
    monkeypatch.setenv("CCHC_PRIVATE_NAMES", str(names))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert cli.check([]) == 1
    out = capsys.readouterr().out
    assert '"tra_loi" có họ tên cần giữ kín "T*** T*** B***"' in out
    assert "Trần Thị Bích" not in out


def test_check_reports_a_bad_setting_in_vietnamese(in_project, monkeypatch, capsys):
    monkeypatch.setenv("CCHC_AS_OF", "30/02/2025")
    assert cli.check([]) == 2
    assert capsys.readouterr().err.strip() == (
        'Biến môi trường CCHC_AS_OF phải là ngày dạng YYYY-MM-DD có thật, nhận được "30/02/2025"'
    )


def test_check_names_drafts_and_articles_waiting_for_their_date(in_project, monkeypatch, capsys):
    monkeypatch.setenv("CCHC_AS_OF", "2025-05-10")
    apply_overlay(in_project)
    draft = in_project / "docs/bai-viet/2025/bai-kiem-thu.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "ngay_dang: 2025-03-31 23:30", "ngay_dang: 2025-01-31\nban_nhap: true"
        ),
        encoding="utf-8",
    )
    practice = in_project / "docs/mo-hinh/mo-hinh-kiem-thu.md"
    text = practice.read_text(encoding="utf-8")
    day = text.split("ngay_dang: ", 1)[1].split("\n", 1)[0]
    practice.write_text(text.replace(f"ngay_dang: {day}", "ngay_dang: 2025-06-01"), encoding="utf-8")
    assert cli.check([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Bản nháp, chưa đăng (ban_nhap: true): docs/bai-viet/2025/bai-kiem-thu.md" in out
    assert "Chưa đến ngày đăng 01/06/2025: docs/mo-hinh/mo-hinh-kiem-thu.md" in out


def _publishable(path, body: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"tom_tat:.*", 'tom_tat: "Tóm tắt."', text)
    text = re.sub(r"tac_gia:.*", "tac_gia: Người viết", text)
    text = re.sub(r"ban_nhap:.*", "ban_nhap: false", text)
    front_end = text.index("\n---\n", 4) + len("\n---\n")
    path.write_text(text[:front_end] + body, encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "line_offset", "wording"),
    [
        ("\nViết nội dung bài ở đây. Tiêu đề bài đã có ở trên, không cần viết lại.\n", 1, "bài còn câu mẫu"),
        ("\n  \n", 0, "bài chưa có nội dung"),
    ],
)
def test_check_refuses_the_template_sentence_and_an_empty_body(in_project, capsys, body, line_offset, wording):
    assert cli.new_article(["Bài chưa viết"]) == 0
    path = next((in_project / "docs" / "bai-viet").rglob("bai-chua-viet.md"))
    _publishable(path, body)
    first_body_line = path.read_text(encoding="utf-8").index("\n---\n", 4)
    line = path.read_text(encoding="utf-8")[: first_body_line + 5].count("\n") + 1 + line_offset
    capsys.readouterr()
    assert cli.check([]) == 1
    out = capsys.readouterr().out
    source = path.relative_to(in_project).as_posix()
    assert f"{source}:{line}: {wording}" in out
    assert "ban_nhap: true" in out


def test_a_draft_may_keep_the_template_sentence(in_project):
    assert cli.new_article(["Bài nháp"]) == 0
    path = next((in_project / "docs" / "bai-viet").rglob("bai-nhap.md"))
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"tom_tat:.*", 'tom_tat: "Tóm tắt."', text)
    path.write_text(re.sub(r"tac_gia:.*", "tac_gia: Người viết", text), encoding="utf-8")
    [article] = load_content(in_project, in_project / "mkdocs.yml", dates.today_in_vietnam()).articles
    assert article.draft


def test_new_draft_with_empty_fields_passes_the_check_with_warnings(in_project, monkeypatch, capsys):
    assert cli.new_article(["Bài còn nháp"]) == 0
    path = next((in_project / "docs" / "bai-viet").rglob("bai-con-nhap.md"))
    source = path.relative_to(in_project).as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    capsys.readouterr()
    assert cli.check([]) == 0
    out = capsys.readouterr().out.splitlines()
    gaps = [line for line in out if "bản nháp:" in line]
    assert gaps == [
        f'Cảnh báo: {source}:{number}: bản nháp: "{key}" ({about}) còn trống; '
        'hãy điền trước khi đổi "ban_nhap" thành false'
        for key, about in (
            ("tom_tat", "tóm tắt một, hai câu, hiện trong danh sách bài và bản tin RSS"),
            ("tac_gia", "tác giả"),
        )
        for number in [next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:"))]
    ]
    [article] = load_content(in_project, in_project / "mkdocs.yml", dates.today_in_vietnam()).articles
    assert (article.summary, article.authors, article.draft) == ("", (), True)


def test_a_published_entry_with_empty_fields_is_still_refused(in_project, monkeypatch, capsys):
    assert cli.new_article(["Bài đăng ngay"]) == 0
    path = next((in_project / "docs" / "bai-viet").rglob("bai-dang-ngay.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("ban_nhap: true", "ban_nhap: false"), encoding="utf-8")
    capsys.readouterr()
    assert cli.check([]) == 1
    out = capsys.readouterr().out
    assert 'trường bắt buộc "tom_tat" đang để trống' in out
    assert 'trường bắt buộc "tac_gia" đang để trống' in out
