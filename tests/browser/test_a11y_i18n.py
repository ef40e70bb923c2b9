"""English tree and accessibility in Debian's Chromium: axe-core, keyboard, focus, print.

The site is the fixture project (`tests/fixtures/site`) built with the repo's `mkdocs.yml`
into both language trees and indexed with Pagefind.  axe-core comes from `node_modules/`
(`npm install`; it is in package.json).  Screenshots go to `tests/artifacts/screenshots/`
(gitignored) for people to look at; the axe results per page go to
`tests/artifacts/axe-results.json`.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """As in conftest: skip locally, fail under CI=true."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


pytestmark = pytest.mark.browser

FIXTURE = REPO / "tests" / "fixtures" / "site"
HLBE = "hulunbeier-zhiben-gongjian-2024"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "tests" / "artifacts"
SHOTS = ARTIFACTS / "screenshots"
BLOCKING = {"serious", "critical"}

# Pages checked in both trees.
PAGES = {
    "home": "",
    "plan": f"plans/{HLBE}/",
    "unit": "units/hulunbeier/yingjiguanliju/",
    "topic": "topics/{first}/",
    "timeline": "timeline/",
}


@pytest.fixture(scope="session")
def both_trees(fixture_site_indexed: Path) -> Path:
    """The fixture's site with its search index (built once per run: tests/conftest.py)."""
    return fixture_site_indexed


@pytest.fixture(scope="session")
def trees_site(both_trees: Path) -> Iterator[SimpleNamespace]:
    handler = functools.partial(_Quiet, directory=str(both_trees))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


def page_path(site: Path, name: str, lang: str) -> str:
    path = PAGES[name]
    if "{first}" in path:
        topics = sorted(p.name for p in (site / "topics").glob("*/") if p.is_dir())
        assert topics, "the fixture's site has no topic page"
        path = path.format(first=topics[0])
    assert (site / path / "index.html").is_file(), f"{path} was not built ({name})"
    return ("en/" if lang == "en" else "") + path


# --- axe-core ----------------------------------------------------------------------------


def run_axe(page) -> list[dict]:
    if not AXE.is_file():
        skip_or_fail(f"{AXE} is missing: run `npm install`")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"
    )
    return result


_RESULTS: dict[str, list[dict]] = {}


@pytest.fixture(scope="session", autouse=True)
def _record_axe_results() -> Iterator[None]:
    yield
    if _RESULTS:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        out = ARTIFACTS / "axe-results.json"
        out.write_text(json.dumps(_RESULTS, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_no_serious_violations(trees_site, both_trees, page, name, lang):
    page.goto(trees_site.url + page_path(both_trees, name, lang))
    violations = run_axe(page)
    _RESULTS[f"{name}/{lang}"] = violations
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], json.dumps(blocking, ensure_ascii=False, indent=1)


# --- language ----------------------------------------------------------------------------


def test_html_lang_and_material_chrome_follow_the_tree(trees_site, page):
    page.goto(trees_site.url + f"en/plans/{HLBE}/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator(".md-skip").first.text_content().strip() == "Skip to content"
    assert page.locator("nav.md-nav--primary").get_attribute("aria-label") == "Navigation"
    body_lang = page.locator(".pp-body").get_attribute("lang")
    assert body_lang == "zh-Hans", "plan text stays Chinese"
    page.goto(trees_site.url + f"plans/{HLBE}/")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"


def test_language_switch_lands_on_the_same_page(trees_site, page):
    for path in (f"plans/{HLBE}/", "units/hulunbeier/yingjiguanliju/", "about/", ""):
        page.goto(trees_site.url + path)
        page.locator("[data-pp-lang-switch]").click()
        page.wait_for_load_state()
        assert page.url == trees_site.url + "en/" + path
        assert page.evaluate("document.documentElement.lang") == "en"
        page.locator("[data-pp-lang-switch]").click()
        page.wait_for_load_state()
        assert page.url == trees_site.url + path


def test_mongolian_letterhead_is_vertical_in_its_font(trees_site, page):
    page.goto(trees_site.url + f"en/plans/{HLBE}/")
    line = page.locator('.pp-altline[lang="mn-Mong"]')
    assert line.count() == 1
    style = line.evaluate(
        "el => [getComputedStyle(el).writingMode, getComputedStyle(el).fontFamily]"
    )
    assert style[0] == "vertical-lr" and "Noto Sans Mongolian" in style[1]
    text = line.text_content()
    assert page.evaluate("t => document.fonts.check('16px \"Noto Sans Mongolian\"', t)", text)


def test_english_search_finds_english_names(trees_site, page, search):
    page.goto(trees_site.url + "en/")
    placeholder = page.locator("#pp-search-input").get_attribute("placeholder")
    assert placeholder.startswith("Search plans")
    results = search(page, "Emergency")
    hrefs = [r["href"] for r in results]
    assert any("/en/units/hulunbeier/yingjiguanliju/" in h for h in hrefs), hrefs
    assert all(h.startswith(trees_site.url + "en/") for h in hrefs), "English index only"


# --- keyboard and focus --------------------------------------------------------------------


def tab_until(page, predicate: str, limit: int = 60) -> list[str]:
    """Press Tab until `predicate` (JS on `document.activeElement`) holds; the path taken."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        el = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + e.tagName }"
        )
        seen.append(el)
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return seen
    raise AssertionError(f"not reached by Tab: {predicate}; went through {seen}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keyboard_reaches_skip_link_search_and_copy_buttons(trees_site, page, lang):
    prefix = "en/" if lang == "en" else ""
    page.goto(trees_site.url + prefix + f"plans/{HLBE}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#pp-main'")
    path = tab_until(page, "el.matches('details.pp-copy > summary')")
    assert len(path) < 60
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "focused copy menu shows a focus ring"
    page.keyboard.press("Enter")  # opens the task's copy menu
    tab_until(page, "el.classList.contains('pp-copy-link')", limit=3)
    page.keyboard.press("Enter")  # activates the copy button from the keyboard
    page.wait_for_function("document.querySelector('.pp-status').textContent !== ''")
    page.goto(trees_site.url + prefix + f"plans/{HLBE}/")
    tab_until(page, "el.id === 'pp-search-input' || el.getAttribute('for') === '__search'")
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.id") != "pp-search-input":
        page.locator("#pp-search-input").wait_for(state="visible")
        page.wait_for_function("document.activeElement.id === 'pp-search-input'", timeout=2000)


def test_focus_ring_on_header_link_and_language_switch(trees_site, page):
    page.goto(trees_site.url + "en/")
    tab_until(page, "el.hasAttribute('data-pp-lang-switch')")
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth] }"
    )
    assert ring[0] != "none" and ring[1] != "0px", ring


def test_landmarks_and_heading_order(trees_site, page):
    for path in ("", f"en/plans/{HLBE}/", "en/units/hulunbeier/yingjiguanliju/"):
        page.goto(trees_site.url + path)
        for selector in ("header", "nav", "main", "footer"):
            assert page.locator(selector).count() >= 1, (path, selector)
        levels = page.eval_on_selector_all(
            "main h1, main h2, main h3, main h4, main h5, main h6",
            "els => els.filter(e => e.offsetParent !== null || e.closest('.md-content'))"
            ".map(e => +e.tagName[1])",
        )
        assert levels[0] == 1 and levels.count(1) == 1, (path, levels[:5])
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert jumps == [], (path, jumps[:5])


# --- print ------------------------------------------------------------------------------


def test_print_stylesheet_for_plan_pages(trees_site, page):
    page.goto(trees_site.url + f"en/plans/{HLBE}/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search',"
        " '.pp-actions', '.md-footer', '.pp-lang-switch']"
        ".map(s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display"
        " === 'none'))"
    )
    assert all(hidden), hidden
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.pp-task__title'), '::after').content"
    )
    assert f"/en/plans/{HLBE}/#t-" in after, after
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SHOTS / "en-plan-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    assert pdf.stat().st_size > 10_000
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=str(SHOTS / "en-plan-print.png"), full_page=False)
    page.emulate_media(media="screen")


# --- screenshots ------------------------------------------------------------------------

VIEWPORTS = {"desktop": (1280, 900), "mobile": (390, 844)}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("name", "path"), [("en-home", "en/"), ("en-plan", f"en/plans/{HLBE}/")])
def test_screenshots(trees_site, page, viewport, name, path):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(trees_site.url + path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{viewport}.png"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways at {width}px by {overflow}px"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_axe_on_a_further_part_of_a_long_plan(portal_site, page, prefix):
    """Part 2 of a real plan (pager, continued headings), in both trees of the seed portal."""
    path = f"{prefix}plans/{HLBE}/2/"
    assert (portal_site.site / path / "index.html").is_file(), "the plan is printed on parts"
    page.goto(portal_site.url + path)
    page.wait_for_load_state("load")
    violations = run_axe(page)
    _RESULTS[f"plan-part/{prefix or 'zh/'}"] = violations
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)  # any impact
    assert page.locator(".pp-pager [aria-current=page]").first.inner_text() == "2"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
