"""Every input size is bounded: alias expansion per file and per project, nesting depth."""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input.make_cases import alias_bomb
from helpers import make_project

from generator.load import MAX_EXPANDED_CHARS, MAX_PROJECT_ALIAS_CHARS, parse_yaml
from generator.project import load_project


def test_aliases_are_bounded_in_characters_per_project(tmp_path: Path) -> None:
    """Four files, each within the limit of one file, add more than a project may."""
    root = make_project(tmp_path)
    per_file = MAX_PROJECT_ALIAS_CHARS // 4 + 200_000  # beyond the texts themselves
    assert per_file < MAX_EXPANDED_CHARS
    for n in range(4):
        bomb = alias_bomb("x" * (per_file // 99 + 1), 100).decode()
        (root / "plans" / f"p{n}.yaml").write_text(bomb.replace("id: demo", f"id: p{n}"))
    project, problems = load_project(root)
    assert project is None
    [problem] = [p for p in problems if p.code == "alias-bomb"]
    assert problem.file == "plans/p0.yaml"
    assert f"more than the limit of {MAX_PROJECT_ALIAS_CHARS:,}" in problem.message


def test_aliases_within_the_limits_are_expanded() -> None:
    loaded, problems = parse_yaml("a: &a [x, y]\nb: *a\n", "f.yaml")
    assert problems == [] and loaded is not None
    assert loaded.data == {"a": ["x", "y"], "b": ["x", "y"]}
    assert loaded.alias_chars == 0  # shorter than the text itself


@pytest.mark.parametrize("depth", [63, 64, 65, 400, 999, 1001, 20_000])
def test_nesting_is_bounded_without_recursion_error(depth: int) -> None:
    text = "x: " + "[" * depth + "]" * depth + "\n"
    loaded, problems = parse_yaml(text, "f.yaml")
    if depth < 64:  # the document itself is one level
        assert problems == []
        return
    assert loaded is None
    assert [(p.code, p.line, p.col) for p in problems] == [("too-deep", 1, 3 + 64)]
