"""What every page family is given: the site's data once, and one `PageKit` per tree.

`SiteData` is what the pages are made from and does not depend on the language: the
project, its views (`generator.views`) and the views of timelines, topics and lineage
built from them. It is made once per build; the language trees share it, and so do the
forked rendering processes, which inherit it.

`PageKit` adds what one language tree needs: its UI strings and names, the renderer, the
tree's path prefix, the "as of" line, and the links every family makes (relative links,
pagers, unit names). A family module takes a kit and returns its page groups; it never
reaches into another family.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from .. import cite
from ..deadlines import (
    deadline_phrase,
    deadline_status,
    period_status,
    recurrence_phrase,
    recurrence_status,
    status_label,
)
from ..exports.finder import FINDER
from ..history import History
from ..langs import PREFIX, TEXT_LANG
from ..model import Deadline, Item, Phase, Plan, Recurrence, Region, Topic
from ..search_keywords import DEFAULT_WEIGHT
from ..titles import task_title
from ..translations import issuer, localized, note_text
from ..views import SiteViews, urls
from ..views.citations import numbering_restarts
from ..views.lineage import Lineage
from ..views.progress import ProgressView, progress_view
from ..views.site import Milestone, TaskView, UnitRef
from ..views.timeline import PlanTimeline, SiteTimeline, plan_timeline, site_timeline
from ..views.topics import TopicView, topic_views
from .contexts.common import (
    DeadlineBadge,
    ExampleBanner,
    Filter,
    Finder,
    Keywords,
    Label,
    Link,
    Pager,
    PeriodBadge,
    TaskName,
)
from .i18n import Names
from .links import relative
from .renderer import Page, PageContext, Renderer
from .reporting import Reporting
from .ui import UiStrings, load_ui
from .when import when_parts

if TYPE_CHECKING:
    from ..project import Project


@dataclass(frozen=True)
class SiteData:
    """Everything pages are made from that is the same in every language."""

    project: Project
    views: SiteViews
    lineage: Lineage
    """Parent plans of each plan, and which tasks implement which."""
    timelines: dict[str, PlanTimeline]
    """Each plan's phases and deadlines, by plan id."""
    timeline: SiteTimeline
    """Every dated entry of the portal, by month."""
    topics: dict[str, TopicView]
    """Each topic's tasks, grouped by plan and cut into pages, by topic id."""
    progress: ProgressView
    """The reports as pages present them: each plan's report pages, what each round
    changed, and the derived status (`progress.status`)."""

    @classmethod
    def of(cls, project: Project, views: SiteViews) -> SiteData:
        regions = project.registry.regions
        return cls(
            project=project,
            views=views,
            lineage=Lineage(views, regions),
            timelines={p.plan.id: plan_timeline(p, views.today) for p in views.plans},
            timeline=site_timeline(views),
            topics={t.topic.id: t for t in topic_views(views, project.registry.topics)},
            progress=progress_view(views.status),
        )

    @property
    def regions(self) -> Mapping[str, Region]:
        """Every region of the registry (the views list only those with units or plans)."""
        return self.project.registry.regions

    @property
    def topic_records(self) -> Mapping[str, Topic]:
        return self.project.registry.topics

    @property
    def history(self) -> History:
        return self.project.history


@dataclass(frozen=True)
class PageKit:
    """One language tree's way of making pages from `SiteData`."""

    data: SiteData
    ui: UiStrings
    names: Names
    renderer: Renderer
    tree: str
    """Path prefix of the tree (`` or `en/`): page paths in a family are relative to it."""
    as_of: str
    """`数据截至 2024-10-01`: the build date, as pages print it."""
    exports: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """Site path → size in bytes of each export file, for families that list them (known
    once the exports are written: `Family.after_exports`)."""
    banner: str = ""
    """HTML above every page: the notice of an example project (`ExampleBanner`)."""
    _titles: dict[tuple[str, str], tuple[str, str, str, bool]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """(plan id, task id) → (number, title, its lang or "", derived): a task is named on
    many pages of a tree (its units', topics', the timeline's)."""
    _restarts: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    """Plan id → whether its numbering restarts per chapter (`numbering_restarts`)."""

    @classmethod
    def for_tree(cls, data: SiteData, lang: str, renderer: Renderer | None = None) -> PageKit:
        ui, names, renderer = load_ui(lang), Names(lang), renderer or Renderer()
        invented = [names.of(r) for r in data.regions.values() if r.fictitious]
        banner = ""
        if invented:
            text = ui.format("example_banner", regions=ui.list_sep.join(invented))
            banner = renderer.fragment(ExampleBanner(text))
        return cls(
            data=data,
            ui=ui,
            names=names,
            renderer=renderer,
            tree=PREFIX[lang],
            as_of=ui.format("as_of", date=data.views.today.isoformat()),
            banner=banner,
        )

    @property
    def views(self) -> SiteViews:
        return self.data.views

    @cached_property
    def reporting(self) -> Reporting:
        """Progress in this tree's words: states, reports, figures (`render.reporting`)."""
        return Reporting(self)

    @property
    def lang(self) -> str:
        return self.ui.lang

    @property
    def today(self) -> dt.date:
        return self.data.views.today

    # --- pages and links -------------------------------------------------------------------

    def render(self, here: str, context: PageContext) -> Page:
        """The page at tree path `here` (`plans/x/`) from its context."""
        return self.renderer.render(urls.page_file(here), context, self.banner)

    @staticmethod
    def link(here: str, target: str) -> str:
        """Link from page `here` to `target`, both in this tree."""
        return relative(here, target)

    def shared(self, here: str, target: str) -> str:
        """Link from page `here` of this tree to `target` outside the trees (`data/…`,
        `sources/…`, feeds): the trees share those files."""
        return relative(self.tree + here, target)

    @staticmethod
    def in_page(here: str, target: str) -> str:
        """A link to `path#anchor` from `here`: just `#anchor` on the same page."""
        path, _, anchor = target.partition("#")
        return f"#{anchor}" if path == here else f"{relative(here, path)}#{anchor}"

    def pager(
        self, here: str, label: str, parts: list[str], current: int, prev_next: bool = True
    ) -> Pager:
        """Links between the parts of a split page; `parts`: site paths of every part,
        `current`: 1-based."""
        links = tuple(
            Link(str(n), "" if n == current else relative(here, path))
            for n, path in enumerate(parts, 1)
        )
        prev = (
            Link(self.ui.page_prev, relative(here, parts[current - 2]))
            if current > 1 and prev_next
            else None
        )
        nxt = (
            Link(self.ui.page_next, relative(here, parts[current]))
            if current < len(parts) and prev_next
            else None
        )
        return Pager(label, prev, nxt, links if len(parts) > 1 else ())

    # --- words -----------------------------------------------------------------------------

    def period(self, start: dt.date, end: dt.date) -> str:
        return self.ui.format("period_range", start=start.isoformat(), end=end.isoformat())

    def part_title(self, title: str, part: int, parts: int) -> str:
        """`title`, marked as part `part` of `parts` when there are several."""
        if parts > 1:
            return self.ui.format("part_title", title=title, part=part, parts=parts)
        return title

    def unit_name(self, ref: UnitRef) -> str:
        """A unit's or group's name in this tree's language."""
        return self.unit_label(ref).text

    def unit_label(self, ref: UnitRef) -> Label:
        """A unit's or group's name in this tree's language: its English name on English
        pages, else its Chinese name marked as Chinese (`generator.translations`)."""
        view = self.views.units.get(ref.key)
        if view is None:
            return self.names.label(ref.name)
        if self.names.english:
            found = localized(view.record, "name", self.lang)
            if found is not None and found.lang == self.lang:
                return Label(found.text)
        return self.names.label(view.record.name)

    def unit_link(self, here: str, ref: UnitRef) -> Link:
        label = self.unit_label(ref)
        return Link(label.text, relative(here, ref.url), label.lang)

    def issuer(self, record: Plan | object, region: str) -> Label:
        """A plan's (or basis document's) issuing body in this tree's language: its own
        English name, the English name of the unit it names, else the Chinese."""
        found = issuer(record, region, self.data.project.registry, self.lang)
        return self.names.label(found.text if found is not None else "")

    def note(self, note: object) -> Label:
        """An editor's note in this tree's language (the Chinese when it has no English,
        marked as such)."""
        found = note_text(note, self.lang)  # type: ignore[arg-type]
        return self.names.label(found.text)

    def text(self, record: object, attr: str) -> Label:
        """`record.<attr>` in this tree's language (`title_en` …), else the Chinese."""
        found = localized(record, attr, self.lang)
        return self.names.label(found.text if found is not None else "")

    # --- deadlines and tasks ---------------------------------------------------------------

    def deadline(self, deadline: Deadline) -> DeadlineBadge:
        """A deadline in words in this tree's language, with its status on the build date."""
        status = deadline_status(deadline, self.today)
        stamp, _ = when_parts(deadline.date, deadline.precision, self.ui)
        return DeadlineBadge(
            Label(deadline_phrase(deadline, self.ui)),
            stamp,
            status.value,
            status_label(status, self.ui),
            self.ui.dl_inferred if deadline.inferred else "",
        )

    def recurrence(self, recurrence: Recurrence, plan: Plan) -> DeadlineBadge:
        """A recurring duty: as printed on Chinese pages (每季度对乡镇街道开展一次督导), in
        words on English ones; ongoing while its plan's period lasts."""
        status = recurrence_status(recurrence, self.today, plan.period)
        if self.names.english:
            phrase = Label(recurrence_phrase(recurrence, self.ui))
        else:
            phrase = Label(recurrence.phrase)
        return DeadlineBadge(phrase, "", status.value, status_label(status, self.ui))

    def period_badge(self, plan: Plan) -> PeriodBadge:
        """Whether the plan's period has begun, is running or has ended."""
        status = period_status(plan.period, self.today)
        return PeriodBadge(status.value, status_label(status, self.ui))

    def task_name(self, here: str, tv: TaskView, item: Item | None = None) -> TaskName:
        """How the task (or one of its items) is named from page `here`: number and title
        (`generator.titles.task_title`), derived titles marked."""
        key = (tv.plan.id, tv.task.id)
        found = self._titles.get(key)
        if found is None:
            title = task_title(tv.task, self.lang)
            lang = TEXT_LANG if title.fallback(self.lang) and self.names.english else ""
            found = (self.task_number(tv), title.text, lang, title.derived)
            self._titles[key] = found
        no, text, lang, derived = found
        if item is None:
            return TaskName(no, text, relative(here, tv.url), lang, derived)
        anchor = urls.item_anchor(tv.task.id, item.id)
        number = self.ui.format("cite_item", clause=no, item=cite.item_label(item, self.ui))
        return TaskName(number, text, relative(here, f"{tv.page}#{anchor}"), lang, derived)

    def milestone_name(self, here: str, m: Milestone) -> TaskName:
        """What a deadline belongs to: its task (or item), else the chapter, section or
        phase whose text sets it, named in this tree's language."""
        if m.task is not None:
            return self.task_name(here, m.task, m.item)
        named = self.text(m.named, "name" if isinstance(m.named, Phase) else "title")
        return TaskName("", named.text or m.label, relative(here, m.url), named.lang)

    def task_number(self, tv: TaskView) -> str:
        """第5条 / "task 5" (the chapter in front where numbering restarts per chapter)."""
        if not self.names.english:
            return tv.number
        return cite.task_label(tv.task, self.ui, tv.chapter, restarts=self.restarts(tv.plan))

    def restarts(self, plan: Plan) -> bool:
        if plan.id not in self._restarts:
            self._restarts[plan.id] = numbering_restarts(plan)
        return self._restarts[plan.id]

    def citation(self, tv: TaskView, item: Item | None = None) -> str:
        """The citation of a task or item in this tree's language."""
        if not self.names.english and item is None:
            return tv.citation
        return cite.citation(
            tv.plan,
            tv.task,
            self.ui,
            self.lang,
            item=item,
            chapter=tv.chapter,
            restarts=self.restarts(tv.plan),
        )

    def finder(self, here: str) -> Finder:
        """The unit finder on page `here`."""
        return Finder(
            data=self.shared(here, f"{urls.DATA}{FINDER}"),
            base=relative(here, urls.UNITS),
        )

    # --- search ----------------------------------------------------------------------------

    def keywords(self, keys: Iterable[str], weight: float = DEFAULT_WEIGHT) -> Keywords | None:
        """A keyword block of `keys` (`search_keywords.keyword_list`); None without keys."""
        joined = " ".join(keys)
        if not joined:
            return None
        return Keywords(joined, f"{weight:.1f}", TEXT_LANG if self.names.english else "")

    @staticmethod
    def filters(**values: Iterable[str | None] | str | None) -> tuple[Filter, ...]:
        """Pagefind filters of a page, e.g. `filters(plan=…, unit=[…])`: each value once."""
        out: list[Filter] = []
        for name, given in values.items():
            items = [given] if isinstance(given, str) or given is None else given
            out += [Filter(name, value) for value in dict.fromkeys(v for v in items if v)]
        return tuple(out)
