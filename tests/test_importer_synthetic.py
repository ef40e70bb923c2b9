"""The importer on layouts it has not seen, and the CLI entry point."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from generator.importer import import_text
from generator.importer.coverage import coverage
from generator.importer.run import run_import
from generator.model import Plan

NO_TOPICS = Path("/nonexistent/topics.yaml")

FULLWIDTH = """\
某县安全生产专项整治实施方案（2025年）

为做好工作，根据《某市安全生产专项整治方案》，制定本方案。

一、工作目标
到2025年底，重大隐患动态清零。

二、重点任务
(一)加强源头治理
1．严把准入关。严格项目审批，每半年至少开展1次检查。（县应急局牵头，县发改局配合）
2．强化园区管理。园区安全管理人员占比不低于 30%。
(二)强化执法
3．开展联合执法。2025年6月底前完成一轮执法检查。（县应急局、县公安局按职责分工负责）

三、保障措施
(一)加强领导。各乡镇要成立专班。
(二)强化督导。县安委办每季度通报一次。
"""


def imp(text: str, **kw):
    kw.setdefault("region", "mou-xian")
    kw.setdefault("source_file", "synthetic.txt")
    kw.setdefault("topics_path", NO_TOPICS)
    return import_text(text, **kw)


_SOME_PERIOD = {"period": {"start": "2025-01-01", "end": "2025-12-31"}}


def validated(result) -> Plan:
    """The draft as a Plan; a draft whose text states no period (left out, never guessed)
    gets one here, after checking that the period is all that is missing."""
    if "period" not in result.draft:
        assert result.report.validation_errors == ["period: Field required"]
        return Plan.model_validate(yaml.safe_load(result.yaml) | _SOME_PERIOD)
    assert result.report.validation_errors == []
    return Plan.model_validate(yaml.safe_load(result.yaml))


def test_fullwidth_dot_halfwidth_parens_missing_responsibility() -> None:
    result = imp(FULLWIDTH)
    p = validated(result)
    assert p.title == "某县安全生产专项整治实施方案（2025年）"
    assert p.kind == "implementation-plan"
    assert (p.period.start, p.period.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert p.id == "mou-xian-zhuanxiang-zhengzhi-2025"  # region + short form + first year
    assert [b.title for b in p.basis] == ["某市安全生产专项整治方案"]
    assert [c.role for c in p.chapters] == ["general", "tasks", "safeguards"]
    actions = p.chapters[1].sections
    assert [(s.no, s.title) for s in actions] == [("(一)", "加强源头治理"), ("(二)", "强化执法")]
    tasks = p.tasks()
    assert [(t.id, t.no, t.title) for t in tasks] == [
        ("01", "1", "严把准入关"),
        ("02", "2", "强化园区管理"),
        ("03", "3", "开展联合执法"),
    ]
    assert tasks[0].responsibility.lead == ("县应急局",)
    assert tasks[0].responsibility.support == ("县发改局",)
    assert tasks[1].responsibility.text is None  # no parenthesis: nothing invented
    assert tasks[2].responsibility.responsible == ("县应急局", "县公安局")
    assert [(r.every, r.times) for r in tasks[0].recurrence] == [("half-year", 1)]
    assert [(t.comparator, t.value) for t in tasks[1].targets] == [(">=", 30.0)]
    assert tasks[2].deadlines[0].date == dt.date(2025, 6, 30)
    assert p.chapters[0].deadlines[0].phrase == "到2025年底"
    assert coverage(FULLWIDTH, result.draft).ratio == 1.0


def test_text_without_chapters_goes_into_an_added_chapter() -> None:
    text = "关于加强冬季安全生产工作的意见\n\n各单位要加强值班值守。\n\n要开展隐患排查。\n"
    result = imp(text)
    # nothing states the period: it is left out (never today's date) and the report says so
    assert "period" not in result.draft
    assert result.report.validation_errors == ["period: Field required"]
    assert "not stated" in result.report.derived["period"]
    p = validated(result)
    assert p.title == "关于加强冬季安全生产工作的意见"
    assert p.kind == "other"
    assert len(p.chapters) == 1
    chapter = p.chapters[0]
    assert chapter.title == "正文" and chapter.notes
    assert chapter.text == "各单位要加强值班值守。\n\n要开展隐患排查。"
    assert any("no chapter headings" in where for where, _ in result.report.unparsed)
    assert coverage(text, result.draft).ratio == 1.0


def test_numbered_tasks_without_chapters() -> None:
    text = "某镇消防安全工作要点\n1.开展排查。每月至少1次。\n2.加强宣传。\n"
    p = validated(imp(text))
    assert [t.no for t in p.tasks()] == ["1", "2"]
    assert p.chapters[0].role == "tasks"


def test_out_of_sequence_numbering_stays_text_and_is_reported() -> None:
    text = "某市方案\n一、主要任务\n1.甲任务。\n2.乙任务。\n5.丙任务。\n三、保障措施\n加强领导。\n"
    result = imp(text)
    p = validated(result)
    assert [t.no for t in p.tasks()] == ["1", "2"]
    assert "5.丙任务。" in p.tasks()[1].text
    assert len(p.chapters) == 1  # 三、 after 一、 is not trusted as a chapter
    assert "三、保障措施" in p.tasks()[1].text
    wheres = [where for where, _ in result.report.unparsed]
    assert any("task number out of sequence" in w for w in wheres)
    assert coverage(text, result.draft).ratio == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "x",
        "Safety plan\n\nSome English text only.",
        "一、\n（一）\n1.\n",
        "（一）（二）一是二是\n牵头单位：\n",
        "2024年底前\n" * 3,
        "某方案\n一、总体要求\n（一）指导思想（\n",
    ],
)
def test_odd_inputs_do_not_crash_and_validate(text: str) -> None:
    result = imp(text)
    validated(result)
    assert coverage(text, result.draft).ratio == 1.0


def test_period_never_comes_from_today() -> None:
    """Issue 20: the period comes from the title or the text; without either, from the issue
    date (reported as guessed); without that, it is left out and reported."""
    result = imp("某区安全生产工作方案\n一、主要任务\n1.做好工作。\n")
    assert "not stated" in result.report.derived["period"]
    assert "period" not in result.draft
    signed = imp("某区安全生产工作方案\n一、主要任务\n1.做好工作。\n某区人民政府\n2023年5月4日\n")
    assert "guessed" in signed.report.derived["period"]
    assert validated(signed).period.start == dt.date(2023, 1, 1)
    stated = imp(
        "某区安全生产工作方案\n为做好2024—2026年工作，制定本方案。\n一、主要任务\n1.做好。\n"
    )
    assert validated(stated).period.end == dt.date(2026, 12, 31)
    assert "2024—2026年" in stated.report.derived["period"]


def test_no_title_line_uses_the_file_name() -> None:
    result = imp("一、\n（一）\n1.\n", source_file="plan-x.txt")
    assert validated(result).title == "plan-x"
    assert ("no plan title line found; title is the file name", "plan-x") in result.report.unparsed


def test_overrides_and_resolver() -> None:
    known = {"县应急局"}
    result = imp(
        FULLWIDTH,
        plan_id="mouxian-zhuanxiang-2025",
        kind="other",
        issuer="某县安委会",
        resolve=lambda name, region: name in known and region == "mou-xian",
    )
    p = validated(result)
    assert (p.id, p.kind, p.issuer) == ("mouxian-zhuanxiang-2025", "other", "某县安委会")
    assert [name for _, name in result.report.unknown_units] == ["县发改局", "县公安局"]
    assert "Unit names not found in data/units" in result.report.markdown()


def test_topics_from_a_topics_file(tmp_path: Path) -> None:
    topics = tmp_path / "topics.yaml"
    topics.write_text(
        "topics:\n  - {id: enforcement, name: 执法, name_en: Enforcement, keywords: [联合执法]}\n",
        encoding="utf-8",
    )
    p = validated(imp(FULLWIDTH, topics_path=topics))
    assert [t.topics for t in p.tasks()] == [(), (), ("enforcement",)]
    assert all(not t.topics for t in validated(imp(FULLWIDTH)).tasks())


def test_run_import_writes_draft_and_report(tmp_path: Path) -> None:
    src = tmp_path / "plan.txt"
    src.write_text(FULLWIDTH, encoding="utf-8")
    out = io.StringIO()
    code = run_import(src, "mou-xian", tmp_path / "drafts", out, plan_id="mouxian-2025")
    assert code == 0
    draft = tmp_path / "drafts" / "mouxian-2025.yaml"
    report = tmp_path / "drafts" / "mouxian-2025.report.md"
    assert (
        Plan.model_validate(yaml.safe_load(draft.read_text(encoding="utf-8"))).id == "mouxian-2025"
    )
    assert report.read_text(encoding="utf-8").startswith("# Import report: mouxian-2025")
    printed = out.getvalue()
    assert "wrote" in printed and "3 tasks" in printed and "coverage 100.0%" in printed


def test_run_import_with_project_root_checks_units(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    src = root / "data" / "sources" / "002_b72f45fb6521b9fe.txt"
    out = io.StringIO()
    assert run_import(src, "yuzhou", tmp_path, out, plan_id=None, root=root) == 0
    report = (tmp_path / "yuzhou-zhiben-gongjian-2024.report.md").read_text(encoding="utf-8")
    assert "## Unit names not found in data/units" in report


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\x80\x80\xffbad", "neither UTF-8 nor GB18030"),
        (b"  \n\n", "empty"),
    ],
)
def test_run_import_unreadable_input(tmp_path: Path, content: bytes | None, message: str) -> None:
    src = tmp_path / "in.txt"
    if content is not None:
        src.write_bytes(content)
    out = io.StringIO()
    assert run_import(src, "x", tmp_path / "out", out) == 1
    assert message in out.getvalue()
    assert "Traceback" not in out.getvalue()
    assert not (tmp_path / "out").exists()


# --- regressions from the review of the seed plans, on a text nobody has seen ---------------

REVIEWED = (
    "某盟某镇安全生产整治实施方案（2025年）\n\n"
    "为做好工作，依据《某省安全生产整治方案》，"
    "根据《中共某省委办公厅 某省人民政府办公厅关于加强安全的意见》，制定本方案。\n\n"
    "一、重点任务\n"
    "1．强化督办。各乡镇每年挂牌督办整改一批典型重大隐患问题；"
    "按照“一季一检查、一季一通报”的要求推进，开展好年度安全生产考核。\n"
    "2．严格限员。严格执行限员规定，井下作业人数不得超过 30 人，通道宽度不小于 2 米。"
    "到2025年，持证上岗率达到 100%，力争新建 2-3 个示范站点，其中示范企业占比 50％以上。\n"
    "3．明确分工。2025  年底前完成。\n\n"
    "二、保障措施\n"
    "（一）落实责任。县公安局牵头负责道路交通、大型活动实施安全管理等，"
    "县住建局牵头负责建筑施工、燃气等安全。\n"
)


def reviewed_project(tmp_path: Path) -> Path:
    """A project with a region tree and a unit registry for the synthetic text."""
    data = tmp_path / "data"
    (data / "units").mkdir(parents=True)
    (data / "regions.yaml").write_text(
        "regions:\n"
        "  - {id: country, name: 某国, level: country}\n"
        "  - {id: moushengsheng, name: 某省, level: province, parent: country}\n"
        "  - {id: moumeng, name: 某盟, level: prefecture, parent: moushengsheng}\n"
        "  - {id: mouzhen, name: 某盟某镇, level: county, parent: moumeng}\n",
        encoding="utf-8",
    )
    (data / "units" / "mouzhen.yaml").write_text(
        "region: mouzhen\nunits:\n"
        "  - {id: zhen, name: 某镇人民政府, short: 某镇, aliases: [某盟某镇], kind: government}\n"
        "  - {id: gonganju, name: 某镇公安局, short: 县公安局}\n"
        "  - {id: zhujianju, name: 某镇住建局, short: 县住建局}\n",
        encoding="utf-8",
    )
    (data / "units" / "moumeng.yaml").write_text(
        "region: moumeng\nunits:\n"
        "  - {id: meng, name: 某盟行政公署, short: 某盟, kind: government}\n",
        encoding="utf-8",
    )
    return tmp_path


def test_reviewed_defects_on_an_unseen_text(tmp_path: Path) -> None:
    root = reviewed_project(tmp_path)
    result = imp(REVIEWED, region="mouzhen", root=root)
    p = validated(result)
    assert coverage(REVIEWED, result.draft).ratio == 1.0
    # 3: basis region from the region names; 7: joint issuers keep their space
    assert [(b.title, b.region) for b in p.basis] == [
        ("某省安全生产整治方案", "moushengsheng"),
        ("中共某省委办公厅 某省人民政府办公厅关于加强安全的意见", None),  # no region first
    ]
    # 9: no signature: the region's own government unit named in the title, not the parent's
    assert p.issuer == "某镇人民政府"
    assert any("某镇人民政府" in n for n in result.report.notes)
    t1, t2, t3 = p.tasks()
    # 1: recurrence phrases to the end of the clause, 一季一…, 年度 duties
    assert [(r.phrase, r.every, r.times) for r in t1.recurrence] == [
        ("每年挂牌督办整改一批典型重大隐患问题", "year", None),
        ("一季一检查、一季一通报", "quarter", 1),
        ("开展好年度安全生产考核", "year", None),
    ]
    # 6: caps and specifications are not targets; indicators without connectives
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in t2.targets] == [
        ("持证上岗率", "=", 100.0, "%"),
        ("示范站点新建数量（力争 2-3 个）", ">=", 2.0, "个"),
        ("示范企业占比", ">=", 50.0, "%"),
    ]
    # 2: the duty verb is not part of the domain
    leads = {lead.unit: lead.domains for lead in p.domain_leads}
    assert leads["县公安局"] == ("道路交通", "大型活动")
    # 5: a run of spaces kept as one
    assert t3.deadlines[0].phrase == "2025 年底前"
    # 4: the summary counts each category; 8: no YAML aliases
    assert "0 unknown units, 0 undated phrases" in result.report.summary()
    assert "&id0" not in result.yaml


def test_issuer_without_reference_data_is_the_title_prefix_and_said_so() -> None:
    result = imp(REVIEWED, region="mouzhen")
    assert result.draft["issuer"] == "某盟某镇"
    assert all("region" not in b for b in result.draft["basis"])
    assert any("title's prefix" in n for n in result.report.notes)
    assert "## Notes for the editor" in result.report.markdown()
    assert "unknown units not checked" in result.report.summary()


def test_broken_reference_data_does_not_stop_an_import(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "regions.yaml").write_text("regions: [oops", encoding="utf-8")
    p = validated(imp(REVIEWED, region="mouzhen", root=tmp_path))
    assert p.issuer == "某盟某镇" and all(b.region is None for b in p.basis)
