"""Revision pages: `/changes/` (the portal's revisions) and each plan's
`/plans/<id>/history/`, describing each revision by what changed in the plans: tasks added,
removed and modified, units reassigned, deadlines changed (old → new), an inline character
diff for text; in the page's language. The editor's description of the revision is a
secondary line (only where it is written in the page's language); revision ids and authors
are not shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from ...history import FieldChange, PlanDiff, Revision, TaskChange
from ...views import urls
from ...views.site import PlanView
from ..contexts.changes import (
    ChangeRow,
    ChangesContext,
    FieldRow,
    PlanDiffBlock,
    RevisionBlock,
    Run,
)
from ..contexts.common import Label, TaskName
from ..i18n import has_cjk
from ..kit import PageKit
from ..renderer import Page, PageGroup, one_page

MAX_REVISIONS = 50
"""Revisions shown on /changes/ (older ones stay in per-plan history and git)."""
CONTEXT = 24
"""Unchanged characters kept on each side of a change in an inline diff; longer unchanged
stretches are elided (…), so that a one-word edit of a long paragraph shows as such."""
UNIT_FIELDS = ("lead", "support", "responsible", "local")
_DEADLINE = re.compile(r"(\d{4}-\d{2}-\d{2})（([^）]*)）")


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
        note=_note(kit),
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
        note=_note(kit),
        feed=kit.shared(here, f"{urls.CHANGES}feed.xml"),
        revisions=tuple(_revision(kit, here, r, only=plan_id) for r in revisions),
        truncated=False,
    )
    return kit.render(here, ctx)


def _note(kit: PageKit) -> str:
    """Why the history is incomplete, for readers (the history's own note is for logs)."""
    note = kit.data.history.note
    if not note:
        return ""
    return kit.ui.changes_shallow if note.startswith("shallow") else kit.ui.changes_unavailable


# --- a revision -------------------------------------------------------------------------------


def _revision(kit: PageKit, here: str, rev: Revision, only: str | None = None) -> RevisionBlock:
    diffs = [d for d in rev.plans if only is None or d.plan_id == only]
    blocks = tuple(_diff(kit, here, d, several=len(diffs) > 1) for d in diffs)
    subject = rev.subject if has_cjk(rev.subject) != kit.names.english else ""
    date = rev.date.date().isoformat()
    return RevisionBlock(f"r-{rev.short}", date, _summary(kit, diffs), subject, blocks)


def _summary(kit: PageKit, diffs: list[PlanDiff]) -> str:
    """What a revision changed, in words: plans added and removed, tasks of the others."""
    ui, parts = kit.ui, []
    for status in ("added", "removed"):
        if n := sum(1 for d in diffs if d.status == status):
            parts.append(ui.format(f"plans_{status}", n=n))
    modified = [d for d in diffs if d.status == "modified"]
    if modified:
        tasks = _counts_text(kit, _counts(c for d in modified for c in d.tasks))
        parts.append(ui.format("plans_modified", n=len(modified), tasks=tasks or ui.changes_none))
    return ui.clause_sep.join(parts) or ui.changes_none


def _counts(changes: Iterator[TaskChange]) -> dict[str, int]:
    out = {"added": 0, "modified": 0, "removed": 0}
    for change in changes:
        if not change.item_id:
            out[change.kind] = out.get(change.kind, 0) + 1
    return out


def _counts_text(kit: PageKit, counts: dict[str, int]) -> str:
    parts = [kit.ui.format(f"tasks_{kind}", n=n) for kind, n in counts.items() if n]
    return kit.ui.list_sep.join(parts)


def _diff(kit: PageKit, here: str, diff: PlanDiff, *, several: bool) -> PlanDiffBlock:
    """One plan's changes; `several`: the revision changed other plans too (then each
    plan's changes are counted on their own)."""
    names = kit.names
    view = kit.views.plan(diff.plan_id)
    href = kit.link(here, urls.plan(diff.plan_id)) if view else ""
    title = names.link(names.plan(view.plan, short=True) if view else diff.title, href)
    whole = diff.status in ("added", "removed")  # a new or deleted plan: no clause list
    tasks = sum(1 for c in diff.tasks if not c.item_id)
    label = kit.ui.format(f"status_{diff.status}", count=tasks)
    changes = () if whole else tuple(_change(kit, here, view, diff.plan_id, c) for c in diff.tasks)
    if whole or diff.status == "invalid":
        summary = ""
    elif not changes:
        summary = kit.ui.changes_no_task
    else:
        counted = _counts_text(kit, _counts(iter(diff.tasks)))
        summary = (counted if several else "") if counted else kit.ui.changes_items_only
    return PlanDiffBlock(title, diff.status, label, summary, changes)


def _change(
    kit: PageKit, here: str, view: PlanView | None, plan_id: str, change: TaskChange
) -> ChangeRow:
    ui = kit.ui
    return ChangeRow(
        change.kind,
        ui[f"change_{change.kind}"],
        _clause(kit, here, view, change),
        tuple(_field(kit, view, fc) for fc in change.changes),
    )


def _clause(kit: PageKit, here: str, view: PlanView | None, change: TaskChange) -> TaskName:
    """The clause changed: named as pages name it while it exists; a removed one by its
    number and the title it had (as recorded, in Chinese)."""
    if view is not None and change.kind != "removed":
        tv = next((t for t in view.tasks if t.task.id == change.task_id), None)
        if tv is not None:
            item = next((i for i in tv.task.items if i.id == change.item_id), None)
            return kit.task_name(here, tv, item if change.item_id else None)
    number = kit.ui.format("cite_task_no", no=change.no.strip(".．")) if change.no else ""
    return TaskName(number, change.title, "", kit.names.text_lang(change.title))


# --- a changed field --------------------------------------------------------------------------


def _field(kit: PageKit, view: PlanView | None, fc: FieldChange) -> FieldRow:
    label = kit.ui.get(f"field_{fc.name}", fc.name)
    if fc.redline is not None and fc.redline.coarse:  # too long to compare by characters
        label += kit.ui["redline_coarse"]
    names = kit.names
    if fc.redline is not None:
        runs = tuple(Run(op, text) for op, text in elide(fc.redline.runs))
        return FieldRow(label, "text", runs, (), (), None, None)
    if fc.name in UNIT_FIELDS:
        before, after = _split(fc.old), _split(fc.new)
        added = tuple(_unit(kit, view, n) for n in after if n not in before)
        removed = tuple(_unit(kit, view, n) for n in before if n not in after)
        return FieldRow(label, "units", (), added, removed, None, None)
    if fc.name == "deadlines":
        old, new = _deadlines(kit, fc.old), _deadlines(kit, fc.new)
    elif fc.name == "topics":
        old, new = _topics(kit, fc.old), _topics(kit, fc.new)
    else:
        old, new = names.label(fc.old), names.label(fc.new)
    none = Label(kit.ui.none)
    old, new = old if old.text else none, new if new.text else none
    return FieldRow(label, "value", (), (), (), old, new)


def _split(value: str) -> list[str]:
    return [n for n in value.split("、") if n]


def _unit(kit: PageKit, view: PlanView | None, printed: str) -> Label:
    """A unit as printed, in the page's language where the registry knows it."""
    ref = view.refs.get(printed) if view is not None else None
    return kit.unit_label(ref) if ref is not None else kit.names.label(printed)


def _deadlines(kit: PageKit, value: str) -> Label:
    """`2024-12-31（2024年底前）；…`: the phrases on Chinese pages, the dates on English ones."""
    found = _DEADLINE.findall(value)
    if not found:
        return kit.names.label(value)
    if kit.names.english:
        return Label(kit.ui.clause_sep.join(day for day, _ in found))
    return Label(kit.ui.clause_sep.join(f"{phrase}（{day}）" for day, phrase in found))


def _topics(kit: PageKit, value: str) -> Label:
    """Topic ids as the topics' names in the page's language."""
    records = kit.data.topic_records
    shown = [kit.names.of(records[t]) if t in records else t for t in _split(value)]
    return Label(kit.ui.list_sep.join(shown))


def elide(runs: tuple[tuple[str, str], ...], context: int = CONTEXT) -> Iterator[tuple[str, str]]:
    """The runs of a character diff with long unchanged stretches cut to `context`
    characters on each side of a change (`…` in between)."""
    last = len(runs) - 1
    for n, (op, text) in enumerate(runs):
        if op != "=" or len(text) <= 2 * context + 1:
            yield op, text
            continue
        head = text[:context] if n > 0 else ""
        tail = text[-context:] if n < last else ""
        if head:
            yield "=", head
        yield "…", "…"
        if tail:
            yield "=", tail
