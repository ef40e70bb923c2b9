"""tasks.csv (UTF-8 with BOM, for Excel/WPS) and tasks.xlsx (laid out like a 任务分解表)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..model import Plan
from .rows import TaskRow, rows_for_plan

CSV_HEADER = tuple(f.name for f in fields(TaskRow))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Spreadsheet programs run a cell that starts with these as a formula (CSV injection)."""


def inert(value: str) -> str:
    """Plan text is data: a leading apostrophe keeps Excel/WPS from evaluating it."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def tasks_csv(plans: Iterable[Plan], base_url: str) -> bytes:
    """Every task and sub-item, one row each; BOM so spreadsheet programs detect UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for plan in plans:
        rows = rows_for_plan(plan, base_url)
        writer.writerows([inert(getattr(row, name)) for name in CSV_HEADER] for row in rows)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


XLSX_COLUMNS: Sequence[tuple[str, int]] = (
    ("序号", 8),
    ("任务", 80),
    ("牵头单位", 28),
    ("配合单位", 28),
    ("责任单位", 28),
    ("完成时限", 22),
    ("链接", 40),
)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def _xlsx_cells(row: TaskRow, with_plan: bool) -> list[str]:
    heading = f"{row.title}。" if row.title else ""
    task = f"{heading}{row.text}"
    responsible = "、".join(x for x in (row.responsible, row.local) if x)
    cells = [row.number, task, row.lead, row.support, responsible, row.deadlines, row.permalink]
    return ([row.plan_title, *cells]) if with_plan else cells


def _sheet(book: Workbook, title: str, rows: Iterable[TaskRow], with_plan: bool) -> None:
    """Write-only: rows are streamed to the file (a national portal has ~20,000 tasks; the
    normal mode kept every cell as an object and took ~20 s)."""
    sheet = book.create_sheet(title=title[:31])
    columns = ([("规划", 30)] if with_plan else []) + list(XLSX_COLUMNS)
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for name, _ in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", horizontal="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    count = 1
    for row in rows:
        if row.item_id:  # sub-items are rows of their own in the CSV; here they stay in the task
            continue
        cells = []
        for value in _xlsx_cells(row, with_plan):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count}"


def tasks_xlsx(plans: Sequence[Plan], base_url: str, path: Path | BinaryIO) -> None:
    """One sheet per plan plus 全部 (all), frozen header, wrapped text, fitted widths."""
    book = Workbook(write_only=True)
    all_rows = [row for plan in plans for row in rows_for_plan(plan, base_url)]
    _sheet(book, "全部", all_rows, with_plan=True)
    for plan in plans:
        _sheet(book, plan.short_title or plan.id, rows_for_plan(plan, base_url), with_plan=False)
    book.save(path)
