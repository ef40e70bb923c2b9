"""`--region` for a region the portal does not have yet: drafts of its reference data.

`planportal import … --region 某县` (a name) or `--region mouxian` (an id) of a region missing
from data/regions.yaml gives, for review, in the output directory:

- `regions.draft.yaml`: the entry to add (id from the pinyin of the name without its level
  suffix, English name, level from the suffix, parent guessed from the regions the document
  names: the issuer, recipients, basis titles and the name's own prefix);
- `units/<region>.yaml`: the units the plan names (full name with the region's name for a
  short `县应急管理局`, the short form as printed, kind and category guessed from the name),
  collective phrases (各乡镇, 有关部门, 成员单位) as groups.

Nothing is added to data/ by the importer: a person moves the reviewed drafts there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..pinyin import slug

_LEVELS: tuple[tuple[str, str, str], ...] = (
    # suffix, level, English
    ("自治区", "province", "Autonomous Region"),
    ("省", "province", "Province"),
    ("自治州", "prefecture", "Autonomous Prefecture"),
    ("盟", "prefecture", "League"),
    ("地区", "prefecture", "Prefecture"),
    ("新区", "zone", "New Area"),
    ("开发区", "zone", "Development Zone"),
    ("示范区", "zone", "Demonstration Zone"),
    ("园区", "zone", "Park"),
    ("自治县", "county", "Autonomous County"),
    ("自治旗", "county", "Autonomous Banner"),
    ("县", "county", "County"),
    ("旗", "county", "Banner"),
    ("区", "county", "District"),
    ("街道", "town", "Subdistrict"),
    ("镇", "town", "Town"),
    ("乡", "town", "Township"),
    ("市", "prefecture", ""),
)
_DEPTH = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "zone": 3, "town": 4}
_GROUP = re.compile(r"^各|成员单位$|有关部门$|有关单位$|相关部门$|相关单位$|等$")
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(人民政府|政府|管委会|管理委员会|办事处)$"), "government"),
    (re.compile(r"(委员会|安委会|委|党委|党组|指挥部)$"), "committee"),
    (re.compile(r"(公司|集团|企业)$"), "enterprise"),
    (re.compile(r"(中心|院|校|学会|协会|站|所|馆|社)$"), "organisation"),
)


@dataclass
class KnownRegion:
    id: str
    name: str
    level: str
    parent: str | None = None


@dataclass
class RegionDraft:
    """A region not in data/regions.yaml, as the importer guesses it."""

    entry: dict[str, Any]
    why_parent: str
    units: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.entry["id"])


def level_of(name: str) -> tuple[str, str, str]:
    """(level, core name without the suffix, English suffix) of a region name."""
    for suffix, level, english in _LEVELS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return level, name[: -len(suffix)], english
    return "county", name, ""


def find(arg: str, known: list[KnownRegion]) -> KnownRegion | None:
    """The known region `arg` names, by id or by full name."""
    return next((r for r in known if arg in (r.id, r.name)), None)


def draft_region(
    arg: str, title_region: str, mentioned: str, known: list[KnownRegion]
) -> RegionDraft:
    """A regions.yaml entry for `arg` (an id or a Chinese name) not in `known`.

    `title_region` is the region the plan title opens with (某县安全生产… → 某县); `mentioned`
    is the text of the issuer, recipients, cover letter and basis titles (parent search)."""
    is_name = bool(re.search(r"[\u4e00-\u9fff]", arg))
    name = arg if is_name else (title_region or arg)
    level, core, english = level_of(name)
    parent, why = _parent(name, level, mentioned, known)
    if parent and level == "prefecture" and name.endswith("市") and parent.level == "prefecture":
        level = "county"  # a 市 under a prefecture is a county-level city (禹州市 under 许昌市)
    # a name that repeats its parent's (阿拉善盟孛井滩…) is read without it
    own = core[len(parent.name) :] if parent and core.startswith(parent.name) else core
    region_id = arg if not is_name else slug(level_of(own)[1] if own != core else core)
    if any(r.id == region_id for r in known) and parent:
        region_id = f"{parent.id}-{region_id}"
    pinyin = slug(own).capitalize()
    entry: dict[str, Any] = {"id": region_id or "region", "name": name}
    entry["name_en"] = f"{pinyin} {english}".strip()
    entry["level"] = level
    if parent:
        entry["parent"] = parent.id
    return RegionDraft(entry, why)


def _parent(
    name: str, level: str, mentioned: str, known: list[KnownRegion]
) -> tuple[KnownRegion | None, str]:
    depth = _DEPTH.get(level, 3)
    above = [r for r in known if _DEPTH.get(r.level, 9) < depth or name.startswith(r.name)]
    prefix = [r for r in above if name.startswith(r.name) and r.name != name]
    if prefix:
        best = max(prefix, key=lambda r: len(r.name))
        return best, f"the name begins with {best.name}"
    named = [r for r in above if r.name in mentioned and r.name != name]
    if named:
        best = max(named, key=lambda r: (_DEPTH.get(r.level, 0), mentioned.count(r.name)))
        return best, f"{best.name} is named in the document (issuer, recipients or basis)"
    china = next((r for r in known if r.level == "country"), None)
    if china:
        return china, "no known region is named in the document: check the parent"
    return None, "no known region is named in the document: add the parent"


def _kind(name: str) -> str:
    for pattern, kind in _KINDS:
        if pattern.search(name):
            return kind
    return "department"


def _full_name(printed: str, region_name: str, level_char: str) -> str:
    """县应急管理局 → 某县应急管理局; a name that already names a place is kept."""
    if printed.startswith(region_name) or printed.startswith("中共"):
        return printed
    if level_char and printed.startswith(level_char):
        return region_name + printed[len(level_char) :]
    return printed


def draft_units(
    region: RegionDraft, names: list[str], categories: list[tuple[str, str]]
) -> dict[str, Any]:
    """A units/<region>.yaml for review: each name the plan gives, as unit or group."""
    region_name = str(region.entry["name"])
    level_char = region_name[-1] if region_name[-1] in "省市县区旗盟镇乡" else ""
    units: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    for printed in dict.fromkeys(names):
        is_group = bool(_GROUP.search(printed))
        full = printed if is_group else _full_name(printed, region_name, level_char)
        base = slug(full[len(region_name) :] if full.startswith(region_name) else full) or "unit"
        uid, n = base[:60].strip("-") or "unit", 2
        while uid in seen_ids:
            uid, n = f"{base[:56]}-{n}", n + 1
        seen_ids.add(uid)
        if is_group:
            groups.append({"id": uid, "name": printed})
            continue
        unit: dict[str, Any] = {"id": uid, "name": full}
        if full != printed:
            unit["short"] = printed
        unit["kind"] = _kind(full)
        if category := _category(full, categories):
            unit["category"] = category
        units.append(unit)
    out: dict[str, Any] = {"region": region.id, "units": units}
    if groups:
        out["groups"] = groups
    return out


def _category(name: str, categories: list[tuple[str, str]]) -> str | None:
    """The category whose Chinese name is in the unit's name (longest first)."""
    hits = [(len(cname), cid) for cid, cname in categories if cname and cname in name]
    return max(hits)[1] if hits else None
