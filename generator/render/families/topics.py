"""Topic pages: `/topics/` and `/topics/<topic>/` (split into parts when long), each
listing the topic's tasks by plan (see `views.topics`)."""

from __future__ import annotations

from functools import partial

from ...search_keywords import keyword_list
from ...views.site import PlanView, TaskView
from ...views.topics import TOPICS, TopicPage, TopicView, group_anchor
from ..contexts.common import Link
from ..contexts.topics import (
    TopicContext,
    TopicGroupBlock,
    TopicRow,
    TopicsIndexContext,
    TopicTask,
)
from ..kit import PageKit
from ..renderer import Page, PageGroup, one_page


def groups(kit: PageKit) -> list[PageGroup]:
    """The topics index, then each page of each topic; a listed task costs about one."""
    topics = kit.data.topics
    return [
        PageGroup(len(topics) + 1, partial(one_page, index, kit)),
        *(
            PageGroup(
                sum(len(g.tasks) for g in page.groups) + 1,
                partial(one_page, topic_page, kit, topic, page),
            )
            for topic in topics.values()
            for page in topic.pages
        ),
    ]


def index(kit: PageKit) -> Page:
    ui, here = kit.ui, TOPICS
    rows = tuple(
        TopicRow(
            Link(kit.names.of(v.topic), kit.link(here, v.path)),
            ui.format("topic_counts", tasks=v.total, plans=v.plan_count),
        )
        for v in kit.data.topics.values()
    )
    return kit.render(here, TopicsIndexContext(ui=ui, title=ui.topics_title, topics=rows))


def topic_page(kit: PageKit, view: TopicView, page: TopicPage) -> Page:
    ui, here, names = kit.ui, page.path, kit.names
    groups = tuple(
        TopicGroupBlock(
            anchor=group_anchor(g.plan.plan.id),
            plan=names.link(names.plan(g.plan.plan), kit.link(here, g.plan.url)),
            region=names.of(g.plan.region) if g.plan.region else "",
            issuer=kit.issuer(g.plan.plan, g.plan.plan.region),
            count=ui.format("duty_count", count=g.total),
            continued=g.continued,
            tasks=tuple(_task(kit, here, g.plan, t) for t in g.tasks),
            leads=tuple(names.label(d.phrase) for d in g.domain_leads),
        )
        for g in page.groups
    )
    ctx = TopicContext(
        ui=ui,
        title=kit.part_title(kit.names.of(view.topic), page.part, page.parts),
        topic_id=view.topic.id,
        summary=ui.format("topic_counts", tasks=view.total, plans=view.plan_count),
        index=Link(ui.topics_title, kit.link(here, TOPICS)),
        pager=kit.pager(here, ui.pager_label, [p.path for p in view.pages], page.part),
        groups=groups,
        indexed=page.part == 1,
        keywords=kit.keywords(
            keyword_list(
                [view.topic.name], english=[view.topic.name_en] if kit.names.english else ()
            )
        ),
    )
    return kit.render(here, ctx)


def _task(kit: PageKit, here: str, plan: PlanView, tv: TaskView) -> TopicTask:
    resp = tv.task.responsibility
    printed = resp.lead or resp.responsible or resp.support
    units = tuple(
        kit.unit_link(here, ref) if (ref := plan.refs.get(name)) else kit.names.link(name, "")
        for name in printed
    )
    return TopicTask(
        what=kit.task_name(here, tv),
        units=units,
        and_others=resp.and_others,
        deadlines=tuple(kit.deadline(d) for d in tv.task.deadlines),
    )
