"""The staff editor's configuration (cchc.site.editor): made from the loaders' own field tables."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import yaml
from lxml import html

from cchc.articles.model import entry_fields
from cchc.base import made
from cchc.base.identity import form_fields as identity_fields
from cchc.content import load_content
from cchc.feedback.model import form_fields
from cchc.plan.model import load_plans
from cchc.site.editor import EditorSettings, content_editor_config, editor_config, editor_settings
from projects import ROOT

SETTINGS = EditorSettings("truong-mn-nct/cchc", "https://dang-nhap.example.org", 8081)


@pytest.fixture(scope="module")
def config() -> dict:
    plans = load_plans(ROOT / "plan", ROOT)
    return yaml.safe_load(editor_config(plans, (2025,), (2025,), dt.date(2026, 11, 30), SETTINGS))


def _collection(config: dict, name: str) -> dict:
    return next(item for item in config["collections"] if item["name"] == name)


def test_every_form_field_is_a_key_the_loader_reads(config):
    for name, practice in (("bai-viet-2025", False), ("mo-hinh", True)):
        names = [field["name"] for field in _collection(config, name)["fields"]]
        assert set(names) == set(entry_fields(practice=practice)) | {"body"}, name
        assert len(names) == len(set(names))
    spec = form_fields()
    [answers] = [item for item in _collection(config, "hoi-dap")["files"] if item["name"] == "hoi-dap-2026"]
    items = next(field for field in answers["fields"] if field["name"] == "hoi_dap")["fields"]
    assert [field["name"] for field in items] == list(spec["question"])
    channels = _collection(config, "kenh-phan-anh")["files"][0]["fields"]
    assert [field["name"] for field in channels] == list(spec["channels"])


def test_help_text_is_the_keys_own_description_in_vietnamese(config):
    fields = {field["name"]: field for field in _collection(config, "bai-viet-2025")["fields"]}
    about = entry_fields(practice=False)
    for key, field in fields.items():
        if key != "body":
            assert field["hint"].lower().startswith(about[key].about.lower()), key
            assert field.get("required", True) == about[key].required, key


def test_task_numbers_are_the_plans_real_tasks(config):
    plans = load_plans(ROOT / "plan", ROOT)
    tasks = next(f for f in _collection(config, "bai-viet-2025")["fields"] if f["name"] == "nhiem_vu")
    assert [option["value"] for option in tasks["options"]] == [task.number for task in plans[0].tasks]
    assert tasks["multiple"] is True
    assert all(option["label"].startswith(option["value"] + " – ") for option in tasks["options"])


def test_articles_are_filed_under_their_year_and_images_beside_them(config):
    years = [item["name"] for item in config["collections"] if item["name"].startswith("bai-viet-")]
    assert years == ["bai-viet-2026", "bai-viet-2025"]
    collection = _collection(config, "bai-viet-2026")
    assert collection["folder"] == "docs/bai-viet/2026"
    assert (collection["media_folder"], collection["public_folder"]) == ("anh", "anh")
    date = next(field for field in collection["fields"] if field["name"] == "ngay_dang")
    assert date["format"] == "YYYY-MM-DD" and date["pattern"][0] == "^2026-"


def test_backend_opens_pull_requests_on_the_repository(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == config["backend"] | {
        "name": "github",
        "repo": "truong-mn-nct/cchc",
        "branch": "main",
        "base_url": "https://dang-nhap.example.org",
    }
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    assert config["locale"] == "vi"


def test_settings_come_from_the_environment_with_vietnamese_messages():
    assert editor_settings({"GITHUB_REPOSITORY": "a/b"}) == EditorSettings("a/b", "", 8081)
    assert editor_settings({"CCHC_REPO": "c/d", "GITHUB_REPOSITORY": "a/b", "CCHC_DECAP_PORT": "9000"}).repo == "c/d"
    for environ, wording in (
        ({"CCHC_REPO": "khong-co-gach"}, "chủ-sở-hữu/tên-kho"),
        ({"CCHC_OAUTH_URL": "http://x"}, "https://"),
        ({"CCHC_DECAP_PORT": "tám"}, "số cổng"),
    ):
        with pytest.raises(ValueError, match=wording):
            editor_settings(environ)


def test_vendored_decap_matches_its_pin():
    lock = dict(
        line.split("=", 1)
        for line in (ROOT / "deploy/quan-tri/decap.lock").read_text().splitlines()
        if line and not line.startswith("#")
    )
    folder = ROOT / "docs/quan-tri/decap"
    recorded = {}
    for line in (ROOT / "deploy/quan-tri/decap.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        recorded[name] = digest
    assert recorded == {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.iterdir()}
    assert f'"version": "{lock["version"]}"' in (folder / "package.json").read_text()
    assert f"decap-cms {lock['version']}".encode() in (folder / "decap-cms.js").read_bytes()
    scripts = html.fromstring((ROOT / "docs/quan-tri/index.html").read_bytes()).xpath("//script/@src")
    assert scripts == ["decap/decap-cms.js", "cchc-editor.js"]  # nothing from another site


def test_the_identity_form_has_every_key_of_the_identity_file(config):
    spec = identity_fields()
    [school] = _collection(config, "don-vi")["files"]
    assert school["file"] == "docs/don-vi.yaml"
    assert [field["name"] for field in school["fields"]] == list(spec["school"])
    authorities = next(field for field in school["fields"] if field["name"] == "co_quan_quan_ly")
    assert [field["name"] for field in authorities["fields"]] == list(spec["authority"])


def test_the_config_is_written_once_per_process_for_the_same_content_and_settings(monkeypatch):
    """A preview rebuild loads the content again; equal content and settings reuse the YAML text,
    any change of them writes it again."""
    monkeypatch.setattr(made, "_rebuilds", True)
    content = load_content(ROOT, ROOT / "mkdocs.yml", dt.date(2026, 11, 30))
    again = load_content(ROOT, ROOT / "mkdocs.yml", dt.date(2026, 11, 30))
    first = content_editor_config(content, SETTINGS)
    assert content_editor_config(again, SETTINGS) is first
    other = EditorSettings("truong-khac/cchc", SETTINGS.auth_url, SETTINGS.proxy_port)
    assert "truong-khac/cchc" in content_editor_config(again, other)
    later = load_content(ROOT, ROOT / "mkdocs.yml", dt.date(2027, 1, 1))
    assert content_editor_config(later, SETTINGS) == editor_config(
        later.plans, (), tuple({q.year for q in later.questions}), later.as_of, SETTINGS
    )
