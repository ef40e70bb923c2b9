"""Deadlines for people: a phrase in the page's language, and a status on the build date.

Pure functions of the structured data (`Deadline`: date, precision, source phrase;
`Recurrence`: period, times; `Period`) and of the build date, which the caller passes
(`Settings.build_date`): nothing here reads the clock or the environment.

Phrases come from templates in `data/ui/<lang>.yaml` (the `dl_*`, `rec_*` and `status`
keys), which the caller passes as `strings` (the page's `UiStrings`, or any mapping):
translators edit the YAML, not this module.  A deadline is shown as precisely as its
phrase states it (2024年底前 → "by the end of 2024", never "by 31 December 2024").

Status (`deadline_status`): a deadline stands for the last day of its period (2024年底前 →
2024-12-31); on the build date it has `passed` (the day is over), is `soon` (due within
`SOON_DAYS`), or `later`.  A recurring duty is `ongoing` while its plan's period lasts.  A
passed deadline is just that: whether the work was *done* is another matter, which the
data does not record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum

from .model import Deadline, Period, Precision, Recurrence

SOON_DAYS = 90
"""A deadline is "due soon" when its last day is at most this many days after the build
date."""


class DeadlineStatus(StrEnum):
    """Where a deadline stands on the build date."""

    passed = "passed"
    """Its last day is before the build date."""
    soon = "soon"
    """Due within `SOON_DAYS` days (the build date included)."""
    later = "later"
    """Due more than `SOON_DAYS` days after the build date."""
    ongoing = "ongoing"
    """A recurring duty within its plan's period."""


class PeriodStatus(StrEnum):
    """Where a plan's period stands on the build date."""

    upcoming = "upcoming"
    """It starts after the build date."""
    current = "current"
    """The build date falls within it."""
    ended = "ended"
    """Its last day is before the build date."""


# --- status -----------------------------------------------------------------------------------


def date_status(last_day: dt.date, today: dt.date) -> DeadlineStatus:
    """The status of a deadline whose period ends on `last_day`."""
    if last_day < today:
        return DeadlineStatus.passed
    if last_day <= today + dt.timedelta(days=SOON_DAYS):
        return DeadlineStatus.soon
    return DeadlineStatus.later


def deadline_status(deadline: Deadline, today: dt.date) -> DeadlineStatus:
    """`passed`, `soon` or `later` on `today` (the build date)."""
    return date_status(deadline.date, today)


def recurrence_status(
    recurrence: Recurrence, today: dt.date, period: Period | None = None
) -> DeadlineStatus:
    """`ongoing`, or `passed` once the plan's `period` (when given) has ended."""
    del recurrence  # every recurrence lasts as long as its plan
    if period is not None and period.end < today:
        return DeadlineStatus.passed
    return DeadlineStatus.ongoing


def period_status(period: Period, today: dt.date) -> PeriodStatus:
    """Whether a plan's period has not begun, is running, or has ended on `today`."""
    if today < period.start:
        return PeriodStatus.upcoming
    if period.end < today:
        return PeriodStatus.ended
    return PeriodStatus.current


def status_label(status: DeadlineStatus | PeriodStatus, strings: Mapping[str, str]) -> str:
    """The status in words (`dl_status_*`, `period_status_*` in data/ui), e.g. "Deadline
    passed" / "期限已过"; pages show it in text, never by colour alone."""
    prefix = "dl_status_" if isinstance(status, DeadlineStatus) else "period_status_"
    return strings[prefix + status.value].format(days=SOON_DAYS)


# --- phrases ----------------------------------------------------------------------------------

_BY = re.compile(r"前|以前|[到至]|底|末")
"""Words of a phrase that make it a deadline (2024年底前, 到2025年) rather than a time
within which something happens (2024年试点, 2024年上半年基本消除)."""


def is_by(phrase: str) -> bool:
    """True when the source phrase sets a deadline ("by …"), False for a time ("in …")."""
    return _BY.search(phrase) is not None


def date_phrase(
    last_day: dt.date, precision: Precision, strings: Mapping[str, str], *, by: bool = True
) -> str:
    """`last_day` at `precision` in words: "by the end of June 2024" / "2024年6月底前"
    (`by`), or "in June 2024" / "2024年6月" (not `by`)."""
    quarter = (last_day.month + 2) // 3
    match precision:
        case Precision.year:
            key = "year"
        case Precision.half:
            key = "half1" if last_day.month <= 6 else "half2"
        case Precision.quarter:
            key = "quarter"
        case Precision.month:
            key = "month"
        case _:
            key = "day"
    month_name = strings["dl_month_names"].split("|")[last_day.month - 1]
    return strings[f"dl_{'by' if by else 'in'}_{key}"].format(
        year=last_day.year, quarter=quarter, month_name=month_name, day=last_day.day
    )


def deadline_phrase(deadline: Deadline, strings: Mapping[str, str]) -> str:
    """The deadline in the language of `strings`, from its date and precision, with "by"
    or "in" as its source phrase says: 2024年底前 → "by the end of 2024", 2024年 → "in
    2024", 2024 年上半年 → "in the first half of 2024", 4月30日前 → "by 30 April 2024".

    A deadline whose year was inferred (`deadline.inferred`) gets the same phrase; pages
    mark it with the inference.
    """
    return date_phrase(deadline.date, deadline.precision, strings, by=is_by(deadline.phrase))


def period_phrase(start: dt.date, end: dt.date, strings: Mapping[str, str]) -> str:
    """A span of days in words, as coarse as its ends allow: whole years ("2024 to 2026" /
    2024年至2026年), whole months ("February to April 2024" / 2024年2月至4月), else days
    ("8 March to 30 April 2024").  For plan periods and phases (`Phase.start`…`end`)."""
    names = strings["dl_month_names"].split("|")
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if whole_months and start.month == 1 and end.month == 12:
        key = "years" if start.year != end.year else "year"
    elif whole_months:
        key = "months" if start.year != end.year else "months_same_year"
    else:
        key = "days" if start.year != end.year else "days_same_year"
    return strings[f"dl_span_{key}"].format(
        start_year=start.year,
        start_month=names[start.month - 1],
        start_day=start.day,
        end_year=end.year,
        end_month=names[end.month - 1],
        end_day=end.day,
    )


def recurrence_phrase(recurrence: Recurrence, strings: Mapping[str, str]) -> str:
    """ "every quarter", "at least once a month", "at least twice a year" / 每季度,
    每月至少1次: from the period and the minimum number of times."""
    per = strings[f"rec_per_{recurrence.every}"]
    match recurrence.times:
        case None:
            return strings[f"rec_every_{recurrence.every}"]
        case 1:
            return strings["rec_once"].format(per=per, times=1)
        case 2:
            return strings["rec_twice"].format(per=per, times=2)
        case times:
            return strings["rec_times"].format(per=per, times=times)
