"""The build date: the reference point for "upcoming" and "recently passed"."""

from __future__ import annotations

import datetime as dt


def build_date() -> dt.date:
    """The reference date when a caller gives none: today. A build's own is
    `Settings.build_date` (`generator.settings`: flag, `PLANPORTAL_BUILD_DATE` or today),
    passed down as `today`."""
    return dt.date.today()
