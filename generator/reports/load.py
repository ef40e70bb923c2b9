"""Reading `progress/`: the rounds and every plan's reports, validated and checked.

`load_progress(project, build_date)` reads `progress/rounds.yaml` and every
`progress/<plan-id>/<round>.yaml` with the located YAML loader (many files are parsed by
helper processes, as plan files are), validates them against the model and runs the checks;
it returns the valid reports and every problem, all at once.  A project without `progress/`
has no reports and no problems.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..load import load_yaml, validate_as
from ..parallel_load import parsing
from .checks import FiledReport, ReportContext, check_file_identity, check_reports, check_rounds
from .model import STATUS_TERMS, ProgressFile, Round, RoundsFile

if TYPE_CHECKING:
    from ..project import Project

PROGRESS_DIR = "progress"
ROUNDS_FILE = "rounds.yaml"


@dataclass(frozen=True, eq=False)
class Progress:
    """The valid reports of a project, oldest first, and its rounds in order."""

    rounds: tuple[Round, ...] = ()
    reports: tuple[FiledReport, ...] = ()
    """Every valid report, oldest first (`FiledReport.sort_key`)."""
    files: tuple[str, ...] = field(default=())
    """Display paths of the report files read."""

    def round(self, round_id: str) -> Round | None:
        return self._rounds.get(round_id)

    def for_task(self, plan_id: str, task_id: str) -> tuple[FiledReport, ...]:
        """Reports on the task and on its sub-items, oldest first."""
        return self._by_task.get((plan_id, task_id), ())

    def for_plan(self, plan_id: str) -> tuple[FiledReport, ...]:
        return self._by_plan.get(plan_id, ())

    def in_round(self, round_id: str) -> tuple[FiledReport, ...]:
        return self._by_round.get(round_id, ())

    @cached_property
    def _rounds(self) -> Mapping[str, Round]:
        return {r.id: r for r in self.rounds}

    @cached_property
    def _by_task(self) -> Mapping[tuple[str, str], tuple[FiledReport, ...]]:
        return _grouped(self.reports, lambda r: (r.plan, r.task))

    @cached_property
    def _by_plan(self) -> Mapping[str, tuple[FiledReport, ...]]:
        return _grouped(self.reports, lambda r: r.plan)

    @cached_property
    def _by_round(self) -> Mapping[str, tuple[FiledReport, ...]]:
        return _grouped(self.reports, lambda r: r.round)


def _grouped(reports: tuple[FiledReport, ...], key: Any) -> dict[Any, tuple[FiledReport, ...]]:
    out: dict[Any, list[FiledReport]] = {}
    for report in reports:
        out.setdefault(key(report), []).append(report)
    return {k: tuple(v) for k, v in out.items()}


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _load_rounds(root: Path, base: Path) -> tuple[tuple[Round, ...], list[Problem]]:
    path = base / ROUNDS_FILE
    shown = _display(root, path)
    if not path.is_file():
        return (), [
            Problem(
                shown,
                1,
                1,
                "missing-file",
                "progress/rounds.yaml is missing",
                "list the reporting rounds there (id, name, due), oldest first",
            )
        ]
    loaded, problems = load_yaml(path, shown)
    if loaded is None or any(p.severity == "error" for p in problems):
        return (), problems
    record, found = validate_as(loaded, RoundsFile)
    problems += found
    if record is None:
        return (), problems
    return record.rounds, problems + check_rounds(loaded, record.rounds)


def report_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """`progress/<plan>/<round>.yaml` files, and a problem for each YAML file elsewhere."""
    base = root / PROGRESS_DIR
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(base.rglob("*.yaml")):
        depth = len(path.relative_to(base).parts)
        if depth == 2:
            files.append(path)
        elif not (depth == 1 and path.name == ROUNDS_FILE):
            problems.append(
                Problem(
                    _display(root, path),
                    1,
                    1,
                    "progress-place",
                    "progress files go in progress/<plan-id>/<round>.yaml",
                    "move the file, or remove it",
                )
            )
    return files, problems


def load_progress(project: Project, build_date: dt.date) -> tuple[Progress, list[Problem]]:
    """The reports of `project` (a checked `generator.project.Project`), checked against its
    plans and units and against `build_date`; every problem located."""
    root: Path = project.root
    base = root / PROGRESS_DIR
    if not base.is_dir():
        return Progress(), []
    rounds, problems = _load_rounds(root, base)
    files, misplaced = report_files(root)
    problems += misplaced
    ctx = ReportContext(
        plans={plan.id: plan for plan in project.plans},
        registry=project.registry,
        duties=project.duties,
        rounds={rnd.id: i for i, rnd in enumerate(rounds)},
        build_date=build_date,
    )
    filed: list[FiledReport] = []
    shown = [(path, _display(root, path)) for path in files]
    with parsing(shown) as parsed:
        results = parsed()
    for (path, _), (loaded, found) in zip(shown, results, strict=True):
        problems += found
        if loaded is None or any(p.severity == "error" for p in found):
            continue
        record, invalid = validate_as(loaded, ProgressFile)
        problems += _status_hints(loaded, invalid)
        if record is None:
            continue
        where = check_file_identity(loaded, record, ctx, path.parent.name, path.stem)
        problems += where
        if where:
            continue
        good, found = check_reports(loaded, record, ctx)
        filed += good
        problems += found
    filed.sort(key=lambda r: r.sort_key)
    return Progress(rounds, tuple(filed), tuple(d for _, d in shown)), problems


def _status_hints(loaded: Any, problems: list[Problem]) -> list[Problem]:
    """A status written as its Chinese label (已完成) or English name gets the id to write."""
    from .layout import read_status

    reports = loaded.data.get("reports") if isinstance(loaded.data, dict) else None
    if not isinstance(reports, list):
        return problems
    better: dict[tuple[int, int], str] = {}
    for i, entry in enumerate(reports):
        raw = entry.get("status") if isinstance(entry, dict) else None
        status = read_status(raw) if isinstance(raw, str) else None
        if status is not None and status.value != raw:
            better[tuple(loaded.where(("reports", i, "status")))] = (
                f"write `status: {status.value}` ({STATUS_TERMS[status][0]})"
            )
    return [
        dataclasses.replace(p, hint=better[(p.line, p.col)])
        if p.code == "invalid-value" and (p.line, p.col) in better
        else p
        for p in problems
    ]


def attach_progress(project: Project, build_date: dt.date) -> tuple[Project, list[Problem]]:
    """`project` with its reports (`Project.progress`) loaded and checked as of `build_date`,
    and the problems found."""
    progress, problems = load_progress(project, build_date)
    attached = dataclasses.replace(project, progress=progress)
    attached.__dict__.setdefault("duties", project.duties)  # the same plans: computed once
    return attached, problems
