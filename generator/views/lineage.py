"""Plan lineage: the higher-level plans a plan implements, and task-to-task implementation.

A plan's `basis` names its parent plans (title, 文号, issuer, region, and `plan` when the
parent is in the portal).  The chain shown on a plan page is every ancestor found by
following `basis.plan` through the portal, plus the parents named only as text, ordered
from the highest administrative level down (国家 → 自治区 → 市 → this plan).  Ancestors at
the same level share a step.

`task.implements = "<plan-id>#<task-id>"` links a task to the numbered action of a parent
plan it carries out; `Lineage.implemented_by` is the reverse index.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..model import Basis, Plan, Region
from .site import PlanView, SiteViews, TaskView

LEVELS = ("country", "province", "prefecture", "county", "zone", "town")


@dataclass(frozen=True)
class Ancestor:
    """A parent plan: in the portal (`view`) or known only by its title and 文号."""

    title: str
    doc_number: str | None
    issuer: str | None
    region: Region | None
    view: PlanView | None
    title_en: str | None = None
    """The portal's English title (the plan's, or the one the citing `basis` gives)."""

    @property
    def key(self) -> str:
        return self.view.plan.id if self.view else self.title

    @property
    def rank(self) -> int | None:
        return LEVELS.index(self.region.level) if self.region else None


@dataclass(frozen=True)
class Step:
    """One level of the chain (one or more plans of the same level)."""

    region: Region | None
    plans: tuple[Ancestor, ...]


def split_ref(ref: str) -> tuple[str, str]:
    """`plan-id#task-id` → (`plan-id`, `task-id`); a missing `#` gives an empty task id."""
    plan_id, _, task_id = ref.partition("#")
    return plan_id.strip(), task_id.strip()


class Lineage:
    """Parent chains and implementing tasks across the portal."""

    def __init__(self, views: SiteViews, regions: Mapping[str, Region]) -> None:
        self.views = views
        self.regions = regions
        self.by_id = {p.plan.id: p for p in views.plans}
        self.implemented_by: dict[tuple[str, str], list[TaskView]] = {}
        self.children: dict[str, list[PlanView]] = {}
        for view in views.plans:
            for tv in view.tasks:
                if tv.task.implements:
                    key = split_ref(tv.task.implements)
                    self.implemented_by.setdefault(key, []).append(tv)
            for basis in view.plan.basis:
                if basis.plan in self.by_id and basis.plan != view.plan.id:
                    self.children.setdefault(basis.plan, []).append(view)

    def _ancestor(self, basis: Basis) -> Ancestor:
        view = self.by_id.get(basis.plan or "")
        region_id = basis.region or (view.plan.region if view else None)
        return Ancestor(
            title=view.plan.title if view else basis.title,
            doc_number=basis.doc_number or (view.plan.doc_number if view else None),
            issuer=basis.issuer or (view.plan.issuer if view else None),
            region=self.regions.get(region_id) if region_id else None,
            view=view,
            title_en=(view.plan.title_en if view else None) or basis.title_en,
        )

    def _ancestors(self, plan: Plan, seen: set[str]) -> Iterator[Ancestor]:
        for basis in plan.basis:
            ancestor = self._ancestor(basis)
            if ancestor.key in seen:
                continue
            seen.add(ancestor.key)
            if ancestor.view is not None:
                yield from self._ancestors(ancestor.view.plan, seen)
            yield ancestor

    def chain(self, plan: Plan) -> tuple[Step, ...]:
        """The ancestors of `plan`, highest level first, grouped by level."""
        found = list(self._ancestors(plan, {plan.id}))
        # stable sort by level; a parent without a known region keeps its place
        ranks: list[int] = []
        last = -1
        for a in found:
            last = a.rank if a.rank is not None else last
            ranks.append(last)
        ordered = [a for _, _, a in sorted(zip(ranks, range(len(found)), found, strict=True))]
        steps: list[Step] = []
        for a in ordered:
            prev = steps[-1] if steps else None
            if prev is not None and a.region is not None and prev.region == a.region:
                steps[-1] = Step(prev.region, (*prev.plans, a))
            else:
                steps.append(Step(a.region, (a,)))
        return tuple(steps)

    def target(self, tv: TaskView) -> TaskView | None:
        """The parent task `tv` implements, when it is in the portal."""
        if not tv.task.implements:
            return None
        plan_id, task_id = split_ref(tv.task.implements)
        view = self.by_id.get(plan_id)
        return next((t for t in view.tasks if t.task.id == task_id), None) if view else None

    def implementers(self, tv: TaskView) -> tuple[TaskView, ...]:
        return tuple(self.implemented_by.get((tv.plan.id, tv.task.id), ()))

    def children_of(self, plan: Plan) -> tuple[PlanView, ...]:
        return tuple(self.children.get(plan.id, ()))
