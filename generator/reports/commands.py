"""`planportal progress sheet` and `planportal progress import`: the spreadsheet round trip.

    planportal progress sheet <plan-id> [--unit 单位] [--round <round>] [--items] [--out FILE]
    planportal progress import FILE… [--round <round>] [--date YYYY-MM-DD] [--out DIR]

`sheet` writes the 进展报送表 of a plan (for one unit, or every unit bound to its tasks);
`import` reads filled copies back, validates every row and writes the reports of each plan
and round as progress YAML for review (by default under build/progress/, mirroring
progress/; `--out progress` merges them into the project's files in place).  Reports already
in progress/<plan>/<round>.yaml are kept, those of the same unit, task and round replaced.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..dump import SCHEMA_LINE, dump_yaml
from ..errors import Problem, did_you_mean, errors_only, format_problems, offering, repeats
from ..load import load_yaml
from ..registry import normalise
from .checks import FiledReport, ReportContext
from .load import PROGRESS_DIR, attach_progress
from .readback import Defaults, Imported, SheetProblem, import_sheets

if TYPE_CHECKING:
    from ..model import Plan
    from ..project import Project

DEFAULT_SHEETS = Path("build") / "sheets"
DEFAULT_DRAFTS = Path("build") / "progress"
PROGRESS_SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/progress.schema.json\n"


def _loaded(root: Path, build_date: dt.date, err: TextIO) -> Project | None:
    """The checked project with its reports, or None (problems printed)."""
    from ..project import load_project

    project, problems = load_project(root)
    if project is not None:
        project, found = attach_progress(project, build_date)
        problems += found
    errors = errors_only(problems)
    if errors or project is None:
        print(format_problems(errors), file=err)
        print(f"{len(errors)} error(s) in the project: run `planportal check`", file=err)
        return None
    return project


def _unit_key(project: Project, plan: Plan, name: str) -> tuple[tuple[str, str] | None, str]:
    """The unit a `--unit` value names (a name as printed, or `<region>/<id>`), or a message."""
    registry = project.registry
    region, slash, ident = name.partition("/")
    found = registry.lookup(region, ident) if slash else registry.resolve(name, plan.region)
    if found is None:
        hint = offering(registry.suggest(name, plan.region), quoted=False)
        return None, f"unknown unit {name}" + (f"; {hint}" if hint else "")
    if found.kind == "group":
        return None, f"{name} is a group: a sheet goes to one of its member units"
    key = (found.region, found.id)
    if not project.duties.of(key).tasks() or not any(
        plan_id == plan.id for plan_id, _ in project.duties.of(key).tasks()
    ):
        return None, f"{found.display} has no duty in `{plan.id}` (no task names it or its groups)"
    return key, ""


def sheet_command(
    root: Path,
    plan_id: str,
    *,
    unit: str | None,
    round_id: str | None,
    items: bool,
    out: Path | None,
    build_date: dt.date,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    from .sheet import write_sheet

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    project = _loaded(root, build_date, stderr)
    if project is None:
        return 1
    plans = {plan.id: plan for plan in project.plans}
    if plan_id not in plans:
        hint = did_you_mean(plan_id, plans)
        print(f"unknown plan `{plan_id}`" + (f" ({hint})" if hint else ""), file=stderr)
        return 1
    plan = plans[plan_id]
    key = None
    if unit:
        key, message = _unit_key(project, plan, unit)
        if key is None:
            print(message, file=stderr)
            return 1
    rnd = None
    if round_id:
        rnd = project.progress.round(round_id)
        if rnd is None:
            known = ", ".join(r.id for r in project.progress.rounds) or "none yet"
            print(
                f"unknown round `{round_id}`: add it to progress/rounds.yaml (rounds: {known})",
                file=stderr,
            )
            return 1
    name = "-".join(part for part in (plan.id, key[1] if key else "", round_id or "") if part)
    target = out or root / DEFAULT_SHEETS / f"{name}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = write_sheet(target, project, plan, unit=key, rnd=rnd, items=items)
    who = project.registry.lookup(*key).display if key else "every unit"
    print(
        f"wrote {target} ({rows} rows for {who}{f', round {round_id}' if rnd else ''})", file=stdout
    )
    return 0


# --- import -------------------------------------------------------------------------------------


def _existing(root: Path, plan_id: str, round_id: str) -> tuple[dict[str, Any], list[Problem]]:
    path = root / PROGRESS_DIR / plan_id / f"{round_id}.yaml"
    if not path.is_file():
        return {"plan": plan_id, "round": round_id, "reports": []}, []
    loaded, problems = load_yaml(path, path.relative_to(root).as_posix())
    if loaded is None or not isinstance(loaded.data, dict):
        return {}, problems or [Problem(str(path), 1, 1, "wrong-type", "not a progress file")]
    data = dict(loaded.data)
    data["reports"] = list(data.get("reports") or [])
    return data, problems


def _identity(project: Project, plan: Plan, entry: dict[str, Any]) -> tuple[str, str, str]:
    found = project.registry.resolve(str(entry.get("unit", "")), plan.region)
    unit = f"{found.region}/{found.id}" if found else normalise(str(entry.get("unit", "")))
    return (str(entry.get("task", "")), str(entry.get("item") or ""), unit)


def _as_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _typed(entry: Any) -> Any:
    """An existing report as read (dates are text to the loader) with its dates as dates, so
    that kept and imported reports are written alike."""
    if not isinstance(entry, dict):
        return entry
    out = {k: _as_date(v) if k in ("date", "completed") else v for k, v in entry.items()}
    if isinstance(out.get("evidence"), list):
        out["evidence"] = [
            {k: _as_date(v) if k == "date" else v for k, v in ev.items()}
            if isinstance(ev, dict)
            else ev
            for ev in out["evidence"]
        ]
    return out


def _merged(
    project: Project, base: dict[str, Any], filed: Sequence[FiledReport], files: str
) -> tuple[dict[str, Any], int]:
    """The file's reports with the imported ones in place of those they replace."""
    plan = project.plan(base["plan"])
    new = {
        (r.task, r.item or "", "/".join(r.unit)): r.report.model_dump(
            mode="python", exclude_defaults=True
        )
        for r in filed
    }
    kept, replaced = [], 0
    for entry in base["reports"]:
        if isinstance(entry, dict) and _identity(project, plan, entry) in new:
            replaced += 1
            continue
        kept.append(_typed(entry))
    order = {t.id: n for n, t in enumerate(plan.tasks())}
    reports = sorted(
        [*kept, *new.values()],
        key=lambda e: (order.get(str(e.get("task")), len(order)), str(e.get("item") or "")),
    )
    source = f"进展报送表导入：{files}"
    previous = base.get("source")
    doc = {
        "plan": base["plan"],
        "round": base["round"],
        "source": f"{previous}；{source}" if previous and source not in previous else source,
        **{k: v for k, v in base.items() if k not in ("plan", "round", "source", "reports")},
        "reports": reports,
    }
    return doc, replaced


def _cross_file_duplicates(imported: Imported) -> None:
    """One unit reports once on a task per round, across every file imported."""
    for key, filed in imported.reports.items():
        dropped: set[int] = set()
        for _, first, again in repeats(
            ((report.task, report.item, report.unit), i) for i, report in enumerate(filed)
        ):
            dropped.add(again)
            report = filed[again]
            imported.problems.append(
                SheetProblem(
                    report.file,
                    report.line,
                    1,
                    "duplicate-report",
                    f"{report.report.unit} reports on task `{report.task}` of `{key[0]}` "
                    f"again (also in {filed[first].file}, row {filed[first].line})",
                    "keep one copy; this row was not imported",
                    "error",
                    "",
                    f"A{report.line}",
                )
            )
        imported.reports[key] = [r for i, r in enumerate(filed) if i not in dropped]


def import_command(
    root: Path,
    files: Sequence[Path],
    *,
    round_id: str | None,
    date: dt.date | None,
    out: Path | None,
    build_date: dt.date,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    project = _loaded(root, build_date, stderr)
    if project is None:
        return 1
    missing = [f for f in files if not f.is_file()]
    if missing:
        for path in missing:
            print(f"{path}: no such file", file=stderr)
        return 1
    ctx = ReportContext(
        plans={plan.id: plan for plan in project.plans},
        registry=project.registry,
        duties=project.duties,
        rounds={rnd.id: i for i, rnd in enumerate(project.progress.rounds)},
        build_date=build_date,
    )
    shown = [(path, _shown(path)) for path in files]
    imported = import_sheets(shown, ctx, Defaults(round_id, date))
    _cross_file_duplicates(imported)
    # a form-wide date used by several rows is wrong once: said once
    unique = {p.format(): p for p in imported.problems}
    problems = sorted(unique.values(), key=lambda p: (p.file, p.sheet, p.line, p.col))
    if problems:
        print("\n".join(p.format() for p in problems), file=stderr)
    target = out or root / DEFAULT_DRAFTS
    names = "、".join(path.name for path in files)
    written, count, replaced = [], 0, 0
    for (plan_id, rnd), filed in sorted(imported.reports.items()):
        if not filed:
            continue
        base, found = _existing(root, plan_id, rnd)
        if errors_only(found):
            print(format_problems(found), file=stderr)
            return 1
        doc, n = _merged(project, base, filed, names)
        path = target / plan_id / f"{rnd}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(doc).replace(SCHEMA_LINE, PROGRESS_SCHEMA_LINE, 1), "utf-8")
        written.append(path)
        count += len(filed)
        replaced += n
    errors = [p for p in problems if p.severity == "error"]
    summary = (
        f"read {imported.rows_read} task row(s) from {imported.files} file(s): "
        f"{count} report(s) written"
        + (f" ({replaced} replace earlier ones)" if replaced else "")
        + f", {imported.blank} row(s) left blank (no report), {len(errors)} error(s), "
        f"{len(problems) - len(errors)} warning(s)"
    )
    print(summary, file=stdout)
    for path in written:
        print(f"  {path}", file=stdout)
    if written and target.resolve() != (root / PROGRESS_DIR).resolve():
        print(
            f"review, then move to {PROGRESS_DIR}/<plan>/<round>.yaml and run `planportal check`",
            file=stdout,
        )
    return 1 if errors else 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


# --- command line -------------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_parser(sub: Any) -> None:
    """`planportal progress sheet|import` (registered by generator.cli)."""
    progress = sub.add_parser(
        "progress", help="reporting rounds: progress sheets out, filled sheets back in"
    )
    commands = progress.add_subparsers(dest="progress_command", metavar="COMMAND", required=True)
    sheet = commands.add_parser("sheet", help="write the 进展报送表 (XLSX) of a plan")
    sheet.add_argument("plan", help="plan id")
    sheet.add_argument("--unit", help="the unit it goes to: name (市应急管理局) or region/id")
    sheet.add_argument("--round", dest="round_id", help="round id from progress/rounds.yaml")
    sheet.add_argument("--items", action="store_true", help="a row for each sub-item too")
    sheet.add_argument("--out", type=Path, help="file to write (default: build/sheets/…)")
    sheet.set_defaults(func=_run_sheet)
    back = commands.add_parser("import", help="read filled sheets back into progress YAML")
    back.add_argument("files", nargs="+", type=Path, help="filled .xlsx or .csv copies")
    back.add_argument("--round", dest="round_id", help="round id, when a copy lost it")
    back.add_argument("--date", type=_date, help="report date for rows and forms without one")
    back.add_argument(
        "--out",
        type=Path,
        help="directory for the YAML (default: build/progress; `progress` "
        "merges into the project's files)",
    )
    back.set_defaults(func=_run_import)


def _run_sheet(args: Any) -> int:
    from ..settings import from_command_line

    settings = from_command_line(args)  # --root, PLANPORTAL_ROOT, PLANPORTAL_BUILD_DATE …
    return sheet_command(
        settings.root,
        args.plan,
        unit=args.unit,
        round_id=args.round_id,
        items=args.items,
        out=args.out,
        build_date=settings.build_date,
    )


def _run_import(args: Any) -> int:
    from ..settings import from_command_line

    settings = from_command_line(args)
    return import_command(
        settings.root,
        args.files,
        round_id=args.round_id,
        date=args.date,
        out=args.out,
        build_date=settings.build_date,
    )
