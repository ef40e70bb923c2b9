"""`planportal import` as staff use it: a folder of files, a new region, the review page,
then `planportal check` on the reviewed draft."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import yaml

from generator.cli import main
from generator.importer import import_text
from generator.importer.reference import load_reference
from generator.importer.run import run_import

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "importer_corpus"
PROJECT = CORPUS / "project"


def _project(tmp: Path) -> Path:
    root = tmp / "project"
    shutil.copytree(PROJECT, root)
    return root


def test_folder_import_writes_one_summary_table(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("v1-redheader.docx", "v2-halfwidth.txt", "v3-table.html"):
        shutil.copyfile(CORPUS / "files" / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "notes.jpg").write_bytes(b"\xff\xd8")  # not a plan format: not listed
    out = io.StringIO()
    code = run_import(folder, "qinghe", tmp_path / "out", out, root=_project(tmp_path))
    text = out.getvalue()
    assert code == 1  # one file failed: said in its row and by the exit code
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    rows = [ln for ln in summary.splitlines() if ln.startswith("| ") and "---" not in ln]
    assert [r.split(" | ")[0][2:] for r in rows] == [
        "file", "broken.pdf", "v1-redheader.docx", "v2-halfwidth.txt", "v3-table.html"
    ]  # fmt: skip
    assert "error: not a readable PDF" in rows[1]
    v2 = next(r for r in rows if r.startswith("| v2-halfwidth.txt"))
    cells = [c.strip() for c in v2.strip("|").split("|")]
    assert cells[2] == "6"  # tasks
    assert re.fullmatch(r"\d+/\d+", cells[3])  # units resolved / named
    assert cells[5] == "100.0%"
    assert summary.splitlines()[2] in text  # the table is printed too
    assert len(list((tmp_path / "out").glob("*.review.html"))) == 3


def test_new_region_is_drafted_for_review(tmp_path: Path) -> None:
    root = _project(tmp_path)
    src = tmp_path / "plan.txt"
    src.write_text(
        "青禾县白石镇2024年安全生产工作方案\n为做好全镇安全生产工作，根据青禾县安排，制定本方案。\n"
        "一、重点任务\n1.开展隐患排查。（镇应急管理办公室牵头，镇派出所配合）\n"
        "2.加强消防宣传。（县消防救援大队、各村民委员会）\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert run_import(src, "青禾县白石镇", tmp_path / "out", out, root=root) == 0
    region = yaml.safe_load((tmp_path / "out" / "regions.draft.yaml").read_text("utf-8"))
    assert region["regions"] == [
        {"id": "baishi", "name": "青禾县白石镇", "name_en": "Baishi Town", "level": "town",
         "parent": "qinghe"}
    ]  # fmt: skip
    units = yaml.safe_load((tmp_path / "out" / "units" / "baishi.yaml").read_text("utf-8"))
    assert units["region"] == "baishi"
    names = {u["name"]: u for u in units["units"]}
    assert names["青禾县白石镇应急管理办公室"]["short"] == "镇应急管理办公室"
    assert names["青禾县白石镇应急管理办公室"]["category"] == "emergency-management"
    assert "县消防救援大队" not in str(units)  # a unit of the parent region, already known
    assert [g["name"] for g in units["groups"]] == ["各村民委员会"]
    draft = yaml.safe_load(next((tmp_path / "out").glob("baishi-*.yaml")).read_text("utf-8"))
    assert draft["region"] == "baishi"
    report = next((tmp_path / "out").glob("*.report.md")).read_text(encoding="utf-8")
    assert "New region: drafts for review" in report


def test_reviewed_draft_passes_check(tmp_path: Path) -> None:
    """The workflow of the README: import, review (here: nothing to change), move the
    draft into plans/, `planportal check` accepts it."""
    root = _project(tmp_path)
    (root / "plans").mkdir()
    (root / "data" / "sources").mkdir()
    shutil.copyfile(CORPUS / "files" / "v1-redheader.pdf", root / "data/sources/v1.pdf")
    out = io.StringIO()
    assert run_import(root / "data/sources/v1.pdf", "yunling", root / "drafts", out, root=root) == 0
    draft = next((root / "drafts").glob("yunling-*.yaml"))
    shutil.move(draft, root / "plans" / draft.name)
    assert main(["--root", str(root), "check"]) == 0


def test_short_forms_resolve_through_the_registry() -> None:
    reference = load_reference(PROJECT)
    text = (
        "青禾县燃气安全专项整治方案（2024年）\n一、重点任务\n"
        "1.排查燃气管网。（住建、市场监管等安委会成员单位按照职责分工负责）\n"
        "2.整治餐饮场所。（应急牵头，消防配合）\n"
    )
    result = import_text(text, region="qinghe", source_file="x.txt", reference=reference)
    tasks = [t for c in result.draft["chapters"] for t in c.get("tasks", [])]
    assert tasks[0]["responsibility"]["responsible"] == ["县住房和城乡建设局", "县市场监督管理局"]
    assert tasks[1]["responsibility"]["lead"] == ["县应急管理局"]
    assert tasks[1]["responsibility"]["support"] == ["县消防救援大队"]
    assert ("task 02", "应急", "县应急管理局") in result.report.abbreviations
    assert tasks[1]["responsibility"]["text"] == "应急牵头，消防配合"  # as printed


def test_review_page_shows_source_and_draft_side_by_side(tmp_path: Path) -> None:
    out = io.StringIO()
    src = CORPUS / "files" / "v1-redheader.txt"
    assert run_import(src, "yunling", tmp_path, out, root=PROJECT) == 0
    page = next(tmp_path.glob("*.review.html")).read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    rows = re.findall(r'<tr id="([^"]+)"', page)
    assert rows[:3] == ["cover_letter.copy_no", "cover_letter.classification",
                        "cover_letter.urgency"]  # fmt: skip
    assert "task-01" in rows and "task-08" in rows
    task = page[page.index('id="task-04"') : page.index('id="task-05"')]
    assert "深化城镇燃气安全整治" in task  # the source cell
    assert "<dt>牵头</dt><dd>市住房和城乡建设局</dd>" in task  # the draft cell


def test_review_page_highlights_text_not_in_the_draft() -> None:
    from generator.importer.review import review_page

    result = import_text("某县方案（2024年）\n一、任务\n1.排查。\n", region="x", source_file="x")
    source = "某县方案（2024年）\n一、任务\n1.排查。\n附加的一段原文\n"
    page = review_page(source, result.draft, result.report)
    assert '<mark class="lost">附加的一段原文</mark>' in page


def test_long_imports_print_their_stages(tmp_path: Path, monkeypatch) -> None:
    import generator.importer.run as run_module

    monkeypatch.setattr(run_module, "_SLOW", 0.0)  # as if the import were long
    out = io.StringIO()
    assert run_import(CORPUS / "files" / "v2-halfwidth.txt", "qinghe", tmp_path, out) == 0
    lines = out.getvalue().splitlines()
    assert any(
        re.match(r"  v2-halfwidth.txt: read as txt \(UTF-8\) \(\d+\.\d s\)", ln) for ln in lines
    )
    assert any(re.match(r"  v2-halfwidth.txt: parsed \(\d+\.\d s\)", ln) for ln in lines)
