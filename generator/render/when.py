"""A deadline's date shown as precisely as its phrase states it, never more.

2024年底前 (precision `year`) is shown as "2024年底" with `<time datetime="2024">`, not as an
invented 2024-12-31; months, quarters and half-years likewise.
"""

from __future__ import annotations

import datetime as dt

from ..model import Precision
from .contexts.common import When
from .ui import UiStrings


def when_parts(end: dt.date, precision: Precision, ui: UiStrings) -> tuple[str, str]:
    """(machine-readable value for `<time datetime>`, text for people)."""
    month = f"{end.month:02d}"
    match precision:
        case Precision.year:
            return f"{end.year}", ui.format("when_year", year=end.year)
        case Precision.half:
            key = "when_half1" if end.month <= 6 else "when_half2"
            return f"{end.year}-{month}", ui.format(key, year=end.year)
        case Precision.quarter:
            quarter = (end.month + 2) // 3
            return f"{end.year}-{month}", ui.format("when_quarter", year=end.year, quarter=quarter)
        case Precision.month:
            return f"{end.year}-{month}", ui.format(
                "when_month", year=end.year, month=end.month, mm=month
            )
        case _:
            return end.isoformat(), end.isoformat()


def when(end: dt.date, precision: Precision, ui: UiStrings) -> When:
    return When(*when_parts(end, precision, ui))
