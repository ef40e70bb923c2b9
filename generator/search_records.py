"""What the search finds, built from the views (not from the page markup): one entry per
task, sub-item and prose section of a plan, per plan, unit or group, region, topic and
timeline page, in each language tree.

An entry is plain data: the site path it links to, its kind, its fields (each with the
weight its words get in the ranking) and its filter values. `search_pages` puts entries on
Pagefind pages; the search box shows an entry from its fields (title, number, text, units
by role, deadline), so what a result shows is exactly what was indexed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .model import Region
from .render.ui import load_ui
from .search_keywords import english_words
from .search_text import Vocabulary, pinyin_keys, quoted_terms
from .views import urls
from .views.site import ROLES, PlanView, SiteViews, TaskView, UnitView
from .views.timeline import month_path, plan_timeline_path, site_timeline
from .views.topics import topic_path

Kind = Literal["task", "item", "text", "plan", "unit", "group", "region", "topic", "timeline"]
Role = Literal[
    "no", "title", "text", "lead", "support", "responsible", "local", "deadline", "more", "facets"
]

# Weights of the words of each field (Pagefind's `data-pagefind-weight`: body text is 1).
NAME = 5.0
"""The name of a plan, unit, region or topic (its own page is what a name query wants)."""
TITLE = 3.0
"""A task's bold lead phrase."""
TEXT = 1.0
KEYS = 1.5
"""Pinyin, initials, aliases and English names: a query in those finds the entry."""
CONTEXT = 0.5
"""What places an entry (a sub-item's task title, a unit's region): found with it, not for it."""


@dataclass(frozen=True)
class Field:
    role: Role
    text: str
    weight: float = TEXT


@dataclass(frozen=True)
class Entry:
    kind: Kind
    path: str
    """Site path within its language tree, with the anchor (`plans/x/2/#t-15-1`)."""
    fields: tuple[Field, ...]
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """plan, region, category (of the units named), topic: values as the tree shows them."""
    boosts: dict[str, str] = field(default_factory=dict)
    """Texts ranked above everything else when a query matches them whole: `name` (of a
    plan, unit, region, topic), `region` (the place a plan is for), `docno` (文号)."""
    plan: str = ""
    """Label of the plan the entry belongs to (shown with it), empty for others."""
    group: str = ""
    """Entries of one group may share a Pagefind page at national scale (`search_pages`)."""


@dataclass(frozen=True)
class _Tree:
    """What entries need to know: the language tree, the project's words and records."""

    lang: str
    ui: Any
    english: bool
    vocab: Vocabulary
    registry: Any
    records: dict[tuple[str, str], Any]
    """Unit and group records by (region, id)."""

    def region(self, region: Region | None) -> str:
        if region is None:
            return ""
        return (region.name_en or region.name) if self.english else region.name

    def record(self, ref: Any) -> Any:
        return self.records.get(ref.key) if ref is not None else None


def site_entries(
    project: Any, views: SiteViews, lang: str, vocab: Vocabulary | None = None
) -> Iterator[Entry]:
    """Every entry of the tree `lang` (`zh`, `en`), plans first, in site order. `vocab`:
    `vocabulary(project, views)`, when several trees are made."""
    registry = project.registry
    tree = _Tree(
        lang,
        load_ui(lang),
        lang != "zh",
        vocab if vocab is not None else vocabulary(project, views),
        registry,
        {key: unit.record for key, unit in views.units.items()},
    )
    for view in views.plans:
        yield from plan_entries(view, tree)
    for unit in views.units_sorted():
        yield unit_entry(unit, tree)
    for region in views.regions:
        yield region_entry(region, tree)
    for topic in registry.topics.values():
        yield Entry(
            "topic",
            topic_path(topic.id),
            (
                Field("title", topic.name_en if tree.english else topic.name, NAME),
                Field("more", " ".join(_names_of_topic(topic, tree)), KEYS),
            ),
            filters={"topic": (_topic_name(topic, tree),)},
            boosts={"name": " ".join(_names_of_topic(topic, tree))},
            group="topics",
        )
    yield from timeline_entries(views, tree)


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


# --- plans and their clauses ----------------------------------------------------------------


def plan_label(view: PlanView, tree: _Tree) -> str:
    plan = view.plan
    if tree.english and plan.title_en:
        return plan.title_en
    return plan.short_title or plan.title


def plan_entries(view: PlanView, tree: _Tree) -> Iterator[Entry]:
    plan = view.plan
    vocab = tree.vocab
    label = plan_label(view, tree)
    regions = _region_chain(tree.registry, plan.region)
    region_name = tree.region(view.region)
    base_filters = {"plan": (label,), "region": (region_name,) if region_name else ()}
    names = [plan.title, plan.short_title or "", plan.doc_number or ""]
    if tree.english:
        names.insert(0, plan.title_en or "")
    keys = pinyin_keys([plan.short_title or plan.title], vocab, runs=False, initials=False)
    place = _place_keys(regions, tree)
    yield Entry(
        "plan",
        urls.plan(plan.id),
        (
            Field("title", plan.title_en if tree.english and plan.title_en else plan.title, NAME),
            Field("no", plan.doc_number or "", NAME),
            Field("text", " ".join(x for x in (plan.issuer, plan.preamble) if x)),
            Field(
                "more",
                " ".join(
                    [
                        plan.title if tree.english else "",
                        plan.short_title or "",
                        tree.ui[f"kind_{plan.kind.value}"],
                        *(b.title for b in plan.basis),
                        *keys,
                        *place,
                    ]
                ),
                KEYS,
            ),
        ),
        filters=base_filters,
        boosts={
            "name": " ".join(n for n in names if n),
            "region": " ".join(place),
            "docno": plan.doc_number or "",
        },
        plan=label,
    )
    for tv in view.tasks:
        yield from clause_entries(view, tv, tree, label, base_filters)
    yield from prose_entries(view, tree, label, base_filters)
    yield Entry(
        "timeline",
        plan_timeline_path(plan.id),
        (Field("title", tree.ui.format("plan_timeline_title", plan=label), TEXT),),
        filters=base_filters,
        plan=label,
        group=f"part:{view.url}",
    )


def clause_entries(
    view: PlanView,
    tv: TaskView,
    tree: _Tree,
    label: str,
    base_filters: dict[str, tuple[str, ...]],
) -> Iterator[Entry]:
    task = tv.task
    vocab = tree.vocab
    units = _units_by_role(view, tv, tree)
    topics = tuple(_topic_name(t, tree) for t in _topics(tv, tree))
    categories = tuple(_categories(view, tv, tree))
    filters = {**base_filters, "category": categories, "topic": topics}
    unit_fields = tuple(Field(role, "、".join(names)) for role, names in units.items() if names)
    title = task.title or ""
    # The names as printed (a unit field each) and the plan's label (on the page) hold what
    # a query for a unit's full name asks; pinyin is for names (units, places, topics),
    # whose pages list these clauses.
    named = [t.name_en for t in _topics(tv, tree)] if tree.english else list(topics)
    keys = pinyin_keys(list(quoted_terms([task.text])), vocab, runs=False)
    deadlines = [d.phrase for d in task.deadlines if not d.item]
    group = f"part:{tv.page}"
    yield Entry(
        "task",
        tv.url,
        (
            Field("no", _task_number(view, tv, tree), CONTEXT),
            Field("title", title, TITLE),
            Field("text", " ".join(x for x in (task.text, task.closing) if x)),
            *unit_fields,
            Field("deadline", "；".join(dict.fromkeys(deadlines))),
            Field("more", " ".join(named), KEYS if tree.english else CONTEXT),
            Field("more", " ".join(keys), KEYS),
        ),
        filters=filters,
        plan=label,
        group=group,
    )
    for n, item in enumerate(tv.items, 1):
        own = [d.phrase for d in item.deadlines]
        yield Entry(
            "item",
            f"{tv.page}#{item.anchor}",
            (
                Field("no", _item_number(view, tv, n, item.number, tree), CONTEXT),
                Field("title", title, CONTEXT),
                Field("text", item.item.text),
                *unit_fields,
                Field("deadline", "；".join(dict.fromkeys(own or deadlines))),
                Field(
                    "more",
                    " ".join(pinyin_keys(quoted_terms([item.item.text]), vocab, runs=False)),
                    KEYS,
                ),
            ),
            filters=filters,
            plan=label,
            group=group,
        )


def prose_entries(
    view: PlanView, tree: _Tree, label: str, base_filters: dict[str, tuple[str, ...]]
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
                (
                    Field("no", no or "", CONTEXT),
                    Field("title", title, TITLE),
                    Field("text", text),
                ),
                filters=base_filters,
                plan=label,
                group=f"part:{layout.page_of.get(anchor, view.url)}",
            )


def _task_number(view: PlanView, tv: TaskView, tree: _Tree) -> str:
    if tree.english:
        return tree.ui.format("clause_task", n=view.position(tv.task.id))
    return tv.number


def _item_number(view: PlanView, tv: TaskView, n: int, number: str, tree: _Tree) -> str:
    task = _task_number(view, tv, tree)
    if tree.english:
        return tree.ui.format("clause_item", task=task, n=n)
    return f"{task}（{number}）"


def _units_by_role(view: PlanView, tv: TaskView, tree: _Tree) -> dict[str, list[str]]:
    """Units named by the task, by role, as the tree names them (a territorial duty carried
    forward from an earlier task counts as `local`)."""
    resp = tv.task.responsibility
    out: dict[str, list[str]] = {}
    carried = view.carried.get(tv.task.id)
    for role in ROLES:
        names = list(getattr(resp, role))
        if role == "local" and carried:
            names += [n for n in carried[1] if n not in names]
        out[role] = list(dict.fromkeys(_unit_display(view, n, tree) for n in names))
    return out


def _unit_display(view: PlanView, printed: str, tree: _Tree) -> str:
    ref = view.refs.get(printed)
    if tree.english and ref is not None:
        return getattr(tree.record(ref), "name_en", None) or printed
    return printed


def _topics(tv: TaskView, tree: _Tree) -> list[Any]:
    return [t for t in (tree.registry.topics.get(x) for x in tv.task.topics) if t is not None]


def _topic_name(topic: Any, tree: _Tree) -> str:
    return topic.name_en if tree.english else topic.name


def _names_of_topic(topic: Any, tree: _Tree) -> list[str]:
    """The topic's names and pinyin (not the importer's keywords: the page does not show
    them, and a clause with such a word is found by its own text)."""
    return [topic.name, topic.name_en, *pinyin_keys([topic.name], runs=False, initials=True)]


def _categories(view: PlanView, tv: TaskView, tree: _Tree) -> Iterator[str]:
    seen: set[str] = set()
    for name in tv.task.responsibility.all_refs():
        record = tree.record(view.refs.get(name))
        category = tree.registry.categories.get(getattr(record, "category", None) or "")
        if category is not None and category.id not in seen:
            seen.add(category.id)
            yield category.name_en if tree.english else category.name


# --- units, regions, timelines ------------------------------------------------------------------


def unit_entry(unit: UnitView, tree: _Tree) -> Entry:
    record = unit.record
    short = getattr(record, "short", None) or ""
    names = [record.name, short, *record.aliases]
    shown = (record.name_en or record.name) if tree.english else record.name
    category = unit.category
    category_name = (category.name_en if tree.english else category.name) if category else ""
    region = tree.region(unit.region)
    keys = pinyin_keys(names)
    more = [*names, *keys, *english_words([record.name_en])]
    english_name = (record.name_en or "") if tree.english else ""
    return Entry(
        "group" if unit.ref.kind == "group" else "unit",
        unit.ref.url,
        (
            Field("title", shown, NAME),
            Field("text", " · ".join(x for x in (region, category_name) if x), CONTEXT),
            Field("more", " ".join(dict.fromkeys(more)), KEYS),
        ),
        filters={"region": (region,), "category": (category_name,) if category_name else ()},
        boosts={"name": " ".join(dict.fromkeys([*names, english_name]))},
        group=f"units:{unit.region.id}",
    )


def region_entry(region: Region, tree: _Tree) -> Entry:
    chain = _region_chain(tree.registry, region.id)
    place = _place_keys(chain[:1], tree)
    parents = [tree.region(r) for r in chain[1:] if r.level != "country"]
    return Entry(
        "region",
        urls.region(region.id),
        (
            Field("title", tree.region(region), NAME),
            Field("text", " · ".join(parents), CONTEXT),
            Field("more", " ".join(place), KEYS),
        ),
        filters={"region": (tree.region(region),)},
        boosts={"name": " ".join(place)},
        group="regions",
    )


def timeline_entries(views: SiteViews, tree: _Tree) -> Iterator[Entry]:
    timeline = site_timeline(views)
    yield Entry(
        "timeline",
        "timeline/",
        (Field("title", tree.ui.site_timeline_title, TEXT),),
        group="timeline",
    )
    for month in timeline.months:
        label = tree.ui.format(
            "month_label", year=month.year, month=month.month, mm=f"{month.month:02}"
        )
        yield Entry(
            "timeline",
            month_path(month.key),
            (
                Field("title", label, TEXT),
                Field("more", f"{month.key} {month.year}年{month.month}月", CONTEXT),
            ),
            group="timeline",
        )


# --- regions and places -------------------------------------------------------------------------


_SUFFIXES = (
    "自治区",
    "特别行政区",
    "自治州",
    "自治县",
    "地区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
    "州",
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


def _place_keys(chain: Iterable[Region], tree: _Tree) -> list[str]:
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
