"""Cross-record rules on validated plans: ids, references, dates.

Each rule is a small function `check_x(ctx) -> Iterator[Problem]`; `run_checks` runs them
all, so one `planportal check` reports every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from . import walk
from .errors import Problem
from .load import LoadedYaml, YamlPath
from .model import RESERVED_IDS, Deadline, Plan, Task
from .registry import Registry


@dataclass(frozen=True)
class PlanContext:
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


Check = Callable[[PlanContext], Iterator[Problem]]


def _duplicates(
    ctx: PlanContext, entries: Iterable[tuple[str, YamlPath]], what: str
) -> Iterator[Problem]:
    seen: dict[str, YamlPath] = {}
    for ident, path in entries:
        if ident in seen:
            first = ctx.source.where((*seen[ident], "id"))
            yield ctx.at(
                (*path, "id"),
                "duplicate-id",
                f"duplicate {what} id `{ident}`",
                f"first used at line {first.line}; ids must be unique and are never reused",
            )
        else:
            seen[ident] = path


def check_ids(ctx: PlanContext) -> Iterator[Problem]:
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


def _unit(ctx: PlanContext, name: str, path: YamlPath) -> Iterator[Problem]:
    if ctx.registry.resolve(name, ctx.plan.region) is not None:
        return
    options = ctx.registry.suggest(name, ctx.plan.region)
    hint = (
        f"did you mean {' or '.join(options)}?"
        if options
        else f"add it to data/units/{ctx.plan.region}.yaml (as a unit, alias or group)"
    )
    yield ctx.at(path, "unknown-unit", f"unknown unit {name}", hint)


def check_units(ctx: PlanContext) -> Iterator[Problem]:
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


def check_region_and_topics(ctx: PlanContext) -> Iterator[Problem]:
    reg = ctx.registry
    if ctx.plan.region not in reg.regions:
        yield ctx.at(
            ("region",),
            "unknown-region",
            f"unknown region `{ctx.plan.region}`",
            _did_you_mean(ctx.plan.region, reg.regions),
        )
    for located in walk.tasks(ctx.plan):
        for i, topic in enumerate(located.record.topics):
            if topic not in reg.topics:
                yield ctx.at(
                    (*located.path, "topics", i),
                    "unknown-topic",
                    f"unknown topic `{topic}`",
                    _did_you_mean(topic, reg.topics),
                )
    for i, lead in enumerate(ctx.plan.domain_leads):
        for j, topic in enumerate(lead.topics):
            if topic not in reg.topics:
                yield ctx.at(
                    ("domain_leads", i, "topics", j),
                    "unknown-topic",
                    f"unknown topic `{topic}`",
                    _did_you_mean(topic, reg.topics),
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
                _did_you_mean(basis.region, reg.regions),
            )


def _did_you_mean(value: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(known), n=2, cutoff=0.5)
    return (
        f"did you mean {' or '.join(f'`{c}`' for c in close)}?" if close else "check the spelling"
    )


def _deadline_problems(
    ctx: PlanContext, deadlines: Iterable[Deadline], path: YamlPath, task: Task | None = None
) -> Iterator[Problem]:
    period = ctx.plan.period
    period_ok = period.start <= period.end
    item_ids = {item.id for item in task.items} if task else set()
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
        if deadline.item and task is not None and deadline.item not in item_ids:
            yield ctx.at(
                (*here, "item"),
                "unknown-item",
                f"deadline refers to item `{deadline.item}`, which task {task.id} does not have",
                f"items of this task: {', '.join(sorted(item_ids)) or 'none'}",
            )


def check_dates(ctx: PlanContext) -> Iterator[Problem]:
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
    for located in walk.phases(plan):
        phase = located.record
        if phase.end < phase.start:
            yield ctx.at(
                (*located.path, "end"),
                "date-order",
                f"phase `{phase.id}` ends ({phase.end}) before it starts ({phase.start})",
                "swap start and end, or fix the typo",
            )
        yield from _deadline_problems(ctx, phase.deadlines, located.path)
    for located in walk.tasks(plan):
        yield from _deadline_problems(ctx, located.record.deadlines, located.path, located.record)
    for located in walk.sections(plan):
        yield from _deadline_problems(ctx, located.record.deadlines, located.path)
    for located in walk.chapters(plan):
        yield from _deadline_problems(ctx, located.record.deadlines, located.path)


def check_implements(ctx: PlanContext) -> Iterator[Problem]:
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
                _did_you_mean(plan_id, ctx.plan_ids).replace(
                    "check the spelling",
                    "check the plan id; leave `implements` out when the parent plan is not "
                    "in the portal",
                ),
            )
        elif plan_id == ctx.plan.id:
            yield ctx.at(path, "bad-implements", "a task cannot implement a task of its own plan")
        elif ctx.plan_tasks and task_id not in ctx.plan_tasks.get(plan_id, frozenset()):
            known = sorted(ctx.plan_tasks.get(plan_id, frozenset()))
            yield ctx.at(
                path,
                "unknown-task",
                f"`implements` names task `{task_id}`, which plan `{plan_id}` does not have",
                _did_you_mean(task_id, known) if known else f"plan `{plan_id}` has no tasks",
            )


CHECKS: tuple[Check, ...] = (
    check_ids,
    check_units,
    check_region_and_topics,
    check_dates,
    check_implements,
)


def run_checks(ctx: PlanContext) -> list[Problem]:
    return [problem for check in CHECKS for problem in check(ctx)]
