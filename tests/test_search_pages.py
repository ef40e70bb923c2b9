"""What the rendered pages give Pagefind (developer-docs/search.md): which pages are indexed,
keyword blocks after the plan, task and unit headings, filters, and UI text kept out of the
index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rendering import pages_of

from generator.project import load_project
from generator.search_keywords import KW_END, KW_START

FIXTURE = Path(__file__).parent / "fixtures" / "site"
PLAN = "plans/hulunbeier-zhiben-gongjian-2024/index.md"
UNIT = "units/hulunbeier/yingjiguanliju/index.md"
BODY = "data-pagefind-body"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    project, problems = load_project(FIXTURE)
    assert project is not None, [p.format() for p in problems]
    return pages_of(project)


def _kw(html: str) -> list[str]:
    return re.findall(rf'<span class="pp-kw"[^>]*hidden>{KW_START} (.*?) {KW_END}</span>', html)


@pytest.mark.parametrize("tree", ["", "en/"])
def test_indexed_pages(pages, tree):
    mine = {p[len(tree) :]: c for p, c in pages.items() if p.startswith(tree)}
    if not tree:
        mine = {p: c for p, c in mine.items() if not p.startswith("en/")}
    indexed = {p for p, c in mine.items() if BODY in c}
    assert {"index.md", PLAN, UNIT, "topics/gas/index.md"} <= indexed
    kinds = {p.split("/")[0] for p in indexed}
    assert kinds == {"index.md", "plans", "units", "topics"}, kinds
    for path in indexed - {"index.md"}:  # index and region pages only list links
        assert not path.endswith(("plans/index.md", "units/index.md", "topics/index.md"))
        assert "/by-" not in path and "/a-z/" not in path and "/timeline/" not in path
    assert all(c.count(BODY) == 1 for p, c in mine.items() if p in indexed)


def test_plan_page_keywords_and_filters(pages):
    html = pages[PLAN]
    h1_end = html.index("</h1>") + len("</h1>")
    assert html[h1_end:].lstrip().startswith('<span class="pp-kw"')  # right after the <h1>
    head = _kw(html)[0].split()
    assert {"hulunbeiershi", "anweihui", "安委会"} <= set(head)  # title, 文号, issuer
    for name, value in [
        ("plan", "呼伦贝尔市安全生产治本攻坚三年行动方案"),
        ("region", "呼伦贝尔市"),
    ]:
        assert f'data-pagefind-filter="{name}" data-pagefind-ignore hidden>{value}' in html
    assert html.count('data-pagefind-filter="unit"') >= 3
    # every task heading is followed by its keyword block
    tasks = re.findall(r'<h[34] id="t-[^"]+" class="pp-task__title">.*?</h[34]>\s*(.{0,20})', html)
    assert tasks and all(t.startswith('<span class="pp-kw"') for t in tasks), tasks


def test_task_keywords_hold_title_pinyin_once_per_page(pages):
    html = pages[PLAN]
    blocks = re.findall(r'<span class="pp-kw"[^>]*>(.*?)</span>', html)
    keys = [k for b in blocks for k in b.split() if k not in (KW_START, KW_END)]
    assert len(keys) == len(set(keys)), "a key repeats on the page"
    assert {"ranqi", "燃气"} <= set(keys)  # 燃气 is in task titles
    # units' pinyin is on the unit pages, not repeated on every task
    assert "yingjiguanliju" not in keys and "yingjiguanliju" in _kw(pages[UNIT])[0].split()


def test_english_tree_has_english_keywords(pages):
    unit = _kw(pages["en/" + UNIT])[0].split()
    assert {"emergency", "management", "yingjiguanliju", "yjglj"} <= set(unit)
    assert "emergency" not in _kw(pages[UNIT])[0].split()  # English only in the English tree
    plan = " ".join(_kw(pages["en/" + PLAN]))
    assert "emergency" in plan.split() and "ranqi" in plan.split()
    gas = _kw(pages["en/topics/gas/index.md"])[0].split()
    assert {"ranqi", "gas"} <= set(gas)


def test_ui_text_is_not_indexed(pages):
    for path in (PLAN, "en/" + PLAN):
        html = pages[path]
        assert 'class="pp-status" data-pagefind-ignore' in html
        actions = re.findall(r'<span class="pp-actions"[^>]*>', html)
        assert actions and all("data-pagefind-ignore" in a for a in actions)
        assert re.search(r'<nav class="pp-block pp-contents"[^>]*data-pagefind-ignore', html)
    for path in (UNIT, "index.md"):
        assert '<p class="pp-asof" data-pagefind-ignore>' in pages[path]


def test_fact_rows_quoting_the_text_are_not_indexed_twice(pages):
    html = pages[PLAN]
    rows = re.findall(r"<div( data-pagefind-ignore)?><dt data-pagefind-ignore>([^<]+)</dt>", html)
    deadline = [ignored for ignored, label in rows if label == "时限"]
    topics = [ignored for ignored, label in rows if label == "专题"]
    assert deadline and all(deadline), "a deadline row is indexed although its phrase is quoted"
    assert topics and not any(topics), "topic rows must stay searchable"
