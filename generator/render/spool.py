"""Rendering the site without holding it: each page goes to disk as soon as it is made.

A national portal has ~18,000 generated pages (~600 MB of HTML before the theme adds its
chrome). `spool_trees` appends every page of every language tree to a pack file (one per
process) under a directory and keeps only what the build needs afterwards: where each page
is in its pack, and the ids and link targets of the link check (`LinkIndex`). One file per
page cost a directory and a file creation each, ~1 ms apiece on this kind of disk (~20 s
per build at national scale). The trees after the first are rendered in a forked
process meanwhile (two cores: the time of the slower tree instead of the sum), which
also takes a share of the build's other work; where `fork` is unavailable, or with
`PLANPORTAL_PARALLEL=0`, one after the other.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from ..search_keywords import warm_up
from ..views import SiteViews, build_date, build_views
from .i18n import tree_pages
from .linkcheck import LinkIndex
from .renderer import Page

PARALLEL_ENV = "PLANPORTAL_PARALLEL"
T = TypeVar("T")


@dataclass
class PageSpool:
    """Pages appended to pack files under `root`, in the order they were made."""

    root: Path
    paths: list[str] = field(default_factory=list)
    links: LinkIndex = field(default_factory=LinkIndex)
    where: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Page path → (pack file name, byte offset, byte length)."""
    _pack: BinaryIO | None = field(default=None, repr=False)

    def add(self, page: Page) -> None:
        data = page.content.encode("utf-8")
        name = f"pages-{os.getpid()}.pack"  # per process: the forked renderer writes its own
        if self._pack is None:
            self.root.mkdir(parents=True, exist_ok=True)
            self._pack = (self.root / name).open("ab")
        self.where[page.path] = (name, self._pack.tell(), len(data))
        self._pack.write(data)
        self.paths.append(page.path)
        self.links.add(page.path, page.content)

    def close(self) -> None:
        """Finish writing (reading works once the pack is flushed)."""
        if self._pack is not None:
            self._pack.close()
            self._pack = None

    def merge(self, other: PageSpool) -> None:
        self.paths += other.paths
        self.where.update(other.where)
        self.links.merge(other.links)

    def __contains__(self, page_path: str) -> bool:
        return page_path in self.where

    def read(self, page_path: str) -> str:
        """The page's content, as rendered."""
        self.close()
        name, offset, length = self.where[page_path]
        with (self.root / name).open("rb") as pack:
            pack.seek(offset)
            return pack.read(length).decode("utf-8")

    def __getstate__(self) -> dict[str, Any]:  # sent back from the forked renderer
        self.close()
        return {k: v for k, v in self.__dict__.items() if k != "_pack"} | {"_pack": None}


_FORKED: dict[str, Any] = {}
"""The project and its views handed to the forked renderer (inherited, never pickled)."""


def _spool_tree(lang: str, today: dt.date, root: Path) -> tuple[PageSpool, SiteViews]:
    spool = PageSpool(root)
    pages, views = tree_pages(_FORKED["project"], lang, today, _FORKED["views"])
    for page in pages:
        spool.add(page)
    spool.close()
    return spool, views


def _forked_trees(langs: list[str], today: dt.date, root: Path) -> tuple[PageSpool, Any]:
    """The work of the forked process: `elsewhere`, then its trees (see `spool_trees`)."""
    elsewhere = _FORKED["elsewhere"]
    result = elsewhere(_FORKED["views"]) if elsewhere is not None else None
    spool = PageSpool(root)
    for lang in langs:
        spool.merge(_spool_tree(lang, today, root)[0])
    return spool, result


def _can_fork() -> bool:
    return (
        os.environ.get(PARALLEL_ENV, "1") != "0"
        and "fork" in multiprocessing.get_all_start_methods()
        and (os.cpu_count() or 1) > 1
    )


def spool_trees(
    project: Any,
    *,
    langs: list[str],
    root: Path,
    today: dt.date | None = None,
    meanwhile: Callable[[SiteViews], None] | None = None,
    elsewhere: Callable[[SiteViews], T] | None = None,
) -> tuple[PageSpool, SiteViews, T | None]:
    """Render every tree in `langs` (the first at the site root) into files under `root`;
    the spool of all pages, the views, and what `elsewhere` returned.

    The trees after the first are rendered by a forked process, which first runs
    `elsewhere(views)` (its result must pickle); `meanwhile(views)` runs here once the
    first tree is done. The build splits its exports between the two so both cores stay
    busy to the end: the forked process writes the thousands of small files first (at
    national scale measured 5.4 s there against 8.5 s after its tree, while the other
    process was writing its pages). Without a fork: the first tree, `meanwhile`,
    `elsewhere`, then the other trees."""
    today = today or build_date()
    first, rest = langs[0], langs[1:]
    _FORKED.update(project=project, elsewhere=elsewhere)
    _FORKED["views"] = build_views(project, today)  # the same for every tree: built once
    try:
        if not (rest and _can_fork()):
            spool, views = _spool_tree(first, today, root)
            if meanwhile is not None:
                meanwhile(views)
            other, result = _forked_trees(rest, today, root)
            spool.merge(other)
            return spool, views, result
        warm_up()  # inherited by the forked renderer instead of loaded twice
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            forked = pool.submit(_forked_trees, rest, today, root)
            spool, views = _spool_tree(first, today, root)
            if meanwhile is not None:
                meanwhile(views)
            other, result = forked.result()
            spool.merge(other)
        return spool, views, result
    finally:
        _FORKED.clear()
