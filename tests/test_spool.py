"""Spooled rendering (generator/render/spool.py): the same pages whether the English tree is
rendered in a forked process or here, and nothing but paths and link data kept."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.project import load_project
from generator.render.i18n import render_trees
from generator.render.spool import _runs, spool_trees
from generator.settings import MAX_PROCESSES, available_processes

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2024, 10, 1)


@pytest.fixture(scope="module")
def project():
    project, _ = load_project(ROOT)
    assert project is not None
    return project


def _packs(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


@pytest.mark.parametrize("processes", [1, 2])
def test_spooled_pages_are_the_rendered_pages(project, tmp_path, processes):

    def plans_job(views):
        return ("plans", os.getpid(), len(views.plans))

    def units_job(views):
        return ("units", os.getpid(), len(views.units))

    spool, views, results = spool_trees(
        project,
        langs=["zh", "en"],
        root=tmp_path,
        today=TODAY,
        jobs=[plans_job, units_job],
        processes=processes,
    )
    # the build's other jobs run once each, in whichever process is free, results in order
    assert [r[0] for r in results] == ["plans", "units"]
    assert results[0][2] == len(project.plans) and results[1][2] == len(views.units)
    if processes == 1:
        assert {r[1] for r in results} == {os.getpid()}
    pages, _ = render_trees(project, langs=["zh", "en"], today=TODAY)
    assert {path: spool.read(path) for path in spool.paths} == {p.path: p.content for p in pages}
    # in site order, as if one process had rendered one tree after the other
    assert spool.paths == [p.path for p in pages]
    # at most one pack file per rendering process, not a file per page
    assert 1 <= len(_packs(tmp_path)) <= processes, _packs(tmp_path)
    assert all(name.endswith(".pack") for name in _packs(tmp_path))
    assert spool.paths[0] == "index.md" and "en/index.md" in spool.paths
    assert sorted(spool.paths) == sorted(p.path for p in pages)
    assert [p.plan.id for p in views.plans] == [p.id for p in project.plans]
    assert "t-01" in spool.links.page_ids("plans/hulunbeier-zhiben-gongjian-2024/index.md")
    # every link between generated pages resolves (files beside them are checked by the build)
    assert [p for p in spool.links.problems() if "(no #" in p] == []


def test_pieces_are_runs_of_similar_cost():
    """The site is cut into consecutive runs of about the same cost, none lost."""
    costs = [1] * 50 + [40, 3, 3] + [2] * 30
    runs = _runs(costs, 8)
    assert [i for run in runs for i in run] == list(range(len(costs)))
    target = sum(costs) // 8
    assert all(sum(costs[i] for i in run) <= target + 40 for run in runs)
    assert len(runs) in range(7, 10)
    assert _runs([], 4) == [] and _runs([5], 4) == [range(0, 1)]


@pytest.mark.parametrize(
    ("requested", "expected"), [(None, MAX_PROCESSES), (0, 1), (1, 1), (2, 2), (64, 8)]
)
def test_processes_are_capped_by_the_cores(requested, expected):
    """Unset, one process per core (at most four); N, at most N and one per core; 0 or 1,
    none forked (`PLANPORTAL_PARALLEL` and `--processes` are read in `generator.settings`)."""
    assert available_processes(requested, cores=8) == expected
    assert available_processes(requested, cores=1) == 1
