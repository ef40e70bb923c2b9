"""Pinyin for ids, search keywords and "did you mean" suggestions.

Readings come from pypinyin, except for the words in ``data/pinyin-overrides.yaml``
(polyphones such as 长春/重庆/行政/银行 and rare characters in place names such as 孛井滩),
which always win; the longest matching override word is taken first.  Output is lowercase
ASCII (ü is written ``v``, as pypinyin does), tones are dropped.

Words: the text is split into words at anything that is neither a CJK character nor an ASCII
letter/digit (spaces, punctuation, brackets) and where the script changes (``CCC认证`` →
``CCC`` + ``认证``).  Chinese is not segmented further, so a run such as 应急管理局 is one word:

>>> slug("安委会 成员 单位")
'anweihui-chengyuan-danwei'
>>> full_pinyin("应急管理局"), initials("应急管理局")
('yingjiguanliju', 'yjglj')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import yaml
from pypinyin import Style, lazy_pinyin

OVERRIDES_FILE = Path(__file__).resolve().parent.parent / "data" / "pinyin-overrides.yaml"
"""Default override table (``overrides: {词: "pin yin"}``)."""

Overrides = Mapping[str, tuple[str, ...]]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_TOKEN = re.compile(rf"[{_CJK}]+|[A-Za-z0-9]+")
_IS_CJK = re.compile(rf"[{_CJK}]")
_SYLLABLE = re.compile(r"^[a-z]+$")


# --- override table ----------------------------------------------------------------------


def parse_overrides(data: object) -> dict[str, tuple[str, ...]]:
    """Check and convert the `overrides` mapping of the YAML file.

    Each value is a string of space-separated syllables (or a list of them), one syllable
    per character of the key.  Raises `ValueError` naming the bad entry.
    """
    if not isinstance(data, Mapping):
        raise ValueError("`overrides` must be a mapping of word: pinyin")
    out: dict[str, tuple[str, ...]] = {}
    for word, value in data.items():
        key = unicodedata.normalize("NFC", str(word)).strip()
        if isinstance(value, str):
            sylls = tuple(value.split())
        elif isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
            sylls = tuple(value)
        else:
            raise ValueError(f"override {key!r}: value must be a string of syllables")
        if not key or not all(_IS_CJK.fullmatch(ch) for ch in key):
            raise ValueError(f"override {key!r}: key must be Chinese characters only")
        if len(sylls) != len(key):
            raise ValueError(f"override {key!r}: {len(sylls)} syllables for {len(key)} characters")
        bad = [s for s in sylls if not _SYLLABLE.match(s)]
        if bad:
            raise ValueError(f"override {key!r}: syllables must be lowercase a-z, got {bad}")
        out[key] = sylls
    return out


def load_overrides(path: Path = OVERRIDES_FILE) -> dict[str, tuple[str, ...]]:
    """Read an override file; a missing file means no overrides."""
    if not path.exists():
        return {}
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(doc, Mapping):
        raise ValueError(f"{path}: expected a mapping with an `overrides` key")
    return parse_overrides(doc.get("overrides") or {})


@lru_cache(maxsize=1)
def default_overrides() -> Overrides:
    """The project's override table, read once."""
    return load_overrides(OVERRIDES_FILE)


# --- conversion ------------------------------------------------------------------------


def _ascii(syllable: str) -> str:
    text = unicodedata.normalize("NFKD", syllable).replace("ü", "v")
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum()).lower()


def _cjk_syllables(run: str, table: Overrides, longest: int) -> list[str]:
    out: list[str] = []
    gap_start = i = 0

    def flush(end: int) -> None:
        if end > gap_start:  # pypinyin sees the whole gap, so its phrase table still applies
            out.extend(lazy_pinyin(run[gap_start:end], style=Style.NORMAL, errors="ignore"))

    while i < len(run):
        for size in range(min(longest, len(run) - i), 0, -1):
            hit = table.get(run[i : i + size])
            if hit is not None:
                flush(i)
                out.extend(hit)
                i += size
                gap_start = i
                break
        else:
            i += 1
    flush(len(run))
    return [s for s in (_ascii(s) for s in out) if s]


def _words(text: str, overrides: Overrides | None) -> list[tuple[bool, list[str]]]:
    """(is_chinese, syllables) for each word of `text`."""
    if overrides is None:
        return [(chinese, list(sylls)) for chinese, sylls in _default_words(text)]
    return _converted(text, overrides)


@lru_cache(maxsize=1 << 16)  # the same words and names recur on thousands of pages
def _default_words(text: str) -> tuple[tuple[bool, tuple[str, ...]], ...]:
    return tuple((chinese, tuple(sylls)) for chinese, sylls in _converted(text, None))


def _converted(text: str, overrides: Overrides | None) -> list[tuple[bool, list[str]]]:
    table = default_overrides() if overrides is None else overrides
    longest = max((len(k) for k in table), default=0)
    normal = unicodedata.normalize("NFKC", text)
    out: list[tuple[bool, list[str]]] = []
    for token in _TOKEN.findall(normal):
        if _IS_CJK.match(token):
            sylls = _cjk_syllables(token, table, longest)
            if sylls:
                out.append((True, sylls))
        else:
            out.append((False, [token.lower()]))
    return out


def syllables_by_word(text: str, overrides: Overrides | None = None) -> list[list[str]]:
    """The words of `text`, each as its list of syllables (ASCII words are one syllable)."""
    return [sylls for _, sylls in _words(text, overrides)]


def slug(text: str, overrides: Overrides | None = None) -> str:
    """URL slug: each word's pinyin without spaces, words joined by hyphens (`huainan-datong`)."""
    return "-".join("".join(w) for w in syllables_by_word(text, overrides))


def full_pinyin(text: str, overrides: Overrides | None = None) -> str:
    """All syllables run together: 应急管理局 → `yingjiguanliju`."""
    return "".join("".join(w) for w in syllables_by_word(text, overrides))


def syllables(text: str, overrides: Overrides | None = None) -> list[str]:
    """All syllables in order: 大通 → `['da', 'tong']`."""
    return [s for w in syllables_by_word(text, overrides) for s in w]


def initials(text: str, overrides: Overrides | None = None) -> str:
    """First letter of each syllable: 应急管理局 → `yjglj` (ASCII words are kept whole)."""
    return "".join(
        "".join(s[0] for s in sylls) if chinese else sylls[0]
        for chinese, sylls in _words(text, overrides)
    )


def name_keys(text: str, overrides: Overrides | None = None) -> list[str]:
    """Search keys for `text`: full pinyin, initials and, for several words, each word."""
    ws = syllables_by_word(text, overrides)
    candidates = [full_pinyin(text, overrides), initials(text, overrides)]
    if len(ws) > 1:
        candidates.extend("".join(w) for w in ws)
    seen: set[str] = set()
    out: list[str] = []
    for c in candidates:
        if c and c not in seen:
            seen.add(c)
            out.append(c)
    return out
