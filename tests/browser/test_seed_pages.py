"""The seed portal's page families in Debian's Chromium, in both languages: axe-core with no
serious or critical violation, no sideways scrolling at 1280 and 390 px, screenshots for
people to look at (`tests/artifacts/screenshots/seed-*.png`, gitignored); and what the
layout promises: the unit finder, one copy menu per task within a few Tab stops, a notice
for an unknown clause, pagers in one row, the page title said once."""

from __future__ import annotations

import json
import re

import pytest
from helpers import REPO

pytestmark = pytest.mark.browser

HLBE = "hulunbeier-zhiben-gongjian-2024"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
BLOCKING = {"serious", "critical"}
PAGES = {
    "home": "",
    "plan": f"plans/{HLBE}/",
    "unit": "units/hulunbeier/yingjiguanliju/",
    "group": "units/hulunbeier/anweihui-jianguan-bumen/",
    "units": "units/",
    "timeline": "timeline/",
    "topic": "topics/mining/",
    "data": "data/",
    "changes": "changes/",
}
WIDTHS = (1280, 390)


def _axe(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm install`", pytrace=False)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_axe_width_and_screenshots(portal_site, page, name, lang):
    path = ("en/" if lang == "en" else "") + PAGES[name]
    assert (portal_site.site / path / "index.html").is_file(), path
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(portal_site.url + path)
        page.wait_for_load_state("load")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways at {width}px by {overflow}px"
        page.screenshot(path=str(SHOTS / f"seed-{name}-{lang}-{width}.png"), full_page=True)
        blocking = [v for v in _axe(page) if v["impact"] in BLOCKING]
        assert blocking == [], json.dumps(blocking, ensure_ascii=False, indent=1)


@pytest.mark.parametrize(
    ("path", "query", "found"),
    [
        ("units/", "呼伦贝尔市应急", "/units/hulunbeier/yingjiguanliju/"),
        ("", "呼伦贝尔市应急管理局", "/units/hulunbeier/yingjiguanliju/"),
        ("units/", "yjglj", "/units/[a-z-]+/yingjiguanliju/"),  # pinyin initials
        ("en/units/", "Hulunbuir Emergency", "/en/units/hulunbeier/yingjiguanliju/"),
        ("en/", "yingjiguanliju", "/en/units/[a-z-]+/yingjiguanliju/"),  # pinyin
    ],
)
def test_unit_finder_jumps_to_the_unit(portal_site, page, path, query, found):
    page.goto(portal_site.url + path)
    box = page.locator(".pp-finder input")
    assert box.count() == 1 and box.is_visible(), "one finder, shown with JavaScript"
    box.fill(query)
    page.locator(".pp-finder__results a").first.wait_for()
    assert page.locator(".pp-finder__status").inner_text().strip()
    page.keyboard.press("ArrowDown")  # the first result, then open it
    assert page.evaluate("document.activeElement.closest('.pp-finder__results') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(portal_site.url.rstrip("/")) + found + "$"))
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_first_task_menu_within_ten_tab_stops(portal_site, page, lang):
    prefix = "en/" if lang == "en" else ""
    page.goto(portal_site.url + prefix + f"plans/{HLBE}/")
    tasks = page.locator(".pp-task").count()
    assert tasks > 5
    assert page.locator("details.pp-copy").count() == tasks, "one copy menu per task"
    presses = 0
    for _ in range(3):  # the skip link to the plan's text is among the first stops
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("document.activeElement.matches('a.md-skip[href=\"#pp-body\"]')"):
            break
    else:
        pytest.fail("no skip link to the plan's text among the first three Tab stops")
    page.keyboard.press("Enter")
    presses += 1
    while not page.evaluate("document.activeElement.matches('details.pp-copy > summary')"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= 10, "the first task's copy menu is more than 10 key presses away"
    first = page.locator("details.pp-copy > summary").first
    assert page.evaluate("document.activeElement") == first.evaluate("el => el")
    box = first.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box


@pytest.mark.parametrize(("prefix", "words"), [("", "第99条"), ("en/", "Task 99")])
def test_unknown_clause_anchor_says_so(portal_site, page, prefix, words):
    page.goto(portal_site.url + prefix + f"plans/{HLBE}/#t-99")
    notice = page.locator(".pp-missing")
    notice.wait_for(state="visible")
    assert words in notice.inner_text()
    assert notice.locator("a[href*='history']").count() == 1


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_pager_in_one_row_and_title_said_once(portal_site, page, prefix):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(portal_site.url + prefix + f"plans/{HLBE}/")
    tops = page.evaluate(
        "[...document.querySelector('.pp-pager').querySelectorAll('a, [aria-current]')]"
        ".map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tops) >= 2 and max(tops) - min(tops) < 8, tops  # one row, not stacked
    title = page.title()
    site = "Work Safety Plans Portal" if prefix else "安全生产规划门户"
    assert title.count(site) == 1, title
    page.goto(portal_site.url + prefix)
    assert page.title() == site
    assert re.search(r"\S", page.locator("h1").inner_text())
