"""plans.json (the whole model) and one JSON file per plan."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Plan

FORMAT_VERSION = 1


def plan_json(plan: Plan) -> str:
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=1)


def plans_json(plans: Sequence[Plan], build_date: str) -> str:
    doc = {
        "format_version": FORMAT_VERSION,
        "generated": build_date,
        "schema": "schema/plan.schema.json",
        "plans": [plan.model_dump(mode="json") for plan in plans],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1)
