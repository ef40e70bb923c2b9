"""The header search box on a tiny MkDocs + Material site served under a sub-path, with a
search index of entries written by hand (conftest `mini_entries`): results, counts and
"more", keyboard, the shareable ?q= address, filters, phone layout."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from generator.search_text import query_terms

pytestmark = pytest.mark.browser

GAS = 24
"""Results for 燃气 on the mini site: task 1 and tasks 4–26 (conftest MINI_MORE)."""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("城镇燃气", "#t-01"),
        ("隐患", "#t-02"),
        ("重大事故隐患", "#t-02"),
        ("整改台账", "#t-02-1"),
        ("ranqi", "#t-01"),
        ("演示市应急管理局", "/units/yingjiguanliju/"),
        ("yingjiguanliju", "/units/yingjiguanliju/"),
        ("yjglj", "/units/yingjiguanliju/"),
        ("演安委会字〔2024〕4号", "/plans/demo/"),
    ],
)
def test_query_finds(mini_site, page, search, query, expected):
    page.goto(mini_site.url)
    results = search(page, query)
    assert results and results[0]["href"].endswith(expected), (query, results[:3])
    assert all(r["href"].startswith(mini_site.url) for r in results), "links keep the sub-path"


def test_query_is_cut_as_the_index_is(mini_site, page):
    """The search box cuts a query exactly as generator/search_text.py does."""
    page.goto(mini_site.url)
    samples = [
        "瓶改管",
        "燃气泄漏 报警",
        "呼安委会字〔2024〕4号",
        "ＣＣＣ认证",
        "Hulunbuir gas",
        "燃",
    ]
    got = page.evaluate("qs => qs.map(q => window.ppSearchText.queryTerms(q))", samples)
    assert got == [query_terms(q) for q in samples]


def test_a_result_says_what_it_is(mini_site, page, search):
    page.goto(mini_site.url)
    search(page, "整改台账")
    first = page.locator("#pp-search-list li.pp-result").first
    assert first.locator(".pp-result__kind").inner_text() == "子项"
    assert first.locator(".pp-result__plan").inner_text() == "演示市治本攻坚三年行动"
    assert first.locator(".pp-result__no").inner_text() == "第2条（第一项）"
    assert first.locator(".pp-result__title").inner_text() == "建立重大事故隐患动态清零机制"
    assert "<mark>整改台账</mark>" in first.locator(".pp-result__text").inner_html()
    facts = first.locator(".pp-result__facts").inner_text()
    assert "牵头" in facts and "市消防救援支队" in facts
    search(page, "市应急管理局")
    kinds = page.locator("#pp-search-list .pp-result__kind").all_inner_texts()
    assert kinds[0] == "单位", kinds


def test_counts_and_more(mini_site, page, search):
    """The status line counts every result; "more" reaches all of them, by keyboard too."""
    page.goto(mini_site.url)
    results = search(page, "燃气")
    status = page.locator("[data-pp-status]").inner_text()
    assert status == f"找到 {GAS} 个结果", status
    assert len(results) == 10
    more = page.locator(".pp-search__next-button")
    assert more.inner_text() == f"再显示 10 个 · 还有 {GAS - 10} 个结果"
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#pp-search-list a').length === 20")
    focused = page.evaluate("document.activeElement.href")
    assert focused == page.eval_on_selector_all("#pp-search-list a", "a => a[10].href")
    page.locator(".pp-search__next-button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('#pp-search-list a').length === {GAS}")
    assert page.locator(".pp-search__next-button").count() == 0
    hrefs = page.eval_on_selector_all("#pp-search-list a", "a => a.map(x => x.href)")
    assert len(set(hrefs)) == GAS


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
    results = search(page, "燃气")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    assert [first, second] == [r["href"] for r in results[:2]]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "pp-search-input"
    page.keyboard.press("Escape")  # closes, and the focus stays in the box
    assert not page.locator("#__search").is_checked()
    assert page.evaluate("document.activeElement.id") == "pp-search-input"
    assert "q=" not in page.url
    page.keyboard.type("矿山")  # typing again opens the results
    page.wait_for_function("() => document.querySelector('#__search').checked")
    search(page, "燃气")
    with page.expect_navigation():  # the first result may be this very page: wait for it
        page.keyboard.press("Enter")
    page.wait_for_url(results[0]["href"])


def test_results_close_when_the_focus_leaves(mini_site, page, search):
    page.goto(mini_site.url + "plans/demo/")
    search(page, "燃气")
    assert page.locator("#__search").is_checked()
    page.locator("#pp-search-list a").first.focus()
    page.locator("[data-pp-status]").click()  # inside, not a link: stays open
    assert page.locator("#__search").is_checked()
    page.evaluate("document.querySelector('.md-content a, .md-footer a, a.md-logo').focus()")
    page.wait_for_function("() => !document.querySelector('#__search').checked")


def test_the_address_keeps_the_search(mini_site, page, search):
    """A search can be shared: ?q= (and the filters) open it on any page."""
    page.goto(mini_site.url + "plans/demo/")
    search(page, "隐患")
    assert re.search(r"[?&]q=" + re.escape(quote("隐患")), page.url), page.url
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    other.wait_for_function(
        "() => document.querySelector('[data-pp-search]').getAttribute('data-pp-done')"
        " === JSON.stringify(['隐患', {}])"
    )
    assert other.locator("#__search").is_checked()
    assert other.locator("#pp-search-input").input_value() == "隐患"
    assert other.locator("#pp-search-list a").first.get_attribute("href").endswith("#t-02")
    other.goto(
        mini_site.url
        + "?q="
        + quote("燃气")
        + "&topic="
        + quote("燃气")
        + "&category="
        + quote("应急管理部门")
    )
    other.wait_for_function(
        "() => (document.querySelector('[data-pp-search]').getAttribute('data-pp-done') || '')"
        ".includes('应急管理部门')"
    )
    hrefs = other.eval_on_selector_all("#pp-search-list a", "a => a.map(x => x.href)")
    assert hrefs and all(re.search(r"#t-01(-\d)?$", h) for h in hrefs), hrefs
    other.close()


def test_filters_combine(mini_site, page, search):
    page.goto(mini_site.url)
    assert len(search(page, "演示市")) >= 2
    assert page.locator("select[name=topic] option").count() == 1, "no values before asked"
    page.locator(".pp-search__filters-toggle").click()
    page.locator("select[name=topic] option").nth(1).wait_for(state="attached")
    topics = page.locator("select[name=topic] option").all_text_contents()
    assert any(o.startswith("燃气 (") for o in topics), topics
    page.select_option("select[name=topic]", "燃气")
    page.wait_for_function(
        "() => JSON.parse(document.querySelector('[data-pp-search]').getAttribute('data-pp-done')"
        " || '[0,{}]')[1].topic === '燃气'"
    )
    page.select_option("select[name=category]", "应急管理部门")
    page.wait_for_function(
        "() => JSON.parse(document.querySelector('[data-pp-search]').getAttribute('data-pp-done')"
        " || '[0,{}]')[1].category === '应急管理部门'"
    )
    hrefs = page.eval_on_selector_all("#pp-search-list a", "a => a.map(x => x.href)")
    assert hrefs and all(re.search(r"#t-01(-\d)?$", h) for h in hrefs), hrefs
    assert "topic=" in page.url and "category=" in page.url


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
        widest = page.eval_on_selector_all(
            "#pp-search-list li", "els => Math.max(...els.map(e => e.scrollWidth))"
        )
        assert widest <= 390, "no result is wider than the phone"
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


def test_status_filter_and_shown_status(mini_site, page, search):
    """A task's derived status is a filter (combined with the others) and shown with it."""
    page.goto(mini_site.url)
    assert len(search(page, "燃气")) >= 10
    page.locator(".pp-search__filters-toggle").click()
    page.locator("select[name=status] option").nth(1).wait_for(state="attached")
    options = page.locator("select[name=status] option").all_text_contents()
    assert options[0] == "全部" and options[1].startswith("未报告 (")
    assert any(o.startswith("已完成 (") for o in options), options
    page.select_option("select[name=status]", "已完成")
    page.wait_for_function(
        "() => JSON.parse(document.querySelector('[data-pp-search]').getAttribute('data-pp-done')"
        " || '[0,{}]')[1].status === '已完成'"
    )
    rows = page.locator("#pp-search-list li.pp-result")
    assert rows.count() == 1
    assert re.search(r"#t-01(-\d)?$", rows.first.locator("a").first.get_attribute("href"))
    assert "进展状态 已完成" in rows.first.locator(".pp-result__facts").inner_text()
    assert page.locator("[data-pp-status]").inner_text() == "找到 1 个结果"
    assert "status=" in page.url
    page.select_option("select[name=status]", "未报告")
    page.wait_for_function(
        "() => JSON.parse(document.querySelector('[data-pp-search]').getAttribute('data-pp-done')"
        " || '[0,{}]')[1].status === '未报告'"
    )
    facts = page.locator("#pp-search-list li.pp-result .pp-result__facts").all_inner_texts()
    assert facts and all("进展状态 未报告" in f for f in facts), facts
