"""Who must act: the trailing parenthesis （…牵头…，…配合；各乡镇…负责） or 牵头单位：… lines.

Unit names are kept as printed and split on 、 and ， outside brackets, so that
`各乡镇（街道）政府（办事处）` stays one name.
"""

from __future__ import annotations

import re
from typing import Any

_OPEN, _CLOSE = "（(〔《", "）)〕》"

# Longest first: the verb that ends a clause decides the role of the names before it.
_VERB = re.compile(
    r"(分别牵头或按照?职责分工负责|分别牵头或分工负责|分别牵头负责|牵头负责|牵头|"
    r"按照?职责分工配合|配合|协助|按照?职责分工负责|分工负责|按照?职责负责|负责)$"
)
_FORWARD = re.compile(r"^以下均(?:需|由|要)?")
_NOT_LISTED = re.compile(r"^不再(?:一一)?列出$")
# `X、Y等安委会成员单位`: 等 followed by a collective tail means more units share the duty.
_AND_OTHERS = re.compile(r"等(?=[^、，]*(?:成员单位|有关部门|部门|单位)$)")
_TERRITORIAL = re.compile(r"^各.*(?:旗|市|区|县|乡|镇|街道|盟|州)|政府|管委会|办事处")
_MENTIONS_DUTY = re.compile(r"负责|牵头|配合")


def split_top(text: str, seps: str) -> list[str]:
    """Split on any of `seps` outside brackets; pieces are stripped, empty ones dropped."""
    parts, depth, cur = [], 0, []
    for ch in text:
        depth += (ch in _OPEN) - (ch in _CLOSE)
        if ch in seps and depth <= 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


# How the names of bodies end (局, 委员会, 办事处, 成员单位 …).
UNIT_END = re.compile(
    r"(?:局|委|办|部|院|厅|署|会|中心|队|站|所|公司|集团|政府|单位|部门|街道|乡镇|镇|乡|处|室|"
    r"组|馆|社|行|党委|党组|管委会|分局|支队|大队|企业|机构|法院|检察院|[）)])$"
)
_NOT_UNITS = re.compile(r"简称|以下|含|包括|试行|暂行|详见|附件|年|月|日|%|％|\d")
_AND = re.compile(r"[和及与]")


def split_names(text: str) -> list[str]:
    """Names separated by 、，, outside brackets; `A和B` / `A及B` split too when A ends as a
    body's name does (市委组织部和安委会成员单位), never inside a name (住房和城乡建设局)."""
    out: list[str] = []
    for name in split_top(text, "、，,"):
        out.extend(_split_and(name))
    return out


def _split_and(name: str) -> list[str]:
    for m in _AND.finditer(name):
        left, right = name[: m.start()], name[m.end() :]
        if len(left) >= 3 and UNIT_END.search(left) and len(right) >= 2 and UNIT_END.search(right):
            return [left, *_split_and(right)]
    return [name]


def looks_like_duty(text: str) -> bool:
    """Whether a parenthesis reads as a responsibility statement."""
    return bool(_MENTIONS_DUTY.search(text))


def looks_like_units(text: str) -> bool:
    """A parenthesis that only lists bodies (（安委会成员单位）, （市应急局、市消防救援支队）):
    each name ends as a body's name does, short forms (应急) allowed beside such names."""
    if _NOT_UNITS.search(text):
        return False
    names = [re.sub(r"等$", "", n) for n in split_names(re.sub(r"[；;]", "、", text))]
    names = [n for n in names if n]
    if not names or any(len(n) > 30 for n in names):
        return False
    suffixed = [n for n in names if UNIT_END.search(n)]
    return bool(suffixed) and all(UNIT_END.search(n) or len(n) <= 4 for n in names)


class _Builder:
    def __init__(self, text: str) -> None:
        self.out: dict[str, Any] = {"text": text}
        self.unassigned: list[str] = []

    def add(self, role: str, names: list[str]) -> None:
        bucket = self.out.setdefault(role, [])
        bucket.extend(n for n in names if n not in bucket)

    def names(self, part: str) -> list[str]:
        if m := _AND_OTHERS.search(part):
            self.out["and_others"] = True
            part = part[: m.start()]
        return split_names(part)


def _role(verb: str, names: list[str], has_lead: bool) -> str:
    if "或" in verb:
        return "responsible"
    if "牵头" in verb:
        return "lead"
    if "配合" in verb or "协助" in verb:
        return "support"
    if names and all(_TERRITORIAL.search(n) for n in names):
        return "local"
    return "support" if has_lead else "responsible"


def parse_responsibility(text: str) -> tuple[dict[str, Any], list[str]]:
    """Parse parenthesis content; returns the Responsibility dict and names left without
    a verb (kept as `responsible`, reported)."""
    b = _Builder(text)
    pending: list[str] = []
    for seg in split_top(text, "；;，,"):
        if _NOT_LISTED.match(seg):
            b.out["carries_forward"] = True
            continue
        if m := _FORWARD.match(seg):
            b.out["carries_forward"] = True
            seg = seg[m.end() :]
        verb = _VERB.search(seg)
        if not verb:
            pending.extend(b.names(seg))
            continue
        names = pending + b.names(seg[: verb.start()])
        pending = []
        b.add(_role(verb.group(1), names, "lead" in b.out), names)
    if pending:
        if "；" in text and all(_TERRITORIAL.search(n) for n in pending) and len(b.out) > 1:
            b.add("local", pending)  # `…负责；各乡镇人民政府、街道办事处`: the territorial duty
        else:
            b.add("responsible", pending)
            b.unassigned.extend(pending)
    return b.out, b.unassigned


_ROLE_OF_LINE = {"牵头": "lead", "主办": "lead", "配合": "support", "协办": "support"}


def parse_role_lines(lines: list[tuple[str, str]]) -> dict[str, Any]:
    """`牵头单位：A、B` / `配合单位：C` / `责任单位：D` lines (label, names)."""
    b = _Builder("\n".join(f"{label}：{names}" for label, names in lines))
    for label, names in lines:
        b.add(_ROLE_OF_LINE.get(label[:2], "responsible"), b.names(names))
    return b.out


_PAIRS = {"）": "（)", ")": "（(", "〕": "〔", "】": "【", "]": "[", "］": "［"}


def trailing_paren(text: str) -> tuple[str, str] | None:
    """Split `…（content）` / `…（content）。` into (before, content) if it ends so; any
    bracket style: （） () 〔〕 【】 [] ［］ (half- and full-width round ones mix in web copies)."""
    stripped = text.rstrip("。. ;；")
    if not stripped or stripped[-1] not in _PAIRS:
        return None
    close = stripped[-1]
    closes = "）)" if close in "）)" else close
    opens = _PAIRS[close]
    depth = 0
    for i in range(len(stripped) - 1, -1, -1):
        ch = stripped[i]
        depth += (ch in closes) - (ch in opens)
        if depth == 0:
            return text[:i].rstrip(), stripped[i + 1 : -1].strip()
    return None
