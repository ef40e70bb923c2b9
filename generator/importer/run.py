"""`planportal import FILE|DIR --region R`: read, import, write the drafts and the reports.

For each input: `<out>/<plan-id>.yaml` (the draft), `<plan-id>.report.md` (what to check) and
`<plan-id>.review.html` (source and draft side by side, clause by clause).  A directory
imports every supported file in it (not below it) and ends with one summary table
(`<out>/summary.md`, also printed).  A region missing from data/regions.yaml is drafted
(`regions.py`).  Bad input ends with one `error:` line and exit 1, never a traceback.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..dump import dump_yaml
from . import meta
from .reference import Reference, load_reference
from .regions import RegionDraft, draft_region, draft_units, find
from .review import review_page
from .sources import SUPPORTED, Limits, ReadError, read_document

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SLOW = 2.0
"""An import taking longer than this (seconds) prints each stage's time as it goes."""


@dataclass
class Outcome:
    """One file's result, for the batch summary."""

    file: str
    plan_id: str = ""
    tasks: int = 0
    units: str = ""
    dates: int = 0
    coverage: str = ""
    problems: str = ""
    error: str = ""


class _Progress:
    def __init__(self, out: TextIO, name: str) -> None:
        self.out, self.name, self.start, self.last = out, name, time.monotonic(), 0.0

    def __call__(self, stage: str) -> None:
        now = time.monotonic() - self.start
        if now >= _SLOW:
            print(f"  {self.name}: {stage} ({now:.1f} s)", file=self.out, flush=True)


def run_import(
    path: str | Path,
    region: str,
    out_dir: str | Path,
    stdout: TextIO,
    *,
    resolve: Any = None,
    root: str | Path | None = None,
    limits: Limits | None = None,
    plan_id: str | None = None,
    **overrides: Any,
) -> int:
    """CLI: 0 when every input was imported, 1 otherwise (each failure said in one line)."""
    path, out = Path(path), Path(out_dir)
    if plan_id is not None and not _SLUG.match(plan_id):
        print(
            f"error: invalid plan id {plan_id!r}: use lowercase ASCII letters, digits and "
            "hyphens (as `planportal new` does); the draft is written inside --out",
            file=stdout,
        )
        return 1
    reference = load_reference(Path(root), stdout) if root is not None else None
    if root is not None:
        overrides.setdefault("topics_path", Path(root) / "data" / "topics.yaml")
    overrides = {k: v for k, v in overrides.items() if v is not None}
    if path.is_dir():
        if plan_id is not None:
            print(
                f"error: --id names one plan; {path} is a folder (ids come from the titles)",
                file=stdout,
            )
            return 1
        return _batch(path, region, out, stdout, resolve, reference, limits, overrides)
    outcome = _one(path, region, out, stdout, resolve, reference, limits, plan_id, overrides)
    return 1 if outcome.error else 0


def _batch(folder, region, out, stdout, resolve, reference, limits, overrides) -> int:
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in SUPPORTED and not p.name.startswith((".", "~$"))
    )
    if not files:
        print(
            f"error: {folder}: no file to import (supported: {' '.join(sorted(SUPPORTED))})",
            file=stdout,
        )
        return 1
    print(f"importing {len(files)} files from {folder}", file=stdout)
    outcomes = [
        _one(p, region, out, stdout, resolve, reference, limits, None, overrides) for p in files
    ]
    table = summary_table(outcomes)
    print(table, file=stdout)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "summary.md").write_text(f"# Import summary: {folder}\n\n{table}\n", "utf-8")
        print(f"wrote {out / 'summary.md'}", file=stdout)
    except OSError as exc:
        print(f"error: cannot write to {out}: {exc.strerror or exc}", file=stdout)
        return 1
    return 1 if any(o.error for o in outcomes) else 0


def summary_table(outcomes: list[Outcome]) -> str:
    head = "| file | plan | tasks | units resolved | dates | coverage | to check |"
    rows = [head, "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for o in outcomes:
        if o.error:
            rows.append(f"| {o.file} | – | – | – | – | – | error: {o.error} |")
        else:
            rows.append(
                f"| {o.file} | {o.plan_id} | {o.tasks} | {o.units} | {o.dates} | {o.coverage} "
                f"| {o.problems} |"
            )
    return "\n".join(rows)


def _one(path, region, out, stdout, resolve, reference, limits, plan_id, overrides) -> Outcome:
    from . import import_document

    outcome = Outcome(path.name)
    progress = _Progress(stdout, path.name)
    print(f"importing {path} (region {region})", file=stdout)
    try:
        doc = read_document(path, limits)
    except ReadError as exc:
        print(f"error: {exc}", file=stdout)
        outcome.error = str(exc).removeprefix(f"{path}: ")
        return outcome
    progress(f"read as {doc.kind}")
    region_id, units_region, drafted = _region(region, doc.text(), reference)
    result = import_document(
        doc,
        region=region_id,
        source_file=path.name,
        resolve=resolve,
        reference=reference,
        plan_id=plan_id,
        units_region=units_region,
        **overrides,
    )
    progress("parsed")
    report = result.report
    if drafted is not None:
        names = [
            n
            for n in _unit_names(result.draft)
            if reference is None or not reference.resolves(n, units_region)
        ]
        drafted.units = draft_units(drafted, names, _categories(reference))
    try:
        written = _write(out, result, drafted, doc.text())
    except OSError as exc:
        print(f"error: cannot write to {out}: {exc.strerror or exc}", file=stdout)
        outcome.error = f"cannot write to {out}"
        return outcome
    for name in written:
        print(f"wrote {name}", file=stdout)
    print(report.summary(), file=stdout)
    if report.validation_errors:
        print("warning: the draft does not validate yet; see the report", file=stdout)
    return _outcome(outcome, result)


def _outcome(outcome: Outcome, result: Any) -> Outcome:
    report = result.report
    outcome.plan_id = result.draft["id"]
    outcome.tasks = report.counts.get("tasks", 0)
    outcome.units = (
        f"{report.units_resolved}/{report.units_total}" if report.units_checked else "not checked"
    )
    outcome.dates = report.counts.get("deadlines", 0)
    outcome.coverage = f"{report.coverage.ratio:.1%}" if report.coverage else "n/a"
    left = {k: v for k, v in report.unresolved.items() if v}
    if report.validation_errors:
        left["validation errors"] = len(report.validation_errors)
    outcome.problems = ", ".join(f"{v} {k}" for k, v in left.items()) or "–"
    return outcome


def _write(out: Path, result: Any, drafted: RegionDraft | None, source: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stem = result.draft["id"]
    written = []
    if drafted is not None:
        region_file = out / "regions.draft.yaml"
        region_file.write_text(
            "# Add this entry to data/regions.yaml after review (guessed: "
            f"{drafted.why_parent}).\n"
            + yaml.safe_dump({"regions": [drafted.entry]}, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        units_file = out / "units" / f"{drafted.id}.yaml"
        units_file.parent.mkdir(parents=True, exist_ok=True)
        units_file.write_text(
            "# yaml-language-server: $schema=../../schema/units.schema.json\n"
            "# Drafted by `planportal import` from the unit names of the plan: check each full\n"
            "# name, kind and category, then move this file to data/units/.\n"
            + dump_yaml(drafted.units).split("\n", 1)[-1],
            encoding="utf-8",
        )
        written += [region_file, units_file]
        result.report.region_draft = [
            f"`{region_file}`: region `{drafted.id}` ({drafted.entry['name']}), parent "
            f"{drafted.entry.get('parent', '?')} ({drafted.why_parent})",
            f"`{units_file}`: {len(drafted.units.get('units', []))} units, "
            f"{len(drafted.units.get('groups', []))} groups",
        ]
    yaml_path = out / f"{stem}.yaml"
    report_path = out / f"{stem}.report.md"
    review_path = out / f"{stem}.review.html"
    yaml_path.write_text(result.yaml, encoding="utf-8")
    report_path.write_text(result.report.markdown(), encoding="utf-8")
    review_path.write_text(review_page(source, result.draft, result.report), encoding="utf-8")
    return [yaml_path, report_path, review_path, *written]


def _region(
    arg: str, text: str, reference: Reference | None
) -> tuple[str, str, RegionDraft | None]:
    """(region id for the plan, region to look units up in, draft when the region is new)."""
    if reference is None or not reference.regions:
        return arg, arg, None
    known = reference.known_regions()
    if (hit := find(arg, known)) is not None:
        return hit.id, hit.id, None
    head = text[:3000]
    title_region = meta.title_region(
        next((ln for ln in head.splitlines() if "方案" in ln or "规划" in ln or "要点" in ln), "")
    )
    drafted = draft_region(arg, title_region, head, known)
    return drafted.id, drafted.entry.get("parent", drafted.id), drafted


def _unit_names(draft: dict[str, Any]) -> list[str]:
    from . import draft_tasks

    names: list[str] = []
    for task in draft_tasks(draft):
        resp = task.get("responsibility") or {}
        for key in ("lead", "support", "responsible", "local"):
            names.extend(resp.get(key, []))
    names += [lead["unit"] for lead in draft.get("domain_leads", [])]
    names += (draft.get("cover_letter") or {}).get("recipients", [])
    return names


def _categories(reference: Reference | None) -> list[tuple[str, str]]:
    return reference.categories() if reference is not None else []
