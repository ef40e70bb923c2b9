"""Every interface string in every language: read whole, with matching placeholders.

A value written without quotes loses everything from ` #` on (YAML reads it as a comment):
`search_other: 找到 # 个结果` became "找到", and the search status line lost its count.
"""

from __future__ import annotations

import string

import pytest
import yaml

from generator.langs import LANGS
from generator.render.ui import UI_DIR, load_ui

SUPPLIED = {
    "when_month": {"year", "month", "mm"},
    "month_label": {"year", "month", "mm"},
    "cite_task_marker": {"printed", "no"},
    "cite_item_no": {"printed", "no"},
    "cite_in_chapter": {"chapter", "chapter_no", "task"},
}
"""Strings for which the code supplies several forms of a value (a month as 6 and 06, a
number as printed and in Arabic digits): each language may pick its own among them."""


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_language_has_every_key() -> None:
    keys = {lang: set(load_ui(lang)) for lang in LANGS}
    for lang in LANGS:
        assert keys[lang] == keys[LANGS[0]], f"data/ui/{lang}.yaml"


@pytest.mark.parametrize("lang", LANGS)
def test_no_value_loses_text_to_a_comment(lang: str) -> None:
    path = UI_DIR / f"{lang}.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    root = yaml.compose(text)
    assert isinstance(root, yaml.MappingNode)
    cut = []
    for key, value in root.value:
        assert isinstance(value, yaml.ScalarNode), key.value
        end = value.end_mark
        if value.style is None and lines[end.line][end.column :].strip().startswith("#"):
            cut.append(f"{path.name}:{end.line + 1}: {key.value} (quote the value)")
        assert value.value.strip(), f"{path.name}: {key.value} is empty"
    assert cut == []


@pytest.mark.parametrize("key", sorted(load_ui(LANGS[0])))
def test_placeholders_match_across_languages(key: str) -> None:
    texts = {lang: load_ui(lang)[key] for lang in LANGS}
    fields = {lang: placeholders(text) for lang, text in texts.items()}
    if key in SUPPLIED:
        assert all(f <= SUPPLIED[key] for f in fields.values()), fields
    else:
        assert len({frozenset(f) for f in fields.values()}) == 1, fields
    # Pagefind's count placeholder in the search strings
    assert len({text.count("#") for text in texts.values()}) == 1, texts
    for text in texts.values():  # every string formats with the values it names
        text.format(**{name: 1 for name in placeholders(text)})


def test_the_search_status_line_keeps_its_count() -> None:
    assert load_ui("zh")["search_other"] == "找到 # 个结果"
    assert load_ui("zh")["search_more"] == "还有 # 个结果"
    for lang in LANGS:  # every count the search box shows has its number
        for key in ("other", "at_least", "next", "more", "more_at_least"):
            assert load_ui(lang)[f"search_{key}"].count("#") == 1, (lang, key)
