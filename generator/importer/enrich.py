"""Derived fields: deadlines, recurrences, targets and topics on the built structure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .targets import find_targets
from .timephrases import Found, find_deadlines, find_recurrences, find_undated, find_yearless
from .topics import Topics, match_topics, task_text


@dataclass
class Findings:
    undated: list[tuple[str, str]] = field(default_factory=list)
    """(where, phrase) of time phrases that could not be dated."""


def _dedupe(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def _scan(text: str, item: str | None, where: str, found: Findings):
    deadlines = find_deadlines(text, item)
    found.undated.extend((where, p) for p in find_undated(text, deadlines))
    targets = find_targets(text, deadlines, item)
    return deadlines, targets


def _set(obj: dict[str, Any], key: str, values: list[dict[str, Any]]) -> None:
    if values := _dedupe(values):
        obj[key] = values


def enrich_task(task: dict[str, Any], topics: Topics, found: Findings) -> None:
    where = f"task {task['id']}"
    parts: list[tuple[str, str | None]] = [(task.get("title") or "", None)]
    parts.append((task.get("text", ""), None))
    parts.extend((item["text"], item["id"]) for item in task.get("items", []))
    parts.append((task.get("closing") or "", None))
    parts.append((task.get("deadline_text") or "", None))
    deadlines: list[Found] = []
    targets: list[dict[str, Any]] = []
    recurrences: list[dict[str, Any]] = []
    for text, item in parts:
        d, t = _scan(text, item, where, found)
        deadlines.extend(d)
        targets.extend(t)
        recurrences.extend(find_recurrences(text, item))
    _set(task, "deadlines", [f.value for f in deadlines])
    _set(task, "recurrence", recurrences)
    _set(task, "targets", targets)
    if ids := match_topics(task_text(task), topics):
        task["topics"] = ids


def _enrich_prose(obj: dict[str, Any], where: str, found: Findings) -> None:
    deadlines, targets = _scan(obj.get("text", ""), None, where, found)
    _set(obj, "deadlines", [f.value for f in deadlines])
    _set(obj, "targets", targets)


def _enrich_phase(phase: dict[str, Any], found: Findings) -> None:
    text = phase.get("text", "")
    why = f"阶段时间“{phase.get('period_text')}”"
    dated = find_deadlines(text)
    yearless = [
        f
        for f in find_yearless(text, (phase["start"], phase["end"]), why)
        if not any(f.start < d.end and d.start < f.end for d in dated)
    ]
    _set(phase, "deadlines", [f.value for f in sorted(dated + yearless, key=lambda f: f.start)])
    undated = find_undated(text, dated + yearless)
    found.undated.extend((f"phase {phase['id']}", p) for p in undated)


def enrich(chapters: list[dict[str, Any]], topics: Topics) -> Findings:
    found = Findings()
    for chapter in chapters:
        _enrich_prose(chapter, f"chapter {chapter['id']}", found)
        for task in chapter.get("tasks", []):
            enrich_task(task, topics, found)
        for section in chapter.get("sections", []):
            _enrich_prose(section, f"section {section['id']}", found)
            for task in section.get("tasks", []):
                enrich_task(task, topics, found)
        for phase in chapter.get("phases", []):
            _enrich_phase(phase, found)
    return found
