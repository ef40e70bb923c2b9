"""Timelines: a plan's phases and dated deadlines, and every milestone of the site by month.

Dates are honest about their precision: a deadline stands for the *period* its phrase names
(`2024年底前` → the year 2024, ending 2024-12-31; `2024年6月底前` → June 2024), so views carry
a span (`start`…`end`) and the precision, never an invented day.  Recurring duties
(每季度至少1次) are not dates and are kept apart.

Status is relative to the build date (`SiteViews.today`, from `Settings.build_date`), as
everywhere a deadline appears (`generator.deadlines.date_status`): `past` when the span has
ended, `soon` when it ends within `deadlines.SOON_DAYS`, `later` otherwise.  Entries are
named by the pages (a task by `generator.titles.task_title`, in the page's language): an
entry carries the milestone or phase it stands for.

Page weight (developer-docs/architecture.md: pages do not grow with the site): the global
timeline grows with the data, so it is split.  The index `/timeline/` holds one row per
month (bounded by the years covered, not by the number of plans) plus at most `SOON_LIMIT`
upcoming entries; each month has its own page `/timeline/<yyyy-mm>/`, and a month with more
than `PAGE_SIZE` entries continues on `/timeline/<yyyy-mm>/2/`, `/3/`….  Year-end deadlines
all fall in December, so December pages are the ones that continue.  At ~620 bytes of page
body per entry (measured on the fixture, see `tests/test_render_crosscut.py`) a page body
stays under ~95 KB, ~125 KB with the theme around it, whatever the size of the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..deadlines import DeadlineStatus, date_status
from ..model import Deadline, Item, Phase, Plan, Precision, Recurrence
from ..titles import task_title
from . import urls
from .site import Milestone, PlanView, SiteViews, TaskView

Status = Literal["past", "soon", "later"]
STATUSES: tuple[Status, ...] = ("past", "soon", "later")
PAGE_SIZE = 150
"""Most entries on one month page of the global timeline."""
SOON_LIMIT = 30
"""Most upcoming entries listed on the global timeline's index page."""

TIMELINE = "timeline/"


def plan_timeline_path(plan_id: str) -> str:
    return f"{urls.plan(plan_id)}timeline/"


def month_path(key: str, part: int = 1) -> str:
    """`2024-12` → `timeline/2024-12/`; later parts `timeline/2024-12/2/`."""
    return f"{TIMELINE}{key}/" if part == 1 else f"{TIMELINE}{key}/{part}/"


def status(end: dt.date, today: dt.date) -> Status:
    """`generator.deadlines.date_status` in the timeline's words (`past` for passed)."""
    found = date_status(end, today)
    return "past" if found is DeadlineStatus.passed else found.value  # type: ignore[return-value]


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    """First day of the month `back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def span(deadline: Deadline) -> tuple[dt.date, dt.date]:
    """The period a deadline stands for: the whole year for `2024年底前`, the month for
    `2024年6月底前`, the quarter/half-year, or the day itself."""
    end = deadline.date
    match deadline.precision:
        case Precision.year:
            return dt.date(end.year, 1, 1), end
        case Precision.half:
            return _month_start(end, 5), end
        case Precision.quarter:
            return _month_start(end, 2), end
        case Precision.month:
            return _month_start(end), end
        case _:
            return end, end


@dataclass(frozen=True)
class Entry:
    """A row of a timeline: a phase (a date range) or a deadline (a span of its precision)."""

    kind: Literal["phase", "deadline"]
    plan: Plan
    label: str
    """What: the phase name, `第2条 …` or a section title."""
    url: str
    """Site path with the clause anchor."""
    start: dt.date
    end: dt.date
    precision: Precision
    status: Status
    phrase: str = ""
    """The source phrase (`2024年底前`) or the phase's dates as printed."""
    no: str = ""
    """A phase's printed number (`（一）`)."""
    current: bool = False
    """A phase in progress on the build date."""
    clause: tuple[str, str | None] | None = None
    """(task id, sub-item id or None) of a task's deadline; None for other entries."""
    milestone: Milestone | None = None
    """The deadline the entry stands for (a deadline entry)."""
    phase: Phase | None = None
    """The phase the entry stands for (a phase entry)."""

    @property
    def month(self) -> str:
        return f"{self.end.year:04d}-{self.end.month:02d}"


@dataclass(frozen=True)
class Recurring:
    """A recurring duty (每季度至少1次), listed apart from dated entries."""

    plan: Plan
    label: str
    url: str
    phrase: str
    every: str
    times: int | None
    task: TaskView | None = None
    item: Item | None = None
    source: Recurrence | None = None


@dataclass(frozen=True)
class PlanTimeline:
    view: PlanView
    today: dt.date
    phases: tuple[Entry, ...]
    deadlines: tuple[Entry, ...]
    """Dated deadlines by end date, one per (date, phrase, clause)."""
    recurring: tuple[Recurring, ...]
    start: dt.date
    """First day shown on the chart (1 January of the first year)."""
    end: dt.date
    """Last day shown (31 December of the last year)."""

    @property
    def path(self) -> str:
        return plan_timeline_path(self.view.plan.id)

    def by_precision(self) -> dict[Precision, int]:
        out: dict[Precision, int] = {}
        for entry in self.deadlines:
            out[entry.precision] = out.get(entry.precision, 0) + 1
        return out


def _deadline_entry(m: Milestone, today: dt.date) -> Entry:
    start, end = span(m.deadline)
    return Entry(
        "deadline",
        m.plan,
        m.label,
        m.url,
        start,
        end,
        m.deadline.precision,
        status(end, today),
        phrase=m.deadline.phrase,
        clause=(m.task.task.id, m.deadline.item) if m.task is not None else None,
        milestone=m,
    )


def _unique(milestones: Iterable[Milestone]) -> Iterator[Milestone]:
    seen: set[tuple[dt.date, str, str]] = set()
    for m in milestones:
        key = (m.date, m.deadline.phrase, m.url)
        if key not in seen:
            seen.add(key)
            yield m


def _recurring(view: PlanView) -> Iterator[Recurring]:
    for tv in view.tasks:
        items = {item.id: item for item in tv.task.items}
        for r in tv.task.recurrence:
            anchor = urls.item_anchor(tv.task.id, r.item) if r.item else tv.anchor
            url = f"{tv.page}#{anchor}"
            item = items.get(r.item) if r.item else None
            label = f"{tv.number} {task_title(tv.task).text}".strip()
            yield Recurring(view.plan, label, url, r.phrase, r.every, r.times, tv, item, r)


def plan_timeline(view: PlanView, today: dt.date) -> PlanTimeline:
    plan = view.plan
    phases = tuple(
        Entry(
            "phase",
            plan,
            p.name,
            view.href(urls.phase_anchor(p.id)),
            p.start,
            p.end,
            Precision.day,
            status(p.end, today),
            phrase=p.period_text or "",
            no=p.no or "",
            current=p.start <= today <= p.end,
            phase=p,
        )
        for p in plan.phases()
    )
    deadlines = tuple(_deadline_entry(m, today) for m in _unique(view.milestones))
    deadlines = tuple(sorted(deadlines, key=lambda e: (e.end, e.start, e.url)))
    days = [plan.period.start, plan.period.end]
    days += [d for e in phases + deadlines for d in (e.start, e.end)]
    return PlanTimeline(
        view,
        today,
        phases,
        deadlines,
        tuple(_recurring(view)),
        dt.date(min(days).year, 1, 1),
        dt.date(max(days).year, 12, 31),
    )


# --- the site-wide timeline -------------------------------------------------------------------


@dataclass(frozen=True)
class MonthPage:
    key: str
    """`2024-12`."""
    part: int
    parts: int
    entries: tuple[Entry, ...]

    @property
    def path(self) -> str:
        return month_path(self.key, self.part)


@dataclass(frozen=True)
class Month:
    key: str
    year: int
    month: int
    counts: dict[Status, int]
    pages: tuple[MonthPage, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def status(self) -> Status:
        """The status of the month as a whole (by its last day)."""
        return self.pages[0].entries[-1].status if self.pages[0].entries else "later"


@dataclass(frozen=True)
class SiteTimeline:
    today: dt.date
    months: tuple[Month, ...]
    soon: tuple[Entry, ...]
    """The next upcoming entries (at most `SOON_LIMIT`)."""
    upcoming_total: int
    """How many entries end on or after the build date."""

    def pages(self) -> Iterator[MonthPage]:
        for month in self.months:
            yield from month.pages

    @property
    def total(self) -> int:
        return sum(m.total for m in self.months)


def site_timeline(
    views: SiteViews, today: dt.date | None = None, page_size: int = PAGE_SIZE
) -> SiteTimeline:
    """Every dated milestone of every plan, by the month its span ends in."""
    today = today or views.today
    entries = sorted(
        (_deadline_entry(m, today) for m in _unique(views.milestones)),
        key=lambda e: (e.end, e.plan.id, e.start, e.url),
    )
    by_month: dict[str, list[Entry]] = {}
    for entry in entries:
        by_month.setdefault(entry.month, []).append(entry)
    months = []
    for key, rows in by_month.items():
        chunks = [rows[i : i + page_size] for i in range(0, len(rows), page_size)]
        counts = {s: sum(1 for e in rows if e.status == s) for s in STATUSES}
        pages = tuple(
            MonthPage(key, n, len(chunks), tuple(chunk)) for n, chunk in enumerate(chunks, 1)
        )
        months.append(Month(key, int(key[:4]), int(key[5:]), counts, pages))
    upcoming = [e for e in entries if e.end >= today]
    return SiteTimeline(today, tuple(months), tuple(upcoming[:SOON_LIMIT]), len(upcoming))
