"""What many tests share: the repository's paths, the fixture project and copies of it,
small projects written on the fly, and MkDocs builds run as a person runs them.

Tests import from here, never from another test module; the builds of the fixture and seed
sites shared by several test modules are session fixtures (`tests/conftest.py`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.load import load_yaml, validate_as
from generator.model import Plan

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "site"
"""A small project (three plans) with every kind of page; its site is `fixture_site`."""
HLBE = "hulunbeier-zhiben-gongjian-2024"
"""The fixture's fullest plan."""
BUILD_DATE = "2024-10-01"
"""The build date of the fixture's site in tests: deadlines on both sides of it."""
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLANPORTAL_BUILD_DATE=BUILD_DATE)
"""The environment of an `mkdocs build` run by a test."""


def copy_fixture(dest: Path, *, plans: int | None = None) -> Path:
    """The fixture under `dest`; with `plans`, only the Hulunbuir plan in `plans` copies."""
    shutil.copytree(FIXTURE, dest)
    if plans is not None:
        for path in (dest / "plans").glob("*.yaml"):
            path.unlink()
        text = (FIXTURE / "plans" / f"{HLBE}.yaml").read_text(encoding="utf-8")
        for n in range(plans):
            plan_id = HLBE if n == 0 else f"{HLBE}-copy{n}"
            (dest / "plans" / f"{plan_id}.yaml").write_text(
                text.replace(f"id: {HLBE}", f"id: {plan_id}"), encoding="utf-8"
            )
    return dest


def mkdocs_build(
    root: Path, site: Path, *extra: str, search: bool = False
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the project at `root` into `site` (with `search`, its
    Pagefind index too)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml")]
    env = dict(ENV, PLANPORTAL_ROOT=str(root), PLANPORTAL_SEARCH="1" if search else "0")
    return subprocess.run(
        [*cmd, "-d", str(site), *extra],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def hostile_fixture(dest: Path) -> Path:
    """The fixture with markup, Markdown and template syntax in plan text (JSON-quoted)."""
    root = copy_fixture(dest)
    path = root / "plans" / f"{HLBE}.yaml"
    text = path.read_text(encoding="utf-8")
    title = "<script>alert('t')</script>{ #evil }"
    body = (
        "[x](javascript:alert(1)) {{ 7*7 }} {% if true %}IF{% endif %}\n\n"
        '--8<-- "README.md"\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n'
        "*star* **bold** <img src=x onerror=alert(2)>"
    )
    text = text.replace("title: 突出重点抓实教育培训。", f"title: {json.dumps(title)}", 1)
    start = text.index("            text: 参照自治区做法")
    end = text.index("\n", start)
    text = text[:start] + f"            text: {json.dumps(body, ensure_ascii=False)}" + text[end:]
    plan_title = "title: 呼伦贝尔市安全生产治本攻坚三年行动方案（2024-2026年）\n"
    text = text.replace(plan_title, f"title: {json.dumps('<b>粗体</b>方案 *x*')}\n", 1)
    path.write_text(text, encoding="utf-8")
    return root


def seed_plans() -> list[Plan]:
    """The repository's own plans, validated."""
    plans = []
    for path in sorted((REPO / "plans").glob("*.yaml")):
        loaded, _ = load_yaml(path)
        assert loaded is not None
        plan, problems = validate_as(loaded, Plan)
        assert plan is not None, problems
        plans.append(plan)
    return plans


# --- a small project written on the fly ----------------------------------------------------

REGIONS = """\
regions:
  - {id: testland, name: 测试市, level: prefecture}
"""
UNITS = """\
region: testland
units:
  - id: yingjiguanliju
    name: 测试市应急管理局
    short: 市应急管理局
    aliases: [应急管理局]
    category: emergency-management
  - id: zhujianju
    name: 测试市住房和城乡建设局
    short: 市住建局
groups:
  - id: anweihui-chengyuan
    name: 市安委会各成员单位
    membership:
      - {source: editor, note: 测试用。, units: [yingjiguanliju, zhujianju]}
"""
TOPICS = """\
topics:
  - {id: gas, name: 燃气, name_en: Gas}
"""
CATEGORIES = """\
categories:
  - {id: emergency-management, name: 应急管理, name_en: Emergency management}
"""
PLAN = """\
id: demo
title: 测试市安全生产治本攻坚三年行动方案
kind: three-year-action-plan
region: testland
issuer: 测试市安全生产委员会
issued: 2024-03-08
period: {start: 2024-01-01, end: 2026-12-31}
source: {file: data/sources/demo.txt}
chapters:
  - id: c1
    no: 二
    title: 主要任务
    role: tasks
    phases:
      - {id: p1, name: 动员部署阶段, start: 2024-02-01, end: 2024-04-30}
    tasks:
      - id: "01"
        no: 1
        title: 强化源头管控
        text: 主要有2项任务：
        items:
          - {id: "1", no: 一是, text: 建立机制；}
          - {id: "2", no: 二是, text: 2024年底前完成。}
        responsibility:
          lead: [市应急管理局]
          support: [市住建局, 市安委会各成员单位]
        deadlines:
          - {date: 2024-12-31, precision: year, phrase: 2024年底前, item: "2"}
        topics: [gas]
      - id: "02"
        no: 2
        text: 深化城镇燃气专项治理。
"""
SOURCE_TEXT = "测试市安全生产治本攻坚三年行动方案（虚构的测试文本）\n"


def make_project(tmp_path: Path, plan: str = PLAN, name: str = "demo.yaml") -> Path:
    (tmp_path / "data" / "units").mkdir(parents=True)
    (tmp_path / "plans").mkdir()
    (tmp_path / "data" / "regions.yaml").write_text(REGIONS, encoding="utf-8")
    (tmp_path / "data" / "units" / "testland.yaml").write_text(UNITS, encoding="utf-8")
    (tmp_path / "data" / "topics.yaml").write_text(TOPICS, encoding="utf-8")
    (tmp_path / "data" / "categories.yaml").write_text(CATEGORIES, encoding="utf-8")
    (tmp_path / "plans" / name).write_text(plan, encoding="utf-8")
    (tmp_path / "data" / "sources").mkdir()
    (tmp_path / "data" / "sources" / "demo.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return tmp_path
