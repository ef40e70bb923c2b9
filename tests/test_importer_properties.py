"""Property-based tests of the importer: arbitrary text never crashes it, the draft always
validates, and no CJK character of the source is lost (the coverage invariant)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.importer import import_text
from generator.importer.coverage import cjk, coverage
from generator.model import Plan

# Pieces of real plan layout, so generated texts exercise the structure parser too.
LAYOUT = [
    "一、",
    "二、总体要求\n",
    "三、主要任务\n",
    "（一）",
    "(二)",
    "（三）开展行动。\n",
    "1.",
    "2．",
    "10. ",
    "一是",
    "二是",
    "**三是**",
    "牵头单位：",
    "配合单位：",
    "责任单位：",
    "（市应急管理局牵头，市公安局配合；各乡镇负责）",
    "（市安委会各成员单位按职责分工负责）",
    "2024年底前",
    "2025 年 6 月底前",
    "２０２６年底前",
    "每季度至少1次",
    "达标率为100%",
    "不低于75%",
    "三年内",
    "[bookmark: _GoBack]",
    "\n",
    "\n\n",
    "。",
    "，",
    "；",
    "、",
    " ",
    "关于印发《测试方案》的通知\n",
    "各旗市区人民政府：\n",
    "2024年3月8日\n",
    "呼安委会字〔2024〕4号\n",
    "ᠬᠤᠯᠡᠨ ᠪᠡᠯᠦ\n",
    "安全生产",
    "重大事故隐患",
    "燃气",
    "消防",
    "豈",
    "\u3000",
]
pieces = st.one_of(
    st.sampled_from(LAYOUT),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.text(
        alphabet="安全生产治本攻坚三年行动方案重大事故隐患排查整治燃气消防", min_size=1, max_size=20
    ),
)
texts = st.lists(pieces, max_size=60).map("".join)


def _import(text: str) -> dict:
    result = import_text(text, region="testland", source_file="x.txt", plan_id="x")
    return result.draft


@given(texts)
def test_importer_never_crashes_and_draft_validates(text: str) -> None:
    draft = _import(text)
    # a text that states no period gets none (never today's date): the reviewer adds it
    Plan.model_validate({"period": {"start": "2024-01-01", "end": "2024-12-31"}} | draft)


@given(texts)
def test_importer_never_loses_cjk_characters(text: str) -> None:
    draft = _import(text)
    result = coverage(text, draft)
    assert result.matched == result.source_chars == len(cjk(text)), result
