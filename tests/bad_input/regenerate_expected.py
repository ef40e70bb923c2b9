"""Regenerate the corpus: `python tests/bad_input/regenerate_expected.py`.

Writes `cases/` (from make_cases.py) and rewrites expected.yaml from the current output.
Review both diffs before committing: expected.yaml is the golden record of every message.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1]))

from test_bad_input import case_names, run_case  # noqa: E402

from bad_input.make_cases import write_all  # noqa: E402

if __name__ == "__main__":
    write_all()
    expected = {}
    for name in case_names():
        with tempfile.TemporaryDirectory() as tmp:
            code, problems, _ = run_case(name, Path(tmp))
        expected[name] = {"exit": code, "problems": problems}
    text = yaml.safe_dump(expected, allow_unicode=True, sort_keys=True, width=1000)
    (HERE / "expected.yaml").write_text(text, encoding="utf-8")
    print(f"wrote {len(expected)} cases")
