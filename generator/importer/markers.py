"""Numbering markers of Chinese plan texts: 一、 / （一） / 1. / （1） / ① / 第一条 / 牵头单位：…

Which level a numbering style stands for is decided per document (`detect_levels`): the
styles the text uses in sequence (一, 二 … under one parent) are ranked as GB/T 9704 orders
them (一、 > （一） > 1. > （1）), and the top one present opens chapters, the next ones
sections, tasks and sub-items.  A plan numbered (一) → 1. has chapters (一)…; one numbered
一、 → （1） has tasks （1）…; half- and full-width brackets are one style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

CN_DIGITS = "零一二三四五六七八九十百两"
_CN = f"[{CN_DIGITS}]+"

#: 一、总体要求
CHAPTER = re.compile(rf"^({_CN})(?:、|[.．](?!\d))\s*(.*)$", re.S)
#: （一）指导思想。… / (四) 开展… / （ 二）
SECTION = re.compile(rf"^([（(]\s*({_CN})\s*[）)])\s*(.*)$", re.S)
#: 1. / 1． / 1、  (not 1.5)
TASK = re.compile(r"^((\d{1,5})\s*[.．、])(?!\d)\s*(.*)$", re.S)
#: 第一章 / 第一部分 / 第一节 / 第一条
ORDINAL = re.compile(rf"^(第\s*({_CN})\s*(章|部分|篇|节|条))\s*(.*)$", re.S)
#: （1） / (1) / 1） / 1) / ①
PAREN_NUMBER = re.compile(r"^([（(]\s*(\d{1,3})\s*[）)])\s*(.*)$", re.S)
HALF_PAREN_NUMBER = re.compile(r"^((\d{1,3})\s*[）)])\s*(.*)$", re.S)
CIRCLED = re.compile(r"^([①-⑳])\s*(.*)$", re.S)
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
        CHAPTER.match(line)
        or SECTION.match(line)
        or TASK.match(line)
        or ROLE_LINE.match(line)
        or ORDINAL.match(line)
        or PAREN_NUMBER.match(line)
        or CIRCLED.match(line)
    )


@dataclass
class Marker:
    level: str
    """`chapter`, `section`, `task`, `item` or `role`."""
    printed: str
    """The marker as printed: `一`, `（一）`, `1`, `牵头单位`."""
    number: int | None
    rest: str


_ORDINAL_STYLE = {"章": "第章", "部分": "第章", "篇": "第章", "节": "第节", "条": "第条"}
RANK = ("第章", "cn、", "第节", "(cn)", "第条", "n.", "(n)", "n)", "circled")
"""Numbering styles, outermost first (GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）)."""
_DEFAULT_SLOT = {"第章": 0, "cn、": 0, "第节": 1, "(cn)": 1, "第条": 2, "n.": 2}
_DEFAULT_SLOT |= {"(n)": 3, "n)": 3, "circled": 3}
SLOTS = ("chapter", "section", "task", "item")
CONVENTIONAL = {"cn、": "chapter", "(cn)": "section", "n.": "task"}
"""The levels when a text is parsed without `detect_levels` (one paragraph at a time)."""
_LEVELS: ContextVar[dict[str, str]] = ContextVar("levels", default=CONVENTIONAL)


@dataclass
class Styled:
    style: str
    printed: str
    number: int | None
    rest: str


def styled(para: str) -> Styled | None:
    """The numbering style a paragraph starts with, whatever level it stands for."""
    if m := CHAPTER.match(para):
        return Styled("cn、", m.group(1), cn_to_int(m.group(1)), m.group(2))
    if m := SECTION.match(para):
        return Styled("(cn)", re.sub(r"\s+", "", m.group(1)), cn_to_int(m.group(2)), m.group(3))
    if m := ORDINAL.match(para):
        printed = re.sub(r"\s+", "", m.group(1))
        return Styled(_ORDINAL_STYLE[m.group(3)], printed, cn_to_int(m.group(2)), m.group(4))
    if m := TASK.match(para):
        return Styled("n.", m.group(2), int(m.group(2)), m.group(3))
    if m := PAREN_NUMBER.match(para):
        return Styled("(n)", re.sub(r"\s+", "", m.group(1)), int(m.group(2)), m.group(3))
    if m := HALF_PAREN_NUMBER.match(para):
        return Styled("n)", m.group(1), int(m.group(2)), m.group(3))
    if m := CIRCLED.match(para):
        return Styled("circled", m.group(1), ord(m.group(1)) - ord("①") + 1, m.group(2))
    return None


def detect_levels(paras: list[str]) -> dict[str, str]:
    """style → `chapter`/`section`/`task`/`item` for the styles this text numbers in sequence
    (a 1 followed later by a 2; for 一、 （一） 1. a 1 is enough); see the module docstring."""
    seen_one: set[str] = set()
    present: set[str] = set()
    for para in paras:
        s = styled(para)
        if s is None or s.number is None:
            continue
        if s.number == 1:
            seen_one.add(s.style)
            if s.style in CONVENTIONAL:  # 一、 （一） 1. alone still open a level
                present.add(s.style)
        elif s.number == 2 and s.style in seen_one:
            present.add(s.style)
    ordered = [style for style in RANK if style in present]
    levels: dict[str, str] = {}
    slot = -1
    for i, style in enumerate(ordered):
        default = _DEFAULT_SLOT[style]
        slot = 0 if i == 0 and default <= 1 else max(default, slot + 1)
        # deeper styles are sub-items too: each task's sub-items follow the style it opens
        # them with (（1） under one article, ① under another)
        levels[style] = SLOTS[min(slot, len(SLOTS) - 1)]
    if "task" not in levels.values():
        first_item = next((s for s in ordered if levels.get(s) == "item"), None)
        if first_item:
            levels[first_item] = "task"
    return levels


@contextmanager
def numbering_levels(levels: dict[str, str]) -> Iterator[None]:
    """Parse markers with these levels inside the block."""
    token = _LEVELS.set(levels)
    try:
        yield
    finally:
        _LEVELS.reset(token)


def parse_marker(para: str) -> Marker | None:
    """The numbering marker a paragraph starts with, if any, at the level its style has in
    this document (`numbering_levels`)."""
    if m := ROLE_LINE.match(para):
        return Marker("role", m.group(1) + m.group(2), None, m.group(3))
    s = styled(para)
    if s is None:
        return None
    level = _LEVELS.get().get(s.style)
    if level is None:
        return None
    return Marker(level, s.printed, s.number, s.rest)
