"""The project's reference data as the importer uses it (only when a project root is given).

- region names of `data/regions.yaml`, to give a basis title its region (《许昌市…》 → xuchang);
- the unit registry of `data/units`, to check unit names and to find the issuer named in the
  title (a unit of kind government or committee of the plan's region).

Loading never fails an import: missing or broken files give less reference data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

_ISSUER_KINDS = frozenset({"government", "committee"})


@dataclass(frozen=True)
class Reference:
    regions: tuple[tuple[str, str], ...] = ()
    """(name, id) of every region, longest name first."""
    registry: Any = None
    """`generator.registry.Registry`, or None when data/units could not be loaded."""

    def region_of(self, title: str) -> str | None:
        """Id of the region whose name opens `title` (内蒙古自治区安全生产… → neimenggu)."""
        for name, region_id in self.regions:
            if title.startswith(name):
                return region_id
        return None

    def resolves(self, name: str, region: str) -> bool:
        return self.registry is not None and self.registry.resolve(name, region) is not None

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
