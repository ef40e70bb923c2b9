"""Every export file of the site, made by the build's export jobs (`EXPORT_JOBS`).

Each job hands its files to a sink as it makes them (the build writes them straight into
the site: a national portal has too many to hold in memory) and returns their sizes by site path.
The rendering of the pages shares the jobs out with its own pieces, so they run on
whichever process is free (`generator.render.spool`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..feedcheck import verify
from ..langs import DEFAULT_LANG
from ..render.ui import load_ui
from ..views import SiteViews, urls
from . import iter_plan_exports, iter_unit_exports
from .feeds import atom_feed, unit_revisions
from .finder import FINDER, finder_json
from .report_feeds import iter_report_feeds
from .tracking import Tracking
from .units import iter_unit_duty_tables, unit_calendar_feeds

if TYPE_CHECKING:
    from ..project import Project

Sink = Callable[[str, bytes], None]
"""Takes one file (site path, content) as soon as it is made."""
ExportJob = Callable[["Project", SiteViews, str, Sink], dict[str, int]]
"""(project, its views, the site's absolute URL, sink) → size of each file by site path."""


def tracking(project: Project, views: SiteViews) -> Tracking:
    """Duties through groups and the status derived from the reports, for the exports."""
    return Tracking(views.status, project.registry)


def plan_files(project: Project, views: SiteViews, site_url: str, sink: Sink) -> dict[str, int]:
    """The plans' files under /data/: whole-portal files (with the status of every task and
    progress.json), one JSON and calendar per plan."""
    exports = iter_plan_exports(
        project.plans,
        base_url=site_url,
        build_date=views.today.isoformat(),
        tracking=tracking(project, views),
    )
    return _handed_over(((f"{urls.DATA}{path}", content) for path, content in exports), sink)


def unit_files(project: Project, views: SiteViews, site_url: str, sink: Sink) -> dict[str, int]:
    """The units' duty tables and calendars (duties through groups marked as such,
    `exports.units`) and every change feed (thousands of small files)."""
    ui = load_ui(DEFAULT_LANG)
    feeds = unit_calendar_feeds(project.plans, project.duties, project.registry)
    calendars = iter_unit_exports(feeds, base_url=site_url)
    sizes = _handed_over(((f"{urls.DATA}{path}", content) for path, content in calendars), sink)
    tables = iter_unit_duty_tables(
        project.plans, project.duties, base_url=site_url, tracking=tracking(project, views)
    )
    sizes |= _handed_over(((f"{urls.DATA}{path}", content) for path, content in tables), sink)
    feed = f"{urls.CHANGES}feed.xml"
    revisions = project.history.revisions
    sizes |= _handed_over(
        [(feed, atom_feed(ui.changes_title, feed, revisions, ui, site_url))], sink
    )
    return sizes | _handed_over(_unit_change_feeds(project, views, site_url), sink)


def progress_files(project: Project, views: SiteViews, site_url: str, sink: Sink) -> dict[str, int]:
    """The Atom feeds of new reports (the portal's, each plan's, each unit's)."""
    feeds = iter_report_feeds(project.plans, tracking(project, views), base_url=site_url)
    return _handed_over(((f"{urls.DATA}{path}", content) for path, content in feeds), sink)


def finder_file(project: Project, views: SiteViews, site_url: str, sink: Sink) -> dict[str, int]:
    """The unit finder's data (names and pinyin of every unit, `exports.finder`)."""
    del project, site_url
    return _handed_over([(f"{urls.DATA}{FINDER}", finder_json(views))], sink)


EXPORT_JOBS: tuple[ExportJob, ...] = (plan_files, unit_files, progress_files, finder_file)
"""Every export of the site, in jobs of similar size."""


def _unit_change_feeds(
    project: Project, views: SiteViews, site_url: str
) -> Iterator[tuple[str, bytes]]:
    ui = load_ui(DEFAULT_LANG)
    for unit in views.units_sorted():
        record = unit.record
        names = {record.name, *(record.aliases or ()), getattr(record, "short", None) or ""}
        names |= {duty.printed for duty in unit.duties}
        tasks = {(duty.task.plan.id, duty.task.task.id) for duty in unit.duties}
        path = urls.unit_feed(unit.ref.region, unit.ref.id)
        revisions = unit_revisions(project.history, names - {""}, tasks)
        title = ui.format("unit_feed_title", unit=unit.ref.name)
        yield path, atom_feed(title, path, revisions, ui, site_url)


def _handed_over(files: Iterable[tuple[str, bytes]], sink: Sink) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for path, content in files:
        verify(path, content)  # feeds and calendars are read back (generator.feedcheck)
        sizes[path] = len(content)
        sink(path, content)
    return sizes
