"""tasks.csv (UTF-8 with BOM, for Excel/WPS) and tasks.xlsx (laid out like a 任务分解表)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import BinaryIO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from ..deadlines import SOON_DAYS
from ..model import Plan
from ..reports.status import STATE_TERMS, State
from .rows import TaskRow, rows_for_plan
from .tracking import Tracking

CSV_HEADER = tuple(f.name for f in fields(TaskRow))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Spreadsheet programs run a cell that starts with these as a formula (CSV injection)."""


def inert(value: str) -> str:
    """Plan text is data: a leading apostrophe keeps Excel/WPS from evaluating it."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


PlanRows = Sequence[Sequence[TaskRow]]
"""The rows of each plan, in the order of the plans (made once for all the tables)."""


def plan_rows(
    plans: Iterable[Plan], base_url: str, tracking: Tracking | None = None
) -> list[tuple[TaskRow, ...]]:
    return [tuple(rows_for_plan(plan, base_url, tracking)) for plan in plans]


def _rows_of(
    plans: Iterable[Plan], base_url: str, rows: PlanRows | None, tracking: Tracking | None = None
) -> Iterable[Iterable[TaskRow]]:
    if rows is not None:
        return rows
    return (rows_for_plan(plan, base_url, tracking) for plan in plans)


def tasks_csv(
    plans: Iterable[Plan],
    base_url: str,
    *,
    rows: PlanRows | None = None,
    tracking: Tracking | None = None,
) -> bytes:
    """Every task and sub-item, one row each; BOM so spreadsheet programs detect UTF-8.
    `rows`: the plans' rows if made already (`plan_rows`); `tracking`: fills the columns of
    units through groups and of status (left empty without it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for each in _rows_of(plans, base_url, rows, tracking):
        writer.writerows([inert(getattr(row, name)) for name in CSV_HEADER] for row in each)
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
HEADER_STYLE = {
    "bold": True,
    "bg_color": "#DDE7F0",
    "pattern": 1,
    "align": "center",
    "valign": "vcenter",
    "text_wrap": True,
}
TRACKING_COLUMNS: Sequence[tuple[str, int]] = (
    ("期限状态", 14),
    ("经群体负有职责的单位", 32),
    ("进展状态", 16),
    ("最近报告", 12),
)
"""Added after 完成时限 when the tables are made with tracking (deadline status on the build
date, units through groups, progress status)."""
DEADLINE_TERMS = {"passed": "期限已过", "soon": f"{SOON_DAYS}天内到期", "later": "未到期"}
"""A deadline's status in the 期限状态 column (as the pages say it)."""
CELL_STYLE = {"text_wrap": True, "valign": "top"}
CREATED = dt.datetime(2024, 1, 1)
"""Fixed document date: identical input gives an identical file."""
SHEET_NAME_MAX = 31
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_names(titles: Iterable[str]) -> list[str]:
    """Valid, distinct sheet names: at most 31 characters, none of ``[]:*?/\\``, no quote at
    either end, unique regardless of case (a repeat gets `` (2)``, `` (3)`` …)."""
    out: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = _SHEET_NAME_BAD.sub("_", title).strip("'").strip() or "sheet"
        name, n = base[:SHEET_NAME_MAX], 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name.casefold())
        out.append(name)
    return out


def _xlsx_cells(row: TaskRow, with_plan: bool, tracked: bool) -> list[str]:
    heading = f"{row.title}。" if row.title else ""
    task = f"{heading}{row.text}"
    responsible = "、".join(x for x in (row.responsible, row.local) if x)
    cells = [row.number, task, row.lead, row.support, responsible, row.deadlines]
    if tracked:
        label = STATE_TERMS[State(row.status)][0] if row.status else ""
        due = "；".join(DEADLINE_TERMS[s] for s in row.deadline_status.split("；") if s)
        cells += [due, row.through_groups, label, row.latest_report]
    cells.append(row.permalink)
    return ([row.plan_title, *cells]) if with_plan else cells


def _columns(with_plan: bool, tracked: bool) -> list[tuple[str, int]]:
    base = list(XLSX_COLUMNS)
    if tracked:
        base = base[:-1] + list(TRACKING_COLUMNS) + base[-1:]
    return ([("规划", 30)] if with_plan else []) + base


def _sheet(
    book: Workbook,
    name: str,
    rows: Iterable[TaskRow],
    with_plan: bool,
    styles: tuple[Format, Format],
    tracked: bool = False,
) -> None:
    """A national portal has ~20,000 tasks, written twice (all, and per plan)."""
    header_style, cell_style = styles
    sheet = book.add_worksheet(name)
    columns = _columns(with_plan, tracked)
    for index, (_, width) in enumerate(columns):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, [title for title, _ in columns], header_style)
    count = 1
    for row in rows:
        if row.item_id:  # sub-items are rows of their own in the CSV; here they stay in the task
            continue
        for col, value in enumerate(_xlsx_cells(row, with_plan, tracked)):
            sheet.write_string(count, col, value, cell_style)  # text, never a formula
        count += 1
    sheet.autofilter(0, 0, count - 1, len(columns) - 1)


def tasks_xlsx(
    plans: Sequence[Plan],
    base_url: str,
    path: Path | BinaryIO,
    *,
    rows: PlanRows | None = None,
    tracking: Tracking | None = None,
) -> None:
    """One sheet per plan plus 全部 (all), frozen header, wrapped text, fitted widths;
    `rows`: the plans' rows if made already (`plan_rows`), else made for each sheet;
    `tracking`: adds the columns of units through groups, status and latest report.

    Written with XlsxWriter, about three times faster than openpyxl (bench/RESULTS.md)."""
    book = xlsxwriter.Workbook(
        path,
        {
            # In memory, not `constant_memory`: that keeps a temporary file open per sheet
            # until the end (3,000 plans would pass the usual limit of 1,024 open files);
            # this is also faster, and shared strings make the file half as large.
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"created": CREATED})
    styles = (book.add_format(HEADER_STYLE), book.add_format(CELL_STYLE))
    names = sheet_names(["全部", *(plan.short_title or plan.id for plan in plans)])
    tracked = tracking is not None
    all_rows = (row for each in _rows_of(plans, base_url, rows, tracking) for row in each)
    _sheet(book, names[0], all_rows, True, styles, tracked)
    for each, name in zip(_rows_of(plans, base_url, rows, tracking), names[1:], strict=True):
        _sheet(book, name, each, False, styles, tracked)
    book.close()
