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
class Piece:
    """A stretch of a description: prose, or (`code`) a field name, file name or value as
    written in the data files (the dictionary's `backticks`)."""

    text: str
    code: bool
    lang: str = ""
    """`zh-Hans` for Chinese words quoted in an English description (examples of what
    the plans print); empty where the page's language holds."""


@dataclass(frozen=True)
class FieldRow:
    """One field of a record in the data dictionary, described in the page's language."""

    name: str
    type: str
    required: bool
    description: tuple[Piece, ...]


@dataclass(frozen=True)
class RecordBlock:
    """One record of the data dictionary (generated from the model's docstrings)."""

    anchor: str
    name: str
    description: tuple[Piece, ...]
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
