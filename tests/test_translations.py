"""Translations as data: texts in a language, coverage per language, located gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import PLAN, make_project

from generator.cli import main
from generator.model import DomainLead, EditorNote
from generator.project import load_project
from generator.translations import (
    KINDS,
    entries,
    localized,
    localized_list,
    located_missing,
    note_text,
    project_coverage,
    unit_name,
)

ROOT = Path(__file__).resolve().parents[1]

TRANSLATED = PLAN.replace(
    "title: 测试市安全生产治本攻坚三年行动方案\n",
    "title: 测试市安全生产治本攻坚三年行动方案\ntitle_en: Testland Three-Year Action Plan\n",
).replace("    title: 主要任务\n", "    title: 主要任务\n    title_en: Main tasks\n")


def _project(tmp_path: Path, plan: str = PLAN):  # type: ignore[no-untyped-def]
    project, problems = load_project(make_project(tmp_path, plan))
    assert project is not None, problems
    return project


def test_localized_falls_back_to_chinese_marked_by_its_language(tmp_path: Path) -> None:
    plan = _project(tmp_path, TRANSLATED).plans[0]
    english = localized(plan, "title", "en")
    assert english is not None
    assert (english.text, english.lang, english.translated) == (
        "Testland Three-Year Action Plan",
        "en",
        True,
    )
    assert not english.fallback("en")
    chinese = localized(plan, "title", "zh")
    assert chinese is not None and (chinese.text, chinese.translated) == (plan.title, False)
    chapter_en = localized(plan.chapters[0], "title", "en")
    assert chapter_en is not None and chapter_en.text == "Main tasks"
    short = localized(plan, "short_title", "en")
    assert short is None  # the plan has no short title at all


def test_a_text_without_translation_is_the_chinese_one(tmp_path: Path) -> None:
    plan = _project(tmp_path).plans[0]
    found = localized(plan.chapters[0], "title", "en")
    assert found is not None
    assert (found.text, found.lang, found.translated) == ("主要任务", "zh", False)
    assert found.fallback("en")


def test_notes_domains_and_unit_names_in_each_language(tmp_path: Path) -> None:
    note = EditorNote(text="原文如此。", text_en="Sic in the source.")
    assert note_text(note, "zh").text == "原文如此。"
    assert note_text(note, "en").text == "Sic in the source."
    assert note_text(EditorNote(text="原文如此。"), "en").lang == "zh"
    lead = DomainLead(
        unit="市应急管理局", domains=("燃气", "消防"), domains_en=("gas", "fire"), phrase="…"
    )
    assert [x.text for x in localized_list(lead, "domains", "en")] == ["gas", "fire"]
    partial = lead.model_copy(update={"domains_en": ("gas",)})
    assert [x.lang for x in localized_list(partial, "domains", "en")] == ["zh", "zh"]
    project = _project(tmp_path)
    resolved = project.registry.resolve("应急管理局", "testland")
    assert resolved is not None
    assert unit_name(resolved, "zh").text == "市应急管理局"
    assert unit_name(resolved, "en").lang == "zh"  # the test registry has no name_en


def test_coverage_counts_what_pages_show(tmp_path: Path) -> None:
    project = _project(tmp_path, TRANSLATED)
    zh, en = project_coverage(project, "zh"), project_coverage(project, "en")
    assert zh.share == 1.0 and not zh.missing
    assert list(en.by_kind) == [k for k in KINDS if k in en.by_kind]
    assert en.by_kind["plan title"] == (1, 1)
    assert en.by_kind["chapter title"] == (1, 1)
    assert en.by_kind["task title"] == (0, 1)
    assert en.by_kind["derived task title"] == (0, 1)
    assert en.by_kind["phase name"] == (0, 1)
    assert en.by_kind["unit name"] == (0, 2)  # lead and support named by the plan …
    assert en.by_kind["group name"] == (0, 1)
    assert en.by_kind["topic name"] == (1, 1)  # … zhujianju's category is unset
    assert en.total == zh.total and en.translated == en.total - len(en.missing)
    assert en.summary().startswith(f"English: {en.share:.1%}".replace("%", " %"))


def test_untranslated_texts_are_located_warnings(tmp_path: Path) -> None:
    project = _project(tmp_path, TRANSLATED)
    problems = located_missing(project_coverage(project, "en"), project.root)
    shown = [p.format() for p in problems]
    assert all(p.severity == "warning" and p.code == "untranslated" for p in problems)
    assert (
        "plans/demo.yaml:21:16: warning: task title has no English text: 强化源头管控 "
        "(add `title_en:` beside it; recurring terms are in data/glossary.yaml)"
    ) in shown
    assert any(
        line.startswith(
            "plans/demo.yaml:34:15: warning: derived task title has no English "
            "text: 深化城镇燃气专项治理 (add `title_en:` to the task"
        )
        for line in shown
    ), shown
    assert any(
        line.startswith("data/units/testland.yaml:4:11: warning: unit name") for line in shown
    )


def test_translations_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, TRANSLATED)
    assert main(["--root", str(root), "translations", "--missing"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("English: ")
    assert "task title has no English text: 强化源头管控" in out
    assert main(["--root", str(root), "check"]) == 0
    assert "English: " in capsys.readouterr().out


def test_every_seed_text_is_translated() -> None:
    """The seed portal is fully translated; a new text without English fails here."""
    project, problems = load_project(ROOT)
    assert project is not None, problems
    cov = project_coverage(project, "en")
    assert [f"{e.file} {e.kind}: {e.original}" for e in cov.missing] == []
    assert cov.share == 1.0


def test_english_texts_are_english() -> None:
    """Titles and names have no Chinese; an English note may quote the source's words."""
    project, _ = load_project(ROOT)
    assert project is not None
    plans = [(plan, f"plans/{plan.id}.yaml") for plan in project.plans]
    for entry in entries(plans, project.registry, "en"):
        text = entry.translation or ""
        han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        if entry.kind == "editor's note":
            assert han <= len(text) * 0.25, text
        else:
            assert han == 0, (entry.file, entry.kind, text)


# Terms every English title renders the same way (data/glossary.yaml): Chinese → a word the
# English must contain wherever the Chinese title has the term.
CONSISTENT = {
    "重大事故隐患": "major accident hazard",
    "生产经营单位": "production and business operators",
    "专项治理": "special rectification",
    "主要负责人": "principal persons in charge",
    "安全生产标准化": "work safety standardisation",
    "动态清零": "continuous clearing to zero",
    "判定标准": "determination criteria",
    "危险化学品": "hazardous chemicals",
    "城镇燃气": "urban gas",
    "特种设备": "special equipment",
    "行动": "campaign",
}


def test_recurring_terms_are_translated_consistently() -> None:
    project, _ = load_project(ROOT)
    assert project is not None
    glossary = (ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8")
    assert all(f"{{zh: {zh}," in glossary for zh in CONSISTENT)
    plans = [(plan, f"plans/{plan.id}.yaml") for plan in project.plans]
    checked = 0
    for entry in entries(plans, project.registry, "en"):
        if not entry.kind.endswith("title") or entry.kind == "plan title":
            continue
        for zh, en in CONSISTENT.items():
            if zh == "行动" and not entry.original.startswith("开展"):
                continue  # 开展…行动 section headings are campaigns
            if zh in entry.original:
                checked += 1
                assert en in (entry.translation or "").lower(), (entry.original, entry.translation)
    assert checked > 60
