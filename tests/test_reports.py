"""Progress reports: loading and checking `progress/`, each problem located in its file.

The example project (examples/shili, a fictitious city) has four rounds of reports on two
plans; broken copies of it exercise every check."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.project import load_project
from generator.reports import attach_progress, load_progress

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "shili"
PLAN = "shili-zhiben-gongjian-2024"
BUILD = dt.date(2026, 8, 1)


def loaded(root: Path, build: dt.date = BUILD):
    project, problems = load_project(root)
    assert project is not None, [p.format() for p in problems]
    return attach_progress(project, build)


@pytest.fixture(scope="module")
def example():
    project, problems = loaded(EXAMPLE)
    assert [p.code for p in problems if p.severity == "error"] == []
    return project


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "shili"
    shutil.copytree(EXAMPLE, root)
    return root


def write_round(root: Path, body: str, name: str = "2026-h1", plan: str = PLAN) -> str:
    path = root / "progress" / plan / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"plan: {plan}\nround: {name}\nreports:\n" + textwrap.dedent(body))
    return f"progress/{plan}/{name}.yaml"


def problems_of(root: Path, build: dt.date = BUILD) -> list[str]:
    """Every problem but the example's group without members."""
    _, problems = loaded(root, build)
    return [p.format() for p in problems if p.code != "group-without-members"]


# --- the example ------------------------------------------------------------------------------


def test_example_loads_every_round(example):
    progress = example.progress
    assert [r.id for r in progress.rounds] == ["2024-h2", "2025-h1", "2025-h2", "2026-h1"]
    assert len(progress.reports) == 22
    dates = [r.date for r in progress.reports]
    assert dates == sorted(dates)
    first = progress.reports[0]
    assert (first.plan, first.round, first.unit) == (PLAN, "2024-h2", ("shili", "xiaofangzhidui"))
    assert first.file == f"progress/{PLAN}/2024-h2.yaml" and first.line > 1
    on_task = progress.for_task(PLAN, "01")
    assert [(r.item, r.status.value) for r in on_task] == [
        ("1", "done"),
        (None, "in-progress"),
        (None, "done"),
        ("2", "done"),
    ]


def test_a_unit_bound_only_through_its_group_may_report(example):
    (education,) = [r for r in example.progress.for_task(PLAN, "07") if r.unit[1] == "jiaoyuju"]
    duties = example.duties.binds(education.unit, PLAN, "07")
    assert [(d.role, d.printed) for d in duties] == [("group", "市安委会各成员单位")]


def test_example_files_satisfy_the_published_schemas():
    schemas = {
        name: json.loads((REPO / "schema" / f"{name}.schema.json").read_text())
        for name in ("progress", "rounds")
    }
    files = sorted((EXAMPLE / "progress").rglob("*.yaml"))
    assert len(files) == 7
    for path in files:
        data = yaml.safe_load(path.read_text())
        schema = schemas["rounds" if path.name == "rounds.yaml" else "progress"]
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_a_project_without_progress_has_no_reports_and_no_problems(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("progress"))
    project, problems = loaded(root)
    assert project.progress.reports == () and problems == [
        p for p in problems if p.code == "group-without-members"
    ]


# --- checks -----------------------------------------------------------------------------------


def test_unknown_task_item_and_unit_with_suggestions(copy):
    shown = write_round(
        copy,
        """\
        - {task: "09", unit: 市应急管理局, date: 2026-07-01, status: in-progress}
        - {task: "01", item: "3", unit: 市应急管理局, date: 2026-07-01, status: in-progress}
        - {task: "01", unit: 市应急管里局, date: 2026-07-01, status: in-progress}
        - {task: "01", unit: 市卫生健康委员会, date: 2026-07-01, status: in-progress}
        """,
    )
    assert problems_of(copy) == [
        f"{shown}:4:10: plan `{PLAN}` has no task `09` (did you mean `07` or `06`?)",
        f"{shown}:5:22: task `01` has no sub-item `3` (its sub-items: `1`, `2`)",
        f"{shown}:6:22: unknown unit 市应急管里局 (did you mean 市应急管理局?)",
        f"{shown}:7:22: unknown unit 市卫生健康委员会 "
        "(use a unit's name as in data/units/shili.yaml)",
    ]


def test_a_unit_without_a_duty_on_the_task_is_told_who_has_one(copy):
    shown = write_round(
        copy, '- {task: "04", unit: 市教育局, date: 2026-07-01, status: in-progress}\n'
    )
    assert problems_of(copy) == [
        f"{shown}:4:22: 市教育局 has no duty on task `04` of `{PLAN}` (neither named on it nor "
        "through a group it belongs to) (units with a duty on it: 市交通运输局（负责）、"
        "市公安局（负责）)"
    ]


def test_a_group_does_not_report(copy):
    shown = write_round(
        copy, '- {task: "01", unit: 市安委会各成员单位, date: 2026-07-01, status: done}\n'
    )
    assert problems_of(copy) == [
        f"{shown}:4:22: 市安委会各成员单位 is a group: a report comes from one of its member "
        "units (name the unit that reports)"
    ]


def test_dates_between_the_plans_issue_and_the_build_date(copy):
    shown = write_round(
        copy,
        """\
        - {task: "06", unit: 市教育局, date: 2026-08-02, status: in-progress}
        - {task: "06", unit: 市教育局, date: 2024-03-01, status: in-progress}
        - task: "06"
          unit: 市教育局
          date: 2026-07-01
          status: done
          completed: 2026-07-02
          evidence: [{title: 通报}]
        """,
        name="2026-h1",
    )
    assert problems_of(copy) == [
        f"{shown}:4:34: report dated 2026-08-02, after the build date 2026-08-01 (a report "
        "cannot come from the future: check the year and month)",
        f"{shown}:5:34: report dated 2024-03-01, before the plan was issued (2024-03-15) "
        "(check the date; a report on earlier work belongs to the plan it was done for)",
        f"{shown}:5:3: 市教育局 reports on task `06` twice in this round (first at line 4; keep "
        "one report per unit, task and round)",
        f"{shown}:10:14: completed 2026-07-02, after the report's own date 2026-07-01 "
        "(a report can only state a completion that has happened)",
        f"{shown}:6:3: 市教育局 reports on task `06` twice in this round (first at line 4; keep "
        "one report per unit, task and round)",
    ]


def test_status_outside_the_set(copy):
    shown = write_round(copy, '- {task: "06", unit: 市教育局, date: 2026-07-01, status: 已完成}\n')
    (problem,) = problems_of(copy)
    assert problem == (
        f"{shown}:4:54: `status`: '已完成' is not allowed (write `status: done` (已完成))"
    )
    write_round(copy, '- {task: "06", unit: 市教育局, date: 2026-07-01, status: finished}\n')
    (problem,) = problems_of(copy)
    assert "'not-started', 'in-progress', 'done', 'ongoing', 'delayed' or 'adjusted'" in problem


def test_a_report_for_a_retired_task_points_to_where_it_moved(copy):
    plan = copy / "plans" / f"{PLAN}.yaml"
    plan.write_text(
        plan.read_text().replace(
            "notes:\n  - text: 这是",
            'retired:\n  - {id: "08", note: 并入第7条, moved_to: "07"}\n  - {id: "09"}\n'
            "notes:\n  - text: 这是",
        )
    )
    shown = write_round(
        copy,
        """\
        - {task: "08", unit: 市应急管理局, date: 2026-07-01, status: ongoing}
        - {task: "09", unit: 市应急管理局, date: 2026-07-01, status: ongoing}
        """,
    )
    assert problems_of(copy) == [
        f"{shown}:4:10: task `08` of `{PLAN}` was retired (并入第7条) (its content moved to "
        "task `07`: report on that task)",
        f"{shown}:5:10: task `09` of `{PLAN}` was retired (it has no successor: remove the "
        "report or name the task that took it over)",
    ]


def test_round_and_plan_must_match_the_files_place(copy):
    shown = f"progress/{PLAN}/2026-q3.yaml"
    (copy / shown).write_text(f"plan: {PLAN}\nround: 2026-q3\nreports: []\n")
    other = copy / "progress" / PLAN / "2026-h1.yaml"
    other.write_text("plan: shili-gongzuo-yaodian-2025\nround: 2025-h1\nreports: []\n")
    stray = copy / "progress" / "2026.yaml"
    stray.write_text("plan: x\n")
    assert problems_of(copy) == [
        "progress/2026.yaml:1:1: progress files go in progress/<plan-id>/<round>.yaml "
        "(move the file, or remove it)",
        f"progress/{PLAN}/2026-h1.yaml:1:7: reports on plan `shili-gongzuo-yaodian-2025` are "
        f"in the folder `{PLAN}/` (move the file to progress/shili-gongzuo-yaodian-2025/)",
        f"progress/{PLAN}/2026-h1.yaml:2:8: round `2025-h1` is in a file named `2026-h1.yaml` "
        "(rename the file to `2025-h1.yaml`)",
        f"{shown}:2:8: unknown round `2026-q3` (did you mean `2026-h1` or `2025-h2`?)",
    ]


def test_done_without_evidence_is_a_warning(copy):
    shown = write_round(copy, '- {task: "06", unit: 市教育局, date: 2026-07-01, status: done}\n')
    project, problems = loaded(copy)
    (warning,) = [p for p in problems if p.code == "done-without-evidence"]
    assert warning.severity == "warning"
    assert warning.format() == (
        f"{shown}:4:54: warning: 市教育局 reports task `06` done without evidence (add the "
        "document or link that shows it (evidence: title, 文号, url), or an editor's note "
        "saying why there is none)"
    )
    assert len(project.progress.for_task(PLAN, "06")) == 1  # a warning keeps the report


def test_rounds_file_is_required_and_checked(copy):
    (copy / "progress" / "rounds.yaml").write_text(
        "rounds:\n  - {id: a, name: 甲}\n  - {id: a, name: 乙}\n  - {id: b}\n"
    )
    found = problems_of(copy)
    assert found[0] == "progress/rounds.yaml:4:5: missing required field `name`"
    (copy / "progress" / "rounds.yaml").unlink()
    assert "progress/rounds.yaml:1:1: progress/rounds.yaml is missing" in problems_of(copy)[0]


def test_check_command_counts_reports(capsys):
    from generator.cli import main

    assert main(["--root", str(EXAMPLE), "check"]) == 0
    out = capsys.readouterr().out
    assert "ok: 2 plans, 11 tasks, 22 reports, 0 warning(s)" in out
    assert "1 group(s) without member units, as editors' notes explain:" in out


def test_load_progress_is_pure_given_the_date(example):
    again, problems = load_progress(example, BUILD)
    assert [r.report for r in again.reports] == [r.report for r in example.progress.reports]
    assert [p for p in problems if p.severity == "error"] == []
