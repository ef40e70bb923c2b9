"""Checks of group membership against the plans: every membership has a source that says so.

A membership taken from a plan (`source: plan`) quotes the plan's wording; the quote must be
in the plan (in the task named, when one is), and every unit it lists must be named in it.  A
group without member units and without an editor's note is a warning (the tasks that name it
reach no unit's page, and nobody has looked into it); a group whose editor's note explains
why no members are recorded is settled, and `planportal check` lists it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .duties import DutyIndex
from .errors import Problem
from .model import Group, Membership, Plan, Unit
from .registry import Registry, normalise, units_file_problem

_ID_HINT_LIMIT = 8


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _strings(inner)


def _wording(record: Any) -> str:
    """Every text of a plan or task, normalised and joined (quotes are searched in it)."""
    return "\n".join(normalise(text) for text in _strings(record.model_dump(mode="json")))


def _named_in(unit: Unit, quote: str) -> bool:
    forms = (unit.name, unit.short, *unit.aliases)
    return any(form and normalise(form) in quote for form in forms)


def _membership_problems(
    region: str,
    path: tuple[str | int, ...],
    entry: Membership,
    plans: Mapping[str, Plan],
    units: Mapping[str, Unit],
    registry: Registry,
) -> Iterator[Problem]:
    def at(
        where: tuple[str | int, ...], code: str, message: str, hint: str | None = None
    ) -> Problem:
        return units_file_problem(registry, region, (*path, *where), code, message, hint)

    quote = normalise(entry.quote or "")
    if entry.source.value == "plan" and entry.plan:
        plan = plans.get(entry.plan)
        if plan is None:
            known = ", ".join(sorted(plans)[:_ID_HINT_LIMIT])
            yield at(("plan",), "unknown-plan", f"unknown plan `{entry.plan}`", f"plans: {known}")
            return
        task = next((t for t in plan.tasks() if t.id == entry.task), None)
        if entry.task and task is None:
            yield at(
                ("task",),
                "unknown-task",
                f"plan `{plan.id}` has no task `{entry.task}`",
                "give the id of the task whose wording lists the units",
            )
            return
        where = f"task {task.id} of `{plan.id}`" if task else f"plan `{plan.id}`"
        if quote and quote not in _wording(task if task else plan):
            yield at(
                ("quote",),
                "quote-not-found",
                f"the quote is not in {where}",
                "copy the plan's wording verbatim (spaces and line breaks are ignored)",
            )
            return
    if not quote:
        return
    for k, unit_id in enumerate(entry.units):
        unit = units.get(unit_id)
        if unit is not None and not _named_in(unit, quote):
            yield at(
                ("units", k),
                "member-not-in-quote",
                f"unit `{unit_id}` ({unit.short or unit.name}) is not named in the quote",
                "a source's list is the units its wording names; remove it, or record it "
                "under another source",
            )


def _reach(region: str, group: Group, index: DutyIndex | None) -> str:
    tasks = len(index.of((region, group.id)).tasks()) if index is not None else 0
    return (
        f"the {tasks} task(s) that name it reach no unit's page" if tasks else ("no task names it")
    )


def _without_members(
    region: str, i: int, group: Group, index: DutyIndex | None, registry: Registry
) -> Problem:
    return units_file_problem(
        registry,
        region,
        ("groups", i, "name"),
        "group-without-members",
        f"group `{group.id}` ({group.name}) has no member units: {_reach(region, group, index)}",
        "list them under `membership` with their source: a plan's own list, the "
        "committee's member list, or an editor's decision (with a note saying why, also when "
        "no members can be recorded)",
        severity="warning",
    )


def explained_without_members(registry: Registry, index: DutyIndex | None = None) -> list[str]:
    """Groups an editor's note says have no member units to record, one line each
    (`planportal check` lists them; they are settled, so no warning)."""
    out = []
    for n, reg in enumerate(registry.unit_registries):
        shown = registry.registry_files[n] if n < len(registry.registry_files) else reg.region
        for group in reg.groups:
            notes = [entry.note for entry in group.membership if entry.note]
            if not group.members and notes:
                out.append(
                    f"{shown}: `{group.id}` ({group.name}), {_reach(reg.region, group, index)}: "
                    f"{notes[0]}"
                )
    return out


def check_groups(
    plans: Iterable[Plan], registry: Registry, index: DutyIndex | None = None
) -> list[Problem]:
    """Membership sources checked against the plans; groups without members reported."""
    by_id = {plan.id: plan for plan in plans}
    out: list[Problem] = []
    for reg in registry.unit_registries:
        units = {unit.id: unit for unit in reg.units}
        for i, group in enumerate(reg.groups):
            for j, entry in enumerate(group.membership):
                out += _membership_problems(
                    reg.region, ("groups", i, "membership", j), entry, by_id, units, registry
                )
            if not group.members and not group.membership:  # not even an editor's note
                out.append(_without_members(reg.region, i, group, index, registry))
    return out
