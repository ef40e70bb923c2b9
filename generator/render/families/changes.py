"""Revision pages: `/changes/` (the portal's revisions with task-level diffs and
redlines) and each plan's `/plans/<id>/history/`."""

from __future__ import annotations

from functools import partial

from ...history import PlanDiff, Revision, TaskChange
from ...views import urls
from ..contexts.changes import (
    ChangeRow,
    ChangesContext,
    FieldRow,
    PlanDiffBlock,
    RevisionBlock,
    Run,
)
from ..contexts.common import Link
from ..kit import PageKit
from ..renderer import Page, PageGroup, one_page

MAX_REVISIONS = 50
"""Revisions shown on /changes/ (older ones stay in per-plan history and git)."""


def groups(kit: PageKit) -> list[PageGroup]:
    revisions = len(kit.data.history.revisions)
    return [
        PageGroup(min(revisions, MAX_REVISIONS) + 1, partial(one_page, changes_page, kit)),
        *(
            PageGroup(1, partial(one_page, plan_history, kit, plan.id))
            for plan in kit.data.project.plans
        ),
    ]


def changes_page(kit: PageKit) -> Page:
    ui, here, history = kit.ui, urls.CHANGES, kit.data.history
    revisions = history.revisions
    ctx = ChangesContext(
        ui=ui,
        title=ui.changes_title,
        note=history.note,
        feed=kit.shared(here, f"{urls.CHANGES}feed.xml"),
        revisions=tuple(_revision(kit, here, r) for r in revisions[:MAX_REVISIONS]),
        truncated=len(revisions) > MAX_REVISIONS,
    )
    return kit.render(here, ctx)


def plan_history(kit: PageKit, plan_id: str) -> Page:
    ui, here, history = kit.ui, urls.plan_history(plan_id), kit.data.history
    plan = kit.data.project.plan(plan_id)
    revisions = [rev for rev, _ in history.for_plan(plan_id)]
    ctx = ChangesContext(
        ui=ui,
        title=ui.format("history_title", plan=kit.names.plan(plan, short=True)),
        note=history.note,
        feed=kit.shared(here, f"{urls.CHANGES}feed.xml"),
        revisions=tuple(_revision(kit, here, r, only=plan_id) for r in revisions),
        truncated=False,
    )
    return kit.render(here, ctx)


def _revision(kit: PageKit, here: str, rev: Revision, only: str | None = None) -> RevisionBlock:
    diffs = [d for d in rev.plans if only is None or d.plan_id == only]
    return RevisionBlock(
        f"r-{rev.short}",
        rev.short,
        rev.date.date().isoformat(),
        rev.author,
        rev.subject,
        tuple(_diff(kit, here, d) for d in diffs),
    )


def _diff(kit: PageKit, here: str, diff: PlanDiff) -> PlanDiffBlock:
    names = kit.names
    view = kit.views.plan(diff.plan_id)
    plan = view.plan if view is not None else None
    href = kit.link(here, urls.plan(diff.plan_id)) if plan else ""
    title = names.link(names.plan(plan, short=True) if plan else diff.title, href)
    whole = diff.status in ("added", "removed")  # a new or deleted plan: no clause list
    tasks = sum(1 for c in diff.tasks if not c.item_id)
    label = kit.ui.format(f"status_{diff.status}", count=tasks)
    changes = () if whole else tuple(_change(kit, here, diff.plan_id, c) for c in diff.tasks)
    return PlanDiffBlock(title, diff.status, label, changes)


def _change(kit: PageKit, here: str, plan_id: str, change: TaskChange) -> ChangeRow:
    ui = kit.ui
    anchor = (
        urls.item_anchor(change.task_id, change.item_id)
        if change.item_id
        else urls.task_anchor(change.task_id)
    )
    view = kit.views.plan(plan_id)
    clause = None
    if view is not None and change.kind != "removed":
        path, _, _ = view.href(anchor).partition("#")
        clause = Link(f"#{anchor}", f"{kit.link(here, path)}#{anchor}")
    label = kit.names.label(ui.format("change_clause", no=change.no, title=change.title))
    fields = tuple(
        FieldRow(
            ui.get(f"field_{fc.name}", fc.name),
            fc.old,
            fc.new,
            tuple(Run(op, text) for op, text in fc.redline.runs) if fc.redline else (),
            () if fc.redline else _reassignment(fc.old, fc.new),
        )
        for fc in change.changes
    )
    return ChangeRow(change.kind, ui[f"change_{change.kind}"], clause, label, fields)


def _reassignment(old: str, new: str) -> tuple[Run, ...]:
    """For unit lists: the names added and removed (市公安局 in, 市能源局 out), not a
    character-level redline."""
    before, after = [n for n in old.split("、") if n], [n for n in new.split("、") if n]
    if not before or not after:
        return ()
    came = [Run("+", n) for n in after if n not in before]
    return (*came, *(Run("-", n) for n in before if n not in after))
