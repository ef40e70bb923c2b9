"""Contexts of progress: the items every page that shows progress is made of (a state's
badge, a report, figures with their bar), the blocks added to plan, unit, home and
timeline pages, and the pages of the progress family (`/progress/`, a round's page, a
plan's report pages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import Label, Link, Pager

# --- items ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StateBadge:
    """A derived state (`generator.reports.status.State`) or a reported status, in words;
    `state` is its value (`deadline-passed-unreported`), which gives the colour and the
    symbol: never the colour alone."""

    state: str
    text: str


@dataclass(frozen=True)
class FigurePart:
    """One state's share of some tasks."""

    state: str
    label: str
    count: int
    width: str
    """Its share of the bar (`42.857%`)."""


@dataclass(frozen=True)
class ProgressBar:
    """Tasks by state: a bar, and the same numbers in words beside it."""

    total: str
    """`7 项任务`."""
    parts: tuple[FigurePart, ...]
    """The states some task is in, done first, no report last."""


@dataclass(frozen=True)
class EvidenceItem:
    """A document or link a report gives as evidence."""

    title: Label
    doc_number: Label | None
    """文号, as printed."""
    url: str
    """The document's address on another site, when the report gives one: shown as text
    (the portal links to no other host)."""
    date: str


@dataclass(frozen=True)
class ReportEntry:
    """One report as a history lists it."""

    date: str
    """The report's date (ISO)."""
    status: StateBadge
    """The status the unit reported."""
    unit: Link
    clause: str
    """The sub-item reported on (`第二项`, `item 2`), or empty for the task."""
    round: Label
    completed: str
    """`完成于 2024-12-20`, or empty."""
    summary: Label | None
    issues: Label | None
    next_steps: Label | None
    evidence: tuple[EvidenceItem, ...]


@dataclass(frozen=True)
class TaskProgress:
    """Under a task on its plan page: its state, why, and its newest reports."""

    state: StateBadge
    note: str
    """The deadline it is judged by and the report it rests on, in words."""
    reports: tuple[ReportEntry, ...]
    """Newest first, at most `views.progress.HISTORY_SHOWN`."""
    more: Link | None
    """To the page with the task's earlier reports, when there are more."""


@dataclass(frozen=True)
class ChapterFigures:
    chapter: Link
    bar: ProgressBar


@dataclass(frozen=True)
class PlanProgress:
    """The progress summary of a plan page: one line when no report is published."""

    no_reports: str
    """`本规划尚未发布进展报告。` when the plan has no report (nothing else is shown then)."""
    overall: ProgressBar | None
    chapters: tuple[ChapterFigures, ...]
    latest: str
    """The newest round with reports on the plan, and the newest report's date and age."""
    pages: tuple[Link, ...]
    """The plan's report pages (the earlier reports of tasks with many); in English, the
    Chinese pages that print the reports."""
    feed: Link
    states: Link
    """To the definitions of the states (`/progress/`)."""
    heading: str = ""
    """What `pages` are (`更早的报告`, `Reports (in Chinese)`)."""


@dataclass(frozen=True)
class CardProgress:
    """A plan card's progress figures (home page, plans index)."""

    bar: ProgressBar | None
    """None: no report on the plan (`note` says so)."""
    note: str
    """The latest round and report date, or that no report is published."""


@dataclass(frozen=True)
class UnitTaskRow:
    task: Link
    plan: Link
    facts: str
    """The deadline the task is judged by and the unit's own latest report (or that it has
    not reported), for tasks not done; the unit's own report for the others."""
    via: Label | None
    """`经市安委会各成员单位` for a task that binds the unit through a group."""


@dataclass(frozen=True)
class UnitStateGroup:
    state: StateBadge
    count: int
    """Tasks in the state (some may not be listed: `UnitProgress.more`)."""
    rows: tuple[UnitTaskRow, ...]


@dataclass(frozen=True)
class UnitProgress:
    """A unit page's tasks by state, what needs attention first."""

    no_reports: str
    """Set when no report on any of its tasks is published (nothing else is shown then)."""
    bar: ProgressBar | None
    """The tasks of plans with reports, by state."""
    groups: tuple[UnitStateGroup, ...]
    more: str
    """`另有 12 项任务未在此列出…` when the list is cut, else empty."""
    unpublished: str
    """`另有 3 项任务所在的规划尚未发布进展报告。`, or empty."""
    links: tuple[Link, ...]
    """The feed of reports on its tasks, its tasks as a table, the states defined."""
    intro: str = ""
    """What the section lists (the tasks that need attention), or that none does."""


# --- pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StateTerm:
    badge: StateBadge
    definition: str


@dataclass(frozen=True)
class RoundRow:
    """A round on `/progress/`."""

    name: Link
    due: str
    facts: str
    """Reports, units and plans, or that the round has no report yet."""
    changes: str
    """First reports, changed statuses, newly done (empty without reports)."""
    latest: str


@dataclass(frozen=True)
class ProgressIndexContext:
    """`/progress/`: the rounds, newest first, what each changed, and the states."""

    TEMPLATE: ClassVar[str] = "progress_index.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    no_reports: str
    """`本站尚未发布进展报告。` when there is no report at all."""
    overall: ProgressBar | None
    rounds: tuple[RoundRow, ...]
    states: tuple[StateTerm, ...]
    statuses: tuple[StateTerm, ...]
    """The statuses units report, with their definitions."""
    files: tuple[Link, ...]
    """progress.json and the portal's feed of reports."""
    pager: Pager


@dataclass(frozen=True)
class ChangeRow:
    task: Link
    before: StateBadge | None
    """The unit's previous status on the clause; None for a first report."""
    after: StateBadge
    unit: Link
    date: str
    clause: str


@dataclass(frozen=True)
class RoundPlan:
    plan: Link
    reports: str
    """`本轮报告 12 份`."""
    changes: tuple[ChangeRow, ...]
    more: str
    """`另有 5 项变化，见规划页面` when the list is cut, else empty."""


@dataclass(frozen=True)
class ProgressRoundContext:
    """`/progress/<round>/[<n>/]`: what one round's reports changed, plan by plan."""

    TEMPLATE: ClassVar[str] = "progress_round.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    up: Link
    facts: str
    due: str
    by_status: tuple[FigurePart, ...]
    """Reports of the round by the status they give."""
    plans: tuple[RoundPlan, ...]
    pager: Pager


@dataclass(frozen=True)
class TaskHistory:
    anchor: str
    task: Link
    state: StateBadge
    reports: tuple[ReportEntry, ...]
    """The task's (and its sub-items') reports that its plan page does not show, newest
    first."""


@dataclass(frozen=True)
class PlanReportsContext:
    """`/plans/<id>/reports/[<n>/]`: the earlier reports of the tasks whose plan page
    shows only their newest ones."""

    TEMPLATE: ClassVar[str] = "plan_reports.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    plan: Link
    intro: str
    tasks: tuple[TaskHistory, ...]
    pager: Pager
