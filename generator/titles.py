"""What a task is called, in each language, and where that name comes from.

Most plans print a bold lead phrase for each task (`title`); some print none, and "第21条"
alone names nothing.  Such a task is named by a
*short title* derived from its first sentence (`short_title`), deterministically, so every
page, feed and export names the task the same way.  A derived title is never passed off as
the source's wording: `TaskTitle.source` says where the text came from, and pages mark it.

The rule (`short_title`), on the task's text (or its first sub-item's when the task has
only sub-items):

1. take the first sentence (up to 。；！？ or a line break), whitespace collapsed;
2. drop leading framing clauses that only say what the task follows (按照…原则，依据《…》，
   结合…实际情况) while a clause remains, and a leading date (2024年底前…: deadlines are
   shown beside the title);
3. the title is the first clause (up to ，：), followed by the next ones while it is
   shorter than `FULL_CLAUSE_CHARS` and they fit (a date-only clause is skipped, a framing
   clause ends it);
4. a first clause longer than `SHORT_TITLE_CHARS` has its enumerations shortened to their
   first member (危化品、金属冶炼、烟花爆竹等 → 危化品等); if still too long it is cut at
   the last enumeration comma (、) or at the limit, never inside quotes, book-title marks
   or brackets, and ends in "…".

Changing the rule changes the derived titles of existing tasks, whose English translations
(`Task.title_en`) were made from them: `tests/test_titles.py` pins the derived title of
every seed task, so such a change shows in review together with the translations to redo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .langs import DEFAULT_LANG
from .model import Item, Task

SHORT_TITLE_CHARS = 36
"""Most characters of a derived short title (the ellipsis not counted)."""
FULL_CLAUSE_CHARS = 16
"""A first clause shorter than this (依托现有网格化管理体系) is followed by the next one."""
ELLIPSIS = "…"

_SENTENCE_END = "。；;！!？?\n"
_CLAUSE_BREAK = "，,：:"
_LIST_BREAK = "、"
_OPEN = "“‘《（(〈「『【["
_CLOSE = "”’》）)〉」』】]"
_FRAMING = re.compile(
    r"^(?:严格|认真|进一步)?(?:按照|依照|依据|根据|对照|参照|遵照|结合|围绕|立足|对标)"
)
"""Opening words of a clause that states what a task follows, not what it does."""
_FRAMING_END = re.compile(
    r"(?:原则|要求|规定|精神|部署|实际|情况|特点|目标|标准|目录|办法|意见|方案|做法|》|”)$"
)
"""…and how such a clause ends (按照…原则, 依据《…》, 结合…实际)."""
_DATE = (
    r"(?:到|至|在|于)?\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?"
    r"(?:底|末|上半年|下半年)?(?:前|内|起)?"
)
_LEADING_DATE = re.compile(rf"^{_DATE}[，,]?\s*")
_BARE_DATE = re.compile(rf"^{_DATE}[，,：:]?$")
"""A clause that is only a date (2024年底前): a deadline, not what the task is about."""
_PLAIN = r"[^、，,：:“”‘’《》（）()]"
_ENUMERATION = re.compile(rf"、{_PLAIN}{{1,16}}?(?:、{_PLAIN}{{1,16}}?)*(?=等)")
"""The members after the first of an enumeration closed by 等 (、金属冶炼、烟花爆竹 in
危化品、金属冶炼、烟花爆竹等), outside quotes and brackets."""


class TitleSource(StrEnum):
    """Where the words of a task's title come from."""

    source = "source"
    """Printed in the plan (`Task.title`), or its translation."""
    derived = "derived"
    """Derived by the portal from the task's first sentence (`short_title`), or the
    translation of that; pages mark it as derived."""
    number = "number"
    """The task has neither title nor text: only its number can name it."""


@dataclass(frozen=True)
class TaskTitle:
    """A task's title in one language, with where its words come from."""

    text: str
    """The title (empty when `source` is `number`)."""
    lang: str
    """Language of `text` (`zh`, `en`): the requested one, or the default language when the
    task has no translation (`fallback`)."""
    source: TitleSource
    translated: bool = False
    """`text` is the portal's translation (`title_en`), not the source's wording."""

    @property
    def derived(self) -> bool:
        return self.source is TitleSource.derived

    def fallback(self, lang: str) -> bool:
        """True when `text` is not in `lang` (no translation): pages tag it with its language."""
        return self.lang != lang


def first_text(task: Task) -> str:
    """The task's opening text: its text, or its first sub-item's when it has only items."""
    if task.text.strip():
        return task.text
    return task.items[0].text if task.items else ""


def short_title(text: str, limit: int = SHORT_TITLE_CHARS) -> str:
    """A short title from the first sentence of `text` (rule in the module docstring).

    Pure and deterministic: the same text gives the same title on every page and build.
    """
    sentence = _first_sentence(" ".join(text.split()))
    clauses = [_LEADING_DATE.sub("", c, count=1) for c in _split(sentence, _CLAUSE_BREAK)]
    clauses = _drop_framing([c for c in clauses if c.strip()])
    if not clauses:
        return ""
    title = [clauses[0]]
    for clause in clauses[1:]:
        if len(_join(title)) >= FULL_CLAUSE_CHARS or _is_framing(clause):
            break
        if len(_join([*title, clause])) > limit:
            break
        title.append(clause)
    whole = _join(title)
    return whole if len(whole) <= limit else _shorten(whole, limit)


def task_title(task: Task, lang: str = DEFAULT_LANG) -> TaskTitle:
    """The title of `task` in `lang`: printed, derived, or their English translation.

    English comes from `Task.title_en` (the translation of the printed title, or of the
    derived one when the task has none); without it the Chinese title is returned with
    `lang="zh"`, so the page can mark it.
    """
    source = TitleSource.source if task.title else TitleSource.derived
    if lang != DEFAULT_LANG and task.title_en:
        return TaskTitle(task.title_en, lang, source, translated=True)
    if task.title:
        return TaskTitle(task.title, DEFAULT_LANG, source)
    derived = short_title(first_text(task))
    if not derived:
        return TaskTitle("", DEFAULT_LANG, TitleSource.number)
    return TaskTitle(derived, DEFAULT_LANG, TitleSource.derived)


def item_label(item: Item, limit: int = SHORT_TITLE_CHARS) -> str:
    """A sub-item named by the start of its text (timelines list item deadlines)."""
    return short_title(item.text, limit)


# --- the rule's steps -------------------------------------------------------------------------


def _first_sentence(text: str) -> str:
    depth = 0
    for i, ch in enumerate(text):
        depth = _depth(depth, ch)
        if depth == 0 and ch in _SENTENCE_END:
            return text[:i]
    return text


def _depth(depth: int, ch: str) -> int:
    if ch in _OPEN:
        return depth + 1
    if ch in _CLOSE:
        return max(depth - 1, 0)
    return depth


def _split(text: str, breaks: str) -> list[str]:
    """`text` in pieces ending after each break character outside brackets and quotes."""
    pieces, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        depth = _depth(depth, ch)
        if depth == 0 and ch in breaks:
            pieces.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def _is_framing(clause: str) -> bool:
    body = clause.strip().rstrip("，,：:")
    return bool(_FRAMING.match(body)) and bool(_FRAMING_END.search(body))


def _drop_framing(clauses: list[str]) -> list[str]:
    """Without leading framing clauses (while one remains) and date-only clauses."""
    clauses = [c for c in clauses if not _BARE_DATE.match(c.strip())]
    start = 0
    while start < len(clauses) - 1 and _is_framing(clauses[start]):
        start += 1
    return clauses[start:]


def _shorten(clause: str, limit: int) -> str:
    """A clause longer than `limit`, shortened (step 4 of the rule)."""
    collapsed = _ENUMERATION.sub("", clause)
    if len(collapsed) <= limit:
        return collapsed
    kept = ""
    for piece in _split(collapsed, _LIST_BREAK):
        if len(kept) + len(piece.rstrip(_LIST_BREAK)) > limit:
            break
        kept += piece
    kept = kept.rstrip(_LIST_BREAK)
    if len(kept) >= limit // 2:
        return kept + ELLIPSIS
    return _hard_cut(collapsed, limit) + ELLIPSIS


def _join(clauses: list[str]) -> str:
    return "".join(clauses).strip().rstrip("，,：:")


def _hard_cut(text: str, limit: int) -> str:
    """The first `limit` characters, moved back before an unclosed quote or bracket."""
    depth, opened_at = 0, None
    for i, ch in enumerate(text[:limit]):
        before = depth
        depth = _depth(depth, ch)
        if before == 0 and depth == 1:
            opened_at = i
    if depth and opened_at is not None and opened_at >= limit // 2:
        return text[:opened_at]
    return text[:limit]
