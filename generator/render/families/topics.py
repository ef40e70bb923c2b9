"""Topic pages: `/topics/` and `/topics/<topic>/` (split into parts when long), each
listing the topic's tasks by plan (see `views.topics`)."""

from __future__ import annotations

from functools import partial

from ...search_keywords import keyword_list
from ...views.site import TaskView
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
            v.topic.name_en,
            ui.format("topic_counts", tasks=v.total, plans=v.plan_count),
        )
        for v in kit.data.topics.values()
    )
    return kit.render(here, TopicsIndexContext(ui=ui, title=ui.topics_title, topics=rows))


def topic_page(kit: PageKit, view: TopicView, page: TopicPage) -> Page:
    ui, here = kit.ui, page.path
    groups = tuple(
        TopicGroupBlock(
            anchor=group_anchor(g.plan.plan.id),
            plan=Link(g.plan.plan.title, kit.link(here, g.plan.url)),
            meta=" · ".join(
                x for x in (g.plan.region.name if g.plan.region else "", g.plan.plan.issuer) if x
            ),
            count=ui.format("duty_count", count=g.total),
            continued=g.continued,
            tasks=tuple(_task(kit, here, t) for t in g.tasks),
            leads=tuple(d.phrase for d in g.domain_leads),
        )
        for g in page.groups
    )
    ctx = TopicContext(
        ui=ui,
        title=kit.part_title(kit.names.of(view.topic), page.part, page.parts),
        topic_id=view.topic.id,
        name_en=view.topic.name_en,
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


def _task(kit: PageKit, here: str, tv: TaskView) -> TopicTask:
    resp = tv.task.responsibility
    names = resp.lead or resp.responsible or resp.support
    return TopicTask(
        what=Link(
            kit.data.labels.get(tv.url) or f"{tv.number} {tv.task.title or ''}".strip(),
            kit.link(here, tv.url),
        ),
        citation=tv.citation,
        responsibility=(
            "、".join(names) + (kit.ui.and_others if resp.and_others else "") if names else ""
        ),
        deadlines=tuple(d.phrase for d in tv.task.deadlines),
    )
