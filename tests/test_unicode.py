"""Unicode: NFC normalisation, full-width digits and punctuation, compatibility ideographs,
the Mongolian-script line, pinyin of polyphones."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from generator.importer import import_text
from generator.load import parse_yaml
from generator.pinyin import full_pinyin

ROOT = Path(__file__).resolve().parents[1]


def test_loader_normalises_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "é")  # e + combining acute
    loaded, problems = parse_yaml(f"title: caf{decomposed}\nname: \uf900\n", "x.yaml")
    assert problems == []
    assert loaded is not None
    assert loaded.data == {"title": "café", "name": "\u8c48"}  # compatibility ideograph → 豈


def test_full_width_digits_and_half_width_parentheses_in_import() -> None:
    text = (
        "测试方案（2024-2026年）\n\n一、主要任务\n\n(一)开展行动。\n\n"
        "1．强化源头管控。２０２５年底前完成，2024年６月底前启动。(市应急管理局牵头，市公安局配合)\n"
    )
    draft = import_text(text, region="x", source_file="a.txt", plan_id="x").draft
    section = draft["chapters"][0]["sections"][0]
    assert section["no"] == "(一)"
    task = section["tasks"][0]
    assert [(str(d["date"]), d["precision"], d["phrase"]) for d in task["deadlines"]] == [
        ("2025-12-31", "year", "２０２５年底前"),
        ("2024-06-30", "month", "2024年６月底前"),
    ]
    assert task["responsibility"]["lead"] == ["市应急管理局"]
    assert task["responsibility"]["support"] == ["市公安局"]


def test_mongolian_line_is_kept_and_tagged() -> None:
    plan = yaml.safe_load(
        (ROOT / "plans" / "hulunbeier-zhiben-gongjian-2024.yaml").read_text(encoding="utf-8")
    )
    alt = plan["cover_letter"]["letterhead_alt"][0]
    assert alt["lang"] == "mn-Mong"
    source = (ROOT / "data" / "sources" / "000_c46c0894d1a50a54.txt").read_text(encoding="utf-8")
    assert alt["text"] in source
    assert all("\u1800" <= ch <= "\u18af" or ch == " " for ch in alt["text"])


def test_polyphones_in_place_names_use_the_override_table() -> None:
    assert full_pinyin("长春市") == "changchunshi"
    assert full_pinyin("重庆市") == "chongqingshi"
    assert full_pinyin("大通区") == "datongqu"
