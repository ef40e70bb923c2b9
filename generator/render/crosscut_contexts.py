"""Page contexts of the cross-cutting pages: timelines, topics (see `contexts.py` for rules).

Every field is display-ready; chart geometry (percentages along the time axis) is computed
in `generator.render.crosscut`, templates only place it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from .contexts import NO_MARKUP, Field, Link
from .ui import UiStrings


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
    what: Link
    no: str
    phrase: str
    """As printed: `2024年底前`, or a phase's dates as printed."""
    when: Markup
    """`<time>` elements at the stated precision (never an invented day)."""
    precision: str
    precision_text: str
    bar: Bar
    plan: Link | None
    current: bool
    """A phase in progress on the build date."""


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
    what: Link
    phrase: str
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
class Pager:
    label: str
    prev: Link | None
    next: Link | None
    parts: tuple[Link, ...]
    """Links to every part of a split page (empty when not split); current has href ''."""


@dataclass(frozen=True)
class TopicTask:
    what: Link
    citation: str
    responsibility: str
    deadlines: tuple[str, ...]


@dataclass(frozen=True)
class TopicGroupBlock:
    anchor: str
    plan: Link
    meta: str
    """Region and issuer."""
    count: str
    """`3 项任务`."""
    continued: bool
    tasks: tuple[TopicTask, ...]
    leads: tuple[str, ...]
    """Domain leads stated in prose (区住建局牵头负责建筑施工、燃气等行业领域)."""


@dataclass(frozen=True)
class TopicRow:
    link: Link
    name_en: str
    counts: str


# --- page contexts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanTimelineContext:
    TEMPLATE: ClassVar[str] = "plan_timeline.md.j2"
    ui: UiStrings
    title: str
    plan: Link
    as_of: str
    summary: tuple[Field, ...]
    legend: tuple[LegendItem, ...]
    ticks: tuple[Tick, ...]
    today: Tick | None
    phases: tuple[TimelineRow, ...]
    deadlines: tuple[TimelineRow, ...]
    recurring: tuple[RecurringRow, ...]
    site_timeline: Link


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


@dataclass(frozen=True)
class TopicsIndexContext:
    TEMPLATE: ClassVar[str] = "topics_index.md.j2"
    ui: UiStrings
    title: str
    topics: tuple[TopicRow, ...]


@dataclass(frozen=True)
class TopicContext:
    TEMPLATE: ClassVar[str] = "topic.md.j2"
    ui: UiStrings
    title: str
    topic_id: str
    name_en: str
    summary: str
    index: Link
    pager: Pager
    groups: tuple[TopicGroupBlock, ...]
    keywords: Markup = NO_MARKUP
    """Hidden search keywords after the `<h1>` (the topic's name in Chinese and English)."""
    indexed: bool = True
    """Searchable (the first part only): the topic is found by its name; the tasks it
    lists are found on their plan pages, not once more per topic."""


CROSSCUT_CONTEXTS = (
    PlanTimelineContext,
    TimelineIndexContext,
    TimelineMonthContext,
    TopicsIndexContext,
    TopicContext,
)
