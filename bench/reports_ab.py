"""What progress reports cost a full build: `python bench/run.py --reports-ab N --sizes L`.

The same synthetic project is built with `planportal build` alternately without its
reports (`progress/` moved aside) and with them, N times each, in one run, so that both see
the same machine: wall time, CPU time of the whole process tree (user + system, from
`/usr/bin/time -v`: steadier than wall time on a shared machine), the load average before
each build, peak memory, the pages and their sizes (the largest page, and by kind). The
goal: the full build at L grows by at most 15 %, and no page grows with the number of
rounds (`tests/test_progress_pages.py` checks that; here, page sizes with four rounds).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import run  # bench/run.py: projects, timed builds, output analysis

KINDS = ("plan", "en/plan", "unit", "en/unit", "progress", "home")
SAMPLE_EVERY = 1.0
"""Seconds between samples of the build's memory. Reading every process's PSS
(`/proc/<pid>/smaps_rollup`) walks its page tables under its memory lock: at the usual
20 samples a second it slowed the larger of the two builds (with reports) more than the
other (bench/RESULTS.md)."""


def _cpu_seconds(output: str) -> float | None:
    user = re.search(r"User time \(seconds\): ([\d.]+)", output)
    system = re.search(r"System time \(seconds\): ([\d.]+)", output)
    return round(float(user.group(1)) + float(system.group(1)), 1) if user and system else None


def _build(root: Path, with_reports: bool) -> dict[str, Any]:
    progress, aside = root / "progress", root / "progress.off"
    if with_reports and aside.is_dir():
        aside.rename(progress)
    elif not with_reports and progress.is_dir():
        progress.rename(aside)
    site = root / "site"
    run.discard(site)
    load = os.getloadavg()[0]
    cmd = [sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    result = run.timed_run([*cmd, "--site-dir", str(site)], root, run.env(), SAMPLE_EVERY)
    output = result.pop("output")
    if result["rc"] != 0:
        print(output[-3000:])
        raise SystemExit("planportal build failed")
    site_facts = run.analyse_site(site)
    return result | {
        "reports": with_reports,
        "load_before": round(load, 1),
        "cpu_s": _cpu_seconds(output),
        "pagefind_s": run.pagefind_seconds(output),
        "pages": site_facts["pages"],
        "html_mb": round(site_facts["html_bytes"] / 1e6, 1),
        "exports_mb": round(site_facts["exports_bytes"] / 1e6, 1),
        "largest_html": site_facts["largest_html"],
        "median_html_bytes": site_facts["median_html_bytes"],
        "by_kind": {k: v for k, v in site_facts["by_kind"].items() if k in KINDS},
    }


def reports_ab(size: str, repeat: int, seed: int = 1) -> dict[str, Any]:
    """`repeat` builds without and with the reports, alternately (without first)."""
    root, _ = run.project_for(size, seed, fresh=False)
    if (root / "progress.off").is_dir():  # left aside by an interrupted run
        (root / "progress.off").rename(root / "progress")
    runs = []
    for n in range(repeat):
        for with_reports in (False, True):
            started = time.monotonic()
            runs.append(_build(root, with_reports))
            last = runs[-1]
            print(
                f"{size} #{n + 1} {'with' if with_reports else 'without'} reports: "
                f"wall {last['wall_s']} s, CPU {last['cpu_s']} s, load {last['load_before']}, "
                f"{last['pages']} pages, largest {last['largest_html']['bytes'] // 1024} KB "
                f"({time.monotonic() - started:.0f} s)",
                flush=True,
            )
    if (root / "progress.off").is_dir():  # the project is left with its reports
        (root / "progress.off").rename(root / "progress")
    return {"size": size, "runs": runs, "summary": summary(runs)}


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def median(with_reports: bool, key: str) -> float:
        return statistics.median(r[key] for r in runs if r["reports"] is with_reports)

    out: dict[str, Any] = {}
    for key in ("wall_s", "cpu_s", "pagefind_s", "peak_pss_tree_mb", "html_mb"):
        without, with_ = median(False, key), median(True, key)
        out[key] = {
            "without": without,
            "with": with_,
            "growth_pct": round((with_ / without - 1) * 100, 1) if without else None,
        }
    return out


def table(result: dict[str, Any]) -> str:
    lines = [
        f"| {result['size']} build | without reports | with reports | growth |",
        "| --- | --- | --- | --- |",
    ]
    for key, label in (
        ("cpu_s", "CPU time of the process tree, s (median)"),
        ("wall_s", "wall time, s (median)"),
        ("pagefind_s", "of which Pagefind, s"),
        ("peak_pss_tree_mb", "peak memory (PSS of the tree), MiB"),
        ("html_mb", "HTML, MB"),
    ):
        s = result["summary"][key]
        lines.append(f"| {label} | {s['without']} | {s['with']} | {s['growth_pct']} % |")
    return "\n".join(lines)


def main(size: str, repeat: int, seed: int) -> dict[str, Any]:
    result = reports_ab(size, repeat, seed)
    print(table(result))
    path = run.OUT / f"reports-ab-{size}-{time.strftime('%Y-%m-%d-%H%M')}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    print(f"wrote {path}")
    return result
