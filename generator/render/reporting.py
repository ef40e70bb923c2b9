"""Progress in the words of one language tree: the items that plan, unit, home, timeline
and progress pages are made of (`PageKit.reporting`), so that every page names a state,
a report and a deadline the same way.

Honest by construction, as the status is (`generator.reports.status`): a state is always
shown in words beside its colour; "no report" is a state of its own; a task's line says
which deadline it is judged by and which report it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..deadlines import deadline_phrase
from ..duties import Key
from ..reports.checks import FiledReport
from ..reports.model import Status
from ..reports.status import Figures, State, TaskStatus
from ..titles import task_title
from ..views.progress import HISTORY_SHOWN
from ..views.site import TaskView
from .contexts.common import Label, Link
from .contexts.progress import (
    CardProgress,
    EvidenceItem,
    FigurePart,
    ProgressBar,
    ReportEntry,
    StateBadge,
    StateTerm,
    TaskProgress,
)

if TYPE_CHECKING:
    from .kit import PageKit

BAR_ORDER: tuple[State, ...] = (
    State.done,
    State.done_late,
    State.ongoing,
    State.in_progress,
    State.not_started,
    State.delayed,
    State.adjusted,
    State.deadline_passed,
    State.no_report,
)
"""The order of the states in a bar and its words: done first, no report last."""


def ui_key(prefix: str, value: str) -> str:
    """`state_` + `deadline-passed-unreported` → `state_deadline_passed_unreported`."""
    return prefix + value.replace("-", "_")


class Reporting:
    """Progress items of one language tree."""

    def __init__(self, kit: PageKit) -> None:
        self.kit = kit
        self.view = kit.data.progress
        ui = kit.ui
        self.states = {s: StateBadge(s.value, ui[ui_key("state_", s.value)]) for s in State}
        self.statuses = {s: StateBadge(s.value, ui[ui_key("rstatus_", s.value)]) for s in Status}
        self._task_names: dict[tuple[str, str], Label] = {}
        """A task's name in this tree, made once (unit pages name a task on each of its
        units' pages)."""
        self._deadlines: dict[tuple[str, str, str | None], str] = {}
        self.rounds = {
            r.id: (r.name_en or r.name) if kit.names.english else r.name
            for r in self.view.status.progress.rounds
        }

    # --- words -------------------------------------------------------------------------------

    def age(self, days: int) -> str:
        return self.kit.ui.age_today if days == 0 else self.kit.ui.format("age_days", days=days)

    def terms(self) -> tuple[tuple[StateTerm, ...], tuple[StateTerm, ...]]:
        """The derived states and the reported statuses, each with its definition."""
        ui = self.kit.ui
        return (
            tuple(StateTerm(self.states[s], ui[ui_key("state_def_", s.value)]) for s in BAR_ORDER),
            tuple(StateTerm(self.statuses[s], ui[ui_key("rstatus_def_", s.value)]) for s in Status),
        )

    def bar(self, figures: Figures) -> ProgressBar:
        """Tasks by state, the states some task is in."""
        total = figures.tasks or 1
        parts = tuple(
            FigurePart(s.value, self.states[s].text, n, f"{n / total * 100:.3f}%")
            for s in BAR_ORDER
            if (n := figures.states[s])
        )
        ui = self.kit.ui
        total_text = (
            ui.progress_task_one
            if figures.tasks == 1
            else ui.format("progress_tasks", n=figures.tasks)
        )
        return ProgressBar(total_text, parts)

    def latest(self, figures: Figures, round_id: str | None) -> str:
        """The newest round with reports and the newest report's date and age."""
        if figures.latest is None or figures.age_days is None:
            return ""
        return self.kit.ui.format(
            "progress_latest",
            round=self.rounds.get(round_id or "", ""),
            date=figures.latest.isoformat(),
            age=self.age(figures.age_days),
        )

    def deadline(self, status: TaskStatus, tv: TaskView) -> str:
        """The deadline a task (or sub-item) is judged by, as precisely as it is stated."""
        key = (status.plan, status.task, status.item)
        said = self._deadlines.get(key)
        if said is None:
            said = self._deadlines[key] = self._deadline(status, tv)
        return said

    def _deadline(self, status: TaskStatus, tv: TaskView) -> str:
        ui, judged = self.kit.ui, status.deadline
        if judged.date is None:
            return ui.note_no_deadline
        if judged.source == "plan-period":
            return ui.format("note_plan_end", date=judged.date.isoformat())
        stated = [d for d in tv.task.deadlines if d.date == judged.date]
        phrase = deadline_phrase(stated[0], ui) if stated else judged.date.isoformat()
        return ui.format("note_deadline", deadline=phrase)

    def note(self, status: TaskStatus, tv: TaskView) -> str:
        """Why a task is in its state: its deadline, and the report the state rests on."""
        ui, latest, state = self.kit.ui, status.latest, status.state
        deadline = self.deadline(status, tv)
        if state in (State.done, State.done_late) and status.completed_on is not None:
            key = "note_done_late" if state is State.done_late else "note_done"
            return ui.format(key, date=status.completed_on.isoformat(), deadline=deadline)
        if latest is None or status.age_days is None:
            return ui.clause_sep.join((deadline, ui.note_none))
        said = ui.format(
            "note_latest",
            date=latest.date.isoformat(),
            age=self.age(status.age_days),
            status=self.statuses[latest.status].text,
        )
        return ui.clause_sep.join((deadline, said))

    def clause_state(
        self, plan_id: str, clause: tuple[str, str | None] | None
    ) -> StateBadge | None:
        """The state of the task (or of the sub-item, where units reported on it) that a
        timeline entry belongs to; None for other entries and plans without reports."""
        if clause is None or not self.view.plan_published(plan_id):
            return None
        task_id, item = clause
        index = self.view.status
        if item is not None:
            own = index.items.get((plan_id, task_id, item))
            if own is not None and own.history:
                return self.states[own.state]
        status = index.tasks.get((plan_id, task_id))
        return self.states[status.state] if status is not None else None

    def card(self, plan_id: str) -> CardProgress | None:
        """A plan card's figures; None while the portal has no report at all (the home page
        says so once)."""
        view = self.view
        if not view.published:
            return None
        if not view.plan_published(plan_id):
            return CardProgress(None, self.kit.ui.card_progress_none)
        plan = self.kit.data.project.plan(plan_id)
        figures = view.status.plan_figures(plan)
        latest = view.latest_round(plan_id)
        note = ""
        if latest is not None and figures.latest is not None:
            note = self.kit.ui.format(
                "card_progress_latest",
                round=self.rounds[latest.round.id],
                date=figures.latest.isoformat(),
            )
        return CardProgress(self.bar(figures), note)

    # --- reports -----------------------------------------------------------------------------

    def unit(self, here: str, key: Key) -> Link:
        view = self.kit.views.units.get(key)
        if view is None:
            return Link(key[1], "")
        return self.kit.names.link(self.kit.unit_name(view.ref), self.kit.link(here, view.ref.url))

    def task_link(self, here: str, tv: TaskView) -> Link:
        """`第3条 标题` (a derived title marked as such), linked to the task on its page."""
        key = (tv.plan.id, tv.task.id)
        named = self._task_names.get(key)
        if named is None:
            named = self._task_names[key] = self._task_name(tv)
        return Link(named.text, self.kit.link(here, tv.url), named.lang)

    def _task_name(self, tv: TaskView) -> Label:
        kit, ui = self.kit, self.kit.ui
        title = task_title(tv.task, kit.lang)
        text = title.text
        if title.derived and text:
            text += f"{ui.lparen}{ui.title_derived}{ui.rparen}"
        number = tv.number
        if kit.names.english:
            plan = kit.views.plan(tv.plan.id)
            number = ui.format("clause_task", n=plan.position(tv.task.id)) if plan else ""
            number = number[:1].upper() + number[1:]  # it starts a list item or heading
        return kit.names.label(f"{number} {text}".strip())

    def entry(self, here: str, filed: FiledReport, tv: TaskView) -> ReportEntry:
        kit, r = self.kit, filed.report
        names = kit.names
        return ReportEntry(
            date=r.date.isoformat(),
            status=self.statuses[r.status],
            unit=self.unit(here, filed.unit),
            clause=self.clause(tv, r.item),
            round=names.label(self.rounds.get(filed.round, filed.round)),
            completed=kit.ui.format("report_completed", date=r.completed.isoformat())
            if r.completed
            else "",
            summary=names.label(r.summary) if r.summary else None,
            issues=names.label(r.issues) if r.issues else None,
            next_steps=names.label(r.next_steps) if r.next_steps else None,
            evidence=tuple(
                EvidenceItem(
                    names.label(e.title),
                    names.label(e.doc_number) if e.doc_number else None,
                    e.url or "",
                    e.date.isoformat() if e.date else "",
                )
                for e in r.evidence
            ),
        )

    def entries(
        self, here: str, reports: Iterable[FiledReport], tv: TaskView
    ) -> tuple[ReportEntry, ...]:
        return tuple(self.entry(here, r, tv) for r in reports)

    def clause(self, tv: TaskView, item: str | None) -> str:
        """The sub-item `item` of a task as a report names it, or empty."""
        if item is None:
            return ""
        for n, iv in enumerate(tv.items, 1):
            if iv.item.id == item:
                if self.kit.names.english:
                    return self.kit.ui.format("report_item", n=n)
                return iv.number
        return item

    def task(self, here: str, status: TaskStatus, tv: TaskView) -> TaskProgress:
        """The progress block under a task: its state, why, its newest `HISTORY_SHOWN`
        reports (on the task and its sub-items) and a link to the earlier ones (on the plan's
        report pages) when there are more. The English tree gives the state and why, and
        links to the reports in the Chinese tree: their text is Chinese, and printing every
        report in both trees was a fifth of a national portal's pages (bench/RESULTS.md)."""
        kit = self.kit
        more = None
        history = self.view.history(tv.plan.id, tv.task.id)
        if kit.names.english:  # reports are written in Chinese: printed once, in that tree
            if history:
                text = kit.ui.format("task_reports_zh", n=len(history))
                more = Link(text, kit.shared(here, tv.url))
            return TaskProgress(self.states[status.state], self.note(status, tv), (), more)
        page = self.view.history_page(tv.plan.id, tv.task.id)
        if page is not None:
            text = kit.ui.format("task_more_reports", n=len(history) - HISTORY_SHOWN)
            more = Link(text, f"{kit.link(here, page)}#{tv.anchor}")
        return TaskProgress(
            state=self.states[status.state],
            note=self.note(status, tv),
            reports=self.entries(here, history[:HISTORY_SHOWN], tv),
            more=more,
        )
