"""Atom feeds of the revision history: the portal's (`changes/feed.xml`) and one per unit
(`changes/units/<region>/<unit>.xml`), the revisions that touch its tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from ..history import History, Revision
from ..render.ui import UiStrings

FEED_ENTRIES = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
CHANGES = "changes/"


def _atom_time(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _summary(rev: Revision, ui: UiStrings) -> str:
    lines = []
    for diff in rev.plans:
        lines.append(f"{diff.title}: {ui[f'status_{diff.status}']}")
        for change in diff.tasks:
            what = "、".join(ui.get(f"field_{f.name}", f.name) for f in change.changes)
            lines.append(
                f"  {ui[f'change_{change.kind}']} {change.no} {change.title} {what}".rstrip()
            )
    return "\n".join(lines)


def atom_feed(
    title: str, feed_path: str, revisions: Iterable[Revision], ui: UiStrings, base_url: str
) -> bytes:
    """An Atom 1.0 feed of revisions; entry ids are tag URIs on the commit (stable)."""
    ET.register_namespace("", ATOM_NS)
    base = base_url.rstrip("/") + "/"
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    revs = list(revisions)[:FEED_ENTRIES]
    ET.SubElement(feed, f"{{{ATOM_NS}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM_NS}}}id").text = f"tag:planportal,2024:{feed_path}"
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=f"{base}{feed_path}")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="alternate", href=f"{base}{CHANGES}")
    updated = revs[0].date if revs else dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    ET.SubElement(feed, f"{{{ATOM_NS}}}updated").text = _atom_time(updated)
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    ET.SubElement(author, f"{{{ATOM_NS}}}name").text = ui.site_title
    for rev in revs:
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        ET.SubElement(entry, f"{{{ATOM_NS}}}title").text = rev.subject
        ET.SubElement(entry, f"{{{ATOM_NS}}}id").text = f"tag:planportal,2024:commit:{rev.commit}"
        ET.SubElement(entry, f"{{{ATOM_NS}}}updated").text = _atom_time(rev.date)
        ET.SubElement(
            entry, f"{{{ATOM_NS}}}link", rel="alternate", href=f"{base}{CHANGES}#r-{rev.short}"
        )
        rev_author = ET.SubElement(entry, f"{{{ATOM_NS}}}author")
        ET.SubElement(rev_author, f"{{{ATOM_NS}}}name").text = rev.author
        ET.SubElement(entry, f"{{{ATOM_NS}}}summary").text = _summary(rev, ui)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def unit_revisions(
    history: History, names: set[str], tasks: set[tuple[str, str]]
) -> list[Revision]:
    """Revisions that change one of the unit's tasks (`(plan_id, task_id)`) or reassign
    a task to or from the unit (`names`: its printed forms)."""
    out = []
    for rev in history.revisions:
        if any(
            diff.units_touched() & names
            or any((diff.plan_id, c.task_id) in tasks for c in diff.tasks)
            for diff in rev.plans
        ):
            out.append(rev)
    return out
