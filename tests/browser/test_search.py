"""Search on the real seed plans (`plans/`), in Debian's Chromium: a sample of the search
benchmark's queries (bench/search_queries.yaml; the whole set is bench/search_bench.py),
the counts in both languages, a clause on a plan's second part, what a query costs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
HULUNBEIER = "plans/hulunbeier-zhiben-gongjian-2024/"
YUZHOU = "plans/yuzhou-zhiben-gongjian-2024/"
DATONG = "plans/huainan-datong-zhiben-gongjian-2024/"

# query → the first result (one of these site paths); a sample of every kind of query
FIRST = {
    "加芯赋码": [f"{YUZHOU}#t-20"],  # distinctive
    "瓶改管": [f"{YUZHOU}#t-19"],  # cut into characters by the default segmenters
    "头顶库": [f"{HULUNBEIER}#t-07-3"],  # a sub-item
    "燃气泄漏报警装置": [f"{HULUNBEIER}#t-10-1", f"{DATONG}#t-07"],
    "呼安委会字〔2024〕4号": [HULUNBEIER],  # 文号
    "大通公安分局": ["units/huainan-datong/gonganju-datong-fenju/"],  # a unit's alias
    "yjglj": [
        f"units/{r}/yingjiguanliju/"
        for r in ("hulunbeier", "yuzhou", "huainan-datong", "bojingtan", "alashan")
    ],
    "hulunbeier": [HULUNBEIER],  # a region in pinyin: its plan first
    "hulun beier": [HULUNBEIER],  # pinyin typed syllable by syllable
    "ying ji guan li ju": [
        f"units/{r}/yingjiguanliju/"
        for r in ("hulunbeier", "yuzhou", "huainan-datong", "bojingtan", "alashan")
    ],
    "禹州 瓶改管": [f"{YUZHOU}#t-19"],
    "平改管": [f"{YUZHOU}#t-19"],  # one character wrong
}


def _path(href: str, base: str) -> str:
    return href[len(base) :] if href.startswith(base) else href


@pytest.mark.parametrize("query", list(FIRST))
def test_first_result(portal_site, page, search, query):
    page.goto(portal_site.url)
    results = search(page, query)
    first = _path(results[0]["href"], portal_site.url) if results else None
    assert first in FIRST[query], (query, [_path(r["href"], portal_site.url) for r in results[:5]])


def test_a_clause_on_the_second_part(portal_site, page, search):
    """A clause printed on a plan's second part links there, and the link lands on it."""
    page.goto(portal_site.url)
    results = search(page, "缓速器")
    assert _path(results[0]["href"], portal_site.url) == f"{HULUNBEIER}2/#t-16-4"
    page.locator("#pp-search-list a").first.click()
    page.wait_for_url(f"**/{HULUNBEIER}2/#t-16-4")
    top = page.evaluate("document.getElementById('t-16-4').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, top


def test_counts_in_chinese(portal_site, page, search):
    page.goto(portal_site.url)
    results = search(page, "隐患")
    status = page.locator("[data-pp-status]").inner_text()
    count = int(re.fullmatch(r"找到 (\d+) 个结果", status).group(1))
    assert count > 10 and results
    assert page.locator("#pp-search-list li.pp-result").count() == 10
    more = page.locator(".pp-search__next-button").inner_text()
    assert more == f"再显示 10 个 · 还有 {count - 10} 个结果"
    # a clause says its status as of the build (no progress reports in the seed portal)
    facts = page.locator("#pp-search-list li.pp-result--task .pp-result__facts").all_inner_texts()
    assert facts and all(
        re.search(r"进展状态 (未报告|期限已过，未报告完成)$", f.replace("\n", " ")) for f in facts
    ), facts


def test_english_tree(portal_site, page, search):
    page.goto(portal_site.url + "en/")
    results = search(page, "Hulunbuir")
    assert results and _path(results[0]["href"], portal_site.url) == f"en/{HULUNBEIER}"
    assert all("/en/" in r["href"] for r in results)
    assert re.fullmatch(r"\d+ matching results", page.locator("[data-pp-status]").inner_text())
    results = search(page, "gas safety")
    assert any(_path(r["href"], portal_site.url) == "en/topics/gas/" for r in results[:3])
    kinds = page.locator("#pp-search-list .pp-result__kind").all_inner_texts()
    assert set(kinds) <= {
        "Clause",
        "Item",
        "Text",
        "Plan",
        "Unit",
        "Group",
        "Region",
        "Topic",
        "Timeline",
    }


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
    assert "planportal.json" in fetched
    assert total < 300_000, f"first query fetched {total} bytes"
