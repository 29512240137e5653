"""`replace_present`, the filter our theme overrides adjust Material's HTML with, and the
process's cache of compiled templates (`remember_compiled`)."""

from __future__ import annotations

import jinja2
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from cchc.base import render
from cchc.base.render import remember_compiled, replace_present


def test_replaces_what_is_there_keeping_markup_safe():
    assert replace_present('<script src="a"><script src="b">', '<script src="', '<script defer src="', 1) == (
        '<script defer src="a"><script src="b">'
    )
    replaced = replace_present(Markup('<div role="dialog">'), 'role="dialog">', 'role="dialog" aria-label="Tìm">')
    assert isinstance(replaced, Markup) and replaced == '<div role="dialog" aria-label="Tìm">'


def test_stops_when_material_html_no_longer_has_the_text():
    with pytest.raises(jinja2.TemplateRuntimeError, match="no longer contains 'role=\"dialog\">'"):
        replace_present('<div role="alertdialog">', 'role="dialog">', "x")


def test_the_theme_overrides_use_it_for_every_adjustment_of_material_html():
    # A plain `replace` that no longer matches would ship Material's markup unadjusted, silently.
    from projects import ROOT  # noqa: PLC0415

    main = (ROOT / "overrides/main.html").read_text(encoding="utf-8")
    search = (ROOT / "overrides/partials/search.html").read_text(encoding="utf-8")
    assert main.count("| replace_present(") == 2 and search.count("| replace_present(") == 1


def test_environments_that_escape_differently_do_not_share_compiled_templates(tmp_path):
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")
    rendered = []
    for extensions in (("html",), ()):
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(tmp_path), autoescape=jinja2.select_autoescape(extensions, default=False)
        )
        remember_compiled(env)
        rendered.append(env.get_template("t.html").render(x="<b>"))
    assert rendered == ["&lt;b&gt;", "<b>"]


_TEXT = (
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.sampled_from(
        ["Kế hoạch 🌱 năm 2025", "🎉", "a: b", "- mục", "'nháy' \"kép\"", "x\u2028y", "\ufeffđầu", "  cách  "]
    )
    # Longer than a line: folded, the two emitters would break it at different places.
    | st.lists(st.sampled_from(["kế", "hoạch", "🎉", "\\", "'x'", "\n", "\x85"]), min_size=300, max_size=600).map(
        " ".join
    )
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.dictionaries(
        st.from_regex(r"[a-z_]{1,12}", fullmatch=True),  # our keys: front matter's and Decap's
        _TEXT | st.lists(_TEXT, max_size=3) | st.integers() | st.booleans(),
        max_size=4,
    )
)
def test_without_libyaml_the_same_yaml_text_is_written(value):
    """Where libyaml is missing, the pure-Python dumper writes the bytes libyaml writes: a
    machine's build (front matter, the editor's config.yml) does not depend on the wheel it got."""
    if not hasattr(yaml, "CSafeDumper"):
        pytest.skip("this machine's PyYAML has no libyaml to compare with")
    assert render.yaml_text(value, render._SafeDumperAsLibyaml) == render.yaml_text(value, yaml.CSafeDumper)


def test_the_plain_pure_python_dumper_writes_an_emoji_otherwise():
    # What the test above guards against: PyYAML's own fallback writes the emoji as it is.
    if not hasattr(yaml, "CSafeDumper"):
        pytest.skip("this machine's PyYAML has no libyaml to compare with")
    value = {"tieu_de": "Ngày hội 🎉"}
    assert render.yaml_text(value, yaml.SafeDumper) != render.yaml_text(value, yaml.CSafeDumper)
    assert render.yaml_text(value, render._SafeDumperAsLibyaml) == 'tieu_de: "Ngày hội \\U0001F389"\n'
    assert yaml.safe_load(render.yaml_text(value, render._SafeDumperAsLibyaml)) == value
