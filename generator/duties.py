"""Every task that binds a unit or a group, and how: the data behind unit and group pages,
their exports, and the progress checks (a unit reports only on tasks that bind it).

A task binds a unit when it names the unit (as 牵头 `lead`, 配合 `support`, 责任 / 按职责分工负责
`responsible`, or 属地 `local`), when a territorial duty stated once is carried forward to it
(以下均需…负责，不再一一列出), or when it names a group the unit belongs to (市安委会各成员单位
→ every member recorded in `data/units/<region>.yaml` with its source).  A unit named on a task
itself is bound in that role only; the group is not repeated for it.

`duty_index(plans, registry)` computes it all once (pure, no I/O); the index answers per unit
or group (`DutyIndex.of`) and per task (`DutyIndex.bound`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from .model import Group, Membership, Plan, Task
from .registry import Registry

Key = tuple[str, str]
"""A unit or group: (id of the region whose file defines it, its id)."""
DirectRole = Literal["lead", "support", "responsible", "local"]
Role = Literal["lead", "support", "responsible", "group", "local"]
DIRECT_ROLES: tuple[DirectRole, ...] = ("lead", "support", "responsible", "local")
ROLES: tuple[Role, ...] = ("lead", "support", "responsible", "group", "local")
"""The order duties are listed in: named as lead, as support, as responsible, through a
group, territorial."""
ROLE_NAMES: Mapping[Role, tuple[str, str]] = MappingProxyType(
    {
        "lead": ("牵头", "lead"),
        "support": ("配合", "support"),
        "responsible": ("负责", "responsible"),
        "group": ("经所属群体", "through a group"),
        "local": ("属地", "territorial"),
    }
)
"""Chinese and English name of each role, for exports and messages."""


@dataclass(frozen=True)
class Via:
    """A group named on a task, through which the task binds one of its members."""

    group: Key
    printed: str
    """The group's name as printed on the task (市安委会各成员单位)."""
    role: DirectRole
    """The role the group is named in."""


@dataclass(frozen=True)
class Duty:
    """One task that binds a unit or group, in one role."""

    plan: str
    """Plan id."""
    task: str
    """Task id."""
    role: Role
    printed: str = ""
    """The name as printed on the task; for a duty through a group, the group's."""
    via: tuple[Via, ...] = ()
    """Role `group`: the groups on the task that the unit belongs to (usually one)."""
    carried_from: str | None = None
    """A territorial duty stated once and carried forward: id of the task that states it."""

    @property
    def task_key(self) -> tuple[str, str]:
        return (self.plan, self.task)


@dataclass(frozen=True)
class Member:
    """A member unit of a group and the sources that count it as one."""

    unit: Key
    sources: tuple[Membership, ...]


@dataclass(frozen=True)
class Duties:
    """Everything that binds one unit or group."""

    key: Key
    kind: Literal["unit", "group"]
    duties: tuple[Duty, ...] = ()
    """Plans in the order given, tasks in document order, on one task roles in `ROLES` order."""
    groups: tuple[Key, ...] = ()
    """For a unit: the groups it is a member of."""
    members: tuple[Member, ...] = ()
    """For a group: its member units, in the order its membership lists them."""

    def by_role(self, role: Role) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if d.role == role)

    def counts(self) -> dict[Role, int]:
        """Number of duties in each role (every role present, zero when none)."""
        out: dict[Role, int] = dict.fromkeys(ROLES, 0)
        for duty in self.duties:
            out[duty.role] += 1
        return out

    def tasks(self) -> tuple[tuple[str, str], ...]:
        """(plan id, task id) of every task that binds it, each once, in order."""
        return tuple(dict.fromkeys(d.task_key for d in self.duties))

    def direct(self) -> tuple[Duty, ...]:
        """The duties where it is named itself (not through a group)."""
        return tuple(d for d in self.duties if d.role != "group")


@dataclass(frozen=True, eq=False)
class DutyIndex:
    """Duties of every unit and group of a project, and the units bound by every task."""

    records: Mapping[Key, Duties]
    """Every unit and group of the registry (with no duties when nothing binds it)."""
    by_task: Mapping[tuple[str, str], Mapping[Key, tuple[Duty, ...]]] = field(repr=False)
    """(plan id, task id) → every unit and group it binds → its duties on that task."""

    def of(self, key: Key) -> Duties:
        """The duties of a unit or group (`KeyError` for an unknown key)."""
        return self.records[key]

    def bound(self, plan_id: str, task_id: str) -> Mapping[Key, tuple[Duty, ...]]:
        """Every unit and group the task binds, with the duties it has on it."""
        return self.by_task.get((plan_id, task_id), MappingProxyType({}))

    def binds(self, key: Key, plan_id: str, task_id: str) -> tuple[Duty, ...]:
        """The duties `key` has on the task; empty when the task does not bind it."""
        return self.bound(plan_id, task_id).get(key, ())


# --- computing -------------------------------------------------------------------------------


class _Names:
    """Printed names of one plan resolved once (a plan names the same units on many tasks)."""

    def __init__(self, registry: Registry, region: str) -> None:
        self.registry = registry
        self.region = region
        self.cache: dict[str, tuple[Key, str] | None] = {}

    def __call__(self, name: str) -> tuple[Key, str] | None:
        """(key, kind) of what `name` stands for; `None` when unknown."""
        if name not in self.cache:
            found = self.registry.resolve(name, self.region)
            self.cache[name] = None if found is None else ((found.region, found.id), found.kind)
        return self.cache[name]


def _task_duties(
    plan: Plan,
    task: Task,
    names: _Names,
    carried: tuple[str, tuple[str, ...]] | None,
    members: Mapping[Key, tuple[Key, ...]],
) -> dict[Key, list[Duty]]:
    """The duties one task gives: to the units and groups it names, to the members of those
    groups that it does not name itself, and the territorial duty carried to it."""
    out: dict[Key, list[Duty]] = {}
    via: dict[Key, list[Via]] = {}
    named: list[tuple[DirectRole, str, str | None]] = [
        (role, name, None) for role in DIRECT_ROLES for name in getattr(task.responsibility, role)
    ]
    if carried is not None:
        named += [("local", name, carried[0]) for name in carried[1]]
    for role, name, origin in named:
        found = names(name)
        if found is None:
            continue
        key, kind = found
        own = out.setdefault(key, [])
        if any(d.role == role for d in own):
            continue  # named twice in one role (or the carried duty repeats a stated one)
        own.append(Duty(plan.id, task.id, role, name, carried_from=origin))
        if kind == "group":
            for member in members.get(key, ()):
                via.setdefault(member, []).append(Via(key, name, role))
    for member, vias in via.items():
        if member not in out:  # named on the task itself: that role says it all
            out[member] = [Duty(plan.id, task.id, "group", vias[0].printed, tuple(vias))]
    return out


def _plan_duties(
    plan: Plan, registry: Registry, members: Mapping[Key, tuple[Key, ...]]
) -> Iterator[tuple[Task, dict[Key, list[Duty]]]]:
    names = _Names(registry, plan.region)
    carried: tuple[str, tuple[str, ...]] | None = None
    for task in plan.tasks():
        yield task, _task_duties(plan, task, names, carried, members)
        resp = task.responsibility
        if resp.carries_forward and resp.local:
            carried = (task.id, resp.local)


def _group_members(group: Group, region: str) -> tuple[Member, ...]:
    sources: dict[str, list[Membership]] = {}
    for entry in group.membership:
        for unit in entry.units:
            sources.setdefault(unit, []).append(entry)
    return tuple(Member((region, unit), tuple(found)) for unit, found in sources.items())


def duty_index(plans: Iterable[Plan], registry: Registry) -> DutyIndex:
    """Duties of every unit and group of `registry` in `plans` (in the order given)."""
    kinds: dict[Key, Literal["unit", "group"]] = {}
    group_members: dict[Key, tuple[Member, ...]] = {}
    member_of: dict[Key, list[Key]] = {}
    for reg in registry.unit_registries:
        for unit in reg.units:
            kinds.setdefault((reg.region, unit.id), "unit")
        for group in reg.groups:
            key = (reg.region, group.id)
            kinds.setdefault(key, "group")
            group_members[key] = _group_members(group, reg.region)
            for member in group_members[key]:
                member_of.setdefault(member.unit, []).append(key)
    members = {key: tuple(m.unit for m in found) for key, found in group_members.items()}

    duties: dict[Key, list[Duty]] = {}
    by_task: dict[tuple[str, str], Mapping[Key, tuple[Duty, ...]]] = {}
    for plan in plans:
        for task, found in _plan_duties(plan, registry, members):
            for key, own in found.items():
                duties.setdefault(key, []).extend(own)
            by_task[(plan.id, task.id)] = MappingProxyType(
                {key: tuple(own) for key, own in found.items()}
            )
    records = {
        key: Duties(
            key,
            kind,
            tuple(duties.get(key, ())),
            groups=tuple(dict.fromkeys(member_of.get(key, ()))) if kind == "unit" else (),
            members=group_members.get(key, ()),
        )
        for key, kind in kinds.items()
    }
    return DutyIndex(MappingProxyType(records), MappingProxyType(by_task))
