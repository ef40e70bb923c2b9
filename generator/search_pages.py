"""Search entries on Pagefind pages: which entries share a page, and the page's HTML.

Pagefind ranks pages, and the search box loads `pagefind.*.pf_meta`, a list of every page
of the index, before the first query. One page per entry is best for ranking and counting
(Pagefind ranks and counts the entries themselves), and is what a portal of a few thousand
clauses gets. A national portal has tens of thousands of entries per language (tasks,
sub-items, units): one page each would make that list cost more than a whole first query
may (bench/RESULTS.md). Above `MAX_PAGES` pages, entries of one
group (the clauses printed on one plan part, the units of one region) therefore share a
page, as few per page as fits; plans, regions and topics keep a page of their own (the
boosts that rank them first are per page). The search box splits a page into its entries
again (the anchors) and ranks those.

A page holds its entries in order, each opened by an empty element whose tag names the
kind (`<pp-task>`) and whose `id` is the entry's site path; each field of an entry is a
span opened by its marker token (`search_text.field_mark`) and weighted
(`data-pagefind-weight`). Page-wide values are `<meta>` elements: the plan the entries
belong to (`pl`, shown with them), the boost fields of a single entry (`nm`, `rg`, `dn`),
and the filters.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import get_args

from .search_records import Entry, Field, Role
from .search_text import field_mark, token_text

FIELDS: tuple[str, ...] = get_args(Role)
"""Field roles in the order of their markers (`field_mark(n)` opens `FIELDS[n]`)."""
FACET_SEPARATOR = field_mark(len(FIELDS))
"""Between the filter values of an entry's `facets` field (pages shared by entries)."""
MAX_PAGES = 6_000
"""Pagefind pages at most: keeps the page list loaded before the first query small
(bench/RESULTS.md)."""
FACETS = ("category", "topic", "category_en", "topic_en")
"""Filters that differ between the entries sharing a page (kept per entry in `facets`; a
task's status is its `state` field)."""
BOOST_META = {"name": "nm", "region": "rg", "docno": "dn"}
"""Entry boosts → the page meta fields the search box weighs (`metaWeights`)."""
SINGLE = frozenset({"plan", "region", "topic"})
"""Kinds that always have a page of their own."""
INDEX_LANGUAGE = "und"
"""The index's language: one Pagefind does not segment (Chinese is indexed as tokens,
`search_text`) and does not stem (English words are matched by their beginning)."""


def paginate(entries: Sequence[Entry], max_pages: int = MAX_PAGES) -> list[tuple[Entry, ...]]:
    """The entries, one page each, or, above `max_pages`, entries of one group sharing
    pages in their order (the fewest per page that keeps within `max_pages`)."""
    if len(entries) <= max_pages:
        return [(e,) for e in entries]
    groups: dict[str, list[Entry]] = {}
    runs: list[list[Entry]] = []
    for entry in entries:
        if entry.kind in SINGLE or not entry.group:
            runs.append([entry])
        elif entry.group in groups:
            groups[entry.group].append(entry)
        else:
            groups[entry.group] = [entry]
            runs.append(groups[entry.group])
    per_page = _per_page(runs, max_pages)
    return [tuple(run[i : i + per_page]) for run in runs for i in range(0, len(run), per_page)]


def _per_page(runs: list[list[Entry]], max_pages: int) -> int:
    """The fewest entries per page that keep the page count within `max_pages`."""
    low, high = 1, max(len(run) for run in runs)
    while low < high:
        mid = (low + high) // 2
        if sum(math.ceil(len(run) / mid) for run in runs) <= max_pages:
            high = mid
        else:
            low = mid + 1
    return low


def page_html(entries: Sequence[Entry]) -> str:
    """The HTML Pagefind indexes for one page (never published)."""
    head = ['<meta charset="utf-8">']
    plan = entries[0].plan
    if plan[0] and all(e.plan == plan for e in entries):
        head.append(_meta("pl", token_text(plan[0])))
        head.append(_meta("pe", token_text(plan[1])))
    if len(entries) == 1:
        for boost, text in entries[0].boosts.items():
            if text.strip():
                head.append(_meta(BOOST_META[boost], token_text(text)))
    for name, values in _union_filters(entries).items():
        head += [
            f'<meta data-pagefind-filter="{name}[content]" content="{_attr(v)}">' for v in values
        ]
    body = [_entry_html(e, facets=len(entries) > 1) for e in entries]
    return (
        f'<!doctype html><html lang="{INDEX_LANGUAGE}"><head>{"".join(head)}</head>'
        f"<body><main data-pagefind-body>{''.join(body)}</main></body></html>"
    )


def _entry_html(entry: Entry, facets: bool) -> str:
    """The entry's anchor and fields; a task's own fields come before its sub-items (the
    search box reads an anchor's fields up to the next anchor)."""
    parts = [f'<pp-{entry.kind} id="{_attr(entry.path)}"></pp-{entry.kind}>']
    fields = list(entry.fields)
    if facets:
        values = [v for name in FACETS for v in entry.filters.get(name, ())]
        if values:
            fields.append(_facets(values))
    parts += [_field_html(f) for f in fields]
    for child in entry.children:
        parts.append(f'<pp-{child.kind} id="{_attr(child.path)}"></pp-{child.kind}>')
        parts += [_field_html(f) for f in child.fields]
    return "".join(parts)


def _field_html(f: Field) -> str:
    text = token_text(f.text)
    if not text:
        return ""
    weight = "" if f.weight == 1 else f' data-pagefind-weight="{f.weight:g}"'
    mark = field_mark(FIELDS.index(f.role))
    return f"<span{weight}>{mark} {html.escape(text, quote=False)}</span> "


def _facets(values: Iterable[str]) -> Field:
    return Field("facets", f" {FACET_SEPARATOR} ".join(values), 0.0)


def _union_filters(entries: Sequence[Entry]) -> dict[str, list[str]]:
    out: dict[str, dict[str, None]] = {}
    for entry in entries:
        for name, values in entry.filters.items():
            for value in values:
                if value:
                    out.setdefault(name, {})[value] = None
    return {name: list(values) for name, values in out.items()}


def _meta(name: str, value: str) -> str:
    return f'<meta data-pagefind-meta="{name}[content]" content="{_attr(value)}">'


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
