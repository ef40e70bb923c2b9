"""The progress round trip end to end, on a copy of the example project, the way a 安委办
runs it: `progress sheet` for one unit → the unit fills it in a spreadsheet program (here
openpyxl writes what Excel or WPS would: the drop-down's label, date cells, a date typed as
text, evidence in one cell) → `progress import` → `check` → `build` (MkDocs, search) → the
pages, the feeds and the exports show the report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl

from generator.cli import main
from generator.reports.layout import COLUMNS, FORM_SHEET

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "shili"
PLAN = "shili-zhiben-gongjian-2024"
COL = {c.key: n for n, c in enumerate(COLUMNS, start=1)}
ATOM = "{http://www.w3.org/2005/Atom}"


def _fill(path: Path) -> None:
    """The school bureau reports task 06 done, as a person types it into the form."""
    book = openpyxl.load_workbook(path)
    form = book[FORM_SHEET]
    row = next(r for r in range(5, form.max_row + 1) if form.cell(r, COL["task"]).value == "06")
    form["B2"] = dt.datetime(2026, 7, 20)  # 报送日期: a date cell
    form.cell(row, COL["status"]).value = "已完成"  # picked from the drop-down
    form.cell(row, COL["completed"]).value = "2026年6月25日"  # typed as text
    form.cell(row, COL["summary"]).value = "全市中小学安全教育课程开课率100%，开展疏散演练212场。"
    form.cell(row, COL["evidence"]).value = "关于校园安全教育开展情况的通报 示教〔2026〕15号"
    book.save(path)


def _run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def test_sheet_filled_imported_checked_built_and_published(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "shili"
    shutil.copytree(EXAMPLE, root)
    monkeypatch.setenv("PLANPORTAL_BUILD_DATE", "2026-08-01")
    form = tmp_path / "教育局.xlsx"
    args = ("progress", "sheet", PLAN, "--unit", "市教育局", "--round", "2026-h1")
    assert _run(root, *args, "--out", str(form)) == 0
    _fill(form)
    assert _run(root, "progress", "import", str(form), "--out", str(root / "progress")) == 0
    assert _run(root, "check") == 0

    site = tmp_path / "site"
    env = dict(os.environ, PLANPORTAL_BUILD_DATE="2026-08-01", NO_MKDOCS_2_WARNING="1")
    built = subprocess.run(
        [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())",
         "--root", str(root), "build", "--site-dir", str(site)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr

    # the plan page: task 06 is done now, with the report under it
    plan = (site / "plans" / PLAN / "index.html").read_text(encoding="utf-8")
    block = plan[plan.index('id="t-06"') :].split("pp-task__cite")[0]
    assert re.search(r'class="pp-state pp-state--done">已完成<', block)
    assert "完成于 2026-06-25；期限：2026年6月底前" in block
    assert "全市中小学安全教育课程开课率100%" in block and "示教〔2026〕15号" in block
    english = (site / "en" / "plans" / PLAN / "index.html").read_text(encoding="utf-8")
    assert (
        'pp-state--done">Done<' in english[english.index('id="t-06"') :].split("pp-task__cite")[0]
    )
    # the unit page: no longer overdue and unreported; the task marked done in its duties
    unit = (site / "units" / "shili" / "jiaoyuju" / "index.html").read_text(encoding="utf-8")
    assert "pp-state--deadline-passed-unreported" not in unit
    assert "没有需要关注的任务" in unit
    row = unit[unit.index('#t-06">第6条') :].split("</li>")[0]
    assert re.search(r'class="pp-state pp-state--done">已完成<', row)
    # the round's page: a first report, done
    rnd = (site / "progress" / "rounds" / "2026-h1" / "index.html").read_text(encoding="utf-8")
    assert "第6条 推进校园安全教育。" in rnd and "示例市教育局" in rnd

    # feeds: the plan's and the unit's
    for feed in (f"plans/{PLAN}.xml", "units/shili/jiaoyuju.xml"):
        tree = ET.parse(site / "data" / "progress" / feed)
        summaries = [e.findtext(f"{ATOM}summary") for e in tree.iter(f"{ATOM}entry")]
        assert any("全市中小学安全教育课程开课率100%" in (s or "") for s in summaries), feed
    # exports: tasks.csv, the unit's table, progress.json, plans.json
    rows = csv.DictReader(io.StringIO((site / "data" / "tasks.csv").read_text("utf-8-sig")))
    row = next(
        r for r in rows if r["plan_id"] == PLAN and r["task_id"] == "06" and not r["item_id"]
    )
    assert (row["status"], row["latest_report"]) == ("done", "2026-07-20")
    table = (site / "data" / "units" / "shili" / "jiaoyuju.csv").read_text("utf-8-sig")
    assert "done,2026-07-20" in table
    progress = json.loads((site / "data" / "progress.json").read_text(encoding="utf-8"))
    (report,) = [r for r in progress["reports"] if r["task"] == "06"]
    assert (report["unit_id"], report["status"], report["completed"]) == (
        "shili/jiaoyuju",
        "done",
        "2026-06-25",
    )
    plans = json.loads((site / "data" / "plans.json").read_text(encoding="utf-8"))
    (status,) = [
        s for s in plans["status"] if s["task"] == "06" and s["plan"] == PLAN and not s["item"]
    ]
    assert (status["state"], status["latest_report"]) == ("done", "2026-07-20")
