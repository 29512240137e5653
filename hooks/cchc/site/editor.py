"""The staff editor at /quan-tri/: the configuration of Decap CMS, made from the content.

Decap CMS (vendored under `docs/quan-tri/`, see `deploy/quan-tri/`) shows a form per kind of
content and saves each entry on its own branch with a pull request (its "editorial workflow"),
so the review, the checks and the merge stay those of any other pull request. Its
configuration is generated at build time so that:

- every form field is one key that a loader reads, with that key's own description (`about`)
  as help text: the loaders' field tables are the one source for both;
- task numbers are picked from the plan's real tasks, areas from the plan's real areas;
- articles are filed under the year folder their publication date belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..articles.model import ARTICLES_DIR, PRACTICES_DIR, ArticleKind, PracticeStatus, entry_fields
from ..base.identity import IDENTITY_FILE
from ..base.identity import form_fields as identity_fields
from ..base.made import Made
from ..base.render import yaml_text
from ..base.yamlsource import Field
from ..content import Content
from ..feedback.model import ANSWERS_FOLDER, CHANNELS_FILE, QuestionStatus, ReceivedVia, Topic, form_fields
from ..plan.model import Plan
from ..reports.entries import REPORTED
from ..reports.entries import form_fields as report_fields
from ..reports.layout import REPORTS_FOLDER, narrative_file

FOLDER = "quan-tri"

REPO_VARIABLE = "CCHC_REPO"
"""owner/name of the GitHub repository the editor opens pull requests on."""
GITHUB_REPO_VARIABLE = "GITHUB_REPOSITORY"
"""Set by GitHub Actions: the default for CCHC_REPO in the publishing workflow."""
AUTH_VARIABLE = "CCHC_OAUTH_URL"
"""Address of the small OAuth service that signs staff in with GitHub (see CONTRIBUTING.md)."""
PROXY_PORT_VARIABLE = "CCHC_DECAP_PORT"
"""Port of the local `decap-server` used on 127.0.0.1 (default 8081, decap-server's own)."""
BRANCH = "main"
IMAGES = "anh"
"""Images are uploaded next to the entry, in its anh/ folder (covers and body images alike)."""
PRACTICES_COLLECTION = "mo-hinh"
"""The editor's collection of practices, which an article's "mo_hinh" field picks from."""


@dataclass(frozen=True)
class EditorSettings:
    repo: str
    """owner/name, or "" when unknown (local work): sign-in is then only possible locally."""
    auth_url: str
    proxy_port: int


def editor_settings(environ: Mapping[str, str]) -> EditorSettings:
    """The editor's settings from environment variables; ValueError with a Vietnamese message."""
    repo = (environ.get(REPO_VARIABLE) or environ.get(GITHUB_REPO_VARIABLE) or "").strip()
    if repo and (repo.count("/") != 1 or not all(part.strip() for part in repo.split("/"))):
        raise ValueError(f'Biến môi trường {REPO_VARIABLE} phải có dạng chủ-sở-hữu/tên-kho, nhận được "{repo}"')
    auth_url = (environ.get(AUTH_VARIABLE) or "").strip().rstrip("/")
    if auth_url and not auth_url.startswith("https://"):
        raise ValueError(
            f'Biến môi trường {AUTH_VARIABLE} phải là địa chỉ bắt đầu bằng https://, nhận được "{auth_url}"'
        )
    port_text = (environ.get(PROXY_PORT_VARIABLE) or "8081").strip()
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ValueError(
            f'Biến môi trường {PROXY_PORT_VARIABLE} phải là số cổng từ 1 đến 65535, nhận được "{port_text}"'
        )
    return EditorSettings(repo, auth_url, int(port_text))


def _options(codes: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"label": label, "value": code} for code, label in codes.items()]


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _task_options(plans: tuple[Plan, ...]) -> list[dict[str, str]]:
    seen: dict[str, str] = {}
    for plan in plans:
        for task in plan.tasks:
            seen.setdefault(task.number, f"{task.number} – {_short(task.text)}")
    return [{"label": label, "value": number} for number, label in seen.items()]


def _date(name: str, label: str, about: Field, *, pattern: tuple[str, str] | None = None) -> dict:
    field = {
        "name": name,
        "label": label,
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "date_format": "DD/MM/YYYY",
        "time_format": False,
    }
    if pattern:
        field["pattern"] = list(pattern)
    return _described(field, about)


_MORE_HELP = {
    "ma": "Trang quản trị tự tạo khi lưu lần đầu.",
    "tieu_de": "Viết đầy đủ, có dấu; địa chỉ của bài được tạo từ tiêu đề.",
    "tac_gia": "Nhiều người: cách nhau bằng dấu phẩy.",
    "anh_bia": "Ảnh được lưu trong thư mục anh/ cạnh bài.",
    "anh_bia_mo_ta": "Bắt buộc khi có ảnh bìa.",
    "ban_nhap": "Bật khi bài chưa sẵn sàng đăng; bài vẫn được gửi duyệt nhưng không hiện trên trang.",
    "cau_hoi": "Không ghi họ tên, số điện thoại, địa chỉ hay thư điện tử của phụ huynh: trang sẽ từ chối.",
}


def _described(field: dict, about: Field) -> dict:
    """A form field with its key's description as help text, required as the loader requires it."""
    more = _MORE_HELP.get(field["name"])
    field["hint"] = about.about[:1].upper() + about.about[1:] + "." + (f" {more}" if more else "")
    if not about.required:
        field["required"] = False
    return field


_ENTRY_LABELS = {
    "ma": "Mã riêng của bài",
    "tieu_de": "Tiêu đề",
    "ngay_dang": "Ngày đăng",
    "loai": "Loại bài",
    "tom_tat": "Tóm tắt",
    "tac_gia": "Tác giả",
    "anh_bia": "Ảnh bìa",
    "anh_bia_mo_ta": "Mô tả ảnh bìa",
    "nhiem_vu": "Phục vụ nhiệm vụ của kế hoạch",
    "mo_hinh": "Mô hình mà bài giới thiệu",
    "ngay_gui": "Ngày gửi Ban Chỉ đạo CCHC",
    "ban_nhap": "Bản nháp (chưa đăng)",
    "linh_vuc": "Lĩnh vực cải cách",
    "tu_ngay": "Áp dụng từ ngày",
    "trang_thai": "Tình trạng áp dụng",
    "ket_qua": "Kết quả (mỗi kết quả một dòng)",
}
"""The label of each front-matter key on the article and practice forms."""


def _entry_fields(spec: Mapping[str, Field], plans: tuple[Plan, ...], *, year: int | None) -> list[dict]:
    """The form of an article or a practice: one field per front-matter key, then the body."""
    tasks = _task_options(tuple(plan for plan in plans if plan.year == year) or plans)
    areas = {str(area.number): f"{area.number}. {area.name}" for plan in plans[:1] for area in plan.areas}
    widgets = {
        "ma": {"widget": "hidden"},
        "tieu_de": {"widget": "string"},
        "tom_tat": {"widget": "text"},
        "tac_gia": {"widget": "list", "allow_add": True},
        "loai": {"widget": "select", "options": _options(ArticleKind.labels()), "default": "bai_viet"},
        "anh_bia": {"widget": "image", "choose_url": False},
        "anh_bia_mo_ta": {"widget": "string"},
        "nhiem_vu": {"widget": "select", "multiple": True, "options": tasks},
        "ban_nhap": {"widget": "boolean", "default": False},
        "mo_hinh": {
            "widget": "relation",
            "collection": PRACTICES_COLLECTION,
            "value_field": "{{slug}}",
            "search_fields": ["tieu_de"],
            "display_fields": ["tieu_de"],
        },
        "linh_vuc": {"widget": "select", "options": [{"label": label, "value": int(n)} for n, label in areas.items()]},
        "trang_thai": {"widget": "select", "options": _options(PracticeStatus.labels())},
        "ket_qua": {"widget": "list", "allow_add": True},
    }
    fields = []
    for key, about in sorted(spec.items(), key=lambda item: _ORDER.index(item[0])):
        if key in ("ngay_dang", "tu_ngay", "ngay_gui"):
            pattern = None
            if key == "ngay_dang" and year is not None:
                pattern = (f"^{year}-", f"Ngày đăng phải thuộc năm {year}, năm của mục bài viết này")
            fields.append(_date(key, _ENTRY_LABELS[key], about, pattern=pattern))
            continue
        fields.append(_described({"name": key, "label": _ENTRY_LABELS[key], **widgets[key]}, about))
    fields.append(
        {
            "name": "body",
            "label": "Nội dung",
            "widget": "markdown",
            "hint": "Nội dung bài; tiêu đề đã có ở trên, không viết lại. Ảnh trong bài phải có mô tả.",
        }
    )
    return fields


_DATES = frozenset({"ngay_nhan", "ngay_tra_loi", "ngay_hoan_thanh", "tu_ngay", "den_ngay"})
"""Keys whose values are dates written YYYY-MM-DD: a date picker (shown dd/mm/yyyy)."""


def _form(
    spec: Mapping[str, Field], labels: Mapping[str, str], widgets: Mapping[str, dict], default: dict
) -> list[dict]:
    """One form field per key of a loader's table, in the table's order."""
    return [
        _date(key, labels[key], about)
        if key in _DATES
        else _described({"name": key, "label": labels[key], **widgets.get(key, default)}, about)
        for key, about in spec.items()
    ]


_ORDER = (
    "ma",
    "tieu_de",
    "ngay_dang",
    "loai",
    "tom_tat",
    "tac_gia",
    "anh_bia",
    "anh_bia_mo_ta",
    "nhiem_vu",
    "linh_vuc",
    "tu_ngay",
    "trang_thai",
    "ket_qua",
    "mo_hinh",
    "ngay_gui",
    "ban_nhap",
)
"""The order of the article and practice forms: what every entry needs first."""


def _entry_collection(name: str, label: str, singular: str, folder: str, fields: list[dict]) -> dict:
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "identifier_field": "tieu_de",
        "slug": "{{tieu_de}}",
        "summary": "{{tieu_de}} ({{ngay_dang}})",
        "sortable_fields": ["ngay_dang", "tieu_de"],
        "media_folder": IMAGES,
        "public_folder": IMAGES,
        "fields": fields,
    }


_ANSWER_LABELS = {
    "so": "Số thứ tự",
    "ngay_nhan": "Ngày nhận",
    "kenh": "Kênh nhận",
    "chu_de": "Chủ đề",
    "cau_hoi": "Câu hỏi (đã bỏ họ tên, số điện thoại, địa chỉ)",
    "trang_thai": "Tình trạng",
    "tra_loi": "Câu trả lời của nhà trường",
    "ngay_tra_loi": "Ngày trả lời",
    "nhiem_vu": "Nhiệm vụ liên quan",
}
"""The label of each key of a question on the Q&A form."""


def _answers_collection(years: tuple[int, ...]) -> dict:
    spec = form_fields()
    question, answers_file = spec["question"], spec["answers_file"]
    widgets = {
        "so": {"widget": "number", "value_type": "int", "min": 1},
        "kenh": {"widget": "select", "options": _options(ReceivedVia.labels())},
        "chu_de": {"widget": "select", "options": _options(Topic.labels())},
        "cau_hoi": {"widget": "text"},
        "trang_thai": {"widget": "select", "options": _options(QuestionStatus.labels()), "default": "dang_xu_ly"},
        "tra_loi": {"widget": "text"},
        "nhiem_vu": {"widget": "string"},
    }
    items = _form(question, _ANSWER_LABELS, widgets, {"widget": "string"})
    files = []
    for year in years:
        files.append(
            {
                "name": f"hoi-dap-{year}",
                "label": f"Hỏi đáp năm {year}",
                "file": f"{ANSWERS_FOLDER}/{year}.yaml",
                "fields": [
                    _described(
                        {"name": "nam", "label": "Năm", "widget": "hidden", "default": year}, answers_file["nam"]
                    ),
                    _described(
                        {
                            "name": "hoi_dap",
                            "label": "Câu hỏi và trả lời",
                            "label_singular": "câu hỏi",
                            "widget": "list",
                            "summary": "{{fields.so}}. {{fields.cau_hoi}}",
                            "add_to_top": True,
                            "fields": items,
                        },
                        answers_file["hoi_dap"],
                    ),
                ],
            }
        )
    return {"name": "hoi-dap", "label": "Hỏi đáp", "files": files}


def _channels_collection() -> dict:
    spec = form_fields()
    channels, city, privacy = spec["channels"], spec["city"], spec["privacy"]
    labels = {
        "tieu_de_thu": "Tiêu đề thư gợi ý",
        "zalo_oa": "Zalo Official Account của trường",
        "gio_tiep": "Giờ tiếp phụ huynh",
        "hom_thu": "Nơi đặt hòm thư góp ý",
        "thanh_pho": "Kênh tiếp nhận của Thành phố",
        "thoi_han_tra_loi": "Thời hạn trả lời (ngày làm việc)",
        "noi_dung_can_co": "Phụ huynh nên ghi những gì",
        "bao_mat": "Thông báo bảo mật",
        "ten": "Tên",
        "duong_day_nong": "Tổng đài",
        "cong_thong_tin": "Cổng tiếp nhận",
        "thu_thap": "Thông tin được thu thập",
        "nguoi_doc": "Ai được đọc",
        "cong_bo": "Công bố câu trả lời",
    }

    def plain(spec: Mapping[str, Field]) -> list[dict]:
        return _form(spec, labels, {}, {"widget": "text"})

    widgets: dict[str, dict] = {
        "tieu_de_thu": {"widget": "string"},
        "zalo_oa": {"widget": "string"},
        "gio_tiep": {"widget": "string"},
        "hom_thu": {"widget": "string"},
        "thanh_pho": {"widget": "object", "fields": plain(city)},
        "thoi_han_tra_loi": {"widget": "number", "value_type": "int", "min": 1, "max": 60},
        "noi_dung_can_co": {"widget": "list", "field": {"name": "muc", "label": "Mục", "widget": "text"}},
        "bao_mat": {"widget": "object", "fields": plain(privacy)},
    }
    fields = _form(channels, labels, widgets, {"widget": "string"})
    return {
        "name": "kenh-phan-anh",
        "label": "Kênh phản ánh",
        "files": [
            {"name": "kenh", "label": "Kênh tiếp nhận phản ánh, kiến nghị", "file": CHANNELS_FILE, "fields": fields}
        ],
    }


_REPORT_LABELS = {
    "so": "Nhiệm vụ",
    "trang_thai": "Tình trạng",
    "ty_le": "Tỷ lệ đã làm (%)",
    "ngay_hoan_thanh": "Ngày hoàn thành",
    "ghi_chu": "Ghi chú",
    "san_pham": "Sản phẩm, minh chứng",
    "kho_khan": "Khó khăn, vướng mắc",
    "de_xuat": "Đề xuất, kiến nghị",
    "nhiem_vu_trong_tam": "Nhiệm vụ trọng tâm kỳ tới",
}
"""The label of each key of a progress entry and of a narrative, on their forms."""


_PRODUCT_FIELDS = [
    {"name": "ten", "label": "Tên sản phẩm", "widget": "string"},
    {"name": "lien_ket", "label": "Nơi công bố (đường dẫn)", "widget": "string", "required": False},
]


def _progress_collection(plan: Plan, report: Mapping[str, Field], task: Mapping[str, Field]) -> dict:
    """The dated progress reports of one plan year: a new file each time, tasks picked from the plan."""
    widgets = {
        "so": {"widget": "select", "options": _task_options((plan,))},
        "trang_thai": {"widget": "select", "options": _options(REPORTED)},
        "ty_le": {"widget": "number", "value_type": "int", "min": 0, "max": 100},
        "ghi_chu": {"widget": "text"},
        "san_pham": {"widget": "list", "fields": _PRODUCT_FIELDS},
    }
    items = _form(task, _REPORT_LABELS, widgets, {"widget": "string"})
    fields = [
        _described({"name": "tieu_de", "label": "Tên báo cáo", "widget": "string"}, report["tieu_de"]),
        _described(
            {
                "name": "nhiem_vu",
                "label": "Tiến độ các nhiệm vụ",
                "label_singular": "nhiệm vụ",
                "widget": "list",
                "summary": "{{fields.so}}: {{fields.trang_thai}}",
                "fields": items,
            },
            report["nhiem_vu"],
        ),
    ]
    return {
        "name": f"tien-do-{plan.year}",
        "label": f"Báo cáo tiến độ {plan.year}",
        "label_singular": f"báo cáo tiến độ {plan.year}",
        "description": "Mỗi lần báo cáo là một tệp mới, mang ngày hôm nay; không sửa báo cáo cũ.",
        "folder": f"{REPORTS_FOLDER}/{plan.year}",
        "create": True,
        "extension": "yaml",
        "format": "yml",
        "identifier_field": "tieu_de",
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
        "fields": fields,
    }


def _narrative_collection(year: int, narrative: Mapping[str, Field]) -> dict:
    """What staff write for each quarter's report and the year's report of plan year `year`."""
    periods = [(quarter, f"Quý {quarter}") for quarter in range(1, 5)] + [(None, "Cả năm")]
    text_list = {"widget": "list", "field": {"name": "muc", "label": "Mục", "widget": "text"}}
    files = []
    for quarter, label in periods:
        file = narrative_file(year, quarter)
        files.append(
            {
                "name": f"{PurePosixPath(file).stem}-{year}",
                "label": f"{label} năm {year}",
                "file": file,
                "fields": [*_form(narrative, _REPORT_LABELS, {}, text_list)],
            }
        )
    return {"name": f"nhan-xet-{year}", "label": f"Nhận xét báo cáo {year}", "files": files}


def _reports_collections(plans: tuple[Plan, ...]) -> list[dict]:
    """Per plan year: dated progress reports (a new file each time), and each period's narrative."""
    spec = report_fields()
    collections = []
    for plan in plans:
        collections.append(_progress_collection(plan, spec["report"], spec["task"]))
        collections.append(_narrative_collection(plan.year, spec["narrative"]))
    return collections


def _identity_collection() -> dict:
    spec = identity_fields()
    labels = {
        "ten": "Tên đơn vị",
        "ten_chuyen_muc": "Tên chuyên mục",
        "dia_chi": "Địa chỉ",
        "dien_thoai": "Số điện thoại",
        "email": "Thư điện tử",
        "nguoi_chiu_trach_nhiem": "Người chịu trách nhiệm nội dung",
        "chuc_vu_nguoi_chiu_trach_nhiem": "Chức vụ người chịu trách nhiệm",
        "logo": "Biểu trưng (logo)",
        "co_quan_quan_ly": "Cơ quan quản lý theo thời gian",
    }
    authority_labels = {
        "ten": "Tên cơ quan",
        "ban_chi_dao": "Ban Chỉ đạo CCHC",
        "viet_tat": "Tên viết tắt",
        "tu_ngay": "Từ ngày",
        "den_ngay": "Đến ngày",
        "dia_danh": "Địa danh ở dòng ngày tháng",
    }
    authority = _form(spec["authority"], authority_labels, {}, {"widget": "string"})
    widgets = {
        "logo": {"widget": "image", "choose_url": False, "media_folder": "/docs/assets", "public_folder": "assets"},
        "co_quan_quan_ly": {
            "widget": "list",
            "label_singular": "cơ quan",
            "fields": authority,
            "summary": "{{fields.ten}}",
        },
    }
    fields = _form(spec["school"], labels, widgets, {"widget": "string"})
    return {
        "name": "don-vi",
        "label": "Thông tin nhà trường",
        "files": [{"name": "don-vi", "label": "Thông tin nhà trường", "file": IDENTITY_FILE, "fields": fields}],
    }


def _backend(settings: EditorSettings) -> dict:
    """Where Decap CMS saves: a branch and a pull request per entry on the GitHub repository."""
    backend = {
        "name": "github",
        "repo": settings.repo or "chua-dat/CCHC_REPO",
        "branch": BRANCH,
        "squash_merges": True,
        "commit_messages": {
            "create": "Thêm {{collection}} “{{slug}}” (soạn trên trang quản trị)",
            "update": "Sửa {{collection}} “{{slug}}” (soạn trên trang quản trị)",
            "delete": "Xóa {{collection}} “{{slug}}” (soạn trên trang quản trị)",
            "uploadMedia": "Tải ảnh “{{path}}” lên (soạn trên trang quản trị)",
            "deleteMedia": "Xóa ảnh “{{path}}” (soạn trên trang quản trị)",
        },
    }
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    return backend


def _collections(
    plans: tuple[Plan, ...], article_years: tuple[int, ...], answer_years: tuple[int, ...], as_of: dt.date
) -> list[dict]:
    """Every kind of content staff edit, articles of the newest year first."""
    years = tuple(sorted({*article_years, *(plan.year for plan in plans), as_of.year}, reverse=True))
    collections = [
        _entry_collection(
            f"bai-viet-{year}",
            f"Bài viết năm {year}",
            f"bài viết năm {year}",
            f"docs/{ARTICLES_DIR}/{year}",
            _entry_fields(entry_fields(practice=False), plans, year=year),
        )
        for year in years
    ]
    collections.append(
        _entry_collection(
            PRACTICES_COLLECTION,
            "Mô hình, giải pháp hay",
            "mô hình",
            f"docs/{PRACTICES_DIR}",
            _entry_fields(entry_fields(practice=True), plans, year=None),
        )
    )
    collections.extend(_reports_collections(plans))
    collections.append(_answers_collection(tuple(sorted({*answer_years, as_of.year}, reverse=True))))
    collections.append(_channels_collection())
    collections.append(_identity_collection())
    return collections


def editor_config(
    plans: tuple[Plan, ...],
    article_years: tuple[int, ...],
    answer_years: tuple[int, ...],
    as_of: dt.date,
    settings: EditorSettings,
) -> str:
    """The YAML text of Decap CMS's config.yml; the same content and settings give the same bytes.

    `article_years` and `answer_years` are the years that already have an article folder or a
    Q&A file; the as-of year and the plans' years are offered too, so staff can start them."""
    config = {
        "locale": "vi",
        "backend": _backend(settings),
        # Used only when the page is opened on 127.0.0.1 or localhost, with decap-server running.
        "local_backend": {"url": f"http://127.0.0.1:{settings.proxy_port}/api/v1"},
        "publish_mode": "editorial_workflow",
        "show_preview_links": False,
        "media_folder": "docs/assets/anh",
        "public_folder": "/assets/anh",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "collections": _collections(plans, article_years, answer_years, as_of),
    }
    header = (
        "# Tạo tự động khi dựng trang (hooks/cchc/site/editor.py), không sửa tay.\n"
        "# Generated at build time from the content; do not edit.\n"
    )
    return header + yaml_text(config)


_configs: Made[str] = Made(kept=2, for_rebuilds_only=True)


def content_editor_config(content: Content, settings: EditorSettings) -> str:
    """`editor_config` for the site's validated content, made once per process for the same
    inputs: a preview rebuild after an edit of an article's text does not write the YAML again."""
    inputs = (
        content.plans,
        tuple({article.year for article in content.articles}),
        tuple({question.year for question in content.questions}),
        content.as_of,
        settings,
    )
    return _configs.get(inputs, lambda: editor_config(*inputs))
