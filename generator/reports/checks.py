"""Rules on progress reports, each problem located in its file: the task and sub-item exist
(a retired task points to where it moved), the unit exists and has a duty on the task
(named on it or through a group), the dates lie between the plan's issue and the build date,
and one unit reports once per task and round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..duties import ROLE_NAMES, DutyIndex, Key
from ..errors import Problem, did_you_mean, offering, repeats
from ..load import LoadedYaml, Positions, YamlPath
from ..model import Plan, Task
from ..registry import Registry
from .model import ProgressFile, Report, Round, Status

BOUND_LISTED = 6
"""Units named in the hint of a "no duty" error, at most."""


@dataclass(frozen=True)
class FiledReport:
    """A valid report with its plan, round and resolved unit, and where it was read."""

    plan: str
    round: str
    report: Report
    unit: Key
    """The reporting unit: (region id, unit id)."""
    file: str
    """Display path of the file (`progress/<plan>/<round>.yaml`)."""
    line: int
    order: tuple[int, int]
    """(round's position in rounds.yaml, position in the file): later is newer on equal dates."""

    @property
    def task(self) -> str:
        return self.report.task

    @property
    def item(self) -> str | None:
        return self.report.item

    @property
    def date(self) -> dt.date:
        return self.report.date

    @property
    def status(self) -> Status:
        return self.report.status

    @property
    def sort_key(self) -> tuple[dt.date, tuple[int, int], str]:
        """Oldest first: by date, then round order and position, then file."""
        return (self.report.date, self.order, self.file)


@dataclass(frozen=True)
class ReportContext:
    """What reports are checked against."""

    plans: Mapping[str, Plan]
    registry: Registry
    duties: DutyIndex
    rounds: Mapping[str, int]
    """Round id → its position in rounds.yaml."""
    build_date: dt.date
    tasks: Mapping[str, Mapping[str, Task]] = field(default_factory=dict)
    """Plan id → task id → task (made from `plans` when not given)."""

    _resolved: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.tasks:
            tasks = {pid: {t.id: t for t in plan.tasks()} for pid, plan in self.plans.items()}
            object.__setattr__(self, "tasks", tasks)

    def resolve(self, name: str, region: str) -> Any:
        """`Registry.resolve`, remembered: 80,000 reports name a few thousand units."""
        key = (name, region)
        if key not in self._resolved:
            self._resolved[key] = self.registry.resolve(name, region)
        return self._resolved[key]


def _role_list(ctx: ReportContext, plan: Plan, task: Task) -> str:
    bound = ctx.duties.bound(plan.id, task.id)
    shown = []
    for key, duties in bound.items():
        record = ctx.registry.lookup(*key)
        if record is None or record.kind != "unit":
            continue
        name = record.display
        shown.append(f"{name}（{'、'.join(ROLE_NAMES[d.role][0] for d in duties)}）")
    if not shown:
        return "the task binds no unit of the registry"
    more = f" and {len(shown) - BOUND_LISTED} more" if len(shown) > BOUND_LISTED else ""
    return "units with a duty on it: " + "、".join(shown[:BOUND_LISTED]) + more


def check_file_identity(
    loaded: LoadedYaml, record: ProgressFile, ctx: ReportContext, folder: str, stem: str
) -> list[Problem]:
    """The file is `progress/<plan>/<round>.yaml` of a known plan and a known round."""
    out: list[Problem] = []
    if record.plan not in ctx.plans:
        out.append(
            loaded.problem(
                ("plan",),
                "unknown-plan",
                f"unknown plan `{record.plan}`",
                did_you_mean(record.plan, ctx.plans) or "use the id of a plan in plans/",
            )
        )
    elif record.plan != folder:
        out.append(
            loaded.problem(
                ("plan",),
                "progress-place",
                f"reports on plan `{record.plan}` are in the folder `{folder}/`",
                f"move the file to progress/{record.plan}/",
            )
        )
    if record.round not in ctx.rounds:
        out.append(
            loaded.problem(
                ("round",),
                "unknown-round",
                f"unknown round `{record.round}`",
                did_you_mean(record.round, ctx.rounds) or "add it to progress/rounds.yaml",
            )
        )
    elif record.round != stem:
        out.append(
            loaded.problem(
                ("round",),
                "progress-place",
                f"round `{record.round}` is in a file named `{stem}.yaml`",
                f"rename the file to `{record.round}.yaml`",
            )
        )
    return out


def _task_problems(
    loaded: Positions, here: YamlPath, report: Report, plan: Plan, ctx: ReportContext
) -> Iterator[Problem]:
    tasks = ctx.tasks[plan.id]
    if report.task not in tasks:
        retired = next((r for r in plan.retired if r.id == report.task), None)
        if retired is not None:
            why = f" ({retired.note})" if retired.note else ""
            if retired.moved_to:
                hint = f"its content moved to task `{retired.moved_to}`: report on that task"
            else:
                hint = "it has no successor: remove the report or name the task that took it over"
            yield loaded.problem(
                (*here, "task"),
                "retired-task",
                f"task `{report.task}` of `{plan.id}` was retired{why}",
                hint,
            )
            return
        yield loaded.problem(
            (*here, "task"),
            "unknown-task",
            f"plan `{plan.id}` has no task `{report.task}`",
            did_you_mean(report.task, tasks)
            or "use the task's `id` in the plan file, not its number",
        )
        return
    task = tasks[report.task]
    if report.item is not None and report.item not in {i.id for i in task.items}:
        items = ", ".join(f"`{i.id}`" for i in task.items) or "none"
        yield loaded.problem(
            (*here, "item"),
            "unknown-item",
            f"task `{task.id}` has no sub-item `{report.item}`",
            f"its sub-items: {items}",
        )


def _unit_problems(
    loaded: Positions, here: YamlPath, report: Report, plan: Plan, ctx: ReportContext
) -> tuple[Key | None, list[Problem]]:
    found = ctx.resolve(report.unit, plan.region)
    where = (*here, "unit")
    if found is None:
        hint = (
            offering(ctx.registry.suggest(report.unit, plan.region), quoted=False)
            or f"use a unit's name as in data/units/{plan.region}.yaml"
        )
        return None, [loaded.problem(where, "unknown-unit", f"unknown unit {report.unit}", hint)]
    if found.kind == "group":
        return None, [
            loaded.problem(
                where,
                "group-reports",
                f"{report.unit} is a group: a report comes from one of its member units",
                "name the unit that reports",
            )
        ]
    key = (found.region, found.id)
    task = ctx.tasks[plan.id].get(report.task)
    if task is not None and not ctx.duties.binds(key, plan.id, task.id):
        return None, [
            loaded.problem(
                where,
                "no-duty",
                f"{found.display} has no duty on task `{task.id}` of `{plan.id}` "
                "(neither named on it nor through a group it belongs to)",
                _role_list(ctx, plan, task),
            )
        ]
    return key, []


def _date_problems(
    loaded: Positions, here: YamlPath, report: Report, plan: Plan, ctx: ReportContext
) -> Iterator[Problem]:
    for name in ("date", "completed"):
        day: dt.date | None = getattr(report, name)
        if day is None:
            continue
        what = "report" if name == "date" else "completion"
        if day > ctx.build_date:
            yield loaded.problem(
                (*here, name),
                "date-after-build",
                f"{what} dated {day.isoformat()}, after the build date "
                f"{ctx.build_date.isoformat()}",
                "a report cannot come from the future: check the year and month",
            )
        if plan.issued and day < plan.issued:
            yield loaded.problem(
                (*here, name),
                "date-before-plan",
                f"{what} dated {day.isoformat()}, before the plan was issued "
                f"({plan.issued.isoformat()})",
                "check the date; a report on earlier work belongs to the plan it was done for",
            )
    if report.completed and report.completed > report.date:
        yield loaded.problem(
            (*here, "completed"),
            "date-order",
            f"completed {report.completed.isoformat()}, after the report's own date "
            f"{report.date.isoformat()}",
            "a report can only state a completion that has happened",
        )
    if report.completed and report.status is not Status.done:
        yield loaded.problem(
            (*here, "completed"),
            "completed-not-done",
            f"`completed` is given but the status is `{report.status.value}`",
            "give `completed` only with `status: done`",
        )


def check_reports(
    loaded: Positions, record: ProgressFile, ctx: ReportContext
) -> tuple[list[FiledReport], list[Problem]]:
    """Every report of a file checked; the valid ones filed (the file's plan and round are
    known: `check_file_identity` found no problem)."""
    plan = ctx.plans[record.plan]
    filed: list[FiledReport] = []
    problems: list[Problem] = []
    first: dict[tuple[str, str | None, Key], int] = {}
    round_order = ctx.rounds[record.round]
    for i, report in enumerate(record.reports):
        here: YamlPath = ("reports", i)
        found = list(_task_problems(loaded, here, report, plan, ctx))
        unit, unit_problems = _unit_problems(loaded, here, report, plan, ctx)
        found += unit_problems
        found += _date_problems(loaded, here, report, plan, ctx)
        ident = (report.task, report.item, unit) if unit else None
        if ident is not None and ident in first:
            line = loaded.where(("reports", first[ident])).line
            found.append(
                loaded.problem(
                    here,
                    "duplicate-report",
                    f"{report.unit} reports on task `{report.task}`"
                    + (f" sub-item `{report.item}`" if report.item else "")
                    + " twice in this round",
                    f"first at {loaded.LINE} {line}; keep one report per unit, task and round",
                )
            )
        problems += found
        if report.status is Status.done and not (report.evidence or report.notes or found):
            problems.append(
                loaded.problem(
                    (*here, "status"),
                    "done-without-evidence",
                    f"{report.unit} reports task `{report.task}` done without evidence",
                    "add the document or link that shows it (evidence: title, 文号, url), or an "
                    "editor's note saying why there is none",
                    severity="warning",
                )
            )
        if ident is not None:
            first.setdefault(ident, i)
        if not any(p.severity == "error" for p in found) and unit is not None:
            filed.append(
                FiledReport(
                    record.plan,
                    record.round,
                    report,
                    unit,
                    loaded.path,
                    loaded.where(here).line,
                    (round_order, i),
                )
            )
    return filed, problems


def check_rounds(loaded: LoadedYaml, rounds: tuple[Round, ...]) -> list[Problem]:
    return [
        loaded.problem(
            ("rounds", i, "id"),
            "duplicate-id",
            f"round id `{ident}` is defined twice",
            f"first as round {first + 1}; ids must be unique",
        )
        for ident, first, i in repeats((rnd.id, i) for i, rnd in enumerate(rounds))
    ]
