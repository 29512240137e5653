"""`replace_present`, the filter our theme overrides adjust Material's HTML with, and the
process's cache of compiled templates (`remember_compiled`)."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

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
