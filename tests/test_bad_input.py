"""Bad-input corpus: every defect is stopped with a located, plain-words message.

Each file in tests/bad_input/cases/ is one small plan or data file with one defect (made by
tests/bad_input/make_cases.py); expected.yaml is the reviewed golden record of the messages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from test_check import make_project

from generator.cli import main

HERE = Path(__file__).resolve().parent / "bad_input"
CASES = HERE / "cases"
EXPECTED = (
    yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
    if (HERE / "expected.yaml").exists()
    else {}
)


def case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.yaml"))


def run_case(name: str, tmp: Path) -> tuple[int, list[str], str]:
    """Place the case over a valid project, run `planportal check --format json`."""
    import contextlib
    import io

    root = make_project(tmp / "project")
    target = (CASES / f"{name}.target").read_text(encoding="utf-8").strip()
    (root / target).write_bytes((CASES / f"{name}.yaml").read_bytes())
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "check", "--format", "json"])
    problems = [
        f"{p['file']}:{p['line']}:{p['col']} [{p['code']}] {p['message']}"
        + (f" ({p['hint']})" if p["hint"] else "")
        for p in json.loads(out.getvalue())
    ]
    return code, problems, out.getvalue() + err.getvalue()


def test_corpus_is_large_enough() -> None:
    defects = [n for n in case_names() if not n.startswith("accepted-")]
    assert len(defects) >= 40
    assert set(EXPECTED) == set(case_names()), "run tests/bad_input/regenerate_expected.py"


@pytest.mark.parametrize("name", case_names())
def test_case(name: str, tmp_path: Path) -> None:
    code, problems, output = run_case(name, tmp_path)
    assert "Traceback" not in output
    assert {"exit": code, "problems": problems} == EXPECTED[name]
    if name.startswith("accepted-"):
        assert code == 0 and problems == []
        return
    assert code == 1
    assert problems, "a defect must produce at least one located problem"
    target = (CASES / f"{name}.target").read_text(encoding="utf-8").strip()
    assert problems[0].startswith(f"{target}:"), "the message names the defective file"


def test_huge_file_is_refused_by_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bad_input.make_cases import huge_plan

    root = make_project(tmp_path)
    (root / "plans" / "demo.yaml").write_bytes(huge_plan())
    code = main(["--root", str(root), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert "plans/demo.yaml:1:1: file is 20.0 MB; the limit is 5 MB" in err
