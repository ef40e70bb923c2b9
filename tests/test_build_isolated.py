"""`planportal build` checks and builds in a forked process (generator/build.py `_in_child`):
the same site, the same messages, and a failure still leaves the old site alone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.build import build_site

FIXTURE = Path(__file__).parent / "fixtures" / "site"


def test_isolated_build_publishes_the_site_and_reports(tmp_path, capfd):
    site = tmp_path / "site"
    assert build_site(FIXTURE, site, search=False, isolate=True) == 0
    out = capfd.readouterr().out
    assert "checked 3 plans" in out and "site ready" in out  # printed by child and parent
    assert re.search(r"English: [0-9.]+ % of \d+ texts translated", out), "coverage per language"
    assert (site / "plans" / "hulunbeier-zhiben-gongjian-2024" / "index.html").is_file()
    assert not list(tmp_path.glob("site.new-*")), "no temporary directory left behind"


def test_isolated_build_with_bad_data_leaves_the_old_site(tmp_path, capfd):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    plan = next((project / "plans").glob("*.yaml"))
    plan.write_text(plan.read_text(encoding="utf-8") + "\nunknown_field: 1\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    assert build_site(project, site, search=False, isolate=True) == 1
    captured = capfd.readouterr()
    assert f"{plan.name}:" in captured.err and "Traceback" not in captured.err
    assert (site / "index.html").read_text(encoding="utf-8") == "old"


def test_isolated_or_not_the_pages_are_the_same(tmp_path):
    sites = {}
    for isolate in (False, True):
        sites[isolate] = tmp_path / f"site-{isolate}"
        assert build_site(FIXTURE, sites[isolate], search=False, isolate=isolate) == 0

    def pages(site: Path) -> dict[str, str]:
        return {
            str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
        }

    plain, isolated = pages(sites[False]), pages(sites[True])
    assert len(plain) > 100 and plain == isolated
