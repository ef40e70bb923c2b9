"""The build date: the reference point for "upcoming" and "recently passed".

Read at the edge (`generator.settings`); kept here for the callers that still ask the
views for it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from ..settings import BUILD_DATE_VARIABLE as ENV_VAR
from ..settings import build_date_from_environment

__all__ = ["ENV_VAR", "build_date"]


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """`PLANPORTAL_BUILD_DATE` (YYYY-MM-DD) when set, else today."""
    return build_date_from_environment(os.environ if environ is None else environ)
