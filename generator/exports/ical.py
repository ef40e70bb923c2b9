"""iCalendar feeds of deadlines: all-day events with stable UIDs and the clause URL.

Calendar clients ignore the URL property, so the link also goes into DESCRIPTION.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

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


def _text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> bytes:
    """One content line, folded at 75 octets without splitting a UTF-8 character."""
    raw = line.encode()
    if len(raw) <= 75:  # most lines
        return raw + b"\r\n"
    out, start, limit = [], 0, 75
    while len(raw) - start > limit:
        end = start + limit
        while raw[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        out.append(raw[start:end])
        start, limit = end, 74  # continuation lines start with a space
    out.append(raw[start:])
    return b"\r\n ".join(out) + b"\r\n"


def calendar(name: str, events: Iterable[DeadlineEvent], base_url: str) -> bytes:
    """The feed, serialised by hand (the `icalendar` package was too slow for the
    thousands of feeds of a national portal); tests parse it back with `icalendar`."""
    stamp = "20240101T000000Z"  # fixed: identical input gives identical file
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for event in sorted(events, key=lambda e: (e.deadline.date, e.plan.id, e.task.id)):
        url = permalink(base_url, event.plan.id, event.task.id, event.deadline.item or "")
        day = event.deadline.date
        description = f"{event.deadline.phrase}（精度：{event.deadline.precision}）\n{url}"
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{_text(_summary(event))}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{stamp}",
            f"UID:{uid(event)}",
            f"DESCRIPTION:{_text(description)}",
            "TRANSP:TRANSPARENT",
            f"URL:{url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) for line in lines)
