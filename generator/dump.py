"""Write a typed plan back as plan-file YAML (field order of the model, defaults left out).

Round-trips with `load`: dump → load → validate gives the same plan (tested with hypothesis).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import yaml

from .model import Plan

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json\n"
_ID_KEYS = frozenset({"id", "item", "moved_to", "plan"})


class _Id(str):
    """Ids are always quoted, so `01` stays text for every YAML reader."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # A plan file is hand-edited: the same date twice (a deadline and a target's `by`)
        # is written twice, never as an `&id001` anchor and `*id001` alias.
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Literal blocks read best for paragraphs; the emitter falls back to quotes when a
    # string cannot be a literal block (trailing spaces, special characters).
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _ident(dumper: yaml.SafeDumper, value: _Id) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Id, _ident)
_Dumper.add_representer(dt.date, _date)
_Dumper.add_multi_representer(enum.Enum, lambda d, v: d.represent_str(str(v.value)))


def _mark_ids(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _mark_ids(v, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mark_ids(v, key) for v in value]
    if isinstance(value, str) and key in _ID_KEYS:
        return _Id(value)
    return value


def dump_yaml(data: dict[str, Any]) -> str:
    body = yaml.dump(
        _mark_ids(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**6,
        default_flow_style=False,
    )
    return SCHEMA_LINE + body


def dump_plan(plan: Plan) -> str:
    return dump_yaml(plan.model_dump(mode="python", exclude_defaults=True))
