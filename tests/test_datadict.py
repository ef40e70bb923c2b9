"""The data dictionary documents every field of every record (docs cannot drift from code)."""

from __future__ import annotations

from generator.datadict import ZH_MARK, describe, dictionary, field_type, split_doc, type_name
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


def test_every_record_and_field_is_documented_in_chinese_too() -> None:
    """Each docstring of generator/model.py ends with its Chinese paragraph (`中文：…`)."""
    missing = [
        f"{record.name}.{field.name}"
        for record in dictionary()
        for field in record.fields
        if not field.description_zh
    ]
    missing += [record.name for record in dictionary() if not record.description_zh]
    assert missing == [], "add a `中文：` paragraph to these docstrings in generator/model.py"
    for record in dictionary():
        for text in (record.description, *(f.description for f in record.fields)):
            assert ZH_MARK not in text  # the English is the docstring without the Chinese
        for text in (record.description_zh, *(f.description_zh for f in record.fields)):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
            assert "\n" not in text


def test_split_doc() -> None:
    assert split_doc("Heading as printed.\n\n    中文：原文所印\n    的标题。") == (
        "Heading as printed.",
        "原文所印的标题。",
    )
    assert split_doc("Only English.") == ("Only English.", "")
    assert split_doc("One.\n\nTwo paragraphs.") == ("One.\n\nTwo paragraphs.", "")


def test_chinese_types_and_descriptions() -> None:
    task = describe(Task)
    fields = {f.name: f for f in task.fields}
    assert fields["items"].type_in("zh") == "Item 列表"
    assert fields["topics"].type_in("zh") == "标识（a-z、0-9、-）列表"
    assert fields["title"].type_in("zh") == "文本" and fields["title"].type_in("en") == "text"
    assert fields["title"].description_in("zh") == "加粗的引领语（任务有标题时）。"
    assert fields["title"].description_in("en") == "The bold lead phrase, when the task has one."
    assert type_name(Deadline.model_fields["date"].annotation, "zh") == "日期（YYYY-MM-DD）"
    assert task.description_in("zh") == "一条带序号的任务或措施。"
