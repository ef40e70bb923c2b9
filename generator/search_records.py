"""What the search finds, built from the views (not from the page markup): an entry per
task (with its sub-items), prose section, plan, unit or group, region, topic and timeline
page.

One index serves both language trees: the Chinese text is the same in both (the English
tree prints the plans' text as written), so it is indexed once, and what the trees name
differently is given in both languages (`title` / `title_en`, the filters `plan` /
`plan_en` …); an entry's path is relative to its tree's root.

An entry is plain data: the path it links to, its kind, its fields (each with the weight
its words get in the ranking), its filter values and, for a task, its sub-items (each with
its own path, number and text; the task's units, title and deadline are not repeated on
them). `search_pages` puts entries on Pagefind pages; the search box shows a result from
these fields, so what a result shows is exactly what was indexed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .model import Region
from .render.ui import load_ui
from .reports.status import STATE_TERMS, State, StatusIndex, status_index
from .search_keywords import english_words
from .search_text import Vocabulary, pinyin_keys, quoted_terms, state_mark
from .titles import task_title
from .views import urls
from .views.site import ROLES, PlanView, SiteViews, TaskView, UnitView
from .views.timeline import month_path, plan_timeline_path, site_timeline
from .views.topics import topic_path

Kind = Literal["task", "item", "text", "plan", "unit", "group", "region", "topic", "timeline"]
Role = Literal[
    "no",
    "title",
    "title_en",
    "text",
    "text_en",
    "lead",
    "support",
    "responsible",
    "local",
    "deadline",
    "more",
    "facets",
    "state",
]
FILTERS = ("plan", "region", "category", "topic", "status")
"""Filters of the search box; each also as `<name>_en`, its values in English. `status` is
a task's derived status (`generator.reports.status`: 已完成, 期限已过，未报告完成 …), as of
the build date."""

# Weights of the words of each field (Pagefind's `data-pagefind-weight`: body text is 1).
NAME = 5.0
"""The name of a plan, unit, region or topic (its own page is what a name query wants)."""
TITLE = 3.0
"""A task's bold lead phrase."""
TEXT = 1.0
KEYS = 1.5
"""Pinyin, initials, aliases and English names: a query in those finds the entry."""
CONTEXT = 0.5
"""What places an entry (a unit's region, a clause's topics): found with it, not for it."""


@dataclass(frozen=True)
class Field:
    role: Role
    text: str
    weight: float = TEXT


@dataclass(frozen=True)
class Entry:
    kind: Kind
    path: str
    """Path within a language tree, with the anchor (`plans/x/2/#t-15`)."""
    fields: tuple[Field, ...]
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """`plan`, `region`, `category` (of the units named), `topic`, `status` (of a task),
    and each `<name>_en`."""
    boosts: dict[str, str] = field(default_factory=dict)
    """Texts ranked above everything else when a query matches them whole: `name` (of a
    plan, unit, region, topic), `region` (the place a plan is for), `docno` (文号)."""
    plan: tuple[str, str] = ("", "")
    """Label of the plan the entry belongs to, in Chinese and English (shown with it)."""
    group: str = ""
    """Entries of one group may share a Pagefind page at national scale (`search_pages`)."""
    children: tuple[Entry, ...] = ()
    """A task's sub-items (kind `item`: number, text, own deadline)."""


@dataclass(frozen=True)
class _Site:
    """What entries need to know: the project's words, records and interface strings."""

    ui: Any
    ui_en: Any
    vocab: Vocabulary
    registry: Any
    records: dict[tuple[str, str], Any]
    """Unit and group records by (region, id)."""
    status: StatusIndex
    """The derived status of every task, as of the build date."""

    def record(self, ref: Any) -> Any:
        return self.records.get(ref.key) if ref is not None else None


def site_entries(project: Any, views: SiteViews) -> Iterator[Entry]:
    """Every entry of the site, plans (with their clauses) first, in site order."""
    registry = project.registry
    site = _Site(
        load_ui("zh"),
        load_ui("en"),
        vocabulary(project, views),
        registry,
        {key: unit.record for key, unit in views.units.items()},
        _status(project, views),
    )
    for view in views.plans:
        yield from plan_entries(view, site)
    for unit in views.units_sorted():
        yield unit_entry(unit)
    for region in views.regions:
        yield region_entry(region, site)
    for topic in registry.topics.values():
        yield topic_entry(topic)
    yield from timeline_entries(views, site)


def _status(project: Any, views: SiteViews) -> StatusIndex:
    """The views' status index where the views carry one, else derived here from the
    project's progress reports (none: every task `no-report` or deadline passed)."""
    found = getattr(views, "status", None)
    if isinstance(found, StatusIndex):
        return found
    return status_index(project.plans, project.duties, project.progress, views.today)


def vocabulary(project: Any, views: SiteViews) -> Vocabulary:
    """The project's own words: unit names, short forms and aliases, regions, topics and
    their keywords, the glossary, and terms the plans put in quotation marks."""
    vocab = Vocabulary()
    registry = project.registry
    for region in registry.regions.values():
        vocab.add(region.name, _bare(region.name))
    for unit in views.units.values():
        record = unit.record
        vocab.add(record.name, getattr(record, "short", None), *record.aliases)
    for topic in registry.topics.values():
        vocab.add(topic.name, *topic.keywords)
    glossary = Path(project.root) / "data" / "glossary.yaml"
    if glossary.is_file():
        for term in (yaml.safe_load(glossary.read_text("utf-8")) or {}).get("terms", ()):
            vocab.add(str(term.get("zh", "")))
    for view in views.plans:
        for tv in view.tasks:
            task = tv.task
            texts = [task.title or "", task.text, *(i.item.text for i in tv.items)]
            for term in quoted_terms(texts):
                vocab.add(term)
    return vocab


def _both(name: str, zh: Iterable[str], en: Iterable[str]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(x for x in zh if x), f"{name}_en": tuple(x for x in en if x)}


def _region_name_en(region: Region | None) -> str:
    return (region.name_en or region.name) if region is not None else ""


# --- plans and their clauses ----------------------------------------------------------------


def plan_labels(view: PlanView) -> tuple[str, str]:
    plan = view.plan
    zh = plan.short_title or plan.title
    return (zh, plan.short_title_en or plan.title_en or zh)


def plan_entries(view: PlanView, site: _Site) -> Iterator[Entry]:
    plan = view.plan
    labels = plan_labels(view)
    region = view.region
    filters = {
        **_both("plan", labels[:1], labels[1:]),
        **_both("region", [region.name if region else ""], [_region_name_en(region)]),
    }
    place = _place_keys(_region_chain(site.registry, plan.region))
    kind = plan.kind.value
    keys = pinyin_keys([plan.short_title or plan.title], site.vocab, runs=False, initials=False)
    yield Entry(
        "plan",
        urls.plan(plan.id),
        (
            Field("title", plan.title, NAME),
            Field("title_en", plan.title_en or "", NAME),
            Field("no", plan.doc_number or "", NAME),
            Field("text", " ".join(x for x in (plan.issuer, plan.preamble) if x)),
            Field(
                "more",
                " ".join(
                    [
                        plan.short_title or "",
                        site.ui[f"kind_{kind}"],
                        site.ui_en[f"kind_{kind}"],
                        *(b.title for b in plan.basis),
                        *keys,
                        *place,
                    ]
                ),
                KEYS,
            ),
        ),
        filters=filters,
        boosts={
            "name": " ".join(n for n in (plan.title, plan.title_en, plan.short_title) if n),
            "region": " ".join(place),
            "docno": plan.doc_number or "",
        },
        plan=labels,
    )
    for tv in view.tasks:
        yield clause_entry(view, tv, site, labels, filters)
    yield from prose_entries(view, labels, filters)
    yield Entry(
        "timeline",
        plan_timeline_path(plan.id),
        (
            Field("title", site.ui.format("plan_timeline_title", plan=labels[0])),
            Field("title_en", site.ui_en.format("plan_timeline_title", plan=labels[1])),
        ),
        filters=filters,
        plan=labels,
        group=f"part:{view.url}",
    )


def clause_entry(
    view: PlanView,
    tv: TaskView,
    site: _Site,
    labels: tuple[str, str],
    plan_filters: dict[str, tuple[str, ...]],
) -> Entry:
    task = tv.task
    topics = _topics(tv, site)
    categories = [c for c in _categories(view, tv, site)]
    state = site.status.task(view.plan.id, task.id).state
    filters = {
        **plan_filters,
        **_both("category", (c.name for c in categories), (c.name_en for c in categories)),
        **_both("topic", (t.name for t in topics), (t.name_en for t in topics)),
        **_both("status", STATE_TERMS[state][:1], STATE_TERMS[state][1:2]),
    }
    units = _units_by_role(view, tv)
    quoted = list(quoted_terms([task.text, *(i.item.text for i in tv.items)]))
    # A task without a printed title is named by the start of its text (`titles`), which
    # its text holds already: shown, found by little.
    title, title_en = task_title(task, "zh"), task_title(task, "en")
    items = tuple(
        Entry(
            "item",
            f"{tv.page}#{item.anchor}",
            (
                Field("no", item.number, CONTEXT),
                Field("text", item.item.text),
                Field("deadline", "；".join(dict.fromkeys(d.phrase for d in item.deadlines))),
                *_item_state(site, view.plan.id, task.id, item.item.id),
            ),
        )
        for item in tv.items
    )
    return Entry(
        "task",
        tv.url,
        (
            Field("no", tv.number, CONTEXT),
            Field("title", title.text, CONTEXT if title.derived else TITLE),
            Field("title_en", title_en.text if title_en.translated else "", CONTEXT),
            Field("text", " ".join(x for x in (task.text, task.closing) if x)),
            *(Field(role, "、".join(names)) for role, names in units.items() if names),
            Field(
                "deadline",
                "；".join(dict.fromkeys(d.phrase for d in task.deadlines if not d.item)),
            ),
            Field("more", " ".join(x for t in topics for x in (t.name, t.name_en)), CONTEXT),
            Field("more", " ".join(pinyin_keys(quoted, site.vocab, runs=False)), KEYS),
            Field("state", state_mark(list(State).index(state)), 0.0),
        ),
        filters=filters,
        plan=labels,
        group=f"part:{tv.page}",
        children=items,
    )


def _item_state(site: _Site, plan_id: str, task_id: str, item_id: str) -> tuple[Field, ...]:
    """A sub-item's own state where reports were made on it (else its task's is shown)."""
    status = site.status.items.get((plan_id, task_id, item_id))
    if status is None or status.latest is None:
        return ()
    return (Field("state", state_mark(list(State).index(status.state)), 0.0),)


def prose_entries(
    view: PlanView, labels: tuple[str, str], filters: dict[str, tuple[str, ...]]
) -> Iterator[Entry]:
    """Chapters and sections with text of their own (总体要求, 保障措施 …)."""
    layout = view.layout
    for chapter in view.plan.chapters:
        heads = [(chapter.no, chapter.title, chapter.text, urls.chapter_anchor(chapter.id))]
        heads += [
            (s.no, s.title or "", s.text, urls.section_anchor(s.id)) for s in chapter.sections
        ]
        for no, title, text, anchor in heads:
            if not text.strip():
                continue
            yield Entry(
                "text",
                layout.href(anchor),
                (Field("no", no or "", CONTEXT), Field("title", title, TITLE), Field("text", text)),
                filters=filters,
                plan=labels,
                group=f"part:{layout.page_of.get(anchor, view.url)}",
            )


def _units_by_role(view: PlanView, tv: TaskView) -> dict[str, list[str]]:
    """Units named by the task, by role, as printed (a territorial duty carried forward
    from an earlier task counts as `local`)."""
    resp = tv.task.responsibility
    out: dict[str, list[str]] = {}
    carried = view.carried.get(tv.task.id)
    for role in ROLES:
        names = list(getattr(resp, role))
        if role == "local" and carried:
            names += [n for n in carried[1] if n not in names]
        out[role] = list(dict.fromkeys(names))
    return out


def _topics(tv: TaskView, site: _Site) -> list[Any]:
    return [t for t in (site.registry.topics.get(x) for x in tv.task.topics) if t is not None]


def _categories(view: PlanView, tv: TaskView, site: _Site) -> Iterator[Any]:
    seen: set[str] = set()
    for name in tv.task.responsibility.all_refs():
        record = site.record(view.refs.get(name))
        category = site.registry.categories.get(getattr(record, "category", None) or "")
        if category is not None and category.id not in seen:
            seen.add(category.id)
            yield category


# --- units, regions, topics, timelines ----------------------------------------------------------


def unit_entry(unit: UnitView) -> Entry:
    record = unit.record
    short = getattr(record, "short", None) or ""
    names = [record.name, short, *record.aliases]
    category = unit.category
    region = unit.region
    place = " · ".join(x for x in (region.name, category.name if category else "") if x)
    place_en = " · ".join(
        x for x in (_region_name_en(region), category.name_en if category else "") if x
    )
    more = [*names, *pinyin_keys(names), *english_words([record.name_en])]
    return Entry(
        "group" if unit.ref.kind == "group" else "unit",
        unit.ref.url,
        (
            Field("title", record.name, NAME),
            Field("title_en", record.name_en or "", NAME),
            Field("text", place, CONTEXT),
            Field("text_en", place_en, CONTEXT),
            Field("more", " ".join(dict.fromkeys(more)), KEYS),
        ),
        filters={
            **_both("region", [region.name], [_region_name_en(region)]),
            **_both(
                "category",
                [category.name if category else ""],
                [category.name_en if category else ""],
            ),
        },
        boosts={"name": " ".join(dict.fromkeys([*names, record.name_en or ""]))},
        group=f"units:{region.id}",
    )


def region_entry(region: Region, site: _Site) -> Entry:
    chain = _region_chain(site.registry, region.id)
    above = [r for r in chain[1:] if r.level != "country"]
    place = _place_keys(chain[:1])
    return Entry(
        "region",
        urls.region(region.id),
        (
            Field("title", region.name, NAME),
            Field("title_en", region.name_en or "", NAME),
            Field("text", " · ".join(r.name for r in above), CONTEXT),
            Field("text_en", " · ".join(_region_name_en(r) for r in above), CONTEXT),
            Field("more", " ".join(place), KEYS),
        ),
        filters=_both("region", [region.name], [_region_name_en(region)]),
        boosts={"name": " ".join(place)},
    )


def topic_entry(topic: Any) -> Entry:
    """The topic's names and pinyin (not the importer's keywords: the page does not show
    them, and a clause with such a word is found by its own text)."""
    keys = pinyin_keys([topic.name], runs=False, initials=True)
    return Entry(
        "topic",
        topic_path(topic.id),
        (
            Field("title", topic.name, NAME),
            Field("title_en", topic.name_en, NAME),
            Field("more", " ".join(keys), KEYS),
        ),
        filters=_both("topic", [topic.name], [topic.name_en]),
        boosts={"name": " ".join([topic.name, topic.name_en, *keys])},
    )


def timeline_entries(views: SiteViews, site: _Site) -> Iterator[Entry]:
    timeline = site_timeline(views)
    yield Entry(
        "timeline",
        "timeline/",
        (
            Field("title", site.ui.site_timeline_title),
            Field("title_en", site.ui_en.site_timeline_title),
        ),
        group="timeline",
    )
    for month in timeline.months:
        values = {"year": month.year, "month": month.month, "mm": f"{month.month:02}"}
        yield Entry(
            "timeline",
            month_path(month.key),
            (
                Field("title", site.ui.format("month_label", **values)),
                Field("title_en", site.ui_en.format("month_label", **values)),
                Field("more", month.key, CONTEXT),
            ),
            group="timeline",
        )


# --- regions and places -------------------------------------------------------------------------


_SUFFIXES = (
    *("自治区", "特别行政区", "自治州", "自治县", "地区"),
    *("省", "市", "区", "县", "盟", "旗", "州"),
)


def _bare(name: str) -> str:
    """A place name without its level (呼伦贝尔市 → 呼伦贝尔), as people say it."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _region_chain(registry: Any, region_id: str) -> list[Region]:
    """The region and the regions above it, nearest first."""
    out: list[Region] = []
    current = registry.regions.get(region_id)
    while current is not None and current not in out:
        out.append(current)
        current = registry.regions.get(current.parent) if current.parent else None
    return out


def _place_keys(chain: Iterable[Region]) -> list[str]:
    """How people name the places of `chain` (below the country): the name with and
    without its level, its id's syllables, pinyin and initials, its English name."""
    out: list[str] = []
    for region in chain:
        if region.level == "country":
            continue
        bare = _bare(region.name)
        out += [region.name, bare, *region.id.split("-")]
        out += pinyin_keys([bare], runs=True, initials=True)
        out += english_words([region.name_en])
    return list(dict.fromkeys(k for k in out if k))
