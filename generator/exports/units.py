"""The exports of each unit: its duties as a CSV table and as a deadline calendar, with the
duties it has through a group marked as such (`[经市安委会各成员单位]`, role `group`).

Made from `generator.duties` (every task that binds the unit, directly or through a group)
rather than from the page views, so the files and the pages cannot disagree.  No XLSX per
unit: at national scale (thousands of units) writing them would add seconds to every build
(bench/RESULTS.md); the CSV opens in Excel and WPS (UTF-8 with BOM), and a unit's 进展报送表
comes from `planportal progress sheet --unit`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields

from ..duties import ROLE_NAMES, Duties, Duty, DutyIndex
from ..model import Plan, Task
from ..registry import Registry
from . import UnitFeed
from .ical import DeadlineEvent
from .rows import SEP, permalink
from .tables import inert
from .tracking import Tracking, latest_date, state_value


@dataclass(frozen=True)
class DutyRow:
    """One duty of a unit: a task and the role it binds the unit in."""

    plan_id: str
    plan_title: str
    task_id: str
    number: str
    title: str
    role: str
    """`lead`, `support`, `responsible`, `group` (through a group) or `local`."""
    role_zh: str
    via_groups: str
    """For role `group`: the groups on the task the unit belongs to, as printed."""
    carried_from: str
    """For a territorial duty carried forward: the id of the task that states it."""
    deadlines: str
    status: str
    latest_report: str
    permalink: str


DUTY_HEADER = tuple(f.name for f in fields(DutyRow))


def role_label(duty: Duty) -> str:
    """牵头 / 配合 / 负责 / 属地, or 经<group> for a duty through a group."""
    if duty.role == "group":
        return "经" + "、".join(v.printed for v in duty.via)
    return ROLE_NAMES[duty.role][0]


def _tasks(plans: Iterable[Plan]) -> dict[tuple[str, str], tuple[Plan, Task]]:
    return {(plan.id, task.id): (plan, task) for plan in plans for task in plan.tasks()}


def duty_rows(
    duties: Duties,
    tasks: Mapping[tuple[str, str], tuple[Plan, Task]],
    base_url: str,
    tracking: Tracking | None = None,
) -> list[DutyRow]:
    out = []
    for duty in duties.duties:
        plan, task = tasks[duty.task_key]
        status = tracking.of(plan.id, task.id) if tracking else None
        out.append(
            DutyRow(
                plan.id,
                plan.title,
                task.id,
                task.no,
                task.title or "",
                duty.role,
                role_label(duty),
                SEP.join(v.printed for v in duty.via),
                duty.carried_from or "",
                "；".join(f"{d.date.isoformat()}（{d.phrase}）" for d in task.deadlines),
                state_value(status),
                latest_date(status),
                permalink(base_url, plan.id, task.id),
            )
        )
    return out


def duties_csv(rows: Sequence[DutyRow]) -> bytes:
    """A unit's duties, one row each; BOM so spreadsheet programs detect UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(DUTY_HEADER)
    writer.writerows([inert(getattr(row, name)) for name in DUTY_HEADER] for row in rows)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def unit_calendar_feeds(
    plans: Sequence[Plan], index: DutyIndex, registry: Registry
) -> list[UnitFeed]:
    """One deadline calendar per unit or group with dated duties; each event names the role,
    a duty through a group as `经<group>`."""
    tasks = _tasks(plans)
    feeds = []
    for key, duties in index.records.items():
        events = tuple(
            DeadlineEvent(*tasks[duty.task_key], deadline, role_label(duty))
            for duty in duties.duties
            for deadline in tasks[duty.task_key][1].deadlines
        )
        record = registry.lookup(*key)
        if events and record is not None:
            feeds.append(UnitFeed(f"{key[0]}/{key[1]}", record.name, events))
    return feeds


def iter_unit_duty_tables(
    plans: Sequence[Plan], index: DutyIndex, *, base_url: str, tracking: Tracking | None = None
) -> Iterator[tuple[str, bytes]]:
    """`units/<region>/<unit>.csv` for every unit or group with duties (path under data/)."""
    tasks = _tasks(plans)
    for key, duties in index.records.items():
        if duties.duties:
            rows = duty_rows(duties, tasks, base_url, tracking)
            yield f"units/{key[0]}/{key[1]}.csv", duties_csv(rows)
