"""Contexts of the home page and the plans index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import Count, DeadlineBadge, Finder, Label, Link, Pager, PeriodBadge, TaskName
from .progress import CardProgress


@dataclass(frozen=True)
class DeadlineRow:
    deadline: DeadlineBadge
    """In words in the page's language, with its status on the build date."""
    what: TaskName
    plan: Link


@dataclass(frozen=True)
class PlanCard:
    title: Link
    issuer: Label
    region: str
    period: str
    period_status: PeriodBadge
    """Whether the plan's period has begun, is running or has ended (build date)."""
    counts: tuple[Count, ...]
    next_deadline: DeadlineRow | None
    progress: CardProgress | None = None
    """Its progress figures and latest round (None while the portal has no report)."""


@dataclass(frozen=True)
class HomeContext:
    TEMPLATE: ClassVar[str] = "home.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    plans: tuple[PlanCard, ...]
    """The most recent plans (`HOME_PLANS`), newest first."""
    all_plans: Link
    """To the plans index, with the number of plans."""
    upcoming: tuple[DeadlineRow, ...]
    recent: tuple[DeadlineRow, ...]
    sections: tuple[Link, ...]
    """Links to the index pages (plans, units, about)."""
    finder: Finder
    no_reports: str = ""
    """`本站尚未发布进展报告。` while the portal has no report (its cards show none)."""


@dataclass(frozen=True)
class PlanGroup:
    """The plans of one province on the plans index: a link to its pages, and the cards
    themselves while the portal is small (`INLINE_PLANS`)."""

    anchor: str
    title: Link
    count: int
    plans: tuple[PlanCard, ...]


@dataclass(frozen=True)
class PlansIndexContext:
    TEMPLATE: ClassVar[str] = "plans_index.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    groups: tuple[PlanGroup, ...]


@dataclass(frozen=True)
class PlansRegionContext:
    """One page of the plans of one province (`plans/by-region/<id>/`)."""

    TEMPLATE: ClassVar[str] = "plans_region.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    up: Link
    plans: tuple[PlanCard, ...]
    pager: Pager
