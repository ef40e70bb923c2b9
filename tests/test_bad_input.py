"""Bad-input corpus: every defect is stopped with a located, plain-words message.

Each file in tests/bad_input/cases/ is one small plan or data file with one defect (made by
tests/bad_input/make_cases.py); expected.yaml is the reviewed golden record of the messages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from helpers import make_project

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


def _place(name: str, tmp: Path) -> Path:
    root = make_project(tmp / "project")
    target = (CASES / f"{name}.target").read_text(encoding="utf-8").strip()
    (root / target).write_bytes((CASES / f"{name}.yaml").read_bytes())
    return root


DEFECTS = [n for n in case_names() if not n.startswith("accepted-")]


@pytest.mark.parametrize("name", DEFECTS)
def test_build_stops_and_previous_site_is_untouched(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.build import build_site

    root = _place(name, tmp_path)
    site = tmp_path / "site"
    (site / "plans").mkdir(parents=True)
    (site / "index.html").write_text("previous build", encoding="utf-8")
    (site / "plans" / "index.html").write_text("previous plans", encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert build_site(root, site, search=False) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no half-built dir


# One case per category through plain `mkdocs build` (the plugin path), in a subprocess.
MKDOCS_SAMPLE = [
    "syntax-tab-indent",
    "duplicate-key-top",
    "yaml11-no-boolean",
    "type-period-string",
    "missing-title",
    "unknown-field-lead-unit",
    "unknown-unit",
    "id-path-traversal",
    "date-impossible",
    "empty-file",
    "encoding-gbk",
    "hostile-billion-laughs",
    "unknown-unit-category",
]


@pytest.mark.build
@pytest.mark.parametrize("name", MKDOCS_SAMPLE)
def test_mkdocs_build_fails_with_a_located_message(name: str, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = _place(name, tmp_path)
    repo = Path(__file__).resolve().parents[1]
    env = dict(
        os.environ, PLANPORTAL_ROOT=str(root), PLANPORTAL_SEARCH="0", NO_MKDOCS_2_WARNING="1"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(repo / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=repo,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    first = EXPECTED[name]["problems"][0].split(" [")[0]  # file:line:col
    assert first in done.stderr
