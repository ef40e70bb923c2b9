"""Numbering markers of Chinese plan texts: 一、 / （一） / 1. / 牵头单位：…"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零一二三四五六七八九十百两"
_CN = f"[{CN_DIGITS}]+"

#: 一、总体要求
CHAPTER = re.compile(rf"^({_CN})、\s*(.*)$", re.S)
#: （一）指导思想。… / (四) 开展… / （ 二）
SECTION = re.compile(rf"^([（(]\s*({_CN})\s*[）)])\s*(.*)$", re.S)
#: 1. / 1． / 1、  (not 1.5)
TASK = re.compile(r"^((\d{1,3})\s*[.．、])(?!\d)\s*(.*)$", re.S)
#: 牵头单位：… / 配合单位：… / 责任单位：…
ROLE_LINE = re.compile(r"^(牵头|配合|责任|协办|主办)(单位|部门)\s*[：:]\s*(.*)$", re.S)

_HEADING_MAX = 40
_TASK_HEADING_MAX = 16


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二十三 → 23; None when it is not a small Chinese numeral."""
    values = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    if not text or any(c not in values and c != "十" for c in text):
        return None
    if "十" not in text:
        return values[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (values[tens] if tens else 1) * 10 + (values[ones] if ones else 0)


def is_heading_line(line: str) -> bool:
    """A bare heading line (no sentence inside): `一、总体要求`, `（一）加强…领导`."""
    if len(line) > _HEADING_MAX or "。" in line:
        return False
    if m := TASK.match(line):
        # `9.因地制宜…会商机` is a sentence broken by the extraction; `1.加强组织领导` a heading.
        return len(m.group(3)) <= _TASK_HEADING_MAX and not re.search(r"[，；：]", line)
    return bool(CHAPTER.match(line) or SECTION.match(line))


def starts_block(line: str) -> bool:
    """The line opens a new block, so the previous line cannot continue into it."""
    return bool(
        CHAPTER.match(line) or SECTION.match(line) or TASK.match(line) or ROLE_LINE.match(line)
    )


@dataclass
class Marker:
    level: str
    """`chapter`, `section`, `task` or `role`."""
    printed: str
    """The marker as printed: `一`, `（一）`, `1`, `牵头单位`."""
    number: int | None
    rest: str


def parse_marker(para: str) -> Marker | None:
    """The numbering marker a paragraph starts with, if any."""
    if m := CHAPTER.match(para):
        return Marker("chapter", m.group(1), cn_to_int(m.group(1)), m.group(2))
    if m := SECTION.match(para):
        printed = re.sub(r"\s+", "", m.group(1))
        return Marker("section", printed, cn_to_int(m.group(2)), m.group(3))
    if m := TASK.match(para):
        return Marker("task", m.group(2), int(m.group(2)), m.group(3))
    if m := ROLE_LINE.match(para):
        return Marker("role", m.group(1) + m.group(2), None, m.group(3))
    return None
