"""Open-data files written beside the site: JSON, CSV, XLSX, iCalendar, JSON Schema.

All are generated from the same validated model as the pages (one source of truth).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Plan
from ..schema import SCHEMAS, render_schema
from .ical import DeadlineEvent, calendar, plan_events
from .jsondata import plan_json, plans_json
from .tables import tasks_csv, tasks_xlsx


@dataclass(frozen=True)
class UnitFeed:
    """Deadlines of one unit's tasks, for `data/ics/units/<region>/<unit>.ics`."""

    path: str
    """`<region>/<unit>`."""
    name: str
    events: tuple[DeadlineEvent, ...]


def write_exports(
    plans: Sequence[Plan],
    out_dir: Path,
    *,
    base_url: str,
    build_date: str,
    unit_feeds: Iterable[UnitFeed] = (),
) -> list[Path]:
    """Write every export under `out_dir` (the site's `data/` directory); returns the paths."""
    written: list[Path] = []

    def put(rel: str, content: bytes | str) -> None:
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
        written.append(target)

    put("plans.json", plans_json(plans, build_date))
    for plan in plans:
        put(f"plans/{plan.id}.json", plan_json(plan))
        put(f"ics/plans/{plan.id}.ics", calendar(plan.title, plan_events(plan), base_url))
    put("tasks.csv", tasks_csv(plans, base_url))
    (out_dir).mkdir(parents=True, exist_ok=True)
    tasks_xlsx(plans, base_url, out_dir / "tasks.xlsx")
    written.append(out_dir / "tasks.xlsx")
    every = [event for plan in plans for event in plan_events(plan)]
    put("ics/all.ics", calendar("全部期限", every, base_url))
    for feed in unit_feeds:
        put(f"ics/units/{feed.path}.ics", calendar(feed.name, feed.events, base_url))
    for name in SCHEMAS:
        put(f"schema/{name}.schema.json", render_schema(name))
    return written


def copy_sources(root: Path, plans: Iterable[Plan], out_dir: Path) -> None:
    """Publish the original texts so every plan page can link to its source."""
    for plan in plans:
        src = root / plan.source.file
        if src.is_file():
            target = out_dir / plan.source.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)


__all__ = ["DeadlineEvent", "UnitFeed", "copy_sources", "write_exports"]
