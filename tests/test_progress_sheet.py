"""`planportal progress sheet` and the round trip: sheet → filled in → import → check → status."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.project import load_project
from generator.reports import attach_progress
from generator.reports.layout import COLUMNS, FORM_SHEET, GUIDE_SHEET, META_SHEET
from generator.reports.status import State, status_index

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "shili"
PLAN = "shili-zhiben-gongjian-2024"
COL = {c.key: n for n, c in enumerate(COLUMNS, start=1)}


def sheet(tmp_path: Path, *args: str) -> openpyxl.Workbook:
    out = tmp_path / "form.xlsx"
    assert main(["--root", str(EXAMPLE), "progress", "sheet", PLAN, *args, "--out", str(out)]) == 0
    return openpyxl.load_workbook(out)


def rows(book: openpyxl.Workbook) -> list[dict[str, str]]:
    form = book[FORM_SHEET]
    return [
        {c.key: form.cell(r, n).value for n, c in enumerate(COLUMNS, start=1)}
        for r in range(5, form.max_row + 1)
    ]


def test_a_units_form(tmp_path: Path) -> None:
    book = sheet(tmp_path, "--unit", "市教育局", "--round", "2026-h1")
    assert book.sheetnames == [GUIDE_SHEET, FORM_SHEET, META_SHEET]
    assert book[META_SHEET].sheet_state == "hidden"
    meta = {r[0]: r[1] for r in book[META_SHEET].iter_rows(values_only=True)}
    assert meta == {
        "format": "planportal-progress-sheet/1",
        "plan": PLAN,
        "round": "2026-h1",
        "unit": "shili/jiaoyuju",
    }
    form = book[FORM_SHEET]
    assert [c.value for c in form[4]] == [c.header for c in COLUMNS]
    got = [(r["task"], r["role"], r["unit"], r["previous"], r["deadline"]) for r in rows(book)]
    assert got == [
        ("01", "经市安委会各成员单位", "市教育局", "", "2024年底前；2025年6月底前"),
        ("06", "负责", "市教育局", "", "2026年6月底前"),
        (
            "07",
            "经市安委会各成员单位",
            "市教育局",
            "常态化推进（2026-01-09）",
            "每年至少组织1次全市综合应急演练",
        ),
    ]
    assert form.protection.sheet  # ids and plan text locked …
    assert form.cell(5, COL["text"]).protection.locked
    assert not form.cell(5, COL["status"]).protection.locked  # … the inputs not
    (status,) = [v for v in form.data_validations.dataValidation if v.type == "list"]
    assert status.formula1 == '"未启动,推进中,已完成,常态化推进,滞后,已调整"'
    assert str(status.sqref) == "J5:J7"
    guide = "\n".join(str(c.value) for row in book[GUIDE_SHEET].iter_rows() for c in row if c.value)
    assert "示例市安全生产治本攻坚三年行动方案" in guide and "2026年上半年（2026-h1）" in guide
    for label in ("未启动", "推进中", "已完成", "常态化推进", "滞后", "已调整"):
        assert label in guide


def test_without_a_unit_every_bound_unit_has_its_rows(tmp_path: Path) -> None:
    every = rows(sheet(tmp_path))
    by_task = {}
    for r in every:
        by_task.setdefault(r["task"], []).append((r["unit"], r["role"]))
    assert by_task["04"] == [("市交通运输局", "负责"), ("市公安局", "负责")]
    assert by_task["01"][0] == ("市应急管理局", "牵头")
    assert len(by_task["01"]) == 7  # the lead and six members through the group
    with_items = rows(sheet(tmp_path, "--unit", "市应急管理局", "--items"))
    assert [(r["task"], r["item"]) for r in with_items] == [
        ("01", ""),
        ("01", "1"),
        ("01", "2"),
        ("05", ""),
        ("07", ""),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "unknown plan `nope`"),
        ([PLAN, "--unit", "市教委"], "unknown unit 市教委"),
        ([PLAN, "--unit", "市安委会各成员单位"], "市安委会各成员单位 is a group"),
        (
            [PLAN, "--unit", "经开区管委会"],
            "经开区管委会 has no duty in `shili-zhiben-gongjian-2024`",
        ),
        ([PLAN, "--round", "2027-h1"], "unknown round `2027-h1`: add it to progress/rounds.yaml"),
    ],
)
def test_sheet_refuses_with_a_reason(args, message, tmp_path, capsys) -> None:
    out = tmp_path / "x.xlsx"
    assert main(["--root", str(EXAMPLE), "progress", "sheet", *args, "--out", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_round_trip_sheet_fill_import_check_status(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "shili"
    shutil.copytree(EXAMPLE, root)
    monkeypatch.setenv("PLANPORTAL_BUILD_DATE", "2026-08-01")
    form_path = tmp_path / "edu.xlsx"
    assert (
        main(
            [
                "--root",
                str(root),
                "progress",
                "sheet",
                PLAN,
                "--unit",
                "市教育局",
                "--round",
                "2026-h1",
                "--out",
                str(form_path),
            ]
        )
        == 0
    )
    book = openpyxl.load_workbook(form_path)  # filled in as a unit would
    form = book[FORM_SHEET]
    form["B2"] = dt.date(2026, 7, 20)
    form.cell(6, COL["status"]).value = "已完成"
    form.cell(6, COL["completed"]).value = dt.date(2026, 6, 25)
    form.cell(6, COL["summary"]).value = "全市中小学安全教育覆盖率100%"
    form.cell(6, COL["evidence"]).value = "覆盖情况通报 示教〔2026〕15号 https://example.org/e"
    book.save(form_path)
    assert (
        main(
            [
                "--root",
                str(root),
                "progress",
                "import",
                str(form_path),
                "--out",
                str(root / "progress"),
            ]
        )
        == 0
    )
    assert main(["--root", str(root), "check"]) == 0
    project, _ = load_project(root)
    project, problems = attach_progress(project, dt.date(2026, 8, 1))
    assert [p for p in problems if p.severity == "error"] == []
    index = status_index(project.plans, project.duties, project.progress, dt.date(2026, 8, 1))
    schools = index.task(PLAN, "06")
    assert schools.state is State.done and schools.completed_on == dt.date(2026, 6, 25)
    (evidence,) = schools.latest.report.evidence
    assert (evidence.title, evidence.doc_number, evidence.url) == (
        "覆盖情况通报",
        "示教〔2026〕15号",
        "https://example.org/e",
    )
    # the round's earlier reports were kept
    assert len(project.progress.in_round("2026-h1")) == 3
