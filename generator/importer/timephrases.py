"""Deadlines (2024年底前, 2024 年 6 月底前, 2024年上半年, 到2025年…) and recurrences
(每季度…至少开展1次).

A deadline's date is the last day of the stated period and its precision says how much of
it the text gives; the phrase is kept verbatim.  A phrase without a year (`4月30日前`) takes
the year of its context (a dated phase) and says so in `inferred`; phrases that cannot be
dated at all (三年内) are returned separately for the report.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

_Y = r"(?P<y>\d{4})\s*年"
_PRE = r"(?:(?:到|截至|力争至|力争到)\s*)?"
_BEFORE = r"(?:前|之前|以前)"
_CN_NUM = "一二三四"

# Most specific first; each alternative has its own named groups via a precision prefix.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(rf"{_PRE}{_Y}\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日\s*{_BEFORE}")),
    ("month", re.compile(rf"{_PRE}{_Y}\s*(?P<m>\d{{1,2}})\s*月\s*(?:底|末|份)?\s*{_BEFORE}")),
    (
        "month",
        re.compile(rf"(?:到|截至|力争至|力争到)\s*{_Y}\s*(?P<m>\d{{1,2}})\s*月\s*(?:底|末)?"),
    ),
    ("half", re.compile(rf"{_PRE}{_Y}\s*(?P<h>上半年|下半年)\s*(?:底|末)?\s*{_BEFORE}?")),
    (
        "quarter",
        re.compile(rf"{_PRE}{_Y}\s*第?(?P<q>[1-4{_CN_NUM}])\s*季度\s*(?:底|末)?\s*{_BEFORE}?"),
    ),
    ("year", re.compile(rf"{_PRE}{_Y}\s*(?:底|末)\s*{_BEFORE}?")),
    ("year", re.compile(rf"{_PRE}{_Y}\s*{_BEFORE}")),
    ("year", re.compile(rf"(?:到|截至|力争至|力争到)\s*{_Y}(?!\s*\d)")),
    # A bare year opening a clause: `2024年，重点开展…`, `2025年评选一批…` (= during that year).
    (
        "year",
        re.compile(
            rf"(?<![\d\-—–~至到])(?<![\d\-—–~]\s){_Y}(?!\s*(?:\d|及|以来|起|开始|度|[-—–~]))"
        ),
    ),
)
# Without a year: the year comes from the context (a dated phase).
_NO_YEAR: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日\s*{_BEFORE}")),
    ("month", re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}})\s*月\s*(?:底|末)\s*{_BEFORE}?")),
)
_UNDATED = re.compile(r"[一二两三四五六七八九十\d]+\s*年内|年底前|今年内")

_PERIODS = {"周": "week", "星期": "week", "月": "month", "季度": "quarter", "季": "quarter"}
_PERIODS |= {"半年": "half-year", "年": "year"}
_RECUR = re.compile(r"每\s*(半年|季度|星期|周|月|季|年)")
_COUNT = re.compile(r"(\d+|[一两二三四五六七八九十])\s*(?:次|遍|轮)")
_CN_VALUE = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")} | {"两": 2}


@dataclass
class Found:
    start: int
    end: int
    value: dict[str, Any]


def _in_title(text: str, pos: int) -> bool:
    """Inside 《…》: a year in a document's name is not a deadline."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date_for(kind: str, g: dict[str, str | None], year: int) -> dt.date:
    if kind == "day":
        return dt.date(year, int(g["m"] or 0), int(g["d"] or 0))
    if kind == "month":
        return _last_day(year, int(g["m"] or 0))
    if kind == "half":
        return _last_day(year, 6 if g["h"] == "上半年" else 12)
    if kind == "quarter":
        q = g["q"] or "4"
        n = int(q) if q.isdigit() else _CN_NUM.index(q) + 1
        return _last_day(year, n * 3)
    return dt.date(year, 12, 31)


def find_deadlines(text: str, item: str | None = None) -> list[Found]:
    """Dated deadline phrases in `text`, in order, without overlaps."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken) or _in_title(text, m.start()):
                continue
            try:
                date = _date_for(kind, m.groupdict(), int(m.group("y")))
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            found.append(Found(m.start(), m.end(), _deadline(date, kind, m.group(0), item)))
    return sorted(found, key=lambda f: f.start)


def _deadline(date: dt.date, kind: str, phrase: str, item: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"date": date, "precision": kind, "phrase": phrase.strip()}
    if item:
        out["item"] = item
    return out


def find_yearless(text: str, period: tuple[dt.date, dt.date] | None, why: str) -> list[Found]:
    """`4月30日前` inside a dated context: the year is that of the context's period."""
    found: list[Found] = []
    for kind, pattern in _NO_YEAR:
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            year = _year_in(period, int(m.group("m"))) if period else None
            if year is None:
                continue
            try:
                date = _date_for(kind, m.groupdict(), year)
            except ValueError:
                continue
            value = _deadline(date, kind, m.group(0), None)
            value["inferred"] = f"年份取自{why}"
            found.append(Found(m.start(), m.end(), value))
    return sorted(found, key=lambda f: f.start)


def _year_in(period: tuple[dt.date, dt.date], month: int) -> int | None:
    """The year in which `month` falls inside the period (first match)."""
    for year in range(period[0].year, period[1].year + 1):
        if period[0] <= dt.date(year, month, 1) <= period[1]:
            return year
    return None


def find_undated(text: str, dated: list[Found] = ()) -> list[str]:  # type: ignore[assignment]
    """Time phrases the importer cannot turn into a date (三年内), outside dated phrases."""
    return [
        m.group(0)
        for m in _UNDATED.finditer(text)
        if not any(m.start() < f.end and f.start < m.end() for f in dated)
    ]


def _clause(rest: str) -> str:
    """Text up to the end of the clause; a bracket pair inside it (（园区）) is skipped over,
    a closing bracket of an enclosing pair ends it."""
    depth = 0
    for i, ch in enumerate(rest):
        depth += (ch in "（(") - (ch in "）)")
        if depth < 0 or (depth == 0 and ch in "。；，,;"):
            return rest[:i]
    return rest


# A clause that opens with a preposition (每年结合…培训班等，对…开展培训) is an adverbial: the
# duty is stated in the next clause, so the phrase runs on to the end of that one.
_ADVERBIAL = re.compile(r"^(?:结合|按照|根据|依据|通过|围绕|针对|依托|利用|借助|对照|会同|联合)")
# 一月一培训、一月一警示: one of each per period; a list of them is one recurrence.
_ONE_PER = r"一(?P<p{n}>季度|月|季|周|年)一[^\s、，；。“”\"（）()]{{1,6}}"
_ONE_PER_LIST = re.compile(_ONE_PER.format(n=1) + r"(?:、一(?P=p1)一[^\s、，；。“”\"（）()]{1,6})*")
# 年度… of an activity that recurs every year (开展好年度安全生产考核, 制定落实年度宣传教育计划);
# not of a list or a system (年度任务清单, 年度述职评价制度: the thing is set up once), nor of
# one given year (2024年度考核).
_ANNUAL_ACTIVITY = "考核|考评|计划|述职|评价|评估|总结|检查|督查|培训|演练|报告"
_ANNUAL = re.compile(
    rf"(?<![\d本上下今明去该各])年度[^，；。、：\s]{{0,10}}?(?:{_ANNUAL_ACTIVITY})+"
    r"(?![^，；。、：\s]{0,6}?(?:制度|机制|办法|清单|体系|方案|规则|细则))"
)
# The verb that makes 年度X a duty of this plan, at the start of the clause.
_ANNUAL_VERB = re.compile(r"(?:开展|组织|制定|落实|完成|实施|做好|搞好|进行|编制|召开)")


def _clause_start(text: str, pos: int) -> int:
    starts = [m.end() for m in re.finditer(r"[。；，,;：:]", text[:pos])]
    return starts[-1] if starts else 0


def find_recurrences(text: str, item: str | None = None) -> list[dict[str, Any]]:
    """每季度…至少开展1次 → {every: quarter, times: 1}; 一月一培训 → {every: month, times: 1};
    开展年度考核 → {every: year}.  In text order."""
    found: list[tuple[int, dict[str, Any]]] = []
    for m in _RECUR.finditer(text):
        clause = _clause(text[m.end() :])
        count = _COUNT.search(clause)
        if count:
            phrase_end = m.end() + count.end()
        else:
            phrase_end = m.end() + len(clause)
            rest = text[phrase_end:]
            if _ADVERBIAL.match(clause.strip()) and rest[:1] in "，,":
                phrase_end += 1 + len(_clause(rest[1:]))
        value: dict[str, Any] = {
            "phrase": text[m.start() : phrase_end].strip(),
            "every": _PERIODS[m.group(1)],
        }
        if count:
            n = count.group(1)
            value["times"] = int(n) if n.isdigit() else _CN_VALUE[n]
        found.append((m.start(), value))
    for m in _ONE_PER_LIST.finditer(text):
        found.append((m.start(), {"phrase": m.group(0), "every": _PERIODS[m.group("p1")]}))
        found[-1][1]["times"] = 1
    for m in _ANNUAL.finditer(text):
        if any(s <= m.start() < s + len(v["phrase"]) for s, v in found):
            continue  # inside a 每年… phrase already found
        start = _clause_start(text, m.start())
        if not _ANNUAL_VERB.search(text[start : m.start()]):
            continue
        end = m.start() + len(_clause(text[m.start() :]))
        found.append((start, {"phrase": text[start:end].strip(), "every": "year"}))
    out = [v for _, v in sorted(found, key=lambda f: f[0])]
    if item:
        for v in out:
            v["item"] = item
    return out


# --- phase periods ------------------------------------------------------------------------

_RANGE = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月(?:\s*(?P<d1>\d{1,2})\s*日)?\s*[至到—\-~－]+\s*"
    r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月(?:\s*(?P<d2>\d{1,2})\s*日)?(?:底|末)?"
)


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """`2024年2月至4月` → (2024-02-01, 2024-04-30)."""
    m = _RANGE.search(text)
    if not m:
        return None
    y1, y2 = int(m.group("y1")), int(m.group("y2") or m.group("y1"))
    try:
        start = dt.date(y1, int(m.group("m1")), int(m.group("d1") or 1))
        end_month = int(m.group("m2"))
        end = (
            dt.date(y2, end_month, int(m.group("d2")))
            if m.group("d2")
            else _last_day(y2, end_month)
        )
    except ValueError:
        return None
    return (start, end) if start <= end else None
