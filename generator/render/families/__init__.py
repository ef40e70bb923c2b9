"""The kinds of generated page, each a module that turns a `PageKit` into page groups.

`FAMILIES` is the whole generated site, in site order: rendering (`generator.render.site`)
iterates over it for every language tree, and nothing else decides which pages exist. To
add a kind of page, write a module with `groups(kit) -> list[PageGroup]` and list it here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..kit import PageKit
from ..renderer import PageGroup
from . import changes, data, home, plan, progress, timeline, topics, units


@dataclass(frozen=True)
class Family:
    """One kind of page."""

    name: str
    groups: Callable[[PageKit], list[PageGroup]]
    """The family's pages in one tree, in groups made together, each with a rough cost."""
    after_exports: bool = False
    """Its pages list the export files (`PageKit.exports`), so they are made once every
    export is written; the others are made meanwhile."""


FAMILIES: tuple[Family, ...] = (
    Family("home", home.groups),
    Family("plan", plan.groups),
    Family("units", units.groups),
    Family("timeline", timeline.groups),
    Family("progress", progress.groups),
    Family("topics", topics.groups),
    Family("changes", changes.groups),
    Family("data", data.groups, after_exports=True),
)


def tree_groups(kit: PageKit, families: Iterable[Family]) -> list[PageGroup]:
    """The page groups of `families` in the tree of `kit`, in site order."""
    return [group for family in families for group in family.groups(kit)]
