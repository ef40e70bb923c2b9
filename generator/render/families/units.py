"""Unit pages: `/units/` (regions, categories, A–Z), the pages of each category and
letter, one page per region, and one per unit or group with its duties in every plan."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ...model import Category, Region
from ...search_keywords import keyword_list
from ...translations import localized_list
from ...views import urls
from ...views.site import DomainDuty, UnitView
from ...views.sorting import letter
from .. import text as tx
from ..contexts.common import Label, Link
from ..contexts.units import (
    DomainRow,
    NamedList,
    RegionContext,
    RegionNode,
    UnitContext,
    UnitFacts,
    UnitListContext,
    UnitsIndexContext,
)
from ..i18n import pinyin_name
from ..kit import PageKit
from ..renderer import Page, PageGroup, one_page
from .unit_duties import DutyBlocks, Listed, pages_of
from .unit_progress import unit_progress

UNITS_PER_PAGE = 200
"""The units index lists no unit: it has the unit finder, the region tree with counts, and
links to the category and letter pages (`UNITS_PER_PAGE` units a page), so that its size
does not grow with the portal (it listed a small portal's units three times: 19,000 px)."""
UNIT_KEYWORD_WEIGHT = 5.0
"""Weight of a unit page's keywords: they are its name (pinyin, aliases), as weighty as the
`<h1>`; a plan page names a unit on many tasks and would otherwise outrank the unit's page."""


def groups(kit: PageKit) -> list[PageGroup]:
    """The units index, its lists, the regions and every unit; a duty costs about one."""
    views = kit.views
    pages = UnitPages(kit)
    return [
        PageGroup(10, partial(one_page, pages.index)),
        PageGroup(len(views.units) // 6 + 1, pages.lists),
        *(PageGroup(1, partial(one_page, pages.region, r.id)) for r in views.regions),
        *(
            PageGroup(len(unit.duties) + 1, partial(pages.unit, unit))
            for unit in views.units_sorted()
        ),
    ]


class UnitPages:
    """The unit pages of one tree; a task's labels are made once, though the task is
    listed on the page of each of its units."""

    def __init__(self, kit: PageKit) -> None:
        self.kit = kit
        self.duties = DutyBlocks(kit)

    # --- index and lists -------------------------------------------------------------------

    def index(self) -> Page:
        kit, here = self.kit, urls.UNITS
        categories, letters = self._lists()
        ctx = UnitsIndexContext(
            ui=kit.ui,
            title=kit.ui.units_title,
            finder=kit.finder(here),
            regions=self._region_tree(here),
            categories=tuple(
                NamedList(
                    f"k-{cat.id}",
                    kit.names.of(cat),
                    kit.link(here, urls.units_category(cat.id)),
                    len(members),
                )
                for cat, members in categories
            ),
            letters=tuple(
                NamedList(
                    f"az-{k.lower()}" if k != "#" else "az-other",
                    k,
                    kit.link(here, urls.units_letter(k)),
                    len(members),
                )
                for k, members in letters
            ),
        )
        return kit.render(here, ctx)

    def lists(self) -> Iterator[Page]:
        """The pages of each category and each letter of the units index."""
        kit, ui = self.kit, self.kit.ui
        categories, letters = self._lists()
        lists = [
            (ui.format("units_of_category", category=kit.names.of(cat)), cat.id, members, True)
            for cat, members in categories
        ] + [(ui.format("units_of_letter", letter=k), k, members, False) for k, members in letters]
        for title, key, members, is_category in lists:
            url = urls.units_category if is_category else urls.units_letter
            chunks = [
                members[i : i + UNITS_PER_PAGE] for i in range(0, len(members), UNITS_PER_PAGE)
            ] or [[]]
            parts = [url(key, n) for n in range(1, len(chunks) + 1)]
            for n, chunk in enumerate(chunks, 1):
                here = parts[n - 1]
                ctx = UnitListContext(
                    title=title,
                    up=Link(ui.units_back, kit.link(here, urls.UNITS)),
                    count=ui.format("units_count", n=len(members)),
                    units=tuple(kit.unit_link(here, u.ref) for u in chunk),
                    pager=kit.pager(here, ui.index_pages, parts, n),
                )
                yield kit.render(here, ctx)

    def _lists(
        self,
    ) -> tuple[list[tuple[Category, list[UnitView]]], list[tuple[str, list[UnitView]]]]:
        """Units by category (registry order) and by pinyin letter (A–Z, then `#`)."""
        views = self.kit.views
        by_category: dict[str, list[UnitView]] = {}
        letters: dict[str, list[UnitView]] = {}
        for u in views.units_sorted():
            if u.category is not None:
                by_category.setdefault(u.category.id, []).append(u)
            letters.setdefault(letter(u.sort_key), []).append(u)
        categories = [(c, by_category[c.id]) for c in views.categories if by_category.get(c.id)]
        ordered = sorted(letters.items(), key=lambda kv: (kv[0] == "#", kv[0]))
        return categories, ordered

    def _region_tree(self, here: str) -> tuple[RegionNode, ...]:
        """The regions with units or plans, each under its nearest listed ancestor."""
        kit, views = self.kit, self.kit.views
        listed = {r.id for r in views.regions}
        children: dict[str | None, list[Region]] = {}
        for region in views.regions:
            parent = region.parent
            while parent is not None and parent not in listed:
                above = kit.data.regions.get(parent)
                parent = above.parent if above is not None else None
            children.setdefault(parent, []).append(region)

        def node(region: Region) -> RegionNode:
            members = views.units_of_region(region.id)
            return RegionNode(
                anchor=f"r-{region.id}",
                title=Link(kit.names.of(region), kit.link(here, urls.region(region.id))),
                count=len(members),
                children=tuple(node(c) for c in children.get(region.id, ())),
            )

        return tuple(node(r) for r in children.get(None, ()))

    def region(self, region_id: str) -> Page:
        kit, here = self.kit, urls.region(region_id)
        region = next(r for r in kit.views.regions if r.id == region_id)
        members = kit.views.units_of_region(region_id)
        parent = next((r for r in kit.views.regions if r.id == region.parent), None)
        ctx = RegionContext(
            ui=kit.ui,
            title=kit.names.of(region),
            parent=Link(kit.names.of(parent), kit.link(here, urls.region(parent.id)))
            if parent
            else None,
            units=tuple(kit.unit_link(here, u.ref) for u in members if u.ref.kind == "unit"),
            groups=tuple(kit.unit_link(here, u.ref) for u in members if u.ref.kind == "group"),
        )
        return kit.render(here, ctx)

    # --- a unit's page ---------------------------------------------------------------------

    def unit(self, view: UnitView) -> list[Page]:
        """The unit's page, and further pages when its duties are many (`DUTIES_PER_PAGE`)."""
        pages = pages_of(view)
        parts = [urls.unit(view.ref.region, view.ref.id, n) for n in range(1, len(pages) + 1)]
        before: set[tuple[str, str]] = set()
        return [self._unit_page(view, parts, pages, n, before) for n in range(1, len(pages) + 1)]

    def _unit_page(
        self,
        view: UnitView,
        parts: list[str],
        pages: list[list[Listed]],
        n: int,
        before: set[tuple[str, str]],
    ) -> Page:
        kit, ui, names, duties = self.kit, self.kit.ui, self.kit.names, self.duties
        here, first, record = parts[n - 1], n == 1, view.record
        texts = [record.name, getattr(record, "short", None), *record.aliases]
        english = (record.name_en,) if names.english else ()
        ctx = UnitContext(
            ui=ui,
            title=kit.part_title(kit.unit_name(view.ref), n, len(parts)),
            unit_id=view.ref.id,
            region_id=view.ref.region,
            kind=view.ref.kind,
            facts=self._facts(here, view) if first else None,
            as_of=kit.as_of,
            summary=duties.summary(view),
            counts=duties.counts(view, parts, pages, here),
            roles=duties.blocks(here, view, pages[n - 1], before),
            pager=kit.pager(here, ui.pager_label, parts, n) if len(parts) > 1 else None,
            domains=tuple(
                DomainRow(
                    names.link(
                        names.plan(d.plan, short=True), kit.link(here, urls.plan(d.plan.id))
                    ),
                    self._domains(d),
                    names.label(d.lead.phrase),
                )
                for d in view.domains
            )
            if first
            else (),
            groups=tuple(kit.unit_link(here, g) for g in view.groups) if first else (),
            membership=duties.membership(here, view) if first else (),
            member_count=len(view.members),
            peers=tuple(kit.unit_link(here, p) for p in view.peers) if first else (),
            feeds=tuple(self._feeds(here, view)) if first else (),
            keywords=kit.keywords(keyword_list(texts, english=english), UNIT_KEYWORD_WEIGHT)
            if first
            else None,
            filters=kit.filters(region=names.of(view.region), unit=kit.unit_name(view.ref)),
            progress=unit_progress(kit, here, view) if first else None,
        )
        return kit.render(here, ctx)

    def _domains(self, duty: DomainDuty) -> Label:
        """The domains a unit leads, in this tree's language where the data has them."""
        found = localized_list(duty.lead, "domains", self.kit.lang)
        return self.kit.names.label(self.kit.ui.list_sep.join(d.text for d in found))

    def _feeds(self, here: str, view: UnitView) -> Iterator[Link]:
        """The unit's duty table, calendar and change feed: files shared by the trees."""
        kit, region, unit = self.kit, view.ref.region, view.ref.id
        if view.duties:
            yield Link(kit.ui.unit_table, kit.shared(here, urls.unit_table(region, unit)))
        if any(duty.task.task.deadlines for duty in view.duties):
            yield Link(kit.ui.unit_calendar, kit.shared(here, urls.unit_calendar(region, unit)))
        yield Link(kit.ui.unit_changes_feed, kit.shared(here, urls.unit_feed(region, unit)))

    def _facts(self, here: str, view: UnitView) -> UnitFacts:
        kit, ui, record, names = self.kit, self.kit.ui, view.record, self.kit.names
        forms = [f for f in (getattr(record, "short", None), *record.aliases) if f]
        return UnitFacts(
            kind=ui.unit_kind_unit if view.ref.kind == "unit" else ui.unit_kind_group,
            name=names.label(tx.clean(record.name)),
            region=Link(names.of(view.region), kit.link(here, urls.region(view.region.id))),
            category=tx.clean(names.of(view.category)) if view.category is not None else "",
            pinyin=tx.clean(pinyin_name(record.name)) if names.english else "",
            name_en=record.name_en or "" if not names.english else "",
            aliases=names.label(tx.clean("、".join(forms))) if forms else None,
        )
