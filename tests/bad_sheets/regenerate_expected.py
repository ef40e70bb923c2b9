"""Rewrite expected.yaml from the current output: `python tests/bad_sheets/regenerate_expected.py`.

Review the diff before committing: expected.yaml is the golden record of every message.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1]))

from test_bad_sheets import case_names, run_case  # noqa: E402

if __name__ == "__main__":
    expected = {}
    for name in case_names():
        with tempfile.TemporaryDirectory() as tmp:
            expected[name] = run_case(name, Path(tmp) / "out")
    text = yaml.safe_dump(expected, allow_unicode=True, sort_keys=True, width=1000)
    (HERE / "expected.yaml").write_text(text, encoding="utf-8")
    print(f"wrote {len(expected)} cases")
