"""Clause anchors on the real plan pages: scroll, highlight, copy link."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PLAN = "plans/hulunbeier-zhiben-gongjian-2024/"


def _tasks_of(portal_site, path: str) -> list[str]:
    """Ids of the task headings on the built page at `path`."""
    import re

    html = (portal_site.site / path / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h\d id="(t-[0-9a-z-]+)"', html)
    assert ids, f"{path} has no task headings with id t-…"
    return ids


def _last_task(portal_site) -> str:
    """A task far down the page, so landing on it needs a scroll."""
    return _tasks_of(portal_site, PLAN)[-1]


def _copied_link(portal_site, browser, problems, path: str, anchor: str) -> str:
    """What the copy-link button of clause `anchor` on page `path` puts on the clipboard."""
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=portal_site.url[:-1])
    try:
        page = ctx.new_page()
        problems.attach(page)
        page.goto(f"{portal_site.url}{path}")
        task = page.locator(f".pp-task:has(#{anchor})")
        task.locator("details.pp-copy > summary").click()  # one copy menu per task
        task.locator(f".pp-copy-link[data-pp-anchor='{anchor}']").click()
        page.wait_for_function("() => document.querySelector('.pp-status').textContent !== ''")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert not problems.items, problems.items
        return copied
    finally:
        ctx.close()


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
    anchor = _last_task(portal_site)
    copied = _copied_link(portal_site, browser, problems, PLAN, anchor)
    assert copied == f"{portal_site.url}{PLAN}#{anchor}"


def test_clause_link_to_the_plan_forwards_to_the_part_that_prints_it(portal_site, page):
    """Long plans are printed on parts; the shared form plans/<id>/#t-… still lands."""
    anchor = _tasks_of(portal_site, f"{PLAN}2/")[-1]
    assert anchor not in _tasks_of(portal_site, PLAN)
    page.goto(f"{portal_site.url}{PLAN}#{anchor}")
    page.wait_for_url(f"{portal_site.url}{PLAN}2/#{anchor}")
    page.wait_for_load_state("load")
    top = page.locator(f"#{anchor}").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, top
    # a stale part link (the plan was re-cut since) is forwarded as well
    first = _tasks_of(portal_site, PLAN)[0]
    page.goto(f"{portal_site.url}{PLAN}2/#{first}")
    page.wait_for_url(f"{portal_site.url}{PLAN}#{first}")


def test_copy_link_on_a_later_part_copies_the_plan_address(portal_site, browser, problems):
    anchor = _tasks_of(portal_site, f"{PLAN}2/")[0]
    copied = _copied_link(portal_site, browser, problems, f"{PLAN}2/", anchor)
    assert copied == f"{portal_site.url}{PLAN}#{anchor}"
