"""Extra keyword text for the Pagefind index: pinyin, initials and Chinese sub-words.

Pagefind (extended) segments Chinese itself, but it cannot find 应急管理局 from
``yingjiguanliju`` or ``yjglj``, and whether a sub-word such as 隐患 is found inside 事故隐患
depends on its segmenter's dictionary.  The page templates therefore put a hidden block of
keywords next to every plan, unit and task heading (`keyword_list`; the templates write
the block).  Pagefind indexes text
hidden with ``hidden`` or ``display:none`` (checked with Pagefind 1.5.2); the search UI strips
the block from excerpts by its two marker words (`KW_START`, `KW_END`).

Everything here is a pure function of its input text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import escape

from generator import pinyin as _pinyin

KW_START = "ppkwstart"
"""Marker word that opens a keyword block (the search UI cuts excerpts there)."""
KW_END = "ppkwend"
"""Marker word that closes a keyword block."""
DEFAULT_WEIGHT = 2.0
"""Pagefind weight of keyword text (body text is 1.0, an `h3` heading 5.0)."""
WINDOW = 6
"""Longest run of words whose pinyin is joined into one keyword (`yingjiguanliju`)."""

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{_CJK}]")
_WORD = re.compile(f"[{_CJK}]+|[A-Za-z0-9]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@lru_cache(maxsize=1)
def _jieba():
    """jieba, initialised quietly, or None when it is not installed."""
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a declared dependency
        return None
    jieba.setLogLevel(logging.WARNING)
    return jieba


def warm_up() -> None:
    """Load jieba's dictionary and pypinyin's tables now (it takes a while), e.g. while
    helpers parse plan files or before forking, so that forked renderers inherit them
    instead of loading them again."""
    jieba = _jieba()
    if jieba is not None:
        jieba.initialize()
    pinyin_keywords("安全生产")


def words(text: str) -> list[str]:
    """The words of `text` (jieba precise mode), punctuation and spaces dropped.

    >>> words("呼伦贝尔市应急管理局")
    ['呼伦贝尔市', '应急', '管理局']
    """
    jieba = _jieba()
    if jieba is None:
        return _WORD.findall(text)
    return [w for w in jieba.cut(text) if _WORD.fullmatch(w)]


def sub_words(text: str) -> list[str]:
    """Chinese words of two or more characters, including the parts of compound words.

    >>> sub_words("重大事故隐患")
    ['重大', '事故', '隐患', '事故隐患']
    """
    jieba = _jieba()
    if jieba is None:  # fallback: character bigrams of every Chinese run
        runs = re.findall(f"[{_CJK}]{{2,}}", text)
        found = [run[i : i + 2] for run in runs for i in range(len(run) - 1)] + runs
    else:
        found = list(jieba.cut_for_search(text))
    return _unique(w for w in found if len(w) >= 2 and all(_IS_CJK.match(c) for c in w))


def pinyin_keywords(text: str, window: int = WINDOW, min_initials: int = 2) -> list[str]:
    """Pinyin keys: each word, each run of up to `window` words, and their initials.

    Initials shorter than `min_initials` letters are left out (0: no initials at all).

    Pagefind matches the start of indexed words, so the runs make ``yingji``,
    ``yingjiguanliju`` and ``yjglj`` all find 呼伦贝尔市应急管理局.

    >>> pinyin_keywords("市应急管理局")
    ['shi', 'yingji', 'guanliju', 'shiyingjiguanliju', 'yingjiguanliju', 'syjglj', 'yjglj', 'glj']
    """
    ws = [w for w in words(text) if _IS_CJK.search(w)]
    full = [_pinyin.full_pinyin(w) for w in ws]
    inits = [_pinyin.initials(w) for w in ws]
    ends = [(i, min(len(ws), i + window)) for i in range(len(ws))]
    out = list(full)
    out += ["".join(full[i:j]) for i, j in ends if j - i > 1]
    if min_initials:
        out += [x for x in ("".join(inits[i:j]) for i, j in ends) if len(x) >= max(2, min_initials)]
    return _unique(k for k in out if k)


@lru_cache(maxsize=1 << 14)  # unit names recur on every task and page that names them
def _keywords(text: str) -> tuple[str, ...]:
    return tuple(_unique([*pinyin_keywords(text), *sub_words(text)]))


def keywords(text: str) -> list[str]:
    """All extra keys for one text: pinyin keys, then Chinese sub-words."""
    return list(_keywords(text))


@lru_cache(maxsize=1 << 15)
def _title(text: str) -> tuple[str, ...]:
    return tuple(_unique([*pinyin_keywords(text, window=1, min_initials=0), *sub_words(text)]))


def title_keywords(text: str) -> list[str]:
    """Keys of a task title: the pinyin of each word and the Chinese sub-words.

    No runs of words and no initials, unlike `keywords`: a plan page repeats a block on
    every task, and at national scale Pagefind's memory grows with every distinct word of
    every page (the runs, initials and the units' pinyin made it larger: bench/RESULTS.md).

    >>> title_keywords("开展城镇燃气安全排查整治")[:6]
    ['kaizhan', 'chengzhen', 'ranqi', 'anquan', 'paicha', 'zhengzhi']
    """
    return list(_title(text))


class PageKeys:
    """Each key once per page: Pagefind finds the page by a key once as well as ten times,
    and every repeat costs index memory. A page's blocks take their keys from here in page
    order (`new`); a block left without keys is not shown."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def new(self, keys: Iterable[str]) -> list[str]:
        """The keys of `keys` not taken by an earlier block of the page."""
        fresh = [k for k in keys if k not in self.seen]
        self.seen.update(fresh)
        return fresh


@lru_cache(maxsize=1 << 15)
def name_sub_words(name: str) -> tuple[str, ...]:
    """`sub_words` of a canonical unit name, cached for the same reason."""
    return tuple(sub_words(name))


def english_words(texts: Iterable[str | None]) -> list[str]:
    """Lower-cased Latin words of English texts (names, topics) for the English tree.

    >>> english_words(["Hulunbuir Emergency Management Bureau", "Gas Safety"])
    ['hulunbuir', 'emergency', 'management', 'bureau', 'gas', 'safety']
    """
    return _unique(w.lower() for t in texts if t for w in _LATIN.findall(t) if len(w) > 1)


def keyword_text(texts: Iterable[str | None]) -> str:
    """Space-separated keys for several texts (title, unit names …), without duplicates."""
    return " ".join(_unique(k for t in texts if t for k in keywords(t)))


def keyword_list(
    texts: Iterable[str | None],
    *,
    english: Iterable[str | None] = (),
    keys: Iterable[str] = (),
) -> list[str]:
    """The keys of a keyword block: those of `texts` (pinyin, initials, sub-words), then
    `keys` computed by the caller (e.g. `title_keywords`), then the words of `english`
    (English names, English tree), each once.

    >>> keyword_list(["燃气"], english=["Gas Safety"])
    ['ranqi', 'rq', '燃气', 'gas', 'safety']
    """
    return _unique([*keyword_text(texts).split(), *keys, *english_words(english)])


def keyword_html(
    texts: Iterable[str | None],
    weight: float = DEFAULT_WEIGHT,
    *,
    english: Iterable[str | None] = (),
    keys: Iterable[str] = (),
    lang: str | None = None,
) -> str:
    """A keyword block as the page templates write it (macro `keywords`,
    `templates/fragments/search.j2`), for pages made without them (tests, examples).

    >>> keyword_html(["燃气"])
    '<span class="pp-kw" data-pagefind-weight="2.0" hidden>ppkwstart ranqi rq 燃气 ppkwend</span>'
    """
    body = " ".join(keyword_list(texts, english=english, keys=keys))
    if not body:
        return ""
    lang_attr = f' lang="{escape(lang)}"' if lang else ""
    return (
        f'<span class="pp-kw" data-pagefind-weight="{weight:.1f}"{lang_attr} hidden>'
        f"{KW_START} {escape(body)} {KW_END}</span>"
    )


def filter_html(**filters: Iterable[str | None] | str | None) -> str:
    """Hidden Pagefind filter elements as the page templates write them (macro `filters`),
    e.g. ``filter_html(plan=…, unit=[…])``: one ``<span data-pagefind-filter="name">`` per
    value, with ``data-pagefind-ignore`` so the values are not indexed or shown."""
    out = []
    for name, values in filters.items():
        items = [values] if isinstance(values, str) or values is None else values
        for value in _unique(v for v in items if v):
            out.append(
                f'<span data-pagefind-filter="{escape(name)}" data-pagefind-ignore hidden>'
                f"{escape(value)}</span>"
            )
    return "".join(out)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
