"""Characters a plan or data file may not hold, and how messages show hidden ones."""

from __future__ import annotations

import pytest

from generator.errors import Problem, visible
from generator.load import parse_yaml
from generator.registry import normalise


def _found(text: str) -> list[tuple[int, int, str, str]]:
    _, problems = parse_yaml(text, "f.yaml")
    return [(p.line, p.col, p.code, p.severity) for p in problems]


def test_a_bidi_control_is_an_error_even_after_an_invisible_character_on_its_line() -> None:
    assert _found("a: x\u200by\u202ez\n") == [
        (1, 5, "invisible-character", "warning"),
        (1, 7, "bidi-control", "error"),
    ]


def test_an_escaped_invisible_character_is_a_warning_not_an_error() -> None:
    assert _found('a: "x\\u200by"\n') == [(1, 4, "invisible-character", "warning")]


@pytest.mark.parametrize("escape", ["\\0", "\\a", "\\e", "\\v", "\\x80", "\\x9f", "\\N", "\\x7f"])
def test_control_characters_written_as_escapes_are_refused(escape: str) -> None:
    assert _found(f'a: "x{escape}y"\n') == [(1, 4, "control-character", "error")]


def test_tab_and_line_feed_escapes_are_text() -> None:
    assert _found('a: "x\\ty\\nz"\n') == []


def test_names_are_compared_without_invisible_characters() -> None:
    assert (
        normalise("工业和科技局\u2060") == normalise("工业和\u200b科技局\u00ad") == "工业和科技局"
    )


def test_messages_show_hidden_characters() -> None:
    assert visible("工业和科技局\u2060") == "工业和科技局<U+2060>"
    assert visible("a\u00a0b\u3164c") == "a<U+00A0>b<U+3164>c"
    assert visible("普通文字 plain text\t") == "普通文字 plain text\t"
    problem = Problem("f.yaml", 1, 1, "x", "unknown unit 局\u202e", "did you mean 局\u200d?")
    assert (problem.message, problem.hint) == (
        "unknown unit 局<U+202E>",
        "did you mean 局<U+200D>?",
    )


def test_messages_are_bounded() -> None:
    problem = Problem("f.yaml", 1, 1, "unknown-field", "unknown field `" + "字" * 100_000 + "`")
    assert len(problem.message) == 1000 and problem.message.endswith("字…")
