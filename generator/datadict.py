"""The data dictionary: every record type and field of the model, from its docstrings.

Feeds the /data/ page, so the published documentation cannot drift from the code.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import model
from .model import (
    CategoriesFile,
    GlossaryFile,
    Plan,
    RegionsFile,
    TopicsFile,
    UnitRegistry,
)
from .reports.model import STATUS_TERMS, ProgressFile, RoundsFile
from .reports.status import STATE_TERMS

FILES: tuple[tuple[str, type[BaseModel]], ...] = (
    ("plans/<plan-id>.yaml", Plan),
    ("data/regions.yaml", RegionsFile),
    ("data/units/<region>.yaml", UnitRegistry),
    ("data/topics.yaml", TopicsFile),
    ("data/categories.yaml", CategoriesFile),
    ("data/glossary.yaml", GlossaryFile),
    ("progress/rounds.yaml", RoundsFile),
    ("progress/<plan-id>/<round>.yaml", ProgressFile),
)


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class RecordDoc:
    name: str
    description: str
    fields: tuple[FieldDoc, ...]


def type_name(annotation: object) -> str:
    """A short readable type: `list of Task`, `date`, `text`, `one of: day, month…`."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        pattern = next(
            (getattr(m, "pattern", None) for m in args[1:] if getattr(m, "pattern", None)), None
        )
        return "id (a-z, 0-9, -)" if pattern and "a-z0-9" in pattern else type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        return " or ".join(type_name(a) for a in kept)
    if origin is tuple:
        return f"list of {type_name(args[0])}"
    if origin is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in args)
    if inspect.isclass(annotation) and issubclass(annotation, enum.Enum):
        return "one of: " + ", ".join(str(m.value) for m in annotation)
    names = {str: "text", int: "integer", float: "number", bool: "true/false"}
    if annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation)).replace("date", "date (YYYY-MM-DD)")


def field_type(info: FieldInfo) -> str:
    """Like `type_name`, also reading constraints pydantic moved into the field's metadata."""
    if any("a-z0-9" in (getattr(m, "pattern", None) or "") for m in info.metadata):
        return "id (a-z, 0-9, -)"
    return type_name(info.annotation)


def _records(root: type[BaseModel], seen: dict[str, type[BaseModel]]) -> None:
    if root.__name__ in seen:
        return
    seen[root.__name__] = root
    for info in root.model_fields.values():
        for inner in _models_in(info.annotation):
            _records(inner, seen)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def record_types() -> list[type[BaseModel]]:
    """Every record type reachable from the file types, in first-use order."""
    seen: dict[str, type[BaseModel]] = {}
    for _, root in FILES:
        _records(root, seen)
    return list(seen.values())


def describe(record: type[BaseModel]) -> RecordDoc:
    fields = tuple(
        FieldDoc(name, field_type(info), info.is_required(), info.description or "")
        for name, info in record.model_fields.items()
    )
    return RecordDoc(record.__name__, inspect.cleandoc(record.__doc__ or ""), fields)


def dictionary() -> list[RecordDoc]:
    return [describe(record) for record in record_types()]


@dataclass(frozen=True)
class ValueDoc:
    """One allowed value of a fixed set, with its names and definition."""

    value: str
    zh: str
    en: str
    definition: str


@dataclass(frozen=True)
class ValueSetDoc:
    name: str
    description: str
    values: tuple[ValueDoc, ...]


def value_sets() -> list[ValueSetDoc]:
    """The fixed sets of values with a meaning of their own: the statuses a unit reports, and
    the states the portal derives from the reports and the build date."""
    return [
        ValueSetDoc(
            "Report status",
            "The `status` of a progress report: what the reporting unit says.",
            tuple(ValueDoc(s.value, *terms) for s, terms in STATUS_TERMS.items()),
        ),
        ValueSetDoc(
            "Derived state",
            "What the portal shows for a task or sub-item: derived from its latest report "
            "(its lead units' when they reported) and its deadline, as of the build date.",
            tuple(ValueDoc(s.value, *terms) for s, terms in STATE_TERMS.items()),
        ),
    ]


__all__ = [
    "FILES",
    "FieldDoc",
    "RecordDoc",
    "ValueDoc",
    "ValueSetDoc",
    "dictionary",
    "model",
    "value_sets",
]
