"""The reviewed seed plans carry their sources faithfully: counts match the documents and
every CJK character of each source text is in the plan, in order."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.importer.coverage import coverage
from generator.project import load_project

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = {
    # plan id: (task sections (actions), tasks, items, phases)
    "hulunbeier-zhiben-gongjian-2024": (8, 28, 93, 0),
    "huainan-datong-zhiben-gongjian-2024": (8, 30, 0, 4),
    "yuzhou-zhiben-gongjian-2024": (11, 41, 0, 0),
    "bojingtan-shisiwu-2021": (0, 42, 12, 0),
}


@pytest.fixture(scope="module")
def project():
    project, problems = load_project(ROOT)
    assert project is not None, [p.format() for p in problems]
    assert [p for p in problems if p.severity == "error"] == []
    return project


@pytest.mark.parametrize("plan_id", sorted(EXPECTED))
def test_counts_match_the_source(project, plan_id: str) -> None:
    plan = project.plan(plan_id)
    actions = sum(1 for c in plan.chapters for s in c.sections if s.tasks)
    tasks = plan.tasks()
    items = sum(len(t.items) for t in tasks)
    assert (actions, len(tasks), items, len(plan.phases())) == EXPECTED[plan_id]


@pytest.mark.parametrize("plan_id", sorted(EXPECTED))
def test_every_source_character_is_kept_in_order(project, plan_id: str) -> None:
    plan = project.plan(plan_id)
    data = yaml.safe_load((ROOT / "plans" / f"{plan_id}.yaml").read_text(encoding="utf-8"))
    source = (ROOT / plan.source.file).read_text(encoding="utf-8")
    result = coverage(source, data)
    assert (result.matched, result.extra) == (result.source_chars, 0), result.missing


def test_every_unit_mention_resolves(project) -> None:
    unresolved = [
        (plan.id, task.id, name)
        for plan in project.plans
        for task in plan.tasks()
        for name in task.responsibility.all_refs()
        if project.registry.resolve(name, plan.region) is None
    ]
    assert unresolved == []


def test_phases_of_datong(project) -> None:
    plan = project.plan("huainan-datong-zhiben-gongjian-2024")
    assert [(p.name, p.start.isoformat(), p.end.isoformat()) for p in plan.phases()] == [
        ("动员部署阶段", "2024-02-01", "2024-04-30"),
        ("专项治理阶段", "2024-05-01", "2025-12-31"),
        ("巩固提升阶段", "2026-01-01", "2026-09-30"),
        ("总结评估阶段", "2026-10-01", "2026-12-31"),
    ]


def test_slips_are_kept_with_a_note(project) -> None:
    plan = project.plan("bojingtan-shisiwu-2021")
    task = next(t for t in plan.tasks() if "第一配合单位" in t.text)
    assert any(n.quote and "第一配合单位" in n.quote for n in task.notes)
    assert task.text.count("第一配合单位") == 2  # kept as printed


def test_unit_page_lists_exactly_the_tasks_naming_the_unit(project) -> None:
    import datetime as dt

    from generator.views import build_views

    views = build_views(project, dt.date(2024, 10, 1))
    unit = views.units[("hulunbeier", "yingjiguanliju")]

    def listed(duties: object) -> list[tuple[str, str]]:
        return sorted({(d.task.plan.id, d.task.task.no) for d in duties}, key=lambda k: int(k[1]))

    direct = listed(d for d in unit.duties if not d.via)
    plan = project.plan("hulunbeier-zhiben-gongjian-2024")
    forms = {"市应急管理局", "应急管理局", "呼伦贝尔市应急管理局"}
    naming = [(plan.id, t.no) for t in plan.tasks() if forms & set(t.responsibility.all_refs())]
    assert direct == naming
    assert [no for _, no in direct] == ["1", "3", "7", "8", "14", "15", "16", "25", "28"]
    # and the 13 more that come through the group of supervising departments it belongs to
    via = {g.id for d in unit.duties for g in d.via}
    assert via == {"anweihui-jianguan-bumen"} and len(unit.duties) == 22
