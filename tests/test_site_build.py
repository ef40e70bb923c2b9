"""Full builds of the fixture project with MkDocs + Material (`--strict`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import HLBE, REPO, copy_fixture, hostile_fixture, mkdocs_build

from generator.build import build_site

pytestmark = pytest.mark.build


@pytest.fixture
def site(fixture_site: Path) -> Path:
    return fixture_site


def test_strict_build_has_every_page(site):
    assert (site / "plans" / HLBE / "index.html").is_file()
    assert (site / "units" / "hulunbeier" / "yingjiguanliju" / "index.html").is_file()
    assert (site / "units" / "hulunbeier" / "jianguan-zhize-bumen" / "index.html").is_file()
    assert (site / "about" / "index.html").is_file()
    original = (REPO / "data" / "sources" / "000_c46c0894d1a50a54.txt").read_bytes()
    assert (site / "sources" / "000_c46c0894d1a50a54.txt").read_bytes() == original


def test_plan_page_html(site):
    html = (site / "plans" / HLBE / "index.html").read_text(encoding="utf-8")
    assert html.count("<h1") == 1
    for anchor in ("t-01", "t-02", "t-03", "t-05", "t-10"):
        assert re.search(rf'<h4 id="{anchor}" class="pp-task__title">', html)
    for anchor in ("t-02-1", "t-02-2", "t-03-1", "t-03-2", "t-05-1", "t-05-2"):
        assert f'<li id="{anchor}">' in html
    assert "assets/js/portal.js" in html and "assets/css/portal.css" in html
    assert (
        "<title>呼伦贝尔市安全生产治本攻坚三年行动方案（2024-2026年） - 安全生产规划门户</title>"
        in html
    )


def test_nav_is_small_and_fixed(site):
    html = (site / "units" / "hulunbeier" / "yingjiguanliju" / "index.html").read_text("utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "yingjiguanliju" not in nav and HLBE not in nav
    assert len(re.findall(r'class="md-nav__link', nav)) <= 9  # the fixed nav of mkdocs.yml


def _external(text: str) -> list[str]:
    found = re.findall(r"""(?:src|href|action)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", text)
    found += re.findall(r"""url\(\s*["']?((?:https?:)?//[^"')]+)""", text)
    found += re.findall(r"""@import\s+["']((?:https?:)?//[^"']+)""", text)
    return found


# Material's JS bundle carries URLs for features this site does not enable (Mermaid from
# unpkg when a page has a `.mermaid` block; GitHub facts when `repo_url` is set).
DORMANT_IN_MATERIAL_BUNDLE = {
    "https://unpkg.com",
    "https://api.github.com",
    "https://clipboardjs.com",
}


def test_no_resource_from_another_host(site):
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _external(text) == [], path
        if path.suffix == ".js":
            hosts = set(re.findall(r"https?://[A-Za-z0-9.-]+", text))
            rel = path.relative_to(site).as_posix()
            allowed = DORMANT_IN_MATERIAL_BUNDLE if rel.startswith("assets/javascripts/") else set()
            assert hosts <= allowed | {"http://www.w3.org"}, (rel, hosts - allowed)


def test_plan_page_size_does_not_grow_with_the_number_of_plans(tmp_path):
    sizes = {}
    for count in (1, 30):
        root = copy_fixture(tmp_path / f"p{count}", plans=count)
        result = mkdocs_build(root, tmp_path / f"site{count}")
        assert result.returncode == 0, result.stderr
        sizes[count] = (tmp_path / f"site{count}" / "plans" / HLBE / "index.html").stat().st_size
        unit = tmp_path / f"site{count}" / "units" / "hulunbeier" / "dangxiao" / "index.html"
        sizes[(count, "home-nav")] = unit.read_text("utf-8").count("md-nav__link")
    assert sizes[30] == sizes[1]
    assert sizes[(30, "home-nav")] == sizes[(1, "home-nav")]


def test_plan_text_comes_out_literally(tmp_path):
    root = hostile_fixture(tmp_path / "hostile")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "plans" / HLBE / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<div class="pp-page') :]
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in body
    assert 'id="evil"' not in html and "{ #evil }" in body
    assert "javascript:" not in re.sub(r"&gt;|&lt;", "", "".join(re.findall(r'href="[^"]*"', html)))
    assert "[x](javascript:alert(1))" in body
    assert "{{ 7*7 }}" in body and "{% if true %}IF{% endif %}" in body
    assert "--8&lt;-- &#34;README.md&#34;" in body or '--8&lt;-- "README.md"' in body
    assert "<table" not in body and "| a | b |" in body
    assert "<em>" not in body and "<strong>" not in body and "*star* **bold**" in body
    assert "<img" not in body and "&lt;img src=x onerror=alert(2)&gt;" in body
    assert "<b>" not in html and "&lt;b&gt;粗体&lt;/b&gt;方案 *x*" in html


def test_broken_data_stops_mkdocs_with_a_located_message(tmp_path):
    root = copy_fixture(tmp_path / "bad")
    path = root / "plans" / f"{HLBE}.yaml"
    path.write_text(path.read_text("utf-8").replace("[市应急管理局]", "[市不存在局]", 1), "utf-8")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    assert f"plans/{HLBE}.yaml:" in result.stderr and "市不存在局" in result.stderr
    assert "Traceback" not in result.stderr


def test_planportal_build_replaces_site_atomically(tmp_path, capsys):
    root = copy_fixture(tmp_path / "proj")
    site = tmp_path / "out" / "site"
    assert build_site(root, site, search=False) == 0
    assert (site / "plans" / HLBE / "index.html").is_file()
    marker = site / "marker.txt"
    marker.write_text("old")
    # broken data: the old site stays exactly as it was
    path = root / "plans" / f"{HLBE}.yaml"
    good = path.read_text("utf-8")
    path.write_text(good.replace("region: hulunbeier", "region: nowhere", 1), "utf-8")
    assert build_site(root, site, search=False) == 1
    assert marker.read_text() == "old"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    err = capsys.readouterr().err
    assert "unknown region `nowhere`" in err
    # good data again: replaced, no leftovers
    path.write_text(good, "utf-8")
    assert build_site(root, site, search=False) == 0
    assert not marker.exists()
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_planportal_build_loads_the_project_once(tmp_path, monkeypatch):
    """MkDocs runs in the same process and its plugin gets the project `build` checked."""
    import generator.project

    calls = []
    real = generator.project.load_project

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(generator.project, "load_project", counting)
    root = copy_fixture(tmp_path / "proj")
    site = tmp_path / "site"
    assert build_site(root, site, search=False) == 0
    assert (site / "plans" / HLBE / "index.html").is_file()
    assert len(calls) == 1
