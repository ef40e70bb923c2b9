"""Domain-to-lead-unit assignments stated in prose: `区住建局牵头负责建筑施工、燃气…等安全`."""

from __future__ import annotations

import re
from typing import Any

from .responsibility import split_names, split_top

_LEAD = re.compile(r"^(?:其中[：:])?(?P<units>[^，；。]+?)牵头负责(?P<domains>.+)$")
_TAIL = re.compile(r"(?:等安全|等)$")
# A clause that does not end in 等安全 may end in the duty itself (…大型群众性活动实施安全管理等):
# the verb and what follows it are not part of the last domain.
_DUTY = re.compile(
    r"(?:的|实施|开展|进行|加强|落实|强化|组织|做好|抓好)(?:安全)?(?:监督管理|管理|监管|工作|检查)$"
)
_MIN_CLAUSES = 2


def find_domain_leads(text: str) -> list[dict[str, Any]]:
    """Every `X牵头负责A、B等安全` clause of a sentence that has at least two of them."""
    out: list[dict[str, Any]] = []
    for sentence in re.split(r"(?<=。)", text):
        clauses = [c for c in split_top(sentence.rstrip("。"), "，；") if "牵头负责" in c]
        if len(clauses) < _MIN_CLAUSES:
            continue
        for clause in clauses:
            out.extend(_leads(clause))
    return out


def _leads(clause: str) -> list[dict[str, Any]]:
    m = _LEAD.match(clause)
    if not m:
        return []
    domains = split_names(_TAIL.sub("", m.group("domains").strip()))
    if domains and (last := _DUTY.sub("", domains[-1])) and len(last) >= 2:
        domains[-1] = last
    units = split_names(m.group("units"))
    if not domains:
        return []
    phrase = re.sub(r"^其中[：:]", "", clause)
    return [{"unit": u, "domains": domains, "phrase": phrase} for u in units]
