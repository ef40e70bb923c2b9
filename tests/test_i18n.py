"""The English tree: same pages as the Chinese one, interface strings from data/ui only.

Engine-independent checks on the rendered trees and the theme templates; the MkDocs build of
both trees is checked in `test_i18n_build` below (marked `build`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rendering import render

from generator.project import load_project
from generator.render.i18n import (
    LANGS,
    PREFIX,
    chrome,
    counterpart,
    in_tree,
    lang_of,
    pinyin_name,
    strip_tree,
    translated_title,
)
from generator.render.linkcheck import check_links
from generator.render.ui import load_ui

REPO = Path(__file__).parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "site"
HLBE = "hulunbeier-zhiben-gongjian-2024"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
"""Han characters and CJK / full-width punctuation (（）：；、《》 …)."""


@pytest.fixture(scope="module")
def trees():
    project, _ = load_project(FIXTURE)
    return {p.path: p for p in render(project).page_list()}


# --- paths --------------------------------------------------------------------------------


def test_tree_paths():
    assert lang_of("plans/x/") == "zh" and lang_of("en/plans/x/") == "en" and lang_of("en") == "en"
    assert lang_of("english/") == "zh"
    assert strip_tree("en/units/a/b/") == "units/a/b/" and strip_tree("units/") == "units/"
    assert in_tree("plans/x/", "en") == "en/plans/x/" and in_tree("en/plans/x/", "zh") == "plans/x/"
    known = {"", "about/", "en/", "en/about/", "conventions/"}
    assert counterpart("about/", "en", known) == "en/about/"
    assert counterpart("en/about/", "zh", known) == "about/"
    assert counterpart("conventions/", "en", known) == "en/", "no English page: English home"
    known |= {"plans/x/", "plans/x/reports/2/", "en/plans/x/"}
    assert counterpart("plans/x/reports/2/", "en", known) == "en/plans/x/", "nearest ancestor"
    assert counterpart("en/plans/x/", "zh", known) == "plans/x/"


def test_chrome_links_the_counterpart_and_translates_search():
    known = {"", "plans/x/", "en/", "en/plans/x/"}
    zh, en = chrome("plans/x/", known), chrome("en/plans/x/", known)
    assert (zh["html_lang"], en["html_lang"]) == ("zh-Hans", "en")
    assert zh["switch"]["url"] == "en/plans/x/" and en["switch"]["url"] == "plans/x/"
    assert en["site_name"] == load_ui("en").site_title
    assert set(zh["search"]) == set(en["search"]) >= {"placeholder", "none", "results"}
    assert not any(CJK.search(str(v)) for v in en["search"].values())
    assert en["search"]["states"][:2] == ["no report", "deadline passed, completion not reported"]
    assert zh["search"]["states"][:2] == ["未报告", "期限已过，未报告完成"]  # search.js shows them
    assert [a["html_lang"] for a in en["alternates"]] == ["zh-Hans", "en"]


def test_nav_titles_translate_through_ui_strings():
    assert translated_title("首页", "en") == "Home"
    assert translated_title("规划方案", "en") == "Plans"
    assert translated_title("没有这个", "en") is None and translated_title(None, "en") is None


def test_pinyin_names_are_readable():
    assert pinyin_name("应急管理局") == "Yingji Guanliju"


# --- the two trees ------------------------------------------------------------------------


def test_every_page_has_its_english_counterpart(trees):
    zh = {p for p in trees if lang_of(p) == "zh"}
    en = {p for p in trees if lang_of(p) == "en"}
    assert zh and {in_tree(p, "en") for p in zh} == en


def test_both_trees_link_cleanly(trees):
    sources = {"sources/000_c46c0894d1a50a54.txt", "sources/001_68b0e3b884bd91bd.txt"}
    extra = sources | {"about/", "en/about/", "conventions/", "data/", "en/data/"}
    problems = [p for p in check_links(trees.values(), extra=extra) if "sources/" in p]
    assert problems == []


def test_english_plan_page(trees):
    html = trees[f"en/plans/{HLBE}/index.md"].content
    body = '<section class="pp-block pp-body" aria-labelledby="pp-body" lang="zh-Hans"'
    assert body + " data-pp-original>" in html  # the original text, marked as such
    assert '<span class="pp-actions" lang="en" data-pagefind-ignore data-pp-what="task 1">' in html
    assert 'data-pp-labels="Copy link|Copy citation|Copy link: {what}|' in html
    assert "复制链接" not in html
    assert '<dl class="pp-facts" lang="en">' in html
    assert 'lang="mn-Mong"' in html, "the Mongolian letterhead keeps its language"
    source = re.search(r'<a href="([^"]+)" type="text/plain">', html).group(1)
    assert source.startswith("../../../sources/"), "sources are shared by both trees"


def test_english_unit_names(trees):
    html = trees["en/units/hulunbeier/yingjiguanliju/index.md"].content
    title = re.search(r'title: "(.*)"', html).group(1)
    assert not CJK.search(title), title
    assert "<dt data-pagefind-ignore>Pinyin</dt>" in html


class _OutsideChinese(HTMLParser):
    """Text and labels with Chinese characters that are not inside a `lang="zh…"` element."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.found: list[str] = []

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        self.stack.append((tag, a.get("lang") or self._lang()))
        for name in ("aria-label", "title", "placeholder", "alt"):
            if a.get(name) and CJK.search(a[name] or "") and not self._chinese():
                self.found.append(f"{tag}[{name}]={a[name]}")

    def handle_endtag(self, tag: str) -> None:
        while self.stack and tag not in self.VOID:
            if self.stack.pop()[0] == tag:
                break

    def _chinese(self) -> bool:
        return self._lang().startswith(("zh", "mn"))

    def handle_data(self, data: str) -> None:
        if CJK.search(data) and not self._chinese():
            self.found.append(f"{self.stack[-1][0] if self.stack else ''}: {data.strip()[:60]}")


# Pages of this issue: every Chinese character on them sits inside a lang="zh-Hans" element.
# (Pages built by other modules are checked by their own tests once they mark names.)
OWN_PAGES = ["index.md", "plans/index.md", "units/index.md", "units/hulunbeier/index.md"]


@pytest.mark.parametrize("path", OWN_PAGES)
def test_english_pages_mark_every_chinese_text(trees, path):
    parser = _OutsideChinese()
    parser.feed(trees["en/" + path].content.split("---", 2)[2])
    assert parser.found == []


def test_english_plan_and_unit_pages_mark_chinese_text_in_own_blocks(trees):
    """The facts blocks included: lineage, timeline and lower-level plans printed Chinese
    titles and full-width punctuation unmarked."""
    lineage = "en/plans/huainan-zhiben-gongjian-2024/index.md"  # parents and children
    for path in (
        f"en/plans/{HLBE}/index.md",
        lineage,
        "en/units/hulunbeier/yingjiguanliju/index.md",
    ):
        body = trees[path].content.split("---", 2)[2]
        # filter values are hidden data for the search box's filters, not page text
        body = re.sub(r"<span data-pagefind-filter=[^>]*>[^<]*</span>", "", body)
        parser = _OutsideChinese()
        parser.feed(body)
        assert parser.found == [], path


# --- templates and theme overrides: no interface text outside data/ui ---------------------


def _template_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    for pattern in (r"\{#.*?#\}", r"\{\{.*?\}\}", r"\{%.*?%\}"):
        text = re.sub(pattern, "", text, flags=re.S)
    return text


THEME_TEMPLATES = sorted((REPO / "overrides").rglob("*.html"))
PAGE_TEMPLATES = sorted((REPO / "generator" / "templates").rglob("*.j2"))


@pytest.mark.parametrize(
    "path", PAGE_TEMPLATES + THEME_TEMPLATES, ids=lambda p: p.relative_to(REPO).as_posix()
)
def test_no_cjk_in_templates_outside_expressions(path):
    """Chinese words and full-width punctuation belong in data/ui/zh.yaml, not in templates."""
    assert CJK.findall(_template_text(path)) == []


def test_ui_files_have_the_same_keys():
    zh, en = load_ui("zh"), load_ui("en")
    assert set(zh) == set(en)
    assert not [k for k in en if CJK.search(en[k])], "English UI strings are English"


def test_every_language_has_a_tree():
    assert set(PREFIX) == set(LANGS) and PREFIX["zh"] == ""


# --- the MkDocs build of both trees -------------------------------------------------------


@pytest.fixture
def site(fixture_site: Path) -> Path:
    return fixture_site


@pytest.mark.build
def test_build_has_both_trees_with_their_chrome(site):
    zh = (site / "plans" / HLBE / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "plans" / HLBE / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in zh and '<html lang="en"' in en
    assert "跳转至" in zh and "Skip to content" in en
    assert 'aria-label="Navigation"' in en and 'aria-label="Header"' in en
    assert "- Work Safety Plans Portal</title>" in en
    assert re.search(r'class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*Home', en)
    assert 'href="../../en/plans/hulunbeier' in zh and 'hreflang="en"' in zh


@pytest.mark.build
def test_build_language_switch_lands_on_existing_pages(site):
    for html_path in site.rglob("index.html"):
        html = html_path.read_text(encoding="utf-8")
        match = re.search(r'<a class="md-header__button pp-lang-switch" href="([^"]+)"', html)
        assert match, html_path
        target = (html_path.parent / match.group(1)).resolve() / "index.html"
        assert target.is_file(), (html_path, match.group(1))
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'pp-lang-switch" href="../en/about/"' in about


def test_ui_strings_keep_their_count_placeholder():
    """A count placeholder `#` present in one language is present in the other: an
    unquoted `#` after a space is a YAML comment and silently cut the string ("找到")."""
    zh, en = load_ui("zh"), load_ui("en")
    assert [k for k in en if ("#" in en[k]) != ("#" in zh[k])] == []
    assert {k for k in en if "#" in en[k]} >= {"search_other", "search_more", "search_next"}
