"""Write the draft plan as readable YAML: the importer's key order, then `generator.dump`.

The order of keys is the importer's (fixed, readable); the emitting is the project's one plan
YAML writer (`dump_yaml`: ids quoted, multi-line text as `|` blocks, plain dates, no aliases).
"""

from __future__ import annotations

from typing import Any

import yaml

from ..dump import SCHEMA_LINE as _SCHEMA_LINE
from ..dump import _Dumper, _mark_ids, dump_yaml

SCHEMA_LINE = _SCHEMA_LINE.rstrip("\n")

# One order for every mapping: a key's position is its index here, unknown keys go last.
_ORDER = [
    "id", "no", "name", "title", "role", "domains", "indicator", "value", "unit",
    "comparator", "by", "date", "precision", "phrase", "every", "times", "item", "inferred",
    "kind", "region", "issuer", "doc_number", "issued", "period", "start", "end",
    "period_text", "basis", "source", "file", "cover_letter", "letterhead", "letterhead_alt",
    "recipients_text", "recipients", "text", "lang", "people", "phone", "email", "contacts",
    "signature", "date_text", "remark", "attachments_text", "attachments", "cc_text", "cc",
    "printed_text", "printed_by", "printed_on", "preamble", "items", "closing", "deadline_text",
    "responsibility", "lead",
    "support", "responsible", "local", "and_others", "carries_forward", "deadlines",
    "recurrence", "targets", "topics", "tasks", "sections", "phases", "chapters",
    "domain_leads", "notes", "quote",
]  # fmt: skip
_RANK = {key: i for i, key in enumerate(_ORDER)}
# Mappings under these keys read better in their own order.
_OWN_ORDER = {
    "cover_letter": [
        "copy_no",
        "classification",
        "urgency",
        "letterhead",
        "letterhead_alt",
        "doc_number",
        "signers_text",
        "signers",
        "title",
        "recipients_text",
        "recipients",
        "text",
        "attachments_text",
        "attachments",
        "contacts",
        "signature",
        "date_text",
        "remark",
        "cc_text",
        "cc",
        "printed_text",
        "printed_by",
        "printed_on",
    ],
    "domain_leads": ["unit", "domains", "topics", "phrase"],
    "targets": ["indicator", "comparator", "value", "unit", "by", "phrase", "item"],
}


def _prepare(value: Any, key: str | None = None) -> Any:
    """Order keys, drop private (`_…`) keys and empty values (ids are quoted by the dumper)."""
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
    prepared = _prepare(draft)
    if _FastDumper is None:
        return dump_yaml(prepared)
    body = yaml.dump(
        _mark_ids(prepared),
        Dumper=_FastDumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**6,
        default_flow_style=False,
    )
    return _SCHEMA_LINE + body


def _fast_dumper() -> type | None:
    """`generator.dump`'s dumper emitted by libyaml (when PyYAML has it): the same text
    (tests/test_importer_sources.py compares them), several times faster: the pure-Python
    emitter was most of the time of a long import (bench/RESULTS.md)."""
    base = getattr(yaml, "CSafeDumper", None)
    if base is None:
        return None

    class FastDumper(base):  # type: ignore[misc, valid-type]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    for kind, rep in _Dumper.yaml_representers.items():
        FastDumper.add_representer(kind, rep)
    for kind, rep in _Dumper.yaml_multi_representers.items():
        FastDumper.add_multi_representer(kind, rep)
    return FastDumper


_FastDumper = _fast_dumper()
