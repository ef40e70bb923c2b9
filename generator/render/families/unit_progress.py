"""Progress on a unit's (or group's) page: every task that binds it — named on it or
through a group it belongs to — counted by state, and those that need attention listed,
first those whose deadline passed without a completion report (those without any report
before those with one), then reported delays, tasks not started, tasks without a report,
each with the unit's own latest report. Every task's state is also marked where the
page's duty lists name it.

Tasks of plans that have no report at all are only counted: their state would say
nothing the plan does not. At most `TASKS_SHOWN` are listed. Used by the unit family only.
"""

from __future__ import annotations

from ...duties import Key, Via
from ...reports.status import State, UnitTask, figures
from ...views import urls
from ...views.site import UnitView
from ..contexts.common import Link
from ..contexts.progress import UnitProgress, UnitStateGroup, UnitTaskRow
from ..kit import PageKit

SETTLED = frozenset({State.done, State.done_late, State.adjusted})
"""States in which a task's deadline and a unit's missing report are no longer news."""
ON_TRACK = frozenset({State.in_progress, State.ongoing})
"""States reported as going as planned."""
ATTENTION = frozenset(State) - SETTLED - ON_TRACK
"""States whose tasks are listed in the progress section (deadline passed without a
completion report, delayed, not started, no report); the others are counted in its bar,
and every task's state is marked in the duty lists below it (`DutyBlocks.row`)."""
TASKS_SHOWN = 20
"""Tasks listed in the section at most, what needs attention first; the rest are counted
(the duty lists and the unit's table have them all), so the page does not grow with its
duties."""


def unit_progress(kit: PageKit, here: str, view: UnitView) -> UnitProgress | None:
    """None when no task binds the unit."""
    ui, progress, key = kit.ui, kit.data.progress, view.ref.key
    status = progress.status
    if key not in status.duties.records or not status.duties.of(key).duties:
        return None
    tasks = status.unit_tasks(key)
    shown = [t for t in tasks if progress.plan_published(t.status.plan)]
    links = (
        Link(ui.unit_report_feed, kit.shared(here, urls.unit_report_feed(*key))),
        Link(ui.unit_duty_table, kit.shared(here, urls.unit_table(*key))),
        Link(ui.progress_states_link, f"{kit.link(here, urls.progress_index())}#pp-states"),
    )
    unpublished = len(tasks) - len(shown)
    rest = ui.format("unit_tasks_unpublished", n=unpublished) if unpublished else ""
    if not shown:
        return UnitProgress(ui.progress_none_unit, None, (), "", "", links[:2])
    groups: dict[State, list[UnitTask]] = {}
    for task in shown:
        if task.status.state in ATTENTION:
            groups.setdefault(task.status.state, []).append(task)
    passed = groups.get(State.deadline_passed)
    if passed:  # no report at all before a report that does not say done
        passed.sort(key=lambda t: t.status.latest is not None)
    listed, room = [], TASKS_SHOWN
    for state, rows in groups.items():
        made = tuple(_row(kit, here, key, t) for t in rows[:room])
        room -= len(made)
        listed.append(UnitStateGroup(kit.reporting.states[state], len(rows), made))
    cut = sum(len(rows) for rows in groups.values()) - TASKS_SHOWN
    return UnitProgress(
        no_reports="",
        bar=kit.reporting.bar(figures((t.status for t in shown), kit.today)),
        groups=tuple(listed),
        more=ui.format("unit_tasks_more", n=cut) if cut > 0 else "",
        unpublished=rest,
        links=links,
        intro=ui.unit_progress_attention if groups else ui.unit_progress_all_fine,
    )


def _row(kit: PageKit, here: str, key: Key, task: UnitTask) -> UnitTaskRow:
    ui, reporting, status = kit.ui, kit.reporting, task.status
    plan = kit.views.plan(status.plan)
    assert plan is not None
    tv = plan.task(status.task)
    facts = []
    if status.state not in SETTLED:  # when a task is done or adjusted, its deadline is past
        facts.append(reporting.deadline(status, tv))
    if task.own is not None:
        own = reporting.statuses[task.own.status].text
        facts.append(ui.format("unit_own_report", date=task.own.date.isoformat(), status=own))
    elif status.state not in SETTLED:
        facts.append(ui.unit_own_none)
    groups = [
        _group_name(kit, v)
        for d in kit.data.progress.status.duties.binds(key, status.plan, status.task)
        if d.role == "group"
        for v in d.via
    ]
    return UnitTaskRow(
        task=reporting.task_link(here, tv),
        plan=kit.names.link(kit.names.plan(plan.plan, short=True), kit.link(here, plan.url)),
        facts=ui.clause_sep.join(facts),
        via=kit.names.label(ui.format("unit_via", group=ui.list_sep.join(groups)))
        if groups
        else None,
    )


def _group_name(kit: PageKit, via: Via) -> str:
    """The group as the plan prints it; in English its English name where it has a page."""
    view = kit.views.units.get(via.group) if kit.names.english else None
    return kit.names.of(view.record) if view is not None else via.printed
