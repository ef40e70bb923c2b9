"""The status of every task, sub-item and unit, derived from the reports and the build date.

Honest by construction:

- no report is a state of its own (`no-report`), never counted as on track;
- a deadline that passed without a completion report is `deadline-passed-unreported`
  (期限已过，未报告完成) — a fact about the reports, not a judgement that the work failed;
  the latest report, if any, is still shown beside it;
- a completion reported after the deadline is `done-late`: the completion day the report
  gives (`completed`), or else the first report of completion, is later than the deadline;
- every state rests on a dated report (`latest`) or on the absence of one, and says how old
  that report is.

Which reports decide a task's state: the task's own reports (not those on its sub-items) of
its lead units (牵头) when a lead unit has reported, else those of every unit bound to it —
the latest of them.  Each unit's own latest report is kept too (`by_unit`).

The deadline a task is judged by is its last stated deadline; a task without one is judged by
the end of its plan's period (`deadline_from: plan-period`); a sub-item by its own deadlines,
else the task's.  All functions here are pure: the same reports and date give the same
states.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from ..duties import DutyIndex, Key
from ..model import Chapter, Plan, Task
from .checks import FiledReport
from .load import Progress
from .model import Status


class State(StrEnum):
    """What the portal shows for a task: a reported status, or what the reports leave open."""

    no_report = "no-report"
    deadline_passed = "deadline-passed-unreported"
    not_started = "not-started"
    in_progress = "in-progress"
    delayed = "delayed"
    ongoing = "ongoing"
    adjusted = "adjusted"
    done_late = "done-late"
    done = "done"


STATE_TERMS: Mapping[State, tuple[str, str, str]] = MappingProxyType(
    {
        State.no_report: (
            "未报告",
            "no report",
            "No unit has reported on the task, and its deadline has not passed (or it has "
            "none). Not the same as on track.",
        ),
        State.deadline_passed: (
            "期限已过，未报告完成",
            "deadline passed, completion not reported",
            "The deadline has passed and no report says the task is done; the latest report, "
            "if any, is shown beside it. It says nothing about whether the work failed.",
        ),
        State.not_started: ("未启动", "not started", "Reported: work has not begun."),
        State.in_progress: (
            "推进中",
            "in progress",
            "Reported: work has begun and is not complete.",
        ),
        State.delayed: ("滞后", "delayed", "Reported by the unit itself: behind schedule."),
        State.ongoing: (
            "常态化推进",
            "ongoing",
            "Reported: a continuing duty carried out routinely.",
        ),
        State.adjusted: (
            "已调整",
            "adjusted",
            "Reported: the task was changed, merged or cancelled by decision.",
        ),
        State.done_late: (
            "已完成（晚于期限）",
            "done, after the deadline",
            "Reported done, but the completion day given (or, when none is given, the first "
            "report of completion) is later than the deadline.",
        ),
        State.done: (
            "已完成",
            "done",
            "Reported done by the deadline (or the task has no deadline).",
        ),
    }
)
"""Each derived state: Chinese name, English name, definition (for the data dictionary)."""

ATTENTION_ORDER: tuple[State, ...] = (
    State.deadline_passed,
    State.delayed,
    State.no_report,
    State.not_started,
    State.in_progress,
    State.ongoing,
    State.adjusted,
    State.done_late,
    State.done,
)
"""Order for a unit's list: what needs attention first (deadline passed and not reported
done, then reported delays, then no report at all …), done last."""

_REPORTED: Mapping[Status, State] = MappingProxyType(
    {
        Status.not_started: State.not_started,
        Status.in_progress: State.in_progress,
        Status.delayed: State.delayed,
        Status.ongoing: State.ongoing,
        Status.adjusted: State.adjusted,
        Status.done: State.done,
    }
)
DeadlineFrom = Literal["task", "item", "plan-period", "none"]


@dataclass(frozen=True)
class Judged:
    """The deadline a task or sub-item is judged by, and where it comes from."""

    date: dt.date | None
    source: DeadlineFrom


@dataclass(frozen=True)
class TaskStatus:
    """The derived status of one task (or one sub-item, when `item` is set)."""

    plan: str
    task: str
    item: str | None
    state: State
    latest: FiledReport | None
    """The report the state rests on (the latest that counts), if any."""
    deadline: Judged
    age_days: int | None
    """Days from `latest`'s date to the build date."""
    completed_on: dt.date | None = None
    """For a done task: the completion day given, else the first report of completion."""
    history: tuple[FiledReport, ...] = ()
    """Every report on this task (or sub-item), newest first."""
    by_unit: Mapping[Key, FiledReport] = field(default_factory=dict)
    """Each reporting unit's latest report."""

    @property
    def reported(self) -> Status | None:
        """The latest status that counts, as reported (None without a report)."""
        return self.latest.status if self.latest else None

    @property
    def overdue_unreported(self) -> bool:
        """Deadline passed with no report at all."""
        return self.state is State.deadline_passed and self.latest is None


# --- one task --------------------------------------------------------------------------------


def judged_deadline(plan: Plan, task: Task, item: str | None = None) -> Judged:
    """The last deadline of the sub-item (else of the task), else the plan period's end."""
    if item is not None:
        own = [d.date for d in task.deadlines if d.item == item]
        if own:
            return Judged(max(own), "item")
        shared = [d.date for d in task.deadlines if d.item is None]
        if shared:
            return Judged(max(shared), "task")
    elif task.deadlines:
        return Judged(max(d.date for d in task.deadlines), "task")
    if task.recurrence and not task.deadlines:
        return Judged(None, "none")  # a recurring duty has no point of completion
    return Judged(plan.period.end, "plan-period")


def _deciding(reports: Sequence[FiledReport], leads: frozenset[Key]) -> list[FiledReport]:
    by_lead = [r for r in reports if r.unit in leads]
    return by_lead or list(reports)


def _completion(deciding: Sequence[FiledReport]) -> dt.date:
    """Completion day of the final run of `done` reports (oldest first in `deciding`)."""
    run: list[FiledReport] = []
    for report in deciding:
        run = [*run, report] if report.status is Status.done else []
    stated = [r.report.completed for r in run if r.report.completed]
    return min(stated) if stated else run[0].date


def derive(
    plan: Plan,
    task: Task,
    reports: Sequence[FiledReport],
    build_date: dt.date,
    leads: frozenset[Key] = frozenset(),
    item: str | None = None,
) -> TaskStatus:
    """The status of `task` (or its sub-item `item`) from `reports` on it, oldest first."""
    own = [r for r in reports if r.item == item]
    deciding = _deciding(own, leads)
    latest = deciding[-1] if deciding else None
    deadline = judged_deadline(plan, task, item)
    passed = deadline.date is not None and deadline.date < build_date
    completed_on = None
    if latest is None:
        state = State.deadline_passed if passed else State.no_report
    elif latest.status is Status.done:
        completed_on = _completion(deciding)
        late = deadline.date is not None and completed_on > deadline.date
        state = State.done_late if late else State.done
    elif latest.status is Status.adjusted:
        state = State.adjusted
    else:
        state = State.deadline_passed if passed else _REPORTED[latest.status]
    by_unit: dict[Key, FiledReport] = {}
    for report in own:
        by_unit[report.unit] = report
    return TaskStatus(
        plan.id,
        task.id,
        item,
        state,
        latest,
        deadline,
        (build_date - latest.date).days if latest else None,
        completed_on,
        tuple(reversed(own)),
        MappingProxyType(by_unit),
    )


# --- the whole project ------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Counts of tasks by state, and how recent the reports are."""

    tasks: int
    states: Mapping[State, int]
    """Every state, with zero where no task is in it."""
    unreported: int
    """Tasks without any report, whether their deadline passed or not."""
    latest: dt.date | None
    """Date of the newest report among the tasks."""
    age_days: int | None
    """Days from `latest` to the build date."""

    @property
    def done(self) -> int:
        """Reported done (on time or after the deadline)."""
        return self.states[State.done] + self.states[State.done_late]

    @property
    def in_progress(self) -> int:
        """Reported, not done and not adjusted (not started, in progress, ongoing, delayed,
        or reported so but past the deadline)."""
        return self.tasks - self.done - self.unreported - self.states[State.adjusted]

    @property
    def deadline_passed(self) -> int:
        """Deadline passed without a completion report (reported otherwise or not at all)."""
        return self.states[State.deadline_passed]


def figures(statuses: Iterable[TaskStatus], build_date: dt.date) -> Figures:
    states: dict[State, int] = dict.fromkeys(State, 0)
    latest: dt.date | None = None
    count = unreported = 0
    for status in statuses:
        count += 1
        states[status.state] += 1
        if status.latest is None:
            unreported += 1
        elif latest is None or status.latest.date > latest:
            latest = status.latest.date
    age = (build_date - latest).days if latest else None
    return Figures(count, MappingProxyType(states), unreported, latest, age)


@dataclass(frozen=True)
class UnitTask:
    """A task on a unit's list: the task's status and the unit's own latest report."""

    status: TaskStatus
    own: FiledReport | None
    """The unit's own latest report on the task (or None)."""


@dataclass(frozen=True, eq=False)
class StatusIndex:
    """The derived status of every task and sub-item of a project, as of `build_date`."""

    build_date: dt.date
    plans: tuple[Plan, ...]
    tasks: Mapping[tuple[str, str], TaskStatus]
    """(plan id, task id) → status of the task as a whole."""
    items: Mapping[tuple[str, str, str], TaskStatus]
    """(plan id, task id, item id) → status of a sub-item."""
    duties: DutyIndex
    progress: Progress

    def task(self, plan_id: str, task_id: str) -> TaskStatus:
        return self.tasks[(plan_id, task_id)]

    def item(self, plan_id: str, task_id: str, item_id: str) -> TaskStatus:
        return self.items[(plan_id, task_id, item_id)]

    def of_plan(self, plan: Plan) -> list[TaskStatus]:
        return [self.tasks[(plan.id, t.id)] for t in plan.tasks()]

    def plan_figures(self, plan: Plan) -> Figures:
        return figures(self.of_plan(plan), self.build_date)

    def chapter_figures(self, plan: Plan) -> list[tuple[Chapter, Figures]]:
        """Each chapter that has tasks, with the figures of its tasks."""
        out = []
        for chapter in plan.chapters:
            tasks = [*chapter.tasks, *(t for s in chapter.sections for t in s.tasks)]
            if tasks:
                statuses = [self.tasks[(plan.id, t.id)] for t in tasks]
                out.append((chapter, figures(statuses, self.build_date)))
        return out

    def unit_tasks(self, key: Key) -> list[UnitTask]:
        """The tasks binding a unit (directly or through a group), what needs attention
        first (`ATTENTION_ORDER`), then by deadline and in plan order."""
        rank = {state: n for n, state in enumerate(ATTENTION_ORDER)}
        out = []
        for n, (plan_id, task_id) in enumerate(self.duties.of(key).tasks()):
            status = self.tasks[(plan_id, task_id)]
            out.append((rank[status.state], status.deadline.date or dt.date.max, n, status))
        out.sort(key=lambda entry: entry[:3])
        return [UnitTask(status, status.by_unit.get(key)) for *_, status in out]

    def unit_figures(self, key: Key) -> Figures:
        return figures((t.status for t in self.unit_tasks(key)), self.build_date)

    def region_figures(self, region_ids: Iterable[str]) -> Figures:
        """Tasks of the plans of these regions (pass a region and its descendants to count
        everything below it)."""
        wanted = set(region_ids)
        statuses = [s for p in self.plans if p.region in wanted for s in self.of_plan(p)]
        return figures(statuses, self.build_date)

    def topic_figures(self, topic_id: str) -> Figures:
        statuses = [
            self.tasks[(p.id, t.id)] for p in self.plans for t in p.tasks() if topic_id in t.topics
        ]
        return figures(statuses, self.build_date)

    def overall(self) -> Figures:
        return figures(self.tasks.values(), self.build_date)


def _leads(duties: DutyIndex, plan_id: str, task_id: str) -> frozenset[Key]:
    return frozenset(
        key
        for key, own in duties.bound(plan_id, task_id).items()
        if any(d.role == "lead" for d in own)
    )


def status_index(
    plans: Sequence[Plan], duties: DutyIndex, progress: Progress, build_date: dt.date
) -> StatusIndex:
    """The status of every task and sub-item of `plans` from `progress`, as of `build_date`."""
    tasks: dict[tuple[str, str], TaskStatus] = {}
    items: dict[tuple[str, str, str], TaskStatus] = {}
    for plan in plans:
        for task in plan.tasks():
            reports = progress.for_task(plan.id, task.id)
            leads = _leads(duties, plan.id, task.id) if reports else frozenset()
            tasks[(plan.id, task.id)] = derive(plan, task, reports, build_date, leads)
            for item in task.items:
                items[(plan.id, task.id, item.id)] = derive(
                    plan, task, reports, build_date, leads, item.id
                )
    return StatusIndex(
        build_date,
        tuple(plans),
        MappingProxyType(tasks),
        MappingProxyType(items),
        duties,
        progress,
    )
