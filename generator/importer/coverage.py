"""How much of the source's CJK text the draft keeps, in order.

Only verbatim fields count (cover letter, title, preamble, chapter/section/task text, items,
closings, responsibility wording, phases); derived fields (unit lists, deadline phrases, ids,
topics) do not, so a sentence cannot be "covered" by a phrase copied out of it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPAN_CONTEXT = 12


def cjk(text: str) -> str:
    return "".join(_CJK.findall(text))


def _task_fields(task: dict[str, Any]) -> Iterator[str]:
    yield task.get("no", "")
    yield task.get("title") or ""
    yield task.get("text", "")
    for item in task.get("items", []):
        yield item.get("no", "")
        yield item.get("text", "")
    yield task.get("closing") or ""
    yield (task.get("responsibility") or {}).get("text") or ""


def _cover_fields(cover: dict[str, Any]) -> Iterator[str]:
    yield cover.get("letterhead") or ""
    for alt in cover.get("letterhead_alt", []):
        yield alt.get("text", "")
    for key in ("doc_number", "title", "recipients_text", "text"):
        yield cover.get(key) or ""
    yield from (cover.get("contacts") or {}).get("text", [])
    yield cover.get("signature") or ""
    yield cover.get("date_text") or ""


def _chapter_fields(chapter: dict[str, Any]) -> Iterator[str]:
    yield str(chapter.get("no") or "")
    if chapter.get("no"):  # an unnumbered chapter is the importer's container (正文)
        yield chapter.get("title", "")
    yield chapter.get("text", "")
    for task in chapter.get("tasks", []):
        yield from _task_fields(task)
    for section in chapter.get("sections", []):
        yield str(section.get("no") or "")
        yield section.get("title") or ""
        yield section.get("text", "")
        for task in section.get("tasks", []):
            yield from _task_fields(task)
    for phase in chapter.get("phases", []):
        for key in ("no", "name", "period_text", "text"):
            yield phase.get(key) or ""


def verbatim_fields(draft: dict[str, Any]) -> Iterator[str]:
    """The draft's verbatim text fields in document order."""
    yield from _cover_fields(draft.get("cover_letter") or {})
    yield draft.get("title", "")
    yield draft.get("preamble", "")
    for chapter in draft.get("chapters", []):
        yield from _chapter_fields(chapter)


@dataclass
class Coverage:
    source_chars: int
    matched: int
    extra: int
    """CJK characters in the draft that are not matched to the source (should be ~0)."""
    missing: list[str] = field(default_factory=list)
    """The first missing spans, with a little context: `…before[MISSING]after…`."""

    @property
    def ratio(self) -> float:
        return self.matched / self.source_chars if self.source_chars else 1.0


def coverage(source: str, draft: dict[str, Any], max_spans: int = 10) -> Coverage:
    """Order-preserving match of the source's CJK characters against the draft's."""
    src = cjk(source)
    dst = cjk("".join(verbatim_fields(draft)))
    matcher = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    missing = []
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op in ("delete", "replace") and len(missing) < max_spans:
            before = src[max(0, i1 - _SPAN_CONTEXT) : i1]
            missing.append(f"…{before}[{src[i1:i2]}]{src[i2 : i2 + _SPAN_CONTEXT]}…")
    return Coverage(len(src), matched, len(dst) - matched, missing)
