"""Context of the open-data page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import Link


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    size: str
    description: str


@dataclass(frozen=True)
class PlanDownloads:
    plan: Link
    json: Link
    ics: Link


@dataclass(frozen=True)
class FieldRow:
    """One field of a record in the data dictionary, described in the page's language."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class RecordBlock:
    """One record of the data dictionary (generated from the model's docstrings)."""

    anchor: str
    name: str
    description: str
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class DataContext:
    TEMPLATE: ClassVar[str] = "data.md.j2"
    ui: UiStrings
    title: str
    as_of: str
    downloads: tuple[Download, ...]
    plans: tuple[PlanDownloads, ...]
    files: tuple[tuple[str, str], ...]
    """(file pattern, record name) of each kind of source file."""
    records: tuple[RecordBlock, ...]
