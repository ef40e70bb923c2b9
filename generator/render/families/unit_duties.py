"""The duties on a unit's or group's page: every task that binds it, role by role (named as
lead, support or responsible, through a group it belongs to, territorial), cut into pages of
`DUTIES_PER_PAGE` rows; and a group's members with the source of each membership. Used by
the units family only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...duties import ROLES, Role
from ...model import Membership
from ...translations import localized
from ...views import urls
from ...views.site import Duty, TaskView, UnitRef, UnitView
from ..contexts.common import DeadlineBadge, Link
from ..contexts.units import (
    CarriedFrom,
    DutyRow,
    MembershipBlock,
    RoleBlock,
    RoleCount,
    SourceLine,
    ViaBlock,
)
from ..kit import PageKit

DUTIES_PER_PAGE = 100
"""Rows on one page of a unit: a unit bound by more tasks (a provincial department at
national scale, or through a large group) continues on further pages, so that no page grows
with the portal."""


@dataclass(frozen=True)
class Listed:
    """A duty in the order the unit's pages list it: its role block, and for a duty through
    groups, the group it is listed under."""

    role: Role
    group: UnitRef | None
    duty: Duty


def listed(view: UnitView) -> list[Listed]:
    """The unit's duties in page order: role by role (`ROLES`); through groups, group by
    group in the order the unit's groups are recorded."""
    out: list[Listed] = []
    for role in ROLES:
        duties = view.by_role(role)
        if role != "group":
            out += [Listed(role, None, d) for d in duties]
            continue
        order = {ref.key: n for n, ref in enumerate(view.groups)}
        placed = sorted(
            (d for d in duties if d.via),
            key=lambda d: order.get(d.via[0].key, len(order)),
        )
        out += [Listed(role, d.via[0], d) for d in placed]
    return out


def pages_of(view: UnitView) -> list[list[Listed]]:
    """The unit's duties cut into pages (one empty page for a unit without duties)."""
    rows = listed(view)
    return [rows[i : i + DUTIES_PER_PAGE] for i in range(0, len(rows), DUTIES_PER_PAGE)] or [[]]


def role_anchor(role: Role) -> str:
    return f"pp-role-{role}"


def via_anchor(group: UnitRef) -> str:
    return f"pp-via-{group.id}"


class DutyBlocks:
    """The duty blocks of the unit pages of one tree; a task's deadlines are made once,
    though the task is listed on the page of each unit it binds."""

    def __init__(self, kit: PageKit) -> None:
        self.kit = kit
        self._deadlines: dict[str, tuple[DeadlineBadge, ...]] = {}

    # --- counts ------------------------------------------------------------------------

    def counts(
        self, view: UnitView, parts: list[str], pages: list[list[Listed]], here: str
    ) -> tuple[RoleCount, ...]:
        """Tasks per role, each linked to the page and block where its list begins."""
        ui, kit = self.kit.ui, self.kit
        first_page: dict[Role, int] = {}
        for n, page in enumerate(pages):
            for entry in page:
                first_page.setdefault(entry.role, n)
        out = []
        for role in ROLES:
            count = len(view.by_role(role))
            href = ""
            if role in first_page:
                href = kit.in_page(here, f"{parts[first_page[role]]}#{role_anchor(role)}")
            out.append(RoleCount(ui[f"role_short_{role}"], count, href))
        return tuple(out)

    def summary(self, view: UnitView) -> str:
        key = "unit_summary" if view.ref.kind == "unit" else "group_summary"
        return self.kit.ui.format(key, count=view.task_count())

    # --- blocks ------------------------------------------------------------------------

    def blocks(
        self, here: str, view: UnitView, page: list[Listed], before: set[tuple[str, str]]
    ) -> tuple[RoleBlock, ...]:
        """The role blocks of one page; `before`: the blocks begun on earlier pages (their
        headings say "continued"), updated with this page's."""
        ui, out = self.kit.ui, []
        for role in ROLES:
            entries = [e for e in page if e.role == role]
            if not entries:
                continue
            key = ("role", role)
            through = role == "group"
            block = RoleBlock(
                anchor=role_anchor(role),
                title=ui[f"role_{role}"],
                count=len(view.by_role(role)),
                intro=ui.get(f"role_{role}_intro", ""),
                rows=() if through else tuple(self.row(here, e.duty) for e in entries),
                groups=tuple(self._via_blocks(here, view, entries, before)) if through else (),
                continued=key in before,
            )
            before.add(key)
            out.append(block)
        return tuple(out)

    def _via_blocks(
        self, here: str, view: UnitView, entries: list[Listed], before: set[tuple[str, str]]
    ) -> Iterator[ViaBlock]:
        kit = self.kit
        groups: dict[tuple[str, str], list[Listed]] = {}
        for entry in entries:
            assert entry.group is not None
            groups.setdefault(entry.group.key, []).append(entry)
        for rows in groups.values():
            group = rows[0].group
            assert group is not None
            key = ("via", group.id)
            yield ViaBlock(
                anchor=via_anchor(group),
                group=kit.unit_link(here, group),
                count=sum(1 for d in view.by_role("group") if d.via and d.via[0] == group),
                basis=tuple(self.sources(here, self._sources_of(view.ref, group))),
                rows=tuple(self.row(here, e.duty, shown=group) for e in rows),
                continued=key in before,
            )
            before.add(key)

    def _sources_of(self, unit: UnitRef, group: UnitRef) -> tuple[Membership, ...]:
        """The sources that count `unit` as a member of `group`."""
        found = self.kit.views.units.get(group.key)
        if found is None:
            return ()
        return next((m.sources for m in found.members if m.ref == unit), ())

    def row(self, here: str, duty: Duty, shown: UnitRef | None = None) -> DutyRow:
        kit, tv = self.kit, duty.task
        note = None
        if duty.carried_from is not None:
            origin = duty.carried_from
            link = kit.names.link(kit.task_number(origin), kit.link(here, origin.url))
            note = CarriedFrom(kit.ui.pieces("carried_from"), link)
        title = kit.names.plan(tv.plan, short=True)
        plan = kit.names.link(title, kit.link(here, urls.plan(tv.plan.id)))
        return DutyRow(
            task=kit.task_name(here, tv),
            plan=plan,
            deadlines=self._badges(tv),
            note=note,
            also_via=tuple(kit.unit_link(here, g) for g in duty.via if g != shown),
            state=kit.reporting.clause_state(tv.plan.id, (tv.task.id, None)),
        )

    def _badges(self, tv: TaskView) -> tuple[DeadlineBadge, ...]:
        found = self._deadlines.get(tv.url)
        if found is None:
            kit, task = self.kit, tv.task
            found = tuple(kit.deadline(d) for d in task.deadlines) + tuple(
                kit.recurrence(r, tv.plan) for r in task.recurrence
            )
            self._deadlines[tv.url] = found
        return found

    # --- membership --------------------------------------------------------------------

    def membership(self, here: str, view: UnitView) -> tuple[MembershipBlock, ...]:
        """A group's member units by source; an editor's note that no members are recorded
        is a source without units."""
        kit = self.kit
        refs = {m.ref.id: m.ref for m in view.members}
        entries = getattr(view.record, "membership", ())
        return tuple(
            MembershipBlock(
                next(iter(self.sources(here, (entry,)))),
                tuple(kit.unit_link(here, refs[u]) for u in entry.units if u in refs),
            )
            for entry in entries
        )

    def sources(self, here: str, entries: tuple[Membership, ...]) -> Iterator[SourceLine]:
        kit, names = self.kit, self.kit.names
        for entry in entries:
            kind = entry.source.value
            where = None
            if kind == "plan" and entry.plan:
                where = self._plan_place(here, entry)
            elif kind == "committee" and entry.document:
                where = names.link(entry.document, "")
            note = localized(entry, "note", kit.lang)
            yield SourceLine(
                kind=kind,
                label=kit.ui[f"membership_{kind}"],
                where=where,
                quote=names.label(entry.quote) if entry.quote else None,
                note=names.label(note.text) if note is not None else None,
            )

    def _plan_place(self, here: str, entry: Membership) -> Link | None:
        kit = self.kit
        view = kit.views.plan(entry.plan or "")
        if view is None:
            return Link(entry.plan or "", "")
        if entry.task:
            tv = next((t for t in view.tasks if t.task.id == entry.task), None)
            if tv is not None:
                return kit.names.link(kit.citation(tv), kit.link(here, tv.url))
        title = kit.names.plan(view.plan)
        return kit.names.link(title, kit.link(here, urls.plan(view.plan.id)))
