"""Browser-test fixtures: build a site once per session, serve it, drive Debian's Chromium.

Two sites:
- `mini_site`: a tiny MkDocs + Material project written here (a plan page and a unit page)
  with the repo's `overrides/`, served under a sub-path, and a search index of entries
  written by hand (`mini_entries`).  It tests the search box without the page generator.
- `portal_site`: the repository itself (`mkdocs.yml` + `plans/`), built with `mkdocs build`
  and indexed.  Skipped with a reason while the repo has no pages to build, except under
  `CI=true`, where a missing prerequisite is a failure.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.reports.status import STATE_TERMS, State
from generator.search_index import index_site, write_entries

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip locally; under CI=true a missing prerequisite fails the test."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


# --- serving ------------------------------------------------------------------------------


@dataclass
class Served:
    root: Path
    """Directory served at the server root."""
    site: Path
    """The built site (possibly below `root`)."""
    url: str
    """Absolute URL of the site's home page, ending in `/`."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(root: Path, site: Path) -> Iterator[Served]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    prefix = site.relative_to(root).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    try:
        yield Served(root, site, f"http://127.0.0.1:{server.server_address[1]}/{prefix}")
    finally:
        server.shutdown()
        server.server_close()


def mkdocs_build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
    done = subprocess.run(
        [*cmd, "-d", str(site)], cwd=project, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{done.stdout}\n{done.stderr}", pytrace=False)


# --- the mini site ------------------------------------------------------------------------

MINI_PLAN = "演示市安全生产治本攻坚三年行动方案"
MINI_SHORT = "演示市治本攻坚三年行动"
MINI_TASKS = [
    ("01", "1", "开展城镇燃气安全排查整治", "市应急管理局", "全面排查燃气管网和用户设施。", "燃气"),
    ("02", "2", "建立重大事故隐患动态清零机制", "市消防救援支队", "从根本上消除事故隐患。", "消防"),
    ("03", "3", "强化矿山安全监管", "市能源局", "推进矿山智能化建设。", "矿山"),
]
MINI_ITEMS = {"01": "每年检测报警器", "02": "建立整改台账", "03": "推广智能装备"}
"""The first sub-item of each task (the second is the same filler for all)."""
MINI_MORE = 23
"""Further tasks 4, 5 … about 燃气 on the plan page: more results than one screen shows."""
MINI_DONE = "01"
"""The task reported done (已完成); every other task has no report (未报告)."""


def _state(tid: str) -> tuple[Any, dict[str, tuple[str, ...]]]:
    """A task's status as the index holds it: its state field and its filter values."""
    from generator.search_records import Field
    from generator.search_text import state_mark

    state = State.done if tid == MINI_DONE else State.no_report
    names = STATE_TERMS[state]
    return Field("state", state_mark(list(State).index(state)), 0.0), {
        "status": names[:1],
        "status_en": names[1:2],
    }


def _mini_plan_page() -> str:
    out = [
        "---",
        f"title: {MINI_PLAN}",
        "---",
        f"# {MINI_PLAN}",
        "",
        "演示文号：演安委会字〔2024〕4号",
        "",
    ]
    for tid, no, task_title, unit, text, _ in MINI_TASKS:
        filler = "。".join(["强化安全生产责任落实"] * 40)  # long page: anchors must scroll
        out += [
            f"### {no}. {task_title} {{ #t-{tid} }}",
            "",
            f"{text}（牵头单位：{unit}）",
            "",
            f'<ul><li id="t-{tid}-1">一是{MINI_ITEMS[tid]}</li>'
            f'<li id="t-{tid}-2">二是{filler}。</li></ul>',
            "",
        ]
    for n in range(4, 4 + MINI_MORE):
        out += [f"### {n}. 燃气管道第{n}段更新改造 {{ #t-{n:02} }}", "", "完成燃气管道更新。", ""]
    return "\n".join(out)


def _mini_unit_page() -> str:
    return "# 演示市应急管理局\n\n牵头任务：开展城镇燃气安全排查整治。\n"


def mini_entries() -> list:
    """The mini site's search entries, written by hand (the generator makes them from the
    views; here the search box is tested on its own)."""
    from generator.search_records import NAME, TITLE, Entry, Field
    from generator.search_text import pinyin_keys

    base = {"plan": (MINI_SHORT,), "region": ("演示市",)}
    out = [
        Entry(
            "plan",
            "plans/demo/",
            (Field("title", MINI_PLAN, NAME), Field("no", "演安委会字〔2024〕4号", NAME)),
            base,
            boosts={
                "name": MINI_PLAN,
                "region": "演示市 演示 yanshi",
                "docno": "演安委会字〔2024〕4号",
            },
            plan=(MINI_SHORT, MINI_SHORT),
        ),
        Entry(
            "unit",
            "units/yingjiguanliju/",
            (
                Field("title", "演示市应急管理局", NAME),
                Field("text", "演示市 · 应急管理部门", 0.5),
                Field(
                    "more",
                    " ".join(["市应急管理局", *pinyin_keys(["演示市应急管理局", "市应急管理局"])]),
                ),
            ),
            {"region": ("演示市",), "category": ("应急管理部门",)},
            boosts={"name": "演示市应急管理局 市应急管理局"},
        ),
    ]
    for tid, no, task_title, unit, text, topic in MINI_TASKS:
        state, status = _state(tid)
        filters = {
            **base,
            "category": ("应急管理部门" if "应急" in unit else "其他",),
            "topic": (topic,),
            **status,
        }
        keys = " ".join(pinyin_keys([task_title], runs=False, initials=False))
        items = tuple(
            Entry(
                "item",
                f"plans/demo/#t-{tid}-{item}",
                (Field("no", f"第{'一二'[int(item) - 1]}项", 0.5), Field("text", words)),
            )
            for item, words in (
                ("1", f"一是{MINI_ITEMS[tid]}"),
                ("2", "二是强化安全生产责任落实。"),
            )
        )
        out.append(
            Entry(
                "task",
                f"plans/demo/#t-{tid}",
                (
                    Field("no", f"第{no}条", 0.5),
                    Field("title", task_title, TITLE),
                    Field("text", text),
                    Field("lead", unit),
                    Field("deadline", "2025年底前"),
                    Field("more", keys, 1.5),
                    state,
                ),
                filters,
                plan=(MINI_SHORT, MINI_SHORT),
                children=items,
            )
        )
    for n in range(4, 4 + MINI_MORE):
        state, status = _state(f"{n:02}")
        out.append(
            Entry(
                "task",
                f"plans/demo/#t-{n:02}",
                (
                    Field("no", f"第{n}条", 0.5),
                    Field("title", f"燃气管道第{n}段更新改造", TITLE),
                    state,
                ),
                {**base, "category": ("其他",), "topic": ("燃气",), **status},
                plan=(MINI_SHORT, MINI_SHORT),
            )
        )
    return out


MINI_MKDOCS = """\
site_name: 演示门户
site_url: http://127.0.0.1/sub/
docs_dir: docs
theme:
  name: material
  language: zh
  font: false
  custom_dir: {overrides}
plugins: []
extra:
  generator: false
  search_strings: {strings}
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
"""


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project built and indexed; the site sits under the `sub/` path."""
    work = tmp_path_factory.mktemp("mini")
    overrides = work / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    docs = work / "docs"
    (docs / "plans" / "demo").mkdir(parents=True)
    (docs / "units").mkdir()
    (docs / "index.md").write_text("# 演示门户\n\n首页。\n", encoding="utf-8")
    (docs / "plans" / "demo" / "index.md").write_text(_mini_plan_page(), encoding="utf-8")
    (docs / "units" / "yingjiguanliju.md").write_text(_mini_unit_page(), encoding="utf-8")
    zh = yaml.safe_load((REPO / "data" / "ui" / "zh.yaml").read_text("utf-8"))
    strings = {k[len("search_") :]: v for k, v in zh.items() if k.startswith("search_")}
    strings["states"] = [names[0] for names in STATE_TERMS.values()]  # as the plugin adds
    (work / "mkdocs.yml").write_text(
        MINI_MKDOCS.format(
            overrides=overrides.as_posix(),
            strings=json.dumps(strings, ensure_ascii=False),  # the Chinese tree's strings
        ),
        encoding="utf-8",
    )
    site = work / "www" / "sub"
    mkdocs_build(work, site)
    write_entries(site, mini_entries(), part_bytes=20_000)  # searched as a merged index
    index_site(site, echo=None)
    return site


@pytest.fixture(scope="session")
def mini_site(mini_built: Path) -> Iterator[Served]:
    yield from serve(mini_built.parent, mini_built)


# --- the real portal ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def portal_built(seed_site: Path) -> Path:
    """The repository's site, built from `mkdocs.yml` and `plans/`, and indexed (once per
    run: `seed_site` in tests/conftest.py)."""
    return seed_site


@pytest.fixture(scope="session")
def portal_site(portal_built: Path) -> Iterator[Served]:
    yield from serve(portal_built, portal_built)


# --- browser ------------------------------------------------------------------------------


@dataclass
class Problems:
    """Console errors and uncaught page errors seen during a test."""

    items: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.items.append(f"console: {msg.text}"),
        )
        page.on("pageerror", lambda exc: self.items.append(f"pageerror: {exc}"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(
            f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk fonts-noto-core"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 800}, service_workers="block"
    )
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, problems: Problems):
    """A page that records console/page errors; the test ends by asserting there were none."""
    pg = context.new_page()
    problems.attach(pg)
    yield pg
    assert not problems.items, "browser errors:\n" + "\n".join(problems.items)


@pytest.fixture(name="skip_or_fail")
def skip_or_fail_fixture():
    """`skip_or_fail(reason)` for tests in this folder (skip locally, fail under CI=true)."""
    return skip_or_fail


@pytest.fixture
def search():
    """`search(page, query)`: type into the header box, return the rendered result links."""
    return run_search


def run_search(page, query: str, filters: dict[str, str] | None = None) -> list[dict]:
    """Type `query` into the header search box; return the rendered results.

    Each result: `title`, `href`, `text` (all text) and `excerpt` (HTML with `<mark>`).
    """
    box = page.locator("#pp-search-input")
    if not box.evaluate("el => el === document.activeElement"):
        page.keyboard.press("Escape")
        page.keyboard.press("/")
    box.fill(query)
    want = json.dumps([query.strip(), filters or {}], ensure_ascii=False, separators=(",", ":"))
    page.wait_for_function(
        "want => document.querySelector('[data-pp-search]').getAttribute('data-pp-done') === want",
        arg=want,
        timeout=15_000,
    )
    return page.eval_on_selector_all(
        "#pp-search-list a",
        "els => els.map(a => ({title: (a.querySelector('h1,h2') || a).textContent, href: a.href,"
        " text: a.textContent, excerpt: (a.querySelector('p') || {}).innerHTML || ''}))",
    )
