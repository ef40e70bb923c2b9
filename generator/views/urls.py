"""Site-root relative paths of pages and anchors (the frozen URL scheme,
developer-docs/conventions.md).

Paths name pages as directories (`plans/<id>/`); `page_file` gives the Markdown source path
the engine needs (`plans/<id>/index.md`).
"""

from __future__ import annotations

from pathlib import PurePosixPath

HOME = ""
PLANS = "plans/"
UNITS = "units/"


def page_file(path: str) -> str:
    """`plans/x/` → `plans/x/index.md`; `` → `index.md`."""
    return f"{path}index.md"


def plan(plan_id: str) -> str:
    return f"plans/{plan_id}/"


def region(region_id: str) -> str:
    return f"units/{region_id}/"


def unit(region_id: str, unit_id: str, page: int = 1) -> str:
    """Units and groups share the namespace `units/<region>/<id>/`; a long list of duties
    continues on `units/<region>/<id>/<n>/`."""
    return _part(f"units/{region_id}/{unit_id}/", page)


def source(file: str) -> str:
    """Where the original text of a plan is published: `sources/<file name>`."""
    return f"sources/{PurePosixPath(file).name}"


def plan_json(plan_id: str) -> str:
    """The plan's own data file (`generator.exports`), outside the language trees."""
    return f"data/plans/{plan_id}.json"


def plan_calendar(plan_id: str) -> str:
    return f"data/ics/plans/{plan_id}.ics"


def task_anchor(task_id: str) -> str:
    return f"t-{task_id}"


def item_anchor(task_id: str, item_id: str) -> str:
    return f"t-{task_id}-{item_id}"


def chapter_anchor(chapter_id: str) -> str:
    return f"c-{chapter_id}"


def section_anchor(section_id: str) -> str:
    return f"s-{section_id}"


def phase_anchor(phase_id: str) -> str:
    return f"p-{phase_id}"


def _part(path: str, page: int) -> str:
    """Part `page` (1-based) of a split list page: the first part is the page itself."""
    return path if page <= 1 else f"{path}{page}/"


def plans_region(region_id: str, page: int = 1) -> str:
    """The plans of one province (or other top region): `plans/by-region/<id>/[<n>/]`."""
    return _part(f"plans/by-region/{region_id}/", page)


def units_category(category_id: str, page: int = 1) -> str:
    """The units of one category: `units/by-category/<id>/[<n>/]`."""
    return _part(f"units/by-category/{category_id}/", page)


def units_letter(letter: str, page: int = 1) -> str:
    """The units under one pinyin letter (`#` → `other`): `units/a-z/<l>/[<n>/]`."""
    key = letter.lower() if letter != "#" else "other"
    return _part(f"units/a-z/{key}/", page)


DATA = "data/"
"""The open-data page, and the folder of the export files (shared by the trees)."""
CHANGES = "changes/"
"""The revision history page, and the folder of the change feeds (shared by the trees)."""


def plan_history(plan_id: str) -> str:
    return f"plans/{plan_id}/history/"


def unit_feed(region_id: str, unit_id: str) -> str:
    """A unit's change feed (Atom), outside the language trees."""
    return f"{CHANGES}units/{region_id}/{unit_id}.xml"


def unit_table(region_id: str, unit_id: str) -> str:
    """A unit's duties as a table (CSV), outside the language trees."""
    return f"{DATA}units/{region_id}/{unit_id}.csv"


def unit_calendar(region_id: str, unit_id: str) -> str:
    """A unit's deadline calendar (iCalendar), outside the language trees."""
    return f"{DATA}ics/units/{region_id}/{unit_id}.ics"


PROGRESS = "progress/"
"""The reporting rounds and what each changed (`progress/`, continued on `progress/<n>/`)."""


def progress_index(page: int = 1) -> str:
    return _part(PROGRESS, page)


def progress_round(round_id: str, page: int = 1) -> str:
    """One reporting round's page: `progress/rounds/<id>/[<n>/]`."""
    return _part(f"{PROGRESS}rounds/{round_id}/", page)


def plan_reports(plan_id: str, page: int = 1) -> str:
    """The whole report history of a plan's tasks: `plans/<id>/reports/[<n>/]`."""
    return _part(f"plans/{plan_id}/reports/", page)


def report_feed(plan_id: str | None = None) -> str:
    """The Atom feed of new progress reports: the portal's, or one plan's."""
    if plan_id is None:
        return f"{DATA}progress/feed.xml"
    return f"{DATA}progress/plans/{plan_id}.xml"


def unit_report_feed(region_id: str, unit_id: str) -> str:
    """The Atom feed of reports on the tasks that bind a unit."""
    return f"{DATA}progress/units/{region_id}/{unit_id}.xml"


PROGRESS_JSON = f"{DATA}progress.json"
