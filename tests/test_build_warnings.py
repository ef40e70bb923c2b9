"""What MkDocs warns about in strict mode is shown, at the project file it comes from."""

from __future__ import annotations

import pytest
from helpers import HLBE, copy_fixture

from generator.build import build_site
from generator.link_sources import located, parse

pytestmark = pytest.mark.build

RETIRED = 'retired:\n  - id: "88"\n    note: merged\n    moved_to: "99"\n'
"""A retired task id whose `moved_to` names a task the plan does not have."""


def test_a_link_to_a_missing_task_is_shown_at_its_plan_line(tmp_path, capfd):
    """`planportal build` said only "Aborted with 2 warnings in strict mode!"; now the
    problem is shown once (not once per language tree), located in the plan file."""
    root = copy_fixture(tmp_path / "proj")
    plan = root / "plans" / f"{HLBE}.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + RETIRED, encoding="utf-8")
    line = text.count("\n") + 4  # the `moved_to` line

    assert build_site(root, tmp_path / "site", search=False) == 1

    captured = capfd.readouterr()
    output = captured.out + captured.err
    where = f"plans/{HLBE}.yaml:{line}:"
    assert where in output, output
    shown = [row for row in output.splitlines() if where in row]
    assert len(shown) == 1 and "99" in shown[0], shown
    assert "Aborted with" not in output
    assert not (tmp_path / "site").exists()


def test_the_engine_s_own_warnings_are_shown(tmp_path, capfd, monkeypatch):
    """MkDocs' warnings about hand-written pages name their file already: shown as such."""
    import logging

    from generator.mkdocs_plugin import PlanPortalPlugin

    warning = "Doc file 'about.md' contains a link 'gone.md', but the target is not found."

    def post_build(self, *, config):
        logging.getLogger("mkdocs.structure.pages").warning(warning)

    monkeypatch.setattr(PlanPortalPlugin, "on_post_build", post_build)
    assert build_site(copy_fixture(tmp_path / "proj"), tmp_path / "site", search=False) == 1
    captured = capfd.readouterr()
    assert f"WARNING -  {warning}" in captured.err
    assert "the warnings above stop the build" in captured.out


def test_link_check_messages_are_traced_to_their_source(tmp_path):
    root = copy_fixture(tmp_path / "proj")
    plan = root / "plans" / f"{HLBE}.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + RETIRED, encoding="utf-8")
    line = text.count("\n") + 4
    messages = [
        f"plans/{HLBE}/index.md: broken link #t-99 (no #t-99 on plans/{HLBE}/)",
        f"en/plans/{HLBE}/index.md: broken link #t-99 (no #t-99 on en/plans/{HLBE}/)",
        f"timeline/index.md: broken link ../plans/{HLBE}/#t-77 (no #t-77 on plans/{HLBE}/)",
        "topics/gas/index.md: broken link ../nowhere/ (no page nowhere/)",
        "index.md: link to another host: https://example.org/",
    ]
    found = list(located(messages, root))
    assert [p if isinstance(p, str) else p.format() for p in found] == [
        f"plans/{HLBE}.yaml:{line}:15: warning: the page /plans/{HLBE}/ links to #t-99, which "
        f"leads nowhere (no #t-99 on plans/{HLBE}/) (`99` names nothing the site has: a task "
        "id that does not exist?)",
        f"plans/{HLBE}.yaml:1:1: warning: the page /timeline/ links to ../plans/{HLBE}/#t-77, "
        f"which leads nowhere (no #t-77 on plans/{HLBE}/)",
        "topics/gas/index.md:1:1: warning: the page /topics/gas/ links to ../nowhere/, which "
        "leads nowhere (no page nowhere/)",
        "index.md: link to another host: https://example.org/",
    ]
    assert parse("not a link-check message") is None
