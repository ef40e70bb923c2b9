"""The home page and the plans index: `/`, `/plans/`, `/plans/by-region/<id>/[<n>/]`."""

from __future__ import annotations

import datetime as dt
from functools import partial

from ...deadlines import period_phrase
from ...views import urls
from ...views.site import Milestone, PlanView
from ..contexts.common import Count, Link
from ..contexts.home import (
    DeadlineRow,
    HomeContext,
    PlanCard,
    PlanGroup,
    PlansIndexContext,
    PlansRegionContext,
)
from ..kit import PageKit
from ..renderer import Page, PageGroup, one_page

UPCOMING_LIMIT = 10
HOME_PLANS = 10
"""Plan cards on the home page: the most recent ones (the plans index lists them all)."""
INLINE_PLANS = 30
"""Up to this many plans, the plans index shows every card (grouped by province); above,
it links to one page per province (`PLANS_PER_PAGE` cards a page)."""
PLANS_PER_PAGE = 40


def groups(kit: PageKit) -> list[PageGroup]:
    """The home page, the plans index and the plans of each province, with their costs in
    task blocks (`PageGroup`)."""
    plans = len(kit.views.plans)
    return [
        PageGroup(10, partial(one_page, home, kit)),
        PageGroup(plans + 1, partial(one_page, plans_index, kit)),
        PageGroup(plans + 1, partial(plans_of_regions, kit)),
    ]


def home(kit: PageKit) -> Page:
    here, views, ui = urls.HOME, kit.views, kit.ui
    newest = sorted(views.plans, key=recency, reverse=True)[:HOME_PLANS]
    ctx = HomeContext(
        ui=ui,
        title=ui.site_title,
        as_of=kit.as_of,
        plans=tuple(card(kit, here, p) for p in newest),
        all_plans=Link(ui.format("home_all_plans", n=len(views.plans)), kit.link(here, urls.PLANS)),
        upcoming=tuple(deadline_row(kit, here, m) for m in views.upcoming(UPCOMING_LIMIT)),
        recent=tuple(deadline_row(kit, here, m) for m in views.recent(UPCOMING_LIMIT)),
        sections=(
            Link(ui.nav_plans, kit.link(here, urls.PLANS)),
            Link(ui.nav_units, kit.link(here, urls.UNITS)),
            Link(ui.nav_progress, kit.link(here, urls.progress_index())),
        ),
        no_reports="" if kit.data.progress.published else ui.progress_none_site,
        finder=kit.finder(here),
    )
    return kit.render(here, ctx)


def plans_index(kit: PageKit) -> Page:
    here = urls.PLANS
    inline = len(kit.views.plans) <= INLINE_PLANS
    ctx = PlansIndexContext(
        ui=kit.ui,
        title=kit.ui.plans_title,
        as_of=kit.as_of,
        groups=tuple(
            PlanGroup(
                anchor=f"r-{rid}",
                title=Link(name, kit.link(here, urls.plans_region(rid))),
                count=len(members),
                plans=tuple(card(kit, here, p) for p in members) if inline else (),
            )
            for rid, name, members in _by_province(kit)
        ),
    )
    return kit.render(here, ctx)


def plans_of_regions(kit: PageKit) -> list[Page]:
    """One page (split in parts of `PLANS_PER_PAGE`) per province of the plans index."""
    ui, pages = kit.ui, []
    for rid, name, members in _by_province(kit):
        chunks = [members[i : i + PLANS_PER_PAGE] for i in range(0, len(members), PLANS_PER_PAGE)]
        parts = [urls.plans_region(rid, n) for n in range(1, len(chunks) + 1)]
        for n, chunk in enumerate(chunks, 1):
            here = parts[n - 1]
            ctx = PlansRegionContext(
                ui=ui,
                title=ui.format("plans_of_region", region=name),
                as_of=kit.as_of,
                up=Link(ui.plans_back, kit.link(here, urls.PLANS)),
                plans=tuple(card(kit, here, p) for p in chunk),
                pager=kit.pager(here, ui.index_pages, parts, n),
            )
            pages.append(kit.render(here, ctx))
    return pages


# --- pieces ---------------------------------------------------------------------------------


def card(kit: PageKit, here: str, view: PlanView) -> PlanCard:
    plan, ui, names = view.plan, kit.ui, kit.names
    upcoming = [m for m in view.milestones if m.date >= kit.today]
    deadlines = len({(m.date, m.deadline.phrase, m.url) for m in view.milestones})
    return PlanCard(
        title=names.link(names.plan(plan), kit.link(here, view.url)),
        issuer=kit.issuer(plan, plan.region),
        region=names.of(view.region) if view.region else plan.region,
        period=period_phrase(plan.period.start, plan.period.end, ui),
        period_status=kit.period_badge(plan),
        counts=(
            Count(ui.count_tasks, len(view.tasks)),
            Count(ui.count_units, view.unit_count),
            Count(ui.count_deadlines, deadlines),
        ),
        next_deadline=deadline_row(kit, here, upcoming[0]) if upcoming else None,
        progress=kit.reporting.card(plan.id),
    )


def deadline_row(kit: PageKit, here: str, m: Milestone) -> DeadlineRow:
    names = kit.names
    return DeadlineRow(
        deadline=kit.deadline(m.deadline),
        what=kit.milestone_name(here, m),
        plan=names.link(names.plan(m.plan, short=True), kit.link(here, urls.plan(m.plan.id))),
    )


def _by_province(kit: PageKit) -> list[tuple[str, str, list[PlanView]]]:
    """Plans by province, provinces in registry order, plans newest first."""
    regions = kit.data.regions
    order = {rid: n for n, rid in enumerate(regions)}
    found: dict[str, tuple[str, list[PlanView]]] = {}
    for view in sorted(kit.views.plans, key=recency, reverse=True):
        rid, name = _province(kit, view)
        found.setdefault(rid, (name, []))[1].append(view)
    keys = sorted(found, key=lambda k: (order.get(k, len(order)), k))
    return [(k, found[k][0], found[k][1]) for k in keys]


def _province(kit: PageKit, view: PlanView) -> tuple[str, str]:
    """(id, name) of the province (or the country) a plan belongs to."""
    regions, region = kit.data.regions, view.region
    while region is not None and region.level not in ("province", "country"):
        region = regions.get(region.parent) if region.parent else None
    if region is None:
        region = view.region
    if region is None:
        return view.plan.region, view.plan.region
    return region.id, kit.names.of(region)


def recency(view: PlanView) -> tuple[dt.date, str]:
    """Newest first when sorted in reverse: issue date, else the start of the period."""
    plan = view.plan
    return (plan.issued or plan.period.start, plan.id)
