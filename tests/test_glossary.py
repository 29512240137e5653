"""Plain words: the glossary file, abbreviations marked up in page bodies, the glossary page."""

from __future__ import annotations

import html as html_module
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.base.errors import ContentError
from cchc.site.glossary import Term, load_glossary, mark_abbreviations

TERMS = (
    Term("PHHS", "Phụ huynh học sinh"),
    Term("PAR Index", 'Chỉ số <cải cách> "hành chính"'),
    Term("BCĐ", "Ban Chỉ đạo"),
)


def test_abbreviations_in_text_get_their_meaning_at_first_use():
    html = "<p>Ý kiến của PHHS về PAR Index; BCĐ CCHC.</p><p>BCĐ và PHHS</p>"
    assert mark_abbreviations(html, TERMS) == (
        '<p>Ý kiến của <abbr title="Phụ huynh học sinh">PHHS</abbr> về '
        '<abbr title="Chỉ số &lt;cải cách&gt; &quot;hành chính&quot;">PAR Index</abbr>; '
        '<abbr title="Ban Chỉ đạo">BCĐ</abbr> CCHC.</p><p>BCĐ và PHHS</p>'
    )


def test_tags_links_code_and_longer_words_are_left_alone():
    html = '<p title="PHHS"><a href="/PHHS">PHHS</a> <code>PHHS</code> PHHSX BCĐX <abbr title="x">PHHS</abbr></p>'
    assert mark_abbreviations(html, TERMS) == html


def test_the_glossary_file_is_read_and_checked_with_lines(tmp_path):
    good = tmp_path / "tu-ngu.yaml"
    good.write_text("tu_viet_tat:\n  - viet_tat: PHHS\n    nghia: Phụ huynh học sinh\n", encoding="utf-8")
    assert load_glossary(good) == (Term("PHHS", "Phụ huynh học sinh"),)
    bad = tmp_path / "sai.yaml"
    bad.write_text(
        "tu_viet_tat:\n  - viet_tat: PHHS\n  - viet_tat: BCĐ\n    nghia: Ban Chỉ đạo\n    y_nghia: x\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_glossary(bad, "docs/tu-ngu.yaml")
    messages = [str(problem) for problem in caught.value.problems]
    assert any(m.startswith("docs/tu-ngu.yaml:2:") and "nghia" in m for m in messages), messages
    assert any(m.startswith("docs/tu-ngu.yaml:5:") and "y_nghia" in m for m in messages), messages


def test_a_repeated_abbreviation_is_reported_at_its_second_entry(tmp_path):
    repeated = tmp_path / "tu-ngu.yaml"
    repeated.write_text(
        "tu_viet_tat:\n  - viet_tat: PHHS\n    nghia: Phụ huynh học sinh\n"
        "  - viet_tat: BCĐ\n    nghia: Ban Chỉ đạo\n  - viet_tat: PHHS\n    nghia: Phụ huynh\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_glossary(repeated, "docs/tu-ngu.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        'docs/tu-ngu.yaml:6: chữ viết tắt "PHHS" có hai lần trong danh sách (đã có ở dòng 2); hãy xóa một mục'
    ]


def test_the_site_marks_abbreviations_and_links_the_glossary(built_site):
    from sitebuild import page  # noqa: PLC0415

    _, site, _ = built_site
    plan = page(site, "ke-hoach/2025/index.html")
    titles = {abbr.text_content(): abbr.get("title") for abbr in plan.iter("abbr")}
    assert titles["PHHS"] == "Phụ huynh học sinh" and titles["PAR Index"] == "Chỉ số cải cách hành chính"
    for name in ("index.html", "tien-do/index.html"):
        [link] = page(site, name).xpath("//footer//a[text()='Giải thích từ ngữ']")
        assert link.get("href").endswith("giai-thich-tu-ngu/")
    glossary = page(site, "giai-thich-tu-ngu/index.html")
    assert [dt.text_content() for dt in glossary.iter("dt")][:3] == ["CCHC", "PHHS", "CBCCVC"]


def test_an_abbreviation_with_an_ampersand_is_found_in_html_text():
    terms = (Term("R&D", "Nghiên cứu & phát triển"),)
    assert mark_abbreviations("<p>Phòng R&amp;D của trường.</p>", terms) == (
        '<p>Phòng <abbr title="Nghiên cứu &amp; phát triển">R&amp;D</abbr> của trường.</p>'
    )


_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_SKIP = {"abbr", "a", "code", "pre", "script", "style", "svg", "title", "textarea", "dt"}


def by_definition(body: str, terms: tuple[Term, ...]) -> str:
    """The first use of each abbreviation in a text part (between tags) outside the elements
    never marked, one text part after another."""
    titles = {html_module.escape(t.short, quote=False): html_module.escape(t.meaning, quote=True) for t in terms}
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(titles, key=len, reverse=True))) + r")(?!\w)")
    marked: set[str] = set()

    def wrap(match: re.Match[str]) -> str:
        if match.group(1) in marked:
            return match.group(1)
        marked.add(match.group(1))
        return f'<abbr title="{titles[match.group(1)]}">{match.group(1)}</abbr>'

    parts, skipping = _TAG.split(body), []
    for index, part in enumerate(parts):
        tag = _TAG_NAME.match(part) if index % 2 else None
        if tag and tag.group(2).lower() in _SKIP and not part.endswith("/>"):
            name = tag.group(2).lower()
            if not tag.group(1):
                skipping.append(name)
            elif name in skipping:
                del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
        elif not index % 2 and not skipping:
            parts[index] = pattern.sub(wrap, part)
    return "".join(parts)


_OVERLAPPING = TERMS + (Term("Index", "Chỉ số"), Term("R&D", "Nghiên cứu"), Term("HS", "Học sinh"))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["PHHS", "PAR Index", "Index", "BCĐ", "R&amp;D", "HS", "xPAR", "_", "<a>", "</a>", "<code x>"]
                + ["</CODE>", "<br/>", "<p title='", "'>", "<svg/>", "< pre>", "</ pre>", "<", ">", " ", "đ", "1"]
            ),
            st.text(alphabet="PHSIndex <>/a&", max_size=5),
        ),
        max_size=14,
    ).map("".join)
)
def test_same_as_the_definition(body):
    assert mark_abbreviations(body, _OVERLAPPING) == by_definition(body, _OVERLAPPING)
