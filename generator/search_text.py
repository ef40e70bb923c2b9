"""How text is cut into search tokens, at indexing time and (mirrored in the search box's
JavaScript) at query time.

Chinese is not cut into words. A word segmenter decides by its dictionary, and the two
that would meet here disagree: Pagefind cuts at indexing with jieba's dictionary, the
browser cuts the query with ICU's, and both cut terms they do not know into single
characters (瓶改管 → 瓶|改|管; ICU even cuts 燃气 → 燃|气), so that a query matched any text
holding those characters anywhere. Instead every run of Chinese characters is indexed as
its overlapping pairs of characters, with the run's last character on its own:

    城镇燃气 → 城镇 镇燃 燃气 气

and a query is cut into pairs that cover it (`query_terms`): 燃气泄漏 → 燃气 泄漏, 瓶改管 →
瓶改 改管. A text matches when it holds every pair, so any substring of two or more
characters is found, whatever the dictionaries say, and scattered characters never match.
A single character matches every pair that starts with it. Letters and digits are cut at
anything else (`CCC认证` → `CCC` + 认证) and folded (NFKC: full-width ２０２４ → 2024).

The tokens, joined by spaces, are the page text Pagefind indexes (as a language it does
not segment) and stores; the search box turns them back into text (`join_tokens`): the
first character of each Chinese token, the other tokens as they are.

Which words matter most is said by weights and fields, not by segmentation: the words of
the project's own vocabulary (`Vocabulary`: unit names, short forms and aliases, region,
topic and glossary terms, and terms a plan puts in quotation marks, such as “瓶改管”) are
the words pinyin keys are made of (`pinyin_keys`: 孛井滩 → ``bojingtan``, not ``bo`` +
``jingtan``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from . import pinyin as _pinyin
from .search_keywords import words as jieba_words

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_TOKEN = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)|(?P<mark>[^\s{CJK}])")
_IS_CJK = re.compile(f"[{CJK}]")
_QUOTED = re.compile(rf"[“「\"]([{CJK}A-Za-z0-9+]{{2,10}})[”」\"]")
"""A short term in quotation marks (“瓶改管”, “四不两直”): a named initiative or rule."""

FIELD_MARK_BASE = 0xE000
"""Field markers are characters of the Private Use Area (never in a source text, not
letters, so Pagefind keeps them in the stored text without indexing them)."""


def field_mark(number: int) -> str:
    """The marker token opening field `number` of an entry (`search_pages.FIELDS`)."""
    return chr(FIELD_MARK_BASE + number)


STATE_MARK_BASE = 0xE100
"""A task's derived status is stored as one Private Use character (`state_mark`): shown
and filtered on by the search box, never a word of the index."""


def state_mark(number: int) -> str:
    """The token standing for state `number` (in the order of `reports.status.State`)."""
    return chr(STATE_MARK_BASE + number)


def tokens(text: str) -> list[str]:
    """The tokens of `text` as indexed and stored.

    >>> tokens("城镇燃气，CCC认证 2024年底前")
    ['城镇', '镇燃', '燃气', '气', '，', 'CCC', '认证', '证', '2024', '年底', '底前', '前']
    """
    out: list[str] = []
    for run, word, mark in _TOKEN.findall(text):
        if run:
            out.extend(map(str.__add__, run, run[1:]))
            out.append(run[-1])
        elif word:
            out.append(word if word.isascii() else unicodedata.normalize("NFKC", word))
        else:
            out.append(mark)
    return out


@lru_cache(maxsize=1 << 16)  # unit names and plan labels recur on many entries
def token_text(text: str) -> str:
    """`tokens` joined by spaces: what Pagefind is given (and stores)."""
    return " ".join(tokens(text))


def join_tokens(toks: Iterable[str]) -> str:
    """The text back from its tokens (spaces only between words of letters or digits).

    >>> join_tokens(tokens("城镇燃气，CCC认证 2024年底前"))
    '城镇燃气，CCC认证2024年底前'
    """
    out: list[str] = []
    last_word = False
    for tok in toks:
        if _IS_CJK.match(tok):
            out.append(tok[0])
            last_word = False
        else:
            is_word = tok[:1].isalnum()
            if is_word and last_word:
                out.append(" ")
            out.append(tok)
            last_word = is_word
    return "".join(out)


def query_terms(query: str) -> list[str]:
    """The terms a query is searched with: pairs covering each Chinese run (the last one
    overlapping when the run is odd), words of letters and digits lower-cased.

    >>> query_terms("瓶改管 燃气泄漏")
    ['瓶改', '改管', '燃气', '泄漏']
    >>> query_terms("呼安委会字〔2024〕4号")
    ['呼安', '委会', '会字', '2024', '4', '号']
    """
    out: list[str] = []
    for m in _TOKEN.finditer(unicodedata.normalize("NFKC", query)):
        run = m.group("cjk")
        if run:
            out += cover(run)
        elif m.group("word"):
            out.append(m.group("word").lower())
    return out


def cover(run: str) -> list[str]:
    """Pairs of characters covering a Chinese run (a single character alone)."""
    if len(run) < 2:
        return [run]
    pairs = [run[i : i + 2] for i in range(0, len(run) - 1, 2)]
    if len(run) % 2:
        pairs.append(run[-2:])
    return pairs


# --- the project's vocabulary and pinyin keys -------------------------------------------------


@dataclass
class Vocabulary:
    """Terms that are one word for pinyin keys, longest first at each position."""

    terms: set[str] = field(default_factory=set)
    longest: int = 0

    def add(self, *texts: str | None) -> None:
        for text in texts:
            for run in re.findall(f"[{CJK}]{{2,}}", text or ""):
                if len(run) <= 12:
                    self.terms.add(run)
                    self.longest = max(self.longest, len(run))

    def add_quoted(self, text: str) -> None:
        """Terms a text puts in quotation marks (“瓶改管”)."""
        for term in _QUOTED.findall(text or ""):
            self.add(term)

    def words(self, text: str) -> list[str]:
        """Chinese words of `text`: vocabulary terms where they occur (longest first), the
        rest cut by jieba.

        >>> v = Vocabulary(); v.add("孛井滩", "瓶改管"); v.words("孛井滩推进瓶改管工作")
        ['孛井滩', '推进', '瓶改管', '工作']
        """
        out: list[str] = []
        for run in re.findall(f"[{CJK}]+", text):
            rest_from = 0
            i = 0
            while i < len(run):
                found = next(
                    (
                        n
                        for n in range(min(self.longest, len(run) - i), 1, -1)
                        if run[i : i + n] in self.terms
                    ),
                    0,
                )
                if found:
                    out += _jieba_cjk(run[rest_from:i])
                    out.append(run[i : i + found])
                    i += found
                    rest_from = i
                else:
                    i += 1
            out += _jieba_cjk(run[rest_from:])
        return out


def _jieba_cjk(text: str) -> list[str]:
    return [w for w in jieba_words(text) if _IS_CJK.match(w)] if text else []


def pinyin_keys(
    texts: Iterable[str | None],
    vocab: Vocabulary | None = None,
    *,
    runs: bool = True,
    initials: bool = True,
) -> list[str]:
    """Pinyin of each word of `texts` (words of `vocab` kept whole; without it as jieba
    cuts them); with `runs` also of each run of words up to the end (``yingjiguanliju``
    for 市应急管理局: Pagefind matches the start of a key), with `initials` their initials.

    >>> pinyin_keys(["市应急管理局"])
    ['shi', 'yingji', 'guanliju', 'shiyingjiguanliju', 'yingjiguanliju', 'syjglj', 'yjglj', 'glj']
    """
    out: dict[str, None] = {}
    for text in texts:
        ws = vocab.words(text or "") if vocab is not None else _jieba_cjk(text or "")
        full = [_pinyin.full_pinyin(w) for w in ws]
        out.update(dict.fromkeys(k for k in full if k))
        if runs:
            out.update(dict.fromkeys("".join(full[i:]) for i in range(len(full) - 1)))
        if initials:
            heads = [_pinyin.initials(w) for w in ws]
            out.update(
                dict.fromkeys(x for x in ("".join(heads[i:]) for i in range(len(ws))) if len(x) > 1)
            )
    return list(out)


def quoted_terms(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        yield from _QUOTED.findall(text or "")
