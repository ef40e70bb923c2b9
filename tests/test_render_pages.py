"""Rendered pages of the fixture: anchors, links, escaping, template contexts, UI strings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import meta
from markupsafe import Markup
from rendering import render

from generator.project import load_project
from generator.render.contexts import FRAGMENT_CONTEXTS, PAGE_CONTEXTS
from generator.render.linkcheck import check_links
from generator.render.links import relative
from generator.render.renderer import Page, make_environment
from generator.render.text import paragraphs, rich

FIXTURE = Path(__file__).parent / "fixtures" / "site"
HLBE = "hulunbeier-zhiben-gongjian-2024"
UI_DIR = Path(__file__).parents[1] / "data" / "ui"
ROOT = Path(__file__).parents[1]
TODAY = dt.date(2024, 10, 1)


@pytest.fixture(scope="module")
def site():
    project, problems = load_project(FIXTURE)
    assert project is not None, [p.format() for p in problems]
    return render(project, languages=("zh",)), project


@pytest.fixture(scope="module")
def rendered(site):
    rendered, project = site
    pages = {p.path: p for p in rendered.page_list()}
    return pages, rendered.views, project


def test_page_set(rendered):
    """A page for every plan, unit, region, category and letter, and the fixed ones."""
    from generator.views.sorting import letter

    pages, views, _ = rendered
    assert {
        "index.md",
        "plans/index.md",
        "units/index.md",
        "timeline/index.md",
        "topics/index.md",
        "data/index.md",
        "changes/index.md",
        "plans/by-region/neimenggu/index.md",
        "plans/by-region/anhui/index.md",
    } <= set(pages)
    for plan in views.plans:
        home = f"plans/{plan.plan.id}/"
        assert {f"{home}index.md", f"{home}timeline/index.md", f"{home}history/index.md"} <= set(
            pages
        )
    assert {f"{u.ref.url}index.md" for u in views.units.values()} <= set(pages)
    assert {f"units/{r.id}/index.md" for r in views.regions} <= set(pages)
    categories = {u.category.id for u in views.units.values() if u.category}
    assert {f"units/by-category/{c}/index.md" for c in categories} <= set(pages)
    letters = {letter(u.sort_key).lower() for u in views.units.values()}
    assert {f"units/a-z/{k}/index.md" for k in letters} <= set(pages)
    assert "units/hulunbeier/anweihui-chengyuan-danwei/index.md" in pages  # a group
    assert not [p for p in pages if p.startswith("en/")]  # one tree asked for


def test_every_task_and_item_has_its_anchor_on_a_heading_or_li(rendered):
    pages, views, _ = rendered
    for plan in views.plans:
        html = pages[f"plans/{plan.plan.id}/index.md"].content
        for task in plan.tasks:
            assert re.search(rf'<h[34] id="t-{task.task.id}" class="pp-task__title">', html)
            for item in task.task.items:
                assert f'<li id="t-{task.task.id}-{item.id}">' in html


def test_copy_buttons_are_labelled_buttons(rendered):
    """portal.js makes one copy menu per task from compact data (tests/browser: keyboard,
    clipboard)."""
    html = rendered[0][f"plans/{HLBE}/index.md"].content
    assert "<button" not in html and "<details" not in html  # made at load time
    assert (
        'data-pp-labels="复制链接|复制引用|复制链接：{what}|复制引用：{what}|复制|{what}：复制链接或引用"'
        in html
    )  # once per page, on .pp-status
    assert 'data-pp-what="第5条"></span>' in html
    cite = "《呼伦贝尔市安全生产治本攻坚三年行动方案（2024-2026年）》第2条"
    assert f"<cite>{cite}</cite>" in html
    assert 'data-pp-what="第2条第二项" data-pp-tail="（第二项）"></span>' in html
    assert html.count(cite) == 1  # the citation of a task is written once


def test_plan_page_is_not_weighed_down_by_copy_controls(rendered):
    html = rendered[0][f"plans/{HLBE}/index.md"].content
    actions = re.findall(r'<span class="pp-actions"[^>]*></span>', html)
    assert len(actions) > 10
    assert max(len(a) for a in actions) < 160  # two buttons and 3 citations were ~700 B


def test_plan_page_links_units_and_marks_deadlines(rendered):
    pages, views, _ = rendered
    html = pages[f"plans/{HLBE}/index.md"].content
    assert (
        '<a class="pp-unit" href="../../units/hulunbeier/yingjiguanliju/">市应急管理局</a>' in html
    )
    assert '<mark class="pp-deadline">2024年6月底前</mark>建立健全' in html
    assert '<p class="pp-altline pp-vertical" lang="mn-Mong">' in html
    assert 'href="../../sources/000_c46c0894d1a50a54.txt"' in html
    # the territorial duty stated by task 1 is carried to the tasks after it, with a link
    view = next(v for v in views.plans if v.plan.id == HLBE)
    blocks = {
        re.search(r'id="(t-\d+)"', block).group(1): block
        for block in html.split('<section class="pp-task">')[1:]
    }
    carried = [f"t-{task_id}" for task_id in view.carried]
    assert carried and "t-01" not in carried
    for anchor, block in blocks.items():
        note = '<p class="pp-carried" lang="zh-Hans">属地责任（依<a href="#t-01">第1条</a>）：'
        assert (note in block) == (anchor in carried), anchor


def test_metadata_block(rendered):
    html = rendered[0][f"plans/{HLBE}/index.md"].content
    for label, value in [
        ("文号", "呼安委会字〔2024〕4号"),
        ("印发日期", "2024-03-08"),
        ("实施期限", '2024年至2026年 <span class="pp-period pp-period--current">实施期内</span>'),
        ("地区", "呼伦贝尔市"),
    ]:
        assert f"<dt data-pagefind-ignore>{label}</dt><dd>{value}</dd>" in html


def test_unit_page_lists_its_tasks(rendered):
    html = rendered[0]["units/hulunbeier/yingjiguanliju/index.md"].content
    linked = re.findall(
        r'href="../../../plans/hulunbeier-zhiben-gongjian-2024/#(t-\d+)">(第\d+条)', html
    )
    assert linked == [
        ("t-05", "第5条"),
        ("t-10", "第10条"),
        ("t-01", "第1条"),
        ("t-03", "第3条"),
        ("t-02", "第2条"),  # through 各负有安全生产监督管理职责的部门
    ]
    assert "牵头的任务（2）" in html and "按职责分工负责的任务（2）" in html
    assert "经所属群体承担的任务（1）" in html
    assert 'href="../jianguan-zhize-bumen/"' in html  # the group it is bound through
    assert 'href="../../huainan-datong/yingjiguanliju/"' in html  # same category elsewhere


def test_units_index_has_pinyin_letters(rendered):
    html = rendered[0]["units/index.md"].content
    letters = re.findall(r'<li id="az-([a-z]+)">', html)
    assert letters == sorted(letters) and "y" in letters
    assert (
        '<li id="k-emergency-management"><a href="by-category/emergency-management/">'
        '应急管理部门</a> <span class="pp-count">2</span></li>'
    ) in html
    assert 'data-pp-finder="../data/units-finder.json"' in html  # the unit finder
    assert 'href="hulunbeier/yingjiguanliju/"' not in html  # no unit listed on the index
    assert '<a href="a-z/y/">Y</a>' in html  # each letter has its own page


def test_home_shows_as_of_and_deadlines(rendered):
    html = rendered[0]["index.md"].content
    assert "数据截至 2024-10-01" in html
    # a year-end deadline is shown as such, never as an invented day, with its status
    assert '<time datetime="2024">2024年底前</time> <span class="pp-dl__status">' in html
    assert "2024-12-31" not in html
    assert 'href="plans/hulunbeier-zhiben-gongjian-2024/#t-05-2"' in html  # recently passed


def test_generated_links_all_resolve(site):
    rendered, _ = site
    assert rendered.link_problems == []
    assert [path for path, _ in rendered.sources] == [
        "sources/000_c46c0894d1a50a54.txt",
        "sources/001_68b0e3b884bd91bd.txt",
    ]
    assert "data/tasks.csv" in rendered.exports and "changes/feed.xml" in rendered.exports


def test_link_check_finds_broken_links():
    pages = [
        Page("index.md", "x", '<a href="plans/">p</a><a href="plans/#nope">a</a>'),
        Page(
            "plans/index.md",
            "p",
            '<h2 id="yes">y</h2><a href="../missing/">m</a><a href="https://example.org/">e</a>',
        ),
    ]
    problems = list(check_links(pages))
    assert len(problems) == 3
    assert any("no #nope" in p for p in problems)
    assert any("another host" in p for p in problems)


def test_relative_links():
    assert relative("plans/x/", "units/a/b/#t-1") == "../../units/a/b/#t-1"
    assert relative("", "plans/") == "plans/"
    assert relative("plans/x/", "") == "../../"
    assert relative("plans/x/", "plans/x/#t-1") == "#t-1"
    assert relative("plans/x/", "sources/a.txt") == "../../sources/a.txt"


HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "{% raw %}",
    '--8<-- "README.md"',
    "{ #evil .cls }",
    "| a | b |\n|---|---|",
    "*star* **bold**",
    "\x02wzxhzdk:0\x03",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_is_escaped_not_interpreted(text):
    html = str(rich(text, {"x": "../u/"}, ["alert"]))
    assert "<script" not in html and "<img" not in html
    assert "\x02" not in html
    for p in paragraphs(text):
        assert "<" not in str(p).replace('<mark class="pp-deadline">', "").replace("</mark>", "")


def test_templates_use_exactly_their_documented_context():
    env = make_environment()
    for ctx in PAGE_CONTEXTS + FRAGMENT_CONTEXTS:
        source = env.loader.get_source(env, ctx.TEMPLATE)[0]
        used = meta.find_undeclared_variables(env.parse(source))
        documented = {f.name for f in dataclasses.fields(ctx)}
        assert used == documented, (ctx.__name__, used ^ documented)
    pages = {p.name for p in (ROOT / "generator" / "templates").glob("*.md.j2")}
    assert pages == {ctx.TEMPLATE for ctx in PAGE_CONTEXTS}  # every page template has one


PROSE = {
    "ItemBlock.text",
    "TaskBlock.paragraphs",
    "TaskBlock.closing",
    "PhaseBlock.paragraphs",
    "SectionBlock.paragraphs",
    "ChapterBlock.paragraphs",
    "CoverBlock.recipients",
    "CoverBlock.paragraphs",
    "PlanContext.preamble",
    "PlanFacts.recipients",
    "Responsibility.text",
}
"""The only context fields that hold markup: plan prose, escaped and rendered once with
its unit links and marked deadline phrases (`generator.render.text`)."""


def test_contexts_carry_data_not_markup():
    """Templates own the markup: a field typed `Markup` outside plan prose would let
    Python build HTML that no template shows."""
    import typing

    found, seen = set(), set()

    def walk(cls):
        if cls in seen or not dataclasses.is_dataclass(cls):
            return
        seen.add(cls)
        for name, hint in typing.get_type_hints(cls).items():
            if "Markup" in str(hint):
                found.add(f"{cls.__name__}.{name}")
            for arg in _classes(hint):
                walk(arg)

    for ctx in PAGE_CONTEXTS + FRAGMENT_CONTEXTS:
        walk(ctx)
    assert found == PROSE
    assert len(seen) > 40  # every item type was reached


def _classes(hint):
    import typing

    args = typing.get_args(hint)
    if not args:
        return [hint] if isinstance(hint, type) else []
    return [c for arg in args for c in _classes(arg)]


def test_ui_strings_have_the_same_keys_in_every_language():
    zh = yaml.safe_load((UI_DIR / "zh.yaml").read_text(encoding="utf-8"))
    en = yaml.safe_load((UI_DIR / "en.yaml").read_text(encoding="utf-8"))
    assert set(zh) == set(en)


def test_no_chinese_ui_text_hard_coded_in_templates():
    root = Path(__file__).parents[1] / "generator" / "templates"
    for path in root.rglob("*.j2"):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.findall(r"[\u4e00-\u9fff]", text), path


ESCAPE_CASES = ["", "a<b>&'\"", "市应急管理局", 12, 3.5, None, Markup("<b>x</b>"), True]


@pytest.mark.parametrize("value", ESCAPE_CASES, ids=repr)
def test_escaped_is_markupsafe_escape_as_text(value) -> None:
    from markupsafe import escape

    from generator.render.text import escaped

    assert escaped(value) == str(escape(value))
    assert type(escaped(value)) is str or hasattr(value, "__html__")


def test_templates_render_as_stock_jinja_would(monkeypatch) -> None:
    """The environment escapes `{{ value }}` with `text.escaped` (its own code generator);
    every page of the seed portal must come out as a stock jinja2 environment makes it."""
    import jinja2

    from generator.render import renderer as renderer_module

    project, _ = load_project(ROOT)
    ours = render(project, today=TODAY).page_list()
    fast = renderer_module.make_environment()
    assert type(fast).code_generator_class is not jinja2.Environment.code_generator_class

    def stock(template_dir=renderer_module.TEMPLATE_DIR):
        env = fast
        return jinja2.Environment(
            loader=env.loader,
            auto_reload=env.auto_reload,
            autoescape=env.autoescape,
            undefined=env.undefined,
            trim_blocks=env.trim_blocks,
            lstrip_blocks=env.lstrip_blocks,
            keep_trailing_newline=env.keep_trailing_newline,
        )

    monkeypatch.setattr(renderer_module, "make_environment", stock)
    theirs = render(project, today=TODAY).page_list()
    assert len(ours) == len(theirs) > 200
    assert [(p.path, p.content) for p in ours] == [(p.path, p.content) for p in theirs]
    # and the fast path did escape: plan text with markup characters stays text
    env = renderer_module.make_environment()
    template = env.from_string(
        "{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}{% set b %}{{ v }}{% endset %}"
        "{{ v }}|{{ m(v) }}|{{ b }}|{{ safe }}|{{ n }}"
    )
    out = template.render(v="<a&'\">", safe=Markup("<b>ok</b>"), n=7)
    assert out == (
        "&lt;a&amp;&#39;&#34;&gt;|<i>&lt;a&amp;&#39;&#34;&gt;</i>|&lt;a&amp;&#39;&#34;&gt;|"
        "<b>ok</b>|7"
    )


def test_templates_read_fields_as_attributes_and_fail_on_missing_ones() -> None:
    """`x.name` in a page template is attribute access (faster than Jinja's lookup): fields
    and UI strings read as before, `loop` works, and a missing name still fails."""
    import jinja2

    from generator.render.renderer import make_environment
    from generator.render.ui import load_ui

    @dataclasses.dataclass(frozen=True)
    class Row:
        name: str
        link: Any

    env = make_environment()
    template = env.from_string(
        "{% for r in rows %}{{ loop.index }}{{ r.name }}{{ r.link.name }}{{ ui.colon }}{% endfor %}"
    )
    ui = load_ui("zh")
    out = template.render(rows=[Row("甲<", Row("乙", None))], ui=ui)
    assert out == f"1甲&lt;乙{ui.colon}"
    assert "environment.getattr" not in env.compile("{{ r.name }}", raw=True)
    with pytest.raises((AttributeError, jinja2.UndefinedError)):
        env.from_string("{{ r.missing }}").render(r=Row("x", None))
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nothing.name }}").render()
