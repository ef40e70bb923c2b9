"""Unit cases of the importer's parsers: responsibility, time phrases, targets, noise, items."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.importer.cover import DOC_NUMBER, parse_cover, script_tag
from generator.importer.items import split_items
from generator.importer.normalize import NoiseLog, clean_line, join_broken
from generator.importer.responsibility import parse_responsibility, parse_role_lines
from generator.importer.targets import find_targets
from generator.importer.timephrases import (
    find_deadlines,
    find_recurrences,
    find_undated,
    find_yearless,
    parse_period,
)

# --- responsibility -----------------------------------------------------------------------


def resp(text: str) -> dict:
    out, _ = parse_responsibility(text)
    return out


def test_responsibility_lead_support_local_carries_forward() -> None:
    r = resp(
        "市应急管理局、消防救援大队、煤炭局分别牵头负责，市安委会有关成员单位配合；"
        "各乡镇（街道）政府（办事处）、禹州高新技术产业开发区管委会负责，以下均需各乡镇（街道）"
        "政府（办事处）、禹州高新技术产业开发区管委会负责，不再列出"
    )
    assert r["lead"] == ["市应急管理局", "消防救援大队", "煤炭局"]
    assert r["support"] == ["市安委会有关成员单位"]
    assert r["local"] == ["各乡镇（街道）政府（办事处）", "禹州高新技术产业开发区管委会"]
    assert r["carries_forward"] is True
    assert "responsible" not in r


def test_responsibility_after_lead_duty_by_division_is_support() -> None:
    r = resp(
        "市住房和城乡建设局牵头，市发展和改革委员会、财政局等市安委会有关成员单位按职责分工负责"
    )
    assert r["lead"] == ["市住房和城乡建设局"]
    assert r["support"] == ["市发展和改革委员会", "财政局"]
    assert r["and_others"] is True


@pytest.mark.parametrize(
    "text",
    [
        "市公安局、市交通运输局等安委会成员单位按职责分工负责",
        "市应急管理局、煤炭局等市安委会有关成员单位分别牵头或按职责分工负责",
        "市公安局、市交通运输局等市安委会有关成员单位分工负责",
    ],
)
def test_responsibility_without_lead_is_responsible(text: str) -> None:
    r = resp(text)
    assert r["responsible"][0] in ("市公安局", "市应急管理局")
    assert len(r["responsible"]) == 2
    assert r["and_others"] is True
    assert "lead" not in r and "support" not in r


def test_responsibility_local_across_commas_and_forward_flag() -> None:
    r = resp(
        "市委党校等安委会成员单位按职责分工负责；各旗市区政府按照职责负责，以下均需各旗市区政府，"
        "经开区管委会按照职责负责，不再一一列出"
    )
    assert r["responsible"] == ["市委党校"]
    assert r["local"] == ["各旗市区政府", "经开区管委会"]
    assert r["carries_forward"] is True


def test_responsibility_group_name_kept_as_printed() -> None:
    r = resp("市安委会各负有安全生产监督管理职责的部门按职责分工负责")
    assert r == {
        "text": "市安委会各负有安全生产监督管理职责的部门按职责分工负责",
        "responsible": ["市安委会各负有安全生产监督管理职责的部门"],
    }


def test_responsibility_names_without_verb_are_reported() -> None:
    out, unassigned = parse_responsibility("市应急管理局、市公安局")
    assert out["responsible"] == ["市应急管理局", "市公安局"]
    assert unassigned == ["市应急管理局", "市公安局"]


def test_role_lines() -> None:
    r = parse_role_lines(
        [("牵头单位", "应急管理局、工业和科技局"), ("配合单位", "住建交通局、社会事务局（文旅办）")]
    )
    assert r["lead"] == ["应急管理局", "工业和科技局"]
    assert r["support"] == ["住建交通局", "社会事务局（文旅办）"]
    assert (
        r["text"]
        == "牵头单位：应急管理局、工业和科技局\n配合单位：住建交通局、社会事务局（文旅办）"
    )
    assert parse_role_lines([("责任单位", "市场监督管理局")])["responsible"] == ["市场监督管理局"]


# --- deadlines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "date", "precision"),
    [
        ("2024年底前建立健全", "2024年底前", dt.date(2024, 12, 31), "year"),
        ("2024 年 6 月底前依托省平台", "2024 年 6 月底前", dt.date(2024, 6, 30), "month"),
        ("2024 年上半年基本消除存量", "2024 年上半年", dt.date(2024, 6, 30), "half"),
        ("2024年下半年完成", "2024年下半年", dt.date(2024, 12, 31), "half"),
        ("到2025年，具有…", "到2025年", dt.date(2025, 12, 31), "year"),
        ("2025 年底以前，实现", "2025 年底以前", dt.date(2025, 12, 31), "year"),
        ("2026年底安全生产风险", "2026年底", dt.date(2026, 12, 31), "year"),
        ("2024年，重点开展矿山企业", "2024年", dt.date(2024, 12, 31), "year"),
        ("力争至 2025 年底，示范区", "力争至 2025 年底", dt.date(2025, 12, 31), "year"),
        ("2024年第三季度前完成", "2024年第三季度前", dt.date(2024, 9, 30), "quarter"),
        ("2024年9月15日前报送", "2024年9月15日前", dt.date(2024, 9, 15), "day"),
        ("2024年2月底前完成", "2024年2月底前", dt.date(2024, 2, 29), "month"),
    ],
)
def test_deadline_phrases(text: str, phrase: str, date: dt.date, precision: str) -> None:
    found = find_deadlines(text)
    assert [(f.value["phrase"], f.value["date"], f.value["precision"]) for f in found] == [
        (phrase, date, precision)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "基本消除2023年及以前排查发现的隐患",
        "三年行动方案（2024—2026 年）",
        "依据《2024年安全生产工作要点》",
        "从2024年2月至2026年12月，分四个阶段进行",
        "2021年起实施",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert find_deadlines(text) == []


def test_deadline_item_and_undated() -> None:
    found = find_deadlines("二是2024年底前，有针对性", item="2")
    assert found[0].value["item"] == "2"
    assert find_undated("三年内，结合市委党校培训班") == ["三年内"]
    dated = find_deadlines("2024 年底前完成")
    assert find_undated("2024 年底前完成", dated) == []
    assert find_undated("年底前完成") == ["年底前"]


def test_yearless_deadline_takes_the_year_of_its_phase() -> None:
    found = find_yearless(
        "4月30日前将方案报区安委会办公室", (dt.date(2024, 2, 1), dt.date(2024, 4, 30)), "阶段"
    )
    assert [(f.value["date"], f.value["precision"], f.value["inferred"]) for f in found] == [
        (dt.date(2024, 4, 30), "day", "年份取自阶段")
    ]
    assert find_yearless("4月30日前", None, "") == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024年2月至4月", dt.date(2024, 2, 1), dt.date(2024, 4, 30)),
        ("2024年5月至2025年12月", dt.date(2024, 5, 1), dt.date(2025, 12, 31)),
        ("2026年10月至12月", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ("2024年3月—2024年6月", dt.date(2024, 3, 1), dt.date(2024, 6, 30)),
    ],
)
def test_phase_periods(text: str, start: dt.date, end: dt.date) -> None:
    assert parse_period(text) == (start, end)


def test_recurrences() -> None:
    got = find_recurrences(
        "每季度对乡镇街道（园区）开展一次安全生产督导；每年至少组织开展1次疏散逃生演练"
        "（高危行业领域每半年至少1次）；每月至少听取一次；每年挂牌督办一批；每年轮训一遍",
        item="3",
    )
    assert [(r["every"], r.get("times")) for r in got] == [
        ("quarter", 1),
        ("year", 1),
        ("half-year", 1),
        ("month", 1),
        ("year", None),
        ("year", 1),
    ]
    assert got[0]["phrase"] == "每季度对乡镇街道（园区）开展一次"
    assert all(r["item"] == "3" for r in got)
    assert find_recurrences("覆盖每一名从业人员") == []


# --- targets ------------------------------------------------------------------------------


def test_targets_percent_and_quantity() -> None:
    text = (
        "到2025年，执法人员不低于在职人员的75%，专题业务培训覆盖率达100%。作业人数不得超过 25 人。"
    )
    got = find_targets(text, find_deadlines(text))
    assert [(t["indicator"], t["comparator"], t["value"], t["unit"], t.get("by")) for t in got] == [
        ("执法人员", ">=", 75.0, "%", dt.date(2025, 12, 31)),
        ("专题业务培训覆盖率", ">=", 100.0, "%", dt.date(2025, 12, 31)),
        ("作业人数", "<=", 25.0, "人", None),  # other sentence: no deadline
    ]


def test_target_suffix_comparator_and_equals() -> None:
    text = "其中一级达标矿井占比 70％以上，持证上岗率 100%"
    got = find_targets(text, [])
    assert [(t["indicator"], t["comparator"], t["value"]) for t in got] == [
        ("其中一级达标矿井占比", ">=", 70.0),
        ("持证上岗率", "=", 100.0),
    ]


# --- noise, items, cover ------------------------------------------------------------------


def test_clean_line_removes_only_noise() -> None:
    log = NoiseLog()
    line = (
        "[bookmark: _GoBack]（ 六）强化考核巡查。市安委会 将把 **二是** 2024 年 6 月底前，"
        "CCC 认证、“ 1+4”"
    )
    # the space between 二是 and 2024 is typing style (CJK next to a digit): kept
    assert (
        clean_line(line, log)
        == "（六）强化考核巡查。市安委会将把二是 2024 年 6 月底前，CCC 认证、“1+4”"
    )
    assert log["bookmark anchors `[bookmark: …]`"] == 1
    assert log["emphasis markers `**`"] == 2


def test_join_broken_lines_but_not_headings() -> None:
    log = NoiseLog()
    lines = [
        "9.因地制宜建立完善各类发展规划的安全风险评估会商机",
        "制，有效衔接。",
        "（一）加强党对安全生产工作的领导",
        "围绕健全安全生产责任体系的目标，认真落实",
        "责任制实施细则》，完善体系。",
        "牵头单位：党政综合办公室",
        "配合单位：安委会各成员单位",
        "力争至 2025 年底，达标率为",
        "100%。",
    ]
    assert join_broken(lines, log) == [
        "9.因地制宜建立完善各类发展规划的安全风险评估会商机制，有效衔接。",
        "（一）加强党对安全生产工作的领导",
        "围绕健全安全生产责任体系的目标，认真落实责任制实施细则》，完善体系。",
        "牵头单位：党政综合办公室",
        "配合单位：安委会各成员单位",
        "力争至 2025 年底，达标率为100%。",
    ]
    assert log["lines broken mid-sentence joined"] == 3


def test_split_items_requires_sequence_and_position() -> None:
    head, items = split_items("主要有2项任务：一是总结经验；二是制定指南。")
    assert head == "主要有2项任务："
    assert items == [("一是", "总结经验；"), ("二是", "制定指南。")]
    assert split_items("坚持统一是基础，三是另一回事")[1] == []  # not a run from 一是
    assert split_items("只有一项：一是总结经验。")[1] == []  # a single 一是 is not a list


def test_cover_letter_fields() -> None:
    cover, unplaced = parse_cover(
        [
            "某某市安全生产委员会文件",
            "ᠬᠤᠯᠡᠨᠪᠡᠯᠦᠰᠢ ᠶ᠋ᠢᠨ",
            "某安委〔2024〕7号",
            "某某市安全生产委员会",
            "关于印发《某某方案》的通知",
            "各区人民政府，市安委会各成员单位：",
            "现将方案印发给你们。",
            "联系人：张三，联系电话：0471-1234567",
            "电子邮箱：ab@example.cn",
            "某某市安全生产委员会",
            "2024年5月6日",
        ]
    )
    assert unplaced == []
    assert cover["letterhead"] == "某某市安全生产委员会文件"
    assert cover["letterhead_alt"] == [{"text": "ᠬᠤᠯᠡᠨᠪᠡᠯᠦᠰᠢ ᠶ᠋ᠢᠨ", "lang": "mn-Mong"}]
    assert cover["doc_number"] == "某安委〔2024〕7号"
    assert cover["title"] == "某某市安全生产委员会关于印发《某某方案》的通知"
    assert cover["recipients"] == ["各区人民政府", "市安委会各成员单位"]
    assert cover["text"] == "现将方案印发给你们。"
    assert cover["contacts"]["people"] == ["张三"]
    assert cover["contacts"]["phone"] == ["0471-1234567"]
    assert cover["contacts"]["email"] == ["ab@example.cn"]
    assert cover["signature"] == "某某市安全生产委员会"
    assert cover["date_text"] == "2024年5月6日"


def test_script_and_doc_number_detection() -> None:
    assert script_tag("ᠬᠤᠯᠡᠨᠪᠡᠯᠦᠰᠢ ᠶ᠋ᠢᠨ ᠠᠨᠠᠯᠠᠭᠤᠯᠠᠭᠤ") == "mn-Mong"
    assert script_tag("呼伦贝尔市安全生产委员会文件") is None
    assert DOC_NUMBER.match("呼安委会字〔2024〕4号")
    assert DOC_NUMBER.match("大安委〔2024〕2号")
    assert not DOC_NUMBER.match("2024年3月8日")
