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
RESERVED_IDS = frozenset({"by-region", "by-category", "a-z"})
"""Slugs no plan or region may take: the site's split index pages use them as path segments
(`plans/by-region/<id>/`, `units/by-category/<id>/`, `units/a-z/<letter>/`)."""


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
UnitName = Annotated[str, StringConstraints(min_length=1)]


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
    """A line in another language or script, kept as printed.

    中文：以其他语言或文字书写的一行，照录原文。"""

    text: Text
    """The text as printed.

    中文：原文所印的文字。"""
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    """BCP 47 tag, e.g. `mn-Mong` for Mongolian in traditional script.

    中文：BCP 47 语言标记，如传统蒙古文为 `mn-Mong`。"""


class EditorNote(Record):
    """An editor's remark on the source, e.g. an evident slip kept as printed.

    Notes are the portal's own words, written for readers in both languages: Chinese pages
    show `text`, English pages `text_en` (the Chinese when there is none, marked as such).

    中文：编者对原文的说明，如照录的明显笔误。编者注是本站自己的文字，以两种语言写给读者：中文页
    面显示 `text`，英文页面显示 `text_en`（没有英文时显示中文，并加以标注）。"""

    text: Text
    """The editor's explanation, in Chinese (shown on Chinese pages).

    中文：编者的说明，中文（在中文页面显示）。"""
    text_en: str | None = None
    """The same explanation in English (shown on English pages).

    中文：同一说明的英文（在英文页面显示）。"""
    quote: str | None = None
    """The exact source wording the note is about.

    中文：说明所针对的原文措辞，照录。"""


# --- time ---------------------------------------------------------------------------------


class Period(Record):
    """A span of days, both ends included.

    中文：一段日期，首尾两天都包括在内。"""

    start: Day
    """First day of the plan period.

    中文：规划期的第一天。"""
    end: Day
    """Last day of the plan period (2024-2026年 → 2026-12-31).

    中文：规划期的最后一天（2024-2026年 → 2026-12-31）。"""


class Deadline(Record):
    """A date by which something is due, with the phrase that states it.

    中文：完成某事的时间节点，以及原文表述。"""

    date: Day
    """Last day of the stated period (2024年底前 → 2024-12-31 with precision `year`).

    中文：所述期间的最后一天（2024年底前 → 2024-12-31，精度为 `year`）。"""
    precision: Precision
    """How exact the phrase is: `day`, `month`, `quarter`, `half` or `year`.

    中文：表述的精确程度：`day`（日）、`month`（月）、`quarter`（季度）、`half`（半年）或 `year`
    （年）。"""
    phrase: Text
    """The source phrase, verbatim (e.g. `2024年底前`).

    中文：原文表述，照录（如 `2024年底前`）。"""
    item: Slug | None = None
    """Id of the sub-item the deadline belongs to, when it belongs to one.

    中文：时间节点所属子项的标识（属于某一子项时）。"""
    inferred: str | None = None
    """Set when part of the date is not in the phrase (e.g. the year of `4月30日前`): why.

    中文：日期中有部分不在原文表述内时（如 `4月30日前` 的年份），说明推定依据。"""


class Recurrence(Record):
    """A recurring duty (每季度至少1次): listed as such, never turned into fake dates.

    中文：定期工作要求（每季度至少1次）：照此列出，不折算为虚构的日期。"""

    phrase: Text
    """The source phrase, verbatim (e.g. `每季度…至少开展1次`).

    中文：原文表述，照录（如 `每季度…至少开展1次`）。"""
    every: Literal["week", "month", "quarter", "half-year", "year"]
    """The period of the repetition.

    中文：重复的周期。"""
    times: int | None = None
    """Minimum number of times per period, when stated.

    中文：每个周期的最少次数（原文写明时）。"""
    item: Slug | None = None
    """Id of the sub-item it belongs to, when it belongs to one.

    中文：所属子项的标识（属于某一子项时）。"""


class Target(Record):
    """A quantitative target (达标率100%, 不低于75%).

    中文：量化目标（达标率100%、不低于75%）。"""

    indicator: Text
    """What is measured (规模以上企业安全生产标准化达标率).

    中文：衡量的指标（规模以上企业安全生产标准化达标率）。"""
    value: float
    """The target number (100 for 100%).

    中文：目标数值（100% 记为 100）。"""
    unit: str = "%"
    """Unit of the value (`%`, `家`, `人` …).

    中文：数值的单位（`%`、`家`、`人`……）。"""
    comparator: Literal["=", ">=", "<=", ">", "<"] = "="
    """`>=` for 不低于/达到, `<=` for 不超过, `=` for 为.

    中文：`>=` 表示不低于/达到，`<=` 表示不超过，`=` 表示为。"""
    by: Day | None = None
    """Date by which the target is to be met, when stated.

    中文：目标须达成的日期（原文写明时）。"""
    phrase: Text
    """The source phrase, verbatim.

    中文：原文表述，照录。"""
    item: Slug | None = None
    """Id of the sub-item it belongs to, when it belongs to one.

    中文：所属子项的标识（属于某一子项时）。"""


# --- responsibility -----------------------------------------------------------------------


class Responsibility(Record):
    """Who must act. Names are as printed; they resolve to units or groups in data/units.

    中文：由谁负责。名称照录原文，对应 data/units 中的单位或群体。"""

    text: str | None = None
    """The responsibility wording as printed (parenthesis content or 牵头单位：… lines).

    中文：原文所印的分工表述（括号内容或“牵头单位：…”行）。"""
    lead: tuple[UnitName, ...] = ()
    """牵头 units.

    中文：牵头单位。"""
    support: tuple[UnitName, ...] = ()
    """配合 units.

    中文：配合单位。"""
    responsible: tuple[UnitName, ...] = ()
    """责任单位 or 按职责分工负责 where the text does not distinguish lead from support.

    中文：责任单位，或原文未区分牵头与配合时“按职责分工负责”的单位。"""
    local: tuple[UnitName, ...] = ()
    """Territorial duty (各旗市区政府, 各乡镇…负责).

    中文：属地责任（各旗市区政府、各乡镇……负责）。"""
    and_others: bool = False
    """The list ends with 等…: other units share the duty.

    中文：名单以“等”结尾：还有其他单位共同负责。"""
    carries_forward: bool = False
    """The local duty applies to every following task too (以下均需…不再一一列出).

    中文：属地责任同样适用于其后的每一条任务（以下均需…不再一一列出）。"""

    def all_refs(self) -> tuple[UnitName, ...]:
        return self.lead + self.support + self.responsible + self.local


# --- plan body ----------------------------------------------------------------------------


class Item(Record):
    """A sub-item of a task (一是…二是…).

    中文：任务的子项（一是…二是…）。"""

    id: Slug
    """Stable id within the task; the anchor is `t-<task>-<item>`. Never reused.

    中文：任务内的固定标识；锚点为 `t-<task>-<item>`。不再重复使用。"""
    no: Printed
    """Marker as printed, e.g. `一是`.

    中文：原文所印的标记，如 `一是`。"""
    text: Text
    """The sub-item's text, verbatim (without the marker).

    中文：子项文字，照录原文（不含标记）。"""


class Task(Record):
    """A numbered task or measure.

    中文：一条带序号的任务或措施。"""

    id: Slug
    """Stable id within the plan; the anchor is `t-<id>`. Survives renumbering, never reused.

    中文：规划内的固定标识；锚点为 `t-<id>`。重新编号后不变，不再重复使用。"""
    no: Printed
    """Number as printed (`1`, `（一）`).

    中文：原文所印的序号（`1`、`（一）`）。"""
    title: str | None = None
    """The bold lead phrase, when the task has one.

    中文：加粗的引领语（任务有标题时）。"""
    title_en: str | None = None
    """English title: the portal's translation of `title`; for a task without `title`, of
    the short title the portal derives from its first sentence (`planportal translations`
    shows it), which pages mark as derived.

    中文：英文标题：本站对 `title` 的译文；任务没有标题时，为本站从其第一句摘取的简短标题的译文（
    `planportal translations` 可查看），页面上注明为摘取。"""
    text: str = ""
    """Text before the sub-items (or the whole text when there are none).

    中文：子项之前的文字（没有子项时为全部文字）。"""
    items: tuple[Item, ...] = ()
    """Sub-items (一是…二是…) in order.

    中文：子项（一是…二是…），按顺序。"""
    closing: str | None = None
    """Text after the last sub-item, when the source has some.

    中文：最后一个子项之后的文字（原文有时）。"""
    responsibility: Responsibility = Responsibility()
    """Who must act (牵头/配合/责任/属地).

    中文：由谁负责（牵头/配合/责任/属地）。"""
    deadlines: tuple[Deadline, ...] = ()
    """Dated phrases in the task, in text order.

    中文：任务中的时间节点，按出现顺序。"""
    recurrence: tuple[Recurrence, ...] = ()
    """Recurring duties stated in the task.

    中文：任务中的定期工作要求。"""
    targets: tuple[Target, ...] = ()
    """Quantitative targets stated in the task.

    中文：任务中的量化目标。"""
    topics: tuple[Slug, ...] = ()
    """Topic ids from data/topics.yaml.

    中文：专题标识，取自 data/topics.yaml。"""
    implements: str | None = None
    """Id of the parent plan's task this task implements (`<plan-id>#<task-id>`).

    中文：本任务所落实的上级规划任务（`<plan-id>#<task-id>`）。"""
    deadline_text: str | None = None
    """The completion time as printed in a task table's 完成时限 column (`2024年底前`,
    `长期坚持`); the dates it states are in `deadlines`.

    中文：任务分工表“完成时限”栏所印的完成时间（`2024年底前`、`长期坚持`）；其中的日期见
    `deadlines`。"""
    notes: tuple[EditorNote, ...] = ()
    """Editor's notes on the source wording.

    中文：针对原文措辞的编者注。"""


class Phase(Record):
    """A dated stage of the plan (动员部署阶段 …).

    中文：规划中有日期的阶段（动员部署阶段……）。"""

    id: Slug
    """Stable id; the anchor is `p-<id>`.

    中文：固定标识；锚点为 `p-<id>`。"""
    no: Printed | None = None
    """Number as printed (`（一）`).

    中文：原文所印的序号（`（一）`）。"""
    name: Text
    """Name as printed (动员部署阶段).

    中文：原文所印的名称（动员部署阶段）。"""
    name_en: str | None = None
    """English name (the portal's translation; see `data/glossary.yaml`).

    中文：英文名称（本站译文；参见 `data/glossary.yaml`）。"""
    start: Day
    """First day of the phase.

    中文：阶段的第一天。"""
    end: Day
    """Last day of the phase (2024年2月至4月 → 2024-04-30).

    中文：阶段的最后一天（2024年2月至4月 → 2024-04-30）。"""
    period_text: str | None = None
    """The dates as printed (`2024年2月至4月`).

    中文：原文所印的时间（`2024年2月至4月`）。"""
    text: str = ""
    """What happens in the phase, verbatim.

    中文：该阶段的工作内容，照录原文。"""
    deadlines: tuple[Deadline, ...] = ()
    """Dated phrases in the phase text.

    中文：阶段文字中的时间节点。"""


class Section(Record):
    """A numbered part inside a chapter: an action （一）开展…行动 or a prose paragraph.

    中文：章内带序号的部分：一项行动（（一）开展…行动）或一段文字。"""

    id: Slug
    """Stable id; the anchor is `s-<id>`.

    中文：固定标识；锚点为 `s-<id>`。"""
    no: Printed | None = None
    """Number as printed (`（一）`).

    中文：原文所印的序号（`（一）`）。"""
    title: str | None = None
    """Heading as printed (开展…行动).

    中文：原文所印的标题（开展…行动）。"""
    title_en: str | None = None
    """English heading (the portal's translation of `title`).

    中文：英文标题（本站对 `title` 的译文）。"""
    text: str = ""
    """Prose of the section (before its tasks, if any).

    中文：本部分的文字（在其任务之前）。"""
    tasks: tuple[Task, ...] = ()
    """Numbered tasks of the section, in order.

    中文：本部分带序号的任务，按顺序。"""
    deadlines: tuple[Deadline, ...] = ()
    """Milestones stated in prose (e.g. goals in 主要目标).

    中文：文字中的时间节点（如主要目标中的目标时间）。"""
    targets: tuple[Target, ...] = ()
    """Quantitative targets stated in the prose.

    中文：文字中的量化目标。"""
    notes: tuple[EditorNote, ...] = ()
    """Editor's notes on the source wording.

    中文：针对原文措辞的编者注。"""


class Chapter(Record):
    """A top-level part 一、二、…

    中文：一级部分（一、二、……）。"""

    id: Slug
    """Stable id; the anchor is `c-<id>`.

    中文：固定标识；锚点为 `c-<id>`。"""
    no: Printed | None = None
    """Number as printed (`一`).

    中文：原文所印的序号（`一`）。"""
    title: Text
    """Heading as printed (总体要求, 主要任务 …).

    中文：原文所印的标题（总体要求、主要任务……）。"""
    title_en: str | None = None
    """English heading (the portal's translation of `title`).

    中文：英文标题（本站对 `title` 的译文）。"""
    role: ChapterRole = ChapterRole.other
    """What the chapter is for (general, tasks, division, schedule, safeguards, other).

    中文：本章的作用（总体要求、任务、分工、进度、保障、其他）。"""
    text: str = ""
    """Prose directly under the heading.

    中文：标题下直接的文字。"""
    sections: tuple[Section, ...] = ()
    """Numbered parts of the chapter, in order.

    中文：本章的各个部分，按顺序。"""
    tasks: tuple[Task, ...] = ()
    """Tasks directly in the chapter (when it has no sections).

    中文：直接属于本章的任务（本章不分部分时）。"""
    phases: tuple[Phase, ...] = ()
    """Dated phases described in this chapter (进度安排).

    中文：本章所述的分阶段安排（进度安排）。"""
    deadlines: tuple[Deadline, ...] = ()
    """Milestones stated in the chapter's prose.

    中文：本章文字中的时间节点。"""
    targets: tuple[Target, ...] = ()
    """Quantitative targets stated in the chapter's prose.

    中文：本章文字中的量化目标。"""
    notes: tuple[EditorNote, ...] = ()
    """Editor's notes on the source wording.

    中文：针对原文措辞的编者注。"""


class Contacts(Record):
    """Contact lines of the cover letter.

    中文：印发通知中的联系人信息。"""

    text: tuple[Text, ...]
    """The contact lines as printed.

    中文：原文所印的联系人行。"""
    people: tuple[Text, ...] = ()
    """Names of the contact persons.

    中文：联系人姓名。"""
    phone: tuple[str, ...] = ()
    """Telephone numbers as printed.

    中文：原文所印的电话号码。"""
    email: tuple[str, ...] = ()
    """E-mail addresses as printed.

    中文：原文所印的电子邮箱。"""


class CoverLetter(Record):
    """The issuing notice (印发通知) in front of the plan.

    中文：规划前面的印发通知。"""

    letterhead: str | None = None
    """e.g. `呼伦贝尔市安全生产委员会文件`.

    中文：如“呼伦贝尔市安全生产委员会文件”。"""
    letterhead_alt: tuple[LangText, ...] = ()
    """The letterhead in other scripts (the Mongolian line), kept and tagged.

    中文：以其他文字书写的版头（蒙古文一行），照录并标注语言。"""
    doc_number: str | None = None
    """文号 as printed on the notice.

    中文：通知上所印的文号。"""
    title: str | None = None
    """Title of the notice (关于印发…的通知).

    中文：通知标题（关于印发…的通知）。"""
    recipients_text: str | None = None
    """The salutation line as printed (…：).

    中文：原文所印的主送行（…：）。"""
    recipients: tuple[UnitName, ...] = ()
    """The addressees as unit or group names.

    中文：主送单位，按单位或群体名称记录。"""
    text: str = ""
    """Body of the notice, verbatim.

    中文：通知正文，照录原文。"""
    contacts: Contacts | None = None
    """Contact lines, when printed.

    中文：联系人信息（原文有时）。"""
    signature: str | None = None
    """The issuing body as signed.

    中文：落款的发文单位。"""
    date_text: str | None = None
    """The date as printed (2024年3月8日).

    中文：原文所印的日期（2024年3月8日）。"""
    # --- further elements of the official document format (GB/T 9704-2012) ---
    copy_no: str | None = None
    """份号: the copy number printed top left (`000123`).

    中文：份号，印在版心左上角（`000123`）。"""
    classification: str | None = None
    """密级和保密期限 as printed (`秘密★1年`).

    中文：原文所印的密级和保密期限（`秘密★1年`）。"""
    urgency: str | None = None
    """紧急程度 as printed (`特急`, `加急`).

    中文：原文所印的紧急程度（`特急`、`加急`）。"""
    signers_text: str | None = None
    """The 签发人 line as printed (`签发人：张三 李四`).

    中文：原文所印的签发人一行（`签发人：张三 李四`）。"""
    signers: tuple[Text, ...] = ()
    """签发人: names of the officials who signed the document off, as printed.

    中文：签发人姓名，按原文。"""
    attachments_text: str | None = None
    """附件说明 as printed (`附件：1.…任务分工表`), line breaks kept.

    中文：原文所印的附件说明（`附件：1.…任务分工表`），保留换行。"""
    attachments: tuple[Text, ...] = ()
    """Titles of the attachments the 附件说明 lists, without their numbers.

    中文：附件说明所列各附件的名称，不含序号。"""
    remark: str | None = None
    """附注 as printed, e.g. `（此件公开发布）`.

    中文：原文所印的附注，如 `（此件公开发布）`。"""
    cc_text: str | None = None
    """抄送机关 as printed (`抄送：市委办公室，市人大常委会办公室。`).

    中文：原文所印的抄送机关（`抄送：市委办公室，市人大常委会办公室。`）。"""
    cc: tuple[Text, ...] = ()
    """The bodies sent a copy (抄送), as printed; not resolved against data/units.

    中文：抄送机关名称，按原文；不与 data/units 核对。"""
    printed_text: str | None = None
    """印发机关和印发日期 as printed (`某市人民政府办公室 2024年3月8日印发`).

    中文：原文所印的印发机关和印发日期（`某市人民政府办公室 2024年3月8日印发`）。"""
    printed_by: str | None = None
    """印发机关: the office that printed and sent the document.

    中文：印发机关：负责印制和分送公文的机构。"""
    printed_on: dt.date | None = None
    """印发日期: the day the document was printed and sent.

    中文：印发日期：公文印发的日期。"""


class Basis(Record):
    """A higher-level plan this plan implements.

    中文：本规划所落实的一份上级规划。"""

    title: Text
    """Title of the parent plan, as the text names it.

    中文：上级规划的标题，按原文所称。"""
    title_en: str | None = None
    """English title of the parent plan (the portal's translation).

    中文：上级规划的英文标题（本站译文）。"""
    plan: Slug | None = None
    """Id of the parent plan when it is in the portal.

    中文：上级规划收录在本站时的标识。"""
    doc_number: str | None = None
    """文号 of the parent plan, when known.

    中文：上级规划的文号（已知时）。"""
    issuer: str | None = None
    """Issuing body of the parent plan, when known.

    中文：上级规划的发文单位（已知时）。"""
    issuer_en: str | None = None
    """English name of the issuing body (the portal's translation).

    中文：该发文单位的英文名称（本站译文）。"""
    region: Slug | None = None
    """Region id of the parent plan, when known.

    中文：上级规划的地区标识（已知时）。"""


class Source(Record):
    """Where the original text of the plan is.

    中文：规划原始文本的位置。"""

    file: str
    """Path of the original text in the project: a file in data/sources/ (it is published).

    中文：原始文本在本项目中的路径：data/sources/ 中的文件（会随站点发布）。"""
    url: str | None = None
    """Where the original was published, when known.

    中文：原文发布的网址（已知时）。"""
    note: str | None = None
    """Remarks on the source (extraction, completeness).

    中文：关于原文的说明（提取方式、是否完整）。"""


class DomainLead(Record):
    """A domain-to-lead-unit assignment stated in prose (区住建局牵头负责建筑施工、燃气…).

    中文：正文中按行业领域明确的牵头单位（区住建局牵头负责建筑施工、燃气…）。"""

    unit: UnitName
    """The lead unit as printed.

    中文：原文所印的牵头单位。"""
    domains: tuple[Text, ...]
    """The domains it leads, as printed.

    中文：其牵头负责的领域，照录原文。"""
    domains_en: tuple[Text, ...] = ()
    """The same domains in English, in the same order (the portal's translation).

    中文：这些领域的英文，顺序相同（本站译文）。"""
    topics: tuple[Slug, ...] = ()
    """Topic ids matching the domains.

    中文：与这些领域对应的专题标识。"""
    phrase: Text
    """The source clause, verbatim.

    中文：原文语句，照录。"""


class RetiredId(Record):
    """A task id that was removed: it is never reused, and its old anchor lands on a notice.

    中文：已删除的任务标识：不再重复使用，旧锚点转到说明页。"""

    id: Slug
    """The retired task id.

    中文：已停用的任务标识。"""
    note: str | None = None
    """Why it was removed.

    中文：删除的原因。"""
    moved_to: Slug | None = None
    """Id of the task that now carries its content, if any.

    中文：现承载其内容的任务标识（如有）。"""


class Plan(Record):
    """A plan document (`plans/<id>.yaml`).

    中文：一份规划文件（`plans/<id>.yaml`）。"""

    id: Slug
    """URL segment: /plans/<id>/. Frozen once published.

    中文：网址路径段：/plans/<id>/。发布后不再更改。"""
    title: Text
    """Title as printed on the plan itself.

    中文：规划本身所印的标题。"""
    title_en: str | None = None
    """English title: the portal's translation (plans are published in Chinese only).

    中文：英文标题：本站译文（规划只以中文发布）。"""
    short_title: str | None = None
    """Short name used in lists and citations.

    中文：列表和引用中使用的简称。"""
    short_title_en: str | None = None
    """English short name (the portal's translation of `short_title`).

    中文：英文简称（本站对 `short_title` 的译文）。"""
    kind: PlanKind
    """Kind of document (three-year-action-plan, implementation-plan, …).

    中文：文件类型（三年行动方案、实施方案……）。"""
    region: Slug
    """Region id from data/regions.yaml.

    中文：地区标识，取自 data/regions.yaml。"""
    issuer: Text
    """Issuing body.

    中文：发文单位。"""
    issuer_en: str | None = None
    """English name of the issuing body (the portal's translation).

    中文：发文单位的英文名称（本站译文）。"""
    doc_number: str | None = None
    """文号, e.g. 呼安委会字〔2024〕4号; absent when the text has none.

    中文：文号，如呼安委会字〔2024〕4号；原文没有时不填。"""
    issued: Day | None = None
    """Date of issue; absent when the text has none.

    中文：印发日期；原文没有时不填。"""
    period: Period
    """The period the plan covers.

    中文：规划覆盖的时期。"""
    basis: tuple[Basis, ...] = ()
    """Higher-level plans this plan implements.

    中文：本规划所落实的上级规划。"""
    source: Source
    """The original text.

    中文：原始文本。"""
    cover_letter: CoverLetter | None = None
    """The issuing notice, when the text has one.

    中文：印发通知（原文有时）。"""
    preamble: str = ""
    """Text between the title and the first chapter, verbatim.

    中文：标题与第一章之间的文字，照录原文。"""
    chapters: Annotated[tuple[Chapter, ...], Field(min_length=1)]
    """The body, in document order; at least one chapter.

    中文：正文，按原文顺序；至少一章。"""
    domain_leads: tuple[DomainLead, ...] = ()
    """Domain-to-lead-unit assignments stated in prose.

    中文：正文中按行业领域明确的牵头单位。"""
    retired: tuple[RetiredId, ...] = ()
    """Task ids removed from the plan; never reused.

    中文：已从规划中删除的任务标识；不再使用。"""
    notes: tuple[EditorNote, ...] = ()
    """Editor's notes on the plan as a whole.

    中文：针对整个规划的编者注。"""

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
    """A place with its own plans and units (`data/regions.yaml`).

    中文：有自己的规划和单位的地方（`data/regions.yaml`）。"""

    id: Slug
    """URL segment: the pinyin of the name without its level suffix (呼伦贝尔市 →
    `hulunbeier`), with the parent's in front where needed (`huainan-datong`).

    中文：网址路径段：名称的拼音，不含行政级别后缀（呼伦贝尔市 → `hulunbeier`），需要区分时在前面
    加上级地区（`huainan-datong`）。"""
    name: Text
    """Full name (呼伦贝尔市).

    中文：全称（呼伦贝尔市）。"""
    name_en: str | None = None
    """English name.

    中文：英文名称。"""
    level: Literal["country", "province", "prefecture", "county", "zone", "town"]
    """Administrative level.

    中文：行政级别。"""
    parent: Slug | None = None
    """Id of the region above; units resolve up this chain.

    中文：上级地区的标识；单位名称沿此链向上查找。"""
    fictitious: bool = False
    """An invented place, for examples and tests (`examples/`): every page of a portal
    that has one says that its places, plans, units and reports are made up.

    中文：虚构的地方，用于示例和测试（`examples/`）：含有虚构地区的门户，每个页面都会说明其地区、
    规划、单位和进展报告均为编造。"""


class UnitKind(StrEnum):
    department = "department"
    government = "government"
    committee = "committee"
    enterprise = "enterprise"
    organisation = "organisation"


class Unit(Record):
    """A department or body, canonical name plus the forms that occur in texts.

    中文：一个部门或机构：规范名称，以及在文本中出现的各种写法。"""

    id: Slug
    """URL segment under /units/<region>/.

    中文：/units/<region>/ 下的网址路径段。"""
    name: Text
    """Canonical full name (呼伦贝尔市应急管理局).

    中文：规范全称（呼伦贝尔市应急管理局）。"""
    short: str | None = None
    """Usual short form in the region's texts (市应急管理局).

    中文：本地区文本中常用的简称（市应急管理局）。"""
    aliases: tuple[Text, ...] = ()
    """Other forms that occur (应急管理局, 应急, 市应急局).

    中文：出现过的其他写法（应急管理局、应急、市应急局）。"""
    name_en: str | None = None
    """English name.

    中文：英文名称。"""
    kind: UnitKind = UnitKind.department
    """department, government, committee, enterprise or organisation.

    中文：部门、政府、委员会、企业或组织。"""
    category: Slug | None = None
    """Cross-region category (`emergency-management`) to compare like units.

    中文：跨地区类别（`emergency-management`），用于对照同类单位。"""
    parent: Slug | None = None
    """Id of the unit this one belongs to, e.g. a bureau's branch office.

    中文：所属单位的标识，如某局的分局。"""


class MembershipSource(StrEnum):
    """On what authority units are counted as members of a group.

    中文：据以认定单位为群体成员的依据。"""

    plan = "plan"
    """A plan's own list: its wording names the units as members (市应急管理局、市能源局等安委会
    成员单位按职责分工负责); `plan`, `quote` and, where the list is in a task, `task` say where.

    中文：规划自己的列举：其文字点名这些单位为成员；`plan`、`quote` 及（列举在任务中时）`task`
    说明出处。"""
    committee = "committee"
    """The committee's published member list (安委会组成人员名单 or a notice adjusting it):
    `document` names it, `quote` gives the wording; its text belongs in data/sources/.

    中文：安委会公布的成员单位名单（或调整成员的通知）：`document` 写明文件，`quote` 照录原文；
    原文存入 data/sources/。"""
    editor = "editor"
    """An editor's decision where no source lists the members, explained in `note`; shown as
    such, never as the source's wording.

    中文：没有来源列出成员时由编者决定，理由写在 `note`；按编者决定显示，绝不当作原文。"""


class Membership(Record):
    """Units that belong to a group, and where that is stated (one source, one or more units).

    中文：属于某一群体的单位，以及出处（一个来源，一个或多个单位）。"""

    source: MembershipSource
    """`plan` (a plan's own list), `committee` (the committee's member list) or `editor` (an
    editor's decision, with a `note`).

    中文：`plan`（规划自己的列举）、`committee`（安委会成员名单）或 `editor`（编者决定，须附
    `note`）。"""
    units: tuple[Slug, ...] = ()
    """Ids of the member units (in the group's own file). Empty only for an editor's note that
    explains why no members are recorded.

    中文：成员单位的标识（在该群体所在文件中）。只有编者说明为何不记成员时才可为空。"""
    plan: Slug | None = None
    """For `source: plan`: id of the plan whose wording lists the units.

    中文：`source: plan` 时：列举这些单位的规划的标识。"""
    task: Slug | None = None
    """For `source: plan`: id of the task whose wording lists them, when it is a task's.

    中文：`source: plan` 时：列举所在任务的标识（列举在任务中时）。"""
    document: str | None = None
    """For `source: committee`: title or 文号 of the member list.

    中文：`source: committee` 时：成员名单的标题或文号。"""
    quote: str | None = None
    """The source's wording that lists the units, verbatim (required for `plan` and
    `committee`; every unit listed must be named in it).

    中文：来源中列举这些单位的文字，照录（`plan` 和 `committee` 必填；所列每个单位都须在其中
    出现）。"""
    note: str | None = None
    """The editor's reasoning in Chinese (required for `source: editor`), or a remark on the
    source.

    中文：编者的理由，中文（`source: editor` 必填），或对来源的说明。"""
    note_en: str | None = None
    """The same note in English.

    中文：同一说明的英文。"""


class Group(Record):
    """A collective phrase (市安委会各成员单位): not a unit, shown as a group.

    中文：群体性称谓（市安委会各成员单位）：不是单个单位，按群体显示。"""

    id: Slug
    """URL segment under /units/<region>/ (shared with units).

    中文：/units/<region>/ 下的网址路径段（与单位共用）。"""
    name: Text
    """The collective phrase (市安委会各成员单位).

    中文：群体称谓（市安委会各成员单位）。"""
    aliases: tuple[Text, ...] = ()
    """Other printed forms of the phrase.

    中文：该称谓的其他印法。"""
    name_en: str | None = None
    """English name.

    中文：英文名称。"""
    membership: tuple[Membership, ...] = ()
    """Which units belong to the group, each with its source; a task that names the group
    binds every member unit (shown on its page as a duty through the group).

    中文：哪些单位属于该群体，每条都注明来源；任务点名该群体时，约束其每个成员单位（在单位页面上
    显示为“经所属群体”的职责）。"""
    description: str | None = None
    """What the group covers.

    中文：该群体涵盖的范围。"""

    @property
    def members(self) -> tuple[str, ...]:
        """Ids of the member units, each once, in the order `membership` first lists them.

        中文：成员单位的标识，各出现一次，按 `membership` 首次列出的顺序。"""
        return tuple(dict.fromkeys(u for entry in self.membership for u in entry.units))


class UnitRegistry(Record):
    """`data/units/<region>.yaml`: the units and groups of one region.

    中文：`data/units/<region>.yaml`：一个地区的单位和群体。"""

    region: Slug
    """Region id; the file is data/units/<region>.yaml.

    中文：地区标识；文件为 data/units/<region>.yaml。"""
    units: tuple[Unit, ...] = ()
    """Units of the region.

    中文：本地区的单位。"""
    groups: tuple[Group, ...] = ()
    """Collective phrases of the region.

    中文：本地区的群体性称谓。"""


class Topic(Record):
    """A subject that tasks of many plans share (`data/topics.yaml`).

    中文：多个规划的任务共有的主题（`data/topics.yaml`）。"""

    id: Slug
    """URL segment: /topics/<id>/.

    中文：网址路径段：/topics/<id>/。"""
    name: Text
    """Chinese name (燃气).

    中文：中文名称（燃气）。"""
    name_en: Text
    """English name.

    中文：英文名称。"""
    keywords: tuple[Text, ...] = ()
    """Words that mark a task as belonging to the topic (used by the importer).

    中文：表明任务属于该专题的词语（导入程序使用）。"""


class Category(Record):
    """A kind of unit found in every region (emergency management, housing …).

    中文：各地区都有的一类单位（应急管理、住房建设……）。"""

    id: Slug
    """Slug shared by like units across regions.

    中文：各地区同类单位共用的标识。"""
    name: Text
    """Chinese name (应急管理).

    中文：中文名称（应急管理）。"""
    name_en: Text
    """English name.

    中文：英文名称。"""


# --- reference files (the top level of each data/ file) -------------------------------------


class RegionsFile(Record):
    """`data/regions.yaml`.

    中文：地区文件 `data/regions.yaml`。"""

    regions: tuple[Region, ...]
    """Every region of the portal.

    中文：本站的全部地区。"""


class TopicsFile(Record):
    """`data/topics.yaml`.

    中文：专题文件 `data/topics.yaml`。"""

    topics: tuple[Topic, ...]
    """The topic taxonomy.

    中文：专题分类。"""


class CategoriesFile(Record):
    """`data/categories.yaml`.

    中文：单位类别文件 `data/categories.yaml`。"""

    categories: tuple[Category, ...]
    """Unit categories.

    中文：单位类别。"""


class Term(Record):
    """One glossary entry.

    中文：一条术语。"""

    zh: Text
    """Chinese term.

    中文：中文术语。"""
    en: Text
    """English rendering.

    中文：英文译法。"""


class GlossaryFile(Record):
    """`data/glossary.yaml`: English for recurring Chinese terms shown on the site.

    中文：`data/glossary.yaml`：网站上反复出现的中文术语的英文译法。"""

    terms: tuple[Term, ...]
    """Chinese → English terms shown on the site.

    中文：中文 → 英文术语。"""
