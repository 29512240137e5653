"""Search without diacritics: a folded copy of each section's accented words, in a field that
Material's search (lunr) indexes but its result list never shows.

Parents type "hoc phi" for "học phí". lunr matches tokens exactly (with a trailing wildcard),
so the index gets, per section, the folded form of every word that has diacritics ("hoc",
"phi"); a query with diacritics still matches the real words in `title` and `text`, and results
show the real text. Only words that change are added, once per section, to keep the index small.

The title's folded words go to a field of their own, boosted nearly as much as the title, so
"hoc phi" ranks the section titled "Học phí" first as "học phí" does; the text's folded words are
boosted nearly as much as the text. An accented query never matches a folded field (folded words
have no marks), so exact matches of an accented query keep their own order.
"""

from __future__ import annotations

import html
import re
import unicodedata

from ..base.text import fold

FIELD = "folded"
TITLE_FIELD = "folded_title"
FOLDED_SHARE = 0.9
"""A folded match weighs this share of the same match in the real field: for a query without
marks, a word written without marks ("Zalo", "CCHC") ranks just above its folded twin."""
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
    """Material's search_index.json with the folded fields added to every section and to the
    indexed fields (boosted a little below their real fields)."""
    config = dict(data["config"])
    fields = config.get("fields", {})
    boost = {name: float(fields.get(name, {}).get("boost", 1.0)) for name in ("title", "text")}
    config["fields"] = {
        **fields,
        TITLE_FIELD: {"boost": boost["title"] * FOLDED_SHARE},
        FIELD: {"boost": boost["text"] * FOLDED_SHARE},
    }
    docs = []
    folds: dict[str, str | None] = {}
    for doc in data["docs"]:
        added = {}
        title_words = folded_words(doc.get("title", ""), folds=folds)
        if title_words:
            added[TITLE_FIELD] = title_words
        text_words = folded_words(doc.get("text", ""), folds=folds)
        if text_words:
            added[FIELD] = text_words
        docs.append({**doc, **added})
    return {**data, "config": config, "docs": docs}
