"""Shared test settings, and the builds several test modules read (each made once per run).

Hypothesis runs a fixed, bounded profile everywhere (CI included) so property tests take the
same time on every run; set HYPOTHESIS_PROFILE=thorough for a longer local search.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURE, REPO, mkdocs_build
from hypothesis import HealthCheck, settings

from generator.search_index import index_site

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project's site, built once per test run as `mkdocs build --strict` builds
    it (build date `helpers.BUILD_DATE`, no search index). Tests only read it."""
    site = tmp_path_factory.mktemp("fixture-site") / "site"
    result = mkdocs_build(FIXTURE, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def fixture_site_indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project's site with its Pagefind index, built as `mkdocs build` builds
    it with search on (the plugin writes the search documents and runs the indexer)."""
    site = tmp_path_factory.mktemp("fixture-site-indexed") / "site"
    result = mkdocs_build(FIXTURE, site, search=True)
    assert result.returncode == 0, result.stderr
    assert (site / "pagefind" / "pagefind.js").is_file()
    return site


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site (its plans and mkdocs.yml), built and indexed once per
    test run as `mkdocs build` does. Tests only read it."""
    site = tmp_path_factory.mktemp("seed-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml")]
    done = subprocess.run(
        [*cmd, "-d", str(site)], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    if not (site / "pagefind" / "pagefind.js").is_file():  # the plugin indexes it normally
        index_site(site, echo=None)
    return site
