"""Exports parse back with real parsers and carry every task."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import openpyxl
from helpers import make_project

from generator.exports import write_exports
from generator.project import load_project

BASE = "https://example.org/portal"


def _export(tmp_path: Path) -> tuple[Path, object]:
    project, problems = load_project(make_project(tmp_path / "proj"))
    assert project is not None, problems
    out = tmp_path / "out"
    write_exports(project.plans, out, base_url=BASE, build_date="2024-06-01")
    return out, project


def test_csv_has_bom_and_every_task_and_item(tmp_path: Path) -> None:
    out, _ = _export(tmp_path)
    raw = (out / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["task_id"], r["item_id"], r["parent"]) for r in rows] == [
        ("01", "", ""),
        ("01", "1", "01"),
        ("01", "2", "01"),
        ("02", "", ""),
    ]
    first = rows[0]
    assert first["lead"] == "市应急管理局"
    assert first["support"] == "市住建局、市安委会各成员单位"
    assert first["deadlines"] == "2024-12-31（2024年底前）"
    assert first["permalink"] == f"{BASE}/plans/demo/#t-01"
    assert rows[2]["permalink"] == f"{BASE}/plans/demo/#t-01-2"
    assert rows[2]["deadlines"] == "2024-12-31（2024年底前）"
    assert rows[1]["deadlines"] == ""


def test_xlsx_layout(tmp_path: Path) -> None:
    out, _ = _export(tmp_path)
    book = openpyxl.load_workbook(out / "tasks.xlsx")
    assert book.sheetnames == ["全部", "demo"]
    sheet = book["demo"]
    assert [c.value for c in sheet[1]] == [
        "序号",
        "任务",
        "牵头单位",
        "配合单位",
        "责任单位",
        "完成时限",
        "链接",
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet["B2"].value.startswith("强化源头管控。主要有2项任务：一是建立机制；二是")
    assert sheet["B2"].alignment.wrap_text
    assert sheet.max_row == 3  # header + two tasks


def test_ics_parses_back_with_stable_uids(tmp_path: Path) -> None:
    out, _ = _export(tmp_path)
    cal = icalendar.Calendar.from_ical((out / "ics" / "all.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["dtstart"].dt) == "2024-12-31"
    assert f"{BASE}/plans/demo/#t-01-2" in str(event["description"])
    assert "2024年底前" in str(event["summary"])
    again = tmp_path / "again"
    again.mkdir()
    out2, _ = _export(again)
    assert (out2 / "ics" / "all.ics").read_bytes() == (out / "ics" / "all.ics").read_bytes()


def test_plans_json_is_the_model(tmp_path: Path) -> None:
    out, _ = _export(tmp_path)
    doc = json.loads((out / "plans.json").read_text(encoding="utf-8"))
    assert doc["plans"][0]["id"] == "demo"
    assert doc["plans"][0]["chapters"][0]["tasks"][0]["responsibility"]["lead"] == ["市应急管理局"]
    assert (out / "schema" / "plan.schema.json").is_file()


def test_hand_written_ics_escapes_and_folds_like_the_standard(tmp_path: Path) -> None:
    """Feeds are serialised by hand (speed); any text survives a real parser."""
    import dataclasses

    from generator.exports.ical import DeadlineEvent, calendar, plan_events

    _, project = _export(tmp_path)
    event = plan_events(project.plans[0])[0]
    tricky = "牵头；配合, 属地; a\\b\n第二行" + "很长的标题" * 30
    task = event.task.model_copy(update={"title": tricky})
    odd = dataclasses.replace(event, task=task, role="牵头")
    raw = calendar("单位, 名称; 日历", [odd, event], BASE)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # folding never splits a character
    cal = icalendar.Calendar.from_ical(raw)
    first, second = cal.walk("VEVENT")
    assert tricky in str(first["summary"]) and str(first["summary"]).startswith("[牵头]")
    assert str(first["uid"]) == str(second["uid"])  # same deadline, same stable uid
    assert str(first["dtend"].dt) > str(first["dtstart"].dt)
    assert isinstance(odd, DeadlineEvent)


def _parts(content: bytes) -> dict[str, bytes] | bytes:
    """An XLSX file's parts without its timestamped properties; other files as they are."""
    import io
    import zipfile

    if not content.startswith(b"PK"):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_exports_can_be_handed_over_instead_of_kept(tmp_path: Path) -> None:
    from rendering import render

    from generator.render.site import render_site
    from generator.settings import Settings

    _, project = _export(tmp_path)
    kept = render(project, languages=("zh",))
    handed: dict[str, bytes] = {}
    settings = Settings(project.root, build_date=kept.views.today, languages=("zh",))
    streamed = render_site(project, settings, write=handed.__setitem__)
    assert streamed.files == {} and handed.keys() == kept.files.keys()  # nothing held
    assert streamed.exports == {name: len(content) for name, content in handed.items()}
    for name, content in kept.files.items():  # the same files (XLSX: same parts; the zip
        assert _parts(handed[name]) == _parts(content), name  # and docProps carry the time)
    data = "data/index.md"
    assert streamed.pages.read(data) == kept.pages.read(data)  # the sizes it shows


def test_sheet_names_are_valid_and_distinct() -> None:
    from generator.exports.tables import sheet_names

    names = sheet_names(["全部", "a/b:c", "全部", "x" * 40, "x" * 40, "'q'", "ALL", "all"])
    assert names == [
        "全部",
        "a_b_c",
        "全部 (2)",
        "x" * 31,
        "x" * 27 + " (2)",
        "q",
        "ALL",
        "all (2)",  # Excel compares sheet names regardless of case
    ]
    assert all(len(n) <= 31 for n in names)


def test_json_files_are_pythons_indented_json_of_the_model(tmp_path: Path) -> None:
    """pydantic writes them (fast); the bytes stay those of `json.dumps(indent=1)`, which
    readers and diffs of earlier builds saw, including non-ASCII text left unescaped."""
    out, project = _export(tmp_path)
    plans = [plan.model_dump(mode="json") for plan in project.plans]  # type: ignore[attr-defined]
    whole = json.loads((out / "plans.json").read_text(encoding="utf-8"))
    expected = dict(whole, plans=plans)
    assert (out / "plans.json").read_text(encoding="utf-8") == json.dumps(
        expected, ensure_ascii=False, indent=1
    )
    for plan in plans:
        text = (out / "plans" / f"{plan['id']}.json").read_text(encoding="utf-8")
        assert text == json.dumps(plan, ensure_ascii=False, indent=1)
        assert "市应急管理局" in text
