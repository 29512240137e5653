"""Every page type of the site, as the browser quality gates visit it.

Adding a page type to every gate (axe at 360 and 1280 px, the Nu checker, links, third-party
requests, screenshots) is one line here: a name and a path on the built site.
"""

PAGE_TYPES: dict[str, str] = {
    "home": "/",
    "plans": "/ke-hoach/",
    "plan": "/ke-hoach/2025/",
    "progress": "/tien-do/",
    # Reports exist for every ended quarter; the real 2025 ones carry their honest blanks.
    "reports": "/bao-cao/",
    "report": "/bao-cao/2025/quy-3/",
    "not-found": "/404.html",
    # Articles and model practices: the fixture overlay (tests/fixtures/overlay/) provides one
    # article and one practice; the real site has none yet and shows empty states.
    "articles": "/bai-viet/",
    "article": "/bai-viet/2025/bai-kiem-thu/",
    "articles-year": "/bai-viet/2025/",
    "articles-quarter": "/bai-viet/2025/quy-1/",
    "articles-kind": "/bai-viet/loai/bai-viet/",
    "practices": "/mo-hinh/",
    "practice": "/mo-hinh/mo-hinh-kiem-thu/",
    "feedback-channels": "/phan-anh/",
    "questions-answers": "/phan-anh/hoi-dap/",
    "sitemap": "/so-do-trang/",
}
