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
from pydantic_core import PydanticCustomError

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
def _not_a_number(value: object) -> object:
    """Dates are written YYYY-MM-DD: pydantic would read `0` as 1970-01-01 (a Unix time)."""
    if isinstance(value, int | float):  # booleans too
        kind = "a boolean" if isinstance(value, bool) else "a number"
        raise PydanticCustomError("date_number", "{kind} is not a date", {"kind": kind})
    return value


#: A calendar day, written YYYY-MM-DD (numbers are refused, not read as timestamps).
Day = Annotated[dt.date, BeforeValidator(_not_a_number)]

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
    """The text as printed."""
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    """BCP 47 tag, e.g. `mn-Mong` for Mongolian in traditional script."""


class EditorNote(Record):
    """An editor's remark on the source, e.g. an evident slip kept as printed."""

    text: Text
    """The editor's explanation."""
    quote: str | None = None
    """The exact source wording the note is about."""


# --- time ---------------------------------------------------------------------------------


class Period(Record):
    """A span of days, both ends included."""

    start: Day
    """First day of the plan period."""
    end: Day
    """Last day of the plan period (2024-2026年 → 2026-12-31)."""


class Deadline(Record):
    """A date by which something is due, with the phrase that states it."""

    date: Day
    """Last day of the stated period (2024年底前 → 2024-12-31 with precision `year`)."""
    precision: Precision
    """How exact the phrase is: `day`, `month`, `quarter`, `half` or `year`."""
    phrase: Text
    """The source phrase, verbatim (e.g. `2024年底前`)."""
    item: Slug | None = None
    """Id of the sub-item the deadline belongs to, when it belongs to one."""
    inferred: str | None = None
    """Set when part of the date is not in the phrase (e.g. the year of `4月30日前`): why."""


class Recurrence(Record):
    """A recurring duty (每季度至少1次): listed as such, never turned into fake dates."""

    phrase: Text
    """The source phrase, verbatim (e.g. `每季度…至少开展1次`)."""
    every: Literal["week", "month", "quarter", "half-year", "year"]
    """The period of the repetition."""
    times: int | None = None
    """Minimum number of times per period, when stated."""
    item: Slug | None = None
    """Id of the sub-item it belongs to, when it belongs to one."""


class Target(Record):
    """A quantitative target (达标率100%, 不低于75%)."""

    indicator: Text
    """What is measured (规模以上企业安全生产标准化达标率)."""
    value: float
    """The target number (100 for 100%)."""
    unit: str = "%"
    """Unit of the value (`%`, `家`, `人` …)."""
    comparator: Literal["=", ">=", "<=", ">", "<"] = "="
    """`>=` for 不低于/达到, `<=` for 不超过, `=` for 为."""
    by: Day | None = None
    """Date by which the target is to be met, when stated."""
    phrase: Text
    """The source phrase, verbatim."""
    item: Slug | None = None
    """Id of the sub-item it belongs to, when it belongs to one."""


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
    """The sub-item's text, verbatim (without the marker)."""


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
    """Sub-items (一是…二是…) in order."""
    closing: str | None = None
    """Text after the last sub-item, when the source has some."""
    responsibility: Responsibility = Responsibility()
    """Who must act (牵头/配合/责任/属地)."""
    deadlines: tuple[Deadline, ...] = ()
    """Dated phrases in the task, in text order."""
    recurrence: tuple[Recurrence, ...] = ()
    """Recurring duties stated in the task."""
    targets: tuple[Target, ...] = ()
    """Quantitative targets stated in the task."""
    topics: tuple[Slug, ...] = ()
    """Topic ids from data/topics.yaml."""
    implements: str | None = None
    """Id of the parent plan's task this task implements (`<plan-id>#<task-id>`)."""
    notes: tuple[EditorNote, ...] = ()
    """Editor's notes on the source wording."""


class Phase(Record):
    """A dated stage of the plan (动员部署阶段 …)."""

    id: Slug
    """Stable id; the anchor is `p-<id>`."""
    no: Printed | None = None
    """Number as printed (`（一）`)."""
    name: Text
    """Name as printed (动员部署阶段)."""
    start: Day
    """First day of the phase."""
    end: Day
    """Last day of the phase (2024年2月至4月 → 2024-04-30)."""
    period_text: str | None = None
    """The dates as printed (`2024年2月至4月`)."""
    text: str = ""
    """What happens in the phase, verbatim."""
    deadlines: tuple[Deadline, ...] = ()
    """Dated phrases in the phase text."""


class Section(Record):
    """A numbered part inside a chapter: an action （一）开展…行动 or a prose paragraph."""

    id: Slug
    """Stable id; the anchor is `s-<id>`."""
    no: Printed | None = None
    """Number as printed (`（一）`)."""
    title: str | None = None
    """Heading as printed (开展…行动)."""
    text: str = ""
    """Prose of the section (before its tasks, if any)."""
    tasks: tuple[Task, ...] = ()
    """Numbered tasks of the section, in order."""
    deadlines: tuple[Deadline, ...] = ()
    """Milestones stated in prose (e.g. goals in 主要目标)."""
    targets: tuple[Target, ...] = ()
    """Quantitative targets stated in the prose."""
    notes: tuple[EditorNote, ...] = ()
    """Editor's notes on the source wording."""


class Chapter(Record):
    """A top-level part 一、二、…"""

    id: Slug
    """Stable id; the anchor is `c-<id>`."""
    no: Printed | None = None
    """Number as printed (`一`)."""
    title: Text
    """Heading as printed (总体要求, 主要任务 …)."""
    role: ChapterRole = ChapterRole.other
    """What the chapter is for (general, tasks, division, schedule, safeguards, other)."""
    text: str = ""
    """Prose directly under the heading."""
    sections: tuple[Section, ...] = ()
    """Numbered parts of the chapter, in order."""
    tasks: tuple[Task, ...] = ()
    """Tasks directly in the chapter (when it has no sections)."""
    phases: tuple[Phase, ...] = ()
    """Dated phases described in this chapter (进度安排)."""
    deadlines: tuple[Deadline, ...] = ()
    """Milestones stated in the chapter's prose."""
    targets: tuple[Target, ...] = ()
    """Quantitative targets stated in the chapter's prose."""
    notes: tuple[EditorNote, ...] = ()
    """Editor's notes on the source wording."""


class Contacts(Record):
    """Contact lines of the cover letter."""

    text: tuple[Text, ...]
    """The contact lines as printed."""
    people: tuple[Text, ...] = ()
    """Names of the contact persons."""
    phone: tuple[str, ...] = ()
    """Telephone numbers as printed."""
    email: tuple[str, ...] = ()
    """E-mail addresses as printed."""


class CoverLetter(Record):
    """The issuing notice (印发通知) in front of the plan."""

    letterhead: str | None = None
    """e.g. `呼伦贝尔市安全生产委员会文件`."""
    letterhead_alt: tuple[LangText, ...] = ()
    """The letterhead in other scripts (the Mongolian line), kept and tagged."""
    doc_number: str | None = None
    """文号 as printed on the notice."""
    title: str | None = None
    """Title of the notice (关于印发…的通知)."""
    recipients_text: str | None = None
    """The salutation line as printed (…：)."""
    recipients: tuple[UnitRef, ...] = ()
    """The addressees as unit or group names."""
    text: str = ""
    """Body of the notice, verbatim."""
    contacts: Contacts | None = None
    """Contact lines, when printed."""
    signature: str | None = None
    """The issuing body as signed."""
    date_text: str | None = None
    """The date as printed (2024年3月8日)."""


class Basis(Record):
    """A higher-level plan this plan implements."""

    title: Text
    """Title of the parent plan, as the text names it."""
    plan: Slug | None = None
    """Id of the parent plan when it is in the portal."""
    doc_number: str | None = None
    """文号 of the parent plan, when known."""
    issuer: str | None = None
    """Issuing body of the parent plan, when known."""
    region: Slug | None = None
    """Region id of the parent plan, when known."""


class Source(Record):
    """Where the original text of the plan is."""

    file: str
    """Path of the original text in the project: a file in data/sources/ (it is published)."""
    url: str | None = None
    """Where the original was published, when known."""
    note: str | None = None
    """Remarks on the source (extraction, completeness)."""


class DomainLead(Record):
    """A domain-to-lead-unit assignment stated in prose (区住建局牵头负责建筑施工、燃气…)."""

    unit: UnitRef
    """The lead unit as printed."""
    domains: tuple[Text, ...]
    """The domains it leads, as printed."""
    topics: tuple[Slug, ...] = ()
    """Topic ids matching the domains."""
    phrase: Text
    """The source clause, verbatim."""


class RetiredId(Record):
    """A task id that was removed: it is never reused, and its old anchor lands on a notice."""

    id: Slug
    """The retired task id."""
    note: str | None = None
    """Why it was removed."""
    moved_to: Slug | None = None
    """Id of the task that now carries its content, if any."""


class Plan(Record):
    """A plan document (`plans/<id>.yaml`)."""

    id: Slug
    """URL segment: /plans/<id>/. Frozen once published."""
    title: Text
    """Title as printed on the plan itself."""
    title_en: str | None = None
    """English title, when known."""
    short_title: str | None = None
    """Short name used in lists and citations."""
    kind: PlanKind
    """Kind of document (three-year-action-plan, implementation-plan, …)."""
    region: Slug
    """Region id from data/regions.yaml."""
    issuer: Text
    """Issuing body."""
    doc_number: str | None = None
    """文号, e.g. 呼安委会字〔2024〕4号; absent when the text has none."""
    issued: Day | None = None
    """Date of issue; absent when the text has none."""
    period: Period
    """The period the plan covers."""
    basis: tuple[Basis, ...] = ()
    """Higher-level plans this plan implements."""
    source: Source
    """The original text."""
    cover_letter: CoverLetter | None = None
    """The issuing notice, when the text has one."""
    preamble: str = ""
    """Text between the title and the first chapter, verbatim."""
    chapters: Annotated[tuple[Chapter, ...], Field(min_length=1)]
    """The body, in document order; at least one chapter."""
    domain_leads: tuple[DomainLead, ...] = ()
    """Domain-to-lead-unit assignments stated in prose."""
    retired: tuple[RetiredId, ...] = ()
    """Task ids removed from the plan; never reused."""
    notes: tuple[EditorNote, ...] = ()
    """Editor's notes on the plan as a whole."""

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
    """A place with its own plans and units (`data/regions.yaml`)."""

    id: Slug
    """URL segment; pinyin of the name (docs/conventions.md)."""
    name: Text
    """Full name (呼伦贝尔市)."""
    name_en: str | None = None
    """English name."""
    level: Literal["country", "province", "prefecture", "county", "zone", "town"]
    """Administrative level."""
    parent: Slug | None = None
    """Id of the region above; units resolve up this chain."""


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
    """English name."""
    kind: UnitKind = UnitKind.department
    """department, government, committee, enterprise or organisation."""
    category: Slug | None = None
    """Cross-region category (emergency-management) to compare like units."""
    parent: Slug | None = None
    """Id of the unit this one belongs to, e.g. a bureau's branch office."""


class Group(Record):
    """A collective phrase (市安委会各成员单位): not a unit, shown as a group."""

    id: Slug
    """URL segment under /units/<region>/ (shared with units)."""
    name: Text
    """The collective phrase (市安委会各成员单位)."""
    aliases: tuple[Text, ...] = ()
    """Other printed forms of the phrase."""
    name_en: str | None = None
    """English name."""
    members: tuple[Slug, ...] = ()
    """Unit ids, when the membership is known; empty otherwise."""
    description: str | None = None
    """What the group covers."""


class UnitRegistry(Record):
    """`data/units/<region>.yaml`: the units and groups of one region."""

    region: Slug
    """Region id; the file is data/units/<region>.yaml."""
    units: tuple[Unit, ...] = ()
    """Units of the region."""
    groups: tuple[Group, ...] = ()
    """Collective phrases of the region."""


class Topic(Record):
    """A subject that tasks of many plans share (`data/topics.yaml`)."""

    id: Slug
    """URL segment: /topics/<id>/."""
    name: Text
    """Chinese name (燃气)."""
    name_en: Text
    """English name."""
    keywords: tuple[Text, ...] = ()
    """Words that mark a task as belonging to the topic (used by the importer)."""


class Category(Record):
    """A kind of unit found in every region (emergency management, housing …)."""

    id: Slug
    """Slug shared by like units across regions."""
    name: Text
    """Chinese name (应急管理)."""
    name_en: Text
    """English name."""


# --- reference files (the top level of each data/ file) -------------------------------------


class RegionsFile(Record):
    """`data/regions.yaml`."""

    regions: tuple[Region, ...]
    """Every region of the portal."""


class TopicsFile(Record):
    """`data/topics.yaml`."""

    topics: tuple[Topic, ...]
    """The topic taxonomy."""


class CategoriesFile(Record):
    """`data/categories.yaml`."""

    categories: tuple[Category, ...]
    """Unit categories."""


class Term(Record):
    """One glossary entry."""

    zh: Text
    """Chinese term."""
    en: Text
    """English rendering."""


class GlossaryFile(Record):
    """`data/glossary.yaml`: English for recurring Chinese terms shown on the site."""

    terms: tuple[Term, ...]
    """Chinese → English terms shown on the site."""
