"""Staff-written links as relative URLs that work from the page showing them."""

from __future__ import annotations

import pytest

from cchc.base.links import absolute_url, href, page_url


@pytest.mark.parametrize(
    ("src", "directory", "flat"),
    [
        ("index.md", "", "index.html"),
        ("tien-do/index.md", "tien-do/", "tien-do/index.html"),
        ("ke-hoach/2025.md", "ke-hoach/2025/", "ke-hoach/2025.html"),
        ("tien-do/progress.json", "tien-do/progress.json", "tien-do/progress.json"),
    ],
)
def test_page_url(src, directory, flat):
    assert page_url(src, True) == directory
    assert page_url(src, False) == flat


@pytest.mark.parametrize(
    ("link", "page", "expected"),
    [
        ("ke-hoach/2025.md#nv-1-11", "tien-do/index.md", "../ke-hoach/2025/#nv-1-11"),
        ("ke-hoach/2025.md#nv-1-11", "tien-do/2024.md", "../../ke-hoach/2025/#nv-1-11"),
        ("ke-hoach/2025.md#nv-1-2", "ke-hoach/2025.md", "./#nv-1-2"),
        ("bai-viet/2025/abc.md", "ke-hoach/2025.md", "../../bai-viet/2025/abc/"),
        ("index.md", "tien-do/index.md", "../"),
        ("/tien-do/progress.json", "tien-do/index.md", "progress.json"),
        ("tien-do/index.md", "index.md", "tien-do/"),
        ("https://example.org/a.pdf", "tien-do/index.md", "https://example.org/a.pdf"),
    ],
)
def test_href_from_a_page(link, page, expected):
    assert href(link, page) == expected


def test_href_without_directory_urls():
    assert href("ke-hoach/2025.md#nv-1-1", "tien-do/index.md", directory_urls=False) == "../ke-hoach/2025.html#nv-1-1"


def test_absolute_url():
    assert (
        absolute_url("ke-hoach/2025.md#nv-3-4", "https://mn.example/cchc")
        == "https://mn.example/cchc/ke-hoach/2025/#nv-3-4"
    )
    assert absolute_url("http://x.example/", "https://mn.example/") == "http://x.example/"


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(
    "src", ["index.md", "tien-do/index.md", "ke-hoach/2025.md", "phan-anh/hoi-dap.md", "so-do-trang.md"]
)
def test_page_url_agrees_with_mkdocs(src, directory_urls):
    from mkdocs.structure.files import File  # noqa: PLC0415 - MkDocs is the reference here

    assert page_url(src, directory_urls) == File(src, "/docs", "/site", directory_urls).url.removeprefix("./")
