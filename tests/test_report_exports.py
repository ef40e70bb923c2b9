"""Exports with duties through groups and the status from progress reports: task tables,
plans.json and progress.json, per-unit tables and calendars, Atom feeds of reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import openpyxl
import pytest

from generator.exports import Tracking, export_files
from generator.exports.report_feeds import iter_report_feeds
from generator.exports.units import iter_unit_duty_tables, unit_calendar_feeds
from generator.project import load_project
from generator.reports import attach_progress
from generator.reports.status import status_index

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "shili"
P1 = "shili-zhiben-gongjian-2024"
BUILD = dt.date(2026, 8, 1)
BASE = "https://example.org/portal"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def example():
    project, _ = load_project(EXAMPLE)
    project, problems = attach_progress(project, BUILD)
    assert [p for p in problems if p.severity == "error"] == []
    status = status_index(project.plans, project.duties, project.progress, BUILD)
    return project, Tracking(status, project.registry)


@pytest.fixture(scope="module")
def files(example):
    project, tracking = example
    return export_files(
        project.plans, base_url=BASE, build_date=BUILD.isoformat(), tracking=tracking
    )


def test_tasks_csv_has_units_through_groups_and_status(files):
    rows = list(csv.DictReader(io.StringIO(files["tasks.csv"].decode("utf-8-sig"))))
    by_id = {(r["plan_id"], r["task_id"], r["item_id"]): r for r in rows}
    first = by_id[(P1, "01", "")]
    assert first["through_groups"] == (
        "市安委会各成员单位：市住房和城乡建设局、市市场监督管理局、市消防救援支队、"
        "市交通运输局、市公安局、市教育局"
    )
    assert (first["status"], first["latest_report"]) == ("done", "2025-07-05")
    assert (by_id[(P1, "01", "1")]["status"], by_id[(P1, "01", "1")]["latest_report"]) == (
        "done",
        "2025-01-08",
    )
    assert by_id[(P1, "02", "")]["status"] == "done-late"
    assert by_id[(P1, "06", "")]["status"] == "deadline-passed-unreported"
    assert by_id[(P1, "06", "")]["latest_report"] == ""
    assert by_id[(P1, "02", "")]["through_groups"] == ""


def test_deadlines_carry_their_status_on_the_build_date(files):
    """Each deadline of a row has its status, in the order of the deadlines column; the
    status list of plans.json says the status of the deadline each task is judged by."""
    rows = list(csv.DictReader(io.StringIO(files["tasks.csv"].decode("utf-8-sig"))))
    dated = [r for r in rows if r["deadlines"]]
    assert dated
    for row in dated:
        days = [d.split("（")[0] for d in row["deadlines"].split("；")]
        expected = [
            "passed"
            if dt.date.fromisoformat(d) < BUILD
            else "soon"
            if dt.date.fromisoformat(d) <= BUILD + dt.timedelta(days=90)
            else "later"
            for d in days
        ]
        assert row["deadline_status"].split("；") == expected, row["task_id"]
    assert {r["deadline_status"] for r in rows if not r["deadlines"]} == {""}
    assert "passed" in {s for r in dated for s in r["deadline_status"].split("；")}
    status = json.loads(files["plans.json"])["status"]
    for entry in status:
        if entry["deadline"] is None:
            assert entry["deadline_status"] is None
        else:
            passed = dt.date.fromisoformat(entry["deadline"]) < BUILD
            assert (entry["deadline_status"] == "passed") == passed


def test_tasks_xlsx_has_the_tracking_columns(files):
    book = openpyxl.load_workbook(io.BytesIO(files["tasks.xlsx"]))
    sheet = book["全部"]
    header = [c.value for c in sheet[1]]
    assert header[6:] == [
        "完成时限",
        "期限状态",
        "经群体负有职责的单位",
        "进展状态",
        "最近报告",
        "链接",
    ]
    statuses = [row[9].value for row in sheet.iter_rows(min_row=2)]
    assert "已完成（晚于期限）" in statuses and "期限已过，未报告完成" in statuses


def test_plans_json_carries_status_and_progress_json_the_reports(files):
    doc = json.loads(files["plans.json"])
    gas = next(s for s in doc["status"] if (s["plan"], s["task"], s["item"]) == (P1, "02", None))
    assert gas == {
        "plan": P1,
        "task": "02",
        "item": None,
        "state": "done-late",
        "reported": "done",
        "latest_report": "2026-07-08",
        "reported_by": "shili/zhujianju",
        "deadline": "2025-12-31",
        "deadline_from": "task",
        "deadline_status": "passed",
        "completed_on": "2026-06-30",
        "reports": 5,
    }
    assert doc["plans"][0]["id"]  # the model is still there
    progress = json.loads(files["progress.json"])
    assert [r["id"] for r in progress["rounds"]] == ["2024-h2", "2025-h1", "2025-h2", "2026-h1"]
    assert len(progress["reports"]) == 22
    assert progress["reports"][0]["unit_id"] == "shili/xiaofangzhidui"


def test_without_tracking_the_tables_are_as_before(example):
    project, _ = example
    plain = export_files(project.plans, base_url=BASE, build_date=BUILD.isoformat())
    assert "progress.json" not in plain
    book = openpyxl.load_workbook(io.BytesIO(plain["tasks.xlsx"]))
    assert "进展状态" not in [c.value for c in book[book.sheetnames[0]][1]]


def test_unit_table_marks_duties_through_groups(example):
    project, tracking = example
    tables = dict(
        iter_unit_duty_tables(project.plans, project.duties, base_url=BASE, tracking=tracking)
    )
    rows = list(csv.DictReader(io.StringIO(tables["units/shili/jiaoyuju.csv"].decode("utf-8-sig"))))
    assert [(r["task_id"], r["role"], r["role_zh"], r["via_groups"]) for r in rows] == [
        ("01", "group", "经市安委会各成员单位", "市安委会各成员单位"),
        ("06", "responsible", "负责", ""),
        ("07", "group", "经市安委会各成员单位", "市安委会各成员单位"),
    ]
    assert rows[1]["status"] == "deadline-passed-unreported"


def test_unit_calendars_include_deadlines_through_groups(example):
    project, _ = example
    feeds = {
        f.path: f for f in unit_calendar_feeds(project.plans, project.duties, project.registry)
    }
    from generator.exports.ical import calendar

    cal = icalendar.Calendar.from_ical(calendar("x", feeds["shili/jiaoyuju"].events, BASE))
    summaries = sorted(str(e["summary"]) for e in cal.walk("VEVENT"))
    assert summaries[0].startswith(
        "[经市安委会各成员单位] 《示例市治本攻坚三年行动方案（示例）》第1条"
    )
    assert any(s.startswith("[负责]") for s in summaries)


def test_seed_unit_calendar_now_has_the_groups_deadlines():
    project, _ = load_project(REPO)
    feeds = {
        f.path: f for f in unit_calendar_feeds(project.plans, project.duties, project.registry)
    }
    bureau = feeds["hulunbeier/yingjiguanliju"].events
    through = [e for e in bureau if e.role.startswith("经")]
    assert {e.role for e in through} == {"经市安委会各负有安全生产监督管理职责的部门"}
    assert len({e.task.id for e in through}) >= 4


def test_atom_feeds_of_reports(example):
    project, tracking = example
    feeds = dict(iter_report_feeds(project.plans, tracking, base_url=BASE))
    everything = ET.fromstring(feeds["progress/feed.xml"])
    entries = everything.findall(f"{ATOM}entry")
    assert len(entries) == 22
    assert entries[0].find(f"{ATOM}updated").text == "2026-07-08T00:00:00Z"
    assert entries[0].find(f"{ATOM}title").text.startswith("【已完成】示例市治本攻坚三年行动方案")
    plan = ET.fromstring(feeds[f"progress/plans/{P1}.xml"])
    assert len(plan.findall(f"{ATOM}entry")) == 17
    school = ET.fromstring(feeds["progress/units/shili/jiaoyuju.xml"])
    by_task = {
        e.find(f"{ATOM}id").text.split("/")[2]: e.find(f"{ATOM}category").get("term")
        for e in school.findall(f"{ATOM}entry")
    }
    assert by_task == dict.fromkeys(["07", "01", "01-1", "01-2"], "经市安委会各成员单位")
    again = dict(iter_report_feeds(project.plans, tracking, base_url=BASE))
    assert again == feeds  # stable ids and content across builds
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"{BASE}/plans/{P1}/#t-02"
