"""Language trees: the Chinese site at the root, the English one under `en/`.

Both trees are rendered from the same views by the same page families, once per language
(`generator.render.site`); page paths inside a tree are the same, so the counterpart of a page in
the other language is its path with the tree prefix swapped (`counterpart`).  Interface
strings come from `data/ui/<lang>.yaml`; names shown in the English tree come from the
data (`title_en`, `name_en`) or, where the data has none, from pinyin (`Names`).  Plan text
is never translated: it keeps `lang="zh-Hans"` in both trees.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from ..langs import DEFAULT_LANG, HTML_LANG, LANG_NAME, LANGS, PREFIX, TEXT_LANG
from .contexts.common import Label, Link

if TYPE_CHECKING:
    from ..model import Plan


class Named(Protocol):
    """A record with a name, and maybe an English one (`name_en`): units, groups,
    regions, categories, topics."""

    @property
    def name(self) -> str: ...


def lang_of(path: str) -> str:
    """The tree a site path (`en/plans/x/`, `plans/x/index.md`) belongs to."""
    for lang in LANGS:
        prefix = PREFIX[lang]
        if prefix and (path.startswith(prefix) or path == prefix.rstrip("/")):
            return lang
    return DEFAULT_LANG


def strip_tree(path: str) -> str:
    """The path inside its tree: `en/plans/x/` → `plans/x/`."""
    prefix = PREFIX[lang_of(path)]
    return path[len(prefix) :] if prefix else path


def in_tree(path: str, lang: str) -> str:
    """The same page in tree `lang`: `plans/x/` → `en/plans/x/` for `en`."""
    return PREFIX[lang] + strip_tree(path)


def counterpart(path: str, lang: str, known: Collection[str]) -> str:
    """The page of `path` in `lang` if it exists in `known`, else its nearest ancestor that
    does (a plan's report pages are Chinese only: their switch leads to the English plan
    page), else that tree's home page."""
    target = in_tree(path, lang)
    while target not in known and len(target) > len(PREFIX[lang]):
        target = target.rstrip("/").rpartition("/")[0]
        target = f"{target}/" if target else ""
    return target if target in known else PREFIX[lang]


def other_lang(lang: str) -> str:
    """The language the switch offers on a page in `lang` (two languages)."""
    return next(x for x in LANGS if x != lang)


# --- names ------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)  # called for every unit link of every English page
def pinyin_name(text: str) -> str:
    """Readable pinyin, one capitalised word each: 市应急管理局 → `Shi Yingji Guanliju`."""
    from .. import pinyin
    from ..search_keywords import words

    out = []
    for word in words(text):
        roman = pinyin.full_pinyin(word)
        out.append(roman.capitalize() if roman else word)
    return " ".join(out) or text


class Names:
    """Display names in one language: the data's Chinese name, or its English one.

    In the English tree a name without `name_en` / `title_en` is shown in pinyin (units,
    regions, topics, categories) or, for plan titles, in the original Chinese marked with
    `lang="zh-Hans"` (`label`).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.english = lang == "en"

    def of(self, record: Named, attr: str = "name") -> str:
        """`record.name` (zh), or `record.name_en` / pinyin of `record.name` (en)."""
        name = getattr(record, attr, None) or ""
        if not self.english:
            return name
        return getattr(record, f"{attr}_en", None) or pinyin_name(name)

    def plan(self, plan: Plan, *, short: bool = False) -> str:
        """Plan title (`title_en`, or `short_title_en` for `short`, in the English tree where
        the data has it)."""
        if self.english and (plan.title_en or plan.short_title_en):
            return ((plan.short_title_en if short else None) or plan.title_en) or (
                plan.short_title_en or ""
            )
        return (plan.short_title if short else None) or plan.title

    def text_lang(self, text: str) -> str:
        """The `lang` that `text` needs on a page of this tree: `zh-Hans` for Chinese on an
        English page, else none (the page's own)."""
        return TEXT_LANG if self.english and has_cjk(text) else ""

    def label(self, text: str) -> Label:
        """Text that may be Chinese inside an English page, marked with its language."""
        return Label(text, self.text_lang(text))

    def link(self, text: str, href: str) -> Link:
        """A link whose text may be Chinese inside an English page."""
        return Link(text, href, self.text_lang(text))


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
"""Han characters (CJK Extension A, the unified ideographs, the compatibility ideographs)."""


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


# --- page chrome ------------------------------------------------------------------------

SEARCH_PREFIX = "search_"


def chrome(url: str, known: Collection[str]) -> dict[str, Any]:
    """What the theme needs on the page at site path `url` to speak its tree's language.

    `known` holds the site paths of every page (`plans/x/`, `en/about/`); the language
    switch leads to the counterpart page when it exists, else to the other tree's home.
    Engine-independent: the MkDocs shell hands this to the theme templates as `pp`.
    """
    lang = lang_of(url)
    other = other_lang(lang)
    same, switch_label = _tree_chrome(lang)
    return {
        **same,
        "alternates": [
            {
                "lang": code,
                "html_lang": HTML_LANG[code],
                "name": LANG_NAME[code],
                "url": url if code == lang else counterpart(url, code, known),
            }
            for code in LANGS
        ],
        "switch": {
            "lang": other,
            "html_lang": HTML_LANG[other],
            "name": LANG_NAME[other],
            "label": switch_label,
            "url": counterpart(url, other, known),
        },
    }


@lru_cache(maxsize=8)  # like `load_ui`, whose strings it holds
def _tree_chrome(lang: str) -> tuple[dict[str, Any], str]:
    """The part of `chrome` that is the same on every page of a tree, and the language
    switch's label (made once per tree: it reads every UI string, and a national portal
    has ~19,000 pages)."""
    from ..reports.status import STATE_TERMS
    from .ui import load_ui

    ui = load_ui(lang)
    strings = {k[len(SEARCH_PREFIX) :]: v for k, v in ui.items() if k.startswith(SEARCH_PREFIX)}
    # the search box shows a task's status by its number (`search_text.state_mark`)
    strings["states"] = [names[0 if lang == "zh" else 1] for names in STATE_TERMS.values()]
    return {
        "lang": lang,
        "html_lang": HTML_LANG[lang],
        "site_name": ui.site_title,
        "home": PREFIX[lang],
        "search": strings,
        "skip_to_clauses": ui.skip_to_clauses,
    }, ui.lang_switch


def translated_title(title: str | None, to_lang: str) -> str | None:
    """A nav title written in the default language, in `to_lang` via the UI strings.

    `首页` → `Home` because `data/ui/zh.yaml` and `en.yaml` both hold it under `nav_home`;
    a title found in no UI string gives None (the page's own title is used).
    """
    from .ui import load_ui

    if title is None:
        return None
    source, target = load_ui(DEFAULT_LANG), load_ui(to_lang)
    for key, value in source.items():
        if value == title and key in target:
            return target[key]
    return None
