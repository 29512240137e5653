"""Which of Material's search language files (lunr-languages) a page can load, and which not.

Material copies every file of its theme into the site, among them a lunr stemmer and stop-word
file for some thirty languages (`assets/javascripts/lunr/min/lunr.<lang>.min.js`) and two word
segmenters (`lunr/tinyseg.js`, `lunr/wordcut.js`). Only the search worker loads them, and only
those its languages name: the rest are written on every build (and every preview rebuild) and
published for nothing. Material 9.8.2's worker
(src/templates/assets/javascripts/integrations/search/worker/main/index.ts, as shipped in its
source map), where `base` is "../lunr" beside the worker:

    for (const lang of config.lang) {
      switch (lang) {
        case "ja": scripts.push(`${base}/tinyseg.js`); break
        case "hi":
        case "th": scripts.push(`${base}/wordcut.js`); break
      }
      if (lang !== "en") scripts.push(`${base}/min/lunr.${lang}.min.js`)
    }
    if (config.lang.length > 1) scripts.push(`${base}/min/lunr.multi.min.js`)
    if (scripts.length)
      await importScripts(`${base}/min/lunr.stemmer.support.min.js`, ...scripts)

`config.lang` is the search plugin's `lang` list (search_index.json's `config`). English alone
loads nothing: lunr itself is in the worker. tests/test_search_languages.py checks that the
installed Material still has this loop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

LUNR_FOLDER = "assets/javascripts/lunr/"
"""Where Material's theme keeps the files its search worker loads (`../lunr` beside the worker)."""

_LOADABLE = re.compile(r"min/lunr\.[^/]+\.min\.js|tinyseg\.js|wordcut\.js")
"""The names the worker's loop can ask for; any other file in the folder is kept, whatever it is."""


def loaded_files(languages: Sequence[str]) -> frozenset[str]:
    """The theme files the search worker loads for `languages`, as site paths."""
    scripts: list[str] = []
    for language in languages:
        if language == "ja":
            scripts.append("tinyseg.js")
        elif language in ("hi", "th"):
            scripts.append("wordcut.js")
        if language != "en":
            scripts.append(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        scripts.append("min/lunr.multi.min.js")
    if scripts:
        scripts.append("min/lunr.stemmer.support.min.js")
    return frozenset(LUNR_FOLDER + script for script in scripts)


def unused_files(languages: Sequence[str] | None, theme_uris: Iterable[str]) -> frozenset[str]:
    """The theme's search language files (among `theme_uris`) that no page can load with the
    search plugin's `languages`. None (no search plugin, or languages unknown) or an empty list
    removes nothing."""
    if not languages:
        return frozenset()
    loaded = loaded_files(languages)
    return frozenset(
        uri
        for uri in theme_uris
        if uri.startswith(LUNR_FOLDER) and _LOADABLE.fullmatch(uri[len(LUNR_FOLDER) :]) and uri not in loaded
    )
