"""Split a cleaned text into the cover letter, the plan title and the plan body.

The plan title is the first line that names a plan (…方案 / …规划 / …清单) and is not the
notice title (关于印发《…》的通知) or a sentence.  A title broken over two lines by the PDF
extraction (`禹州市安全生产治本攻坚` / `三年行动实施方案（…）`) is re-joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import starts_block

_PLAN_WORD = re.compile(
    r"(方案|规划|清单|计划|要点|意见|办法|细则|措施|(?:分工|分解|任务|台账|一览)表?|分工)"
    r"\s*([（(][^）)]*[）)])?$"
)
_SENTENCE = re.compile(r"[。，：；:;]")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_ISSUER_END = re.compile(r"(委员会|政府|办公室|办公厅|局|厅|部|指挥部|（章）|文件)$")
_SEARCH_LINES = 40


@dataclass
class Front:
    cover: list[str] = field(default_factory=list)
    title: str | None = None
    title_lines: int = 0
    body: list[str] = field(default_factory=list)


_TITLE_MIN = 6
"""A plan title names its subject: shorter lines (a menu's 规划计划) are not titles."""


def _is_title_line(line: str) -> bool:
    if "《" in line or "印发" in line or line.endswith("通知") or _SENTENCE.search(line):
        return False
    if "|" in line or len(line) < _TITLE_MIN:
        return False
    return bool(_PLAN_WORD.search(line)) and len(line) <= 80 and not starts_block(line)


def _is_title_head(line: str) -> bool:
    """A line that can be the first half of a title broken in two."""
    return not (
        len(line) > 30
        or re.match(r"^[（(].*[）)]$", line)
        or _SENTENCE.search(line)
        or _DATE_LINE.match(line)
        or _ISSUER_END.search(line)
        or re.search(r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*第?\s*\d+\s*号", line)
        or "关于" in line
        or "通知" in line
        or starts_block(line)
    )


def split_front(lines: list[str]) -> Front:
    """Find the plan title; what precedes it is the cover letter, what follows the body."""
    for i, line in enumerate(lines[:_SEARCH_LINES]):
        if not _is_title_line(line):
            continue
        start = i - 1 if i > 0 and _is_title_head(lines[i - 1]) else i
        return Front(
            cover=lines[:start],
            title="".join(lines[start : i + 1]),
            title_lines=i + 1 - start,
            body=lines[i + 1 :],
        )
    return _fallback(lines)


def _fallback(lines: list[str]) -> Front:
    """No line names a plan: a short first line that is no heading is the title; otherwise
    there is no title line (the caller names the plan and reports it).  A masthead
    (…文件) or a 文号 is never a title."""
    first = lines[0] if lines else ""
    official = first.endswith("文件") or re.search(r"[〔\[【]\s*\d{4}\s*[〕\]】]", first)
    if (
        first
        and len(first) <= 60
        and not official
        and not _SENTENCE.search(first)
        and not starts_block(first)
    ):
        return Front(title=first, title_lines=1, body=lines[1:])
    return Front(body=lines)
