"""The settings of one build: made once at the edge (CLI, MkDocs plugin config, documented
environment overrides) and passed down; nothing below the edge reads the environment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .langs import LANGS


@dataclass(frozen=True)
class Settings:
    """What steers a build besides the project's own files."""

    root: Path
    """Project directory holding `plans/` and `data/`."""
    build_date: dt.date = field(default_factory=dt.date.today)
    """The reference date for deadline status, "upcoming" and "recently passed"."""
    site_url: str = ""
    """Absolute URL of the published site, without a trailing slash, for links in feeds,
    calendars and spreadsheets; empty: links are root-relative."""
    search: bool = True
    """Index the built site with Pagefind."""
    processes: int = 1
    """How many processes may share the work (1: everything in this process)."""
    languages: tuple[str, ...] = LANGS
    """Language trees to build; the first is the default tree at the site root."""


BUILD_DATE_VARIABLE = "PLANPORTAL_BUILD_DATE"


def build_date_from_environment(environ: Mapping[str, str]) -> dt.date:
    """`PLANPORTAL_BUILD_DATE` (YYYY-MM-DD) when set, else today; read at the edge only.

    A malformed value raises `ValueError` with the variable name, so a CI typo is loud.
    """
    raw = environ.get(BUILD_DATE_VARIABLE, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(
            f"{BUILD_DATE_VARIABLE}={raw!r} is not a date (expected YYYY-MM-DD)"
        ) from None
