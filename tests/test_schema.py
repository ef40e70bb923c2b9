"""The published JSON Schemas are generated from the model and match what is committed."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.schema import SCHEMAS, render_schema

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_current(name: str) -> None:
    committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == render_schema(name), "run `planportal schema` and commit the result"


def _plan_files() -> list[Path]:
    return sorted((ROOT / "plans").glob("*.yaml"))


@pytest.mark.parametrize("path", _plan_files(), ids=lambda p: p.name)
def test_plan_files_declare_and_satisfy_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    jsonschema.validate(data, json.loads(render_schema("plan")))


def test_schema_documents_fields() -> None:
    """Docstrings on model fields reach the schema, so editors show them on hover."""
    task = json.loads(render_schema("plan"))["$defs"]["Task"]["properties"]
    assert "never reused" in task["id"]["description"]
    assert task["no"]["anyOf"] == [{"type": "string"}, {"type": "integer"}]
