"""Spreadsheets (.xlsx): every visible sheet as a table, merged ranges as `None` cells.

openpyxl reads the workbook after the archive's sizes were checked (`ooxml.Package`).  Date
cells are written as Chinese dates (2024年6月30日), whole numbers without a decimal point.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .document import Block, Extracted, ReadError, Table
from .files import Limits
from .ooxml import Package

MAX_CELLS = 2_000_000


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(path: Path, limits: Limits) -> Extracted:
    pkg = Package(path, limits, "Excel (.xlsx)")
    if "xl/workbook.xml" not in pkg.names():
        raise ReadError(f"{path}: not an Excel workbook (no xl/workbook.xml inside)")
    pkg.xml("xl/workbook.xml")  # refuses DOCTYPE declarations before openpyxl parses
    for name in pkg.names():
        if name.startswith("xl/") and name.endswith(".xml"):
            pkg.xml(name)
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:
        raise ReadError(f"{path}: cannot be read as .xlsx ({exc})") from None
    blocks: list[Block] = []
    notes: list[str] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            notes.append(f"hidden sheet skipped: {sheet.title}")
            continue
        if (sheet.max_row or 0) * (sheet.max_column or 0) > MAX_CELLS:
            raise ReadError(
                f"{path}: sheet {sheet.title} spans {sheet.max_row:,} × {sheet.max_column:,} "
                f"cells; the limit is {MAX_CELLS:,}"
            )
        covered: set[tuple[int, int]] = set()
        for rng in sheet.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        rows: list[list[str | None]] = []
        for r, row in enumerate(sheet.iter_rows(values_only=True), 1):
            cells: list[str | None] = [
                None if (r, c) in covered else _cell(v) for c, v in enumerate(row, 1)
            ]
            if any(cells):
                rows.append(cells)
        if not rows:
            continue
        width = max(i + 1 for row in rows for i, c in enumerate(row) if c)
        rows = [row[:width] for row in rows]
        if len(book.worksheets) > 1:
            blocks.append(sheet.title)
        blocks.append(Table(rows))
    return Extracted(blocks, "xlsx", notes)
