"""The generated site of a project, whatever engine publishes it: `render_site`.

Read `render_site` to follow a plan from the model to HTML: it runs every stage after
loading, in order, one line each. Nothing here imports MkDocs; the MkDocs plugin only
registers what it returns (`generator.mkdocs_plugin`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..exports.site import EXPORT_JOBS, ExportJob, Sink
from ..settings import Settings
from ..views import SiteViews, build_views, urls
from .families import FAMILIES, Family, tree_groups
from .kit import PageKit, SiteData
from .renderer import Page, Renderer
from .spool import PageSpool, spool_pages

if TYPE_CHECKING:
    from ..project import Project


@dataclass
class RenderedSite:
    """Everything the generator adds to a site; an engine publishes it as it is."""

    pages: PageSpool
    """Every generated page of every language tree, in site order: `pages.paths` are
    Markdown source paths (`plans/x/index.md`, `en/plans/x/index.md`), `pages.read(path)`
    the content (YAML front matter, then one block of finished HTML)."""
    exports: dict[str, int]
    """Site path → size in bytes of every export file (`data/…`, `changes/…`), handed to
    `write` as it was made."""
    sources: list[tuple[str, str]]
    """(site path, project path) of each original text to publish beside the pages."""
    link_problems: list[str]
    """Links between generated pages (and to exports, sources and `known` paths) that lead
    nowhere."""
    views: SiteViews
    """The views the pages were made from."""
    files: dict[str, bytes] = field(default_factory=dict)
    """The export files themselves, when `render_site` was given no `write`."""

    def page_list(self) -> list[Page]:
        """Every page read back, in site order (for tests and small sites)."""
        return [Page(path, "", self.pages.read(path)) for path in self.pages.paths]


def render_site(
    project: Project,
    settings: Settings,
    *,
    spool: Path | None = None,
    write: Sink | None = None,
    known: Collection[str] = (),
) -> RenderedSite:
    """The generated site of `project`: pages of every family (`FAMILIES`) in every
    language tree of `settings.languages`, and every export file.

    `spool`: a directory for the pages (kept in memory without one); `write`: takes each
    export file as it is made (kept in `RenderedSite.files` without one); `known`: site
    paths the engine publishes besides (hand-written pages, assets), valid link targets.
    """
    views = build_views(project, settings.build_date)  # the model's derived views
    data = SiteData.of(project, views)  # and those of timelines, topics, lineage
    kits = _kits(data, settings.languages)  # one per language tree
    before = [f for f in FAMILIES if not f.after_exports]
    trees = [(kit.tree, tree_groups(kit, before)) for kit in kits]
    jobs = [partial(_export, job, project, views, settings.site_url, write) for job in EXPORT_JOBS]
    pages, made = spool_pages(trees, jobs, root=spool, processes=settings.processes)
    exports = {path: size for sizes, _ in made for path, size in sizes.items()}
    _add_pages_listing_exports(pages, kits, exports)
    sources = published_sources(views)
    targets = {*known, *exports, *(path for path, _ in sources)}
    problems = list(pages.links.problems(extra=targets))
    files = {path: content for _, kept in made for path, content in kept.items()}
    return RenderedSite(pages, exports, sources, problems, views, files)


def _kits(data: SiteData, languages: Collection[str]) -> list[PageKit]:
    renderer = Renderer()  # one jinja environment: templates compiled once for all trees
    return [PageKit.for_tree(data, lang, renderer) for lang in languages]


def _export(
    job: ExportJob,
    project: Project,
    views: SiteViews,
    site_url: str,
    write: Sink | None,
) -> tuple[dict[str, int], dict[str, bytes]]:
    """Run one export job; its files go to `write`, or come back with the sizes (a job may
    run in a forked process, so a dict filled there would stay there)."""
    kept: dict[str, bytes] = {}
    sizes = job(project, views, site_url, write or kept.__setitem__)
    return sizes, kept


def _add_pages_listing_exports(
    pages: PageSpool, kits: list[PageKit], exports: dict[str, int]
) -> None:
    """The families whose pages list the export files, made now that those are written."""
    after: list[Family] = [f for f in FAMILIES if f.after_exports]
    for kit in kits:
        with_sizes = replace(kit, exports=exports)
        for group in tree_groups(with_sizes, after):
            for page in group.make():
                pages.add(replace(page, path=kit.tree + page.path))


def published_sources(views: SiteViews) -> list[tuple[str, str]]:
    """(site path, project path) of every original text to publish beside the pages."""
    seen: dict[str, str] = {}
    for view in views.plans:
        if view.source_available:
            seen.setdefault(urls.source(view.plan.source.file), view.plan.source.file)
    return sorted(seen.items())
