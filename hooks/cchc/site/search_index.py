"""Search without diacritics: a folded copy of each section's accented words, in a field that
Material's search (lunr) indexes but its result list never shows.

Parents type "hoc phi" for "học phí". lunr matches tokens exactly (with a trailing wildcard),
so the index gets, per section, the folded form of every word that has diacritics ("hoc",
"phi"); a query with diacritics still matches the real words in `title` and `text`, and results
show the real text. Only words that change are added, once per section, to keep the index small.
"""

from __future__ import annotations

import html
import re
import unicodedata

from ..base.text import fold

FIELD = "folded"
# A tag cannot hold "<": each attempt stops at the next one, so a run of "<" stays linear.
_TAG = re.compile(r"<[^<>]+>")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def folded_words(*texts: str, folds: dict[str, str | None] | None = None) -> str:
    """The distinct folded forms of the accented words, in order of first appearance.

    `folds` remembers each word's folded form (None when folding leaves it unchanged): an index
    repeats a small vocabulary many times, so one dict shared by the whole index folds each
    distinct word once."""
    folds = {} if folds is None else folds
    seen: dict[str, None] = {}
    for value in texts:
        plain = unicodedata.normalize("NFC", html.unescape(_TAG.sub(" ", value))).lower()
        for word in dict.fromkeys(_WORD.findall(plain)):
            try:
                flat = folds[word]
            except KeyError:
                flat = fold(word)
                flat = folds[word] = flat if flat != word else None
            if flat is not None:
                seen.setdefault(flat, None)
    return " ".join(seen)


def fold_index(data: dict) -> dict:
    """Material's search_index.json with the folded field added to every section and to the
    indexed fields (boosted below the real text, so an exact match ranks first)."""
    config = dict(data["config"])
    config["fields"] = {**config.get("fields", {}), FIELD: {"boost": 0.5}}
    docs = []
    folds: dict[str, str | None] = {}
    for doc in data["docs"]:
        words = folded_words(doc.get("title", ""), doc.get("text", ""), folds=folds)
        docs.append({**doc, FIELD: words} if words else dict(doc))
    return {**data, "config": config, "docs": docs}
