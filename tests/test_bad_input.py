"""Bad-input corpus: every defect is stopped with a located, plain-words message.

Each file in tests/bad_input/cases/ is one small plan or data file with one defect (made by
tests/bad_input/make_cases.py, placed as its `.target` file says); expected.yaml is the
reviewed golden record of the messages. `python tests/bad_input/regenerate_expected.py`
regenerates both.
"""

from __future__ import annotations

import json
import os
import subprocess
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


def target_of(name: str) -> tuple[str, str]:
    """(target path, how it is placed: "" for a plain file; see make_cases)."""
    lines = (CASES / f"{name}.target").read_text(encoding="utf-8").splitlines()
    return lines[0], (lines[1] if len(lines) > 1 else "")


def place(name: str, tmp: Path) -> Path:
    """A valid project under `tmp/project` with the case placed over it."""
    from bad_input.make_cases import GENERATED

    root = make_project(tmp / "project")
    target, how = target_of(name)
    path = root / target
    content = (CASES / f"{name}.yaml").read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    original = path.read_bytes() if path.is_file() else None
    if path.exists() or path.is_symlink():
        path.unlink()
    kind, _, arg = how.partition(" ")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "symlink-to":
        path.symlink_to(arg)
    elif kind == "outside":
        outside = tmp / "outside" / path.name
        outside.parent.mkdir(exist_ok=True)
        outside.write_bytes(content)
        path.symlink_to(os.path.relpath(outside, path.parent))
    elif kind == "generated":
        path.write_bytes(GENERATED[arg]())
    elif kind == "history":
        _commit_history(root, path, GENERATED[arg]() if arg else content, original)
    else:
        assert not kind, f"unknown placement {how!r}"
        path.write_bytes(content)
    return root


def _git(root: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Editor",
        GIT_AUTHOR_EMAIL="editor@example.org",
        GIT_COMMITTER_NAME="Editor",
        GIT_COMMITTER_EMAIL="editor@example.org",
        GIT_AUTHOR_DATE="2024-05-01T08:00:00+08:00",
        GIT_COMMITTER_DATE="2024-05-01T08:00:00+08:00",
    )
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _commit_history(root: Path, path: Path, bad: bytes, good: bytes | None) -> None:
    """Commits: the valid project, then `bad` at `path`, then `good` (the valid file) again,
    or no file; fixed dates and names, so the commit ids in the golden messages stay."""
    if good is not None:
        path.write_bytes(good)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Add the project")
    path.write_bytes(bad)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "A bad revision")
    if good is None:
        path.unlink()
    else:
        path.write_bytes(good)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Fix it")


def run_case(name: str, tmp: Path) -> tuple[int, list[str], str]:
    """Place the case over a valid project, run `planportal check --format json`; for a
    history case, the problems are the warnings of reading the history."""
    import contextlib
    import io

    root = place(name, tmp)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "check", "--format", "json"])
        found = json.loads(out.getvalue())
        if target_of(name)[1].startswith("history"):
            from generator.history import read_history

            found += [p.as_dict() for p in read_history(root).problems]
    problems = [
        f"{p['file']}:{p['line']}:{p['col']} [{p['code']}] "
        + ("warning: " if p["severity"] == "warning" else "")
        + p["message"]
        + (f" ({p['hint']})" if p["hint"] else "")
        for p in found
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
    target, how = target_of(name)
    assert problems, "a defect must produce at least one located problem"
    if how.startswith("history"):  # the current files are valid: a warning names the revision
        assert code == 0
        assert all(f":{target}:" in p and "-revision] warning:" in p for p in problems)
        return
    assert code == (0 if all("] warning: " in p for p in problems) else 1)
    if target.startswith("data/sources/"):  # reported where `source.file` names it
        target = "plans/demo.yaml"
    assert problems[0].startswith(f"{target}:"), "the message names the defective file"


def test_huge_file_is_refused_by_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bad_input.make_cases import huge_plan

    root = make_project(tmp_path)
    (root / "plans" / "demo.yaml").write_bytes(huge_plan())
    code = main(["--root", str(root), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert "plans/demo.yaml:1:1: file is 20.0 MiB; the limit is 5 MiB" in err


DEFECTS = [
    n
    for n in case_names()
    if not n.startswith("accepted-") and EXPECTED.get(n, {}).get("exit") == 1
]
"""Cases that stop the build (not: history cases and warnings, which let it go on)."""


@pytest.mark.parametrize("name", DEFECTS)
def test_build_stops_and_previous_site_is_untouched(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.build import build_site

    root = place(name, tmp_path)
    site = tmp_path / "site"
    (site / "plans").mkdir(parents=True)
    (site / "index.html").write_text("previous build", encoding="utf-8")
    (site / "plans" / "index.html").write_text("previous plans", encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert build_site(root, site, search=False) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    made = sorted(p.name for p in tmp_path.iterdir() if p.name != "outside")
    assert made == ["project", "site"]  # no half-built dir


ACCEPTED_BY_CHECK = [
    n
    for n in case_names()
    if EXPECTED.get(n, {}).get("exit") == 0 and not target_of(n)[1].startswith("history")
]
"""Cases `check` lets through (accepted ones, warnings only): the build must pass too."""


@pytest.mark.parametrize("name", ACCEPTED_BY_CHECK)
def test_what_check_accepts_builds(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` and `build` agree on what is valid (a `moved_to` naming no task passed check
    and failed only the build's strict link check)."""
    from generator.build import build_site

    root = place(name, tmp_path)
    assert build_site(root, tmp_path / "site", search=False) == 0, capsys.readouterr().out


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
    "nesting-flow-lists-5000",
    "special-fifo-plan",
]


@pytest.mark.build
@pytest.mark.parametrize("name", MKDOCS_SAMPLE)
def test_mkdocs_build_fails_with_a_located_message(name: str, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = place(name, tmp_path)
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
