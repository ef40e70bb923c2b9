"""Search keywords of the pages (pinyin, initials, sub-words), without a browser."""

from __future__ import annotations

import pytest

from generator.search_keywords import (
    KW_END,
    KW_START,
    PageKeys,
    english_words,
    filter_html,
    keyword_html,
    keyword_list,
    keyword_text,
    keywords,
    pinyin_keywords,
    sub_words,
    title_keywords,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("应急管理局", {"yingjiguanliju", "yjglj", "yingji"}),
        ("呼伦贝尔市应急管理局", {"yingjiguanliju", "yjglj", "hulunbeiershiyingjiguanliju"}),
        ("市应急管理局", {"shiyingjiguanliju", "syjglj", "yingjiguanliju", "yjglj"}),
        ("开展城镇燃气安全排查整治", {"ranqi", "chengzhen", "ranqianquanpaichazhengzhi"}),
        ("重大事故隐患", {"zhongda", "zhongdashiguyinhuan", "zdsgyh"}),  # 重 read zhong
    ],
)
def test_pinyin_and_initials(text, expected):
    assert expected <= set(pinyin_keywords(text))


def test_runs_of_words_match_by_prefix():
    """Pagefind matches the start of a word: each run starts at a word and runs on."""
    keys = pinyin_keywords("开展城镇燃气安全排查整治")
    assert any(k.startswith("ranqianquan") for k in keys)
    assert any(k.startswith("rqaq") for k in keys)


def test_pinyin_is_per_word_not_per_syllable():
    keys = pinyin_keywords("燃气安全")
    assert "ranqi" in keys and "ran" not in keys and "qi" not in keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("事故隐患", {"事故", "隐患", "事故隐患"}),
        ("重大事故隐患", {"重大", "事故", "隐患"}),
        ("应急管理局", {"应急", "管理", "管理局"}),
    ],
)
def test_sub_words(text, expected):
    assert expected <= set(sub_words(text))


def test_sub_words_are_chinese_words_only():
    assert all(len(w) >= 2 for w in sub_words("从根本上消除事故隐患（2024年）"))
    assert sub_words("PM2.5 2024") == []


def test_keywords_without_duplicates():
    text = keyword_text(["应急管理局", "市应急管理局", None, ""])
    words = text.split()
    assert len(words) == len(set(words))
    assert {"yingjiguanliju", "yjglj", "隐患"} - set(words) == {"隐患"}
    assert keywords("燃气") == ["ranqi", "rq", "燃气"]


def test_keyword_html_shape():
    out = keyword_html(["燃气"])
    assert out == (
        f'<span class="pp-kw" data-pagefind-weight="2.0" hidden>{KW_START} ranqi rq 燃气 '
        f"{KW_END}</span>"
    )
    assert keyword_html([]) == keyword_html([None, ""]) == ""
    assert keyword_html(["燃气"], weight=3).startswith(
        '<span class="pp-kw" data-pagefind-weight="3.0"'
    )


def test_title_keywords_are_single_words():
    title = title_keywords("开展城镇燃气安全排查整治")
    assert {"ranqi", "anquan", "燃气", "城镇"} <= set(title)
    assert not any(k.startswith("chengzhenranqi") for k in title)  # no runs
    assert "kzcz" not in title and "rqaq" not in title  # no initials
    assert pinyin_keywords("市应急管理局", min_initials=0) == [
        "shi",
        "yingji",
        "guanliju",
        "shiyingjiguanliju",
        "yingjiguanliju",
    ]


def test_page_keys_keep_each_key_where_it_first_appears():
    keys = PageKeys()
    assert keys.new(["ranqi", "anquan", "燃气"]) == ["ranqi", "anquan", "燃气"]
    assert keys.new(["ranqi", "燃气"]) == []  # only repeated keys: the block is left out
    assert keys.new(["ranqi", "guandao"]) == ["guandao"]
    assert PageKeys().new(["ranqi"]) == ["ranqi"]  # another page starts afresh


def test_keyword_html_is_the_block_the_templates_write():
    """Pages made without the templates (tests) get the same markup as generated pages."""
    from generator.render.contexts.common import Filter, Keywords
    from generator.render.renderer import make_environment

    env = make_environment()
    macro = env.from_string(
        '{% from "fragments/common.j2" import keywords, filters %}{{ keywords(k) }}{{ filters(f) }}'
    )
    keys = keyword_list(["燃气"], english=["People's Gas"])
    for lang in ("", "zh-Hans"):
        made = macro.render(
            k=Keywords(" ".join(keys), "3.0", lang), f=(Filter("plan", '《方案》<b>"&'),)
        )
        assert made == keyword_html(
            ["燃气"], 3.0, english=["People's Gas"], lang=lang or None
        ) + filter_html(plan='《方案》<b>"&')


def test_english_words_and_keys():
    assert english_words(["Hulunbuir Emergency Management Bureau", None, "Gas Safety"]) == [
        "hulunbuir",
        "emergency",
        "management",
        "bureau",
        "gas",
        "safety",
    ]
    assert english_words(["CPC Hulunbuir Municipal Committee", "People's Government"])[-2:] == [
        "people's",
        "government",
    ]
    out = keyword_html(["燃气"], english=["Gas Safety"], keys=["ranqi", "chengzhenranqi"])
    assert f"{KW_START} ranqi rq 燃气 chengzhenranqi gas safety {KW_END}" in out
    assert keyword_html([], english=["<b>Gas</b>"]).count("<b>") == 0


def test_html_is_escaped():
    assert keyword_html(["<script>"]) == ""  # no Chinese: nothing to add
    out = filter_html(plan='《方案》<b>"&', unit=["甲", "甲", None])
    assert "<b>" not in out and "&lt;b&gt;" in out and "&#34;" in out and "&amp;" in out
    assert out.count('data-pagefind-filter="unit"') == 1
    assert out.count("data-pagefind-ignore") == 2
