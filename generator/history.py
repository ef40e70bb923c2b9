"""Revision history of plans from git: task-level diffs, redlines, removed-task tombstones.

Works outside a git checkout (empty history with a note) and in shallow clones (history
from the oldest commit present, with a note). Revisions whose plan file did not validate
are listed but not diffed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import errors_only
from .load import parse_yaml, validate_as
from .model import Item, Plan, Task

SEP = "\x1f"


@dataclass(frozen=True)
class Redline:
    """A character-level diff: runs of (op, text) with op in `=`, `+`, `-`."""

    runs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FieldChange:
    name: str
    """`text`, `title`, `no`, `lead`, `support`, `responsible`, `local`, `deadlines`, …"""
    old: str
    new: str
    redline: Redline | None = None


@dataclass(frozen=True)
class TaskChange:
    task_id: str
    item_id: str
    """Empty for a change to the task itself."""
    kind: str
    """`added`, `removed` or `modified`."""
    no: str
    title: str
    changes: tuple[FieldChange, ...] = ()
    items: tuple[str, ...] = ()
    """For a removed task: its item ids (their anchors need notices too)."""


@dataclass(frozen=True)
class PlanDiff:
    plan_id: str
    title: str
    status: str
    """`added`, `removed`, `modified`, or `invalid` (the revision did not validate)."""
    tasks: tuple[TaskChange, ...] = ()

    def units_touched(self) -> set[str]:
        """Unit names (as printed) whose tasks or assignments changed in this diff."""
        names: set[str] = set()
        for change in self.tasks:
            for fc in change.changes:
                if fc.name in ("lead", "support", "responsible", "local", "units"):
                    names.update(n for n in (fc.old + "、" + fc.new).split("、") if n)
        return names


@dataclass(frozen=True)
class Revision:
    commit: str
    date: dt.datetime
    author: str
    subject: str
    plans: tuple[PlanDiff, ...]

    @property
    def short(self) -> str:
        return self.commit[:8]


@dataclass(frozen=True)
class Tombstone:
    """A task (or item) that existed in an earlier revision and is gone now."""

    plan_id: str
    task_id: str
    item_id: str
    no: str
    title: str
    removed_in: str
    removed_on: dt.date


@dataclass(frozen=True)
class History:
    revisions: tuple[Revision, ...] = ()
    """Newest first."""
    note: str | None = None
    tombstones: tuple[Tombstone, ...] = field(default=())

    def for_plan(self, plan_id: str) -> list[tuple[Revision, PlanDiff]]:
        return [
            (rev, diff) for rev in self.revisions for diff in rev.plans if diff.plan_id == plan_id
        ]


# --- git access -------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _plan_at(root: Path, commit: str, path: str) -> Plan | None:
    text = _git(root, "show", f"{commit}:{path}")
    if text is None:
        return None
    loaded, problems = parse_yaml(text, path)
    if loaded is None or errors_only(problems):
        return None
    plan, _ = validate_as(loaded, Plan)
    return plan


# --- diffs ----------------------------------------------------------------------------------


def redline(old: str, new: str) -> Redline:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("=", old[a1:a2]))
            continue
        if a2 > a1:
            runs.append(("-", old[a1:a2]))
        if b2 > b1:
            runs.append(("+", new[b1:b2]))
    return Redline(tuple(runs))


def _joined(values: Iterable[str]) -> str:
    return "、".join(values)


def _task_fields(task: Task) -> dict[str, str]:
    resp = task.responsibility
    return {
        "no": task.no,
        "title": task.title or "",
        "text": task.text + (task.closing or ""),
        "lead": _joined(resp.lead),
        "support": _joined(resp.support),
        "responsible": _joined(resp.responsible),
        "local": _joined(resp.local),
        "deadlines": "；".join(f"{d.date}（{d.phrase}）" for d in task.deadlines),
        "topics": _joined(task.topics),
    }


def _field_changes(old: dict[str, str], new: dict[str, str]) -> tuple[FieldChange, ...]:
    out = []
    for name, before in old.items():
        after = new[name]
        if before != after:
            red = redline(before, after) if name in ("text", "title") else None
            out.append(FieldChange(name, before, after, red))
    return tuple(out)


def _item_changes(old: Task, new: Task) -> list[TaskChange]:
    before = {item.id: item for item in old.items}
    after = {item.id: item for item in new.items}
    out = []
    for item in new.items:
        if item.id not in before:
            out.append(TaskChange(new.id, item.id, "added", item.no, item.text[:40]))
    for item in old.items:
        if item.id not in after:
            out.append(TaskChange(old.id, item.id, "removed", item.no, item.text[:40]))
            continue
        changes = _field_changes(_item_fields(item), _item_fields(after[item.id]))
        if changes:
            out.append(TaskChange(new.id, item.id, "modified", after[item.id].no, "", changes))
    return out


def _item_fields(item: Item) -> dict[str, str]:
    return {"no": item.no, "text": item.text}


def diff_plans(old: Plan | None, new: Plan | None) -> tuple[TaskChange, ...]:
    """Task- and item-level changes from `old` to `new` (either may be absent)."""
    before = {t.id: t for t in old.tasks()} if old else {}
    after = {t.id: t for t in new.tasks()} if new else {}
    out: list[TaskChange] = []
    for task in after.values():
        if task.id not in before:
            out.append(TaskChange(task.id, "", "added", task.no, task.title or task.text[:40]))
    for task in before.values():
        if task.id not in after:
            gone = TaskChange(
                task.id,
                "",
                "removed",
                task.no,
                task.title or task.text[:40],
                items=tuple(item.id for item in task.items),
            )
            out.append(gone)
            continue
        now = after[task.id]
        changes = _field_changes(_task_fields(task), _task_fields(now))
        if changes:
            out.append(
                TaskChange(now.id, "", "modified", now.no, now.title or now.text[:40], changes)
            )
        out.extend(_item_changes(task, now))
    return tuple(out)


# --- reading the log -------------------------------------------------------------------------


def _commits(root: Path) -> list[tuple[str, str, str, str]] | None:
    log = _git(root, "log", f"--format=%H{SEP}%aI{SEP}%an{SEP}%s", "--", "plans")
    if log is None:
        return None
    return [tuple(line.split(SEP, 3)) for line in log.splitlines() if line]  # type: ignore[misc]


def _changed_plan_files(root: Path, commit: str) -> list[tuple[str, str]]:
    """(status, path) of plan files changed by `commit` (root commits included)."""
    out = (
        _git(
            root,
            "diff-tree",
            "--root",
            "--no-commit-id",
            "-r",
            "--name-status",
            "-M",
            commit,
            "--",
            "plans",
        )
        or ""
    )
    result = []
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[-1].endswith(".yaml"):
            result.append((parts[0][0], parts[-1]))
    return result


def _revision(root: Path, commit: str, when: str, author: str, subject: str) -> Revision:
    diffs = []
    for status, path in _changed_plan_files(root, commit):
        new = None if status == "D" else _plan_at(root, commit, path)
        old = None if status == "A" else _plan_at(root, f"{commit}^", path)
        plan_id = Path(path).stem
        title = (new or old).title if (new or old) else plan_id
        if status != "D" and new is None:
            diffs.append(PlanDiff(plan_id, title, "invalid"))
            continue
        kind = {"A": "added", "D": "removed"}.get(status, "modified")
        diffs.append(PlanDiff(plan_id, title, kind, diff_plans(old, new)))
    return Revision(commit, dt.datetime.fromisoformat(when), author, subject, tuple(diffs))


def read_history(root: Path, current: Iterable[Plan] = ()) -> History:
    """History of `root/plans`, newest first; tombstones for tasks missing from `current`."""
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return History(note="not built from a git checkout: no revision history available")
    commits = _commits(root)
    if commits is None:
        return History(note="git history could not be read")
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    note = (
        (
            "shallow clone: history shows only the commits present (fetch with depth 0 for "
            "the full record)"
        )
        if shallow
        else None
    )
    revisions = tuple(_revision(root, *c) for c in commits)
    return History(revisions, note, _tombstones(revisions, current))


def _tombstones(revisions: tuple[Revision, ...], current: Iterable[Plan]) -> tuple[Tombstone, ...]:
    alive = {(plan.id, task.id) for plan in current for task in plan.tasks()}
    alive_items = {
        (plan.id, task.id, item.id)
        for plan in current
        for task in plan.tasks()
        for item in task.items
    }
    seen: dict[tuple[str, str, str], Tombstone] = {}
    for rev in revisions:  # newest first: the first removal seen is the latest one
        for diff in rev.plans:
            for change in diff.tasks:
                if change.kind != "removed":
                    continue
                keys = [(diff.plan_id, change.task_id, change.item_id)]
                keys += [(diff.plan_id, change.task_id, item) for item in change.items]
                for key in keys:
                    gone = (key not in alive_items) if key[2] else (key[:2] not in alive)
                    if gone and key not in seen:
                        seen[key] = Tombstone(
                            diff.plan_id,
                            key[1],
                            key[2],
                            change.no,
                            change.title,
                            rev.commit,
                            rev.date.date(),
                        )
    return tuple(seen.values())
