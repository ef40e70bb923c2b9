"""Sub-items of a task: `主要有2项任务：一是…；二是…`.

Markers must run in order from 一是 and stand at the start of the paragraph or after a
punctuation mark, so `统一是` or a stray 三是 inside a sentence is not taken for one.
"""

from __future__ import annotations

import re

from .markers import cn_to_int

_ITEM = re.compile(r"(?:^|(?<=[：:；;。，,！？]))\s*([一二三四五六七八九十]+是)")


def split_items(para: str) -> tuple[str, list[tuple[str, str]]]:
    """(text before the first item, [(marker, item text)…]); no items → (para, [])."""
    cuts: list[tuple[int, int, str]] = []
    expected = 1
    for m in _ITEM.finditer(para):
        if cn_to_int(m.group(1)[:-1]) == expected:
            cuts.append((m.start(1), m.end(1), m.group(1)))
            expected += 1
    if len(cuts) < 2:
        return para, []
    head = para[: cuts[0][0]].strip()
    items = []
    for i, (_, end, marker) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(para)
        items.append((marker, para[end:stop].strip()))
    return head, items
