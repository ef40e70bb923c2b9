"""Contexts of the topic pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..ui import UiStrings
from .common import DeadlineBadge, Keywords, Label, Link, Pager, TaskName


@dataclass(frozen=True)
class TopicTask:
    what: TaskName
    units: tuple[Link, ...]
    """Who leads it (else who is responsible, else who supports), in the page's language;
    linked to their pages."""
    and_others: bool
    deadlines: tuple[DeadlineBadge, ...]


@dataclass(frozen=True)
class TopicGroupBlock:
    anchor: str
    plan: Link
    region: str
    issuer: Label
    count: str
    """`3 项任务`."""
    continued: bool
    tasks: tuple[TopicTask, ...]
    leads: tuple[Label, ...]
    """Domain leads stated in prose, as printed (区住建局牵头负责建筑施工、燃气等行业领域)."""


@dataclass(frozen=True)
class TopicRow:
    link: Link
    counts: str


@dataclass(frozen=True)
class TopicsIndexContext:
    TEMPLATE: ClassVar[str] = "topics_index.md.j2"
    ui: UiStrings
    title: str
    topics: tuple[TopicRow, ...]


@dataclass(frozen=True)
class TopicContext:
    TEMPLATE: ClassVar[str] = "topic.md.j2"
    ui: UiStrings
    title: str
    topic_id: str
    summary: str
    index: Link
    pager: Pager
    groups: tuple[TopicGroupBlock, ...]
    keywords: Keywords | None
    """Hidden search keywords after the `<h1>` (the topic's name in Chinese and English)."""
    indexed: bool
    """Searchable (the first part only): the topic is found by its name; the tasks it
    lists are found on their plan pages, not once more per topic."""
