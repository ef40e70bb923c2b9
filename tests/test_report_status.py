"""The status derived from progress reports: honest by construction, pure, with figures.

Checked on the example project (examples/shili) at fixed build dates, and as properties over
random report histories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Deadline, Period, Plan, Recurrence, Task
from generator.project import load_project
from generator.reports import FiledReport, Report, Status, attach_progress
from generator.reports.status import ATTENTION_ORDER, State, derive, status_index

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "shili"
P1, P2 = "shili-zhiben-gongjian-2024", "shili-gongzuo-yaodian-2025"
BUILD = dt.date(2026, 8, 1)


@pytest.fixture(scope="module")
def project():
    project, problems = load_project(EXAMPLE)
    assert project is not None
    project, problems = attach_progress(project, BUILD)
    assert [p for p in problems if p.severity == "error"] == []
    return project


@pytest.fixture(scope="module")
def index(project):
    return status_index(project.plans, project.duties, project.progress, BUILD)


def states(index, plan_id):
    plan = next(p for p in index.plans if p.id == plan_id)
    return {s.task: s.state.value for s in index.of_plan(plan)}


def test_every_task_of_the_example(index):
    assert states(index, P1) == {
        "01": "done",
        "02": "done-late",
        "03": "ongoing",
        "04": "deadline-passed-unreported",
        "05": "done",
        "06": "deadline-passed-unreported",
        "07": "ongoing",
    }
    assert states(index, P2) == {
        "01": "done",
        "02": "done",
        "03": "adjusted",
        "04": "deadline-passed-unreported",
    }


def test_a_passed_deadline_keeps_the_latest_report_beside_it(index):
    roads = index.task(P1, "04")
    assert roads.state is State.deadline_passed and not roads.overdue_unreported
    assert (roads.reported, roads.latest.date) == (Status.in_progress, dt.date(2025, 7, 10))
    assert roads.deadline.date == dt.date(2025, 9, 30)
    schools = index.task(P1, "06")
    assert schools.latest is None and schools.overdue_unreported


def test_completion_after_the_deadline_says_so(index):
    gas = index.task(P1, "02")
    assert gas.state is State.done_late
    assert gas.completed_on == dt.date(2026, 6, 30) > gas.deadline.date == dt.date(2025, 12, 31)
    assert [r.status.value for r in gas.history] == [
        "done",
        "delayed",
        "in-progress",
        "in-progress",
        "in-progress",
    ]
    assert gas.age_days == (BUILD - dt.date(2026, 7, 8)).days


def test_the_lead_units_report_decides_others_are_kept(index):
    chemicals = index.task(P2, "02")
    assert chemicals.state is State.done
    assert chemicals.latest.unit == ("shili", "yingjiguanliju")
    police = chemicals.by_unit[("shili", "gonganju")]
    assert police.status is Status.in_progress and police.date > chemicals.latest.date


def test_sub_items_have_their_own_status_and_deadline(index):
    first, second = index.item(P1, "01", "1"), index.item(P1, "01", "2")
    assert (first.state, first.deadline.date, first.deadline.source) == (
        State.done,
        dt.date(2024, 12, 31),
        "item",
    )
    assert second.state is State.done and second.completed_on == dt.date(2025, 6, 28)


def test_a_task_without_a_deadline_is_judged_by_the_plan_period(index):
    zone = index.task(P2, "04")
    assert (zone.deadline.date, zone.deadline.source) == (dt.date(2025, 12, 31), "plan-period")
    drills = index.task(P1, "07")  # a recurring duty: no point of completion
    assert (drills.deadline.date, drills.deadline.source) == (None, "none")


def test_before_the_deadlines_nothing_is_overdue(project):
    early = dt.date(2024, 6, 1)
    plain, _ = attach_progress(project, early)  # every report is "in the future" then
    index = status_index(plain.plans, plain.duties, plain.progress, early)
    assert {s.state for s in index.tasks.values()} == {State.no_report}
    assert index.overall().unreported == 11


def test_figures_per_plan_chapter_unit_region_topic(index):
    plan = next(p for p in index.plans if p.id == P1)
    figures = index.plan_figures(plan)
    assert (figures.tasks, figures.done, figures.in_progress, figures.unreported) == (7, 3, 3, 1)
    assert figures.deadline_passed == 2
    assert figures.latest == dt.date(2026, 7, 8) and figures.age_days == 24
    assert [(c.id, f.tasks) for c, f in index.chapter_figures(plan)] == [("c2", 7)]
    assert index.region_figures(["shili"]).tasks == 11
    training = index.topic_figures("training")
    assert (training.tasks, training.done, training.deadline_passed) == (2, 1, 1)
    overall = index.overall()
    assert sum(overall.states.values()) == overall.tasks == 11
    assert overall.states[State.adjusted] == 1


def test_a_units_tasks_need_attention_first(index):
    education = index.unit_tasks(("shili", "jiaoyuju"))
    assert [(t.status.plan, t.status.task, t.status.state.value) for t in education] == [
        (P1, "06", "deadline-passed-unreported"),
        (P1, "07", "ongoing"),
        (P1, "01", "done"),
    ]
    own = [t.own.report.summary if t.own else None for t in education]
    assert own[0] is None and own[1].startswith("组织全市中小学")
    bureau = index.unit_tasks(("shili", "yingjiguanliju"))
    assert [(t.status.plan, t.status.task) for t in bureau] == [
        (P1, "07"),
        (P1, "05"),
        (P1, "01"),
        (P2, "02"),
    ]
    assert index.unit_figures(("shili", "jiaoyuju")).unreported == 1


# --- properties ---------------------------------------------------------------------------------

ORIGIN = dt.date(2024, 1, 1)
PLAN = Plan.model_validate(
    {
        "id": "p",
        "title": "T",
        "kind": "other",
        "region": "r",
        "issuer": "I",
        "period": Period(start=ORIGIN, end=dt.date(2026, 12, 31)),
        "source": {"file": "x"},
        "chapters": [{"id": "c", "title": "C", "tasks": [{"id": "t", "no": "1"}]}],
    }
)
UNITS = [("r", "lead"), ("r", "other")]


def _task(deadline: int | None, recurring: bool) -> Task:
    deadlines = ()
    if deadline is not None:
        day = ORIGIN + dt.timedelta(days=deadline)
        deadlines = (Deadline(date=day, precision="day", phrase="x"),)
    recurrence = (Recurrence(phrase="每年", every="year"),) if recurring else ()
    return Task(id="t", no="1", deadlines=deadlines, recurrence=recurrence)


reports = st.lists(
    st.tuples(
        st.sampled_from(list(Status)),
        st.integers(0, 1000),
        st.integers(0, 30),
        st.booleans(),
        st.sampled_from(UNITS),
    ),
    max_size=6,
)


def _filed(entries) -> list[FiledReport]:
    out = []
    for n, (status, day, back, stated, unit) in enumerate(entries):
        date = ORIGIN + dt.timedelta(days=day)
        completed = date - dt.timedelta(days=back) if stated and status is Status.done else None
        report = Report(task="t", unit=unit[1], date=date, status=status, completed=completed)
        out.append(FiledReport("p", "r1", report, unit, "f", 1, (0, n)))
    return sorted(out, key=lambda r: r.sort_key)


@settings(max_examples=300, deadline=None)
@given(
    reports,
    st.one_of(st.none(), st.integers(0, 1000)),
    st.booleans(),
    st.integers(0, 1100),
    st.booleans(),
)
def test_derived_status_is_honest(entries, deadline, recurring, build, lead_named):
    task = _task(deadline, recurring)
    build_date = ORIGIN + dt.timedelta(days=build)
    filed = _filed(entries)
    leads = frozenset({UNITS[0]}) if lead_named else frozenset()
    status = derive(PLAN, task, filed, build_date, leads)
    passed = status.deadline.date is not None and status.deadline.date < build_date
    assert status.state in ATTENTION_ORDER
    # no report is its own state, never shown as progress or done
    if not filed:
        assert status.latest is None
        assert status.state is (State.deadline_passed if passed else State.no_report)
    else:
        assert status.latest is not None and status.state is not State.no_report
        assert status.latest in filed and status.age_days == (build_date - status.latest.date).days
    # done (on time or late) exactly when the deciding latest report says done
    done = status.state in (State.done, State.done_late)
    assert done == (status.latest is not None and status.latest.status is Status.done)
    if status.state is State.done_late:
        assert status.completed_on > status.deadline.date
    if status.state is State.done and status.deadline.date is not None:
        assert status.completed_on <= status.deadline.date
    # a passed deadline without a completion (or adjustment) report is said as such
    if (
        passed
        and status.latest is not None
        and status.latest.status
        not in (
            Status.done,
            Status.adjusted,
        )
    ):
        assert status.state is State.deadline_passed
    # a lead unit's report, when there is one, decides
    from_lead = [r for r in filed if r.unit in leads]
    if from_lead:
        assert status.latest == from_lead[-1]
    elif filed:
        assert status.latest == filed[-1]
    # pure: the same input gives the same status
    assert derive(PLAN, task, filed, build_date, leads) == status


def test_the_data_dictionary_defines_every_status_and_state() -> None:
    from generator.datadict import FILES, dictionary, value_sets

    reported, derived = value_sets()
    assert [v.value for v in reported.values] == [s.value for s in Status]
    assert [v.value for v in derived.values] == [s.value for s in State]
    assert [(v.value, v.zh) for v in derived.values][:2] == [
        ("no-report", "未报告"),
        ("deadline-passed-unreported", "期限已过，未报告完成"),
    ]
    assert all(v.zh and v.en and v.definition for s in (reported, derived) for v in s.values)
    assert ("progress/<plan-id>/<round>.yaml", "ProgressFile") in [
        (path, model.__name__) for path, model in FILES
    ]
    report = next(r for r in dictionary() if r.name == "Report")
    status = next(f for f in report.fields if f.name == "status")
    assert "`delayed` 滞后 (delayed)" in status.description
