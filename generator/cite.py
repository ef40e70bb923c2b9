"""How a clause is cited, in the page's language.

Chinese: 《呼伦贝尔市…方案》第5条（第二项）, exactly as `views.citations` has always made it.
English: “Hulunbuir Three-Year Action Plan … (2024-2026)”, task 5, item 2 — the plan's
English title (the Chinese one when it has none), Arabic numbers for printed Chinese ones
(（三） → task (3)), and the chapter in front when numbering restarts per chapter
(part 8, task (5)).  The words come from `data/ui/<lang>.yaml` (`cite_*`), passed as
`strings`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .model import Chapter, Item, Plan, Task

_DIGITS = re.compile(r"^\d+$")
_BRACKETS = "（）()、.． "
_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十五 → 15, 二十一 → 21, 一百零二 → 102; `None` for anything else."""
    if not text or any(c not in _NUMERALS and c not in "十百" for c in text):
        return None
    total, rest = 0, text
    for unit, size in (("百", 100), ("十", 10)):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            head = head.lstrip("零〇") if size == 10 else head
            if len(head) > 1:
                return None
            total += (_NUMERALS[head] if head else 1) * size
    rest = rest.lstrip("零〇")
    if len(rest) > 1:
        return None
    return total + (_NUMERALS[rest] if rest else 0)


def arabic(printed: str) -> str | None:
    """The number of a printed marker in Arabic digits: `（三）` → `3`, `12.` → `12`."""
    core = printed.strip().strip(_BRACKETS).removesuffix("是")
    if _DIGITS.match(core):
        return str(int(core))
    number = chinese_number(core)
    return str(number) if number is not None else None


def task_label(
    task: Task,
    strings: Mapping[str, str],
    chapter: Chapter | None = None,
    *,
    restarts: bool = False,
) -> str:
    """The task's number as cited: 第5条 / task 5; a printed marker as printed (（三）) in
    Chinese, with Arabic digits in English (task (3)); the chapter's marker in front when
    numbering restarts per chapter."""
    no = task.no.strip()
    core = no.strip(".．")
    if _DIGITS.match(core):
        own = strings["cite_task_no"].format(no=core)
    else:
        own = strings["cite_task_marker"].format(printed=no, no=arabic(no) or no)
    if restarts and chapter is not None and chapter.no:
        printed = chapter.no.strip()
        return strings["cite_in_chapter"].format(
            chapter=printed, chapter_no=arabic(printed) or printed, task=own
        )
    return own


def item_label(item: Item, strings: Mapping[str, str]) -> str:
    """一是 → 第一项 / item 1; a marker without a number is kept as printed."""
    printed = item.no.strip().strip(_BRACKETS).removesuffix("是")
    if not printed:
        return item.no
    return strings["cite_item_no"].format(printed=printed, no=arabic(printed) or printed)


def plan_title(plan: Plan, lang: str) -> str:
    """The title a citation names: `title_en` in English when the plan has one."""
    return (plan.title_en if lang != "zh" else None) or plan.title


def citation(
    plan: Plan,
    task: Task,
    strings: Mapping[str, str],
    lang: str,
    *,
    item: Item | None = None,
    chapter: Chapter | None = None,
    restarts: bool = False,
) -> str:
    """The citation of a task, or of one of its items, in `lang` (the language of
    `strings`): 《title》第N条（第M项） / “English title”, task N, item M."""
    cited = strings["cite_clause"].format(
        plan=plan_title(plan, lang),
        number=task_label(task, strings, chapter, restarts=restarts),
    )
    if item is None:
        return cited
    return strings["cite_item"].format(clause=cited, item=item_label(item, strings))
