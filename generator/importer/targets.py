"""Quantitative targets: 达标率为100%, 不低于75%, 增加2家, 力争创建1-2处….

A target is a value the plan sets out to reach: a rate or share (达标率为100%, 占比不低于60%)
or a count to reach or add (增加2家, 力争创建1-2处).  Caps and technical specifications are
not targets: 不得超过 25 人 (a rule quoted from a regulation), 间距不大于 120 米, 不应超过 150 米,
6 小时以上的容量 (how a thing must be built).  So

- percentages are targets unless a specification word governs them (不得超过, 不应超过, 不大于 …);
- counts are targets only with a word that raises them (不少于, 不低于, 达到, 增加, 新增, 创建 …);
  measures (米, 小时, 平方米 …) never are.

The indicator is the clause's wording before the comparator, without leading connectives or
verbs (其中, 确保, 力争创建 …); a clause starts after a comma or full stop, or inside an
unclosed bracket — a bracket pair inside the clause (维修工作面（点）…) does not cut it.
Comparators: 为/达/达到/提高到 (the value reached) → `=`, 不低于/不少于/…以上 → `>=`,
不超过/控制在/…以下 → `<=`; 增加 N 家 → `=` with the indicator `…增加`; a range 1-2 处 →
the lower bound with `>=` (the range stays in the indicator: `…创建数量（力争 1-2 处）`).
`by` is the last deadline stated earlier in the same sentence (`到2025年，…不低于…75%`).
"""

from __future__ import annotations

import re
from typing import Any

from .timephrases import Found

_CMP_WORDS = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("达到", "="),
    ("提高到", "="),
    ("提高至", "="),
    ("提升到", "="),
    ("提升至", "="),
    ("增加", "="),
    ("新增", "="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("控制在", "<="),
    ("降低到", "<="),
    ("降低至", "<="),
    ("下降到", "<="),
    ("低于", "<"),
    ("高于", ">"),
    ("超过", ">"),
    ("达", "="),
    ("为", "="),
)
# Wording of a specification or a rule, not of a target.
_SPEC_WORDS = ("不得超过", "不应超过", "不得大于", "不应大于", "不大于")
_SPEC_WORDS += ("不得小于", "不应小于", "不小于")
_CMP = re.compile("|".join([*_SPEC_WORDS, *(w for w, _ in _CMP_WORDS)]))
_CMP_OF = dict(_CMP_WORDS)
_NUM = r"(?P<num>\d+(?:\.\d+)?)"
_PERCENT = re.compile(rf"{_NUM}\s*[%％](?P<suffix>\s*(?:以上|以下|以内))?")
_COUNT_UNITS = "家|人|处|个|项|所|座|支|台|套|条|次|万元|亿元"
_QUANTITY = re.compile(rf"(?P<cmp>不少于|不低于|增加|达到)\s*{_NUM}\s*(?P<unit>{_COUNT_UNITS})")
# 力争创建 1-2 处一级达标矿井: a count of things to create.
_CREATE = re.compile(
    r"(?P<aim>(?:力争|争取|努力)?)\s*(?P<verb>创建|新建|建成|培育|打造|新增)\s*"
    rf"{_NUM}(?:\s*(?P<dash>[-—–~至到])\s*(?P<hi>\d+))?\s*(?P<unit>{_COUNT_UNITS})"
    r"(?P<what>[^，。；：,;:（(）)]{2,16})(?=[，。；：,;:（(]|$)"
)
# Connectives and verbs that open a clause but are not part of what is measured.
_LEAD_WORDS = re.compile(r"^(?:其中|同时|并且|并|且|确保|力争|争取|努力|实现|创建|推动|使)+")
_SENTENCE_START = re.compile(r"[。；;]")
# The subject of a clause: the words before its first adverb or modal (矿井全部实现… → 矿井).
_SUBJECT = re.compile(r"^(?P<s>[^，。；：,;:]{2,20}?)(?:全部|均|都|全面|基本|要|应|必须)")


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause ending at `pos`: after the last comma or stop outside brackets,
    or after an opening bracket that is not closed before `pos`."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and ch in "，。；：,;:":
            return i + 1
    return 0


def _sentence_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _SENTENCE_START.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


def _by(deadlines: list[Found], text: str, pos: int) -> Any:
    start = _sentence_start(text, pos)
    before = [f for f in deadlines if start <= f.start < pos]
    return before[-1].value["date"] if before else None


def _indicator(wording: str, text: str, start: int) -> str:
    """`wording` without leading connectives; `其中X` → `<subject of the previous clause>中X`
    (省骨干煤炭企业直管矿井全部实现…，其中一级达标矿井占比… → …直管矿井中一级达标矿井占比)."""
    wording = wording.strip()
    if wording.startswith("其中") and start > 1 and text[start - 1] in "，,":
        previous = text[_clause_start(text, start - 1) : start - 1].strip()
        if (m := _SUBJECT.match(previous)) and not _LEAD_WORDS.match(m.group("s")):
            return f"{m.group('s')}中{_LEAD_WORDS.sub('', wording).strip()}"
    return _LEAD_WORDS.sub("", wording).strip()


def _comparator_in(clause: str) -> re.Match[str] | None:
    """The comparator that governs the number at the end of `clause`: close to it and not
    inside the indicator's own wording (`达标矿井占比` is not `达`)."""
    found = None
    for c in _CMP.finditer(clause):
        gap = clause[c.end() :]
        if len(gap.strip()) <= 8 and not re.search(r"[率比]", gap):
            found = c
    return found


def _target(text: str, start: int, m: re.Match[str], unit: str, deadlines: list[Found]):
    clause = text[start : m.start("num")]
    cmp_match = _comparator_in(clause)
    if cmp_match and cmp_match.group(0) in _SPEC_WORDS:
        return None
    word = cmp_match.group(0) if cmp_match else ""
    indicator = _indicator(clause[: cmp_match.start()] if cmp_match else clause, text, start)
    gap = clause[cmp_match.end() :].strip() if cmp_match else ""
    if unit == "%" and gap.endswith("的") and len(gap) > 1:
        indicator = f"{indicator}占{gap[:-1]}比例"  # 人员不低于在职人员的75%
    if word in ("增加", "新增"):
        indicator += word
    if not indicator:
        return None
    comparator = _CMP_OF.get(word, "=")
    suffix = (m.groupdict().get("suffix") or "").strip()
    if suffix == "以上":
        comparator = ">="
    elif suffix in ("以下", "以内"):
        comparator = "<="
    out: dict[str, Any] = {
        "indicator": indicator,
        "value": float(m.group("num")),
        "unit": unit,
        "comparator": comparator,
        "phrase": text[start : m.end()].strip(),
    }
    if by := _by(deadlines, text, start):
        out["by"] = by
    return out


def _created(text: str, m: re.Match[str], deadlines: list[Found]) -> dict[str, Any]:
    """力争创建 1-2 处一级达标矿井 → 一级达标矿井创建数量（力争 1-2 处）, >= 1."""
    indicator = f"{m.group('what').strip()}{m.group('verb')}数量"
    if m.group("hi"):
        span = f"{m.group('num')}-{m.group('hi')} {m.group('unit')}"
        indicator += f"（{m.group('aim')} {span}）" if m.group("aim") else f"（{span}）"
    out: dict[str, Any] = {
        "indicator": indicator,
        "value": float(m.group("num")),
        "unit": m.group("unit"),
        "comparator": ">=" if m.group("hi") else "=",
        "phrase": m.group(0).strip(),
    }
    if by := _by(deadlines, text, m.start()):
        out["by"] = by
    return out


def find_targets(text: str, deadlines: list[Found], item: str | None = None) -> list[dict]:
    """Percent and count targets in `text`, in text order."""
    found: list[tuple[int, dict[str, Any]]] = []
    for m in _PERCENT.finditer(text):
        start = _clause_start(text, m.start())
        if t := _target(text, start, m, "%", deadlines):
            found.append((m.start(), t))
    for m in _QUANTITY.finditer(text):
        start = _clause_start(text, m.start())
        if t := _target(text, start, m, m.group("unit"), deadlines):
            found.append((m.start(), t))
    taken = [pos for pos, _ in found]
    for m in _CREATE.finditer(text):
        if not any(m.start() <= pos < m.end() for pos in taken):
            found.append((m.start(), _created(text, m, deadlines)))
    out = [t for _, t in sorted(found, key=lambda f: f[0])]
    if item:
        for t in out:
            t["item"] = item
    return out
