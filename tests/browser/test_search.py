"""Search on the real seed plans (`plans/`), in Debian's Chromium.

Pinyin and initials need the hidden keyword blocks (`keyword_html`) that the page templates
put after the plan, task and unit headings (developer-docs/search.md); a build without them fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
HULUNBEIER = "/plans/hulunbeier-zhiben-gongjian-2024/"


def _assert_keywords(site) -> None:
    page = site.site / HULUNBEIER.strip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'class="pp-kw"' in html and "data-pagefind-body" in html, (
        "plan pages carry no keyword_html() block / data-pagefind-body "
        "(see developer-docs/search.md)"
    )


def _clause_hit(results, needle: str) -> bool:
    return any("#t-" in r["href"] and needle in r["text"] for r in results)


def _unit_hit(results, name: str) -> bool:
    return any("/units/" in r["href"] and name in r["title"] for r in results)


CASES = {
    "燃气": lambda rs: _clause_hit(rs, "燃气"),
    "应急管理局": lambda rs: _unit_hit(rs, "应急管理局"),
    "重大事故隐患": lambda rs: _clause_hit(rs, "重大事故隐患"),
    # 隐患 found inside 事故隐患, marked on its own
    "隐患": lambda rs: any(re.search("事故<mark>隐患</mark>", r["excerpt"]) for r in rs),
    "呼安委会字〔2024〕4号": lambda rs: any(r["href"].endswith(HULUNBEIER) for r in rs),
}
PINYIN_CASES = {
    "yingjiguanliju": lambda rs: _unit_hit(rs, "应急管理局"),
    "yjglj": lambda rs: _unit_hit(rs, "应急管理局"),
    "ranqi": lambda rs: _clause_hit(rs, "燃气"),
}


@pytest.mark.parametrize("query", list(CASES))
def test_chinese_query(portal_site, page, search, query):
    page.goto(portal_site.url)
    results = search(page, query)
    assert CASES[query](results), (query, [(r["href"], r["title"]) for r in results])


@pytest.mark.parametrize("query", list(PINYIN_CASES))
def test_pinyin_query(portal_site, page, search, query):
    _assert_keywords(portal_site)
    page.goto(portal_site.url)
    results = search(page, query)
    assert PINYIN_CASES[query](results), (query, [(r["href"], r["title"]) for r in results])


def test_doc_number_ranks_the_plan_first(portal_site, page, search):
    """The 文号 finds its plan page first (not the data dictionary that quotes it)."""
    page.goto(portal_site.url)
    results = search(page, "呼安委会字〔2024〕4号")
    assert results and results[0]["href"].endswith(HULUNBEIER), [r["href"] for r in results]
    assert not any("/data/" in r["href"] for r in results)


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("emergency management", lambda r: "/en/units/" in r["href"] and "Emergency" in r["title"]),
        ("gas", lambda r: "/en/" in r["href"] and ("#t-" in r["href"] or "/topics/" in r["href"])),
        ("yingjiguanliju", lambda r: "/en/units/" in r["href"]),
    ],
)
def test_english_query_finds_english_pages(portal_site, page, search, query, want):
    """On the English tree the English index answers, with English names and pinyin."""
    page.goto(portal_site.url + "en/")
    results = search(page, query)
    assert results and all("/en/" in r["href"] for r in results), [r["href"] for r in results]
    assert any(want(r) for r in results), [(r["href"], r["title"]) for r in results]


def test_excerpts_show_no_keywords(portal_site, page, search):
    """A hit inside a hidden keyword block still shows page text, never the keys."""
    for tree, query in (("", "yjglj"), ("en/", "yingjiguanliju"), ("", "ranqi")):
        page.goto(portal_site.url + tree)
        for r in search(page, query):
            assert "ppkw" not in r["text"] and query not in r["text"].lower(), r


def test_filters_are_offered(portal_site, page, search):
    page.goto(portal_site.url)
    search(page, "燃气")
    page.locator(".pp-search__filters-toggle").click()  # values load only when asked for
    page.locator("select[data-pp-filter][name=unit] option").nth(1).wait_for(state="attached")
    for name in ("plan", "region", "unit"):
        options = page.locator(f"select[data-pp-filter][name={name}] option").count()
        assert options > 1, name  # the empty choice and at least one value


def test_click_lands_on_clause(portal_site, page, search):
    page.goto(portal_site.url)
    results = search(page, "重大事故隐患")
    index, target = next((i, r) for i, r in enumerate(results) if "#t-" in r["href"])
    page.locator("#pp-search-list a").nth(index).click()
    page.wait_for_url(target["href"])
    anchor = target["href"].split("#", 1)[1]
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, top
    assert not page.locator("#__search").is_checked()


def test_first_query_bytes(portal_site, page, search):
    """Record what the first query downloads (tests/artifacts/search-bytes.json)."""
    fetched: dict[str, int] = {}

    def on_response(response):
        if "/pagefind/" in response.url:
            fetched[response.url.split("/pagefind/", 1)[1].split("?")[0]] = len(response.body())

    page.goto(portal_site.url)
    page.on("response", on_response)
    search(page, "燃气")
    total = sum(fetched.values())
    out = REPO / "tests" / "artifacts"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search-bytes.json").write_text(
        json.dumps({"query": "燃气", "bytes": total, "files": fetched}, indent=1), "utf-8"
    )
    assert any(name.endswith(".pf_index") for name in fetched)
    assert total < 600_000, f"first query fetched {total} bytes"
