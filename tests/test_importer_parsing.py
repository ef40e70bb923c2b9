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
        ("执法人员占在职人员比例", ">=", 75.0, "%", dt.date(2025, 12, 31)),
        ("专题业务培训覆盖率", "=", 100.0, "%", dt.date(2025, 12, 31)),
    ]  # 作业人数不得超过 25 人 is a cap from a rule, not a target


def test_target_suffix_comparator_and_equals() -> None:
    text = "其中一级达标矿井占比 70％以上，持证上岗率 100%"
    got = find_targets(text, [])
    assert [(t["indicator"], t["comparator"], t["value"]) for t in got] == [
        ("一级达标矿井占比", ">=", 70.0),  # 其中 is not part of the indicator
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


# --- regressions from the review of the seed plans -----------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # no count: the phrase runs to the end of the clause (was cut at 12 characters)
        (
            "各旗市区政府每年挂牌督办整改一批典型重大火灾隐患；三是深化",
            "每年挂牌督办整改一批典型重大火灾隐患",
        ),
        (
            "各县区每年挂牌督办整改一批典型重大火灾隐患。深化",
            "每年挂牌督办整改一批典型重大火灾隐患",
        ),
        # a clause opening with a preposition runs on into the next one
        (
            "每年结合党校培训班、行业系统培训等，对执法人员开展跟班集中培训、专业培训，提升能力。",
            "每年结合党校培训班、行业系统培训等，对执法人员开展跟班集中培训、专业培训",
        ),
        ("每月组织一次会商研判，形成报告。", "每月组织一次"),
        ("每半年开展专项检查（含园区），并通报。", "每半年开展专项检查（含园区）"),
    ],
)
def test_recurrence_phrase_runs_to_the_end_of_the_clause(text: str, phrase: str) -> None:
    assert [r["phrase"] for r in find_recurrences(text)] == [phrase]


def test_recurrence_one_per_period_and_yearly_duties() -> None:
    got = find_recurrences("按照“一月一培训、一月一警示、常态化宣传教育”的要求，每季一调度。")
    assert [(r["phrase"], r["every"], r.get("times")) for r in got] == [
        ("一月一培训、一月一警示", "month", 1),
        ("每季一调度", "quarter", None),
    ]
    assert [(r["phrase"], r["every"]) for r in find_recurrences("坚持一季一督查。")] == [
        ("一季一督查", "quarter")
    ]
    yearly = "完善考核办法，开展好年度安全生产考核，制定落实年度宣传教育计划，构建格局。"
    assert [(r["phrase"], r["every"]) for r in find_recurrences(yearly)] == [
        ("开展好年度安全生产考核", "year"),
        ("制定落实年度宣传教育计划", "year"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "建立职责清单和年度任务清单，明确分工。",  # a list, not an activity
        "建立季度检查和年度述职评价制度。",  # a system set up once
        "组织开展2024年度安全生产考核。",  # one given year
        "年度安全生产考核结果作为重要参考。",  # no duty verb in the clause
        "坚持一企一策、一园一策。",  # not a period
    ],
)
def test_not_recurrences(text: str) -> None:
    assert find_recurrences(text) == []


def test_domain_lead_without_dengAnquan_drops_the_duty_verb() -> None:
    from generator.importer.domainleads import find_domain_leads

    text = (
        "其中：区教体局牵头负责校园安全等安全，大通公安分局牵头负责道路交通、"
        "大型群众性活动实施安全管理等，区商务局牵头负责商务系统安全，"
        "县公安局牵头负责大型活动的安全管理。"
    )
    leads = {lead["unit"]: lead["domains"] for lead in find_domain_leads(text)}
    assert leads["大通公安分局"] == ["道路交通", "大型群众性活动"]
    assert leads["区商务局"] == ["商务系统安全"]  # no duty verb: kept as printed
    assert leads["县公安局"] == ["大型活动"]


@pytest.mark.parametrize(
    "text",
    [
        "采煤工作面生产班次作业人数不得超过 25 人，维修工作面（点）单班人数不得超过 8 人。",
        "各主次干道的消火栓间距严格按照不大于 120 米要求布置，保护半径不应超过 150 米。",
        "宽度在 60 米以上的道路两侧设置消火栓，消防水池按 6 小时以上的容量设计。",
        "瓦斯浓度不得超过 1%。",
        "间距不小于 6 米。",
    ],
)
def test_caps_and_specifications_are_not_targets(text: str) -> None:
    assert find_targets(text, []) == []


def test_target_indicators_comparators_and_ranges() -> None:
    text = (
        "力争至2025年底，规模以上企业标准化达标率为100%，力争创建二级标准化企业数量增加 2 家，"
        "确保“三类人员”持证上岗率 100%，覆盖率达到 90%，占比不低于60%。"
        "2024年底前，骨干企业直管矿井全部实现二级达标（因事故降级除外），"
        "其中一级达标矿井占比 70％ 以上，力争创建 1-2 处一级达标矿井；新建 3 座应急避难场所。"
        "维修工作面（点）单班人员持证率达到 95%。"
    )
    got = [
        (t["indicator"], t["comparator"], t["value"], t["unit"], t.get("by"))
        for t in find_targets(text, find_deadlines(text))
    ]
    y25, y24 = dt.date(2025, 12, 31), dt.date(2024, 12, 31)
    assert got == [
        ("规模以上企业标准化达标率", "=", 100.0, "%", y25),
        ("二级标准化企业数量增加", "=", 2.0, "家", y25),
        ("“三类人员”持证上岗率", "=", 100.0, "%", y25),
        ("覆盖率", "=", 90.0, "%", y25),
        ("占比", ">=", 60.0, "%", y25),
        ("骨干企业直管矿井中一级达标矿井占比", ">=", 70.0, "%", y24),
        ("一级达标矿井创建数量（力争 1-2 处）", ">=", 1.0, "处", y24),
        ("应急避难场所新建数量", "=", 3.0, "座", None),  # after ；: another sentence
        ("维修工作面（点）单班人员持证率", "=", 95.0, "%", None),  # not cut at the bracket
    ]


def test_runs_of_kept_spaces_become_one() -> None:
    log = NoiseLog()
    assert clean_line("2025  年底前完成，CCC \t 认证", log) == "2025 年底前完成，CCC 认证"
    assert log["runs of spaces made one space"] == 2


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("根据《中共中央办公厅 国务院办公厅关于加强安全的意见》，", "中共中央办公厅 国务院办公厅"),
        ("落实《中共河南省委办公厅 河南省人民政府办公厅印发〈方案〉的通知》", "办公厅 河南省"),
        ("《应急管理部 国家矿山安全监察局关于…的通知》", "应急管理部 国家矿山"),
    ],
)
def test_space_between_joint_issuers_in_a_title_is_kept(line: str, kept: str) -> None:
    log = NoiseLog()
    assert kept in clean_line(line, log)
    assert log["spaces between joint issuers in a title kept"] == 1


@pytest.mark.parametrize(
    "line",
    [
        "中共中央办公厅 国务院办公厅联合部署",  # outside 《》: PDF noise
        "《关于进一步加强矿山 安全生产工作的实施意见》",  # left run is no organisation
        "《市应急管理局 关于…》",  # right run is no organisation
        "《县应急局 安全生产工作要点》",
    ],
)
def test_other_spaces_in_cjk_are_still_noise(line: str) -> None:
    assert " " not in clean_line(line, NoiseLog())


def test_report_summary_counts_each_category() -> None:
    from generator.importer.report import Report

    report = Report(plan_id="x", source_file="s.txt", undated=[("task 26", "三年内")])
    assert "unknown units not checked, 1 undated phrases" in report.summary()
    assert "0 unparsed blocks" in report.summary()
    report.units_checked = True
    report.unknown_units = [("task 1", "某局")]
    report.unparsed = [("cover letter", "x"), ("body", "y")]
    assert "1 unknown units, 1 undated phrases, 0 names without a role verb, 2 unparsed" in (
        report.summary()
    )
    assert "unresolved" not in report.summary()


def test_dump_never_writes_aliases() -> None:
    from generator.dump import dump_yaml
    from generator.importer.draft import to_yaml

    day = dt.date(2025, 12, 31)
    data = {"id": "x", "deadlines": [{"date": day}], "targets": [{"by": day, "item": "1"}]}
    for text in (dump_yaml(data), to_yaml(data)):
        assert "&id" not in text and "*id" not in text
        assert text.count("2025-12-31") == 2
        assert 'item: "1"' in text


def test_radicals_printed_for_ideographs_are_repaired() -> None:
    """Some PDF producers' font maps give Kangxi and simplified radicals (⼈ ⺠ ⻛) for the
    ideographs (人 民 风): the text, the unit names and the coverage need the ideographs."""
    from generator.importer.normalize import NoiseLog, clean_line

    log = NoiseLog()
    assert clean_line("坚持⼈⺠⾄上，防范重⼤⻛险（区⽣态环境分局）", log) == (
        "坚持人民至上，防范重大风险（区生态环境分局）"
    )
    assert log["radicals printed for ideographs (⼤ → 大)"] == 6


def test_chapter_numbers_with_a_dot_as_web_copies_print_them() -> None:
    from generator.importer import import_text

    text = (
        "某县安全生产工作方案（2024年）\n一.总体要求\n做好工作。\n"
        "二．主要任务\n1.开展排查。\n2.加强宣传。\n"
    )
    chapters = import_text(text, region="x", source_file="x").draft["chapters"]
    assert [(c["no"], c["title"], len(c.get("tasks", []))) for c in chapters] == [
        ("一", "总体要求", 0),
        ("二", "主要任务", 2),
    ]
