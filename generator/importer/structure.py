"""Chapters → sections → tasks from the body paragraphs.

Numbering decides the levels: 一、 opens a chapter, （一） a section, 1. a task.  How a
chapter's （一） entries are read depends on the chapter: with numbered tasks below them
they are actions (sections); without, in a task chapter or when they carry 牵头单位： lines,
they are the tasks themselves (004); in 进度安排 they are dated phases; elsewhere prose
sections.  A marker out of sequence is not trusted: its paragraph stays text and is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .markers import Marker, detect_levels, numbering_levels, parse_marker
from .tasks import Leftovers, TaskDraft, build_task, heading_split
from .timephrases import parse_period

_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("division", ("任务分工", "职责分工", "责任分工")),
    ("schedule", ("进度安排", "实施步骤", "时间安排", "工作步骤", "阶段安排", "步骤安排")),
    ("safeguards", ("保障措施", "工作要求", "组织保障", "保障机制")),
    ("general", ("总体要求", "指导思想", "总体目标", "工作目标")),
    ("tasks", ("主要任务", "重点任务", "重点工程", "工作任务", "重点工作", "主要措施")),
)
_TASK_ROLES = ("tasks", "other")


def chapter_role(title: str) -> str:
    for role, words in _ROLES:
        if any(w in title for w in words):
            return role
    return "other"


@dataclass
class Body:
    preamble: list[str] = field(default_factory=list)
    chapters: list[dict[str, Any]] = field(default_factory=list)
    unparsed: list[tuple[str, str]] = field(default_factory=list)
    """(where, text) of paragraphs placed by fallback."""
    left: Leftovers = field(default_factory=Leftovers)


@dataclass
class _Entry:
    """A （一） entry of a chapter with the paragraphs under it."""

    marker: Marker
    paras: list[str] = field(default_factory=list)


def _group_chapters(paras: list[str], body: Body) -> list[tuple[Marker, list[str]]]:
    groups: list[tuple[Marker, list[str]]] = []
    for para in paras:
        m = parse_marker(para)
        expected = (groups[-1][0].number or 0) + 1 if groups else 1
        if m and m.level == "chapter" and m.number == expected:
            groups.append((m, []))
        elif groups:
            if m and m.level == "chapter":
                where = f"chapter {groups[-1][0].printed}"
                body.unparsed.append(
                    (f"{where}: chapter number out of sequence, kept as text", para)
                )
            groups[-1][1].append(para)
        else:
            body.preamble.append(para)
    return groups


def _split_entries(paras: list[str], where: str, body: Body) -> tuple[list[str], list[_Entry]]:
    """Paragraphs before the first （一）, and the （一）… entries in sequence."""
    head: list[str] = []
    entries: list[_Entry] = []
    for para in paras:
        m = parse_marker(para)
        if m and m.level == "section":
            expected = (entries[-1].marker.number or 0) + 1 if entries else 1
            if m.number == expected:
                entries.append(_Entry(m))
                continue
            body.unparsed.append((f"{where}: numbering out of sequence, kept as text", para))
        (entries[-1].paras if entries else head).append(para)
    return head, entries


def _has_task_numbers(paras: list[str]) -> bool:
    return any((m := parse_marker(p)) and m.level == "task" for p in paras)


def _has_role_lines(paras: list[str]) -> bool:
    return any((m := parse_marker(p)) and m.level == "role" for p in paras)


class _TaskWalker:
    """Collects numbered tasks (1. 2. …) across the plan, continuing or restarting at 1."""

    def __init__(self, body: Body) -> None:
        self.body = body
        self.last = 0

    def walk(self, paras: list[str], where: str) -> tuple[list[str], list[dict[str, Any]]]:
        head: list[str] = []
        drafts: list[TaskDraft] = []
        for para in paras:
            m = parse_marker(para)
            if m and m.level == "task" and m.number in (self.last + 1, 1):
                self.last = m.number or 0
                title, text = heading_split(m.rest)
                drafts.append(TaskDraft(no=m.printed, number=m.number, paras=[text], title=title))
            elif m and m.level == "role" and drafts:
                drafts[-1].roles.append((m.printed, m.rest))
            elif drafts:
                if m and m.level == "task":
                    self.body.unparsed.append((f"{where}: task number out of sequence", para))
                drafts[-1].paras.append(para)
            else:
                head.append(para)
        return head, [self._build(d) for d in drafts]

    def _build(self, draft: TaskDraft) -> dict[str, Any]:
        task = build_task(draft, self.body.left)
        task["_number"] = draft.number
        return task


def _entry_task(entry: _Entry, walker: _TaskWalker) -> dict[str, Any]:
    """An entry that is itself a task (004: （一）加强… + 牵头单位：…)."""
    title, text = heading_split(entry.marker.rest, title_max=40)
    draft = TaskDraft(no=entry.marker.printed, number=entry.marker.number, title=title)
    draft.paras.append(text)
    for para in entry.paras:
        m = parse_marker(para)
        if m and m.level == "role":
            draft.roles.append((m.printed, m.rest))
        else:
            draft.paras.append(para)
    return walker._build(draft)


def _section(entry: _Entry, ci: int, si: int, walker: _TaskWalker | None, where: str):
    title, text = heading_split(entry.marker.rest, title_max=16)
    section: dict[str, Any] = {"id": f"c{ci}-{si}", "no": entry.marker.printed}
    if title:
        section["title"] = title
    paras = [text, *entry.paras] if text else list(entry.paras)
    if walker:
        head, tasks = walker.walk(paras, where)
        section["text"] = "\n\n".join(head)
        if tasks:
            section["tasks"] = tasks
    else:
        section["text"] = "\n\n".join(paras)
    return section


def _phase(entry: _Entry, pi: int) -> dict[str, Any] | None:
    """`（一）动员部署阶段（2024年2月至4月）。…` → a dated phase."""
    head, _, text = entry.marker.rest.partition("。")
    name, paren, period_text = head.partition("（") if "（" in head else head.partition("(")
    period = parse_period(period_text) if paren else None
    if not period or not name.strip():
        return None
    phase: dict[str, Any] = {
        "id": f"p{pi}",
        "no": entry.marker.printed,
        "name": name.strip(),
        "start": period[0],
        "end": period[1],
        "period_text": period_text.rstrip("）)").strip(),
    }
    phase["text"] = "\n\n".join(p for p in [text.strip(), *entry.paras] if p)
    return phase


def _fill_chapter(chapter: dict[str, Any], paras: list[str], walker: _TaskWalker, body: Body):
    ci, role = int(chapter["id"][1:]), chapter["role"]
    where = f"chapter {chapter['no']}、{chapter['title']}"
    head, entries = _split_entries(paras, where, body)
    task_chapter = role in _TASK_ROLES
    if role == "schedule" and entries:
        phases = [_phase(e, i) for i, e in enumerate(entries, 1)]
        if all(phases):
            chapter["text"] = "\n\n".join(head)
            chapter["phases"] = phases
            return
    if task_chapter and _has_task_numbers(head):
        head, tasks = walker.walk(head, where)
        chapter["tasks"] = tasks
    chapter["text"] = "\n\n".join(head)
    numbered = task_chapter and any(_has_task_numbers(e.paras) for e in entries)
    entries_are_tasks = (
        task_chapter
        and entries
        and not numbered
        and (role == "tasks" or any(_has_role_lines(e.paras) for e in entries))
    )
    if entries_are_tasks:
        chapter["tasks"] = [*chapter.get("tasks", []), *(_entry_task(e, walker) for e in entries)]
        chapter["role"] = "tasks"
        return
    use_walker = walker if numbered else None
    chapter["sections"] = [
        _section(e, ci, si, use_walker, where) for si, e in enumerate(entries, 1)
    ]
    if chapter.get("tasks") or numbered:
        chapter["role"] = "tasks" if role == "other" else role


def _chapter_head(marker: Marker, ci: int) -> tuple[dict[str, Any], list[str]]:
    title, text = heading_split(marker.rest, title_max=30)
    if not title:
        title, text = marker.rest.strip() or marker.printed, ""
    chapter = {"id": f"c{ci}", "no": marker.printed, "title": title, "role": chapter_role(title)}
    return chapter, [text] if text else []


def build_body(paras: list[str]) -> Body:
    """Preamble and chapters of the plan body, numbering levels as this text uses them."""
    with numbering_levels(detect_levels(paras)):
        return _build_body(paras)


def _build_body(paras: list[str]) -> Body:
    body = Body()
    walker = _TaskWalker(body)
    groups = _group_chapters(paras, body)
    for ci, (marker, chapter_paras) in enumerate(groups, 1):
        chapter, first = _chapter_head(marker, ci)
        _fill_chapter(chapter, first + chapter_paras, walker, body)
        body.chapters.append(chapter)
    if not groups:
        _without_chapters(body, walker)
    return body


def _without_chapters(body: Body, walker: _TaskWalker) -> None:
    """No 一、 headings: the body goes into one chapter added by the importer (a plan needs
    at least one), numbered tasks included; the added title is flagged in a note."""
    paras, body.preamble = body.preamble, []
    head, tasks = walker.walk(paras, "body") if _has_task_numbers(paras) else (paras, [])
    chapter: dict[str, Any] = {"id": "c1", "title": "正文", "role": "tasks" if tasks else "other"}
    chapter["text"] = "\n\n".join(head)
    if tasks:
        chapter["tasks"] = tasks
    chapter["notes"] = [{"text": "导入时添加的章节：原文没有“一、”级标题，标题“正文”不是原文。"}]
    body.chapters.append(chapter)
    first = paras[0][:60] if paras else ""
    body.unparsed.append(("no chapter headings found; body put in an added chapter c1", first))


def _all_tasks(chapters: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """(chapter position, section position or 0, task) in document order."""
    out = []
    for ci, chapter in enumerate(chapters, 1):
        out.extend((ci, 0, t) for t in chapter.get("tasks", []))
        for si, section in enumerate(chapter.get("sections", []), 1):
            out.extend((ci, si, t) for t in section.get("tasks", []))
    return out


def assign_task_ids(chapters: list[dict[str, Any]]) -> None:
    """`01`… when numbers are unique in the plan, `4-16` when they restart per chapter,
    `4-2-03` per section; position as a last resort."""
    tasks = _all_tasks(chapters)
    width = max(2, len(str(max((t.get("_number") or 0 for _, _, t in tasks), default=0))))
    schemes = (
        lambda ci, si, n: f"{n:0{width}d}",
        lambda ci, si, n: f"{ci}-{n:0{width}d}",
        lambda ci, si, n: f"{ci}-{si}-{n:0{width}d}",
    )
    for scheme in schemes:
        ids = [scheme(ci, si, t.get("_number") or 0) for ci, si, t in tasks]
        if all(t.get("_number") for _, _, t in tasks) and len(set(ids)) == len(ids):
            break
    else:
        ids = [f"{i:0{width}d}" for i in range(1, len(tasks) + 1)]
    for (_, _, task), tid in zip(tasks, ids, strict=True):
        task["id"] = tid
        task.pop("_number", None)
