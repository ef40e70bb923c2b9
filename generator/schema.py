"""JSON Schemas for editors, generated from the typed model (one source of truth).

Each plan and data file starts with `# yaml-language-server: $schema=…` pointing here, so
editors complete field names and flag mistakes while typing.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .model import CategoriesFile, GlossaryFile, Plan, RegionsFile, TopicsFile, UnitRegistry
from .reports.model import ProgressFile, RoundsFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "plan": Plan,
    "units": UnitRegistry,
    "regions": RegionsFile,
    "topics": TopicsFile,
    "categories": CategoriesFile,
    "glossary": GlossaryFile,
    "progress": ProgressFile,
    "rounds": RoundsFile,
}
BASE_URI = "https://planportal.invalid/schema/"
"""Schema ids are URIs by convention; nothing is fetched from them."""


def schema_for(name: str) -> dict[str, object]:
    schema = SCHEMAS[name].model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URI}{name}.schema.json",
        **schema,
    }


def render_schema(name: str) -> str:
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        target = out_dir / f"{name}.schema.json"
        target.write_text(render_schema(name), encoding="utf-8")
        written.append(target)
    return written
