"""Rendering the site without holding it: each page goes to disk as soon as it is made.

A national portal has tens of thousands of generated pages, hundreds of MB of HTML before
the theme adds its chrome (bench/RESULTS.md). `spool_pages` appends every page of every
language tree to a pack file (one per process) under a directory and keeps only what the
build needs afterwards: where each page is in its pack, and the ids and link targets of the
link check (`LinkIndex`). One file per page cost a directory and a file creation each,
seconds per build at national scale. Without a directory (tests, small sites) the pages are
kept in memory instead; everything else is the same.

The work is shared out between processes (forked, as many as the settings allow: they
inherit the project, its views and the page kits): the site's page groups are cut into
pieces of similar cost, each rendered in every language by one process; the build's
other jobs (exports, feeds) are pieces too. Each process takes the next piece from a
shared counter until none is left, so all of them finish at about the same time, whatever
a piece costs (the same total work as one tree per process, without one process waiting for the
other). With one
process, this process does every piece in order.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from ..processes import remove_left_behind, shared_out
from ..progress import Progress
from ..search_keywords import warm_up
from .linkcheck import LinkIndex
from .renderer import Page, PageGroup

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)
"""MkDocs' own rule (mkdocs.utils.meta) for where a page's YAML front matter ends."""
SPOOL_PREFIX = "planportal-files-"
"""A build's spool is `planportal-files-PID-…` in the system's temporary directory."""
_SPOOL_NAME = re.compile(re.escape(SPOOL_PREFIX) + r"(\d+)-\w+")
PIECES_PER_PROCESS = 24
"""Pieces of the site per process: small enough that the processes finish together, large
enough to keep the pages of a piece (a plan's, a run of units') in one process."""
Job = Callable[[], Any]
"""Work done beside the pages by whichever process is free (its result must pickle)."""
Tree = tuple[str, list[PageGroup]]
"""A language tree: its path prefix (`` or `en/`) and its page groups, in site order."""


@dataclass
class PageSpool:
    """Pages appended to pack files under `root`, in the order they were made; kept in
    memory when `root` is None."""

    root: Path | None
    paths: list[str] = field(default_factory=list)
    links: LinkIndex = field(default_factory=LinkIndex)
    where: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Page path → (pack file name, byte offset, byte length)."""
    heads: dict[str, str] = field(default_factory=dict)
    """Page path → its YAML front matter (all an engine reads before it renders the page)."""
    kept: dict[str, str] = field(default_factory=dict)
    """Page path → content, without a `root`."""
    _pack: BinaryIO | None = field(default=None, repr=False)

    def add(self, page: Page) -> None:
        head = FRONT_MATTER.match(page.content)
        self.heads[page.path] = head.group() if head else ""
        self.paths.append(page.path)
        self.links.add(page.path, page.content)
        if self.root is None:
            self.kept[page.path] = page.content
            return
        data = page.content.encode("utf-8")
        name = f"pages-{os.getpid()}.pack"  # per process: each rendering process has its own
        if self._pack is None:
            self.root.mkdir(parents=True, exist_ok=True)
            self._pack = (self.root / name).open("ab")
        self.where[page.path] = (name, self._pack.tell(), len(data))
        self._pack.write(data)

    def close(self) -> None:
        """Finish writing (reading works once the pack is flushed)."""
        if self._pack is not None:
            self._pack.close()
            self._pack = None

    def drop_reading_state(self) -> None:
        """Every page has been read by the engine: its ids and front matter are not needed
        to write it (tens of MB at national scale)."""
        self.links, self.heads = LinkIndex(), {}

    def merge(self, other: PageSpool) -> None:
        self.paths += other.paths
        self.where.update(other.where)
        self.kept.update(other.kept)
        self.heads.update(other.heads)
        self.links.merge(other.links)

    def __contains__(self, page_path: str) -> bool:
        return page_path in self.where or page_path in self.kept

    def read(self, page_path: str) -> str:
        """The page's content, as rendered."""
        if self.root is None:
            return self.kept[page_path]
        self.close()
        name, offset, length = self.where[page_path]
        with (self.root / name).open("rb") as pack:
            pack.seek(offset)
            return pack.read(length).decode("utf-8")

    def __getstate__(self) -> dict[str, Any]:  # sent back from a forked renderer
        self.close()
        return {k: v for k, v in self.__dict__.items() if k != "_pack"} | {"_pack": None}


def remove_stale_spools(temp: Path | None = None) -> list[Path]:
    """Remove the spools of builds whose process is gone (killed: at national scale a
    spool holds the whole site's pages); the paths removed."""
    return remove_left_behind(Path(temp or tempfile.gettempdir()), _SPOOL_NAME)


@dataclass(frozen=True)
class _Work:
    """Everything a rendering process needs, inherited by the forked ones."""

    trees: Sequence[Tree]
    """Each tree's page groups (the same number of groups in every tree)."""
    pieces: list[Job | range]
    """The jobs, then runs of group indexes."""
    root: Path | None


@dataclass
class _Done:
    """What one process made: its pages, where each goes in site order, the jobs' results."""

    spool: PageSpool
    order: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """Page path → (tree, group, sequence): sorting by it gives the site order."""
    results: dict[int, Any] = field(default_factory=dict)


def _do(work: _Work, take: Callable[[], int], *, progress: Progress) -> _Done:
    """Take pieces until none is left: run a job, or render a run of groups in every tree.
    `progress`: told how many pieces all processes have taken so far."""
    done = _Done(PageSpool(work.root))
    while (index := take()) < len(work.pieces):
        progress.reached(index)
        piece = work.pieces[index]
        if not isinstance(piece, range):
            done.results[index] = piece()
            continue
        for tree_index, (prefix, groups) in enumerate(work.trees):
            for group_index in piece:
                for page in groups[group_index].make():
                    page = replace(page, path=prefix + page.path)
                    done.order[page.path] = (tree_index, group_index, len(done.order))
                    done.spool.add(page)
    done.spool.close()
    return done


def _runs(costs: Sequence[int], count: int) -> list[range]:
    """`costs` cut into about `count` runs of consecutive indexes of similar total cost."""
    target = max(1, sum(costs) // max(1, count))
    runs, start, total = [], 0, 0
    for index, cost in enumerate(costs):
        total += cost
        if total >= target:
            runs.append(range(start, index + 1))
            start, total = index + 1, 0
    if start < len(costs):
        runs.append(range(start, len(costs)))
    return runs


def spool_pages(
    trees: Sequence[Tree], jobs: Sequence[Job], *, root: Path | None, processes: int
) -> tuple[PageSpool, list[Any]]:
    """Render the page groups of every tree (prefixing each page's path with its tree's)
    into pack files under `root` (or into memory) and run `jobs` meanwhile, shared out
    between `processes` processes; the spool of all pages (paths in site order: each tree
    in turn, its groups in order) and the jobs' results, in order."""
    if len({len(groups) for _, groups in trees}) > 1:
        raise AssertionError("the language trees must have the same page groups")
    runs = _runs([g.cost for g in trees[0][1]], PIECES_PER_PROCESS * processes)
    work = _Work(trees, [*jobs, *runs], root)
    groups_count = sum(len(groups) for _, groups in trees)  # about as many as pages
    progress = Progress("rendering pages and exports", len(work.pieces), pages=groups_count)
    if processes > 1:
        warm_up()  # the word lists, loaded once and inherited
    with shared_out(partial(_do, work, progress=progress), processes, name="renderer") as run:
        done = run()
    return _merged(done), [_result(done, index) for index in range(len(jobs))]


def _merged(done: list[_Done]) -> PageSpool:
    spool = done[0].spool
    order = done[0].order
    for other in done[1:]:
        spool.merge(other.spool)
        order |= other.order
    spool.paths.sort(key=order.__getitem__)
    return spool


def _result(done: list[_Done], index: int) -> Any:
    return next(d.results[index] for d in done if index in d.results)
