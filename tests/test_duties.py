"""Duties of units and groups: every task that binds a unit, directly or through a group.

The seed portal is compared with an independent computation straight from the YAML files
(plain PyYAML, its own name matching), for every unit and group of every seed plan."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import expected_duties

from generator.duties import ROLES
from generator.groups import check_groups
from generator.model import Group, Membership, Region, Unit, UnitRegistry
from generator.project import load_project
from generator.registry import Registry

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "site"
HLBE = "hulunbeier-zhiben-gongjian-2024"


@pytest.fixture(scope="module")
def seed():
    project, problems = load_project(REPO)
    assert project is not None, [p.format() for p in problems if p.severity == "error"]
    return project


# --- the independent computation (helpers.expected_duties) ----------------------------------


def _computed(project) -> dict[tuple[str, str], set[tuple]]:
    index = project.duties
    return {
        key: {(d.plan, d.task, d.role, frozenset(v.group[1] for v in d.via)) for d in duties.duties}
        for key, duties in index.records.items()
    }


def test_every_unit_of_every_seed_plan_matches_an_independent_computation(seed):
    expected = expected_duties(REPO)
    got = _computed(seed)
    assert set(got) == set(expected)
    wrong = {key: (got[key] ^ expected[key]) for key in expected if got[key] != expected[key]}
    assert not wrong
    # and the seed portal has duties through groups at all
    assert sum(1 for key in got for d in got[key] if d[2] == "group") > 100


def test_fixture_matches_the_independent_computation():
    project, problems = load_project(FIXTURE)
    assert project is not None, [p.format() for p in problems]
    assert _computed(project) == expected_duties(FIXTURE)


# --- what the index says ----------------------------------------------------------------------


def test_emergency_bureau_before_and_after_groups(seed):
    bureau = seed.duties.of(("hulunbeier", "yingjiguanliju"))
    counts = bureau.counts()
    assert list(counts) == list(ROLES)
    assert counts["responsible"] == len(bureau.direct()) == 9  # as the issue counted
    # the 13 tasks of 市安委会各负有安全生产监督管理职责的部门, named through the group
    through = bureau.by_role("group")
    assert len(through) == 13
    assert {v.printed for d in through for v in d.via} == {
        "市安委会各负有安全生产监督管理职责的部门"
    }
    assert {v.group for d in through for v in d.via} == {("hulunbeier", "anweihui-jianguan-bumen")}
    assert {v.role for d in through for v in d.via} == {"responsible"}
    assert len(bureau.tasks()) == 22
    assert ("hulunbeier", "anweihui-jianguan-bumen") in bureau.groups


def test_a_unit_named_on_the_task_is_not_bound_again_through_its_group(seed):
    # yuzhou task 12: 市应急管理局牵头，市安委会各成员单位按职责分工负责
    bureau = seed.duties.binds(("yuzhou", "yingjiguanliju"), "yuzhou-zhiben-gongjian-2024", "12")
    assert [d.role for d in bureau] == ["lead"]
    coal = seed.duties.binds(("yuzhou", "meitanju"), "yuzhou-zhiben-gongjian-2024", "12")
    assert [(d.role, d.printed) for d in coal] == [("group", "市安委会各成员单位")]


def test_group_members_and_tasks(seed):
    group = seed.duties.of(("hulunbeier", "anweihui-jianguan-bumen"))
    assert group.kind == "group"
    assert len(group.members) == 13
    assert all(m.sources[0].source.value == "editor" for m in group.members)
    assert [d.role for d in group.duties] == ["responsible"] * 13
    members = seed.duties.of(("yuzhou", "anweihui-youguan-chengyuan-danwei")).members
    meitan = next(m for m in members if m.unit == ("yuzhou", "meitanju"))
    assert {s.task for s in meitan.sources} == {"03", "05", "07", "14", "16", "21", "27", "36"}


def test_territorial_duty_carried_forward_and_stated(seed):
    zone = seed.duties.of(("hulunbeier", "jingkaiqu-guanweihui"))
    assert [d.role for d in zone.duties] == ["local"] * 28
    assert zone.duties[0].carried_from is None
    assert {d.carried_from for d in zone.duties[1:]} == {"01"}


def test_units_bound_by_a_task(seed):
    bound = seed.duties.bound(HLBE, "02")
    roles = Counter(d.role for duties in bound.values() for d in duties)
    assert roles == {"responsible": 1, "group": 13, "local": 2}


# --- membership checks -----------------------------------------------------------------------


def _registry(*memberships: Membership) -> Registry:
    units = (
        Unit(id="a", name="某市应急管理局", short="市应急管理局"),
        Unit(id="b", name="某市公安局", short="市公安局"),
    )
    groups = (
        Group(id="g", name="市安委会各成员单位", membership=memberships),
        Group(id="e", name="各有关部门"),
    )
    return Registry.from_models(
        (Region(id="r", name="某市", level="prefecture"),),
        (UnitRegistry(region="r", units=units, groups=groups),),
    )


def test_membership_quotes_are_checked_against_the_plan(seed):
    plan = seed.plan(HLBE)
    registry = _registry(
        Membership(
            source="plan", plan=HLBE, task="03", quote="市应急管理局等安委会成员单位", units=("a",)
        ),
        Membership(
            source="plan",
            plan=HLBE,
            task="08",
            quote="市公安局、市生态环境局、市交通运输局、市应急管理局",
            units=("a", "b"),
        ),
        Membership(source="plan", plan=HLBE, task="99", quote="x", units=("a",)),
        Membership(source="plan", plan="nope", quote="x", units=("a",)),
        Membership(
            source="committee", document="某安委〔2024〕1号", quote="市公安局", units=("a",)
        ),
    )
    found = [(p.code, p.severity, p.message) for p in check_groups([plan], registry)]
    assert found == [
        ("quote-not-found", "error", f"the quote is not in task 03 of `{HLBE}`"),
        ("unknown-task", "error", f"plan `{HLBE}` has no task `99`"),
        ("unknown-plan", "error", "unknown plan `nope`"),
        ("member-not-in-quote", "error", "unit `a` (市应急管理局) is not named in the quote"),
        (
            "group-without-members",
            "warning",
            "group `e` (各有关部门) has no member units: no task names it",
        ),
    ]


def test_membership_sources_need_their_fields():
    from generator.registry import check_reference

    registry = _registry(
        Membership(source="editor", units=("a",)),
        Membership(source="plan", units=("a",)),
        Membership(source="committee", units=()),
    )
    found = [(p.code, p.message) for p in check_reference(registry)]
    assert found == [
        ("membership-source", "an editor's membership decision needs a `note`"),
        ("membership-source", "a `plan` membership needs the `quote` that lists its units"),
        (
            "membership-source",
            "a `plan` membership needs the id of the `plan` that lists the units",
        ),
        ("membership-source", "a `committee` membership lists no units"),
        ("membership-source", "a `committee` membership needs the `quote` that lists its units"),
        ("membership-source", "a `committee` membership needs the member list's `document`"),
    ]


def test_seed_groups_without_members_are_listed_with_the_editors_reason(seed):
    from generator.groups import explained_without_members

    assert check_groups(seed.plans, seed.registry, seed.duties) == []  # all settled
    listed = explained_without_members(seed.registry, seed.duties)
    towns = next(line for line in listed if "`liangzhen`" in line)
    assert towns.startswith("data/units/bojingtan.yaml: `liangzhen` (两镇), the 4 task(s) that ")
    assert towns.endswith("所以不记成员。")
    assert len(listed) == 13


def test_old_member_lists_are_rejected_with_a_hint(tmp_path):
    from generator.load import parse_yaml, validate_as

    loaded, _ = parse_yaml(
        "region: r\ngroups:\n  - id: g\n    name: 各单位\n    members: [a]\n", "u.yaml"
    )
    record, problems = validate_as(loaded, UnitRegistry)
    assert record is None
    assert [p.format() for p in problems] == [
        "u.yaml:5:5: unknown field `members` (did you mean `membership`?)"
    ]
