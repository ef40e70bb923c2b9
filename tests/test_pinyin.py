"""generator.pinyin: slugs, full pinyin, initials, search keys and the override table."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

from generator import pinyin
from generator.pinyin import full_pinyin, initials, name_keys, slug

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_basic_forms() -> None:
    assert full_pinyin("应急管理局") == "yingjiguanliju"
    assert initials("应急管理局") == "yjglj"
    assert slug("应急管理局") == "yingjiguanliju"
    assert name_keys("应急管理局") == ["yingjiguanliju", "yjglj"]


def test_words_are_split_at_spaces_punctuation_and_script_changes() -> None:
    assert slug("安委会 成员 单位") == "anweihui-chengyuan-danwei"
    assert slug("淮南·大通") == "huainan-datong"
    assert slug("CCC认证") == "ccc-renzheng"
    assert initials("CCC认证") == "cccrz"
    assert full_pinyin("市应急管 理局") == "shiyingjiguanliju"  # PDF split, same pinyin
    assert name_keys("淮南 大通") == ["huainandatong", "hndt", "huainan", "datong"]


def test_full_width_ascii_and_umlaut_become_plain_ascii() -> None:
    assert slug("ＡＢ１２") == "ab12"
    assert full_pinyin("绿色") == "lvse"
    assert full_pinyin("旅游") == "lvyou"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("长春", "changchun"),
        ("重庆", "chongqing"),
        ("大通", "datong"),
        ("淮南市大通区", "huainanshidatongqu"),
        ("行政审批和政务服务局", "xingzhengshenpihezhengwufuwuju"),
        ("银行", "yinhang"),
        ("禹州", "yuzhou"),
        ("孛井滩", "bojingtan"),
        ("孛井滩生态移民示范区", "bojingtanshengtaiyiminshifanqu"),
        ("呼伦贝尔", "hulunbeier"),
        ("阿拉善盟", "alashanmeng"),
        ("重点行业", "zhongdianhangye"),
        ("腾格里电力分公司", "tenggelidianlifengongsi"),
    ],
)
def test_place_names_and_polyphones(text: str, expected: str) -> None:
    assert full_pinyin(text) == expected


def test_override_table_is_what_fixes_bojingtan() -> None:
    assert "".join(lazy_pinyin("孛井滩")) == "beijingtan"  # pypinyin alone reads 孛 as bèi
    assert full_pinyin("孛井滩", overrides={}) == "beijingtan"
    assert full_pinyin("孛井滩") == "bojingtan"


def test_explicit_table_longest_match_and_context() -> None:
    table = {"重": ("chong",), "重庆": ("chong", "qing"), "庆": ("xx",)}
    assert pinyin.syllables("重庆", table) == ["chong", "qing"]
    assert pinyin.syllables("重庆庆", table) == ["chong", "qing", "xx"]
    # text between overrides still goes to pypinyin as one run (its phrase table applies)
    assert pinyin.syllables("银行长", {"长": ("zhang",)}) == ["yin", "hang", "zhang"]
    assert pinyin.syllables("行", {}) == ["xing"]


def test_project_override_file_is_valid() -> None:
    table = pinyin.load_overrides()
    assert table["孛井滩"] == ("bo", "jing", "tan")
    for word, sylls in table.items():
        assert len(word) == len(sylls)
        assert all(re.fullmatch(r"[a-z]+", s) for s in sylls)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"大通": "da"}, "1 syllables for 2 characters"),
        ({"大通": "Da Tong"}, "lowercase"),
        ({"ab": "a b"}, "Chinese characters"),
        ({"大通": 3}, "string of syllables"),
        (["大通"], "mapping"),
    ],
)
def test_bad_overrides_are_rejected(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pinyin.parse_overrides(data)


def test_override_values_may_be_lists() -> None:
    assert pinyin.parse_overrides({"大通": ["da", "tong"]}) == {"大通": ("da", "tong")}


def test_missing_override_file_means_no_overrides(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert pinyin.load_overrides(tmp_path / "absent.yaml") == {}


@pytest.mark.parametrize("text", ["", "   ", "（）", "、。，"])
def test_no_letters_give_empty_results(text: str) -> None:
    assert slug(text) == full_pinyin(text) == initials(text) == ""
    assert name_keys(text) == []


@given(st.text(max_size=30))
def test_output_is_always_a_valid_slug_or_empty(text: str) -> None:
    out = slug(text)
    assert out == "" or SLUG.match(out)
    assert full_pinyin(text).isascii()
    assert initials(text).isascii()


def test_the_importer_s_ids_honour_the_override_table():
    """One conversion for every id: the importer's plan and region ids read 孛 and 重 as
    data/pinyin-overrides.yaml says (pypinyin alone gives bei and zhong)."""
    from generator.importer.meta import plan_id, region_slug
    from generator.importer.regions import slug as region_id

    assert region_slug("孛井滩生态移民示范区安全生产工作要点").startswith("bojingtan")
    assert plan_id("重庆市安全生产治本攻坚三年行动方案", None, None) == "chongqing-zhiben-gongjian"
    assert region_id("孛井滩") == slug("孛井滩") == "bojingtan"
