"""Task titles: printed, derived from the first sentence (marked), or translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import seed_plans
from hypothesis import given
from hypothesis import strategies as st

from generator.model import Item, Task
from generator.titles import (
    ELLIPSIS,
    SHORT_TITLE_CHARS,
    TitleSource,
    item_label,
    short_title,
    task_title,
)

ROOT = Path(__file__).resolve().parents[1]


# The derived title of every untitled seed task. A change of the rule shows here, and the
# English translations of these titles (`title_en` of each task) must be reviewed with it.
DERIVED = {
    "huainan-datong-zhiben-gongjian-2024": {
        "05": "总结重大事故隐患专项排查整治2023行动经验做法",
        "13": "因地制宜建立完善各类发展规划的安全风险评估会商机制",
        "14": "健全完善生产经营单位重大事故隐患自查自改常态化机制",
        "15": "完善地方政府对于重大事故隐患治理的督办制度",
        "16": "健全重大事故隐患数据库，完善数据库运行管理机制",
        "17": "加快推动安全生产监管模式向事前预防数字化转型",
        "18": "落实在用设备报废标准",
        "19": "深入开展老旧场所消防设施升级改造等工程治理行动",
        "20": "推动危化品等高危行业生产经营单位从业人员安全技能培训深化提升",
        "21": "全面细化完善生产经营单位各类从业人员安全生产教育培训的频次等规定要求",
        "22": "聚焦从业人员疏散逃生避险意识能力提升",
        "23": "学习国内外先进安全管理体系经验做法",
        "24": "推进安全生产标准化管理体系定级制度",
        "25": "加大《安徽省安全生产举报奖励办法》宣传",
        "26": "综合运用“四不两直”、明查暗访、交叉执法等方式",
        "27": "综合统筹乡镇街道(园区)安全生产监管等人员力量",
        "28": "聚焦重大事故隐患排查整治，强化基层安全监管执法人员能力培训",
        "29": "全面推进“案例教育法”，加强全民安全生产宣传教育",
        "30": "深化公路水运建设“平安工程”“平安农机”“平安渔业”“安康杯”竞赛…",
    },
    "yuzhou-zhiben-gongjian-2024": {
        "01": "厘清容易发生群死群伤事故的重点行业领域、场所主管领导和牵头部门",
        "07": "会同有关部门集中开展重点行业领域生产经营单位主要负责人专题安全教育培训",
        "08": "总结梳理重大事故隐患专项排查整治 2023 行动经验做法",
        "09": "因地制宜建立完善各类发展规划的安全风险评估会商机制",
        "10": "健全完善生产经营单位重大事故隐患自查自改常态化机制",
        "11": "完善市政府与行业部门对于重大事故隐患治理的督办制度",
        "12": "健全重大事故隐患数据库，完善数据库运行管理机制",
        "13": "加快推动安全生产监管模式向事前预防数字化转型",
        "14": "加大危化品、矿山、工贸、建设施工、交通运输、燃气等行业领域淘汰更新力度",
        "15": "深入开展老旧场所超年限使用、消防设施升级改造",
        "16": "持续推进煤矿重大灾害超前治理、工程治理、系统治理、区域治理",
        "17": "提升非煤矿山现代化水平，开展非煤矿山企业区域性隐蔽致灾因素普查",
        "19": "全面提升城镇燃气本质安全水平",
        "20": "加快推进电气焊作业数字化监管工作",
        "21": "推动危化品等高危行业生产经营单位从业人员安全技能培训深化提升",
        "22": "全面细化完善生产经营单位各类从业人员安全生产教育培训的频次等规定要求",
        "23": "聚焦从业人员疏散逃生避险意识能力提升",
        "24": "推动开展安全生产管理体系标准试点工作",
        "25": "认真落实安全生产标准化管理体系定级制度",
        "26": "建立健全消防安全重点单位“五包一”责任制",
        "27": "严格实施矿山安全减人行动",
        "29": "推动落实《应急管理部关于进一步加强安全生产举报工作的指导意见》…",
        "30": "推动生产经营单位建立健全事故隐患报告奖励机制",
        "31": "严格落实安全生产“领导+专家”机制",
        "32": "综合运用“四不两直”、明查暗访、“互联网+执法”等方式",
        "33": "充分运用抽查、“双随机”等方式，落实“五现场”检查措施",
        "34": "综合统筹乡镇（街道）安全生产监管等人员力量",
        "35": "聚焦重大事故隐患排查整治，强化基层安全监管执法人员能力培训",
        "36": "推动保险机构积极参与高危行业领域企业重大事故隐患排查整治工作",
        "37": "加强对有关安全生产的法律、法规和安全生产知识的全民安全生产宣传教育",
        "38": "落实“谁执法谁普法”普法责任制，深入开展安全生产法治宣传教育",
        "39": "持续开展安全发展示范市、企业创建活动",
        "40": "联合“万人助企联乡帮村”工作机制",
        "41": "依托现有网格化管理体系，将安全生产纳入其中",
    },
}


def test_every_untitled_seed_task_has_its_pinned_derived_title() -> None:
    found: dict[str, dict[str, str]] = {}
    for plan in seed_plans():
        for task in plan.tasks():
            title = task_title(task, "zh")
            if task.title is None:
                assert title.source is TitleSource.derived
                found.setdefault(plan.id, {})[task.id] = title.text
            else:
                assert (title.text, title.source) == (task.title, TitleSource.source)
    assert found == DERIVED
    assert sum(len(titles) for titles in found.values()) == 53


def test_english_titles_of_seed_tasks_keep_their_source_and_are_marked_translated() -> None:
    for plan in seed_plans():
        for task in plan.tasks():
            title = task_title(task, "en")
            assert title.source is (TitleSource.source if task.title else TitleSource.derived)
            if task.title_en:
                assert (title.text, title.lang, title.translated) == (task.title_en, "en", True)
                assert not title.fallback("en")


def _task(text: str = "", title: str | None = None, **extra: object) -> Task:
    return Task.model_validate({"id": "1", "no": "1", "title": title, "text": text, **extra})


def test_title_sources() -> None:
    printed = _task("某某县应急局负责。", title="强化示例检查")
    assert task_title(printed) == task_title(printed, "zh")
    assert task_title(printed).source is TitleSource.source
    untitled = _task("开展示例专项检查整治行动和隐患排查工作，全面排查。")
    title = task_title(untitled, "en")
    assert (title.text, title.lang, title.derived, title.translated) == (
        "开展示例专项检查整治行动和隐患排查工作",
        "zh",
        True,
        False,
    )
    assert title.fallback("en") and not title.fallback("zh")
    translated = _task(
        "开展示例专项检查整治行动和隐患排查工作，全面排查。", title_en="Run sample inspections"
    )
    assert task_title(translated, "en").derived and task_title(translated, "en").translated
    assert task_title(translated, "zh").text == "开展示例专项检查整治行动和隐患排查工作"
    empty = _task("")
    assert task_title(empty).source is TitleSource.number and task_title(empty).text == ""


def test_a_task_with_only_items_is_named_by_its_first_item() -> None:
    task = _task(items=[{"id": "1", "no": "一是", "text": "健全示例制度。二是…"}])
    assert task_title(task).text == "健全示例制度"
    assert item_label(Item(id="2", no="二是", text="完善示例台账，按月更新。")) == (
        "完善示例台账，按月更新"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first clause; framing clauses before it are dropped
        ("按照“甲乙”原则，依据《示例办法》，厘清示例部门职责。", "厘清示例部门职责"),
        ("结合各地实际情况，2025年底前完成示例改造。", "完成示例改造"),
        # a short first clause is continued; date-only clauses are skipped
        (
            "健全示例数据库，2024年底前，完善运行机制和相关管理制度，实现共享。",
            "健全示例数据库，完善运行机制和相关管理制度",
        ),
        # a framing clause ends the title
        ("全面提升示例安全水平，按照“政府引导”原则，推进改造。", "全面提升示例安全水平"),
        # an enumeration closed by 等 shrinks to its first member
        (
            "推动危化品、金属冶炼、烟花爆竹等高危行业生产经营单位从业人员安全技能培训深化提升，严格考核。",
            "推动危化品等高危行业生产经营单位从业人员安全技能培训深化提升",
        ),
        # no cut inside quotes or book-title marks
        (
            "深化公路水运建设“平安工程”“平安农机”“平安渔业”“安康杯”“示例安全文化建设”"
            "竞赛等示范创建工作，强化引领。",
            "深化公路水运建设“平安工程”“平安农机”“平安渔业”“安康杯”…",
        ),
        ("", ""),
        ("   \n ", ""),
    ],
)
def test_short_title_rule(text: str, expected: str) -> None:
    assert short_title(text) == expected


def _is_subsequence(short: str, text: str) -> bool:
    rest = iter(text)
    return all(ch in rest for ch in short)


cjk = st.text(
    alphabet=st.sampled_from("安全生产检查隐患整治示例单位等、，。；“”《》（）2024年底前按照原则"),
    max_size=120,
)


@given(cjk)
def test_derived_titles_are_short_deterministic_and_only_source_words(text: str) -> None:
    title = short_title(text)
    assert title == short_title(text)
    assert len(title.removesuffix(ELLIPSIS)) <= SHORT_TITLE_CHARS
    # every character comes from the text, in order: nothing is invented
    assert _is_subsequence(title.removesuffix(ELLIPSIS), " ".join(text.split()))
