"""How a clause is cited: 《plan title》第N条（第M项）."""

from __future__ import annotations

import re

from ..model import Chapter, Item, Plan, Task

_DIGITS = re.compile(r"^\d+$")
_BRACKETS = "（）()、.． "


def task_number(task: Task, chapter: Chapter | None = None, *, restarts: bool = False) -> str:
    """`第1条` for printed Arabic numbers; otherwise the printed marker, e.g. `（三）`.

    When numbering restarts per chapter (`restarts`), the chapter's marker is put in front
    (`四、第16条`), since the number alone is ambiguous.
    """
    no = task.no.strip()
    own = f"第{no.strip('.．')}条" if _DIGITS.match(no.strip(".．")) else no
    if restarts and chapter is not None and chapter.no:
        return f"{chapter.no.strip()}{own}"
    return own


def item_number(item: Item) -> str:
    """`一是` → `第一项`; `2` → `第2项`; anything else is kept as printed."""
    no = item.no.strip().strip(_BRACKETS)
    if no.endswith("是"):
        no = no[:-1]
    return f"第{no}项" if no else item.no


def numbering_restarts(plan: Plan) -> bool:
    """True when two tasks of the plan share a printed number (numbering per chapter)."""
    seen: set[str] = set()
    for task in plan.tasks():
        key = task.no.strip()
        if key in seen:
            return True
        seen.add(key)
    return False


def citation(plan: Plan, number: str, item: Item | None = None) -> str:
    """《title》第N条 or 《title》第N条（第M项）."""
    cited = f"《{plan.title}》{number}"
    return f"{cited}（{item_number(item)}）" if item is not None else cited
