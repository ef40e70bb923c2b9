"""`planportal progress sheet`: the 进展报送表 a 安委办 sends to units, as an XLSX workbook.

A first sheet 填报说明 explains what to fill in and defines every status; the form
进展报送表 has one row per task (and, on request, per sub-item) that binds the unit — named
on it or through a group — with the ids, the plan's text, the deadline, the unit's role and
its previous report locked, and columns to fill: the status (a drop-down list of the allowed
values), completion date, progress, problems, next steps, evidence and report date.  A hidden
sheet records the plan, round and unit the form was made for, so `planportal progress import`
needs nothing else.  Without `--unit` the form has a row for every unit bound to each task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import xlsxwriter

from ..duties import ROLES, Duty, Key
from ..exports.units import role_label
from ..model import Plan, Task
from .layout import (
    COLUMNS,
    DATE_LABEL,
    FORM_SHEET,
    FORMAT,
    GUIDE_SHEET,
    META_SHEET,
    STATUS_LABELS,
)
from .model import STATUS_TERMS, Round

if TYPE_CHECKING:
    from ..project import Project

CREATED = dt.datetime(2024, 1, 1)
"""Fixed document date: the same input gives the same file."""
HEADER_ROW = 3
"""0-based row of the table's header (title, report date and a blank row above it)."""


@dataclass(frozen=True)
class SheetRow:
    """One row of the form: a task (or sub-item) and the unit that reports on it."""

    plan: Plan
    task: Task
    item: str
    unit: Key
    unit_name: str
    role: str
    previous: str


def task_text(task: Task, item: str = "") -> str:
    """The plan's text of a task (or sub-item) as the form prints it."""
    if item:
        found = next(i for i in task.items if i.id == item)
        return f"{found.no}{found.text}"
    parts = [task.title or "", task.text, *(f"{i.no}{i.text}" for i in task.items)]
    return "".join(p for p in parts if p) + (task.closing or "")


def _deadline(task: Task, item: str) -> str:
    own = [d for d in task.deadlines if (d.item or "") == item or (item and d.item is None)]
    if not item:
        own = list(task.deadlines)
    if own:
        return "；".join(d.phrase for d in own)
    return "；".join(r.phrase for r in task.recurrence)


def _previous(project: Project, plan: Plan, task: Task, item: str, unit: Key, before: str) -> str:
    """The unit's latest report on the task in rounds before `before` (or any round)."""
    order = {r.id: i for i, r in enumerate(project.progress.rounds)}
    limit = order.get(before, len(order))
    own = [
        r
        for r in project.progress.for_task(plan.id, task.id)
        if r.unit == unit and (r.item or "") == item and order.get(r.round, 0) < limit
    ]
    if not own:
        return ""
    last = own[-1]
    return f"{STATUS_LABELS[last.status]}（{last.date.isoformat()}）"


def _units_of(duties: dict[Key, tuple[Duty, ...]], unit: Key | None) -> list[tuple[Key, Duty]]:
    rank = {role: n for n, role in enumerate(ROLES)}
    out = [(key, own[0]) for key, own in duties.items() if unit is None or key == unit]
    return sorted(out, key=lambda pair: rank[pair[1].role])


def sheet_rows(
    project: Project, plan: Plan, unit: Key | None, round_id: str, items: bool
) -> list[SheetRow]:
    """The form's rows: every task of `plan` that binds `unit` (every unit when None)."""
    registry = project.registry
    rows: list[SheetRow] = []
    for task in plan.tasks():
        bound = {
            key: own
            for key, own in project.duties.bound(plan.id, task.id).items()
            if (found := registry.lookup(*key)) is not None and found.kind == "unit"
        }
        for key, _ in _units_of(bound, unit):
            name = registry.lookup(*key).display
            role = "、".join(role_label(d) for d in bound[key])
            parts = [""] + ([i.id for i in task.items] if items else [])
            for item in parts:
                previous = _previous(project, plan, task, item, key, round_id)
                rows.append(SheetRow(plan, task, item, key, name, role, previous))
    return rows


def _cells(row: SheetRow) -> dict[str, str]:
    return {
        "plan": row.plan.id,
        "task": row.task.id,
        "item": row.item,
        "number": f"{row.task.no}" + (f"（{row.item}）" if row.item else ""),
        "text": task_text(row.task, row.item),
        "deadline": _deadline(row.task, row.item),
        "role": row.role,
        "unit": row.unit_name,
        "previous": row.previous,
    }


def _guide(book: Any, plan: Plan, rnd: Round | None, unit_name: str, styles: dict) -> None:
    sheet = book.add_worksheet(GUIDE_SHEET)
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 90)
    lines: list[tuple[str, str]] = [
        ("规划", f"{plan.title}（{plan.id}）"),
        ("报送轮次", f"{rnd.name}（{rnd.id}）" if rnd else "（未指定，导入时用 --round 指明）"),
        ("截止日期", rnd.due.isoformat() if rnd and rnd.due else ""),
        ("报送单位", unit_name or "（本表列出每项任务的每个责任单位）"),
    ]
    sheet.write(0, 0, "进展报送表填报说明", styles["title"])
    row = 2
    for label, value in lines:
        sheet.write(row, 0, label, styles["label"])
        sheet.write(row, 1, value, styles["wrap"])
        row += 1
    row += 1
    rules = [
        "在“进展报送表”中每行填报一项任务（或分项）的进展；灰色列是规划编号和原文，已锁定，请勿修改。",
        "“进展状态”从下拉列表中选择，各状态的含义见下表；没有进展可报的行请留空，不要删除。",
        "状态为“已完成”时，请在“完成日期”填写实际完成的日期，并在“佐证材料”写明文件名称、文号或链接。",
        "日期写作 2025-06-30（也可写 2025年6月30日）；表头上方的“报送日期”适用于本表各行，"
        "某行另有日期时填在该行。",
        "佐证材料每行写一项：文件名称、文号、链接之间用空格或“，”隔开。",
        "请勿增删列或改动表头；如需说明其他情况，写在“进展情况”或“存在问题”中。",
        "填好后原样交回（xlsx 或 csv 均可），由安委办导入、核对后公开。",
    ]
    sheet.write(row, 0, "填报要求", styles["label"])
    for n, rule in enumerate(rules, start=1):
        sheet.write(row, 1, f"{n}. {rule}", styles["wrap"])
        row += 1
    row += 1
    sheet.write(row, 0, "进展状态", styles["label"])
    sheet.write(row, 1, "含义", styles["label"])
    row += 1
    for label, (_, en, definition) in ((STATUS_LABELS[s], t) for s, t in STATUS_TERMS.items()):
        sheet.write(row, 0, label, styles["wrap"])
        sheet.write(row, 1, f"{en}: {definition}", styles["wrap"])
        row += 1


def _meta(book: Any, plan: Plan, rnd: Round | None, unit: Key | None) -> None:
    sheet = book.add_worksheet(META_SHEET)
    values = [
        ("format", FORMAT),
        ("plan", plan.id),
        ("round", rnd.id if rnd else ""),
        ("unit", "/".join(unit) if unit else ""),
    ]
    for n, (key, value) in enumerate(values):
        sheet.write_string(n, 0, key)
        sheet.write_string(n, 1, value)
    sheet.hide()


def _form(book: Any, plan: Plan, rnd: Round | None, rows: Sequence[SheetRow], styles: dict) -> None:
    sheet = book.add_worksheet(FORM_SHEET)
    title = f"《{plan.title}》进展报送表" + (f"（{rnd.name}）" if rnd else "")
    sheet.write(0, 0, title, styles["title"])
    sheet.write(1, 0, DATE_LABEL, styles["label"])
    sheet.write_blank(1, 1, None, styles["input_date"])
    sheet.write(1, 2, "（YYYY-MM-DD；适用于本表各行，某行另有日期时以该行为准）", styles["note"])
    for col, column in enumerate(COLUMNS):
        sheet.set_column(col, col, column.width)
        sheet.write(HEADER_ROW, col, column.header, styles["header"])
    first = HEADER_ROW + 1
    for r, row in enumerate(rows, start=first):
        cells = _cells(row)
        for col, column in enumerate(COLUMNS):
            if column.locked:
                sheet.write_string(r, col, cells.get(column.key, ""), styles["locked"])
            else:
                style = "input_date" if column.key in ("completed", "date") else "input"
                sheet.write_blank(r, col, None, styles[style])
    last = first + max(len(rows), 1) - 1
    status_col = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
    sheet.data_validation(
        first,
        status_col,
        last,
        status_col,
        {
            "validate": "list",
            "source": list(STATUS_LABELS.values()),
            "input_title": "进展状态",
            "input_message": "从下拉列表选择；含义见“填报说明”",
            "error_title": "进展状态",
            "error_message": "请从下拉列表中选择：" + "、".join(STATUS_LABELS.values()),
            "error_type": "stop",
        },
    )
    for key in ("completed", "date"):
        col = next(i for i, c in enumerate(COLUMNS) if c.key == key)
        sheet.data_validation(
            first,
            col,
            last,
            col,
            {
                "validate": "date",
                "criteria": "between",
                "minimum": dt.date(2000, 1, 1),
                "maximum": dt.date(2100, 12, 31),
                "error_type": "information",
                "error_message": "日期写作 2025-06-30",
            },
        )
    sheet.freeze_panes(first, 3)
    sheet.autofilter(HEADER_ROW, 0, last, len(COLUMNS) - 1)
    sheet.protect(
        "",
        {
            "format_columns": True,
            "format_rows": True,
            "autofilter": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
        },
    )
    sheet.activate()


def _styles(book: Any) -> dict:
    grey = {"bg_color": "#EEEEEE", "pattern": 1, "text_wrap": True, "valign": "top"}
    return {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "label": book.add_format({"bold": True, "valign": "top"}),
        "note": book.add_format({"font_color": "#555555"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "header": book.add_format(
            {
                "bold": True,
                "bg_color": "#DDE7F0",
                "pattern": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
            }
        ),
        "locked": book.add_format({**grey, "locked": True, "border": 1}),
        "input": book.add_format(
            {"locked": False, "text_wrap": True, "valign": "top", "border": 1}
        ),
        "input_date": book.add_format(
            {"locked": False, "num_format": "yyyy-mm-dd", "valign": "top", "border": 1}
        ),
    }


def write_sheet(
    target: Path | BinaryIO,
    project: Project,
    plan: Plan,
    *,
    unit: Key | None = None,
    rnd: Round | None = None,
    items: bool = False,
) -> int:
    """Write the workbook for `plan` (and `unit`, `rnd`) to `target`; the number of rows."""
    rows = sheet_rows(project, plan, unit, rnd.id if rnd else "", items)
    book = xlsxwriter.Workbook(
        target,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"created": CREATED, "title": f"{plan.title} 进展报送表"})
    styles = _styles(book)
    unit_name = project.registry.lookup(*unit).display if unit else ""
    _guide(book, plan, rnd, unit_name, styles)
    _form(book, plan, rnd, rows, styles)
    _meta(book, plan, rnd, unit)
    book.close()
    return len(rows)


def iter_plain_rows(rows: Sequence[SheetRow]) -> Iterator[dict[str, str]]:
    """The form's rows as {column key: text} (for tests and CSV copies)."""
    for row in rows:
        yield {**dict.fromkeys((c.key for c in COLUMNS), ""), **_cells(row)}
