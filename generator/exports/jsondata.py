"""plans.json (the whole model) and one JSON file per plan.

Serialised by pydantic (`model_dump_json`): the same bytes as `json.dumps(…, indent=1,
ensure_ascii=False)` of the plan's JSON dump, ~6× faster, because Python's `json` falls back
to its pure-Python encoder whenever it indents (~1.5 s of a national build).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Plan

FORMAT_VERSION = 1


def plan_json(plan: Plan) -> str:
    return plan.model_dump_json(indent=1)


def plans_json(plans: Sequence[Plan], build_date: str, *, dumped: Sequence[str] = ()) -> str:
    """The whole model in one document; `dumped`: the plans' `plan_json` if already made."""
    head = {
        "format_version": FORMAT_VERSION,
        "generated": build_date,
        "schema": "schema/plan.schema.json",
        "plans": [],
    }
    if not plans:
        return json.dumps(head, ensure_ascii=False, indent=1)
    texts = dumped or [plan_json(plan) for plan in plans]
    # each plan sits two levels deep; JSON strings hold no raw newline, so every line of a
    # plan's document just moves two spaces to the right
    items = ",\n".join("  " + text.replace("\n", "\n  ") for text in texts)
    opening = json.dumps(head, ensure_ascii=False, indent=1)[: -len("[]\n}")]
    return f"{opening}[\n{items}\n ]\n}}"
