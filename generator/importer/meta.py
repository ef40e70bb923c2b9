"""Plan-level facts derived from the text: kind, period, issuer, basis, default ids."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..pinyin import syllables

_KINDS: tuple[tuple[str, str], ...] = (
    ("任务分解", "task-breakdown"),
    ("实施方案", "implementation-plan"),
    ("三年行动", "three-year-action-plan"),
    ("规划", "five-year-plan"),
    ("工作要点", "annual-work-notice"),
    ("通知", "annual-work-notice"),
)
_FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
_YEARS = re.compile(r"(\d{4})\s*年?\s*[-—–~至到]+\s*(\d{4})\s*年?")
_ONE_YEAR = re.compile(r"(\d{4})\s*年")
# The region is what precedes the subject of the title (安全生产…).
_SUBJECT = re.compile(
    r"(安全生产|关于|治本攻坚|“十|(?<=[省市县区旗盟州镇乡])(?:\d{4}\s*[-—–~至到]?\s*\d{0,4}\s*年|"
    r"消防|应急|防汛|森林|道路|交通|危险化学品|城镇燃气|燃气|安全|工作|专项|重点))"
)
_LEVEL = re.compile(r"(自治区|省|市|区|县|盟|旗|州|镇|乡|街道)$")
_SHORT_FORMS = (("治本攻坚", "zhiben-gongjian"), ("十四五", "shisiwu"), ("十五五", "shiwuwu"))
_BASIS = re.compile(r"(?:依据|根据)《([^》]+)》")


def plan_kind(title: str) -> str:
    for word, kind in _KINDS:
        if word in title:
            return kind
    return "other"


def plan_period(title: str, issued: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """From `（2024-2026年）` or 十四五 in the title; a single year; else None."""
    if m := _YEARS.search(title):
        return dt.date(int(m.group(1)), 1, 1), dt.date(int(m.group(2)), 12, 31)
    for word, (start, end) in _FIVE_YEAR.items():
        if word in title:
            return dt.date(start, 1, 1), dt.date(end, 12, 31)
    if m := _ONE_YEAR.search(title):
        year = int(m.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


def title_region(title: str) -> str:
    """`呼伦贝尔市安全生产…` → `呼伦贝尔市`."""
    m = _SUBJECT.search(title)
    return title[: m.start()].strip() if m and m.start() > 0 else ""


def region_slug(title: str) -> str:
    """Pinyin of the title's region without its level suffix (呼伦贝尔市 → hulunbeier)."""
    region = _LEVEL.sub("", title_region(title))
    return "".join(syllables(region))[:40] or "region"


def short_form(title: str) -> str:
    for word, short in _SHORT_FORMS:
        if word in title:
            return short
    core = re.sub(r"[（(].*?[）)]", "", title[len(title_region(title)) :])
    core = re.sub(r"^(关于)?(\d{4}\s*[-—–~至到]?\s*\d{0,4}\s*年度?)?(安全生产)?", "", core)
    first = syllables(core)[:4]
    # two syllables to a word, as in zhiben-gongjian
    words = ["".join(first[i : i + 2]) for i in range(0, len(first), 2)]
    return "-".join(w for w in words if w) or "plan"


def plan_id(title: str, region: str | None, period: tuple[dt.date, dt.date] | None) -> str:
    """region + short form + first year (no year when the period is not known)."""
    year = f"-{period[0].year}" if period else ""
    base = f"{region or region_slug(title)}-{short_form(title)}{year}"
    return base[:80].strip("-")


_TEXT_YEARS = re.compile(r"(?<!\d)(20\d{2})\s*(?:年)?\s*[-—–~至到]+\s*(20\d{2})\s*年")
_TEXT_SCAN = 3000
"""Characters of the plan's opening text searched for a stated period."""


def period_in_text(
    preamble: list[str], chapters: list[dict[str, Any]]
) -> tuple[tuple[dt.date, dt.date], str] | None:
    """A period the opening text states (`2024—2026年`, `2024年至2026年`, 十四五 …) and the
    phrase, or None.  Only ranges and five-year-plan names: a lone year in the text is a
    deadline as often as a period."""
    head = "\n".join(preamble)
    for chapter in chapters:
        if len(head) >= _TEXT_SCAN:
            break
        head += "\n" + str(chapter.get("text", ""))
        for section in chapter.get("sections", []):
            head += "\n" + str(section.get("text", ""))
    head = head[:_TEXT_SCAN]
    if m := _TEXT_YEARS.search(head):
        start, end = int(m.group(1)), int(m.group(2))
        if start <= end <= start + 10:
            return (dt.date(start, 1, 1), dt.date(end, 12, 31)), m.group(0)
    for word, (start, end) in _FIVE_YEAR.items():
        if word in head:
            return (dt.date(start, 1, 1), dt.date(end, 12, 31)), word
    return None


def issuer(cover: dict[str, Any], title: str) -> str:
    """The signature, else the issuer before 关于 in the notice title, else the region."""
    if cover.get("signature"):
        return cover["signature"]
    return notice_issuer(cover) or title_region(title) or title


def notice_issuer(cover: dict[str, Any]) -> str:
    """The issuer before 关于 in the notice title (禹州市安全生产委员会关于印发…), or ""."""
    notice = cover.get("title", "") if cover else ""
    if "关于" in notice and notice.index("关于") > 0:
        return notice[: notice.index("关于")]
    return ""


def basis(preamble: str) -> list[dict[str, Any]]:
    """The higher-level plans the preamble says this plan implements (依据《…》)."""
    seen: list[str] = []
    for m in _BASIS.finditer(preamble):
        if m.group(1) not in seen:
            seen.append(m.group(1))
    return [{"title": t} for t in seen]
