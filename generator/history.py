"""Revision history of plans from git: task-level diffs, redlines, removed-task tombstones.

Works outside a git checkout (empty history with a note) and in shallow clones (history
from the oldest commit present, with a note). One `git log` lists every change to
`plans/*.yaml`; one `git cat-file` process reads the files' old revisions, each once, with
the loader's own checks (size before reading, encoding, YAML, nesting, aliases, model). An
old revision that cannot be read or does not validate is listed as such, with a warning
naming the commit and the file (`History.problems`): history never stops a build, the
current files are what `planportal check` judges.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import subprocess
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

from .errors import Problem, errors_only
from .load import MAX_FILE_BYTES, decode_text, parse_yaml, validate_as
from .model import Item, Plan, Task
from .paths import mib

SEP = "\x1f"
GIT_TIMEOUT = 120
"""Seconds `git log` may take (a history of thousands of commits takes a few)."""
NO_BLOB = "0" * 40
_PLAN_FILE = re.compile(r"plans/[^/]+\.yaml")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""Characters git metadata (authors, subjects) may hold but feeds and pages must not."""


@dataclass(frozen=True)
class Redline:
    """A character-level diff: runs of (op, text) with op in `=`, `+`, `-`."""

    runs: tuple[tuple[str, str], ...]
    coarse: bool = False
    """Part of the texts was too long to compare character by character (or clause by
    clause): it is shown as deleted and inserted whole."""


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
    """`added`, `removed`, `modified`, `invalid` (the revision did not validate) or
    `unreadable` (it could not be read: encoding, YAML, size …)."""
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
    problems: tuple[Problem, ...] = ()
    """Warnings: old revisions that could not be read or did not validate, each named
    `<commit>:<path>` (git's own notation) at the place of the first problem."""

    def for_plan(self, plan_id: str) -> list[tuple[Revision, PlanDiff]]:
        return [
            (rev, diff) for rev in self.revisions for diff in rev.plans if diff.plan_id == plan_id
        ]


# --- git access -------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str | None:
    """Output of a git command (UTF-8, anything undecodable replaced), None on failure."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


class _Read(NamedTuple):
    """One revision of a plan file as read: the plan, or why not."""

    plan: Plan | None
    status: str = ""
    """`unreadable` or `invalid` when `plan` is None."""
    problem: Problem | None = None
    """The first problem found (its place is in that revision of the file)."""


class _Blobs:
    """Plan files' revisions by blob id, read through one `git cat-file --batch` process
    and parsed once each (a file's revision is the old side of the next change too)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process: subprocess.Popen[bytes] | None = None
        self.read: dict[str, _Read] = {}

    def __enter__(self) -> _Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait()

    def plan(self, blob: str, mode: str, path: str) -> tuple[_Read, bool]:
        """The revision `blob` of `path`; whether it was read just now (the first time)."""
        if blob in self.read:
            return self.read[blob], False
        if mode not in ("100644", "100755"):
            kind = "a symbolic link" if mode == "120000" else f"not a file (mode {mode})"
            found = _refused(path, 1, 1, f"the file is {kind} in git")
        else:
            raw = self._content(blob)
            found = _refused(path, 1, 1, raw) if isinstance(raw, str) else _parsed(raw, path)
        self.read[blob] = found
        return found, True

    def _content(self, blob: str) -> bytes | str:
        """The blob's bytes, or why not; one larger than a file may be is not kept."""
        if self.process is None:
            self.process = subprocess.Popen(
                ["git", "-C", str(self.root), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(blob.encode() + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return "git could not read it"
        size = int(header[2])
        if size > MAX_FILE_BYTES:
            _skip(stdout, size + 1)
            return f"file is {mib(size)}; the limit is {MAX_FILE_BYTES // 1048576} MiB"
        content = stdout.read(size)
        stdout.read(1)  # the newline after each blob
        return content


def _skip(stream: IO[bytes], count: int) -> None:
    while count > 0:
        count -= len(stream.read(min(count, 1 << 20)) or b"x" * count)


def _refused(path: str, line: int, col: int, message: str) -> _Read:
    return _Read(None, "unreadable", Problem(path, line, col, "unreadable-revision", message))


def _parsed(raw: bytes, path: str) -> _Read:
    """The plan in `raw`, through the loader's checks (as `planportal check` reads files)."""
    text, problems = decode_text(raw, path)
    loaded = None
    if text is not None:
        loaded, problems = parse_yaml(text, path)
    errors = errors_only(problems)
    if loaded is None or errors:
        return _Read(None, "unreadable", errors[0] if errors else None)
    plan, problems = validate_as(loaded, Plan)
    if plan is None:
        return _Read(None, "invalid", problems[0] if problems else None)
    return _Read(plan)


def _warning(read: _Read, commit: str, path: str) -> Problem:
    """The warning for a revision of `path` at `commit` that could not be used."""
    first = read.problem or Problem(path, 1, 1, "", "unknown problem")
    unreadable = read.status == "unreadable"
    listed = "an unreadable revision" if unreadable else "a revision that did not validate"
    return Problem(
        f"{commit[:8]}:{path}",
        first.line,
        first.col,
        f"{read.status}-revision",
        f"this old revision {'cannot be read' if unreadable else 'does not validate'}: "
        f"{first.message}",
        f"the history lists it as {listed}; nothing to fix, later revisions are read as usual",
        "warning",
    )


# --- diffs ----------------------------------------------------------------------------------


REDLINE_BUDGET = 2_000_000
"""Steps of difflib's search for matches one redline may take (each step one candidate
pair of equal elements). Its cost is quadratic for a long repetitive text: one commit
changing a long text slowed every later build tenfold (bench/RESULTS.md).
Beyond the budget a text is compared clause by clause, and what is still beyond it is shown
deleted and inserted whole (`Redline.coarse`)."""
_CLAUSE = re.compile(r"[^。；！？，;!?,\n]*(?:[。；！？，;!?,\n]|$)")


def redline(old: str, new: str) -> Redline:
    """Runs from `old` to `new`: the common start and end as they are, the middle by
    character within `REDLINE_BUDGET` (else by clause, else whole: `Redline.coarse`)."""
    start = _common_prefix(old, new)
    end = _common_prefix(old[start:][::-1], new[start:][::-1])
    budget = _Budget(REDLINE_BUDGET)
    runs = [
        ("=", old[:start]),
        *_compared(old[start : len(old) - end], new[start : len(new) - end], budget),
        ("=", old[len(old) - end :]),
    ]
    return Redline(_merged(runs), budget.exceeded)


class _Budget:
    def __init__(self, steps: int) -> None:
        self.left, self.exceeded = steps, False


class _OverBudget(Exception):
    pass


class _BoundedMatcher(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """difflib's matcher (no autojunk), stopped when its search would exceed the budget:
    each search of `a[alo:ahi]` against `b` walks at most `(ahi - alo) × k` candidates,
    `k` the count of `b`'s most frequent element, and is charged that before it runs."""

    def __init__(self, a: Sequence[str], b: Sequence[str], budget: _Budget) -> None:
        self.budget = budget
        super().__init__(None, a, b, autojunk=False)
        self.most = max(Counter(b).values(), default=0) + 1

    def fits(self) -> bool:
        """Whether the first search (of everything, the costliest) fits the budget left."""
        return len(self.a) * self.most + len(self.b) <= self.budget.left

    def bounded_opcodes(self) -> list[tuple[str, int, int, int, int]] | None:
        """`get_opcodes()`, or None when the budget does not allow them (what was
        searched until then is spent)."""
        if not self.fits():
            return None
        try:
            return self.get_opcodes()
        except _OverBudget:
            return None

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> difflib.Match:
        ahi = len(self.a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        self.budget.left -= (ahi - alo) * self.most + (bhi - blo)
        if self.budget.left < 0:
            raise _OverBudget
        return super().find_longest_match(alo, ahi, blo, bhi)


def _compared(a: str, b: str, budget: _Budget) -> list[tuple[str, str]]:
    if not a or not b:
        return [("-", a), ("+", b)]
    runs = _by_character(a, b, budget)
    if runs is not None:
        return runs
    clauses_a, clauses_b = _CLAUSE.findall(a), _CLAUSE.findall(b)
    if len(clauses_a) > 1 or len(clauses_b) > 1:
        opcodes = _BoundedMatcher(clauses_a, clauses_b, budget).bounded_opcodes() or []
        runs = []
        for op, a1, a2, b1, b2 in opcodes:
            old, new = "".join(clauses_a[a1:a2]), "".join(clauses_b[b1:b2])
            if op == "equal":
                runs.append(("=", old))
            else:
                runs += _by_character(old, new, budget) or _whole(old, new, budget)
        if opcodes:
            return runs
    return _whole(a, b, budget)


def _by_character(a: str, b: str, budget: _Budget) -> list[tuple[str, str]] | None:
    """Character-level runs from `a` to `b`, or None when beyond what is left of `budget`."""
    if not a or not b:
        return [("-", a), ("+", b)]
    opcodes = _BoundedMatcher(a, b, budget).bounded_opcodes()
    if opcodes is None:
        return None
    runs: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in opcodes:
        if op == "equal":
            runs.append(("=", a[a1:a2]))
        else:
            runs += [("-", a[a1:a2]), ("+", b[b1:b2])]
    return runs


def _whole(a: str, b: str, budget: _Budget) -> list[tuple[str, str]]:
    budget.exceeded = True
    return [("-", a), ("+", b)]


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start of `a` and `b` (found by halves: C-speed comparisons)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _merged(runs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """`runs` without empty ones, neighbours of one kind joined."""
    out: list[tuple[str, str]] = []
    for op, text in runs:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return tuple(out)


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


class _Change(NamedTuple):
    """One plan file changed by one commit (`git log --raw`)."""

    status: str
    """`A`, `D`, `M` or `R` (renamed, perhaps edited)."""
    old: tuple[str, str, str]
    """(mode, blob, path) before; the blob is all zeros for an added file."""
    new: tuple[str, str, str]
    """(mode, blob, path) after; the blob is all zeros for a deleted file."""


class _Commit(NamedTuple):
    commit: str
    when: str
    author: str
    subject: str
    changes: tuple[_Change, ...]


def _log(root: Path) -> list[_Commit] | None:
    """Commits that change plans/, newest first, each with its plan files' changes."""
    out = _git(
        root,
        "log",
        "--raw",
        "-z",
        "--no-abbrev",
        "-M",
        f"--format=%x1e%H{SEP}%aI{SEP}%an{SEP}%s",
        "--",
        "plans",
    )
    if out is None:
        return None
    commits: list[_Commit] = []
    tokens = out.split("\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if token.startswith("\x1e"):
            commit, when, author, subject = [*token[1:].split(SEP, 3), "", "", ""][:4]
            commits.append(_Commit(commit, when, _clean(author), _clean(subject), ()))
        elif token.startswith(":") and commits:
            modes_and_blobs, _, status = token[1:].rpartition(" ")
            old_mode, new_mode, old_blob, new_blob = modes_and_blobs.split(" ")
            paths = tokens[i : i + (2 if status[:1] in "RC" else 1)]
            i += len(paths)
            change = _Change(
                status[:1], (old_mode, old_blob, paths[0]), (new_mode, new_blob, paths[-1])
            )
            if status[:1] in "AMDR" and any(_PLAN_FILE.fullmatch(p) for p in paths):
                last = commits[-1]
                commits[-1] = last._replace(changes=(*last.changes, change))
    return commits


def _clean(text: str) -> str:
    """Git metadata as pages and feeds may print it (no control or bidi characters)."""
    return _UNSAFE.sub("", text)


def _revision(commit: _Commit, blobs: _Blobs, warnings: list[Problem]) -> Revision:
    diffs = []
    for change in commit.changes:
        new = old = None
        if change.status != "D":
            new = _side(blobs, change.new, commit.commit, warnings)
            if new.plan is None:  # listed, not compared; titled as before when it can be
                plan_id = Path(change.new[2]).stem
                before = None if change.status == "A" else blobs.plan(*change.old)[0].plan
                diffs.append(PlanDiff(plan_id, before.title if before else plan_id, new.status))
                continue
        if change.status != "A":
            old = _side(blobs, change.old, f"{commit.commit}^", warnings)
        diffs.append(_plan_diff(change, new, old))
    when = dt.datetime.fromisoformat(commit.when)
    return Revision(commit.commit, when, commit.author, commit.subject, tuple(diffs))


def _side(blobs: _Blobs, side: tuple[str, str, str], commit: str, warnings: list[Problem]) -> _Read:
    mode, blob, path = side
    read, first = blobs.plan(blob, mode, path)
    if read.plan is None and first:
        warnings.append(_warning(read, commit, path))
    return read


def _plan_diff(change: _Change, new: _Read | None, old: _Read | None) -> PlanDiff:
    """The diff of one changed file whose new side (if any) could be read; an old side
    that could not be is not compared (its own revision says so)."""
    plan_id = Path(change.new[2]).stem
    after = new.plan if new is not None else None
    before = old.plan if old is not None else None
    title = (after or before).title if (after or before) else plan_id  # type: ignore[union-attr]
    kind = {"A": "added", "D": "removed"}.get(change.status, "modified")
    if old is not None and before is None:  # the previous revision was unreadable
        return PlanDiff(plan_id, title, kind)
    return PlanDiff(plan_id, title, kind, diff_plans(before, after))


def read_history(root: Path, current: Iterable[Plan] = ()) -> History:
    """History of `root/plans`, newest first; tombstones for tasks missing from `current`.
    Old revisions that cannot be read are warnings (`History.problems`), never errors."""
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return History(note="not built from a git checkout: no revision history available")
    commits = _log(root)
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
    warnings: list[Problem] = []
    with _Blobs(root) as blobs:  # oldest first: a revision is named by the commit that made it
        revisions = tuple(reversed([_revision(c, blobs, warnings) for c in reversed(commits)]))
    return History(revisions, note, _tombstones(revisions, current), tuple(warnings))


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
