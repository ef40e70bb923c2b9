"""Load and validate a whole project (data/ + plans/) into typed, immutable records.

Stages: read + parse YAML (with positions) → validate shapes → cross-record checks.  Every
problem from every file is collected; callers decide whether errors stop the build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .checks import CheckContext, run_checks
from .duties import DutyIndex, duty_index
from .errors import Problem, errors_only, repeats
from .groups import check_groups
from .history import History
from .load import MAX_PROJECT_ALIAS_CHARS, LoadedYaml, validate_as
from .model import Plan
from .parallel_load import parsing
from .paths import Folder, special_files
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


def plan_file_paths(root: Path) -> list[Path]:
    return sorted((root / "plans").glob("*.yaml"))


def _stray_plan_files(root: Path) -> Iterator[Problem]:
    """YAML files under plans/ that are not read as plans: `*.yml`, `*.YAML`, subfolders."""
    top = root / "plans"
    for here, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            stem, dot, ext = name.rpartition(".")
            nested = here != str(top)
            if not dot or ext.lower() not in ("yaml", "yml") or (ext == "yaml" and not nested):
                continue
            path = Path(here) / name
            if nested:
                yield Problem(
                    _display(root, path),
                    1,
                    1,
                    "stray-plan-file",
                    "plan files in subfolders of plans/ are not read",
                    "move it into plans/ itself, or out of plans/ if it is not a plan",
                )
            else:
                yield Problem(
                    _display(root, path),
                    1,
                    1,
                    "stray-plan-file",
                    f"`{name}` is not read: plan files end in `.yaml`",
                    f"rename it to `{stem.lower()}.yaml`",
                )


def _unsafe_site_files(root: Path) -> Iterator[Problem]:
    """Files MkDocs would publish from docs/ and overrides/ that lead out of their folder
    or are not regular files (see `generator.paths`)."""
    for name in ("docs", "overrides"):
        for path, refused in special_files(Folder(root, name)):
            yield Problem(
                _display(root, path),
                1,
                1,
                "unsafe-file",
                f"file {refused.reason}",
                f"MkDocs publishes what {name}/ holds: only regular files inside it may be "
                "there; copy the file in instead of linking to it",
            )


_Parsed = tuple[LoadedYaml | None, Plan | None, list[Problem]]
_PLAN_CACHE: dict[Path, tuple[tuple[int, int, str], _Parsed]] = {}
"""Parsed and validated plan files by path, with the (mtime, size, display) they were read
at: `mkdocs serve` reloads the project on every rebuild, and only edited files need parsing
again.  Used when `load_project(..., cache=True)` (the MkDocs plugin)."""


def _cache_key(path: Path, display: str) -> tuple[int, int, str]:
    try:
        stat = path.stat()
    except OSError:  # a dangling symlink or a loop: reported when read, never cached
        return (-1, -1, display)
    return (stat.st_mtime_ns, stat.st_size, display)


def _validated(loaded: LoadedYaml | None, problems: list[Problem]) -> _Parsed:
    plan = None
    if loaded is not None and not errors_only(problems):
        plan, found = validate_as(loaded, Plan)
        problems = [*problems, *found]
    return (loaded, plan, problems)


@contextmanager
def _plans_parsing(
    root: Path, cache: bool, processes: int
) -> Iterator[Callable[[], list[_Parsed]]]:
    """Every plan file parsed and validated (with `cache`, unless unchanged since the last
    time): parsing starts on entry, in forked helpers for a large project
    (`generator.parallel_load`); the function yielded returns the results in file order."""
    files = [(path, _display(root, path)) for path in plan_file_paths(root)]
    if cache:
        for stale in set(_PLAN_CACHE) - {path for path, _ in files}:
            del _PLAN_CACHE[stale]
    keys = [_cache_key(path, display) for path, display in files] if cache else []
    hits = [_PLAN_CACHE.get(path) for path, _ in files] if cache else []
    todo = [i for i in range(len(files)) if not (cache and hits[i] and hits[i][0] == keys[i])]

    with parsing([files[i] for i in todo], Folder(root, "plans"), processes) as parsed:

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
    parsed_files: list[_Parsed], registry: Registry, references_usable: bool, root: Path
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
            CheckContext(
                plan, loaded, registry, ids, references_usable, plan_tasks=tasks, root=root
            )
        )
    return [plan for plan, _ in parsed], problems


def _duplicate_plan_ids(parsed: list[tuple[Plan, LoadedYaml]]) -> list[Problem]:
    return [
        loaded.problem(
            ("id",),
            "duplicate-id",
            f"plan id `{ident}` is also used by {first.path}",
            "each plan needs its own id",
        )
        for ident, first, loaded in repeats((plan.id, loaded) for plan, loaded in parsed)
    ]


def _alias_budget(files: list[LoadedYaml]) -> list[Problem]:
    """Aliases may add `MAX_PROJECT_ALIAS_CHARS` characters to the project in all (each
    file is bounded by the loader): reported at the file whose aliases add the most."""
    added = sum(file.alias_chars for file in files)
    if added <= MAX_PROJECT_ALIAS_CHARS:
        return []
    worst = max(files, key=lambda file: file.alias_chars)
    return [
        worst.problem(
            (),
            "alias-bomb",
            f"YAML aliases add {added:,} characters to the project's files in all, more than "
            f"the limit of {MAX_PROJECT_ALIAS_CHARS:,}; this file's add {worst.alias_chars:,}",
            "write repeated texts out instead of referring to anchors (&name, *name)",
        )
    ]


def load_project(
    root: Path,
    *,
    cache: bool = False,
    meanwhile: Callable[[], object] | None = None,
    processes: int = 1,
) -> tuple[Project | None, list[Problem]]:
    """Everything under `root`; `None` when an error makes the project unusable.

    `cache`: reuse plan files parsed earlier in this process when unchanged (`mkdocs serve`).
    `meanwhile`: work for this process while forked helpers parse a large project's plan
    files (the build warms up its word lists there).
    `processes`: how many processes may parse plan files (`Settings.processes`).
    """
    with _plans_parsing(
        root, cache, processes
    ) as parsed:  # in helpers meanwhile, for a large project
        registry, problems = load_registry(root / "data", display_root=root)
        problems += [*_stray_plan_files(root), *_unsafe_site_files(root)]
        if meanwhile is not None:
            meanwhile()
        parsed_files = parsed()
    if registry is None:
        return None, problems
    loaded = [file[0] for file in parsed_files] + list(registry.sources.values())
    problems += _alias_budget([file for file in loaded if file is not None])
    usable = not errors_only(problems)
    plans, found = _checked(parsed_files, registry, usable, root)
    problems += found
    plans = sorted(plans, key=lambda p: p.id)
    duties = duty_index(plans, registry)
    if usable:
        problems += check_groups(plans, registry, duties)
    if errors_only(problems):
        return None, problems
    if not plans and not plan_file_paths(root):
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
