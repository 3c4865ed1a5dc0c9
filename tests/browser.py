"""Headless Chromium with the network cut off, as a reader would open a page offline (Debian's
``chromium`` driven by Playwright). Shared by the browser tests."""

from __future__ import annotations

import re
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HAN = re.compile(r"[\u4e00-\u9fff]")


def visit(page, url: str) -> dict:
    """Load ``url``; return what the checks need, recording console errors and network attempts."""
    errors, remote, dialogs = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            remote.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    images = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
    fonts = page.evaluate("document.fonts.ready.then(s => Array.from(s).filter(f => f.family.includes('WB CJK'))"
                          ".map(f => f.status))")
    return {"errors": errors, "remote": remote, "dialogs": dialogs, "images": images,
            "title": page.title(), "text": page.inner_text("body"), "fonts": fonts,
            "pwned": page.evaluate("window.__pwned === undefined ? null : window.__pwned")}


def open_pages(urls) -> dict:
    """Visit every url in one browser; fails (never skips) when chromium is missing."""
    assert CHROMIUM.exists(), "Debian chromium is missing: apt-get install -y chromium (.ci/run does this)"
    from playwright.sync_api import sync_playwright

    seen = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for url in urls:
                page = browser.new_page()
                seen[url] = visit(page, url)
                page.close()
        finally:
            browser.close()
    return seen
