"""Cross-cutting pages and plan-page parts: timelines, topics, lineage.

`Crosscut(builder, regions)` computes the views once (`views.timeline`, `views.topics`,
`views.lineage`) and renders, with the builder's renderer and UI strings:

- `/plans/<plan>/timeline/`: phases and dated deadlines as a static HTML chart (no JavaScript;
  the chart is hidden from assistive technology and repeated as tables below it), plus the
  recurring duties listed apart;
- `/timeline/` (a year × month calendar of counts, and what is due next) and one page per
  month `/timeline/<yyyy-mm>/` (continued on `…/2/` when long; see `views.timeline`);
- `/topics/` and `/topics/<topic>/` (split into parts when long; see `views.topics`);
- on plan pages: the lineage chain and a link to the timeline (`plan_meta`), and per task
  its topics as links and the tasks it implements / is implemented by (`task_facts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..model import Precision, Region
from ..search_keywords import keyword_html
from ..views import SiteViews, urls
from ..views.lineage import Lineage
from ..views.site import PlanView, TaskView
from ..views.timeline import (
    STATUSES,
    TIMELINE,
    Entry,
    PlanTimeline,
    SiteTimeline,
    labels,
    plan_timeline,
    site_timeline,
)
from ..views.topics import TOPICS, TopicPage, TopicView, group_anchor, topic_views
from .contexts import Field, Link
from .crosscut_contexts import (
    Bar,
    LegendItem,
    MonthCell,
    Pager,
    PlanTimelineContext,
    RecurringRow,
    Tick,
    TimelineIndexContext,
    TimelineMonthContext,
    TimelineRow,
    TopicContext,
    TopicGroupBlock,
    TopicRow,
    TopicsIndexContext,
    TopicTask,
    YearRow,
)
from .links import relative
from .renderer import Page, PageGroup, one_page
from .text import html_format, html_join
from .when import when

if TYPE_CHECKING:
    from .pages import PageBuilder


def _pct(value: float) -> str:
    return f"{max(0.0, min(100.0, value)):.3f}%"


@dataclass(frozen=True)
class CrosscutViews:
    """The views behind timelines, topics and lineage: the same in every language, so the
    trees rendered by one process share them (`crosscut_views`)."""

    lineage: Lineage
    timelines: dict[str, PlanTimeline]
    site: SiteTimeline
    topics: dict[str, TopicView]
    labels: dict[str, str]
    """Labels of untitled tasks (number + start of the text), by clause URL."""


def crosscut_views(
    views: SiteViews, topics: Mapping[str, Any], regions: Mapping[str, Region]
) -> CrosscutViews:
    return CrosscutViews(
        lineage=Lineage(views, regions),
        timelines={p.plan.id: plan_timeline(p, views.today) for p in views.plans},
        site=site_timeline(views),
        topics={t.topic.id: t for t in topic_views(views, topics)},
        labels={url: label for p in views.plans for url, label in labels(p).items()},
    )


class Crosscut:
    def __init__(
        self,
        builder: PageBuilder,
        regions: Mapping[str, Region],
        shared: CrosscutViews | None = None,
    ) -> None:
        self.builder = builder
        self.views = builder.views
        self.ui = builder.ui
        self.renderer = builder.renderer
        shared = shared or crosscut_views(self.views, builder.topics, regions)
        self.lineage = shared.lineage
        self.timelines = shared.timelines
        self.site = shared.site
        self.topics = shared.topics
        self.labels = shared.labels

    # --- shared pieces ---------------------------------------------------------------------

    def _name(self, record: Any) -> str:
        """A record's name in this tree's language (`PageBuilder.names` when present)."""
        names = getattr(self.builder, "names", None)
        return names.of(record) if names is not None else record.name

    def legend(self) -> tuple[LegendItem, ...]:
        ui = self.ui
        return (
            *(LegendItem(f"pp-tl--{s}", ui[f"tl_status_{s}"]) for s in STATUSES),
            LegendItem("pp-tl-key--point", ui.tl_key_point),
            LegendItem("pp-tl-key--span", ui.tl_key_span),
        )

    def _when(self, entry: Entry) -> Markup:
        ui, end = self.ui, entry.end
        if entry.kind == "phase":
            return html_format(
                '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>',
                entry.start.isoformat(),
                entry.start.isoformat(),
                end.isoformat(),
                end.isoformat(),
            )
        return when(end, entry.precision, ui)

    def _row(
        self, here: str, entry: Entry, axis: tuple[dt.date, dt.date] | None, with_plan: bool
    ) -> TimelineRow:
        ui = self.ui
        bar = Bar("0%", "0%", True)
        if axis is not None:
            t0, t1 = axis
            total = (t1 - t0).days + 1
            left = (entry.start - t0).days / total * 100
            width = ((entry.end - entry.start).days + 1) / total * 100
            point = entry.kind == "deadline" and entry.precision == Precision.day
            bar = Bar(_pct(left if not point else left + width / 2), _pct(width), point)
        plan = entry.plan
        return TimelineRow(
            kind=entry.kind,
            status=entry.status,
            status_text=ui[f"tl_status_{entry.status}"],
            what=Link(entry.label, relative(here, entry.url)),
            no=entry.no,
            phrase=entry.phrase,
            when=self._when(entry),
            precision=entry.precision.value,
            precision_text=ui[f"precision_{entry.precision.value}"],
            bar=bar,
            plan=(
                Link(plan.short_title or plan.title, relative(here, urls.plan(plan.id)))
                if with_plan
                else None
            ),
            current=entry.current,
        )

    def _ticks(self, t0: dt.date, t1: dt.date) -> tuple[Tick, ...]:
        years = range(t0.year, t1.year + 1)
        total = (t1 - t0).days + 1
        return tuple(
            Tick(
                _pct((dt.date(y, 1, 1) - t0).days / total * 100),
                self.ui.format("year_label", year=y),
            )
            for y in years
        )

    def pager(
        self, here: str, label: str, parts: list[str], current: int, prev_next: bool = True
    ) -> Pager:
        """`parts`: site paths of every part; `current`: 1-based."""
        links = tuple(
            Link(str(n), "" if n == current else relative(here, path))
            for n, path in enumerate(parts, 1)
        )
        prev = (
            Link(self.ui.page_prev, relative(here, parts[current - 2]))
            if current > 1 and prev_next
            else None
        )
        nxt = (
            Link(self.ui.page_next, relative(here, parts[current]))
            if current < len(parts) and prev_next
            else None
        )
        return Pager(label, prev, nxt, links if len(parts) > 1 else ())

    # --- plan page parts -------------------------------------------------------------------

    def plan_meta(self, here: str, view: PlanView) -> Iterator[Field]:
        """Lineage chain, plans implementing this one, and the link to the timeline."""
        ui, plan = self.ui, view.plan
        steps = self.lineage.chain(plan)
        if steps:
            items = []
            for step in steps:
                names = []
                for a in step.plans:
                    title = f"《{a.title}》"
                    if a.view is not None:
                        name = html_format('<a href="{}">{}</a>', relative(here, a.view.url), title)
                    else:
                        name = escape(title)
                    if a.doc_number:
                        name += html_format(
                            '<span class="pp-lineage__docno">（{}）</span>', a.doc_number
                        )
                    names.append(name)
                level = (
                    html_format('<span class="pp-lineage__level">{}</span>', step.region.name)
                    if step.region
                    else Markup("")
                )
                items.append(html_format("<li>{}{}</li>", level, html_join("、", names)))
            region = view.region.name if view.region else plan.region
            items.append(
                Markup(
                    '<li aria-current="page"><span class="pp-lineage__level">{}</span>'
                    '<span class="pp-lineage__this">{}</span></li>'
                ).format(region, ui.lineage_this_plan)
            )
            yield Field(
                ui.meta_lineage,
                html_format('<ol class="pp-lineage">{}</ol>', html_join("", items)),
            )
        children = self.lineage.children_of(plan)
        if children:
            yield Field(
                ui.meta_children,
                html_join(
                    "、",
                    (
                        html_format('<a href="{}">《{}》</a>', relative(here, c.url), c.plan.title)
                        for c in children
                    ),
                ),
            )
        timeline = self.timelines[plan.id]
        counts = ui.format(
            "timeline_counts", phases=len(timeline.phases), deadlines=len(timeline.deadlines)
        )
        yield Field(
            ui.meta_timeline,
            html_format(
                '<a class="pp-timeline-link" href="{}">{}</a>（{}）',
                relative(here, timeline.path),
                ui.timeline_title,
                counts,
            ),
        )

    def task_facts(self, here: str, tv: TaskView) -> Iterator[Field]:
        """Topics as links; the parent task this task implements; tasks implementing it."""
        ui, task = self.ui, tv.task
        if task.topics:
            links = []
            for topic_id in task.topics:
                view = self.topics.get(topic_id)
                if view is None:
                    links.append(escape(topic_id))
                    continue
                href = relative(here, view.page_of(tv.plan.id))
                links.append(
                    html_format(
                        '<a class="pp-topic" href="{}">{}</a>', href, self._name(view.topic)
                    )
                )
            yield Field(ui.fact_topics, html_join("、", links))
        if task.implements:
            target = self.lineage.target(tv)
            if target is not None:
                value = html_format(
                    '<a class="pp-implements" href="{}">{}</a>',
                    relative(here, target.url),
                    target.citation,
                )
            else:
                value = escape(task.implements)
            yield Field(ui.fact_implements, value)
        implementers = self.lineage.implementers(tv)
        if implementers:
            yield Field(
                ui.fact_implemented_by,
                html_join(
                    "；",
                    (
                        html_format(
                            '<a class="pp-implemented-by" href="{}">{}</a>',
                            relative(here, t.url),
                            t.citation,
                        )
                        for t in implementers
                    ),
                ),
            )

    # --- timelines -------------------------------------------------------------------------

    def plan_timeline(self, timeline: PlanTimeline) -> Page:
        ui, view = self.ui, timeline.view
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
        summary = [
            Field(ui.tl_phases, escape(len(timeline.phases))),
            Field(
                ui.tl_deadlines,
                escape(len(timeline.deadlines))
                + (
                    html_format(
                        "（{}）",
                        "、".join(
                            ui.format(
                                "tl_by_precision", precision=ui[f"precision_{p.value}"], count=n
                            )
                            for p in Precision
                            if (n := precisions.get(p))
                        ),
                    )
                    if precisions
                    else Markup("")
                ),
            ),
            Field(ui.tl_recurring, escape(len(timeline.recurring))),
        ]
        ctx = PlanTimelineContext(
            ui=ui,
            title=ui.format("plan_timeline_title", plan=view.plan.short_title or view.plan.title),
            plan=Link(view.plan.title, relative(here, view.url)),
            as_of=self.builder.as_of,
            summary=tuple(summary),
            legend=self.legend(),
            ticks=self._ticks(*axis),
            today=today_tick,
            phases=tuple(self._row(here, e, axis, False) for e in timeline.phases),
            deadlines=tuple(self._row(here, e, axis, False) for e in timeline.deadlines),
            recurring=tuple(
                RecurringRow(Link(r.label, relative(here, r.url)), r.phrase, ui[f"every_{r.every}"])
                for r in timeline.recurring
            ),
            site_timeline=Link(ui.site_timeline_title, relative(here, TIMELINE)),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def _month_label(self, year: int, month: int) -> str:
        return self.ui.format("month_label", year=year, month=month, mm=f"{month:02d}")

    def timeline_index(self) -> Page:
        ui, site = self.ui, self.site
        here = TIMELINE
        by_year: dict[int, list[MonthCell | None]] = {}
        for month in site.months:
            cells = by_year.setdefault(month.year, [None] * 12)
            cells[month.month - 1] = MonthCell(
                self._month_label(month.year, month.month),
                relative(here, month.pages[0].path),
                month.total,
                # a month is as urgent as its most urgent entry
                next((s for s in ("soon", "later", "past") if month.counts.get(s)), "later"),
            )
        soon = tuple(self._row(here, e, None, True) for e in site.soon)
        more = site.upcoming_total - len(soon)
        ctx = TimelineIndexContext(
            ui=ui,
            title=ui.site_timeline_title,
            as_of=self.builder.as_of,
            summary=ui.format(
                "site_timeline_summary",
                total=site.total,
                plans=len({e.plan.id for p in site.pages() for e in p.entries}),
                upcoming=site.upcoming_total,
            ),
            legend=self.legend()[:3],
            months=tuple(ui.format("month_short", month=m) for m in range(1, 13)),
            years=tuple(YearRow(str(y), tuple(c)) for y, c in sorted(by_year.items())),
            soon=soon,
            soon_more=ui.format("soon_more", count=more) if more > 0 else "",
        )
        return self.renderer.render(urls.page_file(here), ctx)

    @cached_property
    def _month_pages(self) -> list[Any]:
        return list(self.site.pages())

    def timeline_month(self, i: int) -> Page:
        """The `i`-th page of the month pages (a long month has several)."""
        ui, pages = self.ui, self._month_pages
        page = pages[i]
        here = page.path
        month = next(m for m in self.site.months if m.key == page.key)
        parts = [p.path for p in month.pages]
        pager = self.pager(here, ui.pager_label, parts, page.part, prev_next=False)
        prev = pages[i - 1] if i > 0 else None
        nxt = pages[i + 1] if i + 1 < len(pages) else None
        pager = Pager(
            pager.label,
            Link(self._label_of(prev), relative(here, prev.path)) if prev else None,
            Link(self._label_of(nxt), relative(here, nxt.path)) if nxt else None,
            pager.parts,
        )
        ctx = TimelineMonthContext(
            ui=ui,
            title=self._part_title(self._month_label(month.year, month.month), page),
            as_of=self.builder.as_of,
            legend=self.legend()[:3],
            index=Link(ui.site_timeline_title, relative(here, TIMELINE)),
            pager=pager,
            rows=tuple(self._row(here, e, None, True) for e in page.entries),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def _part_title(self, title: str, page: Any) -> str:
        """`title`, marked as part n of m when `page` is one of several."""
        if page.parts > 1:
            return self.ui.format("part_title", title=title, part=page.part, parts=page.parts)
        return title

    def _label_of(self, page: Any) -> str:
        label = self._month_label(int(page.key[:4]), int(page.key[5:]))
        return label if page.parts == 1 else f"{label} ({page.part}/{page.parts})"

    # --- topics ----------------------------------------------------------------------------

    def topics_index(self) -> Page:
        ui = self.ui
        here = TOPICS
        rows = tuple(
            TopicRow(
                Link(self._name(v.topic), relative(here, v.path)),
                v.topic.name_en,
                ui.format("topic_counts", tasks=v.total, plans=v.plan_count),
            )
            for v in self.topics.values()
        )
        ctx = TopicsIndexContext(ui=ui, title=ui.topics_title, topics=rows)
        return self.renderer.render(urls.page_file(here), ctx)

    def _topic_task(self, here: str, tv: TaskView) -> TopicTask:
        resp = tv.task.responsibility
        names = resp.lead or resp.responsible or resp.support
        return TopicTask(
            what=Link(
                self.labels.get(tv.url) or f"{tv.number} {tv.task.title or ''}".strip(),
                relative(here, tv.url),
            ),
            citation=tv.citation,
            responsibility=(
                ui_join(names) + (self.ui.and_others if resp.and_others else "") if names else ""
            ),
            deadlines=tuple(d.phrase for d in tv.task.deadlines),
        )

    def topic_page(self, view: TopicView, page: TopicPage) -> Page:
        ui = self.ui
        here = page.path
        groups = tuple(
            TopicGroupBlock(
                anchor=group_anchor(g.plan.plan.id),
                plan=Link(g.plan.plan.title, relative(here, g.plan.url)),
                meta=" · ".join(
                    x
                    for x in (g.plan.region.name if g.plan.region else "", g.plan.plan.issuer)
                    if x
                ),
                count=ui.format("duty_count", count=g.total),
                continued=g.continued,
                tasks=tuple(self._topic_task(here, t) for t in g.tasks),
                leads=tuple(d.phrase for d in g.domain_leads),
            )
            for g in page.groups
        )
        ctx = TopicContext(
            ui=ui,
            title=self._part_title(self._name(view.topic), page),
            topic_id=view.topic.id,
            name_en=view.topic.name_en,
            summary=ui.format("topic_counts", tasks=view.total, plans=view.plan_count),
            index=Link(ui.topics_title, relative(here, TOPICS)),
            pager=self.pager(here, ui.pager_label, [p.path for p in view.pages], page.part),
            groups=groups,
            indexed=page.part == 1,
            keywords=Markup(
                keyword_html(
                    [view.topic.name],
                    english=[view.topic.name_en] if self.builder.names.english else (),
                    lang=self.builder.kw_lang,
                )
            ),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    # --- everything ------------------------------------------------------------------------

    def groups(self) -> list[PageGroup]:
        """Timelines and topics in site order, each group with a rough cost (`PageGroup`)."""
        out = [
            PageGroup(
                len(view.tasks) + 1,
                partial(one_page, self.plan_timeline, self.timelines[view.plan.id]),
            )
            for view in self.views.plans
        ]
        out.append(PageGroup(20, partial(one_page, self.timeline_index)))
        out += [
            PageGroup(len(page.entries) + 1, partial(one_page, self.timeline_month, i))
            for i, page in enumerate(self._month_pages)
        ]
        out.append(PageGroup(len(self.topics) + 1, partial(one_page, self.topics_index)))
        out += [
            PageGroup(
                sum(len(g.tasks) for g in page.groups) + 1,
                partial(one_page, self.topic_page, topic, page),
            )
            for topic in self.topics.values()
            for page in topic.pages
        ]
        return out


def ui_join(names: Iterable[str]) -> str:
    return "、".join(names)
