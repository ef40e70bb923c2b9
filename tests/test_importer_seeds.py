"""The importer on the four real plan texts: coverage, structure, cover letters, validation."""

from __future__ import annotations

import datetime as dt
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml

from generator.importer import ImportResult, import_text
from generator.importer.coverage import coverage
from generator.importer.draft import SCHEMA_LINE
from generator.model import Plan

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
SEEDS = {
    "000": ("000_c46c0894d1a50a54.txt", "hulunbeier", "hulunbeier-zhiben-gongjian-2024"),
    "001": ("001_68b0e3b884bd91bd.txt", "huainan-datong", "huainan-datong-zhiben-gongjian-2024"),
    "002": ("002_b72f45fb6521b9fe.txt", "yuzhou", "yuzhou-zhiben-gongjian-2024"),
    "004": ("004_b44030e284a1ed73.txt", "bojingtan", "bojingtan-shisiwu-2021"),
}


@cache
def imported(seed: str) -> ImportResult:
    name, region, _ = SEEDS[seed]
    return import_text(
        (SOURCES / name).read_text(encoding="utf-8"), region=region, source_file=name
    )


def plan(seed: str) -> Plan:
    return Plan.model_validate(yaml.safe_load(imported(seed).yaml))


def source(seed: str) -> str:
    return (SOURCES / SEEDS[seed][0]).read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEEDS)
def test_every_cjk_character_of_the_source_is_in_the_draft(seed: str) -> None:
    cov = coverage(source(seed), imported(seed).draft)
    assert cov.missing == []
    assert cov.matched == cov.source_chars > 9000
    assert cov.extra == 0
    assert imported(seed).report.coverage.ratio == 1.0


@pytest.mark.parametrize("seed", SEEDS)
def test_draft_yaml_validates_as_plan(seed: str) -> None:
    result = imported(seed)
    assert result.yaml.splitlines()[0] == SCHEMA_LINE
    assert result.report.validation_errors == []
    p = plan(seed)
    assert p.id == SEEDS[seed][2]  # default id: region + short form + first year
    assert p.region == SEEDS[seed][1]
    assert p.source.file == f"data/sources/{SEEDS[seed][0]}"
    assert Plan.model_validate(result.draft) == p


@pytest.mark.parametrize("seed", SEEDS)
def test_yaml_quotes_ids_and_uses_block_scalars(seed: str) -> None:
    text = imported(seed).yaml
    assert f'id: "{SEEDS[seed][2]}"' in text
    assert 'id: "c1"' in text
    assert "\\u" not in text  # allow_unicode
    if seed == "002":
        assert "text: |" in text  # multi-paragraph text


def test_000_structure() -> None:
    p = plan("000")
    assert [c.title for c in p.chapters] == ["总体要求", "主要任务", "保障措施"]
    assert [c.role for c in p.chapters] == ["general", "tasks", "safeguards"]
    actions = p.chapters[1].sections
    assert [s.no for s in actions] == [f"（{n}）" for n in "一二三"] + ["(四)"] + [
        f"（{n}）" for n in "五六七八"
    ]
    assert actions[0].title == "开展生产经营单位主要负责人安全教育培训行动"
    tasks = p.tasks()
    assert [t.no for t in tasks] == [str(n) for n in range(1, 29)]
    assert [t.id for t in tasks] == [f"{n:02d}" for n in range(1, 29)]
    assert [len(s.tasks) for s in actions] == [1, 1, 12, 3, 3, 2, 4, 2]
    assert tasks[0].title == "突出重点抓实教育培训"
    assert [s.title for s in p.chapters[0].sections] == ["指导思想", "主要目标", "任务分工"]


def test_000_items_one_shi_two_shi() -> None:
    tasks = {t.id: t for t in plan("000").tasks()}
    t3 = tasks["03"]
    assert t3.text == "主要有4项任务："
    assert [(i.id, i.no) for i in t3.items] == [
        ("1", "一是"),
        ("2", "二是"),
        ("3", "三是"),
        ("4", "四是"),
    ]
    assert t3.items[0].text.startswith("因地制宜建立完善各类发展规划")  # line break joined
    assert t3.items[1].text.startswith("结合地区实际制定")  # `**二是**` noise removed
    assert "**" not in imported("000").yaml
    assert len(tasks["15"].items) == 6  # 五是 after a full stop
    assert len(tasks["21"].items) == 0
    assert sum(len(t.items) for t in tasks.values()) == 93


def test_000_responsibility() -> None:
    tasks = {t.id: t for t in plan("000").tasks()}
    r1 = tasks["01"].responsibility
    assert r1.responsible == (
        *("市文化旅游广电局", "市卫健委", "市应急管理局", "市能源局"),
        *("市消防救援支队", "市委党校"),
    )
    assert r1.local == ("各旗市区政府", "经开区管委会")
    assert r1.and_others and r1.carries_forward
    assert r1.lead == r1.support == ()
    assert tasks["02"].responsibility.responsible == ("市安委会各负有安全生产监督管理职责的部门",)
    # parenthesis broken over two paragraphs with mixed （…) brackets
    assert tasks["08"].responsibility.responsible[-1] == "市消防救援支队"
    # parenthesis in a paragraph of its own after the task
    assert tasks["13"].responsibility.responsible == ("市市场监督管理局",)
    assert tasks["13"].items[-1].text.endswith("监管全覆盖。")
    assert all(t.responsibility.text for t in tasks.values())


def test_000_deadlines_and_recurrences() -> None:
    p = plan("000")
    goals = p.chapters[0].sections[1]
    assert [(d.phrase, d.date, d.precision) for d in goals.deadlines] == [
        ("2024年底前", dt.date(2024, 12, 31), "year"),
        ("2025年底前", dt.date(2025, 12, 31), "year"),
        ("2026年底前", dt.date(2026, 12, 31), "year"),
    ]  # 2023年及以前 is not a deadline
    tasks = {t.id: t for t in p.tasks()}
    assert [(d.phrase, d.date.year) for d in tasks["01"].deadlines] == [
        ("2024年", 2024),
        ("2025年", 2025),
        ("2026年", 2026),
    ]
    assert [(d.phrase, d.item) for d in tasks["15"].deadlines] == [
        ("2024年底前", "1"),
        ("2025年底前", "4"),
        ("2026年底前", "5"),
    ]
    rec = tasks["04"].recurrence
    assert [(r.every, r.times, r.item) for r in rec] == [("quarter", 1, "1"), ("month", 1, "1")]
    assert rec[0].phrase == "每季度带队对本单位重大事故隐患排查整治情况至少开展 1 次"
    assert [(r.every, r.times) for r in tasks["20"].recurrence] == [("year", 1), ("half-year", 1)]
    assert ("task 26", "三年内") in imported("000").report.undated


def test_000_cover_letter() -> None:
    p = plan("000")
    cover = p.cover_letter
    assert cover is not None
    assert cover.letterhead == "呼伦贝尔市安全生产委员会文件"
    assert cover.doc_number == p.doc_number == "呼安委会字〔2024〕4号"
    assert p.issued == dt.date(2024, 3, 8)
    assert cover.date_text == "2024年3月8日"
    assert [a.lang for a in cover.letterhead_alt] == ["mn-Mong"]
    assert cover.letterhead_alt[0].text.startswith("ᠬᠤᠯᠡᠨᠪᠡᠯᠦᠰᠢ")
    assert cover.title == (
        "呼伦贝尔市安全生产委员会关于印发《呼伦贝尔市安全生产治本攻坚三年行动方案(2024-2026年)》的通知"
    )
    assert cover.recipients == ("各旗市区人民政府", "市安委会各成员单位", "市直属有关企业")
    assert cover.contacts is not None
    assert cover.contacts.people == ("韩晓曦", "梁文婧")
    assert cover.contacts.phone == ("8135062",)
    assert cover.contacts.email == ("hlbesawb@163.com",)
    assert cover.signature == p.issuer == "呼伦贝尔市安全生产委员会"
    assert p.kind == "three-year-action-plan"
    assert (p.period.start, p.period.end) == (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    assert [b.title for b in p.basis] == ["内蒙古自治区安全生产治本攻坚三年行动方案（2024-2026年）"]


def test_001_structure_and_phases() -> None:
    p = plan("001")
    assert [c.role for c in p.chapters] == ["general", "tasks", "schedule", "safeguards"]
    assert p.chapters[1].text.startswith("通过三年治本攻坚")  # prose before the first action
    assert len(p.chapters[1].sections) == 8
    tasks = p.tasks()
    assert [t.no for t in tasks] == [str(n) for n in range(1, 31)]
    assert all(not t.responsibility.all_refs() for t in tasks)  # no per-task units in 001
    assert tasks[0].title == "常态化推进安全生产督导工作"
    assert tasks[4].title is None  # first sentence has a comma: no lead phrase
    phases = p.phases()
    assert [(ph.name, ph.start, ph.end) for ph in phases] == [
        ("动员部署阶段", dt.date(2024, 2, 1), dt.date(2024, 4, 30)),
        ("专项治理阶段", dt.date(2024, 5, 1), dt.date(2025, 12, 31)),
        ("巩固提升阶段", dt.date(2026, 1, 1), dt.date(2026, 9, 30)),
        ("总结评估阶段", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ]
    assert phases[0].period_text == "2024年2月至4月"
    deadline = phases[0].deadlines[0]
    assert (deadline.phrase, deadline.date, deadline.precision) == (
        "4月30日前",
        dt.date(2024, 4, 30),
        "day",
    )
    assert deadline.inferred and "2024年2月至4月" in deadline.inferred


def test_001_cover_and_domain_leads() -> None:
    p = plan("001")
    assert p.doc_number == "大安委〔2024〕2号"
    assert p.issued == dt.date(2024, 3, 15)
    assert p.issuer == "淮南市大通区安全生产委员会"
    assert p.kind == "implementation-plan"
    leads = {lead.unit: lead for lead in p.domain_leads}
    assert leads["区住建局"].domains == ("建筑施工", "燃气", "自建房", "群租房")
    assert leads["区住建局"].phrase == "区住建局牵头负责建筑施工、燃气、自建房、群租房等安全"
    assert leads["区教体局"].domains == ("校园安全", "体育场馆和设施")
    assert leads["运管所"].domains == leads["大通交通执法一大队"].domains
    assert leads["区消防救援大队"].domains == ("消防安全",)
    assert len(p.domain_leads) == 20


def test_001_deadlines_and_recurrences() -> None:
    tasks = {t.id: t for t in plan("001").tasks()}
    assert [(d.phrase, d.date) for d in tasks["17"].deadlines] == [
        ("2024年底前", dt.date(2024, 12, 31)),
        ("2025年底前", dt.date(2025, 12, 31)),
        ("2026年底", dt.date(2026, 12, 31)),
    ]
    assert [(d.phrase, d.date.year) for d in tasks["23"].deadlines] == [
        ("2024年", 2024),
        ("2025年", 2025),
    ]
    assert [(r.every, r.times) for r in tasks["01"].recurrence] == [("quarter", 1)]
    assert [(r.every, r.times) for r in tasks["22"].recurrence] == [("year", 1), ("half-year", 1)]
    assert ("task 28", "三年内") in imported("001").report.undated


def test_002_structure() -> None:
    p = plan("002")
    assert [c.role for c in p.chapters] == ["general", "division", "tasks", "safeguards"]
    assert len(p.chapters[2].sections) == 11
    assert p.chapters[2].sections[10].no == "（十一）"
    tasks = p.tasks()
    assert [t.no for t in tasks] == [str(n) for n in range(1, 42)]
    # the 1. 2. 3. of 任务分工 are prose of that chapter, not tasks
    assert p.chapters[1].sections[1].text.count("\n\n1.行业监管部门。") == 1
    # `（七）…行动。 21.推动…` on one line is split into the action and task 21
    action7 = p.chapters[2].sections[6]
    assert action7.title == "开展生产经营单位从业人员安全素质能力提升行动"
    assert action7.tasks[0].no == "21"
    assert len(tasks[0].text.split("\n\n")) == 4  # task 1 has four paragraphs
    assert tasks[8].text.startswith("因地制宜建立完善各类发展规划的安全风险评估会商机制，")


def test_002_noise_removed_but_wording_kept() -> None:
    result = imported("002")
    noise = result.report.noise
    assert noise["bookmark anchors `[bookmark: …]`"] == 1
    assert noise["spaces inside CJK text"] > 500
    assert noise["lines broken mid-sentence joined"] == 8
    assert "[bookmark" not in result.yaml
    p = plan("002")
    assert p.cover_letter is not None
    assert p.cover_letter.title == (
        "禹州市安全生产委员会关于印发"
        "《禹州市安全生产治本攻坚三年行动实施方案（2024—2026 年）》的通知"
    )
    assert p.title == "禹州市安全生产治本攻坚三年行动实施方案（2024—2026 年）"
    assert p.issuer == "禹州市安全生产委员会"
    assert p.doc_number is None and p.issued is None
    assert [b.title for b in p.basis] == ["许昌市安全生产治本攻坚三年行动方案（2024-2026 年）"]


def test_002_responsibility() -> None:
    tasks = {t.id: t.responsibility for t in plan("002").tasks()}
    r2 = tasks["02"]
    assert r2.lead == (
        *("市应急管理局", "消防救援大队", "煤炭局"),
        *("住房和城乡建设局", "公安局", "市场监督管理局"),
    )
    assert r2.support == ("市安委会有关成员单位",)
    assert r2.local == ("各乡镇（街道）政府（办事处）", "禹州高新技术产业开发区管委会")
    assert r2.carries_forward
    assert tasks["03"].responsible[0] == "市应急管理局" and tasks["03"].lead == ()
    assert tasks["03"].and_others
    assert (tasks["04"].lead, tasks["04"].support) == (
        ("市消防救援大队",),
        ("市安委会有关成员单位",),
    )
    assert tasks["06"].lead == ("市交通运输局",)
    assert tasks["06"].support == ("市公安局", "市公路事业发展中心")
    assert tasks["09"].responsible[-1] == "应急管理局"  # `…分工负责` alone
    assert tasks["20"].lead == ("市应急管理局",)  # `（…）。` with a full stop after it
    assert tasks["01"].text is None  # task 1 has no parenthesis


def test_002_deadlines_and_targets() -> None:
    p = plan("002")
    goals = p.chapters[0].sections[1].deadlines
    assert (goals[0].phrase, goals[0].date, goals[0].precision) == (
        "2024 年上半年",
        dt.date(2024, 6, 30),
        "half",
    )
    tasks = {t.id: t for t in p.tasks()}
    assert [(d.phrase, d.date, d.precision) for d in tasks["20"].deadlines] == [
        ("2024 年 6 月底前", dt.date(2024, 6, 30), "month")
    ]
    assert [d.phrase for d in tasks["18"].deadlines] == [
        "2024 年底前",
        "2025 年底以前",
        "2026 年底前",
    ]
    assert [d.phrase for d in tasks["36"].deadlines] == ["到 2024 年底", "到 2025 年底"]
    coal = tasks["16"].targets
    assert [(t.indicator, t.comparator, t.value, t.by) for t in coal] == [
        ("智能化煤矿产能占比", ">=", 60.0, dt.date(2025, 12, 31)),
        ("省骨干煤炭企业直管矿井中一级达标矿井占比", ">=", 70.0, dt.date(2024, 12, 31)),
        ("一级达标矿井创建数量（力争 1-2 处）", ">=", 1.0, dt.date(2024, 12, 31)),
    ]
    assert imported("002").report.undated == []


def test_004_structure_and_role_lines() -> None:
    p = plan("004")
    assert [c.no for c in p.chapters] == list("一二三四五六七八")
    assert all(c.role == "tasks" and not c.sections for c in p.chapters)
    assert [len(c.tasks) for c in p.chapters] == [4, 3, 3, 16, 3, 3, 4, 6]
    assert p.kind == "task-breakdown"
    assert (p.period.start, p.period.end) == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    assert p.cover_letter is None and p.preamble.startswith("以习近平新时代")
    tasks = {t.id: t for t in p.tasks()}
    t11 = tasks["1-01"]
    assert (t11.no, t11.title) == ("（一）", "加强党对安全生产工作的领导")
    assert t11.responsibility.lead == ("党政综合办公室",)
    assert t11.responsibility.support == ("安委会各成员单位",)
    assert t11.responsibility.text == "牵头单位：党政综合办公室\n配合单位：安委会各成员单位"
    assert tasks["3-03"].responsibility.lead == ("党群工作部", "人力资源和社会保障局", "应急管理局")
    assert tasks["4-04"].responsibility.responsible == ("示范区综合应急救援大队",)
    assert tasks["4-14"].no == "(十四)"
    assert [i.no for i in tasks["4-13"].items] == ["一是", "二是", "三是", "四是", "五是"]
    assert len(tasks["8-06"].items) == 4
    assert len(tasks["4-02"].text.split("\n\n")) == 3


def test_004_targets_and_slip_note() -> None:
    tasks = {t.id: t for t in plan("004").tasks()}
    got = [(t.indicator, t.comparator, t.value, t.unit, t.by) for t in tasks["2-03"].targets]
    by = dt.date(2025, 12, 31)
    assert got == [
        ("示范区规模以上企业安全生产标准化达标率", "=", 100.0, "%", by),
        ("二级安全标准化企业数量增加", "=", 2.0, "家", by),  # text order
        ("小微企业规范化达标率", "=", 80.0, "%", by),
    ]
    t = tasks["3-03"].targets[0]
    assert (t.comparator, t.value, t.by) == (">=", 75.0, by)
    assert t.phrase.endswith("不低于在职人员的75%")
    assert tasks["3-03"].deadlines[0].phrase == "到2025年"
    note = tasks["1-03"].notes[0]
    assert note.quote == "第一配合单位" and "第一责任人" in note.text


def test_reports_are_markdown_with_summary() -> None:
    md = imported("000").report.markdown()
    assert md.startswith("# Import report: hulunbeier-zhiben-gongjian-2024")
    assert "11013 of 11013 CJK characters" in md
    assert "`三年内`" in md
    assert "emphasis markers `**` | 186" in md


def test_drafts_pass_the_project_check(tmp_path: Path) -> None:
    """The four drafts, put in plans/ of a project with the real data/, raise no problem."""
    from generator.project import load_project

    shutil.copytree(ROOT / "data", tmp_path / "data")  # a symlink out of the project is refused
    (tmp_path / "plans").mkdir()
    for seed, (_, _, plan_id) in SEEDS.items():
        (tmp_path / "plans" / f"{plan_id}.yaml").write_text(imported(seed).yaml, encoding="utf-8")
    project, problems = load_project(tmp_path)
    assert project is not None
    assert [f"{p}" for p in problems] == []
    assert sum(len(plan.tasks()) for plan in project.plans) == 28 + 30 + 41 + 42


# --- regressions from the review of the seed plans -----------------------------------------


@cache
def imported_with_root(seed: str) -> ImportResult:
    """As `imported`, with the project's reference data (regions, units, topics)."""
    name, region, _ = SEEDS[seed]
    return import_text(source(seed), region=region, source_file=name, root=ROOT)


def test_review_recurrences() -> None:
    tasks = {s: {t.id: t for t in plan(s).tasks()} for s in ("000", "001", "002", "004")}
    fire = "每年挂牌督办整改一批典型重大火灾隐患"
    assert [r.phrase for r in tasks["000"]["09"].recurrence] == [fire]
    assert [r.phrase for r in tasks["001"]["06"].recurrence] == ["每年开展分析研判和调研评估", fire]
    assert [(r.phrase, r.every, r.times) for r in tasks["002"]["35"].recurrence] == [
        ("一月一培训、一月一警示", "month", 1),
        (
            "每年结合市委党校企业主要负责人培训班、行业系统培训等，"
            "对全市安全监管执法人员开展跟班集中培训、专业培训",
            "year",
            None,
        ),
    ]
    assert [(r.phrase, r.every) for r in tasks["004"]["1-04"].recurrence] == [
        ("开展好年度安全生产考核", "year")
    ]
    assert [(r.phrase, r.every) for r in tasks["004"]["8-04"].recurrence] == [
        ("制定落实年度宣传教育计划", "year")
    ]


def test_review_domain_lead_without_the_duty_verb() -> None:
    leads = {lead.unit: lead for lead in plan("001").domain_leads}
    assert leads["大通公安分局"].domains == ("道路交通", "大型群众性活动")
    assert leads["区发改委"].topics == ("electric-power",)  # 电力 is the topic's name


def test_review_basis_region_and_issuer_with_project_root() -> None:
    basis = {s: imported_with_root(s).draft.get("basis", []) for s in SEEDS}
    assert basis["000"] == [
        {"title": "内蒙古自治区安全生产治本攻坚三年行动方案（2024-2026年）", "region": "neimenggu"}
    ]
    assert basis["002"][0]["region"] == "xuchang"
    assert all("region" not in b for b in imported("000").draft["basis"])  # no root: not set
    result = imported_with_root("004")
    assert result.draft["issuer"] == "孛井滩生态移民示范区"
    assert any("孛井滩生态移民示范区" in n for n in result.report.notes)
    assert imported("004").draft["issuer"] == "阿拉善盟孛井滩生态移民示范区"  # title prefix
    assert any("title's prefix" in n for n in imported("004").report.notes)
    for seed in ("000", "001", "002"):  # signed or with a notice title: unchanged
        assert imported_with_root(seed).draft["issuer"] == imported(seed).draft["issuer"]
        assert imported_with_root(seed).report.notes == []
    assert imported_with_root("000").report.unresolved["unknown units"] == 0


def test_review_targets_are_not_caps_or_specs() -> None:
    tasks = {s: {t.id: t for t in plan(s).tasks()} for s in ("002", "004")}
    assert tasks["002"]["27"].targets == ()  # 作业人数不得超过 25 人: a rule, not a target
    assert tasks["004"]["8-06"].targets == ()  # 消火栓间距不大于 120 米: a specification
    assert [t.indicator for t in tasks["004"]["7-03"].targets] == ["企业“三类人员”持证上岗率"]


def test_review_spaces() -> None:
    tasks = {t.id: t for t in plan("002").tasks()}
    assert "2025 年底前基本实现" in tasks["15"].text
    assert tasks["15"].deadlines[0].phrase == "2025 年底前"
    assert imported("002").report.noise["spaces inside CJK text"] == 586
    text = imported("004").yaml
    assert text.count("《中共中央办公厅 国务院办公厅") == 2
    assert "&id0" not in text and "*id0" not in text  # no YAML aliases


def test_review_summary_states_counts_per_category() -> None:
    summary = imported_with_root("000").report.summary()
    assert "0 unknown units, 1 undated phrases" in summary
    assert "0 unparsed blocks" in summary
