"""Walk a plan's body with the YAML path of each part, so checks can point at the file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from .load import YamlPath
from .model import Chapter, Phase, Plan, Section, Task

T = TypeVar("T")


@dataclass(frozen=True)
class Located(Generic[T]):
    """A record and the YAML path it was read from."""

    record: T
    path: YamlPath


def tasks(plan: Plan) -> Iterator[Located[Task]]:
    """Every task in document order, with its path."""
    for ci, chapter in enumerate(plan.chapters):
        base: YamlPath = ("chapters", ci)
        for ti, task in enumerate(chapter.tasks):
            yield Located(task, (*base, "tasks", ti))
        for si, section in enumerate(chapter.sections):
            for ti, task in enumerate(section.tasks):
                yield Located(task, (*base, "sections", si, "tasks", ti))


def chapters(plan: Plan) -> Iterator[Located[Chapter]]:
    for ci, chapter in enumerate(plan.chapters):
        yield Located(chapter, ("chapters", ci))


def sections(plan: Plan) -> Iterator[Located[Section]]:
    for ci, chapter in enumerate(plan.chapters):
        for si, section in enumerate(chapter.sections):
            yield Located(section, ("chapters", ci, "sections", si))


def phases(plan: Plan) -> Iterator[Located[Phase]]:
    for ci, chapter in enumerate(plan.chapters):
        for pi, phase in enumerate(chapter.phases):
            yield Located(phase, ("chapters", ci, "phases", pi))
