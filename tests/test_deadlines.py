"""Deadlines in words (both languages) and their status on a build date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from helpers import seed_plans

from generator.cite import arabic, chinese_number, citation
from generator.deadlines import (
    SOON_DAYS,
    DeadlineStatus,
    PeriodStatus,
    date_phrase,
    deadline_phrase,
    deadline_status,
    is_by,
    period_phrase,
    period_status,
    recurrence_phrase,
    recurrence_status,
    status_label,
)
from generator.model import Deadline, Item, Period, Plan, Precision, Recurrence, Task
from generator.render.ui import load_ui
from generator.views.citations import citation as zh_citation
from generator.views.citations import numbering_restarts, task_number

EN, ZH = load_ui("en"), load_ui("zh")


def seed_deadlines() -> Iterator[Deadline]:
    for plan in seed_plans():
        for chapter in plan.chapters:
            yield from chapter.deadlines
            for section in chapter.sections:
                yield from section.deadlines
            for phase in chapter.phases:
                yield from phase.deadlines
        for task in plan.tasks():
            yield from task.deadlines


# Every distinct deadline of the seed plans: (source phrase, precision, date) → English.
SEED_PHRASES = {
    ("4月30日前", "day", "2024-04-30"): "by 30 April 2024",
    ("2024 年上半年", "half", "2024-06-30"): "in the first half of 2024",
    ("2024 年 6 月底前", "month", "2024-06-30"): "by the end of June 2024",
    ("2024年底前", "year", "2024-12-31"): "by the end of 2024",
    ("2024 年底前", "year", "2024-12-31"): "by the end of 2024",
    ("到 2024 年底", "year", "2024-12-31"): "by the end of 2024",
    ("2024年", "year", "2024-12-31"): "in 2024",
    ("2024 年", "year", "2024-12-31"): "in 2024",
    ("到 2025 年", "year", "2025-12-31"): "by the end of 2025",
    ("到2025年", "year", "2025-12-31"): "by the end of 2025",
    ("力争至 2025 年底", "year", "2025-12-31"): "by the end of 2025",
    ("2025 年底前", "year", "2025-12-31"): "by the end of 2025",
    ("2025年底前", "year", "2025-12-31"): "by the end of 2025",
    ("2025 年底以前", "year", "2025-12-31"): "by the end of 2025",
    ("到 2025 年底前", "year", "2025-12-31"): "by the end of 2025",
    ("到 2025 年底", "year", "2025-12-31"): "by the end of 2025",
    ("2025年", "year", "2025-12-31"): "in 2025",
    ("2025 年", "year", "2025-12-31"): "in 2025",
    ("2026年底前", "year", "2026-12-31"): "by the end of 2026",
    ("2026 年底前", "year", "2026-12-31"): "by the end of 2026",
    ("2026年底", "year", "2026-12-31"): "by the end of 2026",
    ("2026年", "year", "2026-12-31"): "in 2026",
}


def test_every_seed_deadline_has_its_english_phrase() -> None:
    seen = set()
    for deadline in seed_deadlines():
        key = (deadline.phrase, deadline.precision.value, deadline.date.isoformat())
        assert key in SEED_PHRASES, f"review the English of a new seed deadline: {key}"
        assert deadline_phrase(deadline, EN) == SEED_PHRASES[key]
        zh = deadline_phrase(deadline, ZH)
        assert (str(deadline.date.year) in zh and "前" in zh) or not is_by(deadline.phrase)
        seen.add(key)
    assert seen == set(SEED_PHRASES)


@pytest.mark.parametrize(
    ("day", "precision", "by", "en", "zh"),
    [
        ("2024-12-31", "year", True, "by the end of 2024", "2024年底前"),
        ("2024-12-31", "year", False, "in 2024", "2024年"),
        ("2024-06-30", "half", True, "by the end of the first half of 2024", "2024年上半年"),
        ("2024-12-31", "half", False, "in the second half of 2024", "2024年下半年"),
        ("2025-09-30", "quarter", True, "by the end of Q3 2025", "2025年第3季度末前"),
        ("2025-09-30", "quarter", False, "in Q3 2025", "2025年第3季度"),
        ("2024-06-30", "month", True, "by the end of June 2024", "2024年6月底前"),
        ("2024-02-29", "month", False, "in February 2024", "2024年2月"),
        ("2024-04-30", "day", True, "by 30 April 2024", "2024年4月30日前"),
        ("2024-04-30", "day", False, "on 30 April 2024", "2024年4月30日"),
    ],
)
def test_date_phrase(day: str, precision: str, by: bool, en: str, zh: str) -> None:
    last = dt.date.fromisoformat(day)
    assert date_phrase(last, Precision(precision), EN, by=by) == en
    assert date_phrase(last, Precision(precision), ZH, by=by) == zh


def test_by_or_in_follows_the_source_phrase() -> None:
    assert [is_by(p) for p in ("2024年底前", "到2025年", "力争至 2025 年底", "2026年底")] == [
        True
    ] * 4
    assert [is_by(p) for p in ("2024年", "2024 年上半年", "2025 年")] == [False] * 3


def test_every_seed_recurrence_reads_in_both_languages() -> None:
    found = {
        (r.every, r.times): (recurrence_phrase(r, EN), recurrence_phrase(r, ZH))
        for plan in seed_plans()
        for task in plan.tasks()
        for r in task.recurrence
    }
    assert found == {
        ("year", None): ("every year", "每年"),
        ("year", 1): ("at least once a year", "每年至少1次"),
        ("quarter", 1): ("at least once a quarter", "每季度至少1次"),
        ("month", 1): ("at least once a month", "每月至少1次"),
        ("month", None): ("every month", "每月"),
        ("half-year", 1): ("at least once every six months", "每半年至少1次"),
    }
    three = Recurrence(phrase="每周至少3次", every="week", times=3)
    assert recurrence_phrase(three, EN) == "at least 3 times a week"
    assert recurrence_phrase(three, ZH) == "每周至少3次"
    two = Recurrence(phrase="每年两次", every="year", times=2)
    assert recurrence_phrase(two, EN) == "at least twice a year"


def _deadline(day: str) -> Deadline:
    return Deadline(date=dt.date.fromisoformat(day), precision=Precision.day, phrase=day)


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2024-12-30", DeadlineStatus.passed),
        ("2024-12-31", DeadlineStatus.soon),  # due on the build date itself
        ("2025-03-31", DeadlineStatus.soon),  # 90 days later
        ("2025-04-01", DeadlineStatus.later),
    ],
)
def test_deadline_status(day: str, status: DeadlineStatus) -> None:
    today = dt.date(2024, 12, 31)
    assert (dt.date(2025, 3, 31) - today).days == SOON_DAYS
    assert deadline_status(_deadline(day), today) is status


def test_status_of_every_seed_deadline_on_a_build_date() -> None:
    today = dt.date(2025, 11, 15)
    counts: dict[DeadlineStatus, int] = {}
    for deadline in seed_deadlines():
        status = deadline_status(deadline, today)
        counts[status] = counts.get(status, 0) + 1
        expected = (
            DeadlineStatus.passed
            if deadline.date.year <= 2024
            else DeadlineStatus.soon
            if deadline.date.year == 2025
            else DeadlineStatus.later
        )
        assert status is expected, deadline
    assert set(counts) == {DeadlineStatus.passed, DeadlineStatus.soon, DeadlineStatus.later}


def test_recurrences_are_ongoing_within_their_plan_period() -> None:
    period = Period(start=dt.date(2024, 1, 1), end=dt.date(2026, 12, 31))
    monthly = Recurrence(phrase="每月", every="month")
    assert recurrence_status(monthly, dt.date(2025, 5, 1), period) is DeadlineStatus.ongoing
    assert recurrence_status(monthly, dt.date(2027, 1, 1), period) is DeadlineStatus.passed
    assert recurrence_status(monthly, dt.date(2030, 1, 1)) is DeadlineStatus.ongoing


def test_plan_periods_on_a_build_date() -> None:
    ends = {plan.id: period_status(plan.period, dt.date(2026, 3, 1)) for plan in seed_plans()}
    assert ends["bojingtan-shisiwu-2021"] is PeriodStatus.ended  # 2021–2025
    assert ends["hulunbeier-zhiben-gongjian-2024"] is PeriodStatus.current
    period = Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert period_status(period, dt.date(2023, 12, 31)) is PeriodStatus.upcoming
    assert period_status(period, dt.date(2024, 12, 31)) is PeriodStatus.current
    assert period_status(period, dt.date(2025, 1, 1)) is PeriodStatus.ended


def test_status_names_in_both_languages() -> None:
    for status in (*DeadlineStatus, *PeriodStatus):
        assert status_label(status, EN) and status_label(status, ZH)
    assert status_label(DeadlineStatus.passed, EN) == "Deadline passed"
    assert status_label(DeadlineStatus.soon, ZH) == "90天内到期"
    assert status_label(PeriodStatus.ended, EN) == "Plan period ended"
    words = " ".join(status_label(s, EN).lower() for s in DeadlineStatus)
    assert "overdue" not in words and "fail" not in words


# --- citations --------------------------------------------------------------------------------


def test_chinese_numbers() -> None:
    assert [chinese_number(x) for x in ("一", "十", "十五", "二十一", "一百零二")] == [
        1,
        10,
        15,
        21,
        102,
    ]
    assert chinese_number("二二") is None and chinese_number("甲") is None
    assert [arabic(x) for x in ("（三）", "(十五)", "12.", "一是", "甲")] == [
        "3",
        "15",
        "12",
        "1",
        None,
    ]


def _cases(plan: Plan) -> Iterator[tuple[Task, Item | None]]:
    for task in plan.tasks():
        yield task, None
        for item in task.items:
            yield task, item


def test_chinese_citations_are_unchanged_and_english_ones_are_english() -> None:
    for plan in seed_plans():
        restarts = numbering_restarts(plan)
        for chapter in plan.chapters:
            tasks = [*chapter.tasks, *(t for s in chapter.sections for t in s.tasks)]
            for task in tasks:
                for item in (None, *task.items):
                    kwargs = {"item": item, "chapter": chapter, "restarts": restarts}
                    zh = citation(plan, task, ZH, "zh", **kwargs)
                    number = task_number(task, chapter, restarts=restarts)
                    assert zh == zh_citation(plan, number, item)
                    en = citation(plan, task, EN, "en", **kwargs)
                    assert en.startswith(f"“{plan.title_en}”, ")
                    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en), en


def test_english_citation_forms() -> None:
    plans = {plan.id: plan for plan in seed_plans()}
    hulun = plans["hulunbeier-zhiben-gongjian-2024"]
    task = next(t for t in hulun.tasks() if t.items)
    assert citation(hulun, task, EN, "en", item=task.items[1]).endswith(f", task {task.no}, item 2")
    bojing = plans["bojingtan-shisiwu-2021"]
    chapter = bojing.chapters[7]
    task = chapter.tasks[4] if chapter.tasks else chapter.sections[0].tasks[4]
    assert citation(bojing, task, EN, "en", chapter=chapter, restarts=True).endswith(
        ", part 8, task 5"
    )


@pytest.mark.parametrize(
    ("start", "end", "en", "zh"),
    [
        ("2024-01-01", "2026-12-31", "2024 to 2026", "2024年至2026年"),
        ("2024-01-01", "2024-12-31", "2024", "2024年"),
        ("2024-02-01", "2024-04-30", "February to April 2024", "2024年2月至4月"),
        ("2024-11-01", "2025-02-28", "November 2024 to February 2025", "2024年11月至2025年2月"),
        ("2024-03-08", "2024-04-30", "8 March to 30 April 2024", "2024年3月8日至4月30日"),
        (
            "2024-03-08",
            "2025-01-15",
            "8 March 2024 to 15 January 2025",
            "2024年3月8日至2025年1月15日",
        ),
    ],
)
def test_period_phrase(start: str, end: str, en: str, zh: str) -> None:
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    assert period_phrase(a, b, EN) == en
    assert period_phrase(a, b, ZH) == zh


def test_every_seed_phase_and_period_reads_in_english() -> None:
    for plan in seed_plans():
        assert period_phrase(plan.period.start, plan.period.end, EN)[:4].isdigit()
        for phase in plan.phases():
            text = period_phrase(phase.start, phase.end, EN)
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), text
