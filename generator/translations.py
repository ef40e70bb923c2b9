"""Texts in a language, and how much of the project is translated.

The data is Chinese; English lives beside each Chinese text as reviewed data: `title_en`,
`name_en`, `issuer_en`, `text_en` (notes), `domains_en` (generator/model.py).  These are the
portal's translations, never official ones: `Localized.translated` says so, and pages
mark them.  Recurring terms are rendered the same way across plans (data/glossary.yaml).

`localized` picks the text of a record in a language (falling back to Chinese, marked by
its `lang`); `entries` lists every text a page may show for the plans, with the YAML place
of its Chinese original; `coverage` counts which of them have a translation, per kind, and
`missing_problems` turns the untranslated ones into located warnings for
`planportal translations`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .langs import DEFAULT_LANG, LANG_NAME
from .load import Locator, YamlPath
from .model import EditorNote, Plan
from .registry import Registry, Resolved
from .titles import first_text, short_title

if TYPE_CHECKING:
    from .project import Project

PlanFile = tuple[Plan, str]
"""A plan and the display path of its file (`plans/<id>.yaml`)."""
SUFFIX = {"en": "_en"}
"""Field suffix of each language other than the default (`title` → `title_en`)."""


@dataclass(frozen=True)
class Localized:
    """A text in one language, and whether it is that language or a fallback."""

    text: str
    lang: str
    """Language of `text`: the one asked for, or the default when there is no translation."""
    translated: bool = False
    """`text` is the portal's translation of the Chinese original."""

    def fallback(self, lang: str) -> bool:
        """True when `text` is not in `lang`: pages tag it with its own language."""
        return self.lang != lang


def field_name(attr: str, lang: str) -> str:
    """The field holding `attr` in `lang`: `title` (zh), `title_en` (en)."""
    return attr if lang == DEFAULT_LANG else attr + SUFFIX[lang]


def localized(record: Any, attr: str, lang: str) -> Localized | None:
    """`record.<attr>` in `lang` (`name_en` for `name` in English), else the Chinese text;
    `None` when the record has neither (an optional field left out)."""
    if lang != DEFAULT_LANG:
        text = getattr(record, field_name(attr, lang), None)
        if text:
            return Localized(text, lang, translated=True)
    original = getattr(record, attr, None)
    return Localized(original, DEFAULT_LANG) if original else None


def localized_list(record: Any, attr: str, lang: str) -> tuple[Localized, ...]:
    """A list field (`domains`) in `lang`, member by member, when the translation has
    every member; else the Chinese members."""
    original = tuple(getattr(record, attr, ()))
    if lang != DEFAULT_LANG:
        translated = tuple(getattr(record, field_name(attr, lang), ()))
        if translated and len(translated) == len(original):
            return tuple(Localized(t, lang, translated=True) for t in translated)
    return tuple(Localized(t, DEFAULT_LANG) for t in original)


def unit_name(resolved: Resolved, lang: str) -> Localized:
    """A unit or group as pages name it: its usual short form (市应急管理局) in Chinese,
    its English name in English (the Chinese form when it has none)."""
    if lang != DEFAULT_LANG:
        english = getattr(resolved.record, field_name("name", lang), None)
        if english:
            return Localized(english, lang, translated=True)
    return Localized(resolved.display, DEFAULT_LANG)


def note_text(note: EditorNote, lang: str) -> Localized:
    """An editor's note in `lang` (`text` is Chinese, `text_en` English)."""
    found = localized(note, "text", lang)
    assert found is not None  # `text` is required
    return found


# --- what there is to translate -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One text a page may show, and its translation into one language, if any."""

    file: str
    """Display path of the file holding the original (plans/x.yaml, data/units/x.yaml)."""
    path: YamlPath
    """Where the original is in that file (the translation goes beside it)."""
    kind: str
    """What the text is: `task title`, `unit name` … (`KINDS`)."""
    original: str
    """The Chinese text (for a task without a title: the derived short title)."""
    translation: str | None
    """The text in the language asked for; `None` when missing."""
    field: str
    """The field that holds (or would hold) the translation: `title_en`."""


KINDS = (
    "plan title",
    "plan short title",
    "issuer",
    "basis title",
    "basis issuer",
    "chapter title",
    "section title",
    "task title",
    "derived task title",
    "phase name",
    "domains",
    "editor's note",
    "unit name",
    "group name",
    "region name",
    "topic name",
    "category name",
)


def _entry(file: str, path: YamlPath, kind: str, record: Any, attr: str, lang: str) -> Entry | None:
    original = getattr(record, attr, None)
    if not original:
        return None
    name = field_name(attr, lang)
    translation = getattr(record, name, None) or None
    return Entry(file, (*path, attr), kind, original, translation, name)


def _plan_entries(plan: Plan, file: str, registry: Registry, lang: str) -> Iterator[Entry | None]:
    yield _entry(file, (), "plan title", plan, "title", lang)
    yield _entry(file, (), "plan short title", plan, "short_title", lang)
    yield _issuer(file, (), plan, plan.region, registry, lang)
    for i, basis in enumerate(plan.basis):
        yield _entry(file, ("basis", i), "basis title", basis, "title", lang)
        yield _issuer(file, ("basis", i), basis, basis.region or plan.region, registry, lang)
    yield from _notes(plan.notes, file, (), lang)
    for i, lead in enumerate(plan.domain_leads):
        yield _domains(lead, file, ("domain_leads", i), lang)
    for ci, chapter in enumerate(plan.chapters):
        base: YamlPath = ("chapters", ci)
        yield _entry(file, base, "chapter title", chapter, "title", lang)
        yield from _notes(chapter.notes, file, base, lang)
        for pi, phase in enumerate(chapter.phases):
            yield _entry(file, (*base, "phases", pi), "phase name", phase, "name", lang)
        for ti, task in enumerate(chapter.tasks):
            yield from _task_entries(task, file, (*base, "tasks", ti), lang)
        for si, section in enumerate(chapter.sections):
            here: YamlPath = (*base, "sections", si)
            yield _entry(file, here, "section title", section, "title", lang)
            yield from _notes(section.notes, file, here, lang)
            for ti, task in enumerate(section.tasks):
                yield from _task_entries(task, file, (*here, "tasks", ti), lang)


def _issuer(
    file: str, path: YamlPath, record: Any, region: str, registry: Registry, lang: str
) -> Entry | None:
    entry = _entry(file, path, "issuer", record, "issuer", lang)
    if entry is None or entry.translation is not None:
        return entry
    found = issuer(record, region, registry, lang)
    return replace(entry, translation=found.text) if found and found.translated else entry


def issuer(record: Any, region: str, registry: Registry, lang: str) -> Localized | None:
    """The issuing body of a plan (or of a `Basis`) in `lang`: `issuer_en`, else the English
    name of the unit it names in data/units (seen from `region`), else the Chinese."""
    own = localized(record, "issuer", lang)
    if own is None or own.lang == lang:
        return own
    resolved = registry.resolve(own.text, region)
    if resolved is not None:
        return localized(resolved.record, "name", lang) or own
    return own


def _task_entries(task: Any, file: str, path: YamlPath, lang: str) -> Iterator[Entry | None]:
    yield from _notes(task.notes, file, path, lang)
    if task.title:
        yield _entry(file, path, "task title", task, "title", lang)
        return
    derived = short_title(first_text(task))
    if derived:
        where = (*path, "text") if task.text.strip() else (*path, "items", 0, "text")
        name = field_name("title", lang)
        translation = task.title_en if lang != DEFAULT_LANG else derived
        yield Entry(file, where, "derived task title", derived, translation, name)


def _notes(
    notes: Iterable[EditorNote], file: str, path: YamlPath, lang: str
) -> Iterator[Entry | None]:
    for i, note in enumerate(notes):
        yield _entry(file, (*path, "notes", i), "editor's note", note, "text", lang)


def _domains(lead: Any, file: str, path: YamlPath, lang: str) -> Entry:
    original = "、".join(lead.domains)
    name = field_name("domains", lang)
    values = tuple(getattr(lead, name, ())) if lang != DEFAULT_LANG else lead.domains
    complete = len(values) == len(lead.domains)
    translation = "; ".join(values) if values and complete else None
    return Entry(file, (*path, "domains"), "domains", original, translation, name)


def _registry_entries(
    plans: Iterable[Plan], registry: Registry, lang: str
) -> Iterator[Entry | None]:
    """Names of the units, groups, regions, topics and categories the plans name."""
    named: set[tuple[str, str]] = set()
    regions: set[str] = set()
    topics: set[str] = set()
    for plan in plans:
        regions.add(plan.region)
        regions.update(b.region for b in plan.basis if b.region)
        for ref in _unit_refs(plan):
            resolved = registry.resolve(ref, plan.region)
            if resolved is not None:
                named.add((resolved.region, resolved.id))
        for task in plan.tasks():
            topics.update(task.topics)
        for lead in plan.domain_leads:
            topics.update(lead.topics)
    categories: set[str] = set()
    for n, reg in enumerate(registry.unit_registries):
        file = _registry_file(registry, n)
        for key, kind, records in (
            ("units", "unit name", reg.units),
            ("groups", "group name", reg.groups),
        ):
            for i, rec in enumerate(records):
                if (reg.region, rec.id) in named:
                    yield _entry(file, (key, i), kind, rec, "name", lang)
                    if getattr(rec, "category", None):
                        categories.add(rec.category)
    yield from _named(registry.region_records, regions, "data/regions.yaml", "regions", lang)
    yield from _named(registry.topic_records, topics, "data/topics.yaml", "topics", lang)
    yield from _named(
        registry.category_records, categories, "data/categories.yaml", "categories", lang
    )


def _named(
    records: Iterable[Any], wanted: set[str], file: str, key: str, lang: str
) -> Iterator[Entry | None]:
    kind = {"regions": "region name", "topics": "topic name", "categories": "category name"}
    for i, rec in enumerate(records):
        if rec.id in wanted:
            yield _entry(file, (key, i), kind[key], rec, "name", lang)


def _registry_file(registry: Registry, n: int) -> str:
    if n < len(registry.registry_files):
        return registry.registry_files[n]
    return f"data/units/{registry.unit_registries[n].region}.yaml"


def _unit_refs(plan: Plan) -> Iterator[str]:
    for task in plan.tasks():
        yield from task.responsibility.all_refs()
    if plan.cover_letter:
        yield from plan.cover_letter.recipients
    for lead in plan.domain_leads:
        yield lead.unit


def entries(plans: Iterable[PlanFile], registry: Registry, lang: str) -> list[Entry]:
    """Every text shown for `plans` (with their display paths) and the names they use, each
    with its translation into `lang` (always present for the default language)."""
    plans = list(plans)
    found: list[Entry | None] = []
    for plan, file in plans:
        found.extend(_plan_entries(plan, file, registry, lang))
    found.extend(_registry_entries((plan for plan, _ in plans), registry, lang))
    return [e for e in found if e is not None]


# --- coverage --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How much of what the pages show exists in one language."""

    lang: str
    total: int
    translated: int
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Kind → (translated, total), kinds in `KINDS` order."""
    missing: tuple[Entry, ...] = ()

    @property
    def share(self) -> float:
        """Translated share, 0…1 (1 when there is nothing to translate)."""
        return self.translated / self.total if self.total else 1.0

    def summary(self) -> str:
        """One line for the build's output: `English: 100.0 % of 468 texts translated`."""
        line = (
            f"{LANG_NAME.get(self.lang, self.lang)}: {self.share:.1%} of {self.total} "
            f"texts translated"
        ).replace("%", " %")
        if self.missing:
            line += f" ({len(self.missing)} missing: `planportal translations` lists them)"
        return line


def coverage(plans: Iterable[PlanFile], registry: Registry, lang: str) -> Coverage:
    """Translated share of every text the pages show for `plans` in `lang`."""
    found = entries(plans, registry, lang)
    counts: dict[str, list[int]] = {}
    for entry in found:
        count = counts.setdefault(entry.kind, [0, 0])
        count[0] += entry.translation is not None
        count[1] += 1
    by_kind = {kind: (counts[kind][0], counts[kind][1]) for kind in KINDS if kind in counts}
    missing = tuple(e for e in found if e.translation is None)
    return Coverage(lang, len(found), len(found) - len(missing), by_kind, missing)


def project_coverage(project: Project, lang: str) -> Coverage:
    """`coverage` of a loaded `Project` (plans with their file paths, and its registry)."""
    return coverage(
        ((plan, f"plans/{plan.id}.yaml") for plan in project.plans), project.registry, lang
    )


def located_missing(cov: Coverage, root: Path) -> list[Problem]:
    """`missing_problems` with the positions read from the files under `root`."""
    return missing_problems(cov, Locator(root=root))


def missing_problems(cov: Coverage, at: Locator | None = None) -> list[Problem]:
    """One located warning per missing translation (`path:line:col`, code `untranslated`),
    placed by `at` (line 1 without it)."""
    at = at or Locator()
    return [
        at.problem(
            entry.file,
            entry.path,
            "untranslated",
            f"{entry.kind} has no {LANG_NAME.get(cov.lang, cov.lang)} text: {entry.original}",
            _hint(entry),
            severity="warning",
        )
        for entry in cov.missing
    ]


def _hint(entry: Entry) -> str:
    if entry.kind == "derived task title":
        return (
            f"add `{entry.field}:` to the task, translating this short title, which the "
            "portal derives from its text since the task has no title"
        )
    if entry.kind == "domains":
        return f"add `{entry.field}:` with one English name per domain, in the same order"
    return f"add `{entry.field}:` beside it; recurring terms are in data/glossary.yaml"
