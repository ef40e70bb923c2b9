"""What follows the plan's last task in an official document, taken off the body's end.

From the end backwards: 印发机关和印发日期 and 抄送机关 (版记, 抄送 possibly over several
lines), 附注 (`（此件公开发布）`), a copies count (`（共印50份）`), the 成文日期 and 发文机关署名
of a plan signed at its end, and the 附件说明 above the signature.  Each goes into its
cover-letter field (`cover.take_back_line` and friends), never into the last task's text.
"""

from __future__ import annotations

import re
from typing import Any

from .cover import CC, PRINTED, REMARK, _attachments, _issuer_line, parse_date, take_back_line

_COPIES = re.compile(r"^[（(]?\s*共印\s*\d+\s*份\s*[）)]?$")
_TAIL_LINES = 16
"""How far from the end back matter is looked for (lines)."""


def split_back(lines: list[str], cover: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """(body without its back matter, the fields found); `cover` tells what the front
    already has (a field is never overwritten)."""
    found: dict[str, Any] = {}
    end = len(lines)
    stop = max(0, end - _TAIL_LINES)
    while end > stop:
        line = lines[end - 1]
        if cc_start := _cc_start(lines, end, stop):
            joined = "".join(lines[cc_start:end])
            if "cc_text" not in cover and "cc_text" not in found:
                take_back_line(found, joined)
                end = cc_start
                continue
        if _printed_split(lines, end) and "printed_text" not in found:
            take_back_line(found, f"{lines[end - 2]} {line}")
            end -= 1
        elif PRINTED.match(line) and "printed_text" not in cover and "printed_text" not in found:
            take_back_line(found, line)
        elif REMARK.match(line) and "remark" not in cover and "remark" not in found:
            found["remark"] = line
        elif _COPIES.match(line):
            found.setdefault("_copies", line)
        else:
            break
        end -= 1
    end = _signed(lines, end, cover, found)
    if copies := found.pop("_copies", None):
        found["printed_text"] = f"{found.get('printed_text', '')}\n{copies}".strip()
    return lines[:end], found


def _cc_start(lines: list[str], end: int, stop: int) -> int | None:
    """Index where a 抄送 line that ends at `end` (wrapped over up to 3 lines) starts; only
    its last line may end the sentence (。)."""
    for start in range(end - 1, max(stop, end - 3) - 1, -1):
        if start < end - 1 and lines[start].endswith("。"):
            return None
        if CC.match(lines[start]):
            return start
        if PRINTED.match(lines[start]) or REMARK.match(lines[start]):
            return None
    return None


def _printed_split(lines: list[str], end: int) -> bool:
    """`某市人民政府办公室` / `2024年3月8日印发` on two lines."""
    if end < 2 or not lines[end - 1].endswith("印发"):
        return False
    if (m := PRINTED.match(lines[end - 1])) and m.group("by").strip():
        return False
    return bool(PRINTED.match(f"{lines[end - 2]} {lines[end - 1]}")) and _issuer_line(
        lines[end - 2]
    )


def _signed(lines: list[str], end: int, cover: dict[str, Any], found: dict[str, Any]) -> int:
    """Take a signature (issuer lines) + date at the end of the body, and the 附件说明 above
    them, when the front has no signature and date of its own."""
    if "date_text" in cover or end < 2 or parse_date(lines[end - 1]) is None:
        return end
    first = end - 1
    while first > 0 and end - 1 - first < 4 and _issuer_line(lines[first - 1]):
        first -= 1
    found["date_text"] = lines[end - 1]
    if first < end - 1 and "signature" not in cover:
        found["signature"] = " ".join(lines[first : end - 1])
    end = first
    for start in range(end - 1, max(0, end - 8) - 1, -1):
        if re.match(r"^附\s*件\s*[：:]", lines[start]):
            rest = lines[start].split("：", 1)[-1].split(":", 1)[-1].strip()
            after = _attachments(found, lines, start + 1, rest)
            if after == end:
                return start
            found.pop("attachments_text", None)
            found.pop("attachments", None)
            break
    return end
