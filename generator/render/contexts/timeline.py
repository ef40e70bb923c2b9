"""Contexts of the timelines: a plan's, the portal's calendar, its month pages.

Chart geometry (percentages along the time axis) is computed by the timeline family;
templates only place it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import Label, Link, Pager, TaskName, When
from .progress import StateBadge


@dataclass(frozen=True)
class Bar:
    """Where a row sits on the time axis, in percent of the chart width."""

    left: str
    width: str
    point: bool
    """A single day: drawn as a marker, not a bar."""


@dataclass(frozen=True)
class TimelineRow:
    kind: str
    """`phase` or `deadline`."""
    status: str
    """`past`, `soon` or `later` (CSS class `pp-tl--<status>`)."""
    status_text: str
    what: TaskName
    """The task (number and title, derived titles marked), or the phase (with its printed
    number on Chinese pages), chapter or section, named in the page's language."""
    phrase: Label
    """The deadline in words in the page's language (`2024年底前`, "by the end of 2024"),
    or a phase's dates."""
    since: When | None
    """A phase's first day."""
    when: When
    """A deadline at the precision stated (never an invented day), or a phase's last day."""
    precision: str
    precision_text: str
    bar: Bar
    plan: Link | None
    current: bool
    """A phase in progress on the build date."""
    progress: StateBadge | None = None
    """The state of the task the deadline belongs to (plans with reports only)."""


@dataclass(frozen=True)
class Tick:
    left: str
    label: str
    flip: bool = False
    """Label to the left of the line (near the right edge of the chart)."""


@dataclass(frozen=True)
class LegendItem:
    cls: str
    label: str


@dataclass(frozen=True)
class RecurringRow:
    what: TaskName
    phrase: Label
    """In the page's language (每季度至少1次, "at least once a quarter")."""
    every: str


@dataclass(frozen=True)
class MonthCell:
    label: str
    """`2024年12月` (for the hidden label of the count link)."""
    href: str
    count: int
    status: str


@dataclass(frozen=True)
class YearRow:
    year: str
    cells: tuple[MonthCell | None, ...]
    """Twelve cells, `None` for a month without entries."""


@dataclass(frozen=True)
class TimelineSummary:
    phases: int
    deadlines: int
    by_precision: tuple[str, ...]
    """`年 3 个` for each precision the deadlines are stated at."""
    recurring: int


@dataclass(frozen=True)
class PlanTimelineContext:
    TEMPLATE: ClassVar[str] = "plan_timeline.md.j2"
    ui: UiStrings
    title: str
    plan: Link
    as_of: str
    summary: TimelineSummary
    legend: tuple[LegendItem, ...]
    ticks: tuple[Tick, ...]
    today: Tick | None
    phases: tuple[TimelineRow, ...]
    deadlines: tuple[TimelineRow, ...]
    recurring: tuple[RecurringRow, ...]
    site_timeline: Link
    with_progress: bool = False
    """Rows show the state of their task (the plan, or the portal, has reports)."""


@dataclass(frozen=True)
class TimelineIndexContext:
    TEMPLATE: ClassVar[str] = "timeline_index.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    summary: str
    legend: tuple[LegendItem, ...]
    months: tuple[str, ...]
    """Column headings 1月 … 12月."""
    years: tuple[YearRow, ...]
    soon: tuple[TimelineRow, ...]
    soon_more: str
    """`还有 N 项，见各月页面` when the list is capped, else empty."""
    with_progress: bool = False
    """Rows show the state of their task (the plan, or the portal, has reports)."""


@dataclass(frozen=True)
class TimelineMonthContext:
    TEMPLATE: ClassVar[str] = "timeline_month.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    legend: tuple[LegendItem, ...]
    index: Link
    pager: Pager
    rows: tuple[TimelineRow, ...]
    with_progress: bool = False
    """Rows show the state of their task (the plan, or the portal, has reports)."""
