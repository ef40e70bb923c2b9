"""Open data and revision pages: /data/ (downloads + data dictionary), /changes/ (revision
history with task-level diffs and redlines), /plans/<id>/history/, and the Atom feeds.

Like the other pages, contexts are display-ready and the templates only show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar
from xml.etree import ElementTree as ET

from markupsafe import Markup

from ..datadict import FILES, RecordDoc, dictionary
from ..exports import DeadlineEvent, UnitFeed, iter_plan_exports, iter_unit_exports
from ..feedcheck import verify
from ..history import History, PlanDiff, Redline, Revision, TaskChange, Tombstone
from ..langs import DEFAULT_LANG
from ..views import urls
from ..views.parts import PlanLayout
from .contexts import Link
from .i18n import Names
from .links import relative
from .renderer import Page, Renderer
from .text import html_format, html_join
from .ui import UiStrings, load_ui

PLANS_LISTED = 30
"""Up to this many plans, /data/ lists every plan's files; beyond, it says where they are
(each plan page's "data" field) so the page does not grow with the portal."""
MAX_REVISIONS = 50
"""Revisions shown on /changes/ (older ones stay in per-plan history and git)."""
FEED_ENTRIES = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
CHANGES = "changes/"
DATA = "data/"


def plan_history_url(plan_id: str) -> str:
    return f"plans/{plan_id}/history/"


def unit_feed_url(region: str, unit: str) -> str:
    return f"changes/units/{region}/{unit}.xml"


# --- contexts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    size: str
    description: str


@dataclass(frozen=True)
class PlanDownloads:
    plan: Link
    json: Link
    ics: Link


@dataclass(frozen=True)
class DataContext:
    TEMPLATE: ClassVar[str] = "data.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    downloads: tuple[Download, ...]
    plans: tuple[PlanDownloads, ...]
    files: tuple[tuple[str, str], ...]
    """(file pattern, record name) of each kind of source file."""
    records: tuple[RecordDoc, ...]


@dataclass(frozen=True)
class FieldRow:
    label: str
    old: str
    new: str
    redline: Markup | None


@dataclass(frozen=True)
class ChangeRow:
    kind: str
    """`added`, `removed`, `modified` (CSS class)."""
    kind_label: str
    clause: Link | None
    """Link to the clause; `None` when it no longer exists."""
    label: str
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class PlanDiffBlock:
    plan: Link
    status: str
    status_label: str
    changes: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class RevisionBlock:
    anchor: str
    commit: str
    date: str
    author: str
    subject: str
    plans: tuple[PlanDiffBlock, ...]


@dataclass(frozen=True)
class ChangesContext:
    TEMPLATE: ClassVar[str] = "changes.md.j2"
    ui: UiStrings
    title: str
    note: str | None
    feed: str
    revisions: tuple[RevisionBlock, ...]
    truncated: bool


PUBLISHING_CONTEXTS = (DataContext, ChangesContext)


# --- building --------------------------------------------------------------------------------


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1048576:.1f} MB"


def _reassignment(old: str, new: str) -> Markup | None:
    """For unit lists: the names added and removed (<ins>市公安局</ins>), not a redline."""
    before, after = [n for n in old.split("、") if n], [n for n in new.split("、") if n]
    if not before or not after:
        return None
    gone = [n for n in before if n not in after]
    came = [n for n in after if n not in before]
    if not gone and not came:
        return None
    parts = [html_format("<ins>{}</ins>", n) for n in came]
    parts += [html_format("<del>{}</del>", n) for n in gone]
    return html_join(" ", parts)


def redline_markup(red: Redline) -> Markup:
    tags = {"=": "{}", "+": "<ins>{}</ins>", "-": "<del>{}</del>"}
    return html_join("", (html_format(tags[op], text) for op, text in red.runs))


class PublishingPages:
    """Pages of /data/, /changes/ and per-plan history, relative links throughout."""

    def __init__(
        self,
        ui: UiStrings,
        as_of: str,
        plans: Sequence,
        history: History,
        export_sizes: dict[str, int],
        prefix: str,
        layouts: Mapping[str, PlanLayout],
    ) -> None:
        self.prefix = prefix
        """Site path prefix of the language tree (`en/`); data files live outside trees."""
        self.ui = ui
        self.as_of = as_of
        self.plans = {plan.id: plan for plan in plans}
        self.layouts = layouts
        """Plan id → where its clauses are printed (`PlanView.layout`)."""
        self.history = history
        self.sizes = export_sizes
        self.renderer = Renderer()
        self.names = Names(ui.lang)

    # /data/
    def data_page(self) -> Page:
        here, ui = self.prefix + DATA, self.ui
        names = (
            ("plans.json", "dl_plans_json"),
            ("tasks.csv", "dl_tasks_csv"),
            ("tasks.xlsx", "dl_tasks_xlsx"),
            ("ics/all.ics", "dl_all_ics"),
            ("schema/plan.schema.json", "dl_schema"),
        )
        downloads = tuple(
            Download(
                path,
                relative(here, f"{DATA}{path}"),
                human_size(self.sizes.get(f"{DATA}{path}", 0)),
                ui[key],
            )
            for path, key in names
        )
        plans = tuple(
            PlanDownloads(
                Link(
                    self.names.label(self.names.plan(plan, short=True)),
                    relative(here, self.prefix + urls.plan(plan.id)),
                ),
                Link(f"{plan.id}.json", relative(here, urls.plan_json(plan.id))),
                Link(f"{plan.id}.ics", relative(here, urls.plan_calendar(plan.id))),
            )
            for plan in self.plans.values()
        )
        if len(plans) > PLANS_LISTED:  # each plan's page links its own files instead
            plans = ()
        ctx = DataContext(
            ui=ui,
            title=ui.data_title,
            as_of=self.as_of,
            downloads=downloads,
            plans=plans,
            files=tuple((pattern, m.__name__) for pattern, m in FILES),
            records=tuple(dictionary()),
        )
        return self.renderer.render(urls.page_file(here), ctx)

    # /changes/ and /plans/<id>/history/
    def _change(self, here: str, plan_id: str, change: TaskChange) -> ChangeRow:
        ui = self.ui
        anchor = (
            urls.item_anchor(change.task_id, change.item_id)
            if change.item_id
            else urls.task_anchor(change.task_id)
        )
        alive = plan_id in self.plans and change.kind != "removed"
        clause = None
        if alive:
            path, _, _ = self.layouts[plan_id].href(anchor).partition("#")
            clause = Link(f"#{anchor}", f"{relative(here, self.prefix + path)}#{anchor}")
        label = self.names.label(ui.format("change_clause", no=change.no, title=change.title))
        fields = tuple(
            FieldRow(
                ui.get(f"field_{fc.name}", fc.name)
                + (ui["redline_coarse"] if fc.redline and fc.redline.coarse else ""),
                fc.old,
                fc.new,
                redline_markup(fc.redline) if fc.redline else _reassignment(fc.old, fc.new),
            )
            for fc in change.changes
        )
        return ChangeRow(change.kind, ui[f"change_{change.kind}"], clause, label, fields)

    def _diff(self, here: str, diff: PlanDiff) -> PlanDiffBlock:
        plan = self.plans.get(diff.plan_id)
        title = self.names.label(self.names.plan(plan, short=True) if plan else diff.title)
        href = relative(here, self.prefix + urls.plan(diff.plan_id)) if plan else ""
        whole = diff.status in ("added", "removed")  # a new or deleted plan: no clause list
        tasks = sum(1 for c in diff.tasks if not c.item_id)
        label = self.ui.format(f"status_{diff.status}", count=tasks)
        changes = () if whole else tuple(self._change(here, diff.plan_id, c) for c in diff.tasks)
        return PlanDiffBlock(Link(title, href), diff.status, label, changes)

    def _revision(self, here: str, rev: Revision, only: str | None = None) -> RevisionBlock:
        diffs = [d for d in rev.plans if only is None or d.plan_id == only]
        return RevisionBlock(
            f"r-{rev.short}",
            rev.short,
            rev.date.date().isoformat(),
            rev.author,
            rev.subject,
            tuple(self._diff(here, d) for d in diffs),
        )

    def changes_page(self) -> Page:
        here, ui = self.prefix + CHANGES, self.ui
        revisions = self.history.revisions
        ctx = ChangesContext(
            ui=ui,
            title=ui.changes_title,
            note=self.history.note,
            feed=relative(here, f"{CHANGES}feed.xml"),
            revisions=tuple(self._revision(here, r) for r in revisions[:MAX_REVISIONS]),
            truncated=len(revisions) > MAX_REVISIONS,
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def plan_history(self, plan_id: str) -> Page:
        here, ui = self.prefix + plan_history_url(plan_id), self.ui
        plan = self.plans[plan_id]
        revisions = [rev for rev, _ in self.history.for_plan(plan_id)]
        ctx = ChangesContext(
            ui=ui,
            title=ui.format("history_title", plan=self.names.plan(plan, short=True)),
            note=self.history.note,
            feed=relative(here, f"{CHANGES}feed.xml"),
            revisions=tuple(self._revision(here, r, only=plan_id) for r in revisions),
            truncated=False,
        )
        return self.renderer.render(urls.page_file(here), ctx)

    def pages(self) -> Iterator[Page]:
        yield self.data_page()
        yield self.changes_page()
        for plan_id in self.plans:
            yield self.plan_history(plan_id)


# --- Atom feeds ------------------------------------------------------------------------------


def _atom_time(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _summary(rev: Revision, ui: UiStrings) -> str:
    lines = []
    for diff in rev.plans:
        lines.append(f"{diff.title}: {ui[f'status_{diff.status}']}")
        for change in diff.tasks:
            what = "、".join(ui.get(f"field_{f.name}", f.name) for f in change.changes)
            lines.append(
                f"  {ui[f'change_{change.kind}']} {change.no} {change.title} {what}".rstrip()
            )
    return "\n".join(lines)


def atom_feed(
    title: str, feed_path: str, revisions: Iterable[Revision], ui: UiStrings, base_url: str
) -> bytes:
    """An Atom 1.0 feed of revisions; entry ids are tag URIs on the commit (stable)."""
    ET.register_namespace("", ATOM_NS)
    base = base_url.rstrip("/") + "/"
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    revs = list(revisions)[:FEED_ENTRIES]
    ET.SubElement(feed, f"{{{ATOM_NS}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM_NS}}}id").text = f"tag:planportal,2024:{feed_path}"
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=f"{base}{feed_path}")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="alternate", href=f"{base}{CHANGES}")
    updated = revs[0].date if revs else dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    ET.SubElement(feed, f"{{{ATOM_NS}}}updated").text = _atom_time(updated)
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    ET.SubElement(author, f"{{{ATOM_NS}}}name").text = ui.site_title
    for rev in revs:
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        ET.SubElement(entry, f"{{{ATOM_NS}}}title").text = rev.subject
        ET.SubElement(entry, f"{{{ATOM_NS}}}id").text = f"tag:planportal,2024:commit:{rev.commit}"
        ET.SubElement(entry, f"{{{ATOM_NS}}}updated").text = _atom_time(rev.date)
        ET.SubElement(
            entry, f"{{{ATOM_NS}}}link", rel="alternate", href=f"{base}{CHANGES}#r-{rev.short}"
        )
        rev_author = ET.SubElement(entry, f"{{{ATOM_NS}}}author")
        ET.SubElement(rev_author, f"{{{ATOM_NS}}}name").text = rev.author
        ET.SubElement(entry, f"{{{ATOM_NS}}}summary").text = _summary(rev, ui)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def unit_revisions(
    history: History, names: set[str], tasks: set[tuple[str, str]]
) -> list[Revision]:
    """Revisions that change one of the unit's tasks (`(plan_id, task_id)`) or reassign
    a task to or from the unit (`names`: its printed forms)."""
    out = []
    for rev in history.revisions:
        if any(
            diff.units_touched() & names
            or any((diff.plan_id, c.task_id) in tasks for c in diff.tasks)
            for diff in rev.plans
        ):
            out.append(rev)
    return out


def tombstone_rows(tombstones: Iterable[Tombstone], plan_id: str) -> list[Tombstone]:
    return [t for t in tombstones if t.plan_id == plan_id]


__all__ = ["PUBLISHING_CONTEXTS", "PublishingPages", "atom_feed", "unit_revisions"]


# --- assembly: everything /data/ and /changes/ add to the site ------------------------------

ROLE_LABELS = {"lead": "牵头", "support": "配合", "responsible": "负责", "local": "属地"}


def unit_calendar_feeds(views: Any) -> list[UnitFeed]:
    """One deadline calendar per unit or group that has dated duties."""
    feeds = []
    for unit in views.units_sorted():
        events = tuple(
            DeadlineEvent(duty.task.plan, duty.task.task, deadline, ROLE_LABELS[duty.role])
            for duty in unit.duties
            for deadline in duty.task.task.deadlines
        )
        if events:
            feeds.append(UnitFeed(f"{unit.ref.region}/{unit.ref.id}", unit.ref.name, events))
    return feeds


def _unit_change_feeds(
    views: Any, history: History, ui: UiStrings, base_url: str
) -> Iterator[tuple[str, bytes]]:
    for unit in views.units_sorted():
        record = unit.record
        names = {record.name, *(record.aliases or ()), getattr(record, "short", None) or ""}
        names |= {duty.printed for duty in unit.duties}
        tasks = {(duty.task.plan.id, duty.task.task.id) for duty in unit.duties}
        path = unit_feed_url(unit.ref.region, unit.ref.id)
        revisions = unit_revisions(history, names - {""}, tasks)
        yield (
            path,
            atom_feed(
                ui.format("unit_feed_title", unit=unit.ref.name), path, revisions, ui, base_url
            ),
        )


def publishing_output(
    project: Any,
    views: Any,
    history: History,
    *,
    base_url: str,
    trees: dict[str, str],
    sink: Callable[[str, bytes], None] | None = None,
) -> tuple[list[Page], dict[str, bytes]]:
    """Pages (per language tree, `{lang: path prefix}`) and files (site path → bytes, shared
    by the trees) of /data/ and /changes/, feeds included.

    With a `sink`, each file is handed to it as soon as it is made and not kept (the files
    returned are then empty): a national portal has ~170 MB of them."""
    files: dict[str, bytes] = {}

    def keep(path: str, content: bytes) -> None:
        files[path] = content

    to = sink or keep
    sizes = plan_files(project, views, base_url=base_url, sink=to)
    sizes |= unit_files(views, history, base_url=base_url, sink=to)
    return publishing_pages(project, views, history, sizes, trees=trees), files


def plan_files(
    project: Any, views: Any, *, base_url: str, sink: Callable[[str, bytes], None]
) -> dict[str, int]:
    """The plans' exports under /data/, each handed to `sink`; their sizes by site path."""
    exports = iter_plan_exports(
        project.plans, base_url=base_url, build_date=views.today.isoformat()
    )
    return _handed_over(((f"{DATA}{path}", content) for path, content in exports), sink)


def unit_files(
    views: Any, history: History, *, base_url: str, sink: Callable[[str, bytes], None]
) -> dict[str, int]:
    """The units' calendars and every change feed (thousands of small files: a job of its
    own in the build, done by whichever rendering process is free), each handed to `sink`;
    their sizes by site path."""
    ui = load_ui(DEFAULT_LANG)
    calendars = iter_unit_exports(unit_calendar_feeds(views), base_url=base_url)
    sizes = _handed_over(((f"{DATA}{path}", content) for path, content in calendars), sink)
    feed = f"{CHANGES}feed.xml"
    sizes |= _handed_over(
        [(feed, atom_feed(ui.changes_title, feed, history.revisions, ui, base_url))], sink
    )
    return sizes | _handed_over(_unit_change_feeds(views, history, ui, base_url), sink)


def publishing_pages(
    project: Any, views: Any, history: History, sizes: dict[str, int], *, trees: dict[str, str]
) -> list[Page]:
    """The /data/ and /changes/ pages of each tree (`{lang: path prefix}`); `sizes` of the
    files by site path, for the download list."""
    pages: list[Page] = []
    layouts = {view.plan.id: view.layout for view in views.plans}
    for lang, prefix in trees.items():
        tree_ui = load_ui(lang)
        as_of = tree_ui.format("as_of", date=views.today.isoformat())
        pages += PublishingPages(
            tree_ui, as_of, project.plans, history, sizes, prefix, layouts
        ).pages()
    return pages


def _handed_over(
    files: Iterable[tuple[str, bytes]], sink: Callable[[str, bytes], None]
) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for path, content in files:
        verify(path, content)  # feeds and calendars are read back (generator.feedcheck)
        sizes[path] = len(content)
        sink(path, content)
    return sizes
