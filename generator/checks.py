"""Cross-record rules on validated plans: ids, references, dates.

Each rule is a small function `check_x(ctx) -> Iterator[Problem]`; `run_checks` runs them
all, so one `planportal check` reports every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import paths, walk
from .errors import Problem, did_you_mean, offering, repeats
from .load import LoadedYaml, YamlPath
from .model import RESERVED_IDS, Deadline, Plan, Task
from .registry import Registry


@dataclass(frozen=True)
class CheckContext:
    """One validated plan, where it came from, and what it may refer to."""

    plan: Plan
    source: LoadedYaml
    registry: Registry
    plan_ids: frozenset[str]
    """Ids of every plan in the project (for `basis.plan` and `implements`)."""
    references_usable: bool = True
    """False when data/ has errors: reference checks would only repeat them."""
    plan_tasks: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Task ids of every plan in the project (for `task.implements`)."""
    root: Path | None = None
    """The project directory (for `source.file`); None skips the checks of files."""

    def at(
        self,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Problem:
        return self.source.problem(path, code, message, hint, key=key, severity=severity)


Check = Callable[[CheckContext], Iterator[Problem]]
_SPELLING = "check the spelling"
"""The hint for a mistyped id when no known one is close."""


def _duplicates(
    ctx: CheckContext, entries: Iterable[tuple[str, YamlPath]], what: str
) -> Iterator[Problem]:
    for ident, first, path in repeats(entries):
        yield ctx.at(
            (*path, "id"),
            "duplicate-id",
            f"duplicate {what} id `{ident}`",
            f"first used at line {ctx.source.where((*first, 'id')).line}; ids must be unique "
            "and are never reused",
        )


def check_ids(ctx: CheckContext) -> Iterator[Problem]:
    plan = ctx.plan
    tasks = list(walk.tasks(plan))
    yield from _duplicates(ctx, ((t.record.id, t.path) for t in tasks), "task")
    yield from _duplicates(ctx, ((c.record.id, c.path) for c in walk.chapters(plan)), "chapter")
    yield from _duplicates(ctx, ((s.record.id, s.path) for s in walk.sections(plan)), "section")
    yield from _duplicates(ctx, ((p.record.id, p.path) for p in walk.phases(plan)), "phase")
    for located in tasks:
        items = (
            (item.id, (*located.path, "items", i)) for i, item in enumerate(located.record.items)
        )
        yield from _duplicates(ctx, items, f"item (in task {located.record.id})")
    yield from _anchor_collisions(ctx, tasks)
    yield from _moved_to(ctx, {t.record.id for t in tasks})
    retired = {r.id for r in plan.retired}
    for located in tasks:
        if located.record.id in retired:
            yield ctx.at(
                (*located.path, "id"),
                "reused-id",
                f"task id `{located.record.id}` was retired and must not be reused",
                "give the new task a fresh id",
            )
    if plan.id in RESERVED_IDS:
        yield ctx.at(
            ("id",),
            "reserved-id",
            f"plan id `{plan.id}` is reserved for index pages (/plans/{plan.id}/)",
            "choose another id",
        )
    stem = ctx.source.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if plan.id != stem:
        yield ctx.at(
            ("id",),
            "id-filename",
            f"plan id `{plan.id}` differs from the file name `{stem}.yaml`",
            f"rename the file to `{plan.id}.yaml`",
        )


def _anchor_collisions(ctx: CheckContext, tasks: list[walk.Located[Task]]) -> Iterator[Problem]:
    """A task whose anchor is another task's item's (`t-01-1`: task `01-1`, or item `1` of
    task `01`): links to one would land on the other."""
    items = {
        f"{t.record.id}-{item.id}": (t.record.id, item.id) for t in tasks for item in t.record.items
    }
    for located in tasks:
        owner = items.get(located.record.id)
        if owner:
            yield ctx.at(
                (*located.path, "id"),
                "duplicate-id",
                f"task id `{located.record.id}` has the anchor of item `{owner[1]}` of task "
                f"`{owner[0]}` (t-{located.record.id})",
                "links to one would land on the other; choose another id",
            )


def _moved_to(ctx: CheckContext, task_ids: set[str]) -> Iterator[Problem]:
    """`retired[].moved_to` names a task of the plan (its old anchor's notice links there)."""
    for i, retired in enumerate(ctx.plan.retired):
        target = retired.moved_to
        if target is not None and target not in task_ids:
            yield ctx.at(
                ("retired", i, "moved_to"),
                "unknown-task",
                f"`moved_to`: the plan has no task `{target}` (retired task `{retired.id}` "
                "is said to have moved there)",
                did_you_mean(target, task_ids)
                or "name a task of this plan, or leave `moved_to` out when the content went "
                "nowhere",
            )


def _unit(ctx: CheckContext, name: str, path: YamlPath) -> Iterator[Problem]:
    if ctx.registry.resolve(name, ctx.plan.region) is not None:
        return
    hint = (
        offering(ctx.registry.suggest(name, ctx.plan.region), quoted=False)
        or f"add it to data/units/{ctx.plan.region}.yaml (as a unit, alias or group)"
    )
    yield ctx.at(path, "unknown-unit", f"unknown unit {name}", hint)


def check_units(ctx: CheckContext) -> Iterator[Problem]:
    if not ctx.references_usable or ctx.plan.region not in ctx.registry.regions:
        return  # reported once already (data/ or region); every name would fail otherwise
    for located in walk.tasks(ctx.plan):
        resp = located.record.responsibility
        for role in ("lead", "support", "responsible", "local"):
            for i, name in enumerate(getattr(resp, role)):
                yield from _unit(ctx, name, (*located.path, "responsibility", role, i))
    letter = ctx.plan.cover_letter
    if letter:
        for i, name in enumerate(letter.recipients):
            yield from _unit(ctx, name, ("cover_letter", "recipients", i))
    for i, lead in enumerate(ctx.plan.domain_leads):
        yield from _unit(ctx, lead.unit, ("domain_leads", i, "unit"))


def check_region_and_topics(ctx: CheckContext) -> Iterator[Problem]:
    reg = ctx.registry
    if ctx.plan.region not in reg.regions:
        yield ctx.at(
            ("region",),
            "unknown-region",
            f"unknown region `{ctx.plan.region}`",
            did_you_mean(ctx.plan.region, reg.regions) or _SPELLING,
        )
    topics = [
        ((*located.path, "topics", i), topic)
        for located in walk.tasks(ctx.plan)
        for i, topic in enumerate(located.record.topics)
    ]
    topics += [
        (("domain_leads", i, "topics", j), topic)
        for i, lead in enumerate(ctx.plan.domain_leads)
        for j, topic in enumerate(lead.topics)
    ]
    for path, topic in topics if ctx.references_usable else ():  # else: topics.yaml failed
        if topic not in reg.topics:
            yield ctx.at(
                path,
                "unknown-topic",
                f"unknown topic `{topic}`",
                did_you_mean(topic, reg.topics) or _SPELLING,
            )
    for i, basis in enumerate(ctx.plan.basis):
        if basis.plan and basis.plan not in ctx.plan_ids:
            yield ctx.at(
                ("basis", i, "plan"),
                "unknown-plan",
                f"unknown plan `{basis.plan}`",
                "leave `plan` out when the parent plan is not in the portal",
            )
        if basis.region and basis.region not in reg.regions:
            yield ctx.at(
                ("basis", i, "region"),
                "unknown-region",
                f"unknown region `{basis.region}`",
                did_you_mean(basis.region, reg.regions) or _SPELLING,
            )


def _deadline_problems(
    ctx: CheckContext, deadlines: Iterable[Deadline], path: YamlPath, task: Task | None = None
) -> Iterator[Problem]:
    period = ctx.plan.period
    period_ok = period.start <= period.end
    for i, deadline in enumerate(deadlines):
        here = (*path, "deadlines", i)
        if period_ok and not period.start <= deadline.date <= period.end:
            yield ctx.at(
                (*here, "date"),
                "deadline-outside-period",
                f"deadline {deadline.date.isoformat()} ({deadline.phrase}) is outside the "
                f"plan period {period.start.isoformat()}…{period.end.isoformat()}",
                "check the date, or the plan's `period`",
            )


def _item_refs(
    ctx: CheckContext, facts: Mapping[str, Iterable[object]], path: YamlPath, task: Task | None
) -> Iterator[Problem]:
    """`item` of deadlines, recurrences and targets (`facts` by field) names an item of
    the task they belong to; outside tasks there are no items."""
    item_ids = {item.id for item in task.items} if task else set()
    for name, records in facts.items():
        for i, record in enumerate(records):
            item = getattr(record, "item", None)
            if item is None or item in item_ids:
                continue
            what = {"deadlines": "deadline", "recurrence": "recurrence", "targets": "target"}
            message = (
                f"{what[name]} refers to item `{item}`, which task {task.id} does not have"
                if task is not None
                else f"{what[name]} refers to item `{item}`, but only tasks have items"
            )
            hint = (
                f"items of this task: {', '.join(sorted(item_ids)) or 'none'}"
                if task is not None
                else "leave `item` out here"
            )
            yield ctx.at((*path, name, i, "item"), "unknown-item", message, hint)


def check_items(ctx: CheckContext) -> Iterator[Problem]:
    """Every `item` reference points at an item of its task."""
    for located in walk.tasks(ctx.plan):
        task = located.record
        facts = {"deadlines": task.deadlines, "recurrence": task.recurrence}
        facts["targets"] = task.targets
        if any(record.item for records in facts.values() for record in records):
            yield from _item_refs(ctx, facts, located.path, task)
    for part in (*walk.chapters(ctx.plan), *walk.sections(ctx.plan)):
        facts = {"deadlines": part.record.deadlines, "targets": part.record.targets}
        yield from _item_refs(ctx, facts, part.path, None)
    for located in walk.phases(ctx.plan):
        yield from _item_refs(ctx, {"deadlines": located.record.deadlines}, located.path, None)


def check_dates(ctx: CheckContext) -> Iterator[Problem]:
    plan = ctx.plan
    if plan.period.end < plan.period.start:
        yield ctx.at(
            ("period", "end"),
            "date-order",
            f"period ends ({plan.period.end}) before it starts ({plan.period.start})",
        )
    if plan.issued and plan.issued > plan.period.end:
        yield ctx.at(
            ("issued",),
            "date-order",
            f"plan issued {plan.issued} after its period ends",
            severity="warning",
        )
    period = plan.period
    for located in walk.phases(plan):
        phase = located.record
        if phase.end < phase.start:
            yield ctx.at(
                (*located.path, "end"),
                "date-order",
                f"phase `{phase.id}` ends ({phase.end}) before it starts ({phase.start})",
                "swap start and end, or fix the typo",
            )
        elif period.start <= period.end:
            for end in ("start", "end"):
                day = getattr(phase, end)
                if not period.start <= day <= period.end:
                    yield ctx.at(
                        (*located.path, end),
                        "date-outside-period",
                        f"phase `{phase.id}` {end}s on {day}, outside the plan period "
                        f"{period.start}…{period.end}",
                        "check the date, or the plan's `period`",
                    )
        yield from _deadline_problems(ctx, phase.deadlines, located.path)
    yield from _targets_in_period(ctx)
    for located in walk.tasks(plan):
        yield from _deadline_problems(ctx, located.record.deadlines, located.path, located.record)
    for located in walk.sections(plan):
        yield from _deadline_problems(ctx, located.record.deadlines, located.path)
    for located in walk.chapters(plan):
        yield from _deadline_problems(ctx, located.record.deadlines, located.path)


def _targets_in_period(ctx: CheckContext) -> Iterator[Problem]:
    """A target's `by` date lies in the plan period, as deadlines do."""
    period = ctx.plan.period
    if period.end < period.start:
        return
    parts = [*walk.tasks(ctx.plan), *walk.sections(ctx.plan), *walk.chapters(ctx.plan)]
    for located in parts:
        for i, target in enumerate(located.record.targets):
            if target.by is not None and not period.start <= target.by <= period.end:
                yield ctx.at(
                    (*located.path, "targets", i, "by"),
                    "date-outside-period",
                    f"target date {target.by} ({target.phrase}) is outside the plan period "
                    f"{period.start}…{period.end}",
                    "check the date, or the plan's `period`",
                )


def check_implements(ctx: CheckContext) -> Iterator[Problem]:
    """`task.implements` names `<plan-id>#<task-id>` of a plan in the portal."""
    for located in walk.tasks(ctx.plan):
        ref = located.record.implements
        if ref is None:
            continue
        path = (*located.path, "implements")
        plan_id, sep, task_id = ref.partition("#")
        if not sep or not plan_id or not task_id:
            yield ctx.at(
                path,
                "bad-implements",
                f"`implements: {ref}` is not of the form `<plan-id>#<task-id>`",
                "e.g. `implements: neimenggu-zhiben-gongjian-2024#05`",
            )
        elif plan_id not in ctx.plan_ids:
            yield ctx.at(
                path,
                "unknown-plan",
                f"`implements` names unknown plan `{plan_id}`",
                did_you_mean(plan_id, ctx.plan_ids)
                or "check the plan id; leave `implements` out when the parent plan is not "
                "in the portal",
            )
        elif plan_id == ctx.plan.id:
            yield ctx.at(path, "bad-implements", "a task cannot implement a task of its own plan")
        elif ctx.plan_tasks and task_id not in ctx.plan_tasks.get(plan_id, frozenset()):
            known = sorted(ctx.plan_tasks.get(plan_id, frozenset()))
            yield ctx.at(
                path,
                "unknown-task",
                f"`implements` names task `{task_id}`, which plan `{plan_id}` does not have",
                (did_you_mean(task_id, known) or _SPELLING)
                if known
                else f"plan `{plan_id}` has no tasks",
            )


def check_source(ctx: CheckContext) -> Iterator[Problem]:
    """`source.file` is published: it must be a regular file inside data/sources/."""
    if ctx.root is None:
        return
    file = ctx.plan.source.file
    refused = paths.source_refusal(ctx.root, file)
    if refused is None:
        return
    where, folder = ("source", "file"), paths.SOURCES
    message = f"`source.file`: {file} {refused.reason}"
    if refused.code == "missing":
        yield ctx.at(
            where,
            "missing-source",
            f"{message}: the plan page will have no link to the original text",
            "add the file, or correct the path",
            severity="warning",
        )
    elif refused.code == "outside-folder":
        hint = (
            f"copy the original text into {folder}/ instead of linking to it"
            if "symbolic link" in refused.reason
            else f"original texts are published from {folder}/ only: copy the text there "
            f"and name it here (e.g. {folder}/{ctx.plan.id}.txt)"
        )
        yield ctx.at(where, "unsafe-source", message, hint)
    else:
        yield ctx.at(where, "unsafe-source", message, "name the file of the original text")


CHECKS: tuple[Check, ...] = (
    check_ids,
    check_units,
    check_region_and_topics,
    check_dates,
    check_implements,
    check_items,
    check_source,
)


def run_checks(ctx: CheckContext) -> list[Problem]:
    return [problem for check in CHECKS for problem in check(ctx)]
