"""The build date: the reference point for "upcoming" and "recently passed"."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

ENV_VAR = "PLANPORTAL_BUILD_DATE"


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """`PLANPORTAL_BUILD_DATE` (YYYY-MM-DD) when set, else today.

    A malformed value raises `ValueError` with the variable name, so a CI typo is loud.
    """
    env = os.environ if environ is None else environ
    raw = env.get(ENV_VAR, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{ENV_VAR}={raw!r} is not a date (expected YYYY-MM-DD)") from None
