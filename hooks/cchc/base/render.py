"""Generated pages and files: bodies rendered from our Jinja templates in `overrides/cchc/`,
front matter written from values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import yaml

from . import dates, escape


class _SafeDumperAsLibyaml(yaml.SafeDumper):
    """PyYAML's pure-Python dumper, writing what libyaml's writes: libyaml double-quotes a text
    holding a character beyond U+FFFF (an emoji) or a next-line character (U+0085) and escapes it
    (\\U0001F389, \\N), where the pure-Python one writes it as it is. Everything else they write
    alike, the other Unicode line breaks (U+2028, U+2029) too: both single-quote those
    (tests/test_render.py compares them on generated values)."""

    def analyze_scalar(self, scalar: str) -> yaml.emitter.ScalarAnalysis:
        analysis = super().analyze_scalar(scalar)
        if any(ord(char) > 0xFFFF or char == "\x85" for char in scalar):
            analysis.allow_flow_plain = analysis.allow_block_plain = False
            analysis.allow_single_quoted = analysis.allow_block = False
        return analysis


YAML_DUMPER: type = getattr(yaml, "CSafeDumper", _SafeDumperAsLibyaml)
"""libyaml's emitter, several times faster than PyYAML's pure-Python one (a build writes the front
matter of hundreds of list pages); the latter, made to write the same text, where libyaml is
missing."""

_UNFOLDED = 10**9
"""No line is folded: the two emitters fold a long double-quoted text at different places."""


def yaml_text(value: object, dumper: type = YAML_DUMPER) -> str:
    """`value` as YAML, the same bytes on every machine (with or without libyaml): every YAML text
    the build writes (pages' front matter, the editor's settings) comes from here."""
    return yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False, width=_UNFOLDED)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, so that the rebuilds of
    `mkdocs serve` do not compile every template again. Jinja checks each entry against the
    template's source (a checksum), so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_caches: dict[tuple, MemoryBytecodeCache] = {}


def remember_compiled(env: jinja2.Environment) -> None:
    """Give `env` the process's in-memory cache of templates compiled by environments set up like
    it (ours, the theme's): the same template compiles differently under other syntax settings or
    extensions, so each setup has a cache of its own. An autoescape or finalize function is part
    of the setup itself, not its name: two `select_autoescape` functions share a name, not what
    they escape."""
    setup = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.autoescape,
        env.optimized,
        env.is_async,
        env.finalize,
        tuple(sorted(env.extensions)),
    )
    env.bytecode_cache = _caches.setdefault(setup, MemoryBytecodeCache())


def environment(templates: Path) -> jinja2.Environment:
    """A strict, autoescaping environment whose filters only format, never compute."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["ngay"] = dates.short
    env.filters["ngay_trang_trong"] = dates.formal
    env.filters["md"] = escape.markdown
    remember_compiled(env)
    return env


def replace_present(text: str, old: str, new: str, count: int = -1) -> str:
    """`text` with `old` replaced by `new` (the first `count` times); `old` must occur. Our theme
    overrides adjust Material's HTML this way (`overrides/main.html`, `partials/search.html`):
    should a Material release change that HTML, the build stops, naming what it looked for,
    instead of silently shipping Material's markup unadjusted (a render-blocking script, say).
    `new` is inserted as HTML, unescaped, even into Markup: only a template's own text and
    Material's translations may be given, never a value staff can write."""
    if old not in text:
        raise jinja2.TemplateRuntimeError(
            f"Material's HTML no longer contains {old!r}: update the override that adjusts it for this Material version"
        )
    replaced = str.replace(text, old, new, count)
    return type(text)(replaced) if isinstance(text, markupsafe.Markup) else replaced


def template_files(env: jinja2.Environment) -> tuple[tuple[str, int, int], ...]:
    """The path, size and modification time of each file in the folders `env` loads templates
    from: what was made from its templates is made again when one of these changes."""
    folders = getattr(env.loader, "searchpath", None)
    if folders is None:
        raise TypeError("template_files reads a jinja2.FileSystemLoader's folders")
    found = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                status = path.stat()
                found.append((path.as_posix(), status.st_size, status.st_mtime_ns))
    return tuple(found)


def render(env: jinja2.Environment, name: str, **values: Any) -> str:
    return env.get_template(name).render(**values)


@dataclass(frozen=True)
class GeneratedPage:
    """A Markdown page the build adds at `src_uri` (see `cchc.site.addresses`)."""

    src_uri: str
    markdown: str
    in_nav: bool = True
    """False for pages reached from other pages only (the article lists), so MkDocs does not
    ask for them in the nav."""


@dataclass(frozen=True)
class GeneratedFile:
    """A file other than a page (JSON, CSV, RSS) the build adds at `src_uri`."""

    src_uri: str
    content: str | bytes


def with_front_matter(meta: dict[str, Any], body: str) -> str:
    """Front matter written by PyYAML, so that any title or description is quoted correctly."""
    head = yaml_text(meta)
    return f"---\n{head}---\n\n{body}"
