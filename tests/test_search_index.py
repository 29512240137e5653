"""The diacritic-free search field added to Material's search index, and the index size
(a performance figure, printed: run `pytest -s -k size` to read it)."""

from __future__ import annotations

import json
import unicodedata

from cchc.site.search_index import FIELD, TITLE_FIELD, fold_index, folded_words


def test_folded_words_keep_only_changed_words_once():
    assert folded_words("Học phí", "<p>Đóng học phí qua ngân hàng; CCHC 2025 &amp; học phí</p>") == (
        "hoc phi dong ngan hang"
    )


def test_folded_words_of_decomposed_text_equal_composed():
    assert folded_words(unicodedata.normalize("NFD", "cải cách hành chính")) == "cai cach hanh chinh"


def test_fold_index_adds_the_field_and_keeps_what_results_show():
    data = {
        "config": {"lang": ["vi"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "a/", "title": "Đăng ký", "text": "<p>Đăng ký tuyển sinh</p>"},
            {"location": "b/", "title": "CCHC", "text": "<p>2025</p>"},
        ],
    }
    folded = fold_index(data)
    # Boosted a little below their real fields: an exact match ranks first.
    assert folded["config"]["fields"][FIELD] == {"boost": 0.9}
    assert folded["config"]["fields"][TITLE_FIELD] == {"boost": 900.0}
    assert folded["config"]["fields"]["title"] == {"boost": 1000.0}
    assert folded["docs"][0] == {**data["docs"][0], TITLE_FIELD: "dang ky", FIELD: "dang ky tuyen"}
    assert folded["docs"][1] == data["docs"][1]  # nothing accented, nothing added
    assert FIELD not in data["config"]["fields"]  # the input is not changed


def test_index_size_of_the_real_site(built_site):
    _, site, _ = built_site
    raw = (site / "search" / "search_index.json").read_bytes()
    data = json.loads(raw)
    without = {**data, "docs": [{k: v for k, v in doc.items() if k != FIELD} for doc in data["docs"]]}
    plain = len(json.dumps(without, ensure_ascii=False, separators=(",", ":")).encode())
    print(
        f"\nsearch index: {len(raw)} bytes for {len(data['docs'])} sections; "
        f"without the folded field {plain} bytes (+{100 * (len(raw) - plain) / plain:.0f}%)"
    )
    assert any(FIELD in doc for doc in data["docs"])
