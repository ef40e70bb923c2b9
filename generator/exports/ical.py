"""iCalendar feeds of deadlines: all-day events with stable UIDs and the clause URL.

Calendar clients ignore the URL property, so the link also goes into DESCRIPTION.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from ..model import Deadline, Plan, Task
from .rows import permalink

PRODID = "-//planportal//plan deadlines//ZH"


@dataclass(frozen=True)
class DeadlineEvent:
    plan: Plan
    task: Task
    deadline: Deadline
    role: str = ""
    """The unit's role (牵头/配合/负责/属地) when the feed belongs to one unit."""


def uid(event: DeadlineEvent) -> str:
    """Stable across rebuilds and renumbering: plan id, task id, date and phrase."""
    key = f"{event.deadline.phrase}|{event.deadline.item or ''}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:10]
    return f"{event.plan.id}.{event.task.id}.{event.deadline.date:%Y%m%d}.{digest}@planportal"


def _summary(event: DeadlineEvent) -> str:
    role = f"[{event.role}] " if event.role else ""
    title = event.task.title or event.task.text[:24]
    name = event.plan.short_title or event.plan.title
    return f"{role}《{name}》第{event.task.no}条 {title}（{event.deadline.phrase}）"


def plan_events(plan: Plan) -> list[DeadlineEvent]:
    return [DeadlineEvent(plan, task, d) for task in plan.tasks() for d in task.deadlines]


def calendar(name: str, events: Iterable[DeadlineEvent], base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # fixed: identical input gives identical file
    for event in sorted(events, key=lambda e: (e.deadline.date, e.plan.id, e.task.id)):
        url = permalink(base_url, event.plan.id, event.task.id, event.deadline.item or "")
        vevent = Event()
        vevent.add("uid", uid(event))
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.deadline.date)
        vevent.add("dtend", event.deadline.date + dt.timedelta(days=1))
        vevent.add("summary", _summary(event))
        vevent.add(
            "description", f"{event.deadline.phrase}（精度：{event.deadline.precision}）\n{url}"
        )
        vevent.add("url", url)
        vevent.add("transp", "TRANSPARENT")
        cal.add_component(vevent)
    return cal.to_ical()
