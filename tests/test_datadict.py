"""The data dictionary documents every field of every record (docs cannot drift from code)."""

from __future__ import annotations

from generator.datadict import dictionary, field_type, type_name
from generator.model import Deadline, Task


def test_every_record_and_field_is_documented() -> None:
    undocumented = [
        f"{record.name}.{field.name}"
        for record in dictionary()
        for field in record.fields
        if not field.description
    ]
    assert undocumented == []
    assert [r.name for r in dictionary() if not r.description] == []


def test_dictionary_covers_the_plan_tree() -> None:
    names = [record.name for record in dictionary()]
    for expected in (
        "Plan",
        "Chapter",
        "Section",
        "Task",
        "Item",
        "Responsibility",
        "Deadline",
        "Phase",
        "CoverLetter",
        "Unit",
        "Group",
        "Region",
        "Topic",
    ):
        assert expected in names


def test_readable_types() -> None:
    assert type_name(Task.model_fields["items"].annotation) == "list of Item"
    assert field_type(Task.model_fields["id"]) == "id (a-z, 0-9, -)"
    assert type_name(Task.model_fields["topics"].annotation) == "list of id (a-z, 0-9, -)"
    assert type_name(Deadline.model_fields["precision"].annotation) == (
        "one of: day, month, quarter, half, year"
    )
    assert type_name(Deadline.model_fields["date"].annotation) == "date (YYYY-MM-DD)"
