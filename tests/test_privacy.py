"""The privacy guard against a corpus: personal data that must be caught (and how it is masked)
and the ordinary numbers of administrative writing that must not be."""

from __future__ import annotations

import os
import re
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.feedback.privacy import find_private, read_names
from projects import ROOT

CORPUS = Path(__file__).parent / "fixtures" / "privacy"
REFUSE = yaml.safe_load((CORPUS / "must_refuse.yaml").read_text(encoding="utf-8"))
MUST_PASS = yaml.safe_load((CORPUS / "must_pass.yaml").read_text(encoding="utf-8"))

NAMES = ("Nguyễn Văn An", "Trần Thị Bích")

MUST_CATCH = [
    ("Gọi 0903 123 456 nhé", "phone", "0903 *** ***"),
    ("số 0903.123.456", "phone", "0903.***.***"),
    ("số 0903-123-456", "phone", "0903-***-***"),
    ("ĐT:0903123456.", "phone", "0903******"),
    ("gọi +84 903 123 456", "phone", "+84 90* *** ***"),
    ("gọi +84903123456", "phone", "+8490*******"),
    ("zalo 84903123456", "phone", "8490*******"),
    ("số 0387 654 321", "phone", "0387 *** ***"),
    ("máy bàn 028 3836 1234", "phone", "028 3*** ****"),
    ("máy bàn 028.3836.1234", "phone", "028.3***.****"),
    ("máy bàn (028) 3836 1234", "phone", "(028) 3*** ****"),
    ("máy bàn 02838361234", "phone", "0283*******"),
    ("thư phuhuynh.lop-la@gmail.com nhé", "email", "p***@gmail.com"),
    ("Email: Nguyen.Van.An@truong.edu.vn", "email", "N***@truong.edu.vn"),
    ("CCCD 079123456789", "id", "079*********"),
    ("CMND số 123456789.", "id", "123******"),
    ("con của chị Trần Thị Bích lớp Lá", "name", "T*** T*** B***"),
    ("anh nguyen van an hỏi", "name", "n*** v*** a***"),
    ("NGUYỄN VĂN AN", "name", "N*** V*** A***"),
]

MUST_NOT_CATCH = [
    "Kế hoạch ký ngày 27/01/2025, hạn 31/12/2025.",
    "Ngày 2025-03-10 nhà trường trả lời.",
    "Học phí 1.500.000 đồng/tháng; tổng 150.000.000 đồng; 20.000.000.000 đồng.",
    "Học phí 1,5 triệu đồng; giảm 0,5%.",
    "Theo nhiệm vụ 3.4 và 1.12 của kế hoạch.",
    "Quyết định số 1191/QĐ-UBND ngày 15/3/2024.",
    "Công văn 12729/VPCP-KGVX.",
    "Năm 2025 và năm học 2024-2025.",
    "Tỷ lệ hài lòng đạt 99% trở lên, 100 %.",
    "Gọi tổng đài 1022 hoặc vào 1022.tphcm.gov.vn.",
    "Giờ tiếp: 7 giờ 30 – 16 giờ 30, phòng 203.",
    "Mã số thuế 0301234567-001 của trường.",  # a tax code is the school's, and has a suffix
    "Lớp Lá 2, 35 trẻ, 3 giáo viên.",
    "Anh An và chị Bích (tên thường, không có trong danh sách).",
]


@pytest.mark.parametrize(("text", "kind", "masked"), MUST_CATCH, ids=[row[0] for row in MUST_CATCH])
def test_personal_data_is_caught_and_masked(text, kind, masked):
    [finding] = find_private(text, NAMES)
    assert (finding.kind, finding.masked) == (kind, masked)
    assert finding.match not in finding.masked


@pytest.mark.parametrize("text", MUST_NOT_CATCH)
def test_ordinary_numbers_are_not_caught(text):
    assert find_private(text, NAMES) == ()


def test_decomposed_text_is_read_like_composed():
    text = unicodedata.normalize("NFD", "chị Trần Thị Bích, số 0903 123 456")
    assert [f.kind for f in find_private(text, NAMES)] == ["name", "phone"]


def test_several_findings_in_reading_order():
    text = "Chị Trần Thị Bích (0903 123 456, bich@example.com) hỏi"
    assert [(f.kind, f.masked) for f in find_private(text, NAMES)] == [
        ("name", "T*** T*** B***"),
        ("phone", "0903 *** ***"),
        ("email", "b***@example.com"),
    ]


def test_private_names_file(tmp_path):
    path = tmp_path / "ten.txt"
    path.write_text("# họ tên cần giữ kín\nTrần Thị Bích\n\n  Nguyễn Văn An  \n", encoding="utf-8")
    assert read_names(str(path)) == ("Trần Thị Bích", "Nguyễn Văn An")
    assert read_names(None) == ()
    with pytest.raises(ValueError, match="không đọc được tệp danh sách họ tên cần giữ kín"):
        read_names(str(tmp_path / "khong-co.txt"))


def test_a_letter_without_a_composed_form_does_not_switch_the_name_check_off():
    # "g̃" (g + combining tilde) has no precomposed form: folding the whole text changes its length.
    text = "Về chữ g̃ trong tên, chị Trần Thị Bích đã gọi lại."
    assert [(f.kind, f.masked) for f in find_private(text, ("Trần Thị Bích",))] == [("name", "T*** T*** B***")]
    dotted = "İ ơi, Tran Thi Bich gọi."
    assert [f.kind for f in find_private(dotted, ("Trần Thị Bích",))] == ["name"]


def test_a_names_file_not_in_utf8_is_a_vietnamese_message(tmp_path):
    path = tmp_path / "ten.txt"
    path.write_bytes("Trần".encode("utf-16"))
    with pytest.raises(ValueError) as caught:
        read_names(str(path))
    assert (
        str(caught.value)
        == f'tệp danh sách họ tên cần giữ kín "{path}" không được lưu bằng mã hóa UTF-8; hãy lưu lại với UTF-8'
    )


def assert_masked(finding) -> None:
    """What a message shows gives away at most the first digits or the first letter."""
    assert finding.match not in finding.masked
    digits = re.sub(r"\D", "", finding.masked)
    assert len(digits) <= 4, finding.masked
    if finding.kind == "email":
        assert re.fullmatch(r".\*\*\*@[\w.\-]+", finding.masked), finding.masked
    if finding.kind == "name":
        assert re.fullmatch(r"\w\*\*\*(?: \w\*\*\*)*", finding.masked), finding.masked


def test_the_corpora_are_large_enough():
    assert len(REFUSE["cases"]) >= 60
    assert len(MUST_PASS) >= 40


@pytest.mark.parametrize("case", REFUSE["cases"], ids=[repr(case["text"]) for case in REFUSE["cases"]])
def test_must_refuse_corpus(case):
    findings = find_private(case["text"], tuple(REFUSE["names"]))
    assert [finding.kind for finding in findings] == [case["kind"]]
    assert_masked(findings[0])
    # The finding names the text as written, disguise included.
    assert findings[0].match in unicodedata.normalize("NFC", case["text"])


@pytest.mark.parametrize("text", MUST_PASS)
def test_must_pass_corpus(text):
    assert find_private(text, tuple(REFUSE["names"])) == ()


# Property-based: known numbers and addresses, disguised by generated separators, invisible
# characters and full-width digits, are refused every time.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u2063", "\ufe0f"]
VISIBLE = ["", "", " ", ".", "-", " - ", " . ", "  ", "\u00a0", "\u2009", "\u2013", "\u2212", "_", "\u00b7", "\u3000"]
PHONES = ["0903123456", "0387654321", "0912345678", "02838361234", "+84903123456", "84983123456"]
WIDE = {str(digit): chr(0xFF10 + digit) for digit in range(10)}
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def disguised_phone(draw):
    number = draw(st.sampled_from(PHONES))
    # The country code is written whole: nobody writes "+8 4".
    head = next((code for code in ("+84", "84") if number.startswith(code)), "")
    digits = number[len(head) :]
    pieces = [head] if head else []
    for index, digit in enumerate(digits):
        if index or head:
            pieces.append(draw(st.sampled_from(VISIBLE)))
        pieces.append("".join(draw(st.lists(st.sampled_from(INVISIBLE), max_size=2))))
        pieces.append(WIDE[digit] if draw(st.booleans()) else digit)
    before = draw(st.sampled_from(["", "Gọi ", "SĐT: ", "zalo "]))
    after = draw(st.sampled_from(["", " nhé", ".", ", cảm ơn"]))
    return number, before + "".join(pieces) + after


@BOUNDED
@given(disguised_phone())
def test_a_phone_number_is_refused_whatever_is_inserted_into_it(case):
    number, text = case
    findings = find_private(text)
    assert [finding.kind for finding in findings] == ["phone"], text
    assert_masked(findings[0])
    shown = re.sub(r"\D", "", findings[0].masked)
    assert number.lstrip("+").startswith(shown)


ATS = ["@", " @ ", "[at]", " [at] ", "(at)", " (at) ", " AT ", " at ", " a còng ", "\uff20", "{at}", " [@] "]
DOTS = [".", " . ", "[dot]", " [dot] ", "(dot)", " DOT ", " chấm ", "\uff0e", " [.] ", "\u2024"]


@st.composite
def disguised_email(draw):
    local = draw(st.sampled_from(["phuhuynh", "nguyen.van.an", "lan.anh99", "me-be-na"]))
    labels = draw(st.sampled_from([["gmail", "com"], ["yahoo", "com", "vn"], ["truong", "edu", "vn"]]))
    written = local + draw(st.sampled_from(ATS)) + labels[0]
    for label in labels[1:]:
        written += draw(st.sampled_from(DOTS)) + label
    # Invisible characters anywhere inside the address.
    positions = draw(st.lists(st.integers(0, len(written)), max_size=4))
    for position in sorted(positions, reverse=True):
        written = written[:position] + draw(st.sampled_from(INVISIBLE)) + written[position:]
    before = draw(st.sampled_from(["", "thư ", "Email: ", "gửi về "]))
    after = draw(st.sampled_from(["", " nhé", ".", ", cảm ơn"]))
    return local, ".".join(labels), before + written + after


@BOUNDED
@given(disguised_email())
def test_an_email_address_is_refused_however_it_is_written(case):
    local, domain, text = case
    findings = find_private(text)
    assert [finding.kind for finding in findings] == ["email"], text
    assert findings[0].masked == f"{local[0]}***@{domain}"


@BOUNDED
@given(
    st.lists(st.sampled_from(["", " ", ".", "-", "\u200b", "\u00a0"]), min_size=11, max_size=11),
    st.sampled_from(["CCCD ", "số căn cước: ", "CMND/CCCD số ", ""]),
)
def test_a_citizen_card_number_is_refused_with_separators(separators, before):
    digits = "079123456789"
    text = (
        before
        + digits[0]
        + "".join(separator + digit for separator, digit in zip(separators, digits[1:], strict=False))
    )
    findings = find_private(text)
    assert [finding.kind for finding in findings] == ["id"], text
    assert_masked(findings[0])


@BOUNDED
@given(st.lists(st.sampled_from(["-", ".", " ", "  ", "_", "\u00ad", "\u200b", "", " - "]), min_size=2, max_size=2))
def test_a_private_name_is_refused_with_anything_between_its_syllables(gaps):
    text = f"Phụ huynh Nguyễn{gaps[0]}Văn{gaps[1]}An hỏi"
    findings = find_private(text, ("Nguyễn Văn An",))
    assert [finding.kind for finding in findings] == ["name"], text
    assert_masked(findings[0])


def test_the_guard_reads_a_long_hostile_answer_in_linear_time():
    # Each pattern can only start at the beginning of a run: 100,000 characters of every shape
    # that would make a backtracking pattern quadratic are read in well under a second each.
    for unit in ("a", "a.", "0", "0 ", "0.", "a@", "@a", "a [at] ", "[", "-", " "):
        text = unit * (100_000 // len(unit))
        started = time.perf_counter()
        find_private(text, ("Nguyễn Văn An",))
        assert time.perf_counter() - started < 5, unit


def private_names_step() -> tuple[dict, list[str]]:
    workflow = yaml.safe_load((ROOT / ".github/workflows/kiem-tra.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["kiem-tra"]["steps"]
    [step] = [step for step in steps if "secrets.CCHC_PRIVATE_NAMES" in str(step.get("env", {}))]
    return step, [str(other.get("run", "")) for other in steps[steps.index(step) + 1 :]]


def run_step(step: dict, tmp_path: Path, secret: str, from_fork: str = "false") -> subprocess.CompletedProcess:
    github_env = tmp_path / "github_env"
    github_env.touch()
    environ = {
        "PATH": os.environ["PATH"],
        "PRIVATE_NAMES": secret,
        "FROM_FORK": from_fork,
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_ENV": str(github_env),
    }
    # GitHub runs a step's script with `bash -e`.
    return subprocess.run(["bash", "-e", "-c", step["run"]], env=environ, capture_output=True, text=True, timeout=30)


def test_the_pull_request_workflow_reads_the_private_names_from_a_secret(tmp_path):
    step, later = private_names_step()
    assert step["env"]["PRIVATE_NAMES"] == "${{ secrets.CCHC_PRIVATE_NAMES }}"
    # The check and both builds come after it, so all of them see the names.
    assert "cchc-kiem-tra" in later and sum(run.startswith("mkdocs build") for run in later) == 2
    done = run_step(step, tmp_path, "Trần Thị Bích\nNguyễn Văn An\n")
    assert done.returncode == 0, done.stderr
    # Each name is masked in the job's log.
    assert done.stdout.splitlines() == ["::add-mask::Trần Thị Bích", "::add-mask::Nguyễn Văn An"]
    [setting] = (tmp_path / "github_env").read_text(encoding="utf-8").splitlines()
    variable, _, path = setting.partition("=")
    assert variable == "CCHC_PRIVATE_NAMES" and Path(path).parent == tmp_path
    assert read_names(path) == ("Trần Thị Bích", "Nguyễn Văn An")
    assert Path(path).stat().st_mode & 0o077 == 0


def test_the_workflow_fails_without_the_secret_except_for_a_fork(tmp_path):
    step, _ = private_names_step()
    missing = run_step(step, tmp_path, "")
    assert missing.returncode == 1
    assert missing.stdout.startswith("::error::Chưa đặt secret CCHC_PRIVATE_NAMES")
    fork = run_step(step, tmp_path, "", from_fork="true")
    assert fork.returncode == 0 and fork.stdout.startswith("::warning::")
    assert (tmp_path / "github_env").read_text(encoding="utf-8") == ""
