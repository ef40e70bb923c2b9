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

from ..model import EditorNote, Record, Slug, Text, UnitRef


class Status(StrEnum):
    """What a unit reports about a task: the allowed values of `status`."""

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


_STATUS_DOC = "The reported status: " + "; ".join(
    f"`{status.value}` {zh} ({en}): {why.rstrip('.')}"
    for status, (zh, en, why) in STATUS_TERMS.items()
)


Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class Evidence(Record):
    """What shows the reported progress: a document, a link, or both."""

    title: Text
    """Title of the document or page (关于…的通知, a news item, a meeting record)."""
    doc_number: str | None = None
    """文号 of the document, as printed (呼应急字〔2024〕12号)."""
    url: Url | None = None
    """Where it is published (http or https)."""
    date: dt.date | None = None
    """Date of the document, when known."""


class Report(Record):
    """One unit's report on one task or sub-item in one round."""

    task: Slug
    """Id of the task reported on (the `id` in the plan file, not its printed number)."""
    item: Slug | None = None
    """Id of the sub-item reported on, when the report is about one sub-item only."""
    unit: UnitRef
    """The reporting unit, by its name as printed or its canonical name; it must have a duty
    on the task, named on it or through a group it belongs to."""
    date: dt.date
    """Date of the report (报送日期): not after the build date, not before the plan was
    issued."""
    status: Annotated[Status, Field(description=_STATUS_DOC)]
    completed: dt.date | None = None
    """For `done`: the day the work was completed, when the report says so (else the report's
    date is all that is known)."""
    summary: str | None = None
    """进展情况: what was done, in the unit's words (short)."""
    issues: str | None = None
    """存在问题: problems met, when reported."""
    next_steps: str | None = None
    """下一步措施: what comes next, when reported."""
    evidence: tuple[Evidence, ...] = ()
    """Documents and links that show the progress."""
    notes: tuple[EditorNote, ...] = ()
    """Editor's remarks on the report (e.g. a date corrected after asking the unit)."""


class ProgressFile(Record):
    """`progress/<plan-id>/<round>.yaml`: one round of reports on one plan."""

    plan: Slug
    """Id of the plan reported on; the folder is named after it."""
    round: Slug
    """Id of the round from `progress/rounds.yaml`; the file is named after it."""
    source: str | None = None
    """Where the reports came from (the spreadsheets imported, a 督查 report …)."""
    reports: tuple[Report, ...] = ()
    """The reports, in any order."""
    notes: tuple[EditorNote, ...] = ()
    """Editor's remarks on this round's reports as a whole."""


class Round(Record):
    """A reporting round (一轮报送): the 安委办 asks every unit for its reports by a date."""

    id: Slug
    """Stable id (`2024-q4`); the file of each plan's reports is `<round>.yaml`."""
    name: Text
    """Name shown on pages (2024年第四季度)."""
    name_en: str | None = None
    """English name (Q4 2024)."""
    due: dt.date | None = None
    """Date by which reports were due, when set."""
    note: str | None = None
    """What the round asked for, when worth saying."""


class RoundsFile(Record):
    """`progress/rounds.yaml`: the reporting rounds, oldest first."""

    rounds: tuple[Round, ...]
    """Every round, oldest first; reports of a later round supersede earlier ones of the
    same date."""
