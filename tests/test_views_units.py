"""Derived views of the fixture project: who must do what, by when, and how it is cited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.project import load_project
from generator.views import build_views

FIXTURE = Path(__file__).parent / "fixtures" / "site"
HLBE = "hulunbeier-zhiben-gongjian-2024"
TODAY = dt.date(2024, 10, 1)


@pytest.fixture(scope="module")
def views():
    project, problems = load_project(FIXTURE)
    assert project is not None, [p.format() for p in problems]
    return build_views(project, TODAY)


def duties(views, region, unit, role=None):
    view = views.units[(region, unit)]
    return [
        (d.task.plan.id, d.task.task.id, d.task.number, d.role)
        for d in view.duties
        if role is None or d.role == role
    ]


def test_emergency_bureau_lists_every_task_that_binds_it(views):
    """Named on a task, or through a group it belongs to (task 2 names 各负有安全生产监督
    管理职责的部门, of which the bureau is a member)."""
    assert duties(views, "hulunbeier", "yingjiguanliju") == [
        (HLBE, "01", "第1条", "responsible"),
        (HLBE, "02", "第2条", "group"),
        (HLBE, "03", "第3条", "responsible"),
        (HLBE, "05", "第5条", "lead"),
        (HLBE, "10", "第10条", "lead"),
    ]
    through = views.units[("hulunbeier", "yingjiguanliju")].by_role("group")
    assert [[g.id for g in d.via] for d in through] == [["jianguan-zhize-bumen"]]


def test_support_role_and_its_deadline(views):
    fire = views.units[("hulunbeier", "xiaofang-jiuyuan-zhidui")]
    assert [(d.task.task.id, d.role) for d in fire.duties] == [
        ("01", "responsible"),
        ("02", "group"),
        ("05", "support"),
        ("10", "group"),  # 市安委会各成员单位 supports task 10
    ]
    (task5,) = [d.task for d in fire.by_role("support")]
    assert [d.phrase for d in task5.task.deadlines] == ["2024年6月底前"]


def test_carried_forward_territorial_duty_applies_to_every_following_task(views):
    got = duties(views, "hulunbeier", "qishiqu-zhengfu")
    assert got == [(HLBE, t, f"第{int(t)}条", "local") for t in ("01", "02", "03", "05", "10")]
    view = views.units[("hulunbeier", "qishiqu-zhengfu")]
    assert view.duties[0].carried_from is None
    assert {d.carried_from.task.id for d in view.duties[1:]} == {"01"}
    zone = duties(views, "hulunbeier", "jingkaiqu-guanweihui")
    assert [t for _, t, _, _ in zone] == ["01", "02", "03", "05", "10"]


def test_carry_does_not_leak_into_another_plan(views):
    datong = [d for d in views.units[("hulunbeier", "qishiqu-zhengfu")].duties]
    assert {d.task.plan.id for d in datong} == {HLBE}


def test_group_page_data(views):
    group = views.units[("hulunbeier", "jianguan-zhize-bumen")]
    assert group.ref.kind == "group"
    assert [(d.task.task.id, d.role) for d in group.duties] == [("02", "responsible")]
    assert [m.ref.id for m in group.members] == ["yingjiguanliju", "xiaofang-jiuyuan-zhidui"]
    assert all(m.sources for m in group.members)
    members_group = views.units[("hulunbeier", "anweihui-chengyuan-danwei")]
    assert [(d.task.task.id, d.role) for d in members_group.duties] == [("10", "support")]


def test_groups_of_a_unit_and_peers_in_other_regions(views):
    bureau = views.units[("hulunbeier", "yingjiguanliju")]
    assert [g.id for g in bureau.groups] == ["anweihui-chengyuan-danwei", "jianguan-zhize-bumen"]
    assert [(p.region, p.id) for p in bureau.peers] == [("huainan-datong", "yingjiguanliju")]
    assert bureau.category is not None and bureau.category.id == "emergency-management"


def test_domain_leads_reach_the_unit(views):
    housing = views.units[("huainan-datong", "zhujianju")]
    assert [d.lead.domains for d in housing.domains] == [("建筑施工", "燃气")]
    assert housing.duties == ()


def test_plan_cards_count_tasks_units_deadlines(views):
    plan = next(p for p in views.plans if p.plan.id == HLBE)
    assert len(plan.tasks) == 5
    # 6 named + 经开区管委会 + 各旗市区政府 (task 1), 2 groups, 3 more units in task 3
    assert plan.unit_count == 13
    assert len(plan.milestones) == 6


def test_upcoming_and_recent_deadlines_relative_to_build_date(views):
    upcoming = [(m.date.isoformat(), m.deadline.phrase) for m in views.upcoming()]
    assert upcoming[0] == ("2024-12-31", "2024年底前")
    assert all(m.date >= TODAY for m in views.upcoming())
    recent = [(m.date.isoformat(), m.label) for m in views.recent()]
    assert recent == [("2024-06-30", "第5条 强化重大事故隐患排查治理。")]
    item_link = next(m.url for m in views.milestones if m.deadline.phrase == "2024年6月底前")
    assert item_link == f"plans/{HLBE}/#t-05-2"


def test_citations(views):
    plan = next(p for p in views.plans if p.plan.id == HLBE)
    task = plan.task("02")
    title = "《呼伦贝尔市安全生产治本攻坚三年行动方案（2024-2026年）》"
    assert task.citation == f"{title}第2条"
    assert [i.citation for i in task.items] == [
        f"{title}第2条（第一项）",
        f"{title}第2条（第二项）",
    ]
    assert task.url == f"plans/{HLBE}/#t-02"
