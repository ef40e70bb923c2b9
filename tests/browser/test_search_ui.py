"""The header search box on a tiny MkDocs + Material site served under a sub-path.

Independent of the page generator: the mini project (conftest `mini_built`) writes pages in
the planportal page format with `keyword_html` / `filter_html`.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("燃气", "#t-01"),
        ("隐患", "#t-02"),
        ("重大事故隐患", "#t-02"),
        ("ranqi", "#t-01"),
        ("应急管理局", "/units/yingjiguanliju/"),
        ("yingjiguanliju", "/units/yingjiguanliju/"),
        ("yjglj", "/units/yingjiguanliju/"),
        ("演安委会字〔2024〕4号", "/plans/demo/"),
    ],
)
def test_query_finds(mini_site, page, search, query, expected):
    page.goto(mini_site.url)
    results = search(page, query)
    hrefs = [r["href"] for r in results]
    assert any(h.endswith(expected) for h in hrefs), (query, hrefs)
    assert all(h.startswith(mini_site.url) for h in hrefs), "links must keep the sub-path"


def test_excerpts_hide_keyword_block(mini_site, page, search):
    page.goto(mini_site.url)
    for query in ("ranqi", "燃气", "yjglj"):
        for r in search(page, query):
            assert "ppkw" not in r["text"] and "¶" not in r["text"], r


def test_click_lands_on_clause_anchor(mini_site, page, search):
    page.goto(mini_site.url)
    search(page, "隐患")
    page.locator("#pp-search-list a[href$='#t-02']").first.click()
    page.wait_for_url("**/plans/demo/#t-02")
    assert page.evaluate("document.getElementById('t-02').getBoundingClientRect().top") < 400
    assert not page.locator("#__search").is_checked(), "search closes after a click"


def test_keyboard(mini_site, page, search):
    page.goto(mini_site.url + "plans/demo/")
    page.locator("body").click()
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.id") == "pp-search-input"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") != "pp-search-input"
    assert not page.locator("#__search").is_checked()
    results = search(page, "燃气")
    assert results
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    assert [first, second] == [r["href"] for r in results[:2]]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "pp-search-input"
    with page.expect_navigation():  # the first result may be this very page: wait for it
        page.keyboard.press("Enter")
    page.wait_for_url(results[0]["href"])


def test_filters(mini_site, page, search):
    page.goto(mini_site.url)
    assert len(search(page, "市应急管理局")) >= 2  # plan page and unit page
    assert page.locator("select[name=unit] option").count() == 1, "no values before asked"
    page.locator(".pp-search__filters-toggle").click()
    page.locator("select[name=unit] option").nth(1).wait_for(state="attached")
    unit_options = page.locator("select[name=unit] option").all_text_contents()
    assert any(o.startswith("市消防救援支队") for o in unit_options), unit_options
    page.select_option("select[name=unit]", "市消防救援支队")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#pp-search-list a')].every("
        "a => a.href.includes('/plans/demo/'))"
    )
    region = page.locator("select[name=region] option").all_text_contents()
    assert any(o.startswith("演示市") for o in region), region


def test_mobile_layout(mini_site, browser, problems):
    ctx = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True
    )
    try:
        page = ctx.new_page()
        problems.attach(page)
        page.goto(mini_site.url)
        inner = page.locator(".md-search__inner")
        assert inner.bounding_box()["width"] == 0, "closed search takes no room on phones"
        page.locator("label.md-header__button[for=__search]").click()
        box = page.locator("#pp-search-input")
        box.wait_for(state="visible")
        box.fill("燃气")
        page.locator("#pp-search-list a").first.wait_for()
        page.wait_for_timeout(400)  # Material's slide-in transition
        box = inner.bounding_box()
        assert box["x"] < 5 and box["width"] >= 380, ("full-width search on phones", box)
        page.screenshot(path=str(mini_site.root.parent / "mobile-search.png"))
        assert not problems.items, problems.items
    finally:
        ctx.close()


def test_no_external_requests(mini_site, page, search):
    seen: list[str] = []
    page.on("request", lambda req: seen.append(req.url))
    page.goto(mini_site.url)
    search(page, "燃气")
    outside = [u for u in seen if not u.startswith(mini_site.url.split("/sub/")[0])]
    assert not outside, outside
