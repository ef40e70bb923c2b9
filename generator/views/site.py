"""The derived views of a whole project, computed once before any page is rendered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from ..duties import DutyIndex
from ..duties import Role as DutyRole
from ..model import (
    Category,
    Chapter,
    Deadline,
    DomainLead,
    Group,
    Item,
    Membership,
    Phase,
    Plan,
    Region,
    Section,
    Task,
    Unit,
)
from ..paths import publishable_source
from ..reports.status import StatusIndex, status_index
from ..titles import task_title
from . import urls
from .citations import citation, item_number, numbering_restarts, task_number
from .parts import PlanLayout, plan_layout
from .progress import shown_weights
from .sorting import sort_key

if TYPE_CHECKING:
    from ..project import Project
    from ..registry import Registry

Role = Literal["lead", "support", "responsible", "local"]
ROLES: tuple[Role, ...] = ("lead", "support", "responsible", "local")
"""The roles a responsibility line names units in."""
RECENT_DAYS = 183
"""How far back "recently passed" deadlines reach."""
PEER_LIMIT = 24
"""Like units in other regions shown on a unit page, at most (the nearest ones)."""


@dataclass(frozen=True)
class UnitRef:
    """A resolved unit or group, enough to name and link it."""

    kind: Literal["unit", "group"]
    region: str
    id: str
    name: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.region, self.id)

    @property
    def url(self) -> str:
        return urls.unit(self.region, self.id)


@dataclass(frozen=True)
class ItemView:
    item: Item
    number: str
    """`第一项`."""
    citation: str
    anchor: str
    deadlines: tuple[Deadline, ...]


@dataclass(frozen=True)
class TaskView:
    """A task with its place in the plan and how to cite and link it."""

    plan: Plan
    task: Task
    chapter: Chapter
    section: Section | None
    number: str
    """`第1条` (or the printed marker when it is not a number)."""
    citation: str
    anchor: str
    items: tuple[ItemView, ...]
    page: str
    """Site path of the plan page (part) printing the task and its items."""

    @property
    def url(self) -> str:
        return f"{self.page}#{self.anchor}"


@dataclass(frozen=True)
class Duty:
    """One task a unit or group must act on, and in which role (`generator.duties`):
    named as lead, support or responsible, through a group it belongs to, or territorial."""

    task: TaskView
    role: DutyRole
    printed: str
    """The name as printed in the plan; for a duty through a group, the group's."""
    carried_from: TaskView | None = None
    """For a territorial duty stated once and carried forward: the task that states it."""
    via: tuple[UnitRef, ...] = ()
    """Role `group`: the groups named on the task that the unit belongs to."""


@dataclass(frozen=True)
class MemberView:
    """A member unit of a group, with the sources that count it as one."""

    ref: UnitRef
    sources: tuple[Membership, ...]


@dataclass(frozen=True)
class DomainDuty:
    """A domain a unit leads, stated in prose (区住建局牵头负责建筑施工、燃气…)."""

    plan: Plan
    lead: DomainLead


@dataclass(frozen=True)
class Milestone:
    """A dated deadline somewhere in a plan."""

    deadline: Deadline
    plan: Plan
    label: str
    """What is due: `第2条 严格执行重大事故隐患判定标准。` (the task's title, or its derived
    short title) or a chapter's, section's or phase's title."""
    url: str
    task: TaskView | None = None
    """The task the deadline belongs to (pages name it in their language)."""
    item: Item | None = None
    """…and its sub-item, when the deadline is an item's."""
    named: Chapter | Section | Phase | None = None
    """The chapter, section or phase whose text sets the deadline, when not a task's."""

    @property
    def date(self) -> dt.date:
        return self.deadline.date


@dataclass(frozen=True)
class UnitView:
    """A unit's or group's page: its duties across every plan."""

    ref: UnitRef
    record: Unit | Group
    region: Region
    category: Category | None
    duties: tuple[Duty, ...]
    domains: tuple[DomainDuty, ...]
    groups: tuple[UnitRef, ...]
    """Groups the unit is a member of."""
    peers: tuple[UnitRef, ...]
    """Units of the same category in other regions (at most `PEER_LIMIT`, the nearest)."""
    members: tuple[MemberView, ...]
    """For a group: its member units, each with its sources, in membership order."""

    def by_role(self, role: DutyRole) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if d.role == role)

    def task_count(self) -> int:
        """Tasks that bind it, each counted once (a task may bind it in two roles)."""
        return len({d.task.url for d in self.duties})

    @property
    def sort_key(self) -> str:
        return sort_key(self.record.name, self.region.name)


@dataclass(frozen=True)
class RemovedClause:
    """A task or item that no longer exists; its old anchor lands on a notice."""

    anchor: str
    no: str
    title: str
    removed_in: str
    """Short commit id of the revision that removed it ("" when only `retired` says so)."""
    removed_on: str
    note: str
    moved_to: str | None
    """Anchor of the clause that carries its content now, if any."""


def _removed(project: Project, plan: Plan, alive: set[str]) -> tuple[RemovedClause, ...]:
    out: dict[str, RemovedClause] = {}
    for t in project.history.tombstones:
        if t.plan_id != plan.id:
            continue
        anchor = (
            urls.item_anchor(t.task_id, t.item_id) if t.item_id else urls.task_anchor(t.task_id)
        )
        out[anchor] = RemovedClause(
            anchor, t.no, t.title, t.removed_in[:8], t.removed_on.isoformat(), "", None
        )
    for r in plan.retired:
        anchor = urls.task_anchor(r.id)
        moved = urls.task_anchor(r.moved_to) if r.moved_to else None
        known = out.get(anchor)
        out[anchor] = RemovedClause(
            anchor,
            known.no if known else r.id,
            known.title if known else "",
            known.removed_in if known else "",
            known.removed_on if known else "",
            r.note or "",
            moved,
        )
    return tuple(v for k, v in sorted(out.items()) if k not in alive)


@dataclass(frozen=True)
class PlanView:
    """A plan with its derived parts."""

    plan: Plan
    region: Region | None
    tasks: tuple[TaskView, ...]
    refs: dict[str, UnitRef]
    """Every unit name as printed in this plan → what it resolves to."""
    carried: dict[str, tuple[TaskView, tuple[str, ...]]]
    """Task id → (task that states the carried-forward territorial duty, names)."""
    milestones: tuple[Milestone, ...]
    unit_count: int
    source_available: bool
    layout: PlanLayout
    """Where the plan is printed: one page, or several parts for a long plan."""
    removed: tuple[RemovedClause, ...] = ()
    """Clauses that are gone (revision history and `retired` ids): their anchors stay."""

    @property
    def url(self) -> str:
        return urls.plan(self.plan.id)

    def href(self, anchor: str) -> str:
        """Site path + `#anchor` of a clause or heading of this plan, on its part."""
        return self.layout.href(anchor)

    def task(self, task_id: str) -> TaskView:
        return self.tasks[self._positions[task_id]]

    def position(self, task_id: str) -> int:
        """1-based position of the task in the plan (English clause names count them)."""
        return self._positions[task_id] + 1

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {t.task.id: n for n, t in enumerate(self.tasks)}


@dataclass(frozen=True)
class SiteViews:
    today: dt.date
    plans: tuple[PlanView, ...]
    units: dict[tuple[str, str], UnitView]
    regions: tuple[Region, ...]
    """Regions that have units or plans, in registry order."""
    categories: tuple[Category, ...]
    status: StatusIndex
    """The status of every task and sub-item, derived from the progress reports as of
    `today` (`generator.reports.status`)."""
    milestones: tuple[Milestone, ...] = field(default=())
    """Every milestone of every plan, by date."""

    def upcoming(self, limit: int = 10) -> tuple[Milestone, ...]:
        return tuple(m for m in self.milestones if m.date >= self.today)[:limit]

    def recent(self, limit: int = 10, days: int = RECENT_DAYS) -> tuple[Milestone, ...]:
        start = self.today - dt.timedelta(days=days)
        passed = [m for m in self.milestones if start <= m.date < self.today]
        return tuple(reversed(passed))[:limit]

    def plan(self, plan_id: str) -> PlanView | None:
        """The view of the plan with id `plan_id`, if the portal has it."""
        return self._plans_by_id.get(plan_id)

    @cached_property
    def _plans_by_id(self) -> dict[str, PlanView]:
        return {view.plan.id: view for view in self.plans}

    def units_sorted(self) -> list[UnitView]:
        return list(self._units_sorted)

    @cached_property
    def _units_sorted(self) -> tuple[UnitView, ...]:
        """Sorted once: pages ask for the order once per region (quadratic otherwise)."""
        return tuple(
            sorted(self.units.values(), key=lambda u: (u.sort_key, u.ref.region, u.ref.id))
        )

    def units_of_region(self, region_id: str) -> list[UnitView]:
        """The units and groups of one region, in `units_sorted` order."""
        return list(self._by_region.get(region_id, ()))

    @cached_property
    def _by_region(self) -> dict[str, list[UnitView]]:
        out: dict[str, list[UnitView]] = {}
        for unit in self._units_sorted:
            out.setdefault(unit.region.id, []).append(unit)
        return out


# --- building ------------------------------------------------------------------------------


def _task_views(plan: Plan, layout: PlanLayout) -> Iterator[TaskView]:
    restarts = numbering_restarts(plan)
    for chapter in plan.chapters:
        placed: list[tuple[Section | None, Task]] = [(None, t) for t in chapter.tasks]
        placed += [(s, t) for s in chapter.sections for t in s.tasks]
        for section, task in placed:
            number = task_number(task, chapter, restarts=restarts)
            items = tuple(
                ItemView(
                    item,
                    number=item_number(item),
                    citation=citation(plan, number, item),
                    anchor=urls.item_anchor(task.id, item.id),
                    deadlines=tuple(d for d in task.deadlines if d.item == item.id),
                )
                for item in task.items
            )
            yield TaskView(
                plan,
                task,
                chapter,
                section,
                number,
                citation(plan, number),
                urls.task_anchor(task.id),
                items,
                layout.page_of[urls.task_anchor(task.id)],
            )


def _resolve(registry: Registry, plan: Plan, names: Iterable[str]) -> dict[str, UnitRef]:
    out: dict[str, UnitRef] = {}
    for name in dict.fromkeys(names):  # a plan names the same units on many tasks
        found = registry.resolve(name, plan.region)
        if found is not None:
            out[name] = UnitRef(found.kind, found.region, found.id, found.record.name)
    return out


def _plan_names(plan: Plan) -> list[str]:
    names = [n for t in plan.tasks() for n in t.responsibility.all_refs()]
    names += [lead.unit for lead in plan.domain_leads]
    return names


def _carried(tasks: tuple[TaskView, ...]) -> dict[str, tuple[TaskView, tuple[str, ...]]]:
    out: dict[str, tuple[TaskView, tuple[str, ...]]] = {}
    current: tuple[TaskView, tuple[str, ...]] | None = None
    for view in tasks:
        if current is not None:
            out[view.task.id] = current
        resp = view.task.responsibility
        if resp.carries_forward and resp.local:
            current = (view, resp.local)
    return out


def _milestones(plan: Plan, tasks: tuple[TaskView, ...], layout: PlanLayout) -> Iterator[Milestone]:
    for view in tasks:
        label = f"{view.number} {task_title(view.task).text}".strip()
        items = {item.id: item for item in view.task.items}
        for deadline in view.task.deadlines:
            anchor = urls.item_anchor(view.task.id, deadline.item) if deadline.item else view.anchor
            item = items.get(deadline.item) if deadline.item else None
            yield Milestone(deadline, plan, label, f"{view.page}#{anchor}", view, item)
    for chapter in plan.chapters:
        where = layout.href(urls.chapter_anchor(chapter.id))
        for deadline in chapter.deadlines:
            yield Milestone(deadline, plan, chapter.title, where, named=chapter)
        for section in chapter.sections:
            where = layout.href(urls.section_anchor(section.id))
            named: Chapter | Section = section if section.title else chapter
            for deadline in section.deadlines:
                yield Milestone(deadline, plan, named.title or "", where, named=named)
        for phase in chapter.phases:
            where = layout.href(urls.phase_anchor(phase.id))
            for deadline in phase.deadlines:
                yield Milestone(deadline, plan, phase.name, where, named=phase)


def _plan_view(project: Project, plan: Plan, status: StatusIndex) -> PlanView:
    registry = project.registry
    layout = plan_layout(plan, extra=shown_weights(status, plan))
    tasks = tuple(_task_views(plan, layout))
    names = _plan_names(plan)
    if plan.cover_letter:
        names += list(plan.cover_letter.recipients)
    refs = _resolve(registry, plan, names)
    task_refs = {refs[n].key for n in _plan_names(plan) if n in refs}
    milestones = tuple(sorted(_milestones(plan, tasks, layout), key=lambda m: m.date))
    return PlanView(
        plan=plan,
        region=registry.regions.get(plan.region),
        tasks=tasks,
        refs=refs,
        carried=_carried(tasks),
        milestones=milestones,
        unit_count=len(task_refs),
        source_available=publishable_source(project.root, plan.source.file),
        removed=_removed(project, plan, _anchors(tasks)),
        layout=layout,
    )


def _anchors(tasks: tuple[TaskView, ...]) -> set[str]:
    return {t.anchor for t in tasks} | {i.anchor for t in tasks for i in t.items}


def _duties(
    index: DutyIndex, plans: Iterable[PlanView], refs: dict[tuple[str, str], UnitRef]
) -> dict[tuple[str, str], tuple[Duty, ...]]:
    """Every unit's and group's duties (`generator.duties`: named on a task, through a
    group it belongs to, or territorial) with the views of their tasks."""
    by_id = {view.plan.id: view for view in plans}
    out: dict[tuple[str, str], tuple[Duty, ...]] = {}
    for key, found in index.records.items():
        duties = []
        for duty in found.duties:
            view = by_id.get(duty.plan)
            if view is None:
                continue
            origin = view.task(duty.carried_from) if duty.carried_from else None
            via = tuple(refs[v.group] for v in duty.via if v.group in refs)
            duties.append(Duty(view.task(duty.task), duty.role, duty.printed, origin, via))
        out[key] = tuple(duties)
    return out


def _domains(plans: Iterable[PlanView]) -> dict[tuple[str, str], list[DomainDuty]]:
    out: dict[tuple[str, str], list[DomainDuty]] = {}
    for view in plans:
        for lead in view.plan.domain_leads:
            ref = view.refs.get(lead.unit)
            if ref is not None:
                out.setdefault(ref.key, []).append(DomainDuty(view.plan, lead))
    return out


def _records(registry: Registry) -> Iterator[tuple[Region, Unit | Group, Literal["unit", "group"]]]:
    for region in registry.regions.values():
        for unit in registry.units_in(region.id):
            yield region, unit, "unit"
        for group in registry.groups_in(region.id):
            yield region, group, "group"


def _categories(registry: Registry) -> dict[str, Category]:
    return dict(registry.categories)


class _RegionTree:
    """Neighbours of each region in the region tree (its parent and its children)."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self.neighbours: dict[str, list[str]] = {}
        for region in regions:
            self.neighbours.setdefault(region.id, [])
            if region.parent:
                self.neighbours.setdefault(region.id, []).append(region.parent)
                self.neighbours.setdefault(region.parent, []).append(region.id)

    def outward(self, start: str) -> Iterator[str]:
        """Regions by distance from `start` (breadth first), `start` excluded."""
        seen, queue = {start}, [start]
        for current in queue:
            for nxt in self.neighbours.get(current, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
                    yield nxt


class _Peers:
    """Units of one category, by region: the peers of each of them are picked from here."""

    def __init__(self, same: list[UnitRef]) -> None:
        self.same = same
        self.by_region: dict[str, list[int]] = {}
        """Region → positions in `same` of its units."""
        for position, ref in enumerate(same):
            self.by_region.setdefault(ref.region, []).append(position)

    def nearest(self, region: str, tree: _RegionTree) -> list[UnitRef]:
        """Units of the category in other regions than `region`: all of them up to
        `PEER_LIMIT`, else the `PEER_LIMIT` nearest in the region tree (siblings, parent,
        children, cousins …), the units of one region in order.

        Bounded so that a unit page does not list every like unit of a national portal
        (which made the output grow with the square of the number of units).  Kept in
        `same`'s order."""
        if len(self.same) - len(self.by_region.get(region, ())) <= PEER_LIMIT:
            return [p for p in self.same if p.region != region]
        chosen: list[int] = []
        for nxt in tree.outward(region):
            chosen += self.by_region.get(nxt, ())[: PEER_LIMIT - len(chosen)]
            if len(chosen) >= PEER_LIMIT:
                break
        return [self.same[position] for position in sorted(chosen)]


def _unit_views(project: Project, plans: tuple[PlanView, ...]) -> dict[tuple[str, str], UnitView]:
    registry, index = project.registry, project.duties
    categories = _categories(registry)
    records = list(_records(registry))
    refs = {(r.id, rec.id): UnitRef(kind, r.id, rec.id, rec.name) for r, rec, kind in records}
    duties, domains = _duties(index, plans, refs), _domains(plans)
    by_category: dict[str, list[UnitRef]] = {}
    for region, record, kind in records:
        if kind == "unit" and record.category:  # type: ignore[union-attr]
            by_category.setdefault(record.category, []).append(refs[(region.id, record.id)])  # type: ignore[union-attr]
    tree = _RegionTree(registry.regions.values())
    peers_of = {category_id: _Peers(same) for category_id, same in by_category.items()}
    no_peers = _Peers([])
    out: dict[tuple[str, str], UnitView] = {}
    for region, record, _kind in records:
        key = (region.id, record.id)
        category_id = getattr(record, "category", None)
        peers = peers_of.get(category_id or "", no_peers).nearest(region.id, tree)
        found = index.records.get(key)
        out[key] = UnitView(
            ref=refs[key],
            record=record,
            region=region,
            category=categories.get(category_id) if category_id else None,
            duties=duties.get(key, ()),
            domains=tuple(domains.get(key, ())),
            groups=tuple(refs[g] for g in found.groups if g in refs) if found else (),
            peers=tuple(peers),
            members=tuple(
                MemberView(refs[m.unit], m.sources) for m in found.members if m.unit in refs
            )
            if found
            else (),
        )
    return out


def build_views(project: Project, today: dt.date) -> SiteViews:
    """All derived views of `project` as of `today`."""
    status = status_index(project.plans, project.duties, project.progress, today)
    plans = tuple(_plan_view(project, plan, status) for plan in project.plans)
    units = _unit_views(project, plans)
    used_regions = {key[0] for key in units} | {p.plan.region for p in plans}
    regions = tuple(r for r in project.registry.regions.values() if r.id in used_regions)
    milestones = sorted(
        (m for p in plans for m in p.milestones), key=lambda m: (m.date, m.plan.id, m.url)
    )
    return SiteViews(
        today=today,
        plans=plans,
        units=units,
        regions=regions,
        categories=tuple(_categories(project.registry).values()),
        status=status,
        milestones=tuple(milestones),
    )
