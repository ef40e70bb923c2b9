"""Long plans printed on several parts (generator/views/parts.py) and how the pages use it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from rendering import render

from generator.model import Plan
from generator.project import load_project
from generator.render.linkcheck import check_links
from generator.views import urls
from generator.views.parts import PART_BUDGET, _blocks, plan_layout

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2024, 10, 1)


@pytest.fixture(scope="module")
def project():
    project, problems = load_project(ROOT)
    assert project is not None and not [p for p in problems if p.severity == "error"]
    return project


def _plan(project, plan_id: str) -> Plan:
    return next(p for p in project.plans if p.id == plan_id)


def _long(plan: Plan, copies: int) -> Plan:
    """The plan with its chapters printed `copies` times (fresh ids): a plan of ~170 tasks."""
    chapters = []
    for n in range(copies):
        for c in plan.chapters:
            tasks = tuple(t.model_copy(update={"id": f"{t.id}-x{n}"}) for t in c.tasks)
            sections = tuple(
                s.model_copy(
                    update={
                        "id": f"{s.id}-x{n}",
                        "tasks": tuple(
                            t.model_copy(update={"id": f"{t.id}-x{n}"}) for t in s.tasks
                        ),
                    }
                )
                for s in c.sections
            )
            update = {"id": f"{c.id}-x{n}", "tasks": tasks, "sections": sections, "phases": ()}
            chapters.append(c.model_copy(update=update))
    return plan.model_copy(update={"chapters": tuple(chapters), "retired": ()})


def _anchors(plan: Plan) -> set[str]:
    out = set()
    for c in plan.chapters:
        out.add(urls.chapter_anchor(c.id))
        out |= {urls.phase_anchor(p.id) for p in c.phases}
        out |= {urls.section_anchor(s.id) for s in c.sections}
    for t in plan.tasks():
        out.add(urls.task_anchor(t.id))
        out |= {urls.item_anchor(t.id, i.id) for i in t.items}
    return out


def test_a_plan_within_budget_is_one_page(project):
    plan = _plan(project, "huainan-datong-zhiben-gongjian-2024")
    layout = plan_layout(plan)
    assert not layout.split and layout.parts[0].path == urls.plan(plan.id)
    assert [t.id for t in layout.parts[0].tasks()] == [t.id for t in plan.tasks()]
    assert set(layout.page_of.values()) == {urls.plan(plan.id)}


@pytest.mark.parametrize("copies", [1, 4])
def test_every_clause_is_printed_once_in_order_on_parts_of_bounded_size(project, copies):
    plan = _long(_plan(project, "yuzhou-zhiben-gongjian-2024"), copies)
    layout = plan_layout(plan)
    assert layout.split
    printed = [t.id for part in layout.parts for t in part.tasks()]
    assert printed == [t.id for t in plan.tasks()]  # nothing lost, repeated or reordered
    assert set(layout.page_of) == _anchors(plan)  # every anchor has exactly one home
    heads = [c.chapter.id for part in layout.parts for c in part.chapters if c.head]
    assert heads == [c.id for c in plan.chapters]  # each chapter heading printed once
    weights = {b.task.id: b.weight for b in _blocks(plan, {}) if b.task is not None}
    for part in layout.parts:
        assert any(True for _ in part.tasks()), f"part {part.number} has no task"
        assert sum(weights[t.id] for t in part.tasks()) <= PART_BUDGET
    paths = [p.path for p in layout.parts]
    assert paths[0] == urls.plan(plan.id) and paths[1] == f"{urls.plan(plan.id)}2/"


def test_progress_printed_under_tasks_counts_towards_a_parts_budget(project):
    plan = _long(_plan(project, "yuzhou-zhiben-gongjian-2024"), 1)
    extra = {t.id: 4_000 for t in plan.tasks()}  # e.g. three long reports under each task
    bare, reported = plan_layout(plan), plan_layout(plan, extra=extra)
    assert len(reported.parts) > len(bare.parts)
    printed = [t.id for part in reported.parts for t in part.tasks()]
    assert printed == [t.id for t in plan.tasks()]
    weights = {b.task.id: b.weight for b in _blocks(plan, extra) if b.task is not None}
    for part in reported.parts:
        assert sum(weights[t.id] for t in part.tasks()) <= PART_BUDGET


def test_only_the_start_of_a_part_continues_a_chapter_or_section(project):
    plan = _long(_plan(project, "yuzhou-zhiben-gongjian-2024"), 4)
    layout = plan_layout(plan)
    continued = 0
    for part in layout.parts:
        for n, c in enumerate(part.chapters):
            assert c.head or n == 0, f"part {part.number}: chapter {c.chapter.id} cut inside"
            for m, s in enumerate(c.sections):
                assert s.head or (n == 0 and m == 0), f"part {part.number}: {s.section.id}"
            continued += not c.head
    assert continued, "a plan of one long chapter is cut inside that chapter"


def test_long_plan_pages_stay_small_and_link_to_their_parts(project):
    big = _long(_plan(project, "yuzhou-zhiben-gongjian-2024"), 4)
    others = tuple(p for p in project.plans if p.id != big.id)
    pages = render(dataclasses.replace(project, plans=(*others, big)), today=TODAY).page_list()
    layout = plan_layout(big)
    by_path = {p.path: p.content for p in pages}
    for lang, prefix in (("zh", ""), ("en", "en/")):
        htmls = [by_path[urls.page_file(prefix + part.path)] for part in layout.parts]
        sizes = [len(h.encode()) for h in htmls]
        assert max(sizes) <= 130_000, (lang, sizes)  # + theme chrome: ≤ 150 KB a page
        ids = [set(re.findall(r'\sid="([^"]+)"', h)) for h in htmls]
        mapped = json.loads(html.unescape(_attr(htmls[0], "data-pp-parts")))
        for part, found in zip(layout.parts, ids, strict=True):
            homes = {a for a, path in layout.page_of.items() if path == part.path}
            assert homes <= found, (lang, part.number, sorted(homes - found)[:5])
            assert set(mapped[str(part.number)].split()) == homes
        assert 'class="pp-pager"' in htmls[1] and "pp-meta" not in htmls[1]
        assert 'data-pp-home="../"' in htmls[1] and "pp-continued" in "".join(htmls[1:])


def _attr(html: str, name: str) -> str:
    found = re.search(rf'\s{name}="([^"]*)"', html)
    assert found, f"no {name} on the page"
    return found.group(1)


def test_every_link_into_split_plans_resolves(project):
    """Unit pages, topics, timelines and the changes page link to the part of a clause."""
    pages = render(project, today=TODAY).page_list()
    split = [p for p in project.plans if plan_layout(p).split]
    assert split, "the seed plans include plans printed on two parts"
    # Files beside the pages (sources, downloads, feeds) are checked by the site build;
    # here: no link leads to a page that lacks its anchor.
    missing = [p for p in check_links(pages) if "(no #" in p]
    assert missing == []
