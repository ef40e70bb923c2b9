"""Extraction-noise cleanup that never drops a meaningful character.

Every change is counted by kind so the report can say what was removed.  Only noise is
touched: spaces inside CJK runs or next to full-width punctuation (PDF extraction),
`**` emphasis markers, `[bookmark: …]` anchors, and lines broken mid-sentence.  Spaces
between a digit or a Latin word and CJK (`2024 年`, `CCC 认证`) are typing style, not noise,
and are kept.
"""

from __future__ import annotations

import re
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
# A line that ends one of these is complete; anything else may continue on the next line.
_TERMINAL = "。！？；：!?;:）)"


class NoiseLog(Counter[str]):
    """Counts of each kind of cleanup, for the report."""


def clean_line(line: str, log: NoiseLog) -> str:
    """Remove in-line noise from one line."""
    line, n = _BOOKMARK.subn("", line)
    log["bookmark anchors `[bookmark: …]`"] += n
    line, n = _EMPHASIS.subn("", line)
    log["emphasis markers `**`"] += n
    line, n = _NOISE_SPACE.subn("", line)
    log["spaces inside CJK text"] += n
    stripped = line.strip(" \t\u00a0\u3000\r\ufeff")
    if stripped != line and stripped:
        log["leading/trailing spaces"] += 1
    return stripped


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
