"""The article list pages as the core writes them, in HTML with no Markdown conversion: heading ids
and the table of contents as Python-Markdown's toc extension makes them, links as the relative
addresses MkDocs writes, staff text shown as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
from lxml import html
from markupsafe import escape as html_escape

from cchc.articles.model import Article, Cover
from cchc.articles.pages import article_pages
from cchc.articles.quarters import quarter_tracker
from cchc.base import escape, text
from cchc.base import made as made_module
from cchc.base.dates import VIETNAM
from cchc.base.identity import School
from cchc.base.render import environment

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
SCHOOL = School("Trường Mầm non Thử", "Cải cách hành chính", None, None, None, None, None, (), ())
HOSTILE = "<script>alert(1)</script> & *sao* [ngoặc](x.md) R&amp;D {: onclick=x } \"nháy\" 'đơn' #"
TITLES = (
    HOSTILE,
    "Trùng tên",
    "Trùng tên",
    "!!!",
    "???",
    "Tiến độ theo quý năm 2025",
    "Xem theo năm và theo loại",
    "Theo quý",
    "Hai   khoảng  trắng",
    "trung-ten_1",
    "Bài thường",
)


def article(number: int, title: str) -> Article:
    """Published on day `number` of 2025, the hostile one with a cover named outside ASCII."""
    cover = Cover("bai-viet/2025/anh/ảnh bìa.png", 'Ảnh & <b>"bìa"</b>', 10) if title == HOSTILE else None
    return Article(
        id=f"urn:test:{number}",
        title=title,
        published=dt.datetime(2025, 1, number, 8, 0, tzinfo=VIETNAM),
        summary=f"Tóm tắt <b>{number}</b> & *sao* [x]\n# không phải tiêu đề",
        authors=("Người viết",),
        cover=cover,
        tasks=(),
        draft=False,
        src_uri=f"bai-viet/2025/bai-{number:02d}.md",
        source=f"docs/bai-viet/2025/bai-{number:02d}.md",
        id_line=2,
        assets=(),
        gaps=(),
        kind="tin_anh" if number % 2 else "bai_viet",
        practice=None,
        sent_on=None,
    )


ARTICLES = tuple(article(number, title) for number, title in reversed(list(enumerate(TITLES, start=1))))
"""Newest first, as the column lists them: eleven articles, so the lists have a second page."""


def pages(directory_urls: bool = True) -> dict:
    statuses = quarter_tracker(ARTICLES, 2025, dt.date(2025, 5, 10))
    built = article_pages(ARTICLES, statuses, SCHOOL, environment(OVERRIDES), directory_urls=directory_urls)
    return {page.src_uri: body for page, body in built}


def python_markdown_toc(headings: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(level, id, title) of each heading, as Python-Markdown's toc extension with our slugify
    makes them from the headings written as our Markdown templates write text (`md`, then
    HTML-escaped): what the list pages had when they were converted from Markdown."""
    source = "\n\n".join("#" * level + " " + str(html_escape(escape.markdown(title))) for level, title in headings)
    converter = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"slugify": text.slugify}})
    converter.convert(source)
    flat: list[tuple[int, str, str]] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            flat.append((token["level"], token["id"], token["name"]))
            walk(token["children"])

    walk(converter.toc_tokens)
    return flat


def fragment(body) -> html.HtmlElement:
    return html.fragment_fromstring(body.html, create_parent="div")


def test_heading_ids_and_table_of_contents_are_the_ones_python_markdown_makes():
    built = pages()
    assert len(built) > 10
    for uri, body in built.items():
        doc = fragment(body)
        headings = doc.xpath("//h1 | //h2 | //h3")
        expected = python_markdown_toc([(int(h.tag[1]), h.text_content()) for h in headings])
        assert [(entry.level, entry.id, entry.title) for entry in body.toc] == expected, uri
        assert [h.get("id") for h in headings] == [anchor for _, anchor, _ in expected], uri
    # Repeated titles, titles without a letter, cards named like the sections after them: numbered.
    assert [entry.id for entry in built["bai-viet/index.md"].toc] == [
        "bai-viet-ve-cai-cach-hanh-chinh",
        "bai-thuong",
        "trung-ten-1",
        "hai-khoang-trang",
        "theo-quy",
        "xem-theo-nam-va-theo-loai",
        "tien-do-theo-quy-nam-2025",
        "_1",
        "_2",
        "trung-ten",
        "trung-ten_1",
        "tien-do-theo-quy-nam-2025_1",
        "xem-theo-nam-va-theo-loai_1",
    ]


def test_titles_and_summaries_are_plain_text():
    built = pages()
    body = built["bai-viet/trang/2.md"]
    doc = fragment(body)
    cards = doc.xpath("//h2[@data-search-exclude]")
    assert [card.text_content() for card in cards] == [article.title for article in ARTICLES[10:]]
    assert cards[0].text_content() == HOSTILE
    assert not doc.xpath("//script | //h2//b | //em | //p//b | //*[@onclick]")
    assert doc.xpath("//p[@class='cchc-card__meta']/following-sibling::p[1]/text()") == [
        article.summary for article in ARTICLES[10:]
    ]
    assert doc.xpath("//img/@alt") == ['Ảnh & <b>"bìa"</b>']
    toc = {entry.id: entry.title for entry in body.toc}
    assert toc[cards[0].get("id")] == str(html_escape(HOSTILE))
    assert "<script>" not in body.html and "&lt;script&gt;" in body.html


def test_links_are_the_addresses_mkdocs_writes_for_either_url_scheme():
    folders = pages()["bai-viet/trang/2.md"]
    doc = fragment(folders)
    assert doc.xpath("//h2/a/@href") == ["../../2025/bai-01/"]
    assert doc.xpath("//img/@src") == ["../../2025/anh/%E1%BA%A3nh%20b%C3%ACa.png"]
    assert doc.xpath("//p[@class='cchc-pagination']/a/@href") == ["../../"]
    assert doc.xpath("//a[text()='bản tin RSS']/@href") == ["../../../feed.xml"]
    assert "../../2025/" in doc.xpath("//p[starts-with(., 'Theo năm')]/a/@href")
    files = fragment(pages(directory_urls=False)["bai-viet/trang/2.md"])
    assert files.xpath("//h2/a/@href") == ["../2025/bai-01.html"]
    assert files.xpath("//p[@class='cchc-pagination']/a/@href") == ["../index.html"]
    assert files.xpath("//a[text()='bản tin RSS']/@href") == ["../../feed.xml"]
    year = fragment(pages(directory_urls=False)["bai-viet/2025/index.md"])
    assert year.xpath("//ul/li/a/@href") == ["quy-1.html", "quy-2.html", "quy-3.html", "quy-4.html"]


def test_the_column_is_made_once_for_the_same_inputs_and_again_when_one_changes(tmp_path, monkeypatch):
    # `mkdocs serve` loads the content again on every save: an edit of an article's text leaves
    # the column's inputs equal, and its pages are reused; a new title or template is not.
    from cchc.articles.pages import column  # noqa: PLC0415
    from cchc.content import load_content  # noqa: PLC0415
    from projects import overlay_project  # noqa: PLC0415

    monkeypatch.setattr(made_module, "_rebuilds", True)
    project = overlay_project(tmp_path / "project")
    article_file = project / "docs/bai-viet/2025/bai-kiem-thu.md"

    def made():
        content = load_content(project, project / "mkdocs.yml", dt.date(2025, 12, 31))
        return column(content, environment(project / "overrides"))

    first = made()
    article_file.write_text(article_file.read_text(encoding="utf-8") + "\nMột đoạn thêm.\n", encoding="utf-8")
    assert made() is first
    text = article_file.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("tieu_de:"))
    article_file.write_text(text.replace(title, "tieu_de: Tiêu đề đã sửa", 1), encoding="utf-8")
    retitled = made()
    assert retitled is not first
    assert "Tiêu đề đã sửa" in retitled.bodies["bai-viet/index.md"].html
    template = project / "overrides/cchc/articles-list-body.html"
    template.write_text(template.read_text(encoding="utf-8") + "<p>Mẫu đã sửa.</p>\n", encoding="utf-8")
    assert "Mẫu đã sửa." in made().bodies["bai-viet/index.md"].html


def test_the_column_shared_between_rebuilds_cannot_be_changed_by_one_of_them(tmp_path, monkeypatch):
    # The column is reused by later rebuilds of `mkdocs serve`: a caller writing into one of its
    # mappings would change every later preview.
    from cchc.articles.pages import column  # noqa: PLC0415
    from cchc.content import load_content  # noqa: PLC0415
    from projects import overlay_project  # noqa: PLC0415

    monkeypatch.setattr(made_module, "_rebuilds", True)
    project = overlay_project(tmp_path / "project")
    made = column(
        load_content(project, project / "mkdocs.yml", dt.date(2025, 12, 31)), environment(project / "overrides")
    )
    for mapping in (made.bodies, made.heads, made.entries):
        assert mapping
        with pytest.raises(TypeError):
            mapping["bai-viet/khac.md"] = mapping[next(iter(mapping))]


def test_the_column_is_made_again_when_any_input_of_its_key_changes(tmp_path, monkeypatch):
    # Each input the column's pages are made from is in the key: dropping one would show the
    # preview of another date, school or address scheme after an edit of that input alone.
    import dataclasses  # noqa: PLC0415

    from cchc.articles.pages import column  # noqa: PLC0415
    from cchc.content import load_content  # noqa: PLC0415
    from projects import overlay_project  # noqa: PLC0415

    monkeypatch.setattr(made_module, "_rebuilds", True)
    project = overlay_project(tmp_path / "project")
    content = load_content(project, project / "mkdocs.yml", dt.date(2025, 12, 31))
    env = environment(project / "overrides")
    school = dataclasses.replace(content.school, name="Trường Khác")
    variants = {
        "address scheme": lambda: column(content, env, directory_urls=False),
        "date": lambda: column(dataclasses.replace(content, as_of=dt.date(2025, 12, 30)), env),
        "school": lambda: column(dataclasses.replace(content, school=school), env),
        "practices": lambda: column(dataclasses.replace(content, practices=()), env),
        "plans": lambda: column(dataclasses.replace(content, plans=()), env),
        "articles": lambda: column(dataclasses.replace(content, articles=content.articles[1:]), env),
    }
    made = {}
    for name, variant in variants.items():
        base = column(content, env)
        assert column(content, env) is base
        made[name] = variant()
        assert made[name] is not base, name
    assert ".html" in made["address scheme"].bodies["bai-viet/index.md"].html
    assert "Trường Khác" in made["school"].pages[0].markdown


def test_a_single_build_keeps_no_column(tmp_path, monkeypatch):
    # Only a rebuild of `mkdocs serve` can use a column made before; a single build asks once.
    from cchc.articles import pages as column_pages  # noqa: PLC0415
    from cchc.content import load_content  # noqa: PLC0415
    from projects import overlay_project  # noqa: PLC0415

    monkeypatch.setattr(made_module, "_rebuilds", False)
    project = overlay_project(tmp_path / "project")
    content = load_content(project, project / "mkdocs.yml", dt.date(2025, 12, 31))
    env = environment(project / "overrides")
    assert column_pages.column(content, env) is not column_pages.column(content, env)
