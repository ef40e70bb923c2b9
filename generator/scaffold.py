"""`planportal new`: write a minimal, valid plan file to start from."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TextIO

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json\n"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def skeleton(plan_id: str, region: str, title: str, year: int) -> dict[str, object]:
    return {
        "id": plan_id,
        "title": title,
        "kind": "implementation-plan",
        "region": region,
        "issuer": "（发文单位）",
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "source": {"file": f"data/sources/{plan_id}.txt"},
        "chapters": [
            {
                "id": "c1",
                "no": "一",
                "title": "主要任务",
                "role": "tasks",
                "tasks": [{"id": "01", "no": "1", "text": "（任务内容）"}],
            }
        ],
    }


def new_plan(root: Path, plan_id: str, region: str, title: str, out: TextIO) -> int:
    if not _SLUG.match(plan_id):
        print(
            f"invalid plan id {plan_id!r}: use lowercase ASCII letters, digits and hyphens",
            file=out,
        )
        return 1
    target = root / "plans" / f"{plan_id}.yaml"
    if target.exists():
        print(f"{target} already exists; choose another id", file=out)
        return 1
    data = skeleton(plan_id, region, title, dt.date.today().year)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SCHEMA_LINE + text, encoding="utf-8")
    print(f"wrote {target.relative_to(root)}; edit it, then run `planportal check`", file=out)
    return 0
