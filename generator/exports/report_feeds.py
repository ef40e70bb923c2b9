"""Atom feeds of progress reports: all of them, per plan, and per unit — a unit's feed has the
reports on every task that binds it, those it is bound to through a group marked as such.

Serialised by hand: an entry is made once per report and shared by every feed it appears in
(a report on a task reaches the feeds of all its units); a national portal has ~7,000 feeds.
Entry ids are tag URIs on the report's identity (plan, round, task, sub-item, unit), so a feed
reader sees a report once however often the site is rebuilt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from ..model import Plan, Task
from ..reports.checks import FiledReport
from ..reports.model import STATUS_TERMS
from .rows import permalink
from .tracking import Tracking
from .units import role_label

FEED_ENTRIES = 50
"""Newest reports in the portal's feed; older ones stay on the pages and in progress.json."""
OWN_FEED_ENTRIES = 20
"""Newest reports in a plan's or a unit's feed: enough for a round of a plan, few enough
that the thousands of feeds of a national portal stay small (bench/RESULTS.md)."""
TAG = "tag:planportal,2024:"


def _time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entry_id(report: FiledReport) -> str:
    item = f"-{report.item}" if report.item else ""
    return f"{TAG}report:{report.plan}/{report.round}/{report.task}{item}/{'/'.join(report.unit)}"


class _Entries:
    """Entry XML per report, made once; a role category is added per unit feed."""

    def __init__(self, plans: Sequence[Plan], tracking: Tracking, base_url: str) -> None:
        self.tasks: dict[tuple[str, str], tuple[Plan, Task]] = {
            (p.id, t.id): (p, t) for p in plans for t in p.tasks()
        }
        self.tracking = tracking
        self.base_url = base_url
        self.made: dict[int, str] = {}

    def body(self, report: FiledReport) -> str:
        """The entry's XML without its role (reports live as long as the feeds are made)."""
        made = self.made.get(id(report))
        if made is None:
            made = self.made[id(report)] = self._body(report)
        return made

    def _body(self, report: FiledReport) -> str:
        plan, task = self.tasks[(report.plan, report.task)]
        r = report.report
        zh, en, _ = STATUS_TERMS[r.status]
        unit = self.tracking.name(report.unit)
        where = f"第{task.no}条" + (f"（第{r.item}项）" if r.item else "")
        title = f"【{zh}】{plan.short_title or plan.title}{where} {task.title or ''}".rstrip()
        lines = [f"{unit} {r.date.isoformat()}：{zh}（{en}）"]
        if r.completed:
            lines.append(f"完成日期：{r.completed.isoformat()}")
        for label, text in (
            ("进展情况", r.summary),
            ("存在问题", r.issues),
            ("下一步", r.next_steps),
        ):
            if text:
                lines.append(f"{label}：{text}")
        for ev in r.evidence:
            parts = [ev.title, ev.doc_number or "", ev.url or ""]
            lines.append("依据：" + " ".join(p for p in parts if p))
        link = permalink(self.base_url, plan.id, task.id, r.item or "")
        return (
            f"<title>{escape(title)}</title>"
            f"<id>{escape(_entry_id(report))}</id>"
            f"<updated>{_time(r.date)}</updated>"
            f'<link rel="alternate" href={quoteattr(link)}/>'
            f"<author><name>{escape(unit)}</name></author>"
            f"<summary>{escape(chr(10).join(lines))}</summary>"
        )

    def entry(self, report: FiledReport, role: str = "") -> str:
        category = f"<category term={quoteattr(role)}/>" if role else ""
        return f"<entry>{self.body(report)}{category}</entry>"


def _feed(
    title: str, path: str, entries: Sequence[str], updated: dt.date | None, base: str
) -> bytes:
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title>"
        f"<id>{escape(TAG + path)}</id>"
        f'<link rel="self" href={quoteattr(base + path)}/>'
        f"<updated>{_time(updated or dt.date(2024, 1, 1))}</updated>"
        "<author><name>planportal</name></author>"
    )
    return (head + "".join(entries) + "</feed>").encode()


def _newest(reports: Sequence[FiledReport], limit: int = OWN_FEED_ENTRIES) -> list[FiledReport]:
    return sorted(reports, key=lambda r: r.sort_key, reverse=True)[:limit]


def iter_report_feeds(
    plans: Sequence[Plan], tracking: Tracking, *, base_url: str
) -> Iterator[tuple[str, bytes]]:
    """`progress/feed.xml` (every report), `progress/plans/<plan>.xml` and
    `progress/units/<region>/<unit>.xml` (paths under data/), newest first."""
    base = base_url.rstrip("/") + "/data/"
    entries = _Entries(plans, tracking, base_url)
    progress = tracking.status.progress
    newest = _newest(progress.reports, FEED_ENTRIES)
    latest = newest[0].date if newest else None
    yield (
        "progress/feed.xml",
        _feed("进展报告", "progress/feed.xml", [entries.entry(r) for r in newest], latest, base),
    )
    for plan in plans:
        own = _newest(progress.for_plan(plan.id))
        path = f"progress/plans/{plan.id}.xml"
        title = f"进展报告：{plan.short_title or plan.title}"
        yield (
            path,
            _feed(title, path, [entries.entry(r) for r in own], own[0].date if own else None, base),
        )
    for key, duties in tracking.status.duties.records.items():
        roles: dict[tuple[str, str], str] = {}
        for duty in duties.duties:
            roles.setdefault(duty.task_key, role_label(duty))
        reports = [r for task in roles for r in progress.for_task(*task)]
        if not roles:
            continue
        own = _newest(reports)
        path = f"progress/units/{key[0]}/{key[1]}.xml"
        title = f"进展报告：{tracking.name(key)}"
        body = [entries.entry(r, roles[(r.plan, r.task)]) for r in own]
        yield path, _feed(title, path, body, own[0].date if own else None, base)
