"""The project's reference data as the importer uses it (only when a project root is given).

- region names of `data/regions.yaml`, to give a basis title its region (《许昌市…》 → xuchang);
- the unit registry of `data/units`, to check unit names and to find the issuer named in the
  title (a unit of kind government or committee of the plan's region).

Loading never fails an import: missing or broken files give less reference data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import yaml

if TYPE_CHECKING:
    from ..registry import Registry

_ISSUER_KINDS = frozenset({"government", "committee"})


@dataclass(frozen=True)
class Reference:
    regions: tuple[tuple[str, str], ...] = ()
    """(name, id) of every region, longest name first."""
    registry: Registry | None = None
    """The unit registry, or None when data/units could not be loaded."""

    def region_of(self, title: str) -> str | None:
        """Id of the region whose name opens `title` (内蒙古自治区安全生产… → neimenggu)."""
        for name, region_id in self.regions:
            if title.startswith(name):
                return region_id
        return None

    def resolves(self, name: str, region: str) -> bool:
        return self.registry is not None and self.registry.resolve(name, region) is not None

    def known_regions(self) -> list[Any]:
        """Every region of data/regions.yaml as `regions.KnownRegion`."""
        from .regions import KnownRegion

        if self.registry is None:
            return [KnownRegion(rid, name, "county") for name, rid in self.regions]
        return [KnownRegion(r.id, r.name, r.level, r.parent) for r in self.registry.region_records]

    def categories(self) -> list[tuple[str, str]]:
        """(id, Chinese name) of every unit category."""
        if self.registry is None:
            return []
        return [(c.id, c.name) for c in self.registry.category_records]

    def expand(self, name: str, region: str) -> list[str]:
        """Units a short form (应急, 住建, 市场监管) may stand for, seen from `region`: the
        nearest region (the plan's, then each parent) with units whose name, short form,
        alias or category name contains the short form's characters in order, starting with
        its first.  One entry: resolved; several: ambiguous (the caller reports them)."""
        reg = self.registry
        if reg is None or not 2 <= len(name) <= 6 or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
            return []
        category_names = {c.id: c.name for c in reg.category_records}
        for region_id in [r.id for r in reg.region_chain(region)] or [region]:
            hits: list[str] = []
            for unit in reg.units_in(region_id):
                forms = [unit.name, unit.short or "", *unit.aliases]
                forms.append(category_names.get(unit.category or "", ""))
                if any(_abbreviates(name, form) for form in forms if form):
                    display = unit.short or unit.name
                    if display not in hits:
                        hits.append(display)
            if hits:
                return hits
        return []

    def issuing_unit(self, title: str, region: str) -> tuple[str, str] | None:
        """(canonical name, form in the title) of the government or committee of `region`
        that the title names, shortest form first; None when the title names none.

        阿拉善盟孛井滩生态移民示范区安全生产… in region bojingtan → 孛井滩生态移民示范区: the
        region's own unit, not its parent's (阿拉善盟), under its canonical name (not the
        short form 示范区, which alone would not say who issued the plan)."""
        if self.registry is None:
            return None
        hits = []
        for start in range(len(title)):
            for end in range(start + 2, min(len(title), start + 30) + 1):
                form = title[start:end]
                found = self.registry.resolve(form, region)
                if found and found.region == region and found.kind == "unit":
                    kind = getattr(found.record.kind, "value", found.record.kind)
                    if kind in _ISSUER_KINDS:
                        hits.append((len(form), start, found.name, form))
        if not hits:
            return None
        # The unit of the shortest form; its canonical name (as the title prints it, if so).
        _, _, name, form = min(hits)
        return name, (name if name in title else form)


_PLACE_PREFIX = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{0,8}?(?:省|自治区|市|盟|州|县|区|旗)")


def _abbreviates(short: str, form: str) -> bool:
    """住建 of 住房和城乡建设局: the characters in order, the first one opening the name
    (after a place prefix such as 市 or 禹州市)."""
    cores = {form, _PLACE_PREFIX.sub("", form, count=1)}
    for core in cores:
        if not core.startswith(short[0]):
            continue
        pos = 0
        for ch in short:
            pos = core.find(ch, pos)
            if pos < 0:
                break
            pos += 1
        else:
            return True
    return False


def load_reference(root: Path, stdout: TextIO | None = None) -> Reference:
    data = root / "data"
    regions: list[tuple[str, str]] = []
    try:
        loaded = yaml.safe_load((data / "regions.yaml").read_text(encoding="utf-8")) or {}
        for entry in loaded.get("regions", []) if isinstance(loaded, dict) else []:
            if isinstance(entry, dict) and entry.get("name") and entry.get("id"):
                regions.append((str(entry["name"]), str(entry["id"])))
    except (OSError, yaml.YAMLError, UnicodeDecodeError, AttributeError):
        regions = []
    regions.sort(key=lambda r: -len(r[0]))
    return Reference(tuple(regions), _registry(root, stdout) if regions else None)


def _registry(root: Path, stdout: TextIO | None) -> Any:
    from ..registry import load_registry

    try:
        registry, _ = load_registry(root / "data", root)
    except Exception as exc:  # a broken reference loader must not stop an import
        if stdout:
            print(f"note: data/ could not be loaded ({exc}); units are not checked", file=stdout)
        return None
    if registry is None and stdout:
        print("note: data/ could not be loaded; unit names are not checked", file=stdout)
    return registry
