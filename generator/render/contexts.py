"""One typed context per page template: what the template may show, already computed.

Templates display, they don't compute.  Every field here is display-ready: strings are
plain text (autoescaped by jinja) and `Markup` fields are fragments built by
`generator.render.text` from escaped plan text.  `tests/test_render_contexts.py` checks
that each template uses exactly the fields of its context.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from markupsafe import Markup

from .ui import UiStrings

NO_MARKUP = Markup("")
"""Default of optional `Markup` fields (nothing to show)."""

if TYPE_CHECKING:
    from .crosscut_contexts import Pager


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Field:
    """A labelled value in a metadata block."""

    label: str
    value: Markup
    indexed: bool = True
    """False: left out of the search index (`data-pagefind-ignore`), e.g. phrases quoted
    from the text next to it, which Pagefind would index twice."""


@dataclass(frozen=True)
class DeadlineRow:
    when: Markup
    """The date as precisely as the phrase states it (`<time>`; 2024年底, not 2024-12-31)."""
    phrase: str
    """As printed (2024年底前)."""
    what: Link
    plan: Link


@dataclass(frozen=True)
class PlanCard:
    title: Link
    issuer: str
    region: str
    period: str
    counts: tuple[Field, ...]
    next_deadline: DeadlineRow | None


@dataclass(frozen=True)
class CopyControls:
    """The copy-link and copy-citation buttons of one clause, in compact form: portal.js
    makes the two buttons at load time (their labels come once per page, on `.pp-status`),
    so a long plan does not carry two buttons and three copies of the citation per clause.
    The clause's anchor is the id of its `<li>` or task heading."""

    anchor: str
    citation: str
    what: str
    """The clause as the buttons' aria-labels name it (第3条第2项; task 3, item 2)."""
    tail: str = ""
    """An item's citation after its task's (`<cite>` of the task): （第二项）."""
    full: str = ""
    """The whole citation, only where it does not extend the task's."""


@dataclass(frozen=True)
class ItemBlock:
    anchor: str
    no: str
    text: Markup
    copy: CopyControls


@dataclass(frozen=True)
class TaskBlock:
    anchor: str
    level: int
    """Heading level (3 in a chapter, 4 in a section)."""
    no: str
    title: str
    paragraphs: tuple[Markup, ...]
    items: tuple[ItemBlock, ...]
    closing: tuple[Markup, ...]
    responsibility: Markup | None
    carried: Markup | None
    """The territorial duty carried forward from an earlier task, with a link to it."""
    facts: tuple[Field, ...]
    """Deadlines, recurrence, targets, topics."""
    notes: tuple[str, ...]
    copy: CopyControls
    keywords: Markup = NO_MARKUP
    """Hidden search keywords after the heading (`generator.search_keywords.keyword_html`)."""


@dataclass(frozen=True)
class PhaseBlock:
    anchor: str
    href: str
    """Link to the phase from the page's phase list (`#anchor`, or its part's page)."""
    no: str
    name: str
    when: str
    start: str
    end: str
    paragraphs: tuple[Markup, ...]


@dataclass(frozen=True)
class SectionBlock:
    anchor: str
    heading: str
    paragraphs: tuple[Markup, ...]
    tasks: tuple[TaskBlock, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ChapterBlock:
    anchor: str
    heading: str
    paragraphs: tuple[Markup, ...]
    phases: tuple[PhaseBlock, ...]
    tasks: tuple[TaskBlock, ...]
    sections: tuple[SectionBlock, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class AltLine:
    text: str
    lang: str
    vertical: bool


@dataclass(frozen=True)
class CoverBlock:
    letterhead: str
    alt_lines: tuple[AltLine, ...]
    doc_number: str
    title: str
    recipients: Markup
    paragraphs: tuple[Markup, ...]
    contacts: tuple[str, ...]
    signature: str
    date: str


@dataclass(frozen=True)
class DutyRow:
    plan: Link
    task: Link
    citation: str
    deadlines: tuple[str, ...]
    note: Markup | None


@dataclass(frozen=True)
class RoleBlock:
    title: str
    rows: tuple[DutyRow, ...]


@dataclass(frozen=True)
class DomainRow:
    plan: Link
    domains: str
    phrase: str


@dataclass(frozen=True)
class NamedList:
    """A heading and its links (a region's units, a letter of the A–Z index)."""

    anchor: str
    title: str
    href: str
    links: tuple[Link, ...]
    count: int = 0


# --- page contexts ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class RemovedRow:
    anchor: str
    text: str
    """What was removed, when and in which revision (or the editor's note)."""
    moved: Link | None


@dataclass(frozen=True)
class PlanContext:
    TEMPLATE: ClassVar[str] = "plan.md.j2"
    ui: UiStrings
    title: str
    title_lang: str
    """`lang` of `title` (the tree's own, or `zh-Hans` where the data has no English title)."""
    doc_title: str
    """The plan's own (Chinese) title, heading its text."""
    plan_id: str
    region_id: str
    meta: tuple[Field, ...]
    contents: tuple[Link, ...]
    phases: tuple[PhaseBlock, ...]
    cover: CoverBlock | None
    preamble: tuple[Markup, ...]
    chapters: tuple[ChapterBlock, ...]
    notes: tuple[str, ...]
    removed: tuple[RemovedRow, ...] = ()
    """Notices at the old anchors of removed clauses (links to them keep working)."""
    keywords: Markup = NO_MARKUP
    """Hidden search keywords after the `<h1>` (title, short title, 文号, issuer)."""
    filters: Markup = NO_MARKUP
    """Hidden Pagefind filters of the page (plan, region, units)."""
    pager: Pager | None = None
    """Links to every part of a long plan (`views.parts`); None when printed whole."""
    home: str = ""
    """Relative link to the plan's own page (part 1), the address clause links are shared by."""
    part_map: str = ""
    """JSON, part number → its anchors: portal.js forwards a clause link to its part."""


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
class UnitContext:
    """A unit's page; groups use the same context with `kind` = group."""

    TEMPLATE: ClassVar[str] = "unit.md.j2"
    ui: UiStrings
    title: str
    unit_id: str
    region_id: str
    kind: str
    """`unit` or `group` (selects labels and the CSS class)."""
    facts: tuple[Field, ...]
    as_of: str
    roles: tuple[RoleBlock, ...]
    domains: tuple[DomainRow, ...]
    groups: tuple[Link, ...]
    members: tuple[Link, ...]
    peers: tuple[Link, ...]
    feeds: tuple[Link, ...] = ()
    """The unit's deadline calendar (iCalendar) and change feed (Atom)."""
    keywords: Markup = NO_MARKUP
    """Hidden search keywords after the `<h1>` (name, short name, aliases, English name)."""
    filters: Markup = NO_MARKUP
    """Hidden Pagefind filters of the page (region, unit)."""


PAGE_CONTEXTS = (
    HomeContext,
    PlansIndexContext,
    PlansRegionContext,
    PlanContext,
    UnitsIndexContext,
    UnitListContext,
    RegionContext,
    UnitContext,
)
