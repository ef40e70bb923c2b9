"""The MkDocs shell: what it relies on in MkDocs beyond plugin events, and the navigation
it gives each language tree."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import FIXTURE, REPO
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from generator.mkdocs_plugin import PlanPortalPlugin, check_engine
from generator.project import load_project
from generator.settings import Settings


def test_the_installed_mkdocs_is_the_one_the_shell_was_written_for():
    """Fails first when MkDocs is upgraded to one whose navigation builder or page
    renderer changed: the shell's guard would stop every build (see `check_engine`)."""
    check_engine()


def test_a_changed_mkdocs_stops_the_build_saying_what_changed(monkeypatch):
    import mkdocs.structure.nav

    monkeypatch.setattr(mkdocs.structure.nav, "get_navigation", lambda files, config, x: None)
    with pytest.raises(PluginError, match=r"get_navigation takes \['files', 'config', 'x'\]"):
        check_engine()


NAV = [
    {"首页": "index.md"},
    {"规划方案": "plans/index.md"},
    {"本站": [{"修订记录": "changes/index.md"}, "about.md", "no-such-page.md"]},
    {"外部": "https://example.org/"},
]
"""A navigation with a section, a page without a title, a missing page and a link."""


@pytest.fixture(scope="module")
def built_nav(tmp_path_factory):
    """The plugin's events up to `on_nav`, as `mkdocs build` runs them on the fixture."""
    site = tmp_path_factory.mktemp("site")
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), nav=NAV)
    plugin = next(p for p in config.plugins.values() if isinstance(p, PlanPortalPlugin))
    project, problems = load_project(FIXTURE)
    assert project is not None, problems
    settings = Settings(root=FIXTURE, build_date=dt.date(2024, 10, 1), search=False)
    plugin.hand_over(project, settings, index=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        yield nav, plugin.navs["en"]
    finally:
        config.plugins.on_shutdown()


def test_the_english_tree_has_the_same_navigation_with_its_own_pages(built_nav):
    zh, en = built_nav
    assert [p.file.src_uri for p in en.pages] == [f"en/{p.file.src_uri}" for p in zh.pages]
    assert en.homepage is not None and en.homepage.file.src_uri == "en/index.md"
    assert [p.title for p in en.pages][:3] == ["Home", "Plans", "Changes"]
    for previous, page in zip(en.pages, en.pages[1:], strict=False):  # linked by MkDocs
        assert page.previous_page is previous and previous.next_page is page
    assert en.pages[0].previous_page is None and en.pages[-1].next_page is None


def test_sections_and_links_are_kept_and_each_page_knows_its_section(built_nav):
    from mkdocs.structure.nav import Link, Section

    _, en = built_nav
    home, plans, section, link = en.items
    assert isinstance(section, Section) and section.title == "本站"  # no UI string: as is
    pages, missing = section.children[:2], section.children[2]
    assert [p.file.src_uri for p in pages] == ["en/changes/index.md", "en/about.md"]
    assert isinstance(missing, Link)  # as MkDocs made it in the default tree
    assert all(child.parent is section for child in section.children)
    assert home.parent is None and plans.parent is None
    assert isinstance(link, Link) and link.url == "https://example.org/"


@pytest.mark.build
def test_generated_pages_skipping_markdown_are_what_mkdocs_would_write(tmp_path, monkeypatch):
    """The shortcut (`on_pre_page`: a generated page's body is finished HTML, so MkDocs'
    Markdown pass is skipped) changes no byte of the site."""
    from generator.build import build_site

    def files(site):
        return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    given = {"search": False, "build_date": "2024-10-01", "processes": 1}
    assert build_site(FIXTURE, tmp_path / "fast", **given) == 0
    plain_pages: list[str] = []

    def through_markdown(self, page, **kwargs):
        plain_pages.append(page.file.src_uri)
        return page

    monkeypatch.setattr(PlanPortalPlugin, "on_pre_page", through_markdown)
    assert build_site(FIXTURE, tmp_path / "plain", **given) == 0
    assert "plans/index.md" in plain_pages
    fast, plain = files(tmp_path / "fast"), files(tmp_path / "plain")
    assert sorted(fast) == sorted(plain)
    assert [path for path in fast if fast[path] != plain[path]] == []
