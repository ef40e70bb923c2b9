"""The review page: the source and the draft side by side, clause by clause.

Each clause of the draft (a cover-letter field, the title, the preamble, a chapter or section
heading with its prose, a task with its items and who/when) is placed beside the stretch of
the source it was read from: the source is cut where each clause's first characters are
found (in order, CJK characters only, so extraction spaces do not matter).  Source text the
draft does not contain is highlighted, and so are clauses the importer could not place
(reported as fallback).  One self-contained HTML file, no script, nothing loaded from
elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .coverage import cjk, matched_positions
from .draft import _OWN_ORDER
from .report import Report

_TEMPLATES = Path(__file__).parent / "templates"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PROBE = 10
_DERIVED = frozenset({"printed_by", "printed_on"})
"""Cover-letter fields read out of another field (shown there)."""
"""CJK characters of a clause looked up to find where it starts in the source."""


@dataclass
class Clause:
    label: str
    fields: list[tuple[str, str]]
    """(field name, value) shown on the draft side."""
    probe: str
    """The clause's verbatim text, whose start is looked for in the source."""
    flagged: bool = False
    source: list[tuple[str, bool]] = field(default_factory=list)
    """The clause's stretch of source as (text, kept in the draft) runs."""


def _who(resp: dict[str, Any]) -> list[tuple[str, str]]:
    labels = {"lead": "牵头", "support": "配合", "responsible": "责任", "local": "属地"}
    return [(labels[k], "、".join(resp[k])) for k in labels if resp.get(k)]


def _task_clause(task: dict[str, Any], flagged: set[str]) -> Clause:
    fields = [("no", str(task.get("no", "")))]
    if task.get("title"):
        fields.append(("title", task["title"]))
    if task.get("text"):
        fields.append(("text", task["text"]))
    fields += [(f"item {i['no']}", i["text"]) for i in task.get("items", [])]
    if task.get("closing"):
        fields.append(("closing", task["closing"]))
    fields += _who(task.get("responsibility") or {})
    if task.get("deadline_text"):
        fields.append(("完成时限", task["deadline_text"]))
    fields += [("deadline", f"{d['date']} ← {d['phrase']}") for d in task.get("deadlines", [])]
    fields += [("target", t["phrase"]) for t in task.get("targets", [])]
    probe = f"{task.get('title') or ''}{task.get('text', '')}"
    if not cjk(probe) and task.get("items"):
        probe = task["items"][0]["text"]
    return Clause(f"task {task['id']}", fields, probe, task["id"] in flagged)


def clauses(draft: dict[str, Any], flagged_tasks: set[str]) -> list[Clause]:
    out: list[Clause] = []
    cover = draft.get("cover_letter") or {}
    # 版记 stands at the very end; so do the signature and date of a plan signed at its end
    tail_keys = {"cc_text", "printed_text"}
    if not cover.get("title"):
        tail_keys |= {"signature", "date_text", "remark", "attachments_text"}
    front, tail = [], []
    for key in sorted(cover, key=_cover_rank):
        value = cover[key]
        if isinstance(value, str) and value.strip() and key not in _DERIVED:
            clause = Clause(f"cover_letter.{key}", [(key, value)], value)
            (tail if key in tail_keys else front).append(clause)
    out += front
    out.append(Clause("title", [("title", draft.get("title", ""))], draft.get("title", "")))
    if draft.get("preamble"):
        out.append(Clause("preamble", [("preamble", draft["preamble"])], draft["preamble"]))
    for chapter in draft.get("chapters", []):
        head = f"{chapter.get('no') or ''} {chapter.get('title', '')}".strip()
        fields = [("chapter", head)] + ([("text", chapter["text"])] if chapter.get("text") else [])
        probe = f"{chapter.get('no') or ''}{chapter.get('title', '')}"
        out.append(Clause(f"chapter {chapter['id']}", fields, probe))
        out += [_task_clause(t, flagged_tasks) for t in chapter.get("tasks", [])]
        for section in chapter.get("sections", []):
            head = f"{section.get('no') or ''} {section.get('title') or ''}".strip()
            fields = [("section", head)]
            if section.get("text"):
                fields.append(("text", section["text"]))
            probe = (
                f"{section.get('no') or ''}{section.get('title') or ''}{section.get('text', '')}"
            )
            out.append(Clause(f"section {section['id']}", fields, probe))
            out += [_task_clause(t, flagged_tasks) for t in section.get("tasks", [])]
        for phase in chapter.get("phases", []):
            fields = [
                ("phase", f"{phase['name']} ({phase['start']} – {phase['end']})"),
                ("text", phase.get("text", "")),
            ]
            out.append(Clause(f"phase {phase['id']}", fields, phase["name"]))
    return out + tail


def _cover_rank(key: str) -> int:
    order = _OWN_ORDER["cover_letter"]
    return order.index(key) if key in order else len(order)


def _line_start(source: str, at: int) -> int:
    """Back from `at` over what is not CJK on the same line (a number, a bracket)."""
    while at > 0 and source[at - 1] != "\n" and not _CJK.match(source[at - 1]):
        at -= 1
    return at


def _place(source: str, kept: list[bool], items: list[Clause]) -> list[tuple[str, bool]]:
    """Cut the source among the clauses; returns the part before the first placed clause."""
    positions = [i for i, ch in enumerate(source) if _CJK.match(ch)]
    flat = "".join(source[i] for i in positions)
    cursor = raw_cursor = 0
    taken: set[int] = set()
    starts: list[tuple[int, Clause]] = []
    for clause in items:
        probe = cjk(clause.probe)[:_PROBE]
        if len(probe) < 2:  # no CJK (a copy number): the text as printed
            raw = clause.probe.strip()
            at = source.find(raw, raw_cursor) if raw else -1
            if at >= 0 and at not in taken:
                taken.add(at)
                starts.append((at, clause))
            continue
        at = flat.find(probe, cursor)
        in_order = at >= 0
        if not in_order:
            at = flat.find(probe)  # out of order: placed, but the reading goes on from before
        if at < 0:
            continue
        start = _line_start(source, positions[at])
        if start in taken:
            continue
        taken.add(start)
        starts.append((start, clause))
        if in_order:
            cursor = at + len(probe)
            raw_cursor = positions[at]
    bounds = sorted(starts, key=lambda s: s[0])
    lead_end = bounds[0][0] if bounds else len(source)
    for k, (start, clause) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else len(source)
        clause.source = _runs(source, kept, start, end)
    return _runs(source, kept, 0, lead_end)


def _runs(source: str, kept: list[bool], start: int, end: int) -> list[tuple[str, bool]]:
    runs: list[tuple[str, bool]] = []
    for i in range(start, end):
        if runs and runs[-1][1] == kept[i]:
            runs[-1] = (runs[-1][0] + source[i], kept[i])
        else:
            runs.append((source[i], kept[i]))
    return runs


def review_page(source: str, draft: dict[str, Any], report: Report) -> str:
    flagged = {m.group(1) for w, _ in report.unparsed if (m := re.search(r"task (\S+)", w))}
    items = clauses(draft, flagged)
    lead = _place(source, matched_positions(source, draft), items)
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html", "j2"])
    )
    return env.get_template("review.html.j2").render(
        draft=draft, report=report, clauses=items, lead=lead
    )
