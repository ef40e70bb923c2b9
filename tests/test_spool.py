"""Spooled rendering (generator/render/spool.py): the same pages whether the English tree is
rendered in a forked process or here, and nothing but paths and link data kept."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.project import load_project
from generator.render.i18n import render_trees
from generator.render.spool import PARALLEL_ENV, spool_trees

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2024, 10, 1)


@pytest.fixture(scope="module")
def project():
    project, _ = load_project(ROOT)
    assert project is not None
    return project


def _packs(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


@pytest.mark.parametrize("parallel", ["0", "1"])
def test_spooled_pages_are_the_rendered_pages(project, tmp_path, monkeypatch, parallel):
    monkeypatch.setenv(PARALLEL_ENV, parallel)
    ran: list[tuple[str, int]] = []

    def meanwhile(views):
        ran.append(("meanwhile", os.getpid()))

    def elsewhere(views):
        return ("elsewhere", os.getpid(), len(views.plans))

    spool, views, result = spool_trees(
        project,
        langs=["zh", "en"],
        root=tmp_path,
        today=TODAY,
        meanwhile=meanwhile,
        elsewhere=elsewhere,
    )
    # the build's other work is shared: `elsewhere` runs in the forked process when there
    # is one, and its result comes back
    assert ran == [("meanwhile", os.getpid())]
    assert result is not None and result[0] == "elsewhere"
    assert result[2] == len(project.plans)
    assert (result[1] != os.getpid()) == (parallel == "1")
    pages, _ = render_trees(project, langs=["zh", "en"], today=TODAY)
    assert {path: spool.read(path) for path in spool.paths} == {p.path: p.content for p in pages}
    # one pack file per rendering process, not a file per page
    assert len(_packs(tmp_path)) == (2 if parallel == "1" else 1), _packs(tmp_path)
    assert all(name.endswith(".pack") for name in _packs(tmp_path))
    assert spool.paths[0] == "index.md" and "en/index.md" in spool.paths
    assert sorted(spool.paths) == sorted(p.path for p in pages)
    assert [p.plan.id for p in views.plans] == [p.id for p in project.plans]
    assert "t-01" in spool.links.page_ids("plans/hulunbeier-zhiben-gongjian-2024/index.md")
    # every link between generated pages resolves (files beside them are checked by the build)
    assert [p for p in spool.links.problems() if "(no #" in p] == []
