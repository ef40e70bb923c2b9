"""What progress reports and duties through groups cost at scale (no pages yet).

    python bench/progress.py OUT_DIR [--size M|L] [--keep]

Writes a synthetic project (bench/synth.py: four rounds of reports on every task) and times,
in this process, each stage the reports add to a build: loading and checking the project
without and with `progress/`, the duty index, the derived status of every task, the task
tables and plans.json with and without the tracking columns, progress.json, the Atom feeds
of reports and the per-unit duty tables and calendars.  The full build time is measured by
bench/run.py once the pages show progress.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.synth import REPORTS_UNTIL, SIZES, write_project  # noqa: E402
from generator.duties import duty_index  # noqa: E402
from generator.exports import Tracking, iter_plan_exports  # noqa: E402
from generator.exports.report_feeds import iter_report_feeds  # noqa: E402
from generator.exports.units import iter_unit_duty_tables, unit_calendar_feeds  # noqa: E402
from generator.project import load_project  # noqa: E402
from generator.reports import attach_progress  # noqa: E402
from generator.reports.status import status_index  # noqa: E402


def timed(label: str, work: Callable[[], Any], results: dict[str, float]) -> Any:
    """Wall time and this process's CPU time (less disturbed by a busy machine; helpers that
    parse files in parallel are not in it)."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    value = work()
    results[label] = time.perf_counter() - start
    spent = time.process_time() - cpu
    print(f"  {label:<44} {results[label]:7.2f} s wall {spent:7.2f} s cpu", flush=True)
    return value


def drain(items: Any) -> int:
    return sum(len(content) for _, content in items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/progress.py", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", choices=list(SIZES), default="M")
    parser.add_argument("--keep", action="store_true", help="reuse OUT_DIR if it exists")
    args = parser.parse_args(argv)
    root: Path = args.out
    if not (args.keep and (root / "progress").is_dir()):
        print(f"writing the {args.size} project to {root}", flush=True)
        counts = write_project(root, SIZES[args.size])
        print("  " + ", ".join(f"{v:,} {k}" for k, v in counts.items()), flush=True)
    build = REPORTS_UNTIL
    base = f"https://example.org/{args.size}"
    results: dict[str, float] = {}
    print(f"timing ({args.size}, build date {build}):", flush=True)

    hidden = root / "progress.off"
    (root / "progress").rename(hidden)
    try:
        timed("load + check, no progress/", lambda: load_project(root), results)
    finally:
        hidden.rename(root / "progress")
    project, problems = timed(
        "load + check (with duties, groups)", lambda: load_project(root), results
    )
    assert project is not None, [p.format() for p in problems if p.severity == "error"][:5]
    timed("duty index alone", lambda: duty_index(project.plans, project.registry), results)
    project, found = timed(
        "progress: load + check reports", lambda: attach_progress(project, build), results
    )
    errors = [p.format() for p in found if p.severity == "error"]
    assert not errors, errors[:5]
    reports = len(project.progress.reports)
    status = timed(
        "derived status of every task and sub-item",
        lambda: status_index(project.plans, project.duties, project.progress, build),
        results,
    )
    timed(
        "figures: every plan and unit",
        lambda: (
            [status.plan_figures(p) for p in project.plans],
            [status.unit_figures(k) for k in project.duties.records],
        ),
        results,
    )
    tracking = Tracking(status, project.registry)
    plain = timed(
        "plan exports, as today",
        lambda: drain(iter_plan_exports(project.plans, base_url=base, build_date=str(build))),
        results,
    )
    tracked = timed(
        "plan exports with tracking (+ progress.json)",
        lambda: drain(
            iter_plan_exports(
                project.plans, base_url=base, build_date=str(build), tracking=tracking
            )
        ),
        results,
    )
    feeds = timed(
        "Atom feeds of reports (portal, plans, units)",
        lambda: drain(iter_report_feeds(project.plans, tracking, base_url=base)),
        results,
    )
    timed(
        "unit calendars (events through groups)",
        lambda: unit_calendar_feeds(project.plans, project.duties, project.registry),
        results,
    )
    tables = timed(
        "unit duty tables (CSV)",
        lambda: drain(
            iter_unit_duty_tables(project.plans, project.duties, base_url=base, tracking=tracking)
        ),
        results,
    )
    print(
        f"{reports:,} reports; exports {plain / 1e6:.1f} → {tracked / 1e6:.1f} MB, "
        f"feeds {feeds / 1e6:.1f} MB, unit tables {tables / 1e6:.1f} MB"
    )
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
