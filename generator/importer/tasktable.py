"""Task tables (任务分工表 / 任务分解表): header names mapped to task fields, rows to tasks.

A table is a task table when one of its first rows (the header) names a task column and at
least one of: a unit column, a deadline column, a number column.  Header cells are matched by
the words they contain, not by a list of whole names, so 主要工作任务, 具体工作内容 and
重点任务及措施 all name the task column.

- Merged cells: a cell covered by a vertical merge takes the text above (a category or a
  lead unit shared by several rows); a row whose cells are one merge across the table is a
  group heading (一、强化责任落实), and so is a row with only the category column filled.
- A category column (重点领域, 类别, or a second task-like column left of the task column
  whose cells merge down) groups the tasks into sections.
- Columns that map to nothing (责任领导, 备注, 工作目标 …) are kept after the task's text as
  `header：value` lines, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .responsibility import looks_like_duty, parse_responsibility, split_names
from .sources.document import Table

# role → words that, inside a header cell, name the role (first match wins, in this order)
_HEADER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("no", ("序号", "编号", "序")),
    ("lead", ("牵头单位", "牵头部门", "牵头", "主责单位", "主办单位", "主责部门")),
    ("support", ("配合单位", "配合部门", "配合", "协办单位", "协办", "参与单位", "协同")),
    (
        "responsible",
        (
            "责任单位",
            "责任部门",
            "责任主体",
            "承办单位",
            "落实单位",
            "实施单位",
            "主体责任",
            "单位",
        ),
    ),
    (
        "deadline",
        (
            "完成时限",
            "完成时间",
            "时间节点",
            "完成期限",
            "时限",
            "时间要求",
            "进度安排",
            "完成日期",
            "时间",
        ),
    ),
    ("category", ("类别", "领域", "方面", "板块", "项目名称", "重点工程", "专项")),
    (
        "task",
        (
            "工作任务",
            "工作内容",
            "重点任务",
            "任务内容",
            "具体任务",
            "主要任务",
            "工作措施",
            "具体措施",
            "任务措施",
            "目标任务",
            "主要内容",
            "工作事项",
            "任务",
            "内容",
            "措施",
            "事项",
        ),
    ),
)
_MAX_HEADER_ROWS = 3


@dataclass
class Columns:
    header_row: int
    roles: dict[int, str] = field(default_factory=dict)
    """column index → role (`no`, `task`, `category`, `lead`, `support`, `responsible`,
    `deadline`); unmapped columns are absent."""
    names: dict[int, str] = field(default_factory=dict)
    """column index → header text as printed."""

    def column(self, role: str) -> int | None:
        return next((c for c, r in self.roles.items() if r == role), None)


def _role(header: str) -> str | None:
    compact = re.sub(r"\s", "", header)
    if not compact or len(compact) > 16:
        return None
    for role, words in _HEADER_WORDS:
        if any(w in compact for w in words):
            return role
    return None


def _filled_header(row: list[str | None]) -> list[str]:
    out: list[str] = []
    for cell in row:
        out.append(out[-1] if cell is None and out else (cell or ""))
    return out


def find_columns(table: Table) -> Columns | None:
    """The header of a task table, or None when the table is not one."""
    for r, row in enumerate(table.rows[:_MAX_HEADER_ROWS]):
        header = _filled_header(row)
        roles: dict[int, str] = {}
        for c, text in enumerate(header):
            if row[c] is None:
                continue  # a header merged across columns names one column
            role = _role(text)
            if role and role not in roles.values():
                roles[c] = role
            elif role == "task" and "task" in roles.values():
                roles[c] = "task2"
        if "task" not in roles.values():
            continue
        if not ({"lead", "support", "responsible", "deadline", "no"} & set(roles.values())):
            continue
        _second_task_column(roles)
        cols = Columns(r, roles, {c: re.sub(r"\s", "", t) for c, t in enumerate(header) if t})
        _second_header_row(table, cols)
        return cols
    return None


def _second_header_row(table: Table, cols: Columns) -> None:
    """A header over two rows (责任单位 above 牵头单位 | 配合单位): the lower row names the
    columns it has text in, and the table's rows start below it."""
    if cols.header_row + 1 >= len(table.rows):
        return
    below = table.rows[cols.header_row + 1]
    task = cols.column("task")
    if task is not None and task < len(below) and below[task]:
        return  # a data row
    found = {c: _role(t) for c, t in enumerate(below) if t}
    if not found or any(r is None for r in found.values()):
        return
    for c, role in found.items():
        cols.roles[c] = role  # type: ignore[assignment]
        cols.names[c] = re.sub(r"\s", "", str(below[c]))
    cols.header_row += 1


def _second_task_column(roles: dict[int, str]) -> None:
    """Two task-like columns (重点任务 | 具体措施): the left one groups, the right one is the
    task."""
    task2 = next((c for c, r in roles.items() if r == "task2"), None)
    if task2 is None:
        return
    task = next(c for c, r in roles.items() if r == "task")
    if "category" not in roles.values():
        roles[min(task, task2)] = "category"
        roles[max(task, task2)] = "task"
    else:
        del roles[task2]


@dataclass
class TableTasks:
    sections: list[dict[str, Any]] = field(default_factory=list)
    """Sections (one per category/group heading), in order; a section without a title holds
    tasks before the first heading."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    names_without_verb: list[str] = field(default_factory=list)

    def tasks(self) -> list[dict[str, Any]]:
        return [t for s in self.sections for t in s["tasks"]]


def _fill_down(rows: list[list[str | None]], width: int) -> list[list[str]]:
    out: list[list[str]] = []
    above = [""] * width
    for row in rows:
        cells = [*row, *([""] * (width - len(row)))][:width]
        filled = [above[c] if v is None else v for c, v in enumerate(cells)]
        out.append(filled)
        above = filled
    return out


def _heading_row(row: list[str | None], cols: Columns) -> str | None:
    """A row that is one cell merged across, or only a category cell: a group heading."""
    texts = [c for c in row if c]
    if len(texts) == 1 and (
        sum(1 for c in row if c is None) >= len(row) - 1
        or (cols.column("task") is not None and not row[cols.column("task")])
    ):
        return texts[0]
    return None


def table_tasks(table: Table, cols: Columns, where: str) -> TableTasks:
    width = max(len(r) for r in table.rows)
    out = TableTasks()
    body = table.rows[cols.header_row + 1 :]
    filled = _fill_down(body, width)
    section: dict[str, Any] = {"title": None, "no": None, "tasks": []}
    out.sections.append(section)
    category_col = cols.column("category")
    for raw, row in zip(body, filled, strict=True):
        if (heading := _heading_row(raw, cols)) is not None:
            section = {"title": heading, "no": None, "tasks": []}
            out.sections.append(section)
            continue
        # an empty category cell continues the one above (Excel writes a merged range's
        # value in its first row only when it saves CSV)
        category = row[category_col] if category_col is not None else ""
        if category and category != (section["title"] or ""):
            section = {"title": category, "no": None, "tasks": []}
            out.sections.append(section)
        task = _task(raw, row, cols, out, where)
        if task is not None:
            section["tasks"].append(task)
    out.sections = [s for s in out.sections if s["tasks"] or s["title"]]
    return out


def _task(
    raw: list[str | None], row: list[str], cols: Columns, out: TableTasks, where: str
) -> dict[str, Any] | None:
    task_col = cols.column("task")
    assert task_col is not None
    text = row[task_col].strip()
    if not text:
        rest = " | ".join(c for c in raw if c)
        if rest:
            out.problems.append((f"{where}: row without a task text, kept as a note", rest))
        return None
    no_col = cols.column("no")
    no = row[no_col].strip() if no_col is not None and raw[no_col] else ""
    task: dict[str, Any] = {"no": no or str(sum(len(s["tasks"]) for s in out.sections) + 1)}
    if not no:
        task["_number_derived"] = True
    extra: list[str] = []
    resp_lines: list[tuple[str, str]] = []
    for c, role in sorted(cols.roles.items()):
        value = row[c].strip() if c < len(row) else ""
        if not value or role in ("no", "task", "category"):
            continue
        if role in ("lead", "support", "responsible"):
            resp_lines.append((cols.names.get(c, role), value))
        elif role == "deadline":
            task["deadline_text"] = value
    for c, name in sorted(cols.names.items()):
        if c not in cols.roles and c < len(row) and row[c].strip() and raw[c] is not None:
            extra.append(f"{name}：{row[c].strip()}")
    task["text"] = "\n\n".join([text, *extra])
    if resp_lines:
        task["responsibility"] = _responsibility(resp_lines, cols, out)
    return task


def _responsibility(lines: list[tuple[str, str]], cols: Columns, out: TableTasks) -> dict[str, Any]:
    roles = {name: role for c, role in cols.roles.items() if (name := cols.names.get(c))}
    resp: dict[str, Any] = {"text": "\n".join(f"{label}：{names}" for label, names in lines)}
    for label, names in lines:
        role = roles.get(label, "responsible")
        if looks_like_duty(names):  # 市应急局牵头，市公安局配合 inside one cell
            parsed, unassigned = parse_responsibility(names)
            out.names_without_verb.extend(unassigned)
            for key in ("lead", "support", "responsible", "local"):
                for name in parsed.get(key, []):
                    _add(resp, key, name)
            continue
        for name in split_names(re.sub(r"[；;\n]", "、", names)):
            _add(resp, role, name)
    return resp


def _add(resp: dict[str, Any], role: str, name: str) -> None:
    bucket = resp.setdefault(role, [])
    if name not in bucket:
        bucket.append(name)
