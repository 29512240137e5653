"""Material's search language files a page can load (`cchc.site.search_languages`): the files its
search worker asks for with each `lang` list are kept, every other language file is left out; and
the installed Material's worker still asks for the files the core says it does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cchc.site.search_languages import LUNR_FOLDER, loaded_files, unused_files

LANGUAGES = ("ar", "da", "de", "ja", "jp", "hi", "multi", "ru", "stemmer.support", "th", "vi", "zh")
THEME = (
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/javascripts/workers/search.a7633da7.min.js",
    "assets/stylesheets/main.css",
    f"{LUNR_FOLDER}tinyseg.js",
    f"{LUNR_FOLDER}wordcut.js",
    *(f"{LUNR_FOLDER}min/lunr.{name}.min.js" for name in LANGUAGES),
)
"""Theme files as Material ships them (a sample of its thirty languages)."""


def kept(languages) -> set[str]:
    """The theme's files under the lunr folder that are not left out."""
    unused = unused_files(languages, THEME)
    assert unused <= set(THEME)
    return {uri.removeprefix(LUNR_FOLDER) for uri in THEME if uri.startswith(LUNR_FOLDER) and uri not in unused}


def test_vietnamese_alone_keeps_its_file_and_the_stemmer_support():
    assert kept(["vi"]) == {"min/lunr.vi.min.js", "min/lunr.stemmer.support.min.js"}
    unused = unused_files(["vi"], THEME)
    assert f"{LUNR_FOLDER}min/lunr.de.min.js" in unused
    assert f"{LUNR_FOLDER}tinyseg.js" in unused and f"{LUNR_FOLDER}wordcut.js" in unused


def test_two_languages_keep_the_multi_language_file():
    """English has no file of its own (lunr's English is in the worker); two languages load lunr.multi."""
    assert kept(["vi", "en"]) == {"min/lunr.vi.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"}


def test_japanese_keeps_its_segmenter():
    assert kept(["ja"]) == {"tinyseg.js", "min/lunr.ja.min.js", "min/lunr.stemmer.support.min.js"}


@pytest.mark.parametrize("language", ["th", "hi"])
def test_thai_and_hindi_keep_the_word_cutter(language):
    assert kept([language]) == {"wordcut.js", f"min/lunr.{language}.min.js", "min/lunr.stemmer.support.min.js"}


def test_english_alone_loads_no_language_file():
    assert kept(["en"]) == set()


@pytest.mark.parametrize("languages", [None, []])
def test_without_a_known_language_list_nothing_is_left_out(languages):
    """No search plugin, or its languages unknown: every file stays."""
    assert unused_files(languages, THEME) == frozenset()


def test_only_language_files_in_the_lunr_folder_are_left_out():
    """Files elsewhere, and files in the folder that the worker's loop cannot name, are kept."""
    others = (
        "assets/javascripts/min/lunr.de.min.js",
        "lunr/min/lunr.de.min.js",
        f"{LUNR_FOLDER}min/lunr.de.min.js.map",
        f"{LUNR_FOLDER}licence.txt",
        f"{LUNR_FOLDER}min/extra/lunr.de.min.js",
    )
    assert unused_files(["vi"], others) == frozenset()
    assert unused_files(["en"], THEME) == {uri for uri in THEME if uri.startswith(LUNR_FOLDER)}


def test_loaded_files_are_site_paths():
    assert loaded_files(["vi"]) == {
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.vi.min.js",
    }


MATERIAL_LOOP = """
  const scripts = []
  for (const lang of config.lang) {
    switch (lang) {
      case "ja":
        scripts.push(`${base}/tinyseg.js`)
        break
      case "hi":
      case "th":
        scripts.push(`${base}/wordcut.js`)
        break
    }
    if (lang !== "en")
      scripts.push(`${base}/min/lunr.${lang}.min.js`)
  }
  if (config.lang.length > 1)
    scripts.push(`${base}/min/lunr.multi.min.js`)
  if (scripts.length)
    await importScripts(
      `${base}/min/lunr.stemmer.support.min.js`,
      ...scripts
    )
"""
"""Material 9.8.2's loop (worker/main/index.ts, without its comments), which `loaded_files` mirrors."""


def without_comments(code: str) -> str:
    return " ".join(re.sub(r"/\*.*?\*/", " ", code, flags=re.DOTALL).split())


def test_the_installed_material_worker_loads_what_the_core_says():
    """A Material upgrade that changes which language files its worker loads fails here, before a
    site that lacks one is published: `cchc.site.search_languages` must then follow it."""
    import material  # noqa: PLC0415 - the engine side, only for this check

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    [source_map] = workers.glob("search.*.min.js.map")
    sources = json.loads(source_map.read_text(encoding="utf-8"))
    [main] = [
        code
        for name, code in zip(sources["sources"], sources["sourcesContent"], strict=True)
        if name.endswith("search/worker/main/index.ts")
    ]
    function = main[main.index("async function setupSearchLanguages(") :]
    function = function[: function.index("\n}\n")]
    assert without_comments(MATERIAL_LOOP) in without_comments(function)
    # The base is beside the worker; the site keeps the worker there.
    assert 'let base = "../lunr"' in function
