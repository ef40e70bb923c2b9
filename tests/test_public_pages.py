"""Pages speak to the public: revisions described without developers' words or data-file
ids, a space inserted or deleted shown as such, the data dictionary's names as code, the
higher-level plan in the page's language, the notice for an unknown clause said once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from golden_pages import fixture_history
from rendering import render

from generator.history import FieldChange, History, PlanDiff, Revision, TaskChange, redline
from generator.project import load_project
from generator.render.renderer import make_environment
from generator.render.ui import load_ui

FIXTURE = Path(__file__).parent / "fixtures" / "site"
HLBE = "hulunbeier-zhiben-gongjian-2024"
SUBJECTS = {
    "c": f"Review {HLBE} against its source",
    "d": "Fix tests: golden pages of generator/render/kit.py",
    "e": "呼伦贝尔市方案：校对第2条",
}
"""Commit subjects of three extra revisions: a plan id, developers' words, Chinese."""
PARENT_EN = "Inner Mongolia Autonomous Region Three-Year Action Plan (test)"


def _revision(letter: str, subject: str, old: str, new: str) -> Revision:
    fields = (
        FieldChange("text", old, new, redline(old, new)),
        FieldChange("topics", "training、gas", "gas、fire"),
    )
    change = TaskChange("02", "", "modified", "2", "", fields)
    return Revision(
        letter * 40,
        dt.datetime(2024, 7, 1, 9, 0, tzinfo=dt.UTC),
        "Someone",
        subject,
        (PlanDiff(HLBE, "呼伦贝尔市安全生产治本攻坚三年行动方案", "modified", (change,)),),
    )


@pytest.fixture(scope="module")
def site():
    project, problems = load_project(FIXTURE)
    assert project is not None, [p.format() for p in problems]
    base = fixture_history(project)
    old = "严格落实《中共中央办公厅 国务院办公厅关于》"
    new = old.replace(" ", "")
    extra = tuple(_revision(k, s, old, new) for k, s in SUBJECTS.items())
    history = History(extra + base.revisions, None, base.tombstones)
    # the parent plan cited with the portal's English title (as the seed plans cite it)
    plans = tuple(
        p.model_copy(update={"basis": (p.basis[0].model_copy(update={"title_en": PARENT_EN}),)})
        if p.id == HLBE
        else p
        for p in project.plans
    )
    project = dataclasses.replace(project, history=history, plans=plans)
    return render(project)


@pytest.fixture(scope="module")
def pages(site) -> dict[str, str]:
    return {p.path: p.content for p in site.page_list()}


def _revision_block(html: str, letter: str) -> str:
    m = re.search(rf'<article[^>]*id="r-{letter * 8}".*?</article>', html, re.S)
    assert m, letter
    return m.group(0)


def test_revision_descriptions_name_plans_not_ids(pages):
    en = pages["en/changes/index.md"]
    block = _revision_block(en, "c")
    assert "Review Hulunbuir" in block and "against its source" in block
    assert HLBE not in block.replace(f"plans/{HLBE}/", "")  # only in the link's URL


def test_revision_descriptions_for_developers_are_left_out(pages):
    for path in ("changes/index.md", "en/changes/index.md"):
        block = _revision_block(pages[path], "d")
        assert "pp-revision__subject" not in block
        assert "generator/" not in block and "golden" not in block
        shown = re.sub(r'(id|aria-labelledby|href)="[^"]*"', "", pages[path])
        assert "bbbbbbbb" not in shown, "no commit ids shown (anchors only)"
        assert "Someone" not in pages[path], "no authors shown"


def test_revision_description_only_in_its_language(pages):
    assert "校对第2条" in _revision_block(pages["changes/index.md"], "e")
    assert "校对第2条" not in _revision_block(pages["en/changes/index.md"], "e")


def test_a_space_deleted_is_shown_by_a_mark_and_said_in_words(pages):
    for path, words in (
        ("changes/index.md", "删去文字：一个空格"),
        ("en/changes/index.md", "deleted: a space"),
    ):
        block = _revision_block(pages[path], "c")
        assert re.search(
            rf'<del class="pp-blank"><span class="pp-sr">{words}</span>'
            r'<span aria-hidden="true">␣</span></del>',
            block,
        ), block
        assert "中共中央办公厅" in block and "国务院办公厅" in block  # the text around it


def test_revisions_are_articles_not_landmarks(pages):
    """Several revisions of one day share a heading: as regions (sections with a label)
    they were landmarks with the same name (axe: landmark-unique)."""
    html = pages["changes/index.md"]
    assert html.count('<article class="pp-block pp-revision"') == 5
    assert '<section class="pp-block pp-revision"' not in html


@pytest.mark.parametrize("path", ["data/index.md", "en/data/index.md"])
def test_data_dictionary_shows_names_as_code_not_backticks(pages, path):
    html = pages[path]
    body = html.split("pp-dictionary", 1)[1]
    assert "`" not in body
    assert "<code>plans/&lt;id&gt;.yaml</code>" in body
    rows = re.findall(r"<tr><td class=\"pp-dict__name\">.*?</tr>", body)
    assert len(rows) > 100
    assert all('<td class="pp-dict__desc">' in row for row in rows)
    colon = ": " if path.startswith("en/") else "："
    assert all('data-pp-col="' in row and colon + '"' in row for row in rows)


def test_english_lineage_names_the_parent_plan_in_english(pages):
    html = pages[f"en/plans/{HLBE}/index.md"]
    lineage = re.search(r'<ol class="pp-lineage">.*?</ol>', html, re.S).group(0)
    assert f"“{PARENT_EN}”" in lineage
    assert "《" not in lineage
    zh = re.search(r'<ol class="pp-lineage">.*?</ol>', pages[f"plans/{HLBE}/index.md"], re.S)
    assert "《内蒙古自治区" in zh.group(0)


@pytest.mark.parametrize(
    ("path", "history"),
    [(f"plans/{HLBE}/index.md", "修订历史"), (f"en/plans/{HLBE}/index.md", "history")],
)
def test_unknown_clause_notice_points_to_the_history_once(pages, path, history):
    notice = re.search(r'<p class="pp-missing".*?</p>', pages[path], re.S).group(0)
    text = re.search(r'data-pp-text="([^"]*)"', notice).group(1)
    assert "{clause}" in text and history not in text, "the link says it, the text does not"
    assert re.search(rf'<a href="history/">[^<]*{history}[^<]*</a>', notice)


def test_change_feed_says_what_changed_not_who_committed_what(site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(site.files["changes/feed.xml"])
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 5
    titles = [e.findtext("a:title", namespaces=ns) for e in entries]
    assert all(t.startswith("呼伦贝尔市") or "新增规划" in t for t in titles), titles
    assert titles[0].endswith("：修订")
    assert any("新增规划（" in t and "项任务）" in t for t in titles), titles
    raw = site.files["changes/feed.xml"].decode()
    for subject in SUBJECTS.values():
        assert subject not in raw
    assert "Someone" not in raw and "Editor" not in raw, "no commit authors"
    assert "{count}" not in raw, "placeholders filled"
    assert feed.findtext("a:author/a:name", namespaces=ns) == "安全生产规划门户"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("changes/index.md", ("新增：<ins>消防</ins>", "不再列出：<del>教育培训</del>")),
        (
            "en/changes/index.md",
            ("Added: <ins>Fire safety</ins>", "No longer listed: <del>Training</del>"),
        ),
    ],
)
def test_topics_changed_say_which_came_and_went(pages, path, words):
    block = _revision_block(pages[path], "c")
    field = re.search(
        r'<div class="pp-diff__field pp-diff__field--units"><dt>[^<]*</dt>.*?</div>', block, re.S
    ).group(0)
    for w in words:
        assert w in field, field
    assert "燃气" not in field and "Gas" not in field, "a topic kept is not repeated"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_derived_title_mark_is_indexed_short(lang):
    """Search titles of untitled tasks read `1. <derived title> 摘自正文`: the long hint for
    screen readers is left out of the index (it made every such title a paragraph)."""
    ui = load_ui(lang)
    mark = str(make_environment().get_template("fragments/common.j2").module.derived(ui))
    hint = re.search(r'<span class="pp-sr" data-pagefind-ignore>([^<]+)</span>', mark)
    assert hint and hint.group(1) == ui.title_derived_hint, mark
    shown = re.search(r'<span aria-hidden="true">([^<]+)</span>', mark)
    assert shown and shown.group(1) == ui.title_derived
    assert len(ui.title_derived) < 12 < len(ui.title_derived_hint)
