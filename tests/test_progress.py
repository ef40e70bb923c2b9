"""Progress lines of long build steps (generator/progress.py) and where they appear."""

from __future__ import annotations

from pathlib import Path

from generator.build import build_site
from generator.progress import STEPWISE_FROM, Progress

FIXTURE = Path(__file__).parent / "fixtures" / "site"


def test_a_large_step_reports_each_tenth_once():
    lines: list[str] = []
    progress = Progress("writing pages", 19_067, pages=19_067, report=lines.append)
    for _ in range(19_067):
        progress.advance()
    firsts = [-(-n * 19_067 // 10) for n in range(1, 10)]  # the first count past each tenth
    assert lines == [
        f"writing pages: {n * 10} % ({firsts[n - 1]:,} of 19,067)" for n in range(1, 10)
    ]
    assert lines[0] == "writing pages: 10 % (1,907 of 19,067)"
    progress.reached(5)  # going back is ignored
    assert progress.done == 19_067 and len(lines) == 9


def test_pieces_taken_out_of_order_still_report_in_order():
    lines: list[str] = []
    progress = Progress("rendering", 50, pages=STEPWISE_FROM, report=lines.append)
    for taken in (0, 1, 7, 3, 26, 49):
        progress.reached(taken)
    assert lines == [
        "rendering: 10 % (7 of 50)",
        "rendering: 50 % (26 of 50)",
        "rendering: 90 % (49 of 50)",
    ]


def test_a_small_step_stays_quiet():
    lines: list[str] = []
    progress = Progress("writing pages", 536, pages=536, report=lines.append)
    for _ in range(536):
        progress.advance()
    assert lines == [] and progress.done == 536


def test_planportal_build_prints_what_it_rendered_and_wrote(tmp_path, capfd):
    assert build_site(FIXTURE, tmp_path / "site", search=False, isolate=False) == 0
    out = capfd.readouterr().out
    assert "planportal: rendering 3 plans in 2 languages" in out
    rendered = next(line for line in out.splitlines() if line.startswith("planportal: rendered "))
    assert " pages and " in rendered and "MkDocs writes" in rendered
    assert any(line.startswith("planportal: wrote ") for line in out.splitlines())
