"""Context of the revision pages (`/changes/`, a plan's history): each revision described by
what changed in the plans, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import Label, Link, TaskName


@dataclass(frozen=True)
class Run:
    """A run of text in a change: `=` kept, `+` inserted, `-` deleted, `…` elided (a long
    stretch of unchanged text between two changes)."""

    op: str
    text: str


@dataclass(frozen=True)
class FieldRow:
    """One changed field of a clause, shown by what it is."""

    label: str
    """What changed: 正文 / "Text", 牵头单位 / "Lead units" …"""
    kind: str
    """`text` (an inline character diff in `redline`), `units` (names `added` and
    `removed`), or `value` (`old` → `new`)."""
    redline: tuple[Run, ...]
    added: tuple[Label, ...]
    removed: tuple[Label, ...]
    old: Label | None
    new: Label | None


@dataclass(frozen=True)
class ChangeRow:
    kind: str
    """`added`, `removed`, `modified` (CSS class)."""
    kind_label: str
    clause: TaskName
    """The clause, linked while it exists (`href` empty once removed)."""
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class PlanDiffBlock:
    plan: Link
    status: str
    status_label: str
    summary: str
    """How many tasks were added, modified and removed, in words; or that no task's text,
    units or deadlines changed."""
    changes: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class RevisionBlock:
    anchor: str
    date: str
    summary: str
    """What the revision changed, in words (plans and tasks)."""
    subject: str
    """The editor's description of the revision, when written in the page's language (a
    secondary line; empty otherwise)."""
    plans: tuple[PlanDiffBlock, ...]


@dataclass(frozen=True)
class ChangesContext:
    TEMPLATE: ClassVar[str] = "changes.md.j2"
    ui: UiStrings
    title: str
    note: str
    """Why the history is incomplete (no git checkout, a shallow clone); empty otherwise."""
    feed: str
    revisions: tuple[RevisionBlock, ...]
    truncated: bool
