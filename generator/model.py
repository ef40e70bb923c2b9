"""Typed, immutable model of a plan and of the reference data.

The YAML files under ``plans/`` and ``data/`` are validated against these classes; the
JSON Schema published for editors (``schema/*.schema.json``) is generated from them, so the
field docstrings here are the data dictionary.  Nothing outside ``generator.load`` sees raw
YAML: every later stage works on these frozen objects.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# --- shared building blocks --------------------------------------------------------------

#: ASCII slug used in URLs and anchors; frozen once written (never derived again).
Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80)
]


def _int_to_str(value: object) -> object:
    """Display numbers may be written unquoted (`no: 3`); keep them as printed text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: Text as printed in the source (display numbers such as "1", "（一）", "一是").
Printed = Annotated[
    str,
    BeforeValidator(_int_to_str, json_schema_input_type=str | int),
    StringConstraints(min_length=1),
]
#: Free text, at least one character.
Text = Annotated[str, StringConstraints(min_length=1)]
#: A unit or group as named in the text or by its canonical name; resolved against data/units.
UnitRef = Annotated[str, StringConstraints(min_length=1)]


class Record(BaseModel):
    """Base for every record: immutable, unknown fields rejected, docs in the schema."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=True, str_strip_whitespace=False
    )


class Precision(StrEnum):
    """How exact a deadline is; a year-end deadline is not shown as an invented day."""

    day = "day"
    month = "month"
    quarter = "quarter"
    half = "half"
    year = "year"


class PlanKind(StrEnum):
    three_year_action_plan = "three-year-action-plan"
    implementation_plan = "implementation-plan"
    annual_work_notice = "annual-work-notice"
    task_breakdown = "task-breakdown"
    five_year_plan = "five-year-plan"
    other = "other"


class ChapterRole(StrEnum):
    """What a chapter is for; pages and views treat task chapters and prose differently."""

    general = "general"
    """总体要求: guiding ideas, goals, division of work."""
    tasks = "tasks"
    """主要任务 / 重点工程: numbered tasks."""
    division = "division"
    """任务分工: who does what, in prose."""
    schedule = "schedule"
    """进度安排: dated phases."""
    safeguards = "safeguards"
    """保障措施."""
    other = "other"


class LangText(Record):
    """A line in another language or script, kept as printed."""

    text: Text
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    """BCP 47 tag, e.g. `mn-Mong` for Mongolian in traditional script."""


class EditorNote(Record):
    """An editor's remark on the source, e.g. an evident slip kept as printed."""

    text: Text
    quote: str | None = None
    """The exact source wording the note is about."""


# --- time ---------------------------------------------------------------------------------


class Period(Record):
    start: dt.date
    end: dt.date


class Deadline(Record):
    """A date by which something is due, with the phrase that states it."""

    date: dt.date
    """Last day of the stated period (2024年底前 → 2024-12-31 with precision `year`)."""
    precision: Precision
    phrase: Text
    """The source phrase, verbatim (e.g. `2024年底前`)."""
    item: Slug | None = None
    """Id of the sub-item the deadline belongs to, when it belongs to one."""
    inferred: str | None = None
    """Set when part of the date is not in the phrase (e.g. the year of `4月30日前`): why."""


class Recurrence(Record):
    """A recurring duty (每季度至少1次): listed as such, never turned into fake dates."""

    phrase: Text
    every: Literal["week", "month", "quarter", "half-year", "year"]
    times: int | None = None
    """Minimum number of times per period, when stated."""
    item: Slug | None = None


class Target(Record):
    """A quantitative target (达标率100%, 不低于75%)."""

    indicator: Text
    value: float
    unit: str = "%"
    comparator: Literal["=", ">=", "<=", ">", "<"] = "="
    by: dt.date | None = None
    phrase: Text
    """The source phrase, verbatim."""
    item: Slug | None = None


# --- responsibility -----------------------------------------------------------------------


class Responsibility(Record):
    """Who must act. Names are as printed; they resolve to units or groups in data/units."""

    text: str | None = None
    """The responsibility wording as printed (parenthesis content or 牵头单位：… lines)."""
    lead: tuple[UnitRef, ...] = ()
    """牵头 units."""
    support: tuple[UnitRef, ...] = ()
    """配合 units."""
    responsible: tuple[UnitRef, ...] = ()
    """责任单位 or 按职责分工负责 where the text does not distinguish lead from support."""
    local: tuple[UnitRef, ...] = ()
    """Territorial duty (各旗市区政府, 各乡镇…负责)."""
    and_others: bool = False
    """The list ends with 等…: other units share the duty."""
    carries_forward: bool = False
    """The local duty applies to every following task too (以下均需…不再一一列出)."""

    def all_refs(self) -> tuple[UnitRef, ...]:
        return self.lead + self.support + self.responsible + self.local


# --- plan body ----------------------------------------------------------------------------


class Item(Record):
    """A sub-item of a task (一是…二是…)."""

    id: Slug
    """Stable id within the task; the anchor is `t-<task>-<item>`. Never reused."""
    no: Printed
    """Marker as printed, e.g. `一是`."""
    text: Text


class Task(Record):
    """A numbered task or measure."""

    id: Slug
    """Stable id within the plan; the anchor is `t-<id>`. Survives renumbering, never reused."""
    no: Printed
    """Number as printed (`1`, `（一）`)."""
    title: str | None = None
    """The bold lead phrase, when the task has one."""
    text: str = ""
    """Text before the sub-items (or the whole text when there are none)."""
    items: tuple[Item, ...] = ()
    closing: str | None = None
    """Text after the last sub-item, when the source has some."""
    responsibility: Responsibility = Responsibility()
    deadlines: tuple[Deadline, ...] = ()
    recurrence: tuple[Recurrence, ...] = ()
    targets: tuple[Target, ...] = ()
    topics: tuple[Slug, ...] = ()
    """Topic ids from data/topics.yaml."""
    implements: str | None = None
    """Id of the parent plan's task this task implements (`<plan-id>#<task-id>`)."""
    notes: tuple[EditorNote, ...] = ()


class Phase(Record):
    """A dated stage of the plan (动员部署阶段 …)."""

    id: Slug
    no: Printed | None = None
    name: Text
    start: dt.date
    end: dt.date
    period_text: str | None = None
    """The dates as printed (`2024年2月至4月`)."""
    text: str = ""
    deadlines: tuple[Deadline, ...] = ()


class Section(Record):
    """A numbered part inside a chapter: an action （一）开展…行动 or a prose paragraph."""

    id: Slug
    no: Printed | None = None
    title: str | None = None
    text: str = ""
    """Prose of the section (before its tasks, if any)."""
    tasks: tuple[Task, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    """Milestones stated in prose (e.g. goals in 主要目标)."""
    targets: tuple[Target, ...] = ()
    notes: tuple[EditorNote, ...] = ()


class Chapter(Record):
    """A top-level part 一、二、…"""

    id: Slug
    no: Printed | None = None
    title: Text
    role: ChapterRole = ChapterRole.other
    text: str = ""
    """Prose directly under the heading."""
    sections: tuple[Section, ...] = ()
    tasks: tuple[Task, ...] = ()
    """Tasks directly in the chapter (when it has no sections)."""
    phases: tuple[Phase, ...] = ()
    """Dated phases described in this chapter (进度安排)."""
    deadlines: tuple[Deadline, ...] = ()
    targets: tuple[Target, ...] = ()
    notes: tuple[EditorNote, ...] = ()


class Contacts(Record):
    text: tuple[Text, ...]
    """The contact lines as printed."""
    people: tuple[Text, ...] = ()
    phone: tuple[str, ...] = ()
    email: tuple[str, ...] = ()


class CoverLetter(Record):
    """The issuing notice (印发通知) in front of the plan."""

    letterhead: str | None = None
    """e.g. `呼伦贝尔市安全生产委员会文件`."""
    letterhead_alt: tuple[LangText, ...] = ()
    """The letterhead in other scripts (the Mongolian line), kept and tagged."""
    doc_number: str | None = None
    title: str | None = None
    recipients_text: str | None = None
    """The salutation line as printed (…：)."""
    recipients: tuple[UnitRef, ...] = ()
    text: str = ""
    contacts: Contacts | None = None
    signature: str | None = None
    date_text: str | None = None


class Basis(Record):
    """A higher-level plan this plan implements."""

    title: Text
    plan: Slug | None = None
    """Id of the parent plan when it is in the portal."""
    doc_number: str | None = None
    issuer: str | None = None
    region: Slug | None = None


class Source(Record):
    file: str
    """Path of the original text inside the project (data/sources/…)."""
    url: str | None = None
    note: str | None = None


class DomainLead(Record):
    """A domain-to-lead-unit assignment stated in prose (区住建局牵头负责建筑施工、燃气…)."""

    unit: UnitRef
    domains: tuple[Text, ...]
    topics: tuple[Slug, ...] = ()
    phrase: Text


class RetiredId(Record):
    """A task id that was removed: it is never reused, and its old anchor lands on a notice."""

    id: Slug
    note: str | None = None
    moved_to: Slug | None = None


class Plan(Record):
    """A plan document (`plans/<id>.yaml`)."""

    id: Slug
    """URL segment: /plans/<id>/. Frozen once published."""
    title: Text
    """Title as printed on the plan itself."""
    title_en: str | None = None
    short_title: str | None = None
    kind: PlanKind
    region: Slug
    """Region id from data/regions.yaml."""
    issuer: Text
    doc_number: str | None = None
    """文号, e.g. 呼安委会字〔2024〕4号; absent when the text has none."""
    issued: dt.date | None = None
    period: Period
    basis: tuple[Basis, ...] = ()
    source: Source
    cover_letter: CoverLetter | None = None
    preamble: str = ""
    chapters: Annotated[tuple[Chapter, ...], Field(min_length=1)]
    """The body, in document order; at least one chapter."""
    domain_leads: tuple[DomainLead, ...] = ()
    retired: tuple[RetiredId, ...] = ()
    notes: tuple[EditorNote, ...] = ()

    # --- derived, read-only helpers (no stored state) ---
    def tasks(self) -> list[Task]:
        """Every task in document order."""
        out: list[Task] = []
        for chapter in self.chapters:
            out.extend(chapter.tasks)
            for section in chapter.sections:
                out.extend(section.tasks)
        return out

    def phases(self) -> list[Phase]:
        return [phase for chapter in self.chapters for phase in chapter.phases]


# --- reference data -----------------------------------------------------------------------


class Region(Record):
    id: Slug
    name: Text
    name_en: str | None = None
    level: Literal["country", "province", "prefecture", "county", "zone", "town"]
    parent: Slug | None = None


class UnitKind(StrEnum):
    department = "department"
    government = "government"
    committee = "committee"
    enterprise = "enterprise"
    organisation = "organisation"


class Unit(Record):
    """A department or body, canonical name plus the forms that occur in texts."""

    id: Slug
    """URL segment under /units/<region>/."""
    name: Text
    """Canonical full name (呼伦贝尔市应急管理局)."""
    short: str | None = None
    """Usual short form in the region's texts (市应急管理局)."""
    aliases: tuple[Text, ...] = ()
    """Other forms that occur (应急管理局, 应急, 市应急局)."""
    name_en: str | None = None
    kind: UnitKind = UnitKind.department
    category: Slug | None = None
    """Cross-region category (emergency-management) to compare like units."""
    parent: Slug | None = None
    """Id of the unit this one belongs to, e.g. a bureau's branch office."""


class Group(Record):
    """A collective phrase (市安委会各成员单位): not a unit, shown as a group."""

    id: Slug
    name: Text
    aliases: tuple[Text, ...] = ()
    name_en: str | None = None
    members: tuple[Slug, ...] = ()
    """Unit ids, when the membership is known; empty otherwise."""
    description: str | None = None


class UnitRegistry(Record):
    """`data/units/<region>.yaml`: the units and groups of one region."""

    region: Slug
    units: tuple[Unit, ...] = ()
    groups: tuple[Group, ...] = ()


class Topic(Record):
    id: Slug
    name: Text
    name_en: Text
    keywords: tuple[Text, ...] = ()
    """Words that mark a task as belonging to the topic (used by the importer)."""


class Category(Record):
    id: Slug
    name: Text
    name_en: Text


# --- reference files (the top level of each data/ file) -------------------------------------


class RegionsFile(Record):
    """`data/regions.yaml`."""

    regions: tuple[Region, ...]


class TopicsFile(Record):
    """`data/topics.yaml`."""

    topics: tuple[Topic, ...]


class CategoriesFile(Record):
    """`data/categories.yaml`."""

    categories: tuple[Category, ...]


class Term(Record):
    zh: Text
    en: Text


class GlossaryFile(Record):
    """`data/glossary.yaml`: English for recurring Chinese terms shown on the site."""

    terms: tuple[Term, ...]
