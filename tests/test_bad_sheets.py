"""Filled 进展报送表 as they come back: quirks of WPS and Excel are read, defects are stopped
with a `file:sheet!cell` message, and nothing typed is dropped without being listed.

The corpus (tests/bad_sheets/cases/, made by make_cases.py from the example project) is
imported with `planportal progress import`; expected.yaml is the reviewed golden record
(rewritten by `python tests/bad_sheets/regenerate_expected.py`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from pathlib import Path

import pytest
import yaml

from generator.reports.commands import import_command

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "bad_sheets"
CASES = HERE / "cases"
EXAMPLE = REPO / "examples" / "shili"
BUILD = dt.date(2026, 8, 1)
EXPECTED = (
    yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
    if (HERE / "expected.yaml").exists()
    else {}
)


def case_names() -> list[str]:
    return sorted(p.stem for p in CASES.iterdir() if p.suffix in (".xlsx", ".csv"))


def run_case(name: str, out: Path) -> dict[str, object]:
    """Import the case into `out` as `planportal progress import` does (cwd: the repository,
    so messages name `tests/bad_sheets/cases/…`)."""
    path = next(p for p in CASES.iterdir() if p.stem == name and p.suffix in (".xlsx", ".csv"))
    args_file = CASES / f"{name}.args"
    args = args_file.read_text(encoding="utf-8").split() if args_file.exists() else []
    options = dict(zip(args[::2], args[1::2], strict=True))
    stdout, stderr = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = import_command(
                EXAMPLE,
                [path.relative_to(REPO)],
                round_id=options.get("--round"),
                date=dt.date.fromisoformat(options["--date"]) if "--date" in options else None,
                out=out,
                build_date=BUILD,
                stdout=stdout,
                stderr=stderr,
            )
    finally:
        os.chdir(cwd)
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml"))
    return {
        "exit": code,
        "problems": stderr.getvalue().splitlines(),
        "summary": stdout.getvalue().splitlines()[0],
        "written": written,
    }


def test_corpus_is_large_enough() -> None:
    names = case_names()
    assert len([n for n in names if not n.startswith("accepted-")]) >= 15
    assert len([n for n in names if n.startswith("accepted-")]) >= 5
    assert set(EXPECTED) == set(names), "run tests/bad_sheets/regenerate_expected.py"


@pytest.mark.parametrize("name", case_names())
def test_case(name: str, tmp_path: Path) -> None:
    got = run_case(name, tmp_path / "out")
    assert "Traceback" not in "\n".join(got["problems"])
    assert got == EXPECTED[name]
    if name.startswith("accepted-"):
        assert got["exit"] == 0 and got["written"] == ["shili-zhiben-gongjian-2024/2026-h1.yaml"]
        assert not [p for p in got["problems"] if ": warning: " not in p]
    else:
        assert got["problems"], "a defect must be reported"
        for line in got["problems"]:
            assert line.startswith("tests/bad_sheets/cases/"), line


def test_accepted_copies_give_the_same_reports(tmp_path: Path) -> None:
    """However a copy was mangled, the reports read from it are those typed in."""
    texts = {}
    for name in case_names():
        if name.startswith("accepted-"):
            run_case(name, tmp_path / name)
            doc = yaml.safe_load(
                (tmp_path / name / "shili-zhiben-gongjian-2024" / "2026-h1.yaml").read_text()
            )
            mine = [r for r in doc["reports"] if r["unit"] == "市教育局"]
            for r in mine:
                r.pop("date")  # the copies give it in different places
            texts[name] = mine
    first = texts.pop("accepted-as-filled")
    assert first == [
        {
            "task": "06",
            "unit": "市教育局",
            "status": "done",
            "completed": dt.date(2026, 6, 20),
            "summary": "全市中小学安全教育覆盖率100%",
            "evidence": [
                {"title": "关于中小学安全教育全覆盖的通报", "doc_number": "示教〔2026〕12号"}
            ],
        },
        {
            "task": "07",
            "unit": "市教育局",
            "status": "ongoing",
            "summary": "参加全市综合应急演练的疏散科目",
        },
    ]
    for name, reports in texts.items():
        assert reports == first, name
