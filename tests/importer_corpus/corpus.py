"""The importer's corpus: each file of `files/` with its expected plan (`expected.yaml`).

`evaluate(case)` imports one file as `planportal import` does and compares: tasks found /
expected, metadata fields right / total, unit names resolved (and reported), dates found,
coverage, seconds.  Used by tests/test_importer_corpus.py (every figure must meet the goal)
and by bench/importer.py (the table in bench/RESULTS.md).

Expected values are written by hand from the documents (the seeds' reviewed plans in plans/,
the variations as written in texts/), never copied from the importer's output.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.importer import draft_tasks, import_document
from generator.importer.reference import Reference, load_reference
from generator.importer.sources import read_document

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ROOTS = {"repo": REPO, "corpus": HERE / "project"}


@dataclass
class Case:
    file: str
    region: str
    root: str
    tasks: int
    metadata: dict[str, Any]
    responsibility: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    """1-based task position → role → names expected there (spot checks)."""

    @property
    def path(self) -> Path:
        return HERE / "files" / self.file


@dataclass
class Result:
    case: Case
    tasks: int = 0
    metadata_right: int = 0
    metadata_wrong: list[str] = field(default_factory=list)
    units_total: int = 0
    units_resolved: int = 0
    units_reported: int = 0
    dates: int = 0
    coverage: float = 0.0
    seconds: float = 0.0
    kind: str = ""
    draft: dict[str, Any] = field(default_factory=dict)

    @property
    def metadata_total(self) -> int:
        return len(self.case.metadata) + len(self.case.responsibility)


def cases() -> list[Case]:
    raw = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
    return [
        Case(
            c["file"],
            c["region"],
            c.get("root", "repo"),
            c["tasks"],
            c.get("metadata", {}),
            {int(k): v for k, v in (c.get("responsibility") or {}).items()},
        )
        for c in raw
    ]


_references: dict[str, Reference] = {}


def _reference(root: str) -> Reference:
    if root not in _references:
        _references[root] = load_reference(ROOTS[root])
    return _references[root]


def _get(draft: dict[str, Any], path: str) -> Any:
    value: Any = draft
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _same(found: Any, expected: Any) -> bool:
    if isinstance(expected, list) and expected and isinstance(expected[0], dt.date):
        return isinstance(found, dict) and [found.get("start"), found.get("end")] == expected
    if isinstance(expected, str) and isinstance(found, str):
        return re.sub(r"\s", "", found) == re.sub(r"\s", "", expected)
    if isinstance(expected, list) and isinstance(found, list) and len(found) == len(expected):
        return all(_same(f, e) for f, e in zip(found, expected, strict=True))
    return found == expected


def evaluate(case: Case) -> Result:
    reference = _reference(case.root)
    start = time.perf_counter()
    doc = read_document(case.path)
    result = import_document(
        doc,
        region=case.region,
        source_file=case.file,
        reference=reference,
        topics_path=ROOTS[case.root] / "data" / "topics.yaml",
    )
    out = Result(case, seconds=time.perf_counter() - start, kind=doc.kind, draft=result.draft)
    report = result.report
    tasks = draft_tasks(result.draft)
    out.tasks = len(tasks)
    for path, expected in case.metadata.items():
        if _same(_get(result.draft, path), expected):
            out.metadata_right += 1
        else:
            out.metadata_wrong.append(f"{path}: {_get(result.draft, path)!r} ≠ {expected!r}")
    for position, roles in case.responsibility.items():
        resp = tasks[position - 1].get("responsibility", {}) if position <= len(tasks) else {}
        if all(resp.get(role, []) == names for role, names in roles.items()):
            out.metadata_right += 1
        else:
            out.metadata_wrong.append(f"task {position} responsibility: {resp} ≠ {roles}")
    out.units_total = report.units_total
    out.units_resolved = report.units_resolved
    out.units_reported = len(report.unknown_units) + len(report.ambiguous_units)
    out.dates = report.counts.get("deadlines", 0)
    out.coverage = report.coverage.ratio if report.coverage else 0.0
    return out
