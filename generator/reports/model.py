"""Typed, immutable model of progress reports (`progress/`): what units report on their tasks.

`progress/rounds.yaml` lists the reporting rounds (一轮报送: 2024年第四季度 …) in order;
`progress/<plan-id>/<round>.yaml` holds one round's reports on one plan.  Each report says
which task (or sub-item) it is about, which unit reports, when, the status from a fixed set,
what was done and the evidence.  The JSON Schemas `progress.schema.json` and
`rounds.schema.json` are generated from these classes, and the field docstrings are the data
dictionary, as for plans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated

from pydantic import Field, StringConstraints

from ..model import EditorNote, Record, Slug, Text, UnitName


class Status(StrEnum):
    """What a unit reports about a task: the allowed values of `status`.

    中文：单位对任务报送的进展状态：`status` 的取值。"""

    not_started = "not-started"
    in_progress = "in-progress"
    done = "done"
    ongoing = "ongoing"
    delayed = "delayed"
    adjusted = "adjusted"


STATUS_TERMS: Mapping[Status, tuple[str, str, str]] = MappingProxyType(
    {
        Status.not_started: (
            "未启动",
            "not started",
            "Work on the task has not begun.",
        ),
        Status.in_progress: (
            "推进中",
            "in progress",
            "Work has begun and is not complete; no delay is reported.",
        ),
        Status.done: (
            "已完成",
            "done",
            "The task (or sub-item) is complete as the plan states it; evidence should say "
            "how. `completed` gives the day, when known.",
        ),
        Status.ongoing: (
            "常态化推进",
            "ongoing",
            "A continuing duty (每季度…, 常态化…) is carried out routinely; there is no "
            "point at which it is complete.",
        ),
        Status.delayed: (
            "滞后",
            "delayed",
            "Work is behind the plan's schedule, as the reporting unit itself says; the "
            "summary should say why and what is next.",
        ),
        Status.adjusted: (
            "已调整",
            "adjusted",
            "The task was changed, merged or cancelled by a decision of the issuing body; "
            "the summary and evidence name the decision.",
        ),
    }
)
"""Each status: Chinese name, English name, definition (the data dictionary shows them)."""


_STATUS_DOC = (
    "The reported status: "
    + "; ".join(
        f"`{status.value}` {zh} ({en}): {why.rstrip('.')}"
        for status, (zh, en, why) in STATUS_TERMS.items()
    )
    + "\n\n中文：报送的进展状态，取值之一："
    + "；".join(f"`{status.value}`（{zh}）" for status, (zh, _, _) in STATUS_TERMS.items())
    + "。各状态的含义见数据字典。"
)


Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class Evidence(Record):
    """What shows the reported progress: a document, a link, or both.

    中文：证明所报进展的佐证材料：文件、链接或两者。"""

    title: Text
    """Title of the document or page (关于…的通知, a news item, a meeting record).

    中文：文件或网页的标题（关于…的通知、新闻、会议纪要等）。"""
    doc_number: str | None = None
    """文号 of the document, as printed (呼应急字〔2024〕12号).

    中文：文件的文号，照录（呼应急字〔2024〕12号）。"""
    url: Url | None = None
    """Where it is published (http or https).

    中文：发布地址（http 或 https）。"""
    date: dt.date | None = None
    """Date of the document, when known.

    中文：文件日期（已知时）。"""


class Report(Record):
    """One unit's report on one task or sub-item in one round.

    中文：一个单位在一轮报送中对一项任务或分项的进展报告。"""

    task: Slug
    """Id of the task reported on (the `id` in the plan file, not its printed number).

    中文：所报任务的标识（规划文件中的 `id`，不是印刷序号）。"""
    item: Slug | None = None
    """Id of the sub-item reported on, when the report is about one sub-item only.

    中文：所报分项的标识（只报某一分项时）。"""
    unit: UnitName
    """The reporting unit, by its name as printed or its canonical name; it must have a duty
    on the task, named on it or through a group it belongs to.

    中文：报送单位，用原文写法或规范名称；它须对该任务负有职责（被点名，或经所属群体）。"""
    date: dt.date
    """Date of the report (报送日期): not after the build date, not before the plan was
    issued.

    中文：报送日期：不晚于构建日期，不早于规划印发日期。"""
    status: Annotated[Status, Field(description=_STATUS_DOC)]
    completed: dt.date | None = None
    """For `done`: the day the work was completed, when the report says so (else the report's
    date is all that is known).

    中文：状态为 `done` 时：报告所称的实际完成日期（未写时只知报送日期）。"""
    summary: str | None = None
    """进展情况: what was done, in the unit's words (short).

    中文：进展情况：单位自述的工作进展（简要）。"""
    issues: str | None = None
    """存在问题: problems met, when reported.

    中文：存在问题（报送时）。"""
    next_steps: str | None = None
    """下一步措施: what comes next, when reported.

    中文：下一步措施（报送时）。"""
    evidence: tuple[Evidence, ...] = ()
    """Documents and links that show the progress.

    中文：证明进展的文件和链接。"""
    notes: tuple[EditorNote, ...] = ()
    """Editor's remarks on the report (e.g. a date corrected after asking the unit).

    中文：编者对该报告的说明（如经核实后更正的日期）。"""


class ProgressFile(Record):
    """`progress/<plan-id>/<round>.yaml`: one round of reports on one plan.

    中文：`progress/<plan-id>/<round>.yaml`：一轮报送中对一个规划的全部进展报告。"""

    plan: Slug
    """Id of the plan reported on; the folder is named after it.

    中文：所报规划的标识；文件夹以它命名。"""
    round: Slug
    """Id of the round from `progress/rounds.yaml`; the file is named after it.

    中文：`progress/rounds.yaml` 中的报送轮次标识；文件以它命名。"""
    source: str | None = None
    """Where the reports came from (the spreadsheets imported, a 督查 report …).

    中文：报告的来源（导入的报送表、督查报告等）。"""
    reports: tuple[Report, ...] = ()
    """The reports, in any order.

    中文：进展报告，顺序不限。"""
    notes: tuple[EditorNote, ...] = ()
    """Editor's remarks on this round's reports as a whole.

    中文：编者对本轮报告整体的说明。"""


class Round(Record):
    """A reporting round (一轮报送): the 安委办 asks every unit for its reports by a date.

    中文：一轮报送：安委办要求各单位在某日前报送进展。"""

    id: Slug
    """Stable id (`2024-q4`); the file of each plan's reports is `<round>.yaml`.

    中文：固定标识（`2024-q4`）；各规划的报告文件名为 `<round>.yaml`。"""
    name: Text
    """Name shown on pages (2024年第四季度).

    中文：页面上显示的名称（2024年第四季度）。"""
    name_en: str | None = None
    """English name (Q4 2024).

    中文：英文名称（Q4 2024）。"""
    due: dt.date | None = None
    """Date by which reports were due, when set.

    中文：报送截止日期（有规定时）。"""
    note: str | None = None
    """What the round asked for, when worth saying.

    中文：本轮报送的要求（需要说明时）。"""


class RoundsFile(Record):
    """`progress/rounds.yaml`: the reporting rounds, oldest first.

    中文：`progress/rounds.yaml`：各报送轮次，由早到晚。"""

    rounds: tuple[Round, ...]
    """Every round, oldest first; reports of a later round supersede earlier ones of the
    same date.

    中文：全部轮次，由早到晚；同一日期的报告，以后一轮为准。"""
