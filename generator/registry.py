"""Reference data: regions, units and groups, topics, categories; resolving unit names.

Plans name units as printed (`市应急管理局`, `消防救援大队`, `市安委会各成员单位`).  The
registry resolves such a name in the plan's region first and then in its parent regions
(`huainan-datong` → `huainan` → `anhui` → `china`), by exact match on a unit's `name`,
`short` or `aliases` (or a group's `name` or `aliases`) after normalising both sides
(NFC, no whitespace, half-width parentheses as full-width).  Names that do not resolve get
"did you mean" suggestions by character and pinyin similarity.

`load_registry` reads `data/` with the located YAML loader; `check_reference` reports
problems in the reference data itself (duplicate ids, an alias naming two units, an unknown
parent region or category…) as located `Problem`s.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from . import pinyin
from .errors import Problem, Severity, did_you_mean, repeats
from .load import LoadedYaml, Locator, YamlPath, load_yaml, validate_as
from .model import (
    RESERVED_IDS,
    CategoriesFile,
    Category,
    GlossaryFile,
    Group,
    Membership,
    Region,
    RegionsFile,
    Topic,
    TopicsFile,
    Unit,
    UnitRegistry,
)
from .paths import Folder

Kind = Literal["unit", "group"]

_SPACE = re.compile(r"[\s\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff]+")
"""Whitespace and invisible characters (zero-width spaces and joiners, word joiner, soft
hyphen, direction marks): a name copied with one still names the same unit (the loader
flags them)."""
_PARENS = str.maketrans({"(": "（", ")": "）"})

SUGGEST_CUTOFF = 0.6
"""Minimum similarity (0–1) for a suggestion."""
ID_CUTOFF = 0.6
"""Least similarity of an id suggested in data/ files: pinyin ids share many letters
(`zhujianju` is half like `yingjiguanliju`), so `errors.CLOSE_ENOUGH` would offer noise."""
SUGGEST_MARGIN = 0.12
"""Suggestions scoring this much below the best one are dropped (they are mostly noise)."""


def normalise(name: str) -> str:
    """The form names are compared in: NFC, no whitespace or invisible characters,
    full-width parentheses."""
    return _SPACE.sub("", unicodedata.normalize("NFC", name)).translate(_PARENS)


def match_topics(text: str, topics: Iterable[Topic]) -> list[str]:
    """Ids of the topics with a keyword in `text` (whitespace ignored), in the given order."""
    flat = normalise(text)
    return [t.id for t in topics if any(normalise(k) in flat for k in t.keywords if k)]


@dataclass(frozen=True)
class Resolved:
    """What a printed name stands for."""

    kind: Kind
    region: str
    """Id of the region whose file defines the record (may be an ancestor of the plan's)."""
    id: str
    name: str
    """Canonical name."""
    record: Unit | Group

    @property
    def display(self) -> str:
        """The usual short form of a unit (市应急管理局), else the name."""
        return (self.record.short if isinstance(self.record, Unit) else None) or self.name


@dataclass(frozen=True)
class _Entry:
    resolved: Resolved
    form: str
    """The form as written in the file."""
    path: YamlPath
    """Where the form is, inside its file."""
    source: int
    """Index of the unit registry the entry comes from."""


@dataclass(frozen=True, eq=False)
class Registry:
    """All reference data, immutable; lookups are precomputed at construction."""

    region_records: tuple[Region, ...]
    unit_registries: tuple[UnitRegistry, ...] = ()
    topic_records: tuple[Topic, ...] = ()
    category_records: tuple[Category, ...] = ()
    sources: Mapping[str, LoadedYaml] = field(default_factory=dict, repr=False)
    """Loaded files by role (`regions`, `topics`, `categories`, `units/<n>`), for locations."""
    registry_files: tuple[str, ...] = ()
    """Display path of each unit registry (parallel to `unit_registries`)."""
    pinyin_overrides: pinyin.Overrides | None = field(default=None, repr=False)
    """Pinyin table used for suggestions; `None` means the project default."""

    regions: Mapping[str, Region] = field(init=False, repr=False)
    """Regions by id, in file order."""
    topics: Mapping[str, Topic] = field(init=False, repr=False)
    categories: Mapping[str, Category] = field(init=False, repr=False)
    _index: Mapping[str, Mapping[str, tuple[_Entry, ...]]] = field(init=False, repr=False)
    _records: Mapping[str, tuple[tuple[Kind, Unit | Group, int, int], ...]] = field(
        init=False, repr=False
    )
    _pinyin: dict[str, tuple[str, ...]] = field(init=False, repr=False)

    # --- construction ---------------------------------------------------------------

    @classmethod
    def from_models(
        cls,
        regions: Iterable[Region],
        registries: Iterable[UnitRegistry],
        topics: Iterable[Topic] = (),
        categories: Iterable[Category] = (),
        **kwargs: Any,
    ) -> Registry:
        return cls(tuple(regions), tuple(registries), tuple(topics), tuple(categories), **kwargs)

    def __post_init__(self) -> None:
        def first_by_id(records: Iterable[Any]) -> Mapping[str, Any]:
            out: dict[str, Any] = {}
            for rec in records:
                out.setdefault(rec.id, rec)
            return MappingProxyType(out)

        set_ = object.__setattr__
        set_(self, "regions", first_by_id(self.region_records))
        set_(self, "topics", first_by_id(self.topic_records))
        set_(self, "categories", first_by_id(self.category_records))

        index: dict[str, dict[str, list[_Entry]]] = {}
        records: dict[str, list[tuple[Kind, Unit | Group, int, int]]] = {}
        for n, reg in enumerate(self.unit_registries):
            forms = index.setdefault(reg.region, {})
            recs = records.setdefault(reg.region, [])
            for kind, key, items in (("unit", "units", reg.units), ("group", "groups", reg.groups)):
                for i, rec in enumerate(items):
                    recs.append((kind, rec, n, i))
                    resolved = Resolved(kind, reg.region, rec.id, rec.name, rec)  # type: ignore[arg-type]
                    for form, path in _forms(rec, (key, i)):
                        norm = normalise(form)
                        if norm:
                            forms.setdefault(norm, []).append(_Entry(resolved, form, path, n))
        set_(
            self,
            "_index",
            MappingProxyType(
                {
                    r: MappingProxyType({f: tuple(e) for f, e in fs.items()})
                    for r, fs in index.items()
                }
            ),
        )
        set_(self, "_records", MappingProxyType({r: tuple(v) for r, v in records.items()}))
        set_(self, "_pinyin", {})

    # --- regions --------------------------------------------------------------------

    def region(self, region_id: str) -> Region | None:
        return self.regions.get(region_id)

    def region_chain(self, region_id: str) -> list[Region]:
        """The region, its parent, the parent's parent … (stops on unknown ids and cycles)."""
        out: list[Region] = []
        seen: set[str] = set()
        current = self.regions.get(region_id)
        while current is not None and current.id not in seen:
            out.append(current)
            seen.add(current.id)
            current = self.regions.get(current.parent) if current.parent else None
        return out

    def _chain_ids(self, region_id: str) -> list[str]:
        return [r.id for r in self.region_chain(region_id)] or [region_id]

    # --- records --------------------------------------------------------------------

    def units_in(self, region_id: str) -> tuple[Unit, ...]:
        """Units defined for exactly this region (not its ancestors), in file order."""
        recs = self._records.get(region_id, ())
        return tuple(rec for kind, rec, _, _ in recs if kind == "unit")  # type: ignore[misc]

    def groups_in(self, region_id: str) -> tuple[Group, ...]:
        recs = self._records.get(region_id, ())
        return tuple(rec for kind, rec, _, _ in recs if kind == "group")  # type: ignore[misc]

    def unit(self, region_id: str, unit_id: str) -> Unit | None:
        return next((u for u in self.units_in(region_id) if u.id == unit_id), None)

    def group(self, region_id: str, group_id: str) -> Group | None:
        return next((g for g in self.groups_in(region_id) if g.id == group_id), None)

    def lookup(self, region_id: str, record_id: str) -> Resolved | None:
        """A unit or group by region and id (`/units/<region>/<id>/`)."""
        for kind, rec, _, _ in self._records.get(region_id, ()):
            if rec.id == record_id:
                return Resolved(kind, region_id, rec.id, rec.name, rec)
        return None

    def units_by_category(self, category: str) -> list[tuple[str, Unit]]:
        """(region id, unit) of every unit in `category`, regions in file order."""
        order = list(self.regions) + [r for r in self._records if r not in self.regions]
        return [(r, u) for r in order for u in self.units_in(r) if u.category == category]

    def topic(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def category(self, category_id: str) -> Category | None:
        return self.categories.get(category_id)

    def topics_for(self, text: str) -> list[str]:
        """Topic ids whose keywords occur in `text` (see `match_topics`)."""
        return match_topics(text, self.topics.values())

    # --- names ----------------------------------------------------------------------

    def resolve(self, name: str, region: str) -> Resolved | None:
        """The unit or group `name` stands for, seen from a plan of `region`; `None` if unknown.

        Exact match after `normalise`, in the region first, then in each ancestor.
        """
        key = normalise(name)
        if not key:
            return None
        for region_id in self._chain_ids(region):
            hits = self._index.get(region_id, {}).get(key)
            if hits:
                return hits[0].resolved
        return None

    def suggest(self, name: str, region: str, limit: int = 3) -> list[str]:
        """ "Did you mean" candidates for `name` from the region and its ancestors.

        Every name, short form and alias is compared with `name` by characters and by pinyin
        (so 市应急管里局 finds 市应急管理局); each unit or group is offered once, by its usual
        form (`short` for units, else `name`), best first.
        """
        key = normalise(name)
        if not key or limit <= 0:
            return []
        query_py = self._py(key)
        best: dict[tuple[str, str, str], tuple[float, int, str]] = {}
        for rank, region_id in enumerate(self._chain_ids(region)):
            for form, entries in self._index.get(region_id, {}).items():
                score = _similarity(key, query_py, form, self._py(form))
                for entry in entries:
                    r = entry.resolved
                    ident = (r.region, r.kind, r.id)
                    if ident not in best or score > best[ident][0]:
                        best[ident] = (score, rank, r.display)
        ranked = sorted(best.values(), key=lambda s: (-s[0], s[1]))
        if not ranked or ranked[0][0] < SUGGEST_CUTOFF:
            return []
        floor = max(SUGGEST_CUTOFF, ranked[0][0] - SUGGEST_MARGIN)
        out: list[str] = []
        for score, _, display in ranked:
            if score < floor or len(out) >= limit:
                break
            if display not in out:
                out.append(display)
        return out

    def _py(self, text: str) -> tuple[str, ...]:
        cached = self._pinyin.get(text)
        if cached is None:
            cached = tuple(pinyin.syllables(text, self.pinyin_overrides))
            self._pinyin[text] = cached
        return cached

    def entries(self, region_id: str) -> Iterator[tuple[str, Resolved]]:
        """(normalised form, record) for every name form defined in `region_id`."""
        for form, hits in self._index.get(region_id, {}).items():
            for hit in hits:
                yield form, hit.resolved


def _forms(rec: Unit | Group, base: YamlPath) -> Iterator[tuple[str, YamlPath]]:
    yield rec.name, (*base, "name")
    if isinstance(rec, Unit) and rec.short:
        yield rec.short, (*base, "short")
    for k, alias in enumerate(rec.aliases):
        yield alias, (*base, "aliases", k)


def _similarity(a: str, a_py: tuple[str, ...], b: str, b_py: tuple[str, ...]) -> float:
    """Character similarity, raised by syllable similarity (homophone typos: 管里/管理)."""
    chars = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    if not a_py or not b_py:
        return chars
    sound = difflib.SequenceMatcher(None, a_py, b_py, autojunk=False).ratio()
    return max(chars, (chars + sound) / 2)


# --- checks on the reference data ---------------------------------------------------------


def check_reference(registry: Registry) -> list[Problem]:
    """Problems in the reference data itself, located in their files when known."""
    out: list[Problem] = []
    at = _Locator(registry)

    # regions: duplicate ids, unknown parents, cycles
    for ident, first_item, i in repeats((r.id, i) for i, r in enumerate(registry.region_records)):
        out.append(
            at.file(
                "regions",
                ("regions", i, "id"),
                "duplicate-id",
                f"region id `{ident}` is defined twice",
                f"first defined as item {first_item + 1}; ids must be unique",
            )
        )
    for i, region in enumerate(registry.region_records):
        if region.id in RESERVED_IDS:
            out.append(
                at.file(
                    "regions",
                    ("regions", i, "id"),
                    "reserved-id",
                    f"region id `{region.id}` is reserved for index pages (/units/{region.id}/)",
                    "choose another id",
                )
            )
        if region.parent and region.parent not in registry.regions:
            out.append(
                at.file(
                    "regions",
                    ("regions", i, "parent"),
                    "unknown-region",
                    f"unknown parent region `{region.parent}` of `{region.id}`",
                    did_you_mean(region.parent, registry.regions, cutoff=ID_CUTOFF),
                )
            )
    for i, region in enumerate(registry.region_records):
        chain = registry.region_chain(region.id)
        last = chain[-1] if chain else None
        if last is not None and last.parent and last.parent in registry.regions:
            out.append(
                at.file(
                    "regions",
                    ("regions", i, "parent"),
                    "region-cycle",
                    f"region `{region.id}` is its own ancestor",
                    " → ".join(r.id for r in chain) + f" → {last.parent}",
                )
            )

    # categories and topics: duplicate ids
    for role, records in (
        ("categories", registry.category_records),
        ("topics", registry.topic_records),
    ):
        for ident, _, i in repeats((rec.id, i) for i, rec in enumerate(records)):
            out.append(
                at.file(
                    role,
                    (role, i, "id"),
                    "duplicate-id",
                    f"{role[:-1].replace('ie', 'y')} id `{ident}` is defined twice",
                )
            )

    # unit registries
    for n, reg in enumerate(registry.unit_registries):
        display = at.units_file(n)
        if reg.region not in registry.regions:
            out.append(
                at.unit(
                    n,
                    ("region",),
                    "unknown-region",
                    f"unknown region `{reg.region}`",
                    did_you_mean(reg.region, registry.regions, cutoff=ID_CUTOFF),
                )
            )
        stem = display.rsplit("/", 1)[-1].removesuffix(".yaml")
        if n < len(registry.registry_files) and stem != reg.region:
            out.append(
                at.unit(
                    n,
                    ("region",),
                    "registry-filename",
                    f"file for region `{reg.region}` is named `{stem}.yaml`",
                    f"rename it to `{reg.region}.yaml`",
                )
            )
        out.extend(_check_registry(registry, n, reg, at))
    regions = ((reg.region, n) for n, reg in enumerate(registry.unit_registries))
    for region_id, first_file, n in repeats(regions):
        out.append(
            at.unit(
                n,
                ("region",),
                "duplicate-registry",
                f"region `{region_id}` already has a unit file",
                f"merge it into {at.units_file(first_file)}",
            )
        )

    # one form, two records (in one region)
    for region_id in {reg.region for reg in registry.unit_registries}:
        for entries in registry._index.get(region_id, {}).values():
            distinct = {(e.resolved.kind, e.resolved.id) for e in entries}
            first = entries[0]
            if len(distinct) > 1:
                for e in entries[1:]:
                    if (e.resolved.kind, e.resolved.id) == (first.resolved.kind, first.resolved.id):
                        continue
                    out.append(
                        at.unit(
                            e.source,
                            e.path,
                            "ambiguous-alias",
                            f"`{e.form}` names both {first.resolved.kind} `{first.resolved.id}` "
                            f"and {e.resolved.kind} `{e.resolved.id}` in `{region_id}`",
                            "a name must resolve to one unit; remove it from one of them",
                        )
                    )
            else:
                for e in entries[1:]:
                    out.append(
                        at.unit(
                            e.source,
                            e.path,
                            "redundant-alias",
                            f"`{e.form}` repeats another form of `{e.resolved.id}`",
                            "forms are compared without spaces and with （） = (); remove it",
                            severity="warning",
                        )
                    )
    return out


def _check_registry(registry: Registry, n: int, reg: UnitRegistry, at: _Locator) -> list[Problem]:
    out: list[Problem] = []
    unit_ids = {u.id for u in reg.units}
    records = [
        (rec.id, (key, i)) for key in ("units", "groups") for i, rec in enumerate(getattr(reg, key))
    ]
    for ident, (first_key, _), (key, i) in repeats(records):
        out.append(
            at.unit(
                n,
                (key, i, "id"),
                "duplicate-id",
                f"id `{ident}` is used twice in `{reg.region}`",
                f"already used by the {first_key[:-1]} {ident!r}; "
                "units and groups share /units/<region>/<id>/",
            )
        )
    for i, unit in enumerate(reg.units):
        if unit.category and unit.category not in registry.categories:
            out.append(
                at.unit(
                    n,
                    ("units", i, "category"),
                    "unknown-category",
                    f"unknown category `{unit.category}`",
                    did_you_mean(unit.category, registry.categories, cutoff=ID_CUTOFF)
                    or "add it to data/categories.yaml",
                )
            )
        if unit.parent and unit.parent not in unit_ids:
            out.append(
                at.unit(
                    n,
                    ("units", i, "parent"),
                    "unknown-unit",
                    f"unknown parent unit `{unit.parent}`",
                    did_you_mean(unit.parent, unit_ids, cutoff=ID_CUTOFF)
                    or "use the id of a unit in this file",
                )
            )
        if unit.parent == unit.id:
            out.append(
                at.unit(
                    n, ("units", i, "parent"), "unknown-unit", f"unit `{unit.id}` is its own parent"
                )
            )
    for i, grp in enumerate(reg.groups):
        for j, entry in enumerate(grp.membership):
            here = ("groups", i, "membership", j)
            for k, member in enumerate(entry.units):
                if member not in unit_ids:
                    out.append(
                        at.unit(
                            n,
                            (*here, "units", k),
                            "unknown-unit",
                            f"unknown member unit `{member}` of group `{grp.id}`",
                            did_you_mean(member, unit_ids, cutoff=ID_CUTOFF)
                            or "use the id of a unit in this file",
                        )
                    )
            for field_name, message, hint in _membership_gaps(entry):
                out.append(at.unit(n, (*here, field_name), "membership-source", message, hint))
    return out


def _membership_gaps(entry: Membership) -> Iterator[tuple[str, str, str]]:
    """(field, message, hint) for each field a membership's kind of source requires."""
    kind = entry.source.value
    if kind == "editor":
        if not entry.note:
            yield (
                "note",
                "an editor's membership decision needs a `note`",
                ("say why these units are members (or why none are recorded) and on what basis"),
            )
        return
    if not entry.units:
        yield (
            "units",
            f"a `{kind}` membership lists no units",
            ("name the member units, or use `source: editor` with a note explaining why none"),
        )
    if not entry.quote:
        yield (
            "quote",
            f"a `{kind}` membership needs the `quote` that lists its units",
            ("copy the wording of the source verbatim"),
        )
    if kind == "plan" and not entry.plan:
        yield (
            "plan",
            "a `plan` membership needs the id of the `plan` that lists the units",
            ('e.g. `plan: hulunbeier-zhiben-gongjian-2024` and `task: "01"`'),
        )
    if kind == "committee" and not entry.document:
        yield (
            "document",
            "a `committee` membership needs the member list's `document`",
            ("its title or 文号; copy its text into data/sources/"),
        )


def units_file_problem(
    registry: Registry,
    region_id: str,
    path: YamlPath,
    code: str,
    message: str,
    hint: str | None = None,
    severity: Severity = "error",
) -> Problem:
    """A `Problem` at `path` inside the unit file of `region_id` (line 1 when unknown)."""
    at = _Locator(registry)
    files = [
        at.units_file(n) for n, r in enumerate(registry.unit_registries) if r.region == region_id
    ]
    file = files[0] if files else f"data/units/{region_id}.yaml"
    return at.problem(file, path, code, message, hint, severity=severity)


class _Locator(Locator):
    """The `Locator` of the reference files, which checks name by role (`regions`) or by
    the number of a unit file."""

    def __init__(self, registry: Registry) -> None:
        super().__init__(registry.sources.values())
        self.registry = registry

    def units_file(self, n: int) -> str:
        if n < len(self.registry.registry_files):
            return self.registry.registry_files[n]
        return f"data/units/{self.registry.unit_registries[n].region}.yaml"

    def file(
        self,
        role: str,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> Problem:
        loaded = self.registry.sources.get(role)
        file = loaded.path if loaded is not None else f"data/{role}.yaml"
        return self.problem(file, path, code, message, hint, severity=severity)

    def unit(
        self,
        n: int,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> Problem:
        return self.problem(self.units_file(n), path, code, message, hint, severity=severity)


# --- loading --------------------------------------------------------------------------


def load_registry(
    data_dir: Path, display_root: Path | None = None
) -> tuple[Registry | None, list[Problem]]:
    """Read `data/` (regions, units/*, topics, categories, pinyin overrides, glossary).

    Returns `None` only when `regions.yaml` is missing or invalid; otherwise a registry of
    every file that validated, plus all problems (loading, validation, `check_reference`).
    `topics.yaml`, `categories.yaml`, `glossary.yaml` and `pinyin-overrides.yaml` are optional.
    """
    root = display_root if display_root is not None else data_dir.parent
    problems: list[Problem] = []
    sources: dict[str, LoadedYaml] = {}

    def shown(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    data_folder = Folder(data_dir.parent, data_dir.name)
    units_folder = Folder(data_dir.parent, f"{data_dir.name}/units")

    def read(path: Path, model: type[Any], role: str, within: Folder = data_folder) -> Any:
        loaded, found = load_yaml(path, shown(path), within)
        problems.extend(found)
        if loaded is None or any(p.severity == "error" for p in found):
            return None
        record, found = validate_as(loaded, model)
        problems.extend(found)
        if record is not None:
            sources[role] = loaded
        return record

    regions_path = data_dir / "regions.yaml"
    if not os.path.lexists(regions_path):
        problems.append(
            Problem(
                shown(regions_path),
                1,
                1,
                "missing-file",
                "data/regions.yaml is missing",
                "every project needs its list of regions",
            )
        )
        return None, problems
    regions_file = read(regions_path, RegionsFile, "regions")
    if regions_file is None:
        return None, problems

    topics: tuple[Topic, ...] = ()
    categories: tuple[Category, ...] = ()
    if os.path.lexists(data_dir / "topics.yaml"):
        tf = read(data_dir / "topics.yaml", TopicsFile, "topics")
        topics = tf.topics if tf else ()
    if os.path.lexists(data_dir / "categories.yaml"):
        cf = read(data_dir / "categories.yaml", CategoriesFile, "categories")
        categories = cf.categories if cf else ()

    registries: list[UnitRegistry] = []
    files: list[str] = []
    units_dir = data_dir / "units"
    for path in sorted(units_dir.glob("*.yaml")) if units_dir.is_dir() else ():
        reg = read(path, UnitRegistry, f"units/{len(registries)}", units_folder)
        if reg is not None:
            registries.append(reg)
            files.append(shown(path))

    overrides = _load_overrides(data_dir / "pinyin-overrides.yaml", shown, problems, data_folder)
    problems.extend(_check_glossary(data_dir / "glossary.yaml", shown, data_folder))

    registry = Registry(
        regions_file.regions,
        tuple(registries),
        topics,
        categories,
        sources=MappingProxyType(sources),
        registry_files=tuple(files),
        pinyin_overrides=overrides,
    )
    problems.extend(check_reference(registry))
    return registry, problems


def _load_overrides(
    path: Path, shown: Any, problems: list[Problem], within: Folder
) -> pinyin.Overrides | None:
    if not os.path.lexists(path):
        return None
    loaded, found = load_yaml(path, shown(path), within)
    problems.extend(found)
    if loaded is None:
        return None
    data = loaded.data if isinstance(loaded.data, dict) else {}
    try:
        return pinyin.parse_overrides(data.get("overrides") or {})
    except ValueError as exc:
        problems.append(
            loaded.problem(
                ("overrides",),
                "invalid-value",
                str(exc),
                "write `词: pin yin`, one syllable per character",
            )
        )
        return None


def _check_glossary(path: Path, shown: Any, within: Folder) -> list[Problem]:
    """`glossary.yaml`: validated as `GlossaryFile`; each Chinese term listed once."""
    if not os.path.lexists(path):
        return []
    loaded, found = load_yaml(path, shown(path), within)
    if loaded is None:
        return found
    glossary, invalid = validate_as(loaded, GlossaryFile)
    out = [*found, *invalid]
    terms = glossary.terms if glossary else ()
    for zh, _, i in repeats((term.zh, i) for i, term in enumerate(terms)):
        out.append(
            loaded.problem(("terms", i, "zh"), "duplicate-id", f"term `{zh}` is listed twice")
        )
    return out
