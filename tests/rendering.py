"""Rendering in tests: the whole generated site through the one core function, in memory,
in this process, as of a fixed build date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.project import Project
from generator.render.site import RenderedSite, render_site
from generator.settings import Settings

TODAY = dt.date(2024, 10, 1)


def render(
    project: Project,
    *,
    today: dt.date = TODAY,
    languages: Sequence[str] = ("zh", "en"),
    processes: int = 1,
) -> RenderedSite:
    settings = Settings(
        project.root, build_date=today, languages=tuple(languages), processes=processes
    )
    return render_site(project, settings)


def pages_of(project: Project, **options: object) -> dict[str, str]:
    """Site path of each generated page (`en/plans/x/index.md`) → its content."""
    site = render(project, **options)  # type: ignore[arg-type]
    return {path: site.pages.read(path) for path in site.pages.paths}
