"""Progress as the pages show it, the same in every language: which page holds the older
reports of each task, and what each reporting round changed.

Made once per build from the derived status (`generator.reports.status.StatusIndex`).
Bounded by construction: a plan page shows the newest `HISTORY_SHOWN` reports of a task;
a task with more has its earlier reports on the plan's report pages
(`plans/<id>/reports/[<n>/]`, at most ~`REPORTS_PER_PAGE` reports each), so no page grows
with the number of rounds; a round's page lists at most `CHANGES_SHOWN` changes per plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from ..model import Plan
from ..reports.checks import FiledReport
from ..reports.model import Round, Status
from ..reports.status import StatusIndex
from . import urls

HISTORY_SHOWN = 3
"""Reports shown under a task on its plan page, newest first; the rest are on the plan's
report pages."""
REPORTS_PER_PAGE = 180
"""About this many reports on one report page of a plan (a task's history is not cut):
~85 KB a page at national scale, where every page costs its share of the build."""
CHANGES_SHOWN = 3
"""Changes listed per plan on a round's page (changes of a status before first reports);
the plan's page shows the rest."""
STATE_WEIGHT = 500
"""Bytes of a task's progress line beyond its reports (estimated, for `views.parts`)."""
REPORT_WEIGHT = 520
"""Markup of one report under a task beyond its text: date, status, unit link, round."""

Clause = tuple[str, str, str | None, tuple[str, str]]
"""(plan, task, sub-item, unit): one unit's reports on one clause."""


@dataclass(frozen=True)
class ReportPage:
    """One page of a plan's reports: the earlier reports of each task on it (those its plan
    page does not show)."""

    plan: str
    number: int
    tasks: tuple[str, ...]
    """Ids of the tasks on the page, in plan order."""

    @property
    def path(self) -> str:
        return urls.plan_reports(self.plan, self.number)


@dataclass(frozen=True)
class PlanReports:
    """The report pages of one plan (none when every history fits its plan page)."""

    pages: tuple[ReportPage, ...] = ()
    page_of: Mapping[str, str] = field(default_factory=dict)
    """Task id → path of the report page with its earlier reports."""


@dataclass(frozen=True)
class Change:
    """A report of a round that differs from the same unit's previous one on the clause."""

    report: FiledReport
    before: Status | None
    """The unit's previous status on the clause; None: its first report there."""


@dataclass(frozen=True)
class RoundView:
    """One reporting round and what its reports changed."""

    round: Round
    reports: int
    units: int
    per_plan: Mapping[str, int]
    """Plan id → reports on it, in the portal's order of plans."""
    by_status: Mapping[Status, int]
    """Reports by the status they give (every status, zero where none)."""
    first: int
    """Reports on a clause the unit had not reported on before."""
    changed: int
    """Reports whose status differs from the unit's previous one on the clause."""
    done: int
    """Reports of completion after an earlier report that was not `done`, or a first one."""
    latest: dt.date | None
    """Date of the newest report of the round."""
    changes: Mapping[str, tuple[Change, ...]]
    """Plan id → the round's first and changed reports on it, in plan order."""

    @property
    def path(self) -> str:
        return urls.progress_round(self.round.id)

    @property
    def plans(self) -> tuple[str, ...]:
        """Ids of the plans reported on, in the portal's order."""
        return tuple(self.per_plan)


@dataclass(frozen=True)
class ProgressView:
    """The reports of a project as its pages present them."""

    status: StatusIndex
    rounds: tuple[RoundView, ...]
    """Every round, oldest first (rounds without reports too)."""
    report_pages: Mapping[str, PlanReports]
    """Plan id → its report pages."""

    @property
    def published(self) -> bool:
        """Whether the portal has any report at all."""
        return bool(self.status.progress.reports)

    def plan_published(self, plan_id: str) -> bool:
        return bool(self.status.progress.for_plan(plan_id))

    def latest_round(self, plan_id: str) -> RoundView | None:
        """The newest round with reports on the plan."""
        return next((r for r in reversed(self.rounds) if plan_id in r.plans), None)

    def history(self, plan_id: str, task_id: str) -> tuple[FiledReport, ...]:
        """Every report on a task and its sub-items, newest first."""
        return self.status.progress.for_task(plan_id, task_id)[::-1]

    def history_page(self, plan_id: str, task_id: str) -> str | None:
        """Path of the page with the earlier reports of a task, when its plan page cannot
        show them all."""
        reports = self.report_pages.get(plan_id)
        return reports.page_of.get(task_id) if reports is not None else None


def shown_weights(status: StatusIndex, plan: Plan) -> dict[str, int]:
    """Estimated bytes each task's progress adds to its plan page (`views.parts` lays the
    plan out on parts with them): nothing when the plan has no report."""
    progress = status.progress
    if not progress.for_plan(plan.id):
        return {}
    out = {}
    for task in plan.tasks():
        shown = progress.for_task(plan.id, task.id)[-HISTORY_SHOWN:]
        out[task.id] = STATE_WEIGHT + sum(_report_weight(r) for r in shown)
    return out


def _report_weight(filed: FiledReport) -> int:
    r = filed.report
    texts = [r.summary, r.issues, r.next_steps]
    texts += [t for e in r.evidence for t in (e.title, e.doc_number, e.url)]
    return REPORT_WEIGHT + sum(len(t.encode()) + 40 for t in texts if t)


def progress_view(status: StatusIndex) -> ProgressView:
    plans = status.plans
    return ProgressView(
        status,
        tuple(_rounds(status, plans)),
        MappingProxyType({p.id: _plan_reports(status, p) for p in plans}),
    )


def _plan_reports(status: StatusIndex, plan: Plan) -> PlanReports:
    """The earlier reports of tasks with more than `HISTORY_SHOWN` (on them or their
    sub-items), cut into pages of about `REPORTS_PER_PAGE` reports."""
    reports = status.progress.for_task
    long = [
        (task.id, n - HISTORY_SHOWN)
        for task in plan.tasks()
        if (n := len(reports(plan.id, task.id))) > HISTORY_SHOWN
    ]
    if not long:
        return PlanReports()
    pages: list[list[str]] = [[]]
    size = 0
    for task_id, count in long:
        if pages[-1] and size + count > REPORTS_PER_PAGE:
            pages.append([])
            size = 0
        pages[-1].append(task_id)
        size += count
    made = tuple(ReportPage(plan.id, n, tuple(ids)) for n, ids in enumerate(pages, 1))
    page_of = {task_id: page.path for page in made for task_id in page.tasks}
    return PlanReports(made, MappingProxyType(page_of))


def _rounds(status: StatusIndex, plans: Sequence[Plan]) -> Iterable[RoundView]:
    progress = status.progress
    order = {plan.id: n for n, plan in enumerate(plans)}
    positions = {(p.id, t.id): n for p in plans for n, t in enumerate(p.tasks())}
    previous: dict[Clause, Status] = {}
    changes_of: dict[str, list[Change]] = {r.id: [] for r in progress.rounds}
    counts: dict[str, list[int]] = {r.id: [0, 0, 0] for r in progress.rounds}
    for report in progress.reports:  # oldest first: each unit's previous report is known
        clause = (report.plan, report.task, report.item, report.unit)
        before = previous.get(clause)
        previous[clause] = report.status
        tally = counts[report.round]
        if before is None:
            tally[0] += 1
        elif before is not report.status:
            tally[1] += 1
        if report.status is Status.done and before is not Status.done:
            tally[2] += 1
        if before is not report.status:
            changes_of[report.round].append(Change(report, before))
    for rnd in progress.rounds:
        reports = progress.in_round(rnd.id)
        by_status = dict.fromkeys(Status, 0)
        per_plan: dict[str, int] = {}
        for report in reports:
            by_status[report.status] += 1
            per_plan[report.plan] = per_plan.get(report.plan, 0) + 1
        by_plan: dict[str, list[Change]] = {}
        for change in changes_of[rnd.id]:
            by_plan.setdefault(change.report.plan, []).append(change)
        changes = {
            plan_id: tuple(
                sorted(
                    found,
                    key=lambda c: (
                        c.before is None,  # a changed status is news before a first report
                        positions.get((plan_id, c.report.task), 0),
                        c.report.sort_key,
                    ),
                )
            )
            for plan_id, found in sorted(by_plan.items(), key=lambda kv: order.get(kv[0], 0))
        }
        first, changed, done = counts[rnd.id]
        yield RoundView(
            rnd,
            len(reports),
            len({r.unit for r in reports}),
            MappingProxyType(dict(sorted(per_plan.items(), key=lambda kv: order.get(kv[0], 0)))),
            MappingProxyType(by_status),
            first,
            changed,
            done,
            max((r.date for r in reports), default=None),
            MappingProxyType(changes),
        )
