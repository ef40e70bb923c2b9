"""Timelines and topic pages of the real portal in Chromium: readable without JavaScript,
no console errors, no page-wide horizontal scrolling on a phone; screenshots for review.

Screenshots go to `tests/artifacts/screenshots/` (gitignored): a plan timeline, the global
timeline and the gas topic page, at desktop (1280×900) and mobile (390×844) widths.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
DATONG = "huainan-datong-zhiben-gongjian-2024"
PAGES = {
    "plan-timeline": f"plans/{DATONG}/timeline/",
    "site-timeline": "timeline/",
    "topic-gas": "topics/gas/",
}
SIZES = {"desktop": (1280, 900), "mobile": (390, 844)}


@pytest.fixture
def no_js_page(browser, problems):
    ctx = browser.new_context(
        locale="zh-CN",
        viewport={"width": 1280, "height": 900},
        java_script_enabled=False,
        service_workers="block",
    )
    pg = ctx.new_page()
    problems.attach(pg)
    yield pg
    ctx.close()
    assert not problems.items, "browser errors:\n" + "\n".join(problems.items)


def test_plan_timeline_is_readable_without_javascript(portal_site, no_js_page):
    page = no_js_page
    page.goto(portal_site.url + PAGES["plan-timeline"])
    chart = page.locator("figure.pp-gantt")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["height"] > 200
    phases = page.locator("figure.pp-gantt .pp-gantt__row--phase")
    assert phases.count() == 4
    names = page.locator("table.pp-tl-table").first.locator("tbody tr td:first-child")
    assert [t.strip() for t in names.all_inner_texts()] == [
        "（一）动员部署阶段",
        "（二）专项治理阶段",
        "（三）巩固提升阶段",
        "（四）总结评估阶段",
    ]
    # every bar has a width and sits inside its track
    for bar in page.locator("figure.pp-gantt .pp-gantt__row--phase .pp-gantt__bar").all():
        b = bar.bounding_box()
        assert b is not None and b["width"] > 5 and b["height"] > 5
    legend = page.locator(".pp-tl-legend").inner_text()
    assert "期限已过" in legend and "90天内到期" in legend and "90天以后到期" in legend


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("size", sorted(SIZES))
def test_screenshots_and_no_errors(portal_site, browser, problems, name, size):
    width, height = SIZES[size]
    ctx = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": height}, service_workers="block"
    )
    page = ctx.new_page()
    problems.attach(page)
    try:
        page.goto(portal_site.url + PAGES[name])
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.is_visible()
        # the page itself does not scroll sideways (wide tables scroll in their own box)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, overflow
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    finally:
        ctx.close()
    assert not problems.items, "browser errors:\n" + "\n".join(problems.items)


def test_nav_and_plan_page_link_the_timeline_and_topics(portal_site, page):
    page.goto(portal_site.url + f"plans/{DATONG}/")
    page.locator("a.pp-timeline-link").click()
    page.wait_for_url(f"**/plans/{DATONG}/timeline/")
    page.goto(portal_site.url)
    nav = page.locator("nav.md-nav--primary").inner_text()
    assert "时间线" in nav and "专题" in nav
