"""Timelines: each plan's `/plans/<id>/timeline/` (phases and dated deadlines as a static
chart, repeated as tables for assistive technology, and the recurring duties apart), and
the portal's `/timeline/` (a year × month calendar of counts, what is due next) with one
page per month `/timeline/<yyyy-mm>/` (continued on `…/2/` when long)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from ...deadlines import period_phrase
from ...model import Precision
from ...views import urls
from ...views.timeline import STATUSES, TIMELINE, Entry, MonthPage, PlanTimeline, Recurring
from ..contexts.common import Label, Link, Pager, TaskName, When
from ..contexts.timeline import (
    Bar,
    LegendItem,
    MonthCell,
    PlanTimelineContext,
    RecurringRow,
    Tick,
    TimelineIndexContext,
    TimelineMonthContext,
    TimelineRow,
    TimelineSummary,
    YearRow,
)
from ..kit import PageKit
from ..renderer import Page, PageGroup, one_page
from ..when import when


def groups(kit: PageKit) -> list[PageGroup]:
    """Every plan's timeline, the calendar, and the month pages, with their costs."""
    data = kit.data
    months = list(data.timeline.pages())
    return [
        *(
            PageGroup(
                len(view.tasks) + 1,
                partial(one_page, plan_timeline, kit, data.timelines[view.plan.id]),
            )
            for view in kit.views.plans
        ),
        PageGroup(20, partial(one_page, calendar, kit)),
        *(
            PageGroup(len(page.entries) + 1, partial(one_page, month, kit, months, i))
            for i, page in enumerate(months)
        ),
    ]


def plan_timeline(kit: PageKit, timeline: PlanTimeline) -> Page:
    ui, view = kit.ui, timeline.view
    here = timeline.path
    axis = (timeline.start, timeline.end)
    today = timeline.today
    total = (timeline.end - timeline.start).days + 1
    where = (today - timeline.start).days / total * 100
    today_tick = (
        Tick(_pct(where), ui.format("tl_today", date=today.isoformat()), flip=where > 60)
        if timeline.start <= today <= timeline.end
        else None
    )
    precisions = timeline.by_precision()
    summary = TimelineSummary(
        phases=len(timeline.phases),
        deadlines=len(timeline.deadlines),
        by_precision=tuple(
            ui.format("tl_by_precision", precision=ui[f"precision_{p.value}"], count=n)
            for p in Precision
            if (n := precisions.get(p))
        ),
        recurring=len(timeline.recurring),
    )
    names = kit.names
    ctx = PlanTimelineContext(
        ui=ui,
        title=ui.format("plan_timeline_title", plan=names.plan(view.plan, short=True)),
        plan=names.link(names.plan(view.plan), kit.link(here, view.url)),
        as_of=kit.as_of,
        summary=summary,
        legend=legend(kit),
        ticks=_ticks(kit, *axis),
        today=today_tick,
        phases=tuple(_row(kit, here, e, axis, False) for e in timeline.phases),
        deadlines=tuple(_row(kit, here, e, axis, False) for e in timeline.deadlines),
        recurring=tuple(_recurring(kit, here, r) for r in timeline.recurring),
        site_timeline=Link(ui.site_timeline_title, kit.link(here, TIMELINE)),
        with_progress=kit.data.progress.plan_published(view.plan.id),
    )
    return kit.render(here, ctx)


def calendar(kit: PageKit) -> Page:
    ui, site = kit.ui, kit.data.timeline
    here = TIMELINE
    by_year: dict[int, list[MonthCell | None]] = {}
    for m in site.months:
        cells = by_year.setdefault(m.year, [None] * 12)
        cells[m.month - 1] = MonthCell(
            _month_label(kit, m.year, m.month),
            kit.link(here, m.pages[0].path),
            m.total,
            # a month is as urgent as its most urgent entry
            next((s for s in ("soon", "later", "past") if m.counts.get(s)), "later"),
        )
    soon = tuple(_row(kit, here, e, None, True) for e in site.soon)
    more = site.upcoming_total - len(soon)
    ctx = TimelineIndexContext(
        ui=ui,
        title=ui.site_timeline_title,
        as_of=kit.as_of,
        summary=ui.format(
            "site_timeline_summary",
            total=site.total,
            plans=len({e.plan.id for p in site.pages() for e in p.entries}),
            upcoming=site.upcoming_total,
        ),
        legend=legend(kit)[:3],
        months=tuple(ui.format("month_short", month=m) for m in range(1, 13)),
        years=tuple(YearRow(str(y), tuple(c)) for y, c in sorted(by_year.items())),
        soon=soon,
        soon_more=ui.format("soon_more", count=more) if more > 0 else "",
        with_progress=kit.data.progress.published,
    )
    return kit.render(here, ctx)


def month(kit: PageKit, pages: list[MonthPage], i: int) -> Page:
    """The `i`-th of the month pages `pages` (a long month has several)."""
    ui, page = kit.ui, pages[i]
    here = page.path
    this = next(m for m in kit.data.timeline.months if m.key == page.key)
    parts = kit.pager(here, ui.pager_label, [p.path for p in this.pages], page.part, False)
    prev = pages[i - 1] if i > 0 else None
    nxt = pages[i + 1] if i + 1 < len(pages) else None
    pager = Pager(
        parts.label,
        Link(_label_of(kit, prev), kit.link(here, prev.path)) if prev else None,
        Link(_label_of(kit, nxt), kit.link(here, nxt.path)) if nxt else None,
        parts.parts,
    )
    ctx = TimelineMonthContext(
        ui=ui,
        title=kit.part_title(_month_label(kit, this.year, this.month), page.part, page.parts),
        as_of=kit.as_of,
        legend=legend(kit)[:3],
        index=Link(ui.site_timeline_title, kit.link(here, TIMELINE)),
        pager=pager,
        rows=tuple(_row(kit, here, e, None, True) for e in page.entries),
        with_progress=kit.data.progress.published,
    )
    return kit.render(here, ctx)


# --- pieces ---------------------------------------------------------------------------------


def legend(kit: PageKit) -> tuple[LegendItem, ...]:
    ui = kit.ui
    return (
        *(LegendItem(f"pp-tl--{s}", ui[f"tl_status_{s}"]) for s in STATUSES),
        LegendItem("pp-tl-key--point", ui.tl_key_point),
        LegendItem("pp-tl-key--span", ui.tl_key_span),
    )


def _recurring(kit: PageKit, here: str, r: Recurring) -> RecurringRow:
    what = (
        kit.task_name(here, r.task, r.item)
        if r.task is not None
        else TaskName("", r.label, kit.link(here, r.url), kit.names.text_lang(r.label))
    )
    phrase = kit.recurrence(r.source, r.plan).phrase if r.source else kit.names.label(r.phrase)
    return RecurringRow(what, phrase, kit.ui[f"every_{r.every}"])


def _what(kit: PageKit, here: str, entry: Entry) -> TaskName:
    """The task, item, chapter, section or phase an entry stands for, in the page's
    language."""
    if entry.milestone is not None:
        return kit.milestone_name(here, entry.milestone)
    label = kit.text(entry.phase, "name") if entry.phase is not None else Label(entry.label)
    number = entry.no if not kit.names.english else ""
    title = f"{number}{label.text or entry.label}"
    return TaskName("", title, kit.link(here, entry.url), label.lang)


def _phrase(kit: PageKit, entry: Entry) -> Label:
    """The deadline in words in the page's language; a phase's span."""
    if entry.milestone is not None:
        return kit.deadline(entry.milestone.deadline).phrase
    if kit.names.english or not entry.phrase:
        return Label(period_phrase(entry.start, entry.end, kit.ui))
    return Label(entry.phrase)


def _pct(value: float) -> str:
    return f"{max(0.0, min(100.0, value)):.3f}%"


def _row(
    kit: PageKit, here: str, entry: Entry, axis: tuple[dt.date, dt.date] | None, with_plan: bool
) -> TimelineRow:
    ui = kit.ui
    bar = Bar("0%", "0%", True)
    if axis is not None:
        t0, t1 = axis
        total = (t1 - t0).days + 1
        left = (entry.start - t0).days / total * 100
        width = ((entry.end - entry.start).days + 1) / total * 100
        point = entry.kind == "deadline" and entry.precision == Precision.day
        bar = Bar(_pct(left if not point else left + width / 2), _pct(width), point)
    plan, names = entry.plan, kit.names
    return TimelineRow(
        kind=entry.kind,
        status=entry.status,
        status_text=ui[f"tl_status_{entry.status}"],
        what=_what(kit, here, entry),
        phrase=_phrase(kit, entry),
        since=When(entry.start.isoformat(), entry.start.isoformat())
        if entry.kind == "phase"
        else None,
        when=When(entry.end.isoformat(), entry.end.isoformat())
        if entry.kind == "phase"
        else when(entry.end, entry.precision, ui),
        precision=entry.precision.value,
        precision_text=ui[f"precision_{entry.precision.value}"],
        bar=bar,
        plan=(
            names.link(names.plan(plan, short=True), kit.link(here, urls.plan(plan.id)))
            if with_plan
            else None
        ),
        current=entry.current,
        progress=kit.reporting.clause_state(plan.id, entry.clause),
    )


def _ticks(kit: PageKit, t0: dt.date, t1: dt.date) -> tuple[Tick, ...]:
    total = (t1 - t0).days + 1
    return tuple(
        Tick(
            _pct((dt.date(y, 1, 1) - t0).days / total * 100),
            kit.ui.format("year_label", year=y),
        )
        for y in range(t0.year, t1.year + 1)
    )


def _month_label(kit: PageKit, year: int, month: int) -> str:
    return kit.ui.format("month_label", year=year, month=month, mm=f"{month:02d}")


def _label_of(kit: PageKit, page: MonthPage) -> str:
    label = _month_label(kit, int(page.key[:4]), int(page.key[5:]))
    return label if page.parts == 1 else f"{label} ({page.part}/{page.parts})"
