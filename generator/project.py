"""Load and validate a whole project (data/ + plans/) into typed, immutable records.

Stages: read + parse YAML (with positions) → validate shapes → cross-record checks.  Every
problem from every file is collected; callers decide whether errors stop the build.
"""

from __future__ import annotations

import marshal
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple, dataclass, field
from pathlib import Path

from .checks import PlanContext, run_checks
from .errors import Problem, errors_only
from .history import History
from .load import LoadedYaml, load_yaml, validate_as
from .model import Plan
from .registry import Registry, load_registry
from .runtime import worker_processes


@dataclass(frozen=True)
class Project:
    root: Path
    registry: Registry
    plans: tuple[Plan, ...]
    """Plans sorted by id."""
    history: History = field(default_factory=History)
    """Revision history of plans/ (read from git by the site build; empty for `check`)."""

    def plan(self, plan_id: str) -> Plan:
        return next(p for p in self.plans if p.id == plan_id)


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


PARALLEL_FILES = 64
"""From this many plan files to parse, a forked process parses part of them."""


def _cache_key(path: Path, display: str) -> tuple[int, int, str]:
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size, display)


def _validated(loaded: LoadedYaml | None, problems: list[Problem]) -> _Parsed:
    plan = None
    if loaded is not None and not errors_only(problems):
        plan, found = validate_as(loaded, Plan)
        problems = [*problems, *found]
    return (loaded, plan, problems)


def _parse_plans(files: list[tuple[Path, str]], cache: bool) -> list[_Parsed]:
    """Each file parsed and validated (with `cache`, unless unchanged since last time)."""
    keys = [_cache_key(path, display) for path, display in files] if cache else []
    hits = [_PLAN_CACHE.get(path) for path, _ in files] if cache else []
    todo = [i for i in range(len(files)) if not (cache and hits[i] and hits[i][0] == keys[i])]
    loaded = dict(zip(todo, _load_all([files[i] for i in todo]), strict=True))
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


def _load_all(files: list[tuple[Path, str]]) -> list[tuple[LoadedYaml | None, list[Problem]]]:
    """`load_yaml` of every file; a national portal's 500 files are parsed by two processes
    (or more: `worker_processes`), the forked ones sending their part back as plain data."""
    processes = min(worker_processes(), max(1, len(files) // PARALLEL_FILES))
    if processes == 1:
        return [load_yaml(path, display) for path, display in files]
    shares = [files[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=processes - 1, mp_context=context) as pool:
        forked = [pool.submit(_load_packed, share) for share in shares[1:]]
        parts = [[load_yaml(path, display) for path, display in shares[0]]]
        parts += [_unpacked(future.result()) for future in forked]
    out: list[tuple[LoadedYaml | None, list[Problem]]] = [None] * len(files)  # type: ignore[list-item]
    for start, part in enumerate(parts):
        out[start::processes] = part
    return out


def _load_packed(files: list[tuple[Path, str]]) -> bytes:
    """`load_yaml` of `files`, marshalled: plain data and positions are sent back ~4× faster
    than pickled (measured on 250 plan files: 0.6 s against 2.5 s)."""
    packed = []
    for path, display in files:
        loaded, problems = load_yaml(path, display)
        fields = None
        if loaded is not None:
            fields = (loaded.path, loaded.data, loaded.marks, loaded.key_marks, loaded.ambiguous)
        packed.append((fields, [astuple(problem) for problem in problems]))
    return marshal.dumps(packed)


def _unpacked(packed: bytes) -> list[tuple[LoadedYaml | None, list[Problem]]]:
    return [
        (LoadedYaml(*fields) if fields is not None else None, [Problem(*p) for p in problems])
        for fields, problems in marshal.loads(packed)
    ]


def load_plans(
    root: Path, registry: Registry, *, references_usable: bool = True, cache: bool = False
) -> tuple[list[Plan], list[Problem]]:
    """Parse, validate and check every plan file; returns the valid plans and all problems.

    With `cache`, files unchanged since the last call in this process are not parsed again
    (the cross-plan checks always run).
    """
    problems: list[Problem] = []
    parsed: list[tuple[Plan, LoadedYaml]] = []
    files = plan_files(root)
    if cache:
        for stale in set(_PLAN_CACHE) - set(files):
            del _PLAN_CACHE[stale]
    parsed_files = _parse_plans([(path, _display(root, path)) for path in files], cache)
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


def load_project(root: Path, *, cache: bool = False) -> tuple[Project | None, list[Problem]]:
    """Everything under `root`; `None` when an error makes the project unusable.

    `cache`: reuse plan files parsed earlier in this process when unchanged (`mkdocs serve`).
    """
    registry, problems = load_registry(root / "data", display_root=root)
    if registry is None:
        return None, problems
    usable = not errors_only(problems)
    plans, found = load_plans(root, registry, references_usable=usable, cache=cache)
    problems += found
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
    project = Project(root, registry, tuple(sorted(plans, key=lambda p: p.id)))
    return project, problems
