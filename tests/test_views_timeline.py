"""Timelines, topics and lineage derived from the fixture project (no rendering)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.model import Deadline, Precision
from generator.project import load_project
from generator.views import build_views
from generator.views.lineage import Lineage
from generator.views.timeline import plan_timeline, site_timeline, span, status
from generator.views.topics import topic_view

FIXTURE = Path(__file__).parent / "fixtures" / "site"
DATONG = "huainan-datong-zhiben-gongjian-2024"
HUAINAN = "huainan-zhiben-gongjian-2024"
HLBE = "hulunbeier-zhiben-gongjian-2024"
TODAY = dt.date(2024, 10, 1)


@pytest.fixture(scope="module")
def loaded():
    project, problems = load_project(FIXTURE)
    assert project is not None, [p.format() for p in problems]
    return project, build_views(project, TODAY)


def plan(views, plan_id):
    return next(p for p in views.plans if p.plan.id == plan_id)


def test_datong_has_four_phases_in_order(loaded):
    _, views = loaded
    timeline = plan_timeline(plan(views, DATONG), TODAY)
    assert [(e.no, e.label, e.start.isoformat(), e.end.isoformat()) for e in timeline.phases] == [
        ("（一）", "动员部署阶段", "2024-02-01", "2024-04-30"),
        ("（二）", "专项治理阶段", "2024-05-01", "2025-12-31"),
        ("（三）", "巩固提升阶段", "2026-01-01", "2026-09-30"),
        ("（四）", "总结评估阶段", "2026-10-01", "2026-12-31"),
    ]
    assert [e.status for e in timeline.phases] == ["past", "later", "later", "later"]
    assert [e.current for e in timeline.phases] == [False, True, False, False]
    assert (timeline.start, timeline.end) == (dt.date(2024, 1, 1), dt.date(2026, 12, 31))


def test_deadline_spans_follow_the_precision():
    def d(date, precision):
        return Deadline(date=date, precision=precision, phrase="x")

    assert span(d(dt.date(2024, 12, 31), Precision.year)) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    assert span(d(dt.date(2024, 6, 30), Precision.month)) == (
        dt.date(2024, 6, 1),
        dt.date(2024, 6, 30),
    )
    assert span(d(dt.date(2025, 3, 31), Precision.quarter))[0] == dt.date(2025, 1, 1)
    assert span(d(dt.date(2025, 6, 30), Precision.half))[0] == dt.date(2025, 1, 1)
    assert span(d(dt.date(2025, 3, 31), Precision.day)) == (
        dt.date(2025, 3, 31),
        dt.date(2025, 3, 31),
    )


def test_status_relative_to_the_build_date():
    today = dt.date(2024, 10, 1)
    assert status(dt.date(2024, 9, 30), today) == "past"
    assert status(today, today) == "soon"
    assert status(dt.date(2024, 12, 30), today) == "soon"  # day 90
    assert status(dt.date(2024, 12, 31), today) == "later"  # day 91


def test_plan_deadlines_and_recurrences_are_apart(loaded):
    _, views = loaded
    timeline = plan_timeline(plan(views, DATONG), TODAY)
    assert [(e.phrase, e.precision.value) for e in timeline.deadlines] == [
        ("2024年底前", "year"),
        ("2025年6月底前", "month"),
    ]
    assert [(r.phrase, r.every) for r in timeline.recurring] == [
        ("每季度对乡镇街道（园区）开展一次安全生产督导", "quarter")
    ]
    hlbe = plan_timeline(plan(views, HLBE), TODAY)
    assert hlbe.by_precision() == {Precision.year: 5, Precision.month: 1}
    assert [r.url for r in hlbe.recurring] == [f"plans/{HLBE}/#t-05"]


def test_site_timeline_groups_by_month_and_splits_long_months(loaded):
    _, views = loaded
    site = site_timeline(views, TODAY)
    assert [m.key for m in site.months] == [
        "2024-06",
        "2024-12",
        "2025-03",
        "2025-06",
        "2025-12",
        "2026-12",
    ]
    december = next(m for m in site.months if m.key == "2024-12")
    assert december.total == 3 and december.counts == {"past": 0, "soon": 0, "later": 3}
    small = site_timeline(views, TODAY, page_size=2)
    december = next(m for m in small.months if m.key == "2024-12")
    assert [p.path for p in december.pages] == ["timeline/2024-12/", "timeline/2024-12/2/"]
    assert [len(p.entries) for p in december.pages] == [2, 1]
    assert site.upcoming_total == site.total - 1  # only 2024年6月底前 has passed


def test_gas_topic_groups_tasks_by_plan(loaded):
    project, views = loaded
    gas = topic_view(views, project.registry.topics["gas"])
    groups = [(g.plan.plan.id, [t.task.id for t in g.tasks], g.total) for g in gas.pages[0].groups]
    assert groups == [(DATONG, ["05", "06"], 2), (HUAINAN, ["07"], 1), (HLBE, ["10"], 1)]
    assert (gas.total, gas.plan_count) == (4, 3)
    datong = gas.pages[0].groups[0]
    assert [d.phrase for d in datong.domain_leads] == ["区住建局牵头负责建筑施工、燃气等行业领域"]
    # split into pages: a plan's group is not cut when it fits on a page
    paged = topic_view(views, project.registry.topics["gas"], page_size=2)
    assert [[(g.plan.plan.id, len(g.tasks)) for g in p.groups] for p in paged.pages] == [
        [(DATONG, 2)],
        [(HUAINAN, 1), (HLBE, 1)],
    ]
    assert paged.page_of(HLBE) == f"topics/gas/2/#plan-{HLBE}"
    tiny = topic_view(views, project.registry.topics["gas"], page_size=1)
    assert [(g.plan.plan.id, g.continued) for p in tiny.pages for g in p.groups][:2] == [
        (DATONG, False),
        (DATONG, True),
    ]


def test_lineage_chain_and_implementing_tasks(loaded):
    project, views = loaded
    lineage = Lineage(views, project.registry.regions)
    steps = lineage.chain(plan(views, DATONG).plan)
    assert [(s.region.name if s.region else None, [a.title for a in s.plans]) for s in steps] == [
        ("中国", ["安全生产治本攻坚三年行动方案（2024—2026年）"]),
        ("安徽省", ["安徽省安全生产治本攻坚三年行动实施方案（2024—2026年）"]),
        ("淮南市", ["淮南市安全生产治本攻坚三年行动实施方案（2024—2026年）"]),
    ]
    assert steps[0].plans[0].doc_number == "安委〔2024〕2号" and steps[0].plans[0].view is None
    assert steps[2].plans[0].view is not None
    task = plan(views, DATONG).task("05")
    parent = lineage.target(task)
    assert parent is not None and (parent.plan.id, parent.task.id) == (HUAINAN, "07")
    assert lineage.implementers(parent) == (task,)
    assert [c.plan.id for c in lineage.children_of(plan(views, HUAINAN).plan)] == [DATONG]
