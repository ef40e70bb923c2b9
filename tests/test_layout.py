"""The test suite's own layout: shared code in `helpers.py` and `conftest.py`, never a test
module imported by another (each stays free to change its own names)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
IMPORTS_A_TEST = re.compile(r"^\s*(?:from|import)\s+test_\w+", re.M)


def test_no_test_module_imports_another():
    modules = [p for p in TESTS.rglob("*.py") if p.name.startswith(("test_", "conftest"))]
    assert len(modules) > 20
    importing = [
        path.relative_to(TESTS).as_posix()
        for path in modules
        if IMPORTS_A_TEST.search(path.read_text(encoding="utf-8"))
    ]
    assert importing == []
