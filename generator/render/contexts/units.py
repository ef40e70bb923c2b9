"""Contexts of the unit pages: the units index, its lists, regions, and each unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import Filter, Keywords, Label, Link, Pager, Pieces, When
from .progress import UnitProgress


@dataclass(frozen=True)
class NamedList:
    """A heading and its links (a category's units, a letter of the A–Z index)."""

    anchor: str
    title: str
    href: str
    links: tuple[Link, ...]
    count: int = 0


@dataclass(frozen=True)
class RegionNode:
    """A region in the tree of the units index: its page, its own units, its subregions."""

    anchor: str
    title: Link
    count: int
    links: tuple[Link, ...]
    """The region's units, listed inline while the portal is small (`INLINE_UNITS`)."""
    children: tuple[RegionNode, ...]


@dataclass(frozen=True)
class UnitsIndexContext:
    TEMPLATE: ClassVar[str] = "units_index.md.j2"
    ui: UiStrings
    title: str
    regions: tuple[RegionNode, ...]
    categories: tuple[NamedList, ...]
    letters: tuple[NamedList, ...]
    """`href` of each: its own page; `links` only while the portal is small."""


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
class DutyDeadline:
    phrase: Label
    when: When


@dataclass(frozen=True)
class CarriedFrom:
    """A local duty that a task carries forward from an earlier one (`carried_from`)."""

    pieces: Pieces
    task: Link


@dataclass(frozen=True)
class DutyRow:
    plan: Link
    task: Link
    citation: str
    deadlines: tuple[DutyDeadline, ...]
    note: CarriedFrom | None


@dataclass(frozen=True)
class RoleBlock:
    title: str
    rows: tuple[DutyRow, ...]


@dataclass(frozen=True)
class DomainRow:
    plan: Link
    domains: Label
    phrase: Label


@dataclass(frozen=True)
class UnitContext:
    """A unit's page; groups use the same context with `kind` = group."""

    TEMPLATE: ClassVar[str] = "unit.md.j2"
    ui: UiStrings
    title: str
    unit_id: str
    region_id: str
    kind: str
    """`unit` or `group` (selects labels and the CSS class)."""
    facts: UnitFacts
    as_of: str
    roles: tuple[RoleBlock, ...]
    domains: tuple[DomainRow, ...]
    groups: tuple[Link, ...]
    members: tuple[Link, ...]
    peers: tuple[Link, ...]
    feeds: tuple[Link, ...]
    """The unit's deadline calendar (iCalendar) and change feed (Atom)."""
    keywords: Keywords | None
    """Hidden search keywords after the `<h1>` (name, short name, aliases, English name)."""
    filters: tuple[Filter, ...]
    """Hidden Pagefind filters of the page (region, unit)."""
    progress: UnitProgress | None = None
    """Every task that binds it, by state (None: no task does)."""
