"""Contexts of the unit pages: the units index, its lists, regions, and each unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import DeadlineBadge, Filter, Finder, Keywords, Label, Link, Pager, Pieces, TaskName
from .progress import StateBadge, UnitProgress


@dataclass(frozen=True)
class NamedList:
    """A category or a letter of the A–Z index: its page and how many units it has."""

    anchor: str
    title: str
    href: str
    count: int = 0


@dataclass(frozen=True)
class RegionNode:
    """A region in the tree of the units index: its page, its own units, its subregions."""

    anchor: str
    title: Link
    count: int
    children: tuple[RegionNode, ...]


@dataclass(frozen=True)
class UnitsIndexContext:
    TEMPLATE: ClassVar[str] = "units_index.md.j2"
    ui: UiStrings
    title: str
    finder: Finder
    regions: tuple[RegionNode, ...]
    categories: tuple[NamedList, ...]
    letters: tuple[NamedList, ...]


@dataclass(frozen=True)
class UnitListContext:
    """One page of the units of a category or a pinyin letter (`units/by-category/<id>/`,
    `units/a-z/<letter>/`)."""

    TEMPLATE: ClassVar[str] = "unit_list.md.j2"
    title: str
    up: Link
    count: str
    units: tuple[Link, ...]
    pager: Pager


@dataclass(frozen=True)
class RegionContext:
    TEMPLATE: ClassVar[str] = "region.md.j2"
    ui: UiStrings
    title: str
    parent: Link | None
    units: tuple[Link, ...]
    groups: tuple[Link, ...]


@dataclass(frozen=True)
class UnitFacts:
    """The facts block of a unit's page; empty fields have no row."""

    kind: str
    """The label of the name's row: unit or group."""
    name: Label
    region: Link
    category: str
    pinyin: str
    """English pages: the name in pinyin."""
    name_en: str
    """Chinese pages: the English name, when the data has one."""
    aliases: Label | None
    """Short name and other names, as one line."""


@dataclass(frozen=True)
class CarriedFrom:
    """A local duty that a task carries forward from an earlier one (`carried_from`)."""

    pieces: Pieces
    task: Link


@dataclass(frozen=True)
class DutyRow:
    """One task on a unit's page."""

    task: TaskName
    plan: Link
    deadlines: tuple[DeadlineBadge, ...]
    """Dated deadlines and recurring duties, each with its status on the build date."""
    note: CarriedFrom | None
    also_via: tuple[Link, ...] = ()
    """A duty through a group listed under one group: the other groups on the task the
    unit belongs to."""
    state: StateBadge | None = None
    """The task's state from the progress reports, when its plan has any."""


@dataclass(frozen=True)
class SourceLine:
    """Where it is stated that units belong to a group: a plan's own list, the committee's
    member list, or an editor's decision (shown as such, never as the source's words)."""

    kind: str
    """`plan`, `committee` or `editor` (`MembershipSource`)."""
    label: str
    """The kind in words (方案所列 / "Listed in the plan")."""
    where: Link | None
    """The plan clause whose wording lists the units (linked), or the member list's title."""
    quote: Label | None
    """The source's wording, verbatim (Chinese)."""
    note: Label | None
    """The editor's note, in the page's language where it has one."""


@dataclass(frozen=True)
class MembershipBlock:
    """One source of a group's membership and the member units it names."""

    source: SourceLine
    units: tuple[Link, ...]


@dataclass(frozen=True)
class ViaBlock:
    """The duties a unit has through one group it belongs to."""

    anchor: str
    group: Link
    count: int
    """Tasks through this group (on every page of the unit)."""
    basis: tuple[SourceLine, ...]
    """Why the unit counts as a member (its own sources only)."""
    rows: tuple[DutyRow, ...]
    continued: bool = False


@dataclass(frozen=True)
class RoleBlock:
    """The tasks that bind the unit in one role; through groups, one block per group."""

    anchor: str
    title: str
    count: int
    """Tasks in this role (on every page of the unit)."""
    intro: str
    rows: tuple[DutyRow, ...]
    groups: tuple[ViaBlock, ...] = ()
    continued: bool = False
    """The block began on an earlier page of the unit."""


@dataclass(frozen=True)
class RoleCount:
    """How many tasks bind the unit in one role, linked to where they are listed."""

    title: str
    count: int
    href: str
    """Empty for a role without tasks."""


@dataclass(frozen=True)
class DomainRow:
    plan: Link
    domains: Label
    phrase: Label


@dataclass(frozen=True)
class UnitContext:
    """A unit's page; groups use the same context with `kind` = group. A unit with many
    duties continues on further pages (`pager`), which repeat the counts but not the
    facts."""

    TEMPLATE: ClassVar[str] = "unit.md.j2"
    ui: UiStrings
    title: str
    unit_id: str
    region_id: str
    kind: str
    """`unit` or `group` (selects labels and the CSS class)."""
    facts: UnitFacts | None
    """The first page only."""
    as_of: str
    summary: str
    """How many tasks bind it (each task once), in words."""
    counts: tuple[RoleCount, ...]
    """Tasks per role, every role (zero included)."""
    roles: tuple[RoleBlock, ...]
    """The duties printed on this page, role by role."""
    pager: Pager | None
    domains: tuple[DomainRow, ...]
    groups: tuple[Link, ...]
    """For a unit: the groups it belongs to."""
    membership: tuple[MembershipBlock, ...]
    """For a group: its member units by source (and editor's notes without members)."""
    member_count: int
    peers: tuple[Link, ...]
    feeds: tuple[Link, ...]
    """The unit's duty table (CSV), deadline calendar (iCalendar) and change feed (Atom)."""
    keywords: Keywords | None
    """Hidden search keywords after the `<h1>` (name, short name, aliases, English name)."""
    filters: tuple[Filter, ...]
    """Hidden Pagefind filters of the page (region, unit)."""
    progress: UnitProgress | None = None
    """Every task that binds it, by state (None: no task does)."""
