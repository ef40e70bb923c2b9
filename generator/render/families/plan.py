"""Plan pages: `/plans/<id>/` and, for a long plan, its further parts `/plans/<id>/<n>/`.

The first part carries the plan's facts (issuer, dates, lineage, files), its phases, cover
letter, preamble and removed clauses; every part prints its chapters' share of the text
(`views.parts`), each task as a block (`plan_tasks`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from functools import partial

from ...cite import arabic
from ...deadlines import period_phrase
from ...model import Phase, Plan
from ...search_keywords import PageKeys, keyword_list
from ...views import urls
from ...views.parts import ChapterSlice, PlanLayout, PlanPart, SectionSlice
from ...views.site import PlanView, TaskView, UnitRef
from .. import text as tx
from ..contexts.common import Filter, Keywords, Link, Pager
from ..contexts.plan import (
    AltLine,
    ChapterBlock,
    CoverBlock,
    LineagePlan,
    LineageStep,
    PhaseBlock,
    PlanContext,
    PlanFacts,
    RemovedRow,
    SectionBlock,
)
from ..i18n import TEXT_LANG
from ..kit import PageKit
from ..renderer import Page, PageGroup
from .plan_progress import plan_progress
from .plan_tasks import TaskBlocks, phrases


def groups(kit: PageKit) -> list[PageGroup]:
    """Each plan's pages as one group; a task block costs 6, a row elsewhere about 1."""
    return [
        PageGroup(6 * len(view.tasks) + 1, partial(plan_pages, kit, view))
        for view in kit.views.plans
    ]


def plan_pages(kit: PageKit, view: PlanView) -> list[Page]:
    """The plan's page, and one more page per further part of a long plan."""
    return [_part(kit, view, part) for part in view.layout.parts]


def _part(kit: PageKit, view: PlanView, part: PlanPart) -> Page:
    here, plan, layout, names = part.path, view.plan, view.layout, kit.names
    first = part.number == 1
    links = {name: kit.link(here, ref.url) for name, ref in view.refs.items()}
    keys = PageKeys()  # each search key once per page, in page order: the plan's first
    keywords = _keywords(kit, view, keys) if first else None
    tasks = TaskBlocks(kit, view, here, links, keys)
    title = names.plan(plan)
    if layout.split:
        title = kit.ui.format("part_title", title=title, part=part.number, parts=len(layout.parts))
    ctx = PlanContext(
        ui=kit.ui,
        title=title,
        title_lang=TEXT_LANG if names.plan(plan) == plan.title else kit.ui.html_lang,
        doc_title=plan.title,
        plan_id=plan.id,
        region_id=plan.region,
        facts=_facts(kit, here, view, links) if first else None,
        progress=plan_progress(
            kit, here, view, {c.id: heading(c.no, c.title) for c in plan.chapters}
        )
        if first
        else None,
        contents=tuple(
            names.link(
                _heading_text(kit, c.no, c.title, c.title_en),
                kit.in_page(here, layout.href(urls.chapter_anchor(c.id))),
            )
            for c in plan.chapters
        ),
        translation_notice=kit.ui.translation_notice if names.english else "",
        phases=tuple(_phase(kit, here, view, p) for p in plan.phases()) if first else (),
        cover=_cover(plan, links) if first else None,
        preamble=tx.paragraphs(plan.preamble) if first else (),
        chapters=tuple(_chapter(kit, here, view, c, tasks) for c in part.chapters),
        notes=tuple(kit.note(n) for n in plan.notes) if first else (),
        removed=tuple(_removed(kit, here, view)) if first else (),
        keywords=keywords,
        filters=_filters(kit, view, [view.task(t.id) for t in part.tasks()]),
        pager=_pager(kit, here, view, part),
        home=kit.link(here, view.url),
        part_map=_part_map(layout) if layout.split else "",
        history=Link(kit.ui.history_view, kit.link(here, urls.plan_history(plan.id))),
    )
    return kit.render(here, ctx)


def heading(no: str | None, title: str | None) -> str:
    """`一` + `总体要求` → `一、总体要求`; a marker that ends in punctuation is kept."""
    no = (no or "").strip()
    if no and no[-1] not in "、.．）)：:":
        no += "、"
    return f"{no}{title or ''}".strip()


def _heading_text(kit: PageKit, no: str | None, title: str | None, title_en: str | None) -> str:
    """A chapter's or section's heading in the page's language: `一、总体要求` / "1. General
    requirements" (the printed heading where the data has no translation)."""
    if not kit.names.english or not title_en:
        return heading(no, title)
    number = arabic(no or "")
    return f"{number}. {title_en}" if number else title_en


def _translation(kit: PageKit, no: str | None, title_en: str | None) -> str:
    return _heading_text(kit, no, "", title_en) if kit.names.english and title_en else ""


def _pager(kit: PageKit, here: str, view: PlanView, part: PlanPart) -> Pager | None:
    if not view.layout.split:
        return None
    paths = [p.path for p in view.layout.parts]
    return kit.pager(here, kit.ui.pager_label, paths, part.number)


def _part_map(layout: PlanLayout) -> str:
    """`{"2": "t-41 t-41-1 …", …}`: which part prints each anchor, for portal.js to
    forward a clause link (`plans/<id>/#t-41`) to its part."""
    numbers = {p.path: str(p.number) for p in layout.parts}
    out: dict[str, list[str]] = {}
    for anchor, path in layout.page_of.items():
        out.setdefault(numbers[path], []).append(anchor)
    return json.dumps({n: " ".join(a) for n, a in out.items()}, separators=(",", ":"))


# --- the plan's facts -----------------------------------------------------------------------


def _facts(kit: PageKit, here: str, view: PlanView, links: Mapping[str, str]) -> PlanFacts:
    plan, ui, names = view.plan, kit.ui, kit.names
    letter = plan.cover_letter
    recipients, recipient_units = None, ()
    if letter and names.english and letter.recipients:
        recipient_units = tuple(
            kit.unit_link(here, ref) if (ref := view.refs.get(name)) else names.link(name, "")
            for name in letter.recipients
        )
    elif letter and letter.recipients_text:
        recipients = tx.rich(letter.recipients_text.rstrip("：:"), links)
    basis = tuple(
        names.link(
            _cited(kit, b.title, b.title_en), kit.link(here, urls.plan(b.plan)) if b.plan else ""
        )
        for b in plan.basis
    )
    timeline = kit.data.timelines[plan.id]
    return PlanFacts(
        issuer=kit.issuer(plan, plan.region),
        title_original=(
            names.label(tx.clean(plan.title))
            if names.english and plan.title_en is not None
            else None
        ),
        doc_number=names.label(tx.clean(plan.doc_number)) if plan.doc_number else None,
        issued=plan.issued.isoformat() if plan.issued else "",
        period=tx.clean(period_phrase(plan.period.start, plan.period.end, ui)),
        period_status=kit.period_badge(plan),
        region=tx.clean(names.of(view.region) if view.region else plan.region),
        kind=ui[f"kind_{plan.kind.value}"],
        recipients=recipients,
        recipients_lang=names.text_lang(str(recipients or "")),
        recipient_units=recipient_units,
        basis=basis,
        basis_lang=names.text_lang("".join(b.text for b in basis)),
        lineage=tuple(_lineage(kit, here, plan)),
        region_level=names.label(names.of(view.region) if view.region else plan.region),
        children=tuple(
            names.link(_cited(kit, c.plan.title, c.plan.title_en), kit.link(here, c.url))
            for c in kit.data.lineage.children_of(plan)
        ),
        timeline=Link(ui.timeline_title, kit.link(here, timeline.path)),
        timeline_counts=ui.format(
            "timeline_counts", phases=len(timeline.phases), deadlines=len(timeline.deadlines)
        ),
        files=(
            Link("JSON", kit.shared(here, urls.plan_json(plan.id))),
            Link("iCalendar", kit.shared(here, urls.plan_calendar(plan.id))),
        ),
        source=kit.shared(here, urls.source(plan.source.file)) if view.source_available else "",
    )


def _cited(kit: PageKit, title: str, title_en: str | None) -> str:
    """A document's title as cited: 《title》, or “English title” on English pages."""
    if kit.names.english and title_en:
        return f"“{title_en}”"
    return f"《{title}》"


def _lineage(kit: PageKit, here: str, plan: Plan) -> Iterator[LineageStep]:
    """The plan's ancestors, highest level first (`views.lineage`)."""
    names = kit.names
    for step in kit.data.lineage.chain(plan):
        yield LineageStep(
            names.label(names.of(step.region)) if step.region else None,
            tuple(
                LineagePlan(
                    title := _cited(kit, a.title, a.view.plan.title_en if a.view else None),
                    kit.link(here, a.view.url) if a.view is not None else "",
                    f"{kit.ui.lparen}{a.doc_number}{kit.ui.rparen}" if a.doc_number else "",
                    names.text_lang(title),
                )
                for a in step.plans
            ),
        )


# --- the text -------------------------------------------------------------------------------


def _cover(plan: Plan, links: Mapping[str, str]) -> CoverBlock | None:
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


def _phase(kit: PageKit, here: str, view: PlanView, phase: Phase) -> PhaseBlock:
    anchor = urls.phase_anchor(phase.id)
    return PhaseBlock(
        anchor=anchor,
        href=kit.in_page(here, view.href(anchor)),
        no=(phase.no or "") if not kit.names.english else "",
        name=kit.text(phase, "name"),
        when=(phase.period_text if not kit.names.english else None)
        or period_phrase(phase.start, phase.end, kit.ui),
        start=phase.start.isoformat(),
        end=phase.end.isoformat(),
        paragraphs=tx.paragraphs(phase.text, marks=phrases(phase.deadlines)),
    )


def _chapter(
    kit: PageKit, here: str, view: PlanView, part: ChapterSlice, tasks: TaskBlocks
) -> ChapterBlock:
    """The chapter as far as it is printed on this part: heading, text and phases where
    it starts (elsewhere a "continued" heading without anchor)."""
    chapter, head = part.chapter, part.head
    return ChapterBlock(
        anchor=urls.chapter_anchor(chapter.id) if head else "",
        heading=heading(chapter.no, chapter.title),
        translation=_translation(kit, chapter.no, chapter.title_en),
        paragraphs=tx.paragraphs(chapter.text, marks=phrases(chapter.deadlines)) if head else (),
        phases=tuple(_phase(kit, here, view, p) for p in chapter.phases) if head else (),
        tasks=tuple(tasks.block(view.task(t.id), 3) for t in part.tasks),
        sections=tuple(_section(kit, s, tasks) for s in part.sections),
        notes=tuple(kit.note(n) for n in chapter.notes) if head else (),
    )


def _section(kit: PageKit, part: SectionSlice, tasks: TaskBlocks) -> SectionBlock:
    section, head = part.section, part.head
    return SectionBlock(
        anchor=urls.section_anchor(section.id) if head else "",
        heading=heading(section.no, section.title),
        translation=_translation(kit, section.no, section.title_en),
        paragraphs=tx.paragraphs(section.text, marks=phrases(section.deadlines)) if head else (),
        tasks=tuple(tasks.block(tasks.view.task(t.id), 4) for t in part.tasks),
        notes=tuple(kit.note(n) for n in section.notes) if head else (),
    )


def _removed(kit: PageKit, here: str, view: PlanView) -> Iterator[RemovedRow]:
    ui = kit.ui
    for r in view.removed:
        if r.removed_in:
            text = ui.format("tombstone_text", no=r.no, title=r.title, date=r.removed_on)
        else:
            text = ui.format("tombstone_retired", id=r.no, note=r.note)
        if r.note and r.removed_in:
            text = f"{text} {r.note}"
        moved = (
            Link(ui.tombstone_moved, kit.in_page(here, view.href(r.moved_to)))
            if r.moved_to
            else None
        )
        history = f"{urls.plan_history(view.plan.id)}#r-{r.removed_in}"
        revision = Link(ui.tombstone_revision, kit.link(here, history)) if r.removed_in else None
        yield RemovedRow(r.anchor, text, revision, moved)


# --- search (hidden Pagefind keywords and filters, developer-docs/search.md) --------------


def _keywords(kit: PageKit, view: PlanView, keys: PageKeys) -> Keywords | None:
    plan = view.plan
    english = (plan.title_en,) if kit.names.english else ()
    texts = (plan.title, plan.short_title, plan.doc_number, plan.issuer)
    return kit.keywords(keys.new(keyword_list(texts, english=english)))


def _filters(kit: PageKit, view: PlanView, tasks: Iterable[TaskView]) -> tuple[Filter, ...]:
    """plan, region and every unit with a duty in `tasks`, the tasks on the page (a
    filter is page-wide)."""
    plan = view.plan
    refs: dict[tuple[str, str], UnitRef] = {}
    for tv in tasks:
        carried = view.carried.get(tv.task.id)
        for name in (*tv.task.responsibility.all_refs(), *(carried[1] if carried else ())):
            ref = view.refs.get(name)
            if ref is not None:
                refs.setdefault(ref.key, ref)
    region = kit.names.of(view.region) if view.region else plan.region
    units = [kit.unit_name(ref) for ref in refs.values()]
    return kit.filters(plan=kit.names.plan(plan), region=region, unit=units)
