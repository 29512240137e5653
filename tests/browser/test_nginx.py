"""The site served the way production serves it: Debian's nginx with the repository's
configuration (deploy/nginx/may-chu-rieng.conf including deploy/nginx/cchc.conf), under the
sub-path /cai-cach-hanh-chinh/, the build installed by deploy/dong-goi.sh and deploy/cai-dat.sh.

nginx runs unprivileged on 127.0.0.1 and an ephemeral port, with a temporary prefix; the test only
rewrites the three lines that name this machine: the port, the snippet's path, the site folder."""

from __future__ import annotations

import gzip
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import gates
import pytest
from harness import ROOT, Visit
from lxml import etree, html
from page_types import PAGE_TYPES

import nginxserve
from nginxserve import NGINX, SUB_PATH
from projects import apply_overlay, copy_project

CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
SHORT, HOUR, LONG = "max-age=300", "max-age=3600", "max-age=31536000"


@dataclass(frozen=True)
class Served:
    site: Path
    origin: str
    """http://127.0.0.1:PORT"""

    @property
    def base(self) -> str:
        return self.origin + SUB_PATH


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Served:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `bash tests/run` installs Debian's nginx")
    from sitebuild import build_site  # noqa: PLC0415 - keeps MkDocs out of collection

    base = tmp_path_factory.mktemp("nginx")
    port = nginxserve.free_port()
    origin = f"http://127.0.0.1:{port}"
    project = apply_overlay(copy_project(base / "project"))
    site, _ = build_site(project, base / "site", site_url=origin + SUB_PATH)
    # Installed as a portal administrator would: the dated archive, then the install script.
    archive = subprocess.run(
        ["bash", str(ROOT / "deploy" / "dong-goi.sh"), str(site), str(base / "out"), "2026-11-30"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run(
        ["bash", str(ROOT / "deploy" / "cai-dat.sh"), archive, str(base / "www")], check=True, capture_output=True
    )
    prefix = base / "prefix"
    prefix.mkdir()
    process = nginxserve.start(prefix, port, base / "www" / "hien-tai")
    try:
        yield Served(base / "www" / "hien-tai", origin)
    finally:
        nginxserve.stop(process)


def _get(url: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return status, {name: headers[name] for name in headers}, body


def _first(site: Path, pattern: str) -> str:
    [path] = sorted(site.glob(pattern))[:1]
    return path.relative_to(site).as_posix()


def test_headers_types_compression_and_cache_lifetimes(served: Served):
    site = served.site
    (site / "tien-do" / "bang-tong-hop.xlsx").write_bytes(b"PK\x03\x04 fixture")
    (site / "tien-do" / "bao-cao.docx").write_bytes(b"PK\x03\x04 fixture")
    # path: (content type, cache lifetime, compressed)
    expected = {
        "": ("text/html; charset=utf-8", SHORT, True),
        "ke-hoach/2025/": ("text/html; charset=utf-8", SHORT, True),
        "feed.xml": ("application/rss+xml; charset=utf-8", SHORT, True),
        "sitemap.xml": ("application/xml; charset=utf-8", SHORT, True),
        "tien-do/progress.json": ("application/json; charset=utf-8", SHORT, True),
        "search/search_index.json": ("application/json; charset=utf-8", SHORT, True),
        "tien-do/ke-hoach-2025.csv": ("text/csv; charset=utf-8", SHORT, True),
        "tien-do/bang-tong-hop.xlsx": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            SHORT,
            False,
        ),
        "tien-do/bao-cao.docx": (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            SHORT,
            False,
        ),
        _first(site, "assets/stylesheets/main.*.min.css"): ("text/css; charset=utf-8", LONG, True),
        _first(site, "assets/javascripts/bundle.*.min.js"): ("application/javascript; charset=utf-8", LONG, True),
        _first(site, "assets/javascripts/workers/search.*.min.js"): (
            "application/javascript; charset=utf-8",
            LONG,
            True,
        ),
        "assets/cchc.css": ("text/css; charset=utf-8", HOUR, True),
        "assets/javascripts/lunr/min/lunr.vi.min.js": ("application/javascript; charset=utf-8", HOUR, True),
    }
    problems = []
    for path, (content_type, cache, compressed) in expected.items():
        status, headers, body = _get(served.base + path, gzip_ok=True)
        seen = {
            "status": status,
            "Content-Type": headers.get("Content-Type"),
            "Cache-Control": headers.get("Cache-Control"),
            **{name: headers.get(name) for name in SECURITY_HEADERS},
        }
        wanted = {"status": 200, "Content-Type": content_type, "Cache-Control": cache, **SECURITY_HEADERS}
        problems += [
            f"{path}: {name} is {seen[name]!r}, expected {wanted[name]!r}"
            for name in wanted
            if seen[name] != wanted[name]
        ]
        if compressed and len(body) > 512:
            if headers.get("Content-Encoding") != "gzip" or "Accept-Encoding" not in headers.get("Vary", ""):
                problems.append(
                    f"{path}: not gzip-compressed ({headers.get('Content-Encoding')}, Vary {headers.get('Vary')})"
                )
        elif not compressed and headers.get("Content-Encoding"):
            problems.append(f"{path}: compressed although it should not be")
    assert not problems, "\n".join(problems)


def test_a_folder_address_without_its_slash_and_the_server_root_redirect_within_the_site(served: Served):
    opener = urllib.request.build_opener(_NoRedirect)
    for path, status, location in (("ke-hoach", 301, SUB_PATH + "ke-hoach/"), ("", 302, SUB_PATH)):
        url = (served.base + path) if path else served.origin + "/"
        with pytest.raises(urllib.error.HTTPError) as answer:
            opener.open(urllib.request.Request(url, method="HEAD"), timeout=10)
        assert (answer.value.code, answer.value.headers["Location"]) == (status, location)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_every_internal_link_and_asset_of_every_page_resolves_under_the_sub_path(served: Served):
    report = gates.check_links(served.site, served.base)
    html_files = len(list(served.site.rglob("*.html")))
    assert report.pages == html_files and report.links > 300
    escaping = sorted(url for url in report.external if url.startswith(served.origin))
    assert not escaping, "links leaving the sub-path: " + ", ".join(escaping[:20])
    assert not report.problems, "\n".join(report.problems)


@pytest.mark.parametrize("path", ["khong-co-trang-nay/", "bai-viet/2025/mot/hai/ba/khong-co.html", "feed.rss"])
def test_an_unknown_address_gets_the_vietnamese_404_whose_links_work_from_there(served: Served, path):
    url = served.base + path
    status, headers, body = _get(url)
    assert status == 404
    assert {name: headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    doc = html.fromstring(body)
    assert doc.get("lang") == "vi"
    assert doc.xpath("string(//h1)").strip() == "Không tìm thấy trang"
    references = [
        element.get(attribute)
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src"), ("a", "href"))
        for element in doc.iter(tag)
        if element.get(attribute) and not element.get(attribute).startswith(("#", "data:", "mailto:", "tel:"))
    ]
    assets = [reference for reference in references if reference.endswith((".css", ".js"))]
    assert len(assets) >= 3
    problems = []
    for reference in references:
        target = urljoin(url, reference)
        if urlsplit(target).netloc != urlsplit(served.origin).netloc:
            continue  # external (the city's portal), listed by the link gate, never fetched
        if not urlsplit(target).path.startswith(SUB_PATH):
            problems.append(f"{reference!r} leaves the sub-path: {target}")
        elif _get(target.split("#")[0])[0] != 200:
            problems.append(f"{reference!r} from {path} does not answer: {target}")
    assert not problems, "\n".join(problems)


def test_feed_links_are_absolute_and_under_the_sub_path(served: Served):
    status, _, body = _get(served.base + "feed.xml")
    assert status == 200
    feed = etree.fromstring(body)
    urls = feed.xpath("/rss/channel/link/text() | //item/link/text() | //enclosure/@url")
    urls += feed.xpath("//*[local-name()='link' and namespace-uri()='http://www.w3.org/2005/Atom']/@href")
    items = feed.xpath("//item")
    assert items and len(urls) >= 2 + len(items)
    for item in items:
        content = item.xpath("string(*[local-name()='encoded'])") or item.xpath("string(description)")
        fragment = html.fragment_fromstring(content, create_parent="div")
        urls += [value for value in fragment.xpath("//a/@href | //img/@src") if not value.startswith("mailto:")]
    problems = [
        url
        for url in urls
        if not url.startswith(served.base) and urlsplit(url).netloc in ("", urlsplit(served.origin).netloc)
    ]
    assert not problems, "not absolute under the sub-path: " + ", ".join(problems)
    for url in {url for url in urls if url.startswith(served.base)}:
        assert _get(url.split("#")[0])[0] == 200, url


HEADER_WORDS = (
    "Content Security Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Permissions policy",
    "Refused",
)
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`));
"""


class Watched(Visit):
    """A visit that records console errors and warnings, uncaught errors and CSP violations, of
    the page and of its workers (Material's search)."""

    def __init__(self, browser, base_url: str, width: int) -> None:
        super().__init__(browser, base_url, width)
        self.messages: list[str] = []
        self.expected_404: str | None = None
        """The address a 404 test asks for: Chromium logs that answer as a failed resource."""
        self.context.add_init_script(CSP_LISTENER)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.messages.append(f"uncaught: {error}"))
        self.page.on("worker", lambda worker: worker.on("console", self._console))

    def _console(self, message) -> None:
        if message.text.startswith("Failed to load resource") and message.location.get("url") == self.expected_404:
            return
        # Every error; warnings only about the headers. lunr's own warning in the search worker
        # ("Function is not registered with pipeline") is Material's, with or without a CSP.
        if message.type == "error" or (
            message.type == "warning" and any(word in message.text for word in HEADER_WORDS)
        ):
            self.messages.append(f"console {message.type}: {message.text}")

    def problems(self, where: str) -> list[str]:
        violations = self.page.evaluate("window.__cspViolations || []")
        return [f"{where}: {text}" for text in self.messages + [f"CSP violation: {v}" for v in violations]]


@pytest.fixture
def watch(browser):
    opened: list[Watched] = []

    def open_watched(base_url: str, width: int = 360) -> Watched:
        opened.append(Watched(browser, base_url, width))
        return opened[-1]

    yield open_watched
    for item in opened:
        item.close()


def test_every_page_type_runs_under_the_csp_with_no_console_error(served: Served, watch):
    problems = []
    visit = watch(served.base)
    for name, path in sorted(PAGE_TYPES.items()):
        visit.messages.clear()
        visit.open(path.lstrip("/"))
        problems += visit.problems(f"{name} ({SUB_PATH}{path.lstrip('/')})")
    assert not problems, "\n".join(problems)


def test_search_works_under_the_sub_path_with_the_csp_on(served: Served, watch):
    visit = watch(served.base, 1280)
    page = visit.open("")
    page.locator(".md-search__input").click()
    # Material's bundle loads at this first interaction (docs/assets/cchc-page.js), then opens the
    # search; waited for with a selector, since a polled script would need the 'unsafe-eval' the
    # policy refuses.
    page.wait_for_selector('[data-md-toggle="search"]:checked', state="attached")
    results = page.locator(".md-search-result__item")
    for _ in range(3):  # the worker may still be loading the index when the first keys land
        page.locator(".md-search__input").fill("")
        page.locator(".md-search__input").press_sequentially("ke hoach", delay=30)
        try:
            results.first.wait_for(state="visible", timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; try typing again
            continue
    assert results.count() > 0, "no search result for 'ke hoach'"
    links = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
    assert all(urljoin(page.url, link).startswith(served.base) for link in links), links
    start = page.url
    results.first.locator("a").first.click()
    page.wait_for_url(lambda url: url != start)
    assert page.url.startswith(served.base)
    problems = visit.problems("search")
    assert not problems, "\n".join(problems)


def test_the_404_page_works_in_the_browser_from_a_deep_address(served: Served, watch):
    visit = watch(served.base)
    visit.expected_404 = served.base + "bai-viet/2025/khong/co/trang/nay/"
    response = visit.page.goto(visit.expected_404)
    assert response is not None and response.status == 404
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.locator("h1").inner_text().strip() == "Không tìm thấy trang"
    # The theme's stylesheet applied: Material's header is laid out, not bare text.
    assert visit.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    problems = visit.problems("404 from a deep address")
    assert not problems, "\n".join(problems)


def test_the_watch_sees_what_the_csp_refuses(served: Served, watch):
    """The checks above can fail: content breaking the policy is reported."""
    visit = watch(served.base)
    page = visit.open("")
    page.evaluate("document.querySelector('h1').setAttribute('style', 'color: red')")
    page.evaluate(
        "const s = document.createElement('script'); s.src = 'https://example.invalid/x.js'; document.body.append(s)"
    )
    page.wait_for_timeout(300)
    problems = "\n".join(visit.problems("home"))
    assert "CSP violation: style-src-attr blocked inline" in problems
    assert "CSP violation: script-src-elem blocked https://example.invalid/x.js" in problems
