"""Search without diacritics: the search worker (docs/assets/javascripts/workers/cchc-search.js)
adds the folded fields to the index it receives, before lunr indexes it; search_index.json itself
carries none (its size is a performance figure, printed: `pytest -s -k index_size`).

The worker runs here under Node with a stand-in for Material's worker, which receives the index
exactly as lunr would."""

from __future__ import annotations

import json
import subprocess
import time
import unicodedata

from programs import program
from projects import ROOT

WORKER = ROOT / "docs" / "assets" / "javascripts" / "workers" / "cchc-search.js"

# Loads the worker in a sandbox whose importScripts registers a listener that records the SETUP
# data it receives (as Material's worker would), then posts the index read from stdin.
HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const listeners = [];
let received = null;
const self = {
  location: { hash: "#search.0123abcd.min.js" },
  addEventListener: (type, listener) => listeners.push(listener),
  postMessage: () => {},
};
self.importScripts = () => {
  self.lunr = { Pipeline: { registerFunction: () => {} } };
  self.addEventListener("message", (event) => { received = event.data; });
};
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), Object.assign(self, { self }));
const index = JSON.parse(fs.readFileSync(0, "utf8"));
const started = process.cpuUsage();
listeners.forEach((listener) => listener({ data: { type: 0, data: index } }));
const used = process.cpuUsage(started);
process.stdout.write(JSON.stringify({ received, seconds: (used.user + used.system) / 1e6 }));
"""


def setup_message(index: dict) -> tuple[dict, float]:
    out = subprocess.run(
        [program("node"), "-e", HARNESS, str(WORKER)],
        input=json.dumps(index),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result = json.loads(out.stdout)
    assert result["received"]["type"] == 0
    return result["received"]["data"], result["seconds"]


def index_of(*docs: dict) -> dict:
    return {
        "config": {"lang": ["vi"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": list(docs),
    }


def test_the_worker_adds_the_folded_fields_and_keeps_what_results_show():
    docs = (
        {"location": "a/", "title": "Đăng ký", "text": "<p>Đăng ký tuyển sinh</p>"},
        {"location": "b/", "title": "CCHC", "text": "<p>2025</p>"},
        {"location": "c/", "title": "Học phí", "text": "<p>Đóng học phí qua ngân hàng; CCHC 2025 &amp; học phí</p>"},
    )
    data, _ = setup_message(index_of(*docs))
    fields = data["config"]["fields"]
    # Boosted a little below their real fields: an exact match ranks first.
    assert fields["folded"] == {"boost": 0.9}
    assert fields["folded_title"] == {"boost": 900.0}
    assert fields["title"] == {"boost": 1000.0}
    assert data["docs"][0] == {**docs[0], "folded_title": "dang ky", "folded": "dang ky tuyen"}
    assert data["docs"][1] == docs[1]  # nothing accented, nothing added
    # Only words that change, each once, in order of first appearance.
    assert data["docs"][2]["folded"] == "dong hoc phi ngan hang"


def test_decomposed_text_folds_as_composed_text():
    text = unicodedata.normalize("NFD", "<p>Cải cách hành chính &#273;ường</p>")
    data, _ = setup_message(index_of({"location": "a/", "title": "", "text": text}))
    assert data["docs"][0]["folded"] == "cai cach hanh chinh duong"


def test_folding_a_hostile_megabyte_is_linear():
    megabyte = 1 << 20
    hostile = (
        {"location": "a/", "title": "<" * megabyte, "text": "<b>Kế</b> <" + "a<" * (megabyte // 2)},
        {"location": "b/", "title": "&#" * (megabyte // 2), "text": "đ" * megabyte},
    )
    started = time.process_time()
    data, seconds = setup_message(index_of(*hostile))
    assert seconds < 5 and time.process_time() - started < 5
    assert data["docs"][0]["folded"] == "ke"
    assert data["docs"][1]["folded"] == "d" * megabyte


def test_index_size_of_the_real_site(built_site):
    _, site, _ = built_site
    raw = (site / "search" / "search_index.json").read_bytes()
    data = json.loads(raw)
    assert not [doc for doc in data["docs"] if {"folded", "folded_title"} & doc.keys()]
    folded, _ = setup_message(data)
    print(f"\nsearch index: {len(raw)} bytes for {len(data['docs'])} sections")
    assert any("folded" in doc for doc in folded["docs"])
