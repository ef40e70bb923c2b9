"""Scale properties: what a page holds must not grow with the size of the whole portal.

No timings here (they belong in bench/): these tests pin the structural fixes that keep
page size and work per page bounded on a national portal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from generator.model import Category, Region, Unit, UnitRegistry
from generator.project import Project, load_project
from generator.registry import Registry
from generator.render.families import home
from generator.render.families.home import HOME_PLANS, PLANS_PER_PAGE
from generator.render.families.units import UNITS_PER_PAGE, UnitPages
from generator.render.kit import PageKit, SiteData
from generator.render.linkcheck import check_links
from generator.views import build_views
from generator.views.site import PEER_LIMIT

FIXTURE = Path(__file__).parent / "fixtures" / "site"


def _tree(provinces: int, prefectures: int, counties: int) -> Project:
    """china → provinces → prefectures → counties, one emergency bureau in each region."""
    regions = [Region(id="china", name="中国", level="country")]
    for p in range(provinces):
        regions.append(Region(id=f"p{p}", name=f"省{p}", level="province", parent="china"))
        for f in range(prefectures):
            pf = f"p{p}-f{f}"
            regions.append(Region(id=pf, name=f"市{p}{f}", level="prefecture", parent=f"p{p}"))
            for c in range(counties):
                regions.append(
                    Region(id=f"{pf}-c{c}", name=f"县{p}{f}{c}", level="county", parent=pf)
                )
    registries = [
        UnitRegistry(
            region=r.id,
            units=(
                Unit(id="yingjiju", name=f"{r.name}应急管理局", category="emergency-management"),
            ),
        )
        for r in regions[1:]
    ]
    cat = Category(id="emergency-management", name="应急管理", name_en="Emergency management")
    registry = Registry.from_models(regions, registries, categories=[cat])
    return Project(Path("."), registry, ())


def test_peers_on_a_unit_page_are_bounded_and_nearest_first():
    views = build_views(_tree(4, 6, 8), dt.date(2025, 1, 1))  # 220 like units
    assert all(len(v.peers) <= PEER_LIMIT for v in views.units.values())
    county = views.units[("p1-f2-c3", "yingjiju")]
    regions = {p.region for p in county.peers}
    siblings = {f"p1-f2-c{c}" for c in range(8)} - {"p1-f2-c3"}
    assert siblings | {"p1-f2"} <= regions  # siblings and the prefecture come first
    assert len(county.peers) == PEER_LIMIT


def test_every_peer_is_listed_while_there_are_few():
    views = build_views(_tree(1, 2, 2), dt.date(2025, 1, 1))  # 7 like units
    province = views.units[("p0", "yingjiju")]
    assert len(province.peers) == 6


def test_xlsx_rows_that_look_like_formulas_stay_text(tmp_path: Path):
    """The per-row formula guard no longer rescans the sheet; it must still apply to each row."""
    import openpyxl

    from generator.exports.tables import tasks_xlsx
    from generator.model import Chapter, Period, Plan, Source, Task

    tasks = tuple(
        Task(id=f"{n:02d}", no=str(n), text=f"=SUM(A1:A{n})" if n % 2 else "普通任务")
        for n in range(1, 41)
    )
    plan = Plan(
        id="demo",
        title="演示方案",
        kind="other",
        region="r",
        issuer="某单位",
        period=Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
        source=Source(file="data/sources/x.txt"),
        chapters=(Chapter(id="c1", title="主要任务", tasks=tasks),),
    )
    tasks_xlsx([plan], "https://example.org", tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["demo"]
    formulas = [c for row in sheet.iter_rows(min_row=2) for c in row if c.column == 2]
    assert len(formulas) == 40
    assert all(c.data_type == "s" for c in formulas)
    assert formulas[0].value == "=SUM(A1:A1)"


def test_relative_links_match_posixpath(tmp_path: Path):
    """`relative` no longer calls posixpath.relpath per link; it must give the same links."""
    import itertools
    import posixpath

    from generator.render.links import relative

    pages = ["", "plans/", "plans/a/", "units/", "units/r/", "units/r/u/", "en/units/r/u/"]
    targets = [*pages, "sources/x.txt", "plans/a/#t-1", "units/r2/u/#k", "", "#top"]
    for here, to in itertools.product(pages, targets):
        path, _, anchor = to.partition("#")
        if path == here:
            expected = f"#{anchor}" if anchor else "./"
        else:
            rel = posixpath.relpath(path.rstrip("/") or ".", here.rstrip("/") or ".")
            if path.endswith("/") or path == "":
                rel = "./" if rel == "." else f"{rel}/"
            expected = rel + (f"#{anchor}" if anchor else "")
        assert relative(here, to) == expected, (here, to)


def test_link_collector_reads_ids_and_hrefs_like_an_html_parser():
    """The link check scans tags with regular expressions now; same ids and hrefs."""
    from generator.render.linkcheck import _Collector

    page = """<h1 id="top">标题</h1><!-- <a href="gone/"> -->
<p class="x" id='t-01'>文字 <a class="pp-unit" href="../../units/r/u/">局</a>
<a href=../a/#t-2&amp;x>b</a><A HREF="#top">c</A><div ID="k-1">d</div>
<span data-id="no" data-href="no">e</span><link href="x.css"><a>f</a>"""
    c = _Collector()
    c.feed(page)
    assert c.ids == {"top", "t-01", "k-1"}
    assert c.hrefs == ["../../units/r/u/", "../a/#t-2&x", "#top"]


def test_fast_yaml_parser_gives_the_same_data_and_positions():
    """Plans are parsed by libyaml when available; data, positions and notes are identical."""
    import yaml

    from generator import load

    repo = Path(__file__).parents[1]
    files = sorted((repo / "plans").glob("*.yaml")) + sorted((repo / "data").rglob("*.yaml"))
    assert files
    assert load._FAST_LOADER is not None and issubclass(load._FAST_LOADER, yaml.CSafeLoader)
    for path in files:
        text = path.read_text("utf-8")
        fast, fast_problems, slow, slow_problems = _both_parsers(text, path.name)
        assert fast is not None and slow is not None
        assert (fast.data, fast.marks, fast.key_marks, fast.ambiguous) == (
            slow.data,
            slow.marks,
            slow.key_marks,
            slow.ambiguous,
        ), path
        assert fast_problems == slow_problems


_REFERENCE_VALUE = r"""=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
_REFERENCE_ID = re.compile(r"<[a-zA-Z][^<>]*?\sid\s*" + _REFERENCE_VALUE, re.I)
_REFERENCE_HREF = re.compile(r"<a\s(?:[^<>]*?\s)?href\s*" + _REFERENCE_VALUE, re.I)
"""The link check's first collector: one scan per attribute, each match anchored at a tag."""


def _reference_collect(content: str) -> tuple[set[str], list[str]]:
    import html

    content = re.sub(r"<!--.*?-->", "", content, flags=re.S)

    def values(pattern: re.Pattern[str]) -> list[str]:
        raw = [
            next((g for g in m.groups() if g is not None), "") for m in pattern.finditer(content)
        ]
        return [html.unescape(r) if "&" in r else r for r in raw]

    return {v for v in values(_REFERENCE_ID) if v}, values(_REFERENCE_HREF)


_HTML_PIECES = st.sampled_from(
    [
        '<a href="../x/#t-1">',
        "<A HREF=../y/>",
        "<a\nclass='k' href='#z'>",
        '<a class="b">',
        '<div id="k-1">',
        "<p ID=p2 class=x>",
        '<span data-id="no" data-href="no">',
        '<link href="x.css">',
        '<abbr href="no">',
        "</a>",
        "</div>",
        '<!-- <a href="gone/"> -->',
        " id=text ",
        " href=text ",
        "a > b",
        "x < y",
        "&amp;",
        '<a href="a&amp;b">',
        "文字",
        "<",
        ">",
        " ",
        '<h2 id="">',
        "<br>",
        '<a  href = "sp/" >',
    ]
)


@given(st.lists(_HTML_PIECES, max_size=12))
def test_link_collector_finds_what_one_scan_per_attribute_found(pieces):
    """The link check reads ids and `<a href>`s in one scan; on any tag soup it finds the
    same as the scan-per-attribute collector it replaced."""
    from generator.render.linkcheck import _Collector

    content = "".join(pieces)
    collector = _Collector()
    collector.feed(content)
    assert (collector.ids, collector.hrefs) == _reference_collect(content)


def _both_parsers(text: str, name: str) -> tuple[Any, Any, Any, Any]:
    """`text` parsed by libyaml (with the loader's own tag resolution) and by PyYAML's
    pure-Python parser and resolver."""
    from generator import load

    fast, fast_problems = load.parse_yaml(text, name)
    with mock.patch.object(load, "_FAST_LOADER", None):
        slow, slow_problems = load.parse_yaml(text, name)
    return fast, fast_problems, slow, slow_problems


_SCALAR_PIECES = st.sampled_from(
    [
        "0",
        "1",
        "07",
        "-3",
        "+2",
        ".5",
        "1.",
        "1.5e3",
        "1.5e+3",
        "0x1F",
        "0o7",
        "1_000",
        "2024-03-08",
        "12:30",
        "~",
        "null",
        "Null",
        "",
        "true",
        "True",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        ".inf",
        "-.Inf",
        ".nan",
        "=",
        "<<",
        "!",
        "&",
        "*",
        "t",
        "F",
        "市应急管理局",
        "第1条",
        "Ｋ",
        "\u212a",  # Kelvin sign: NFC makes it `K`
        "a",
        " ",
        "-",
        ".",
    ]
)


@given(
    pieces=st.lists(_SCALAR_PIECES, min_size=1, max_size=3),
    tag=st.sampled_from(["", "!!str ", "!!int ", "!!bool ", "!!float ", "!!null ", "! "]),
)
def test_fast_tag_resolution_reads_every_plain_value_as_pyyaml_does(pieces, tag):
    """The fast loader skips PyYAML's regular expressions for values that start with a
    character none of them matches; whatever the value, data and notes stay the same."""
    value = "".join(pieces)
    text = f"k: {tag}{value}\nlist: [{tag}{value}]\n"
    fast, fast_problems, slow, slow_problems = _both_parsers(text, "x.yaml")
    if slow is None:  # not valid YAML: both report it
        assert fast is None and fast_problems == slow_problems
        return
    assert fast is not None
    assert (fast.data, fast.ambiguous, fast_problems) == (slow.data, slow.ambiguous, slow_problems)
    assert (fast.marks, fast.key_marks) == (slow.marks, slow.key_marks)


def test_units_are_sorted_once_and_grouped_by_region():
    """Region pages take their units from one grouping, not one sort + scan per region."""
    views = build_views(_tree(2, 3, 4), dt.date(2025, 1, 1))
    ordered = views.units_sorted()
    assert views.units_sorted() == ordered and views.units_sorted() is not ordered
    for region in views.regions:
        assert views.units_of_region(region.id) == [u for u in ordered if u.region.id == region.id]


def test_serve_reload_parses_only_edited_plan_files(tmp_path: Path, monkeypatch):
    """`mkdocs serve` reloads the project on every edit; unchanged plans are not reparsed."""
    import os

    from helpers import make_project

    from generator import project as project_mod

    root = make_project(tmp_path / "proj")
    first, problems = project_mod.load_project(root, cache=True)
    assert first is not None, problems
    parsed: list[str] = []
    from generator import parallel_load

    real = parallel_load.load_yaml
    monkeypatch.setattr(
        parallel_load, "load_yaml", lambda p, d, *rest: parsed.append(d) or real(p, d, *rest)
    )
    again, _ = project_mod.load_project(root, cache=True)
    assert parsed == [] and again is not None
    assert [p.id for p in again.plans] == [p.id for p in first.plans]

    path = sorted((root / "plans").glob("*.yaml"))[0]
    text = path.read_text("utf-8")
    path.write_text(text.replace("title: ", "title: 修订", 1), "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    edited, _ = project_mod.load_project(root, cache=True)
    assert parsed == [f"plans/{path.name}"]
    assert edited is not None and edited.plans[0].title.startswith("修订")
    uncached, _ = project_mod.load_project(root)  # the CLI: always from the files
    assert len(parsed) == 1 + len(list((root / "plans").glob("*.yaml")))
    assert uncached is not None and uncached.plans[0].title.startswith("修订")


def test_many_plan_files_are_parsed_in_parallel_with_the_same_outcome(tmp_path: Path):
    """From `PARALLEL_FILES` plan files on, forked processes parse part of them and send
    them back: the plans, every problem and its position are the same as parsed here."""
    from helpers import make_project

    from generator import parallel_load
    from generator import project as project_mod

    root = make_project(tmp_path / "proj")
    plans = root / "plans"
    template = sorted(plans.glob("*.yaml"))[0].read_text("utf-8")
    plan_id = next(line for line in template.splitlines() if line.startswith("id:"))
    for n in range(2 * parallel_load.PARALLEL_FILES):
        copy = template.replace(plan_id, f"id: copy-{n:03d}", 1)
        if n == 5:  # a YAML error, a duplicate key and an unknown field in other files
            copy = copy.replace("title:", "title: [", 1)
        if n == 70:
            copy += "\nissuer: 又一个\n"
        if n in (100, 101):  # one in each process's share: located by the positions sent
            copy += "\nlead_unit: 市应急管理局\n"
        (plans / f"copy-{n:03d}.yaml").write_text(copy, "utf-8")
    warmed: list[int] = []
    parallel = project_mod.load_project(root, meanwhile=lambda: warmed.append(1), processes=2)
    assert warmed == [1]
    serial = project_mod.load_project(root, processes=1)
    assert parallel == serial
    problems = parallel[1]
    assert {p.code for p in problems} >= {"yaml-syntax", "duplicate-key", "unknown-field"}
    assert {p.file for p in problems} >= {f"plans/copy-{n:03d}.yaml" for n in (5, 70, 100, 101)}
    assert all(p.line > 1 for p in problems if p.code == "unknown-field")


def test_parsed_files_come_back_from_a_helper_unchanged(tmp_path: Path):
    """What a parsing helper sends back (marshalled) is what it parsed: data, positions,
    notes and problems."""
    import marshal

    from generator.load import load_yaml
    from generator.parallel_load import _packed, _unpacked

    path = tmp_path / "p.yaml"
    path.write_text("id: x\ntitle: 标题\ntitle: 重复\nlist: [a, {b: 1}]\nflag: yes\n", "utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n", "utf-8")
    originals = {0: load_yaml(path, "plans/p.yaml"), 1: load_yaml(broken, "plans/broken.yaml")}
    sent = _unpacked(marshal.dumps({i: _packed(*x) for i, x in originals.items()}))
    assert sent == originals
    loaded, problems = sent[0]
    assert loaded is not None and loaded.marks[("list", 1, "b")] == (4, 15)
    assert [p.code for p in problems] == ["duplicate-key"] and problems[0].line == 3
    assert sent[1][0] is None and sent[1][1][0].code == "yaml-syntax"


# --- index pages: their size must not grow with the number of plans and units -----------


def _kit(project: Project) -> PageKit:
    views = build_views(project, dt.date(2024, 10, 1))
    return PageKit.for_tree(SiteData.of(project, views), "zh")


def _hrefs(content: str, part: str) -> set[str]:
    return set(re.findall(rf'href="([^"]*{part}[^"]*)"', content))


def test_units_index_does_not_list_every_unit_on_a_large_portal():
    small, kit = UnitPages(_kit(_tree(1, 2, 2))), _kit(_tree(4, 6, 14))  # 7 and 364 units
    assert "yingjiju/" not in small.index().content  # the finder finds them, lists list them
    assert len(small.index().content) < 6_000
    large = UnitPages(kit)
    index = large.index().content
    assert not _hrefs(index, "yingjiju/")  # the tree links to region pages only
    assert len(index) < 60_000  # < 150 B per region, no unit listed three times
    assert 'href="p1-f2-c3/"' in index and '<span class="pp-count">1</span>' in index
    lists = list(large.lists())
    assert {p.path for p in lists} >= {
        "units/by-category/emergency-management/index.md",
        "units/by-category/emergency-management/2/index.md",
    }
    assert any(p.path.startswith("units/a-z/") for p in lists)
    listed: set[str] = set()
    for page in lists:
        links = page.content.count('<li><a href="../../')
        assert links <= UNITS_PER_PAGE
        listed |= {h.rsplit("../", 1)[-1] for h in _hrefs(page.content, "yingjiju/")}
    assert len(listed) == len(kit.views.units)  # every unit reachable from the lists
    unit_pages = [page for u in kit.views.units_sorted() for page in large.unit(u)]
    regions = [large.region(r.id) for r in kit.views.regions]
    pages = [large.index(), *lists, *regions, *unit_pages]
    files = (".xml)", ".csv)", ".ics)")  # the unit's files are not made here
    assert not [p for p in check_links(pages) if not p.endswith(files)]


def test_home_and_plans_index_show_a_bounded_number_of_plan_cards():
    project, _ = load_project(FIXTURE)
    assert project is not None
    plans = tuple(
        p.model_copy(update={"id": f"{p.id}-{n}"}) for n in range(25) for p in project.plans
    )
    kit = _kit(dataclasses.replace(project, plans=plans))  # 75 plans
    front = home.home(kit).content
    assert front.count('class="pp-card"') == HOME_PLANS
    assert 'href="plans/">' in front
    index = home.plans_index(kit).content
    assert index.count('class="pp-card"') == 0  # provinces with counts, no cards
    assert 'href="by-region/anhui/"' in index and '<span class="pp-count">50</span>' in index
    regions = list(home.plans_of_regions(kit))
    assert [p.path for p in regions] == [
        "plans/by-region/neimenggu/index.md",
        "plans/by-region/anhui/index.md",
        "plans/by-region/anhui/2/index.md",
    ]
    cards = [p.content.count('class="pp-card"') for p in regions]
    assert max(cards) <= PLANS_PER_PAGE and sum(cards) == len(plans)
    problems = [
        p
        for p in check_links([home.home(kit), home.plans_index(kit), *regions])
        if "(no page plans/by-region/" in p or "(no page plans/)" in p
    ]
    assert not problems


def test_data_page_does_not_list_every_plan_of_a_large_portal():
    """/data/ lists each plan's files up to PLANS_LISTED plans; beyond, the plan pages do."""
    from rendering import render

    from generator.render.families.data import PLANS_LISTED

    root = Path(__file__).resolve().parents[1]
    project, _ = load_project(root)
    assert project is not None
    seed = project.plans[0]
    many = tuple(seed.model_copy(update={"id": f"{seed.id}-{n}"}) for n in range(PLANS_LISTED + 1))
    big = render(dataclasses.replace(project, plans=many), languages=("zh",)).pages
    data = big.read("data/index.md")
    assert f"{seed.id}-3.json" not in data and "“数据”一栏" in data
    small = render(project, languages=("zh",)).pages
    assert f"{seed.id}.json" in small.read("data/index.md")
    plan_page = big.read("plans/" + many[3].id + "/index.md")
    assert f"data/plans/{many[3].id}.json" in plan_page


def test_xlsx_with_many_plans_keeps_few_files_open(tmp_path: Path):
    """One sheet per plan: a national portal has thousands of plans, more than the usual
    limit of open files, so writing a sheet must not hold a file open."""
    import resource

    import openpyxl

    from generator.exports.tables import tasks_xlsx
    from generator.model import Chapter, Period, Plan, Source, Task

    plans = [
        Plan(
            id=f"p{n:03d}",
            title=f"方案{n}",
            kind="other",
            region="r",
            issuer="某单位",
            period=Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
            source=Source(file="data/sources/x.txt"),
            chapters=(
                Chapter(id="c1", title="主要任务", tasks=(Task(id="01", no="1", text="任务"),)),
            ),
        )
        for n in range(150)
    ]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(100, hard), hard))
    try:
        tasks_xlsx(plans, "https://example.org", tmp_path / "t.xlsx")
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    book = openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True)
    assert len(book.sheetnames) == 151 and book.sheetnames[:2] == ["全部", "p000"]
