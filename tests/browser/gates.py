"""The check functions of the quality gates. Each returns a list of problems, one message per
problem naming the page and what is wrong, so a failing gate reads as a to-do list. The real
site's tests and the broken-fixture tests call the same functions."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from lxml import html

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@dataclass(frozen=True)
class ThemeMessage:
    """A Nu checker error that Material's own markup causes: filtered only where that exact
    message comes with the theme's markup (`marker` in the extract), never elsewhere."""

    message: str
    marker: str
    why: str


# Nothing may be added here for markup that our templates or content produce.
VNU_THEME_MESSAGES: tuple[ThemeMessage, ...] = (
    ThemeMessage(
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
        "“tel”, “text”, “time”, “url”, or “week”.",
        'class="md-toggle"',
        "Material's base.html writes its drawer and search toggles as checkboxes with "
        'autocomplete="off", which keeps a browser from restoring a menu left open; none of our '
        "templates writes it.",
    ),
)


def _tool(path: Path) -> str:
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: run `npm ci --prefix tests/browser --ignore-scripts` (bash tests/run does)"
        )
    return str(path)


def axe_rule_count(page) -> int:
    """How many axe rules carry the WCAG 2.0/2.1 A and AA tags (the page must have axe loaded)."""
    return page.evaluate("tags => axe.getRules(tags).length", list(AXE_TAGS))


def axe_violations(page, where: str) -> list[str]:
    """Run axe-core's WCAG 2.0/2.1 A+AA rules on the page as it is now; `where` names page and width."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=_tool(AXE_SCRIPT))
    # Colours measured mid-transition (search results fade in) would make the verdict a lottery.
    page.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        list(AXE_TAGS),
    )
    problems = []
    for violation in result["violations"]:
        targets = [" ".join(str(part) for part in node["target"]) for node in violation["nodes"]]
        shown = "; ".join(targets[:8]) + (f"; … {len(targets) - 8} more" if len(targets) > 8 else "")
        first = violation["nodes"][0]
        detail = next((check["message"] for kind in ("any", "all", "none") for check in first[kind]), "")
        problems.append(
            f"{where}: axe {violation['id']} ({violation['impact']}): {violation['help']}: {shown}"
            + (f" (first: {detail})" if detail else "")
        )
    return problems


@dataclass
class VnuReport:
    files: int
    problems: list[str]
    filtered: int


def vnu_errors(site: Path, theme_messages: tuple[ThemeMessage, ...] = VNU_THEME_MESSAGES) -> VnuReport:
    """The Nu HTML checker over every HTML file of `site`, in one Java run."""
    files = sorted(site.rglob("*.html"))
    run = subprocess.run(
        ["java", "-jar", _tool(VNU_JAR), "--format", "json", "--skip-non-html", "--exit-zero-always", str(site)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(run.stderr or run.stdout)
    problems, filtered = [], 0
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        if any(
            message.get("message") == theme.message and theme.marker in message.get("extract", "")
            for theme in theme_messages
        ):
            filtered += 1
            continue
        url = message.get("url", "")
        where = _site_path(site, url)
        line = message.get("lastLine") or message.get("firstLine")
        extract = " ".join(message.get("extract", "").split())
        problems.append(f"{where}:{line}: vnu: {message['message']}" + (f" [{extract[:120]}]" if extract else ""))
    return VnuReport(len(files), problems, filtered)


def _site_path(site: Path, url: str) -> str:
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        return "/" + path.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return url


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    problems: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)


_LINK_ATTRIBUTES = (
    ("a", "href"),
    ("link", "href"),
    ("area", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("form", "action"),
)


def check_links(site: Path, base_url: str) -> LinkReport:
    """Fetch every HTML page of `site` from the server at `base_url` and check that each internal
    link answers and each #anchor names an element of its target page. External links are
    collected, never fetched."""
    report = LinkReport()
    fetched: dict[str, tuple[int, html.HtmlElement | None]] = {}

    def fetch(url: str) -> tuple[int, html.HtmlElement | None]:
        if url not in fetched:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    body, status = response.read(), response.status
                    is_html = response.headers.get_content_type() == "text/html"
                fetched[url] = (status, html.fromstring(body) if is_html and body.strip() else None)
            except urllib.error.HTTPError as error:
                fetched[url] = (error.code, None)
        return fetched[url]

    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        page_url = base_url + relative.removesuffix("index.html")
        status, doc = fetch(page_url)
        where = "/" + relative.removesuffix("index.html")
        if doc is None:
            report.problems.append(f"{where}: the page itself answers HTTP {status}")
            continue
        report.pages += 1
        for tag, attribute in _LINK_ATTRIBUTES:
            for element in doc.iter(tag):
                value = element.get(attribute)
                if value is None or value.startswith(("data:", "javascript:", "blob:")):
                    continue
                report.links += 1
                target = urljoin(page_url, value.strip())
                if not target.startswith(base_url):
                    report.external.add(target)
                    continue
                address, anchor = urldefrag(target)
                target_status, target_doc = fetch(address)
                if target_status != 200:
                    report.problems.append(f"{where}: link {value!r} leads to HTTP {target_status}")
                elif anchor and (target_doc is None or not _has_anchor(target_doc, unquote(anchor))):
                    report.problems.append(
                        f"{where}: link {value!r}: no element with id {unquote(anchor)!r} on its target page"
                    )
    return report


def _has_anchor(doc: html.HtmlElement, anchor: str) -> bool:
    return bool(doc.xpath("//*[@id=$a] | //a[@name=$a]", a=anchor))


def third_party_requests(requested: list[str], base_url: str, where: str) -> list[str]:
    """Requests a page made to anything but the local server (data: and blob: URLs stay local)."""
    return [
        f"{where}: request to a third party: {url}"
        for url in requested
        if not url.startswith((base_url, "data:", "blob:"))
    ]
