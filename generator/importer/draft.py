"""Write the draft plan as readable YAML: fixed key order, `|` blocks, quoted ids."""

from __future__ import annotations

from typing import Any

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json"

# One order for every mapping: a key's position is its index here, unknown keys go last.
_ORDER = [
    "id", "no", "name", "title", "role", "domains", "indicator", "value", "unit",
    "comparator", "by", "date", "precision", "phrase", "every", "times", "item", "inferred",
    "kind", "region", "issuer", "doc_number", "issued", "period", "start", "end",
    "period_text", "basis", "source", "file", "cover_letter", "letterhead", "letterhead_alt",
    "recipients_text", "recipients", "text", "lang", "people", "phone", "email", "contacts",
    "signature", "date_text", "preamble", "items", "closing", "responsibility", "lead",
    "support", "responsible", "local", "and_others", "carries_forward", "deadlines",
    "recurrence", "targets", "topics", "tasks", "sections", "phases", "chapters",
    "domain_leads", "notes", "quote",
]  # fmt: skip
_RANK = {key: i for i, key in enumerate(_ORDER)}
# Mappings under these keys read better in their own order.
_OWN_ORDER = {
    "cover_letter": ["letterhead", "letterhead_alt", "doc_number", "title", "recipients_text"],
    "domain_leads": ["unit", "domains", "topics", "phrase"],
    "targets": ["indicator", "comparator", "value", "unit", "by", "phrase", "item"],
}
_QUOTED_KEYS = {"id", "item"}


class _Quoted(str):
    """An id: always written in double quotes so `01` stays a string for every reader."""


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(str, _str)
_Dumper.add_representer(_Quoted, _quoted)


def _prepare(value: Any, key: str | None = None) -> Any:
    """Order keys, drop private (`_…`) keys, mark ids for quoting."""
    if isinstance(value, dict):
        own = _OWN_ORDER.get(key or "", [])
        items = sorted(
            ((k, v) for k, v in value.items() if not k.startswith("_")),
            key=lambda kv: (own.index(kv[0]) if kv[0] in own else len(own), _rank(kv[0])),
        )
        # Empty text and empty lists are the model's defaults: leave them out.
        return {k: _prepare(v, k) for k, v in items if v != "" and v != []}
    if isinstance(value, list | tuple):
        return [_prepare(v, key) for v in value]
    if key in _QUOTED_KEYS and isinstance(value, str):
        return _Quoted(value)
    return value


def _rank(key: str) -> int:
    return _RANK.get(key, len(_ORDER))


def clean(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft without private keys, as plain data (for validation and tests)."""
    return _strip(draft)


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def to_yaml(draft: dict[str, Any]) -> str:
    body = yaml.dump(
        _prepare(draft),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**6,
        default_flow_style=False,
    )
    return f"{SCHEMA_LINE}\n{body}"
