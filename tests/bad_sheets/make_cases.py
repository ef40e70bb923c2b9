"""Regenerate the corpus of filled 进展报送表: `python tests/bad_sheets/make_cases.py`.

Each case is a copy of the form `planportal progress sheet` makes for the example project
(examples/shili), filled in and then changed the way copies come back from units through
WPS and Excel: `accepted-*` cases must import cleanly (blank rows, merged cells, reordered
columns, full-width text, numbers for ids, GBK or UTF-16 CSV); every other case has one
defect that must be stopped with a located message.  `cases/<name>.args` holds extra
command-line arguments.  Review the diff of `cases/` and `expected.yaml` after
regenerating: they are golden files (`regenerate_expected.py` rewrites the latter).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from generator.project import load_project  # noqa: E402
from generator.reports import attach_progress  # noqa: E402
from generator.reports.layout import COLUMNS, FORM_SHEET  # noqa: E402
from generator.reports.sheet import write_sheet  # noqa: E402

EXAMPLE = REPO / "examples" / "shili"
PLAN = "shili-zhiben-gongjian-2024"
BUILD = dt.date(2026, 8, 1)
HEADER = 4
COL = {c.key: n for n, c in enumerate(COLUMNS, start=1)}
CASES: dict[str, Callable[[], tuple[bytes, str, str]]] = {}


def _project():
    project, _ = load_project(EXAMPLE)
    project, _ = attach_progress(project, BUILD)
    return project


PROJECT = _project()


def form(unit: str = "jiaoyuju", items: bool = False) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    write_sheet(
        buffer,
        PROJECT,
        PROJECT.plan(PLAN),
        unit=("shili", unit),
        rnd=PROJECT.progress.round("2026-h1"),
        items=items,
    )
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def filled(unit: str = "jiaoyuju") -> openpyxl.Workbook:
    """The education bureau's form (rows 5-7: tasks 01, 06, 07), filled in correctly."""
    book = form(unit)
    sheet = book[FORM_SHEET]
    sheet["B2"] = dt.date(2026, 7, 10)
    put(
        sheet,
        6,
        status="已完成",
        completed="2026-06-20",
        summary="全市中小学安全教育覆盖率100%",
        evidence="关于中小学安全教育全覆盖的通报 示教〔2026〕12号",
    )
    put(sheet, 7, status="常态化推进", summary="参加全市综合应急演练的疏散科目")
    return book


def put(sheet, row: int, **values: object) -> None:
    for key, value in values.items():
        sheet.cell(row, COL[key]).value = value


def saved(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def case(name: str, ext: str = "xlsx", args: str = ""):
    def register(make: Callable[[], bytes]) -> Callable[[], bytes]:
        CASES[name] = lambda: (make(), ext, args)
        return make

    return register


def unprotected(book: openpyxl.Workbook):
    """A copy whose protection WPS dropped (units then change what they should not)."""
    sheet = book[FORM_SHEET]
    sheet.protection.sheet = False
    return sheet


# --- copies that must import cleanly ---------------------------------------------------------


@case("accepted-as-filled")
def _() -> bytes:
    return saved(filled())


@case("accepted-wps-blank-rows-merged-cells-reordered")
def _() -> bytes:
    book = filled()
    sheet = unprotected(book)
    sheet.insert_rows(6, 2)  # two blank rows inside the table
    sheet.insert_rows(5, 1)
    sheet.merge_cells(start_row=6, start_column=1, end_row=10, end_column=1)  # 规划编号 merged
    sheet.move_range("L4:L10", cols=8)  # 进展情况 moved to the far right
    sheet.cell(HEADER, COL["status"]).value = "进展状态（必填）"
    return saved(book)


@case("accepted-full-width-and-text-dates")
def _() -> bytes:
    book = filled()
    sheet = unprotected(book)
    put(sheet, 6, task="０６", status="已完成 ", completed="２０２６年６月２０日", date="2026/7/9")
    put(sheet, 7, status="ongoing", date="2026.7.9")
    sheet["B2"] = None
    return saved(book)


@case("accepted-excel-numbers")
def _() -> bytes:
    book = filled()
    sheet = unprotected(book)
    put(sheet, 6, task=6, completed=46193.0)  # 2026-06-20 as an Excel serial number
    put(sheet, 7, task=7)
    return saved(book)


@case("accepted-csv-gbk-from-excel", "csv", "--round 2026-h1")
def _() -> bytes:
    sheet = filled()[FORM_SHEET]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(
            ["" if v is None else (v.isoformat() if hasattr(v, "isoformat") else v) for v in row]
        )
    return buffer.getvalue().encode("gb18030")


@case("accepted-csv-utf16-tabs", "csv", "--round 2026-h1 --date 2026-07-10")
def _() -> bytes:
    sheet = filled()[FORM_SHEET]
    lines = [
        "\t".join("" if v is None else str(v) for v in row)
        for row in sheet.iter_rows(min_row=HEADER, values_only=True)
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


# --- defects -----------------------------------------------------------------------------------


@case("status-not-in-the-list")
def _() -> bytes:
    book = filled()
    put(unprotected(book), 6, status="完成")
    return saved(book)


@case("status-missing")
def _() -> bytes:
    book = filled()
    put(book[FORM_SHEET], 7, status=None)
    return saved(book)


@case("completion-date-not-a-date")
def _() -> bytes:
    book = filled()
    put(book[FORM_SHEET], 6, completed="6月底")
    return saved(book)


@case("report-dated-after-the-build")
def _() -> bytes:
    book = filled()
    book[FORM_SHEET]["B2"] = dt.date(2026, 9, 1)
    return saved(book)


@case("report-dated-before-the-plan")
def _() -> bytes:
    book = filled()
    put(book[FORM_SHEET], 7, date="2024-01-05")
    return saved(book)


@case("completion-date-without-done")
def _() -> bytes:
    book = filled()
    put(book[FORM_SHEET], 7, completed="2026-06-30")
    return saved(book)


@case("task-id-changed")
def _() -> bytes:
    book = filled()
    put(unprotected(book), 6, task="16")
    return saved(book)


@case("unit-without-duty-on-the-task")
def _() -> bytes:
    book = filled()
    put(unprotected(book), 6, unit="市公安局")
    return saved(book)


@case("unit-unknown")
def _() -> bytes:
    book = filled()
    put(unprotected(book), 7, unit="市教委")
    return saved(book)


@case("unit-is-a-group")
def _() -> bytes:
    book = filled()
    put(unprotected(book), 7, unit="市安委会各成员单位")
    return saved(book)


@case("sub-item-unknown")
def _() -> bytes:
    book = filled()
    put(unprotected(book), 5, item="3", status="推进中", summary="参与平台建设")
    return saved(book)


@case("column-twice")
def _() -> bytes:
    book = filled()
    sheet = unprotected(book)
    sheet.cell(HEADER, 17).value = "进展状态"
    sheet.cell(6, 17).value = "推进中"
    return saved(book)


@case("header-row-deleted")
def _() -> bytes:
    book = filled()
    unprotected(book).delete_rows(HEADER, 1)
    return saved(book)


@case("unknown-column-and-remarks-below")
def _() -> bytes:
    book = filled()
    sheet = unprotected(book)
    sheet.cell(HEADER, 17).value = "备注"
    sheet.cell(6, 17).value = "已报分管领导"
    sheet.cell(10, 1).value = "以上情况属实。填表人：王某"
    return saved(book)


@case("no-report-date-anywhere")
def _() -> bytes:
    book = filled()
    book[FORM_SHEET]["B2"] = None
    return saved(book)


@case("same-task-twice")
def _() -> bytes:
    book = filled()
    sheet = unprotected(book)
    for col in range(1, len(COLUMNS) + 1):
        sheet.cell(8, col).value = sheet.cell(6, col).value
    put(sheet, 8, status="推进中", completed=None)
    return saved(book)


@case("round-differs-from-the-form", args="--round 2025-h2")
def _() -> bytes:
    return saved(filled())


@case("csv-without-round", "csv")
def _() -> bytes:
    sheet = filled()[FORM_SHEET]
    lines = [
        ",".join("" if v is None else str(v) for v in row)
        for row in sheet.iter_rows(min_row=HEADER, values_only=True)
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


@case("not-a-spreadsheet")
def _() -> bytes:
    return "这不是表格，是从微信复制的文字。".encode()


@case("evidence-link-without-scheme")
def _() -> bytes:
    book = filled()
    put(book[FORM_SHEET], 6, evidence="www.example.org/shili/edu")
    return saved(book)


@case("plan-text-edited")
def _() -> bytes:
    book = filled()
    put(unprotected(book), 6, text="推进校园安全教育。2026年9月底前实现全覆盖。")
    return saved(book)


@case("plan-id-changed")
def _() -> bytes:
    book = filled()
    put(unprotected(book), 6, plan="shili-2024")
    return saved(book)


if __name__ == "__main__":
    out = HERE / "cases"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for name, make in sorted(CASES.items()):
        content, ext, args = make()
        (out / f"{name}.{ext}").write_bytes(content)
        if args:
            (out / f"{name}.args").write_text(args + "\n", encoding="utf-8")
    print(f"wrote {len(CASES)} cases")
