"""Clause anchors on the real plan pages: scroll, highlight, copy link."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PLAN = "plans/hulunbeier-zhiben-gongjian-2024/"


def _last_task(portal_site) -> str:
    """A task far down the page, so landing on it needs a scroll."""
    html = (portal_site.site / PLAN / "index.html").read_text(encoding="utf-8")
    import re

    ids = re.findall(r'<h\d id="(t-[0-9a-z-]+)"', html)
    assert ids, "plan page has no task headings with id t-…"
    return ids[-1]


def test_anchor_scrolls_and_highlights(portal_site, page):
    anchor = _last_task(portal_site)
    page.goto(f"{portal_site.url}{PLAN}#{anchor}")
    page.wait_for_load_state("load")
    heading = page.locator(f"#{anchor}")
    top = heading.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, top
    assert page.evaluate("window.scrollY") > 0
    clause = page.locator(f".pp-task:has(> #{anchor})")
    other = page.locator(".pp-task").first
    style = "el => getComputedStyle(el).backgroundColor"
    assert clause.evaluate(style) != other.evaluate(style), "the targeted clause stands out"


def test_copy_link_puts_absolute_url_on_clipboard(portal_site, browser, problems):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=portal_site.url[:-1])
    try:
        page = ctx.new_page()
        problems.attach(page)
        anchor = _last_task(portal_site)
        page.goto(f"{portal_site.url}{PLAN}")
        page.locator(f".pp-copy-link[data-pp-anchor='{anchor}']").click()
        page.wait_for_function("() => document.querySelector('.pp-status').textContent !== ''")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == f"{portal_site.url}{PLAN}#{anchor}"
        assert not problems.items, problems.items
    finally:
        ctx.close()
