"""Progress pages: `/progress/` (the reporting rounds, newest first, what each changed, and
what the states mean), one page per round `/progress/rounds/<id>/[<n>/]` (its changes,
plan by plan), and each plan's report pages `/plans/<id>/reports/[<n>/]` (the earlier
reports of the tasks whose plan page shows only their newest ones; in the Chinese tree
only, as the reports under the tasks: their text is Chinese).

Every list is cut into pages (`ROUNDS_PER_PAGE`, `PLANS_PER_ROUND_PAGE`,
`views.progress.REPORTS_PER_PAGE`), so no page grows with the number of rounds or plans.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TypeVar

from ...reports.model import Status
from ...views import urls
from ...views.progress import CHANGES_SHOWN, HISTORY_SHOWN, Change, ReportPage, RoundView
from ...views.site import PlanView
from ..contexts.common import Link
from ..contexts.progress import (
    ChangeRow,
    FigurePart,
    PlanReportsContext,
    ProgressIndexContext,
    ProgressRoundContext,
    RoundPlan,
    RoundRow,
    TaskHistory,
)
from ..kit import PageKit
from ..renderer import Page, PageGroup

ROUNDS_PER_PAGE = 20
PLANS_PER_ROUND_PAGE = 20
T = TypeVar("T")


def groups(kit: PageKit) -> list[PageGroup]:
    """The progress index, each round's pages and each plan's report pages, with costs in
    task blocks (a report listed costs about a third of one)."""
    view = kit.data.progress
    out = [PageGroup(len(view.rounds) + 5, partial(index_pages, kit))]
    out += [
        PageGroup(sum(len(c) for c in r.changes.values()) // 3 + 1, partial(round_pages, kit, r))
        for r in view.rounds
    ]
    for plan in kit.views.plans:
        pages = view.report_pages[plan.plan.id].pages
        if not pages:
            continue
        cost = 1  # the trees have the same groups; the English one's are empty (`report_pages`)
        if not kit.names.english:
            shown = HISTORY_SHOWN * sum(len(p.tasks) for p in pages)
            reports = sum(len(view.history(p.plan, t)) for p in pages for t in p.tasks) - shown
            cost = reports // 3 + 1
        out.append(PageGroup(cost, partial(report_pages, kit, plan)))
    return out


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


# --- /progress/ ---------------------------------------------------------------------------


def index_pages(kit: PageKit) -> list[Page]:
    ui, view, reporting = kit.ui, kit.data.progress, kit.reporting
    newest_first = list(reversed(view.rounds))
    chunks = _chunks(newest_first, ROUNDS_PER_PAGE)
    paths = [urls.progress_index(n) for n in range(1, len(chunks) + 1)]
    states, statuses = reporting.terms()
    pages = []
    for n, chunk in enumerate(chunks, 1):
        here = paths[n - 1]
        ctx = ProgressIndexContext(
            ui=ui,
            title=kit.part_title(ui.progress_title, n, len(chunks)),
            as_of=kit.as_of,
            no_reports="" if view.published else ui.progress_none_site,
            overall=reporting.bar(view.status.overall()) if view.published else None,
            rounds=tuple(_round_row(kit, here, r) for r in chunk),
            states=states,
            statuses=statuses,
            files=(
                Link(ui.progress_json, kit.shared(here, urls.PROGRESS_JSON)),
                Link(ui.progress_feed_all, kit.shared(here, urls.report_feed())),
            ),
            pager=kit.pager(here, ui.index_pages, paths, n),
        )
        pages.append(kit.render(here, ctx))
    return pages


def _round_row(kit: PageKit, here: str, r: RoundView) -> RoundRow:
    ui, reporting = kit.ui, kit.reporting
    name = reporting.rounds[r.round.id]
    return RoundRow(
        name=kit.names.link(name, kit.link(here, r.path)),
        due=ui.format("round_due", date=r.round.due.isoformat()) if r.round.due else "",
        facts=_facts(kit, r),
        changes=ui.format("round_changes", first=r.first, changed=r.changed, done=r.done)
        if r.reports
        else "",
        latest=ui.format("round_latest", date=r.latest.isoformat()) if r.latest else "",
    )


def _facts(kit: PageKit, r: RoundView) -> str:
    if not r.reports:
        return kit.ui.round_empty
    return kit.ui.format("round_facts", reports=r.reports, units=r.units, plans=len(r.per_plan))


# --- a round's pages ------------------------------------------------------------------------


def round_pages(kit: PageKit, r: RoundView) -> list[Page]:
    ui, reporting = kit.ui, kit.reporting
    chunks = _chunks(list(r.per_plan), PLANS_PER_ROUND_PAGE)
    paths = [urls.progress_round(r.round.id, n) for n in range(1, len(chunks) + 1)]
    by_status = tuple(
        FigurePart(s.value, reporting.statuses[s].text, n, "")
        for s in Status
        if (n := r.by_status[s])
    )
    title = ui.format("round_title", round=reporting.rounds[r.round.id])
    pages = []
    for n, chunk in enumerate(chunks, 1):
        here = paths[n - 1]
        ctx = ProgressRoundContext(
            ui=ui,
            title=kit.part_title(title, n, len(chunks)),
            as_of=kit.as_of,
            up=Link(ui.round_back, kit.link(here, urls.progress_index())),
            facts=_facts(kit, r),
            due=ui.format("round_due", date=r.round.due.isoformat()) if r.round.due else "",
            by_status=by_status,
            plans=tuple(_round_plan(kit, here, r, plan_id) for plan_id in chunk),
            pager=kit.pager(here, ui.index_pages, paths, n),
        )
        pages.append(kit.render(here, ctx))
    return pages


def _round_plan(kit: PageKit, here: str, r: RoundView, plan_id: str) -> RoundPlan:
    ui, view = kit.ui, kit.views.plan(plan_id)
    assert view is not None  # reports are checked against the plans
    changes = r.changes.get(plan_id, ())
    shown = changes[:CHANGES_SHOWN]
    more = len(changes) - len(shown)
    return RoundPlan(
        plan=kit.names.link(kit.names.plan(view.plan, short=True), kit.link(here, view.url)),
        reports=ui.format("round_plan_reports", n=r.per_plan[plan_id]),
        changes=tuple(_change(kit, here, view, c) for c in shown),
        more=ui.format("round_more_changes", n=more) if more else "",
    )


def _change(kit: PageKit, here: str, view: PlanView, change: Change) -> ChangeRow:
    reporting, report = kit.reporting, change.report
    tv = view.task(report.task)
    return ChangeRow(
        task=reporting.task_link(here, tv),
        before=reporting.statuses[change.before] if change.before else None,
        after=reporting.statuses[report.status],
        unit=reporting.unit(here, report.unit),
        date=report.date.isoformat(),
        clause=reporting.clause(tv, report.item),
    )


# --- a plan's report pages ------------------------------------------------------------------


def report_pages(kit: PageKit, plan: PlanView) -> list[Page]:
    """The plan's report pages; none in English (the reports are printed in the Chinese
    tree only, `Reporting.task`)."""
    if kit.names.english:
        return []
    pages = kit.data.progress.report_pages[plan.plan.id].pages
    paths = [p.path for p in pages]
    return [_report_page(kit, plan, page, paths) for page in pages]


def _report_page(kit: PageKit, plan: PlanView, page: ReportPage, paths: list[str]) -> Page:
    ui, reporting, status = kit.ui, kit.reporting, kit.data.progress.status
    here = page.path
    title = ui.format("plan_reports_title", plan=kit.names.plan(plan.plan, short=True))
    tasks = []
    for task_id in page.tasks:
        tv = plan.task(task_id)
        ts = status.task(plan.plan.id, task_id)
        tasks.append(
            TaskHistory(
                anchor=tv.anchor,
                task=reporting.task_link(here, tv),
                state=reporting.states[ts.state],
                reports=reporting.entries(
                    here, kit.data.progress.history(plan.plan.id, task_id)[HISTORY_SHOWN:], tv
                ),
            )
        )
    return kit.render(
        here,
        PlanReportsContext(
            ui=ui,
            title=kit.part_title(title, page.number, len(paths)),
            as_of=kit.as_of,
            plan=kit.names.link(kit.names.plan(plan.plan), kit.link(here, plan.url)),
            intro=ui.format("plan_reports_intro", n=HISTORY_SHOWN),
            tasks=tuple(tasks),
            pager=kit.pager(here, ui.index_pages, paths, page.number),
        ),
    )
