"""How much of the source's CJK text the draft keeps.

Only verbatim fields count (cover letter, title, preamble, chapter/section/task text, items,
closings, responsibility wording, phases); derived fields (unit lists, deadline phrases, ids,
topics) do not, so a sentence cannot be "covered" by a phrase copied out of it.

The match is near-linear: each verbatim field is looked up in the source with `str.find`,
first just after where the previous field ended (the draft follows the source's order),
then anywhere not yet matched (the official document's closing lines — 抄送, 印发 — are
stored with the cover letter, at the front of the draft).  A field not found whole is halved
until its pieces are found or shorter than `_MIN_PIECE` (those count as `extra`).  Each
source character is matched at most once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SPAN_CONTEXT = 12
_MIN_PIECE = 4
"""Shorter pieces are not looked up: one or two characters match almost anywhere."""
_NEAR = 64
"""How far after the previous match a short piece may be."""
_WINDOW = 4000
"""How far after the previous field a field is first looked for (characters)."""
_BACK = 200
"""How far before the previous match a field is looked for next (characters)."""
_GLOBAL_MIN = 8
"""Pieces shorter than this are looked for near the previous match only: anywhere, they
would take characters that belong to a later field."""
_GLOBAL_LOOKUPS = 20000
"""At most this many whole-source look-ups per draft (each is one pass over the source)."""


def cjk(text: str) -> str:
    return _NOT_CJK.sub("", text)


def _task_fields(task: dict[str, Any]) -> Iterator[str]:
    yield task.get("no", "")
    yield task.get("title") or ""
    for para in task.get("text", "").split("\n\n"):
        yield from _labelled(para)
    for item in task.get("items", []):
        yield item.get("no", "")
        yield item.get("text", "")
    yield task.get("closing") or ""
    for line in ((task.get("responsibility") or {}).get("text") or "").split("\n"):
        yield from _labelled(line)
    yield task.get("deadline_text") or ""


def _labelled(line: str) -> Iterator[str]:
    """`备注：…` / `牵头单位：…` as two pieces: in a task table the label is the column's
    name, printed once in the header, not in the row."""
    label, colon, rest = line.partition("：")
    if colon and 0 < len(label) <= 6:
        yield label
        yield rest
    else:
        yield line


_COVER_HEAD = ("copy_no", "classification", "urgency")
_COVER_KEYS = ("doc_number", "signers_text", "title", "recipients_text", "text", "attachments_text")
_COVER_TAIL = ("signature", "date_text", "remark", "cc_text", "printed_text")


def _cover_fields(cover: dict[str, Any], tail: bool) -> Iterator[str]:
    """The cover letter's fields in printed order: `tail=False` those before the plan,
    `tail=True` those after it (版记; the signature and date of a plan signed at its end)."""
    after = {"cc_text", "printed_text"}
    if not cover.get("title"):
        after |= {"signature", "date_text", "remark"}
    if not tail:
        for key in _COVER_HEAD:
            yield cover.get(key) or ""
        yield cover.get("letterhead") or ""
        for alt in cover.get("letterhead_alt", []):
            yield alt.get("text", "")
        for key in _COVER_KEYS:
            yield cover.get(key) or ""
        yield from (cover.get("contacts") or {}).get("text", [])
    for key in _COVER_TAIL:
        if (key in after) == tail:
            yield cover.get(key) or ""


ADDED_CHAPTER_NOTE = "导入时添加的章节"
"""How the note of a chapter the importer added (its title is not from the source) begins."""


def _added_by_importer(chapter: dict[str, Any]) -> bool:
    return not chapter.get("no") and any(
        str(n.get("text", "")).startswith(ADDED_CHAPTER_NOTE) for n in chapter.get("notes", [])
    )


def _chapter_fields(chapter: dict[str, Any]) -> Iterator[str]:
    yield str(chapter.get("no") or "")
    if not _added_by_importer(chapter):
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
    cover = draft.get("cover_letter") or {}
    yield from _cover_fields(cover, tail=False)
    yield draft.get("title", "")
    yield draft.get("preamble", "")
    for chapter in draft.get("chapters", []):
        yield from _chapter_fields(chapter)
    yield from _cover_fields(cover, tail=True)


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


class _Matcher:
    def __init__(self, src: str) -> None:
        self.src = src
        self.used = bytearray(len(src))
        self.cursor = 0
        self.extra = 0
        self.global_lookups = 0

    def _free(self, pos: int, size: int) -> bool:
        return not any(self.used[pos : pos + size])

    def _find(self, piece: str) -> int:
        src, size = self.src, len(piece)
        stop = min(len(src), self.cursor + _WINDOW + 2 * size)
        pos = src.find(piece, self.cursor, stop)
        if pos >= 0 and self._free(pos, size):
            return pos
        # just before: a table row's cells are stored in another order than printed
        pos = src.rfind(piece, max(0, self.cursor - _BACK - size), self.cursor)
        if pos >= 0 and self._free(pos, size):
            return pos
        if self.global_lookups >= _GLOBAL_LOOKUPS or size < _GLOBAL_MIN:
            return -1
        start = 0
        while True:  # anywhere not yet matched
            self.global_lookups += 1
            pos = src.find(piece, start)
            if pos < 0 or self._free(pos, size):
                return pos
            if self.global_lookups >= _GLOBAL_LOOKUPS:
                return -1
            start = pos + 1

    def match(self, text: str) -> None:
        if len(text) < _MIN_PIECE:
            self._match_short(text)
            return
        pending = [text]
        while pending:
            piece = pending.pop()
            if len(piece) < _MIN_PIECE:
                self.extra += len(piece)  # a half too short to place safely
                continue
            pos = self._find(piece)
            if pos >= 0:
                self._take(pos, len(piece))
                continue
            half = len(piece) // 2
            pending += [piece[half:], piece[:half]]  # the left half is looked up first

    def _match_short(self, piece: str) -> None:
        """A whole short field (邮箱, 特急, a label): only right next to the previous match."""
        src, size = self.src, len(piece)
        pos = src.find(piece, self.cursor, self.cursor + _NEAR + size)
        if pos < 0 or not self._free(pos, size):
            pos = src.rfind(piece, max(0, self.cursor - _NEAR - size), self.cursor)
        if pos >= 0 and self._free(pos, size):
            self._take(pos, size)
        else:
            self.extra += size

    def _take(self, pos: int, size: int) -> None:
        self.used[pos : pos + size] = b"\1" * size
        self.cursor = pos + size

    def missing_spans(self, limit: int) -> Iterator[tuple[int, int]]:
        for found, m in enumerate(re.finditer(rb"\x00+", bytes(self.used))):
            if found >= limit:
                return
            yield m.start(), m.end()


def matched_positions(source: str, draft: dict[str, Any]) -> list[bool]:
    """For each character of `source`: whether coverage matched it (non-CJK: True)."""
    src = cjk(source)
    matcher = _Matcher(src)
    for text in verbatim_fields(draft):
        if piece := cjk(str(text)):
            matcher.match(piece)
    out = [True] * len(source)
    k = 0
    for i, ch in enumerate(source):
        if _CJK.match(ch):
            out[i] = bool(matcher.used[k])
            k += 1
    return out


def coverage(source: str, draft: dict[str, Any], max_spans: int = 10) -> Coverage:
    """Match of the source's CJK characters against the draft's verbatim fields."""
    src = cjk(source)
    matcher = _Matcher(src)
    for text in verbatim_fields(draft):
        if piece := cjk(str(text)):
            matcher.match(piece)
    matched = len(src) - bytes(matcher.used).count(0)
    missing = [
        f"…{src[max(0, i1 - _SPAN_CONTEXT) : i1]}[{src[i1:i2]}]{src[i2 : i2 + _SPAN_CONTEXT]}…"
        for i1, i2 in matcher.missing_spans(max_spans)
    ]
    return Coverage(len(src), matched, matcher.extra, missing)
