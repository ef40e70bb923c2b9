"""Quantitative targets: 达标率为100%, 不低于75%, 不得超过 25 人.

The indicator is the clause's wording before the comparator; `by` is the last deadline
stated earlier in the same sentence (`到2025年，…不低于…75%`).
"""

from __future__ import annotations

import re
from typing import Any

from .timephrases import Found

_CMP_WORDS = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("达到", ">="),
    ("提高到", ">="),
    ("提升至", ">="),
    ("增加", ">="),
    ("不得超过", "<="),
    ("不应超过", "<="),
    ("不超过", "<="),
    ("不大于", "<="),
    ("不高于", "<="),
    ("控制在", "<="),
    ("降低到", "<="),
    ("低于", "<"),
    ("高于", ">"),
    ("超过", ">"),
    ("达", ">="),
    ("为", "="),
)
_CMP = re.compile("|".join(w for w, _ in _CMP_WORDS))
_CMP_OF = dict(_CMP_WORDS)
_NUM = r"(?P<num>\d+(?:\.\d+)?)"
_PERCENT = re.compile(rf"{_NUM}\s*[%％](?P<suffix>\s*(?:以上|以下|以内))?")
_UNITS = "家|人|处|个|项|所|座|支|台|套|条|米|小时|吨|万元|亿元"
_QUANTITY = re.compile(
    rf"(?P<cmp>不得超过|不应超过|不超过|不大于|不小于|不低于|不少于|增加|达到)\s*{_NUM}\s*(?P<unit>{_UNITS})"
)
_CLAUSE_START = re.compile(r"[，。；：,;:（(]")
_SENTENCE_START = re.compile(r"[。；;]")


def _clause_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


def _sentence_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _SENTENCE_START.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


def _by(deadlines: list[Found], text: str, pos: int) -> Any:
    start = _sentence_start(text, pos)
    before = [f for f in deadlines if start <= f.start < pos]
    return before[-1].value["date"] if before else None


def _target(text: str, start: int, m: re.Match[str], unit: str, deadlines: list[Found]):
    clause = text[start : m.start("num")]
    cmp_match = None
    for c in _CMP.finditer(clause):
        # The comparator governs the number only when close to it and not inside the
        # indicator's own wording (`达标矿井占比` is not `达`).
        gap = clause[c.end() :]
        if len(gap.strip()) <= 8 and not re.search(r"[率比]", gap):
            cmp_match = c
    indicator = clause[: cmp_match.start()] if cmp_match else clause
    indicator = indicator.strip()
    if not indicator:
        return None
    comparator = _CMP_OF[cmp_match.group(0)] if cmp_match else "="
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


def find_targets(text: str, deadlines: list[Found], item: str | None = None) -> list[dict]:
    """Percent and quantity targets in `text`."""
    out = []
    for m in _PERCENT.finditer(text):
        if t := _target(text, _clause_start(text, m.start()), m, "%", deadlines):
            out.append(t)
    for m in _QUANTITY.finditer(text):
        start = _clause_start(text, m.start())
        if t := _target(text, start, m, m.group("unit"), deadlines):
            out.append(t)
    if item:
        for t in out:
            t["item"] = item
    return out
