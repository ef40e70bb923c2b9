"""Long plans split into parts, so that no page grows with the length of a plan.

A plan of a hundred tasks printed on one page weighs ~400 KB and its search fragment
~25 KB. Its text is therefore laid out on parts of at most about `PART_BUDGET` (an
estimate of the body's bytes): a new part starts before a chapter once the current part
is well filled, or before a section or task once the next block would not fit. A part
never ends with a bare heading, and a task is never cut.

Every anchor has one home, the part that prints it (`PlanLayout.page_of`): links inside
the site go straight to it. The clause link people share stays the plan's own address
(`plans/<id>/#t-…`, see developer-docs/conventions.md): portal.js forwards an anchor that
is not on the page to its part. The layout depends on the plan alone, so both language
trees cut the same plan in the same places (the language switch lands on the same part).
The newest progress reports printed under each task count too
(`views.progress.shown_weights`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from ..model import Chapter, Plan, Section, Task
from . import urls

PART_BUDGET = 100_000
"""Estimated body bytes per part. Fitted on 50 synthetic plans (within 3 %), an English
page weighs the estimate + ~21 KB (theme chrome): a full part stays under ~125 KB."""
TASK_OVERHEAD = 1_300
"""Markup of one task beyond its text: heading, copy controls, facts, search keywords."""
ITEM_OVERHEAD = 200
UNIT_OVERHEAD = 200
"""A unit named in a task: its link, and its name in the search keywords and filters."""
HEAD_OVERHEAD = 200
FRONT_OVERHEAD = 8_000
"""The plan page's own front: facts, contents, phases list (beside preamble and cover)."""


@dataclass(frozen=True)
class SectionSlice:
    """The part of a section printed on one part: its heading only where it starts."""

    section: Section
    head: bool
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class ChapterSlice:
    """The part of a chapter printed on one part (`head`: its heading, text and phases)."""

    chapter: Chapter
    head: bool
    tasks: tuple[Task, ...]
    sections: tuple[SectionSlice, ...]


@dataclass(frozen=True)
class PlanPart:
    number: int
    """1 for the plan's own page."""
    path: str
    """Site path: `plans/<id>/`, then `plans/<id>/2/` …"""
    chapters: tuple[ChapterSlice, ...]

    def tasks(self) -> Iterator[Task]:
        for c in self.chapters:
            yield from c.tasks
            for s in c.sections:
                yield from s.tasks


@dataclass(frozen=True)
class PlanLayout:
    parts: tuple[PlanPart, ...]
    page_of: Mapping[str, str]
    """Anchor (`t-3`, `t-3-1`, `c-…`, `s-…`, `p-…`) → site path of the part printing it."""

    @property
    def split(self) -> bool:
        return len(self.parts) > 1

    def href(self, anchor: str) -> str:
        """Site path + anchor of a clause or heading (the plan's page for any other)."""
        return f"{self.page_of.get(anchor, self.parts[0].path)}#{anchor}"


@dataclass(frozen=True)
class _Block:
    kind: Literal["chapter", "section", "task"]
    chapter: Chapter
    section: Section | None
    task: Task | None
    weight: int


def _size(*texts: str | None) -> int:
    return sum(len(t.encode()) for t in texts if t)


def _task_weight(task: Task) -> int:
    resp = task.responsibility
    return (
        TASK_OVERHEAD
        + ITEM_OVERHEAD * len(task.items)
        + _size(task.title, task.text, task.closing, *(i.text for i in task.items))
        + sum(UNIT_OVERHEAD + _size(name) for name in resp.all_refs())
    )


def _blocks(plan: Plan, extra: Mapping[str, int]) -> Iterator[_Block]:
    """The plan body in document order (a chapter's own tasks come before its sections);
    `extra`: bytes a task's block prints beyond its text (its progress), by task id."""
    for c in plan.chapters:
        phases = _size(*(p.text for p in c.phases), *(p.name for p in c.phases))
        head = HEAD_OVERHEAD + _size(c.title, c.text) + phases
        yield _Block("chapter", c, None, None, head)
        for t in c.tasks:
            yield _Block("task", c, None, t, _task_weight(t) + extra.get(t.id, 0))
        for s in c.sections:
            yield _Block("section", c, s, None, HEAD_OVERHEAD + _size(s.title, s.text))
            for t in s.tasks:
                yield _Block("task", c, s, t, _task_weight(t) + extra.get(t.id, 0))


def _front_weight(plan: Plan) -> int:
    """What only the plan's first part prints: facts, cover letter, preamble, notes."""
    cover = plan.cover_letter
    letter = _size(cover.text, cover.recipients_text, cover.title) if cover else 0
    notes = _size(*(n.text for n in plan.notes))
    return FRONT_OVERHEAD + letter + notes + _size(plan.preamble, plan.title)


def _cut(blocks: list[_Block], budget: int, front: int) -> list[list[_Block]]:
    """Greedy cut into parts of similar size (a plan just over budget gets two halves,
    not a full part and a scrap), at a chapter or section boundary where possible."""
    total = front + sum(b.weight for b in blocks)
    if total <= budget:
        return [blocks]
    planned = -(-total // budget)
    target = total / planned
    parts: list[list[_Block]] = [[]]
    weight = front
    for block in blocks:
        current = parts[-1]
        has_task = any(b.kind == "task" for b in current)
        full = weight + block.weight > budget
        soft = 0.8 if block.kind == "chapter" else 1.0
        boundary = len(parts) < planned and block.kind != "task" and weight >= target * soft
        if has_task and (full or boundary):
            carried: list[_Block] = []
            while current and current[-1].kind != "task":  # no part ends with a heading
                carried.insert(0, current.pop())
            parts.append(carried)
            weight = sum(b.weight for b in carried)
        parts[-1].append(block)
        weight += block.weight
    return parts


def _slices(blocks: list[_Block]) -> tuple[ChapterSlice, ...]:
    chapters: dict[
        str, tuple[Chapter, bool, list[Task], dict[str, tuple[Section, bool, list[Task]]]]
    ]
    chapters = {}
    for b in blocks:
        entry = chapters.setdefault(b.chapter.id, (b.chapter, b.kind == "chapter", [], {}))
        if b.section is None:
            if b.task is not None:
                entry[2].append(b.task)
            continue
        sec = entry[3].setdefault(b.section.id, (b.section, b.kind == "section", []))
        if b.task is not None:
            sec[2].append(b.task)
    return tuple(
        ChapterSlice(
            c, head, tuple(tasks), tuple(SectionSlice(s, h, tuple(t)) for s, h, t in secs.values())
        )
        for c, head, tasks, secs in chapters.values()
    )


def plan_layout(
    plan: Plan, budget: int = PART_BUDGET, extra: Mapping[str, int] | None = None
) -> PlanLayout:
    """The parts of `plan` and the home of each anchor; `extra`: what each task prints
    besides its text, by task id (its progress reports, `views.progress.shown_weights`)."""
    cut = _cut(list(_blocks(plan, extra or {})), budget, _front_weight(plan))
    base = urls.plan(plan.id)
    parts = tuple(
        PlanPart(n, base if n == 1 else f"{base}{n}/", _slices(blocks))
        for n, blocks in enumerate(cut, 1)
    )
    page_of: dict[str, str] = {}
    for part in parts:
        for c in part.chapters:
            if c.head:
                page_of[urls.chapter_anchor(c.chapter.id)] = part.path
                for p in c.chapter.phases:
                    page_of[urls.phase_anchor(p.id)] = part.path
            for s in c.sections:
                if s.head:
                    page_of[urls.section_anchor(s.section.id)] = part.path
        for t in part.tasks():
            page_of[urls.task_anchor(t.id)] = part.path
            for i in t.items:
                page_of[urls.item_anchor(t.id, i.id)] = part.path
    return PlanLayout(parts, page_of)
