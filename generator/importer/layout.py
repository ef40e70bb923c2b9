"""From a document's blocks to the lines the text parser reads, and back for task tables.

Task tables (`tasktable.find_columns`) leave the line stream: each becomes a chapter of
tasks after the body, titled by its caption (the short lines right above it, or the rows
above its header: `附件2` / `XX任务分工表`).  Other tables stay in the text as `a | b` rows.
A table at the very start keeps the rows above its header in the text: there they are the
plan's title, not a caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .coverage import ADDED_CHAPTER_NOTE
from .normalize import NoiseLog
from .sources.document import Block, Table
from .structure import Body
from .tasktable import Columns, find_columns, table_tasks

_LABEL = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[：:]?$")
_PAGE_NUMBER = re.compile(r"^[-—–－]{1,2}\s*\d{1,4}\s*[-—–－]{1,2}$")
_CAPTION_MAX = 60
_DEFAULT_TITLE = "任务分工表"


@dataclass
class TaskTable:
    table: Table
    columns: Columns
    caption: list[str] = field(default_factory=list)


def _caption_line(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= _CAPTION_MAX and not re.search(r"[。；]", stripped)


def lay_out(blocks: list[Block]) -> tuple[list[str], list[TaskTable], list[str]]:
    """(text lines, task tables, header rows of the task tables as extracted: their column
    names are not plan text, so coverage leaves them out)."""
    lines: list[str] = []
    tables: list[TaskTable] = []
    headers: list[str] = []
    for block in blocks:
        if not isinstance(block, Table):
            lines.extend(block.split("\n"))
            continue
        cols = find_columns(block)
        if cols is None:
            lines.extend(block.lines())
            continue
        _merge_repeats(block, cols)
        headers.append(" | ".join(c or "" for c in block.rows[cols.header_row]))
        above = [" ".join(c for c in row if c) for row in block.rows[: cols.header_row]]
        above = [a for a in above if a.strip()]
        substantive = [ln for ln in lines if ln.strip()]
        if len(substantive) < 2:
            lines.extend(above)  # the document opens with the table: these rows are its title
            tables.append(TaskTable(block, cols, []))
            continue
        caption: list[str] = []
        while lines and len(caption) < 2 and (not lines[-1].strip() or _caption_line(lines[-1])):
            line = lines.pop()
            if line.strip():
                caption.insert(0, line.strip())
        if len([ln for ln in lines if ln.strip()]) < 2:  # the caption was the document's title
            lines.extend(caption)
            caption = []
        tables.append(TaskTable(block, cols, [*caption, *above]))
    return lines, tables, headers


def _merge_repeats(table: Table, cols: Columns) -> None:
    """A category repeated in consecutive rows (a text or CSV table cannot merge cells) is
    one merged cell: the rows after the first get `None`, as a merge would."""
    col = cols.column("category")
    if col is None:
        return
    above: str | None = None
    for row in table.rows[cols.header_row + 1 :]:
        if col >= len(row):
            continue
        if row[col] is not None and row[col] == above and above:
            row[col] = None
        elif row[col] is not None:
            above = row[col]


def drop_labels(lines: list[str], noise: NoiseLog) -> tuple[list[str], list[str]]:
    """Lines that carry no text of the plan: page numbers (`— 3 —`) and an attachment label
    (`附件1`) right above a title.  Returned separately: coverage leaves them out."""
    kept: list[str] = []
    dropped: list[str] = []
    for i, line in enumerate(lines):
        if _PAGE_NUMBER.match(line):
            noise["page numbers `— 3 —`"] += 1
            dropped.append(line)
        elif _LABEL.match(line) and i + 1 < len(lines) and not _LABEL.match(lines[i + 1]):
            noise["attachment labels above a title (附件1)"] += 1
            dropped.append(line)
        else:
            kept.append(line)
    return kept, dropped


def table_chapters(tables: list[TaskTable], body: Body) -> None:
    """Append one chapter per task table; drop the importer's empty 正文 chapter if the
    document is only a table."""
    if not tables:
        return
    if _only_added_chapter(body):
        body.chapters.clear()
        body.unparsed = [u for u in body.unparsed if "no chapter headings" not in u[0]]
    for table in tables:
        body.chapters.append(_chapter(table, len(body.chapters) + 1, body))


def _only_added_chapter(body: Body) -> bool:
    if len(body.chapters) != 1:
        return False
    chapter = body.chapters[0]
    added = any(ADDED_CHAPTER_NOTE in n.get("text", "") for n in chapter.get("notes", []))
    return added and not chapter.get("text") and not chapter.get("tasks")


def _chapter(table: TaskTable, ci: int, body: Body) -> dict[str, Any]:
    labels = [c for c in table.caption if _LABEL.match(c)]
    titles = [c for c in table.caption if not _LABEL.match(c)]
    chapter: dict[str, Any] = {"id": f"c{ci}", "role": "tasks"}
    if labels:
        chapter["no"] = labels[0]
    if titles:
        chapter["title"] = " ".join(titles)
    else:
        chapter["title"] = _DEFAULT_TITLE
        chapter["notes"] = [
            {"text": f"{ADDED_CHAPTER_NOTE}：任务表前没有标题，标题“{_DEFAULT_TITLE}”不是原文。"}
        ]
    found = table_tasks(table.table, table.columns, f"chapter {ci} (table)")
    body.unparsed.extend(found.problems)
    body.left.names_without_verb.extend(found.names_without_verb)
    sections = []
    for section in found.sections:
        tasks = [_number(t) for t in section["tasks"]]
        if section["title"] is None:
            chapter.setdefault("tasks", []).extend(tasks)
            continue
        sections.append(
            {"id": f"c{ci}-{len(sections) + 1}", "title": section["title"], "tasks": tasks}
        )
    if sections:
        chapter["sections"] = sections
    return chapter


def _number(task: dict[str, Any]) -> dict[str, Any]:
    digits = re.sub(r"\D", "", str(task.get("no", "")))
    task["_number"] = int(digits) if digits and len(digits) <= 5 else None
    return task
