"""Contexts of a plan page: its facts, its text, and the block of each task."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from ..ui import UiStrings
from .common import DeadlineBadge, Filter, Keywords, Label, Link, Pager, PeriodBadge, Pieces
from .progress import PlanProgress, StateBadge, TaskProgress


@dataclass(frozen=True)
class LineagePlan:
    """A parent plan in the lineage chain: linked when it is in the portal."""

    text: str
    """`《title》` as cited."""
    href: str
    doc_number: str
    """`（文号）`, or empty."""
    lang: str
    """As `Label.lang`: the title is Chinese."""


@dataclass(frozen=True)
class LineageStep:
    """One administrative level of the chain, highest first."""

    level: Label | None
    """The region's name (None when the parent's region is unknown)."""
    plans: tuple[LineagePlan, ...]


@dataclass(frozen=True)
class PlanFacts:
    """The facts block at the top of a plan page; each field one row (absent: no row)."""

    issuer: Label
    title_original: Label | None
    """The Chinese title, on English pages of a plan with an English title."""
    doc_number: Label | None
    issued: str
    period: str
    period_status: PeriodBadge
    """Whether the plan's period has begun, is running or has ended (build date)."""
    region: str
    kind: str
    recipients: Markup | None
    """As printed on the cover letter, units linked (plan prose); Chinese pages."""
    recipients_lang: str
    recipient_units: tuple[Link, ...]
    """English pages: the recipients in English, linked (the printed line is Chinese)."""
    basis: tuple[Link, ...]
    """`《title》` of each plan this one is based on; linked when in the portal."""
    basis_lang: str
    lineage: tuple[LineageStep, ...]
    """Every ancestor plan, highest level first (empty: no row)."""
    region_level: Label
    """This plan's region, the last step of the chain."""
    children: tuple[Link, ...]
    """`《title》` of each plan in the portal that implements this one."""
    timeline: Link
    timeline_counts: str
    files: tuple[Link, ...]
    """The plan's own data files (JSON, iCalendar)."""
    source: str
    """Link to the original text, empty when it is not published."""


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
    progress: StateBadge | None = None
    """The sub-item's own state, where units reported on it."""


@dataclass(frozen=True)
class RoleNames:
    """One role of a responsibility line (牵头单位：…) and the units named in it."""

    title: str
    names: tuple[Link, ...]


@dataclass(frozen=True)
class Responsibility:
    """Who does a task: the printed line (units linked), or the roles it was parsed into."""

    text: Markup | None
    """The line as printed in the plan (plan prose), when the data has it."""
    lang: str
    """The language of `text` where it is not the page's."""
    roles: tuple[RoleNames, ...]
    and_others: bool
    """The list ends in 等 (more units than named)."""


@dataclass(frozen=True)
class CarriedDuty:
    """The territorial duty stated once and carried forward to this task."""

    pieces: Pieces
    """`carried_note` cut at `{task}` and `{names}`."""
    task: Link
    """The task that states the duty."""
    names: tuple[Link, ...]


@dataclass(frozen=True)
class TaskFacts:
    """The facts block of a task; each field one row (empty: no row). A row quoted word
    for word in the task's text is left out of the search index (`*_indexed`): Pagefind
    would index the phrase twice."""

    deadlines: tuple[DeadlineBadge, ...]
    """In words in the page's language, each with its status on the build date."""
    deadlines_indexed: bool
    recurrence: tuple[DeadlineBadge, ...]
    recurrence_indexed: bool
    targets: tuple[Label, ...]
    targets_indexed: bool
    topics: tuple[Link, ...]
    """Links to the topic's page (an unknown topic id: shown, not linked)."""
    implements: Link | None
    """The parent plan's task this task carries out (not linked when not in the portal)."""
    implemented_by: tuple[Link, ...]


@dataclass(frozen=True)
class TaskBlock:
    anchor: str
    level: int
    """Heading level (3 in a chapter, 4 in a section)."""
    no: str
    title: Label
    """The title in the page's language: printed, translated (`lang` set inside the
    Chinese text), or derived from the text (`derived`); empty when there is none."""
    derived: bool
    original_title: str
    """English pages: the printed Chinese title beside its translation."""
    paragraphs: tuple[Markup, ...]
    items: tuple[ItemBlock, ...]
    closing: tuple[Markup, ...]
    responsibility: Responsibility | None
    carried: CarriedDuty | None
    facts: TaskFacts | None
    notes: tuple[Label, ...]
    """Editor's notes in the page's language (the Chinese where a note has no English)."""
    copy: CopyControls
    keywords: Keywords | None
    """Hidden search keywords after the heading: only keys not on the page before."""
    progress: TaskProgress | None = None
    """Its state and newest reports, when the plan has any report."""


@dataclass(frozen=True)
class PhaseBlock:
    anchor: str
    href: str
    """Link to the phase from the page's phase list (`#anchor`, or its part's page)."""
    no: str
    name: Label
    """In the page's language (`name_en`), else as printed."""
    when: str
    start: str
    end: str
    paragraphs: tuple[Markup, ...]


@dataclass(frozen=True)
class SectionBlock:
    anchor: str
    heading: str
    """As printed (一、总体要求)."""
    translation: str
    """English pages: the heading's translation (empty when the data has none)."""
    paragraphs: tuple[Markup, ...]
    tasks: tuple[TaskBlock, ...]
    notes: tuple[Label, ...]


@dataclass(frozen=True)
class ChapterBlock:
    anchor: str
    heading: str
    """As printed (一、总体要求)."""
    translation: str
    """English pages: the heading's translation (empty when the data has none)."""
    paragraphs: tuple[Markup, ...]
    phases: tuple[PhaseBlock, ...]
    tasks: tuple[TaskBlock, ...]
    sections: tuple[SectionBlock, ...]
    notes: tuple[Label, ...]


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
class RemovedRow:
    anchor: str
    text: str
    """What was removed and when (or the editor's note)."""
    revision: Link | None
    """The revision that removed it, on the plan's history page."""
    moved: Link | None


@dataclass(frozen=True)
class PlanContext:
    TEMPLATE: ClassVar[str] = "plan.md.j2"
    SKIP_TO: ClassVar[str] = "pp-body"
    """A second skip link in the header leads to the plan's text (its clauses)."""
    ui: UiStrings
    title: str
    title_lang: str
    """`lang` of `title` (the tree's own, or `zh-Hans` where the data has no English title)."""
    doc_title: str
    """The plan's own (Chinese) title, heading its text."""
    plan_id: str
    region_id: str
    facts: PlanFacts | None
    """On the first part only."""
    progress: PlanProgress | None
    """The progress summary, on the first part only."""
    contents: tuple[Link, ...]
    """The chapters, in the page's language where the data has their translation."""
    translation_notice: str
    """English pages: the translations are the portal's own (empty on Chinese pages)."""
    phases: tuple[PhaseBlock, ...]
    cover: CoverBlock | None
    preamble: tuple[Markup, ...]
    chapters: tuple[ChapterBlock, ...]
    notes: tuple[Label, ...]
    removed: tuple[RemovedRow, ...]
    """Notices at the old anchors of removed clauses (links to them keep working)."""
    keywords: Keywords | None
    """Hidden search keywords after the `<h1>` (title, short title, 文号, issuer)."""
    filters: tuple[Filter, ...]
    """Hidden Pagefind filters of the page (plan, region, units)."""
    pager: Pager | None
    """Links to every part of a long plan (`views.parts`); None when printed whole."""
    home: str
    """Relative link to the plan's own page (part 1), the address clause links are shared by."""
    part_map: str
    """JSON, part number → its anchors: portal.js forwards a clause link to its part."""
    history: Link
    """The plan's revision history (also where a link to an unknown clause is sent)."""
