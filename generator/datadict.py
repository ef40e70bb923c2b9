"""The data dictionary: every record type and field of the model, from its docstrings.

Feeds the /data/ page, so the published documentation cannot drift from the code.  Each
docstring of `generator/model.py` is the single source of the English description; its
last paragraph, starting with `中文：`, is the Chinese one, kept beside it so that a change
of either is seen with the other (`tests/test_datadict.py` requires both for every record
and field).  Types are named in both languages here (`type_name`).
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


ZH_MARK = "中文："
"""Opens the paragraph of a docstring that gives its Chinese text."""


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str
    """English description (the docstring without its Chinese paragraph)."""
    type_zh: str = ""
    description_zh: str = ""

    def type_in(self, lang: str) -> str:
        return self.type_zh if lang == "zh" and self.type_zh else self.type

    def description_in(self, lang: str) -> str:
        """The description in `lang` (English when the Chinese is missing)."""
        return self.description_zh if lang == "zh" and self.description_zh else self.description


@dataclass(frozen=True)
class RecordDoc:
    name: str
    description: str
    fields: tuple[FieldDoc, ...]
    description_zh: str = ""

    def description_in(self, lang: str) -> str:
        return self.description_zh if lang == "zh" and self.description_zh else self.description


def split_doc(doc: str) -> tuple[str, str]:
    """(English, Chinese) of a docstring whose last paragraph starts with `中文：`.

    The Chinese paragraph may be wrapped over several lines: they are joined without
    spaces (Chinese has none between words); the English keeps its line breaks.
    """
    text = inspect.cleandoc(doc or "")
    english, mark, chinese = text.rpartition("\n\n" + ZH_MARK)
    if not mark:
        if text.startswith(ZH_MARK):
            return "", "".join(text[len(ZH_MARK) :].split("\n"))
        return text, ""
    return english.strip(), "".join(line.strip() for line in chinese.split("\n"))


_ZH_NAMES = {"text": "文本", "integer": "整数", "number": "数字", "true/false": "是/否"}


def type_name(annotation: object, lang: str = "en") -> str:
    """A short readable type: `list of Task`, `date`, `text`, `one of: day, month…`; in
    Chinese with `lang="zh"` (`Task 列表`, `日期（YYYY-MM-DD）`, `文本`, `取值之一：…`)."""
    zh = lang == "zh"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        pattern = next(
            (getattr(m, "pattern", None) for m in args[1:] if getattr(m, "pattern", None)), None
        )
        if pattern and "a-z0-9" in pattern:
            return _ID_ZH if zh else _ID
        return type_name(args[0], lang)
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        return (" 或 " if zh else " or ").join(type_name(a, lang) for a in kept)
    if origin is tuple:
        inner = type_name(args[0], lang)
        if zh:
            return f"{inner} 列表" if inner[-1].isascii() else f"{inner}列表"
        return f"list of {inner}"
    if origin is typing.Literal:
        return ("取值之一：" if zh else "one of: ") + ", ".join(str(a) for a in args)
    if inspect.isclass(annotation) and issubclass(annotation, enum.Enum):
        values = ", ".join(str(m.value) for m in annotation)
        return ("取值之一：" if zh else "one of: ") + values
    names = {str: "text", int: "integer", float: "number", bool: "true/false"}
    if annotation in names:
        return _ZH_NAMES[names[annotation]] if zh else names[annotation]
    name = getattr(annotation, "__name__", str(annotation))
    if name == "date":
        return "日期（YYYY-MM-DD）" if zh else "date (YYYY-MM-DD)"
    return name


_ID = "id (a-z, 0-9, -)"
_ID_ZH = "标识（a-z、0-9、-）"


def field_type(info: FieldInfo, lang: str = "en") -> str:
    """Like `type_name`, also reading constraints pydantic moved into the field's metadata."""
    if any("a-z0-9" in (getattr(m, "pattern", None) or "") for m in info.metadata):
        return _ID_ZH if lang == "zh" else _ID
    return type_name(info.annotation, lang)


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
    fields = []
    for name, info in record.model_fields.items():
        english, chinese = split_doc(info.description or "")
        fields.append(
            FieldDoc(
                name,
                field_type(info),
                info.is_required(),
                english,
                type_zh=field_type(info, "zh"),
                description_zh=chinese,
            )
        )
    english, chinese = split_doc(record.__doc__ or "")
    return RecordDoc(record.__name__, english, tuple(fields), description_zh=chinese)


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
