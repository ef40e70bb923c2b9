"""The data of the unit finder (`data/units-finder.json`): every unit and group with the
names and pinyin keys a reader may type, for the finder on the home page and on `/units/`
(portal.js), which fetches it when the finder is first used: the pages stay the same size
whatever the number of units, and nothing is fetched from another host.

Each entry is `[path, name, English name, region index, keys]`: `path` is
`<region>/<id>` under `units/` of either language tree, `keys` the full pinyin and the
initials of the name, its short form and its aliases (`generator.pinyin`: 市应急管理局 →
`shiyingjiguanliju syjglj`), space-separated. Region names are listed once
(`regions`: `[name, English name]`).
"""

from __future__ import annotations

import json

from .. import pinyin
from ..views import SiteViews

FINDER = "units-finder.json"
"""Its path under `data/`."""


def _keys(forms: list[str]) -> str:
    keys: dict[str, None] = {}
    for n, form in enumerate(forms):
        if n < 2:  # the name and its short form: full pinyin too
            keys.setdefault(pinyin.full_pinyin(form))
        keys.setdefault(pinyin.initials(form))
    return " ".join(k for k in keys if k)


def finder_json(views: SiteViews) -> bytes:
    """The finder's data for every unit and group of `views` (sorted by pinyin)."""
    regions: dict[str, int] = {}
    region_names: list[list[str]] = []
    entries: list[list[object]] = []
    for unit in views.units_sorted():
        region = unit.region
        if region.id not in regions:
            regions[region.id] = len(region_names)
            region_names.append([region.name, region.name_en or ""])
        record = unit.record
        short = getattr(record, "short", None)
        forms = [record.name, *([short] if short else []), *record.aliases]
        entries.append(
            [
                f"{unit.ref.region}/{unit.ref.id}",
                record.name,
                record.name_en or "",
                regions[region.id],
                _keys(forms),
            ]
        )
    data = {"regions": region_names, "units": entries}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
