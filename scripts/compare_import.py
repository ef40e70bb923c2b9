"""Compare a fresh import of each seed text with its hand-reviewed plan (plans/<id>.yaml).

    python scripts/compare_import.py [-v]

For every seed: re-import data/sources/<file> with the reviewed plan's id and region, then
compare the draft with the reviewed plan field by field on every holder (chapter, section,
phase, task; matched by id) and print the number of differences per category.  `-v` lists
each difference.  The reviewed plans carry deliberate human additions (notes, title_en,
short_title, some topic choices): those show up as differences and are expected.
"""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.importer import import_text  # noqa: E402

PLANS = ROOT / "plans"
SOURCES = ROOT / "data" / "sources"
CATEGORIES = (
    "structure",
    "text",
    "responsibility",
    "deadlines",
    "recurrence",
    "targets",
    "topics",
    "plan",
)
_TEXT_KEYS = ("title", "name", "text", "closing", "period_text")
_DEADLINE_KEYS = ("date", "precision", "phrase", "item")
_TARGET_KEYS = ("indicator", "comparator", "value", "unit", "by", "phrase", "item")
_PLAN_KEYS = ("title", "kind", "issuer", "doc_number", "issued", "period", "basis")


def holders(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every chapter, section, phase and task by a path-free key (kind:id)."""
    out: dict[str, dict[str, Any]] = {}
    for ch in plan.get("chapters", []):
        out[f"chapter:{ch['id']}"] = ch
        for sec in ch.get("sections", []):
            out[f"section:{sec['id']}"] = sec
            for task in sec.get("tasks", []):
                out[f"task:{task['id']}"] = task
        for ph in ch.get("phases", []):
            out[f"phase:{ph['id']}"] = ph
        for task in ch.get("tasks", []):
            out[f"task:{task['id']}"] = task
    return out


def _norm(value: Any) -> Any:
    return str(value) if value is not None else None


def _entries(obj: dict[str, Any], key: str, fields: tuple[str, ...]) -> list[tuple]:
    return [tuple(_norm(e.get(f)) for f in fields) for e in obj.get(key) or []]


def _multiset_diff(a: list, b: list) -> tuple[list, list]:
    ca, cb = Counter(a), Counter(b)
    return list((ca - cb).elements()), list((cb - ca).elements())


def _lead(lead: dict[str, Any]) -> tuple:
    return lead["unit"], tuple(lead["domains"]), tuple(sorted(lead.get("topics", [])))


def compare(draft: dict[str, Any], reviewed: dict[str, Any]) -> dict[str, list[str]]:
    diffs: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for key in _PLAN_KEYS:
        if _norm(draft.get(key)) != _norm(reviewed.get(key)):
            diffs["plan"].append(f"{key}: {draft.get(key)!r} -> {reviewed.get(key)!r}")
    dl = [_lead(lead) for lead in draft.get("domain_leads", [])]
    rl = [_lead(lead) for lead in reviewed.get("domain_leads", [])]
    extra, missing = _multiset_diff(dl, rl)
    diffs["plan"] += [f"domain_lead only in draft: {e}" for e in extra]
    diffs["plan"] += [f"domain_lead only in review: {m}" for m in missing]

    dh, rh = holders(draft), holders(reviewed)
    for key in dh.keys() - rh.keys():
        diffs["structure"].append(f"{key} only in draft")
    for key in rh.keys() - dh.keys():
        diffs["structure"].append(f"{key} only in review")
    for key in [k for k in rh if k in dh]:
        d, r = dh[key], rh[key]
        if _norm(d.get("no")) != _norm(r.get("no")):
            diffs["structure"].append(f"{key} no: {d.get('no')!r} -> {r.get('no')!r}")
        di = [(i["id"], i.get("no")) for i in d.get("items", [])]
        ri = [(i["id"], i.get("no")) for i in r.get("items", [])]
        if di != ri:
            diffs["structure"].append(f"{key} items: {di} -> {ri}")
        for f in _TEXT_KEYS:
            if (d.get(f) or None) != (r.get(f) or None):
                diffs["text"].append(f"{key} {f}")
        dtexts = [i.get("text") for i in d.get("items", [])]
        if dtexts != [i.get("text") for i in r.get("items", [])]:
            diffs["text"].append(f"{key} items text")
        if (d.get("responsibility") or {}) != (r.get("responsibility") or {}):
            diffs["responsibility"].append(f"{key}")
        for cat, fields in (
            ("deadlines", _DEADLINE_KEYS),
            ("recurrence", ("phrase", "every", "times", "item")),
            ("targets", _TARGET_KEYS),
        ):
            extra, missing = _multiset_diff(_entries(d, cat, fields), _entries(r, cat, fields))
            diffs[cat] += [f"{key} only in draft: {e}" for e in extra]
            diffs[cat] += [f"{key} only in review: {m}" for m in missing]
        if key.startswith("task:"):
            dt_, rt = set(d.get("topics", [])), set(r.get("topics", []))
            diffs["topics"] += [f"{key} extra {t}" for t in sorted(dt_ - rt)]
            diffs["topics"] += [f"{key} missing {t}" for t in sorted(rt - dt_)]
    return diffs


def topic_scores(draft: dict[str, Any], reviewed: dict[str, Any]) -> tuple[float, float, int]:
    """Micro precision and recall of task topics against the review, and the true positives."""
    dh, rh = holders(draft), holders(reviewed)
    tp = fp = fn = 0
    for key, r in rh.items():
        if not key.startswith("task:") or key not in dh:
            continue
        dt_, rt = set(dh[key].get("topics", [])), set(r.get("topics", []))
        tp, fp, fn = tp + len(dt_ & rt), fp + len(dt_ - rt), fn + len(rt - dt_)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), tp


def import_seed(reviewed: dict[str, Any]) -> dict[str, Any]:
    source = ROOT / reviewed["source"]["file"]
    kwargs: dict[str, Any] = {"plan_id": reviewed["id"]}
    if "root" in inspect.signature(import_text).parameters:
        kwargs["root"] = ROOT  # region registry for basis regions and the issuer
    result = import_text(
        source.read_text(encoding="utf-8"),
        region=reviewed["region"],
        source_file=source.name,
        **kwargs,
    )
    return yaml.safe_load(result.yaml)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    totals: Counter[str] = Counter()
    rows = []
    for path in sorted(PLANS.glob("*.yaml")):
        reviewed = yaml.safe_load(path.read_text(encoding="utf-8"))
        draft = import_seed(reviewed)
        diffs = compare(draft, reviewed)
        p, r, _ = topic_scores(draft, reviewed)
        rows.append((reviewed["id"], {c: len(v) for c, v in diffs.items()}, p, r))
        totals.update({c: len(v) for c, v in diffs.items()})
        if verbose:
            print(f"== {reviewed['id']}")
            for cat, lines in diffs.items():
                for line in lines:
                    print(f"  [{cat}] {line}")
    width = max(len(r[0]) for r in rows)
    print(f"{'plan':<{width}} " + " ".join(f"{c[:6]:>6}" for c in CATEGORIES) + "  topicP topicR")
    for plan_id, counts, p, r in rows:
        cells = " ".join(f"{counts[c]:>6}" for c in CATEGORIES)
        print(f"{plan_id:<{width}} {cells}  {p:6.1%} {r:6.1%}")
    print(f"{'total':<{width}} " + " ".join(f"{totals[c]:>6}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
