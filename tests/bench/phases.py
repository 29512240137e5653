"""Run the `mkdocs` command line with the CPU time of each build phase recorded.

    python tests/bench/phases.py build -f mkdocs.yml -d site    (PHASES_OUT=phases.json)

Used by `tests/bench/run.py` with each site's own interpreter (ours and the alternative's), so it
imports nothing but MkDocs. Every plugin event dispatch is stamped with the process CPU time; a
phase runs from the first event of its group to the last one (see PHASES), so the same cut is made
in both builds whatever plugins they use.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import time

from mkdocs.plugins import PluginCollection

PHASES = (
    # name, the event whose end starts it, the event whose last end ends it (MkDocs 1.6's order:
    # config, files, nav, every page's Markdown, env, every page's template, post_build)
    ("config", None, "config"),
    ("files+nav", "config", "nav"),
    ("markdown", "nav", "page_content"),
    ("templates", "page_content", "post_page"),
    ("post_build", "post_page", "post_build"),
)

_stamps: dict[str, tuple[float, float]] = {}
_original = PluginCollection.run_event


def _stamped(self, name, item=None, **kwargs):
    before = time.process_time()
    try:
        return _original(self, name, item, **kwargs)
    finally:
        after = time.process_time()
        first, _ = _stamps.get(name, (before, after))
        _stamps[name] = (first, after)


def _write() -> None:
    out = os.environ.get("PHASES_OUT")
    if not out:
        return
    ends = {name: last for name, (_, last) in _stamps.items()}
    figures = {}
    for phase, start, end in PHASES:
        if end not in ends or (start is not None and start not in ends):
            continue
        figures[phase] = ends[end] - (ends[start] if start else 0.0)
    figures["total"] = time.process_time()
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(figures, handle)


PluginCollection.run_event = _stamped
atexit.register(_write)

if __name__ == "__main__":
    from mkdocs.__main__ import cli

    sys.argv[0] = "mkdocs"
    cli()
