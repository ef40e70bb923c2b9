"""Extraction-noise cleanup that never drops a meaningful character.

Every change is counted by kind so the report can say what was removed.  Only noise is
touched: spaces inside CJK runs or next to full-width punctuation (PDF extraction),
`**` emphasis markers, `[bookmark: …]` anchors, and lines broken mid-sentence.  Spaces
between a digit or a Latin word and CJK (`2024 年`, `CCC 认证`) are typing style, not noise,
and are kept, a run of them as one space (`2025  年底前` → `2025 年底前`).  Inside a document
title (《…》) the space between two joint issuers is meaningful and kept as one space:
《中共中央办公厅 国务院办公厅关于…》.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .markers import CHAPTER, ROLE_LINE, SECTION, is_heading_line, starts_block

# CJK ideographs plus the punctuation used in Chinese running text.
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FULL_PUNCT = (
    r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201d\u2026\u2014"
)
_SPACE = r"[ \t\u00a0\u3000]+"

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_EMPHASIS = re.compile(r"\*\*")
# A space is noise when it sits between two CJK characters / full-width punctuation marks,
# or touches a full-width punctuation mark on either side.
_NOISE_SPACE = re.compile(
    rf"(?<=[{_CJK}{_FULL_PUNCT}]){_SPACE}(?=[{_CJK}{_FULL_PUNCT}])"
    rf"|(?<=[{_FULL_PUNCT}]){_SPACE}(?=\S)"
    rf"|(?<=\S){_SPACE}(?=[{_FULL_PUNCT}])"
)
# Joint issuers in a document title: the left run ends with an organisation suffix, the right
# one begins with an organisation name (a central body, or a place name with its level).
_ORG_END = re.compile(
    r"(?:办公厅|办公室|委员会|人民政府|政府|党委|省委|市委|区委|县委|部|局|厅|署|委|办|院)$"
)
_ORG_START = re.compile(
    rf"(?:国务院|中共|中央|全国|国家|最高人民|[{_CJK}]{{1,7}}?(?:自治区|省|市|县|盟|旗|州)"
    r"(?:委员会|委|人民政府|政府|人大|政协|[^关于《》，。、]{0,8}?(?:局|厅|委|办|部)))"
)
_RUN_OF_SPACES = re.compile(r"[ \t\u00a0\u3000]{2,}")
# A line that ends one of these is complete; anything else may continue on the next line.
_TERMINAL = "。！？；：!?;:）)"


# Kangxi radicals (U+2F00…) and CJK radical supplements printed for ideographs by some PDF
# producers' font maps (⼀ ⼤ ⼈ for 一 大 人): each becomes the ideograph NFKC gives it.
_RADICALS = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6)]
    if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}
# The simplified-form radicals have no NFKC mapping: the ideograph each stands for.
_RADICALS |= {
    ord(r): c
    for r, c in zip(
        "⺠⻛⻓⻔⻢⻅⻚⻉⻋⻘⻜⻥⻦⻩⻬⻮⻰⺩⻄⻆⻙⻈",
        "民风长门马见页贝车青飞鱼鸟黄齐齿龙王西角韦讠",
        strict=True,
    )
}
_RADICAL = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")


class NoiseLog(Counter[str]):
    """Counts of each kind of cleanup, for the report."""


def clean_line(line: str, log: NoiseLog) -> str:
    """Remove in-line noise from one line."""
    line, n = _BOOKMARK.subn("", line)
    log["bookmark anchors `[bookmark: …]`"] += n
    line, n = _EMPHASIS.subn("", line)
    log["emphasis markers `**`"] += n
    if _RADICAL.search(line):
        before = line
        line = line.translate(_RADICALS)
        log["radicals printed for ideographs (⼤ → 大)"] += sum(
            a != b for a, b in zip(before, line, strict=True)
        )
    kept = 0

    def noise(m: re.Match[str]) -> str:
        nonlocal kept
        if _joint_issuers(m.string, m.start(), m.end()):
            kept += 1
            return " "
        return ""

    line, n = _NOISE_SPACE.subn(noise, line)
    log["spaces inside CJK text"] += n - kept
    log["spaces between joint issuers in a title kept"] += kept
    stripped = line.strip(" \t\u00a0\u3000\r\ufeff")
    if stripped != line and stripped:
        log["leading/trailing spaces"] += 1
    stripped, n = _RUN_OF_SPACES.subn(" ", stripped)
    log["runs of spaces made one space"] += n
    return stripped


def _joint_issuers(line: str, start: int, end: int) -> bool:
    """A space inside 《…》 between `…办公厅` and `国务院…` (two issuing bodies)."""
    if line.rfind("《", 0, start) <= line.rfind("》", 0, start):
        return False
    left = re.split(r"[《〈“”、，\s]", line[:start])[-1]
    return bool(_ORG_END.search(left) and _ORG_START.match(line[end:]))


def clean_lines(text: str, log: NoiseLog) -> list[str]:
    """Cleaned non-empty lines; blank lines carry no meaning in these texts."""
    out = []
    for raw in text.splitlines():
        line = clean_line(raw, log)
        if line:
            out.append(line)
    return out


def _joinable(prev: str, nxt: str) -> bool:
    if prev[-1] in _TERMINAL or is_heading_line(prev) or ROLE_LINE.match(prev):
        return False
    return not (is_heading_line(nxt) or starts_block(nxt))


def join_broken(lines: list[str], log: NoiseLog) -> list[str]:
    """Join lines broken mid-sentence (no closing punctuation, next line not a heading)."""
    out: list[str] = []
    for line in lines:
        if out and _joinable(out[-1], line):
            out[-1] = _glue(out[-1], line)
            log["lines broken mid-sentence joined"] += 1
        else:
            out.append(line)
    return out


def _glue(left: str, right: str) -> str:
    """Join two pieces, keeping a space only between two Latin/digit characters."""
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


# A section heading and the first numbered task on one line (`（七）…行动。21.推动…`).
_INLINE_TASK = re.compile(r"(?<=。)\s*(?=\d{1,3}[.．](?!\d))")


def split_inline_headings(paras: list[str], log: NoiseLog) -> list[str]:
    """Split `（七）开展…行动。21.推动…` into the heading and the task."""
    out: list[str] = []
    for para in paras:
        parts = _INLINE_TASK.split(para, maxsplit=1) if is_heading_start(para) else [para]
        if len(parts) == 2 and parts[1]:
            log["heading and first task on one line split"] += 1
            out.extend(parts)
        else:
            out.append(para)
    return out


def is_heading_start(para: str) -> bool:
    return bool(CHAPTER.match(para) or SECTION.match(para))
