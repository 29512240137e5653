"""A report page printed from Debian's Chromium: A4 like the document, the site's header, menus
and tools left out, the document's text kept."""

from __future__ import annotations

import subprocess


def test_a_report_prints_on_a4_without_the_sites_chrome(browser, gate_site, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(gate_site.server.base_url + "bao-cao/2025/quy-3/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.cchc-report-tools'].map(
            (selector) => getComputedStyle(document.querySelector(selector)).display)"""
    )
    assert hidden == ["none", "none", "none", "none"]
    font = page.evaluate("() => getComputedStyle(document.querySelector('.cchc-vanban')).fontSize")
    assert font == "17.3333px"  # 13 pt
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    context.close()
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "595.92 x 842.88 pts" in info or "595.276 x 841.89 pts" in info or "(A4)" in info, info
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split()
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nơi nhận:" in text and "HIỆU TRƯỞNG" in text
    assert "Tải bản Word" not in text and "Tìm kiếm" not in text
