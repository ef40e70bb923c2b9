"""Spooled rendering (generator/render/spool.py): the same pages whether the English tree is
rendered in a forked process or here, and nothing but paths and link data kept."""

from __future__ import annotations

import datetime as dt
import os
from functools import partial
from pathlib import Path

import pytest
from rendering import render

from generator.project import load_project
from generator.render.renderer import Page, PageGroup
from generator.render.site import render_site
from generator.render.spool import _runs, spool_pages
from generator.settings import MAX_PROCESSES, Settings, available_processes

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
    settings = Settings(ROOT, build_date=TODAY, processes=processes)
    out = tmp_path / "site"

    def write(path: str, content: bytes) -> None:  # as the build does, maybe in a helper
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(content)

    site = render_site(project, settings, spool=tmp_path / "spool", write=write)
    spool = site.pages
    in_memory = render(project).pages  # the same function, in this process, no spool
    assert {path: spool.read(path) for path in spool.paths} == {
        path: in_memory.read(path) for path in in_memory.paths
    }
    # in site order, as if one process had rendered one tree after the other
    assert spool.paths == in_memory.paths
    assert spool.paths[0] == "index.md" and "en/index.md" in spool.paths
    # every export written once, by whichever process made it, none kept
    written = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*.*")}
    assert written == site.exports and site.files == {}
    # at most one pack file per rendering process, not a file per page
    packs = _packs(tmp_path / "spool")
    assert 1 <= len(packs) <= processes and all(name.endswith(".pack") for name in packs)
    assert "t-01" in spool.links.page_ids("plans/hulunbeier-zhiben-gongjian-2024/index.md")
    assert site.link_problems == []


@pytest.mark.parametrize("processes", [1, 2])
def test_jobs_run_once_each_in_whichever_process_is_free(tmp_path, processes):
    def page(path: str) -> list[Page]:
        return [Page(path, path, f'---\ntitle: {path}\n---\n\n<p id="x">{path}</p>\n')]

    groups = [PageGroup(1, partial(page, f"p{n}/index.md")) for n in range(6)]
    trees = [("", groups), ("en/", groups)]
    jobs = [lambda: ("plans", os.getpid()), lambda: ("units", os.getpid())]
    spool, results = spool_pages(trees, jobs, root=tmp_path, processes=processes)
    assert [r[0] for r in results] == ["plans", "units"]  # once each, results in order
    if processes == 1:
        assert {r[1] for r in results} == {os.getpid()}
    expected = [f"{tree}p{n}/index.md" for tree in ("", "en/") for n in range(6)]
    assert spool.paths == expected
    assert spool.read("en/p3/index.md").endswith('<p id="x">p3/index.md</p>\n')


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
