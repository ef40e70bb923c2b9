"""Progress on a plan page: the summary at the top (figures by chapter, the latest round,
the plan's report pages and feed) and, under each task, its state and newest reports.

A plan without any report gets one line saying so, and its tasks get nothing: "no report"
on every task would only repeat it. Used by the plan family only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...views import urls
from ...views.progress import ReportPage
from ...views.site import ItemView, PlanView, TaskView
from ..contexts.common import Link
from ..contexts.progress import ChapterFigures, PlanProgress, StateBadge, TaskProgress
from ..kit import PageKit


def plan_progress(
    kit: PageKit, here: str, view: PlanView, headings: Mapping[str, str]
) -> PlanProgress:
    """The summary of the plan's first page; `headings`: chapter id → its heading."""
    ui, reporting, progress = kit.ui, kit.reporting, kit.data.progress
    plan = view.plan
    feed = Link(ui.progress_feed_plan, kit.shared(here, urls.report_feed(plan.id)))
    states = Link(ui.progress_states_link, f"{kit.link(here, urls.progress_index())}#pp-states")
    if not progress.plan_published(plan.id):
        return PlanProgress(ui.progress_none_plan, None, (), "", (), feed, states)
    status = progress.status
    figures = status.plan_figures(plan)
    latest = progress.latest_round(plan.id)
    pages = progress.report_pages[plan.id].pages
    chapters = status.chapter_figures(plan)
    return PlanProgress(
        no_reports="",
        overall=reporting.bar(figures),
        chapters=tuple(
            ChapterFigures(
                Link(
                    headings[chapter.id],
                    kit.in_page(here, view.href(urls.chapter_anchor(chapter.id))),
                ),
                reporting.bar(counts),
            )
            for chapter, counts in chapters
        )
        if len(chapters) > 1  # one chapter's figures are the plan's
        else (),
        latest=reporting.latest(figures, latest.round.id if latest else None),
        pages=_report_links(kit, here, view, pages),
        feed=feed,
        states=states,
        heading=ui.progress_reports_zh if kit.names.english else ui.progress_all_reports,
    )


def task_progress(kit: PageKit, here: str, tv: TaskView) -> TaskProgress | None:
    """A task's state and newest reports, when its plan has any report."""
    progress = kit.data.progress
    if not progress.plan_published(tv.plan.id):
        return None
    status = progress.status.task(tv.plan.id, tv.task.id)
    return kit.reporting.task(here, status, tv)


def item_state(kit: PageKit, tv: TaskView, iv: ItemView) -> StateBadge | None:
    """A sub-item's own state, where units reported on it."""
    status = kit.data.progress.status.items.get((tv.plan.id, tv.task.id, iv.item.id))
    if status is None or not status.history:
        return None
    return kit.reporting.states[status.state]


def _report_links(
    kit: PageKit, here: str, view: PlanView, pages: Sequence[ReportPage]
) -> tuple[Link, ...]:
    """The plan's report pages; in English, the Chinese plan page and report pages (the
    reports are printed in the Chinese tree only: `Reporting.task`)."""
    ui = kit.ui
    if not kit.names.english:
        return tuple(
            Link(ui.format("progress_report_page", n=p.number), kit.link(here, p.path))
            for p in pages
        )
    earlier = (
        Link(ui.format("progress_reports_zh_page", n=p.number), kit.shared(here, p.path))
        for p in pages
    )
    return (Link(ui.progress_reports_zh_plan, kit.shared(here, view.url)), *earlier)
