"""Every page type of the site, as the browser quality gates visit it.

Adding a page type to every gate (axe at 360 and 1280 px, the Nu checker, links, third-party
requests, screenshots) is one line here: a name and a path on the built site.
"""

PAGE_TYPES: dict[str, str] = {
    "home": "/",
    "plans": "/ke-hoach/",
    "plan": "/ke-hoach/2025/",
    "not-found": "/404.html",
    "feedback-channels": "/phan-anh/",
    "questions-answers": "/phan-anh/hoi-dap/",
    "sitemap": "/so-do-trang/",
}
