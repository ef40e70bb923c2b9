"""What MkDocs warns about in strict mode is shown, at the project file it comes from."""

from __future__ import annotations

import pytest
from test_site_build import HLBE, copy_fixture

from generator.build import build_site

pytestmark = pytest.mark.build

RETIRED = 'retired:\n  - id: "88"\n    note: merged\n    moved_to: "99"\n'
"""A retired task id whose `moved_to` names a task the plan does not have."""


@pytest.mark.xfail(strict=True, reason="issue 21 item 8: reproduction, fixed next")
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
    assert "Aborted with 2 warnings" not in output
    assert not (tmp_path / "site").exists()
