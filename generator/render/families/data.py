"""The open-data page `/data/`: the export files with their sizes, each plan's files while
the portal is small, and the data dictionary (generated from the model)."""

from __future__ import annotations

from functools import partial

from ...datadict import FILES, dictionary
from ...views import urls
from ..contexts.common import Link
from ..contexts.data import DataContext, Download, FieldRow, PlanDownloads, RecordBlock
from ..kit import PageKit
from ..renderer import Page, PageGroup, one_page

PLANS_LISTED = 30
"""Up to this many plans, /data/ lists every plan's files; beyond, it says where they are
(each plan page's "data" field) so the page does not grow with the portal."""
DOWNLOADS = (
    ("plans.json", "dl_plans_json"),
    ("tasks.csv", "dl_tasks_csv"),
    ("tasks.xlsx", "dl_tasks_xlsx"),
    ("ics/all.ics", "dl_all_ics"),
    ("progress.json", "dl_progress_json"),
    ("progress/feed.xml", "dl_progress_feed"),
    ("schema/plan.schema.json", "dl_schema"),
    ("schema/progress.schema.json", "dl_progress_schema"),
)
"""The whole-portal files listed, under /data/, with the UI string describing each."""


def groups(kit: PageKit) -> list[PageGroup]:
    return [PageGroup(10, partial(one_page, data_page, kit))]


def data_page(kit: PageKit) -> Page:
    ui, here, names = kit.ui, urls.DATA, kit.names
    downloads = tuple(
        Download(
            path,
            kit.shared(here, f"{urls.DATA}{path}"),
            human_size(kit.exports.get(f"{urls.DATA}{path}", 0)),
            ui[key],
        )
        for path, key in DOWNLOADS
    )
    plans = tuple(
        PlanDownloads(
            names.link(names.plan(plan, short=True), kit.link(here, urls.plan(plan.id))),
            Link(f"{plan.id}.json", kit.shared(here, urls.plan_json(plan.id))),
            Link(f"{plan.id}.ics", kit.shared(here, urls.plan_calendar(plan.id))),
        )
        for plan in kit.data.project.plans
    )
    if len(plans) > PLANS_LISTED:  # each plan's page links its own files instead
        plans = ()
    ctx = DataContext(
        ui=ui,
        title=ui.data_title,
        as_of=kit.as_of,
        downloads=downloads,
        plans=plans,
        files=tuple((pattern, m.__name__) for pattern, m in FILES),
        records=tuple(
            RecordBlock(
                f"d-{r.name.lower()}",
                r.name,
                r.description_in(kit.lang),
                tuple(
                    FieldRow(f.name, f.type_in(kit.lang), f.required, f.description_in(kit.lang))
                    for f in r.fields
                ),
            )
            for r in dictionary()
        ),
    )
    return kit.render(here, ctx)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1048576:.1f} MB"
