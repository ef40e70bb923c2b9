"""Views → page contexts → pages.  Every page of the generated part of the site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from markupsafe import Markup, escape

from ..model import Chapter, Deadline, Phase, Plan, Section
from ..views import SiteViews, build_date, build_views, urls
from ..views.site import ROLES, Duty, Milestone, PlanView, TaskView, UnitView
from ..views.sorting import letter
from . import text as tx
from .contexts import (
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
    PlansIndexContext,
    RegionContext,
    RoleBlock,
    SectionBlock,
    TaskBlock,
    UnitContext,
    UnitsIndexContext,
)
from .links import relative
from .renderer import Page, Renderer
from .ui import UiStrings, load_ui

UPCOMING_LIMIT = 10


class PageBuilder:
    """Builds the context of every page from the views, with links relative to each page."""

    def __init__(self, views: SiteViews, ui: UiStrings, topics: Mapping[str, Any]) -> None:
        self.views = views
        self.ui = ui
        self.topics = topics
        self.renderer = Renderer()
        self.as_of = ui.format("as_of", date=views.today.isoformat())

    # --- shared pieces ---------------------------------------------------------------------

    def _period(self, start: dt.date, end: dt.date) -> str:
        return self.ui.format("period_range", start=start.isoformat(), end=end.isoformat())

    def _deadline_row(self, here: str, m: Milestone) -> DeadlineRow:
        plan = m.plan
        return DeadlineRow(
            date=m.date.isoformat(),
            phrase=m.deadline.phrase,
            what=Link(m.label, relative(here, m.url)),
            plan=Link(plan.short_title or plan.title, relative(here, urls.plan(plan.id))),
        )

    def _card(self, here: str, view: PlanView) -> PlanCard:
        plan, ui = view.plan, self.ui
        upcoming = [m for m in view.milestones if m.date >= self.views.today]
        deadlines = len({(m.date, m.deadline.phrase, m.url) for m in view.milestones})
        return PlanCard(
            title=Link(plan.title, relative(here, view.url)),
            issuer=plan.issuer,
            region=view.region.name if view.region else plan.region,
            period=self._period(plan.period.start, plan.period.end),
            counts=(
                Field(ui.count_tasks, escape(len(view.tasks))),
                Field(ui.count_units, escape(view.unit_count)),
                Field(ui.count_deadlines, escape(deadlines)),
            ),
            next_deadline=self._deadline_row(here, upcoming[0]) if upcoming else None,
        )

    def _unit_link(self, here: str, ref: Any) -> Link:
        return Link(ref.name, relative(here, ref.url))

    # --- home and plan index ---------------------------------------------------------------

    def home(self) -> Page:
        here = urls.HOME
        views, ui = self.views, self.ui
        ctx = HomeContext(
            ui=ui,
            title=ui.site_title,
            as_of=self.as_of,
            plans=tuple(self._card(here, p) for p in views.plans),
            upcoming=tuple(self._deadline_row(here, m) for m in views.upcoming(UPCOMING_LIMIT)),
            recent=tuple(self._deadline_row(here, m) for m in views.recent(UPCOMING_LIMIT)),
            sections=(
                Link(ui.nav_plans, relative(here, urls.PLANS)),
                Link(ui.nav_units, relative(here, urls.UNITS)),
            ),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def plans_index(self) -> Page:
        here = urls.PLANS
        ctx = PlansIndexContext(
            ui=self.ui,
            title=self.ui.plans_title,
            as_of=self.as_of,
            plans=tuple(self._card(here, p) for p in self.views.plans),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    # --- plan page -------------------------------------------------------------------------

    def plan(self, view: PlanView) -> Page:
        here = view.url
        plan = view.plan
        links = {name: relative(here, ref.url) for name, ref in view.refs.items()}
        chapters = tuple(self._chapter(here, view, c, links) for c in plan.chapters)
        contents = [
            Link(self._heading(c.no, c.title), f"#{urls.chapter_anchor(c.id)}")
            for c in plan.chapters
        ]
        ctx = PlanContext(
            ui=self.ui,
            title=plan.title,
            plan_id=plan.id,
            region_id=plan.region,
            meta=tuple(self._plan_meta(here, view, links)),
            contents=tuple(contents),
            phases=tuple(self._phase(p) for p in plan.phases()),
            cover=self._cover(plan, links),
            preamble=tx.paragraphs(plan.preamble),
            chapters=chapters,
            notes=tuple(n.text for n in plan.notes),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    @staticmethod
    def _heading(no: str | None, title: str | None) -> str:
        """`一` + `总体要求` → `一、总体要求`; a marker that ends in punctuation is kept."""
        no = (no or "").strip()
        if no and no[-1] not in "、.．）)：:":
            no += "、"
        return f"{no}{title or ''}".strip()

    def _plan_meta(self, here: str, view: PlanView, links: Mapping[str, str]) -> Iterator[Field]:
        plan, ui = view.plan, self.ui
        yield Field(ui.meta_issuer, tx.plain(plan.issuer))
        if plan.doc_number:
            yield Field(ui.meta_doc_number, tx.plain(plan.doc_number))
        if plan.issued:
            yield Field(ui.meta_issued, tx.plain(plan.issued.isoformat()))
        yield Field(ui.meta_period, tx.plain(self._period(plan.period.start, plan.period.end)))
        region = view.region.name if view.region else plan.region
        yield Field(ui.meta_region, tx.plain(region))
        yield Field(ui.meta_kind, tx.plain(ui[f"kind_{plan.kind.value}"]))
        letter_ = plan.cover_letter
        if letter_ and letter_.recipients_text:
            yield Field(ui.meta_recipients, tx.rich(letter_.recipients_text.rstrip("：:"), links))
        if plan.basis:
            yield Field(ui.meta_basis, self._basis(here, plan))
        if view.source_available:
            href = relative(here, urls.source(plan.source.file))
            yield Field(
                ui.meta_source,
                Markup('<a href="{}" type="text/plain">{}</a>').format(href, ui.source_link),
            )

    def _basis(self, here: str, plan: Plan) -> Markup:
        parts = []
        for basis in plan.basis:
            title = f"《{basis.title}》"
            if basis.plan:
                href = relative(here, urls.plan(basis.plan))
                parts.append(Markup('<a href="{}">{}</a>').format(href, title))
            else:
                parts.append(escape(title))
        return Markup("、").join(parts)

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

    def _phase(self, phase: Phase) -> PhaseBlock:
        return PhaseBlock(
            anchor=urls.phase_anchor(phase.id),
            no=phase.no or "",
            name=phase.name,
            when=phase.period_text or self._period(phase.start, phase.end),
            start=phase.start.isoformat(),
            end=phase.end.isoformat(),
            paragraphs=tx.paragraphs(phase.text, marks=_phrases(phase.deadlines)),
        )

    def _chapter(
        self, here: str, view: PlanView, chapter: Chapter, links: Mapping[str, str]
    ) -> ChapterBlock:
        tasks = {t.task.id: t for t in view.tasks}
        return ChapterBlock(
            anchor=urls.chapter_anchor(chapter.id),
            heading=self._heading(chapter.no, chapter.title),
            paragraphs=tx.paragraphs(chapter.text, marks=_phrases(chapter.deadlines)),
            phases=tuple(self._phase(p) for p in chapter.phases),
            tasks=tuple(self._task(here, view, tasks[t.id], links, 3) for t in chapter.tasks),
            sections=tuple(self._section(here, view, s, links, tasks) for s in chapter.sections),
            notes=tuple(n.text for n in chapter.notes),
        )

    def _section(
        self,
        here: str,
        view: PlanView,
        section: Section,
        links: Mapping[str, str],
        tasks: Mapping[str, TaskView],
    ) -> SectionBlock:
        return SectionBlock(
            anchor=urls.section_anchor(section.id),
            heading=self._heading(section.no, section.title),
            paragraphs=tx.paragraphs(section.text, marks=_phrases(section.deadlines)),
            tasks=tuple(self._task(here, view, tasks[t.id], links, 4) for t in section.tasks),
            notes=tuple(n.text for n in section.notes),
        )

    def _copy(self, anchor: str, what: str, citation: str) -> CopyControls:
        return CopyControls(
            anchor=anchor,
            citation=citation,
            link_label=self.ui.format("copy_link_aria", what=what),
            cite_label=self.ui.format("copy_citation_aria", what=what),
        )

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
                copy=self._copy(iv.anchor, f"{tv.number}{iv.number}", iv.citation),
            )
            for iv in tv.items
        )
        return TaskBlock(
            anchor=tv.anchor,
            level=level,
            no=f"{task.no}." if task.no.isdigit() else task.no,
            title=task.title or "",
            paragraphs=tx.paragraphs(task.text, marks=marks),
            items=items,
            closing=tx.paragraphs(task.closing, marks=marks),
            responsibility=self._responsibility(tv, links),
            carried=self._carried(here, view, tv),
            facts=tuple(self._facts(tv)),
            notes=tuple(n.text for n in task.notes),
            copy=self._copy(tv.anchor, tv.number, tv.citation),
        )

    def _responsibility(self, tv: TaskView, links: Mapping[str, str]) -> Markup | None:
        resp = tv.task.responsibility
        names = {n: links[n] for n in resp.all_refs() if n in links}
        if resp.text:
            return Markup("（{}）").format(tx.rich(resp.text, names))
        parts = []
        for role in ROLES:
            listed = getattr(resp, role)
            if listed:
                joined = Markup("、").join(tx.rich(n, names) for n in listed)
                parts.append(Markup("{}：{}").format(self.ui[f"resp_{role}"], joined))
        if not parts:
            return None
        tail = self.ui.and_others if resp.and_others else ""
        return Markup("；").join(parts) + tail

    def _carried(self, here: str, view: PlanView, tv: TaskView) -> Markup | None:
        origin = view.carried.get(tv.task.id)
        if origin is None:
            return None
        source, names = origin
        task_link = Markup('<a href="{}">{}</a>').format(f"#{source.anchor}", source.number)
        named = Markup("、").join(
            tx.rich(n, {n: relative(here, view.refs[n].url)} if n in view.refs else {})
            for n in names
        )
        return Markup(escape(self.ui.carried_note)).format(task=task_link, names=named)

    def _facts(self, tv: TaskView) -> Iterator[Field]:
        task, ui = tv.task, self.ui
        if task.deadlines:
            yield Field(
                ui.fact_deadline,
                _join(
                    Markup('{} <time datetime="{}">{}</time>').format(d.phrase, d.date, d.date)
                    for d in task.deadlines
                ),
            )
        if task.recurrence:
            yield Field(ui.fact_recurrence, _join(escape(r.phrase) for r in task.recurrence))
        if task.targets:
            yield Field(ui.fact_target, _join(escape(t.phrase) for t in task.targets))
        if task.topics:
            names = (getattr(self.topics.get(t), "name", t) for t in task.topics)
            yield Field(ui.fact_topics, _join(escape(n) for n in names))

    # --- units -----------------------------------------------------------------------------

    def units_index(self) -> Page:
        here = urls.UNITS
        views = self.views
        ordered = views.units_sorted()
        regions = [
            NamedList(
                f"r-{region.id}",
                region.name,
                relative(here, urls.region(region.id)),
                tuple(self._unit_link(here, u.ref) for u in ordered if u.region.id == region.id),
            )
            for region in views.regions
        ]
        categories = [
            NamedList(
                f"k-{cat.id}",
                cat.name,
                "",
                tuple(
                    self._unit_link(here, u.ref)
                    for u in ordered
                    if u.category is not None and u.category.id == cat.id
                ),
            )
            for cat in views.categories
        ]
        letters: dict[str, list[Link]] = {}
        for u in ordered:
            letters.setdefault(letter(u.sort_key), []).append(self._unit_link(here, u.ref))
        ctx = UnitsIndexContext(
            ui=self.ui,
            title=self.ui.units_title,
            regions=tuple(r for r in regions if r.links),
            categories=tuple(c for c in categories if c.links),
            letters=tuple(
                NamedList(f"az-{k.lower()}" if k != "#" else "az-other", k, "", tuple(v))
                for k, v in sorted(letters.items(), key=lambda kv: (kv[0] == "#", kv[0]))
            ),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def region(self, region_id: str) -> Page:
        here = urls.region(region_id)
        region = next(r for r in self.views.regions if r.id == region_id)
        members = [u for u in self.views.units_sorted() if u.region.id == region_id]
        parent = next((r for r in self.views.regions if r.id == region.parent), None)
        ctx = RegionContext(
            ui=self.ui,
            title=region.name,
            parent=Link(parent.name, relative(here, urls.region(parent.id))) if parent else None,
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
            title=view.record.name,
            unit_id=view.ref.id,
            region_id=view.ref.region,
            kind=view.ref.kind,
            facts=tuple(self._unit_facts(here, view)),
            as_of=self.as_of,
            roles=tuple(r for r in roles if r.rows),
            domains=tuple(
                DomainRow(
                    Link(d.plan.short_title or d.plan.title, relative(here, urls.plan(d.plan.id))),
                    "、".join(d.lead.domains),
                    d.lead.phrase,
                )
                for d in view.domains
            ),
            groups=tuple(self._unit_link(here, g) for g in view.groups),
            members=tuple(self._unit_link(here, m) for m in view.members),
            peers=tuple(Link(f"{p.name}", relative(here, p.url)) for p in view.peers),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def _unit_facts(self, here: str, view: UnitView) -> Iterator[Field]:
        ui, record = self.ui, view.record
        yield Field(
            ui.unit_kind_unit if view.ref.kind == "unit" else ui.unit_kind_group,
            tx.plain(record.name),
        )
        region_href = relative(here, urls.region(view.region.id))
        yield Field(
            ui.unit_region, Markup('<a href="{}">{}</a>').format(region_href, view.region.name)
        )
        if view.category is not None:
            yield Field(ui.unit_category, tx.plain(view.category.name))
        if record.name_en:
            yield Field(ui.unit_name_en, Markup('<span lang="en">{}</span>').format(record.name_en))
        forms = [getattr(record, "short", None), *record.aliases]
        forms = [f for f in forms if f]
        if forms:
            yield Field(ui.unit_aliases, tx.plain("、".join(forms)))

    def _duty(self, here: str, duty: Duty) -> DutyRow:
        tv = duty.task
        plan = tv.plan
        note = None
        if duty.carried_from is not None:
            origin = duty.carried_from
            link = Markup('<a href="{}">{}</a>').format(relative(here, origin.url), origin.number)
            note = Markup(escape(self.ui.carried_from)).format(task=link)
        return DutyRow(
            plan=Link(plan.short_title or plan.title, relative(here, urls.plan(plan.id))),
            task=Link(f"{tv.number} {tv.task.title or ''}".strip(), relative(here, tv.url)),
            citation=tv.citation,
            deadlines=tuple(f"{d.phrase}（{d.date.isoformat()}）" for d in tv.task.deadlines),
            note=note,
        )

    # --- everything ------------------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        yield self.home()
        yield self.plans_index()
        for view in self.views.plans:
            yield self.plan(view)
        yield self.units_index()
        for region in self.views.regions:
            yield self.region(region.id)
        for unit in self.views.units_sorted():
            yield self.unit(unit)


def _phrases(deadlines: Iterable[Deadline]) -> tuple[str, ...]:
    return tuple(d.phrase for d in deadlines)


def _join(parts: Iterable[Markup]) -> Markup:
    return Markup("；").join(parts)


def _topics(registry: Any) -> Mapping[str, Any]:
    return registry.topics


def render_site(
    project: Any, *, lang: str = "zh", today: dt.date | None = None
) -> tuple[list[Page], SiteViews]:
    """Every generated page of `project` in `lang`, and the views they were built from."""
    views = build_views(project, today or build_date())
    builder = PageBuilder(views, load_ui(lang), _topics(project.registry))
    return list(builder.pages()), views


def published_sources(views: SiteViews) -> list[tuple[str, str]]:
    """(site path, project path) of every original text to publish beside the pages."""
    seen: dict[str, str] = {}
    for view in views.plans:
        if view.source_available:
            seen.setdefault(urls.source(view.plan.source.file), view.plan.source.file)
    return sorted(seen.items())
