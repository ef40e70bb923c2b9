"""Load and validate a whole project (data/ + plans/) into typed, immutable records.

Stages: read + parse YAML (with positions) → validate shapes → cross-record checks.  Every
problem from every file is collected; callers decide whether errors stop the build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .checks import PlanContext, run_checks
from .duties import DutyIndex, duty_index
from .errors import Problem, errors_only
from .groups import check_groups
from .history import History
from .load import LoadedYaml, validate_as
from .model import Plan
from .parallel_load import parsing
from .registry import Registry, load_registry
from .reports.load import Progress


@dataclass(frozen=True)
class Project:
    root: Path
    registry: Registry
    plans: tuple[Plan, ...]
    """Plans sorted by id."""
    history: History = field(default_factory=History)
    """Revision history of plans/ (read from git by the site build; empty for `check`)."""
    progress: Progress = field(default_factory=Progress)
    """Progress reports of progress/ (`generator.reports.attach_progress`; empty until then)."""

    def plan(self, plan_id: str) -> Plan:
        return next(p for p in self.plans if p.id == plan_id)

    @cached_property
    def duties(self) -> DutyIndex:
        """Every task that binds each unit and group, directly or through a group."""
        return duty_index(self.plans, self.registry)


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def plan_files(root: Path) -> list[Path]:
    return sorted((root / "plans").glob("*.yaml"))


_Parsed = tuple[LoadedYaml | None, Plan | None, list[Problem]]
_PLAN_CACHE: dict[Path, tuple[tuple[int, int, str], _Parsed]] = {}
"""Parsed and validated plan files by path, with the (mtime, size, display) they were read
at: `mkdocs serve` reloads the project on every rebuild, and only edited files need parsing
again.  Used when `load_project(..., cache=True)` (the MkDocs plugin)."""


def _cache_key(path: Path, display: str) -> tuple[int, int, str]:
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size, display)


def _validated(loaded: LoadedYaml | None, problems: list[Problem]) -> _Parsed:
    plan = None
    if loaded is not None and not errors_only(problems):
        plan, found = validate_as(loaded, Plan)
        problems = [*problems, *found]
    return (loaded, plan, problems)


@contextmanager
def _plans_parsing(root: Path, cache: bool) -> Iterator[Callable[[], list[_Parsed]]]:
    """Every plan file parsed and validated (with `cache`, unless unchanged since the last
    time): parsing starts on entry, in forked helpers for a large project
    (`generator.parallel_load`); the function yielded returns the results in file order."""
    files = [(path, _display(root, path)) for path in plan_files(root)]
    if cache:
        for stale in set(_PLAN_CACHE) - {path for path, _ in files}:
            del _PLAN_CACHE[stale]
    keys = [_cache_key(path, display) for path, display in files] if cache else []
    hits = [_PLAN_CACHE.get(path) for path, _ in files] if cache else []
    todo = [i for i in range(len(files)) if not (cache and hits[i] and hits[i][0] == keys[i])]

    with parsing([files[i] for i in todo]) as parsed:

        def finish() -> list[_Parsed]:
            loaded = dict(zip(todo, parsed(), strict=True))
            out: list[_Parsed] = []
            for i, (path, _) in enumerate(files):
                if i not in loaded:
                    out.append(hits[i][1])  # type: ignore[index]
                    continue
                result = _validated(*loaded[i])
                if cache:
                    _PLAN_CACHE[path] = (keys[i], result)
                out.append(result)
            return out

        yield finish


def _checked(
    parsed_files: list[_Parsed], registry: Registry, references_usable: bool
) -> tuple[list[Plan], list[Problem]]:
    """The valid plans of `parsed_files` and every problem, after the cross-plan checks."""
    problems: list[Problem] = []
    parsed: list[tuple[Plan, LoadedYaml]] = []
    for loaded, plan, found in parsed_files:
        problems += found
        if loaded is not None and plan is not None:
            parsed.append((plan, loaded))
    problems += _duplicate_plan_ids(parsed)
    ids = frozenset(plan.id for plan, _ in parsed)
    tasks = {plan.id: frozenset(t.id for t in plan.tasks()) for plan, _ in parsed}
    for plan, loaded in parsed:
        problems += run_checks(
            PlanContext(plan, loaded, registry, ids, references_usable, plan_tasks=tasks)
        )
    return [plan for plan, _ in parsed], problems


def _duplicate_plan_ids(parsed: list[tuple[Plan, LoadedYaml]]) -> list[Problem]:
    seen: dict[str, str] = {}
    out = []
    for plan, loaded in parsed:
        if plan.id in seen:
            out.append(
                loaded.problem(
                    ("id",),
                    "duplicate-id",
                    f"plan id `{plan.id}` is also used by {seen[plan.id]}",
                    "each plan needs its own id",
                )
            )
        seen.setdefault(plan.id, loaded.path)
    return out


def load_project(
    root: Path, *, cache: bool = False, meanwhile: Callable[[], object] | None = None
) -> tuple[Project | None, list[Problem]]:
    """Everything under `root`; `None` when an error makes the project unusable.

    `cache`: reuse plan files parsed earlier in this process when unchanged (`mkdocs serve`).
    `meanwhile`: work for this process while forked helpers parse a large project's plan
    files (the build warms up its word lists there).
    """
    with _plans_parsing(root, cache) as parsed:  # in helpers meanwhile, for a large project
        registry, problems = load_registry(root / "data", display_root=root)
        if meanwhile is not None:
            meanwhile()
        parsed_files = parsed()
    if registry is None:
        return None, problems
    usable = not errors_only(problems)
    plans, found = _checked(parsed_files, registry, usable)
    problems += found
    plans = sorted(plans, key=lambda p: p.id)
    duties = duty_index(plans, registry)
    if usable:
        problems += check_groups(plans, registry, duties)
    if errors_only(problems):
        return None, problems
    if not plans and not plan_files(root):
        problems.append(
            Problem(
                "plans",
                1,
                1,
                "no-plans",
                "no plan files found in plans/",
                "create one with `planportal import` or `planportal new`",
            )
        )
        return None, problems
    project = Project(root, registry, tuple(plans))
    project.__dict__["duties"] = duties  # computed above for the checks: the cached value
    return project, problems
