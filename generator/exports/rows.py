"""One flat row per task and per sub-item: the shape shared by CSV and XLSX exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..deadlines import deadline_status
from ..model import Deadline, Plan, Task
from .tracking import Tracking, latest_date, state_value

SEP = "、"
"""Joins unit names the way the source texts do."""


@dataclass(frozen=True)
class TaskRow:
    plan_id: str
    plan_title: str
    task_id: str
    item_id: str
    parent: str
    """For a sub-item: the task id it belongs to; empty for a task."""
    number: str
    title: str
    text: str
    lead: str
    support: str
    responsible: str
    local: str
    deadlines: str
    topics: str
    permalink: str
    through_groups: str = ""
    """Units the task binds through a group named on it: `group：unit、unit；…`."""
    status: str = ""
    """Derived state from the progress reports (`no-report`, `done-late` …)."""
    latest_report: str = ""
    """Date of the latest report that counts for the state."""
    deadline_status: str = ""
    """Each deadline's status on the build date (`passed`, `soon`: within 90 days, `later`),
    in the order of `deadlines`."""


def anchor(task_id: str, item_id: str = "") -> str:
    return f"t-{task_id}-{item_id}" if item_id else f"t-{task_id}"


def permalink(base_url: str, plan_id: str, task_id: str, item_id: str = "") -> str:
    """Absolute when the site URL is known, else site-relative."""
    return f"{base_url.rstrip('/')}/plans/{plan_id}/#{anchor(task_id, item_id)}"


def _deadlines(deadlines: tuple[Deadline, ...] | list[Deadline]) -> str:
    return "；".join(f"{d.date.isoformat()}（{d.phrase}）" for d in deadlines)


def _statuses(deadlines: list[Deadline] | tuple[Deadline, ...], tracking: Tracking) -> str:
    today = tracking.status.build_date
    return "；".join(deadline_status(d, today).value for d in deadlines)


def _task_text(task: Task) -> str:
    parts = [task.text] + [f"{item.no}{item.text}" for item in task.items]
    if task.closing:
        parts.append(task.closing)
    return "".join(parts)


def rows_for_plan(plan: Plan, base_url: str, tracking: Tracking | None = None) -> Iterator[TaskRow]:
    """A row per task and per sub-item; with `tracking`, the units bound through groups and
    the derived status too."""
    for task in plan.tasks():
        resp = task.responsibility
        extra: dict[str, str] = {}
        if tracking is not None:
            status = tracking.of(plan.id, task.id)
            extra = {
                "through_groups": tracking.through_groups(plan.id, task.id),
                "status": state_value(status),
                "latest_report": latest_date(status),
                "deadline_status": _statuses(task.deadlines, tracking),
            }
        common = {
            "plan_id": plan.id,
            "plan_title": plan.title,
            "task_id": task.id,
            "lead": SEP.join(resp.lead),
            "support": SEP.join(resp.support),
            "responsible": SEP.join(resp.responsible),
            "local": SEP.join(resp.local),
            "topics": ",".join(task.topics),
        }
        yield TaskRow(
            **common,
            item_id="",
            parent="",
            number=task.no,
            title=task.title or "",
            text=_task_text(task),
            deadlines=_deadlines(task.deadlines),
            permalink=permalink(base_url, plan.id, task.id),
            **extra,
        )
        for item in task.items:
            own = [d for d in task.deadlines if d.item == item.id]
            if tracking is not None:
                status = tracking.of(plan.id, task.id, item.id)
                extra |= {
                    "status": state_value(status),
                    "latest_report": latest_date(status),
                    "deadline_status": _statuses(own, tracking),
                }
            yield TaskRow(
                **common,
                item_id=item.id,
                parent=task.id,
                number=f"{task.no}.{item.no}",
                title="",
                text=item.text,
                deadlines=_deadlines(own),
                permalink=permalink(base_url, plan.id, task.id, item.id),
                **extra,
            )
