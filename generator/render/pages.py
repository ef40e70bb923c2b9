"""Views → page contexts → pages.  Every page of the generated part of the site."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from ..model import Deadline, Phase, Plan, Region
from ..search_keywords import (
    filter_html,
    first_keys_only,
    keyword_html,
    name_sub_words,
    title_keywords,
)
from ..views import SiteViews, build_date, build_views, urls
from ..views.parts import ChapterSlice, PlanLayout, PlanPart, SectionSlice
from ..views.site import ROLES, Duty, Milestone, PlanView, TaskView, UnitView
from ..views.sorting import letter
from . import text as tx
from .contexts import (
    NO_MARKUP,
    AltLine,
    ChapterBlock,
    CopyControls,
    CoverBlock,
    DeadlineRow,
    DomainRow,
    DutyRow,
    Field,
    HomeContext,
    ItemBlock,
    Link,
    NamedList,
    PhaseBlock,
    PlanCard,
    PlanContext,
    PlanGroup,
    PlansIndexContext,
    PlansRegionContext,
    RegionContext,
    RegionNode,
    RemovedRow,
    RoleBlock,
    SectionBlock,
    TaskBlock,
    UnitContext,
    UnitListContext,
    UnitsIndexContext,
)
from .crosscut import Crosscut, CrosscutViews, crosscut_views
from .crosscut_contexts import Pager
from .i18n import PREFIX, TEXT_LANG, Names, pinyin_name
from .links import relative
from .renderer import Page, PageGroup, Renderer, one_page
from .text import html_format, html_join
from .ui import UiStrings, load_ui
from .when import when

UPCOMING_LIMIT = 10
UNIT_KEYWORD_WEIGHT = 5.0
"""Weight of a unit page's keywords: they are its name (pinyin, aliases), as weighty as the
`<h1>`; a plan page names a unit on many tasks and would otherwise outrank the unit's page."""
HOME_PLANS = 10
"""Plan cards on the home page: the most recent ones (the plans index lists them all)."""
INLINE_PLANS = 30
"""Up to this many plans, the plans index shows every card (grouped by province); above,
it links to one page per province (`PLANS_PER_PAGE` cards a page)."""
PLANS_PER_PAGE = 40
INLINE_UNITS = 300
"""Up to this many units, the units index lists them under each region, category and
letter; above, it shows the region tree with counts and links to the category and letter
pages (`UNITS_PER_PAGE` units a page), so its size does not grow with the portal."""
UNITS_PER_PAGE = 200


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


class PageBuilder:
    """Builds the context of every page from the views, with links relative to each page."""

    def __init__(
        self,
        views: SiteViews,
        ui: UiStrings,
        topics: Mapping[str, Any],
        regions: Mapping[str, Any] | None = None,
        shared: CrosscutViews | None = None,
    ) -> None:
        """`shared`: the views of timelines and topics, if built already for another tree."""
        self.views = views
        self.ui = ui
        self.topics = topics
        self.renderer = Renderer()
        self.as_of = ui.format("as_of", date=views.today.isoformat())
        self._labels: dict[str, tuple[Markup, Markup, tuple[Markup, ...]]] = {}
        """Unit-page labels of each task by its address (`_duty_labels`)."""
        self.names = Names(ui.lang)
        self.tree = PREFIX[ui.lang]
        """Prefix of this language's tree: page paths here are relative to it."""
        self.all_regions: Mapping[str, Region] = regions or {r.id: r for r in views.regions}
        self.crosscut = Crosscut(self, self.all_regions, shared)
        """Timelines, topics and lineage (`generator.render.crosscut`)."""

    def shared(self, here: str, target: str) -> str:
        """Link from page `here` of this tree to `target` outside the trees (`sources/`)."""
        return relative(self.tree + here, target)

    # --- shared pieces ---------------------------------------------------------------------

    def _period(self, start: dt.date, end: dt.date) -> str:
        return self.ui.format("period_range", start=start.isoformat(), end=end.isoformat())

    def _deadline_row(self, here: str, m: Milestone) -> DeadlineRow:
        plan = m.plan
        return DeadlineRow(
            when=when(m.date, m.deadline.precision, self.ui),
            phrase=m.deadline.phrase,
            what=Link(self.names.label(m.label), relative(here, m.url)),
            plan=Link(
                self.names.label(self.names.plan(plan, short=True)),
                relative(here, urls.plan(plan.id)),
            ),
        )

    def _card(self, here: str, view: PlanView) -> PlanCard:
        plan, ui = view.plan, self.ui
        upcoming = [m for m in view.milestones if m.date >= self.views.today]
        deadlines = len({(m.date, m.deadline.phrase, m.url) for m in view.milestones})
        return PlanCard(
            title=Link(self.names.label(self.names.plan(plan)), relative(here, view.url)),
            issuer=self.names.label(plan.issuer),
            region=self.names.of(view.region) if view.region else plan.region,
            period=self._period(plan.period.start, plan.period.end),
            counts=(
                Field(ui.count_tasks, escape(len(view.tasks))),
                Field(ui.count_units, escape(view.unit_count)),
                Field(ui.count_deadlines, escape(deadlines)),
            ),
            next_deadline=self._deadline_row(here, upcoming[0]) if upcoming else None,
        )

    def _unit_link(self, here: str, ref: Any) -> Link:
        return Link(self._unit_name(ref), relative(here, ref.url))

    def _unit_name(self, ref: Any) -> str:
        view = self.views.units.get(ref.key)
        return self.names.of(view.record) if view is not None else ref.name

    # --- home and plan index ---------------------------------------------------------------

    def home(self) -> Page:
        here = urls.HOME
        views, ui = self.views, self.ui
        newest = sorted(views.plans, key=_recency, reverse=True)[:HOME_PLANS]
        ctx = HomeContext(
            ui=ui,
            title=ui.site_title,
            as_of=self.as_of,
            plans=tuple(self._card(here, p) for p in newest),
            all_plans=Link(
                ui.format("home_all_plans", n=len(views.plans)), relative(here, urls.PLANS)
            ),
            upcoming=tuple(self._deadline_row(here, m) for m in views.upcoming(UPCOMING_LIMIT)),
            recent=tuple(self._deadline_row(here, m) for m in views.recent(UPCOMING_LIMIT)),
            sections=(
                Link(ui.nav_plans, relative(here, urls.PLANS)),
                Link(ui.nav_units, relative(here, urls.UNITS)),
            ),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def _province(self, view: PlanView) -> tuple[str, str]:
        """(id, name) of the province (or the country) a plan belongs to."""
        region = view.region
        while region is not None and region.level not in ("province", "country"):
            region = self.all_regions.get(region.parent) if region.parent else None
        if region is None:
            region = view.region
        if region is None:
            return view.plan.region, view.plan.region
        return region.id, self.names.of(region)

    def _plan_groups(self) -> list[tuple[str, str, list[PlanView]]]:
        """Plans by province, provinces in registry order, plans newest first."""
        order = {rid: n for n, rid in enumerate(self.all_regions)}
        groups: dict[str, tuple[str, list[PlanView]]] = {}
        for view in sorted(self.views.plans, key=_recency, reverse=True):
            rid, name = self._province(view)
            groups.setdefault(rid, (name, []))[1].append(view)
        keys = sorted(groups, key=lambda k: (order.get(k, len(order)), k))
        return [(k, groups[k][0], groups[k][1]) for k in keys]

    def plans_index(self) -> Page:
        here = urls.PLANS
        inline = len(self.views.plans) <= INLINE_PLANS
        ctx = PlansIndexContext(
            ui=self.ui,
            title=self.ui.plans_title,
            as_of=self.as_of,
            groups=tuple(
                PlanGroup(
                    anchor=f"r-{rid}",
                    title=Link(name, relative(here, urls.plans_region(rid))),
                    count=len(members),
                    plans=tuple(self._card(here, p) for p in members) if inline else (),
                )
                for rid, name, members in self._plan_groups()
            ),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def plans_regions(self) -> Iterator[Page]:
        """One page (split in parts of `PLANS_PER_PAGE`) per province of the plans index."""
        ui = self.ui
        for rid, name, members in self._plan_groups():
            chunks = _chunks(members, PLANS_PER_PAGE)
            parts = [urls.plans_region(rid, n) for n in range(1, len(chunks) + 1)]
            for n, chunk in enumerate(chunks, 1):
                here = parts[n - 1]
                ctx = PlansRegionContext(
                    ui=ui,
                    title=ui.format("plans_of_region", region=name),
                    as_of=self.as_of,
                    up=Link(ui.plans_back, relative(here, urls.PLANS)),
                    plans=tuple(self._card(here, p) for p in chunk),
                    pager=self.crosscut.pager(here, ui.index_pages, parts, n),
                )
                yield self.renderer.render(urls.page_file(here), ctx)

    # --- plan page -------------------------------------------------------------------------

    def plan(self, view: PlanView) -> Iterator[Page]:
        """The plan's page, and one more page per further part of a long plan."""
        for part in view.layout.parts:
            yield self._plan_part(view, part)

    def _plan_part(self, view: PlanView, part: PlanPart) -> Page:
        here, plan, layout = part.path, view.plan, view.layout
        first = part.number == 1
        links = {name: relative(here, ref.url) for name, ref in view.refs.items()}
        chapters = tuple(self._chapter(here, view, c, links) for c in part.chapters)
        contents = [
            Link(
                self._heading(c.no, c.title),
                self._href(here, layout.href(urls.chapter_anchor(c.id))),
            )
            for c in plan.chapters
        ]
        title = self.names.plan(plan)
        if layout.split:
            title = self.ui.format(
                "part_title", title=title, part=part.number, parts=len(layout.parts)
            )
        ctx = PlanContext(
            ui=self.ui,
            title=title,
            title_lang=TEXT_LANG if self.names.plan(plan) == plan.title else self.ui.html_lang,
            doc_title=plan.title,
            plan_id=plan.id,
            region_id=plan.region,
            meta=tuple(self._plan_meta(here, view, links)) if first else (),
            contents=tuple(contents),
            phases=tuple(self._phase(here, view, p) for p in plan.phases()) if first else (),
            cover=self._cover(plan, links) if first else None,
            preamble=tx.paragraphs(plan.preamble) if first else (),
            chapters=chapters,
            notes=tuple(n.text for n in plan.notes) if first else (),
            removed=tuple(self._removed(here, view)) if first else (),
            keywords=self._plan_keywords(view) if first else NO_MARKUP,
            filters=self._plan_filters(view, [view.task(t.id) for t in part.tasks()]),
            pager=self._plan_pager(here, view, part),
            home=relative(here, view.url),
            part_map=_part_map(layout) if layout.split else "",
        )
        page = self.renderer.render(urls.page_file(here), ctx)
        return replace(page, content=first_keys_only(page.content))

    @staticmethod
    def _href(here: str, target: str) -> str:
        """A link to `path#anchor` from `here`: just `#anchor` on the same page."""
        path, _, anchor = target.partition("#")
        return f"#{anchor}" if path == here else f"{relative(here, path)}#{anchor}"

    def _plan_pager(self, here: str, view: PlanView, part: PlanPart) -> Pager | None:
        if not view.layout.split:
            return None
        paths = [p.path for p in view.layout.parts]
        return self.crosscut.pager(here, self.ui.pager_label, paths, part.number)

    def _removed(self, here: str, view: PlanView) -> Iterator[RemovedRow]:
        ui = self.ui
        for r in view.removed:
            if r.removed_in:
                text = ui.format(
                    "tombstone_text", no=r.no, title=r.title, date=r.removed_on, commit=r.removed_in
                )
            else:
                text = ui.format("tombstone_retired", id=r.no, note=r.note)
            if r.note and r.removed_in:
                text = f"{text} {r.note}"
            moved = (
                Link(ui.tombstone_moved, self._href(here, view.href(r.moved_to)))
                if r.moved_to
                else None
            )
            yield RemovedRow(r.anchor, text, moved)

    @staticmethod
    def _heading(no: str | None, title: str | None) -> str:
        """`一` + `总体要求` → `一、总体要求`; a marker that ends in punctuation is kept."""
        no = (no or "").strip()
        if no and no[-1] not in "、.．）)：:":
            no += "、"
        return f"{no}{title or ''}".strip()

    def _plan_meta(self, here: str, view: PlanView, links: Mapping[str, str]) -> Iterator[Field]:
        plan, ui = view.plan, self.ui
        yield Field(ui.meta_issuer, self.names.label(tx.clean(plan.issuer)))
        if self.names.english and plan.title_en is not None:
            yield Field(ui.meta_title_original, self.names.label(tx.clean(plan.title)))
        if plan.doc_number:
            yield Field(ui.meta_doc_number, self.names.label(tx.clean(plan.doc_number)))
        if plan.issued:
            yield Field(ui.meta_issued, tx.plain(plan.issued.isoformat()))
        yield Field(ui.meta_period, tx.plain(self._period(plan.period.start, plan.period.end)))
        region = self.names.of(view.region) if view.region else plan.region
        yield Field(ui.meta_region, tx.plain(region))
        yield Field(ui.meta_kind, tx.plain(ui[f"kind_{plan.kind.value}"]))
        letter_ = plan.cover_letter
        if letter_ and letter_.recipients_text:
            recipients = tx.rich(letter_.recipients_text.rstrip("：:"), links)
            yield Field(ui.meta_recipients, self.names.label(recipients))
        if plan.basis:
            yield Field(ui.meta_basis, self._basis(here, plan))
        yield from self.crosscut.plan_meta(here, view)
        files = (("JSON", urls.plan_json(plan.id)), ("iCalendar", urls.plan_calendar(plan.id)))
        yield Field(
            ui.meta_data,
            html_join(
                " · ",
                (
                    html_format('<a href="{}">{}</a>', self.shared(here, path), label)
                    for label, path in files
                ),
            ),
        )
        if view.source_available:
            href = self.shared(here, urls.source(plan.source.file))
            yield Field(
                ui.meta_source,
                html_format('<a href="{}" type="text/plain">{}</a>', href, ui.source_link),
            )

    def _basis(self, here: str, plan: Plan) -> Markup:
        parts = []
        for basis in plan.basis:
            title = f"《{basis.title}》"
            if basis.plan:
                href = relative(here, urls.plan(basis.plan))
                parts.append(html_format('<a href="{}">{}</a>', href, title))
            else:
                parts.append(escape(title))
        return self.names.label(html_join("、", parts))

    def _cover(self, plan: Plan, links: Mapping[str, str]) -> CoverBlock | None:
        c = plan.cover_letter
        if c is None:
            return None
        contacts = c.contacts.text if c.contacts else ()
        return CoverBlock(
            letterhead=c.letterhead or "",
            alt_lines=tuple(
                AltLine(a.text, a.lang, a.lang.endswith("-Mong")) for a in c.letterhead_alt
            ),
            doc_number=c.doc_number or "",
            title=c.title or "",
            recipients=tx.rich(c.recipients_text, links),
            paragraphs=tx.paragraphs(c.text),
            contacts=tuple(contacts),
            signature=c.signature or "",
            date=c.date_text or "",
        )

    def _phase(self, here: str, view: PlanView, phase: Phase) -> PhaseBlock:
        anchor = urls.phase_anchor(phase.id)
        return PhaseBlock(
            anchor=anchor,
            href=self._href(here, view.href(anchor)),
            no=phase.no or "",
            name=phase.name,
            when=phase.period_text or self._period(phase.start, phase.end),
            start=phase.start.isoformat(),
            end=phase.end.isoformat(),
            paragraphs=tx.paragraphs(phase.text, marks=_phrases(phase.deadlines)),
        )

    def _chapter(
        self,
        here: str,
        view: PlanView,
        part: ChapterSlice,
        links: Mapping[str, str],
    ) -> ChapterBlock:
        """The chapter as far as it is printed on this part: heading, text and phases where
        it starts (elsewhere a "continued" heading without anchor)."""
        chapter, head = part.chapter, part.head
        return ChapterBlock(
            anchor=urls.chapter_anchor(chapter.id) if head else "",
            heading=self._heading(chapter.no, chapter.title),
            paragraphs=tx.paragraphs(chapter.text, marks=_phrases(chapter.deadlines))
            if head
            else (),
            phases=tuple(self._phase(here, view, p) for p in chapter.phases) if head else (),
            tasks=tuple(self._task(here, view, view.task(t.id), links, 3) for t in part.tasks),
            sections=tuple(self._section(here, view, s, links) for s in part.sections),
            notes=tuple(n.text for n in chapter.notes) if head else (),
        )

    def _section(
        self,
        here: str,
        view: PlanView,
        part: SectionSlice,
        links: Mapping[str, str],
    ) -> SectionBlock:
        section, head = part.section, part.head
        return SectionBlock(
            anchor=urls.section_anchor(section.id) if head else "",
            heading=self._heading(section.no, section.title),
            paragraphs=tx.paragraphs(section.text, marks=_phrases(section.deadlines))
            if head
            else (),
            tasks=tuple(self._task(here, view, view.task(t.id), links, 4) for t in part.tasks),
            notes=tuple(n.text for n in section.notes) if head else (),
        )

    def _copy(self, anchor: str, what: str, citation: str, task: str = "") -> CopyControls:
        """`task`: the citation of the item's task (the item's citation extends it)."""
        if not task:
            return CopyControls(anchor, citation, what)
        if citation.startswith(task):
            return CopyControls(anchor, citation, what, tail=citation[len(task) :])
        return CopyControls(anchor, citation, what, full=citation)

    def _task(
        self, here: str, view: PlanView, tv: TaskView, links: Mapping[str, str], level: int
    ) -> TaskBlock:
        task = tv.task
        marks = _phrases(task.deadlines)
        items = tuple(
            ItemBlock(
                anchor=iv.anchor,
                no=iv.item.no,
                text=tx.rich(iv.item.text, marks=marks),
                copy=self._copy(
                    iv.anchor, self._clause_name(view, tv, n), iv.citation, task=tv.citation
                ),
            )
            for n, iv in enumerate(tv.items, 1)
        )
        return TaskBlock(
            anchor=tv.anchor,
            level=level,
            no=f"{task.no}." if task.no.isdigit() else task.no,
            title=task.title or "",
            paragraphs=tx.paragraphs(task.text, marks=marks),
            items=items,
            closing=tx.paragraphs(task.closing, marks=marks),
            responsibility=self._responsibility(tv, links, view.refs),
            carried=self._carried(here, view, tv),
            facts=tuple(self._facts(tv)),
            notes=tuple(n.text for n in task.notes),
            copy=self._copy(tv.anchor, self._clause_name(view, tv), tv.citation),
            keywords=self._task_keywords(view, tv),
        )

    def _clause_name(self, view: PlanView, tv: TaskView, item: int | None = None) -> str:
        """A copy button names its clause as printed (第3条第2项); in English by position."""
        if not self.names.english:
            return tv.number + (tv.items[item - 1].number if item else "")
        task = self.ui.format("clause_task", n=view.position(tv.task.id))
        return self.ui.format("clause_item", task=task, n=item) if item else task

    def _responsibility(
        self, tv: TaskView, links: Mapping[str, str], refs: Mapping[str, Any]
    ) -> Markup | None:
        resp = tv.task.responsibility
        names = {n: links[n] for n in resp.all_refs() if n in links}
        ui = self.ui
        if resp.text:
            text = self.names.label(tx.rich(resp.text, names))
            return html_format("{}{}{}", ui.lparen, text, ui.rparen)
        parts = []
        for role in ROLES:
            listed = getattr(resp, role)
            if listed:
                joined = html_join(ui.list_sep, (self._resp_name(n, names, refs) for n in listed))
                parts.append(html_format("{}{}{}", ui[f"resp_{role}"], ui.colon, joined))
        if not parts:
            return None
        tail = ui.and_others if resp.and_others else ""
        return html_join(ui.clause_sep, parts) + tail

    def _resp_name(self, name: str, links: Mapping[str, str], refs: Mapping[str, Any]) -> Markup:
        """A unit named in a responsibility line: linked, in this tree's language."""
        if not self.names.english:
            return tx.rich(name, links)
        ref = refs.get(name)
        shown = self._unit_name(ref) if ref is not None else name
        if name in links:
            return html_format(
                '<a class="pp-unit" href="{}">{}</a>', links[name], self.names.label(shown)
            )
        return self.names.label(shown)

    def _carried(self, here: str, view: PlanView, tv: TaskView) -> Markup | None:
        origin = view.carried.get(tv.task.id)
        if origin is None:
            return None
        source, names = origin
        task_link = html_format(
            '<a href="{}">{}</a>', self._href(here, source.url), self.names.label(source.number)
        )
        named = html_join(
            self.ui.list_sep,
            (
                self._resp_name(n, {n: relative(here, view.refs[n].url)}, view.refs)
                if n in view.refs
                else self.names.label(n)
                for n in names
            ),
        )
        return html_format(escape(self.ui.carried_note), task=task_link, names=named)

    def _facts(self, tv: TaskView) -> Iterator[Field]:
        task, ui = tv.task, self.ui
        printed = _printed(task) if task.deadlines or task.recurrence or task.targets else ""
        if task.deadlines:
            yield Field(
                ui.fact_deadline,
                self._join(
                    html_format(
                        '{} <time datetime="{}">{}</time>',
                        self.names.label(d.phrase),
                        d.date,
                        d.date,
                    )
                    for d in task.deadlines
                ),
                indexed=not _quoted(printed, task.deadlines),
            )
        if task.recurrence:
            yield Field(
                ui.fact_recurrence,
                self._join(self.names.label(r.phrase) for r in task.recurrence),
                indexed=not _quoted(printed, task.recurrence),
            )
        if task.targets:
            yield Field(
                ui.fact_target,
                self._join(self.names.label(t.phrase) for t in task.targets),
                indexed=not _quoted(printed, task.targets),
            )
        yield from self.crosscut.task_facts(tv.page, tv)

    # --- search (hidden Pagefind keywords and filters, docs/search.md) ----------------------

    @property
    def kw_lang(self) -> str | None:
        """`lang` of keyword blocks: on English pages they hold Chinese and pinyin."""
        return TEXT_LANG if self.names.english else None

    def _plan_keywords(self, view: PlanView) -> Markup:
        plan = view.plan
        english = (plan.title_en,) if self.names.english else ()
        texts = (plan.title, plan.short_title, plan.doc_number, plan.issuer)
        return Markup(keyword_html(texts, english=english, lang=self.kw_lang))

    def _plan_filters(self, view: PlanView, tasks: Iterable[TaskView]) -> Markup:
        """plan, region and every unit with a duty in `tasks`, the tasks on the page (a
        filter is page-wide)."""
        plan = view.plan
        refs = {}
        for tv in tasks:
            carried = view.carried.get(tv.task.id)
            for name in (*tv.task.responsibility.all_refs(), *(carried[1] if carried else ())):
                ref = view.refs.get(name)
                if ref is not None:
                    refs.setdefault(ref.key, ref)
        region = self.names.of(view.region) if view.region else plan.region
        units = [self._unit_name(ref) for ref in refs.values()]
        return Markup(filter_html(plan=self.names.plan(plan), region=region, unit=units))

    def _task_keywords(self, view: PlanView, tv: TaskView) -> Markup:
        """Task title (pinyin of each word, sub-words) and its units' canonical names
        (sub-words); in the English tree also the units' English names and the English names
        of the task's topics. The units' pinyin is on their own pages, which a pinyin query
        finds (`docs/search.md`); repeated on every task it cost index memory at scale.
        """
        refs = [view.refs[n] for n in tv.task.responsibility.all_refs() if n in view.refs]
        keys = title_keywords(tv.task.title or "")
        keys += [w for ref in refs for w in name_sub_words(ref.name)]
        english: list[str] = []
        if self.names.english:
            english = [self._unit_name(r) for r in refs]
            topics = (self.topics.get(t) for t in tv.task.topics)
            english += [t.name_en for t in topics if t is not None and t.name_en]
        return Markup(keyword_html((), keys=keys, english=english, lang=self.kw_lang))

    def _unit_keywords(self, view: UnitView) -> Markup:
        record = view.record
        texts = [record.name, getattr(record, "short", None), *record.aliases]
        english = (record.name_en,) if self.names.english else ()
        return Markup(keyword_html(texts, UNIT_KEYWORD_WEIGHT, english=english, lang=self.kw_lang))

    def _topic_name(self, topic_id: str) -> str:
        topic = self.topics.get(topic_id)
        return self.names.of(topic) if topic is not None else topic_id

    def _join(self, parts: Iterable[Markup]) -> Markup:
        return html_join(self.ui.clause_sep, parts)

    # --- units -----------------------------------------------------------------------------

    def _unit_lists(
        self,
    ) -> tuple[list[tuple[Any, list[UnitView]]], list[tuple[str, list[UnitView]]]]:
        """Units by category (registry order) and by pinyin letter (A–Z, then `#`)."""
        views = self.views
        by_category: dict[str, list[UnitView]] = {}
        letters: dict[str, list[UnitView]] = {}
        for u in views.units_sorted():
            if u.category is not None:
                by_category.setdefault(u.category.id, []).append(u)
            letters.setdefault(letter(u.sort_key), []).append(u)
        categories = [(c, by_category[c.id]) for c in views.categories if by_category.get(c.id)]
        ordered = sorted(letters.items(), key=lambda kv: (kv[0] == "#", kv[0]))
        return categories, ordered

    def _region_tree(self, here: str, inline: bool) -> tuple[RegionNode, ...]:
        """The regions with units or plans, each under its nearest listed ancestor."""
        views = self.views
        listed = {r.id for r in views.regions}
        children: dict[str | None, list[Region]] = {}
        for region in views.regions:
            parent = region.parent
            while parent is not None and parent not in listed:
                above = self.all_regions.get(parent)
                parent = above.parent if above is not None else None
            children.setdefault(parent, []).append(region)

        def node(region: Region) -> RegionNode:
            members = views.units_of_region(region.id)
            return RegionNode(
                anchor=f"r-{region.id}",
                title=Link(self.names.of(region), relative(here, urls.region(region.id))),
                count=len(members),
                links=tuple(self._unit_link(here, u.ref) for u in members) if inline else (),
                children=tuple(node(c) for c in children.get(region.id, ())),
            )

        return tuple(node(r) for r in children.get(None, ()))

    def units_index(self) -> Page:
        here = urls.UNITS
        inline = len(self.views.units) <= INLINE_UNITS
        categories, letters = self._unit_lists()

        def unit_links(members: list[UnitView]) -> tuple[Link, ...]:
            return tuple(self._unit_link(here, u.ref) for u in members) if inline else ()

        ctx = UnitsIndexContext(
            ui=self.ui,
            title=self.ui.units_title,
            regions=self._region_tree(here, inline),
            categories=tuple(
                NamedList(
                    f"k-{cat.id}",
                    self.names.of(cat),
                    relative(here, urls.units_category(cat.id)),
                    unit_links(members),
                    len(members),
                )
                for cat, members in categories
            ),
            letters=tuple(
                NamedList(
                    f"az-{k.lower()}" if k != "#" else "az-other",
                    k,
                    relative(here, urls.units_letter(k)),
                    unit_links(members),
                    len(members),
                )
                for k, members in letters
            ),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def unit_lists(self) -> Iterator[Page]:
        """The pages of each category and each letter of the units index."""
        ui = self.ui
        categories, letters = self._unit_lists()
        lists = [
            (ui.format("units_of_category", category=self.names.of(cat)), cat.id, members, True)
            for cat, members in categories
        ] + [(ui.format("units_of_letter", letter=k), k, members, False) for k, members in letters]
        for title, key, members, is_category in lists:
            url = urls.units_category if is_category else urls.units_letter
            chunks = _chunks(members, UNITS_PER_PAGE)
            parts = [url(key, n) for n in range(1, len(chunks) + 1)]
            for n, chunk in enumerate(chunks, 1):
                here = parts[n - 1]
                ctx = UnitListContext(
                    title=title,
                    up=Link(ui.units_back, relative(here, urls.UNITS)),
                    count=ui.format("units_count", n=len(members)),
                    units=tuple(self._unit_link(here, u.ref) for u in chunk),
                    pager=self.crosscut.pager(here, ui.index_pages, parts, n),
                )
                yield self.renderer.render(urls.page_file(here), ctx)

    def region(self, region_id: str) -> Page:
        here = urls.region(region_id)
        region = next(r for r in self.views.regions if r.id == region_id)
        members = self.views.units_of_region(region_id)
        parent = next((r for r in self.views.regions if r.id == region.parent), None)
        ctx = RegionContext(
            ui=self.ui,
            title=self.names.of(region),
            parent=Link(self.names.of(parent), relative(here, urls.region(parent.id)))
            if parent
            else None,
            units=tuple(self._unit_link(here, u.ref) for u in members if u.ref.kind == "unit"),
            groups=tuple(self._unit_link(here, u.ref) for u in members if u.ref.kind == "group"),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def unit(self, view: UnitView) -> Page:
        here = view.ref.url
        ui = self.ui
        roles = tuple(
            RoleBlock(ui[f"role_{role}"], tuple(self._duty(here, d) for d in view.by_role(role)))
            for role in ROLES
        )
        ctx = UnitContext(
            ui=ui,
            title=self.names.of(view.record),
            unit_id=view.ref.id,
            region_id=view.ref.region,
            kind=view.ref.kind,
            facts=tuple(self._unit_facts(here, view)),
            as_of=self.as_of,
            roles=tuple(r for r in roles if r.rows),
            domains=tuple(
                DomainRow(
                    Link(
                        self.names.label(self.names.plan(d.plan, short=True)),
                        relative(here, urls.plan(d.plan.id)),
                    ),
                    self.names.label("、".join(d.lead.domains)),
                    self.names.label(d.lead.phrase),
                )
                for d in view.domains
            ),
            groups=tuple(self._unit_link(here, g) for g in view.groups),
            members=tuple(self._unit_link(here, m) for m in view.members),
            peers=tuple(self._unit_link(here, p) for p in view.peers),
            feeds=tuple(self._unit_feeds(here, view)),
            keywords=self._unit_keywords(view),
            filters=Markup(
                filter_html(region=self.names.of(view.region), unit=self.names.of(view.record))
            ),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def _unit_feeds(self, here: str, view: UnitView) -> Iterator[Link]:
        """Feeds are shared by the language trees: link from the page's real site path."""
        from .i18n import PREFIX
        from .publishing import unit_feed_url

        page = PREFIX.get(self.ui.lang, "") + here
        region, unit = view.ref.region, view.ref.id
        if any(duty.task.task.deadlines for duty in view.duties):
            ics = f"data/ics/units/{region}/{unit}.ics"
            yield Link(self.ui.unit_calendar, relative(page, ics))
        yield Link(self.ui.unit_changes_feed, relative(page, unit_feed_url(region, unit)))

    def _unit_facts(self, here: str, view: UnitView) -> Iterator[Field]:
        ui, record = self.ui, view.record
        yield Field(
            ui.unit_kind_unit if view.ref.kind == "unit" else ui.unit_kind_group,
            self.names.label(tx.clean(record.name)),
        )
        region_href = relative(here, urls.region(view.region.id))
        yield Field(
            ui.unit_region,
            html_format('<a href="{}">{}</a>', region_href, self.names.of(view.region)),
        )
        if view.category is not None:
            yield Field(ui.unit_category, tx.plain(self.names.of(view.category)))
        if self.names.english:
            yield Field(ui.unit_pinyin, tx.plain(pinyin_name(record.name)))
        elif record.name_en:
            yield Field(ui.unit_name_en, html_format('<span lang="en">{}</span>', record.name_en))
        forms = [getattr(record, "short", None), *record.aliases]
        forms = [f for f in forms if f]
        if forms:
            yield Field(ui.unit_aliases, self.names.label(tx.clean("、".join(forms))))

    def _duty(self, here: str, duty: Duty) -> DutyRow:
        tv = duty.task
        plan = tv.plan
        note = None
        if duty.carried_from is not None:
            origin = duty.carried_from
            link = html_format(
                '<a href="{}">{}</a>', relative(here, origin.url), self.names.label(origin.number)
            )
            note = html_format(escape(self.ui.carried_from), task=link)
        plan_label, task_label, deadlines = self._duty_labels(tv)
        return DutyRow(
            plan=Link(plan_label, relative(here, urls.plan(plan.id))),
            task=Link(task_label, relative(here, tv.url)),
            citation=tv.citation,
            deadlines=deadlines,
            note=note,
        )

    def _duty_labels(self, tv: TaskView) -> tuple[Markup, Markup, tuple[Markup, ...]]:
        """A task's plan, name and deadlines as a unit page shows them: made once per task,
        though the task is listed on the page of each of its units."""
        hit = self._labels.get(tv.url)
        if hit is None:
            deadlines = tuple(
                html_format(
                    "{}{}{}{}",
                    self.names.label(d.phrase),
                    self.ui.lparen,
                    when(d.date, d.precision, self.ui),
                    self.ui.rparen,
                )
                for d in tv.task.deadlines
            )
            hit = (
                self.names.label(self.names.plan(tv.plan, short=True)),
                self.names.label(f"{tv.number} {tv.task.title or ''}".strip()),
                deadlines,
            )
            self._labels[tv.url] = hit
        return hit

    # --- everything ------------------------------------------------------------------------

    def groups(self) -> list[PageGroup]:
        """Every page, in groups made together, in site order (`pages` chains them). Costs
        are in task blocks: a duty on a unit page or a row elsewhere is about a sixth."""
        views = self.views
        out = [
            PageGroup(10, partial(one_page, self.home)),
            PageGroup(len(views.plans) + 1, partial(one_page, self.plans_index)),
            PageGroup(len(views.plans) + 1, self.plans_regions),
        ]
        out += [
            PageGroup(6 * len(view.tasks) + 1, partial(self.plan, view)) for view in views.plans
        ]
        out += [
            PageGroup(10, partial(one_page, self.units_index)),
            PageGroup(len(views.units) // 6 + 1, self.unit_lists),
        ]
        out += [PageGroup(1, partial(one_page, self.region, region.id)) for region in views.regions]
        out += [
            PageGroup(len(unit.duties) + 1, partial(one_page, self.unit, unit))
            for unit in views.units_sorted()
        ]
        return out + self.crosscut.groups()

    def pages(self) -> Iterator[Page]:
        for group in self.groups():
            yield from group.make()


def _part_map(layout: PlanLayout) -> str:
    """`{"2": "t-41 t-41-1 …", …}`: which part prints each anchor, for portal.js to
    forward a clause link (`plans/<id>/#t-41`) to its part."""
    numbers = {p.path: str(p.number) for p in layout.parts}
    out: dict[str, list[str]] = {}
    for anchor, path in layout.page_of.items():
        out.setdefault(numbers[path], []).append(anchor)
    return json.dumps({n: " ".join(a) for n, a in out.items()}, separators=(",", ":"))


def _recency(view: PlanView) -> tuple[dt.date, str]:
    """Newest first when sorted in reverse: issue date, else the start of the period."""
    plan = view.plan
    return (plan.issued or plan.period.start, plan.id)


def _phrases(deadlines: Iterable[Deadline]) -> tuple[str, ...]:
    return tuple(d.phrase for d in deadlines)


def _topics(registry: Any) -> Mapping[str, Any]:
    return registry.topics


def render_site(
    project: Any, *, lang: str = "zh", today: dt.date | None = None
) -> tuple[list[Page], SiteViews]:
    """Every generated page of `project` in `lang`, and the views they were built from."""
    pages, views = iter_site(project, lang=lang, today=today)
    return list(pages), views


def iter_site(
    project: Any,
    *,
    lang: str = "zh",
    today: dt.date | None = None,
    views: SiteViews | None = None,
) -> tuple[Iterator[Page], SiteViews]:
    """Like `render_site`, but each page is rendered when the iterator reaches it; `views`:
    the project's views if already built (they do not depend on the language)."""
    if views is None:
        views = build_views(project, today or build_date())
    return site_builders(project, views, [lang])[lang].pages(), views


def site_builders(project: Any, views: SiteViews, langs: Iterable[str]) -> dict[str, PageBuilder]:
    """The page builder of each tree in `langs` (`views`: the project's views), sharing
    the views of timelines and topics."""
    topics, regions = _topics(project.registry), project.registry.regions
    shared = crosscut_views(views, topics, regions)
    return {
        lang: PageBuilder(views, load_ui(lang), topics, regions=regions, shared=shared)
        for lang in langs
    }


def published_sources(views: SiteViews) -> list[tuple[str, str]]:
    """(site path, project path) of every original text to publish beside the pages."""
    seen: dict[str, str] = {}
    for view in views.plans:
        if view.source_available:
            seen.setdefault(urls.source(view.plan.source.file), view.plan.source.file)
    return sorted(seen.items())


def _printed(task: Any) -> str:
    """All the text the task prints: title, text, items, closing."""
    parts = [task.title or "", task.text or "", task.closing or ""]
    return "\n".join(parts + [item.text for item in task.items])


def _quoted(printed: str, facts: Iterable[Any]) -> bool:
    """Whether every fact's phrase is in the task's `printed` text (then its row need not
    be indexed: Pagefind would index the phrase twice)."""
    return all(fact.phrase in printed for fact in facts)
