"""Topics: one topic (燃气, 消防 …) across every plan, the matching tasks grouped by plan.

Page weight (developer-docs/architecture.md: pages do not grow with the site): a topic page
grows with the number of plans, so a topic is split into pages of at most `PAGE_SIZE`
tasks: `/topics/<topic>/`, `/topics/<topic>/2/`, ….  A plan's group is kept whole on one
page when it fits; a plan with more than `PAGE_SIZE` matching tasks continues on the next
page (its group says so).  Every group carries the plan's full count, and
`TopicView.page_of` tells a task on a plan page which topic page lists its plan.  At ~750
bytes of page body per task (long responsibility lists included; measured in
`tests/test_render_crosscut.py`) a page body stays under ~90 KB, ~120 KB with the theme
around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from ..model import DomainLead, Topic
from .site import PlanView, SiteViews, TaskView

PAGE_SIZE = 120
"""Most tasks on one topic page."""
TOPICS = "topics/"


def topic_path(topic_id: str, part: int = 1) -> str:
    return f"{TOPICS}{topic_id}/" if part == 1 else f"{TOPICS}{topic_id}/{part}/"


def group_anchor(plan_id: str) -> str:
    return f"plan-{plan_id}"


@dataclass(frozen=True)
class TopicGroup:
    """The tasks of one plan on one topic page."""

    plan: PlanView
    tasks: tuple[TaskView, ...]
    total: int
    """The plan's number of tasks in the topic (all pages)."""
    domain_leads: tuple[DomainLead, ...]
    """Domain leads of the plan stated in prose for this topic (区住建局牵头负责燃气…)."""
    continued: bool = False
    """The group continues a plan from the previous page."""


@dataclass(frozen=True)
class TopicPage:
    topic_id: str
    part: int
    parts: int
    groups: tuple[TopicGroup, ...]

    @property
    def path(self) -> str:
        return topic_path(self.topic_id, self.part)


@dataclass(frozen=True)
class TopicView:
    topic: Topic
    total: int
    """Tasks in the topic, all plans."""
    plan_count: int
    pages: tuple[TopicPage, ...]

    @property
    def path(self) -> str:
        return topic_path(self.topic.id)

    def page_of(self, plan_id: str) -> str:
        """Site path (with the group anchor) of the page that lists `plan_id`'s tasks."""
        return self._first_pages.get(plan_id, self.path)

    @cached_property
    def _first_pages(self) -> dict[str, str]:
        # asked for every topic link of every task: a table, not a scan of all groups
        out: dict[str, str] = {}
        for page in self.pages:
            for g in page.groups:
                out.setdefault(g.plan.plan.id, f"{page.path}#{group_anchor(g.plan.plan.id)}")
        return out


def _paginate(topic_id: str, groups: list[TopicGroup], size: int) -> tuple[TopicPage, ...]:
    pages: list[list[TopicGroup]] = [[]]
    used = 0
    for group in groups:
        tasks = group.tasks
        continued = False
        if not tasks:
            pages[-1].append(group)
        while tasks:
            room = size - used
            if len(tasks) > room and (used > 0 and len(tasks) <= size):
                pages.append([])  # start the plan on a fresh page rather than split it
                used, room = 0, size
            part, tasks = tasks[:room], tasks[room:]
            pages[-1].append(
                TopicGroup(group.plan, part, group.total, group.domain_leads, continued)
            )
            used += len(part)
            continued = True
            if tasks:
                pages.append([])
                used = 0
    return tuple(TopicPage(topic_id, n, len(pages), tuple(p)) for n, p in enumerate(pages, 1))


TopicIndex = Mapping[str, Mapping[str, tuple[TaskView, ...]]]
"""Topic id → plan id → the plan's task views in that topic, in plan order."""


def topic_index(views: SiteViews) -> TopicIndex:
    """Every task filed under each of its topics, in one pass over the tasks (asking each
    topic of every task: topics × tasks checks, 2.4 million at national scale)."""
    out: dict[str, dict[str, list[TaskView]]] = {}
    for plan in views.plans:
        for task in plan.tasks:
            for topic_id in dict.fromkeys(task.task.topics):
                out.setdefault(topic_id, {}).setdefault(plan.plan.id, []).append(task)
    return {t: {p: tuple(tasks) for p, tasks in by_plan.items()} for t, by_plan in out.items()}


def topic_view(
    views: SiteViews,
    topic: Topic,
    page_size: int = PAGE_SIZE,
    index: TopicIndex | None = None,
) -> TopicView:
    """The topic's tasks grouped by plan and paged; `index`: `topic_index(views)`, when
    several topics are viewed."""
    filed = (index if index is not None else topic_index(views)).get(topic.id, {})
    groups = []
    for plan in views.plans:
        tasks = filed.get(plan.plan.id, ())
        leads = tuple(d for d in plan.plan.domain_leads if topic.id in d.topics)
        if tasks or leads:
            groups.append(TopicGroup(plan, tasks, len(tasks), leads))
    return TopicView(
        topic,
        total=sum(g.total for g in groups),
        plan_count=sum(1 for g in groups if g.total),
        pages=_paginate(topic.id, groups, page_size),
    )


def topic_views(
    views: SiteViews, topics: Mapping[str, Topic] | Iterable[Topic], page_size: int = PAGE_SIZE
) -> tuple[TopicView, ...]:
    """Every topic of data/topics.yaml, in file order (topics without tasks included)."""
    records = topics.values() if isinstance(topics, Mapping) else topics
    index = topic_index(views)
    return tuple(topic_view(views, t, page_size, index) for t in records)
