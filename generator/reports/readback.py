"""`planportal progress import`: filled 进展报送表 (XLSX or CSV) read back into reports.

Copies come back from units through WPS and Excel, so the reader looks for what the form
means rather than where it was: the header row is found by its names (in any order, any
width, with notes such as （必填）), merged cells count for every cell they cover, blank rows
are skipped, ids typed in full width or stripped of their leading zero by Excel are read as
the plan's ids, and dates may be cells, serial numbers or text (2025-06-30, 2025/6/30,
2025年6月30日).  Every filled row is validated with the same rules as `progress/` files
(`checks.check_reports`); each problem is reported as `file:sheet!cell: message`.  Nothing a
unit typed is dropped silently: cells in unknown columns, text in rows without a task id and
sheets without the form are listed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem
from ..load import Mark, YamlPath
from .checks import FiledReport, ReportContext, check_reports
from .layout import (
    COLUMNS,
    DATE_LABEL,
    GUIDE_SHEET,
    HEADERS,
    INPUT_KEYS,
    META_SHEET,
    STATUS_LABELS,
    header_key,
    read_status,
)
from .model import ProgressFile, Report

HEADER_SCAN = 20
"""Rows searched for the header (the form has it on row 4; copies add or remove rows)."""
SHOWN = 40
"""Characters of an unimported cell quoted in its message."""
_URL = re.compile(r"https?://[^\s，,；;）)]+")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True, order=True)
class SheetProblem(Problem):
    """A problem at a cell of a spreadsheet: `file:sheet!cell: message (hint)`."""

    sheet: str = ""
    cell: str = ""

    def format(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        tag = "" if self.severity == "error" else "warning: "
        where = f"{self.sheet}!{self.cell}" if self.sheet else self.cell
        return f"{self.file}:{where}: {tag}{self.message}{hint}"


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- reading cells ---------------------------------------------------------------------------


@dataclass
class Grid:
    """The cells of one sheet (or CSV file): (row, col) → value, both 1-based."""

    file: str
    sheet: str
    """Empty for a CSV file."""
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    hidden: bool = False
    merged: set[tuple[int, int]] = field(default_factory=set)
    """Cells that hold a value only because a merged cell covers them."""

    def text(self, row: int, col: int) -> str:
        return cell_text(self.cells.get((row, col)))

    @property
    def rows(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    def problem(
        self,
        row: int,
        col: int,
        code: str,
        message: str,
        hint: str | None = None,
        severity: str = "error",
    ) -> SheetProblem:
        cell = f"{column_letter(col)}{row}"
        return SheetProblem(
            self.file,
            row,
            col,
            code,
            message,
            hint,
            severity,
            self.sheet,
            cell,  # type: ignore[arg-type]
        )


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a spurious `.0`, dates as YYYY-MM-DD, NFC, trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def read_xlsx(path: Path, shown: str) -> list[Grid]:
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    grids = []
    for sheet in book.worksheets:
        grid = Grid(shown, sheet.title, hidden=sheet.sheet_state != "visible")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and cell_text(cell.value) != "":
                    grid.cells[(cell.row, cell.column)] = cell.value
        for merged in sheet.merged_cells.ranges:  # the top-left value covers the range
            value = sheet.cell(merged.min_row, merged.min_col).value
            if value is None:
                continue
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != (merged.min_row, merged.min_col):
                        grid.cells[(r, c)] = value
                        grid.merged.add((r, c))
        grids.append(grid)
    return grids


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")  # Excel's "Unicode text"
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")  # WPS and Excel on Chinese Windows save CSV as GBK


def read_csv(path: Path, shown: str) -> list[Grid]:
    text = _decode(path.read_bytes())
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(("\t", ",", ";"), key=first.count) if first else ","
    grid = Grid(shown, "")
    for r, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        for c, value in enumerate(row, start=1):
            if value.strip():
                grid.cells[(r, c)] = value
    return [grid]


# --- one form ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """A sheet holding the form: where its header is and which column is which."""

    grid: Grid
    header_row: int
    columns: Mapping[str, int]
    """Column key → column number."""
    unknown: tuple[tuple[int, str], ...]
    """(column number, header text) of headers the form does not have."""
    form_date: tuple[str, int, int] | None
    """The form-wide 报送日期 above the table: (text, row, col)."""


def find_form(grid: Grid) -> tuple[Form | None, list[SheetProblem]]:
    for row in range(1, min(grid.rows, HEADER_SCAN) + 1):
        found: dict[str, list[int]] = {}
        unknown: list[tuple[int, str]] = []
        for (r, c), value in sorted(grid.cells.items()):
            if r != row:
                continue
            key = HEADERS.get(header_key(cell_text(value)))
            if key:
                found.setdefault(key, []).append(c)
            else:
                unknown.append((c, cell_text(value)))
        if "task" not in found or "status" not in found:
            continue
        problems = [
            grid.problem(
                row,
                cols[1],
                "duplicate-column",
                f"column `{grid.text(row, cols[0])}` appears twice "
                f"({column_letter(cols[0])} and {column_letter(cols[1])})",
                "keep one of them; nothing was imported from this sheet",
            )
            for cols in found.values()
            if len(cols) > 1
        ]
        if problems:
            return None, problems
        columns = {key: cols[0] for key, cols in found.items()}
        return Form(grid, row, columns, tuple(unknown), _form_date(grid, row)), []
    return None, []


def _form_date(grid: Grid, header_row: int) -> tuple[Any, int, int] | None:
    """The value right of the 报送日期 label above the table (the printed note excluded)."""
    for (r, c), value in sorted(grid.cells.items()):
        if r < header_row and header_key(cell_text(value)) == header_key(DATE_LABEL):
            for rr, cc in sorted(k for k in grid.cells if k[0] == r and k[1] > c):
                if not grid.text(rr, cc).startswith(("（", "(")):
                    return grid.cells[(rr, cc)], rr, cc
            return None
    return None


def parse_date(value: Any) -> dt.date | None:
    """A date from a cell: a date, an Excel serial number, or text in common forms."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    match = _DATE_TEXT.match(text) or _DATE_COMPACT.match(text)
    if match is None:
        try:
            return dt.date.fromisoformat(text[:10]) if text[10:].strip(" 0:T") == "" else None
        except ValueError:
            return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse_evidence(text: str) -> list[dict[str, str]]:
    """Evidence cells: one document per line (or per `；`): title, 文号 and link in any order."""
    out = []
    for part in re.split(r"[\n；;]+", text):
        part = part.strip()
        if not part:
            continue
        url = _URL.search(part)
        number = _DOC_NUMBER.search(part)
        rest = part
        for found in (url, number):
            if found:
                rest = rest.replace(found.group(0), " ")
        title = re.sub(r"^[\s，,、:：]+|[\s，,、:：]+$", "", rest)
        title = re.sub(r"[\s，,、]{2,}", " ", title)
        doc = re.sub(r"\s+", "", number.group(0)) if number else ""
        entry = {"title": title or doc or (url.group(0) if url else part)}
        if doc:
            entry["doc_number"] = doc
        if url:
            entry["url"] = url.group(0)
        out.append(entry)
    return out


class _Source:
    """Where the rows of a form are: the `load.Positions` of a sheet, by which
    `check_reports` places its problems in cells."""

    LINE = "row"
    """What `check_reports` calls a position in messages (a YAML file has lines)."""

    def __init__(self, form: Form, rows: list[int], dates_from: dict[int, tuple[int, int]]) -> None:
        self.form = form
        self.rows = rows
        """The sheet row of each report, by its position."""
        self.dates_from = dates_from
        """Report position → the cell its date came from (when not its own row's)."""
        self.path = form.grid.file

    def cell(self, path: YamlPath) -> tuple[int, int]:
        index = path[1] if len(path) > 1 and isinstance(path[1], int) else 0
        row = self.rows[index] if index < len(self.rows) else self.form.header_row
        name = path[2] if len(path) > 2 else "task"
        if name == "date" and index in self.dates_from:
            return self.dates_from[index]
        col = self.form.columns.get(str(name)) or self.form.columns["task"]
        return row, col

    def where(self, path: YamlPath, *, key: bool = False) -> Mark:
        row, col = self.cell(path)
        return Mark(row, col)

    def problem(
        self,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: str = "error",
    ) -> SheetProblem:
        row, col = self.cell(path)
        return self.form.grid.problem(row, col, code, message, hint, severity)


# --- the import ------------------------------------------------------------------------------


@dataclass
class Imported:
    """What the sheets gave: valid reports per (plan, round), and every problem and notice."""

    reports: dict[tuple[str, str], list[FiledReport]] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)
    rows_read: int = 0
    blank: int = 0
    """Rows of a task left without any input (no report this round)."""
    files: int = 0


@dataclass(frozen=True)
class Defaults:
    """What the command line says for values a copy may have lost."""

    round: str | None = None
    date: dt.date | None = None


def _meta(grids: list[Grid]) -> dict[str, str]:
    for grid in grids:
        if grid.sheet == META_SHEET:
            return {grid.text(r, 1): grid.text(r, 2) for r in range(1, grid.rows + 1)}
    return {}


def _unknown_cells(form: Form, last_row: int) -> Iterator[SheetProblem]:
    grid = form.grid
    known = set(form.columns.values())
    for col, header in form.unknown:
        filled = [r for (r, c) in grid.cells if c == col and r > form.header_row]
        if filled:
            yield grid.problem(
                form.header_row,
                col,
                "unknown-column",
                f"unknown column `{header}`: {len(filled)} filled cell(s) not imported",
                "put what it says into 进展情况 or 存在问题, or rename the column to one of "
                "the form's",
                severity="warning",
            )
    headerless = sorted(
        (r, c)
        for (r, c) in grid.cells
        if r > form.header_row
        and c not in known
        and c not in {col for col, _ in form.unknown}
        and r <= last_row
    )
    if headerless:
        r, c = headerless[0]
        yield grid.problem(
            r,
            c,
            "cell-without-column",
            f"{len(headerless)} filled cell(s) in columns without a header, not imported: "
            f"{_quote(grid.text(r, c))}",
            "type into the form's columns only",
            severity="warning",
        )


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:SHOWN]}{'…' if len(flat) > SHOWN else ''}”"


def _resolve_task(value: str, tasks: Mapping[str, Any]) -> str:
    """The plan's task id for a typed id: as typed, in half width, or with the leading zeros
    Excel strips from numbers (`1` → `01`) when exactly one task matches."""
    flat = unicodedata.normalize("NFKC", value).strip()
    if flat in tasks or not flat.isdigit():
        return flat
    same = [t for t in tasks if t.isdigit() and int(t) == int(flat)]
    return same[0] if len(same) == 1 else flat


def _row_values(form: Form, row: int) -> dict[str, Any]:
    return {
        key: form.grid.cells.get((row, col))
        for key, col in form.columns.items()
        if (row, col) in form.grid.cells
    }


def _evidence_problems(form: Form, row: int, text: str) -> Iterator[SheetProblem]:
    for entry in parse_evidence(text):
        if "url" not in entry and re.search(r"www\.|\.gov\.cn|\.com", entry["title"]):
            yield form.grid.problem(
                row,
                form.columns["evidence"],
                "evidence-link",
                f"{_quote(entry['title'])} looks like a link without http:// or https://: "
                "kept as the document's title",
                "write the full address (https://…) to make it a link",
                severity="warning",
            )


def _report_data(
    form: Form,
    row: int,
    values: dict[str, Any],
    ctx: ReportContext,
    plan_id: str,
    unit_name: str,
) -> tuple[dict[str, Any] | None, list[SheetProblem]]:
    grid = form.grid
    problems: list[SheetProblem] = []
    tasks = ctx.tasks.get(plan_id, {})
    data: dict[str, Any] = {
        "task": _resolve_task(cell_text(values.get("task")), tasks),
        "unit": unit_name,
    }
    item = unicodedata.normalize("NFKC", cell_text(values.get("item")))
    if item:
        data["item"] = item
    status_text = cell_text(values.get("status"))
    if not status_text:
        problems.append(
            grid.problem(
                row,
                form.columns["status"],
                "missing-status",
                "the row is filled in but has no 进展状态",
                "choose one of " + "、".join(STATUS_LABELS.values()),
            )
        )
    else:
        status = read_status(status_text)
        if status is None:
            problems.append(
                grid.problem(
                    row,
                    form.columns["status"],
                    "invalid-status",
                    f"进展状态 {_quote(status_text)} is not one of the allowed values",
                    "choose one of " + "、".join(STATUS_LABELS.values()),
                )
            )
        else:
            data["status"] = status.value
    for key in ("completed",):
        if values.get(key) is not None:
            day = parse_date(values[key])
            if day is None:
                problems.append(
                    grid.problem(
                        row,
                        form.columns[key],
                        "invalid-date",
                        f"完成日期 {_quote(cell_text(values[key]))} is not a date",
                        "write it as 2025-06-30",
                    )
                )
            else:
                data[key] = day
    for key in ("summary", "issues", "next_steps"):
        text = cell_text(values.get(key))
        if text:
            data[key] = text
    evidence = cell_text(values.get("evidence"))
    if evidence:
        data["evidence"] = parse_evidence(evidence)
        problems += _evidence_problems(form, row, evidence)
    return (None if any(p.severity == "error" for p in problems) else data), problems


def _text_changed(
    form: Form,
    row: int,
    values: dict[str, Any],
    ctx: ReportContext,
    plan_id: str,
    data: dict[str, Any] | None,
) -> list[SheetProblem]:
    """A copy whose protection was lost may come back with the plan's text edited: the plan
    keeps its own text, and the unit is told."""
    from .sheet import task_text

    task = ctx.tasks.get(plan_id, {}).get(data["task"]) if data else None
    if task is None or "text" not in values:
        return []
    item = data.get("item", "") if data else ""
    if item and item not in {i.id for i in task.items}:
        return []
    typed = "".join(cell_text(values["text"]).split())
    if typed == "".join(task_text(task, item).split()):
        return []
    return [
        form.grid.problem(
            row,
            form.columns["text"],
            "plan-text-changed",
            f"任务内容 differs from the plan's text in this copy, not imported: {_quote(typed)}",
            "the plan's text stays as published; write remarks into 进展情况 or 存在问题",
            severity="warning",
        )
    ]


def _validated(
    form: Form, rows: list[int], data: list[dict[str, Any]]
) -> tuple[list[Report], list[int], list[SheetProblem]]:
    """Reports made from the rows' data; pydantic's problems placed at their cells."""
    reports, kept, problems = [], [], []
    for row, entry in zip(rows, data, strict=True):
        try:
            reports.append(Report.model_validate(entry))
            kept.append(row)
        except ValidationError as exc:
            for err in exc.errors():
                name = str(err["loc"][0]) if err["loc"] else "task"
                col = form.columns.get(name) or form.columns["task"]
                message = err["msg"].replace("String should match pattern", "does not match")
                problems.append(
                    form.grid.problem(row, col, "invalid-value", f"`{name}`: {message}")
                )
    return reports, kept, problems


def _import_form(
    form: Form, meta: dict[str, str], ctx: ReportContext, defaults: Defaults, out: Imported
) -> None:
    grid = form.grid
    plan_meta = meta.get("plan", "")
    round_id = defaults.round or meta.get("round", "")
    if defaults.round and meta.get("round") and meta["round"] != defaults.round:
        out.problems.append(
            grid.problem(
                form.header_row,
                1,
                "round-mismatch",
                f"the form was made for round `{meta['round']}`, the command names "
                f"`{defaults.round}`",
                "import it with the round it was filled in for",
            )
        )
        return
    if not round_id:
        out.problems.append(
            grid.problem(
                form.header_row,
                1,
                "missing-round",
                "this copy does not say which round it reports on",
                "give it with --round <id> (see progress/rounds.yaml)",
            )
        )
        return
    if round_id not in ctx.rounds:
        out.problems.append(
            grid.problem(
                form.header_row,
                1,
                "unknown-round",
                f"unknown round `{round_id}`",
                "add it to progress/rounds.yaml, or give another with --round",
            )
        )
        return
    form_date = None
    if form.form_date is not None:
        value, r, c = form.form_date
        form_date = parse_date(value)
        if form_date is None:
            out.problems.append(
                grid.problem(
                    r,
                    c,
                    "invalid-date",
                    f"报送日期 {_quote(cell_text(value))} is not a date",
                    "write it as 2025-06-30",
                )
            )
            return
    last_row = grid.rows
    by_plan: dict[str, tuple[list[int], list[dict[str, Any]], dict[int, tuple[int, int]]]] = {}
    for row in range(form.header_row + 1, last_row + 1):
        values = _row_values(form, row)
        if all((row, form.columns[key]) in grid.merged for key in values):
            continue  # blank, text only in unknown columns (reported with them), or covered
            # by a merged cell only (WPS users merge the plan id down the table)
        task = cell_text(values.get("task"))
        inputs = {k: v for k, v in values.items() if k in INPUT_KEYS}
        if not task:
            if inputs or any(k in values for k in ("plan", "unit", "text")):
                first_key = next(iter(values))
                out.problems.append(
                    grid.problem(
                        row,
                        form.columns[first_key],
                        "row-without-task",
                        f"row {row} has text but no 任务编号, not imported: "
                        f"{_quote(cell_text(values[first_key]))}",
                        "fill rows of the form only; put remarks into 进展情况",
                        severity="warning",
                    )
                )
            continue
        out.rows_read += 1
        if not inputs:
            out.blank += 1
            continue
        plan_id = unicodedata.normalize("NFKC", cell_text(values.get("plan"))) or plan_meta
        if plan_id not in ctx.plans:
            col = form.columns.get("plan", form.columns["task"])
            out.problems.append(
                grid.problem(
                    row,
                    col,
                    "unknown-plan",
                    f"unknown plan `{plan_id}`" if plan_id else "the row does not name its plan",
                    "the 规划编号 column must keep the id the form was made with",
                )
            )
            continue
        unit_name = cell_text(values.get("unit"))
        if not unit_name and meta.get("unit"):
            region, _, unit_id = meta["unit"].partition("/")
            found = ctx.registry.lookup(region, unit_id)
            unit_name = found.display if found else ""
        if not unit_name:
            out.problems.append(
                grid.problem(
                    row,
                    form.columns.get("unit", form.columns["task"]),
                    "missing-unit",
                    "the row does not name the reporting unit",
                    "keep the 报送单位 column of the form",
                )
            )
            continue
        data, found = _report_data(form, row, values, ctx, plan_id, unit_name)
        out.problems += found
        out.problems += _text_changed(form, row, values, ctx, plan_id, data)
        if data is None:
            continue
        rows, entries, dates_from = by_plan.setdefault(plan_id, ([], [], {}))
        own_date = values.get("date")
        if own_date is not None:
            day = parse_date(own_date)
            if day is None:
                out.problems.append(
                    grid.problem(
                        row,
                        form.columns["date"],
                        "invalid-date",
                        f"报送日期 {_quote(cell_text(own_date))} is not a date",
                        "write it as 2025-06-30",
                    )
                )
                continue
            data["date"] = day
        elif form_date is not None:
            data["date"] = form_date
            dates_from[len(rows)] = (form.form_date[1], form.form_date[2])  # type: ignore[index]
        elif defaults.date is not None:
            data["date"] = defaults.date
        else:
            out.problems.append(
                grid.problem(
                    row,
                    form.columns.get("date", form.columns["status"]),
                    "missing-date",
                    "the row has no 报送日期, and neither has the form",
                    "fill the 报送日期 above the table, or give --date YYYY-MM-DD",
                )
            )
            continue
        rows.append(row)
        entries.append(data)
    for plan_id, (rows, entries, dates_from) in by_plan.items():
        reports, kept, problems = _validated(form, rows, entries)
        out.problems += problems
        kept_dates = {
            kept.index(rows[i]): cell for i, cell in dates_from.items() if rows[i] in kept
        }
        source = _Source(form, kept, kept_dates)
        record = ProgressFile(plan=plan_id, round=round_id, reports=tuple(reports))
        filed, found = check_reports(source, record, ctx)
        out.problems += found  # type: ignore[arg-type]
        out.reports.setdefault((plan_id, round_id), []).extend(filed)
    out.problems += _unknown_cells(form, last_row)


def import_sheets(
    files: Iterable[tuple[Path, str]], ctx: ReportContext, defaults: Defaults = Defaults()
) -> Imported:
    """Read every file (XLSX or CSV), validate every filled row; `files`: (path, shown)."""
    out = Imported()
    for path, shown in files:
        out.files += 1
        try:
            grids = (
                read_csv(path, shown) if path.suffix.lower() == ".csv" else read_xlsx(path, shown)
            )
        except Exception as exc:  # a damaged or foreign file: one plain message
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            out.problems.append(
                SheetProblem(
                    shown,
                    1,
                    1,
                    "unreadable",
                    f"cannot read the file: {reason}",
                    "save it again as .xlsx (or .csv) from WPS or Excel",
                    "error",
                    "",
                    "A1",
                )
            )
            continue
        meta = _meta(grids)
        forms, other = 0, []
        for grid in grids:
            if grid.sheet in (META_SHEET, GUIDE_SHEET):
                continue
            form, problems = find_form(grid)
            out.problems += problems
            if form is not None:
                forms += 1
                _import_form(form, meta, ctx, defaults, out)
            elif grid.cells and not problems:
                other.append(grid)
        if not forms and not any(p.file == shown for p in out.problems):
            out.problems.append(
                SheetProblem(
                    shown,
                    1,
                    1,
                    "no-form",
                    "no 进展报送表 in this file: no sheet has the columns 任务编号 and 进展状态",
                    "return the form made by `planportal progress sheet`, with its header row",
                    "error",
                    "",
                    "A1",
                )
            )
        for grid in other if forms else ():
            r, c = min(grid.cells)
            out.problems.append(
                grid.problem(
                    r,
                    c,
                    "no-form",
                    "this sheet has no 进展报送表 header: not imported",
                    "move what it says into the form's 进展情况",
                    severity="warning",
                )
            )
    return out


KNOWN_COLUMNS = tuple(c.header for c in COLUMNS)
