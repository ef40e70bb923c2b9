"""Context of the revision pages (`/changes/`, a plan's history)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import Label, Link


@dataclass(frozen=True)
class Run:
    """A run of text in a change: `=` kept, `+` inserted, `-` deleted."""

    op: str
    text: str


@dataclass(frozen=True)
class FieldRow:
    label: str
    old: str
    new: str
    redline: tuple[Run, ...]
    """Character-level changes of a text (empty: not a text field)."""
    reassigned: tuple[Run, ...]
    """For unit lists: the names added (`+`) and removed (`-`)."""


@dataclass(frozen=True)
class ChangeRow:
    kind: str
    """`added`, `removed`, `modified` (CSS class)."""
    kind_label: str
    clause: Link | None
    """Link to the clause; `None` when it no longer exists."""
    label: Label
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class PlanDiffBlock:
    plan: Link
    status: str
    status_label: str
    changes: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class RevisionBlock:
    anchor: str
    commit: str
    date: str
    author: str
    subject: str
    plans: tuple[PlanDiffBlock, ...]


@dataclass(frozen=True)
class ChangesContext:
    TEMPLATE: ClassVar[str] = "changes.md.j2"
    ui: UiStrings
    title: str
    note: str | None
    feed: str
    revisions: tuple[RevisionBlock, ...]
    truncated: bool
