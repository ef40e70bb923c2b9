"""Open-data files written beside the site: JSON, CSV, XLSX, iCalendar, JSON Schema.

All are generated from the same validated model as the pages (one source of truth).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Plan
from ..paths import publishable_source
from ..schema import SCHEMAS, render_schema
from .ical import DeadlineEvent, calendar, plan_events
from .jsondata import plan_json, plans_json, progress_json
from .tables import plan_rows, tasks_csv, tasks_xlsx
from .tracking import Tracking


@dataclass(frozen=True)
class UnitFeed:
    """Deadlines of one unit's tasks, for `data/ics/units/<region>/<unit>.ics`."""

    path: str
    """`<region>/<unit>`."""
    name: str
    events: tuple[DeadlineEvent, ...]


def iter_exports(
    plans: Sequence[Plan],
    *,
    base_url: str,
    build_date: str,
    unit_feeds: Iterable[UnitFeed] = (),
    tracking: Tracking | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Every export as (path under data/, content), one at a time: a national portal has
    too many to keep, so the plugin writes each out as it comes."""
    yield from iter_plan_exports(plans, base_url=base_url, build_date=build_date, tracking=tracking)
    yield from iter_unit_exports(unit_feeds, base_url=base_url)


def iter_plan_exports(
    plans: Sequence[Plan], *, base_url: str, build_date: str, tracking: Tracking | None = None
) -> Iterator[tuple[str, bytes]]:
    """The exports of the plans: whole-model files, one JSON and calendar per plan.

    With `tracking` (units bound through groups, status from the progress reports), the task
    tables and plans.json carry them, and progress.json holds the rounds and reports."""
    # each plan serialised once for both JSON files, its events once for both calendars
    # and its rows once for both tables (and both sheets of the workbook)
    dumped = [plan_json(plan) for plan in plans]
    yield "plans.json", plans_json(plans, build_date, dumped=dumped, tracking=tracking).encode()
    events = [plan_events(plan) for plan in plans]
    for plan, text, own in zip(plans, dumped, events, strict=True):
        yield f"plans/{plan.id}.json", text.encode()
        yield f"ics/plans/{plan.id}.ics", calendar(plan.title, own, base_url)
    del dumped
    rows = plan_rows(plans, base_url, tracking)
    yield "tasks.csv", tasks_csv(plans, base_url, rows=rows)
    buffer = io.BytesIO()
    tasks_xlsx(plans, base_url, buffer, rows=rows, tracking=tracking)
    yield "tasks.xlsx", buffer.getvalue()
    if tracking is not None:
        yield "progress.json", progress_json(tracking, build_date).encode()
    del rows, buffer
    every = [event for own in events for event in own]
    yield "ics/all.ics", calendar("全部期限", every, base_url)
    for name in SCHEMAS:
        yield f"schema/{name}.schema.json", render_schema(name).encode()


def iter_unit_exports(
    unit_feeds: Iterable[UnitFeed], *, base_url: str
) -> Iterator[tuple[str, bytes]]:
    """One deadline calendar per unit (thousands of small files at national scale)."""
    for feed in unit_feeds:
        yield f"ics/units/{feed.path}.ics", calendar(feed.name, feed.events, base_url)


def export_files(
    plans: Sequence[Plan],
    *,
    base_url: str,
    build_date: str,
    unit_feeds: Iterable[UnitFeed] = (),
    tracking: Tracking | None = None,
) -> dict[str, bytes]:
    """Every export as `{path under data/: content}` (`iter_exports`, all in memory)."""
    return dict(
        iter_exports(
            plans,
            base_url=base_url,
            build_date=build_date,
            unit_feeds=unit_feeds,
            tracking=tracking,
        )
    )


def write_exports(
    plans: Sequence[Plan],
    out_dir: Path,
    *,
    base_url: str,
    build_date: str,
    unit_feeds: Iterable[UnitFeed] = (),
    tracking: Tracking | None = None,
) -> list[Path]:
    """Write every export under `out_dir` (the site's `data/` directory); returns the paths."""
    written = []
    files = export_files(
        plans, base_url=base_url, build_date=build_date, unit_feeds=unit_feeds, tracking=tracking
    )
    for rel, content in files.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written


def copy_sources(root: Path, plans: Iterable[Plan], out_dir: Path) -> None:
    """Publish the original texts so every plan page can link to its source."""
    for plan in plans:
        src = root / plan.source.file
        if publishable_source(root, plan.source.file):
            target = out_dir / plan.source.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)


__all__ = [
    "DeadlineEvent",
    "Tracking",
    "UnitFeed",
    "copy_sources",
    "export_files",
    "iter_exports",
    "iter_plan_exports",
    "iter_unit_exports",
    "write_exports",
]
