"""Publishing: the production workflow's shape (it cannot run on GitHub from here), the dated
archive it attaches, and the portal's install script that switches versions with one rename."""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
from pathlib import Path

import pytest
import yaml

from projects import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PACK = ROOT / "deploy" / "dong-goi.sh"
INSTALL = ROOT / "deploy" / "cai-dat.sh"


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def test_the_publishing_workflow_runs_on_main_daily_after_midnight_in_vietnam_and_on_demand():
    workflow = _workflow("xuat-ban.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["on"]["schedule"] == [{"cron": "10 17 * * *"}]  # 00:10 at UTC+7
    assert "workflow_dispatch" in workflow["on"] and "pull_request" not in workflow["on"]
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_the_publishing_workflow_checks_builds_strictly_and_publishes_with_the_pages_actions():
    workflow = _workflow("xuat-ban.yml")
    build, deploy = workflow["jobs"]["tao-trang"], workflow["jobs"]["xuat-ban"]
    steps = _steps(build)
    runs = [step.get("run", "") for step in steps]
    assert all(step.get("name") for step in steps if "run" in step), "every run step has a Vietnamese name"
    assert build["env"]["CCHC_SITE_URL"] == "${{ vars.CCHC_SITE_URL }}"
    as_of = next(run for run in runs if "CCHC_AS_OF=" in run)
    assert "TZ=Asia/Ho_Chi_Minh date +%F" in as_of
    order = [
        next(index for index, run in enumerate(runs) if "pip install --require-hashes -r requirements.lock" in run),
        runs.index(as_of),
        runs.index("cchc-kiem-tra"),
        runs.index("mkdocs build --strict --site-dir site"),
        runs.index('bash deploy/dong-goi.sh site ban-luu "$CCHC_AS_OF"'),
    ]
    assert order == sorted(order)
    private = next(step for step in steps if "CCHC_PRIVATE_NAMES" in step.get("run", ""))
    assert private["env"]["TEN_CAN_GIU_KIN"] == "${{ secrets.CCHC_PRIVATE_NAMES }}"
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    archive = uses["actions/upload-artifact"]["with"]
    assert archive["name"] == "cchc-site-${{ steps.ngay.outputs.ngay }}"
    assert archive["path"].splitlines() == [
        "ban-luu/cchc-site-${{ steps.ngay.outputs.ngay }}.tar.gz",
        "ban-luu/cchc-site-${{ steps.ngay.outputs.ngay }}.tar.gz.sha256",
    ]
    # Deployment only after a successful build: a failed build leaves the last site online.
    assert deploy["needs"] == "tao-trang" and "if" not in deploy
    assert [step["uses"].split("@")[0] for step in _steps(deploy)] == [
        "actions/configure-pages",
        "actions/deploy-pages",
    ]
    assert deploy["environment"]["name"] == "github-pages"


def test_only_the_deploy_job_of_the_publishing_workflow_can_write():
    publishing = _workflow("xuat-ban.yml")
    assert publishing["permissions"] == {"contents": "read"}
    assert "permissions" not in publishing["jobs"]["tao-trang"]
    assert publishing["jobs"]["xuat-ban"]["permissions"] == {"pages": "write", "id-token": "write"}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        if path.name == "xuat-ban.yml":
            continue
        other = _workflow(path.name)
        assert other["permissions"] == {"contents": "read"}, path.name
        for name, job in other["jobs"].items():
            assert all(value in ("read", "none") for value in job.get("permissions", {}).values()), (path.name, name)


def _site(folder: Path, text: str) -> Path:
    (folder / "ke-hoach").mkdir(parents=True)
    (folder / "index.html").write_text(f"<h1>{text}</h1>", encoding="utf-8")
    (folder / "404.html").write_text("<h1>Không tìm thấy trang</h1>", encoding="utf-8")
    (folder / "ke-hoach" / "index.html").write_text(text, encoding="utf-8")
    return folder


def _pack(site: Path, out: Path, day: str) -> Path:
    run = subprocess.run(["bash", str(PACK), str(site), str(out), day], capture_output=True, text=True, check=True)
    return Path(run.stdout.strip())


def _install(archive: Path, base: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(INSTALL), str(archive), str(base)], capture_output=True, text=True)


def test_the_dated_archive_is_reproducible_and_its_sha256_file_matches(tmp_path):
    site = _site(tmp_path / "site", "Bản ngày 29")
    first = _pack(site, tmp_path / "a", "2026-11-29")
    second = _pack(site, tmp_path / "b", "2026-11-29")
    assert first.name == "cchc-site-2026-11-29.tar.gz"
    assert first.read_bytes() == second.read_bytes()
    digest, name = (tmp_path / "a" / "cchc-site-2026-11-29.tar.gz.sha256").read_text().split()
    assert (digest, name) == (hashlib.sha256(first.read_bytes()).hexdigest(), first.name)
    with tarfile.open(first) as archive:
        names = sorted(member.name for member in archive.getmembers())
    assert names == [".", "./404.html", "./index.html", "./ke-hoach", "./ke-hoach/index.html"]


def test_pack_refuses_a_bad_date_in_vietnamese(tmp_path):
    site = _site(tmp_path / "site", "x")
    run = subprocess.run(["bash", str(PACK), str(site), str(tmp_path), "30/11/2026"], capture_output=True, text=True)
    assert run.returncode == 2 and "không hợp lệ" in run.stderr


def test_install_switches_with_one_rename_and_rolls_back_with_the_previous_archive(tmp_path):
    base = tmp_path / "www"
    old = _pack(_site(tmp_path / "s1", "Bản ngày 29"), tmp_path / "out", "2026-11-29")
    new = _pack(_site(tmp_path / "s2", "Bản ngày 30"), tmp_path / "out", "2026-11-30")
    served = base / "hien-tai"

    assert _install(old, base).returncode == 0
    assert served.is_symlink() and (served / "index.html").read_text(encoding="utf-8") == "<h1>Bản ngày 29</h1>"
    result = _install(new, base)
    assert result.returncode == 0 and "cchc-site-2026-11-30" in result.stdout
    assert (served / "ke-hoach" / "index.html").read_text(encoding="utf-8") == "Bản ngày 30"
    assert not (base / ".hien-tai-moi").exists()
    # Rolling back: the same command with the previous archive.
    assert _install(old, base).returncode == 0
    assert (served / "index.html").read_text(encoding="utf-8") == "<h1>Bản ngày 29</h1>"
    assert len(list((base / "ban").iterdir())) == 3
    mode = (served / "index.html").resolve().stat().st_mode & 0o777
    assert mode & 0o044 == 0o044, oct(mode)


@pytest.mark.parametrize("damage", ["archive", "missing-sum", "not-a-site"])
def test_install_refuses_a_damaged_archive_and_keeps_the_served_site(tmp_path, damage):
    base = tmp_path / "www"
    good = _pack(_site(tmp_path / "s1", "Bản tốt"), tmp_path / "good", "2026-11-29")
    assert _install(good, base).returncode == 0
    target = (base / "hien-tai").resolve()
    bad = _pack(_site(tmp_path / "s2", "Bản mới"), tmp_path / "bad", "2026-11-30")
    if damage == "archive":
        data = bytearray(bad.read_bytes())
        data[len(data) // 2] ^= 0xFF
        bad.write_bytes(bytes(data))
        expected = "không khớp"
    elif damage == "missing-sum":
        Path(f"{bad}.sha256").unlink()
        expected = "thiếu tệp"
    else:
        with tarfile.open(bad, "w:gz") as archive:
            archive.add(tmp_path / "s2" / "ke-hoach", arcname="ke-hoach")
        digest = hashlib.sha256(bad.read_bytes()).hexdigest()
        Path(f"{bad}.sha256").write_text(f"{digest}  {bad.name}\n")
        expected = "thiếu index.html"
    result = _install(bad, base)
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert (base / "hien-tai").resolve() == target
    assert (base / "hien-tai" / "index.html").read_text(encoding="utf-8") == "<h1>Bản tốt</h1>"
    assert len(list((base / "ban").iterdir())) == 1
