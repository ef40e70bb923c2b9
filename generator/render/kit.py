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

from ..history import History
from ..langs import PREFIX, TEXT_LANG
from ..model import Region, Topic
from ..search_keywords import DEFAULT_WEIGHT
from ..views import SiteViews, urls
from ..views.lineage import Lineage
from ..views.progress import ProgressView, progress_view
from ..views.site import UnitRef
from ..views.timeline import PlanTimeline, SiteTimeline, labels, plan_timeline, site_timeline
from ..views.topics import TopicView, topic_views
from .contexts.common import ExampleBanner, Filter, Keywords, Link, Pager
from .i18n import Names
from .links import relative
from .renderer import Page, PageContext, Renderer
from .reporting import Reporting
from .ui import UiStrings, load_ui

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
    labels: dict[str, str]
    """Labels of untitled tasks (number + start of the text), by clause URL."""
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
            labels={url: label for p in views.plans for url, label in labels(p).items()},
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
        view = self.views.units.get(ref.key)
        return self.names.of(view.record) if view is not None else ref.name

    def unit_link(self, here: str, ref: UnitRef) -> Link:
        return Link(self.unit_name(ref), relative(here, ref.url))

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
