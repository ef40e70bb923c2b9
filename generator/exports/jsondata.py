"""plans.json (the whole model) and one JSON file per plan.

Serialised by pydantic (`model_dump_json`): the same bytes as `json.dumps(…, indent=1,
ensure_ascii=False)` of the plan's JSON dump, several times faster, because Python's `json`
falls back to its pure-Python encoder whenever it indents (bench/RESULTS.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from ..deadlines import date_status
from ..model import Plan
from ..reports.status import TaskStatus
from .tracking import Tracking

FORMAT_VERSION = 1


def plan_json(plan: Plan) -> str:
    return plan.model_dump_json(indent=1)


def _status_entry(status: TaskStatus, today: dt.date) -> dict[str, Any]:
    latest = status.latest
    judged = status.deadline.date
    return {
        "plan": status.plan,
        "task": status.task,
        "item": status.item,
        "state": status.state.value,
        "reported": latest.status.value if latest else None,
        "latest_report": latest.date.isoformat() if latest else None,
        "reported_by": "/".join(latest.unit) if latest else None,
        "deadline": status.deadline.date.isoformat() if status.deadline.date else None,
        "deadline_from": status.deadline.source,
        "deadline_status": date_status(judged, today).value if judged else None,
        "completed_on": status.completed_on.isoformat() if status.completed_on else None,
        "reports": len(status.history),
    }


def status_json(plans: Sequence[Plan], tracking: Tracking) -> list[dict[str, Any]]:
    """The derived status of every task and sub-item, in plan order."""
    out = []
    for plan in plans:
        for task in plan.tasks():
            index = tracking.status
            out.append(_status_entry(index.task(plan.id, task.id), index.build_date))
            out += [
                _status_entry(index.item(plan.id, task.id, i.id), index.build_date)
                for i in task.items
            ]
    return out


def _lines(entries: list[str]) -> str:
    """A JSON list with one compact entry per line (Python's `json` encodes compact output
    in C, indented output in pure Python, far slower for many reports)."""
    return "[\n  " + ",\n  ".join(entries) + "\n ]" if entries else "[]"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def progress_json(tracking: Tracking, build_date: str) -> str:
    """The rounds and every report (with the reporting unit's `region/id`), oldest first,
    one report per line."""
    progress = tracking.status.progress
    rounds = [_compact(r.model_dump(mode="json", exclude_none=True)) for r in progress.rounds]
    reports = [
        _compact({"plan": r.plan, "round": r.round, "unit_id": "/".join(r.unit)})[:-1]
        + ","
        + r.report.model_dump_json(exclude_defaults=True)[1:]
        for r in progress.reports
    ]
    head = {"format_version": FORMAT_VERSION, "generated": build_date}
    head["schema"] = "schema/progress.schema.json"
    opening = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return f'{opening},\n "rounds": {_lines(rounds)},\n "reports": {_lines(reports)}\n}}\n'


def plans_json(
    plans: Sequence[Plan],
    build_date: str,
    *,
    dumped: Sequence[str] = (),
    tracking: Tracking | None = None,
) -> str:
    """The whole model in one document; `dumped`: the plans' `plan_json` if already made;
    `tracking`: adds `status`, the derived status of every task and sub-item."""
    head: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "generated": build_date,
        "schema": "schema/plan.schema.json",
    }
    if tracking is not None:
        head["status"] = "STATUS"  # replaced below: one compact entry per line
    head["plans"] = []
    if not plans:
        return _with_status(json.dumps(head, ensure_ascii=False, indent=1), plans, tracking)
    texts = dumped or [plan_json(plan) for plan in plans]
    # each plan sits two levels deep; JSON strings hold no raw newline, so every line of a
    # plan's document just moves two spaces to the right
    items = ",\n".join("  " + text.replace("\n", "\n  ") for text in texts)
    opening = json.dumps(head, ensure_ascii=False, indent=1)[: -len("[]\n}")]
    return _with_status(f"{opening}[\n{items}\n ]\n}}", plans, tracking)


def _with_status(text: str, plans: Sequence[Plan], tracking: Tracking | None) -> str:
    if tracking is None:
        return text
    entries = [_compact(entry) for entry in status_json(plans, tracking)]
    return text.replace('"status": "STATUS"', f'"status": {_lines(entries)}', 1)
